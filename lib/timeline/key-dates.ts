/**
 * Where each key date lives in OCDS, as data. Only structured fields are read: a date
 * written in free text (a description) is never guessed at.
 */
import { formatDateText, lastMoment, parseInstant, type DateStyle } from '../dates';
import type { Amendment, Award, Contract, Milestone, Period, Release } from '../ocds/schema';
import type { KeyDateType } from './types';
import { pushAll } from '../lists';

/**
 * A step into the release: a field name, or a list element by `id` (stable across
 * releases) and by index (its place in the state it was read from).
 */
export type LogicalStep = string | { id?: string; index?: number };

export interface KeyDateCandidate {
  type: KeyDateType;
  /** The date text exactly as published. */
  raw: string;
  steps: LogicalStep[];
  lots: string[];
  detail?: string;
}

export const KEY_DATE_LABELS: Record<KeyDateType, string> = {
  engagement: 'Market engagement',
  milestone: 'Milestone',
  enquiryDeadline: 'Enquiry deadline',
  expressionOfInterestDeadline: 'Expression of interest deadline',
  submissionDeadline: 'Submission deadline',
  futureNotice: 'Next notice expected',
  awardPeriodStart: 'Award period starts',
  awardPeriodEnd: 'Award period ends',
  awardDate: 'Contract awarded',
  standstillEnd: 'Standstill ends',
  signatureExpected: 'Contract signature expected',
  contractSigned: 'Contract signed',
  contractStart: 'Contract starts',
  contractEnd: 'Contract ends',
  contractMaxExtent: 'Contract ends if fully extended',
  cancelled: 'Procurement cancelled',
  terminated: 'Contract terminated',
};

/** The words that say a key date will not happen (a strike-through is only its look). */
export const VOID_TEXT = 'No longer happening';

/** A key date's name for people: "Submission deadline", "Submission deadline (expected)" when only planned. */
export function keyDateLabel(keyDate: { type: string; estimated?: boolean }): string {
  const label = (KEY_DATE_LABELS as Record<string, string | undefined>)[keyDate.type] ?? 'Key date';
  return keyDate.estimated ? `${label} (expected)` : label;
}

/**
 * What a moved key date was: "Moved from 30 March 2027", "Brought forward from 2 September
 * 2026" (less time than planned: shown as urgent wherever the date is used).
 */
export function movedText(keyDate: { type: KeyDateType; moved?: { from: string; broughtForward?: true } }): string | undefined {
  if (!keyDate.moved) return undefined;
  return `${keyDate.moved.broughtForward ? 'Brought forward' : 'Moved'} from ${formatDateText(keyDate.moved.from, keyDateStyle(keyDate.type))}`;
}

/** "lot 1", "lots 1, 2"; empty for the whole procurement. */
export function lotsText(lots: readonly string[]): string {
  return lots.length === 0 ? '' : `${lots.length === 1 ? 'lot' : 'lots'} ${lots.join(', ')}`;
}

/** Deadlines a bidder acts on: reminders, "closes in 3 days" / "closes in 5 hours" / "closed 2 days ago", and "midnight" kept at 00:00 apply to these. */
export const DEADLINE_TYPES: ReadonlySet<KeyDateType> = new Set([
  'enquiryDeadline',
  'expressionOfInterestDeadline',
  'submissionDeadline',
]);

/** How a key date of `type` reads and counts down: deadlines close; a day published without a time is the whole London day. */
export function keyDateStyle(type: KeyDateType | undefined, dateOnly?: boolean): DateStyle {
  return { deadline: type !== undefined && DEADLINE_TYPES.has(type), dateOnly: dateOnly === true };
}

/** When a key date has passed: its instant, or for a day published without a time the end of that London day. */
export function keyDateEnd(keyDate: { at: string; dateOnly?: boolean }): Date {
  return lastMoment(new Date(keyDate.at), { dateOnly: keyDate.dateOnly });
}

/** True while a key date is ahead of `now`. */
export function isAhead(keyDate: { at: string; dateOnly?: boolean }, now: Date): boolean {
  return keyDateEnd(keyDate).getTime() > now.getTime();
}

/** Statuses of a tender, lot or award that mean it will not go ahead. */
export const CANCELLED_STATUSES: ReadonlySet<string> = new Set(['cancelled', 'unsuccessful', 'withdrawn']);

/** The step to a list element: by id where it has one, always by index. */
/** Each award by id (the first, when ids repeat): a contract names its award by `awardID`. */
function awardsById(awards: Award[]): (id: string | null | undefined) => Award | undefined {
  const byId = new Map<string, Award>();
  for (const award of awards) if (award.id != null && !byId.has(award.id)) byId.set(award.id, award);
  return (id) => (id == null ? undefined : byId.get(id));
}

export function listStep(list: ReadonlyArray<{ id?: string | null }>, index: number): LogicalStep {
  const id = list[index]?.id;
  return id != null ? { id, index } : { index };
}

function milestones(
  list: Milestone[] | null | undefined,
  prefix: LogicalStep[],
  lots: string[],
  pick: (m: Milestone) => KeyDateType | undefined,
  out: KeyDateCandidate[],
): void {
  list?.forEach((milestone, index) => {
    const type = pick(milestone);
    if (!type || !milestone.dueDate) return;
    out.push({
      type,
      raw: milestone.dueDate,
      steps: [...prefix, listStep(list, index), 'dueDate'],
      lots,
      detail: milestone.description ?? milestone.title ?? undefined,
    });
  });
}

type Boundary = 'startDate' | 'endDate' | 'maxExtentDate';
const BOUNDARIES: Array<[Boundary, KeyDateType]> = [
  ['startDate', 'contractStart'],
  ['endDate', 'contractEnd'],
  ['maxExtentDate', 'contractMaxExtent'],
];

interface PeriodSource {
  period: Period;
  steps: LogicalStep[];
  /** undefined: applies to the whole procurement. */
  lots: string[] | undefined;
}

/**
 * Contract start/end/maximum extension, from the most authoritative source for each lot:
 * signed contracts, then awards, then the lots as tendered, then the tender as a whole.
 */
function contractPeriods(release: Release, out: KeyDateCandidate[]): void {
  // Most states compared hold none of these (a state's procurement-wide part has no lots).
  if (!release.contracts?.length && !release.awards?.length && !release.tender?.lots?.length && !release.tender?.contractPeriod) return;
  const awards = release.awards ?? [];
  const awardOf = awardsById(awards);
  const awardLots = (award: Award | undefined) => (award?.relatedLots ?? []).map(String);
  const tiers: PeriodSource[][] = [
    (release.contracts ?? []).flatMap((contract: Contract, index, list) =>
      contract.period
        ? [{ period: contract.period, steps: ['contracts', listStep(list, index), 'period'], lots: awardLots(awardOf(contract.awardID)) }]
        : [],
    ),
    awards.flatMap((award, index) =>
      award.contractPeriod && !CANCELLED_STATUSES.has(award.status ?? '')
        ? [{ period: award.contractPeriod, steps: ['awards', listStep(awards, index), 'contractPeriod'], lots: awardLots(award) }]
        : [],
    ),
    (release.tender?.lots ?? []).flatMap((lot, index, list) =>
      lot.contractPeriod && lot.id != null
        ? [{ period: lot.contractPeriod, steps: ['tender', 'lots', listStep(list, index), 'contractPeriod'], lots: [lot.id] }]
        : [],
    ),
    release.tender?.contractPeriod
      ? [{ period: release.tender.contractPeriod, steps: ['tender', 'contractPeriod'], lots: undefined }]
      : [],
  ];
  for (const [boundary, type] of BOUNDARIES) {
    const covered = new Set<string>();
    let coveredWhole = false;
    for (const tier of tiers) {
      if (coveredWhole) break;
      const found: KeyDateCandidate[] = [];
      for (const source of tier) {
        const raw = source.period[boundary];
        if (!raw) continue;
        // A source that names no lots applies to the whole procurement.
        const lots = (source.lots ?? []).filter((lot) => !covered.has(lot));
        if (source.lots === undefined && covered.size > 0) continue;
        if (source.lots !== undefined && source.lots.length > 0 && lots.length === 0) continue;
        found.push({ type, raw, steps: [...source.steps, boundary], lots });
      }
      for (const candidate of found) {
        if (candidate.lots.length === 0) coveredWhole = true;
        for (const lot of candidate.lots) covered.add(lot);
      }
      pushAll(out, found);
    }
  }
}

/**
 * The sections of the old (TED) forms whose date an F14 corrigendum restates in
 * `tender.amendments[].unstructuredChanges[]` (`where.section`, `oldValue.date`,
 * `newValue.date`), and the key date each one is. One row, the one that can be justified:
 *
 * | section | TED form label | OCDS for the EU maps it to | key date |
 * |---|---|---|---|
 * | IV.2.2 | Time limit for receipt of tenders or requests to participate | `tender.tenderPeriod.endDate` | `submissionDeadline` |
 *
 * Left out: IV.2.7 (conditions for opening of tenders, `tender.bidOpening.date`) and IV.2.3
 * (dispatch of invitations to selected candidates) are not key dates shown here; II.2.7 (a
 * lot's duration) belongs to a lot, and FTS's `relatedLot` on these entries is free text
 * ("Award of Contract"), so it cannot be tied to one.
 */
export const CORRIGENDUM_SECTIONS: Readonly<Record<string, KeyDateType>> = { 'IV.2.2': 'submissionDeadline' };

/** The key date a corrigendum's stated change moves, if it names a section of the table above and gives a new date. */
export function corrigendumKeyDate(change: NonNullable<Amendment['unstructuredChanges']>[number]): KeyDateType | undefined {
  const section = change.where?.section?.trim();
  return section && change.newValue?.date && Object.hasOwn(CORRIGENDUM_SECTIONS, section) ? CORRIGENDUM_SECTIONS[section] : undefined;
}

const sameInstant = (a: string, b: string): boolean => parseInstant(a)?.getTime() === parseInstant(b)?.getTime();

/**
 * Moves the procurement-wide key dates that F14 corrigenda restate, in the order the
 * amendments are listed: the key date takes the new date, read from the corrigendum's
 * `newValue.date`, and says what it was. A structured date that is not the one the
 * corrigendum replaced (`oldValue.date`) came from elsewhere, a later notice say, and is
 * kept; a corrigendum without `oldValue.date` only gives a date the notices did not.
 */
function applyCorrigenda(amendments: Amendment[] | null | undefined, out: KeyDateCandidate[]): void {
  if (!amendments) return;
  // Every state of a procurement is read, and its amendments are many (10,000 updates make
  // 10,000): most have no stated changes, so those are passed over at the least cost.
  for (let index = 0; index < amendments.length; index++) {
    const changes = amendments[index]!.unstructuredChanges;
    if (!changes) continue;
    changes.forEach((change, changeIndex) => {
      const type = corrigendumKeyDate(change);
      const raw = change.newValue?.date;
      if (!type || !raw || parseInstant(raw) === undefined) return;
      const at = out.findIndex((c) => c.type === type && c.lots.length === 0);
      const old = change.oldValue?.date ?? undefined;
      const current = out[at];
      if (current && (!old || !sameInstant(current.raw, old))) return;
      const moved: KeyDateCandidate = {
        type,
        raw,
        steps: ['tender', 'amendments', listStep(amendments, index), 'unstructuredChanges', { index: changeIndex }, 'newValue', 'date'],
        lots: [],
        // What it was is the key date's `moved`, read from the corrigendum's own change (`markMoves`).
        detail: old ? 'Moved by a corrigendum' : 'Given by a corrigendum',
      };
      if (current) out[at] = moved;
      else out.push(moved);
    });
  }
}

/** Every key date in one state of a procurement, in document order. */
export function extractKeyDates(release: Release): KeyDateCandidate[] {
  const out: KeyDateCandidate[] = [];
  const tender = release.tender;
  const engagementOrOther = (m: Milestone): KeyDateType => (m.type === 'engagement' ? 'engagement' : 'milestone');
  milestones(release.planning?.milestones, ['planning', 'milestones'], [], engagementOrOther, out);
  milestones(tender?.milestones, ['tender', 'milestones'], [], engagementOrOther, out);
  const add = (type: KeyDateType, raw: string | null | undefined, steps: LogicalStep[], detail?: string) => {
    if (raw) out.push({ type, raw, steps, lots: [], detail });
  };
  add('enquiryDeadline', tender?.enquiryPeriod?.endDate, ['tender', 'enquiryPeriod', 'endDate']);
  add('expressionOfInterestDeadline', tender?.expressionOfInterestDeadline, ['tender', 'expressionOfInterestDeadline']);
  add('submissionDeadline', tender?.tenderPeriod?.endDate, ['tender', 'tenderPeriod', 'endDate']);
  add('futureNotice', tender?.communication?.futureNoticeDate, ['tender', 'communication', 'futureNoticeDate']);
  add('awardPeriodStart', tender?.awardPeriod?.startDate, ['tender', 'awardPeriod', 'startDate']);
  add('awardPeriodEnd', tender?.awardPeriod?.endDate, ['tender', 'awardPeriod', 'endDate']);
  applyCorrigenda(tender?.amendments, out);
  if (tender?.finalStatusDate && CANCELLED_STATUSES.has(tender.status ?? '')) {
    add('cancelled', tender.finalStatusDate, ['tender', 'finalStatusDate'], tender.statusDetails ?? undefined);
  }

  const awards = release.awards ?? [];
  awards.forEach((award, index) => {
    const at = listStep(awards, index);
    const lots = (award.relatedLots ?? []).map(String);
    const cancelled = CANCELLED_STATUSES.has(award.status ?? '');
    if (award.date && !cancelled) out.push({ type: 'awardDate', raw: award.date, steps: ['awards', at, 'date'], lots });
    // FTS award updates give a list of periods: one key date per end (grouped later when equal).
    const standstill = award.standstillPeriod;
    const standstills: Array<{ period: Period | null | undefined; steps: LogicalStep[] }> = Array.isArray(standstill)
      ? standstill.map((period, index) => ({ period, steps: ['standstillPeriod', { index }] }))
      : [{ period: standstill, steps: ['standstillPeriod'] }];
    for (const { period, steps } of standstills) {
      if (period?.endDate) out.push({ type: 'standstillEnd', raw: period.endDate, steps: ['awards', at, ...steps, 'endDate'], lots });
    }
    milestones(award.milestones, ['awards', at, 'milestones'], lots, (m) => (m.type === 'futureSignatureDate' ? 'signatureExpected' : undefined), out);
    if (cancelled && award.finalStatusDate) {
      out.push({ type: 'cancelled', raw: award.finalStatusDate, steps: ['awards', at, 'finalStatusDate'], lots, detail: award.statusDetails ?? undefined });
    }
  });

  const contracts = release.contracts ?? [];
  const awardOf = awardsById(awards);
  contracts.forEach((contract, index) => {
    const at = listStep(contracts, index);
    const award = awardOf(contract.awardID);
    const lots = (award?.relatedLots ?? []).map(String);
    if (contract.dateSigned) out.push({ type: 'contractSigned', raw: contract.dateSigned, steps: ['contracts', at, 'dateSigned'], lots });
    const detail = contract.statusDetails ?? undefined;
    if (contract.status === 'terminated') {
      // A UK11 gives the termination's date as the contract's actual end when it has no final status date.
      const raw = contract.finalStatusDate ?? contract.implementation?.endDate;
      const field: LogicalStep[] = contract.finalStatusDate ? ['finalStatusDate'] : ['implementation', 'endDate'];
      if (raw) out.push({ type: 'terminated', raw, steps: ['contracts', at, ...field], lots, detail });
    }
    if (CANCELLED_STATUSES.has(contract.status ?? '') && contract.finalStatusDate) {
      out.push({ type: 'cancelled', raw: contract.finalStatusDate, steps: ['contracts', at, 'finalStatusDate'], lots, detail });
    }
    const proposed = contract.proposedAmendments ?? [];
    proposed.forEach((change, i) => {
      if (change.standstill === true && change.date) {
        out.push({ type: 'standstillEnd', raw: change.date, steps: ['contracts', at, 'proposedAmendments', listStep(proposed, i), 'date'], lots, detail: 'Voluntary standstill before a contract change' });
      }
    });
  });

  contractPeriods(release, out);
  return out;
}
