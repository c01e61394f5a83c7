/**
 * How many entries the watchlist holds, kept in the meta store beside them: counting the
 * store walks every entry (IndexedDB has no constant-time count: 35 ms at 20,000 in
 * Chromium), and the first rows would wait on it. Every write that adds or removes entries
 * updates it in its own transaction, so the two never disagree; where it is missing, the
 * entries are counted.
 */
export const WATCHLIST_COUNT_KEY = 'watchlistCount';

interface ReadingStores {
  watchlist: { count(): Promise<number> };
  meta: { get(key: string): Promise<{ value: unknown } | undefined> };
}

interface CountingStores extends ReadingStores {
  meta: ReadingStores['meta'] & { put(record: { key: string; value: unknown }): Promise<unknown> };
}

async function kept(meta: ReadingStores['meta']): Promise<number | undefined> {
  const value = (await meta.get(WATCHLIST_COUNT_KEY))?.value;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** The watchlist's size as kept, or counted when it is not. */
export async function readWatchlistCount(stores: ReadingStores): Promise<number> {
  return (await kept(stores.meta)) ?? stores.watchlist.count();
}

/** Keeps the size after a write, in the same transaction, that added `delta` entries (removed, when negative). */
export async function keepWatchlistCount(stores: CountingStores, delta: number): Promise<void> {
  if (delta === 0) return;
  const before = await kept(stores.meta);
  // Not kept yet: the store, counted now, already holds this write.
  await stores.meta.put({ key: WATCHLIST_COUNT_KEY, value: before === undefined ? await stores.watchlist.count() : Math.max(0, before + delta) });
}

/** Counts the entries again and keeps that (after writes that do not say how many they added). */
export async function recountWatchlist(stores: CountingStores): Promise<void> {
  await stores.meta.put({ key: WATCHLIST_COUNT_KEY, value: await stores.watchlist.count() });
}
