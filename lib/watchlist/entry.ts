/**
 * A watched procurement as stored in the watchlist, and everything derived from it: the page
 * it opens, its next key date, its title as people read it, the row the watchlist lists, and
 * how the watchlist orders it. One place, so that the popup, the exports and the reminders agree.
 */
import type { Stage } from '../ocds/notice-types';
import type { KeyDate, Procurement, ProcurementValue } from '../procurement';
import type { Change } from '../timeline/types';
import { isAhead } from '../timeline/key-dates';
import { noticeUrl, safeHttpsUrl } from '../fts/urls';

/** Where the user's own bid stands. */
export const BID_STATUSES = ['watching', 'preparing', 'submitted', 'won', 'lost', 'noBid'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];
export const BID_STATUS_LABELS: Record<BidStatus, string> = {
  watching: 'Watching',
  preparing: 'Preparing bid',
  submitted: 'Submitted',
  won: 'Won',
  lost: 'Lost',
  noBid: 'No bid',
};

/** A change found when a watched procurement was read again: the one `Change` model, and when it was found. */
export interface DetectedChange extends Change {
  /** ISO instant it was found. */
  foundAt: string;
}

/** An unseen change as database version 2 and backup format 1 stored it, before changes had one model. */
export interface LegacyDetectedChange {
  foundAt: string;
  kind: (typeof LEGACY_CHANGE_KINDS)[number];
  text: string;
}
export const LEGACY_CHANGE_KINDS = ['notice', 'amendment', 'keyDate', 'field'] as const;

const LEGACY_FIELDS: Record<LegacyDetectedChange['kind'], Pick<Change, 'field' | 'label'>> = {
  notice: { field: 'notice', label: 'Notice' },
  amendment: { field: 'amendment', label: 'Amendment' },
  keyDate: { field: 'keyDate', label: 'Key date' },
  field: { field: 'field', label: 'Details' },
};

export function isLegacyChange(change: DetectedChange | LegacyDetectedChange): change is LegacyDetectedChange {
  return !('field' in change);
}

/** The one model from the old shape: its sentence kept word for word, the kind read from the sentence's verb. */
export function upgradeLegacyChange({ foundAt, kind, text }: LegacyDetectedChange): DetectedChange {
  const added = kind === 'notice' || kind === 'amendment' || / set: /.test(text);
  return { ...LEGACY_FIELDS[kind], kind: added ? 'added' : / removed \(was /.test(text) ? 'removed' : 'changed', text, foundAt };
}

export interface WatchedProcurement {
  ocid: string;
  /** The notice the user pressed Watch on, and its page. */
  watchedFromNoticeId?: string;
  watchedFromUrl?: string;
  title?: string;
  buyer?: string;
  value: ProcurementValue;
  stage: Stage;
  keyDates: KeyDate[];
  latestNoticeId?: string;
  /** ISO instant of the latest notice. */
  latestNoticeAt?: string;
  /** ISO instant. */
  watchedAt: string;
  /** The user's own notes on the procurement. */
  note: string;
  tags: string[];
  bidStatus: BidStatus;
  /** Changes found since the user last looked, oldest first. */
  unseenChanges: DetectedChange[];
  /** ISO instant of the last successful read from FTS. */
  lastCheckedAt?: string;
  /** Why the last refresh failed, if it did (the last good data is kept). */
  lastCheckError?: string;
}

/** The summary the watchlist keeps of a procurement's latest read. */
export function summarise(procurement: Procurement): Pick<WatchedProcurement, 'title' | 'buyer' | 'value' | 'stage' | 'keyDates' | 'latestNoticeId' | 'latestNoticeAt'> {
  const latest = [...procurement.notices].reverse().find((n) => n.publishedAt);
  return {
    title: procurement.title,
    buyer: procurement.buyer?.name,
    value: procurement.value,
    stage: procurement.stage,
    keyDates: procurement.keyDates,
    latestNoticeId: latest?.id,
    latestNoticeAt: latest?.publishedAt,
  };
}

/** The entry to store when the user watches `procurement` from the notice `noticeId`. */
export function watchEntry(procurement: Procurement, from: { noticeId?: string; url?: string }, now: Date): WatchedProcurement {
  return {
    ocid: procurement.ocid,
    watchedFromNoticeId: from.noticeId,
    watchedFromUrl: from.url,
    ...summarise(procurement),
    watchedAt: now.toISOString(),
    note: '',
    tags: [],
    bidStatus: 'watching',
    unseenChanges: [],
  };
}

/** The title people see; FTS data sometimes has none. */
export function titleText(title: string | undefined): string {
  const trimmed = title?.trim();
  return trimmed ? trimmed : 'Untitled procurement';
}

/**
 * The page a watched procurement opens (popup, reminders, calendar, spreadsheet): its latest
 * notice on FTS, else the FTS notice it was watched from, else the page it was watched on
 * (https only). FTS's own page for a notice id, whatever page the user watched it from.
 */
export function entryUrl(entry: Pick<WatchedProcurement, 'latestNoticeId' | 'watchedFromNoticeId' | 'watchedFromUrl'>): string | undefined {
  return (
    (entry.latestNoticeId ? noticeUrl(entry.latestNoticeId) : undefined) ??
    (entry.watchedFromNoticeId ? noticeUrl(entry.watchedFromNoticeId) : undefined) ??
    safeHttpsUrl(entry.watchedFromUrl)
  );
}

/** The soonest key date still ahead of `now` that will happen (void ones never do), if any. */
export function nextKeyDate(entry: Pick<WatchedProcurement, 'keyDates'>, now: Date): KeyDate | undefined {
  let next: KeyDate | undefined;
  for (const keyDate of entry.keyDates) {
    if (!keyDate.void && isAhead(keyDate, now) && (!next || keyDate.at < next.at)) next = keyDate;
  }
  return next;
}

/**
 * Soonest next key date first (two at the same instant by ocid, in code-unit order, as
 * IndexedDB orders keys: see key-date-index.ts); procurements with none after, newest watched first.
 */
export function sortWatchlist(entries: WatchedProcurement[], now: Date): WatchedProcurement[] {
  const keyed = entries.map((entry) => ({ entry, next: nextKeyDate(entry, now)?.at }));
  keyed.sort((a, b) => {
    if (a.next && b.next) return a.next < b.next ? -1 : a.next > b.next ? 1 : a.entry.ocid < b.entry.ocid ? -1 : a.entry.ocid > b.entry.ocid ? 1 : 0;
    if (a.next) return -1;
    if (b.next) return 1;
    return b.entry.watchedAt.localeCompare(a.entry.watchedAt);
  });
  return keyed.map((k) => k.entry);
}

/** What a watchlist row says of the next key date: the date itself, without where in the data it came from. */
export type RowKeyDate = Pick<KeyDate, 'type' | 'at' | 'dateOnly' | 'lots' | 'estimated' | 'moved'>;

/**
 * One watched procurement as a watchlist lists it (popup, watchlist page), built from the
 * stored entry by `toWatchlistRow`: what a row shows and edits, small enough to send by the
 * thousand (the stored entry's key dates, with their sources, run to megabytes).
 */
export interface WatchlistRow {
  ocid: string;
  /** As people read it ("Untitled procurement" when the data has none). */
  title: string;
  buyer?: string;
  /** The page the row opens (`entryUrl`). */
  url?: string;
  stage: Stage;
  value: ProcurementValue;
  /** The soonest key date still ahead (`nextKeyDate`). */
  next?: RowKeyDate;
  /** Whether the procurement has key dates at all (something for a calendar). */
  hasKeyDates: boolean;
  note: string;
  tags: string[];
  bidStatus: BidStatus;
  unseenChanges: DetectedChange[];
  /** ISO instants. */
  watchedAt: string;
  lastCheckedAt?: string;
  lastCheckError?: string;
}

export function toWatchlistRow(entry: WatchedProcurement, now: Date): WatchlistRow {
  const next = nextKeyDate(entry, now);
  return {
    ocid: entry.ocid,
    title: titleText(entry.title),
    buyer: entry.buyer,
    url: entryUrl(entry),
    stage: entry.stage,
    value: entry.value,
    next: next ? rowKeyDate(next) : undefined,
    hasKeyDates: entry.keyDates.length > 0,
    note: entry.note,
    tags: entry.tags,
    bidStatus: entry.bidStatus,
    unseenChanges: entry.unseenChanges,
    watchedAt: entry.watchedAt,
    lastCheckedAt: entry.lastCheckedAt,
    lastCheckError: entry.lastCheckError,
  };
}

function rowKeyDate({ type, at, dateOnly, lots, estimated, moved }: KeyDate): RowKeyDate {
  return { type, at, lots, ...(dateOnly ? { dateOnly } : {}), ...(estimated ? { estimated } : {}), ...(moved ? { moved } : {}) };
}
