/**
 * Snapshots stored compactly: the newest of each procurement whole, each older one as what
 * differs from the one after it. Whatever is written, every snapshot reads back whole, and a
 * backup holds them whole and brings them back. fake-indexeddb, a fresh IDBFactory per test.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBackup, importBackup } from '../lib/backup';
import type { Procurement } from '../lib/procurement';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { openTenderTimelineDB, type Snapshot, type TenderTimelineDB } from '../lib/watchlist/db';
import { diff, patch } from '../lib/watchlist/delta';
import { watchEntry } from '../lib/watchlist/entry';
import { addSnapshots, applyRefresh, snapshotHistory, snapshotsInBatches, watch } from '../lib/watchlist/store';
import { realProcurement } from './support/fixtures';

type DB = IDBPDatabase<TenderTimelineDB>;

const NOW = new Date('2026-03-02T10:00:00Z');
const day = (n: number) => new Date(Date.UTC(2026, 2, n, 6)).toISOString();

const procurementOf = (name: string): Procurement => realProcurement(name, NOW);

const A = procurementOf('ocds-h6vhtk-067b89.json');
const B = procurementOf('ocds-h6vhtk-05cfd9.json');
/** The read of A on day `n`: its title says which (each read differs from the one before). */
const readOf = (n: number): Procurement => ({ ...A, title: `Read on day ${n}` });

describe('a delta between two values', () => {
  it('turns the first into the second, and is nothing between equal values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(patch(a, diff(a, b))).toEqual(b);
        expect(diff(a, structuredClone(a))).toBeUndefined();
      }),
    );
  });

  it('keeps only what changed', () => {
    expect(diff({ a: 1, b: [1, 2, 3], c: 'x' }, { a: 1, b: [1, 5, 3, 4], d: true })).toEqual({
      k: [['b', { n: 4, i: [[1, { v: 5 }], [3, { v: 4 }]] }], ['d', { v: true }]],
      x: ['c'],
    });
  });

  it('writes a key named __proto__ as data, never as a prototype', () => {
    const to = JSON.parse('{"__proto__": {"polluted": true}}');
    const patched = patch({}, diff({}, to)) as Record<string, unknown>;
    expect(Object.hasOwn(patched, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
  });
});

let db: DB;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openTenderTimelineDB();
});
afterEach(() => db.close());

/** Watched on day 1, then read again on days 2..`last`, each read different. */
async function readDaily(last: number): Promise<void> {
  await watch(db, watchEntry(readOf(1), {}, new Date(day(1))), { ocid: A.ocid, takenAt: day(1), procurement: readOf(1) });
  for (let n = 2; n <= last; n++) await applyRefresh(db, readOf(n), new Date(day(n)));
}

describe('the snapshots of a watched procurement', () => {
  it('are the last 5 reads, whole, with only the newest stored whole', async () => {
    await readDaily(7);
    const history = await snapshotHistory(db, A.ocid);
    expect(history.map((s) => s.takenAt)).toEqual([day(3), day(4), day(5), day(6), day(7)]);
    expect(history).toEqual([3, 4, 5, 6, 7].map((n) => ({ ocid: A.ocid, takenAt: day(n), procurement: readOf(n) })));
    const rows = await db.getAll('snapshots');
    expect(rows.map((row) => row.procurement !== undefined)).toEqual([false, false, false, false, true]);
    // An older row holds its title, not the procurement again.
    expect(JSON.stringify(rows[0]).length).toBeLessThan(JSON.stringify(history[0]).length / 10);
  });

  it('take in an older read (a backup) between the others', async () => {
    await readDaily(3);
    const older = { ocid: A.ocid, takenAt: new Date(Date.parse(day(2)) + 3_600_000).toISOString(), procurement: { ...A, title: 'From a backup' } };
    expect(await addSnapshots(db, [older])).toEqual(['added']);
    expect((await snapshotHistory(db, A.ocid)).map((s) => s.procurement.title)).toEqual(['Read on day 1', 'Read on day 2', 'From a backup', 'Read on day 3']);
  });

  it('are read whole in batches smaller than one procurement’s history', async () => {
    await readDaily(5);
    await watch(db, watchEntry(B, {}, NOW), { ocid: B.ocid, takenAt: day(1), procurement: B });
    const all: Snapshot[] = [];
    for await (const batch of snapshotsInBatches(db, 2)) all.push(...batch);
    expect(all).toEqual([
      { ocid: B.ocid, takenAt: day(1), procurement: B },
      ...[1, 2, 3, 4, 5].map((n) => ({ ocid: A.ocid, takenAt: day(n), procurement: readOf(n) })),
    ].sort((x, y) => x.ocid.localeCompare(y.ocid)));
  });

  it('are whole in a backup and come back whole from it', async () => {
    await readDaily(6);
    const parts: string[] = [];
    for await (const part of exportBackup(db, DEFAULT_SETTINGS, new Date(day(10)))) parts.push(part);
    const file = JSON.parse(parts.join(''));
    const want = [2, 3, 4, 5, 6].map((n) => ({ ocid: A.ocid, takenAt: day(n), procurement: readOf(n) }));
    expect(file.snapshots).toEqual(JSON.parse(JSON.stringify(want)));
    db.close();
    globalThis.indexedDB = new IDBFactory();
    db = await openTenderTimelineDB();
    await importBackup(db, parts, { now: new Date(day(10)), settings: DEFAULT_SETTINGS });
    expect(await snapshotHistory(db, A.ocid)).toEqual(JSON.parse(JSON.stringify(want)));
    expect((await db.getAll('snapshots')).filter((row) => row.procurement).length).toBe(1);
  });
});
