/**
 * What changed, in one model and one wording for every place that tells it. The timeline
 * compares the merged state before each notice with the state after it (`diffStates`: FTS's
 * own amendment lists are incomplete, so this comparison is the record of what changed);
 * the watchlist compares two reads of a watched procurement (`diffProcurements`). Both are
 * made of the same comparisons below, and every sentence comes from `changeSentence`.
 */
import { formatDateText, londonParts, parseInstant } from '../dates';
import { formatMoney, specifiedMoney, type Money } from '../money';
import { codeWords, type Codelist } from '../ocds/codes';
import { isMergedFrom } from '../ocds/merge';
import type { Amendment, Release, Value } from '../ocds/schema';
import type { Procurement, ProcurementValue } from '../procurement';
import { pushAll } from '../lists';
import { corrigendumKeyDate, extractKeyDates, KEY_DATE_LABELS, keyDateStyle, lotsText } from './key-dates';
import type { Change, ChangeKind, KeyDateType } from './types';

const SHORT = 120;

function shorten(text: string): string {
  // Descriptions run to tens of kilobytes: fold only the part that will be shown.
  const flat = text.slice(0, SHORT * 4).replace(/\s+/g, ' ').trim();
  return flat.length > SHORT ? `${flat.slice(0, SHORT)}…` : flat;
}

/** The verbs of a sentence: a value is added or changed; a date is set, moved or brought forward. */
interface Verbs {
  added: string;
  changed: string;
}
const VALUE_VERBS: Verbs = { added: 'added', changed: 'changed' };
const DATE_VERBS: Verbs = { added: 'set', changed: 'moved' };
const EARLIER_VERBS: Verbs = { added: 'set', changed: 'brought forward' };

/**
 * The one sentence of a change, from the words shown for the value before and after:
 * "Title added: “…”", "Title removed (was “…”)", "Lot 3 (Roads) removed",
 * "Value (excluding VAT) changed from … to …", "Submission deadline moved from … to …".
 */
export function changeSentence(subject: string, kind: ChangeKind, before?: string, after?: string, verbs: Verbs = VALUE_VERBS): string {
  if (kind === 'added') return `${subject} ${verbs.added}${after === undefined ? '' : `: ${after}`}`;
  if (kind === 'removed') return `${subject} removed${before === undefined ? '' : ` (was ${before})`}`;
  return `${subject} ${verbs.changed} from ${before} to ${after}`;
}

const kindOf = (before: unknown, after: unknown): ChangeKind => (before === undefined ? 'added' : after === undefined ? 'removed' : 'changed');

/** Where a field is in a release, said once for both comparisons. */
const WHERE = {
  title: 'tender.title',
  description: 'tender.description',
  status: 'tender.status',
  submissionMethodDetails: 'tender.submissionMethodDetails',
  'value.amount': 'tender.value.amount',
  'value.amountGross': 'tender.value.amountGross',
  lots: 'tender.lots',
} as const;

/** Free text that changed, quoted and shortened; `subject` is what the sentence names, if more than the label. */
function textChange(field: string, label: string, before: string | null | undefined, after: string | null | undefined, subject = label): Change[] {
  const was = before ?? undefined;
  const now = after ?? undefined;
  if (was === now) return [];
  const a = was === undefined ? undefined : shorten(was);
  const b = now === undefined ? undefined : shorten(now);
  const kind = kindOf(a, b);
  return [withWhere({ field, label, kind, text: changeSentence(subject, kind, a && `“${a}”`, b && `“${b}”`), before: a, after: b })];
}

/** A coded field that changed, in plain words: "Status changed from in progress to complete". */
function codeChange(field: string, label: string, list: Codelist, before: string | null | undefined, after: string | null | undefined): Change[] {
  const was = before == null ? undefined : shorten(before);
  const now = after == null ? undefined : shorten(after);
  if (was === now) return [];
  const kind = kindOf(was, now);
  // The codes are kept as the data gives them, as a key date keeps its instant; the sentence has the words.
  const text = changeSentence(label, kind, was && codeWords(list, was), now && codeWords(list, now));
  return [withWhere({ field, label, kind, text, before: was, after: now })];
}

/** The change with where its field is in the data, when that is one place. */
function withWhere(change: Change): Change {
  const where = (WHERE as Record<string, string | undefined>)[change.field];
  return where && Object.hasOwn(WHERE, change.field) ? { ...change, where } : change;
}

function dateText(raw: string, type?: KeyDateType): string {
  return formatDateText(raw, keyDateStyle(type));
}

/** A date as a change shows it, and keeps it: the ISO instant, or the text where it names none. */
function readDate(raw: string | undefined, type: KeyDateType | undefined): { shown: string; kept: string; time?: number } | undefined {
  if (raw === undefined) return undefined;
  const at = parseInstant(raw);
  return { shown: dateText(raw, type), kept: at?.toISOString() ?? raw, time: at?.getTime() };
}

/** One date that changed: set, removed, moved, or brought forward (marked, since it leaves less time). */
function dateChange(field: string, label: string, subject: string, before: string | undefined, after: string | undefined, type?: KeyDateType): Change {
  const was = readDate(before, type);
  const now = readDate(after, type);
  const earlier = was?.time !== undefined && now?.time !== undefined && now.time < was.time;
  const kind = kindOf(was, now);
  const text = changeSentence(subject, kind, was?.shown, now?.shown, earlier ? EARLIER_VERBS : DATE_VERBS);
  const change: Change = { field, label, kind, text, before: was?.kept, after: now?.kept };
  if (earlier) change.broughtForward = true;
  return change;
}

function moneyChange(field: string, label: string, was: Money | undefined, now: Money | undefined): Change[] {
  if (was?.amount === now?.amount && was?.currency === now?.currency) return [];
  const before = was && formatMoney(was);
  const after = now && formatMoney(now);
  // "not specified" is what FTS's 0 or nothing means: the sentence says so rather than "added".
  return [withWhere({ field, label, kind: kindOf(before, after), text: changeSentence(label, 'changed', formatMoney(was), formatMoney(now)), before, after })];
}

function valueChanges(before: ProcurementValue, after: ProcurementValue): Change[] {
  return [
    ...moneyChange('value.amount', 'Value (excluding VAT)', before.net, after.net),
    ...moneyChange('value.amountGross', 'Value (including VAT)', before.gross, after.gross),
  ];
}

/** A tender's value as the procurement model reads it ("not specified" for 0 or nothing). */
function valueOf(value: Value | null | undefined): ProcurementValue {
  return { net: specifiedMoney(value?.amount, value?.currency), gross: specifiedMoney(value?.amountGross, value?.currency) };
}

/** A key date as both comparisons read it: its type, its lots, and the date text. */
interface DatedFact {
  type: KeyDateType;
  lots: readonly string[];
  raw: string;
}

/** One key date for one lot. */
interface Dated {
  fact: DatedFact;
  lot: string | undefined;
  time: number | undefined;
}

/** Key dates by type and lot (`type|lot`), so that one lot's date moving is one change. */
type KeyDateIndex = Map<string, Dated[]>;

// Each state is compared twice (with the one before and the one after): index it once.
const indexCache = new WeakMap<object, KeyDateIndex>();

function indexKeyDates(owner: object, read: () => readonly DatedFact[]): KeyDateIndex {
  const cached = indexCache.get(owner);
  if (cached) return cached;
  const index: KeyDateIndex = new Map();
  for (const fact of read()) {
    const time = parseInstant(fact.raw)?.getTime();
    for (const lot of fact.lots.length ? fact.lots : [undefined]) {
      const key = `${fact.type}|${lot ?? ''}`;
      const list = index.get(key);
      if (list) list.push({ fact, lot, time });
      else index.set(key, [{ fact, lot, time }]);
    }
  }
  indexCache.set(owner, index);
  return index;
}

const byTime = (x: Dated, y: Dated) => (x.time ?? Infinity) - (y.time ?? Infinity) || 0;

/**
 * Several key dates of one type for one lot (two engagement events), before and after:
 * one at the same instant on both sides is unchanged; the others pair up in time order as
 * moves, and what is left over was set or removed. So an event added before the first is
 * "set", never the first "brought forward".
 */
function pairUp(before: readonly Dated[], after: readonly Dated[]): Array<[Dated | undefined, Dated | undefined]> {
  const unmatched = new Map<number | undefined, Dated[]>();
  for (const dated of before) {
    const same = unmatched.get(dated.time);
    if (same) same.push(dated);
    else unmatched.set(dated.time, [dated]);
  }
  const added: Dated[] = [];
  for (const dated of after) {
    if (!unmatched.get(dated.time)?.pop()) added.push(dated);
  }
  const removed = [...unmatched.values()].flat().sort(byTime);
  added.sort(byTime);
  return Array.from({ length: Math.max(removed.length, added.length) }, (_, i) => [removed[i], added[i]]);
}

/** Every key date before compared with after; identical moves across lots are one change naming the lots. */
function compareKeyDates(was: KeyDateIndex, now: KeyDateIndex): Change[] {
  const grouped = new Map<string, { type: KeyDateType; before?: string; after?: string; lots: string[] }>();
  const note = (old: Dated | undefined, current: Dated | undefined) => {
    const { type } = (current ?? old)!.fact;
    const before = old?.fact.raw;
    const after = current?.fact.raw;
    const key = `${type}|${before ?? ''}|${after ?? ''}`;
    const entry = grouped.get(key) ?? { type, before, after, lots: [] };
    const lot = (current ?? old)!.lot;
    if (lot !== undefined) entry.lots.push(lot);
    grouped.set(key, entry);
  };
  for (const [key, current] of now) {
    const old = was.get(key);
    if (current.length === 1 && (old?.length ?? 0) <= 1) {
      // One of its type for this lot on each side: the common case, compared directly.
      if (old?.[0]?.time !== current[0]!.time) note(old?.[0], current[0]);
    } else {
      for (const [a, b] of pairUp(old ?? [], current)) note(a, b);
    }
  }
  for (const [key, old] of was) if (!now.has(key)) for (const dated of old) note(dated, undefined);
  return [...grouped.values()].map(({ type, before, after, lots }) => keyDateChange(type, lots, before, after));
}

/** A key date's change for some lots (none: the whole procurement), from the date text before and after. */
function keyDateChange(type: KeyDateType, lots: readonly string[], before: string | undefined, after: string | undefined): Change {
  const label = KEY_DATE_LABELS[type];
  const change = dateChange(`keyDate:${type}`, label, lots.length ? `${label} (${lotsText(lots)})` : label, before, after, type);
  if (lots.length) change.lots = [...lots];
  return change;
}

/** Whether anything a key date is read from differs (merged states share what did not change). */
function keyDateSourcesDiffer(before: Release, after: Release): boolean {
  return (
    wideSourcesDiffer(before, after) || before.awards !== after.awards || before.contracts !== after.contracts || before.tender?.lots !== after.tender?.lots
  );
}

/** Whether anything a procurement-wide key date is read from differs: all but the lots, awards and contracts. */
function wideSourcesDiffer(before: Release, after: Release): boolean {
  if (before.planning?.milestones !== after.planning?.milestones) return true;
  const a = before.tender;
  const b = after.tender;
  if (a === b) return false;
  return (
    a?.milestones !== b?.milestones ||
    a?.enquiryPeriod !== b?.enquiryPeriod ||
    a?.expressionOfInterestDeadline !== b?.expressionOfInterestDeadline ||
    a?.tenderPeriod !== b?.tenderPeriod ||
    a?.communication !== b?.communication ||
    a?.awardPeriod !== b?.awardPeriod ||
    a?.contractPeriod !== b?.contractPeriod ||
    a?.status !== b?.status ||
    a?.finalStatusDate !== b?.finalStatusDate ||
    a?.statusDetails !== b?.statusDetails ||
    corrigendaDiffer(a?.amendments, b?.amendments)
  );
}

/** Whether the changes corrigenda state (which can move a key date) differ: compared place by place, as merged lists share them. */
function corrigendaDiffer(before: Amendment[] | null | undefined, after: Amendment[] | null | undefined): boolean {
  if (before === after) return false;
  const length = Math.max(before?.length ?? 0, after?.length ?? 0);
  for (let i = 0; i < length; i++) if ((before?.[i]?.unstructuredChanges || undefined) !== (after?.[i]?.unstructuredChanges || undefined)) return true;
  return false;
}

type WithId = { id?: string | null };

/** Ids whose element is a different object before and after; undefined when an element has no id. */
function changedIds<T extends WithId>(before: T[] | null | undefined, after: T[] | null | undefined): Set<string> | undefined {
  if (before === after) return new Set();
  if (before && after && isMergedFrom(after, before)) {
    // The same ids at the same places: only an element the release made new, or added after them, changed.
    const changed = new Set<string>();
    for (let i = 0; i < after.length; i++) if (i >= before.length || after[i] !== before[i]) changed.add(after[i]!.id!);
    return changed;
  }
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

// A state is compared with the one before it and the one after it: its procurement-wide part is made (and its key dates read) once.
const wideParts = new WeakMap<Release, Release>();

/** A state without its lots, awards and contracts. */
function procurementWide(state: Release): Release {
  let wide = wideParts.get(state);
  if (!wide) {
    wide = { ...state, awards: undefined, contracts: undefined, tender: { ...state.tender, lots: undefined } };
    wideParts.set(state, wide);
  }
  return wide;
}

/** Whether every award of a state names its lots, and every contract an award of the state. */
function namesLots(state: Release): boolean {
  const awardIds = new Set<string | null | undefined>();
  for (const award of state.awards ?? []) {
    if (!award.relatedLots?.length) return false;
    awardIds.add(award.id);
  }
  return (state.contracts ?? []).every((contract) => contract.awardID != null && awardIds.has(contract.awardID));
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
  // An award or contract that names no lots applies to the whole procurement, whatever changed.
  if (!namesLots(before) || !namesLots(after)) return [[before, after]];
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
  // A side whose sources are the same gives the same key dates: it is left out. The wide
  // dates (no lot) and the lots' (keyed by lot) cannot meet in one entry of the comparison,
  // unless a lot's id is empty, so leaving either out changes nothing else.
  const pairs: Array<[Release, Release]> = [];
  if (wideSourcesDiffer(before, after) || affected.has('')) pairs.push([procurementWide(before), procurementWide(after)]);
  if (affected.size > 0) pairs.push([part(before), part(after)]);
  return pairs;
}

function keyDateChanges(fullBefore: Release, fullAfter: Release): Change[] {
  if (!keyDateSourcesDiffer(fullBefore, fullAfter)) return [];
  const parts = narrowed(fullBefore, fullAfter);
  if (parts.length === 0) return [];
  // The parts are compared as one: a move shared by the procurement and a lot stays one
  // change, and the changes come in the order comparing the whole states gives.
  return compareKeyDates(joinIndexes(parts.map(([before]) => stateKeyDates(before))), joinIndexes(parts.map(([, after]) => stateKeyDates(after))));
}

/** One index holding every key date of `indexes`, in their order. */
function joinIndexes(indexes: readonly KeyDateIndex[]): KeyDateIndex {
  if (indexes.length === 1) return indexes[0]!;
  const joined: KeyDateIndex = new Map();
  for (const index of indexes) for (const [key, dated] of index) joined.set(key, [...(joined.get(key) ?? []), ...dated]);
  return joined;
}

const stateKeyDates = (state: Release) => indexKeyDates(state, () => extractKeyDates(state));

/** Every key date of `before` compared with `after`, without narrowing (exported to test the narrowing against). */
export function keyDateChangesBetween(before: Release, after: Release): Change[] {
  return compareKeyDates(stateKeyDates(before), stateKeyDates(after));
}

/** Award and contract values, matched by id (a contract change notice often raises one). */
function awardedValueChanges(before: Release, after: Release): Change[] {
  const lists = [
    ['awards', 'Award value', 'award', before.awards, after.awards],
    ['contracts', 'Contract value', 'contract', before.contracts, after.contracts],
  ] as const;
  return lists.flatMap(([field, label, noun, was, now]) => {
    // The first earlier item with each id: a lookup per item, not a scan of the list.
    const earlier = new Map<string, NonNullable<typeof was>[number]>();
    for (const w of was ?? []) if (w.id != null && !earlier.has(w.id)) earlier.set(w.id, w);
    return (now ?? []).flatMap((item) => {
      const old = item.id == null ? undefined : earlier.get(item.id);
      if (!old) return [];
      const name = (now ?? []).length > 1 ? `${label} (${noun} ${item.id})` : label;
      return moneyChange(`${field}.value`, name, specifiedMoney(old.value?.amount, old.value?.currency), specifiedMoney(item.value?.amount, item.value?.currency));
    });
  });
}

type Named = { id?: string | null; title?: string | null };

/** Lots added or removed, by id. */
function lotChanges(before: readonly Named[], after: readonly Named[]): Change[] {
  const ids = (lots: readonly Named[]) => new Map(lots.filter((l) => l.id != null).map((l) => [l.id!, l]));
  const was = ids(before);
  const now = ids(after);
  const changes: Change[] = [];
  const note = (id: string, lot: Named, kind: 'added' | 'removed') => {
    const subject = `Lot ${id}${lot.title ? ` (${shorten(lot.title)})` : ''}`;
    changes.push(withWhere({ field: 'lots', label: 'Lots', kind, text: changeSentence(subject, kind), ...(kind === 'added' ? { after: id } : { before: id }) }));
  };
  for (const [id, lot] of now) if (!was.has(id)) note(id, lot, 'added');
  for (const [id, lot] of was) if (!now.has(id)) note(id, lot, 'removed');
  return changes;
}

/** A document as both comparisons read it: an OCDS document, or the procurement model's. */
interface DocumentFact {
  id?: string | null;
  title?: string | null;
  description?: string | null;
  documentType?: string | null;
  noticeType?: string | null;
}

/** Documents new since before, by id (a notice's own document is the notice, told as such). */
function documentChanges(before: readonly DocumentFact[], after: readonly DocumentFact[]): Change[] {
  const known = new Set(before.map((d) => d.id));
  return after
    .filter((d) => d.id != null && !known.has(d.id) && !d.noticeType)
    .map((d) => {
      const name = shorten(d.title ?? d.description ?? d.documentType ?? d.id!);
      return { field: 'documents', label: 'Documents', kind: 'added', text: changeSentence('Document', 'added', undefined, name), after: name };
    });
}

/**
 * What of `after` may hold ids `before` lacks: none when it is the same list, only the
 * elements after `before`'s when a release merged into it by id, else all of it.
 */
function mayBeNew<T>(before: readonly T[] | null | undefined, after: readonly T[] | null | undefined): readonly T[] {
  if (!after || before === after) return [];
  return before && isMergedFrom(after, before) ? after.slice(before.length) : after;
}

/** The element of `before` at the place of `after`'s `index`-th, when `after` is `before` or merged from it by id (the same id there). */
function counterpart<T>(before: readonly T[] | null | undefined, after: readonly T[], index: number): T | undefined {
  return before && (before === after || isMergedFrom(after, before)) ? before[index] : undefined;
}

/** The documents of `after` that may be new since `before`, in the order of `allDocuments`: the rest have ids `before` has. */
function mayBeNewDocuments(before: Release, after: Release): DocumentFact[] {
  const out: DocumentFact[] = [...mayBeNew(before.planning?.documents, after.planning?.documents), ...mayBeNew(before.tender?.documents, after.tender?.documents)];
  for (const [was, now] of [[before.awards, after.awards], [before.contracts, after.contracts]] as const) {
    now?.forEach((item, index) => pushAll(out, mayBeNew(counterpart<{ documents?: DocumentFact[] | null }>(was, now, index)?.documents, item.documents)));
  }
  return out;
}

/** Documents new since `before`, told as `documentChanges` tells them; every document of `before` is read only when one may be new. */
function newDocumentChanges(before: Release, after: Release): Change[] {
  const candidates = mayBeNewDocuments(before, after).filter((d) => d.id != null && !d.noticeType);
  return candidates.length ? documentChanges(allDocuments(before), candidates) : [];
}

/** Lots added or removed between two states: a list merged by id from the one before lost none, and only its new ids after those can be added. */
function stateLotChanges(before: readonly Named[] | null | undefined, after: readonly Named[] | null | undefined): Change[] {
  if (before === after) return [];
  if (before && after && isMergedFrom(after, before)) return lotChanges([], after.slice(before.length));
  return lotChanges(before ?? [], after ?? []);
}

function allDocuments(state: Release): DocumentFact[] {
  return [
    ...(state.planning?.documents ?? []),
    ...(state.tender?.documents ?? []),
    ...(state.awards ?? []).flatMap((a) => a.documents ?? []),
    ...(state.contracts ?? []).flatMap((c) => c.documents ?? []),
  ];
}

function sameDocuments(before: Release, after: Release): boolean {
  return (
    before.planning?.documents === after.planning?.documents &&
    before.tender?.documents === after.tender?.documents &&
    before.awards === after.awards &&
    before.contracts === after.contracts
  );
}

/** Every change from `before` to `after` (two merged states) that a bid manager would want to know about. */
export function diffStates(before: Release, after: Release): Change[] {
  return [
    ...textChange('title', 'Title', before.tender?.title, after.tender?.title),
    ...textChange('description', 'Description', before.tender?.description, after.tender?.description),
    ...codeChange('status', 'Status', 'tenderStatus', before.tender?.status, after.tender?.status),
    ...textChange('submissionMethodDetails', 'How to submit', before.tender?.submissionMethodDetails, after.tender?.submissionMethodDetails),
    ...valueChanges(valueOf(before.tender?.value), valueOf(after.tender?.value)),
    ...awardedValueChanges(before, after),
    ...keyDateChanges(before, after),
    ...stateLotChanges(before.tender?.lots, after.tender?.lots),
    ...(sameDocuments(before, after) ? [] : newDocumentChanges(before, after)),
  ];
}

const procurementKeyDates = (procurement: Procurement) =>
  indexKeyDates(procurement.keyDates, () => procurement.keyDates.map((k) => ({ type: k.type, lots: k.lots, raw: k.dateOnly ? londonParts(new Date(k.at)).date : k.at })));

/** New notices, each followed by the amendment it made, in the buyer's words where given. */
function noticeChanges(before: Procurement, after: Procurement): Change[] {
  const known = new Set(before.notices.map((n) => n.id));
  return after.notices
    .filter((notice) => !known.has(notice.id))
    .flatMap((notice): Change[] => {
      const published = notice.publishedAt ? `, published ${dateText(notice.publishedAt)}` : '';
      const added: Change = { field: 'notice', label: 'Notice', kind: 'added', text: `New notice: ${notice.name}${published}`, after: notice.id };
      if (!notice.amendment) return [added];
      const description = notice.amendment.description ?? `notice ${notice.id} changed the procurement`;
      return [added, { field: 'amendment', label: 'Amendment', kind: 'added', text: `Amendment: ${description}`, after: description }];
    });
}

/**
 * What changed between two reads of one procurement (a watchlist snapshot and a fresh
 * read): new notices and their amendments, then the same comparisons as `diffStates`.
 */
export function diffProcurements(before: Procurement, after: Procurement): Change[] {
  return [
    ...noticeChanges(before, after),
    ...textChange('title', 'Title', before.title, after.title),
    ...textChange('description', 'Description', before.description, after.description),
    ...codeChange('status', 'Status', 'tenderStatus', before.status, after.status),
    ...textChange('submissionMethodDetails', 'How to submit', before.submission?.text, after.submission?.text),
    ...(before.stage === after.stage ? [] : [{ field: 'stage', label: 'Stage', kind: 'changed', text: changeSentence('Stage', 'changed', before.stage, after.stage), before: before.stage, after: after.stage } satisfies Change]),
    ...valueChanges(before.value, after.value),
    ...compareKeyDates(procurementKeyDates(before), procurementKeyDates(after)),
    ...lotChanges(before.lots, after.lots),
    ...documentChanges(before.documents, after.documents),
  ];
}

const KEY_DATE_FIELD = 'keyDate:';

/** The key date type a change is about, if it is about one. */
function keyDateTypeOf(change: Pick<Change, 'field'>): KeyDateType | undefined {
  if (!change.field.startsWith(KEY_DATE_FIELD)) return undefined;
  const type = change.field.slice(KEY_DATE_FIELD.length);
  return Object.hasOwn(KEY_DATE_LABELS, type) ? (type as KeyDateType) : undefined;
}

/**
 * Changes made one after another (by several notices), told as what they came to: a key
 * date moved twice is one move from its first value to its last, and one moved back is no
 * change; other changes are told once each, in order.
 */
export function netChanges(changes: readonly Change[]): Change[] {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const type = keyDateTypeOf(change);
    const key = type ? `${change.field}|${(change.lots ?? []).join(',')}` : `${change.field}|${change.text}`;
    const group = groups.get(key);
    if (group) group.push(change);
    else groups.set(key, [change]);
  }
  return [...groups.values()].flatMap((group): Change[] => {
    const first = group[0]!;
    const type = keyDateTypeOf(first);
    if (!type || group.length === 1) return [first];
    const before = first.before;
    const after = group.at(-1)!.after;
    if (before === after || (before !== undefined && after !== undefined && parseInstant(before)?.getTime() === parseInstant(after)?.getTime())) return [];
    return [keyDateChange(type, first.lots ?? [], before, after)];
  });
}

/** What the notices after one notice changed, and the latest of them; undefined when it is the latest. */
export interface NewerNotices {
  latest: Procurement['notices'][number];
  /** How many notices were published after it. */
  count: number;
  changes: Change[];
}

/**
 * Whether `noticeId` is an old version: FTS publishes an edit as a new notice at a new
 * address and the old one stays online. Notices are in publication order.
 */
export function newerNotices(procurement: Pick<Procurement, 'notices'>, noticeId: string): NewerNotices | undefined {
  const index = procurement.notices.findIndex((n) => n.id === noticeId);
  if (index < 0) return undefined;
  const later = procurement.notices.slice(index + 1).filter((n) => n.publishedAt);
  if (later.length === 0) return undefined;
  return { latest: later.at(-1)!, count: later.length, changes: netChanges(later.flatMap((n) => n.changes)) };
}

/**
 * Marks each key date that a notice moved with what it was before the last move, and
 * whether that move brought it forward. The move is the latest notice's change of that key
 * date, for its lots, to the date it has now.
 */
export function markMoves<K extends { type: KeyDateType; at: string; lots: string[] }>(keyDates: K[], notices: Procurement['notices']): Array<K & { moved?: { from: string; broughtForward?: true } }> {
  const moves = new Map<string, Change[]>();
  for (const notice of notices) {
    for (const change of notice.changes) {
      const type = keyDateTypeOf(change);
      const to = change.after === undefined ? undefined : parseInstant(change.after)?.toISOString();
      if (!type || change.kind !== 'changed' || change.before === undefined || !to) continue;
      const key = `${type}|${to}`;
      const list = moves.get(key);
      if (list) list.push(change);
      else moves.set(key, [change]);
    }
  }
  return keyDates.map((keyDate) => {
    const covers = (change: Change) => (change.lots?.length ? change.lots.every((lot) => keyDate.lots.includes(lot)) : keyDate.lots.length === 0);
    const last = moves.get(`${keyDate.type}|${keyDate.at}`)?.findLast(covers);
    if (!last) return keyDate;
    return { ...keyDate, moved: { from: last.before!, ...(last.broughtForward ? { broughtForward: true as const } : {}) } };
  });
}

/** Brought-forward key dates first (they leave less time than planned), the rest in their order. */
export function broughtForwardFirst<T extends Change>(changes: readonly T[]): T[] {
  return [...changes.filter((c) => c.broughtForward), ...changes.filter((c) => !c.broughtForward)];
}

/**
 * Old-regime corrigenda (F14) state their changes as text and dates, not as new values.
 * A new date for a section that is a key date (`corrigendumKeyDate`) is told as that key date moving.
 */
export function statedChanges(amendment: Amendment): Change[] {
  return (amendment.unstructuredChanges ?? []).flatMap((change): Change[] => {
    const where = change.where?.label ?? change.where?.section;
    if (!where) return [];
    const label = shorten(where);
    const subject = change.where?.section && change.where.label ? `${label} (section ${change.where.section})` : label;
    const oldDate = change.oldValue?.date ?? undefined;
    const newDate = change.newValue?.date ?? undefined;
    const oldText = change.oldValue?.text ?? undefined;
    const newText = change.newValue?.text ?? undefined;
    const keyDate = corrigendumKeyDate(change);
    if (keyDate) return [dateChange(`keyDate:${keyDate}`, KEY_DATE_LABELS[keyDate], KEY_DATE_LABELS[keyDate], oldDate, newDate, keyDate)];
    if ((oldDate || newDate) && !(oldText && !oldDate) && !(newText && !newDate)) return [dateChange('stated', label, subject, oldDate, newDate)];
    return textChange('stated', label, oldDate ? dateText(oldDate) : oldText, newDate ? dateText(newDate) : newText, subject);
  });
}
