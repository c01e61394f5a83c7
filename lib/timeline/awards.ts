/**
 * Who won what: each award of a procurement with its suppliers, lots and value, as award
 * and contract notices (UK6, UK7, F03, F06, F15) publish them. Its dates are key dates
 * (standstill, contract start, end, maximum extension), read once in `key-dates.ts`;
 * `awardKeyDates` picks those of one award.
 */
import { specifiedMoney, type Money } from '../money';
import type { Organisation, Release } from '../ocds/schema';
import type { KeyDate, ProcurementValue } from '../procurement';
import type { KeyDateType } from './types';

export interface ProcurementAward {
  id: string;
  /** The award's own title, e.g. "Lot 1 - Clothall". */
  title?: string;
  /** OCDS award status: `pending`, `active`, `cancelled`, `unsuccessful`. */
  status?: string;
  /** Lot ids it awards; empty for the whole procurement. */
  lots: string[];
  /** Supplier names as published; empty when the notice names none. */
  suppliers: string[];
  /** The contract's value where a contract gives one, else the award's. */
  value: ProcurementValue;
}

const valueOf = (value: { amount?: number | null; amountGross?: number | null; currency?: string | null } | null | undefined, currency: string | undefined): ProcurementValue => ({
  net: specifiedMoney(value?.amount, value?.currency ?? currency),
  gross: specifiedMoney(value?.amountGross, value?.currency ?? currency),
});

const specified = (value: ProcurementValue) => value.net !== undefined || value.gross !== undefined;

/** The awards of one state, suppliers named from the award or else its parties. */
export function awardsOf(state: Release, currency: string | undefined): ProcurementAward[] {
  const partyName = new Map<string, string>();
  for (const party of (state.parties ?? []) as Organisation[]) if (party.id != null && party.name && !partyName.has(party.id)) partyName.set(party.id, party.name);
  const contractValue = new Map<string, ProcurementValue>();
  for (const contract of state.contracts ?? []) {
    const value = valueOf(contract.value, currency);
    if (contract.awardID != null && specified(value) && !contractValue.has(contract.awardID)) contractValue.set(contract.awardID, value);
  }
  return (state.awards ?? []).flatMap((award): ProcurementAward[] => {
    if (award.id == null) return [];
    const suppliers = (award.suppliers ?? []).flatMap((s) => {
      const name = s.name?.trim() || (s.id != null ? partyName.get(s.id) : undefined);
      return name ? [name] : [];
    });
    return [
      {
        id: award.id,
        title: award.title ?? undefined,
        status: award.status ?? undefined,
        lots: (award.relatedLots ?? []).map(String),
        suppliers,
        value: contractValue.get(award.id) ?? valueOf(award.value, currency),
      },
    ];
  });
}

/** Awards that did not, or will not, give anyone a contract. */
const NOT_MADE = new Set(['cancelled', 'unsuccessful']);

/** `amounts` added up to the penny, when every one is given and all are in one currency. */
function total(amounts: readonly (Money | undefined)[]): Money | undefined {
  const first = amounts[0];
  if (!first || amounts.some((m) => !m || m.currency !== first.currency)) return undefined;
  return { amount: Math.round(amounts.reduce((sum, m) => sum + m!.amount * 100, 0)) / 100, currency: first.currency };
}

/**
 * What was awarded, in all, for a procurement whose notices give no value of their own: the
 * awards made (not cancelled or unsuccessful) that give a value, added up; undefined when none
 * gives one, or their values cannot be added (different currencies, some with VAT only).
 */
export function awardedValue(awards: readonly ProcurementAward[]): { value: ProcurementValue; awards: number } | undefined {
  const valued = awards.filter((award) => !NOT_MADE.has(award.status ?? '') && specified(award.value));
  const net = total(valued.map((award) => award.value.net));
  const gross = total(valued.map((award) => award.value.gross));
  return net || gross ? { value: { ...(net ? { net } : {}), ...(gross ? { gross } : {}) }, awards: valued.length } : undefined;
}

/** The key dates an award's bidders and rivals act on, in this order. */
export const AWARD_KEY_DATE_TYPES: readonly KeyDateType[] = ['awardDate', 'standstillEnd', 'signatureExpected', 'contractSigned', 'contractStart', 'contractEnd', 'contractMaxExtent', 'terminated'];

/** The key dates of one award: those of its lots (or of the whole procurement), in `AWARD_KEY_DATE_TYPES` order. */
export function awardKeyDates(award: Pick<ProcurementAward, 'lots'>, keyDates: readonly KeyDate[]): KeyDate[] {
  const applies = (k: KeyDate) => k.lots.length === 0 || award.lots.length === 0 || k.lots.some((lot) => award.lots.includes(lot));
  return AWARD_KEY_DATE_TYPES.flatMap((type) => keyDates.filter((k) => k.type === type && applies(k)));
}

/**
 * When a contract ends and may be let again — what business development watches: the
 * latest end, and the latest end if fully extended, of those still happening; none once
 * it was terminated.
 */
export function contractEnd(keyDates: readonly KeyDate[]): { end?: KeyDate; maxExtent?: KeyDate } | undefined {
  if (keyDates.some((k) => k.type === 'terminated')) return undefined;
  const latest = (type: KeyDateType) => keyDates.filter((k) => k.type === type && !k.void).reduce<KeyDate | undefined>((max, k) => (!max || k.at > max.at ? k : max), undefined);
  const end = latest('contractEnd');
  const maxExtent = latest('contractMaxExtent');
  return end || maxExtent ? { end, maxExtent } : undefined;
}
