/**
 * Who won what, what moved and which notice is an old version, on real FTS releases
 * (test/fixtures/fts/api/whole-stream). Every expected value was read by hand from the
 * JSON; London times worked out by hand (BST is UTC+1 until 25 October 2026).
 */
import { describe, expect, it } from 'vitest';
import { readOcds } from '../lib/ocds/read';
import { isEmptyProcurement } from '../lib/empty-procurement';
import type { Procurement } from '../lib/procurement';
import { awardedValue, awardKeyDates, contractEnd, type ProcurementAward } from '../lib/timeline/awards';
import { netChanges, newerNotices } from '../lib/timeline/changes';
import type { Change } from '../lib/timeline/types';
import { readFtsApi, readReal } from './support/fixtures';

const pages = new Map<string, Procurement[]>();

/** One procurement of a whole-stream page, as the page holds it. */
function procurementOf(page: string, ocid: string): Procurement {
  if (!pages.has(page)) {
    const read = readOcds(readFtsApi(`whole-stream/${page}.json`));
    if (!read.ok) throw new Error(read.message);
    pages.set(page, read.procurements.map((p) => p.procurement));
  }
  const found = pages.get(page)!.find((p) => p.ocid === ocid);
  if (!found) throw new Error(`${ocid} not in ${page}`);
  return found;
}

const gbp = (amount: number) => ({ amount, currency: 'GBP' });
const datesOf = (procurement: Procurement, award: number) => awardKeyDates(procurement.awards[award]!, procurement.keyDates).map((k) => [k.type, k.at]);

describe('awards on real award and contract notices', () => {
  it('a UK6 (076398-2026) with two lots won and two without a supplier', () => {
    const uk6 = procurementOf('page-001', 'ocds-h6vhtk-052218');
    expect(uk6.awards).toEqual([
      { id: '1', title: 'Lot 1 - Clothall', status: 'pending', lots: ['1'], suppliers: ['1st Class Support and Housing Ltd'], value: { net: gbp(9228780), gross: gbp(11074536) } },
      { id: '2', title: 'Lot 3 - Cassiobury', status: 'pending', lots: ['3'], suppliers: ['Frontline Social Care Ltd'], value: { net: gbp(7977420), gross: gbp(9572904) } },
      { id: '-1', status: 'active', lots: ['2', '4'], suppliers: [], value: {} },
    ]);
    // Award 1: date 10 Aug 00:00 BST; standstill 21 Aug 23:59:59 BST; signature 1 Sep 23:59:59 BST;
    // contract 14 Sep 2026 00:00 BST to 13 Aug 2029 23:59:59 BST, 13 Aug 2031 if extended.
    expect(datesOf(uk6, 0)).toEqual([
      ['awardDate', '2026-08-09T23:00:00.000Z'],
      ['standstillEnd', '2026-08-21T22:59:59.000Z'],
      ['signatureExpected', '2026-09-01T22:59:59.000Z'],
      ['contractStart', '2026-09-13T23:00:00.000Z'],
      ['contractEnd', '2029-08-13T22:59:59.000Z'],
      ['contractMaxExtent', '2031-08-13T22:59:59.000Z'],
    ]);
    const ends = contractEnd(awardKeyDates(uk6.awards[0]!, uk6.keyDates));
    expect([ends?.end?.at, ends?.maxExtent?.at]).toEqual(['2029-08-13T22:59:59.000Z', '2031-08-13T22:59:59.000Z']);
  });

  it('an F03 (076457-2026): the supplier, and the value its contract gives', () => {
    const f03 = procurementOf('page-001', 'ocds-h6vhtk-06e1e4');
    expect(f03.notices.map((n) => n.name)).toEqual(['F03: Contract award notice']);
    expect(f03.awards).toEqual([{ id: '076457-2026-1', status: 'active', lots: ['1'], suppliers: ['Imosphere Ltd'], value: { net: gbp(88450) } }]);
    // Signed 11 Aug 2026 (written as midnight BST).
    expect(datesOf(f03, 0)).toEqual([['contractSigned', '2026-08-10T23:00:00.000Z']]);
  });

  it('an F06 (076437-2026, utilities): FP McCann Limited, £50,000,000', () => {
    const f06 = procurementOf('page-001', 'ocds-h6vhtk-04d3ec');
    expect(f06.notices.map((n) => n.name)).toEqual(['F06: Contract award notice – utilities']);
    expect(f06.awards.map((a) => [a.suppliers, a.value])).toEqual([[['FP McCann Limited'], { net: gbp(50000000) }]]);
  });

  it('a UK7 (076460-2026): the contract period it gives, its end in GMT', () => {
    const uk7 = procurementOf('page-001', 'ocds-h6vhtk-06e1e6');
    expect(uk7.awards.map((a) => [a.suppliers, a.value])).toEqual([[['SOS Electrical Services'], { net: gbp(1260000), gross: gbp(1260000) }]]);
    // Signed 20 Jul 00:00 BST; starts 7 Sep 00:00 BST; ends "2026-12-01T23:59:59Z" (London is on GMT then).
    expect(datesOf(uk7, 0)).toEqual([
      ['contractSigned', '2026-07-19T23:00:00.000Z'],
      ['contractStart', '2026-09-06T23:00:00.000Z'],
      ['contractEnd', '2026-12-01T23:59:59.000Z'],
    ]);
    expect(contractEnd(uk7.keyDates)).toEqual({ end: expect.objectContaining({ at: '2026-12-01T23:59:59.000Z' }), maxExtent: undefined });
  });

  it('no award before one is made, and no end once the contract was terminated', () => {
    expect(procurementOf('page-003', 'ocds-h6vhtk-06de32').awards).toEqual([]);
    expect(contractEnd([{ type: 'contractEnd', at: '2027-01-01T00:00:00.000Z', lots: [], source: '$' }, { type: 'terminated', at: '2026-09-01T00:00:00.000Z', lots: [], source: '$' }])).toBeUndefined();
  });
});

describe('awardedValue: what was awarded, in all', () => {
  const award = (id: string, value: ProcurementAward['value'], status = 'active'): ProcurementAward => ({ id, status, lots: [], suppliers: [], value });

  it('the UK6 (076398-2026): lots 1 and 3, pending, add up; the award with no value adds nothing', () => {
    // 9228780 + 7977420 = 17206200 net; 11074536 + 9572904 = 20647440 gross.
    expect(awardedValue(procurementOf('page-001', 'ocds-h6vhtk-052218').awards)).toEqual({ value: { net: gbp(17206200), gross: gbp(20647440) }, awards: 2 });
  });

  it('to the penny; cancelled and unsuccessful awards left out', () => {
    const awards = [award('a', { net: gbp(0.1) }), award('b', { net: gbp(0.2) }), award('c', { net: gbp(1000) }, 'cancelled'), award('d', { net: gbp(500) }, 'unsuccessful')];
    expect(awardedValue(awards)).toEqual({ value: { net: gbp(0.3) }, awards: 2 });
  });

  it('nothing when no award gives a value, or the values cannot be added', () => {
    expect(awardedValue([])).toBeUndefined();
    expect(awardedValue([award('a', {})])).toBeUndefined();
    expect(awardedValue([award('a', { net: gbp(10) }), award('b', { net: { amount: 10, currency: 'EUR' } })])).toBeUndefined();
    // One with VAT only: the net total is not known, nor the gross.
    expect(awardedValue([award('a', { net: gbp(10) }), award('b', { gross: gbp(12) })])).toBeUndefined();
  });
});

describe('a deadline that moved, and the notice it moved in (ocds-h6vhtk-06de32, page 3)', () => {
  // UK4 076174-2026 (11 Aug 2026 12:05:19 BST): enquiries by 19 Aug 00:00 BST, tenders by 2 Sep 00:00 BST.
  // UK4 076194-2026 (11 Aug 2026 12:31:55 BST): enquiries by 11 Aug 12:35 BST, tenders by 11 Aug 12:40 BST.
  const procurement = () => procurementOf('page-003', 'ocds-h6vhtk-06de32');

  it('each key date keeps what it was before, and that it was brought forward', () => {
    const moved = procurement().keyDates.filter((k) => k.type === 'enquiryDeadline' || k.type === 'submissionDeadline');
    expect(moved.map((k) => [k.type, k.at, k.moved])).toEqual([
      ['enquiryDeadline', '2026-08-11T11:35:00.000Z', { from: '2026-08-18T23:00:00.000Z', broughtForward: true }],
      ['submissionDeadline', '2026-08-11T11:40:00.000Z', { from: '2026-09-01T23:00:00.000Z', broughtForward: true }],
    ]);
  });

  it('the first notice is an old version: the newer one and what it changed', () => {
    const newer = newerNotices(procurement(), '076174-2026');
    expect(newer?.latest.id).toBe('076194-2026');
    expect(newer?.latest.url).toBe('https://www.find-tender.service.gov.uk/Notice/076194-2026');
    expect(newer?.latest.publishedAt).toBe('2026-08-11T11:31:55.000Z');
    expect(newer?.count).toBe(1);
    expect(newer?.changes.map((c) => [c.field, c.before, c.after, c.broughtForward])).toEqual([
      ['keyDate:enquiryDeadline', '2026-08-18T23:00:00.000Z', '2026-08-11T11:35:00.000Z', true],
      ['keyDate:submissionDeadline', '2026-09-01T23:00:00.000Z', '2026-08-11T11:40:00.000Z', true],
    ]);
  });

  it('the latest notice, and a notice not in the procurement, are not old versions', () => {
    expect(newerNotices(procurement(), '076194-2026')).toBeUndefined();
    expect(newerNotices(procurement(), '000000-2026')).toBeUndefined();
  });

  it('a key date that no notice moved has no old value', () => {
    expect(procurementOf('page-001', 'ocds-h6vhtk-052218').keyDates.filter((k) => k.moved)).toEqual([]);
  });
});

describe('netChanges: what several notices came to', () => {
  const move = (before: string, after: string, extra: Partial<Change> = {}): Change => ({ field: 'keyDate:submissionDeadline', label: 'Submission deadline', kind: 'changed', text: `moved ${before} → ${after}`, before, after, ...extra });

  it('a key date moved twice is one move from the first value to the last', () => {
    const [only, ...rest] = netChanges([move('2027-03-30T11:00:00.000Z', '2027-04-06T11:00:00.000Z'), move('2027-04-06T11:00:00.000Z', '2027-04-13T11:00:00.000Z')]);
    expect(rest).toEqual([]);
    // 30 March and 13 April 2027 at 12:00 BST.
    expect(only).toMatchObject({ before: '2027-03-30T11:00:00.000Z', after: '2027-04-13T11:00:00.000Z', kind: 'changed' });
    expect(only!.broughtForward).toBeUndefined();
    expect(only!.text).toMatch(/^Submission deadline moved from 30 .*Mar.* 2027.* to 13 .*Apr.* 2027/);
  });

  it('moved back where it was is no change; another lot’s move is its own', () => {
    expect(netChanges([move('2027-03-30T11:00:00.000Z', '2027-04-06T11:00:00.000Z'), move('2027-04-06T11:00:00.000Z', '2027-03-30T11:00:00.000Z')])).toEqual([]);
    const lot2 = move('2027-03-30T11:00:00.000Z', '2027-03-20T11:00:00.000Z', { lots: ['2'], broughtForward: true });
    expect(netChanges([move('2027-03-30T11:00:00.000Z', '2027-04-06T11:00:00.000Z'), lot2])).toHaveLength(2);
  });
});

describe('a read that found no procurement', () => {
  it('a real record cut off before its title is empty; cut after it, it is not', () => {
    const record = readReal('ocds-h6vhtk-05cfd9.json');
    const at = (length: number) => {
      const read = readOcds(record.slice(0, length));
      if (!read.ok) throw new Error(read.message);
      return read.procurements[0]!.procurement;
    };
    expect(isEmptyProcurement(at(700))).toBe(true);
    expect(at(2000).title).toBe('Out of Court Resolution');
    expect(isEmptyProcurement(at(2000))).toBe(false);
  });
});
