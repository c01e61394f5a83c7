/**
 * What a notice changed: the merged state before it compared with the state after it,
 * field by field, in plain language. FTS's own amendment lists are incomplete, so this
 * comparison — not the amendment list — is the record of what changed.
 */
import { formatDateTime, parseInstant } from '../dates';
import { formatMoney, specifiedMoney } from '../money';
import type { Amendment, Release } from '../ocds/schema';
import { extractKeyDates, KEY_DATE_LABELS, type KeyDateCandidate } from './key-dates';
import type { Change } from './types';

const SHORT = 120;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SHORT ? `${flat.slice(0, SHORT)}…` : flat;
}

function textChange(field: string, label: string, before: string | null | undefined, after: string | null | undefined): Change | undefined {
  const was = before ?? undefined;
  const now = after ?? undefined;
  if (was === now) return undefined;
  if (was === undefined) return { field, label, text: `${label} added: “${shorten(now!)}”`, after: now };
  if (now === undefined) return { field, label, text: `${label} removed (was “${shorten(was)}”)`, before: was };
  return { field, label, text: `${label} changed from “${shorten(was)}” to “${shorten(now)}”`, before: was, after: now };
}

function dateText(raw: string): string {
  const at = parseInstant(raw);
  return at ? formatDateTime(at) : raw;
}

function lotsText(lots: string[]): string {
  if (lots.length === 0) return '';
  return lots.length === 1 ? ` (lot ${lots[0]})` : ` (lots ${lots.join(', ')})`;
}

/** Key dates by type and lot, so that one lot's date moving is one change. */
function keyDatesByLot(state: Release): Map<string, { candidate: KeyDateCandidate; lot: string | undefined }> {
  const map = new Map<string, { candidate: KeyDateCandidate; lot: string | undefined }>();
  for (const candidate of extractKeyDates(state)) {
    const lots = candidate.lots.length ? candidate.lots : [undefined];
    for (const lot of lots) {
      const key = `${candidate.type}|${lot ?? ''}|${candidate.type === 'milestone' || candidate.type === 'engagement' ? candidate.steps.map((s) => JSON.stringify(s)).join('/') : ''}`;
      map.set(key, { candidate, lot });
    }
  }
  return map;
}

function keyDateChanges(before: Release, after: Release): Change[] {
  const was = keyDatesByLot(before);
  const now = keyDatesByLot(after);
  // Group identical moves across lots into one sentence.
  const grouped = new Map<string, { type: KeyDateCandidate['type']; before?: string; after?: string; lots: string[] }>();
  const note = (type: KeyDateCandidate['type'], b: string | undefined, a: string | undefined, lot: string | undefined) => {
    const key = `${type}|${b ?? ''}|${a ?? ''}`;
    const entry = grouped.get(key) ?? { type, before: b, after: a, lots: [] };
    if (lot !== undefined) entry.lots.push(lot);
    grouped.set(key, entry);
  };
  for (const [key, { candidate, lot }] of now) {
    const old = was.get(key)?.candidate.raw;
    const oldAt = old ? parseInstant(old)?.getTime() : undefined;
    const newAt = parseInstant(candidate.raw)?.getTime();
    if (oldAt !== newAt) note(candidate.type, old, candidate.raw, lot);
  }
  for (const [key, { candidate, lot }] of was) {
    if (!now.has(key)) note(candidate.type, candidate.raw, undefined, lot);
  }
  return [...grouped.values()].map(({ type, before: b, after: a, lots }) => {
    const label = KEY_DATE_LABELS[type];
    const where = lotsText(lots);
    const field = `keyDate:${type}`;
    if (b === undefined) return { field, label, text: `${label}${where} set: ${dateText(a!)}`, after: a };
    if (a === undefined) return { field, label, text: `${label}${where} removed (was ${dateText(b)})`, before: b };
    return { field, label, text: `${label}${where} moved from ${dateText(b)} to ${dateText(a)}`, before: b, after: a };
  });
}

function valueChanges(before: Release, after: Release): Change[] {
  const changes: Change[] = [];
  const parts = [
    ['amount', 'Value (excluding VAT)'],
    ['amountGross', 'Value (including VAT)'],
  ] as const;
  for (const [key, label] of parts) {
    const was = specifiedMoney(before.tender?.value?.[key], before.tender?.value?.currency);
    const now = specifiedMoney(after.tender?.value?.[key], after.tender?.value?.currency);
    if (was?.amount === now?.amount && was?.currency === now?.currency) continue;
    changes.push({
      field: `value.${key}`,
      label,
      text: `${label} changed from ${formatMoney(was)} to ${formatMoney(now)}`,
      before: was ? formatMoney(was) : undefined,
      after: now ? formatMoney(now) : undefined,
    });
  }
  return changes;
}

/** Award and contract values, matched by id (a contract change notice often raises one). */
function awardedValueChanges(before: Release, after: Release): Change[] {
  const changes: Change[] = [];
  const lists = [
    ['awards', 'Award value', before.awards, after.awards],
    ['contracts', 'Contract value', before.contracts, after.contracts],
  ] as const;
  for (const [field, label, was, now] of lists) {
    for (const item of now ?? []) {
      const old = (was ?? []).find((w) => w.id != null && w.id === item.id);
      if (!old) continue;
      const a = specifiedMoney(old.value?.amount, old.value?.currency);
      const b = specifiedMoney(item.value?.amount, item.value?.currency);
      if (a?.amount === b?.amount && a?.currency === b?.currency) continue;
      const name = (now ?? []).length > 1 ? `${label} (${field === 'awards' ? 'award' : 'contract'} ${item.id})` : label;
      changes.push({ field: `${field}.value`, label: name, text: `${name} changed from ${formatMoney(a)} to ${formatMoney(b)}`, before: a && formatMoney(a), after: b && formatMoney(b) });
    }
  }
  return changes;
}

function lotChanges(before: Release, after: Release): Change[] {
  const was = new Map((before.tender?.lots ?? []).filter((l) => l.id != null).map((l) => [l.id!, l]));
  const now = new Map((after.tender?.lots ?? []).filter((l) => l.id != null).map((l) => [l.id!, l]));
  const changes: Change[] = [];
  for (const [id, lot] of now) {
    if (!was.has(id)) changes.push({ field: 'lots', label: 'Lots', text: `Lot ${id} added${lot.title ? `: ${shorten(lot.title)}` : ''}`, after: id });
  }
  for (const [id, lot] of was) {
    if (!now.has(id)) changes.push({ field: 'lots', label: 'Lots', text: `Lot ${id} removed${lot.title ? `: ${shorten(lot.title)}` : ''}`, before: id });
  }
  return changes;
}

function allDocuments(state: Release) {
  return [
    ...(state.planning?.documents ?? []),
    ...(state.tender?.documents ?? []),
    ...(state.awards ?? []).flatMap((a) => a.documents ?? []),
    ...(state.contracts ?? []).flatMap((c) => c.documents ?? []),
  ];
}

function documentChanges(before: Release, after: Release): Change[] {
  const known = new Set(allDocuments(before).map((d) => d.id));
  // A notice's own document is the notice itself, shown as such; others are attachments.
  return allDocuments(after)
    .filter((d) => d.id != null && !known.has(d.id) && !d.noticeType)
    .map((d) => {
      const name = shorten(d.title ?? d.description ?? d.documentType ?? d.id!);
      return { field: 'documents', label: 'Documents', text: `Document added: ${name}`, after: name };
    });
}

/** Every change from `before` to `after` that a bid manager would want to know about. */
export function diffStates(before: Release, after: Release): Change[] {
  return [
    textChange('title', 'Title', before.tender?.title, after.tender?.title),
    textChange('description', 'Description', before.tender?.description, after.tender?.description),
    textChange('status', 'Status', before.tender?.status, after.tender?.status),
    textChange('submissionMethodDetails', 'How to submit', before.tender?.submissionMethodDetails, after.tender?.submissionMethodDetails),
    ...valueChanges(before, after),
    ...awardedValueChanges(before, after),
    ...keyDateChanges(before, after),
    ...lotChanges(before, after),
    ...documentChanges(before, after),
  ].filter((change): change is Change => change !== undefined);
}

/** Old-regime corrigenda (F14) state their changes as text and dates, not as new values. */
export function statedChanges(amendment: Amendment): Change[] {
  return (amendment.unstructuredChanges ?? []).flatMap((change): Change[] => {
    const where = change.where?.label ?? change.where?.section;
    const was = change.oldValue?.date ? dateText(change.oldValue.date) : change.oldValue?.text;
    const now = change.newValue?.date ? dateText(change.newValue.date) : change.newValue?.text;
    if (!where || (was == null && now == null)) return [];
    const label = shorten(where);
    const section = change.where?.section && change.where.label ? ` (section ${change.where.section})` : '';
    return [{ field: 'stated', label, text: `${label}${section} changed from ${was ? `“${shorten(was)}”` : 'nothing'} to ${now ? `“${shorten(now)}”` : 'nothing'}`, before: was ?? undefined, after: now ?? undefined }];
  });
}
