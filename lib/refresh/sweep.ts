/**
 * The sweep: instead of asking FTS about every watched procurement, read FTS's list of
 * releases updated since the last sweep and pick out the watched ocids. Cost grows with
 * the number of updates, not with the watchlist. Windows are at most 6 hours (long
 * windows are known to miss releases), and each finished window is reported so the
 * position can be stored durably and a stopped worker resumes where it left off.
 *
 * FTS's cursor (`links.next`) loses releases — it has returned 103 of a window's 152 —
 * and has been missing for weeks at a time. So a window is asked for without a cursor,
 * and a page that comes back full (as many releases as `limit`) means there may be more:
 * the window is split in two and each half asked for, down to a few seconds; only a
 * window that short, still full, follows the cursor. A page without `links` ends its
 * window.
 */
import { isRepeatedLondonTime, londonDateTimeText } from '../dates';
import type { FtsRequestOptions } from '../fts/client';
import { FTS_ORIGIN, safeHttpsUrl } from '../fts/urls';
import { isTruncation, parseJsonText } from '../ocds/json-text';

/** Meta key of how far the refresh has swept, and what it still has to read. */
export const SWEEP_KEY = 'sweep';

export interface SweepState {
  /** ISO instant: updates before this have been swept. */
  sweptTo?: string;
  /** Watched ocids found changed (or never read) and not yet read again. */
  pending: string[];
}

export const MAX_WINDOW_MS = 6 * 60 * 60 * 1000;
/** Releases per page asked for: FTS's largest. A page holding this many may not be all of its window. */
export const PAGE_LIMIT = 100;
/** A full window this many seconds long or shorter is not split again: its cursor is followed. */
export const SPLIT_FLOOR_SECONDS = 5;
/** Requests one 6-hour window may take (splits and cursor pages); past it the window is tried again next time. */
const MAX_PAGES_PER_WINDOW = 500;

export interface TextClient {
  getText(url: string, options?: FtsRequestOptions): Promise<string>;
}

/** Steps taken out of London's repeated hour. */
const STEP_MS = 60_000;

/** The nearest instant, going `direction`, whose London reading happens only once. */
function outOfRepeatedHour(instant: Date, direction: -1 | 1): Date {
  let at = instant;
  while (isRepeatedLondonTime(at)) at = new Date(at.getTime() + direction * STEP_MS);
  return at;
}

/**
 * The window FTS is asked for to cover the instants `from`..`to`. FTS reads `updatedFrom`
 * and `updatedTo` as London wall-clock times (`YYYY-MM-DDTHH:MM:SS`), both seconds
 * included. When the clocks go back, London's 01:00–02:00 happens twice, so an end whose
 * reading is in that hour could mean either: the window is widened out of the repeated
 * hour at both ends, and covers it whole (a release listed twice is read once). Undefined
 * when the instants fall in the same second: FTS refuses a window whose ends are equal.
 */
export interface UpdatesWindow {
  updatedFrom: string;
  updatedTo: string;
}

export function updatesWindow(from: Date, to: Date): UpdatesWindow | undefined {
  const updatedFrom = londonDateTimeText(outOfRepeatedHour(from, -1));
  const updatedTo = londonDateTimeText(outOfRepeatedHour(to, 1));
  return updatedFrom < updatedTo ? { updatedFrom, updatedTo } : undefined;
}

export function updatesUrl(asked: UpdatesWindow): string {
  return `${FTS_ORIGIN}/api/1.0/ocdsReleasePackages?updatedFrom=${asked.updatedFrom}&updatedTo=${asked.updatedTo}&limit=${PAGE_LIMIT}`;
}

// A London reading `YYYY-MM-DDTHH:MM:SS` as a count of seconds and back: arithmetic on the
// calendar and clock it shows (a UTC date here is only a calendar), no instant and no offset.
const readingSeconds = (reading: string) => Date.parse(`${reading}Z`) / 1000;
const readingText = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 19);

/**
 * The two halves of a window, split in London wall-clock seconds as FTS reads them: both
 * ends are included, so the first half ends at the middle second and the second half starts
 * at the one after it — every second of the window is in exactly one half. Undefined for a
 * window of `SPLIT_FLOOR_SECONDS` or less.
 */
export function splitWindow(asked: UpdatesWindow): [UpdatesWindow, UpdatesWindow] | undefined {
  const from = readingSeconds(asked.updatedFrom);
  const to = readingSeconds(asked.updatedTo);
  if (!(to - from > SPLIT_FLOOR_SECONDS)) return undefined;
  const middle = from + Math.floor((to - from) / 2);
  return [
    { updatedFrom: asked.updatedFrom, updatedTo: readingText(middle) },
    { updatedFrom: readingText(middle + 1), updatedTo: asked.updatedTo },
  ];
}

/** One release as a list page names it. */
export interface ListedRelease {
  ocid: string;
  /** The release (notice) id; absent when the page gives none. */
  id?: string;
}

export interface UpdatesPage {
  releases: ListedRelease[];
  /** Entries the page held, repeats and unreadable ones included: a page with `PAGE_LIMIT` is full. */
  rows: number;
  /** The cursor's next page, only when the page has `links` naming one of FTS's own pages. */
  next?: string;
}

/** The releases of a list page and its next page, read tolerantly. */
export function readUpdatesPage(text: string): UpdatesPage {
  const parsed = parseJsonText(text);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') throw new Error(`FTS's list of updates could not be read${parsed.ok ? '' : `: ${parsed.message}`}`);
  // A page cut short may have lost releases and its link to the next page: read it again.
  if (parsed.repairs.some(isTruncation)) throw new Error("FTS's list of updates arrived cut short");
  const page = parsed.value as { releases?: unknown; links?: { next?: unknown } };
  // A 200 that is not a release package (an error object, an empty one) is a failed read,
  // not an empty window: taken as "nothing there", the window's updates would be lost.
  if (!Array.isArray(page.releases)) throw new Error("FTS's list of updates was not a release package");
  const releases = page.releases.flatMap((release): ListedRelease[] => {
    if (!release || typeof release !== 'object') return [];
    const { ocid, id } = release as { ocid?: unknown; id?: unknown };
    return typeof ocid === 'string' ? [{ ocid, ...(typeof id === 'string' ? { id } : {}) }] : [];
  });
  const next = typeof page.links?.next === 'string' ? safeHttpsUrl(page.links.next) : undefined;
  // Only FTS's own pages are followed.
  return { releases, rows: page.releases.length, next: next?.startsWith(`${FTS_ORIGIN}/`) ? next : undefined };
}

/**
 * Every page of one window: asked without a cursor, split while full, the cursor followed
 * only at the floor. Depth first, older half first, so at most one pending half per level
 * is held. `onPage` gets every page read: a full page's releases are the window's too (its
 * halves should list them again, but FTS is not that consistent). Throws when a page cannot
 * be read or the window takes too many requests.
 */
async function readWindow(client: TextClient, asked: UpdatesWindow, onPage: (page: UpdatesPage) => void): Promise<void> {
  const parts = [asked];
  let requests = 0;
  const read = async (url: string) => {
    if (++requests > MAX_PAGES_PER_WINDOW) throw new Error('FTS kept listing further pages; this window will be read again next time');
    return readUpdatesPage(await client.getText(url));
  };
  for (let part = parts.pop(); part; part = parts.pop()) {
    let page = await read(updatesUrl(part));
    onPage(page);
    if (page.rows < PAGE_LIMIT) continue;
    const halves = splitWindow(part);
    if (halves) {
      parts.push(halves[1], halves[0]);
      continue;
    }
    // Full and only a few seconds long: the cursor is all that is left. A page without `links` ends it.
    while (page.next) {
      page = await read(page.next);
      onPage(page);
    }
  }
}

export interface SweepResult {
  /** Watched ocids with an update in the swept time. */
  changed: Set<string>;
  pages: number;
  /** Distinct releases (ocid, release id) the swept windows listed, each counted once however often listed. */
  releases: number;
  /** The end of the last window read in full: the next sweep starts here. */
  reached: Date;
  /** Why the sweep stopped before `to`, if it did. */
  error?: unknown;
}

export async function sweepUpdates(options: {
  client: TextClient;
  watched: ReadonlySet<string>;
  from: Date;
  to: Date;
  /** Called after each page of the list is read, with the pages read so far. */
  onPage?: (pages: number) => void;
  /** Called after each window is read in full, to store the position durably. */
  onWindowDone?: (windowEnd: Date, changedSoFar: ReadonlySet<string>) => Promise<void> | void;
}): Promise<SweepResult> {
  const { client, watched, to } = options;
  const changed = new Set<string>();
  // One notice is listed again for each of its ocids, a page has held one release twice,
  // and windows that follow on share their boundary second: (ocid, release id) is one release.
  const seen = new Set<string>();
  let pages = 0;
  let reached = options.from;
  const result = (error?: unknown): SweepResult => ({ changed, pages, releases: seen.size, reached, ...(error === undefined ? {} : { error }) });
  while (reached < to) {
    const windowEnd = new Date(Math.min(to.getTime(), reached.getTime() + MAX_WINDOW_MS));
    const asked = updatesWindow(reached, windowEnd);
    // Less than a second left to sweep: the next sweep asks for it.
    if (!asked) break;
    // The sweep needs only which watched procurements changed: a procurement listed many
    // times in a window (a reused ocid, a release on two pages) is read once.
    const found = new Set<string>();
    try {
      await readWindow(client, asked, (page) => {
        pages++;
        options.onPage?.(pages);
        for (const { ocid, id } of page.releases) {
          seen.add(`${ocid}\u0000${id ?? ''}`);
          if (watched.has(ocid)) found.add(ocid);
        }
      });
    } catch (error) {
      return result(error);
    }
    for (const ocid of found) changed.add(ocid);
    reached = windowEnd;
    await options.onWindowDone?.(windowEnd, changed);
  }
  return result();
}
