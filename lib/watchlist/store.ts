/** Watchlist and cache operations on the extension's database. */
import type { IDBPDatabase } from 'idb';
import { FTS_ORIGIN } from '../fts/urls';
import type { ProcurementRead } from '../ocds/read';
import type { Procurement } from '../procurement';
import { reminderSpent } from '../reminders';
import { diffProcurements } from '../timeline/changes';
import type { CachedProcurement, Snapshot, TenderTimelineDB } from './db';
import { sortWatchlist, summarise, type BidStatus, type DetectedChange, type WatchedProcurement } from './entry';

type DB = IDBPDatabase<TenderTimelineDB>;

/** How long a read procurement answers for FTS without a new request. */
export const CACHE_TTL_MS = 10 * 60 * 1000;

/** How many reads of each watched procurement are kept. */
export const SNAPSHOTS_KEPT = 5;

/** How many unseen changes each watched procurement keeps (the newest). */
export const UNSEEN_CHANGES_KEPT = 100;

/**
 * Watches a procurement. Without a snapshot (its read was cut off, so it is not the
 * procurement's state) the entry is stored only when none was: it waits for a whole read.
 */
export async function watch(db: DB, entry: WatchedProcurement, snapshot: Snapshot | undefined): Promise<void> {
  const tx = db.transaction(['watchlist', 'snapshots'], 'readwrite');
  const watchlist = tx.objectStore('watchlist');
  const known = await watchlist.get(entry.ocid);
  if (!known) await watchlist.put(entry);
  // Watching again refreshes the data but keeps the user's own work on it.
  else if (snapshot) await watchlist.put({ ...entry, watchedAt: known.watchedAt, note: known.note, tags: known.tags, bidStatus: known.bidStatus, unseenChanges: known.unseenChanges });
  if (snapshot) await tx.objectStore('snapshots').put(snapshot);
  await tx.done;
}

/** Unwatching forgets the procurement's snapshots too (a backup keeps them, if taken). */
export async function unwatch(db: DB, ocid: string): Promise<void> {
  const tx = db.transaction(['watchlist', 'snapshots'], 'readwrite');
  await tx.objectStore('watchlist').delete(ocid);
  const snapshots = tx.objectStore('snapshots');
  for (const key of await snapshots.index('byOcid').getAllKeys(ocid)) await snapshots.delete(key);
  await tx.done;
}

export async function getEntry(db: DB, ocid: string): Promise<WatchedProcurement | undefined> {
  return db.get('watchlist', ocid);
}

export async function latestSnapshot(db: DB, ocid: string): Promise<Snapshot | undefined> {
  const all = await db.getAllFromIndex('snapshots', 'byOcid', ocid);
  return all.sort((a, b) => a.takenAt.localeCompare(b.takenAt)).at(-1);
}

/**
 * Records a fresh read of a watched procurement: what changed since the last one becomes
 * unseen changes, the read becomes the newest snapshot (keeping a bounded history), and
 * the summary follows. Returns the changes (none when it was not watched).
 */
export async function applyRefresh(db: DB, procurement: Procurement, now: Date): Promise<DetectedChange[]> {
  const tx = db.transaction(['watchlist', 'snapshots'], 'readwrite');
  const watchlist = tx.objectStore('watchlist');
  const snapshots = tx.objectStore('snapshots');
  const entry = await watchlist.get(procurement.ocid);
  if (!entry) {
    await tx.done;
    return [];
  }
  const history = (await snapshots.index('byOcid').getAll(procurement.ocid)).sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  const previous = history.at(-1);
  const foundAt = now.toISOString();
  const changes: DetectedChange[] = previous ? diffProcurements(previous.procurement, procurement).map((change) => ({ ...change, foundAt })) : [];
  if (!previous || changes.length > 0) {
    await snapshots.put({ ocid: procurement.ocid, takenAt: now.toISOString(), procurement });
    for (const old of history.slice(0, Math.max(0, history.length + 1 - SNAPSHOTS_KEPT))) await snapshots.delete([old.ocid, old.takenAt]);
  }
  await watchlist.put({
    ...entry,
    ...summarise(procurement),
    unseenChanges: [...entry.unseenChanges, ...changes].slice(-UNSEEN_CHANGES_KEPT),
    lastCheckedAt: now.toISOString(),
    lastCheckError: undefined,
  });
  await tx.done;
  return changes;
}

/** A failed refresh is noted; the last good data stays as it was. */
export async function recordRefreshError(db: DB, ocid: string, message: string): Promise<void> {
  const tx = db.transaction('watchlist', 'readwrite');
  const entry = await tx.store.get(ocid);
  if (entry) await tx.store.put({ ...entry, lastCheckError: message });
  await tx.done;
}

/** Clears the unseen changes of one procurement, or of all when `ocid` is undefined. */
export async function markSeen(db: DB, ocid?: string): Promise<void> {
  const tx = db.transaction('watchlist', 'readwrite');
  for (let cursor = await tx.store.openCursor(ocid); cursor; cursor = await cursor.continue()) {
    if (cursor.value.unseenChanges.length > 0) await cursor.update({ ...cursor.value, unseenChanges: [] });
  }
  await tx.done;
}

export async function countUnseen(db: DB): Promise<number> {
  let count = 0;
  const tx = db.transaction('watchlist');
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    if (cursor.value.unseenChanges.length > 0) count++;
  }
  await tx.done;
  return count;
}

export interface UserFields {
  note?: string;
  tags?: string[];
  bidStatus?: BidStatus;
}

export async function updateUserFields(db: DB, ocid: string, fields: UserFields): Promise<WatchedProcurement | undefined> {
  const tx = db.transaction('watchlist', 'readwrite');
  const entry = await tx.store.get(ocid);
  const updated = entry && { ...entry, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  if (updated) await tx.store.put(updated);
  await tx.done;
  return updated;
}

export async function getMeta<T>(db: DB, key: string): Promise<T | undefined> {
  return (await db.get('meta', key))?.value as T | undefined;
}

export async function setMeta(db: DB, key: string, value: unknown): Promise<void> {
  await db.put('meta', { key, value });
}

export async function firedReminderIds(db: DB): Promise<Set<string>> {
  return new Set(await db.getAllKeys('firedReminders'));
}

export async function markRemindersFired(db: DB, ids: string[], now: Date): Promise<void> {
  const tx = db.transaction('firedReminders', 'readwrite');
  for (const id of ids) await tx.store.put({ id, firedAt: now.toISOString() });
  await tx.done;
}

/** Forgets fired reminders that can never be due again, so that their list does not grow without end. */
export async function pruneFiredReminders(db: DB, now: Date): Promise<void> {
  const tx = db.transaction('firedReminders', 'readwrite');
  for (let cursor = await tx.store.openKeyCursor(); cursor; cursor = await cursor.continue()) {
    if (reminderSpent(cursor.key, now)) await tx.store.delete(cursor.key);
  }
  await tx.done;
}

export async function allSnapshots(db: DB): Promise<Snapshot[]> {
  return db.getAll('snapshots');
}

/** Writes entries and snapshots as they are (an import that was already merged). */
export async function putAll(db: DB, entries: WatchedProcurement[], snapshots: Snapshot[]): Promise<void> {
  const tx = db.transaction(['watchlist', 'snapshots'], 'readwrite');
  for (const entry of entries) await tx.objectStore('watchlist').put(entry);
  for (const snapshot of snapshots) await tx.objectStore('snapshots').put(snapshot);
  await tx.done;
}

export async function listWatchlist(db: DB, now: Date): Promise<WatchedProcurement[]> {
  return sortWatchlist(await db.getAll('watchlist'), now);
}

/** Keeps a read of FTS's data (the caller vouches that it came from FTS and is whole). */
export async function cachePut(db: DB, read: ProcurementRead, noticeIds: string[], now: Date): Promise<void> {
  const { procurement, problems } = read;
  const ids = [...new Set([...noticeIds, ...procurement.notices.map((n) => n.id)])];
  await db.put('procurementCache', { ocid: procurement.ocid, origin: FTS_ORIGIN, noticeIds: ids, procurement, problems, fetchedAt: now.toISOString() });
}

/** The cached read when it is FTS's: entries of unknown origin are never used. */
function fromFts(entry: CachedProcurement | undefined): CachedProcurement | undefined {
  return entry?.origin === FTS_ORIGIN ? entry : undefined;
}

function fresh(entry: CachedProcurement | undefined, now: Date): CachedProcurement | undefined {
  const ours = fromFts(entry);
  const age = ours ? now.getTime() - new Date(ours.fetchedAt).getTime() : -1;
  return age >= 0 && age < CACHE_TTL_MS ? ours : undefined;
}

export async function cacheByNoticeId(db: DB, noticeId: string, now: Date): Promise<CachedProcurement | undefined> {
  return fresh(await db.getFromIndex('procurementCache', 'byNoticeId', noticeId), now);
}

export async function cacheByOcid(db: DB, ocid: string, now: Date): Promise<CachedProcurement | undefined> {
  return fresh(await db.get('procurementCache', ocid), now);
}

/** FTS's last cached read of a procurement, whatever its age (what a page left open for days showed). */
export async function cachedFtsRead(db: DB, ocid: string): Promise<CachedProcurement | undefined> {
  return fromFts(await db.get('procurementCache', ocid));
}

/** Drops stale cache entries so the cache does not grow without end. */
export async function pruneCache(db: DB, now: Date): Promise<void> {
  const tx = db.transaction('procurementCache', 'readwrite');
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    if (!fresh(cursor.value, now)) await cursor.delete();
  }
  await tx.done;
}
