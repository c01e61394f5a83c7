/**
 * What changed between two reads of a watched procurement, on models built from real FTS
 * data (the shared records and the project's own fixtures) with hand-made changes. Every
 * expected text is written by hand from the data, in UK time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import type { Procurement } from '../lib/procurement';
import { compareProcurements } from '../lib/watchlist/compare';
import { ownOcdsDir, realRecord } from './support/fixtures';

const NOW = new Date('2026-06-01T09:00:00Z');
const FOUND = new Date('2026-06-10T08:30:00Z');

/** The procurement model of some OCDS, as the background builds it. */
function model(doc: unknown): Procurement {
  const result = analyseOcds(JSON.stringify(doc), NOW);
  if (!result.ok) throw new Error(result.message);
  expect(result.procurements).toHaveLength(1);
  return result.procurements[0]!.procurement;
}

const own = (name: string): Record<string, any> => JSON.parse(readFileSync(`${ownOcdsDir}${name}`, 'utf8'));
const texts = (before: Procurement, after: Procurement) => compareProcurements(before, after, FOUND).map((c) => c.text);

/** West Midlands PCC victim services (UK3, planning): deadline 1 Jul 2026 23:59:59 BST, three lots to 31 Mar 2031, value not specified. */
const WEST_MIDLANDS = 'ocds-h6vhtk-067b89.json';

describe('compareProcurements', () => {
  it('no change → [] (the same record read twice, as two separate models)', () => {
    for (const doc of [realRecord(WEST_MIDLANDS), realRecord(), own('record-delta-deadline-moves.json'), own('framework-20-lots.json')]) {
      expect(compareProcurements(model(doc), model(structuredClone(doc)), FOUND)).toEqual([]);
    }
  });

  it('a moved submission deadline → "Submission deadline moved from 1 Jul 2026 to 15 Jul 2026", found at the time given', () => {
    const before = realRecord(WEST_MIDLANDS);
    expect(before.tender.tenderPeriod.endDate).toBe('2026-07-01T23:59:59+01:00');
    const after = structuredClone(before);
    after.tender.tenderPeriod.endDate = '2026-07-15T23:59:59+01:00';
    expect(compareProcurements(model(before), model(after), FOUND)).toEqual([
      { kind: 'keyDate', text: 'Submission deadline moved from 1 Jul 2026 to 15 Jul 2026', foundAt: '2026-06-10T08:30:00.000Z' },
    ]);
  });

  it('a deadline with a time of day keeps the time, in UK time (24 Nov 2025 14:00 GMT → 1 Dec 2025 14:00 GMT)', () => {
    const before = realRecord();
    expect(before.tender.tenderPeriod.endDate).toBe('2025-11-24T14:00:00Z');
    const after = structuredClone(before);
    after.tender.tenderPeriod.endDate = '2025-12-01T14:00:00Z';
    expect(texts(model(before), model(after))).toEqual(['Submission deadline moved from 24 Nov 2025, 14:00 to 1 Dec 2025, 14:00']);
  });

  it('a key date set and one removed', () => {
    const before = realRecord(WEST_MIDLANDS);
    const after = structuredClone(before);
    after.tender.enquiryPeriod = { endDate: '2026-06-17T17:00:00+01:00' };
    delete after.tender.communication.futureNoticeDate;
    expect(texts(model(before), model(after))).toEqual(['Enquiry deadline set: 17 Jun 2026, 17:00', 'Next notice expected removed (was 1 Jun 2026)']);
  });

  it('a new notice that amends the procurement → the notice, then the amendment in the buyer’s words', () => {
    const before = realRecord(WEST_MIDLANDS);
    const after = structuredClone(before);
    after.planning.documents.push({
      id: '047311-2026',
      documentType: 'plannedProcurementNotice',
      noticeType: 'UK3',
      description: 'Planned procurement notice on Find a Tender',
      url: 'https://www.find-tender.service.gov.uk/Notice/047311-2026',
      datePublished: '2026-05-26T14:05:12+01:00',
      format: 'text/html',
    });
    after.tender.amendments.push({ id: '047311-2026', description: 'Tender deadline extended by two weeks' });
    after.tender.tenderPeriod.endDate = '2026-07-15T23:59:59+01:00';
    expect(compareProcurements(model(before), model(after), FOUND)).toEqual([
      { kind: 'notice', text: 'New notice: UK3: Planned procurement notice, published 26 May 2026, 14:05', foundAt: FOUND.toISOString() },
      { kind: 'amendment', text: 'Amendment: Tender deadline extended by two weeks', foundAt: FOUND.toISOString() },
      { kind: 'keyDate', text: 'Submission deadline moved from 1 Jul 2026 to 15 Jul 2026', foundAt: FOUND.toISOString() },
    ]);
  });

  it('a new tender notice moves the procurement on a stage', () => {
    const before = realRecord(WEST_MIDLANDS);
    const after = structuredClone(before);
    after.tender.documents = [
      {
        id: '052004-2026',
        documentType: 'tenderNotice',
        noticeType: 'UK4',
        description: 'Tender notice on Find a Tender',
        url: 'https://www.find-tender.service.gov.uk/Notice/052004-2026',
        datePublished: '2026-06-03T09:00:00+01:00',
        format: 'text/html',
      },
    ];
    expect(texts(model(before), model(after))).toEqual(['New notice: UK4: Tender notice, published 3 Jun 2026, 09:00', 'Stage changed from planning to tender']);
  });

  it('a real tender update (Bristol, record delta): new UK4, its amendment, and both deadlines moved across the clock change', () => {
    const record = own('record-delta-deadline-moves.json');
    const upTo = (n: number) => {
      const copy = structuredClone(record);
      copy.records[0].releases = copy.records[0].releases.slice(0, n);
      delete copy.records[0].compiledRelease;
      delete copy.records[0].versionedRelease;
      return copy;
    };
    expect(texts(model(upTo(1)), model(upTo(2)))).toEqual([
      'New notice: UK4: Tender notice, published 20 Oct 2025, 16:42',
      'Amendment: Submission deadline extended to 7 November 2025 and clarification deadline to 31 October 2025 following supplier requests for more time to arrange site visits.',
      'Enquiry deadline moved from 17 Oct 2025, 17:00 to 31 Oct 2025, 17:00',
      'Submission deadline moved from 24 Oct 2025, 12:00 to 7 Nov 2025, 12:00',
    ]);
    // The second update has no amendments entry: the notice itself is the amendment.
    expect(texts(model(upTo(2)), model(record))).toEqual([
      'New notice: UK4: Tender notice, published 29 Oct 2025, 09:05',
      'Amendment: notice 069512-2025 changed the procurement',
      'Title changed to “Highways Drainage, Gully Cleansing and CCTV Survey Services”',
    ]);
  });

  it('one lot’s contract end moving is one change naming that lot (Leeds, lot 2: 31 Jul 2028 → 31 Mar 2029)', () => {
    const before = own('uk4-enquiry-and-submission.json');
    const after = structuredClone(before);
    expect(after.releases[0].tender.lots[1].contractPeriod.endDate).toBe('2028-07-31T23:59:59+01:00');
    after.releases[0].tender.lots[1].contractPeriod.endDate = '2029-03-31T23:59:59+01:00';
    expect(texts(model(before), model(after))).toEqual(['Contract ends (lot 2) moved from 31 Jul 2028 to 31 Mar 2029']);
  });

  it('one lot of three that shared a date moves: only that lot; all three move: one change naming the three', () => {
    const before = realRecord(WEST_MIDLANDS);
    const one = structuredClone(before);
    one.tender.lots[1].contractPeriod.endDate = '2032-03-31T23:59:59+01:00';
    expect(texts(model(before), model(one))).toEqual(['Contract ends (lot 2) moved from 31 Mar 2031 to 31 Mar 2032']);
    const all = structuredClone(before);
    for (const lot of all.tender.lots) lot.contractPeriod.startDate = '2027-05-01T00:00:00+01:00';
    expect(texts(model(before), model(all))).toEqual(['Contract starts (lots 1, 2, 3) moved from 1 Apr 2027 to 1 May 2027']);
  });

  it('a contract change notice (Sheffield UK10): the contract end moves a year, with its notice', () => {
    const after = own('uk10-contract-change.json');
    const before = structuredClone(after);
    before.records[0].releases = before.records[0].releases.slice(0, 1);
    delete before.records[0].compiledRelease;
    delete before.records[0].versionedRelease;
    const changes = texts(model(before), model(after));
    expect(changes[0]).toMatch(/^New notice: UK10: Contract change notice, published /);
    expect(changes).toContain('Contract ends (lot 1) moved from 30 Apr 2026 to 30 Apr 2027');
  });

  describe('value', () => {
    it('"not specified" (FTS’s 0 or nothing) → an amount, both parts', () => {
      const before = realRecord(WEST_MIDLANDS);
      expect(before.tender.value).toEqual({ amountGross: 0, currency: 'GBP' });
      const after = structuredClone(before);
      after.tender.value = { amount: 500000, amountGross: 600000, currency: 'GBP' };
      expect(compareProcurements(model(before), model(after), FOUND)).toEqual([
        { kind: 'field', text: 'Value (excluding VAT) changed from not specified to £500,000', foundAt: FOUND.toISOString() },
        { kind: 'field', text: 'Value (including VAT) changed from not specified to £600,000', foundAt: FOUND.toISOString() },
      ]);
    });

    it('an amount → 0 reads "not specified"; pence are kept', () => {
      const before = realRecord();
      expect(before.tender.value).toEqual({ amountGross: 718186.39, amount: 598488.66, currency: 'GBP' });
      const after = structuredClone(before);
      after.tender.value.amount = 0;
      expect(texts(model(before), model(after))).toEqual(['Value (excluding VAT) changed from £598,488.66 to not specified']);
    });

    it('0 → absent is no change: both are "not specified"', () => {
      const before = realRecord(WEST_MIDLANDS);
      const after = structuredClone(before);
      delete after.tender.value;
      expect(texts(model(before), model(after))).toEqual([]);
    });

    it('the same amount in another currency is a change', () => {
      const before = own('uk4-two-stage-eoi.json');
      const after = structuredClone(before);
      after.releases[0].tender.value.currency = 'EUR';
      expect(texts(model(before), model(after))).toEqual([
        'Value (excluding VAT) changed from £18,000,000 to €18,000,000',
        'Value (including VAT) changed from £21,600,000 to €21,600,000',
      ]);
    });
  });

  // Two key dates of one type for the same lot (two market engagement events, say) are kept
  // apart by the model but collapse into one in compare.ts's keyDateMap (keyed `type|lot`).
  describe('several key dates of one type (a second engagement event added to ocds-h6vhtk-06a838)', () => {
    const base = () => realRecord('ocds-h6vhtk-06a838.json');
    const withSecond = () => {
      const doc = base();
      doc.planning.milestones.push({ id: 'engagement-2', type: 'engagement', description: 'Second session', dueDate: '2026-06-22T23:59:59+01:00', status: 'scheduled' });
      return doc;
    };

    it('the model keeps both events', () => {
      expect(model(withSecond()).keyDates.filter((k) => k.type === 'engagement').map((k) => k.at)).toEqual(['2026-06-08T22:59:59.000Z', '2026-06-22T22:59:59.000Z']);
    });

    // A second event of the same type is new, not the first one moved.
    it('a second event added → "set", not "moved"', () => {
      expect(texts(model(base()), model(withSecond()))).toEqual(['Market engagement set: 22 Jun 2026']);
    });

    // Moving the first of two events of the same type is reported.
    it('the first of two events moving is reported', () => {
      const after = withSecond();
      after.planning.milestones[0].dueDate = '2026-06-09T23:59:59+01:00';
      expect(texts(model(withSecond()), model(after))).toEqual(['Market engagement moved from 8 Jun 2026 to 9 Jun 2026']);
    });
  });
});
