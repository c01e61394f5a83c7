/** Props for the components, built from the real FTS records in test/fixtures/fts/records. */
import { readFileSync } from 'node:fs';
// happy-dom replaces the global URL: use Node's, which fs understands.
import { URL as NodeURL, fileURLToPath } from 'node:url';
import { analyseOcds, type ProcurementTimeline } from '../../lib/analyse';
import { toWatchlistRow, watchEntry, type WatchedProcurement, type WatchlistRow } from '../../lib/watchlist/entry';

const realOcds = new NodeURL('../fixtures/fts/records/', import.meta.url);

export const FIXTURES = ['ocds-h6vhtk-05cfd9', 'ocds-h6vhtk-067b89', 'ocds-h6vhtk-06a838', 'ocds-h6vhtk-06bae5'] as const;
export type FixtureName = (typeof FIXTURES)[number];

export function fixtureText(name: FixtureName): string {
  return readFileSync(fileURLToPath(new NodeURL(`${name}.json`, realOcds)), 'utf8');
}

/** `analyseOcds` on a real record (optionally edited first), which must hold one procurement. */
export function analyseFixture(name: FixtureName, now: Date, edit?: (record: Record<string, any>) => void): ProcurementTimeline {
  let text = fixtureText(name);
  if (edit) {
    const record = JSON.parse(text) as Record<string, any>;
    edit(record);
    text = JSON.stringify(record);
  }
  const result = analyseOcds(text, now);
  if (!result.ok) throw new Error(result.message);
  if (result.procurements.length !== 1) throw new Error(`expected one procurement in ${name}, found ${result.procurements.length}`);
  return result.procurements[0]!;
}

/** Every href in the rendered tree. */
export function allHrefs(root: ParentNode): string[] {
  return [...root.querySelectorAll('[href]')].map((el) => el.getAttribute('href') ?? '');
}

/** The watchlist entry stored when the user watches a real record's procurement at `watchedAt`. */
export function watchedEntry(name: FixtureName, watchedAt: Date, fields: Partial<WatchedProcurement> = {}): WatchedProcurement {
  const { procurement } = analyseFixture(name, watchedAt);
  const first = procurement.notices[0];
  return { ...watchEntry(procurement, { noticeId: first?.id, url: first?.url }, watchedAt), ...fields };
}

/** The rows the background lists for `entries` at `now`. */
export function rowsOf(entries: readonly WatchedProcurement[], now: Date): WatchlistRow[] {
  return entries.map((entry) => toWatchlistRow(entry, now));
}
