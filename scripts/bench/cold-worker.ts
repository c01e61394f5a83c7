/**
 * The cold worker, in real Chromium: how long after `background.js` starts its first message
 * is answered. The worker is stopped (DevTools' ServiceWorker.stopAllWorkers), then an
 * extension page sends one message; the figure is from the first line of `background.js`
 * (a mark put there, `performance.timeOrigin + mark`) to the page holding the answer (the
 * same clock). Messages: a notice page's timeline request answered from the cache, its
 * watch status, and the popup's first rows. Once each, with 0 and 10,000 watched (the
 * machine is shared: no loops).
 *
 *   npx tsx scripts/bench/cold-worker.ts [extension dir, default .output/chrome-mv3]
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { analyseOcds } from '../../lib/analyse';
import { FTS_ORIGIN } from '../../lib/fts/urls';
import { DB_NAME, type CachedProcurement } from '../../lib/watchlist/db';
import { withKeyDateIndex } from '../../lib/watchlist/key-date-index';
import { watchlistEntries } from './watchlist-entries.ts';

/** Where the marked copy's background.js leaves its start and the end of its evaluation (epoch ms). */
const STARTED_KEY = 'tender-timeline:bench-worker-started';
const RECORD = 'test/fixtures/fts/records/ocds-h6vhtk-067b89.json';

/**
 * A copy of the build whose background.js notes when its first line ran and when it was
 * evaluated, in storage.session (read by the page after the answer: a restarted worker is
 * not always reported to the test tool, and reading the old one's marks gave tens of seconds).
 */
function markedCopy(dir: string): string {
  const copy = mkdtempSync(join(os.tmpdir(), 'tt-cold-'));
  cpSync(dir, copy, { recursive: true });
  const file = join(copy, 'background.js');
  const now = 'performance.timeOrigin + performance.now()';
  writeFileSync(
    file,
    `var __ttBenchStart = ${now};\n${readFileSync(file, 'utf8')}\nchrome.storage.session.set({ ${JSON.stringify(STARTED_KEY)}: { start: __ttBenchStart, evaluated: ${now} } });\n`,
  );
  return copy;
}

async function launch(extensionDir: string): Promise<{ context: BrowserContext; page: Page; origin: string }> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(os.tmpdir(), 'tt-cold-profile-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--host-resolver-rules=MAP * ~NOTFOUND',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${origin}/popup.html`);
  await page.waitForTimeout(1000);
  return { context, page, origin };
}

/** Puts `entries` in the watchlist and one FTS read in the cache, as the background stores them. */
async function fill(page: Page, entries: unknown[], cached: unknown): Promise<void> {
  await page.evaluate(
    async ({ name, entries, cached }) => {
      const db = await new Promise<IDBDatabase>((ok, ko) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => ok(request.result);
        request.onerror = () => ko(request.error);
      });
      const tx = db.transaction(['watchlist', 'procurementCache'], 'readwrite');
      for (const entry of entries) tx.objectStore('watchlist').put(entry);
      tx.objectStore('procurementCache').put(cached);
      await new Promise((ok, ko) => ((tx.oncomplete = ok), (tx.onerror = () => ko(tx.error))));
      db.close();
    },
    { name: DB_NAME, entries, cached },
  );
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(what)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** Stops the worker, sends `message` from the page: ms from the first line of background.js to the answer. */
interface ColdAnswer {
  ms: number;
  evaluatedMs: number;
  ok: unknown;
}

async function coldAnswer(context: BrowserContext, page: Page, message: unknown): Promise<ColdAnswer> {
  // The note of the worker's last start goes first: storage.session outlives a worker.
  await page.evaluate((key) => (globalThis as unknown as { chrome: { storage: { session: { remove(k: string): Promise<void> } } } }).chrome.storage.session.remove(key), STARTED_KEY);
  const cdp = await context.newCDPSession(page);
  // The worker that runs now must stop, and a new one start for the message.
  const stopped = new Promise<void>((done) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.length > 0 && versions.every((v) => v.runningStatus === 'stopped')) done();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await within(stopped, 10_000, 'the worker did not stop');
  await cdp.detach();
  const { stoppedAt, answeredAt, ok, started } = await page.evaluate(
    async ({ m, key }) => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> }; storage: { session: { remove(k: string): Promise<void>; get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      const stoppedAt = performance.timeOrigin + performance.now();
      const answer = (await api.runtime.sendMessage(m)) as { ok?: unknown };
      const answeredAt = performance.timeOrigin + performance.now();
      // The end-of-script note is written just after evaluation; wait for it if it is not there yet.
      let note: Record<string, unknown> = {};
      for (let i = 0; i < 50 && !note[key]; i++) {
        note = await api.storage.session.get(key);
        if (!note[key]) await new Promise((r) => setTimeout(r, 20));
      }
      return { stoppedAt, answeredAt, ok: answer?.ok, started: note[key] as { start: number; evaluated: number } | undefined };
    },
    { m: message, key: STARTED_KEY },
  );
  if (!started || started.start < stoppedAt) throw new Error('the answer came from a worker started before the stop');
  if (ok !== true) throw new Error(`${JSON.stringify(message)} was not answered: the figure would not be of an answer`);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { ms: round(answeredAt - started.start), evaluatedMs: round(started.evaluated - started.start), ok };
}

export interface ColdWorkerRow {
  watched: number;
  timelineFromCacheMs: ColdAnswer;
  statusMs: ColdAnswer;
  listFirst100Ms: ColdAnswer;
}

/** Each message once, the first after a stop, with 0 and 10,000 watched (scripts/bench-extension.ts folds these into its figures). */
export async function coldWorkerAnswers(extensionDir: string): Promise<ColdWorkerRow[]> {
  const dir = markedCopy(resolve(extensionDir));
  const rows: ColdWorkerRow[] = [];
  const now = new Date();
  const read = analyseOcds(readFileSync(RECORD, 'utf8'), now);
  if (!read.ok) throw new Error(read.message);
  const { procurement } = read.procurements[0]!;
  const noticeId = procurement.notices.at(-1)!.id;
  // Typed as the store's record, so that it stays one the background uses (an entry without `completeness` is not).
  const cached: CachedProcurement = { ocid: procurement.ocid, origin: FTS_ORIGIN, noticeIds: procurement.notices.map((n) => n.id), procurement, problems: [], completeness: 'whole', fetchedAt: now.toISOString() };
  for (const count of [0, 10_000]) {
    const { context, page } = await launch(dir);
    try {
      await fill(page, watchlistEntries(count, now).map(withKeyDateIndex), { ...cached, fetchedAt: new Date().toISOString() });
      await page.waitForTimeout(3000);
      const timeline = await coldAnswer(context, page, { type: 'timeline:forNotice', payload: { noticeId } });
      const status = await coldAnswer(context, page, { type: 'watchlist:status', payload: { ocid: procurement.ocid } });
      const list = await coldAnswer(context, page, { type: 'watchlist:list', payload: { limit: 100 } });
      rows.push({ watched: count, timelineFromCacheMs: timeline, statusMs: status, listFirst100Ms: list });
    } finally {
      await context.close();
    }
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const row of await coldWorkerAnswers(process.argv[2] ?? '.output/chrome-mv3')) console.log(JSON.stringify(row));
}
