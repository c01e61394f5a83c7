/**
 * Corrigenda move dates. The real F14 is release 065416-2026 of ocds-h6vhtk-06b471
 * (University of Strathclyde, CELEX 32014L0024), `$.releases[15]` of
 * test/fixtures/fts/api/whole-stream/page-111.json: its `tender.amendments[0]` (id "2") has
 * `unstructuredChanges` IV.2.2 "Time limit" 2026-07-15T12:00:00+01:00 → 2026-07-22T12:00:00+01:00
 * and IV.2.7 "Conditions for opening of tenders" 12:30 → 12:30 a week later, and no structured
 * `tenderPeriod`. The cases before it put in front of it a contract notice shaped like the
 * project's old-regime F02 (test/fixtures/ocds/old-regime-f02-f03-f14.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import type { KeyDate } from '../lib/procurement';
import { diffProcurements } from '../lib/timeline/changes';
import { ownOcdsDir } from './support/fixtures';

const PAGE = new URL('./fixtures/fts/api/whole-stream/page-111.json', import.meta.url);
const OCID = 'ocds-h6vhtk-06b471';
const NOW = new Date('2026-07-01T12:00:00Z');

/** The real F14 release, parsed afresh (cases edit it). */
function realF14(): Record<string, any> {
  const page = JSON.parse(readFileSync(PAGE, 'utf8').replaceAll('1e9999', '0'));
  return page.releases[15];
}

/** A contract notice before the F14 (its title and description the F14's own), with its time limit for tenders `endDate`. */
function contractNotice(endDate: string, id = '060000-2026', date = '2026-06-10T10:00:00+01:00') {
  return {
    ocid: OCID,
    id,
    date,
    tag: ['tender'],
    tender: { id: 'UOS-41813-2026', legalBasis: { id: '32014L0024', scheme: 'CELEX' }, title: 'SUMIT Project - Provision of Digital Products', description: realF14().tender.description, status: 'active', tenderPeriod: { endDate } },
  };
}

function read(releases: unknown[]) {
  const result = analyseOcds(JSON.stringify({ uri: 'https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages', releases }), NOW);
  if (!result.ok) throw new Error(result.message);
  const [only] = result.procurements;
  expect(only!.problems).toEqual([]);
  return only!;
}

const submission = (keyDates: KeyDate[]) => keyDates.filter((k) => k.type === 'submissionDeadline');

describe('an F14 corrigendum moves the submission deadline', () => {
  it('on the real F14 alone: the new time limit is the deadline, read from newValue.date, saying what it was', () => {
    const { procurement } = read([realF14()]);
    // 22 July 2026 12:00 BST = 11:00Z. IV.2.7 (opening of tenders) is not a key date.
    expect(procurement.keyDates).toEqual([
      {
        type: 'submissionDeadline',
        at: '2026-07-22T11:00:00.000Z',
        lots: [],
        source: '$.releases[0].tender.amendments[0].unstructuredChanges[0].newValue.date',
        detail: 'Moved by a corrigendum',
        // 15 Jul 2026 12:00 BST, the F14's oldValue.date.
        moved: { from: '2026-07-15T11:00:00.000Z' },
      },
    ]);
  });

  it('on the real F14 alone: its notice says what the corrigendum changed', () => {
    const { events } = read([realF14()]);
    const f14 = events.find((e) => e.kind === 'notice' && e.noticeId === '065416-2026');
    expect(f14?.kind === 'notice' && f14.changes.map((c) => [c.field, c.text])).toEqual([
      ['keyDate:submissionDeadline', 'Submission deadline moved from 15 July 2026, midday to 22 July 2026, midday'],
      ['stated', 'Conditions for opening of tenders (section IV.2.7) moved from 15 July 2026, 12:30pm to 22 July 2026, 12:30pm'],
    ]);
  });

  it('after the contract notice it corrects: the deadline moves, and the F14 says so', () => {
    const { procurement, events } = read([contractNotice('2026-07-15T12:00:00+01:00'), realF14()]);
    expect(submission(procurement.keyDates)).toEqual([
      {
        type: 'submissionDeadline',
        at: '2026-07-22T11:00:00.000Z',
        lots: [],
        source: '$.releases[1].tender.amendments[0].unstructuredChanges[0].newValue.date',
        detail: 'Moved by a corrigendum',
        // 15 Jul 2026 12:00 BST, the F14's oldValue.date.
        moved: { from: '2026-07-15T11:00:00.000Z' },
      },
    ]);
    const f14 = events.find((e) => e.kind === 'notice' && e.noticeId === '065416-2026');
    expect(f14?.kind === 'notice' && f14.changes.map((c) => [c.field, c.text])).toEqual([
      ['keyDate:submissionDeadline', 'Submission deadline moved from 15 July 2026, midday to 22 July 2026, midday'],
      ['stated', 'Conditions for opening of tenders (section IV.2.7) moved from 15 July 2026, 12:30pm to 22 July 2026, 12:30pm'],
    ]);
    // The deadline counts down to the new date: on 1 Jul it is 21 days away, not 14.
    expect(events.find((e) => e.kind === 'keyDate' && e.type === 'submissionDeadline')).toMatchObject({ date: '2026-07-22', time: '12:00', status: 'next', daysLeft: 21 });
  });

  it('tells a watcher the deadline moved when the F14 arrives', () => {
    const before = read([contractNotice('2026-07-15T12:00:00+01:00')]).procurement;
    const after = read([contractNotice('2026-07-15T12:00:00+01:00'), realF14()]).procurement;
    expect(diffProcurements(before, after).map((c) => c.text)).toContain('Submission deadline moved from 15 July 2026, midday to 22 July 2026, midday');
  });

  it('keeps a structured deadline that is not the one the corrigendum replaced', () => {
    // A later contract notice restates the deadline as 29 Jul: the F14's "was 15 Jul" no longer applies.
    const { procurement } = read([realF14(), contractNotice('2026-07-29T12:00:00+01:00', '066000-2026', '2026-07-14T09:00:00+01:00')]);
    expect(submission(procurement.keyDates).map((k) => [k.at, k.source])).toEqual([['2026-07-29T11:00:00.000Z', '$.releases[1].tender.tenderPeriod.endDate']]);
  });

  it('applies corrigenda in turn: 15 Jul → 22 Jul → 29 Jul', () => {
    const second = realF14();
    second.id = '067000-2026';
    second.date = '2026-07-18T09:00:00+01:00';
    second.tender.amendments[0].id = '3';
    second.tender.amendments[0].unstructuredChanges = [
      { oldValue: { date: '2026-07-22T12:00:00+01:00' }, newValue: { date: '2026-07-29T12:00:00+01:00' }, where: { section: 'IV.2.2', label: 'Time limit' } },
    ];
    const { procurement } = read([contractNotice('2026-07-15T12:00:00+01:00'), realF14(), second]);
    expect(submission(procurement.keyDates)).toEqual([
      expect.objectContaining({ at: '2026-07-29T11:00:00.000Z', detail: 'Moved by a corrigendum', moved: { from: '2026-07-22T11:00:00.000Z' } }),
    ]);
  });

  it('moves nothing for a section that is not a key date, or a new value without a date', () => {
    const f14 = realF14();
    f14.tender.amendments[0].unstructuredChanges = [
      { oldValue: { date: '2026-07-15T12:30:00+01:00' }, newValue: { date: '2026-07-22T12:30:00+01:00' }, where: { section: 'IV.2.7', label: 'Conditions for opening of tenders' } },
      { oldValue: { text: '15/07/2026' }, newValue: { text: '22/07/2026' }, where: { section: 'IV.2.2', label: 'Time limit' } },
    ];
    const { procurement } = read([contractNotice('2026-07-15T12:00:00+01:00'), f14]);
    expect(submission(procurement.keyDates).map((k) => [k.at, k.source])).toEqual([['2026-07-15T11:00:00.000Z', '$.releases[0].tender.tenderPeriod.endDate']]);
  });
});

describe('the project fixture old-regime-f02-f03-f14.json', () => {
  it('moves the F02 deadline of 15 July 2024 to the F14’s 29 July 2024, midday BST', () => {
    const result = analyseOcds(readFileSync(`${ownOcdsDir}old-regime-f02-f03-f14.json`, 'utf8'), NOW);
    if (!result.ok) throw new Error(result.message);
    expect(submission(result.procurements[0]!.procurement.keyDates)).toEqual([
      {
        type: 'submissionDeadline',
        at: '2024-07-29T11:00:00.000Z',
        lots: [],
        source: '$.records[0].compiledRelease.tender.amendments[0].unstructuredChanges[0].newValue.date',
        detail: 'Moved by a corrigendum',
        moved: { from: '2024-07-15T11:00:00.000Z' },
      },
    ]);
  });
});
