/**
 * The database's migrations: for every earlier version, a database built and filled as
 * that version's code would have left it is opened by today's code with nothing lost.
 * fake-indexeddb, a fresh IDBFactory per test.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyDate, Procurement } from '../lib/procurement';
import { DB_NAME, DB_VERSION, MIGRATIONS, openTenderTimelineDB, type TenderTimelineDB } from '../lib/watchlist/db';
import { summarise, type WatchedProcurement } from '../lib/watchlist/entry';
import { WATCHLIST_COUNT_KEY } from '../lib/watchlist/count';
import { asEntry, withKeyDateIndex } from '../lib/watchlist/key-date-index';
import { applyRefresh, getMeta, latestSnapshot, listWatchlist, setMeta, snapshotHistory } from '../lib/watchlist/store';
import { realProcurement } from './support/fixtures';

const NOW = new Date('2026-03-02T10:00:00Z');

const procurementOf = (name: string): Procurement => realProcurement(name, NOW);

/** The stores and indexes today's schema has. */
const CURRENT_STORES: Record<string, { keyPath: string | string[]; indexes: Record<string, { keyPath: string; multiEntry: boolean }> }> = {
  firedReminders: { keyPath: 'id', indexes: {} },
  meta: { keyPath: 'key', indexes: {} },
  procurementCache: { keyPath: 'ocid', indexes: { byNoticeId: { keyPath: 'noticeIds', multiEntry: true } } },
  snapshots: { keyPath: ['ocid', 'takenAt'], indexes: { byOcid: { keyPath: 'ocid', multiEntry: false } } },
  watchlist: {
    keyPath: 'ocid',
    indexes: { byKeyDate: { keyPath: 'keyDateInstants', multiEntry: true }, byUnseenCount: { keyPath: 'unseenChanges.length', multiEntry: false } },
  },
};

/** Stores and indexes as IndexedDB reports them (untyped: earlier versions had other stores). */
function schemaOf(typed: IDBPDatabase<TenderTimelineDB>) {
  const db = typed as unknown as IDBPDatabase;
  const names = [...db.objectStoreNames].sort();
  if (names.length === 0) return {};
  const tx = db.transaction(names, 'readonly');
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const store = tx.objectStore(name);
    const indexes: Record<string, { keyPath: string; multiEntry: boolean }> = {};
    for (const indexName of [...store.indexNames]) {
      const index = store.index(indexName);
      indexes[indexName] = { keyPath: index.keyPath as string, multiEntry: index.multiEntry };
    }
    out[name] = { keyPath: store.keyPath, indexes };
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// What each earlier version's code wrote. Version 1 (the first watchlist): entries had no
// note, tags, bid status or unseen changes; the cache held what was read for 10 minutes.

const CFD9 = 'ocds-h6vhtk-05cfd9';
const B89 = 'ocds-h6vhtk-067b89';
const A838 = 'ocds-h6vhtk-06a838';

/** v1 entries exactly as v1's watchEntry made them (no note, tags, bidStatus, unseenChanges). */
function v1Entry(procurement: Procurement, watchedAt: string, extra: Record<string, unknown> = {}) {
  return {
    ocid: procurement.ocid,
    watchedFromNoticeId: procurement.notices[0]?.id,
    watchedFromUrl: procurement.notices[0]?.url,
    ...summarise(procurement),
    watchedAt,
    ...extra,
  };
}

/** An entry as versions 3 on stored it: the user's fields at their defaults, last read on 1 March. */
function checkedEntry(procurement: Procurement, watchedAt: string, extra: Record<string, unknown> = {}) {
  return {
    ...v1Entry(procurement, watchedAt),
    note: '',
    tags: [],
    bidStatus: 'watching',
    unseenChanges: [],
    lastCheckedAt: '2026-03-01T06:00:00.000Z',
    ...extra,
  };
}

interface Filled {
  entries: Array<Record<string, unknown>>;
  cache: Array<{ ocid: string; noticeIds: string[]; procurement: Procurement; problems: unknown[]; fetchedAt: string }>;
  /** Each entry as today's code must find it after the upgrade (by ocid). */
  want: Record<string, Record<string, unknown>>;
  /** Every snapshot today's code must find. */
  snapshots: Array<{ ocid: string; takenAt: string; procurement: Procurement }>;
}

/** The stores each earlier version had. */
const STORES_AT: Record<number, string[]> = {
  1: ['procurementCache', 'watchlist'],
  2: ['firedReminders', 'meta', 'procurementCache', 'snapshots', 'watchlist'],
  3: ['firedReminders', 'meta', 'procurementCache', 'snapshots', 'watchlist'],
  4: ['firedReminders', 'meta', 'procurementCache', 'snapshots', 'watchlist'],
  5: ['firedReminders', 'meta', 'procurementCache', 'snapshots', 'watchlist'],
  6: ['firedReminders', 'meta', 'procurementCache', 'snapshots', 'watchlist'],
  7: ['firedReminders', 'meta', 'procurementCache', 'snapshots', 'watchlist'],
};

/** A procurement as code before version 4 read it: key dates without `void` or `estimated`. */
function unmarked(procurement: Procurement): Procurement {
  return { ...procurement, keyDates: procurement.keyDates.map(({ void: _void, estimated: _estimated, ...keyDate }) => keyDate) };
}

/** An ocid already queued for a read when the database was upgraded (a backup import, say). */
const QUEUED = 'ocds-h6vhtk-000000';

/** Writes what a database from version 2 on held: entries, cache, snapshots and the sweep's state. */
async function putStores(db: IDBPDatabase<any>, data: Pick<Filled, 'entries' | 'cache' | 'snapshots'> & { sweep: unknown }): Promise<void> {
  const tx = db.transaction(['watchlist', 'procurementCache', 'snapshots', 'meta'], 'readwrite');
  for (const entry of data.entries) await tx.objectStore('watchlist').put(entry);
  for (const cached of data.cache) await tx.objectStore('procurementCache').put(cached);
  for (const snapshot of data.snapshots) await tx.objectStore('snapshots').put(snapshot);
  await tx.objectStore('meta').put({ key: 'sweep', value: data.sweep });
  await tx.done;
}

const FILL: Record<number, (db: IDBPDatabase<any>) => Promise<Filled>> = {
  async 1(db) {
    const cfd9 = procurementOf(`${CFD9}.json`);
    const b89 = procurementOf(`${B89}.json`);
    const a838 = procurementOf(`${A838}.json`);
    const bae5 = procurementOf('ocds-h6vhtk-06bae5.json');
    const entries = [
      v1Entry(cfd9, '2026-01-05T09:00:00.000Z'),
      // Watched from a page, later read again by v1: lastCheckedAt was already there.
      v1Entry(b89, '2026-02-01T12:30:00.000Z', { lastCheckedAt: '2026-02-20T08:00:00.000Z' }),
      // Its cache entry has expired and been pruned: no snapshot can be made for it.
      v1Entry(a838, '2026-02-10T16:45:00.000Z', { lastCheckError: 'Find a Tender is busy; try again in a few minutes.' }),
    ];
    const cache = [
      { ocid: CFD9, noticeIds: cfd9.notices.map((n) => n.id), procurement: cfd9, problems: [], fetchedAt: '2026-03-02T09:55:00.000Z' },
      { ocid: B89, noticeIds: ['045280-2026', ...b89.notices.map((n) => n.id)], procurement: b89, problems: [{ path: '$.x', message: 'kept' }], fetchedAt: '2026-03-02T09:58:00.000Z' },
      // Read but never watched: cached, and no snapshot is made of it.
      { ocid: bae5.ocid, noticeIds: bae5.notices.map((n) => n.id), procurement: bae5, problems: [], fetchedAt: '2026-03-02T09:59:00.000Z' },
    ];
    const tx = db.transaction(['watchlist', 'procurementCache'], 'readwrite');
    for (const entry of entries) await tx.objectStore('watchlist').put(entry);
    for (const cached of cache) await tx.objectStore('procurementCache').put(cached);
    await tx.done;
    // Today's defaults added; the data shown when watched becomes the first snapshot, where still cached.
    const want = Object.fromEntries(entries.map((e) => [e.ocid, { note: '', tags: [], bidStatus: 'watching', unseenChanges: [], ...e }]));
    const snapshots = cache.filter((c) => entries.some((e) => e.ocid === c.ocid)).map((c) => ({ ocid: c.ocid, takenAt: c.fetchedAt, procurement: c.procurement }));
    return { entries, cache, want, snapshots };
  },
  // Version 2: unseen changes were `{ foundAt, kind: notice|amendment|keyDate|field, text }`.
  async 2(db) {
    const cfd9 = procurementOf(`${CFD9}.json`);
    const b89 = procurementOf(`${B89}.json`);
    const v2 = (procurement: Procurement, watchedAt: string, extra: Record<string, unknown>) => ({ ...v1Entry(procurement, watchedAt), note: '', tags: [], bidStatus: 'watching', ...extra });
    const entries = [
      v2(cfd9, '2026-01-05T09:00:00.000Z', { note: 'Call Sarah', unseenChanges: [], lastCheckedAt: '2026-03-01T06:00:00.000Z' }),
      v2(b89, '2026-02-01T12:30:00.000Z', {
        bidStatus: 'preparing',
        lastCheckedAt: '2026-03-01T06:00:00.000Z',
        unseenChanges: [
          { foundAt: '2026-02-20T06:00:00.000Z', kind: 'notice', text: 'New notice: UK3: Planned procurement notice, published 19 Feb 2026, 14:05' },
          { foundAt: '2026-02-20T06:00:00.000Z', kind: 'amendment', text: 'Amendment: change to the event brite link' },
          { foundAt: '2026-03-01T06:00:00.000Z', kind: 'keyDate', text: 'Submission deadline moved from 17 Jun 2026 to 1 Jul 2026' },
          { foundAt: '2026-03-01T06:00:00.000Z', kind: 'keyDate', text: 'Enquiry deadline set: 17 Jun 2026, 17:00' },
          { foundAt: '2026-03-01T06:00:00.000Z', kind: 'keyDate', text: 'Next notice expected removed (was 1 Jun 2026)' },
          { foundAt: '2026-03-01T06:00:00.000Z', kind: 'field', text: 'Stage changed from planning to tender' },
        ],
      }),
    ];
    const cache = [{ ocid: B89, noticeIds: b89.notices.map((n) => n.id), procurement: b89, problems: [], fetchedAt: '2026-03-02T09:58:00.000Z' }];
    const snapshots = [
      { ocid: CFD9, takenAt: '2026-03-01T06:00:00.000Z', procurement: cfd9 },
      { ocid: B89, takenAt: '2026-02-20T06:00:00.000Z', procurement: b89 },
    ];
    await putStores(db, { entries, cache, snapshots, sweep: { sweptTo: '2026-03-01T06:00:00.000Z', pending: [] } });
    const upgraded = (field: string, label: string, kind: string, foundAt: string, text: string) => ({ field, label, kind, text, foundAt });
    const want = {
      [CFD9]: entries[0]!,
      [B89]: {
        ...entries[1]!,
        unseenChanges: [
          upgraded('notice', 'Notice', 'added', '2026-02-20T06:00:00.000Z', 'New notice: UK3: Planned procurement notice, published 19 Feb 2026, 14:05'),
          upgraded('amendment', 'Amendment', 'added', '2026-02-20T06:00:00.000Z', 'Amendment: change to the event brite link'),
          upgraded('keyDate', 'Key date', 'changed', '2026-03-01T06:00:00.000Z', 'Submission deadline moved from 17 Jun 2026 to 1 Jul 2026'),
          upgraded('keyDate', 'Key date', 'added', '2026-03-01T06:00:00.000Z', 'Enquiry deadline set: 17 Jun 2026, 17:00'),
          upgraded('keyDate', 'Key date', 'removed', '2026-03-01T06:00:00.000Z', 'Next notice expected removed (was 1 Jun 2026)'),
          upgraded('field', 'Details', 'changed', '2026-03-01T06:00:00.000Z', 'Stage changed from planning to tender'),
        ],
      },
    };
    return { entries, cache, want, snapshots };
  },
  // Version 3: the same shapes as today, but key dates carried no `void` or `estimated` marks.
  async 3(db) {
    const cfd9 = unmarked(procurementOf(`${CFD9}.json`));
    const b89 = unmarked(procurementOf(`${B89}.json`));
    const entries = [checkedEntry(cfd9, '2026-01-05T09:00:00.000Z', { note: 'Call Sarah' }), checkedEntry(b89, '2026-02-01T12:30:00.000Z', { bidStatus: 'preparing' })];
    const cache = [{ ocid: B89, noticeIds: b89.notices.map((n) => n.id), procurement: b89, problems: [], fetchedAt: '2026-03-02T09:58:00.000Z' }];
    const snapshots = [
      { ocid: CFD9, takenAt: '2026-03-01T06:00:00.000Z', procurement: cfd9 },
      { ocid: B89, takenAt: '2026-03-01T06:00:00.000Z', procurement: b89 },
    ];
    await putStores(db, { entries, cache, snapshots, sweep: { sweptTo: '2026-03-01T06:00:00.000Z', pending: [QUEUED] } });
    return { entries, cache, want: Object.fromEntries(entries.map((e) => [e.ocid, e])), snapshots };
  },
  // Version 4: today's shapes, without the index of entries with unseen changes.
  async 4(db) {
    const cfd9 = procurementOf(`${CFD9}.json`);
    const b89 = procurementOf(`${B89}.json`);
    const moved = { field: 'keyDate:tenderDeadline', label: 'Submission deadline', kind: 'changed', text: 'Submission deadline moved from 17 June 2026 at 5pm to 1 July 2026 at 5pm', foundAt: '2026-03-01T06:00:00.000Z' };
    const entries = [checkedEntry(cfd9, '2026-01-05T09:00:00.000Z', { note: 'Call Sarah' }), checkedEntry(b89, '2026-02-01T12:30:00.000Z', { bidStatus: 'preparing', unseenChanges: [moved] })];
    const cache = [{ ocid: B89, noticeIds: b89.notices.map((n) => n.id), procurement: b89, problems: [], fetchedAt: '2026-03-02T09:58:00.000Z' }];
    const snapshots = [
      { ocid: CFD9, takenAt: '2026-03-01T06:00:00.000Z', procurement: cfd9 },
      { ocid: B89, takenAt: '2026-03-01T06:00:00.000Z', procurement: b89 },
    ];
    await putStores(db, { entries, cache, snapshots, sweep: { sweptTo: '2026-03-01T06:00:00.000Z', pending: [] } });
    return { entries, cache, want: Object.fromEntries(entries.map((e) => [e.ocid, e])), snapshots };
  },
  // Version 5: every snapshot stored whole; here three reads of one procurement, two of another.
  async 5(db) {
    const cfd9 = procurementOf(`${CFD9}.json`);
    const b89 = procurementOf(`${B89}.json`);
    const entries = [checkedEntry(cfd9, '2026-01-05T09:00:00.000Z'), checkedEntry(b89, '2026-02-01T12:30:00.000Z')];
    const snapshots = [
      { ocid: CFD9, takenAt: '2026-02-01T06:00:00.000Z', procurement: { ...unmarked(cfd9), title: 'An older title' } },
      { ocid: CFD9, takenAt: '2026-02-15T06:00:00.000Z', procurement: unmarked(cfd9) },
      { ocid: CFD9, takenAt: '2026-03-01T06:00:00.000Z', procurement: cfd9 },
      { ocid: B89, takenAt: '2026-02-20T06:00:00.000Z', procurement: { ...b89, notices: b89.notices.slice(0, 1) } },
      { ocid: B89, takenAt: '2026-03-01T06:00:00.000Z', procurement: b89 },
    ];
    await putStores(db, { entries, cache: [], snapshots, sweep: { sweptTo: '2026-03-01T06:00:00.000Z', pending: [] } });
    return { entries, cache: [], want: Object.fromEntries(entries.map((e) => [e.ocid, e])), snapshots };
  },
  // Version 6: today's shapes, entries without the instants of their key dates (one snapshot each, stored whole).
  async 6(db) {
    const cfd9 = procurementOf(`${CFD9}.json`);
    const b89 = procurementOf(`${B89}.json`);
    const entries = [checkedEntry(cfd9, '2026-01-05T09:00:00.000Z', { note: 'Call Sarah' }), checkedEntry(b89, '2026-02-01T12:30:00.000Z', { bidStatus: 'preparing' })];
    const snapshots = [
      { ocid: CFD9, takenAt: '2026-03-01T06:00:00.000Z', procurement: cfd9 },
      { ocid: B89, takenAt: '2026-03-01T06:00:00.000Z', procurement: b89 },
    ];
    await putStores(db, { entries, cache: [], snapshots, sweep: { sweptTo: '2026-03-01T06:00:00.000Z', pending: [] } });
    return { entries, cache: [], want: Object.fromEntries(entries.map((e) => [e.ocid, e])), snapshots };
  },
  // Version 7: entries indexed by the instants of their key dates; how many there are not kept.
  async 7(db) {
    const filled = await FILL[6]!(db);
    const tx = db.transaction('watchlist', 'readwrite');
    for (const entry of filled.entries) await tx.store.put(withKeyDateIndex(entry as unknown as WatchedProcurement));
    await tx.done;
    return filled;
  },
};

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

let open: Array<IDBPDatabase<any>> = [];
afterEach(() => {
  for (const db of open) db.close();
  open = [];
});

async function openAt(version?: number) {
  const db = await openTenderTimelineDB(version);
  open.push(db);
  return db;
}

describe('migrations', () => {
  it('are numbered 1..N without gaps, each named, and the database version is N', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1));
    expect(DB_VERSION).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(m.name.trim()).not.toBe('');
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('every earlier version has a filler here (a new migration needs one before it ships)', () => {
    expect(Object.keys(FILL).map(Number)).toEqual(MIGRATIONS.slice(0, -1).map((m) => m.version));
    expect(Object.keys(STORES_AT).map(Number)).toEqual(MIGRATIONS.slice(0, -1).map((m) => m.version));
  });

  it('a fresh database is created at the current version with every store and index', async () => {
    const db = await openAt();
    expect(db.version).toBe(DB_VERSION);
    expect(db.name).toBe(DB_NAME);
    expect(schemaOf(db)).toEqual(CURRENT_STORES);
    // And it is usable: nothing in it, meta writable.
    expect(await listWatchlist(db, NOW)).toEqual([]);
    await setMeta(db, 'sweep', { sweptTo: NOW.toISOString(), pending: [] });
    expect(await getMeta(db, 'sweep')).toEqual({ sweptTo: NOW.toISOString(), pending: [] });
  });

  it('opening the current version again changes nothing', async () => {
    const db = await openAt();
    const procurement = procurementOf(`${CFD9}.json`);
    await db.put('watchlist', { ...v1Entry(procurement, NOW.toISOString()), note: 'n', tags: ['t'], bidStatus: 'preparing', unseenChanges: [] } as any);
    db.close();
    open = [];
    const again = await openAt();
    expect(schemaOf(again)).toEqual(CURRENT_STORES);
    expect(await again.get('watchlist', CFD9)).toMatchObject({ note: 'n', tags: ['t'], bidStatus: 'preparing' });
  });

  describe.each(MIGRATIONS.slice(0, -1).map((m) => m.version))('from version %i', (from) => {
    async function upgraded() {
      const old = await openTenderTimelineDB(from);
      expect(old.version).toBe(from);
      const filled = await FILL[from]!(old);
      old.close();
      const db = await openAt();
      expect(db.version).toBe(DB_VERSION);
      return { db, filled };
    }

    it('the database built at that version has only that version’s stores', async () => {
      const db = await openTenderTimelineDB(from);
      open.push(db);
      expect(db.version).toBe(from);
      expect([...db.objectStoreNames].sort()).toEqual(STORES_AT[from]);
    });

    it('opens at the current version with every store and index', async () => {
      const { db } = await upgraded();
      expect(schemaOf(db)).toEqual(CURRENT_STORES);
    });

    it('keeps every watchlist entry with all its fields and adds today’s defaults', async () => {
      const { db, filled } = await upgraded();
      const entries = await db.getAll('watchlist');
      expect(entries.map((e) => e.ocid).sort()).toEqual(filled.entries.map((e) => e.ocid).sort());
      for (const old of filled.entries) {
        const entry = (await db.get('watchlist', old.ocid as string))!;
        // Every old field as it was, or as today's shape has it, and nothing else changed…
        expect(asEntry(entry)).toEqual(filled.want[old.ocid as string]);
        // …and it is indexed by the instants of its key dates that are not void.
        const instants = (filled.want[old.ocid as string]!.keyDates as KeyDate[]).filter((k) => !k.void).map((k) => k.at);
        expect([...entry.keyDateInstants!].sort()).toEqual([...new Set(instants)].sort());
      }
    });

    it('keeps the procurement cache as it was (and its notice-id index works)', async () => {
      const { db, filled } = await upgraded();
      expect((await db.getAll('procurementCache')).sort((a, b) => a.ocid.localeCompare(b.ocid))).toEqual(
        [...filled.cache].sort((a, b) => a.ocid.localeCompare(b.ocid)),
      );
      for (const cached of filled.cache) {
        for (const id of cached.noticeIds) expect((await db.getFromIndex('procurementCache', 'byNoticeId', id))?.ocid).toBe(cached.ocid);
      }
    });

    it('has the snapshots it should (v1: seeded from the cached read of each watched procurement, none where nothing was cached)', async () => {
      const { db, filled } = await upgraded();
      for (const old of filled.entries) {
        const want = filled.snapshots.filter((s) => s.ocid === old.ocid).at(-1);
        expect(await latestSnapshot(db, old.ocid as string)).toEqual(want);
      }
      expect(await db.count('snapshots')).toBe(filled.snapshots.length);
    });

    it('keeps how many entries the watchlist holds, as counting them says', async () => {
      const { db, filled } = await upgraded();
      expect(await getMeta(db, WATCHLIST_COUNT_KEY)).toBe(filled.entries.length);
      expect(await db.count('watchlist')).toBe(filled.entries.length);
    });

    it('the upgraded watchlist lists and sorts as today’s code expects', async () => {
      const { db, filled } = await upgraded();
      const listed = await listWatchlist(db, NOW);
      expect(listed).toHaveLength(filled.entries.length);
      for (const entry of listed) expect(entry.unseenChanges).toEqual(filled.want[entry.ocid]!.unseenChanges);
    });
  });

  it('from version 3: every watched procurement is queued to be read again, and that read marks its key dates', async () => {
    const old = await openTenderTimelineDB(3);
    await FILL[3]!(old);
    old.close();
    const db = await openAt();
    // What was queued stays queued; the sweep's progress is kept.
    expect(await getMeta(db, 'sweep')).toEqual({ sweptTo: '2026-03-01T06:00:00.000Z', pending: [QUEUED, CFD9, B89] });
    // Stored before the marks, the terminated 05cfd9 still reads as going on…
    const stored = (await db.get('watchlist', CFD9))!;
    expect(stored.keyDates.some((k) => k.void)).toBe(false);
    // …until the queued read: its award period end and lot 1's contract dates come after its UK12.
    await applyRefresh(db, procurementOf(`${CFD9}.json`), NOW);
    const read = (await db.get('watchlist', CFD9))!;
    expect(read.keyDates.filter((k) => k.void).map((k) => k.type)).toEqual(['awardPeriodEnd', 'contractStart', 'contractEnd', 'contractMaxExtent']);
    expect(read.note).toBe('Call Sarah');
  });

  it('from version 5: each older snapshot is stored as what differs from the next, and every one reads back whole', async () => {
    const old = await openTenderTimelineDB(5);
    const filled = await FILL[5]!(old);
    old.close();
    const db = await openAt();
    for (const ocid of [CFD9, B89]) expect(await snapshotHistory(db, ocid)).toEqual(filled.snapshots.filter((s) => s.ocid === ocid));
    const rows = await db.getAll('snapshots');
    // The newest of each whole; the older ones without a whole procurement, and smaller.
    expect(rows.map((row) => [row.ocid, row.takenAt, row.procurement !== undefined])).toEqual([
      [CFD9, '2026-02-01T06:00:00.000Z', false],
      [CFD9, '2026-02-15T06:00:00.000Z', false],
      [CFD9, '2026-03-01T06:00:00.000Z', true],
      [B89, '2026-02-20T06:00:00.000Z', false],
      [B89, '2026-03-01T06:00:00.000Z', true],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    const size = (value: unknown) => JSON.stringify(value).length;
    for (const row of rows.filter((r) => !r.procurement)) expect(size(row)).toBeLessThan(size(filled.snapshots.find((s) => s.takenAt === row.takenAt && s.ocid === row.ocid)) / 4);
  });

  it('from version 1: the watched procurements are queued too (the meta store is new there)', async () => {
    const old = await openTenderTimelineDB(1);
    const filled = await FILL[1]!(old);
    old.close();
    const db = await openAt();
    expect(await getMeta(db, 'sweep')).toEqual({ pending: filled.entries.map((e) => e.ocid as string).sort() });
  });

  it('a migration that fails aborts the whole upgrade: the database stays at the old version with its data', async () => {
    const db = await openAt();
    const procurement = procurementOf(`${CFD9}.json`);
    const entry = { ...v1Entry(procurement, NOW.toISOString()), note: 'mine', tags: [], bidStatus: 'watching', unseenChanges: [] } as any;
    await db.put('watchlist', entry);
    db.close();
    open = [];
    const broken = {
      version: DB_VERSION + 1,
      name: 'a step that fails half-way',
      async run(_db: unknown, tx: any) {
        // openTenderTimelineDB leaves the aborted upgrade's `tx.done` unhandled (an unhandled
        // rejection besides the failed open); handled here so that it does not fail the run.
        tx.done.catch(() => undefined);
        await tx.objectStore('watchlist').put({ ...entry, note: 'half-done' });
        throw new Error('boom');
      },
    };
    MIGRATIONS.push(broken as any);
    try {
      await expect(openTenderTimelineDB(DB_VERSION + 1)).rejects.toBeDefined();
    } finally {
      MIGRATIONS.splice(MIGRATIONS.indexOf(broken as any), 1);
    }
    const again = await openAt();
    expect(again.version).toBe(DB_VERSION);
    expect(await again.get('watchlist', CFD9)).toEqual(entry);
  });
});
