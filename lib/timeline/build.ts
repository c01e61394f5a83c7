/** The timeline: every notice, amendment and key date of a procurement, in time order, against `now`. */
import { isEndOfDay, londonDaysBetween, londonParts } from '../dates';
import { pushAll } from '../lists';
import type { Procurement } from '../procurement';
import { isAhead, keyDateLabel, keyDateStyle, lotsText } from './key-dates';
import { KEY_DATE_TYPES, type KeyDateEvent, type TimelineEvent } from './types';

const KIND_ORDER = { notice: 0, amendment: 1, keyDate: 2 } as const;
const TYPE_ORDER = new Map(KEY_DATE_TYPES.map((type, index) => [type, index]));

/** When an event is, in London; a day published without a time has no time of day. */
function when(at: string, { dateOnly = false, deadline = false } = {}) {
  const instant = new Date(at);
  const parts = londonParts(instant);
  if (dateOnly) return { at: instant.toISOString(), date: parts.date, dateOnly: true as const, endOfDay: false };
  return { at: instant.toISOString(), date: parts.date, time: parts.time, endOfDay: deadline && isEndOfDay(instant) };
}

function lotsDetail(lots: string[]): string | undefined {
  const text = lotsText(lots);
  return text ? `${text[0]!.toUpperCase()}${text.slice(1)}` : undefined;
}

export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (a.kind === 'keyDate' && b.kind === 'keyDate' && a.type !== b.type) return TYPE_ORDER.get(a.type)! - TYPE_ORDER.get(b.type)!;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function buildTimeline(procurement: Procurement, now: Date): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const notice of procurement.notices) {
    if (!notice.publishedAt) continue;
    events.push({
      id: `notice:${notice.id}`,
      kind: 'notice',
      ...when(notice.publishedAt),
      label: notice.name,
      detail: `Notice ${notice.id}`,
      source: notice.source,
      lots: [],
      noticeId: notice.id,
      noticeType: notice.noticeType,
      noticeName: notice.name,
      stage: notice.stage,
      url: notice.url,
      changes: notice.changes,
    });
    if (notice.amendment?.at) {
      events.push({
        id: `amendment:${notice.id}`,
        kind: 'amendment',
        ...when(notice.amendment.at),
        label: `Amendment in notice ${notice.id}`,
        detail: notice.amendment.description,
        source: notice.amendment.source,
        lots: [],
        noticeId: notice.id,
        description: notice.amendment.description,
        changes: notice.changes,
      });
    }
  }
  const keyDates: KeyDateEvent[] = procurement.keyDates.map((keyDate) => {
    const moment = when(keyDate.at, keyDateStyle(keyDate.type, keyDate.dateOnly));
    const future = isAhead(keyDate, now);
    return {
      id: `keyDate:${keyDate.type}:${moment.at}`,
      kind: 'keyDate',
      ...moment,
      label: keyDateLabel(keyDate),
      detail: [lotsDetail(keyDate.lots), keyDate.detail].filter(Boolean).join(' — ') || undefined,
      source: keyDate.source,
      lots: keyDate.lots,
      type: keyDate.type,
      status: keyDate.void ? 'void' : future ? 'upcoming' : 'past',
      daysLeft: londonDaysBetween(now, new Date(keyDate.at)),
      ...(keyDate.estimated ? { estimated: true as const } : {}),
      ...(keyDate.moved ? { moved: keyDate.moved } : {}),
      ...(keyDate.detail ? { note: keyDate.detail } : {}),
    };
  });
  // "Next" is the soonest future key date that will happen (all of them, when several share that instant).
  const soonest = keyDates.filter((k) => k.status === 'upcoming').reduce<string | undefined>((min, k) => (min === undefined || k.at < min ? k.at : min), undefined);
  for (const keyDate of keyDates) if (keyDate.at === soonest) keyDate.status = 'next';
  pushAll(events, keyDates);
  return events.sort(compareEvents);
}
