/**
 * What changed between two reads of a watched procurement, in plain language: new
 * notices, amendments, moved key dates, and the fields a bid manager cares about.
 */
import { formatDate, formatDateTime, londonParts } from '../dates';
import { formatMoney } from '../money';
import type { KeyDate, Procurement } from '../procurement';
import { KEY_DATE_LABELS, lotsText } from '../timeline/key-dates';
import type { DetectedChange } from './entry';

/** The date alone where the time says nothing (midnight or end of day), else date and time. */
function when(iso: string): string {
  const instant = new Date(iso);
  const { hour, minute } = londonParts(instant);
  return (hour === 0 && minute === 0) || (hour === 23 && minute === 59) ? formatDate(instant) : formatDateTime(instant);
}


function keyDateMap(keyDates: KeyDate[]): Map<string, KeyDate> {
  // One entry per type and lot, so that one lot's date moving is one change; several of
  // one type for one lot (two engagement events) are told apart by their order in time.
  const map = new Map<string, KeyDate>();
  for (const keyDate of [...keyDates].sort((a, b) => a.at.localeCompare(b.at))) {
    for (const lot of keyDate.lots.length ? keyDate.lots : ['']) {
      let ordinal = 1;
      while (map.has(`${keyDate.type}|${lot}|${ordinal}`)) ordinal++;
      map.set(`${keyDate.type}|${lot}|${ordinal}`, { ...keyDate, lots: lot ? [lot] : [] });
    }
  }
  return map;
}

function keyDateChanges(before: KeyDate[], after: KeyDate[]): Array<Omit<DetectedChange, 'foundAt'>> {
  const was = keyDateMap(before);
  const now = keyDateMap(after);
  const grouped = new Map<string, { type: KeyDate['type']; from?: string; to?: string; lots: string[] }>();
  const note = (type: KeyDate['type'], from: string | undefined, to: string | undefined, lots: string[]) => {
    const key = `${type}|${from}|${to}`;
    const entry = grouped.get(key) ?? { type, from, to, lots: [] };
    entry.lots.push(...lots);
    grouped.set(key, entry);
  };
  for (const [key, keyDate] of now) {
    const old = was.get(key);
    if (old?.at !== keyDate.at) note(keyDate.type, old?.at, keyDate.at, keyDate.lots);
  }
  for (const [key, keyDate] of was) if (!now.has(key)) note(keyDate.type, keyDate.at, undefined, keyDate.lots);
  return [...grouped.values()].map(({ type, from, to, lots }) => {
    const label = lots.length ? `${KEY_DATE_LABELS[type]} (${lotsText(lots)})` : KEY_DATE_LABELS[type];
    if (!from) return { kind: 'keyDate', text: `${label} set: ${when(to!)}` };
    if (!to) return { kind: 'keyDate', text: `${label} removed (was ${when(from)})` };
    return { kind: 'keyDate', text: `${label} moved from ${when(from)} to ${when(to)}` };
  });
}

export function compareProcurements(before: Procurement, after: Procurement, foundAt: Date): DetectedChange[] {
  const changes: Array<Omit<DetectedChange, 'foundAt'>> = [];
  const known = new Set(before.notices.map((n) => n.id));
  for (const notice of after.notices) {
    if (known.has(notice.id)) continue;
    changes.push({ kind: 'notice', text: `New notice: ${notice.name}${notice.publishedAt ? `, published ${when(notice.publishedAt)}` : ''}` });
    if (notice.amendment) changes.push({ kind: 'amendment', text: `Amendment: ${notice.amendment.description ?? `notice ${notice.id} changed the procurement`}` });
  }
  if (before.title !== after.title && after.title) changes.push({ kind: 'field', text: `Title changed to “${after.title}”` });
  if (before.stage !== after.stage) changes.push({ kind: 'field', text: `Stage changed from ${before.stage} to ${after.stage}` });
  for (const part of ['net', 'gross'] as const) {
    const a = before.value[part];
    const b = after.value[part];
    if (a?.amount === b?.amount && a?.currency === b?.currency) continue;
    changes.push({ kind: 'field', text: `Value (${part === 'net' ? 'excluding' : 'including'} VAT) changed from ${formatMoney(a)} to ${formatMoney(b)}` });
  }
  changes.push(...keyDateChanges(before.keyDates, after.keyDates));
  const iso = foundAt.toISOString();
  return changes.map((change) => ({ ...change, foundAt: iso }));
}
