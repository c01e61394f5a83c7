/** A key date's type: a fixed list, so the UI, reminders and exports can rely on it. */
export const KEY_DATE_TYPES = [
  'engagement',
  'milestone',
  'enquiryDeadline',
  'expressionOfInterestDeadline',
  'submissionDeadline',
  'futureNotice',
  'awardPeriodStart',
  'awardPeriodEnd',
  'awardDate',
  'standstillEnd',
  'signatureExpected',
  'contractSigned',
  'contractStart',
  'contractEnd',
  'contractMaxExtent',
  'cancelled',
  'terminated',
] as const;
export type KeyDateType = (typeof KEY_DATE_TYPES)[number];

export type EventKind = 'notice' | 'amendment' | 'keyDate';

/**
 * Where a key date stands against "now"; `void` when it will never happen (the procurement,
 * or every lot it applies to, was cancelled or terminated before it).
 */
export type KeyDateStatus = 'past' | 'next' | 'upcoming' | 'void';

/**
 * One thing that changed about a procurement, in one model for every place that tells it:
 * a notice's changes in the timeline, "changed since you last looked" in the popup and the
 * panel, and change notifications. `lib/timeline/changes.ts` makes every one.
 */
export interface Change {
  /**
   * What changed, e.g. `title`, `value.amount`, `keyDate:submissionDeadline`, `lots`,
   * `documents`, `stage`, `notice` (a new notice), `amendment`, `stated` (a corrigendum's own words).
   */
  field: string;
  /** The field's name for people, e.g. "Submission deadline". */
  label: string;
  /** `added`: there was nothing before; `removed`: there is nothing now; `changed`: from `before` to `after`. */
  kind: ChangeKind;
  /** Plain-language sentence, e.g. "Submission deadline moved from 1 July 2026, midday to 15 July 2026, midday". */
  text: string;
  /** The value before, as shown (a key date's: the ISO instant, or the date text where it names none). */
  before?: string;
  after?: string;
  /** A key date moved earlier: less time than planned for, so it is told first and marked. */
  broughtForward?: true;
  /** A key date's change: the lots it applies to (absent for the whole procurement). */
  lots?: string[];
  /** Where it is in the OCDS data, for people who want it: the field in a release, e.g. `tender.status`. */
  where?: string;
}

export const CHANGE_KINDS = ['added', 'removed', 'changed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

interface EventBase {
  /** Stable id: the same event read again gets the same id. */
  id: string;
  kind: EventKind;
  /** The instant, ISO 8601 in UTC. */
  at: string;
  /** London-local calendar date, YYYY-MM-DD. */
  date: string;
  /** London-local time, HH:MM; absent for a day published without a time. */
  time?: string;
  /** True for a day published without a time ("2026-08-25"): the whole of that London day. */
  dateOnly?: true;
  /** True for a deadline at 23:59 London time: due by the end of that day. */
  endOfDay: boolean;
  label: string;
  detail?: string;
  /** JSONPath into the input document of the value `at` came from, e.g. `$.tender.tenderPeriod.endDate`. */
  source: string;
  /** Lot ids the event applies to; empty when it applies to the whole procurement. */
  lots: string[];
}

export interface NoticeEvent extends EventBase {
  kind: 'notice';
  noticeId: string;
  /** UK1–UK17, F01–F25, or undefined when the data does not say. */
  noticeType?: string;
  noticeName: string;
  stage: string;
  url?: string;
  /** What this notice changed compared with the state before it (empty for the first notice or when unknown). */
  changes: Change[];
}

export interface AmendmentEvent extends EventBase {
  kind: 'amendment';
  /** The notice that made the amendment. */
  noticeId: string;
  description?: string;
  changes: Change[];
}

export interface KeyDateEvent extends EventBase {
  kind: 'keyDate';
  type: KeyDateType;
  status: KeyDateStatus;
  /** London calendar days from now to the key date (negative when past). */
  daysLeft: number;
  /** Present when the date is only planned: a planning notice gave it and no later notice restated it. */
  estimated?: true;
  /** Present when a notice moved the date: what it was before (ISO instant, or the date text), and whether it was brought forward. */
  moved?: { from: string; broughtForward?: true };
  /** The key date's own words (a milestone's description, a cancellation's reason): `detail` without its lots, for views that name the lots themselves. */
  note?: string;
}

export type TimelineEvent = NoticeEvent | AmendmentEvent | KeyDateEvent;
