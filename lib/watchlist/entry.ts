/** A watched procurement as stored in the watchlist, and how the popup orders it. */
import type { Stage } from '../ocds/notice-types';
import type { KeyDate, Procurement, ProcurementValue } from '../procurement';

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
}

/** The entry to store when the user watches `procurement` from the notice `noticeId`. */
export function watchEntry(procurement: Procurement, from: { noticeId?: string; url?: string }, now: Date): WatchedProcurement {
  const latest = [...procurement.notices].reverse().find((n) => n.publishedAt);
  return {
    ocid: procurement.ocid,
    watchedFromNoticeId: from.noticeId,
    watchedFromUrl: from.url,
    title: procurement.title,
    buyer: procurement.buyer?.name,
    value: procurement.value,
    stage: procurement.stage,
    keyDates: procurement.keyDates,
    latestNoticeId: latest?.id,
    latestNoticeAt: latest?.publishedAt,
    watchedAt: now.toISOString(),
  };
}

/** The soonest key date after `now`, if any. */
export function nextKeyDate(entry: Pick<WatchedProcurement, 'keyDates'>, now: Date): KeyDate | undefined {
  const nowIso = now.toISOString();
  let next: KeyDate | undefined;
  for (const keyDate of entry.keyDates) {
    if (keyDate.at > nowIso && (!next || keyDate.at < next.at)) next = keyDate;
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
