/**
 * One procurement, as the product shows it: what it is, every notice, every amendment and
 * every key date, each key date traced back to the JSON it came from. Plain data, so it
 * can cross extension messages and be stored in the watchlist as it is.
 */
import { isDateOnlyText, parseInstant } from './dates';
import { specifiedMoney, type Money } from './money';
import { codeWords } from './ocds/codes';
import { asCompiledRelease, mergeRelease } from './ocds/merge';
import { nameNotice, noticeTypeInfo, type NoticeName, type Stage } from './ocds/notice-types';
import type { Problem } from './ocds/problems';
import { resolveSource } from './ocds/resolve-source';
import type { Amendment as OcdsAmendment, OcdsDocument, Release } from './ocds/schema';
import { pathIn, type ProcurementSource, type SourcedRelease } from './ocds/shapes';
import { safeHttpsUrl, noticeUrl } from './fts/urls';
import { awardsOf, type ProcurementAward } from './timeline/awards';
import { diffStates, markMoves, statedChanges } from './timeline/changes';
import { markVoid, stopsOf, type Stops } from './timeline/cancellation';
import { extractKeyDates, listStep, type KeyDateCandidate, type LogicalStep } from './timeline/key-dates';
import type { Change, KeyDateType } from './timeline/types';

export type Regime = 'procurementAct2023' | 'pre2025Regulations' | 'unknown';

export interface ProcurementValue {
  /** Excluding VAT. */
  net?: Money;
  /** Including VAT. */
  gross?: Money;
}

export interface ProcurementLot {
  id: string;
  title?: string;
  description?: string;
  status?: string;
  value: ProcurementValue;
  contractPeriod?: { startDate?: string; endDate?: string; maxExtentDate?: string };
  hasRenewal?: boolean;
  renewal?: string;
}

export interface Amendment {
  description?: string;
  /** ISO instant. */
  at: string;
  source: string;
}

export interface Notice {
  id: string;
  noticeType?: string;
  /** "UK4: Tender notice" */
  name: string;
  stage: Stage;
  /** ISO instant of publication, when known. */
  publishedAt?: string;
  source: string;
  /** FTS's page of the notice, when its id has FTS's form. */
  url?: string;
  tags: string[];
  /** What this notice changed compared with the state before it (known only when every release is in the data). */
  changes: Change[];
  /** Set when this notice amended what earlier notices said. */
  amendment?: Amendment;
}

export interface KeyDate {
  type: KeyDateType;
  /** ISO instant; for a day published without a time, the start of that London day. */
  at: string;
  /** Set when the date was published as a day without a time ("2026-08-25"): it lasts the whole London day. */
  dateOnly?: true;
  /** Lot ids; empty when it applies to the whole procurement. */
  lots: string[];
  source: string;
  detail?: string;
  /** Present when only a planning notice gave the date (see `markEstimates`): it is expected, not set. */
  estimated?: true;
  /** Present when the date will never happen: the procurement, or every lot it applies to, stopped before it (see `markVoid`). */
  void?: true;
  /** Present when a notice moved the date: what it was before the last move (as `Change.before` keeps it), and whether that move brought it forward (see `markMoves`). */
  moved?: { from: string; broughtForward?: true };
}

export interface Procurement {
  ocid: string;
  title?: string;
  description?: string;
  buyer?: { id?: string; name?: string; contact?: { name?: string; email?: string; telephone?: string; url?: string } };
  stage: Stage;
  status?: string;
  regime: Regime;
  value: ProcurementValue;
  currency?: string;
  procedure?: string;
  category?: string;
  lots: ProcurementLot[];
  cpv: Array<{ code: string; description?: string }>;
  submission?: { text: string; url?: string };
  documents: Array<{ id?: string; title: string; url?: string }>;
  /** Who won what (award and contract notices); empty before an award. */
  awards: ProcurementAward[];
  notices: Notice[];
  keyDates: KeyDate[];
}

const UPDATE_TAGS = new Set(['tenderUpdate', 'tenderAmendment', 'planningUpdate', 'awardUpdate', 'contractUpdate', 'contractAmendment']);

const toInstant = (raw: string | null | undefined): string | undefined => (raw ? parseInstant(raw)?.toISOString() : undefined);

function documentsOf(state: Release): Array<{ doc: OcdsDocument; steps: LogicalStep[] }> {
  const out: Array<{ doc: OcdsDocument; steps: LogicalStep[] }> = [];
  const push = (docs: OcdsDocument[] | null | undefined, prefix: LogicalStep[]) =>
    docs?.forEach((doc, index) => out.push({ doc, steps: [...prefix, listStep(docs, index)] }));
  push(state.planning?.documents, ['planning', 'documents']);
  push(state.tender?.documents, ['tender', 'documents']);
  state.awards?.forEach((award, i) => push(award.documents, ['awards', listStep(state.awards!, i), 'documents']));
  state.contracts?.forEach((c, i) => push(c.documents, ['contracts', listStep(state.contracts!, i), 'documents']));
  return out;
}

interface AmendmentEntry {
  id?: string;
  releaseID?: string;
  date?: string | null;
  description?: string | null;
  steps: LogicalStep[];
  entry: OcdsAmendment;
}

function amendmentsOf(state: Release): AmendmentEntry[] {
  const out: AmendmentEntry[] = [];
  const push = (list: OcdsAmendment[] | null | undefined, prefix: LogicalStep[]) =>
    list?.forEach((a, index) =>
      out.push({ id: a.id ?? undefined, releaseID: a.releaseID ?? undefined, date: a.date, description: a.description ?? a.rationale, steps: [...prefix, listStep(list, index)], entry: a }),
    );
  push(state.tender?.amendments, ['tender', 'amendments']);
  state.awards?.forEach((award, i) => push(award.amendments, ['awards', listStep(state.awards!, i), 'amendments']));
  state.contracts?.forEach((c, i) => push(c.amendments, ['contracts', listStep(state.contracts!, i), 'amendments']));
  return out;
}

function noticeTypeIn(release: Release, noticeId: string): string | undefined {
  return documentsOf(release).find(({ doc }) => doc.id === noticeId && doc.noticeType)?.doc.noticeType ?? undefined;
}

/** What the data says a release's notice is: its own notice type, else (old regime) its legal basis, and its tags. */
function releaseNoticeName(release: Release, current: Release): NoticeName {
  const id = release.id ?? '';
  const tags = release.tag ?? [];
  return nameNotice(noticeTypeIn(release, id) ?? noticeTypeIn(current, id), release.tender?.legalBasis ?? current.tender?.legalBasis, tags);
}

function makeNotice(id: string, named: NoticeName, publishedRaw: string | null | undefined, source: string, tags: string[]): Notice {
  return {
    id,
    noticeType: named.noticeType,
    name: named.name,
    stage: named.stage,
    publishedAt: toInstant(publishedRaw),
    source,
    // FTS's own page for the id: a document's `url` may name any host.
    url: noticeUrl(id),
    tags,
    changes: [],
  };
}

function regimeOf(state: Release, notices: Notice[]): Regime {
  const scheme = state.tender?.legalBasis?.scheme?.toUpperCase();
  if (scheme === 'UKPGA') return 'procurementAct2023';
  if (scheme === 'CELEX' || scheme === 'UKSI') return 'pre2025Regulations';
  const info = noticeTypeInfo(notices.find((n) => n.noticeType)?.noticeType);
  return info?.regime ?? 'unknown';
}

function stageOf(state: Release, notices: Notice[], keyDates: ReadonlyArray<Pick<KeyDate, 'type'>>, stops: Stops): Stage {
  if (keyDates.some((k) => k.type === 'terminated')) return 'termination';
  if (stops.whole !== undefined) return 'cancelled';
  // Some lots cancelled while others go on: the procurement is where its live lots are.
  if (!stops.partial && keyDates.some((k) => k.type === 'cancelled') && !(state.awards ?? []).some((a) => a.status === 'active' || a.status === 'pending')) {
    return 'cancelled';
  }
  const latest = [...notices].reverse().find((n) => n.stage !== 'unknown' && n.stage !== 'corrigendum' && !(stops.partial && n.stage === 'cancelled'));
  if (latest) return latest.stage;
  switch (state.tender?.status) {
    case 'planning':
    case 'planned':
      return 'planning';
    case 'active':
      return 'tender';
    case 'cancelled':
    case 'withdrawn':
    case 'unsuccessful':
      return 'cancelled';
    default:
      return 'unknown';
  }
}

type LocatedKeyDate = KeyDateCandidate & Pick<KeyDate, 'source' | 'at' | 'estimated'>;

/** Groups key dates that share type and instant into one, listing every lot; expected only when every part is. */
function groupKeyDates(candidates: LocatedKeyDate[]): KeyDate[] {
  const byKey = new Map<string, KeyDate>();
  const lotsByKey = new Map<string, Set<string>>();
  for (const candidate of candidates) {
    const dateOnly = isDateOnlyText(candidate.raw);
    const key = `${candidate.type}|${candidate.at}|${dateOnly}`;
    const known = byKey.get(key);
    if (known) {
      const lots = lotsByKey.get(key)!;
      for (const lot of candidate.lots) {
        if (lots.has(lot)) continue;
        lots.add(lot);
        known.lots.push(lot);
      }
      if (!candidate.estimated) delete known.estimated;
      continue;
    }
    lotsByKey.set(key, new Set(candidate.lots));
    byKey.set(key, {
      type: candidate.type,
      at: candidate.at,
      ...(dateOnly ? { dateOnly: true as const } : {}),
      lots: [...candidate.lots],
      source: candidate.source,
      detail: candidate.detail,
      ...(candidate.estimated ? { estimated: true as const } : {}),
    });
  }
  const collator = new Intl.Collator('en', { numeric: true });
  return [...byKey.values()].map((k) => ({ ...k, lots: k.lots.sort(collator.compare) }));
}

/** Key dates a planning notice states as they are, not as a plan: its engagement events, and the next notice's date (an expectation by its name). */
const NEVER_ESTIMATED: ReadonlySet<KeyDateType> = new Set(['engagement', 'futureNotice']);

/**
 * Planned dates are estimates: a key date is expected when the notice that gave its
 * current value is a planning-stage notice (UK1, UK2, UK3, F01, F04 …). That notice is
 * the latest release holding the value (so a tender notice restating a planned date
 * makes it firm), found as the key date's `source` is; when no release holds it (a
 * compiled record alone), the procurement's stage decides.
 */
function estimator(releases: SourcedRelease[], notices: Notice[], stage: Stage): (candidate: KeyDateCandidate) => boolean {
  const stageById = new Map(notices.map((n) => [n.id, n.stage]));
  const planned = (release: Release) => release.id != null && stageById.get(release.id) === 'planning';
  const lastPlanned = releases.findLastIndex((r) => planned(r.release));
  // After the last planning notice, oldest first: the tender notice that restates a plan
  // usually comes right after it, so the search for a holder ends there.
  const later = releases.slice(lastPlanned + 1);
  const earlierLatestFirst = releases.slice(0, lastPlanned + 1).reverse();
  return (candidate) => {
    if (NEVER_ESTIMATED.has(candidate.type) || (lastPlanned < 0 && stage !== 'planning')) return false;
    const holds = (r: SourcedRelease) => resolveSource([r], candidate.steps, candidate.raw) !== undefined;
    if (later.some(holds)) return false;
    const setter = earlierLatestFirst.find(holds);
    return setter ? planned(setter.release) : stage === 'planning';
  };
}

/**
 * What each release changed (the comparison of the state before it with the state after
 * it) and the last state. Only one earlier state is kept at a time: every state of 10,000
 * releases held at once would be quadratic in memory.
 */
function walkStates(releases: SourcedRelease[]): { changes: Change[][]; last: Release | undefined } {
  const changes: Change[][] = [];
  let state: Release | undefined;
  for (const { release } of releases) {
    const next = mergeRelease(state, release);
    changes.push(state ? diffStates(state, next) : []);
    state = next;
  }
  return { changes, last: state };
}

/** The releases merged, in order (no comparisons). */
function lastState(releases: SourcedRelease[]): Release | undefined {
  let state: Release | undefined;
  for (const { release } of releases) state = mergeRelease(state, release);
  return state;
}

/** The current state the model reads, as a compiled release: the published one when the input has it, else the releases merged. */
export function compiledReleaseOf(source: ProcurementSource, last: () => Release | undefined = () => lastState(source.releases)): Release {
  return source.compiled?.release ?? asCompiledRelease(last() ?? { ocid: source.ocid });
}

/** The first element of each key, in list order. */
function firstByKey<T>(items: T[], keysOf: (item: T) => Array<string | undefined>): Map<string, T> {
  const index = new Map<string, T>();
  for (const item of items) for (const key of keysOf(item)) if (key !== undefined && !index.has(key)) index.set(key, item);
  return index;
}

/** Buyers named in the problem about an ocid's releases naming different buyers; the rest are counted. */
const BUYERS_NAMED = 5;
const MAX_NAME_SHOWN = 80;

/** The buyer a release names: its `buyer`, else its party in the buyer role (matched as the model's buyer is). */
function releaseBuyer(release: Release): { key: string; name: string } | undefined {
  const party = release.parties?.find((p) => (release.buyer?.id != null && p.id === release.buyer.id) || p.roles?.includes('buyer'));
  const id = release.buyer?.id ?? party?.id ?? undefined;
  const name = release.buyer?.name ?? party?.name ?? undefined;
  const key = id ?? name;
  return key === undefined ? undefined : { key, name: name ?? id! };
}

/**
 * FTS has published releases of different buyers' procurements under one ocid (one holds
 * over 100). They are shown as FTS publishes them, with a problem naming the buyers, so
 * that one buyer's notices and dates are not taken for another's. Buyers are told apart by
 * id when the release gives one (a buyer's name is spelt differently from notice to notice).
 */
function differentBuyersProblem(source: ProcurementSource): Problem | undefined {
  const buyers = new Map<string, string>();
  let path: string | undefined;
  for (const entry of source.releases) {
    const buyer = releaseBuyer(entry.release);
    if (!buyer || buyers.has(buyer.key)) continue;
    buyers.set(buyer.key, buyer.name.length > MAX_NAME_SHOWN ? `${buyer.name.slice(0, MAX_NAME_SHOWN)}…` : buyer.name);
    if (buyers.size === 2) path = pathIn(entry, ['buyer']);
  }
  if (buyers.size < 2) return undefined;
  const names = [...buyers.values()];
  const listed = names.slice(0, BUYERS_NAMED).join('; ') + (names.length > BUYERS_NAMED ? `; and ${names.length - BUYERS_NAMED} more` : '');
  return {
    path: path!,
    message: `the releases of ${source.ocid} name ${names.length} different buyers (${listed}): Find a Tender has published them under one procurement identifier, so they may be different procurements`,
  };
}

/** Builds the model of one procurement from its validated source; adds to `problems` what it cannot use. */
export function buildProcurement(source: ProcurementSource, problems: Problem[]): Procurement {
  const releases = source.releases;
  const buyersProblem = differentBuyersProblem(source);
  if (buyersProblem) problems.push(buyersProblem);
  const walked = walkStates(releases);
  const current = compiledReleaseOf(source, () => walked.last);
  // Where a current value can be found in the input: the compiled release, else the latest release that set it.
  const origins: SourcedRelease[] = [...(source.compiled ? [source.compiled] : []), ...[...releases].reverse()];

  const notices: Notice[] = releases.flatMap((entry, index): Notice[] => {
    const { release, path } = entry;
    if (release.id == null) {
      problems.push({ path, message: 'this release has no id, so its notice cannot be named; it was left out of the timeline' });
      return [];
    }
    const notice = makeNotice(release.id, releaseNoticeName(release, current), release.date, pathIn(entry, ['date']), release.tag ?? []);
    if (!notice.publishedAt) problems.push({ path: notice.source, message: `notice ${release.id} has no publication date` });
    notice.changes = walked.changes[index]!;
    return [notice];
  });
  const noticeIds = new Set(notices.map((n) => n.id));
  // A compiled record lists its notices as documents; add those the releases did not cover.
  for (const { doc, steps } of documentsOf(current)) {
    if (!doc.noticeType || doc.id == null || noticeIds.has(doc.id)) continue;
    noticeIds.add(doc.id);
    const where = resolveSource(origins, [...steps, 'datePublished'], doc.datePublished ?? '');
    notices.push(makeNotice(doc.id, nameNotice(doc.noticeType, undefined, []), doc.datePublished, where ?? `${source.compiled?.path ?? '$'}`, []));
  }
  // By date, those without one last. (No U+FFFF stand-in for a missing date: a minifier writes
  // it as the raw character, and Chrome refuses a content script that holds one as not UTF-8.)
  notices.sort((a, b) => (a.publishedAt === b.publishedAt ? 0 : a.publishedAt === undefined ? 1 : b.publishedAt === undefined ? -1 : a.publishedAt < b.publishedAt ? -1 : 1));

  // Amendments: FTS's lists name the notice that made them; update releases are amendments too.
  const amendmentLists = [current, ...releases.map((r) => r.release)].flatMap((s) => amendmentsOf(s));
  const amendmentByNotice = firstByKey(amendmentLists, (a) => [a.id, a.releaseID]);
  const releaseById = firstByKey(releases, (r) => [r.release.id ?? undefined]);
  for (const notice of notices) {
    const entry = amendmentByNotice.get(notice.id);
    const release = releaseById.get(notice.id);
    // An update release amends what came before it, even when the data holds none of that.
    const isUpdate = release !== undefined && notice.tags.some((tag) => UPDATE_TAGS.has(tag));
    const ownEntry = release ? amendmentsOf(release.release)[0] : undefined;
    const chosen = entry ?? (isUpdate ? ownEntry : undefined);
    if (!chosen && !isUpdate) continue;
    const dateAt = toInstant(chosen?.date);
    // The notice's own release first, then where the current state came from (not a copy of that list per notice).
    const dateSteps = chosen ? [...chosen.steps, 'date'] : [];
    const dateSource =
      dateAt && chosen?.date ? ((release && resolveSource([release], dateSteps, chosen.date)) ?? resolveSource(origins, dateSteps, chosen.date)) : undefined;
    // A key date a corrigendum moved may also show in the comparison of states: told once.
    const told = (stated: Change) => notice.changes.some((c) => c.field === stated.field && c.after === stated.after);
    if (chosen) notice.changes = [...notice.changes, ...statedChanges(chosen.entry).filter((stated) => !told(stated))];
    notice.amendment = {
      description: chosen?.description ?? undefined,
      at: (dateSource ? dateAt : notice.publishedAt) ?? notice.publishedAt ?? '',
      source: dateSource ?? notice.source,
    };
  }

  const located: LocatedKeyDate[] = [];
  for (const candidate of extractKeyDates(current)) {
    const at = toInstant(candidate.raw);
    const where = resolveSource(origins, candidate.steps, candidate.raw);
    if (!at || !where) continue;
    located.push({ ...candidate, at, source: where });
  }
  const stops = stopsOf(current, notices);
  const stage = stageOf(current, notices, located, stops);
  const isEstimate = estimator(releases, notices, stage);
  for (const candidate of located) if (isEstimate(candidate)) candidate.estimated = true;
  const keyDates = markMoves(markVoid(groupKeyDates(located), stops), notices);

  const tender = current.tender;
  const buyerParty = current.parties?.find((p) => (current.buyer?.id != null && p.id === current.buyer.id) || p.roles?.includes('buyer'));
  const currency = tender?.value?.currency ?? undefined;
  const submissionText = tender?.submissionMethodDetails?.trim();
  const cpv = new Map<string, string | undefined>();
  for (const item of tender?.items ?? []) {
    for (const c of [item.classification, ...(item.additionalClassifications ?? [])]) {
      if (c?.id != null && (c.scheme ?? 'CPV').toUpperCase() === 'CPV' && !cpv.has(c.id)) cpv.set(c.id, c.description ?? undefined);
    }
  }
  return {
    ocid: source.ocid,
    title: tender?.title ?? undefined,
    description: tender?.description ?? undefined,
    buyer:
      current.buyer || buyerParty
        ? {
            id: current.buyer?.id ?? buyerParty?.id ?? undefined,
            name: current.buyer?.name ?? buyerParty?.name ?? undefined,
            contact: buyerParty?.contactPoint
              ? {
                  name: buyerParty.contactPoint.name ?? undefined,
                  email: buyerParty.contactPoint.email ?? undefined,
                  telephone: buyerParty.contactPoint.telephone ?? undefined,
                  url: safeHttpsUrl(buyerParty.contactPoint.url),
                }
              : undefined,
          }
        : undefined,
    stage,
    status: tender?.status ?? undefined,
    regime: regimeOf(current, notices),
    value: { net: specifiedMoney(tender?.value?.amount, currency), gross: specifiedMoney(tender?.value?.amountGross, currency) },
    currency,
    // FTS's own words for the procedure, else the OCDS method code in plain words.
    procedure: tender?.procurementMethodDetails ?? (tender?.procurementMethod ? codeWords('method', tender.procurementMethod) : undefined),
    category: tender?.mainProcurementCategory ?? undefined,
    lots: (tender?.lots ?? []).flatMap((lot) =>
      lot.id == null
        ? []
        : [
            {
              id: lot.id,
              title: lot.title ?? undefined,
              description: lot.description ?? undefined,
              status: lot.status ?? undefined,
              value: {
                net: specifiedMoney(lot.value?.amount, lot.value?.currency ?? currency),
                gross: specifiedMoney(lot.value?.amountGross, lot.value?.currency ?? currency),
              },
              contractPeriod: lot.contractPeriod
                ? {
                    startDate: toInstant(lot.contractPeriod.startDate),
                    endDate: toInstant(lot.contractPeriod.endDate),
                    maxExtentDate: toInstant(lot.contractPeriod.maxExtentDate),
                  }
                : undefined,
              hasRenewal: lot.hasRenewal ?? undefined,
              renewal: lot.renewal?.description ?? undefined,
            },
          ],
    ),
    cpv: [...cpv].map(([code, description]) => ({ code, description })),
    submission: submissionText ? { text: submissionText, url: safeHttpsUrl(submissionText.split(/\s+/)[0]) } : undefined,
    documents: documentsOf(current)
      .filter(({ doc }) => !doc.noticeType)
      .map(({ doc }) => ({ id: doc.id ?? undefined, title: doc.title ?? doc.description ?? doc.documentType ?? 'Document', url: safeHttpsUrl(doc.url) })),
    awards: awardsOf(current, currency),
    notices,
    keyDates,
  };
}
