/**
 * The background refresh end to end, without a browser: the real FtsClient on a virtual
 * clock, fake-indexeddb (a fresh IDBFactory per test), and a scripted fake FTS serving
 * real procurements as FTS's release packages. What is checked is what FTS is asked, what is stored, and that a
 * stopped or failed cycle loses nothing. No assertion is about wall-clock time.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFtsClient } from '../lib/fts/client';
import { readOcds } from '../lib/ocds/read';
import type { Procurement } from '../lib/procurement';
import { MAX_SWEEP_BACK_MS, refreshCycle, STOPPED_MESSAGE, SWEEP_KEY, type CycleReport, type RefreshProgress, type SweepState } from '../lib/refresh/cycle';
import { MAX_WINDOW_MS } from '../lib/refresh/sweep';
import { openTenderTimelineDB, type Snapshot, type TenderTimelineDB } from '../lib/watchlist/db';
import { watchEntry, type WatchedProcurement } from '../lib/watchlist/entry';
import { getMeta, putAll, setMeta, snapshotHistory, updateUserFields } from '../lib/watchlist/store';
import {
  changedRecord,
  createFakeFts,
  londonReading,
  procurementPackage,
  realRecordPackages,
  unwatchedUpdates,
  virtualClock,
  withOcid,
  type FakeFts,
  type Failure,
  type FakeRelease,
  type LoggedRequest,
  type VirtualClock,
} from './support/fake-fts';

type DB = IDBPDatabase<TenderTimelineDB>;
type Json = Record<string, any>;

const NOW = '2026-06-10T12:00:00.000Z';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const TIMEOUT_MS = 30_000;

const at = (msFromNow: number) => new Date(Date.parse(NOW) + msFromNow).toISOString();
/** As FTS takes times: `YYYY-MM-DDTHH:MM:SS`, London's wall-clock time. */
const ftsTime = londonReading;

// Three real procurements, each as it was when watched and as FTS serves it after a change.
const PACKAGES = realRecordPackages();
/** West Midlands PCC (UK3, compiled record): submission deadline 1 July 2026 → 15 July 2026. */
const A = 'ocds-h6vhtk-067b89';
/** Bristol (record of deltas): first read with its UK4 only; then two UK4 updates arrive. */
const B = 'ocds-h6vhtk-05c8e4';
/** Leeds (release package): lot 2's contract end 31 July 2028 → 31 March 2029. */
const C = 'ocds-h6vhtk-065d4e';

const onlyFirstRelease = (pkg: Json) => {
  const copy = structuredClone(pkg);
  copy.records[0].releases = copy.records[0].releases.slice(0, 1);
  delete copy.records[0].compiledRelease;
  delete copy.records[0].versionedRelease;
  return copy;
};

const BEFORE: Record<string, Json> = {
  [A]: PACKAGES.get(A)!,
  [B]: onlyFirstRelease(PACKAGES.get(B)!),
  [C]: PACKAGES.get(C)!,
};
const AFTER: Record<string, Json> = {
  [A]: changedRecord(PACKAGES.get(A)!, (s) => (s.tender.tenderPeriod.endDate = '2026-07-15T23:59:59+01:00')),
  [B]: PACKAGES.get(B)!,
  [C]: changedRecord(PACKAGES.get(C)!, (s) => (s.tender.lots[1].contractPeriod.endDate = '2029-03-31T23:59:59+01:00')),
};
/** The change each one's new record must produce (written by hand from the data). */
const EXPECTED: Record<string, string> = {
  [A]: 'Submission deadline moved from 1 July 2026, 11:59pm to 15 July 2026, 11:59pm',
  [B]: 'Submission deadline moved from 24 October 2025, midday to 7 November 2025, midday',
  [C]: 'Contract ends (lot 2) moved from 31 July 2028, 11:59pm to 31 March 2029, 11:59pm',
};

/** The procurement as read from FTS's answer: the releases of its ocid. */
function modelOf(pkg: Json): Procurement {
  const read = readOcds(JSON.stringify(procurementPackage(pkg)));
  if (!read.ok) throw new Error(read.message);
  return read.procurements[0]!.procurement;
}
const TEMPLATE = modelOf(BEFORE[A]!);
const cloneOcid = (i: number) => `ocds-h6vhtk-c${String(i).padStart(5, '0')}`;

// ---------------------------------------------------------------------------------------

let clock: VirtualClock;
let fts: FakeFts;
let db: DB | undefined;
/** A hanging request ends at the client's time-out (false: the worker is stopped first). */
let hangTimesOut: boolean;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  // The client's time-out is a real setTimeout: faked, and moved on only when a request hangs.
  // (fake-indexeddb schedules with setImmediate, which stays real.)
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  clock = virtualClock(NOW);
  hangTimesOut = true;
  db = undefined;
});

afterEach(() => {
  fts?.releaseHung();
  db?.close();
  vi.useRealTimers();
});

function startFts(releases: FakeRelease[], extra: { procurementFor?: (ocid: string) => Json | undefined } = {}) {
  fts = createFakeFts({
    clock,
    releases,
    procurements: new Map(Object.entries(AFTER)),
    procurementFor: extra.procurementFor,
    // Time passes, a second at a time, until the client gives the request up.
    onHang: (signal) => {
      if (!hangTimesOut) return;
      const tick = () => {
        if (signal.aborted) return;
        clock.advance(1_000);
        vi.advanceTimersByTime(1_000);
        setImmediate(tick);
      };
      setImmediate(tick);
    },
  });
  return fts;
}

/** A new client: the background makes one per wake-up. */
const newClient = () => createFtsClient({ fetch: fts.fetch, now: clock.now, sleep: clock.sleep, timeoutMs: TIMEOUT_MS });

/** One cycle on the open database with a new client, as a woken background would run it. */
async function cycle(): Promise<CycleReport> {
  return refreshCycle({ db: db!, client: newClient(), now: clock.date });
}

/** A stopped and restarted background: a new database connection on the same IndexedDB. */
async function restart(): Promise<void> {
  db?.close();
  db = await openTenderTimelineDB();
}

interface SeedOptions {
  /** Real procurements watched (read as in BEFORE). */
  real?: string[];
  /** Further watched procurements: copies of A under other ocids. */
  clones?: number;
  checkedAt: string;
  /** Stored sweep position; none when undefined. */
  sweptTo?: string;
}

async function seed(options: SeedOptions): Promise<void> {
  db = await openTenderTimelineDB();
  const entries: WatchedProcurement[] = [];
  const snapshots: Snapshot[] = [];
  const watchedAt = new Date(Date.parse(options.checkedAt) - 30 * DAY);
  for (const ocid of options.real ?? [A, B, C]) {
    const procurement = modelOf(BEFORE[ocid]!);
    entries.push({ ...watchEntry(procurement, { noticeId: procurement.notices[0]?.id }, watchedAt), lastCheckedAt: options.checkedAt });
    snapshots.push({ ocid, takenAt: options.checkedAt, procurement });
  }
  for (let i = 0; i < (options.clones ?? 0); i++) {
    entries.push({ ...watchEntry({ ...TEMPLATE, ocid: cloneOcid(i) }, {}, watchedAt), lastCheckedAt: options.checkedAt });
  }
  await putAll(db, entries, snapshots);
  if (options.sweptTo) await setMeta(db, SWEEP_KEY, { sweptTo: options.sweptTo, pending: [] } satisfies SweepState);
}

const entry = (ocid: string) => db!.get('watchlist', ocid);
const snapshotsOf = (ocid: string) => snapshotHistory(db!, ocid);
const sweepState = () => getMeta<SweepState>(db!, SWEEP_KEY);

/** Everything stored about one procurement, to check that a failure left it as it was. */
async function stored(ocid: string) {
  return { entry: await entry(ocid), snapshots: await snapshotsOf(ocid) };
}

/** A list request for the window from `windowFrom` (to `windowTo`, when given: one half of a split window). */
const isList = (windowFrom: string, windowTo?: string) => (r: LoggedRequest) =>
  r.kind === 'list' && r.updatedFrom === ftsTime(windowFrom) && (windowTo === undefined || r.updatedTo === ftsTime(windowTo));
const isRead = (ocid: string) => (r: LoggedRequest) => r.kind === 'procurement' && r.ocid === ocid;

/** The distinct windows the list requests asked for, in order. */
function windowsAsked(requests: LoggedRequest[]): Array<{ from: string; to: string }> {
  const seen = new Map<string, { from: string; to: string }>();
  for (const r of requests) if (r.kind === 'list') seen.set(`${r.updatedFrom}|${r.updatedTo}`, { from: r.updatedFrom!, to: r.updatedTo! });
  return [...seen.values()];
}

const changeTexts = async (ocid: string) => (await entry(ocid))!.unseenChanges.map((c) => c.text);

// ---------------------------------------------------------------------------------------

describe('refreshCycle: the sweep finds what changed', () => {
  it('splits a full window until every part holds less than a page, reads only the watched procurement that changed, and stores the change and a snapshot', async () => {
    await seed({ checkedAt: at(-6 * HOUR), sweptTo: at(-6 * HOUR) });
    await updateUserFields(db!, A, { note: 'Bid/no-bid on Friday', tags: ['victims'], bidStatus: 'preparing' });
    const untouchedB = await stored(B);
    const untouchedC = await stored(C);
    const before = (await stored(A)).snapshots;
    startFts([...unwatchedUpdates(250, at(-6 * HOUR), NOW), { ocid: A, updatedAt: at(-1 * HOUR) }]);

    const report = await cycle();

    // 251 updates, one every 86.4 s from 07:00 BST and A's at 12:00 BST. Each full page (100)
    // halves its window in London seconds, the second half starting a second after the first
    // ends: 07:00–10:00 holds the updates 0–125 (126), 10:00:01–13:00 the other 124 and A's.
    // No cursor is followed; then A's releases only.
    expect(fts.listRequests().map((r) => [r.updatedFrom, r.updatedTo, r.cursor, r.rows])).toEqual([
      ['2026-06-10T07:00:00', '2026-06-10T13:00:00', undefined, 100],
      ['2026-06-10T07:00:00', '2026-06-10T10:00:00', undefined, 100],
      ['2026-06-10T07:00:00', '2026-06-10T08:30:00', undefined, 63],
      ['2026-06-10T08:30:01', '2026-06-10T10:00:00', undefined, 63],
      ['2026-06-10T10:00:01', '2026-06-10T13:00:00', undefined, 100],
      ['2026-06-10T10:00:01', '2026-06-10T11:30:00', undefined, 62],
      ['2026-06-10T11:30:01', '2026-06-10T13:00:00', undefined, 63],
    ]);
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([A]);
    expect(fts.requests).toHaveLength(8);
    expect(report).toMatchObject({ sweepPages: 7, sweepReleases: 251, procurementReads: 1, failed: [] });
    expect(report.stoppedBecause).toBeUndefined();
    expect(report.refreshed).toEqual([
      {
        ocid: A,
        changes: [
          { field: 'keyDate:submissionDeadline', label: 'Submission deadline', kind: 'changed', text: EXPECTED[A], before: '2026-07-01T22:59:59.000Z', after: '2026-07-15T22:59:59.000Z', foundAt: expect.any(String) },
        ],
      },
    ]);

    const a = (await entry(A))!;
    expect(a.unseenChanges).toEqual(report.refreshed[0]!.changes);
    expect(a.lastCheckedAt).toBe(report.refreshed[0]!.changes[0]!.foundAt);
    expect(a.lastCheckError).toBeUndefined();
    expect(a.keyDates.find((k) => k.type === 'submissionDeadline')?.at).toBe('2026-07-15T22:59:59.000Z');
    // The user's own work on it is kept.
    expect(a).toMatchObject({ note: 'Bid/no-bid on Friday', tags: ['victims'], bidStatus: 'preparing' });
    const snapshots = await snapshotsOf(A);
    expect(snapshots).toHaveLength(2);
    expect(snapshots[0]).toEqual(before[0]);
    expect(snapshots[1]!.takenAt).toBe(a.lastCheckedAt);
    expect(snapshots[1]!.procurement.keyDates.find((k) => k.type === 'submissionDeadline')?.at).toBe('2026-07-15T22:59:59.000Z');

    expect(await stored(B)).toEqual(untouchedB);
    expect(await stored(C)).toEqual(untouchedC);
    expect(await sweepState()).toEqual({ sweptTo: NOW, pending: [] });
  });

  it('asks FTS for London times: in June, 12:00 UTC is asked as 13:00', () => {
    expect(ftsTime(NOW)).toBe('2026-06-10T13:00:00');
  });

  // Sent as UTC, the window 11:00–12:00 UTC would be read as 10:00–11:00 UTC and miss it, and the next one too.
  it('an update published inside an hour of British Summer Time is found in the next refresh', async () => {
    await seed({ checkedAt: at(-1 * HOUR), sweptTo: at(-1 * HOUR) });
    startFts([{ ocid: A, updatedAt: at(-30 * 60_000) }]);
    const report = await cycle();
    expect(windowsAsked(fts.requests)).toEqual([{ from: '2026-06-10T12:00:00', to: '2026-06-10T13:00:00' }]);
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([A]);
    expect(report.refreshed.map((r) => r.ocid)).toEqual([A]);
    expect(await changeTexts(A)).toEqual([EXPECTED[A]]);
  });

  // 25 October 2026: 00:20 UTC reads 01:20 BST, 01:10 UTC reads 01:10 GMT (the hour is repeated).
  it('updates in both readings of the repeated hour in October are found, refreshing in the middle of it', async () => {
    clock.set('2026-10-25T00:40:00Z');
    await seed({ checkedAt: '2026-10-25T00:10:00.000Z', sweptTo: '2026-10-25T00:10:00.000Z' });
    startFts([{ ocid: A, updatedAt: '2026-10-25T00:20:00Z' }]);
    await cycle();
    expect(await changeTexts(A)).toEqual([EXPECTED[A]]);
    // Published at 01:10 GMT, after the first refresh; the second runs at 01:30 GMT.
    fts.addReleases({ ocid: C, updatedAt: '2026-10-25T01:10:00Z' });
    clock.set('2026-10-25T01:30:00Z');
    await cycle();
    // Both windows are widened out of the repeated hour at each end: 00:59 BST to 02:00 GMT.
    expect(fts.listRequests().map((r) => [r.updatedFrom, r.updatedTo])).toEqual([
      ['2026-10-25T00:59:00', '2026-10-25T02:00:00'],
      ['2026-10-25T00:59:00', '2026-10-25T02:00:00'],
    ]);
    // A is read twice: the second window takes in its update again, the cost of covering the hour whole.
    // (FTS lists the newest first: C, then A.)
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([A, C, A]);
    expect(await changeTexts(C)).toEqual([EXPECTED[C]]);
  });

  it('is polite: one request at a time, starts at least 13 s apart (virtual clock)', async () => {
    await seed({ checkedAt: at(-12 * HOUR), sweptTo: at(-12 * HOUR) });
    startFts([...unwatchedUpdates(420, at(-12 * HOUR), NOW), { ocid: A, updatedAt: at(-11 * HOUR) }, { ocid: C, updatedAt: at(-2 * HOUR) }]);
    await cycle();
    expect(fts.requests.length).toBeGreaterThan(5);
    expect(fts.maxInFlight()).toBe(1);
    const starts = fts.requests.map((r) => r.at);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(13_000);
  });

  // 1,000 updates evenly spread: each half of 6 hours holds 500, a quarter 250, an eighth 125,
  // a sixteenth 62 or 63: 1 + 2 + 4 + 8 + 16 list pages.
  it('unwatched procurements in the updates cost nothing: 1,000 updates → 31 list pages, no procurement read, nothing stored', async () => {
    await seed({ checkedAt: at(-6 * HOUR), sweptTo: at(-6 * HOUR) });
    const before = await Promise.all([A, B, C].map(stored));
    startFts(unwatchedUpdates(1000, at(-6 * HOUR), NOW));
    const report = await cycle();
    expect(fts.count('list')).toBe(31);
    expect(fts.listRequests().filter((r) => r.cursor !== undefined)).toEqual([]);
    expect(fts.count('procurement')).toBe(0);
    expect(report).toMatchObject({ sweepPages: 31, sweepReleases: 1000, procurementReads: 0, refreshed: [], failed: [] });
    expect(await Promise.all([A, B, C].map(stored))).toEqual(before);
    expect(await sweepState()).toEqual({ sweptTo: NOW, pending: [] });
  });

  it('a watched procurement updated several times, across windows, is read once', async () => {
    await seed({ checkedAt: at(-18 * HOUR), sweptTo: at(-18 * HOUR) });
    startFts([
      ...unwatchedUpdates(30, at(-18 * HOUR), NOW),
      { ocid: B, updatedAt: at(-17 * HOUR) },
      { ocid: B, updatedAt: at(-16 * HOUR) },
      { ocid: B, updatedAt: at(-9 * HOUR) },
      { ocid: B, updatedAt: at(-1 * HOUR) },
    ]);
    const report = await cycle();
    expect(windowsAsked(fts.requests)).toHaveLength(3);
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([B]);
    expect(report.refreshed.map((r) => r.ocid)).toEqual([B]);
    expect(await changeTexts(B)).toEqual([
      'New notice: UK4: Tender notice, published 20 October 2025, 4:42pm',
      'Amendment: Submission deadline extended to 7 November 2025 and clarification deadline to 31 October 2025 following supplier requests for more time to arrange site visits.',
      'New notice: UK4: Tender notice, published 29 October 2025, 9:05am',
      'Amendment: notice 069512-2025 changed the procurement',
      'Title changed from “Highways Drainage and Gully Cleansing Services” to “Highways Drainage, Gully Cleansing and CCTV Survey Services”',
      'Enquiry deadline moved from 17 October 2025, 5pm to 31 October 2025, 5pm',
      EXPECTED[B],
      'Document added: Invitation to tender pack, version 2 (adds CCTV drainage survey schedule)',
    ]);
    expect((await entry(B))!.title).toBe('Highways Drainage, Gully Cleansing and CCTV Survey Services');
  });

  // FTS lists a notice naming many procurements once for each, and one reused ocid holds over
  // 100 releases of different buyers' procurements: each watched procurement is read once.
  it('a watched ocid listed 120 times in a window, and a notice listed 14 times, are each read once', async () => {
    await seed({ checkedAt: at(-6 * HOUR), sweptTo: at(-6 * HOUR) });
    startFts([
      ...Array.from({ length: 120 }, (_, k) => ({ ocid: A, id: `0${70100 + k}-2026`, updatedAt: at(-6 * HOUR + k * 60_000) })),
      { ocid: B, id: '069512-2025', updatedAt: at(-4 * HOUR), repeat: 14 },
    ]);
    const report = await cycle();
    expect(fts.procurementRequests().map((r) => r.ocid).sort()).toEqual([A, B].sort());
    expect(report).toMatchObject({ sweepReleases: 121, procurementReads: 2, failed: [] });
    expect(await changeTexts(A)).toEqual([EXPECTED[A]]);
    expect(await changeTexts(B)).toContain(EXPECTED[B]);
  });

  it('a procurement read again with nothing new adds no change and no snapshot, but counts as checked', async () => {
    await seed({ checkedAt: at(-6 * HOUR), sweptTo: at(-6 * HOUR) });
    const before = await stored(A);
    startFts([{ ocid: A, updatedAt: at(-3 * HOUR) }]);
    fts.setProcurement(A, BEFORE[A]!);
    const report = await cycle();
    expect(report.refreshed).toEqual([{ ocid: A, changes: [] }]);
    expect(await snapshotsOf(A)).toEqual(before.snapshots);
    expect((await entry(A))!.unseenChanges).toEqual([]);
    expect((await entry(A))!.lastCheckedAt).not.toBe(before.entry!.lastCheckedAt);
  });

  it('windows are never longer than 6 hours, follow on from one another, and run from the stored position to now', async () => {
    const sweptTo = at(-(3 * DAY + 5 * HOUR + 17 * 60_000 + 30_500));
    await seed({ checkedAt: sweptTo, sweptTo });
    startFts([...unwatchedUpdates(600, sweptTo, NOW), { ocid: C, updatedAt: at(-40 * HOUR) }]);
    const report = await cycle();

    for (const r of fts.listRequests()) {
      const span = Date.parse(`${r.updatedTo}Z`) - Date.parse(`${r.updatedFrom}Z`);
      expect(span).toBeGreaterThan(0);
      expect(span).toBeLessThanOrEqual(MAX_WINDOW_MS);
      expect(span).toBeLessThanOrEqual(6 * HOUR);
    }
    const windows = windowsAsked(fts.requests);
    expect(windows).toHaveLength(13); // 77 h 17 min in 6-hour windows
    expect(windows[0]!.from).toBe(ftsTime(sweptTo));
    expect(windows.at(-1)!.to).toBe(ftsTime(NOW));
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.from).toBe(windows[i - 1]!.to);
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([C]);
    expect(await changeTexts(C)).toEqual([EXPECTED[C]]);
    expect(report.sweepPages).toBe(fts.count('list'));
    expect(await sweepState()).toEqual({ sweptTo: NOW, pending: [] });
  });

  it('with no sweep position yet, sweeps from the oldest last check', async () => {
    await seed({ checkedAt: at(-3 * HOUR) });
    await db!.put('watchlist', { ...(await entry(B))!, lastCheckedAt: at(-8 * HOUR) });
    startFts([{ ocid: B, updatedAt: at(-7 * HOUR) }]);
    await cycle();
    expect(windowsAsked(fts.requests)).toEqual([
      { from: ftsTime(at(-8 * HOUR)), to: ftsTime(at(-2 * HOUR)) },
      { from: ftsTime(at(-2 * HOUR)), to: ftsTime(NOW) },
    ]);
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([B]);
  });

  it('an empty watchlist asks FTS nothing and moves the position to now', async () => {
    db = await openTenderTimelineDB();
    await setMeta(db, SWEEP_KEY, { sweptTo: at(-5 * DAY), pending: [] });
    startFts(unwatchedUpdates(300, at(-5 * DAY), NOW));
    const report = await cycle();
    expect(fts.requests).toEqual([]);
    expect(report).toEqual({ sweepPages: 0, sweepReleases: 0, procurementReads: 0, refreshed: [], failed: [] });
    expect(await sweepState()).toEqual({ sweptTo: NOW, pending: [] });
  });

  it('FTS’s stray ` 000,` fragments, in a list page and in a procurement’s releases, are repaired: the change is still found and stored', async () => {
    await seed({ checkedAt: at(-6 * HOUR), sweptTo: at(-6 * HOUR) });
    startFts([...unwatchedUpdates(40, at(-6 * HOUR), NOW), { ocid: A, updatedAt: at(-2 * HOUR) }]);
    fts.fail('list', { transform: (body) => body.replace('"links":', ' 000,"links":') });
    fts.fail(isRead(A), { transform: (body) => body.replace('"tenderPeriod":', ' 000,"tenderPeriod":').replace('"amountGross":0,', '"amountGross":0, 000,') });
    const report = await cycle();
    expect(fts.unusedFailures()).toBe(0);
    expect(report.failed).toEqual([]);
    expect(await changeTexts(A)).toEqual([EXPECTED[A]]);
    expect((await snapshotsOf(A)).at(-1)!.procurement).toEqual(modelOf(AFTER[A]!));
  });
});

describe('refreshCycle: W watched procurements, 3 changed', () => {
  // 403 updates in the 6 hours since the last sweep (400 of other procurements, one every
  // 54 s from 07:00 BST, and A at 08:00, B at 10:00, C at 12:00), 100 a page. Halves hold
  // 203 and 200, quarters 102, 101, 100 and 100 — a page of exactly 100 may not be all of
  // its part, so each is split again, into eighths of 49 to 51: 1 + 2 + 4 + 8 list pages,
  // then the 3 changed procurements' releases — whatever W is. Polling every watched procurement instead would
  // cost W requests (10, 1,000, 10,000).
  it.each([10, 1_000, 10_000])('W = %i: 15 sweep pages + 3 procurement reads', async (w) => {
    await seed({ checkedAt: at(-6 * HOUR), sweptTo: at(-6 * HOUR), clones: w - 3 });
    expect(await db!.count('watchlist')).toBe(w);
    startFts([
      ...unwatchedUpdates(400, at(-6 * HOUR), NOW),
      { ocid: A, updatedAt: at(-5 * HOUR) },
      { ocid: B, updatedAt: at(-3 * HOUR) },
      { ocid: C, updatedAt: at(-1 * HOUR) },
    ]);
    const report = await cycle();
    expect({ list: fts.count('list'), procurement: fts.count('procurement'), other: fts.count('other') }).toEqual({ list: 15, procurement: 3, other: 0 });
    expect(fts.requests).toHaveLength(18);
    expect(fts.listRequests().map((r) => r.rows).sort((a, b) => a! - b!)).toEqual([49, 50, 50, 50, 51, 51, 51, 51, 100, 100, 100, 100, 100, 100, 100]);
    expect(fts.procurementRequests().map((r) => r.ocid).sort()).toEqual([A, B, C].sort());
    expect(report).toMatchObject({ sweepPages: 15, sweepReleases: 403, procurementReads: 3, failed: [] });
    for (const ocid of [A, B, C]) expect(await changeTexts(ocid)).toContain(EXPECTED[ocid]);
  }, 60_000);
});

describe('refreshCycle: away longer than 14 days', () => {
  const clones = 2;
  const procurementFor = (ocid: string) => (ocid.startsWith('ocds-h6vhtk-c') ? withOcid(BEFORE[A]!, ocid) : undefined);

  it('reads every watched procurement once instead of weeks of updates, then sweeps as usual', async () => {
    const away = at(-(MAX_SWEEP_BACK_MS + HOUR));
    await seed({ checkedAt: away, sweptTo: away, clones });
    startFts(unwatchedUpdates(5000, away, NOW), { procurementFor });
    const report = await cycle();
    expect(fts.count('list')).toBe(0);
    expect(fts.procurementRequests().map((r) => r.ocid).sort()).toEqual([A, B, C, cloneOcid(0), cloneOcid(1)].sort());
    expect(report).toMatchObject({ sweepPages: 0, procurementReads: 5, failed: [] });
    for (const ocid of [A, B, C]) expect(await changeTexts(ocid)).toContain(EXPECTED[ocid]);
    expect(await sweepState()).toEqual({ sweptTo: NOW, pending: [] });

    clock.advance(HOUR);
    const seen = fts.requests.length;
    await restart();
    await cycle();
    expect(fts.since(seen).map((r) => r.kind)).toEqual(['list']);
  });

  it('exactly 14 days still sweeps: 56 six-hour windows', async () => {
    const away = at(-MAX_SWEEP_BACK_MS);
    await seed({ checkedAt: away, sweptTo: away });
    startFts([{ ocid: B, updatedAt: at(-10 * DAY) }]);
    await cycle();
    expect(windowsAsked(fts.requests)).toHaveLength(56);
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([B]);
  });

  it('stopped half-way through the reading (FTS busy), the next cycle reads only the ones left', async () => {
    const away = at(-20 * DAY);
    await seed({ checkedAt: away, sweptTo: away, clones });
    startFts([], { procurementFor });
    let third: string | undefined;
    fts.fail((r) => r.kind === 'procurement' && fts.count('procurement') === 3 && (third = r.ocid) !== undefined, { status: 429, retryAfter: '3600' });
    const first = await cycle();
    expect(first.stoppedBecause).toMatch(/busy/);
    expect(fts.count('procurement')).toBe(3);
    const readFirst = fts.procurementRequests().slice(0, 2).map((r) => r.ocid!);
    expect((await sweepState())!.pending).toHaveLength(3);
    expect((await sweepState())!.pending).toContain(third);

    clock.advance(20 * 60_000);
    const seen = fts.requests.length;
    await restart();
    const secondStart = clock.date().toISOString();
    await cycle();
    const again = fts.since(seen);
    expect(again.filter((r) => r.kind === 'list')).toHaveLength(1);
    const records = again.filter((r) => r.kind === 'procurement').map((r) => r.ocid!);
    expect(records.sort()).toEqual([A, B, C, cloneOcid(0), cloneOcid(1)].filter((o) => !readFirst.includes(o)).sort());
    expect(await sweepState()).toEqual({ sweptTo: secondStart, pending: [] });
  });
});

// ---------------------------------------------------------------------------------------

const four = (failure: Failure): Failure[] => [failure, failure, failure, failure];

/** Failures of one request, the attempts the client makes, and the words it stops with. */
const BUSY_CASES: Array<[string, Failure[], number, RegExp]> = [
  ['429 without Retry-After (taken as 120 s, past the request’s 60 s deadline: given up at once)', [{ status: 429 }], 1, /busy/],
  ['429 with Retry-After: 3600 (longer than the client waits: given up at once)', [{ status: 429, retryAfter: '3600' }], 1, /busy/],
  ['503 with Retry-After: 60 (past the request’s 60 s deadline: given up at once)', [{ status: 503, retryAfter: '60' }], 1, /busy/],
  ['504 (4 attempts)', four({ status: 504 }), 4, /busy/],
  // 30 s without an answer, 5 s of back-off, then the second attempt meets the 60 s deadline.
  ['a time-out: no answer until aborted (2 attempts in the 60 s deadline)', [{ hang: true }, { hang: true }], 2, /could not be reached/],
  ['a body that stalls until aborted (once: the deadline ends it)', [{ stallBody: true }], 1, /could not be reached/],
  ['a network error (4 attempts)', four({ networkError: true }), 4, /could not be reached/],
];

const UNREADABLE_LIST_CASES: Array<[string, Failure[], number, RegExp]> = [
  ['an HTML error page with status 200', [{ body: '<!DOCTYPE html><html><head><title>Service unavailable</title></head></html>' }], 1, /could not be read/],
  ['an empty body with status 200', [{ body: '' }], 1, /could not be read/],
  ['a JSON object that is not a package, with status 200', [{ body: '{"error": "Internal error"}' }], 1, /not a release package/],
  ['an empty JSON object with status 200', [{ body: '{}' }], 1, /not a release package/],
];

describe('refreshCycle: a list page fails', () => {
  // Three 6-hour windows to sweep; B changed in the third. Each window holds 151 or 150
  // updates (one every 144 s): a full page, then two halves of about 75. The first half of
  // window 2 (01:00–04:00 BST) fails, after window 1's 3 pages and window 2's first.
  const window2 = at(-12 * HOUR);
  const window2FirstHalf = isList(window2, at(-9 * HOUR));

  async function scenario(failures: Failure[]) {
    await seed({ checkedAt: at(-18 * HOUR), sweptTo: at(-18 * HOUR) });
    startFts([...unwatchedUpdates(450, at(-18 * HOUR), NOW), { ocid: B, updatedAt: at(-2 * HOUR) }]);
    fts.fail(window2FirstHalf, ...failures);
  }

  it.each([...BUSY_CASES, ...UNREADABLE_LIST_CASES])('%s → the cycle stops, keeps the last finished window, and the next cycle resumes there', async (_name, failures, attempts, message) => {
    await scenario(failures);
    const before = await Promise.all([A, B, C].map(stored));

    const report = await cycle();
    expect(fts.unusedFailures()).toBe(0);
    expect(fts.requests.filter(window2FirstHalf)).toHaveLength(attempts);
    expect(report.stoppedBecause).toMatch(message);
    expect(report).toMatchObject({ sweepPages: 3 + 1, procurementReads: 0, refreshed: [], failed: [] });
    expect(fts.count('procurement')).toBe(0);
    expect(await sweepState()).toEqual({ sweptTo: window2, pending: [] });
    expect(await Promise.all([A, B, C].map(stored))).toEqual(before);

    clock.advance(10 * 60_000);
    const seen = fts.requests.length;
    await restart();
    const secondStart = clock.date().toISOString();
    const next = await cycle();
    const again = fts.since(seen);
    expect(again[0]).toMatchObject({ kind: 'list', updatedFrom: ftsTime(window2), cursor: undefined });
    expect(again.filter((r) => r.kind === 'procurement').map((r) => r.ocid)).toEqual([B]);
    expect(next.stoppedBecause).toBeUndefined();
    expect(await changeTexts(B)).toContain(EXPECTED[B]);
    expect(await sweepState()).toEqual({ sweptTo: secondStart, pending: [] });
  });

  it('429 with Retry-After: 30 → waits the 30 s (virtual) and carries on: nothing lost', async () => {
    await scenario([{ status: 429, retryAfter: '30' }]);
    const report = await cycle();
    expect(report.stoppedBecause).toBeUndefined();
    expect(clock.sleeps).toContain(30_000);
    const retried = fts.requests.filter(window2FirstHalf);
    expect(retried.map((r) => r.outcome)).toEqual(['429', '200']);
    expect(retried[1]!.at - retried[0]!.at).toBeGreaterThanOrEqual(30_000);
    expect(await changeTexts(B)).toContain(EXPECTED[B]);
    expect(await sweepState()).toEqual({ sweptTo: NOW, pending: [] });
  });

  // Once FTS has said it is busy (or cannot be reached) the cycle stops asking.
  it('after a busy list page, no procurement is read in the same cycle (they stay pending)', async () => {
    await scenario([{ status: 429 }]);
    fts.addReleases({ ocid: A, updatedAt: at(-17 * HOUR) }); // found in window 1, before the failure
    const report = await cycle();
    expect(report.stoppedBecause).toMatch(/busy/);
    expect(fts.count('procurement')).toBe(0);
    expect((await sweepState())!.pending).toEqual([A]);
  });

  // A list page whose JSON was cut off is not taken for the window's last page: the window is read again.
  it('a list page cut off mid-way is not mistaken for the last page of its window', async () => {
    await seed({ checkedAt: at(-6 * HOUR), sweptTo: at(-6 * HOUR) });
    startFts([...unwatchedUpdates(150, at(-6 * HOUR), at(-3 * HOUR)), { ocid: A, updatedAt: at(-1 * HOUR) }]);
    fts.fail('list', { transform: (body) => body.slice(0, Math.floor(body.length / 2)) });
    await cycle();
    clock.advance(10 * 60_000);
    await restart();
    await cycle();
    expect(fts.procurementRequests().map((r) => r.ocid)).toContain(A);
  });
});

describe('refreshCycle: reading a procurement fails', () => {
  // A and C changed in the last 6 hours, on one page; A, the newer, is listed first. Reading A fails.
  async function scenario(failures: Failure[]) {
    await seed({ checkedAt: at(-6 * HOUR), sweptTo: at(-6 * HOUR) });
    startFts([...unwatchedUpdates(90, at(-6 * HOUR), NOW), { ocid: A, updatedAt: at(-4 * HOUR) }, { ocid: C, updatedAt: at(-5 * HOUR) }]);
    fts.fail(isRead(A), ...failures);
  }

  it.each(BUSY_CASES)('%s → the cycle stops at that procurement; its last good data is kept and the error noted; the next cycle reads it', async (_name, failures, attempts, message) => {
    await scenario(failures);
    const a = await stored(A);
    const c = await stored(C);

    const report = await cycle();
    expect(fts.unusedFailures()).toBe(0);
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual(Array(attempts).fill(A));
    expect(report.stoppedBecause).toMatch(message);
    expect(report.failed).toEqual([{ ocid: A, message: expect.stringMatching(message) }]);
    expect(report.refreshed).toEqual([]);
    // The last good snapshot and entry are untouched; only the error is noted.
    expect(await stored(A)).toEqual({ entry: { ...a.entry, lastCheckError: report.stoppedBecause }, snapshots: a.snapshots });
    expect(await stored(C)).toEqual(c);
    expect(await sweepState()).toEqual({ sweptTo: NOW, pending: [A, C] });

    clock.advance(15 * 60_000);
    const seen = fts.requests.length;
    await restart();
    const secondStart = clock.date().toISOString();
    const next = await cycle();
    expect(fts.since(seen).map((r) => r.ocid ?? r.kind)).toEqual(['list', A, C]);
    expect(next.failed).toEqual([]);
    expect(await changeTexts(A)).toEqual([EXPECTED[A]]);
    expect(await changeTexts(C)).toEqual([EXPECTED[C]]);
    expect((await entry(A))!.lastCheckError).toBeUndefined();
    expect(await snapshotsOf(A)).toHaveLength(2);
    expect(await sweepState()).toEqual({ sweptTo: secondStart, pending: [] });
  });

  it('404 (FTS has no such procurement) → that one is skipped with the error noted, the others are read', async () => {
    await scenario([{ status: 404, body: 'Not found' }]);
    const a = await stored(A);
    const report = await cycle();
    expect(report.stoppedBecause).toBeUndefined();
    expect(report.failed).toEqual([{ ocid: A, message: 'Find a Tender has no data for this notice.' }]);
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([A, C]);
    expect(await stored(A)).toEqual({ entry: { ...a.entry, lastCheckError: 'Find a Tender has no data for this notice.' }, snapshots: a.snapshots });
    expect(await changeTexts(C)).toEqual([EXPECTED[C]]);
  });

  it.each([
    ['an HTML page with status 200', '<!DOCTYPE html><html><title>Sorry, there is a problem with the service</title></html>', /^This page's data is not OCDS/],
    ['an empty body with status 200', '', /^This page's data is not OCDS/],
    ['a JSON object that is not a package', '{"error": "Internal error"}', /^This page's data is not OCDS/],
    ['a release package with no releases', '{"uri": "https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages/x", "releases": []}', /^This OCDS package is empty/],
  ])('%s → skipped cleanly: last good data kept, error noted, the others read', async (_name, body, message) => {
    await scenario([{ body }]);
    const a = await stored(A);
    const report = await cycle();
    expect(report.failed).toEqual([{ ocid: A, message: expect.stringMatching(message) }]);
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([A, C]);
    expect(await stored(A)).toEqual({ entry: { ...a.entry, lastCheckError: report.failed[0]!.message }, snapshots: a.snapshots });
    expect(await changeTexts(C)).toEqual([EXPECTED[C]]);
  });

  // A procurement FTS answered with something unreadable stays pending: the sweep has moved past its update.
  it('a procurement answered with an unreadable body is read again by the next cycle', async () => {
    await scenario([{ body: '<!DOCTYPE html><html><title>Sorry, there is a problem with the service</title></html>' }]);
    await cycle();
    clock.advance(15 * 60_000);
    await restart();
    await cycle();
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([A, C, A]);
    expect(await changeTexts(A)).toEqual([EXPECTED[A]]);
  });

  // Releases whose JSON was cut off change nothing stored: it would read as key dates removed.
  it('releases cut off mid-way do not replace the last good data', async () => {
    await scenario([{ transform: (body) => body.slice(0, Math.floor(body.length * 0.6)) }]);
    const a = await stored(A);
    await cycle();
    const after = await stored(A);
    expect(after.snapshots).toEqual(a.snapshots);
    expect(after.entry!.unseenChanges).toEqual([]);
    expect(after.entry!.keyDates).toEqual(a.entry!.keyDates);
  });
});

describe('refreshCycle: a stopped worker resumes where it left off', () => {
  it('the sweep position and the pending procurements survive a restart mid-request (new connection, new client)', async () => {
    // Four windows; A changed in window 1, B in window 4; window 3's request never returns:
    // the service worker is stopped while waiting for it.
    await seed({ checkedAt: at(-24 * HOUR), sweptTo: at(-24 * HOUR) });
    startFts([...unwatchedUpdates(240, at(-24 * HOUR), NOW), { ocid: A, updatedAt: at(-23 * HOUR) }, { ocid: B, updatedAt: at(-1 * HOUR) }]);
    hangTimesOut = false;
    const window3 = at(-12 * HOUR);
    fts.fail(isList(window3), { hang: true });
    const a = await stored(A);

    const dying = refreshCycle({ db: db!, client: newClient(), now: clock.date });
    const dyingEnd = dying.then(
      () => 'finished',
      (error: unknown) => error,
    );
    for (let i = 0; i < 10_000 && !fts.requests.some((r) => r.outcome === 'hang'); i++) await new Promise((resolve) => setImmediate(resolve));
    expect(fts.requests.at(-1)).toMatchObject({ kind: 'list', updatedFrom: ftsTime(window3), outcome: 'hang' });
    // Stopped: its connection goes; nothing it had not stored yet survives.
    db!.close();

    clock.advance(5 * 60_000);
    const seen = fts.requests.length;
    const secondStart = clock.date().toISOString();
    db = await openTenderTimelineDB();
    expect(await sweepState()).toEqual({ sweptTo: window3, pending: [A] });
    expect(await stored(A)).toEqual(a);
    const report = await cycle();
    const again = fts.since(seen);
    expect(again[0]).toMatchObject({ kind: 'list', updatedFrom: ftsTime(window3), cursor: undefined });
    expect(again.filter((r) => r.kind === 'procurement').map((r) => r.ocid)).toEqual([A, B]);
    expect(windowsAsked(again).map((w) => w.from)).toEqual([ftsTime(window3), ftsTime(at(-6 * HOUR)), ftsTime(NOW)]);
    expect(report.refreshed.map((r) => r.ocid)).toEqual([A, B]);
    expect(await changeTexts(A)).toEqual([EXPECTED[A]]);
    expect(await changeTexts(B)).toContain(EXPECTED[B]);
    expect(await sweepState()).toEqual({ sweptTo: secondStart, pending: [] });

    // The stopped cycle, if it ever wakes, finds its request past its deadline and writes nothing.
    fts.releaseHung();
    await dyingEnd;
    expect(await sweepState()).toEqual({ sweptTo: secondStart, pending: [] });
  });

  it('a procurement unwatched while pending is not read', async () => {
    await seed({ checkedAt: at(-2 * HOUR), sweptTo: at(-2 * HOUR) });
    await setMeta(db!, SWEEP_KEY, { sweptTo: at(-2 * HOUR), pending: [A, 'ocds-h6vhtk-0dead0'] });
    startFts([]);
    await restart();
    await cycle();
    expect(fts.count('procurement')).toBe(1);
    expect(fts.procurementRequests()[0]!.ocid).toBe(A);
  });
});

describe('refreshCycle: told as it goes, and stopped by the user', () => {
  /** A, B and C waiting to be read, and nothing left to sweep. */
  async function threePending() {
    await seed({ checkedAt: at(-2 * HOUR), sweptTo: NOW });
    await setMeta(db!, SWEEP_KEY, { sweptTo: NOW, pending: [A, B, C] } satisfies SweepState);
    startFts([]);
  }
  /** A cycle that the user stops as soon as `stopWhen` is true of its progress. */
  function cycleStoppedWhen(stopWhen: (progress: RefreshProgress) => boolean): Promise<CycleReport> {
    const stop = new AbortController();
    return refreshCycle({ db: db!, client: newClient(), now: clock.date, signal: stop.signal, onProgress: (p) => stopWhen(p) && stop.abort() });
  }
  /** What the popup would show after each step: checked of total, changed. */
  const counts = (seen: RefreshProgress[]) => seen.filter((p) => p.request === undefined).map((p) => `${p.checked} of ${p.total} · ${p.changed}`);

  it('tells how many of the procurements to read were checked and how many changed, and each request’s wait', async () => {
    await threePending();
    const seen: RefreshProgress[] = [];
    await refreshCycle({ db: db!, client: newClient(), now: clock.date, onProgress: (p) => seen.push(p) });
    expect(counts(seen)).toEqual(['0 of 3 · 0', '1 of 3 · 1', '2 of 3 · 2', '3 of 3 · 3']);
    // B's read waits its turn: 13 s after A's started.
    const waits = seen.flatMap((p) => (p.request?.step === 'waiting' ? [p.request] : []));
    expect(waits[0]).toMatchObject({ reason: 'turn', attempt: 1 });
    expect(waits[0]!.until! - Date.parse(NOW)).toBe(13_000);
  });

  it('Stop after the first read: the cycle ends at once, keeps what it read, and the rest stays pending', async () => {
    await threePending();
    const b = await stored(B);
    const report = await cycleStoppedWhen((p) => p.checked === 1);
    expect(report).toMatchObject({ stopped: true, failed: [] });
    expect(report.refreshed.map((r) => r.ocid)).toEqual([A]);
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([A]);
    expect(await changeTexts(A)).toEqual([EXPECTED[A]]);
    // B was not read, and nothing says it failed.
    expect(await stored(B)).toEqual(b);
    expect(await sweepState()).toEqual({ sweptTo: NOW, pending: [B, C] });
    // The next refresh reads what is left, and only that.
    const next = await cycle();
    expect(next.refreshed.map((r) => r.ocid)).toEqual([B, C]);
    expect(await sweepState()).toEqual({ sweptTo: NOW, pending: [] });
  });

  it('Stop while a request waits its turn: it is never sent', async () => {
    await threePending();
    const report = await cycleStoppedWhen((p) => p.request?.step === 'waiting');
    expect(report.stopped).toBe(true);
    expect(report.refreshed.map((r) => r.ocid)).toEqual([A]);
    // Let the client wake from its wait: it sends nothing.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(fts.procurementRequests().map((r) => r.ocid)).toEqual([A]);
    expect(await sweepState()).toEqual({ sweptTo: NOW, pending: [B, C] });
  });

  it('Stop while the list of updates is read: the window under way is read again next time', async () => {
    await seed({ checkedAt: at(-2 * HOUR), sweptTo: at(-2 * HOUR) });
    startFts([{ ocid: A, updatedAt: at(-1 * HOUR) }]);
    // Stopped while FTS is asked for the first page of updates.
    const report = await cycleStoppedWhen((p) => p.request?.step === 'asking');
    expect(report).toMatchObject({ stopped: true, refreshed: [], failed: [] });
    expect(report.stoppedBecause).toBeUndefined();
    expect(fts.requests.map((r) => r.kind)).toEqual(['list']);
    expect(await sweepState()).toEqual({ sweptTo: at(-2 * HOUR), pending: [] });
    // The next refresh reads that window, and finds A.
    expect((await cycle()).refreshed.map((r) => r.ocid)).toEqual([A]);
    expect(STOPPED_MESSAGE).toBe('You stopped the refresh');
  });
});
