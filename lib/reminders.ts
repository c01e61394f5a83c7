/**
 * Which deadline reminders are due now. Pure: the background calls it from one periodic
 * alarm (Chrome caps an extension at 500 alarms, so there is never one alarm per date),
 * shows the reminders it returns, and remembers their ids as fired.
 *
 * "L days before" a key date is a London calendar rule: the moment London's clocks read
 * the key date's wall-clock time, L calendar days earlier. Across a clock change that is
 * 7 × 24 hours ± 1 hour, never a different London day or time of day. A day published
 * without a time has no time of day: its reminders come at 09:00 London time, as a
 * calendar's alarms do for an all-day event.
 */
import { countdown, DAY_MS, formatDateTimeUk, fromLondonWallClock, londonParts, whenInWords } from './dates';
import type { Settings } from './settings';
import { broughtForwardFirst } from './timeline/changes';
import { keyDateEnd, keyDateLabel, keyDateStyle, lotsText, movedText } from './timeline/key-dates';
import type { KeyDateType } from './timeline/types';
import { entryUrl, type DetectedChange, type WatchedProcurement } from './watchlist/entry';
import type { KeyDate } from './procurement';

export interface Reminder {
  /**
   * Stable: `ocid|type|lots|at|lead`. The same key date at the same lead always has the
   * same id, so it fires once; a moved date has a new `at`, so it gets new reminders.
   */
  id: string;
  ocid: string;
  keyDateType: KeyDateType;
  /** ISO instant of the key date, as stored. */
  at: string;
  leadDays: number;
  /** The procurement's title (its ocid when it has none), on one line. */
  title: string;
  /** "Submission deadline closes in 7 days: <title> (1 July 2026, 11:59pm UK time)". */
  message: string;
  /** The notice to open (https only). */
  url?: string;
  /**
   * True for the one reminder per key date to show. False for a longer lead that came due
   * at the same time (the computer was off, a date moved nearer): it is not shown, but its
   * id must be marked fired all the same so that it never shows later.
   */
  notify: boolean;
}

export interface DueRemindersInput {
  entries: readonly WatchedProcurement[];
  settings: Pick<Settings, 'reminderLeadDays' | 'reminderTypes'>;
  /** Ids of reminders already fired (shown or marked). */
  fired: ReadonlySet<string>;
  now: Date;
  /**
   * When the previous check ran. Not needed for the decision — `fired` and each entry's
   * `watchedAt` decide everything, so a missed or repeated check changes nothing — and
   * accepted so that the caller may pass what it has.
   */
  lastCheck?: Date;
}

/** The lead times to use: whole days of at least 1, without repeats, shortest first. */
export function reminderLeads(leadDays: readonly number[]): number[] {
  return [...new Set(leadDays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 3660))].sort((a, b) => a - b);
}

/** A reminder of a whole day (or an all-day calendar event's alarm) rings at 09:00 London time. */
export const ALL_DAY_REMINDER_HOUR = 9;

/**
 * The moment `leadDays` London calendar days before `keyDate`, at the same London
 * wall-clock time (at 09:00 for a whole day, `allDay`). When that time does not exist
 * (the spring-forward hour), the moment London's clocks jump past it.
 */
export function reminderMoment(keyDate: Date, leadDays: number, allDay = false): Date {
  const p = londonParts(keyDate);
  // Calendar arithmetic on the date alone (a UTC date is only a calendar here).
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day - leadDays));
  const [hour, minute, second] = allDay ? [ALL_DAY_REMINDER_HOUR, 0, 0] : [p.hour, p.minute, p.second];
  const moment = fromLondonWallClock(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute, second);
  // fromLondonWallClock only fails on an impossible date, which Date.UTC never gives.
  return moment ?? new Date(keyDate.getTime() - leadDays * DAY_MS);
}

export function reminderId(ocid: string, keyDate: Pick<KeyDate, 'type' | 'lots' | 'at'>, leadDays: number): string {
  const lots = keyDate.lots.map((lot) => encodeURIComponent(lot)).join(',');
  return `${ocid}|${keyDate.type}|${lots}|${keyDate.at}|${leadDays}`;
}

/** A whole day ends within a day of its start: this long after its key date, a reminder can never be due again. */
const SPENT_AFTER_MS = 2 * DAY_MS;

/** Whether a fired reminder's mark may go: its key date (read back from the id) is over, or unreadable. */
export function reminderSpent(id: string, now: Date): boolean {
  const at = Date.parse(id.split('|').at(-2) ?? '');
  return Number.isNaN(at) || at < now.getTime() - SPENT_AFTER_MS;
}

/** Text on one line: controls and line breaks become single spaces. */
export function oneLine(text: string): string {
  return text
    .replace(/\p{Cs}/gu, '\uFFFD')
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * "Submission deadline closes in 7 days: <title>, lot 2 (1 July 2026, 11:59pm UK time)",
 * "… closes tomorrow: …", "… closes in 5 hours: …" (the countdown's words); "Contract
 * starts (expected) tomorrow: …" for a date that is no deadline and only planned; a date a
 * notice moved ends with what it was (". Brought forward from 15 July 2026, midday").
 */
export function reminderMessage(keyDate: Pick<KeyDate, 'type' | 'lots' | 'estimated' | 'dateOnly' | 'moved'>, at: Date, title: string, now: Date): string {
  const lots = keyDate.lots.length ? `, ${oneLine(lotsText(keyDate.lots))}` : '';
  const style = keyDateStyle(keyDate.type, keyDate.dateOnly);
  const words = countdown(now, at, style) ?? whenInWords(now, at);
  const moved = movedText(keyDate);
  return `${keyDateLabel(keyDate)} ${words}: ${title}${lots} (${formatDateTimeUk(at, style)})${moved ? `. ${moved}` : ''}`;
}

/**
 * The reminders due at `now`. For key date K (of a type in `settings.reminderTypes`) and
 * lead L (in `settings.reminderLeadDays`), the moment is `reminderMoment(K, L)`; the
 * reminder is due when that moment has come, K has not, it was not fired, and the moment
 * had not passed when the procurement was watched (so watching 3 days before a deadline
 * gives the 1-day reminder, never a late 7-day one, and a key date already past when
 * watched gives none).
 *
 * Several leads of one key date due at once (after the computer was off): only the
 * shortest is shown (`notify: true`); the longer ones come back with `notify: false`.
 * The caller marks EVERY returned id as fired and shows those with `notify`.
 *
 * Sorted by key date, then procurement, type and lead.
 */
export function dueReminders({ entries, settings, fired, now }: DueRemindersInput): Reminder[] {
  const leads = reminderLeads(settings.reminderLeadDays);
  const types = new Set<string>(settings.reminderTypes);
  const nowTime = now.getTime();
  const out: Array<Reminder & { time: number }> = [];
  for (const entry of entries) {
    const watched = Date.parse(entry.watchedAt);
    // An unreadable watchedAt sets no lower bound (watchEntry always writes a valid one).
    const watchedTime = Number.isNaN(watched) ? -Infinity : watched;
    const title = oneLine(entry.title ?? '') || entry.ocid;
    const url = entryUrl(entry);
    for (const keyDate of entry.keyDates) {
      // A void key date will not happen: nothing to remind of.
      if (!types.has(keyDate.type) || keyDate.void) continue;
      const time = Date.parse(keyDate.at);
      if (Number.isNaN(time)) continue;
      const ends = keyDateEnd(keyDate).getTime();
      if (ends <= nowTime || ends <= watchedTime) continue;
      const at = new Date(time);
      // Leads whose moment has come and had not passed when watched, shortest first.
      const come = leads.filter((lead) => {
        const moment = reminderMoment(at, lead, keyDate.dateOnly).getTime();
        return moment <= nowTime && moment >= watchedTime;
      });
      come.forEach((lead, index) => {
        const id = reminderId(entry.ocid, keyDate, lead);
        if (fired.has(id)) return;
        out.push({
          id,
          ocid: entry.ocid,
          keyDateType: keyDate.type,
          at: keyDate.at,
          leadDays: lead,
          title,
          message: reminderMessage(keyDate, at, title, now),
          ...(url ? { url } : {}),
          // Only the shortest lead that has come is shown; if it was fired already, none is.
          notify: index === 0,
          time,
        });
      });
    }
  }
  out.sort((a, b) => a.time - b.time || a.ocid.localeCompare(b.ocid) || a.keyDateType.localeCompare(b.keyDateType) || a.leadDays - b.leadDays || a.id.localeCompare(b.id));
  return out.map(({ time: _time, ...reminder }) => reminder);
}

/**
 * The notification for changes a refresh found: "Changed: <title>", or "Date brought
 * forward: <title>" when a key date moved earlier; one change a line, those first.
 */
export function changeNotification(entry: Pick<WatchedProcurement, 'ocid' | 'title'>, changes: readonly DetectedChange[]): { title: string; message: string } {
  const name = oneLine(entry.title ?? '') || entry.ocid;
  const ordered = broughtForwardFirst(changes);
  return {
    title: `${ordered[0]?.broughtForward ? 'Date brought forward' : 'Changed'}: ${name}`,
    message: ordered.map((change) => oneLine(change.text)).join('\n'),
  };
}
