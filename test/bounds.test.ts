/**
 * Hostile inputs a page or a response can send (scripts/bench/hostile-inputs.ts): each is
 * read without throwing, keeps what is good, and says what is wrong. Times are the
 * benchmark's business (`npm run bench`), never asserted here.
 */
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
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
    // Each lot: id (an object), title (a number) and value.amount (text) are left out.
    expect(only!.problems).toHaveLength(300_000);
    expect(only!.problems[0]).toEqual({ path: '$.tender.lots[0].id', message: 'expected text or a number, found an object; it was left out' });
    expect(only!.problems.at(-1)!.path).toBe('$.tender.lots[99999].value.amount');
  });

  it('reads a release with a value nested 100,000 lists deep in an unknown field', () => {
    const [only] = analysed(deeplyNested(100_000));
    expect(only!.procurement.title).toBe('Deep');
    expect(only!.procurement.notices.map((n) => n.id)).toEqual(['000001-2026']);
  });
});
