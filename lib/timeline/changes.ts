/**
 * What a notice changed: the merged state before it compared with the state after it,
 * field by field, in plain language. FTS's own amendment lists are incomplete, so this
 * comparison — not the amendment list — is the record of what changed.
 */
import { formatDateTime, parseInstant } from '../dates';
import { formatMoney, specifiedMoney } from '../money';
import type { Amendment, Release } from '../ocds/schema';
import { extractKeyDates, KEY_DATE_LABELS, lotsText, type KeyDateCandidate } from './key-dates';
import type { Change } from './types';

const SHORT = 120;

function shorten(text: string): string {
  // Descriptions run to tens of kilobytes: fold only the part that will be shown.
  const flat = text.slice(0, SHORT * 4).replace(/\s+/g, ' ').trim();
  return flat.length > SHORT ? `${flat.slice(0, SHORT)}…` : flat;
}

function textChange(field: string, label: string, before: string | null | undefined, after: string | null | undefined): Change | undefined {
  const was = before ?? undefined;
  const now = after ?? undefined;
  if (was === now) return undefined;
  const a = was === undefined ? undefined : shorten(was);
  const b = now === undefined ? undefined : shorten(now);
  if (a === undefined) return { field, label, text: `${label} added: “${b}”`, after: b };
  if (b === undefined) return { field, label, text: `${label} removed (was “${a}”)`, before: a };
  return { field, label, text: `${label} changed from “${a}” to “${b}”`, before: a, after: b };
}

function dateText(raw: string): string {
  const at = parseInstant(raw);
  return at ? formatDateTime(at) : raw;
}


type KeyDatesByLot = Map<string, { candidate: KeyDateCandidate; lot: string | undefined; time: number | undefined }>;

// Each state is compared twice (with the one before and the one after): read it once.
const byLotCache = new WeakMap<Release, KeyDatesByLot>();

/** Key dates by type and lot, so that one lot's date moving is one change. */
function keyDatesByLot(state: Release): KeyDatesByLot {
  const cached = byLotCache.get(state);
  if (cached) return cached;
  const map: KeyDatesByLot = new Map();
  for (const candidate of extractKeyDates(state)) {
    const lots = candidate.lots.length ? candidate.lots : [undefined];
    for (const lot of lots) {
      const key = `${candidate.type}|${lot ?? ''}|${candidate.type === 'milestone' || candidate.type === 'engagement' ? candidate.steps.map((s) => JSON.stringify(s)).join('/') : ''}`;
      map.set(key, { candidate, lot, time: parseInstant(candidate.raw)?.getTime() });
    }
  }
  byLotCache.set(state, map);
  return map;
}

/** Whether anything a key date is read from differs (merged states share what did not change). */
function keyDateSourcesDiffer(before: Release, after: Release): boolean {
  if (before.planning?.milestones !== after.planning?.milestones) return true;
  if (before.awards !== after.awards || before.contracts !== after.contracts) return true;
  const a = before.tender;
  const b = after.tender;
  if (a === b) return false;
  return (
    a?.lots !== b?.lots ||
    a?.milestones !== b?.milestones ||
    a?.enquiryPeriod !== b?.enquiryPeriod ||
    a?.expressionOfInterestDeadline !== b?.expressionOfInterestDeadline ||
    a?.tenderPeriod !== b?.tenderPeriod ||
    a?.communication !== b?.communication ||
    a?.awardPeriod !== b?.awardPeriod ||
    a?.contractPeriod !== b?.contractPeriod ||
    a?.status !== b?.status ||
    a?.finalStatusDate !== b?.finalStatusDate ||
    a?.statusDetails !== b?.statusDetails
  );
}

type WithId = { id?: string | null };

/** Ids whose element is a different object before and after; undefined when an element has no id. */
function changedIds<T extends WithId>(before: T[] | null | undefined, after: T[] | null | undefined): Set<string> | undefined {
  if (before === after) return new Set();
  const old = new Map<string, T>();
  for (const item of before ?? []) {
    if (item.id == null) return undefined;
    old.set(item.id, item);
  }
  const changed = new Set<string>();
  for (const item of after ?? []) {
    if (item.id == null) return undefined;
    if (old.get(item.id) !== item) changed.add(item.id);
    old.delete(item.id);
  }
  for (const id of old.keys()) changed.add(id);
  return changed;
}

/**
 * A record with hundreds of lots and releases would compare every lot at every notice.
 * Merged states share what did not change, so only the lots that changed — or whose
 * award or contract changed — are compared, beside the procurement-wide dates.
 * Falls back to comparing everything where the data does not allow that split.
 */
function narrowed(before: Release, after: Release): Array<[Release, Release]> {
  if (before.tender?.contractPeriod || after.tender?.contractPeriod) return [[before, after]];
  const lots = changedIds(before.tender?.lots, after.tender?.lots);
  const awards = changedIds(before.awards, after.awards);
  const contracts = changedIds(before.contracts, after.contracts);
  if (!lots || !awards || !contracts) return [[before, after]];
  const affected = new Set(lots);
  const allAwards = [...(before.awards ?? []), ...(after.awards ?? [])];
  for (const award of allAwards) {
    if (!awards.has(award.id!)) continue;
    if (!award.relatedLots?.length) return [[before, after]];
    for (const lot of award.relatedLots) affected.add(lot);
  }
  for (const contract of [...(before.contracts ?? []), ...(after.contracts ?? [])]) {
    if (!contracts.has(contract.id!)) continue;
    const award = allAwards.find((a) => a.id === contract.awardID);
    if (!award?.relatedLots?.length) return [[before, after]];
    for (const lot of award.relatedLots) affected.add(lot);
  }
  const part = (release: Release): Release => {
    const unitAwards = (release.awards ?? []).filter((a) => (a.relatedLots ?? []).some((lot) => affected.has(lot)));
    const awardIds = new Set(unitAwards.map((a) => a.id));
    return {
      awards: unitAwards,
      contracts: (release.contracts ?? []).filter((c) => awardIds.has(c.awardID)),
      tender: { lots: (release.tender?.lots ?? []).filter((lot) => affected.has(lot.id!)) },
    };
  };
  const procurementWide = (release: Release): Release => ({ ...release, awards: undefined, contracts: undefined, tender: { ...release.tender, lots: undefined } });
  return [
    [procurementWide(before), procurementWide(after)],
    [part(before), part(after)],
  ];
}

function keyDateChanges(fullBefore: Release, fullAfter: Release): Change[] {
  if (!keyDateSourcesDiffer(fullBefore, fullAfter)) return [];
  return narrowed(fullBefore, fullAfter).flatMap(([before, after]) => keyDateChangesBetween(before, after));
}

/** Every key date of `before` compared with `after`, without narrowing (exported to test the narrowing against). */
export function keyDateChangesBetween(before: Release, after: Release): Change[] {
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
  for (const [key, { candidate, lot, time }] of now) {
    const old = was.get(key);
    if (old?.time !== time) note(candidate.type, old?.candidate.raw, candidate.raw, lot);
  }
  for (const [key, { candidate, lot }] of was) {
    if (!now.has(key)) note(candidate.type, candidate.raw, undefined, lot);
  }
  return [...grouped.values()].map(({ type, before: b, after: a, lots }) => {
    const label = KEY_DATE_LABELS[type];
    const where = lots.length ? ` (${lotsText(lots)})` : '';
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
  if (before.tender?.lots === after.tender?.lots) return [];
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
  const same =
    before.planning?.documents === after.planning?.documents &&
    before.tender?.documents === after.tender?.documents &&
    before.awards === after.awards &&
    before.contracts === after.contracts;
  if (same) return [];
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
