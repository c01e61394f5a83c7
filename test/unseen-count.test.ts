/**
 * The toolbar badge's count (`countUnseen`) is read from an index, not from the entries: after
 * every kind of write to the watchlist it must still equal a full walk of the entries, and a
 * database of the version before the index must upgrade with the count right at once.
 * fake-indexeddb, a fresh IDBFactory per test.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Procurement } from '../lib/procurement';
import { openTenderTimelineDB, type TenderTimelineDB } from '../lib/watchlist/db';
import { watchEntry, type WatchedProcurement } from '../lib/watchlist/entry';
import { asEntry } from '../lib/watchlist/key-date-index';
import { applyRefresh, countUnseen, markSeen, mergeEntries, putAll, recordRefreshError, unwatch, updateUserFields, watch } from '../lib/watchlist/store';
import { realProcurement, snapshotOf } from './support/fixtures';

type DB = IDBPDatabase<TenderTimelineDB>;

const NOW = new Date('2026-03-02T10:00:00Z');
const LATER = new Date('2026-03-03T10:00:00Z');

const procurementOf = (name: string): Procurement => realProcurement(name, NOW);

const A = procurementOf('ocds-h6vhtk-05cfd9.json');
const B = procurementOf('ocds-h6vhtk-067b89.json');
const C = procurementOf('ocds-h6vhtk-06a838.json');

/** The count the badge had before the index: every entry read, those with unseen changes counted. */
async function walked(db: DB): Promise<number> {
  return (await db.getAll('watchlist')).filter((entry) => entry.unseenChanges.length > 0).length;
}

const retitled = (procurement: Procurement, title: string): Procurement => ({ ...procurement, title });
const change = { field: 'title', label: 'Title', kind: 'changed' as const, text: 'Title changed', foundAt: NOW.toISOString() };

let db: DB;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openTenderTimelineDB();
});
afterEach(() => db.close());

describe('the count of procurements with unseen changes', () => {
  it('equals a full walk after every kind of write', async () => {
    const steps: Array<[string, () => Promise<unknown>, number]> = [
      ['an empty watchlist', async () => undefined, 0],
      ['watch two', async () => {
        await watch(db, watchEntry(A, {}, NOW), snapshotOf(retitled(A, 'Old title'), NOW));
        await watch(db, watchEntry(B, {}, NOW), snapshotOf(retitled(B, 'Old title'), NOW));
      }, 0],
      ['a refresh that finds a change', () => applyRefresh(db, A, LATER), 1],
      ['a refresh that finds none', () => applyRefresh(db, A, LATER), 1],
      ['a failed refresh', () => recordRefreshError(db, A.ocid, 'busy'), 1],
      ['a note, tags and bid status', () => updateUserFields(db, A.ocid, { note: 'n', tags: ['t'], bidStatus: 'preparing' }), 1],
      ['a second one changed', () => applyRefresh(db, B, LATER), 2],
      ['watching again (keeps what is unseen)', () => watch(db, watchEntry(A, {}, LATER), snapshotOf(A, LATER)), 2],
      ['one marked seen', () => markSeen(db, A.ocid), 1],
      ['a backup merged in with unseen changes', () => mergeEntries(db, [{ ...watchEntry(C, {}, NOW), unseenChanges: [change] }], (_stored, incoming) => incoming), 2],
      ['a backup merged over one, clearing it', () => mergeEntries(db, [watchEntry(C, {}, NOW)], (_stored, incoming) => incoming), 1],
      ['entries written as they are', () => putAll(db, [{ ...watchEntry(C, {}, NOW), unseenChanges: [change, { ...change, text: 'Again' }] }], []), 2],
      ['one unwatched', () => unwatch(db, B.ocid), 1],
      ['all marked seen', () => markSeen(db), 0],
    ];
    for (const [what, write, expected] of steps) {
      await write();
      expect({ what, count: await countUnseen(db) }).toEqual({ what, count: expected });
      expect({ what, count: await countUnseen(db) }).toEqual({ what, count: await walked(db) });
    }
  });
});

describe('the database of the version before the index', () => {
  it('upgrades with every entry kept and the count right at once', async () => {
    db.close();
    globalThis.indexedDB = new IDBFactory();
    const old = await openTenderTimelineDB(4);
    const entries: WatchedProcurement[] = [
      { ...watchEntry(A, {}, NOW), note: 'Call Sarah', unseenChanges: [change] },
      { ...watchEntry(B, {}, NOW), unseenChanges: [] },
      { ...watchEntry(C, {}, NOW), bidStatus: 'submitted', unseenChanges: [change, { ...change, text: 'Stage changed' }] },
    ];
    const tx = old.transaction('watchlist', 'readwrite');
    for (const entry of entries) await tx.store.put(entry);
    await tx.done;
    old.close();
    db = await openTenderTimelineDB();
    expect(await countUnseen(db)).toBe(2);
    expect((await db.getAll('watchlist')).map(asEntry).sort((x, y) => x.ocid.localeCompare(y.ocid))).toEqual([...entries].sort((x, y) => x.ocid.localeCompare(y.ocid)));
  });
});
