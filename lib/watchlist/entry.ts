/** A watched procurement as stored in the watchlist, and how the popup orders it. */
import type { Stage } from '../ocds/notice-types';
import type { KeyDate, Procurement, ProcurementValue } from '../procurement';

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

/** A change found when a watched procurement was read again. */
export interface DetectedChange {
  /** ISO instant it was found. */
  foundAt: string;
  kind: 'notice' | 'amendment' | 'keyDate' | 'field';
  /** Plain language: "Submission deadline moved from 1 Jul 2026 to 15 Jul 2026". */
  text: string;
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

/** The soonest key date after `now` that will happen (void ones never do), if any. */
export function nextKeyDate(entry: Pick<WatchedProcurement, 'keyDates'>, now: Date): KeyDate | undefined {
  const nowIso = now.toISOString();
  let next: KeyDate | undefined;
  for (const keyDate of entry.keyDates) {
    if (!keyDate.void && keyDate.at > nowIso && (!next || keyDate.at < next.at)) next = keyDate;
  }
  return next;
}

/** Soonest next key date first; procurements with none after, newest watched first. */
export function sortWatchlist(entries: WatchedProcurement[], now: Date): WatchedProcurement[] {
  const keyed = entries.map((entry) => ({ entry, next: nextKeyDate(entry, now)?.at }));
  keyed.sort((a, b) => {
    if (a.next && b.next) return a.next < b.next ? -1 : a.next > b.next ? 1 : a.entry.ocid.localeCompare(b.entry.ocid);
    if (a.next) return -1;
    if (b.next) return 1;
    return b.entry.watchedAt.localeCompare(a.entry.watchedAt);
  });
  return keyed.map((k) => k.entry);
}
