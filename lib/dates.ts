/**
 * UK time for people: every date the product shows is Europe/London wall-clock time,
 * computed with Intl so that BST/GMT changes come from the platform's time-zone data.
 */

const LONDON = 'Europe/London';
/** Bound for the memo tables below: dates repeat, but a long-running worker must not grow without end. */
const INSTANT_CACHE_LIMIT = 50_000;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
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
  const year = Number(get.year);
  const month = Number(get.month);
  const day = Number(get.day);
  const hour = Number(get.hour);
  const minute = Number(get.minute);
  const second = Number(get.second);
  return {
    date: `${get.year}-${get.month}-${get.day}`,
    time: `${get.hour}:${get.minute}`,
    year,
    month,
    day,
    hour,
    minute,
    second,
  };
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
  const wanted = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wanted);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined;
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = londonParts(new Date(guess));
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wanted - seen;
  }
  return new Date(guess);
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

/** "1 Jul 2026, 15:33", "1 Jul 2026, by end of day", or the date alone at midnight. */
export function formatDateTime(instant: Date): string {
  const p = londonParts(instant);
  if (p.hour === 23 && p.minute === 59) return `${formatDate(instant)}, by end of day`;
  if (p.hour === 0 && p.minute === 0) return formatDate(instant);
  return `${formatDate(instant)}, ${p.time}`;
}

/** Whole London calendar days from `now`'s day to `instant`'s day (negative when before). */
export function londonDaysBetween(now: Date, instant: Date): number {
  const a = londonParts(now);
  const b = londonParts(instant);
  const dayA = Date.UTC(a.year, a.month - 1, a.day);
  const dayB = Date.UTC(b.year, b.month - 1, b.day);
  return Math.round((dayB - dayA) / 86_400_000);
}

/** "closed", "closes today", "tomorrow", "3 days left". */
export function countdown(now: Date, instant: Date): string {
  if (instant.getTime() <= now.getTime()) return 'closed';
  const days = londonDaysBetween(now, instant);
  if (days <= 0) return 'closes today';
  if (days === 1) return '1 day left';
  return `${days} days left`;
}

/** Forgets every memoised reading, so that a benchmark times a cold read. */
export function resetDateCaches(): void {
  instantCache.clear();
  partsCache.clear();
}
