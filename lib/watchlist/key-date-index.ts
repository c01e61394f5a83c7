/**
 * The watchlist in order without reading all of it: each stored entry carries the instants of
 * its key dates (`keyDateInstants`, kept on every write by `withKeyDateIndex`), indexed as
 * many keys to one entry. Walking that index from just before now meets each entry at every
 * one of its key dates still around; the entry takes its place at its next one
 * (`nextKeyDate`), so the first rows come in the watchlist's order (`sortWatchlist`) after
 * reading about as many entries as are shown.
 */
import type { IDBPDatabase } from 'idb';
import { DAY_MS } from '../dates';
import type { TenderTimelineDB } from './db';
import { readWatchlistCount } from './count';
import { nextKeyDate, sortWatchlist, type WatchedProcurement } from './entry';

export const KEY_DATE_INDEX = { name: 'byKeyDate', keyPath: 'keyDateInstants' } as const;

/** A watchlist entry as stored: with the instants its key-date index is made of. */
export type StoredEntry = WatchedProcurement & { keyDateInstants?: string[] };

/** `entry` with the instants of its key dates that can be next (void ones never are). */
export function withKeyDateIndex(entry: WatchedProcurement): StoredEntry {
  return { ...entry, keyDateInstants: [...new Set(entry.keyDates.filter((k) => !k.void).map((k) => k.at))] };
}

/** A stored entry as the rest of the code knows it: the index's instants are the database's alone. */
export function asEntry(stored: StoredEntry): WatchedProcurement {
  const { keyDateInstants: _instants, ...entry } = stored;
  return entry;
}

/**
 * How far before now the walk starts: a key date whose instant has passed is still ahead
 * until its end (a date given without a time lasts to the end of its UK day).
 */
const STILL_AHEAD_MS = 2 * DAY_MS;

/** The first `limit` entries in the watchlist's order, and how many there are in all. */
export async function firstInOrder(db: IDBPDatabase<TenderTimelineDB>, now: Date, limit: number): Promise<{ entries: WatchedProcurement[]; total: number }> {
  const tx = db.transaction(['watchlist', 'meta']);
  const watchlist = tx.objectStore('watchlist');
  const total = await readWatchlistCount({ watchlist, meta: tx.objectStore('meta') });
  const entries: WatchedProcurement[] = [];
  const placed = new Set<string>();
  const from = IDBKeyRange.lowerBound(new Date(now.getTime() - STILL_AHEAD_MS).toISOString());
  for (let cursor = await watchlist.index(KEY_DATE_INDEX.name).openCursor(from); cursor && entries.length < limit; cursor = await cursor.continue()) {
    const entry = cursor.value;
    if (placed.has(entry.ocid) || nextKeyDate(entry, now)?.at !== cursor.key) continue;
    placed.add(entry.ocid);
    entries.push(asEntry(entry));
  }
  await tx.done;
  if (entries.length === limit || entries.length === total) return { entries, total };
  // Fewer entries with a key date ahead than rows asked for: the rest (none ahead) come after, from the whole list.
  return { entries: sortWatchlist((await db.getAll('watchlist')).map(asEntry), now).slice(0, limit), total };
}
