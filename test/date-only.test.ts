// @vitest-environment happy-dom
/**
 * A date published without a time stays a day. The real FTS release 076444-2026
 * (ocds-h6vhtk-06e1df, old regime, CELEX 32014L0024) in test/fixtures/fts/api/whole-stream/page-001.json
 * is `$.releases[15]`; its `tender.tenderPeriod.endDate` is `"2026-08-25"`. 25 August 2026 is in
 * BST, so that London day runs from 2026-08-24T23:00:00Z to 2026-08-25T23:00:00Z, and the
 * submission deadline is open until the second of those.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
// happy-dom replaces the global URL: use Node's, which fs understands.
import { URL as NodeURL, fileURLToPath } from 'node:url';
import { cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Timeline } from '../components/Timeline';
import { WatchlistView } from '../components/WatchlistView';
import { analyseOcds } from '../lib/analyse';
import { readBackup, writeBackup } from '../lib/backup';
import { countdown } from '../lib/dates';
import { watchlistToCsv } from '../lib/export/csv';
import { watchlistToIcs } from '../lib/export/ics';
import { dueReminders } from '../lib/reminders';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { diffProcurements } from '../lib/timeline/changes';
import { keyDateStyle } from '../lib/timeline/key-dates';
import type { KeyDateEvent } from '../lib/timeline/types';
import { nextKeyDate, toWatchlistRow, watchEntry, type WatchedProcurement } from '../lib/watchlist/entry';

afterEach(cleanup);

const root = fileURLToPath(new NodeURL('..', import.meta.url));
const PAGE = 'test/fixtures/fts/api/whole-stream/page-001.json';
const OCID = 'ocds-h6vhtk-06e1df';
const TITLE = 'Medicine Dispensing Lockers - Provision & Support';
const DAY_START = '2026-08-24T23:00:00.000Z';
const DAY_END = '2026-08-25T23:00:00.000Z';

function read(now: string) {
  const result = analyseOcds(readFileSync(`${root}${PAGE}`, 'utf8'), new Date(now));
  if (!result.ok) throw new Error(result.message);
  const found = result.procurements.find((p) => p.procurement.ocid === OCID);
  if (!found) throw new Error(`${OCID} not read`);
  return found;
}

const submission = (events: ReturnType<typeof read>['events']) =>
  events.find((e): e is KeyDateEvent => e.kind === 'keyDate' && e.type === 'submissionDeadline')!;

function entry(now = '2026-08-12T09:00:00Z') {
  const { procurement } = read(now);
  return watchEntry(procurement, { noticeId: '076444-2026' }, new Date(now));
}

describe('the model', () => {
  it('keeps the day: the start of that London day, marked dateOnly, sourced from the field', () => {
    const keyDate = read('2026-08-12T09:00:00Z').procurement.keyDates.find((k) => k.type === 'submissionDeadline');
    expect(keyDate).toEqual({ type: 'submissionDeadline', at: DAY_START, dateOnly: true, lots: [], source: '$.releases[15].tender.tenderPeriod.endDate' });
    // awardPeriod.startDate "2026-09-01T12:00:00+01:00" has a time: no dateOnly.
    expect(read('2026-08-12T09:00:00Z').procurement.keyDates.find((k) => k.type === 'awardPeriodStart')).not.toHaveProperty('dateOnly');
  });

  it('is next all through 25 Aug in London, and past once that day ends', () => {
    // 23:30 BST on the day itself: still open.
    const late = submission(read('2026-08-25T22:30:00Z').events);
    expect(late).toMatchObject({ at: DAY_START, date: '2026-08-25', dateOnly: true, endOfDay: false, status: 'next', daysLeft: 0 });
    expect(late).not.toHaveProperty('time');
    const after = read(DAY_END);
    expect(submission(after.events).status).toBe('past');
    expect(after.events.find((e) => e.kind === 'keyDate' && e.status === 'next')).toMatchObject({ type: 'awardPeriodStart', time: '12:00' });
  });

  it('counts down to the end of the London day, in hours on the day itself', () => {
    const style = keyDateStyle('submissionDeadline', true);
    const at = new Date(DAY_START);
    expect(countdown(new Date('2026-08-23T09:00:00Z'), at, style)).toBe('closes in 2 days');
    expect(countdown(new Date('2026-08-24T09:00:00Z'), at, style)).toBe('closes tomorrow');
    // 10:00 BST on the day: 14 hours to midnight.
    expect(countdown(new Date('2026-08-25T09:00:00Z'), at, style)).toBe('closes in 14 hours');
    expect(countdown(new Date('2026-08-25T22:30:00Z'), at, style)).toBe('closes in 30 minutes');
    expect(countdown(new Date(DAY_END), at, style)).toBe('closed less than a minute ago');
    expect(countdown(new Date('2026-08-26T09:00:00Z'), at, style)).toBe('closed 10 hours ago');
  });

  it('is the next key date of the watchlist entry during that day', () => {
    expect(nextKeyDate(entry(), new Date('2026-08-25T20:00:00Z'))).toMatchObject({ type: 'submissionDeadline', dateOnly: true });
    expect(nextKeyDate(entry(), new Date(DAY_END))).toMatchObject({ type: 'awardPeriodStart' });
  });
});

describe('what people see', () => {
  it('shows the day alone in the panel timeline, with its countdown', () => {
    const now = new Date('2026-08-25T09:00:00Z');
    const { container } = render(createElement(Timeline, { events: read(now.toISOString()).events, now }));
    const item = [...container.querySelectorAll('li[data-kind="keyDate"]')].find((li) => li.textContent?.includes('Submission deadline'))!;
    const time = item.querySelector('time')!;
    expect(time.textContent).toBe('25 August 2026');
    expect(time.getAttribute('datetime')).toBe('2026-08-25');
    expect(item.querySelector('.tt-countdown')?.textContent).toBe('closes in 14 hours');
    // Still ahead during the day: after "Today".
    expect(item.classList.contains('tt-event--future')).toBe(true);
  });

  it('shows the day alone in the popup row', () => {
    const now = new Date('2026-08-25T09:00:00Z');
    const { container } = render(createElement(WatchlistView, { rows: [toWatchlistRow(entry(), now)], now, onOpen: () => {}, onUnwatch: () => {} }));
    expect(container.querySelector('.tt-row__next')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Submission deadline 25 August 2026 — closes in 14 hours');
  });

  it('goes into the .ics as an all-day event on 25 Aug', () => {
    const ics = watchlistToIcs([entry()], DEFAULT_SETTINGS, new Date('2026-08-12T09:00:00Z'));
    const event = ics.split('BEGIN:VEVENT').find((block) => block.includes('SUMMARY:Submission deadline'))!;
    expect(event).toContain('DTSTART;VALUE=DATE:20260825\r\n');
    expect(event).toContain('DTEND;VALUE=DATE:20260826\r\n');
    expect(event).toContain('DESCRIPTION:Submission deadline: 25 August 2026\\n');
  });

  it('has no time in the CSV', () => {
    const csv = watchlistToCsv([entry()], new Date('2026-08-25T09:00:00Z'));
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain(',Submission deadline,25/08/2026,,0,');
  });

  it('reminds at 09:00 London time, and still on the day itself', () => {
    const watched = entry();
    const due = (now: string) => dueReminders({ entries: [watched], settings: DEFAULT_SETTINGS, fired: new Set(), now: new Date(now) });
    // 7 days before: 18 Aug at 09:00 BST = 08:00Z.
    expect(due('2026-08-18T07:59:59Z')).toEqual([]);
    expect(due('2026-08-18T08:00:00Z').map((r) => [r.leadDays, r.notify, r.message])).toEqual([[7, true, `Submission deadline closes in 7 days: ${TITLE} (25 August 2026)`]]);
    // The computer was off until 14:00 BST on the day: the deadline is still open, so the 1-day reminder shows.
    expect(due('2026-08-25T13:00:00Z').map((r) => [r.leadDays, r.notify, r.message])).toEqual([
      // 14:00 BST to the end of the day: 10 hours.
      [1, true, `Submission deadline closes in 10 hours: ${TITLE} (25 August 2026)`],
      [7, false, `Submission deadline closes in 10 hours: ${TITLE} (25 August 2026)`],
    ]);
    expect(due(DAY_END)).toEqual([]);
  });
});

describe('the CLI', () => {
  it('prints date and dateOnly, and no time', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/timeline.ts', PAGE, '--now', '2026-08-25T09:00:00Z'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const out = (JSON.parse(run.stdout) as Array<{ procurement: { ocid: string }; events: Array<Record<string, unknown>> }>).find((p) => p.procurement.ocid === OCID)!;
    const event = out.events.find((e) => e.type === 'submissionDeadline')!;
    expect(event).toMatchObject({ at: DAY_START, date: '2026-08-25', dateOnly: true, status: 'next', daysLeft: 0 });
    expect(event).not.toHaveProperty('time');
  });
});

describe('what was stored before', () => {
  it('loads a backup whose key dates have no dateOnly, and reports no change when the day is read again', async () => {
    const fresh = entry();
    const old = { ...fresh, keyDates: fresh.keyDates.map(({ dateOnly: _dateOnly, ...rest }) => rest) };
    const at = new Date('2026-08-12T09:00:00Z');
    const text: string[] = [];
    for await (const part of writeBackup({ watchlist: [old], snapshots: [], settings: DEFAULT_SETTINGS }, at)) text.push(part);
    const entries: WatchedProcurement[] = [];
    for await (const item of readBackup(text, at)) if (item.kind === 'entry') entries.push(item.entry);
    expect(entries[0]!.keyDates.find((k) => k.type === 'submissionDeadline')).toEqual({
      type: 'submissionDeadline',
      at: DAY_START,
      lots: [],
      source: '$.releases[15].tender.tenderPeriod.endDate',
    });
    const { procurement } = read('2026-08-12T09:00:00Z');
    const before = { ...procurement, keyDates: old.keyDates };
    expect(diffProcurements(before, procurement)).toEqual([]);
  });
});
