/**
 * The extension's database (IndexedDB through idb), owned by the background alone.
 * Each version's upgrade is a small named step, run in order from the version found.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Problem } from '../ocds/problems';
import type { Procurement } from '../procurement';
import type { WatchedProcurement } from './entry';

export const DB_NAME = 'tender-timeline';

/** A read procurement kept for a few minutes, so reopening a notice costs no request. */
export interface CachedProcurement {
  ocid: string;
  noticeIds: string[];
  procurement: Procurement;
  problems: Problem[];
  /** ISO instant. */
  fetchedAt: string;
}

export interface TenderTimelineDB extends DBSchema {
  watchlist: { key: string; value: WatchedProcurement };
  procurementCache: { key: string; value: CachedProcurement; indexes: { byNoticeId: string } };
}

type UpgradeTransaction = IDBPTransaction<TenderTimelineDB, StoreNames<TenderTimelineDB>[], 'versionchange'>;

export interface Migration {
  version: number;
  name: string;
  run(db: IDBPDatabase<TenderTimelineDB>, tx: UpgradeTransaction): void;
}

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
];

export const DB_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Opens (creating or upgrading) the database; `upTo` lets tests build every earlier version. */
export function openTenderTimelineDB(upTo = DB_VERSION): Promise<IDBPDatabase<TenderTimelineDB>> {
  return openDB<TenderTimelineDB>(DB_NAME, upTo, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (const migration of MIGRATIONS) {
        if (migration.version > oldVersion && migration.version <= upTo) migration.run(db, tx);
      }
    },
  });
}
