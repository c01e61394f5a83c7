/** Watchlist and cache operations on the extension's database. */
import type { IDBPDatabase, IDBPObjectStore } from 'idb';
import { FTS_ORIGIN } from '../fts/urls';
import type { ProcurementRead } from '../ocds/read';
import type { Procurement } from '../procurement';
import { reminderSpent } from '../reminders';
import { diffProcurements } from '../timeline/changes';
import { asEntry, withKeyDateIndex } from './key-date-index';
import { UNSEEN_INDEX, type CachedProcurement, type Snapshot, type TenderTimelineDB } from './db';
import { decodeHistories, decodeHistory, encodeHistory, type StoredSnapshot } from './history';
import { sortWatchlist, summarise, type BidStatus, type DetectedChange, type WatchedProcurement } from './entry';
import { UNDO_MS } from './undo';
import { keepWatchlistCount, recountWatchlist } from './count';

type DB = IDBPDatabase<TenderTimelineDB>;

/** How long a read procurement answers for FTS without a new request. */
export const CACHE_TTL_MS = 10 * 60 * 1000;

/** How many reads of each watched procurement are kept. */
export const SNAPSHOTS_KEPT = 5;

/** How many unseen changes each watched procurement keeps (the newest). */
export const UNSEEN_CHANGES_KEPT = 100;

/** Meta key: when the last backup was made (ISO instant). */
export const LAST_BACKUP_KEY = 'lastBackupAt';

type SnapshotStore = IDBPObjectStore<TenderTimelineDB, ['watchlist', 'snapshots'] | ['watchlist', 'snapshots', 'meta'], 'snapshots', 'readwrite'>;

/** Every snapshot of `ocid`, oldest first, whole. */
async function readHistory(snapshots: { index(name: 'byOcid'): { getAll(ocid: string): Promise<StoredSnapshot[]> } }, ocid: string): Promise<Snapshot[]> {
  return decodeHistory(await snapshots.index('byOcid').getAll(ocid));
}

/**
 * Stores `history` as the snapshots of `ocid` (its newest `SNAPSHOTS_KEPT`, each older one as
 * what differs from the next), in place of those `stored`.
 */
async function writeHistory(snapshots: SnapshotStore, stored: readonly Snapshot[], history: readonly Snapshot[]): Promise<void> {
  const rows = encodeHistory(history).slice(-SNAPSHOTS_KEPT);
  const kept = new Set(rows.map((row) => row.takenAt));
  for (const old of stored) if (!kept.has(old.takenAt)) await snapshots.delete([old.ocid, old.takenAt]);
  for (const row of rows) await snapshots.put(row);
}

/** `history` with `snapshot` in it, in place of one taken at the same time. */
const including = (history: readonly Snapshot[], snapshot: Snapshot) => [...history.filter((s) => s.takenAt !== snapshot.takenAt), snapshot];

/** `fresh` (newly read) with the user's own work on the procurement from `kept`: since when, note, tags, bid status. */
const keepingUserWork = (fresh: WatchedProcurement, kept: WatchedProcurement, unseenChanges: DetectedChange[]): WatchedProcurement => ({
  ...fresh,
  watchedAt: kept.watchedAt,
  note: kept.note,
  tags: kept.tags,
  bidStatus: kept.bidStatus,
  unseenChanges,
});

/**
 * Watches a procurement. Without a snapshot (its read was cut off, so it is not the
 * procurement's state) the entry is stored only when none was: it waits for a whole read.
 */
export async function watch(db: DB, entry: WatchedProcurement, snapshot: Snapshot | undefined): Promise<void> {
  const tx = db.transaction(['watchlist', 'snapshots', 'meta'], 'readwrite');
  const watchlist = tx.objectStore('watchlist');
  const known = await watchlist.get(entry.ocid);
  if (!known) {
    await watchlist.put(withKeyDateIndex(entry));
    await keepWatchlistCount({ watchlist, meta: tx.objectStore('meta') }, 1);
  }
  // Watching again refreshes the data but keeps the user's own work on it.
  else if (snapshot) await watchlist.put(withKeyDateIndex(keepingUserWork(entry, known, known.unseenChanges)));
  if (snapshot) {
    const snapshots = tx.objectStore('snapshots');
    const history = await readHistory(snapshots, entry.ocid);
    await writeHistory(snapshots, history, including(history, snapshot));
  }
  await tx.done;
}

/** Meta keys of what was unwatched, kept for Undo: one per procurement. */
const REMOVED_PREFIX = 'removed:';
/** Every key that starts with the prefix: up to, not including, the prefix with its last character the next one (":" → ";"). No U+FFFF bound, which the minifier writes as a raw character. */
const removedKeys = () => IDBKeyRange.bound(REMOVED_PREFIX, 'removed;', false, true);

/** Everything stored of an unwatched procurement, as it was stored, until it can no longer be undone. */
export interface RemovedEntry {
  entry: WatchedProcurement;
  snapshots: StoredSnapshot[];
  /** ISO instant. */
  removedAt: string;
}

type MetaStore = IDBPObjectStore<TenderTimelineDB, ['watchlist', 'snapshots', 'meta'], 'meta', 'readwrite'>;

/** Forgets what was unwatched longer ago than Undo allows. */
async function pruneRemoved(meta: MetaStore, now: Date): Promise<void> {
  for (let cursor = await meta.openCursor(removedKeys()); cursor; cursor = await cursor.continue()) {
    const removed = cursor.value.value as RemovedEntry;
    if (now.getTime() - new Date(removed.removedAt).getTime() > UNDO_MS) await cursor.delete();
  }
}

/**
 * Unwatching forgets the procurement's snapshots too (a backup keeps them, if taken). For
 * `UNDO_MS` everything stored of it is kept aside, in the same transaction, for `restore`.
 * Returns the removed entry (none when it was not watched).
 */
export async function unwatch(db: DB, ocid: string, now = new Date()): Promise<WatchedProcurement | undefined> {
  const tx = db.transaction(['watchlist', 'snapshots', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  await pruneRemoved(meta, now);
  const entry = await tx.objectStore('watchlist').get(ocid);
  const snapshots = tx.objectStore('snapshots');
  const rows = await snapshots.index('byOcid').getAll(ocid);
  if (entry) await meta.put({ key: REMOVED_PREFIX + ocid, value: { entry, snapshots: rows, removedAt: now.toISOString() } satisfies RemovedEntry });
  await tx.objectStore('watchlist').delete(ocid);
  if (entry) await keepWatchlistCount({ watchlist: tx.objectStore('watchlist'), meta }, -1);
  for (const row of rows) await snapshots.delete([row.ocid, row.takenAt]);
  await tx.done;
  return entry && asEntry(entry);
}

/**
 * Undoes an Unwatch of `ocid` made less than `UNDO_MS` ago: the entry and its snapshots come
 * back as they were stored. Watched again meanwhile, the user's work on it comes back onto
 * the new entry (as watching again keeps it) and the two histories are joined, one snapshot
 * per time. Returns the restored entry, or undefined when there is nothing (left) to undo.
 */
export async function restore(db: DB, ocid: string, now = new Date()): Promise<WatchedProcurement | undefined> {
  const tx = db.transaction(['watchlist', 'snapshots', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  await pruneRemoved(meta, now);
  const removed = (await meta.get(REMOVED_PREFIX + ocid))?.value as RemovedEntry | undefined;
  if (!removed) {
    await tx.done;
    return undefined;
  }
  const watchlist = tx.objectStore('watchlist');
  const snapshots = tx.objectStore('snapshots');
  const current = await watchlist.get(ocid);
  const { entry } = removed;
  const restored = current ? keepingUserWork(current, entry, [...entry.unseenChanges, ...current.unseenChanges].slice(-UNSEEN_CHANGES_KEPT)) : entry;
  await watchlist.put(withKeyDateIndex(restored));
  if (!current) await keepWatchlistCount({ watchlist, meta }, 1);
  if (current) {
    const history = await readHistory(snapshots, ocid);
    const joined = decodeHistory(removed.snapshots).reduce(including, history);
    await writeHistory(snapshots, history, joined);
  } else for (const row of removed.snapshots) await snapshots.put(row);
  await meta.delete(REMOVED_PREFIX + ocid);
  await tx.done;
  return asEntry(restored);
}

export async function getEntry(db: DB, ocid: string): Promise<WatchedProcurement | undefined> {
  const stored = await db.get('watchlist', ocid);
  return stored && asEntry(stored);
}

/** Every snapshot of a procurement, oldest first, whole. */
export async function snapshotHistory(db: DB, ocid: string): Promise<Snapshot[]> {
  return readHistory(db.transaction('snapshots').store, ocid);
}

export async function latestSnapshot(db: DB, ocid: string): Promise<Snapshot | undefined> {
  return (await snapshotHistory(db, ocid)).at(-1);
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
  const history = await readHistory(snapshots, procurement.ocid);
  const previous = history.at(-1);
  const nowIso = now.toISOString();
  const changes: DetectedChange[] = previous ? diffProcurements(previous.procurement, procurement).map((change) => ({ ...change, foundAt: nowIso })) : [];
  // A snapshot dated after now (a clock once set ahead) would stay the newest for ever and
  // every read would be compared with it again: this read, the latest there is, replaces it.
  const fromTheFuture = history.filter((snapshot) => snapshot.takenAt > nowIso);
  if (!previous || changes.length > 0 || fromTheFuture.length > 0) {
    const past = history.filter((snapshot) => snapshot.takenAt <= nowIso);
    await writeHistory(snapshots, history, including(past, { ocid: procurement.ocid, takenAt: nowIso, procurement }));
  }
  await watchlist.put(
    withKeyDateIndex({
      ...entry,
      ...summarise(procurement),
      unseenChanges: [...entry.unseenChanges, ...changes].slice(-UNSEEN_CHANGES_KEPT),
      lastCheckedAt: nowIso,
      lastCheckError: undefined,
    }),
  );
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

/** How many procurements have unseen changes: a count of the index, reading no entry. */
export async function countUnseen(db: DB): Promise<number> {
  return db.countFromIndex('watchlist', UNSEEN_INDEX.name, IDBKeyRange.lowerBound(1));
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
  return updated && asEntry(updated);
}

export async function getMeta<T>(db: DB, key: string): Promise<T | undefined> {
  return (await db.get('meta', key))?.value as T | undefined;
}

export async function setMeta(db: DB, key: string, value: unknown): Promise<void> {
  await db.put('meta', { key, value });
}

/** Reads and rewrites one meta value in one transaction, so that two updates from different places never lose one another. */
export async function updateMeta<T>(db: DB, key: string, update: (value: T | undefined) => T): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const stored = (await tx.store.get(key))?.value as T | undefined;
  await tx.store.put({ key, value: update(stored) });
  await tx.done;
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

/** Writes entries and snapshots as they are (test and benchmark set-up). */
export async function putAll(db: DB, entries: WatchedProcurement[], snapshots: Snapshot[]): Promise<void> {
  const tx = db.transaction(['watchlist', 'snapshots', 'meta'], 'readwrite');
  const watchlist = tx.objectStore('watchlist');
  await Promise.all([...entries.map((entry) => watchlist.put(withKeyDateIndex(entry))), ...snapshots.map((snapshot) => tx.objectStore('snapshots').put(snapshot))]);
  await recountWatchlist({ watchlist, meta: tx.objectStore('meta') });
  await tx.done;
}

/**
 * Every watchlist entry, in key order, `size` at a time, each batch read in its own short
 * transaction (a backup of any size never holds the database for long, nor all of it in memory).
 */
export async function* entriesInBatches(db: DB, size: number): AsyncGenerator<WatchedProcurement[]> {
  let after: string | undefined;
  for (;;) {
    const tx = db.transaction('watchlist');
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const [values, keys] = await Promise.all([tx.store.getAll(range, size), tx.store.getAllKeys(range, size)]);
    await tx.done;
    if (values.length > 0) yield values.map(asEntry);
    if (values.length < size) return;
    after = keys.at(-1);
  }
}

/**
 * Every snapshot, whole, procurement by procurement, about `size` at a time in the same way.
 * A batch takes in the rest of its last procurement's snapshots, since each older one is
 * read from the one after it.
 */
export async function* snapshotsInBatches(db: DB, size: number): AsyncGenerator<Snapshot[]> {
  let after: [string, string] | undefined;
  for (;;) {
    const tx = db.transaction('snapshots');
    const rows = await tx.store.getAll(after && IDBKeyRange.lowerBound(after, true), size);
    const last = rows.at(-1);
    // [ocid, []] sorts after every [ocid, takenAt]: an array key after any string.
    if (last && rows.length === size) rows.push(...(await tx.store.getAll(IDBKeyRange.bound([last.ocid, last.takenAt], [last.ocid, []], true))));
    await tx.done;
    if (rows.length > 0) yield decodeHistories(rows);
    if (rows.length < size) return;
    const end = rows.at(-1)!;
    after = [end.ocid, end.takenAt];
  }
}

/**
 * Merges entries from elsewhere (a backup) into the watchlist: for each, `merge` is given
 * what is stored (or undefined) and says what to store (or undefined: nothing). Reading and
 * writing are one transaction, so a refresh writing meanwhile is never rolled back.
 */
export async function mergeEntries(
  db: DB,
  entries: WatchedProcurement[],
  merge: (existing: WatchedProcurement | undefined, incoming: WatchedProcurement) => WatchedProcurement | undefined,
): Promise<void> {
  const tx = db.transaction(['watchlist', 'meta'], 'readwrite');
  const watchlist = tx.objectStore('watchlist');
  const stored = (await Promise.all(entries.map((entry) => watchlist.get(entry.ocid)))).map((found) => found && asEntry(found));
  const added = new Set<string>();
  const writes = entries.flatMap((entry, i) => {
    const write = merge(stored[i], entry);
    if (write && !stored[i]) added.add(write.ocid);
    return write ? [write] : [];
  });
  await Promise.all(writes.map((entry) => watchlist.put(withKeyDateIndex(entry))));
  await keepWatchlistCount({ watchlist, meta: tx.objectStore('meta') }, added.size);
  await tx.done;
}

/**
 * Adds snapshots from elsewhere (a backup): each is `added`, `known` (one taken at the
 * same time is kept) or `notWatched` (its procurement is not in the watchlist: left out).
 * Each procurement keeps its newest `SNAPSHOTS_KEPT`.
 */
export async function addSnapshots(db: DB, snapshots: Snapshot[]): Promise<Array<'added' | 'known' | 'notWatched'>> {
  const tx = db.transaction(['watchlist', 'snapshots'], 'readwrite');
  const watchlist = tx.objectStore('watchlist');
  const store = tx.objectStore('snapshots');
  const [watched, known] = await Promise.all([
    Promise.all(snapshots.map((snapshot) => watchlist.getKey(snapshot.ocid))),
    Promise.all(snapshots.map((snapshot) => store.getKey([snapshot.ocid, snapshot.takenAt]))),
  ]);
  const outcomes = snapshots.map((_, i): 'added' | 'known' | 'notWatched' => (watched[i] === undefined ? 'notWatched' : known[i] !== undefined ? 'known' : 'added'));
  const added = snapshots.filter((_, i) => outcomes[i] === 'added');
  for (const ocid of new Set(added.map((snapshot) => snapshot.ocid))) {
    const history = await readHistory(store, ocid);
    await writeHistory(store, history, added.filter((snapshot) => snapshot.ocid === ocid).reduce(including, history));
  }
  await tx.done;
  return outcomes;
}

export async function listWatchlist(db: DB, now: Date): Promise<WatchedProcurement[]> {
  return sortWatchlist((await db.getAll('watchlist')).map(asEntry), now);
}

/** Keeps a read of FTS's data (the caller vouches that it came from FTS and is whole). */
export async function cachePut(db: DB, read: ProcurementRead, noticeIds: string[], now: Date): Promise<void> {
  const { procurement, problems, completeness } = read;
  const ids = [...new Set([...noticeIds, ...procurement.notices.map((n) => n.id)])];
  await db.put('procurementCache', { ocid: procurement.ocid, origin: FTS_ORIGIN, noticeIds: ids, procurement, problems, completeness, fetchedAt: now.toISOString() });
}

/** A cached read known to be FTS's, and how much of the procurement it held. */
export type FtsCachedRead = CachedProcurement & ProcurementRead;

/** The cached read when it is FTS's and says how much it held: entries of unknown origin or completeness are never used. */
function fromFts(entry: CachedProcurement | undefined): FtsCachedRead | undefined {
  return entry?.origin === FTS_ORIGIN && entry.completeness !== undefined ? (entry as FtsCachedRead) : undefined;
}

function fresh(entry: CachedProcurement | undefined, now: Date): FtsCachedRead | undefined {
  const ours = fromFts(entry);
  const age = ours ? now.getTime() - new Date(ours.fetchedAt).getTime() : -1;
  return age >= 0 && age < CACHE_TTL_MS ? ours : undefined;
}

export async function cacheByNoticeId(db: DB, noticeId: string, now: Date): Promise<FtsCachedRead | undefined> {
  return fresh(await db.getFromIndex('procurementCache', 'byNoticeId', noticeId), now);
}

export async function cacheByOcid(db: DB, ocid: string, now: Date): Promise<FtsCachedRead | undefined> {
  return fresh(await db.get('procurementCache', ocid), now);
}

/** FTS's last cached read of a procurement, whatever its age (what a page left open for days showed). */
export async function cachedFtsRead(db: DB, ocid: string): Promise<FtsCachedRead | undefined> {
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
