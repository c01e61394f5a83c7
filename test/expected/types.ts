/**
 * Hand-written expectations for the timeline of each OCDS fixture.
 * Each list is the whole timeline in its final sorted order (see test/fixtures/ocds/README.md).
 */
export interface ExpectedEvent {
  kind: 'notice' | 'amendment' | 'keyDate';
  /** keyDate only: one of the key date types in lib/timeline/types.ts. */
  type?: string;
  /** notice and amendment. */
  noticeId?: string;
  /** notice only (UK4, F14 ...); omitted when the data does not say. */
  noticeType?: string;
  /** The date string exactly as written in the JSON. */
  raw: string;
  /** London-local calendar date, YYYY-MM-DD. */
  date: string;
  /** London-local time, HH:MM. */
  time: string;
  /** Lot ids, sorted numerically; [] when the event applies to the whole procurement. */
  lots: string[];
  /** JSONPath into the input document of the value `raw` came from. */
  source: string;
  /** keyDate only: true when only a planning notice gave the date (it reads "(expected)"). */
  estimated?: true;
  /** keyDate only: true when it will never happen (the procurement or its lots stopped before it). */
  void?: true;
}

/** What the procurement model should say about the fixture, as written in the data. */
export interface ExpectedProcurement {
  ocid: string;
  title?: string;
  /** The buyer's name. */
  buyer?: string;
}
