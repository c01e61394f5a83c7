import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { CODE_WORDS, codeWords } from '../lib/ocds/codes';
import { realRecord } from './support/fixtures';

describe('OCDS codes in plain words', () => {
  it.each([
    // The words follow each code's definition in the OCDS 1.1 codelists.
    ['tenderStatus', 'active', 'in progress'],
    ['tenderStatus', 'complete', 'complete'],
    ['tenderStatus', 'planning', 'being planned'],
    ['awardStatus', 'pending', 'proposed'],
    ['awardStatus', 'active', 'made'],
    ['contractStatus', 'active', 'signed and in force'],
    ['contractStatus', 'terminated', 'ended'],
    ['method', 'selective', 'Selective procedure'],
    ['milestoneStatus', 'notMet', 'not met'],
  ] as const)('%s %s reads %j', (list, code, words) => expect(codeWords(list, code)).toBe(words));

  it('quotes a code the codelist does not have, as the data gave it', () => {
    expect(codeWords('tenderStatus', 'paused')).toBe('“paused”');
    // Not a key of the object's prototype either.
    expect(codeWords('tenderStatus', 'constructor')).toBe('“constructor”');
    expect(codeWords('awardStatus', 'complete')).toBe('“complete”');
  });

  it('has words for every code, none of them the code itself in camel case', () => {
    for (const list of Object.values(CODE_WORDS)) for (const words of Object.values(list)) expect(words).not.toMatch(/[a-z][A-Z]/);
  });
});

describe('the procedure', () => {
  const procedure = (record: Record<string, any>) => {
    const result = analyseOcds(JSON.stringify(record), new Date('2025-11-10T12:00:00Z'));
    if (!result.ok) throw new Error(result.message);
    return result.procurements[0]!.procurement.procedure;
  };

  it('is FTS’s own words where it gives them, else the method in plain words', () => {
    // The real compiled release 05cfd9: tender.procurementMethod "open", procurementMethodDetails "Open procedure".
    const record = realRecord();
    expect(procedure(record)).toBe('Open procedure');
    delete record.tender.procurementMethodDetails;
    record.tender.procurementMethod = 'selective';
    expect(procedure(record)).toBe('Selective procedure');
    record.tender.procurementMethod = 'competitiveFlexible';
    expect(procedure(record)).toBe('“competitiveFlexible”');
  });
});
