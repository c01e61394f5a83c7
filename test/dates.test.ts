import { describe, expect, it } from 'vitest';
import {
  countdown,
  formatDate,
  formatDateText,
  formatDateTime,
  formatDateTimeUk,
  formatMoment,
  formatTime,
  fromLondonWallClock,
  isDateOnlyText,
  londonDayEnd,
  isEndOfDay,
  londonDaysBetween,
  londonParts,
  parseInstant,
  whenInWords,
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
    // BST starts 29 March 2026 at 01:00 UTC: one second before and at the change.
    ['2026-03-29T00:59:59Z', '2026-03-29', '00:59'],
    ['2026-03-29T01:00:00Z', '2026-03-29', '02:00'],
    // BST ends 25 October 2026 at 01:00 UTC: 01:30 London happens twice.
    ['2026-10-25T00:30:00Z', '2026-10-25', '01:30'],
    ['2026-10-25T01:30:00Z', '2026-10-25', '01:30'],
    ['2026-10-25T02:00:00Z', '2026-10-25', '02:00'],
  ])('%s is %s %s', (text, date, time) => {
    const parts = londonParts(at(text));
    expect(parts.date).toBe(date);
    expect(parts.time).toBe(time);
  });

  it('finds a 23:59 deadline whatever its offset, and writes it "11:59pm" as GOV.UK advises', () => {
    expect(isEndOfDay(at('2026-07-01T23:59:59+01:00'))).toBe(true);
    expect(isEndOfDay(at('2026-07-01T22:59:59Z'))).toBe(true);
    expect(isEndOfDay(at('2025-12-01T23:59:00Z'))).toBe(true);
    // 23:59 UTC in summer is 00:59 London the next day: not an end-of-day deadline.
    expect(isEndOfDay(at('2026-07-01T23:59:59Z'))).toBe(false);
    expect(formatDateTime(at('2026-07-01T23:59:59+01:00'), { deadline: true })).toBe('1 July 2026, 11:59pm');
    // Any other date at 23:59 (a market engagement session, say) reads the same.
    expect(formatDateTime(at('2026-07-01T23:59:59+01:00'))).toBe('1 July 2026, 11:59pm');
  });

  it.each([
    // GOV.UK: "5:30pm", "midday" (not "12pm"), "midnight" (not "00:00"); no leading zero, no ":00".
    ['2026-01-15T09:05:00Z', '9:05am'],
    ['2026-01-15T09:00:00Z', '9am'],
    ['2026-01-15T12:00:00Z', 'midday'],
    ['2026-01-15T12:30:00Z', '12:30pm'],
    ['2026-01-15T17:30:00Z', '5:30pm'],
    ['2026-01-15T00:00:00Z', 'midnight'],
    ['2026-01-15T00:15:00Z', '12:15am'],
    // Seconds are not shown: 13:31:21 BST.
    ['2026-06-02T12:31:21Z', '1:31pm'],
    // Midday in summer is 11:00 UTC.
    ['2026-06-02T11:00:00Z', 'midday'],
    // The clocks go forward at 01:00 GMT on 29 March 2026: 00:59 GMT, then 2am BST.
    ['2026-03-29T00:59:00Z', '12:59am'],
    ['2026-03-29T01:00:00Z', '2am'],
    // They go back at 02:00 BST on 25 October 2026: 1:30am comes twice.
    ['2026-10-25T00:30:00Z', '1:30am'],
    ['2026-10-25T01:30:00Z', '1:30am'],
  ])('%s is %s in London', (text, time) => expect(formatTime(at(text))).toBe(time));

  it('writes the month in full, as FTS does ("Published 24 March 2023, 11:45am")', () => {
    // The real notice page 008624-2023 says "Published 24 March 2023, 11:45am"; GMT then.
    expect(formatMoment(at('2023-03-24T11:45:00Z'))).toBe('24 March 2023, 11:45am');
    expect(formatDateTime(at('2027-04-13T11:00:00Z'), { deadline: true })).toBe('13 April 2027, midday');
    expect(formatDate(at('2026-09-01T00:00:00+01:00'))).toBe('1 September 2026');
  });

  it('says "UK time" after a time, and not after a day alone', () => {
    expect(formatDateTimeUk(at('2026-07-01T23:59:59+01:00'), { deadline: true })).toBe('1 July 2026, 11:59pm UK time');
    expect(formatDateTimeUk(at('2026-08-25'), { deadline: true, dateOnly: true })).toBe('25 August 2026');
    expect(formatDateTimeUk(at('2027-04-01T00:00:00+01:00'))).toBe('1 April 2027');
  });

  it('formats dates and times for people', () => {
    expect(formatDate(at('2026-04-01T00:00:00+01:00'))).toBe('1 April 2026');
    expect(formatDateTime(at('2026-04-01T00:00:00+01:00'))).toBe('1 April 2026');
    expect(formatDateTime(at('2025-11-24T14:00:00Z'))).toBe('24 November 2025, 2pm');
    expect(formatDateTime(at('2026-06-02T13:31:21+01:00'))).toBe('2 June 2026, 1:31pm');
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
    // Deadline 1 July 2026 at 23:59:59 BST.
    // 23:59:59 to 09:00 the next day: 9 hours after, within a day.
    ['2026-07-02T09:00:00+01:00', '2026-07-01T23:59:59+01:00', 'closed 9 hours ago'],
    ['2026-07-03T09:00:00+01:00', '2026-07-01T23:59:59+01:00', 'closed 2 days ago'],
    // 33 hours after: more than a day, and the London day before.
    ['2026-07-02T09:00:00+01:00', '2026-07-01T00:30:00+01:00', 'closed yesterday'],
    ['2026-07-01T09:00:00+01:00', '2026-07-01T23:59:59+01:00', 'closes in 14 hours'],
    // 59 min 59 s: minutes, rounded down.
    ['2026-07-01T23:00:00+01:00', '2026-07-01T23:59:59+01:00', 'closes in 59 minutes'],
    ['2026-07-01T23:58:00+01:00', '2026-07-01T23:59:59+01:00', 'closes in 1 minute'],
    ['2026-07-01T23:59:30+01:00', '2026-07-01T23:59:59+01:00', 'closes in less than a minute'],
    // 23 h 59 min 59 s away: hours, rounded down.
    ['2026-07-01T00:00:00+01:00', '2026-07-01T23:59:59+01:00', 'closes in 23 hours'],
    // 24 h 59 min 59 s away, the next London day.
    ['2026-06-30T23:00:00+01:00', '2026-07-01T23:59:59+01:00', 'closes tomorrow'],
    ['2026-06-28T09:00:00+01:00', '2026-07-01T23:59:59+01:00', 'closes in 3 days'],
    // 2 May to 1 July: 60 days, two whole months.
    ['2026-05-02T09:00:00+01:00', '2026-07-01T23:59:59+01:00', 'closes in 2 months'],
    // 3 May to 1 July: 59 days.
    ['2026-05-03T09:00:00+01:00', '2026-07-01T23:59:59+01:00', 'closes in 59 days'],
    // 1 December 2025 to 31 March 2028: 27 whole months, 2 years.
    ['2025-12-01T12:00:00Z', '2028-03-31T23:59:59+01:00', 'closes in 2 years'],
  ])('at %s, a deadline %s reads %j', (now, deadline, text) => {
    expect(countdown(at(now), at(deadline), { deadline: true })).toBe(text);
  });

  it.each([
    ['2026-07-01T09:00:00+01:00', '2026-07-01T18:00:00+01:00', 'today'],
    ['2026-06-30T23:30:00+01:00', '2026-07-01T00:30:00+01:00', 'tomorrow'],
    ['2026-06-01T12:00:00Z', '2026-07-01T23:59:59+01:00', 'in 30 days'],
    // 1 December 2025 to 1 April 2027: 16 months.
    ['2025-12-01T12:00:00Z', '2027-04-01T00:00:00+01:00', 'in 16 months'],
    // 13 October 2020 to 1 April 2027 is 2361 days: whole years, not days.
    ['2020-10-13T12:00:00+01:00', '2027-04-01T00:00:00+01:00', 'in 6 years'],
  ])('at %s, a date that is no deadline, %s, reads %j', (now, date, text) => {
    expect(countdown(at(now), at(date))).toBe(text);
  });

  it('gives no countdown to a past date that is no deadline', () => {
    expect(countdown(at('2026-07-02T09:00:00+01:00'), at('2026-07-01T18:00:00+01:00'))).toBeUndefined();
  });

  it.each([
    ['2026-07-01T12:00:00+01:00', 'yesterday'],
    ['2026-08-13T12:00:00+01:00', '44 days ago'],
    // 30 June to 30 August: 61 days, 2 months.
    ['2026-08-30T12:00:00+01:00', '2 months ago'],
    // 30 June 2026 to 29 June 2027: 11 whole months, as its 30th has not come.
    ['2027-06-29T12:00:00+01:00', '11 months ago'],
    ['2028-07-01T12:00:00+01:00', '2 years ago'],
  ])('a day in the past, 30 June 2026, seen at %s, was %j', (now, text) => {
    expect(whenInWords(at(now), at('2026-06-30T12:00:00+01:00'))).toBe(text);
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
    // 29 March 2026, clocks go forward at 01:00 GMT: a 23-hour day.
    ['2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z'],
    // 25 October 2026, clocks go back at 02:00 BST: a 25-hour day.
    ['2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
    // The last day of a year, in GMT.
    ['2026-12-31', '2026-12-31T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('%s starts at %s and ends at %s', (text, start, end) => {
    expect(at(text).toISOString()).toBe(start);
    expect(londonDayEnd(at(text)).toISOString()).toBe(end);
  });

  it('reads as the date alone, and a deadline at a real midnight keeps its time', () => {
    expect(formatDateText('2026-08-25', { deadline: true })).toBe('25 August 2026');
    expect(formatDateText('2026-08-25T00:00:00+01:00', { deadline: true })).toBe('25 August 2026, midnight');
    expect(formatDateText('2026-08-25T00:00:00+01:00')).toBe('25 August 2026');
    expect(formatDateText('TBC')).toBe('TBC');
  });

  it('counts down to the end of its London day, on the 25-hour day too', () => {
    const style = { deadline: true, dateOnly: true };
    // 00:30 BST on 25 October: 24 h 30 min of that London day remain, on the day itself.
    expect(countdown(at('2026-10-24T23:30:00Z'), at('2026-10-25'), style)).toBe('closes in 24 hours');
    // 01:30 GMT (the second one): 22 h 30 min remain.
    expect(countdown(at('2026-10-25T01:30:00Z'), at('2026-10-25'), style)).toBe('closes in 22 hours');
    // The day ended at midnight GMT, 00:00Z on the 26th: it closed at that very moment.
    expect(countdown(at('2026-10-26T00:00:00Z'), at('2026-10-25'), style)).toBe('closed less than a minute ago');
    expect(countdown(at('2026-10-26T00:05:00Z'), at('2026-10-25'), style)).toBe('closed 5 minutes ago');
    expect(countdown(at('2026-10-27T12:00:00Z'), at('2026-10-25'), style)).toBe('closed 2 days ago');
  });

  it('counts down across the change to BST on a 23-hour day', () => {
    const style = { deadline: true, dateOnly: true };
    // 29 March 2026 runs 00:00Z to 23:00Z; at 00:30 GMT 22 h 30 min of it remain.
    expect(countdown(at('2026-03-29T00:30:00Z'), at('2026-03-29'), style)).toBe('closes in 22 hours');
    // 11:00 GMT on 28 March: 36 hours left, the next London day.
    expect(countdown(at('2026-03-28T11:00:00Z'), at('2026-03-29'), style)).toBe('closes tomorrow');
  });
});
