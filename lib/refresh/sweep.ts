/**
 * The sweep: instead of asking FTS about every watched procurement, read FTS's list of
 * releases updated since the last sweep and pick out the watched ocids. Cost grows with
 * the number of updates, not with the watchlist. Windows are at most 6 hours (long
 * windows are known to miss releases), and each finished window is reported so the
 * position can be stored durably and a stopped worker resumes where it left off.
 */
import { isRepeatedLondonTime, londonDateTimeText } from '../dates';
import { FTS_ORIGIN, safeHttpsUrl } from '../fts/urls';
import { isTruncation, parseJsonText } from '../ocds/json-text';

export const MAX_WINDOW_MS = 6 * 60 * 60 * 1000;
/** A runaway `links.next` chain ends here; the window is tried again next time. */
const MAX_PAGES_PER_WINDOW = 500;

export interface TextClient {
  getText(url: string): Promise<string>;
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
export function updatesWindow(from: Date, to: Date): { updatedFrom: string; updatedTo: string } | undefined {
  const updatedFrom = londonDateTimeText(outOfRepeatedHour(from, -1));
  const updatedTo = londonDateTimeText(outOfRepeatedHour(to, 1));
  return updatedFrom < updatedTo ? { updatedFrom, updatedTo } : undefined;
}

export function updatesUrl(asked: { updatedFrom: string; updatedTo: string }): string {
  return `${FTS_ORIGIN}/api/1.0/ocdsReleasePackages?updatedFrom=${asked.updatedFrom}&updatedTo=${asked.updatedTo}&limit=100`;
}

/** The ocids of a list page's releases and its next page, read tolerantly. */
export function readUpdatesPage(text: string): { ocids: string[]; next?: string } {
  const parsed = parseJsonText(text);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') throw new Error(`FTS's list of updates could not be read${parsed.ok ? '' : `: ${parsed.message}`}`);
  // A page cut short may have lost releases and its link to the next page: read it again.
  if (parsed.repairs.some(isTruncation)) throw new Error("FTS's list of updates arrived cut short");
  const page = parsed.value as { releases?: unknown; links?: { next?: unknown } };
  // A 200 that is not a release package (an error object, an empty one) is a failed read,
  // not an empty window: taken as "nothing there", the window's updates would be lost.
  if (!Array.isArray(page.releases)) throw new Error("FTS's list of updates was not a release package");
  const ocids = page.releases.flatMap((release) =>
    release && typeof release === 'object' && typeof (release as { ocid?: unknown }).ocid === 'string' ? [(release as { ocid: string }).ocid] : [],
  );
  const next = typeof page.links?.next === 'string' ? safeHttpsUrl(page.links.next) : undefined;
  // Only FTS's own pages are followed.
  return { ocids, next: next?.startsWith(`${FTS_ORIGIN}/`) ? next : undefined };
}

export interface SweepResult {
  /** Watched ocids with an update in the swept time. */
  changed: Set<string>;
  pages: number;
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
  /** Called after each window is read in full, to store the position durably. */
  onWindowDone?: (windowEnd: Date, changedSoFar: ReadonlySet<string>) => Promise<void> | void;
}): Promise<SweepResult> {
  const { client, watched, to } = options;
  const changed = new Set<string>();
  let pages = 0;
  let reached = options.from;
  while (reached < to) {
    const windowEnd = new Date(Math.min(to.getTime(), reached.getTime() + MAX_WINDOW_MS));
    const asked = updatesWindow(reached, windowEnd);
    // Less than a second left to sweep: the next sweep asks for it.
    if (!asked) break;
    // The sweep needs only which watched procurements changed: a release listed twice, or
    // the same (ocid, release id) on two pages or in two windows, is read once.
    const found = new Set<string>();
    let url: string | undefined = updatesUrl(asked);
    try {
      for (let page = 0; url && page < MAX_PAGES_PER_WINDOW; page++) {
        const { ocids, next } = readUpdatesPage(await client.getText(url));
        pages++;
        for (const ocid of ocids) if (watched.has(ocid)) found.add(ocid);
        url = next;
      }
      if (url) throw new Error('FTS kept listing further pages; this window will be read again next time');
    } catch (error) {
      return { changed, pages, reached, error };
    }
    for (const ocid of found) changed.add(ocid);
    reached = windowEnd;
    await options.onWindowDone?.(windowEnd, changed);
  }
  return { changed, pages, reached };
}
