/**
 * The extension's database (IndexedDB through idb), owned by the background alone.
 * Each version's upgrade is a small named step, run in order from the version found.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Problem } from '../ocds/problems';
import type { Completeness } from '../ocds/read';
import type { Procurement } from '../procurement';
import { SWEEP_KEY, type SweepState } from '../refresh/sweep';
import { decodeHistory, encodeHistory, type StoredSnapshot } from './history';
import { isLegacyChange, upgradeLegacyChange, type LegacyDetectedChange, type WatchedProcurement } from './entry';
import { recountWatchlist } from './count';
import { KEY_DATE_INDEX, withKeyDateIndex, type StoredEntry } from './key-date-index';

/** A procurement as read at one moment; a bounded history is kept for each watched one. */
export interface Snapshot {
  ocid: string;
  /** ISO instant. */
  takenAt: string;
  procurement: Procurement;
}

/** Small durable state, such as how far the refresh has swept FTS's updates. */
export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface FiredReminder {
  id: string;
  /** ISO instant. */
  firedAt: string;
}

export const DB_NAME = 'tender-timeline';

/**
 * A read procurement kept for a few minutes, so reopening a notice costs no request. Only
 * FTS's own data is kept (from FTS or one of its pages, never another site's copy), since
 * what is cached is shown on FTS's pages and stored when a procurement is watched.
 */
export interface CachedProcurement {
  ocid: string;
  /** Where the data came from: FTS's origin. Entries without it (older versions cached any page's data) are not used. */
  origin: string;
  noticeIds: string[];
  procurement: Procurement;
  problems: Problem[];
  /** How much of the procurement the read held; entries without it (older versions) are not used. */
  completeness?: Completeness;
  /** ISO instant. */
  fetchedAt: string;
}

export interface TenderTimelineDB extends DBSchema {
  watchlist: { key: string; value: StoredEntry; indexes: { byUnseenCount: number; byKeyDate: string } };
  procurementCache: { key: string; value: CachedProcurement; indexes: { byNoticeId: string } };
  snapshots: { key: [string, string]; value: StoredSnapshot; indexes: { byOcid: string } };
  meta: { key: string; value: MetaRecord };
  firedReminders: { key: string; value: FiredReminder };
}

type UpgradeTransaction = IDBPTransaction<TenderTimelineDB, StoreNames<TenderTimelineDB>[], 'versionchange'>;

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the upgrade transaction; data steps chain their requests on `tx`. */
  run(db: IDBPDatabase<TenderTimelineDB>, tx: UpgradeTransaction): void | Promise<void>;
}

/**
 * The index of how many unseen changes each entry has (IndexedDB reads an array's `length`
 * in a key path), so that the toolbar badge is a count of the index from 1 up: kept by the
 * database itself on every write, with no cursor over the watchlist and no counter to drift.
 */
export const UNSEEN_INDEX = { name: 'byUnseenCount', keyPath: 'unseenChanges.length' } as const;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'create the watchlist and the procurement cache',
    run(db) {
      db.createObjectStore('watchlist', { keyPath: 'ocid' });
      const cache = db.createObjectStore('procurementCache', { keyPath: 'ocid' });
      cache.createIndex('byNoticeId', 'noticeIds', { multiEntry: true });
    },
  },
  {
    version: 2,
    name: 'keep snapshots, the user’s notes, tags and bid status, and refresh and reminder state',
    async run(db, tx) {
      const snapshots = db.createObjectStore('snapshots', { keyPath: ['ocid', 'takenAt'] });
      snapshots.createIndex('byOcid', 'ocid');
      db.createObjectStore('meta', { keyPath: 'key' });
      db.createObjectStore('firedReminders', { keyPath: 'id' });
      const cache = tx.objectStore('procurementCache');
      const watchlist = tx.objectStore('watchlist');
      for (let cursor = await watchlist.openCursor(); cursor; cursor = await cursor.continue()) {
        const old = cursor.value as Partial<WatchedProcurement> & Pick<WatchedProcurement, 'ocid'>;
        await cursor.update({ note: '', tags: [], bidStatus: 'watching', unseenChanges: [], ...old } as WatchedProcurement);
        // The data shown when it was watched becomes its first snapshot, where it is still cached.
        const cached = await cache.get(old.ocid);
        if (cached) await tx.objectStore('snapshots').put({ ocid: old.ocid, takenAt: cached.fetchedAt, procurement: cached.procurement });
      }
    },
  },
  {
    version: 3,
    name: 'unseen changes in the one model of what changed',
    async run(_db, tx) {
      const watchlist = tx.objectStore('watchlist');
      for (let cursor = await watchlist.openCursor(); cursor; cursor = await cursor.continue()) {
        const stored = cursor.value.unseenChanges as Array<WatchedProcurement['unseenChanges'][number] | LegacyDetectedChange>;
        if (!stored.some(isLegacyChange)) continue;
        await cursor.update({ ...cursor.value, unseenChanges: stored.map((c) => (isLegacyChange(c) ? upgradeLegacyChange(c) : c)) });
      }
    },
  },
  {
    version: 4,
    name: 'read every watched procurement again, for key dates stored before they were marked void or expected',
    async run(_db, tx) {
      // Stored key dates without the marks read as happening and firm, which a cancelled or
      // planned procurement's are not. Only a fresh read knows: the next refresh reads each.
      const ocids = (await tx.objectStore('watchlist').getAllKeys()) as string[];
      if (ocids.length === 0) return;
      const meta = tx.objectStore('meta');
      const state = ((await meta.get(SWEEP_KEY))?.value as SweepState | undefined) ?? { pending: [] };
      await meta.put({ key: SWEEP_KEY, value: { ...state, pending: [...new Set([...state.pending, ...ocids])] } satisfies SweepState });
    },
  },
  {
    version: 5,
    name: 'index the entries with unseen changes, so that the badge counts them without reading the watchlist',
    run(_db, tx) {
      tx.objectStore('watchlist').createIndex(UNSEEN_INDEX.name, UNSEEN_INDEX.keyPath);
    },
  },
  {
    version: 6,
    name: 'store each older snapshot as what differs from the one after it',
    async run(_db, tx) {
      // Key order is procurement by procurement: each one's snapshots are re-stored together.
      const snapshots = tx.objectStore('snapshots');
      let group: StoredSnapshot[] = [];
      const restore = async () => {
        for (const row of encodeHistory(decodeHistory(group))) await snapshots.put(row);
        group = [];
      };
      for (let cursor = await snapshots.openCursor(); cursor; cursor = await cursor.continue()) {
        if (group[0] && group[0].ocid !== cursor.value.ocid) await restore();
        group.push(cursor.value);
      }
      await restore();
    },
  },
  {
    version: 7,
    name: 'index the entries by the instants of their key dates, so that the first rows are read without the whole watchlist',
    async run(_db, tx) {
      const watchlist = tx.objectStore('watchlist');
      watchlist.createIndex(KEY_DATE_INDEX.name, KEY_DATE_INDEX.keyPath, { multiEntry: true });
      for (let cursor = await watchlist.openCursor(); cursor; cursor = await cursor.continue()) await cursor.update(withKeyDateIndex(cursor.value));
    },
  },
  {
    version: 8,
    name: 'keep how many entries the watchlist holds, so that the first rows do not wait on counting them',
    async run(_db, tx) {
      await recountWatchlist({ watchlist: tx.objectStore('watchlist'), meta: tx.objectStore('meta') });
    },
  },
];

export const DB_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Opens (creating or upgrading) the database; `upTo` lets tests build every earlier version. */
export function openTenderTimelineDB(upTo = DB_VERSION): Promise<IDBPDatabase<TenderTimelineDB>> {
  return openDB<TenderTimelineDB>(DB_NAME, upTo, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // Steps run in order; a data step's requests queue on the same transaction, so the
      // next step's requests follow them. An error aborts the whole upgrade: nothing half-done.
      let chain: Promise<void> | undefined;
      for (const migration of MIGRATIONS) {
        if (migration.version > oldVersion && migration.version <= upTo) {
          chain = chain ? chain.then(() => migration.run(db, tx)) : Promise.resolve(migration.run(db, tx));
        }
      }
      chain?.catch(() => {
        // The open fails with the abort; the transaction's own rejection is that same failure.
        tx.done.catch(() => undefined);
        tx.abort();
      });
    },
  });
}
