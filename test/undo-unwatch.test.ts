import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openTenderTimelineDB } from '../lib/watchlist/db';
import type { WatchedProcurement } from '../lib/watchlist/entry';
import { getEntry, restore, unwatch, watch } from '../lib/watchlist/store';
import { UNDO_MS } from '../lib/watchlist/undo';
import { createService } from '../lib/service';
import type { Procurement } from '../lib/procurement';

const OCID = 'ocds-h6vhtk-05cfd9';
const AT = new Date('2026-03-02T10:00:00Z');
const later = (ms: number) => new Date(AT.getTime() + ms);

function procurement(title: string): Procurement {
  return { ocid: OCID, title, keyDates: [], lots: [] } as unknown as Procurement;
}

/** An entry with the user's own work on it, written out by hand. */
const ENTRY = {
  ocid: OCID,
  title: 'Out of Court Resolution',
  keyDates: [],
  watchedAt: '2026-01-05T09:00:00.000Z',
  note: 'Call Sam about TUPE',
  tags: ['legal', 'east'],
  bidStatus: 'preparing',
  unseenChanges: [],
  lastCheckedAt: '2026-03-01T08:00:00.000Z',
} as unknown as WatchedProcurement;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

async function watchedWithHistory() {
  const db = await openTenderTimelineDB();
  await watch(db, ENTRY, { ocid: OCID, takenAt: '2026-02-01T00:00:00.000Z', procurement: procurement('Old title') });
  await watch(db, ENTRY, { ocid: OCID, takenAt: '2026-03-01T00:00:00.000Z', procurement: procurement('Out of Court Resolution') });
  return db;
}

describe('undoing an Unwatch', () => {
  it('gives back the entry and its snapshots exactly as they were stored', async () => {
    const db = await watchedWithHistory();
    const recordBefore = await db.get('watchlist', OCID);
    const entryBefore = await getEntry(db, OCID);
    const rowsBefore = await db.getAll('snapshots');
    expect(entryBefore?.note).toBe('Call Sam about TUPE');
    expect(rowsBefore).toHaveLength(2);

    await unwatch(db, OCID, AT);
    expect(await db.get('watchlist', OCID)).toBeUndefined();
    expect(await db.getAll('snapshots')).toEqual([]);

    expect(await restore(db, OCID, later(UNDO_MS - 1))).toEqual(entryBefore);
    expect(await db.get('watchlist', OCID)).toEqual(recordBefore);
    expect(await db.getAll('snapshots')).toEqual(rowsBefore);
    // Nothing is left aside once undone: a second Undo has nothing to give.
    expect(await restore(db, OCID, later(UNDO_MS - 1))).toBeUndefined();
  });

  it('refuses an Undo that comes too late, with a message saying so', async () => {
    const db = await watchedWithHistory();
    await unwatch(db, OCID, AT);
    expect(await restore(db, OCID, later(UNDO_MS + 1))).toBeUndefined();
    expect(await db.get('watchlist', OCID)).toBeUndefined();

    const service = createService({
      db: async () => db,
      client: {} as never,
      now: () => later(UNDO_MS + 1),
      onWatchChange: () => undefined,
      onWatchlistChanged: () => undefined,
      getSettings: async () => ({}) as never,
    });
    expect(await service.handle({ type: 'watchlist:restore', payload: { ocid: OCID } }, {})).toEqual({
      ok: false,
      error: { kind: 'notFound', message: expect.stringMatching(/^Too late to undo: an Unwatch can be undone for 10 seconds\./), canRetry: false },
    });
  });

  it('after watching again, brings back the user’s work without a second entry or snapshot', async () => {
    const db = await watchedWithHistory();
    await unwatch(db, OCID, AT);
    // Watched again from the notice page: a fresh entry, no notes, the same read as before and a new one.
    const fresh = { ...ENTRY, note: '', tags: [], bidStatus: 'watching', watchedAt: '2026-03-02T10:00:05.000Z' } as WatchedProcurement;
    await watch(db, fresh, { ocid: OCID, takenAt: '2026-03-01T00:00:00.000Z', procurement: procurement('Out of Court Resolution') });
    await watch(db, fresh, { ocid: OCID, takenAt: '2026-03-02T10:00:05.000Z', procurement: procurement('Out of Court Resolution (amended)') });

    await restore(db, OCID, later(5000));
    expect(await db.getAll('watchlist')).toHaveLength(1);
    const entry = await db.get('watchlist', OCID);
    expect(entry).toMatchObject({ note: 'Call Sam about TUPE', tags: ['legal', 'east'], bidStatus: 'preparing', watchedAt: '2026-01-05T09:00:00.000Z' });
    const taken = (await db.getAll('snapshots')).map((row) => row.takenAt);
    expect(taken).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-03-02T10:00:05.000Z']);
  });
});
