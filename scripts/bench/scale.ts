/**
 * The watchlist at scale in real Chromium (scripts/bench-extension.ts, part `scale`):
 * 10,000 watched procurements with 5 snapshots each, written into the built extension's
 * database as the store writes them; then the whole list and the first rows asked as the
 * popup asks them (timed in the page, message and answer included), and the size of the
 * extension's IndexedDB folder on disk.
 *
 * Each entry's older snapshots differ from the newer ones as FTS updates do: every other one
 * moves a key date a week (so the database stores real deltas, lib/watchlist/history.ts).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { E2EBrowser, TestPage } from '../../test/e2e/browsers.ts';
import { fillSnapshots, fillWatchlist, waitForPopupRows } from '../../test/e2e/extension-ui.ts';
import { DAY_MS } from '../../lib/dates';
import type { Snapshot } from '../../lib/watchlist/db';
import type { WatchedProcurement } from '../../lib/watchlist/entry';
import { encodeHistory } from '../../lib/watchlist/history';
import { entrySnapshots, watchlistEntries } from './watchlist-entries.ts';

export const SCALE_ENTRIES = 10_000;
export const SCALE_SNAPSHOTS = 5;
const WEEK_MS = 7 * DAY_MS;
const FIRST_ROWS = 100;

/** `entrySnapshots`, every other older one with its first key date a week earlier. */
function snapshotsWithMoves(entry: WatchedProcurement): Snapshot[] {
  return entrySnapshots(entry, SCALE_SNAPSHOTS).map((snapshot, k, all) => {
    const moved = (all.length - 1 - k) % 2 === 1;
    if (!moved || snapshot.procurement.keyDates.length === 0) return snapshot;
    const [first, ...rest] = snapshot.procurement.keyDates;
    const at = new Date(Date.parse(first!.at) - WEEK_MS).toISOString();
    return { ...snapshot, procurement: { ...snapshot.procurement, keyDates: [{ ...first!, at }, ...rest] } };
  });
}

/** Milliseconds, in the page, from asking the background for the list to its answer. */
function timedList(page: TestPage, payload: object): Promise<{ ms: number; rows: number; bytes: number }> {
  return page.evaluate(async (payload) => {
    const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; rows?: unknown[] }> } } }).chrome;
    const started = performance.now();
    const answer = await api.runtime.sendMessage({ type: 'watchlist:list', payload });
    const ms = performance.now() - started;
    if (!answer.ok) throw new Error(`the background did not list the watchlist: ${JSON.stringify(answer).slice(0, 300)}`);
    return { ms, rows: answer.rows?.length ?? 0, bytes: new TextEncoder().encode(JSON.stringify(answer)).length };
  }, payload);
}

/** Bytes of every file under `dir`. */
function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/** The extension's IndexedDB on disk (Chromium keeps one LevelDB folder, and one of blobs, per origin). */
function databaseBytes(browser: E2EBrowser): number {
  const dir = join(browser.profileDir, 'Default', 'IndexedDB');
  if (!existsSync(dir)) throw new Error(`no IndexedDB folder in the profile (${dir})`);
  const ours = readdirSync(dir).filter((name) => name.startsWith(`chrome-extension_${browser.extensionId}_`));
  if (ours.length === 0) throw new Error(`the profile has no IndexedDB of the extension ${browser.extensionId}`);
  return ours.reduce((sum, name) => sum + folderBytes(join(dir, name)), 0);
}

export interface ScaleResult {
  entries: number;
  snapshotsEach: number;
  storedSnapshots: number;
  /** What the snapshots hold as the store writes them: the newest whole, each older one as what differs from the next. */
  snapshotJsonBytes: { stored: number; whole: number };
  wholeListMs: number[];
  firstRowsMs: number[];
  answerBytes: { wholeList: number; firstRows: number };
  /** The extension's IndexedDB folders, right after filling and once the browser has had 5 s to compact them. */
  databaseBytes: { afterFilling: number; afterFiveSeconds: number };
}

/** Fills the watchlist of `browser` (a fresh profile) and measures it, `runs` asks of each list. */
export async function measureScale(browser: E2EBrowser, runs: number): Promise<ScaleResult> {
  const popup = await browser.openPopup();
  try {
    await waitForPopupRows(popup, 0);
    const entries = watchlistEntries(SCALE_ENTRIES, new Date());
    const histories = entries.map(snapshotsWithMoves);
    const rows = histories.flatMap((history) => encodeHistory(history));
    const stored = await fillWatchlist(popup, entries);
    if (stored !== SCALE_ENTRIES) throw new Error(`the watchlist holds ${stored} entries, expected ${SCALE_ENTRIES}`);
    const storedSnapshots = await fillSnapshots(popup, rows);
    const afterFilling = databaseBytes(browser);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const afterFiveSeconds = databaseBytes(browser);
    const wholeListMs: number[] = [];
    const firstRowsMs: number[] = [];
    let answerBytes = { wholeList: 0, firstRows: 0 };
    for (let i = 0; i <= runs; i++) {
      const whole = await timedList(popup, {});
      const first = await timedList(popup, { limit: FIRST_ROWS });
      if (whole.rows !== SCALE_ENTRIES || first.rows !== FIRST_ROWS) throw new Error(`listed ${whole.rows} and ${first.rows} rows, expected ${SCALE_ENTRIES} and ${FIRST_ROWS}`);
      answerBytes = { wholeList: whole.bytes, firstRows: first.bytes };
      if (i === 0) continue; // the first ask warms the worker's code up: not counted
      wholeListMs.push(whole.ms);
      firstRowsMs.push(first.ms);
    }
    return {
      entries: SCALE_ENTRIES,
      snapshotsEach: SCALE_SNAPSHOTS,
      storedSnapshots,
      snapshotJsonBytes: { stored: JSON.stringify(rows).length, whole: JSON.stringify(histories.flat()).length },
      wholeListMs,
      firstRowsMs,
      answerBytes,
      databaseBytes: { afterFilling, afterFiveSeconds },
    };
  } finally {
    await popup.close();
  }
}
