/**
 * What is derived from a watched entry (lib/watchlist/entry): the page it opens and the row
 * the watchlist lists. Expected values read by hand from the real FTS releases in
 * test/fixtures/fts/api/whole-stream/page-003.json (ocds-h6vhtk-06de32: UK4 076174-2026, then
 * UK4 076194-2026 the same day, which brought the enquiry deadline forward).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { entryUrl, titleText, toWatchlistRow, watchEntry, type WatchedProcurement } from '../lib/watchlist/entry';

const FTS = 'https://www.find-tender.service.gov.uk/Notice/';

function realEntry(now: Date): WatchedProcurement {
  const result = analyseOcds(readFileSync(new URL('./fixtures/fts/api/whole-stream/page-003.json', import.meta.url), 'utf8'), now);
  if (!result.ok) throw new Error(result.message);
  const { procurement } = result.procurements.find((p) => p.procurement.ocid === 'ocds-h6vhtk-06de32')!;
  return watchEntry(procurement, { noticeId: '076174-2026', url: 'https://d3tenders.com/contract/some-copy' }, now);
}

describe('entryUrl: the one page a watched procurement opens, in the popup, reminders, calendar and spreadsheet', () => {
  it("is FTS's page of its latest notice, whatever page it was watched on", () => {
    expect(entryUrl({ latestNoticeId: '076194-2026', watchedFromNoticeId: '076174-2026', watchedFromUrl: 'https://d3tenders.com/contract/x' })).toBe(`${FTS}076194-2026`);
  });
  it('else the FTS notice it was watched from, else the https page it was watched on', () => {
    expect(entryUrl({ watchedFromNoticeId: '076174-2026', watchedFromUrl: 'https://d3tenders.com/contract/x' })).toBe(`${FTS}076174-2026`);
    expect(entryUrl({ watchedFromUrl: 'https://d3tenders.com/contract/x' })).toBe('https://d3tenders.com/contract/x');
    expect(entryUrl({ watchedFromUrl: 'javascript:alert(1)' })).toBeUndefined();
    expect(entryUrl({ watchedFromUrl: 'http://d3tenders.com/contract/x' })).toBeUndefined();
  });
});

describe('toWatchlistRow', () => {
  // 11 August 2026, 10am UK time: the enquiry deadline (12:35pm that day) is next.
  const now = new Date('2026-08-11T09:00:00Z');
  const entry = realEntry(now);
  const row = toWatchlistRow({ ...entry, note: 'Call the buyer', tags: ['NHS'], bidStatus: 'preparing' }, now);

  it('says what a row shows: title, buyer, the page to open, and the user’s own fields', () => {
    expect(row).toMatchObject({ ocid: 'ocds-h6vhtk-06de32', title: 'Aids For Daily Living', buyer: entry.buyer, url: `${FTS}076194-2026`, note: 'Call the buyer', tags: ['NHS'], bidStatus: 'preparing', hasKeyDates: true });
    expect(row).not.toHaveProperty('keyDates'); // the data's title ends in a space: trimmed
  });

  it('keeps the next key date with what it was before it was brought forward, and not where it came from', () => {
    expect(row.next).toMatchObject({ type: 'enquiryDeadline', at: '2026-08-11T11:35:00.000Z', moved: { broughtForward: true } });
    expect(row.next).not.toHaveProperty('source');
    expect(row.next).not.toHaveProperty('detail');
  });

  it('names an untitled procurement, and has no next key date when none is ahead', () => {
    const late = toWatchlistRow({ ...entry, title: '  ' }, new Date('2035-01-01T00:00:00Z'));
    expect(late.title).toBe('Untitled procurement');
    expect(late.next).toBeUndefined();
    expect(titleText(undefined)).toBe('Untitled procurement');
  });
});
