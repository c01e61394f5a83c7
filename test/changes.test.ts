/**
 * What changed: at each notice of the timeline (`diffStates`, from fixtures whose releases
 * are deltas) and between two reads of a watched procurement (`diffProcurements`, on models
 * built from real FTS records and the project's own fixtures, with hand-made changes).
 * Every expected text is written by hand from the data, in UK time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import type { Procurement } from '../lib/procurement';
import { collectProcurements } from '../lib/ocds/shapes';
import { diffProcurements, diffStates } from '../lib/timeline/changes';
import { ownOcdsDir, realRecord } from './support/fixtures';

const NOW = new Date('2026-06-01T09:00:00Z');

/** The procurement model of some OCDS, as the background builds it. */
function model(doc: unknown): Procurement {
  const result = analyseOcds(JSON.stringify(doc), NOW);
  if (!result.ok) throw new Error(result.message);
  expect(result.procurements).toHaveLength(1);
  return result.procurements[0]!.procurement;
}

const own = (name: string): Record<string, any> => JSON.parse(readFileSync(`${ownOcdsDir}${name}`, 'utf8'));
const texts = (before: Procurement, after: Procurement) => diffProcurements(before, after).map((c) => c.text);

function changesByNotice(file: string) {
  const result = analyseOcds(readFileSync(`${ownOcdsDir}${file}`, 'utf8'), new Date('2026-06-01T12:00:00Z'));
  if (!result.ok) throw new Error(result.message);
  const out: Record<string, { description?: string; changes: string[] }> = {};
  for (const event of result.procurements[0]!.events) {
    if (event.kind === 'amendment') out[event.noticeId] = { description: event.description, changes: event.changes.map((c) => c.text) };
  }
  return out;
}

describe('what changed', () => {
  it('says a status in plain words, not its OCDS code, and keeps where it is in the data', () => {
    // uk6-award-standstill.json: tender.status "active" in 034418-2025 (UK4), "complete" in 057604-2025 (UK6).
    const result = analyseOcds(readFileSync(`${ownOcdsDir}uk6-award-standstill.json`, 'utf8'), NOW);
    if (!result.ok) throw new Error(result.message);
    const award = result.procurements[0]!.events.find((e) => e.kind === 'notice' && e.noticeId === '057604-2025');
    expect(award?.kind === 'notice' && award.changes.filter((c) => c.field === 'status')).toEqual([
      { field: 'status', label: 'Status', kind: 'changed', text: 'Status changed from in progress to complete', before: 'active', after: 'complete', where: 'tender.status' },
    ]);
  });

  it('finds the moved deadlines of a delta update, across the BST→GMT change', () => {
    // 066893-2025 sets tenderPeriod.endDate 2025-11-07T12:00:00Z (was 2025-10-24T12:00:00+01:00)
    // and enquiryPeriod.endDate 2025-10-31T17:00:00Z (was 2025-10-17T17:00:00+01:00).
    const amendments = changesByNotice('record-delta-deadline-moves.json');
    expect(amendments['066893-2025']!.changes).toEqual([
      'Enquiry deadline moved from 17 October 2025, 5pm to 31 October 2025, 5pm',
      'Submission deadline moved from 24 October 2025, midday to 7 November 2025, midday',
    ]);
    expect(amendments['066893-2025']!.description).toMatch(/^Submission deadline extended to 7 November 2025/);
  });

  it('finds a change that FTS listed no amendment for', () => {
    // 069512-2025 is a tenderUpdate with a new title and a new document, and no tender.amendments.
    const amendments = changesByNotice('record-delta-deadline-moves.json');
    expect(amendments['069512-2025']).toEqual({
      description: undefined,
      changes: [
        'Title changed from “Highways Drainage and Gully Cleansing Services” to “Highways Drainage, Gully Cleansing and CCTV Survey Services”',
        expect.stringMatching(/^Document added: Invitation to tender pack, version 2/),
      ],
    });
  });

  it('states an old-regime corrigendum’s changes as FTS wrote them; its new time limit for tenders is the submission deadline moving', () => {
    // 020417-2024: IV.2.2 15 July 2024 12:00 → 29 Jul 12:00 (BST); IV.2.7 12:30 → 12:30; VI.3 text.
    const amendments = changesByNotice('old-regime-f02-f03-f14.json');
    expect(amendments['020417-2024']!.changes).toEqual([
      'Submission deadline moved from 15 July 2024, midday to 29 July 2024, midday',
      'Conditions for opening of tenders (section IV.2.7) moved from 15 July 2024, 12:30pm to 29 July 2024, 12:30pm',
      'Additional information (section VI.3) changed from “Tenders must be returned by 12:00 on 15 July 2024.” to “Tenders must be returned by 12:00 on 29 July 2024. Clarification questions will be answered until 22 July 2024.”',
    ]);
  });

  it('finds a contract change notice’s new end date and value', () => {
    // 028104-2026: contracts[0].period.endDate 2026-04-30T23:59:59+01:00 → 2027-04-30T23:59:59+01:00; amount 240000 → 480000.
    expect(changesByNotice('uk10-contract-change.json')['028104-2026']!.changes).toEqual([
      'Contract value changed from £240,000 to £480,000',
      // Not a deadline: 23:59 is a time of day, written "11:59pm" all the same.
      'Contract ends (lot 1) moved from 30 April 2026, 11:59pm to 30 April 2027, 11:59pm',
    ]);
  });
});

describe('comparing only what changed', () => {
  it('finds the same key-date changes as comparing every key date, at every notice of a large generated record', async () => {
    const { generateRecordPackage } = await import('../scripts/bench/generate-record-package');
    const { collectProcurements } = await import('../lib/ocds/shapes');
    const { mergeRelease } = await import('../lib/ocds/merge');
    const { diffStates, keyDateChangesBetween } = await import('../lib/timeline/changes');
    for (const seed of [1, 2, 3]) {
      const doc = generateRecordPackage({ releases: 80, lots: 12, descriptionBytes: 200, seed });
      const [source] = collectProcurements(JSON.parse(JSON.stringify(doc))).procurements;
      let state: any;
      let compared = 0;
      for (const { release } of source!.releases) {
        const next = mergeRelease(state, release);
        if (state) {
          const narrowed = diffStates(state, next).filter((c) => c.field.startsWith('keyDate:')).map((c) => c.text).sort();
          expect(narrowed).toEqual(keyDateChangesBetween(state, next).map((c) => c.text).sort());
          compared += narrowed.length;
        }
        state = next;
      }
      expect(compared).toBeGreaterThan(0);
    }
  });
});

/** West Midlands PCC victim services (UK3, planning): deadline 1 July 2026 23:59:59 BST, three lots to 31 March 2031, value not specified. */
const WEST_MIDLANDS = 'ocds-h6vhtk-067b89.json';

describe('diffProcurements: two reads of a watched procurement (what changed since you last looked)', () => {
  it('no change → [] (the same record read twice, as two separate models)', () => {
    for (const doc of [realRecord(WEST_MIDLANDS), realRecord(), own('record-delta-deadline-moves.json'), own('framework-20-lots.json')]) {
      expect(diffProcurements(model(doc), model(structuredClone(doc)))).toEqual([]);
    }
  });

  it('a moved submission deadline (23:59:59 BST) → one change, both dates at 11:59pm, the instants kept', () => {
    const before = realRecord(WEST_MIDLANDS);
    expect(before.tender.tenderPeriod.endDate).toBe('2026-07-01T23:59:59+01:00');
    const after = structuredClone(before);
    after.tender.tenderPeriod.endDate = '2026-07-15T23:59:59+01:00';
    expect(diffProcurements(model(before), model(after))).toEqual([
      {
        field: 'keyDate:submissionDeadline',
        label: 'Submission deadline',
        kind: 'changed',
        text: 'Submission deadline moved from 1 July 2026, 11:59pm to 15 July 2026, 11:59pm',
        before: '2026-07-01T22:59:59.000Z',
        after: '2026-07-15T22:59:59.000Z',
      },
    ]);
  });

  it('a deadline brought forward says so and is marked: it leaves less time than planned', () => {
    const before = realRecord(WEST_MIDLANDS);
    const after = structuredClone(before);
    after.tender.tenderPeriod.endDate = '2026-06-24T12:00:00+01:00';
    expect(diffProcurements(model(before), model(after))).toEqual([
      {
        field: 'keyDate:submissionDeadline',
        label: 'Submission deadline',
        kind: 'changed',
        text: 'Submission deadline brought forward from 1 July 2026, 11:59pm to 24 June 2026, midday',
        before: '2026-07-01T22:59:59.000Z',
        after: '2026-06-24T11:00:00.000Z',
        broughtForward: true,
      },
    ]);
  });

  it('a deadline with a time of day keeps the time, in UK time (24 November 2025 14:00 GMT → 1 December 2025 14:00 GMT)', () => {
    const before = realRecord();
    expect(before.tender.tenderPeriod.endDate).toBe('2025-11-24T14:00:00Z');
    const after = structuredClone(before);
    after.tender.tenderPeriod.endDate = '2025-12-01T14:00:00Z';
    expect(texts(model(before), model(after))).toEqual(['Submission deadline moved from 24 November 2025, 2pm to 1 December 2025, 2pm']);
  });

  it('a key date set and one removed', () => {
    const before = realRecord(WEST_MIDLANDS);
    const after = structuredClone(before);
    after.tender.enquiryPeriod = { endDate: '2026-06-17T17:00:00+01:00' };
    delete after.tender.communication.futureNoticeDate;
    expect(texts(model(before), model(after))).toEqual(['Enquiry deadline set: 17 June 2026, 5pm', 'Next notice expected removed (was 1 June 2026, 11:59pm)']);
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
    expect(diffProcurements(model(before), model(after))).toEqual([
      { field: 'notice', label: 'Notice', kind: 'added', text: 'New notice: UK3: Planned procurement notice, published 26 May 2026, 2:05pm', after: '047311-2026' },
      { field: 'amendment', label: 'Amendment', kind: 'added', text: 'Amendment: Tender deadline extended by two weeks', after: 'Tender deadline extended by two weeks' },
      expect.objectContaining({ text: 'Submission deadline moved from 1 July 2026, 11:59pm to 15 July 2026, 11:59pm' }),
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
    expect(texts(model(before), model(after))).toEqual(['New notice: UK4: Tender notice, published 3 June 2026, 9am', 'Stage changed from planning to tender']);
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
      'New notice: UK4: Tender notice, published 20 October 2025, 4:42pm',
      'Amendment: Submission deadline extended to 7 November 2025 and clarification deadline to 31 October 2025 following supplier requests for more time to arrange site visits.',
      'Enquiry deadline moved from 17 October 2025, 5pm to 31 October 2025, 5pm',
      'Submission deadline moved from 24 October 2025, midday to 7 November 2025, midday',
    ]);
    // The second update has no amendments entry: the notice itself is the amendment.
    expect(texts(model(upTo(2)), model(record))).toEqual([
      'New notice: UK4: Tender notice, published 29 October 2025, 9:05am',
      'Amendment: notice 069512-2025 changed the procurement',
      // The same words as the timeline gives notice 069512-2025 (above).
      'Title changed from “Highways Drainage and Gully Cleansing Services” to “Highways Drainage, Gully Cleansing and CCTV Survey Services”',
      'Document added: Invitation to tender pack, version 2 (adds CCTV drainage survey schedule)',
    ]);
  });

  it('one lot’s contract end moving is one change naming that lot (Leeds, lot 2: 31 July 2028 → 31 March 2029)', () => {
    const before = own('uk4-enquiry-and-submission.json');
    const after = structuredClone(before);
    expect(after.releases[0].tender.lots[1].contractPeriod.endDate).toBe('2028-07-31T23:59:59+01:00');
    after.releases[0].tender.lots[1].contractPeriod.endDate = '2029-03-31T23:59:59+01:00';
    expect(texts(model(before), model(after))).toEqual(['Contract ends (lot 2) moved from 31 July 2028, 11:59pm to 31 March 2029, 11:59pm']);
  });

  it('one lot of three that shared a date moves: only that lot; all three move: one change naming the three', () => {
    const before = realRecord(WEST_MIDLANDS);
    const one = structuredClone(before);
    one.tender.lots[1].contractPeriod.endDate = '2032-03-31T23:59:59+01:00';
    expect(texts(model(before), model(one))).toEqual(['Contract ends (lot 2) moved from 31 March 2031, 11:59pm to 31 March 2032, 11:59pm']);
    const all = structuredClone(before);
    for (const lot of all.tender.lots) lot.contractPeriod.startDate = '2027-05-01T00:00:00+01:00';
    expect(texts(model(before), model(all))).toEqual(['Contract starts (lots 1, 2, 3) moved from 1 April 2027 to 1 May 2027']);
  });

  it('a contract change notice (Sheffield UK10): the contract end moves a year, with its notice', () => {
    const after = own('uk10-contract-change.json');
    const before = structuredClone(after);
    before.records[0].releases = before.records[0].releases.slice(0, 1);
    delete before.records[0].compiledRelease;
    delete before.records[0].versionedRelease;
    const changes = texts(model(before), model(after));
    expect(changes[0]).toMatch(/^New notice: UK10: Contract change notice, published /);
    expect(changes).toContain('Contract ends (lot 1) moved from 30 April 2026, 11:59pm to 30 April 2027, 11:59pm');
  });

  describe('value', () => {
    it('"not specified" (FTS’s 0 or nothing) → an amount, both parts', () => {
      const before = realRecord(WEST_MIDLANDS);
      expect(before.tender.value).toEqual({ amountGross: 0, currency: 'GBP' });
      const after = structuredClone(before);
      after.tender.value = { amount: 500000, amountGross: 600000, currency: 'GBP' };
      expect(diffProcurements(model(before), model(after))).toEqual([
        { field: 'value.amount', label: 'Value (excluding VAT)', kind: 'added', text: 'Value (excluding VAT) changed from not specified to £500,000', after: '£500,000', where: 'tender.value.amount' },
        { field: 'value.amountGross', label: 'Value (including VAT)', kind: 'added', text: 'Value (including VAT) changed from not specified to £600,000', after: '£600,000', where: 'tender.value.amountGross' },
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

  // Two key dates of one type for the same lot (two market engagement events, say): one at the
  // same instant on both sides is unchanged; the rest pair up in time order.
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
      expect(texts(model(base()), model(withSecond()))).toEqual(['Market engagement set: 22 June 2026, 11:59pm']);
    });

    // Moving the first of two events of the same type is reported.
    it('the first of two events moving is reported', () => {
      const after = withSecond();
      after.planning.milestones[0].dueDate = '2026-06-09T23:59:59+01:00';
      expect(texts(model(withSecond()), model(after))).toEqual(['Market engagement moved from 8 June 2026, 11:59pm to 9 June 2026, 11:59pm']);
    });

    // The event still at 8 Jun is unchanged, so the earlier one is new — not the first brought forward.
    it('an event added before the first in time, listed after it, is "set"; the timeline says the same', () => {
      const after = base();
      after.planning.milestones.push({ id: 'engagement-0', type: 'engagement', description: 'Early session', dueDate: '2026-06-01T10:00:00+01:00', status: 'scheduled' });
      expect(texts(model(base()), model(after))).toEqual(['Market engagement set: 1 June 2026, 10am']);
      const state = (doc: unknown) => collectProcurements(structuredClone(doc)).procurements[0]!.compiled!.release;
      expect(diffStates(state(base()), state(after)).map((c) => c.text)).toEqual(['Market engagement set: 1 June 2026, 10am']);
    });
  });
});

describe('one model: the timeline (two merged states) and the watchlist (two reads) tell a change alike', () => {
  /** The one state a compiled release is, validated as the timeline reads it. */
  const state = (doc: unknown) => {
    const [source] = collectProcurements(structuredClone(doc)).procurements;
    return (source!.compiled ?? source!.releases[0]!).release;
  };
  const cases: Array<[string, (doc: Record<string, any>) => void]> = [
    ['a deadline moved later', (doc) => (doc.tender.tenderPeriod.endDate = '2026-07-15T23:59:59+01:00')],
    ['a deadline brought forward', (doc) => (doc.tender.tenderPeriod.endDate = '2026-06-24T12:00:00+01:00')],
    ['a key date set and one removed', (doc) => ((doc.tender.enquiryPeriod = { endDate: '2026-06-17T17:00:00+01:00' }), delete doc.tender.communication.futureNoticeDate)],
    ['one lot’s contract end moved', (doc) => (doc.tender.lots[1].contractPeriod.endDate = '2032-03-31T23:59:59+01:00')],
    ['every lot’s contract start moved', (doc) => doc.tender.lots.forEach((lot: any) => (lot.contractPeriod.startDate = '2027-05-01T00:00:00+01:00'))],
    ['a value given', (doc) => (doc.tender.value = { amount: 500000, amountGross: 600000, currency: 'GBP' })],
    ['a new title', (doc) => (doc.tender.title = 'Victims Services')],
    ['a lot removed', (doc) => doc.tender.lots.pop()],
    ['a document added', (doc) => (doc.tender.documents = [{ id: 'itt-1', documentType: 'biddingDocuments', title: 'Invitation to tender' }])],
  ];
  it.each(cases)('%s', (_name, edit) => {
    const before = realRecord(WEST_MIDLANDS);
    const after = structuredClone(before);
    edit(after);
    const timeline = diffStates(state(before), state(after));
    expect(timeline.length).toBeGreaterThan(0);
    expect(timeline).toEqual(diffProcurements(model(before), model(after)));
  });

  it('a lot removed reads "Lot 3 (Hate Crime Services) removed", after its dates; a document added names it', () => {
    const before = realRecord(WEST_MIDLANDS);
    const after = structuredClone(before);
    after.tender.lots.pop();
    after.tender.documents = [{ id: 'itt-1', documentType: 'biddingDocuments', title: 'Invitation to tender' }];
    expect(texts(model(before), model(after))).toEqual([
      'Contract starts (lot 3) removed (was 1 April 2027)',
      'Contract ends (lot 3) removed (was 31 March 2031, 11:59pm)',
      'Contract ends if fully extended (lot 3) removed (was 31 March 2036, 11:59pm)',
      'Lot 3 (Hate Crime Services) removed',
      'Document added: Invitation to tender',
    ]);
  });
});
