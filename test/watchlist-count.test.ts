/**
 * How many entries the watchlist holds is kept beside them (lib/watchlist/count.ts) so that
 * the first rows need not count them: after every kind of write it must equal a count of the
 * store, and the first rows' total must be it. fake-indexeddb, a fresh IDBFactory per test.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Procurement } from '../lib/procurement';
import { WATCHLIST_COUNT_KEY } from '../lib/watchlist/count';
import { openTenderTimelineDB, type TenderTimelineDB } from '../lib/watchlist/db';
import { watchEntry } from '../lib/watchlist/entry';
import { firstInOrder } from '../lib/watchlist/key-date-index';
import { applyRefresh, getMeta, mergeEntries, putAll, restore, setMeta, unwatch, watch } from '../lib/watchlist/store';
import { realProcurement, snapshotOf } from './support/fixtures';

type DB = IDBPDatabase<TenderTimelineDB>;

const NOW = new Date('2026-03-02T10:00:00Z');
const LATER = new Date('2026-03-02T10:00:05Z');

const procurementOf = (name: string): Procurement => realProcurement(name, NOW);

const A = procurementOf('ocds-h6vhtk-05cfd9.json');
const B = procurementOf('ocds-h6vhtk-067b89.json');
const C = procurementOf('ocds-h6vhtk-06a838.json');

let db: DB;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openTenderTimelineDB();
});
afterEach(() => db.close());

describe('how many entries the watchlist holds', () => {
  it('equals a count of the store after every kind of write, and is the first rows’ total', async () => {
    const steps: Array<[string, () => Promise<unknown>, number]> = [
      ['an empty watchlist', async () => undefined, 0],
      ['watch one', () => watch(db, watchEntry(A, {}, NOW), snapshotOf(A, NOW)), 1],
      ['watch one with its read cut off (no snapshot)', () => watch(db, watchEntry(B, {}, NOW), undefined), 2],
      ['watch the first again', () => watch(db, watchEntry(A, {}, LATER), snapshotOf(A, LATER)), 2],
      ['a refresh', () => applyRefresh(db, B, LATER), 2],
      ['unwatch one', () => unwatch(db, A.ocid, LATER), 1],
      ['unwatch it again (not watched)', () => unwatch(db, A.ocid, LATER), 1],
      ['undo the unwatch', () => restore(db, A.ocid, LATER), 2],
      ['unwatch, watch again, then undo (the two joined: one entry)', async () => {
        await unwatch(db, A.ocid, LATER);
        await watch(db, watchEntry(A, {}, LATER), snapshotOf(A, LATER));
        await restore(db, A.ocid, LATER);
      }, 2],
      ['a backup merged in: one new (twice in it), one known', () =>
        mergeEntries(db, [watchEntry(C, {}, NOW), watchEntry(C, {}, LATER), watchEntry(B, {}, NOW)], (_stored, incoming) => incoming), 3],
      ['a backup whose entries are all skipped', () => mergeEntries(db, [watchEntry(C, {}, NOW)], () => undefined), 3],
      ['entries written as they are', () => putAll(db, [watchEntry(A, {}, NOW), { ...watchEntry(B, {}, NOW), ocid: 'ocds-h6vhtk-ffffff' }], []), 4],
      ['everything unwatched', async () => {
        for (const ocid of [A.ocid, B.ocid, C.ocid, 'ocds-h6vhtk-ffffff']) await unwatch(db, ocid, LATER);
      }, 0],
    ];
    for (const [what, write, expected] of steps) {
      await write();
      const kept = await getMeta(db, WATCHLIST_COUNT_KEY);
      expect({ what, kept, counted: await db.count('watchlist') }).toEqual({ what, kept, counted: expected });
      expect({ what, total: (await firstInOrder(db, NOW, 1)).total }).toEqual({ what, total: expected });
    }
  });

  it('counts the entries where it is not kept (or kept as something else), and keeps it at the next write', async () => {
    await watch(db, watchEntry(A, {}, NOW), snapshotOf(A, NOW));
    await watch(db, watchEntry(B, {}, NOW), snapshotOf(B, NOW));
    for (const broken of [undefined, 'two', -1, 1.5]) {
      await (broken === undefined ? db.delete('meta', WATCHLIST_COUNT_KEY) : setMeta(db, WATCHLIST_COUNT_KEY, broken));
      expect((await firstInOrder(db, NOW, 10)).total).toBe(2);
    }
    await watch(db, watchEntry(C, {}, NOW), snapshotOf(C, NOW));
    expect(await getMeta(db, WATCHLIST_COUNT_KEY)).toBe(3);
  });
});
