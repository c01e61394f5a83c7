/**
 * Hostile inputs a page or a response can send (scripts/bench/hostile-inputs.ts): each is
 * read without throwing, keeps what is good, and says what is wrong. Times are the
 * benchmark's business (`npm run bench`), never asserted here.
 */
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { problemCount } from '../lib/ocds/problems';
import { readOcds } from '../lib/ocds/read';
import { badlyTypedLots, deeplyNested, manyLots, manyUpdates, missingCommasList } from '../scripts/bench/hostile-inputs';

const NOW = new Date('2026-06-01T12:00:00Z');

function analysed(text: string) {
  const result = analyseOcds(text, NOW);
  if (!result.ok) throw new Error(result.message);
  return result.procurements;
}

describe('hostile inputs', () => {
  it('reads a list of 1,000 procurements with every comma between them missing, listing the first repairs once per procurement', () => {
    const procurements = analysed(missingCommasList(1000));
    expect(procurements).toHaveLength(1000);
    expect(procurements[999]!.procurement.ocid).toBe('ocds-h6vhtk-001000');
    expect(procurements[999]!.procurement.title).toBe('Lot 1000');
    // 999 repairs lie between the procurements: each lists the first 10 and a count of the rest.
    const problems = procurements[0]!.problems.map((p) => p.message);
    expect(problems[0]).toBe('Added a missing comma before `$[1]`');
    expect(problems).toHaveLength(11);
    expect(problems[10]).toBe('and 989 more repairs to the JSON text, not listed');
  });

  it('keeps the good fields of 100,000 lots whose other fields are all of the wrong type', () => {
    const [only] = analysed(badlyTypedLots(100_000));
    expect(only!.procurement.title).toBe('Bad lots');
    // Each lot: id (an object), title (a number) and value.amount (text) are left out: 300,000
    // problems, of which the first 100 are listed and the rest counted.
    expect(only!.problems).toHaveLength(101);
    expect(only!.problems[0]).toEqual({ path: '$.tender.lots[0].id', message: 'expected text or a number, found an object; it was left out' });
    expect(only!.problems[99]!.path).toBe('$.tender.lots[33].id');
    expect(only!.problems[100]).toEqual({ path: '$', message: 'and 299,900 more problems, not listed', notListed: 299_900 });
    expect(problemCount(only!.problems)).toBe(300_000);
  });

  it('still says a text was cut off when the cut comes after more problems than are listed', () => {
    // 150 lots with the commas between them missing (149 repairs), and the text ends inside the list.
    const lots = Array.from({ length: 150 }, (_, i) => `{"id":"${i + 1}"}`).join(' ');
    const text = `{"ocid":"ocds-h6vhtk-000001","id":"000001-2026","date":"2026-04-01T00:00:00Z","tag":["tender"],"tender":{"id":"1","title":"Cut","lots":[${lots}`;
    const read = readOcds(text);
    if (!read.ok) throw new Error(read.message);
    const [only] = read.procurements;
    expect(only!.procurement.lots).toHaveLength(150);
    expect(only!.problems).toHaveLength(102);
    expect(only!.problems[100]!.message).toContain('(truncated)');
    expect(only!.problems[101]!.message).toBe('and 49 more problems, not listed');
    expect(only!.completeness).toBe('cut-off');
  });

  it('reads a release with a value nested 100,000 lists deep in an unknown field', () => {
    const [only] = analysed(deeplyNested(100_000));
    expect(only!.procurement.title).toBe('Deep');
    expect(only!.procurement.notices.map((n) => n.id)).toEqual(['000001-2026']);
  });

  it('reads 2,000 update releases of one procurement: every notice, its amendment and the last deadline', () => {
    const [only] = analysed(manyUpdates(2000));
    const { notices, keyDates } = only!.procurement;
    expect(notices).toHaveLength(2001);
    expect(notices[2000]!.amendment?.description).toBe('Deadline moved (2000)');
    // The last release sets the deadline 2 × 2,000 + 10,000 = 14,000 minutes (9 days 17 h 20 min) after 1 April 2026 00:00 UTC.
    const deadline = keyDates.filter((k) => k.type === 'submissionDeadline');
    expect(deadline).toEqual([expect.objectContaining({ at: '2026-04-10T17:20:00.000Z', source: '$.releases[2000].tender.tenderPeriod.endDate' })]);
    expect(only!.problems).toEqual([]);
  });

  it('reads 50,000 lots with one award and one contract each, each contract end under its own lot', () => {
    const [only] = analysed(manyLots(50_000, true));
    expect(only!.procurement.lots).toHaveLength(50_000);
    const ends = only!.procurement.keyDates.filter((k) => k.type === 'contractEnd');
    expect(ends).toHaveLength(50_000);
    // Contract 50,000 ends 349,999 minutes after 1 April 2026 00:00 UTC: 243 days and 79 minutes.
    expect(ends.find((k) => k.lots[0] === '50000')).toEqual(
      expect.objectContaining({ at: '2026-11-30T01:19:00.000Z', lots: ['50000'], source: '$.contracts[49999].period.endDate' }),
    );
  });
});
