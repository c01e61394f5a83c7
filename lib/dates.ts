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

/** 24 hours in milliseconds. A London calendar day is 23 or 25 hours at the clock changes: count whole days with `londonDaysBetween`. */
export const DAY_MS = 86_400_000;

/** London's wall clock, to the second, as numbers. */
const WALL_CLOCK: Intl.DateTimeFormatOptions = {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  ...WALL_CLOCK,
  // Asked for so that a year before 1 AD (ISO year 0000) is not read as 1.
  era: 'short',
});

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  day: 'numeric',
  month: 'long',
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

/**
 * The same reading without the era, as `DD/MM/YYYY, HH:MM:SS`: `format` takes a third of the
 * time of `formatToParts`, and a timeline reads hundreds of instants. Used only where the
 * year is surely four digits after Christ; any other text falls back to the parts.
 */
const readingFormat = new Intl.DateTimeFormat('en-GB', WALL_CLOCK);
const READING = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

function readLondonParts(instant: Date): LondonParts {
  // London's year is the UTC year or one either side.
  const utcYear = instant.getUTCFullYear();
  const fast = utcYear > 1000 && utcYear < 9998 ? READING.exec(readingFormat.format(instant)) : null;
  if (fast) {
    const [, day, month, year, hour, minute, second] = fast as unknown as [string, string, string, string, string, string, string];
    return partsOf(Number(year), month, day, hour, minute, second);
  }
  const get: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(instant)) get[part.type] = part.value;
  const year = get.era === 'BC' ? 1 - Number(get.year) : Number(get.year);
  return partsOf(year, get.month!, get.day!, get.hour!, get.minute!, get.second!);
}

/** London parts from the year and the two-digit fields Intl wrote. */
function partsOf(year: number, month: string, day: string, hour: string, minute: string, second: string): LondonParts {
  return {
    // Intl writes year 999 as "999": the date is always YYYY-MM-DD.
    date: `${String(year).padStart(4, '0')}-${month}-${day}`,
    time: `${hour}:${minute}`,
    year,
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
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
  // London's year is the UTC year or one either side (near New Year): strictly inside the
  // years, the UTC year settles it without Intl, which every date of a read would wait on.
  const utcYear = instant.getUTCFullYear();
  if (utcYear > PLAUSIBLE_YEARS.from && utcYear < PLAUSIBLE_YEARS.to) return true;
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
  return [t - DAY_MS, t + DAY_MS].some((probe) => {
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
 * whole London day. `deadline`: something must be done by then, so it counts down to its
 * closing, and a deadline at midnight keeps its time.
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

// Intl's format is slow too, and it writes a London day the same whatever the time: each day is written once.
const dayCache = new Map<string, string>();

/** "1 July 2026": the London date, the month in full (GOV.UK style). */
export function formatDate(instant: Date): string {
  const day = londonParts(instant).date;
  let text = dayCache.get(day);
  if (text === undefined) {
    if (dayCache.size >= INSTANT_CACHE_LIMIT) dayCache.clear();
    text = dayFormat.format(instant);
    dayCache.set(day, text);
  }
  return text;
}

/**
 * The London time of day as GOV.UK writes it: "9am", "11:45am", "5:30pm", "midday",
 * "midnight" (the first minute of a day). No leading zero, no ":00", no seconds.
 */
export function formatTime(instant: Date): string {
  const { hour, minute } = londonParts(instant);
  if (minute === 0 && hour === 12) return 'midday';
  if (minute === 0 && hour === 0) return 'midnight';
  const clock = hour % 12 === 0 ? 12 : hour % 12;
  const minutes = minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`;
  return `${clock}${minutes}${hour < 12 ? 'am' : 'pm'}`;
}

/** "24 March 2023, 11:45am": a moment, always with its time (as FTS writes "Published …"). */
export function formatMoment(instant: Date): string {
  return `${formatDate(instant)}, ${formatTime(instant)}`;
}

/** True when a date reads with its time: not a day published alone, nor midnight on a date that is no deadline. */
export function showsTime(instant: Date, style: DateStyle = {}): boolean {
  if (style.dateOnly) return false;
  const p = londonParts(instant);
  return style.deadline === true || p.hour !== 0 || p.minute !== 0;
}

/**
 * "1 July 2026, 11:59pm", "13 April 2027, midday"; the date alone ("1 April 2027") for a
 * day published without a time, and for midnight on a date that is no deadline (a contract
 * that starts on a day). A deadline at midnight reads "25 August 2026, midnight".
 */
export function formatDateTime(instant: Date, style: DateStyle = {}): string {
  return showsTime(instant, style) ? formatMoment(instant) : formatDate(instant);
}

/** `formatDateTime`, saying "UK time" after a time: for text read on its own (a notification, a calendar). */
export function formatDateTimeUk(instant: Date, style: DateStyle = {}): string {
  return showsTime(instant, style) ? `${formatMoment(instant)} UK time` : formatDate(instant);
}

// A date moved by one notice is the "before" of the next one's change: each text is written once per style.
const textCaches = { deadline: new Map<string, string>(), other: new Map<string, string>() };

/** A date as published, for people (`formatDateTime`); the text itself when it names no date. */
export function formatDateText(raw: string, style: Omit<DateStyle, 'dateOnly'> = {}): string {
  const cache = style.deadline ? textCaches.deadline : textCaches.other;
  let text = cache.get(raw);
  if (text === undefined) {
    if (cache.size >= INSTANT_CACHE_LIMIT) cache.clear();
    const at = parseInstant(raw);
    text = at ? formatDateTime(at, { ...style, dateOnly: isDateOnlyText(raw) }) : raw;
    cache.set(raw, text);
  }
  return text;
}

/** Whole London calendar days from `now`'s day to `instant`'s day (negative when before). */
export function londonDaysBetween(now: Date, instant: Date): number {
  const a = londonParts(now);
  const b = londonParts(instant);
  const dayA = calendarMs(a.year, a.month, a.day);
  const dayB = calendarMs(b.year, b.month, b.day);
  return Math.round((dayB - dayA) / DAY_MS);
}

/** Whole calendar months from London day `from` to the later London day `to`: a month counts once its day is reached. */
function londonMonthsBetween(from: Date, to: Date): number {
  const a = londonParts(from);
  const b = londonParts(to);
  return (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
}

/** "1 day", "12 days": a count and its unit, singular for one. */
export const counted = (n: number, unit: string) => `${n} ${n === 1 ? unit : `${unit}s`}`;

/** Days up to about two months (under 60), then months up to two years, then years. */
const DAYS_SHOWN_UNDER = 60;
const MONTHS_SHOWN_UNDER = 24;

/** How far apart two London days are: "12 days", "3 months", "3 years" (`days` is at least 2). */
function calendarAmount(earlier: Date, later: Date, days: number): string {
  if (days < DAYS_SHOWN_UNDER) return counted(days, 'day');
  const months = londonMonthsBetween(earlier, later);
  // 60 days always reads as at least 2 months, whatever the lengths of the months.
  if (months < MONTHS_SHOWN_UNDER) return counted(Math.max(2, months), 'month');
  return counted(Math.floor(months / 12), 'year');
}

/**
 * A London calendar-day distance in words: "today", "tomorrow", "in 12 days",
 * "in 3 months", "in 3 years"; before `now`, "yesterday", "3 days ago", "2 years ago".
 */
export function whenInWords(now: Date, at: Date): string {
  const days = londonDaysBetween(now, at);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${calendarAmount(now, at, days)}` : `${calendarAmount(at, now, -days)} ago`;
}

/**
 * A reminder's lead, London calendar days ahead, in the countdown's words: "in 7 days",
 * "tomorrow", "today"; for a deadline "closes in 7 days", "closes tomorrow".
 */
export function leadInWords(days: number, style: DateStyle = {}): string {
  const words = days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${counted(days, 'day')}`;
  return style.deadline ? `closes ${words}` : words;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Under a day or so, in the largest whole unit: "less than a minute", "45 minutes", "3 hours". */
function clockAmount(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  if (ms < HOUR) return counted(Math.floor(ms / MINUTE), 'minute');
  return counted(Math.floor(ms / HOUR), 'hour');
}

/**
 * How far a date is from `now`, in words that fit the distance; undefined when a date that
 * is not a deadline has passed. Deadlines close: "closes in 45 minutes", "closes in 3
 * hours" within a day or on its own London day, then "closes tomorrow", "closes in 12
 * days", "closes in 3 months", "closes in 3 years"; once passed, "closed 3 hours ago",
 * "closed yesterday", "closed 3 days ago". Other dates: "today", "tomorrow", "in 12 days",
 * "in 3 years". A day published without a time counts to the end of that London day.
 */
export function countdown(now: Date, at: Date, style: DateStyle = {}): string | undefined {
  const left = lastMoment(at, style).getTime() - now.getTime();
  if (!style.deadline) return left > 0 ? whenInWords(now, at) : undefined;
  // Its own London day, or less than a day away either side: counted on the clock.
  const onTheClock = Math.abs(left) < DAY || londonDaysBetween(now, at) === 0;
  if (left > 0) return `closes ${onTheClock ? `in ${clockAmount(left)}` : whenInWords(now, at)}`;
  return `closed ${onTheClock ? `${clockAmount(-left)} ago` : whenInWords(now, at)}`;
}

/** Forgets every memoised reading, so that a benchmark times a cold read. */
export function resetDateCaches(): void {
  instantCache.clear();
  partsCache.clear();
  dayCache.clear();
  textCaches.deadline.clear();
  textCaches.other.clear();
}
