/**
 * UK time for people: every date the product shows is Europe/London wall-clock time,
 * computed with Intl so that BST/GMT changes come from the platform's time-zone data.
 */

const LONDON = 'Europe/London';
/** Bound for the memo tables below: dates repeat, but a long-running worker must not grow without end. */
const INSTANT_CACHE_LIMIT = 50_000;

/**
 * The years a procurement's date can fall in. A date outside them (`9999-12-31`,
 * `0999-01-01`) is a mistake in the data: reported as a problem, never counted down to.
 */
export const PLAUSIBLE_YEARS = { from: 1990, to: 2100 } as const;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  // Asked for so that a year before 1 AD (ISO year 0000) is not read as 1.
  era: 'short',
});

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});


export interface LondonParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Intl's formatToParts is the slow step of a timeline: each instant is read once.
const partsCache = new Map<number, LondonParts>();

/** Wall-clock parts of an instant in London. */
export function londonParts(instant: Date): LondonParts {
  const key = instant.getTime();
  let parts = partsCache.get(key);
  if (!parts) {
    if (partsCache.size >= INSTANT_CACHE_LIMIT) partsCache.clear();
    parts = readLondonParts(instant);
    partsCache.set(key, parts);
  }
  return parts;
}

function readLondonParts(instant: Date): LondonParts {
  const get: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(instant)) get[part.type] = part.value;
  const year = get.era === 'BC' ? 1 - Number(get.year) : Number(get.year);
  const month = Number(get.month);
  const day = Number(get.day);
  const hour = Number(get.hour);
  const minute = Number(get.minute);
  const second = Number(get.second);
  return {
    // Intl writes year 999 as "999": the date is always YYYY-MM-DD.
    date: `${String(year).padStart(4, '0')}-${get.month}-${get.day}`,
    time: `${get.hour}:${get.minute}`,
    year,
    month,
    day,
    hour,
    minute,
    second,
  };
}

/** London's wall-clock reading of an instant, to the second, as `YYYY-MM-DDTHH:MM:SS` (no offset). */
export function londonDateTimeText(instant: Date): string {
  const p = londonParts(instant);
  return `${p.date}T${p.time}:${String(p.second).padStart(2, '0')}`;
}

/**
 * A calendar reading as a number (a UTC date here is only a calendar). Unlike `Date.UTC`,
 * years 0–99 are those years, not 1900–1999.
 */
function calendarMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, 0);
  return at.getTime();
}

/** A London reading as a number, to compare readings. */
function readingMs(instant: Date): number {
  const p = londonParts(instant);
  return calendarMs(p.year, p.month, p.day, p.hour, p.minute, p.second);
}

/** True when the instant falls in London within `PLAUSIBLE_YEARS`. */
export function isPlausibleInstant(instant: Date): boolean {
  const { year } = londonParts(instant);
  return year >= PLAUSIBLE_YEARS.from && year <= PLAUSIBLE_YEARS.to;
}

/**
 * True when London's clocks show this instant's reading twice: in the hour repeated when
 * the clocks go back. The other instant with the same reading lies apart by the change in
 * London's offset, which Intl gives a day either side (London's clocks change twice a year).
 */
export function isRepeatedLondonTime(instant: Date): boolean {
  const t = Math.floor(instant.getTime() / 1000) * 1000;
  const reading = readingMs(new Date(t));
  return [t - 86_400_000, t + 86_400_000].some((probe) => {
    const other = t + (reading - t) - (readingMs(new Date(probe)) - probe);
    return other !== t && readingMs(new Date(other)) === reading;
  });
}

// OCDS dates are ISO 8601 date-times with an offset; a date alone is read as that London day.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

// The same date strings recur across releases and lots: read each once.
const instantCache = new Map<string, number | undefined>();

/** The instant a date string names, or undefined when it names none. */
export function parseInstant(text: string): Date | undefined {
  let time = instantCache.get(text);
  if (time === undefined && !instantCache.has(text)) {
    if (instantCache.size >= INSTANT_CACHE_LIMIT) instantCache.clear();
    time = readInstant(text)?.getTime();
    instantCache.set(text, time);
  }
  return time === undefined ? undefined : new Date(time);
}

function readInstant(text: string): Date | undefined {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return undefined;
  if (h !== undefined && zone !== undefined) {
    const instant = new Date(text.trim().replace(' ', 'T'));
    return Number.isNaN(instant.getTime()) ? undefined : instant;
  }
  // No offset: the wall-clock time is London's.
  return fromLondonWallClock(year, month, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
}

/**
 * The instant at which London's clocks read the given wall-clock time. Intl gives the
 * zone's reading of any instant; two corrections find the instant whose reading matches.
 */
export function fromLondonWallClock(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date | undefined {
  const wanted = calendarMs(year, month, day, hour, minute, second);
  const check = new Date(wanted);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined;
  let guess = wanted;
  for (let i = 0; i < 2; i++) guess += wanted - readingMs(new Date(guess));
  return new Date(guess);
}

/** True when the text is a calendar date alone, without a time ("2026-08-25"): it names a whole London day. */
export function isDateOnlyText(text: string): boolean {
  const match = DATE_TIME.exec(text.trim());
  return match !== null && match[4] === undefined;
}

/** The instant the London day holding `instant` ends: the next London midnight. */
export function londonDayEnd(instant: Date): Date {
  const p = londonParts(instant);
  // Calendar arithmetic on the date alone (a UTC date is only a calendar here).
  const next = new Date(calendarMs(p.year, p.month, p.day + 1));
  return fromLondonWallClock(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()) ?? instant;
}

/**
 * How a date reads. `dateOnly`: it was published as a day without a time, so it is that
 * whole London day. `deadline`: something must be done by then, so 23:59 reads "by end
 * of day" and a midnight deadline keeps its time.
 */
export interface DateStyle {
  dateOnly?: boolean;
  deadline?: boolean;
}

/** Until when a date is still ahead: a day alone lasts until the end of that London day. */
export function lastMoment(at: Date, style: DateStyle = {}): Date {
  return style.dateOnly ? londonDayEnd(at) : at;
}

/** A deadline at 23:59 London time means "by the end of that day". */
export function isEndOfDay(instant: Date): boolean {
  const p = londonParts(instant);
  return p.hour === 23 && p.minute === 59;
}

/** "1 Jul 2026" */
export function formatDate(instant: Date): string {
  return dayFormat.format(instant);
}

/**
 * "1 Jul 2026, 15:33"; the date alone for a day published without a time, and for
 * anything but a deadline at midnight; "1 Jul 2026, by end of day" for a deadline at 23:59.
 */
export function formatDateTime(instant: Date, style: DateStyle = {}): string {
  if (style.dateOnly) return formatDate(instant);
  const p = londonParts(instant);
  if (style.deadline && isEndOfDay(instant)) return `${formatDate(instant)}, by end of day`;
  if (!style.deadline && p.hour === 0 && p.minute === 0) return formatDate(instant);
  return `${formatDate(instant)}, ${p.time}`;
}

/** A date as published, for people (`formatDateTime`); the text itself when it names no date. */
export function formatDateText(raw: string, style: Omit<DateStyle, 'dateOnly'> = {}): string {
  const at = parseInstant(raw);
  return at ? formatDateTime(at, { ...style, dateOnly: isDateOnlyText(raw) }) : raw;
}

/** Whole London calendar days from `now`'s day to `instant`'s day (negative when before). */
export function londonDaysBetween(now: Date, instant: Date): number {
  const a = londonParts(now);
  const b = londonParts(instant);
  const dayA = calendarMs(a.year, a.month, a.day);
  const dayB = calendarMs(b.year, b.month, b.day);
  return Math.round((dayB - dayA) / 86_400_000);
}

/** "today", "tomorrow", "in 3 days": a London calendar-day distance in words. */
export function inDays(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * How long until a date, in words; undefined when a date that is not a deadline has passed.
 * Deadlines: "closed", then hours in the last day ("5 hours left", "less than an hour
 * left"), else London calendar days ("1 day left", "3 days left"). Other dates do not
 * close: "today", "tomorrow", "in 30 days". A day published without a time counts to the
 * end of that London day.
 */
export function countdown(now: Date, at: Date, style: DateStyle = {}): string | undefined {
  const left = lastMoment(at, style).getTime() - now.getTime();
  if (!style.deadline) return left > 0 ? inDays(londonDaysBetween(now, at)) : undefined;
  if (left <= 0) return 'closed';
  if (left < HOUR) return 'less than an hour left';
  if (left < DAY) {
    const hours = Math.floor(left / HOUR);
    return `${hours} ${hours === 1 ? 'hour' : 'hours'} left`;
  }
  // At least a day left is at least one calendar day, even on the 25-hour day in October.
  const days = Math.max(1, londonDaysBetween(now, at));
  return `${days} ${days === 1 ? 'day' : 'days'} left`;
}

/** Forgets every memoised reading, so that a benchmark times a cold read. */
export function resetDateCaches(): void {
  instantCache.clear();
  partsCache.clear();
}
