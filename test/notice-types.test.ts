import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { nameNotice } from '../lib/ocds/notice-types';
import { referenceDir } from './support/fixtures';

const celex = (id: string) => ({ scheme: 'CELEX', id });

describe('old-regime forms from the directive and the release tags', () => {
  // The forms of each directive: 2014/24 public contracts, 2014/25 utilities, 2014/23 concessions, 2009/81 defence and security.
  it.each([
    ['32014L0024', ['planning'], 'F01: Prior information notice'],
    ['32014L0024', ['tender'], 'F02: Contract notice'],
    ['32014L0024', ['award', 'contract'], 'F03: Contract award notice'],
    ['32014L0024', ['award'], 'F03: Contract award notice'],
    ['32014L0025', ['planning'], 'F04: Periodic indicative notice – utilities'],
    ['32014L0025', ['tender'], 'F05: Contract notice – utilities'],
    ['32014L0025', ['award', 'contract'], 'F06: Contract award notice – utilities'],
    ['32009L0081', ['planning'], 'F16: Prior information notice – defence and security'],
    ['32009L0081', ['tender'], 'F17: Contract notice – defence and security'],
    ['32009L0081', ['award', 'contract'], 'F18: Contract award notice – defence and security'],
    ['32014L0023', ['tender'], 'F24: Concession notice'],
    ['32014L0023', ['award', 'contract'], 'F25: Concession award notice'],
    ['32014L0024', ['tenderUpdate'], 'F14: Corrigendum'],
    ['32014L0025', ['tenderAmendment'], 'F14: Corrigendum'],
    ['32014L0024', ['awardUpdate', 'contractUpdate'], 'F20: Modification notice'],
    ['32014L0023', ['contractAmendment'], 'F20: Modification notice'],
  ])('%s %j is "%s"', (directive, tags, name) => {
    expect(nameNotice(undefined, celex(directive), tags).name).toBe(name);
  });

  it('names by tag what no one form fits, or a directive it does not know', () => {
    expect(nameNotice(undefined, celex('32014L0024'), ['planning', 'tender'])).toEqual({ name: 'Tender notice', stage: 'tender' });
    expect(nameNotice(undefined, celex('32004L0018'), ['award', 'contract'])).toEqual({ name: 'Award notice', stage: 'award' });
    expect(nameNotice(undefined, celex('32014L0023'), ['planning'])).toEqual({ name: 'Planning notice', stage: 'planning' });
  });

  it('keeps a published notice type over what the legal basis would say', () => {
    expect(nameNotice('F15', celex('32014L0024'), ['award', 'contract'])).toEqual({ noticeType: 'F15', name: 'F15: Voluntary ex ante transparency notice', stage: 'transparency' });
    expect(nameNotice('uk4', { scheme: 'UKPGA', id: '2023/54' }, ['tender'])).toEqual({ noticeType: 'UK4', name: 'UK4: Tender notice', stage: 'tender' });
  });
});

describe('notices without a notice type, from any publisher, are named by their release tag', () => {
  it('never a bare "Notice", even with an unknown type or no tag', () => {
    expect(nameNotice('UK99', undefined, ['tender']).name).toBe('UK99: Tender notice');
    expect(nameNotice(undefined, undefined, []).name).toBe('Notice of unstated type');
    expect(nameNotice(undefined, undefined, ['compiled']).name).toBe('Notice of unstated type');
  });

  it('the later stage first, as in ["award","contract"]', () => {
    expect(nameNotice(undefined, undefined, ['award', 'contract'])).toEqual({ name: 'Award notice', stage: 'award' });
    expect(nameNotice(undefined, undefined, ['tenderCancellation'])).toEqual({ name: 'Tender cancellation notice', stage: 'cancelled' });
    expect(nameNotice(undefined, undefined, ['contractTermination'])).toEqual({ name: 'Contract termination notice', stage: 'termination' });
  });

  // OCP's fictional example (test/fixtures/reference/): one release per stage, no noticeType, no legal basis.
  const example = `${referenceDir}ocds-fictional-example/ocds-213czf-000-00001.json`;
  it("names each release of OCP's fictional example", () => {
    const result = analyseOcds(readFileSync(example, 'utf8'), new Date('2026-08-12T00:00:00Z'));
    if (!result.ok) throw new Error(result.message);
    expect(result.procurements[0]!.procurement.notices.map((n) => [n.tags, n.name, n.stage])).toEqual([
      [['planning'], 'Planning notice', 'planning'],
      [['tender'], 'Tender notice', 'tender'],
      [['tenderAmendment'], 'Tender amendment notice', 'tender'],
      [['award'], 'Award notice', 'award'],
      [['contract'], 'Contract details notice', 'contract'],
      [['implementation'], 'Implementation notice', 'contract management'],
    ]);
  });
});
