/**
 * Benchmark of the background refresh (lib/refresh/cycle.ts): the real `refreshCycle` and
 * the real FtsClient against the scripted fake FTS of test/support/fake-fts.ts, with
 * fake-indexeddb (a fresh IDBFactory for each case). It prints figures and writes
 * bench/refresh-results.json; it asserts nothing.
 *
 *   tsx --expose-gc scripts/bench-refresh.ts            everything; writes bench/refresh-results.json (parts 1–2)
 *                                                       and bench/refresh-bytes-results.json (parts 3–4)
 *   tsx --expose-gc scripts/bench-refresh.ts --runs=15  timed runs per watchlist size in part 2 (≥ 5; default 9)
 *
 * 1. Requests per refresh cycle. W = 10, 1,000 and 10,000 watched procurements; in the 6 hours
 *    swept, FTS lists 400 updates, of which 3 (busier: 30, or all W when W is smaller) are
 *    watched procurements whose record changed. The client keeps its real 13 s spacing on a
 *    virtual clock (`now`/`sleep` injected), so the cycle's virtual duration is what it
 *    would take against FTS. The fake FTS behaves as FTS was observed to (newest first, a
 *    cursor that loses rows), and the sweep splits every full window rather than follow it:
 *    the table gives the list pages that takes and the releases read. Requests are counted
 *    by kind from the fake FTS's log. Beside
 *    it, polling: the same client asking for each of the W records (W requests), also on a
 *    virtual clock.
 * 2. Time to apply a sweep of 100 updates (10 of them watched procurements with changed
 *    records) to a watchlist of 10,000 and of 1,000 entries: wall clock (performance.now)
 *    around one `refreshCycle`, median of N runs after one warm-up run. The client's
 *    spacing, backoff and rate limit are off, so only our own work (and the in-process fake FTS) is timed.
 *    Each run sweeps the next 6 hours, with 10 other procurements changed, as successive
 *    alarms would. The time is split into IndexedDB requests, the FTS client (with the fake
 *    FTS answering in-process) and the rest — our own reading of list pages and records,
 *    comparing and summarising — by wrapping the database and the client
 *    (scripts/bench/refresh-meter.ts); `readOcds` alone on the same 10 records is timed
 *    apart for reference.
 * 3. Bytes downloaded per refresh cycle (W = 10, 1,000, 10,000; 3 changed), before (each
 *    changed procurement's record package) and after (every release of its ocid), and
 * 4. what a notice page costs to show its panel (scripts/bench/refresh-bytes.ts).
 *
 * Filling the watchlists (entries and one snapshot each) is never timed. Every watched
 * procurement is a copy, under its own ocid, of a real compiled record
 * (ocds-h6vhtk-067b89, 8.5 kB as a record package); a changed record moves its submission
 * deadline, which the cycle must find as one change. fake-indexeddb is pure JavaScript and
 * much slower than a browser's IndexedDB: its share here is an upper bound.
 */
import { findGc } from './bench/gc';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createFtsClient, REQUEST_SPACING_MS as SPACING_MS } from '../lib/fts/client';
import { procurementReleasesUrl } from '../lib/fts/urls';
import { readOcds } from '../lib/ocds/read';
import type { Procurement } from '../lib/procurement';
import { refreshCycle, SWEEP_KEY, type CycleReport, type SweepState } from '../lib/refresh/cycle';
import { openTenderTimelineDB, type Snapshot, type TenderTimelineDB } from '../lib/watchlist/db';
import { watchEntry, type WatchedProcurement } from '../lib/watchlist/entry';
import { putAll, setMeta } from '../lib/watchlist/store';
import { changedRecord, createFakeFts, procurementPackage, realRecordPackages, unwatchedUpdates, virtualClock, withOcid, type FakeRelease } from '../test/support/fake-fts.ts';
import { Meter, meterClient, meterIdb } from './bench/refresh-meter.ts';
import { bytesCase, noticePageCase, procurementSizes, recordedListPageBytes, type BytesCase, type NoticePageCase } from './bench/refresh-bytes.ts';

type DB = IDBPDatabase<TenderTimelineDB>;
type Json = Record<string, any>;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'refresh-results.json');
/** Parts 3 and 4: bytes, before and after. */
const BYTES_RESULTS = join(ROOT, 'bench', 'refresh-bytes-results.json');

const NOW = '2026-06-10T12:00:00.000Z';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const WINDOW_MS = 6 * HOUR;

const REQUEST_WATCHLISTS = [10, 1_000, 10_000] as const;
const REQUEST_CHANGED = [3, 30] as const;
const REQUEST_UPDATES = 400;
const BYTES_CHANGED = 3;

const APPLY_WATCHLISTS = [10_000, 1_000] as const;
/** Part 2 times our own work: no wait for FTS's 12 requests in 2 minutes (a sweep and 10 records are 13). */
const UNTIMED_RATE_LIMIT = { requests: 1_000, windowMs: 120_000 };
const APPLY_UPDATES = 100;
const APPLY_CHANGED = 10;
const MIN_RUNS = 5;
const DEFAULT_RUNS = 9;

const at = (msFromNow: number) => new Date(Date.parse(NOW) + msFromNow).toISOString();
const watchedOcid = (i: number) => `ocds-h6vhtk-c${String(i).padStart(5, '0')}`;

// ---------------------------------------------------------------- the procurement watched

/** West Midlands PCC (UK3, compiled record); the change: submission deadline 1 July 2026 → 15 July 2026. */
const TEMPLATE_OCID = 'ocds-h6vhtk-067b89';
const BEFORE: Json = realRecordPackages().get(TEMPLATE_OCID)!;
const AFTER: Json = changedRecord(BEFORE, (state) => (state.tender.tenderPeriod.endDate = '2026-07-15T23:59:59+01:00'));

function modelOf(pkg: Json): Procurement {
  const read = readOcds(JSON.stringify(pkg));
  if (!read.ok) throw new Error(read.message);
  return read.procurements[0]!.procurement;
}
/** The model holds its ocid in one place only, so a copy under another ocid is `{ ...TEMPLATE, ocid }`. */
const TEMPLATE = modelOf(BEFORE);

/** FTS's changed record for a watched copy, as text (made before any timing). */
const changedText = (ocid: string) => JSON.stringify(procurementPackage(withOcid(AFTER, ocid)));

// ---------------------------------------------------------------- set-up (never timed)

/** A fresh IndexedDB with `count` watched copies, each read (one snapshot) and swept up to `sweptTo`. */
async function seededDb(count: number, sweptTo: string): Promise<DB> {
  globalThis.indexedDB = new IDBFactory();
  const db = await openTenderTimelineDB();
  const watchedAt = new Date(Date.parse(sweptTo) - 30 * DAY);
  const entries: WatchedProcurement[] = [];
  const snapshots: Snapshot[] = [];
  for (let i = 0; i < count; i++) {
    const procurement: Procurement = { ...TEMPLATE, ocid: watchedOcid(i) };
    entries.push({ ...watchEntry(procurement, { noticeId: procurement.notices[0]?.id }, watchedAt), lastCheckedAt: sweptTo });
    snapshots.push({ ocid: procurement.ocid, takenAt: sweptTo, procurement });
  }
  await putAll(db, entries, snapshots);
  await setMeta(db, SWEEP_KEY, { sweptTo, pending: [] } satisfies SweepState);
  return db;
}

/** `count` of the W watched ocids, spread evenly over the list. */
const spread = (count: number, watched: number, offset = 0, stride = Math.floor(watched / count)) =>
  Array.from({ length: count }, (_, k) => watchedOcid(offset + k * stride));

/** `ocids` updated at even intervals inside [from, to). */
const updatedIn = (ocids: string[], from: number, to: number): FakeRelease[] =>
  ocids.map((ocid, k) => ({ ocid, updatedAt: new Date(Math.floor(from + ((k + 0.5) * (to - from)) / ocids.length)).toISOString() }));


const changesIn = (report: CycleReport) => report.refreshed.reduce((sum, r) => sum + r.changes.length, 0);

// ---------------------------------------------------------------- 1. requests per cycle

interface RequestsCase {
  watched: number;
  changed: number;
  updates: number;
  listPages: number;
  /** Distinct releases the sweep read (of `updates` listed by FTS). */
  releasesRead: number;
  procurementReads: number;
  sweepRequests: number;
  sweepVirtualSeconds: number;
  pollRequests: number;
  pollVirtualSeconds: number;
  pollOverSweep: number;
  refreshed: number;
  changesFound: number;
  failed: number;
  stoppedBecause: string | null;
}

/** Polling: the real client asks FTS for each of the W records, one after another, on a virtual clock. */
async function poll(watched: number): Promise<{ requests: number; virtualMs: number }> {
  const clock = virtualClock(NOW);
  const body = JSON.stringify(procurementPackage(BEFORE));
  const fts = createFakeFts({ clock, procurementFor: () => body });
  const client = createFtsClient({ fetch: fts.fetch, now: clock.now, sleep: clock.sleep });
  const started = clock.now();
  for (let i = 0; i < watched; i++) await client.getText(procurementReleasesUrl(watchedOcid(i)));
  return { requests: fts.count('procurement'), virtualMs: clock.now() - started };
}

async function requestsCase(watched: number, wantedChanged: number, polled: { requests: number; virtualMs: number }): Promise<RequestsCase> {
  const changed = Math.min(wantedChanged, watched);
  const db = await seededDb(watched, at(-WINDOW_MS));
  const clock = virtualClock(NOW);
  const changedOcids = spread(changed, watched);
  const fts = createFakeFts({
    clock,
    releases: [...unwatchedUpdates(REQUEST_UPDATES - changed, at(-WINDOW_MS), NOW), ...updatedIn(changedOcids, Date.parse(NOW) - WINDOW_MS, Date.parse(NOW))],
    procurements: new Map(changedOcids.map((ocid) => [ocid, changedText(ocid)])),
  });
  const client = createFtsClient({ fetch: fts.fetch, now: clock.now, sleep: clock.sleep });
  const started = clock.now();
  const report = await refreshCycle({ db, client, now: clock.date });
  const virtualMs = clock.now() - started;
  db.close();
  const listPages = fts.count('list');
  const procurementReads = fts.count('procurement');
  const sweepRequests = fts.requests.length;
  return {
    watched,
    changed,
    updates: REQUEST_UPDATES,
    listPages,
    releasesRead: report.sweepReleases,
    procurementReads,
    sweepRequests,
    sweepVirtualSeconds: Math.round(virtualMs / 1000),
    pollRequests: polled.requests,
    pollVirtualSeconds: Math.round(polled.virtualMs / 1000),
    pollOverSweep: round2(polled.requests / sweepRequests),
    refreshed: report.refreshed.length,
    changesFound: changesIn(report),
    failed: report.failed.length,
    stoppedBecause: report.stoppedBecause ?? null,
  };
}

// ---------------------------------------------------------------- 2. time to apply a sweep

interface ApplyCase {
  watched: number;
  updates: number;
  changed: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Medians of each part over the same runs (they need not add up to the median total). */
  indexedDbMs: number;
  indexedDb: { watchlistGetAllMs: number; sweepStateMs: number; recordTransactionsMs: number };
  ftsClientAndFakeMs: number;
  ownWorkMs: number;
  /** `readOcds` alone on the same 10 changed records (their sum; median of 3 passes, then of the runs), timed apart: the reading part of ownWorkMs. */
  readOcdsAloneMs: number;
  /** Every run read all 100 releases listed, 10 records, and found 10 changes. */
  allRunsAsExpected: boolean;
}

interface Sample {
  totalMs: number;
  idbMs: number;
  watchlistGetAllMs: number;
  sweepStateMs: number;
  recordTransactionsMs: number;
  ftsMs: number;
  ownMs: number;
}

async function applyCase(watched: number, runs: number, gc: (() => void) | undefined): Promise<ApplyCase> {
  const end0 = Date.parse(NOW);
  const db = await seededDb(watched, at(-WINDOW_MS));
  const clock = virtualClock(NOW);
  let texts = new Map<string, string>();
  const fts = createFakeFts({ clock, procurementFor: (ocid) => texts.get(ocid) });
  const stride = Math.floor(watched / ((runs + 1) * APPLY_CHANGED));
  const samples: Sample[] = [];
  const readOcdsSamples: number[] = [];
  let asExpected = true;

  for (let run = 0; run <= runs; run++) {
    // Untimed: the next 6 hours' updates and the 10 changed records, a new client.
    const end = end0 + run * WINDOW_MS;
    const start = end - WINDOW_MS;
    clock.set(new Date(end).toISOString());
    const changedOcids = spread(APPLY_CHANGED, watched, run * APPLY_CHANGED * stride, stride);
    texts = new Map(changedOcids.map((ocid) => [ocid, changedText(ocid)]));
    fts.addReleases(
      ...unwatchedUpdates(APPLY_UPDATES - APPLY_CHANGED, new Date(start).toISOString(), new Date(end).toISOString(), `ocds-h6vhtk-u${run}-`),
      ...updatedIn(changedOcids, start, end),
    );
    const client = createFtsClient({ fetch: fts.fetch, now: clock.now, sleep: clock.sleep, spacingMs: 0, baseBackoffMs: 0, maxBackoffMs: 0, rateLimit: UNTIMED_RATE_LIMIT });
    const meter = new Meter();
    const timedDb = meterIdb(db, meter);
    const timedClient = meterClient(client, meter, 'fts');
    const listBefore = fts.count('list');
    gc?.();

    const t0 = performance.now();
    const report = await refreshCycle({ db: timedDb, client: timedClient, now: clock.date });
    const totalMs = performance.now() - t0;

    const pages = fts.count('list') - listBefore;
    if (report.sweepReleases !== APPLY_UPDATES || report.procurementReads !== APPLY_CHANGED || report.refreshed.length !== APPLY_CHANGED || changesIn(report) !== APPLY_CHANGED || report.failed.length > 0) {
      asExpected = false;
      console.warn(`  W=${watched} run ${run}: ${pages} list page(s) with ${report.sweepReleases} releases, ${report.procurementReads} procurements read, ${changesIn(report)} changes, ${report.failed.length} failed${report.stoppedBecause ? `, stopped: ${report.stoppedBecause}` : ''}`);
    }
    // Apart from the cycle: readOcds alone on the same records, for reference (median of 3 passes).
    const readTexts = [...texts.values()];
    const passes: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      gc?.();
      const r0 = performance.now();
      for (const text of readTexts) readOcds(text);
      passes.push(performance.now() - r0);
    }
    const readMs = median(passes);
    if (run === 0) continue; // warm-up

    const idbMs = meter.sum((c) => c !== 'fts');
    const ftsMs = meter.sum((c) => c === 'fts');
    samples.push({
      totalMs,
      idbMs,
      watchlistGetAllMs: meter.totals.get('getAll:watchlist') ?? 0,
      sweepStateMs: meter.sum((c) => c.endsWith(':meta')),
      recordTransactionsMs: meter.totals.get('transaction') ?? 0,
      ftsMs,
      ownMs: totalMs - idbMs - ftsMs,
    });
    readOcdsSamples.push(readMs);
  }
  db.close();

  const med = (pick: (s: Sample) => number) => round2(median(samples.map(pick)));
  const totals = samples.map((s) => s.totalMs);
  return {
    watched,
    updates: APPLY_UPDATES,
    changed: APPLY_CHANGED,
    runs,
    medianMs: med((s) => s.totalMs),
    minMs: round2(Math.min(...totals)),
    maxMs: round2(Math.max(...totals)),
    indexedDbMs: med((s) => s.idbMs),
    indexedDb: {
      watchlistGetAllMs: med((s) => s.watchlistGetAllMs),
      sweepStateMs: med((s) => s.sweepStateMs),
      recordTransactionsMs: med((s) => s.recordTransactionsMs),
    },
    ftsClientAndFakeMs: med((s) => s.ftsMs),
    ownWorkMs: med((s) => s.ownMs),
    readOcdsAloneMs: round2(median(readOcdsSamples)),
    allRunsAsExpected: asExpected,
  };
}

// ---------------------------------------------------------------- output

const round2 = (value: number): number => Math.round(value * 100) / 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

const count = (n: number) => n.toLocaleString('en-GB');
/** Bytes as people read them: 1 kB = 1,000 bytes. */
function size(bytes: number): string {
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(bytes < 1e4 ? 1 : 0)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;
  return `${(bytes / 1e9).toFixed(bytes < 1e10 ? 2 : 1)} GB`;
}
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));
const share = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;

function table(rows: string[][], leftAligned: ReadonlySet<number> = new Set()): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row, index) => {
      const line = row.map((cell, column) => (leftAligned.has(column) ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
      return index === 0 ? `${line}\n${widths.map((width) => '-'.repeat(width)).join('  ')}` : line;
    })
    .join('\n');
}

function parseRuns(argv: string[]): number {
  const given = argv.find((a) => a.startsWith('--runs='));
  const runs = given ? Number(given.slice('--runs='.length)) : DEFAULT_RUNS;
  if (!Number.isInteger(runs) || runs < MIN_RUNS || (runs + 1) * APPLY_CHANGED > Math.min(...APPLY_WATCHLISTS)) {
    console.error(`--runs must be a whole number from ${MIN_RUNS} to ${Math.min(...APPLY_WATCHLISTS) / APPLY_CHANGED - 1}`);
    process.exit(2);
  }
  return runs;
}

async function main(): Promise<void> {
  const runs = parseRuns(process.argv.slice(2));
  const { gc, how } = findGc();
  const fakeIdbVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'fake-indexeddb', 'package.json'), 'utf8')) as { version: string }).version;
  console.log(`Refresh benchmark — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, fake-indexeddb ${fakeIdbVersion}, gc: ${how}\n`);

  // 1.
  const requests: RequestsCase[] = [];
  for (const watched of REQUEST_WATCHLISTS) {
    const polled = await poll(watched);
    for (const changed of REQUEST_CHANGED) {
      if (changed > watched && REQUEST_CHANGED.some((c) => c < changed && c >= watched)) continue; // nothing new to show
      requests.push(await requestsCase(watched, changed, polled));
      gc?.();
    }
  }
  console.log(
    `1. Requests per refresh cycle: ${REQUEST_UPDATES} FTS updates in the 6 h swept (the changed watched procurements among them), 100 per list page.\n` +
      `   Real refreshCycle + FtsClient at its ${SPACING_MS / 1000} s spacing on a virtual clock; requests counted from the fake FTS's log.\n` +
      `   A full page (100) splits its window in two, never following FTS's lossy cursor: "list pages" are the sweep's requests.\n` +
      `   "poll" = the same client asking for every watched record (W requests).`,
  );
  console.log(
    table([
      ['watched', 'changed', 'list pages', 'releases read', 'reads', 'sweep: requests', 'sweep: time', 'poll: requests', 'poll: time', 'poll ÷ sweep', 'found'],
      ...requests.map((r) => [
        count(r.watched),
        r.changed < Math.max(...REQUEST_CHANGED) && r.changed === r.watched ? `${r.changed} (all)` : String(r.changed),
        String(r.listPages),
        `${r.releasesRead} of ${r.updates}`,
        String(r.procurementReads),
        String(r.sweepRequests),
        duration(r.sweepVirtualSeconds),
        count(r.pollRequests),
        duration(r.pollVirtualSeconds),
        `${r.pollOverSweep}×`,
        `${r.refreshed} read, ${r.changesFound} changes${r.failed ? `, ${r.failed} failed` : ''}${r.stoppedBecause ? `, stopped: ${r.stoppedBecause}` : ''}`,
      ]),
    ], new Set([10])),
  );

  // 2.
  const apply: ApplyCase[] = [];
  for (const watched of APPLY_WATCHLISTS) {
    apply.push(await applyCase(watched, runs, gc));
    gc?.();
  }
  console.log(
    `\n2. Time to apply a sweep of ${APPLY_UPDATES} updates (${APPLY_CHANGED} of them watched, with changed records): one refreshCycle, wall clock,\n` +
      `   median of ${runs} runs after 1 warm-up. FtsClient spacing, backoff and rate limit off: only our own work (and the in-process fake FTS) is timed.\n` +
      `   Filling the watchlist is not timed. Parts are medians over the same runs; IndexedDB is fake-indexeddb (pure JS, slower than a browser's).`,
  );
  console.log(
    table([
      ['watched', 'median', 'min–max', 'IndexedDB', '· watchlist getAll', '· sweep state', '· record writes', 'FTS client + fake', 'own work', '· readOcds ×10 alone'],
      ...apply.map((a) => [
        count(a.watched),
        `${ms(a.medianMs)} ms`,
        `${ms(a.minMs)}–${ms(a.maxMs)} ms`,
        `${ms(a.indexedDbMs)} ms (${share(a.indexedDbMs, a.medianMs)})`,
        `${ms(a.indexedDb.watchlistGetAllMs)} ms`,
        `${ms(a.indexedDb.sweepStateMs)} ms`,
        `${ms(a.indexedDb.recordTransactionsMs)} ms`,
        `${ms(a.ftsClientAndFakeMs)} ms (${share(a.ftsClientAndFakeMs, a.medianMs)})`,
        `${ms(a.ownWorkMs)} ms (${share(a.ownWorkMs, a.medianMs)})`,
        `${ms(a.readOcdsAloneMs)} ms`,
      ]),
    ]),
  );
  if (apply.some((a) => !a.allRunsAsExpected)) console.log('   Some runs did not read 10 records and find 10 changes (see the warnings above).');
  console.log(
    '   own work = the cycle minus IndexedDB and FTS-client time: reading the list page and the records (readOcds), comparing, summarising, the cycle itself.',
  );

  // 3. and 4.
  const sizes = procurementSizes(ROOT);
  const listPageBytes = recordedListPageBytes(ROOT);
  const bytes: BytesCase[] = [];
  for (const s of sizes) {
    for (const watched of REQUEST_WATCHLISTS) {
      bytes.push(await bytesCase({ sizes: s, watched, changed: BYTES_CHANGED, updates: REQUEST_UPDATES, now: NOW, watchedOcid, seed: seededDb, listPageBytes }));
      gc?.();
    }
  }
  console.log(
    `\n3. Bytes downloaded per refresh cycle: ${REQUEST_UPDATES} FTS updates in the 6 h swept, ${BYTES_CHANGED} of them watched procurements of 12 notices.\n` +
      "   before = the same list pages, then each changed procurement's record package; after = every release of its ocid (measured).\n" +
      `   List pages counted at ${size(listPageBytes)}, the mean of FTS's recorded full pages. Polling = every watched procurement read each cycle (W × one read).`,
  );
  for (const s of sizes) console.log(`   ${s.name}: record package ${size(s.recordBytes)}, releases ${size(s.releasesBytes)} (${s.releases})`);
  console.log(
    table([
      ['sizes', 'watched', 'list pages', 'before: requests', 'before: bytes', 'after: requests', 'after: bytes', 'after ÷ before', 'polling before', 'polling after', 'read'],
      ...bytes.map((b) => [
        b.sizes.split(' (')[0]!,
        count(b.watched),
        `${b.listPages} (${size(b.listBytes)})`,
        String(b.before.requests),
        size(b.before.bytes),
        String(b.after.requests),
        size(b.after.bytes),
        String(b.afterOverBefore),
        size(b.polling.bytesBefore),
        size(b.polling.bytesAfter),
        `${b.refreshed}${b.failed ? `, ${b.failed} failed` : ''}`,
      ]),
    ], new Set([0])),
  );
  const notice: NoticePageCase[] = [];
  for (const s of sizes) notice.push(await noticePageCase(s, NOW, async () => ((globalThis.indexedDB = new IDBFactory()), openTenderTimelineDB())));
  console.log('\n4. A notice page, to its panel (nothing cached): requests and bytes from FTS.');
  console.log(
    table([
      ['sizes', 'before: the record', 'after: ocid on the page', 'after: no ocid on the page'],
      ...notice.map((n) => [
        n.sizes.split(' (')[0]!,
        `${n.before.requests}, ${size(n.before.bytes)}`,
        `${n.ocidOnPage.requests}, ${size(n.ocidOnPage.bytes)} (${n.ocidOnPage.notices} notices)`,
        `${n.noOcidOnPage.requests}, ${size(n.noOcidOnPage.bytes)} (${n.noOcidOnPage.notices} notices)`,
      ]),
    ], new Set([0])),
  );

  const out = {
    environment: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, fakeIndexedDb: fakeIdbVersion, gc: how },
    template: { ocid: TEMPLATE_OCID, recordBytes: JSON.stringify(BEFORE).length },
    requestsPerCycle: {
      windowHours: WINDOW_MS / HOUR,
      updatesInWindow: REQUEST_UPDATES,
      pageLimit: 100,
      spacingMs: SPACING_MS,
      cases: requests,
    },
    applySweep: {
      updatesInWindow: APPLY_UPDATES,
      watchedChanged: APPLY_CHANGED,
      runs,
      warmUpRuns: 1,
      spacingMs: 0,
      backoffMs: 0,
      timed: 'one refreshCycle (performance.now); watchlist filling untimed; fake FTS answers in-process',
      cases: apply,
    },
  };
  const bytesOut = {
    environment: out.environment,
    bytesPerCycle: {
      updatesInWindow: REQUEST_UPDATES,
      watchedChanged: BYTES_CHANGED,
      listPageBytes,
      sizes: sizes.map(({ name, releases, recordBytes, releasesBytes }) => ({ name, releases, recordBytes, releasesBytes })),
      before: "the cycle's list pages, then each changed procurement's record package (/api/1.0/ocdsRecordPackages/{ocid})",
      after: 'measured: the list pages, then every release of each changed ocid (/api/1.0/ocdsReleasePackages/{ocid})',
      cases: bytes,
    },
    noticePage: {
      before: 'one request: /Notice/{id}/OCDS/Record, the record package',
      after: 'measured through the background service: the releases of the ocid the page shows, else the notice release package first',
      cases: notice,
    },
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
  writeFileSync(BYTES_RESULTS, `${JSON.stringify(bytesOut, null, 2)}\n`);
  console.log(`\nWrote ${relative(process.cwd(), RESULTS) || RESULTS} and ${relative(process.cwd(), BYTES_RESULTS) || BYTES_RESULTS}`);
}

await main();
