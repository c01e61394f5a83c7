/**
 * A cancelled, withdrawn or terminated procurement has nothing coming up. Each of its key
 * dates after the moment it stopped never happens and is marked void; so is a key date of
 * lots that all stopped (a lot cancelled, or its award cancelled with no live award after).
 *
 * What stops the whole procurement: a UK12 procurement termination notice or a
 * `tenderCancellation` release (whatever `tender.status` says: FTS's cancellation stubs
 * often contradict their tag) — unless it cancels some lots while others go on, when it
 * stops those lots alone —, `tender.status` cancelled / withdrawn / unsuccessful, a
 * terminated contract for the whole procurement, a UK11 contract termination notice whose
 * contract names no lots, or every lot stopping.
 */
import { parseInstant } from '../dates';
import type { Release } from '../ocds/schema';
import type { KeyDate, Notice } from '../procurement';
import { CANCELLED_STATUSES } from './key-dates';

/** Key dates that record the stop itself: they happened. */
const STOP_TYPES: ReadonlySet<string> = new Set(['cancelled', 'terminated']);
const LIVE_AWARD_STATUSES: ReadonlySet<string> = new Set(['active', 'pending']);

export interface Stops {
  /** Epoch ms the whole procurement stopped; undefined while it goes on. */
  whole?: number;
  /** Epoch ms each stopped lot stopped. */
  lots: Map<string, number>;
  /** True when a cancellation named some lots while others go on: it stopped those lots alone. */
  partial: boolean;
}

const earliest = (a: number | undefined, b: number): number => (a === undefined ? b : Math.min(a, b));

function instantOf(raw: string | null | undefined): number | undefined {
  return raw ? parseInstant(raw)?.getTime() : undefined;
}

/** When the procurement and its lots stopped, from the current state and the notices. */
export function stopsOf(state: Release, notices: readonly Notice[]): Stops {
  const published = notices.flatMap((n) => (n.publishedAt ? [Date.parse(n.publishedAt)] : []));
  // A stop the data gives no date for happened by the latest notice (the one that said so, or later).
  const fallback = published.reduce((latest, at) => Math.max(latest, at), -Infinity);
  const stops: Stops = { lots: new Map(), partial: false };
  const stopWhole = (at: number) => (stops.whole = earliest(stops.whole, at));
  const stopLots = (lots: readonly string[], at: number) => {
    for (const lot of lots) stops.lots.set(lot, earliest(stops.lots.get(lot), at));
  };

  const tender = state.tender;
  const awards = state.awards ?? [];
  const lotsOfAward = (awardID: string | null | undefined) => (awards.find((a) => a.id != null && a.id === awardID)?.relatedLots ?? []).map(String);

  for (const award of awards) {
    if (CANCELLED_STATUSES.has(award.status ?? '')) stopLots((award.relatedLots ?? []).map(String), instantOf(award.finalStatusDate) ?? fallback);
  }
  for (const lot of tender?.lots ?? []) {
    if (lot.id != null && CANCELLED_STATUSES.has(lot.status ?? '')) stopLots([lot.id], fallback);
  }
  const lotIds = (tender?.lots ?? []).flatMap((lot) => (lot.id != null ? [lot.id] : []));
  // A cancellation that names some lots while others go on stops those lots alone.
  stops.partial = stops.lots.size > 0 && lotIds.some((id) => !stops.lots.has(id));
  // A lot with a live award goes on (FTS marks old-regime awarded lots `cancelled`, and a
  // cancelled award can be followed by a new one).
  for (const award of awards) {
    if (LIVE_AWARD_STATUSES.has(award.status ?? '')) for (const lot of award.relatedLots ?? []) stops.lots.delete(String(lot));
  }
  let terminatedLots = false;
  for (const contract of state.contracts ?? []) {
    if (contract.status !== 'terminated') continue;
    const lots = lotsOfAward(contract.awardID);
    const at = instantOf(contract.finalStatusDate) ?? fallback;
    if (lots.length === 0) stopWhole(at);
    else {
      terminatedLots = true;
      stopLots(lots, at);
    }
  }

  for (const notice of notices) {
    if (notice.publishedAt === undefined) continue;
    const cancels = (notice.noticeType === 'UK12' || notice.tags.includes('tenderCancellation')) && !stops.partial;
    // A UK11 ends one contract: the whole procurement only when that contract names no lots.
    if (cancels || (notice.noticeType === 'UK11' && !terminatedLots)) stopWhole(Date.parse(notice.publishedAt));
  }
  if (CANCELLED_STATUSES.has(tender?.status ?? '')) stopWhole(instantOf(tender?.finalStatusDate) ?? fallback);
  if (lotIds.length > 0 && lotIds.every((id) => stops.lots.has(id))) stopWhole(lotIds.reduce((last, id) => Math.max(last, stops.lots.get(id)!), -Infinity));
  return stops;
}

/** True when the key date comes after its procurement, or every lot it applies to, stopped. */
function isVoid(keyDate: KeyDate, stops: Stops): boolean {
  if (STOP_TYPES.has(keyDate.type)) return false;
  const at = Date.parse(keyDate.at);
  if (stops.whole !== undefined && at > stops.whole) return true;
  return keyDate.lots.length > 0 && keyDate.lots.every((lot) => {
    const stopped = stops.lots.get(lot);
    return stopped !== undefined && at > stopped;
  });
}

/**
 * The key dates with `void: true` on those that will never happen. A key date shared by a
 * stopped lot and a live one stays as it is: it still happens, and its identity (type,
 * lots) is what calendars and reminders already know it by.
 */
export function markVoid(keyDates: readonly KeyDate[], stops: Stops): KeyDate[] {
  return keyDates.map((keyDate) => {
    const { void: _old, ...rest } = keyDate;
    return isVoid(keyDate, stops) ? { ...rest, void: true } : rest;
  });
}
