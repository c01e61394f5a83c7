/**
 * Two truths about key dates, on real FTS data and FTS-shaped fixtures:
 * a cancelled, withdrawn or terminated procurement (or lot) has nothing coming up — its
 * later key dates are void —, and a date only a planning notice gave is expected.
 * Every expected value below is read from the JSON by hand.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import type { KeyDateEvent } from '../lib/timeline/types';
import { ownOcdsDir, readReal } from './support/fixtures';

const apiFile = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/fts/api/${name}`, import.meta.url)), 'utf8');

function keyDates(text: string, now: Date, ocid?: string): KeyDateEvent[] {
  const result = analyseOcds(text, now);
  if (!result.ok) throw new Error(result.message);
  const found = ocid ? result.procurements.find((p) => p.procurement.ocid === ocid) : result.procurements[0];
  if (!found) throw new Error(`no ${ocid}`);
  return found.events.filter((e): e is KeyDateEvent => e.kind === 'keyDate');
}

const brief = (events: KeyDateEvent[]) => events.map((e) => [e.type, e.lots.join(','), e.status]);
const analysed = (text: string, now: Date) => {
  const result = analyseOcds(text, now);
  if (!result.ok) throw new Error(result.message);
  return result.procurements[0]!;
};

describe('a cancelled procurement has nothing coming up', () => {
  it('real 05cfd9 (UK4, then a UK12 on 27 November 2025 and its award cancelled): nothing next on 1 December 2025', () => {
    // Before its award period end (1 January 2026 23:59:59Z), which used to be "Next up".
    expect(brief(keyDates(readReal('ocds-h6vhtk-05cfd9.json'), new Date('2025-12-01T12:00:00Z')))).toEqual([
      ['enquiryDeadline', '', 'past'],
      ['submissionDeadline', '', 'past'],
      ['cancelled', '1', 'past'],
      ['awardPeriodEnd', '', 'void'],
      ['contractStart', '1', 'void'],
      ['contractEnd', '1', 'void'],
      ['contractMaxExtent', '1', 'void'],
    ]);
  });

  it('real 05cfd9 before the cancellation: its deadlines still come, the dates after it do not', () => {
    const events = keyDates(readReal('ocds-h6vhtk-05cfd9.json'), new Date('2025-11-10T12:00:00Z'));
    expect(events.filter((e) => e.status === 'next').map((e) => e.type)).toEqual(['enquiryDeadline']);
    expect(events.filter((e) => e.status === 'upcoming').map((e) => e.type)).toEqual(['submissionDeadline', 'cancelled']);
  });

  it('real 05250a in the stream (a UK1 pipeline update, then a UK12 withdrawing it, 11 August 2026): its planned dates are void', () => {
    // 076268-2026 (UK1, 14:25 BST): futureNoticeDate 1 October 2026, lot 1 contract 1 April 2027 – 31 March 2031.
    // 076272-2026 (UK12, 14:28 BST): tender and lot 1 "withdrawn", award 1 cancelled (finalStatusDate 11 Aug 00:00 BST).
    const events = keyDates(apiFile('whole-stream/page-002.json'), new Date('2026-08-12T00:00:00Z'), 'ocds-h6vhtk-05250a');
    expect(events.map((e) => [e.type, e.date, e.status, e.estimated ?? false])).toEqual([
      ['cancelled', '2026-08-11', 'past', false],
      ['futureNotice', '2026-10-01', 'void', false],
      ['contractStart', '2027-04-01', 'void', true],
      ['contractEnd', '2031-03-31', 'void', true],
    ]);
  });

  describe('a UK12 tenderCancellation release (uk12-lot-cancelled.json: lots 1 and 2, the UK12 cancels lot 2)', () => {
    const fixture = readFileSync(`${ownOcdsDir}uk12-lot-cancelled.json`, 'utf8');
    const now = new Date('2026-03-20T12:00:00Z');
    /** The fixture with its UK12 release (releases[0], newest first) changed. */
    const edited = (edit: (uk12: Record<string, any>) => void) => {
      const doc = JSON.parse(fixture);
      edit(doc.releases[0]);
      return JSON.stringify(doc);
    };

    it('voids only the cancelled lot: lot 1 and the award period go on, and the procurement is still at tender', () => {
      expect(brief(keyDates(fixture, now))).toEqual([
        ['enquiryDeadline', '', 'past'],
        ['submissionDeadline', '', 'past'],
        ['cancelled', '2', 'past'],
        ['awardPeriodStart', '', 'past'],
        ['awardPeriodEnd', '', 'next'],
        ['contractStart', '1', 'upcoming'],
        ['contractStart', '2', 'void'],
        ['contractEnd', '2', 'void'],
        ['contractEnd', '1', 'upcoming'],
      ]);
      expect(analysed(fixture, now).procurement.stage).toBe('tender');
    });

    it('cancelling every lot ends the whole procurement, though its tender.status says "complete": the tag wins', () => {
      const text = edited((uk12) => (uk12.awards[0].relatedLots = ['1', '2']));
      // The award's finalStatusDate, 10 March 2026 00:00 GMT: the award period (from 16 Mar) never comes.
      expect(brief(keyDates(text, now))).toEqual([
        ['enquiryDeadline', '', 'past'],
        ['submissionDeadline', '', 'past'],
        ['cancelled', '1,2', 'past'],
        ['awardPeriodStart', '', 'void'],
        ['awardPeriodEnd', '', 'void'],
        ['contractStart', '1', 'void'],
        ['contractStart', '2', 'void'],
        ['contractEnd', '2', 'void'],
        ['contractEnd', '1', 'void'],
      ]);
      expect(analysed(text, now).procurement.stage).toBe('cancelled');
    });

    it('a tenderCancellation naming no lot ends the whole procurement from its publication (10 March 2026 15:12)', () => {
      const events = keyDates(edited((uk12) => delete uk12.awards), now);
      expect(events.filter((e) => e.status !== 'void').map((e) => e.type)).toEqual(['enquiryDeadline', 'submissionDeadline']);
    });

    it('a lot whose status is cancelled is void from the notice that said so', () => {
      const events = keyDates(
        edited((uk12) => {
          delete uk12.awards;
          uk12.tag = ['tenderUpdate'];
          uk12.tender.documents[0].noticeType = 'UK4';
          uk12.tender.status = 'active';
          uk12.tender.lots = [{ id: '1', status: 'active' }, { id: '2', status: 'cancelled' }];
        }),
        now,
      );
      expect(events.filter((e) => e.status === 'void').map((e) => [e.type, e.lots.join(',')])).toEqual([
        ['contractStart', '2'],
        ['contractEnd', '2'],
      ]);
    });

    it('a lot awarded again after its award was cancelled goes on', () => {
      const doc = JSON.parse(fixture);
      // A later UK6 (shape of the real award releases in the stream): a pending award for lot 2.
      doc.releases.unshift({
        ocid: 'ocds-h6vhtk-066f21',
        id: '023310-2026',
        date: '2026-03-18T09:00:00Z',
        tag: ['award', 'contract'],
        awards: [
          {
            id: '3',
            status: 'pending',
            date: '2026-03-18T00:00:00Z',
            relatedLots: ['2'],
            documents: [{ id: '023310-2026', documentType: 'awardNotice', noticeType: 'UK6', datePublished: '2026-03-18T09:00:00Z' }],
          },
        ],
      });
      const events = keyDates(JSON.stringify(doc), now);
      expect(events.filter((e) => e.status === 'void')).toEqual([]);
      expect(events.filter((e) => e.type === 'contractStart').map((e) => [e.lots.join(','), e.status])).toEqual([
        ['1', 'upcoming'],
        ['2', 'upcoming'],
      ]);
    });

    it('tender.status cancelled ends it without any UK12', () => {
      const events = keyDates(
        edited((uk12) => {
          delete uk12.awards;
          uk12.tag = ['tenderUpdate'];
          uk12.tender.documents[0].noticeType = 'UK4';
          uk12.tender.status = 'cancelled';
        }),
        now,
      );
      expect(events.filter((e) => e.status !== 'void').map((e) => e.type)).toEqual(['enquiryDeadline', 'submissionDeadline']);
    });

    it('without the cancellation, nothing is void (so each test above can fail)', () => {
      const events = keyDates(
        edited((uk12) => {
          delete uk12.awards;
          uk12.tag = ['tenderUpdate'];
          uk12.tender.documents[0].noticeType = 'UK4';
        }),
        now,
      );
      expect(events.filter((e) => e.status === 'void')).toEqual([]);
    });
  });

  it('an old-regime award that marks its awarded lot "cancelled" (real 076457-2026) voids nothing', () => {
    // FTS writes tender.lots[0].status "cancelled" beside an active award and a signed contract for that lot.
    const events = keyDates(apiFile('whole-stream/page-001.json'), new Date('2026-08-12T00:00:00Z'), 'ocds-h6vhtk-06e1e4');
    expect(brief(events)).toEqual([['contractSigned', '1', 'past']]);
  });
});

describe('planned dates are expected', () => {
  const conversion = apiFile('conversions/uk3-069311.json');
  const now = new Date('2026-07-22T12:00:00Z');

  it('a UK3 alone (069280-2026): its deadlines and contract dates are expected', () => {
    const doc = JSON.parse(conversion.replace(/1e9999/g, '1'));
    doc.releases = doc.releases.filter((r: { id: string }) => r.id === '069280-2026');
    const events = keyDates(JSON.stringify(doc), now);
    expect(events.map((e) => [e.type, e.date, e.estimated ?? false, e.label])).toEqual([
      // futureNoticeDate 23 July 2026 23:59:59 BST: the next notice, an expectation by its name.
      ['futureNotice', '2026-07-23', false, 'Next notice expected'],
      ['enquiryDeadline', '2026-08-19', true, 'Enquiry deadline (expected)'],
      ['submissionDeadline', '2026-08-26', true, 'Submission deadline (expected)'],
      ['contractStart', '2026-08-30', true, 'Contract starts (expected)'],
      ['contractEnd', '2027-03-31', true, 'Contract ends (expected)'],
    ]);
  });

  it('the UK4 that followed (069310-2026) restated each date: none is expected any more', () => {
    const events = keyDates(conversion, now);
    expect(events.map((e) => [e.type, e.estimated ?? false])).toEqual([
      ['futureNotice', false],
      ['enquiryDeadline', false],
      ['submissionDeadline', false],
      ['contractStart', false],
      ['contractEnd', false],
    ]);
  });

  it('a date a planning notice gave and the tender notice left out stays expected', () => {
    const doc = JSON.parse(conversion.replace(/1e9999/g, '1'));
    const uk4 = doc.releases.find((r: { id: string }) => r.id === '069310-2026');
    delete uk4.tender.lots[0].contractPeriod;
    const events = keyDates(JSON.stringify(doc), now);
    expect(events.filter((e) => e.estimated).map((e) => e.type)).toEqual(['contractStart', 'contractEnd']);
  });

  it('real 067b89 (five UK3 notices, a compiled record alone): its planned dates are expected', () => {
    const events = keyDates(readReal('ocds-h6vhtk-067b89.json'), new Date('2026-05-20T12:00:00Z'));
    expect(events.map((e) => [e.type, e.estimated ?? false])).toEqual([
      ['futureNotice', false],
      ['submissionDeadline', true],
      ['awardPeriodEnd', true],
      ['contractStart', true],
      ['contractEnd', true],
      ['contractMaxExtent', true],
    ]);
  });
});
