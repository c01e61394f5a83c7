import { describe, expect, it } from 'vitest';
import {
  countdown,
  formatDate,
  formatDateText,
  formatDateTime,
  fromLondonWallClock,
  isDateOnlyText,
  londonDayEnd,
  isEndOfDay,
  londonDaysBetween,
  londonParts,
  parseInstant,
} from '../lib/dates';

const at = (text: string) => {
  const instant = parseInstant(text);
  if (!instant) throw new Error(`unparsed ${text}`);
  return instant;
};

describe('London wall-clock time', () => {
  it.each([
    // The brief's own examples.
    ['2026-04-01T00:00:00+01:00', '2026-04-01', '00:00'],
    ['2025-11-27T15:48:17Z', '2025-11-27', '15:48'],
    // The republishing site showed this as 12:31; in London it is 13:31.
    ['2026-06-02T13:31:21+01:00', '2026-06-02', '13:31'],
    // A UTC instant late in a BST evening is the next London day.
    ['2026-06-30T23:30:00Z', '2026-07-01', '00:30'],
    // GMT in winter: UTC and London agree.
    ['2026-01-15T09:05:00+00:00', '2026-01-15', '09:05'],
    // BST starts 29 Mar 2026 at 01:00 UTC: one second before and at the change.
    ['2026-03-29T00:59:59Z', '2026-03-29', '00:59'],
    ['2026-03-29T01:00:00Z', '2026-03-29', '02:00'],
    // BST ends 25 Oct 2026 at 01:00 UTC: 01:30 London happens twice.
    ['2026-10-25T00:30:00Z', '2026-10-25', '01:30'],
    ['2026-10-25T01:30:00Z', '2026-10-25', '01:30'],
    ['2026-10-25T02:00:00Z', '2026-10-25', '02:00'],
  ])('%s is %s %s', (text, date, time) => {
    const parts = londonParts(at(text));
    expect(parts.date).toBe(date);
    expect(parts.time).toBe(time);
  });

  it('reads a 23:59 deadline as "by end of day" whatever its offset', () => {
    expect(isEndOfDay(at('2026-07-01T23:59:59+01:00'))).toBe(true);
    expect(isEndOfDay(at('2026-07-01T22:59:59Z'))).toBe(true);
    expect(isEndOfDay(at('2025-12-01T23:59:00Z'))).toBe(true);
    // 23:59 UTC in summer is 00:59 London the next day: not an end-of-day deadline.
    expect(isEndOfDay(at('2026-07-01T23:59:59Z'))).toBe(false);
    expect(formatDateTime(at('2026-07-01T23:59:59+01:00'), { deadline: true })).toBe('1 Jul 2026, by end of day');
    // Only a deadline: an event at 23:59 (a market engagement session, say) keeps its time.
    expect(formatDateTime(at('2026-07-01T23:59:59+01:00'))).toBe('1 Jul 2026, 23:59');
  });

  it('formats dates and times for people', () => {
    expect(formatDate(at('2026-04-01T00:00:00+01:00'))).toBe('1 Apr 2026');
    expect(formatDateTime(at('2026-04-01T00:00:00+01:00'))).toBe('1 Apr 2026');
    expect(formatDateTime(at('2025-11-24T14:00:00Z'))).toBe('24 Nov 2025, 14:00');
    expect(formatDateTime(at('2026-06-02T13:31:21+01:00'))).toBe('2 Jun 2026, 13:31');
  });
});

describe('parseInstant', () => {
  it.each(['', 'TBC', '2026-13-01T00:00:00Z', '2026-02-30', '2026-07-01T25:00:00Z', 'not a date 2026-07-01'])(
    'rejects %j',
    (text) => expect(parseInstant(text)).toBeUndefined(),
  );

  it('reads a date without offset as London wall-clock time', () => {
    expect(parseInstant('2026-07-01')?.toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(parseInstant('2026-01-10T09:00:00')?.toISOString()).toBe('2026-01-10T09:00:00.000Z');
  });
});

describe('years before 1000', () => {
  it('are written YYYY-MM-DD, as the CLI documents', () => {
    expect(londonParts(at('0999-01-01T12:00:00Z')).date).toBe('0999-01-01');
    expect(londonParts(at('0000-06-01T12:00:00Z'))).toMatchObject({ date: '0000-06-01', year: 0 });
  });
  it('are read as those years: 0099 is not 1999', () => {
    // Before 1847 London kept its local mean time, 1 minute 15 seconds behind Greenwich.
    expect(parseInstant('0099-05-01')?.toISOString()).toBe('0099-05-01T00:01:15.000Z');
    expect(fromLondonWallClock(50, 1, 1, 12)?.toISOString()).toBe('0050-01-01T12:01:15.000Z');
  });
});

describe('fromLondonWallClock', () => {
  it('finds the instant for London clock readings in BST and GMT', () => {
    expect(fromLondonWallClock(2026, 4, 1)?.toISOString()).toBe('2026-03-31T23:00:00.000Z');
    expect(fromLondonWallClock(2026, 12, 1, 12)?.toISOString()).toBe('2026-12-01T12:00:00.000Z');
  });
  it('rejects impossible calendar dates', () => {
    expect(fromLondonWallClock(2026, 2, 30)).toBeUndefined();
  });
});

describe('countdowns in London calendar days', () => {
  it('counts calendar days, not 24-hour periods', () => {
    // 23:30 London on 30 Jun to 00:30 London on 1 Jul: one calendar day, one hour apart.
    expect(londonDaysBetween(at('2026-06-30T22:30:00Z'), at('2026-06-30T23:30:00Z'))).toBe(1);
    expect(londonDaysBetween(at('2026-06-01T12:00:00Z'), at('2026-07-01T23:59:59+01:00'))).toBe(30);
  });
  it('counts across the clock changes without losing or gaining a day', () => {
    expect(londonDaysBetween(at('2026-03-28T12:00:00Z'), at('2026-03-30T12:00:00+01:00'))).toBe(2);
    expect(londonDaysBetween(at('2026-10-24T12:00:00+01:00'), at('2026-10-26T00:30:00Z'))).toBe(2);
  });
  it.each([
    ['2026-07-02T09:00:00+01:00', '2026-07-01T23:59:59+01:00', 'closed'],
    ['2026-07-01T09:00:00+01:00', '2026-07-01T23:59:59+01:00', '14 hours left'],
    ['2026-07-01T23:00:00+01:00', '2026-07-01T23:59:59+01:00', 'less than an hour left'],
    // 23 h 59 min 59 s away: hours, rounded down.
    ['2026-07-01T00:00:00+01:00', '2026-07-01T23:59:59+01:00', '23 hours left'],
    // 24 h 59 min 59 s away, the next London day.
    ['2026-06-30T23:00:00+01:00', '2026-07-01T23:59:59+01:00', '1 day left'],
    ['2026-06-28T09:00:00+01:00', '2026-07-01T23:59:59+01:00', '3 days left'],
  ])('at %s, a deadline %s reads %j', (now, deadline, text) => {
    expect(countdown(at(now), at(deadline), { deadline: true })).toBe(text);
  });
});

describe('a day published without a time', () => {
  it.each([
    ['2026-08-25', true],
    [' 2026-08-25 ', true],
    ['2026-08-25T00:00:00+01:00', false],
    ['2026-08-25T00:00:00', false],
    ['TBC', false],
  ])('%j is a day alone: %s', (text, dateOnly) => expect(isDateOnlyText(text)).toBe(dateOnly));

  it.each([
    // BST: the London day runs 23:00Z to 23:00Z.
    ['2026-08-25', '2026-08-24T23:00:00.000Z', '2026-08-25T23:00:00.000Z'],
    // 29 Mar 2026, clocks go forward at 01:00 GMT: a 23-hour day.
    ['2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z'],
    // 25 Oct 2026, clocks go back at 02:00 BST: a 25-hour day.
    ['2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
    // The last day of a year, in GMT.
    ['2026-12-31', '2026-12-31T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('%s starts at %s and ends at %s', (text, start, end) => {
    expect(at(text).toISOString()).toBe(start);
    expect(londonDayEnd(at(text)).toISOString()).toBe(end);
  });

  it('reads as the date alone, and a deadline at a real midnight keeps its time', () => {
    expect(formatDateText('2026-08-25', { deadline: true })).toBe('25 Aug 2026');
    expect(formatDateText('2026-08-25T00:00:00+01:00', { deadline: true })).toBe('25 Aug 2026, 00:00');
    expect(formatDateText('2026-08-25T00:00:00+01:00')).toBe('25 Aug 2026');
    expect(formatDateText('TBC')).toBe('TBC');
  });

  it('counts down to the end of its London day, on the 25-hour day too', () => {
    const style = { deadline: true, dateOnly: true };
    // 00:30 BST on 25 Oct: 24 h 30 min of that London day remain.
    expect(countdown(at('2026-10-24T23:30:00Z'), at('2026-10-25'), style)).toBe('1 day left');
    // 01:30 GMT (the second one): 22 h 30 min remain.
    expect(countdown(at('2026-10-25T01:30:00Z'), at('2026-10-25'), style)).toBe('22 hours left');
    expect(countdown(at('2026-10-26T00:00:00Z'), at('2026-10-25'), style)).toBe('closed');
  });
});
