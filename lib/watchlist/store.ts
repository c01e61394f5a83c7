/** Watchlist and cache operations on the extension's database. */
import type { IDBPDatabase } from 'idb';
import type { Problem } from '../ocds/problems';
import type { Procurement } from '../procurement';
import type { CachedProcurement, TenderTimelineDB } from './db';
import { sortWatchlist, type WatchedProcurement } from './entry';

type DB = IDBPDatabase<TenderTimelineDB>;

/** How long a read procurement answers for FTS without a new request. */
export const CACHE_TTL_MS = 10 * 60 * 1000;

export async function watch(db: DB, entry: WatchedProcurement): Promise<void> {
  const tx = db.transaction('watchlist', 'readwrite');
  const known = await tx.store.get(entry.ocid);
  // Watching again refreshes the data but keeps when it was first watched.
  await tx.store.put(known ? { ...entry, watchedAt: known.watchedAt } : entry);
  await tx.done;
}

export async function unwatch(db: DB, ocid: string): Promise<void> {
  await db.delete('watchlist', ocid);
}

export async function isWatched(db: DB, ocid: string): Promise<boolean> {
  return (await db.getKey('watchlist', ocid)) !== undefined;
}

export async function listWatchlist(db: DB, now: Date): Promise<WatchedProcurement[]> {
  return sortWatchlist(await db.getAll('watchlist'), now);
}

export async function cachePut(db: DB, procurement: Procurement, problems: Problem[], noticeIds: string[], now: Date): Promise<void> {
  const ids = [...new Set([...noticeIds, ...procurement.notices.map((n) => n.id)])];
  await db.put('procurementCache', { ocid: procurement.ocid, noticeIds: ids, procurement, problems, fetchedAt: now.toISOString() });
}

function fresh(entry: CachedProcurement | undefined, now: Date): CachedProcurement | undefined {
  if (!entry) return undefined;
  const age = now.getTime() - new Date(entry.fetchedAt).getTime();
  return age >= 0 && age < CACHE_TTL_MS ? entry : undefined;
}

export async function cacheByNoticeId(db: DB, noticeId: string, now: Date): Promise<CachedProcurement | undefined> {
  return fresh(await db.getFromIndex('procurementCache', 'byNoticeId', noticeId), now);
}

export async function cacheByOcid(db: DB, ocid: string, now: Date): Promise<CachedProcurement | undefined> {
  return fresh(await db.get('procurementCache', ocid), now);
}

/** Drops stale cache entries so the cache does not grow without end. */
export async function pruneCache(db: DB, now: Date): Promise<void> {
  const tx = db.transaction('procurementCache', 'readwrite');
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    if (!fresh(cursor.value, now)) await cursor.delete();
  }
  await tx.done;
}
