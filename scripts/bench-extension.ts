/**
 * Benchmark of the BUILT extension (.output/chrome-mv3) in headless Chromium, on the e2e
 * harness (test/e2e/: the HTTPS stand-in for FTS and d3tenders, the Chromium launcher).
 * Prints figures beside their goals and writes bench/extension-results.json. Nothing here
 * fails on a figure: it measures, it does not judge (tests never assert wall-clock times).
 *
 *   tsx scripts/bench-extension.ts                 everything; writes bench/extension-results.json
 *   tsx scripts/bench-extension.ts --build         `npx wxt build` first
 *   tsx scripts/bench-extension.ts --runs=15       samples per figure (≥ 9; default 9)
 *   tsx scripts/bench-extension.ts --fetched-runs=5   fresh browsers for the fetched overlay (≥ 5; default 9)
 *   tsx scripts/bench-extension.ts --only=overlay,floor,fetched,popup,worker,bundle   a subset (results file untouched)
 *   tsx scripts/bench-extension.ts --no-probe      the entrypoints' marks only (no DOM probe in the pages)
 *
 * 1. Overlay, data in page: a d3tenders page with a compiled record printed in a <pre>;
 *    content-script start (mark at the top of `main`) → the panel's first ready render (mark
 *    in an effect after it). Chromium keeps one performance timeline per document, so the
 *    content script's marks, made in its isolated world, are read from the page's main world.
 *    One warm-up open first (content script never compiled, database not yet opened), reported
 *    apart. A real compiled record from test/fixtures/fts/records/ and the journey's record.
 *    The phases in between come from a third mark, `tender-timeline:panel-answer` (the
 *    background's answer reached the panel), and the probe below.
 * 1b. Overlay against its floor (`overlay-warm`, `overlay-cold`): the real record's page in the
 *    build and in a floor build (.output/bench-floor-chrome-mv3, built here: load.ts replaced by
 *    scripts/bench/floor-load.ts, which answers the background's own answer, captured first,
 *    without a message), two browsers used in turn; warm with the worker awake, cold with it
 *    stopped just before (DevTools' ServiceWorker.stopAllWorkers). Medians and their ratio.
 * 2. Overlay, data fetched: an FTS notice page whose Record the stand-in serves, a new
 *    procurement each run, each run in a fresh browser (the FTS client spaces requests 10 s
 *    apart, per service-worker life). FTS data requests per open (must be 1), then the same
 *    notice reopened within the cache window (must be 0).
 * 3. Popup first render: the watchlist store filled from the popup page itself (extension
 *    origin), the popup reloaded; navigation start → the mark after the first render with
 *    entries (and `tender-timeline:popup-answer`, the background's answer, for the phases).
 *    5,000, 20,000 and 50 entries; one reload not counted after each fill. The popup is a tab
 *    here. Beside it, its floor (`popup-5000`, `popup-20000`): the floor build, whose popup
 *    answers its first request (the first rows) with the background's own answer for the same
 *    watchlist, captured first (scripts/bench/floor-send.ts), in a second browser holding the
 *    same watchlist, reloaded in turn with the real one. At 20,000 the watchlist page too
 *    (navigation start → tender-timeline:watchlist-rows), over the popup's floor.
 * 4. Bundle sizes, raw and gzip (zlib.gzipSync, default level), from the built files.
 * 5. The cold worker (scripts/bench/cold-worker.ts): background.js's first line → the first
 *    message answered after a stop.
 * 6. At scale (scripts/bench/scale.ts): 10,000 watched with 5 snapshots each, in a fresh
 *    profile: the whole list and the first rows asked from the popup page, and the
 *    extension's IndexedDB on disk.
 * `figures` in the results file lists the headline figures with their floors (headlineFigures).
 * Marks are awaited with a PerformanceObserver (waitForMarks), never by polling the page.
 *
 * Besides the entrypoints' marks, an init script (scripts/bench/page-probe.ts) marks when the
 * panel's host / the first popup row is in the DOM (and the frame after the rows), as a
 * cross-check (--no-probe leaves it out).
 * If Chromium is missing, the bundle sizes are printed, then that, and the exit code is 0.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { BUILD_DIRS, findBrowser, launch, type E2EBrowser, type TestPage } from '../test/e2e/browsers.ts';
import { compiledRecord, journeyCase, renamed } from '../test/e2e/e2e-fixtures.ts';
import { PANEL_HOST, UI, fillWatchlist, panelText, waitForPopupRows } from '../test/e2e/extension-ui.ts';
import { D3_ORIGIN, FTS_ORIGIN, d3tendersPage, ftsNoticePage, ftsReleases, html, startFtsServer, type FtsServer } from '../test/e2e/fts-server.ts';
import { coldWorkerAnswers } from './bench/cold-worker.ts';
import { FLOOR_ANSWER_MARK, type FloorAnswers } from './bench/floor-answers.ts';
import { figure, figures, median, ratio, round1, type Figure } from './bench/figures.ts';
import { APP_MARKS, PROBE_MARKS, pageProbeSource } from './bench/page-probe.ts';
import { measureScale } from './bench/scale.ts';
import { watchlistEntries } from './bench/watchlist-entries.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'extension-results.json');
const BUILD = BUILD_DIRS.chromium;
/** The real compiled record printed on the d3tenders page (the largest of the shared fixtures). */
const REAL_RECORD = resolve(ROOT, 'test/fixtures/fts/records/ocds-h6vhtk-067b89.json');

const GOALS = {
  overlayInPageMs: 50,
  ftsRequestsFetched: 1,
  ftsRequestsCached: 0,
  popup5000TimesFloor: 1.2,
  popup20000TimesFloor: 1.3,
  watchlistPage20000TimesPopupFloor: 1.5,
  contentScriptGzipBytes: 80_000,
  overlayWarmTimesFloor: 1.2,
  overlayColdTimesFloor: 2,
  workerColdFirstAnswerMs: 50,
} as const;

/** The floor build (wxt.config.ts, TENDER_TIMELINE_FLOOR_ANSWER): load.ts or the popup's first rows answer a constant. */
const FLOOR_BUILD = join(ROOT, '.output', 'bench-floor-chrome-mv3');
/** The watchlist page's mark after its first rows (entrypoints/watchlist/WatchlistPage.tsx). */
const WATCHLIST_ROWS_MARK = 'tender-timeline:watchlist-rows';

const MIN_RUNS = 9;
const MIN_FETCHED_RUNS = 5;
/** After the panel is ready, how long to keep listening for further FTS requests. */
const SETTLE_MS = 750;
/** How long to wait for the probe's marks once the app's mark is there. */
const PROBE_WAIT_MS = 2_000;

type Part = 'overlay' | 'floor' | 'fetched' | 'popup' | 'worker' | 'scale' | 'bundle';
const PARTS: readonly Part[] = ['overlay', 'floor', 'fetched', 'popup', 'worker', 'scale', 'bundle'];

// ---------------------------------------------------------------- arguments

interface Options {
  runs: number;
  fetchedRuns: number;
  build: boolean;
  only: Set<Part>;
  write: boolean;
  /** Install the DOM probe (scripts/bench/page-probe.ts); --no-probe times the app's marks alone. */
  probe: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { runs: MIN_RUNS, fetchedRuns: 9, build: false, only: new Set(PARTS), write: true, probe: true };
  for (const arg of argv) {
    const [name, value = ''] = arg.split('=', 2) as [string, string | undefined];
    if (name === '--build') options.build = true;
    else if (name === '--no-probe') options.probe = false;
    else if (name === '--runs') options.runs = count(name, value, MIN_RUNS);
    else if (name === '--fetched-runs') options.fetchedRuns = count(name, value, MIN_FETCHED_RUNS);
    else if (name === '--only') {
      const parts = value.split(',').filter(Boolean);
      const unknown = parts.filter((p) => !PARTS.includes(p as Part));
      if (unknown.length || parts.length === 0) usage(`--only takes some of ${PARTS.join(',')}`);
      options.only = new Set(parts as Part[]);
      options.write = false;
    } else usage(`unknown argument ${arg}`);
  }
  return options;
}

function count(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) usage(`${name} takes a whole number ≥ ${min}`);
  return n;
}

function usage(message: string): never {
  console.error(`bench-extension: ${message}\nusage: tsx scripts/bench-extension.ts [--build] [--runs=N≥${MIN_RUNS}] [--fetched-runs=N≥${MIN_FETCHED_RUNS}] [--only=${PARTS.join(',')}] [--no-probe]`);
  process.exit(2);
}

// ---------------------------------------------------------------- statistics and printing

interface Summary {
  n: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

function summarise(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: samples.length, medianMs: round1(median(samples)), minMs: round1(sorted[0]!), maxMs: round1(sorted[sorted.length - 1]!), samplesMs: samples.map(round1) };
}

/** Like summarise, for figures that may be missing (the probe's); null when any sample is. */
function summariseMaybe(samples: (number | null)[]): Summary | null {
  return samples.every((s): s is number => s !== null) && samples.length > 0 ? summarise(samples) : null;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const spread = (s: Summary) => `median ${ms(s.medianMs)} (min ${ms(s.minMs)}, max ${ms(s.maxMs)}; n=${s.n})`;
const verdict = (ok: boolean) => (ok ? '✓ meets' : '✗ misses');
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function line(label: string, figure: string, goal?: string, ok?: boolean): void {
  const goalText = goal === undefined ? '' : `   goal ${goal}  ${ok === undefined ? '' : verdict(ok)}`;
  console.log(`   ${label.padEnd(40)} ${figure}${goalText}`);
}

// ---------------------------------------------------------------- the build

interface BuildInfo {
  dir: string;
  builtAt: string;
  /** Source files changed since the build (the build may not be what is in the tree). */
  newerSources: string[];
  instrumented: boolean;
}

function checkBuild(): BuildInfo | { missing: string } {
  const manifest = join(BUILD, 'manifest.json');
  if (!existsSync(manifest)) return { missing: `${relative(ROOT, BUILD) || BUILD} has no manifest.json: build first (npx wxt build, or run this with --build)` };
  const builtAt = statSync(manifest).mtimeMs;
  const newerSources: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(tsx?|css|html)$/.test(entry.name) && statSync(path).mtimeMs > builtAt) newerSources.push(relative(ROOT, path));
    }
  };
  for (const dir of ['entrypoints', 'components', 'lib']) walk(join(ROOT, dir));
  const content = readIfExists(join(BUILD, 'content-scripts', 'notice.js'));
  const popup = popupFiles().map((f) => readIfExists(join(BUILD, f))).join('\n');
  const instrumented = [APP_MARKS.contentStart, APP_MARKS.panelReady].every((m) => content.includes(m)) && popup.includes(APP_MARKS.popupRows);
  return { dir: BUILD, builtAt: new Date(builtAt).toISOString(), newerSources, instrumented };
}

function readIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** The popup's scripts and styles, as popup.html loads them. */
function popupFiles(): string[] {
  const page = readIfExists(join(BUILD, 'popup.html'));
  return [...page.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
}

// ---------------------------------------------------------------- 4. bundle sizes

interface Size {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

function sizeOf(files: string[]): Size {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const bytes = readFileSync(join(BUILD, file));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes).length;
  }
  return { files, rawBytes, gzipBytes };
}

function bundleSizes() {
  const manifest = JSON.parse(readFileSync(join(BUILD, 'manifest.json'), 'utf8')) as { background?: { service_worker?: string } };
  const contentJs = sizeOf(['content-scripts/notice.js']);
  const contentCss = sizeOf(['content-scripts/notice.css'].filter((f) => existsSync(join(BUILD, f))));
  const contentTotal = { files: [...contentJs.files, ...contentCss.files], rawBytes: contentJs.rawBytes + contentCss.rawBytes, gzipBytes: contentJs.gzipBytes + contentCss.gzipBytes };
  const files = popupFiles();
  return {
    goalContentScriptGzipBytes: GOALS.contentScriptGzipBytes,
    contentScript: { js: contentJs, css: contentCss, total: contentTotal, meetsGoal: contentTotal.gzipBytes <= GOALS.contentScriptGzipBytes },
    popup: { js: sizeOf(files.filter((f) => f.endsWith('.js'))), css: sizeOf(files.filter((f) => f.endsWith('.css'))) },
    background: sizeOf([manifest.background?.service_worker ?? 'background.js']),
  };
}

function printSizes(sizes: ReturnType<typeof bundleSizes>): void {
  console.log('\n4. Bundle sizes (raw / gzip, zlib default level; kB = 1000 bytes)');
  const row = (label: string, s: Size, goal?: string, ok?: boolean) => line(label, `${kB(s.rawBytes).padStart(9)} / ${kB(s.gzipBytes).padStart(8)}`, goal, ok);
  row('content script: notice.js', sizes.contentScript.js);
  row('content script: notice.css', sizes.contentScript.css);
  row('content script: js + css', sizes.contentScript.total, `≤ ${kB(GOALS.contentScriptGzipBytes)} gzip`, sizes.contentScript.meetsGoal);
  row(`popup: ${sizes.popup.js.files.map((f) => basename(f)).join(', ')}`, sizes.popup.js);
  row(`popup: ${sizes.popup.css.files.map((f) => basename(f)).join(', ')}`, sizes.popup.css);
  row(`background: ${sizes.background.files.join(', ')}`, sizes.background);
}

// ---------------------------------------------------------------- in the page

type Marks = Record<string, number | null>;

/** startTime (ms from the document's navigation start) of the first mark of each name, or null. */
function readMarks(page: TestPage, names: readonly string[]): Promise<Marks> {
  return page.evaluate((list) => Object.fromEntries(list.map((n) => [n, performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null])), [...names]);
}

/**
 * Waits until every one of `names` is marked, without polling the page: one evaluation puts a
 * PerformanceObserver (buffered, so marks made before it count) in the page and the promise
 * resolves from its callback. Until a mark is made it does no work at all, and its callbacks
 * run as tasks queued after the marks they report, so nothing runs between two marks except
 * that callback (microseconds); waitForFunction, used before, ran a check in the page on every
 * frame inside the measured window (10–20 ms on this machine). The marks' startTime values are
 * read afterwards, so when this returns does not change them.
 */
async function waitForMarks(page: TestPage, names: readonly string[], timeoutMs: number): Promise<boolean> {
  // Source text, not a function: tsx names inner functions with `__name(…)`, absent in the page.
  const source = `new Promise((done) => {
    const list = ${JSON.stringify(names)};
    const all = () => list.every((n) => performance.getEntriesByName(n, 'mark').length > 0);
    let timer;
    const observer = new PerformanceObserver(() => { if (all()) finish(true); });
    const finish = (ok) => { observer.disconnect(); clearTimeout(timer); done(ok); };
    timer = setTimeout(() => finish(false), ${timeoutMs});
    observer.observe({ type: 'mark', buffered: true });
    if (all()) finish(true);
  })`;
  try {
    return await (page.raw as Page).evaluate<boolean>(source);
  } catch {
    return false;
  }
}

const between = (marks: Marks, from: string, to: string): number | null => (marks[from] != null && marks[to] != null ? marks[to]! - marks[from]! : null);

interface OverlaySample {
  /** Navigation start → content-start: when the browser ran the content script (document_idle). */
  contentStartAtMs: number;
  /** From content-start: */
  readyMs: number;
  hostInDomMs: number | null;
  answerMs: number | null;
}

const OVERLAY_MARKS = [APP_MARKS.contentStart, APP_MARKS.panelAnswer, APP_MARKS.panelReady, PROBE_MARKS.hostInDom] as const;

/** Open `url` in a new tab, wait for the panel's ready mark, read the marks, check the title is shown. */
async function openAndMeasurePanel(browser: E2EBrowser, url: string, expectedTitle: string): Promise<{ page: TestPage; sample: OverlaySample }> {
  const page = await browser.openPage(url);
  if (!(await waitForMarks(page, [APP_MARKS.contentStart, APP_MARKS.panelReady], 30_000))) {
    const seen = await readMarks(page, OVERLAY_MARKS);
    const shown = await panelText(page, UI.panel.alert).catch(() => null);
    throw new Error(`the panel did not become ready on ${url} (marks ${JSON.stringify(seen)}; alert: ${shown ?? 'none'})`);
  }
  const marks = await readMarks(page, OVERLAY_MARKS);
  const title = await page.inPanel((root, selector) => {
    const el = root.querySelector(selector);
    if (!el) return null;
    const box = el.getBoundingClientRect();
    return { text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(), visible: box.width > 0 && box.height > 0 };
  }, UI.panel.title);
  const expected = expectedTitle.replace(/\s+/g, ' ').trim();
  if (!title || !title.visible || title.text !== expected) {
    throw new Error(`on ${url} the panel's title is ${JSON.stringify(title)}, expected "${expected}" shown`);
  }
  const from = (name: string) => between(marks, APP_MARKS.contentStart, name);
  return {
    page,
    sample: {
      contentStartAtMs: marks[APP_MARKS.contentStart]!,
      readyMs: from(APP_MARKS.panelReady)!,
      hostInDomMs: from(PROBE_MARKS.hostInDom),
      answerMs: from(APP_MARKS.panelAnswer),
    },
  };
}

/** Set from --no-probe. */
let probeEnabled = true;

async function launchBench(server: FtsServer, extensionDir?: string): Promise<E2EBrowser> {
  const browser = await launch('chromium', { server, ...(extensionDir ? { extensionDir } : {}) });
  if (!probeEnabled) return browser;
  await (browser.raw as BrowserContext).addInitScript({
    content: pageProbeSource({ panelHost: PANEL_HOST, popupRow: UI.popup.rows }),
  });
  return browser;
}

/** Each figure's summary; `phases` split the figure (probe and app marks), all from content-start. */
function summariseOverlay(samples: OverlaySample[]) {
  return {
    contentStartToPanelReady: summarise(samples.map((s) => s.readyMs)),
    phases: {
      contentStartToHostInDom: summariseMaybe(samples.map((s) => s.hostInDomMs)),
      contentStartToAnswer: summariseMaybe(samples.map((s) => s.answerMs)),
      answerToPanelReady: summariseMaybe(samples.map((s) => (s.answerMs === null ? null : s.readyMs - s.answerMs))),
    },
    navigationStartToContentStart: summarise(samples.map((s) => s.contentStartAtMs)),
  };
}

type OverlaySummary = ReturnType<typeof summariseOverlay>;

function printOverlay(label: string, o: OverlaySummary, goal?: string, ok?: boolean): void {
  line(label, spread(o.contentStartToPanelReady), goal, ok);
  const p = o.phases;
  if (p.contentStartToHostInDom) line('  start → panel host in DOM (probe)', spread(p.contentStartToHostInDom));
  if (p.contentStartToAnswer) line('  start → background answer', spread(p.contentStartToAnswer));
  if (p.answerToPanelReady) line('  answer → panel ready', spread(p.answerToPanelReady));
  line('  navigation start → content start', spread(o.navigationStartToContentStart));
}

// ---------------------------------------------------------------- 1. overlay, data in page

async function overlayInPage(server: FtsServer, runs: number) {
  const journey = journeyCase();
  const cases: { name: string; record: Record<string, unknown> }[] = [];
  if (existsSync(REAL_RECORD)) cases.push({ name: `real record ${basename(REAL_RECORD, '.json')} (${relative(ROOT, REAL_RECORD)})`, record: JSON.parse(readFileSync(REAL_RECORD, 'utf8')) });
  else console.warn(`   (no ${REAL_RECORD}: the real-record case is left out)`);
  cases.push({ name: `compiledRecord(journeyCase()) (${journey.ocid})`, record: compiledRecord(journey) });

  const browser = await launchBench(server);
  const results = [];
  try {
    let tag = 0;
    for (const c of cases) {
      const ocid = String(c.record.ocid ?? 'unknown');
      const title = String((c.record.tender as { title?: unknown } | undefined)?.title ?? '');
      const page = d3tendersPage(c.record);
      const samples: OverlaySample[] = [];
      let cold: OverlaySample | undefined;
      for (let i = 0; i <= runs; i++) {
        // A new address each run (the stand-in never caches, this keeps the browser from trying).
        const path = `/contract/?ocid=${ocid}&bench=${++tag}`;
        server.d3tenders(path, html(page));
        const { page: tab, sample } = await openAndMeasurePanel(browser, `${D3_ORIGIN}${path}`, title);
        await tab.close();
        if (i === 0) cold = sample;
        else samples.push(sample);
      }
      const asked = server.ftsDataRequests().length;
      results.push({ case: c.name, recordBytes: Buffer.byteLength(JSON.stringify(c.record, null, 2)), ftsDataRequests: asked, warmUpRunMs: round1(cold!.readyMs), ...summariseOverlay(samples) });
      server.reset();
    }
  } finally {
    await browser.dispose();
  }
  const worst = Math.max(...results.map((r) => r.contentStartToPanelReady.medianMs));
  return { goalMs: GOALS.overlayInPageMs, meetsGoal: worst <= GOALS.overlayInPageMs, cases: results };
}

function printOverlayInPage(r: Awaited<ReturnType<typeof overlayInPage>>): void {
  console.log('\n1. Overlay, data in page (d3tenders page, record in a <pre>): content-script start → panel ready');
  for (const c of r.cases) {
    console.log(`   ${c.case}, ${kB(c.recordBytes)} printed`);
    printOverlay('content start → panel ready', c, `≤ ${r.goalMs} ms`, c.contentStartToPanelReady.medianMs <= r.goalMs);
    line('  first open in the browser (not counted)', ms(c.warmUpRunMs));
    line('  FTS data requests', String(c.ftsDataRequests), '0', c.ftsDataRequests === 0);
  }
}

// ---------------------------------------------------------------- 1b. overlay against its floor

/**
 * The background's answer to the content script's first request for the real record's page,
 * asked from the popup (an extension page) with the message load.ts sends for a page with the
 * record printed in it.
 */
async function captureAnswer(browser: E2EBrowser, text: string, pageUrl: string): Promise<unknown> {
  const popup = await browser.openPopup();
  try {
    return await askBackground(popup, { type: 'timeline:fromText', payload: { text, pageUrl } }, 'give a timeline for the floor');
  } finally {
    await popup.close();
  }
}

/** The background's answer to `message`, sent from an extension page; one not ok is an error (`what` it did not do). */
async function askBackground(page: TestPage, message: unknown, what: string): Promise<unknown> {
  const answer = await page.evaluate(
    (message) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(message),
    message,
  );
  if (!(answer as { ok?: unknown } | undefined)?.ok) throw new Error(`the background did not ${what}: ${JSON.stringify(answer).slice(0, 300)}`);
  return answer;
}

/** Builds .output/bench-floor-chrome-mv3 answering `answers` without a message (wxt.config.ts). */
function buildFloor(answers: FloorAnswers): void {
  const file = join(mkdtempSync(join(os.tmpdir(), 'tender-timeline-floor-')), 'answers.json');
  writeFileSync(file, JSON.stringify(answers));
  console.log(`   building the floor (${relative(ROOT, FLOOR_BUILD)}) …`);
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TENDER_TIMELINE_FLOOR_ANSWER: file } });
}

/** Stops the browser's service workers (DevTools, as scripts/bench/cold-worker.ts does), from an extension page kept open. */
async function workerStopper(browser: E2EBrowser): Promise<() => Promise<void>> {
  const keeper = await browser.openPopup();
  const cdp = await (browser.raw as BrowserContext).newCDPSession(keeper.raw as Page);
  await cdp.send('ServiceWorker.enable');
  return async () => {
    await cdp.send('ServiceWorker.stopAllWorkers');
    // Outside the measured window: let the stop finish before the page opens.
    await new Promise((r) => setTimeout(r, 500));
  };
}

/**
 * overlay-warm / overlay-cold: the real record's d3tenders page opened in the real build and in
 * the floor build (the same content script and panel, load.ts answering a constant), two
 * browsers launched side by side and used in turn, so the machine's load falls on both. Warm:
 * the worker awake (the open before woke it); cold: the workers stopped just before the open.
 * No DOM probe here (its MutationObserver would run inside the window).
 */
async function overlayAgainstFloor(server: FtsServer, runs: number) {
  const record = JSON.parse(readFileSync(REAL_RECORD, 'utf8')) as Record<string, unknown>;
  const ocid = String(record.ocid ?? 'unknown');
  const title = String((record.tender as { title?: unknown } | undefined)?.title ?? '');
  const page = html(d3tendersPage(record));
  let tag = 0;
  const open = async (browser: E2EBrowser) => {
    const path = `/contract/?ocid=${ocid}&floor=${++tag}`;
    server.d3tenders(path, page);
    return openAndMeasurePanel(browser, `${D3_ORIGIN}${path}`, title);
  };
  const real = await launch('chromium', { server });
  let floor: E2EBrowser | undefined;
  try {
    const first = await open(real); // also the real build's warm-up (not counted)
    const text = await first.page.evaluate(() => document.querySelector('pre')?.textContent ?? '');
    await first.page.close();
    buildFloor({ load: (await captureAnswer(real, text, `${D3_ORIGIN}/contract/?ocid=${ocid}`)) as FloorAnswers['load'] });
    floor = await launch('chromium', { server, extensionDir: FLOOR_BUILD });
    await (await open(floor)).page.close(); // the floor's warm-up (not counted)
    const builds = [
      { name: 'overlay', browser: real, stop: await workerStopper(real), warm: [] as number[], cold: [] as number[] },
      { name: 'floor', browser: floor, stop: await workerStopper(floor), warm: [] as number[], cold: [] as number[] },
    ];
    for (let i = 0; i < runs; i++) {
      for (const b of builds) {
        const warm = await open(b.browser);
        await warm.page.close();
        b.warm.push(warm.sample.readyMs);
        await b.stop();
        const cold = await open(b.browser);
        await cold.page.close();
        b.cold.push(cold.sample.readyMs);
      }
    }
    const [o, f] = builds as [(typeof builds)[0], (typeof builds)[0]];
    const side = (overlay: number[], floorMs: number[], goal: number) => {
      const a = summarise(overlay);
      const b = summarise(floorMs);
      const times = ratio(a.medianMs, b.medianMs);
      return { overlay: a, floor: b, ratio: times, goalTimesFloor: goal, meetsGoal: times !== null && times <= goal };
    };
    return {
      record: relative(ROOT, REAL_RECORD),
      figure: 'content-start → panel-ready, d3tenders page with the record printed',
      floorBuild: relative(ROOT, FLOOR_BUILD),
      domProbe: false,
      ftsDataRequests: server.ftsDataRequests().length,
      warm: side(o.warm, f.warm, GOALS.overlayWarmTimesFloor),
      cold: side(o.cold, f.cold, GOALS.overlayColdTimesFloor),
    };
  } finally {
    server.reset();
    await floor?.dispose();
    await real.dispose();
  }
}

function printOverlayAgainstFloor(r: Awaited<ReturnType<typeof overlayAgainstFloor>>): void {
  console.log(`\n1b. Overlay against its floor (${r.record}; floor: load.ts answers a constant, no message; no probe)`);
  for (const [label, side] of [['warm (worker awake)', r.warm], ['cold (worker stopped first)', r.cold]] as const) {
    line(`${label}: overlay`, spread(side.overlay));
    line(`${label}: floor`, spread(side.floor));
    line(`${label}: overlay / floor`, `${side.ratio ?? '—'}×`, `≤ ${side.goalTimesFloor}×`, side.meetsGoal);
  }
}

// ---------------------------------------------------------------- 2. overlay, data fetched

async function overlayFetched(server: FtsServer, runs: number) {
  const base = journeyCase();
  const fetched: OverlaySample[] = [];
  const cached: OverlaySample[] = [];
  const requestsFetched: number[] = [];
  const requestsCached: number[] = [];
  for (let i = 0; i < runs; i++) {
    server.reset();
    // A new procurement each run (a fresh profile has an empty cache anyway).
    const c = renamed(base, String(300 + (i % 700)));
    server.notice(c.noticeId, { page: html(ftsNoticePage({ noticeId: c.noticeId, ocid: c.ocid, title: c.title })) });
    server.procurement(c.ocid, ftsReleases(c.text));
    const url = `${FTS_ORIGIN}/Notice/${c.noticeId}`;
    const browser = await launchBench(server);
    try {
      const first = await openAndMeasurePanel(browser, url, c.title);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const afterFirst = server.ftsDataRequests().length;
      await first.page.close();
      const again = await openAndMeasurePanel(browser, url, c.title);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const afterSecond = server.ftsDataRequests().length;
      await again.page.close();
      fetched.push(first.sample);
      cached.push(again.sample);
      requestsFetched.push(afterFirst);
      requestsCached.push(afterSecond - afterFirst);
    } finally {
      await browser.dispose();
    }
  }
  server.reset();
  return {
    freshBrowserPerRun: true,
    record: `renamed(journeyCase(), '3NN'): ${base.ocid} as a new ocid each run, served as the releases of its ocid (/api/1.0/ocdsReleasePackages/{ocid})`,
    fetched: { ...summariseOverlay(fetched), ftsDataRequestsPerOpen: requestsFetched, goalRequests: GOALS.ftsRequestsFetched, meetsGoal: requestsFetched.every((n) => n === GOALS.ftsRequestsFetched) },
    cachedReopen: { ...summariseOverlay(cached), ftsDataRequestsPerOpen: requestsCached, goalRequests: GOALS.ftsRequestsCached, meetsGoal: requestsCached.every((n) => n === GOALS.ftsRequestsCached) },
  };
}

function printOverlayFetched(r: Awaited<ReturnType<typeof overlayFetched>>): void {
  console.log('\n2. Overlay, data fetched (FTS notice page, Record from the stand-in; a fresh browser per run)');
  const counts = (xs: number[]) => `[${xs.join(', ')}]`;
  printOverlay('first open: start → panel ready', r.fetched);
  line('  FTS data requests per open', counts(r.fetched.ftsDataRequestsPerOpen), `exactly ${r.fetched.goalRequests}`, r.fetched.meetsGoal);
  printOverlay('reopened: start → panel ready', r.cachedReopen);
  line('  FTS data requests per reopen', counts(r.cachedReopen.ftsDataRequestsPerOpen), `exactly ${r.cachedReopen.goalRequests}`, r.cachedReopen.meetsGoal);
}

// ---------------------------------------------------------------- 3. popup

interface PopupSample {
  /** Navigation start → the popup's mark after the first render with entries (the figure). */
  rowsMs: number;
  /** Navigation start → DOMContentLoaded (the popup's module script has run). */
  domContentLoadedMs: number;
  /** Navigation start → the background's answer reached the popup. */
  answerMs: number | null;
  rowsInDomMs: number | null;
  rowsFrameMs: number | null;
  rowsRendered: number;
}

const POPUP_MARKS = [APP_MARKS.popupAnswer, APP_MARKS.popupRows, PROBE_MARKS.rowsInDom, PROBE_MARKS.rowsFrame] as const;

/** The size of the popup's two list answers, asked again from the popup (not timed). */
async function listAnswerBytes(popup: TestPage): Promise<{ firstRows: number; wholeList: number }> {
  return popup.evaluate(async (limit) => {
    const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
    const size = async (payload: object) => new TextEncoder().encode(JSON.stringify(await api.runtime.sendMessage({ type: 'watchlist:list', payload }))).length;
    return { firstRows: await size({ limit }), wholeList: await size({}) };
  }, POPUP_FIRST_ROWS);
}

/**
 * The popup and the watchlist page ask for the whole list once their first rows are painted:
 * that answer comes before the next reload, or the next sample's first rows wait behind this
 * one's read. (The first answer held them all when every entry is drawn.)
 */
async function wholeListCame(page: TestPage, rows: string, count: number): Promise<void> {
  await page.waitForFunction(
    ({ mark, rows, count }) => performance.getEntriesByName(mark).length >= 2 || document.querySelectorAll(rows).length >= count,
    { mark: APP_MARKS.popupAnswer, rows, count },
    60_000,
  );
}

async function measurePopupLoad(popup: TestPage, count: number): Promise<PopupSample> {
  await (popup.raw as Page).reload({ waitUntil: 'load' });
  if (!(await waitForMarks(popup, [APP_MARKS.popupRows], 30_000))) throw new Error(`the popup never rendered its ${count} entries`);
  if (probeEnabled) await waitForMarks(popup, [PROBE_MARKS.rowsFrame], PROBE_WAIT_MS);
  const marks = await readMarks(popup, POPUP_MARKS);
  const page = await popup.evaluate(
    (selector) => ({
      rows: document.querySelectorAll(selector).length,
      domContentLoaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventStart ?? 0,
    }),
    UI.popup.rows,
  );
  await wholeListCame(popup, UI.popup.rows, count);
  return {
    rowsMs: marks[APP_MARKS.popupRows]!,
    domContentLoadedMs: page.domContentLoaded,
    answerMs: marks[APP_MARKS.popupAnswer] ?? null,
    rowsInDomMs: marks[PROBE_MARKS.rowsInDom] ?? null,
    rowsFrameMs: marks[PROBE_MARKS.rowsFrame] ?? null,
    rowsRendered: page.rows,
  };
}

interface PopupSide {
  rowsRendered: number;
  warmUpRunMs: number;
  navigationStartToRows: Summary;
  navigationStartToRowsNextFrame: Summary | null;
  phases: {
    navigationStartToDomContentLoaded: Summary;
    navigationStartToAnswer: Summary | null;
    answerToRowsInDom: Summary | null;
    answerToRows: Summary | null;
  };
}

interface PopupResult extends PopupSide {
  entries: number;
  /** The background's answers as JSON, in bytes: the first screen the popup asks for, and the whole list after it. */
  answerBytes: { firstRows: number; wholeList: number };
  /** The same popup in the floor build: its first rows answered from a constant (scripts/bench/floor-send.ts). */
  floor: PopupSide;
  ratio: number | null;
  goalTimesFloor?: number;
  meetsGoal?: boolean;
}

/** The watchlist page reloaded: navigation start → its mark after the first rows, with the background's answer as a phase. */
async function watchlistPageRows(browser: E2EBrowser, runs: number): Promise<{ rows: Summary; answer: Summary | null; domContentLoaded: Summary }> {
  const page = await browser.openExtensionPage('/watchlist.html');
  const samples: Array<{ rows: number; answer: number | null; domContentLoaded: number }> = [];
  try {
    for (let i = 0; i <= runs; i++) {
      await (page.raw as Page).reload({ waitUntil: 'load' });
      if (!(await waitForMarks(page, [WATCHLIST_ROWS_MARK], 60_000))) throw new Error('the watchlist page never drew its rows');
      const marks = await readMarks(page, [WATCHLIST_ROWS_MARK, APP_MARKS.popupAnswer]);
      const domContentLoaded = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventStart ?? 0);
      await wholeListCame(page, UI.table.rows, WATCHLIST_PAGE_ENTRIES);
      // The first reload after filling is not counted.
      if (i > 0) samples.push({ rows: marks[WATCHLIST_ROWS_MARK]!, answer: marks[APP_MARKS.popupAnswer] ?? null, domContentLoaded });
    }
  } finally {
    await page.close();
  }
  return { rows: summarise(samples.map((s) => s.rows)), answer: summariseMaybe(samples.map((s) => s.answer)), domContentLoaded: summarise(samples.map((s) => s.domContentLoaded)) };
}

/** The rows the popup asks for first (WATCHLIST_PAGE_SIZE in components/WatchlistView.tsx, which a script cannot import: it imports CSS). */
const POPUP_FIRST_ROWS = 100;

/** Entries in the watchlist for the popup's figures; the watchlist page is timed at WATCHLIST_PAGE_ENTRIES. */
const POPUP_ENTRIES = [5000, 20_000, 50] as const;
const WATCHLIST_PAGE_ENTRIES = 20_000;
/** The popup's goals over its floor. */
const POPUP_GOAL_TIMES_FLOOR: Record<number, number> = { 5000: GOALS.popup5000TimesFloor, 20_000: GOALS.popup20000TimesFloor };
const WATCHLIST_PAGE_GOAL_TIMES_FLOOR = GOALS.watchlistPage20000TimesPopupFloor;

/** The background's answer to the popup's first request (its first rows), asked as the popup asks it. */
function firstRowsAnswer(popup: TestPage): Promise<unknown> {
  return askBackground(popup, { type: 'watchlist:list', payload: { limit: POPUP_FIRST_ROWS } }, 'list the watchlist');
}

/** The popup's page, keyed for the floor (scripts/bench/floor-send.ts) by the number of entries filled. */
async function keyPopup(popup: TestPage, count: number): Promise<void> {
  await popup.evaluate((hash) => void (location.hash = hash), String(count));
}

/** The text of the rows drawn first: the floor must draw what the popup draws. */
function firstRowsText(popup: TestPage): Promise<string> {
  return popup.evaluate((selector) => [...document.querySelectorAll(selector)].map((row) => row.textContent).join('\n'), UI.popup.rows);
}

function popupSide(samples: PopupSample[], warmUp: PopupSample): PopupSide {
  const fromAnswer = (to: (s: PopupSample) => number | null) => summariseMaybe(samples.map((s) => (s.answerMs === null || to(s) === null ? null : to(s)! - s.answerMs)));
  return {
    rowsRendered: samples[0]!.rowsRendered,
    warmUpRunMs: round1(warmUp.rowsMs),
    navigationStartToRows: summarise(samples.map((s) => s.rowsMs)),
    navigationStartToRowsNextFrame: summariseMaybe(samples.map((s) => s.rowsFrameMs)),
    phases: {
      navigationStartToDomContentLoaded: summarise(samples.map((s) => s.domContentLoadedMs)),
      navigationStartToAnswer: summariseMaybe(samples.map((s) => s.answerMs)),
      answerToRowsInDom: fromAnswer((s) => s.rowsInDomMs),
      answerToRows: fromAnswer((s) => s.rowsMs),
    },
  };
}

/**
 * popup-5000 / popup-20000 against their floor: the background's first-rows answer for each
 * watchlist is captured, the floor built with them (the same popup, its first request answered
 * from that constant, every later one by the background), and the two builds, in two browsers
 * holding the same watchlist, reloaded in turn. The watchlist page at 20,000 is the real build's.
 */
async function popupFirstRender(server: FtsServer, runs: number) {
  const now = new Date();
  const watched = new Map<number, ReturnType<typeof watchlistEntries>>(POPUP_ENTRIES.map((count) => [count, watchlistEntries(count, now)]));
  const real = await launchBench(server);
  let floor: E2EBrowser | undefined;
  const results: PopupResult[] = [];
  let watchlistPage: Awaited<ReturnType<typeof watchlistPageRows>> | undefined;
  const fill = async (popup: TestPage, count: number) => {
    const stored = await fillWatchlist(popup, watched.get(count)!);
    if (stored !== count) throw new Error(`the watchlist holds ${stored} entries, expected ${count}`);
    await keyPopup(popup, count);
  };
  try {
    const popup = await real.openPopup();
    // The empty state means the background answered, so it has created the database.
    await waitForPopupRows(popup, 0);
    const firstRows: Record<string, unknown> = {};
    for (const count of POPUP_ENTRIES) {
      await fill(popup, count);
      firstRows[count] = await firstRowsAnswer(popup);
    }
    buildFloor({ firstRows });
    floor = await launchBench(server, FLOOR_BUILD);
    const floorPopup = await floor.openPopup();
    await waitForPopupRows(floorPopup, 0);
    for (const count of POPUP_ENTRIES) {
      await fill(popup, count);
      await fill(floorPopup, count);
      const sides = [
        { page: popup, samples: [] as PopupSample[], warmUp: undefined as PopupSample | undefined },
        { page: floorPopup, samples: [] as PopupSample[], warmUp: undefined as PopupSample | undefined },
      ];
      for (let i = 0; i <= runs; i++) {
        for (const side of sides) {
          const sample = await measurePopupLoad(side.page, count);
          if (i === 0) side.warmUp = sample;
          else side.samples.push(sample);
        }
      }
      if ((await readMarks(floorPopup, [FLOOR_ANSWER_MARK]))[FLOOR_ANSWER_MARK] === undefined) throw new Error(`the floor build asked the background for its first rows at ${count} entries`);
      const [realRows, floorRows] = [await firstRowsText(popup), await firstRowsText(floorPopup)];
      if (realRows !== floorRows) console.warn(`   ! at ${count} entries the floor's rows differ from the popup's (a countdown may have ticked between them)`);
      const [r, f] = sides.map((side) => popupSide(side.samples, side.warmUp!)) as [PopupSide, PopupSide];
      const times = ratio(r.navigationStartToRows.medianMs, f.navigationStartToRows.medianMs);
      const goal = POPUP_GOAL_TIMES_FLOOR[count];
      results.push({
        entries: count,
        ...r,
        answerBytes: await listAnswerBytes(popup),
        floor: f,
        ratio: times,
        ...(goal === undefined ? {} : { goalTimesFloor: goal, meetsGoal: times !== null && times <= goal }),
      });
      if (count === WATCHLIST_PAGE_ENTRIES) watchlistPage = await watchlistPageRows(real, runs);
    }
    await floorPopup.close();
    await popup.close();
  } finally {
    await floor?.dispose();
    await real.dispose();
  }
  const pageFloor = results.find((p) => p.entries === WATCHLIST_PAGE_ENTRIES)?.floor.navigationStartToRows.medianMs ?? null;
  const pageTimes = ratio(watchlistPage?.rows.medianMs ?? null, pageFloor);
  return {
    page: 'popup.html in a tab (1280×900), reloaded',
    floorBuild: relative(ROOT, FLOOR_BUILD),
    byEntries: results,
    watchlistPage: {
      page: 'watchlist.html in a tab, reloaded; navigation start → tender-timeline:watchlist-rows',
      entries: WATCHLIST_PAGE_ENTRIES,
      navigationStartToRows: watchlistPage?.rows ?? null,
      phases: watchlistPage ? { navigationStartToDomContentLoaded: watchlistPage.domContentLoaded, navigationStartToAnswer: watchlistPage.answer } : null,
      popupFloorMedianMs: pageFloor,
      ratio: pageTimes,
      goalTimesFloor: WATCHLIST_PAGE_GOAL_TIMES_FLOOR,
      meetsGoal: pageTimes !== null && pageTimes <= WATCHLIST_PAGE_GOAL_TIMES_FLOOR,
    },
  };
}

function printPopupSide(label: string, p: PopupSide): void {
  line(`${label} (${p.rowsRendered} rows drawn)`, spread(p.navigationStartToRows));
  line('  nav start → DOMContentLoaded', spread(p.phases.navigationStartToDomContentLoaded));
  if (p.phases.navigationStartToAnswer) line('  nav start → answer', spread(p.phases.navigationStartToAnswer));
  if (p.phases.answerToRowsInDom) line('  answer → first row in DOM (probe)', spread(p.phases.answerToRowsInDom));
  if (p.phases.answerToRows) line('  answer → rows rendered', spread(p.phases.answerToRows));
  if (p.navigationStartToRowsNextFrame) line('  nav start → frame after rows (probe)', spread(p.navigationStartToRowsNextFrame));
  line('  first reload after filling (not counted)', ms(p.warmUpRunMs));
}

function printPopup(r: Awaited<ReturnType<typeof popupFirstRender>>): void {
  console.log('\n3. Popup first render: navigation start → first rows rendered (mark after the first render with entries); floor: its first rows from a constant');
  for (const p of r.byEntries) {
    const entries = p.entries.toLocaleString('en-GB');
    printPopupSide(`${entries} entries: popup`, p);
    printPopupSide(`${entries} entries: floor`, p.floor);
    line(`${entries} entries: popup / floor`, `${p.ratio ?? '—'}×`, p.goalTimesFloor === undefined ? undefined : `≤ ${p.goalTimesFloor}×`, p.meetsGoal);
    line('  answers: first rows / whole list', `${kB(p.answerBytes.firstRows)} / ${kB(p.answerBytes.wholeList)}`);
  }
  const w = r.watchlistPage;
  if (w.navigationStartToRows) {
    line(`watchlist page, ${w.entries.toLocaleString('en-GB')} entries: first rows`, spread(w.navigationStartToRows));
    if (w.phases) line('  nav start → DOMContentLoaded', spread(w.phases.navigationStartToDomContentLoaded));
    if (w.phases?.navigationStartToAnswer) line('  nav start → answer', spread(w.phases.navigationStartToAnswer));
    line('watchlist page / popup floor', `${w.ratio ?? '—'}×`, `≤ ${w.goalTimesFloor}×`, w.meetsGoal);
  }
}

// ---------------------------------------------------------------- 6. at scale

/** scripts/bench/scale.ts in a browser of its own (a fresh profile, so the database on disk is the watchlist's alone). */
async function scale(runs: number) {
  const server = await startFtsServer();
  const browser = await launchBench(server);
  try {
    const r = await measureScale(browser, runs);
    return { ...r, wholeList: summarise(r.wholeListMs), firstRows: summarise(r.firstRowsMs) };
  } finally {
    await browser.dispose();
    await server.close();
  }
}

function printScale(r: Awaited<ReturnType<typeof scale>>): void {
  const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log(`\n6. At scale: ${r.entries.toLocaleString('en-GB')} watched, ${r.snapshotsEach} snapshots each (${r.storedSnapshots.toLocaleString('en-GB')} stored), real Chromium IndexedDB`);
  line('whole list: ask → answer, in the page', spread(r.wholeList));
  line('first 100 rows: ask → answer', spread(r.firstRows));
  line('  answers: whole list / first rows', `${kB(r.answerBytes.wholeList)} / ${kB(r.answerBytes.firstRows)}`);
  line('snapshots as JSON: stored / whole', `${MB(r.snapshotJsonBytes.stored)} / ${MB(r.snapshotJsonBytes.whole)}`);
  line('database on disk: after filling / 5 s on', `${MB(r.databaseBytes.afterFilling)} / ${MB(r.databaseBytes.afterFiveSeconds)}`);
}

// ---------------------------------------------------------------- 5. cold worker

/** scripts/bench/cold-worker.ts on the build: each message the first after the worker was stopped. */
async function coldWorker() {
  const rows = await coldWorkerAnswers(BUILD);
  const firstAnswers = rows.flatMap((r) => [r.timelineFromCacheMs.ms, r.statusMs.ms, r.listFirst100Ms.ms]);
  return { goalMs: GOALS.workerColdFirstAnswerMs, firstAnswer: summarise(firstAnswers), byWatched: rows };
}

function printColdWorker(r: Awaited<ReturnType<typeof coldWorker>>): void {
  console.log('\n5. Cold worker: background.js first line → first message answered (timeline, status, list; 0 and 10,000 watched)');
  line('first answer after a stop', spread(r.firstAnswer), `≤ ${r.goalMs} ms`, r.firstAnswer.medianMs <= r.goalMs);
}

// ---------------------------------------------------------------- figures

type Results = {
  overlayAgainstFloor?: Awaited<ReturnType<typeof overlayAgainstFloor>>;
  popupFirstRender?: Awaited<ReturnType<typeof popupFirstRender>>;
  workerColdStart?: Awaited<ReturnType<typeof coldWorker>>;
  scale?: Awaited<ReturnType<typeof scale>>;
};

/** The headline figures, one line each (a floor, once measured, goes in the third place). */
function headlineFigures(r: Results): Figure[] {
  const floor = r.overlayAgainstFloor;
  const popup = (entries: number) => r.popupFirstRender?.byEntries.find((p) => p.entries === entries);
  const page = r.popupFirstRender?.watchlistPage;
  return figures([
    figure('overlay-warm', floor?.warm.overlay.medianMs ?? null, floor?.warm.floor.medianMs ?? null, `≤ ${GOALS.overlayWarmTimesFloor}× floor (worker awake)`),
    figure('overlay-cold', floor?.cold.overlay.medianMs ?? null, floor?.cold.floor.medianMs ?? null, `≤ ${GOALS.overlayColdTimesFloor}× floor (worker stopped first)`),
    figure('popup-5000', popup(5000)?.navigationStartToRows.medianMs ?? null, popup(5000)?.floor.navigationStartToRows.medianMs ?? null, `≤ ${POPUP_GOAL_TIMES_FLOOR[5000]}× floor`),
    figure('popup-20000', popup(20_000)?.navigationStartToRows.medianMs ?? null, popup(20_000)?.floor.navigationStartToRows.medianMs ?? null, `≤ ${POPUP_GOAL_TIMES_FLOOR[20_000]}× floor`),
    figure('watchlist-page-20000', page?.navigationStartToRows?.medianMs ?? null, page?.popupFloorMedianMs ?? null, `≤ ${WATCHLIST_PAGE_GOAL_TIMES_FLOOR}× the popup floor at 20,000`),
    figure('worker-cold-first-answer', r.workerColdStart?.firstAnswer.medianMs ?? null, null, `≤ ${GOALS.workerColdFirstAnswerMs} ms`),
  ]);
}

// ---------------------------------------------------------------- main

function chromiumVersion(path: string): string {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  probeEnabled = options.probe;
  const needsBrowser = (['overlay', 'floor', 'fetched', 'popup', 'worker', 'scale'] as const).some((p) => options.only.has(p));
  const chromium = findBrowser('chromium');
  if (options.build && chromium.ok) {
    console.log('Building .output/chrome-mv3 (npx wxt build) …');
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const build = checkBuild();
  const sizes = !('missing' in build) && options.only.has('bundle') ? bundleSizes() : undefined;
  if (needsBrowser && !chromium.ok) {
    // Nothing can be timed; the sizes need no browser, so they are shown when there is a build.
    if (sizes) printSizes(sizes);
    console.log(`\nChromium is missing, so nothing was timed (and ${relative(ROOT, RESULTS)} was left untouched): ${chromium.message}`);
    process.exit(0);
  }
  if ('missing' in build) {
    console.error(`bench-extension: ${build.missing}`);
    process.exit(1);
  }
  console.log(`Tender Timeline extension benchmark — build ${relative(ROOT, build.dir)} (${build.builtAt})`);
  if (build.newerSources.length) {
    console.warn(`   ! ${build.newerSources.length} source file(s) changed since this build (${build.newerSources.slice(0, 5).join(', ')}${build.newerSources.length > 5 ? ', …' : ''}): run with --build to measure the tree as it is.`);
  }
  if (needsBrowser && !build.instrumented) {
    console.error(`bench-extension: the build has no performance marks (${Object.values(APP_MARKS).join(', ')}): it predates the instrumentation in entrypoints/. Rebuild (--build).`);
    process.exit(1);
  }

  const environment = {
    browser: chromium.ok ? `${chromiumVersion(chromium.path)}, headless` : null,
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    /** 1-minute load average before and after (other work on the machine skews every figure). */
    loadAverageAtStart: round1(os.loadavg()[0]!),
    loadAverageAtEnd: null as number | null,
  };
  if (needsBrowser) {
    console.log(`${environment.browser}; Node ${environment.node}; ${environment.cpus} × ${environment.cpuModel}; DOM probe ${options.probe ? 'on' : 'off'}; load average ${environment.loadAverageAtStart}`);
    if (environment.loadAverageAtStart > environment.cpus * 0.5) console.warn(`   ! the machine is busy (load average ${environment.loadAverageAtStart} on ${environment.cpus} CPUs): the timings will be slower and noisier than on a quiet machine.`);
  }

  const results: Results & { overlayDataInPage?: unknown; overlayDataFetched?: unknown } = {};
  if (needsBrowser) {
    const server = await startFtsServer();
    try {
      if (options.only.has('overlay')) {
        const r = await overlayInPage(server, options.runs);
        printOverlayInPage(r);
        results.overlayDataInPage = r;
      }
      if (options.only.has('floor')) {
        const r = await overlayAgainstFloor(server, options.runs);
        printOverlayAgainstFloor(r);
        results.overlayAgainstFloor = r;
      }
      if (options.only.has('fetched')) {
        const r = await overlayFetched(server, options.fetchedRuns);
        printOverlayFetched(r);
        results.overlayDataFetched = r;
      }
      if (options.only.has('popup')) {
        const r = await popupFirstRender(server, options.runs);
        printPopup(r);
        results.popupFirstRender = r;
      }
    } finally {
      await server.close();
    }
    if (options.only.has('worker')) {
      const r = await coldWorker();
      printColdWorker(r);
      results.workerColdStart = r;
    }
    if (options.only.has('scale')) {
      const r = await scale(options.runs);
      printScale(r);
      results.scale = r;
    }
  }
  if (sizes) printSizes(sizes);
  environment.loadAverageAtEnd = round1(os.loadavg()[0]!);
  if (needsBrowser) console.log(`\n(load average at the end: ${environment.loadAverageAtEnd})`);

  console.log('\nFigures (median; floor median in the same run; ratio)');
  for (const f of headlineFigures(results)) {
    line(f.name, f.medianMs === null ? 'not measured' : `${ms(f.medianMs)}${f.floorMedianMs === null ? '' : ` / floor ${ms(f.floorMedianMs)} = ${f.ratio}×`}`, f.goal);
  }

  if (options.write) {
    const out = {
      schema: 1,
      measuredAt: new Date().toISOString(),
      build: { dir: relative(ROOT, build.dir), builtAt: build.builtAt, sourcesNewerThanBuild: build.newerSources.length },
      environment,
      runs: { perFigure: options.runs, overlayFetchedFreshBrowsers: options.fetchedRuns, domProbe: options.probe },
      goals: GOALS,
      figures: headlineFigures(results),
      overlayDataInPage: results.overlayDataInPage ?? null,
      overlayDataFetched: results.overlayDataFetched ?? null,
      popupFirstRender: results.popupFirstRender ?? null,
      overlayAgainstFloor: results.overlayAgainstFloor ?? null,
      workerColdStart: results.workerColdStart ?? null,
      scale: results.scale ?? null,
      bundles: sizes ?? null,
    };
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`\nWrote ${relative(ROOT, RESULTS)}`);
  } else {
    console.log(`\n(--only: ${relative(ROOT, RESULTS)} left untouched)`);
  }
}

try {
  await main();
} catch (error) {
  console.error(`\nbench-extension failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
