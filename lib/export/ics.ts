/**
 * The watchlist's key dates as an iCalendar file (RFC 5545), for Outlook, Google
 * Calendar, Apple Calendar and Thunderbird. Pure: entries, settings and `now` in, text out.
 *
 * - One VEVENT per key date, past ones included.
 * - A day published without a time ("2026-08-25"), a key date at 23:59 London time, or a
 *   non-deadline at 00:00 (a date given as midnight, e.g. "contract starts 1 April 2027"),
 *   is an all-day event (`VALUE=DATE`) on its London date: it sits at the top of the day in every view instead of as a zero-length
 *   entry at midnight, and the description still gives the UK time. Every other key date
 *   is a timed event at its UTC instant (`DTSTART:20261027T140000Z`), right in any time
 *   zone by construction. A deadline at 00:00 stays timed: "by 00:00 on 2 Jul" must not
 *   read as "during 2 Jul".
 * - UIDs are stable per procurement, key-date type and lots — never the date — so
 *   importing again updates the events instead of duplicating them, and a moved deadline
 *   moves its event.
 * - SEQUENCE is the seconds from 2025-01-01T00:00:00Z to DTSTAMP, plus one for a void key
 *   date: every later export carries a higher sequence, which is what calendar apps
 *   compare (RFC 5546) to accept an import as an update of an event they already hold. A
 *   hash of the content would not do: it does not grow, so a moved date could come with a
 *   lower sequence and be ignored. The void version of an event (`STATUS:CANCELLED`, so
 *   calendars that imported it drop it) is above every live version exported earlier, even
 *   in the same second. The value fits RFC 5545's 32-bit INTEGER until 2093.
 * - A date only planned (`estimated`) is `STATUS:TENTATIVE` and says "(expected)".
 * - Every piece of text from the data is escaped as TEXT (or checked as an https URL),
 *   so a title holding CR/LF and `BEGIN:VEVENT` stays text inside one property.
 */
import { formatDateTimeUk, leadInWords, londonParts, type LondonParts } from '../dates';
import type { KeyDate } from '../procurement';
import { ALL_DAY_REMINDER_HOUR, oneLine, reminderLeads, reminderMoment } from '../reminders';
import type { Settings } from '../settings';
import { DEADLINE_TYPES, keyDateLabel, keyDateStyle, lotsText, VOID_TEXT } from '../timeline/key-dates';
import type { KeyDateType } from '../timeline/types';
import { entryUrl, type WatchedProcurement } from '../watchlist/entry';

export const ICS_PRODID = '-//Tender Timeline//Key dates export//EN';
const UID_DOMAIN = 'tender-timeline';
const SEQUENCE_EPOCH = Date.UTC(2025, 0, 1);
const MAX_LINE_OCTETS = 75;
const CRLF = '\r\n';

/** The iCalendar file of `entries`' key dates (one procurement: an array of one). */
export function watchlistToIcs(
  entries: readonly WatchedProcurement[],
  settings: Pick<Settings, 'reminderLeadDays' | 'reminderTypes'>,
  now: Date,
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendarName(entries))}`,
  ];
  const context: EventContext = {
    stamp: utcDateTime(now),
    now,
    leads: reminderLeads(settings.reminderLeadDays),
    alarmTypes: new Set<string>(settings.reminderTypes),
  };
  for (const entry of entries) {
    for (const { keyDate, at, uid } of eventsOf(entry)) lines.push(...vevent(entry, keyDate, at, uid, context));
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** A safe file name: `tender-timeline-<title>-<ocid>.ics` for one procurement, `tender-timeline-watchlist-<London date>.ics` for several. */
export function icsFileName(entries: ReadonlyArray<Pick<WatchedProcurement, 'ocid' | 'title'>>, now: Date): string {
  const [only] = entries;
  if (entries.length === 1 && only) {
    const parts = [slug(only.title ?? '', 40), slug(only.ocid, 60)].filter(Boolean);
    return `tender-timeline-${parts.join('-') || 'procurement'}.ics`;
  }
  return `tender-timeline-watchlist-${londonParts(now).date}.ics`;
}

/** SEQUENCE for an export made at `now`: seconds since 2025-01-01 (never negative), plus one when the key date is void. */
export function icsSequence(now: Date, keyDate: Pick<KeyDate, 'void'> = {}): number {
  return Math.max(0, Math.floor((now.getTime() - SEQUENCE_EPOCH) / 1000)) + (keyDate.void ? 1 : 0);
}

/**
 * The UID of a key date's event: `<ocid>-<type>-<lots>@tender-timeline`, with `all` for
 * the whole procurement and `lots-1+2` for lots; the second and later key dates of the
 * same type and lots (two engagement events, say) get `-2`, `-3`… in date order.
 */
export function eventUid(ocid: string, keyDate: Pick<KeyDate, 'type' | 'lots'>, ordinal = 1): string {
  const lots = keyDate.lots.length === 0 ? 'all' : `lots-${keyDate.lots.map(uidPart).join('+')}`;
  return `${uidPart(ocid)}-${uidPart(keyDate.type)}-${lots}${ordinal > 1 ? `-${ordinal}` : ''}@${UID_DOMAIN}`;
}

/** True when the key date is exported as an all-day event on its London date. */
export function isAllDayKeyDate(type: KeyDateType, at: Date, dateOnly = false): boolean {
  if (dateOnly) return true;
  const p = londonParts(at);
  if (p.hour === 23 && p.minute === 59) return true;
  return p.hour === 0 && p.minute === 0 && p.second === 0 && !DEADLINE_TYPES.has(type);
}

/** RFC 5545 TEXT escaping, after removing what TEXT may not hold (control characters, lone surrogates). */
export function escapeText(text: string): string {
  return text
    .replace(/\p{Cs}/gu, '\uFFFD')
    .replace(/\r\n|[\r\n\u2028\u2029]/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/**
 * Folds one content line to at most 75 octets per physical line (RFC 5545 3.1): each
 * continuation starts with a space, and no UTF-8 character is ever split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0)!);
    if (octets + size > MAX_LINE_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

interface EventContext {
  stamp: string;
  now: Date;
  leads: number[];
  alarmTypes: ReadonlySet<string>;
}

interface EventPlan {
  keyDate: KeyDate;
  at: Date;
  uid: string;
}

/** Each usable key date of an entry, in date order, with its UID. */
function eventsOf(entry: WatchedProcurement): EventPlan[] {
  const usable = entry.keyDates.flatMap((keyDate) => {
    const time = Date.parse(keyDate.at);
    const at = new Date(time);
    return Number.isNaN(time) || at.getUTCFullYear() < 1 || at.getUTCFullYear() > 9999 ? [] : [{ keyDate, at }];
  });
  usable.sort((a, b) => a.at.getTime() - b.at.getTime() || a.keyDate.type.localeCompare(b.keyDate.type));
  const seen = new Map<string, number>();
  return usable.map(({ keyDate, at }) => {
    const base = eventUid(entry.ocid, keyDate);
    const ordinal = (seen.get(base) ?? 0) + 1;
    seen.set(base, ordinal);
    return { keyDate, at, uid: eventUid(entry.ocid, keyDate, ordinal) };
  });
}

function vevent(entry: WatchedProcurement, keyDate: KeyDate, at: Date, uid: string, context: EventContext): string[] {
  const label = keyDateLabel(keyDate);
  // Titles keep their own line breaks (escaped); only an empty one falls back to the ocid.
  const title = entry.title && oneLine(entry.title) ? entry.title : entry.ocid;
  const lots = lotsText(keyDate.lots);
  const url = entryUrl(entry);
  const allDay = isAllDayKeyDate(keyDate.type, at, keyDate.dateOnly);
  const london = londonParts(at);

  const description = [
    `${label}: ${formatDateTimeUk(at, keyDateStyle(keyDate.type, keyDate.dateOnly))}`,
    keyDate.void ? `${VOID_TEXT}: cancelled or terminated before this date` : undefined,
    `Procurement: ${title}`,
    entry.buyer ? `Buyer: ${entry.buyer}` : undefined,
    lots ? `Applies to ${lots}` : undefined,
    keyDate.detail ? `Details: ${keyDate.detail}` : undefined,
    url ? `Notice: ${url}` : undefined,
    `Reference: ${entry.ocid}`,
  ].filter((line): line is string => line !== undefined);

  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(uid)}`,
    `DTSTAMP:${context.stamp}`,
    `SEQUENCE:${icsSequence(context.now, keyDate)}`,
    ...(allDay
      ? [`DTSTART;VALUE=DATE:${dateValue(london)}`, `DTEND;VALUE=DATE:${dateValue(nextDay(london))}`]
      : [`DTSTART:${utcDateTime(at)}`]),
    `SUMMARY:${escapeText(`${keyDate.void ? 'Cancelled: ' : ''}${label}${lots ? ` (${lots})` : ''} — ${title}`)}`,
    `DESCRIPTION:${escapeText(description.join('\n'))}`,
    ...(url && /^https:\/\/[\x21-\x7e]+$/.test(url) ? [`URL:${url}`] : []),
    `CATEGORIES:${escapeText(label)}`,
    // A key date is not a meeting: it must not make the user look busy.
    'TRANSP:TRANSPARENT',
    `STATUS:${keyDate.void ? 'CANCELLED' : keyDate.estimated ? 'TENTATIVE' : 'CONFIRMED'}`,
  ];
  // A void key date will not happen: no alarm.
  if (context.alarmTypes.has(keyDate.type) && !keyDate.void) {
    for (const lead of [...context.leads].reverse()) {
      // An alarm whose moment has passed would ring as "missed" on import: left out,
      // as the extension's own reminders leave out a lead already past when watched.
      if (reminderMoment(at, lead, allDay).getTime() < context.now.getTime()) continue;
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `TRIGGER:${allDay ? allDayTrigger(lead) : `-P${lead}D`}`,
        `DESCRIPTION:${escapeText(`${label} ${leadInWords(lead, keyDateStyle(keyDate.type))}: ${title}`)}`,
        'END:VALARM',
      );
    }
  }
  lines.push('END:VEVENT');
  return lines;
}

/** An all-day event starts at 00:00: L days before at 09:00 is L×24−9 hours before it. */
function allDayTrigger(lead: number): string {
  const hours = lead * 24 - ALL_DAY_REMINDER_HOUR;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return `-P${days > 0 ? `${days}D` : ''}T${rest}H`;
}

function calendarName(entries: readonly WatchedProcurement[]): string {
  const [only] = entries;
  if (entries.length === 1 && only) return `Tender Timeline: ${oneLine(only.title ?? '') || only.ocid}`;
  return 'Tender Timeline watchlist';
}

/** `20260701T225959Z` */
function utcDateTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function dateValue(p: Pick<LondonParts, 'year' | 'month' | 'day'>): string {
  return `${String(p.year).padStart(4, '0')}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
}

function nextDay(p: Pick<LondonParts, 'year' | 'month' | 'day'>): Pick<LondonParts, 'year' | 'month' | 'day'> {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** A UID piece: letters, digits and `._~-` as they are, anything else percent-encoded. */
function uidPart(text: string): string {
  return encodeURIComponent(text.replace(/\p{Cs}/gu, '\uFFFD')).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Lower-case ASCII letters and digits joined by single hyphens, at most `max` characters. */
function slug(text: string, max: number): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}
