import { describe, expect, it } from 'vitest';
import { readOcds } from '../lib/ocds/read';
import { buildTimeline } from '../lib/timeline/build';
import { realRecord, terminationRelease, tenderRelease } from './support/fixtures';

const NOW = new Date('2025-11-01T12:00:00Z');

function readOne(value: unknown) {
  const result = readOcds(typeof value === 'string' ? value : JSON.stringify(value));
  if (!result.ok) throw new Error(result.message);
  expect(result.procurements).toHaveLength(1);
  return result.procurements[0]!;
}

describe('every shape FTS serves', () => {
  it('reads a compiled record', () => {
    const { procurement } = readOne(realRecord());
    expect(procurement.ocid).toBe('ocds-h6vhtk-05cfd9');
    expect(procurement.notices.map((n) => n.id)).toEqual(['066750-2025', '077802-2025']);
  });

  it('reads a release package (one notice)', () => {
    const { procurement } = readOne({ uri: 'https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages/066750-2025', version: '1.1', releases: [tenderRelease()] });
    expect(procurement.notices.map((n) => [n.id, n.noticeType])).toEqual([['066750-2025', 'UK4']]);
    expect(procurement.title).toBe('Out of Court Resolution');
  });

  it('names a notice without a notice type by its release tag, never a bare "Notice"', () => {
    const release = { ...tenderRelease(), tender: { ...tenderRelease().tender, documents: [] } };
    const { procurement } = readOne(release);
    expect(procurement.notices.map((n) => [n.id, n.noticeType, n.name, n.stage])).toEqual([['066750-2025', undefined, 'Tender notice', 'tender']]);
  });

  it('reads a single release', () => {
    const { procurement } = readOne(tenderRelease());
    expect(procurement.notices.map((n) => n.id)).toEqual(['066750-2025']);
  });

  it('reads a record package: releases in date order, and the compiled release for the current state', () => {
    const compiled = realRecord();
    const { procurement } = readOne({
      version: '1.1',
      records: [{ ocid: 'ocds-h6vhtk-05cfd9', releases: [terminationRelease(), tenderRelease()], compiledRelease: compiled }],
    });
    expect(procurement.notices.map((n) => [n.id, n.noticeType, n.source])).toEqual([
      ['066750-2025', 'UK4', '$.records[0].releases[1].date'],
      ['077802-2025', 'UK12', '$.records[0].releases[0].date'],
    ]);
    const cancelled = procurement.keyDates.find((k) => k.type === 'cancelled');
    expect(cancelled?.source).toBe('$.records[0].compiledRelease.awards[0].finalStatusDate');
  });

  it('lists a notice known only from a document, with no date, after the dated ones', () => {
    // The real UK4 release, its documents naming one more notice (a UK2 of the same buyer) that no release and no date give.
    const release = tenderRelease();
    const documents = [{ id: '999999-2025', noticeType: 'UK2', documentType: 'marketEngagementNotice' }, ...(release.tender.documents ?? [])];
    const { procurement } = readOne({ releases: [{ ...release, tender: { ...release.tender, documents } }, terminationRelease()] });
    expect(procurement.notices.map((n) => [n.id, n.publishedAt === undefined])).toEqual([
      ['066750-2025', false],
      ['077802-2025', false],
      ['999999-2025', true],
    ]);
  });

  it('joins a sparse UK12 stub to the rest of its procurement when both are given', () => {
    const { procurement } = readOne({ releases: [tenderRelease(), terminationRelease()] });
    expect(procurement.title).toBe('Out of Court Resolution');
    expect(procurement.stage).toBe('cancelled');
    // The merged state: deadlines from the UK4, the cancelled award from the UK12 (source in that release).
    expect(procurement.keyDates.find((k) => k.type === 'submissionDeadline')?.source).toBe('$.releases[0].tender.tenderPeriod.endDate');
    expect(procurement.keyDates.find((k) => k.type === 'cancelled')?.source).toBe('$.releases[1].awards[0].finalStatusDate');
  });

  it('groups a list page of release packages by ocid', () => {
    const other = { ...realRecord('ocds-h6vhtk-06bae5.json'), tag: ['planning'], id: '058880-2026' };
    const page = { releases: [tenderRelease(), other, terminationRelease()], links: { next: 'https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages?cursor=x' } };
    const result = readOcds(JSON.stringify(page));
    expect(result.ok && result.procurements.map((p) => [p.procurement.ocid, p.procurement.notices.length])).toEqual([
      ['ocds-h6vhtk-05cfd9', 2],
      // One release, but its documents name both of its UK2 notices.
      ['ocds-h6vhtk-06bae5', 2],
    ]);
  });

  it('reads a list of packages', () => {
    const result = readOcds(JSON.stringify([{ releases: [tenderRelease()] }, { releases: [terminationRelease()] }]));
    expect(result.ok && result.procurements.map((p) => p.procurement.notices.length)).toEqual([2]);
  });

  it.each([
    ['HTML', '<!DOCTYPE html><html><body>Service unavailable</body></html>'],
    ['empty text', ''],
    ['JSON without an ocid', '{"error":"Too Many Requests"}'],
    ['an empty list', '[]'],
    ['a number', '42'],
  ])('says plainly that %s is not OCDS', (_name, text) => {
    const result = readOcds(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^This page's data is not OCDS: .+/);
  });
});

describe('a wrong field is a problem, not a failure', () => {
  it('drops a wrongly typed title, reports it, and keeps everything else', () => {
    const record = realRecord();
    record.tender.title = 42;
    const { procurement, problems } = readOne(record);
    expect(procurement.title).toBeUndefined();
    expect(problems).toEqual([{ path: '$.tender.title', message: 'expected string, found the number 42; it was left out' }]);
    expect(procurement.buyer?.name).toBe('The Police and Crime Commissioner for Leicestershire');
    expect(buildTimeline(procurement, NOW).length).toBe(buildTimeline(readOne(realRecord()).procurement, NOW).length);
  });

  it('drops a date that is not a date, and keeps the other deadlines', () => {
    const record = realRecord();
    record.tender.tenderPeriod.endDate = 'TBC';
    const { procurement, problems } = readOne(record);
    expect(problems.map((p) => p.path)).toEqual(['$.tender.tenderPeriod.endDate']);
    expect(problems[0]!.message).toContain('the text "TBC"');
    expect(procurement.keyDates.map((k) => k.type)).not.toContain('submissionDeadline');
    expect(procurement.keyDates.map((k) => k.type)).toContain('enquiryDeadline');
  });

  it('reports a date outside 1990–2100 as a problem, not a key date centuries ahead', () => {
    const record = realRecord();
    record.tender.tenderPeriod.endDate = '9999-12-31T12:00:00Z';
    const { procurement, problems } = readOne(record);
    expect(problems).toEqual([
      { path: '$.tender.tenderPeriod.endDate', message: 'expected a date between 1990 and 2100, found the text "9999-12-31T12:00:00Z"; it was left out' },
    ]);
    expect(procurement.keyDates.map((k) => k.type)).not.toContain('submissionDeadline');
    expect(procurement.keyDates.find((k) => k.type === 'enquiryDeadline')?.at).toBe('2025-11-19T14:00:00.000Z');
    expect(procurement.title).toBe('Out of Court Resolution');
  });

  it('reads a year before 100 as that year, so it is outside 1990–2100 too (not 1999)', () => {
    const record = realRecord();
    record.tender.enquiryPeriod.endDate = '0099-05-01';
    const { procurement, problems } = readOne(record);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      '$.tender.enquiryPeriod.endDate: expected a date between 1990 and 2100, found the text "0099-05-01"; it was left out',
    ]);
    expect(procurement.keyDates.map((k) => k.type)).not.toContain('enquiryDeadline');
  });

  it('keeps dates at the edges of 1990–2100 and the notice whose date is outside them', () => {
    const record = realRecord();
    record.tender.enquiryPeriod.endDate = '1990-01-01T00:00:00Z';
    record.tender.tenderPeriod.endDate = '2100-12-31T23:59:00Z';
    record.date = '1989-12-31T23:59:59Z';
    const { procurement, problems } = readOne(record);
    expect(problems.map((p) => p.path)).toEqual(['$.date']);
    expect(procurement.keyDates.filter((k) => k.type !== 'contractStart' && k.type !== 'contractEnd').map((k) => [k.type, k.at])).toEqual(
      expect.arrayContaining([
        ['enquiryDeadline', '1990-01-01T00:00:00.000Z'],
        ['submissionDeadline', '2100-12-31T23:59:00.000Z'],
      ]),
    );
  });

  it('keeps the place of a lot that is not an object, so paths to its siblings stay true', () => {
    const record = realRecord('ocds-h6vhtk-067b89.json');
    record.tender.lots[0] = 'lot one';
    const { procurement, problems } = readOne(record);
    expect(problems.map((p) => p.path)).toEqual(['$.tender.lots[0]']);
    const start = procurement.keyDates.find((k) => k.type === 'contractStart');
    expect(start).toMatchObject({ lots: ['2', '3'], source: '$.tender.lots[1].contractPeriod.startDate' });
  });

  it('treats a number too large to be a value (1e9999) as a problem, never as a value', () => {
    const text = JSON.stringify(realRecord()).replace('"amountGross":718186.39', '"amountGross":1e9999');
    const { procurement, problems } = readOne(text);
    expect(procurement.value.gross).toBeUndefined();
    expect(procurement.value.net).toEqual({ amount: 598488.66, currency: 'GBP' });
    expect(problems.map((p) => p.path)).toEqual(['$.tender.value.amountGross']);
  });

  it('keeps unknown fields for later readers (loose objects)', () => {
    const record = realRecord();
    record.tender.somethingNew = { x: 1 };
    const result = readOne(record);
    expect(result.problems).toEqual([]);
  });

  it('says that a release without an ocid belongs to no procurement', () => {
    const orphan = { id: '000001-2026', date: '2026-01-01T00:00:00Z', tag: ['tender'] };
    const result = readOcds(JSON.stringify({ releases: [tenderRelease(), orphan] }));
    expect(result.ok && result.procurements[0]!.problems).toEqual([
      { path: '$.releases[1]', message: 'this release has no ocid, so it belongs to no procurement; it was left out' },
    ]);
  });
});

describe('value and regime', () => {
  it('reads 0 as "not specified", never £0', () => {
    const { procurement } = readOne(realRecord('ocds-h6vhtk-067b89.json'));
    expect(procurement.value).toEqual({ net: undefined, gross: undefined });
    expect(procurement.lots.map((l) => l.value)).toEqual([
      { net: undefined, gross: undefined },
      { net: undefined, gross: undefined },
      { net: undefined, gross: undefined },
    ]);
  });

  it('reads net and gross value, buyer contact, CPV codes and the legal regime', () => {
    const { procurement } = readOne(realRecord('ocds-h6vhtk-06bae5.json'));
    expect(procurement.value).toEqual({ net: { amount: 1530000, currency: 'GBP' }, gross: { amount: 1836000, currency: 'GBP' } });
    expect(procurement.buyer).toEqual({
      id: 'GB-PPON-PBJV-9412-LHBX',
      name: 'Police, Fire & Crime Commissioner for Staffordshire',
      contact: { name: 'Sarah Griffiths', email: 'CommercialServices@staffordshire.police.uk', telephone: '01785232385', url: undefined },
    });
    expect(procurement.regime).toBe('procurementAct2023');
    expect(procurement.stage).toBe('planning');
  });

  it('links the submission portal only when it is an https: URL', () => {
    const { procurement } = readOne(realRecord());
    expect(procurement.submission).toEqual({
      text: "https://sell2.in-tend.co.uk/blpd/publictenders Keyword Search - i.e. 'Out of Court Resolution'",
      url: 'https://sell2.in-tend.co.uk/blpd/publictenders',
    });
    const hostile = realRecord();
    hostile.tender.submissionMethodDetails = 'javascript:alert(1)';
    expect(readOne(hostile).procurement.submission).toEqual({ text: 'javascript:alert(1)', url: undefined });
    const later = readOne(realRecord('ocds-h6vhtk-067b89.json')).procurement.submission;
    expect(later).toEqual({ text: 'will be added at a later date', url: undefined });
  });

  it('links each notice to its FTS page by its id, whatever host its document names', () => {
    const hostile = realRecord();
    // The real record's tender notice document points at FTS; a republished copy may point anywhere.
    const notice = hostile.tender.documents.find((d: { id: string }) => d.id === '066750-2025');
    notice.url = 'https://find-tender.example/Notice/066750-2025';
    const { procurement } = readOne(hostile);
    expect(procurement.notices.map((n) => [n.id, n.url])).toEqual([
      ['066750-2025', 'https://www.find-tender.service.gov.uk/Notice/066750-2025'],
      ['077802-2025', 'https://www.find-tender.service.gov.uk/Notice/077802-2025'],
    ]);
    const links = buildTimeline(procurement, NOW).flatMap((e) => (e.kind === 'notice' ? [e.url] : []));
    expect(links).toEqual(['https://www.find-tender.service.gov.uk/Notice/066750-2025', 'https://www.find-tender.service.gov.uk/Notice/077802-2025']);
  });
});
