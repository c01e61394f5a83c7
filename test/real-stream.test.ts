/**
 * The whole core on real FTS API answers (test/fixtures/fts/api/, recorded August 2026):
 * every release read, every notice present and named, no problem but FTS's own
 * overflowing numbers, and key dates at the London instant read by hand from the JSON.
 */
import { describe, expect, it } from 'vitest';
import { analyseOcds, type ProcurementTimeline } from '../lib/analyse';
import { readFtsApi } from './support/fixtures';

/** After the walk's window (13 Jul – 12 Aug 2026). */
const NOW = new Date('2026-08-12T00:00:00Z');

interface RawRelease {
  ocid: string;
  id: string;
  [field: string]: unknown;
}

/** The releases as the file holds them, read without the core (`JSON.parse` reads `1e9999` as Infinity). */
function rawReleases(file: string): RawRelease[] {
  return (JSON.parse(readFtsApi(file)) as { releases: RawRelease[] }).releases;
}

function analyse(file: string): ProcurementTimeline[] {
  const result = analyseOcds(readFtsApi(file), NOW);
  if (!result.ok) throw new Error(`${file}: ${result.message}`);
  return result.procurements;
}

function procurementOf(file: string, ocid: string): ProcurementTimeline {
  const found = analyse(file).find((p) => p.procurement.ocid === ocid);
  if (!found) throw new Error(`${ocid} not in ${file}`);
  return found;
}

/** Releases per file, and distinct (ocid, release id) pairs, counted in the files by hand. */
const FILES: Array<{ file: string; releases: number; notices: number }> = [
  { file: 'whole-stream/page-001.json', releases: 100, notices: 100 },
  { file: 'whole-stream/page-002.json', releases: 100, notices: 100 },
  { file: 'whole-stream/page-003.json', releases: 100, notices: 100 },
  { file: 'whole-stream/page-050.json', releases: 100, notices: 99 },
  { file: 'whole-stream/page-111.json', releases: 37, notices: 37 },
  { file: 'probe/22-window-noZ.json', releases: 43, notices: 43 },
  { file: 'conversions/uk3-069311.json', releases: 2, notices: 2 },
];

/** The only problems in the real data: FTS writes `maximumLotsBidPerSupplier` as 1e9999, three times on page 50. */
const OVERFLOWS: Record<string, string[]> = {
  'whole-stream/page-050.json': [
    '$.releases[37].tender.lotDetails.maximumLotsBidPerSupplier',
    '$.releases[54].tender.lotDetails.maximumLotsBidPerSupplier',
    '$.releases[56].tender.lotDetails.maximumLotsBidPerSupplier',
  ],
};

describe.each(FILES)('$file', ({ file, releases, notices }) => {
  const raw = rawReleases(file);
  const procurements = analyse(file);
  const allNotices = procurements.flatMap((p) => p.procurement.notices.map((n) => ({ ocid: p.procurement.ocid, ...n })));

  it(`reads all ${releases} releases, each as one notice of its procurement`, () => {
    expect(raw).toHaveLength(releases);
    for (const release of raw) {
      const matches = allNotices.filter((n) => n.ocid === release.ocid && n.id === release.id);
      expect(matches, `${release.ocid} ${release.id}`).toHaveLength(1);
    }
    expect(allNotices).toHaveLength(notices);
    expect(new Set(procurements.map((p) => p.procurement.ocid)).size).toBe(procurements.length);
  });

  it('names every notice: its FTS notice type where the release has one, never a bare "Notice"', () => {
    for (const release of raw) {
      const notice = allNotices.find((n) => n.ocid === release.ocid && n.id === release.id)!;
      expect(notice.name).not.toMatch(/^Notice$|: Notice$/);
      const own = JSON.stringify(release).match(new RegExp(`"id":"${release.id}"[^}]*?"noticeType":"(UK\\d+)"`));
      if (own) expect(notice.name, release.id).toMatch(new RegExp(`^${own[1]}: `));
    }
  });

  it('has no problems other than the numbers FTS writes as 1e9999', () => {
    const problems = procurements.flatMap((p) => p.problems);
    expect(problems.map((p) => p.path).sort()).toEqual(OVERFLOWS[file] ?? []);
    for (const problem of problems) expect(problem.message).toBe('Number 1e9999 is too large to be a value; it was left out');
  });
});

describe('the whole stream (pages 1, 2, 3, 50 and 111)', () => {
  const pages = FILES.filter((f) => f.file.startsWith('whole-stream/')).map((f) => f.file);

  it('names its 436 distinct notices; old-regime ones from their directive and tags', () => {
    const names = new Map<string, number>();
    for (const page of pages) {
      for (const { procurement } of analyse(page)) for (const n of procurement.notices) names.set(n.name, (names.get(n.name) ?? 0) + 1);
    }
    // Counted in the JSON: own notice document's noticeType, else tender.legalBasis (CELEX) and tag.
    expect(Object.fromEntries(names)).toEqual({
      'UK1: Pipeline notice': 7,
      'UK2: Preliminary market engagement notice': 36,
      'UK3: Planned procurement notice': 7,
      'UK4: Tender notice': 59,
      'UK5: Transparency notice': 19,
      'UK6: Contract award notice': 56,
      'UK7: Contract details notice': 178,
      'UK10: Contract change notice': 1,
      'UK11: Contract termination notice': 2,
      'UK12: Procurement termination notice': 9,
      'UK15: Dynamic market modification notice': 5,
      'F01: Prior information notice': 1, // 32014L0024, planning
      'F02: Contract notice': 6, // 32014L0024, tender
      'F03: Contract award notice': 39, // 32014L0024, award + contract
      'F05: Contract notice – utilities': 1, // 32014L0025, tender
      'F06: Contract award notice – utilities': 2, // 32014L0025, award + contract
      'F14: Corrigendum': 6, // tenderUpdate with unstructuredChanges
      'F20: Modification notice': 1, // awardUpdate + contractUpdate with contracts[].amendments
      'Tender notice': 1, // 32014L0024, planning + tender: no one form
    });
  });

  it('holds release 071452-2026 twice on page 50, byte for byte, and shows it as one notice', () => {
    const twice = rawReleases('whole-stream/page-050.json').filter((r) => r.id === '071452-2026');
    expect(twice).toHaveLength(2);
    expect(JSON.stringify(twice[0])).toBe(JSON.stringify(twice[1]));
    const { procurement } = procurementOf('whole-stream/page-050.json', twice[0]!.ocid);
    expect(procurement.notices.filter((n) => n.id === '071452-2026')).toHaveLength(1);
  });
});

describe('the empty page FTS answered for stages=planning,tender', () => {
  it('holds no release, and says it is an empty package, not that it is not OCDS', () => {
    expect(rawReleases('probe/24-stages-combo.json')).toEqual([]);
    const result = analyseOcds(readFtsApi('probe/24-stages-combo.json'), NOW);
    expect(result).toEqual({ ok: false, message: 'This OCDS package is empty: it holds no releases or records.' });
  });
});

describe('old-regime notices, named from tender.legalBasis and the release tag', () => {
  // Each read by hand: no noticeType in the release; legalBasis CELEX id and tag as noted.
  it.each([
    ['whole-stream/page-001.json', '076394-2026', 'F01: Prior information notice', 'planning'], // 32014L0024, planning
    ['whole-stream/page-001.json', '076444-2026', 'F02: Contract notice', 'tender'], // 32014L0024, tender
    ['whole-stream/page-001.json', '076457-2026', 'F03: Contract award notice', 'award'], // 32014L0024, award + contract
    ['whole-stream/page-003.json', '076226-2026', 'F03: Contract award notice', 'award'], // the same, award unsuccessful, no contract
    ['whole-stream/page-002.json', '076330-2026', 'F05: Contract notice – utilities', 'tender'], // 32014L0025, tender
    ['whole-stream/page-001.json', '076437-2026', 'F06: Contract award notice – utilities', 'award'], // 32014L0025, award + contract
    ['whole-stream/page-002.json', '076319-2026', 'F14: Corrigendum', 'corrigendum'], // tenderUpdate: contract value corrected
    ['whole-stream/page-050.json', '071464-2026', 'F14: Corrigendum', 'corrigendum'], // tenderUpdate: "This Contract Award Notice was published in error"
    ['whole-stream/page-111.json', '065416-2026', 'F14: Corrigendum', 'corrigendum'], // tenderUpdate: IV.2.2 time limit moved
    ['whole-stream/page-002.json', '076357-2026', 'F20: Modification notice', 'contract management'], // awardUpdate + contractUpdate, "Need for modification…"
    ['whole-stream/page-002.json', '076323-2026', 'Tender notice', 'tender'], // planning + tender: F01 calling for competition or F21, the data does not say
  ])('%s %s is "%s"', (file, id, name, stage) => {
    const procurement = analyse(file).find((p) => p.procurement.notices.some((n) => n.id === id))!.procurement;
    const notice = procurement.notices.find((n) => n.id === id)!;
    expect({ name: notice.name, stage: notice.stage, regime: procurement.regime }).toEqual({ name, stage, regime: 'pre2025Regulations' });
  });
});

interface HandRead {
  type: string;
  at: string;
  date: string;
  /** London HH:MM; none for a date published without a time. */
  time?: string;
  dateOnly?: true;
  lots: string[];
  source: string;
}

interface Sample {
  what: string;
  file: string;
  ocid: string;
  notices: string[];
  keyDates: HandRead[];
}

/**
 * Key dates read by hand from the JSON. August to 25 October 2026 and late March to October
 * are British Summer Time (London = UTC+1), so "+01:00" times are London times; a "Z" or
 * "+00:00" time in winter is London time too.
 */
const SAMPLES: Sample[] = [
  {
    what: 'UK1 pipeline notice',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-06e1ac',
    notices: ['UK1: Pipeline notice'],
    keyDates: [
      { type: 'futureNotice', at: '2027-04-01T22:59:59.000Z', date: '2027-04-01', time: '23:59', lots: [], source: '$.releases[97].tender.communication.futureNoticeDate' },
      { type: 'contractStart', at: '2027-09-30T23:00:00.000Z', date: '2027-10-01', time: '00:00', lots: ['1'], source: '$.releases[97].tender.lots[0].contractPeriod.startDate' },
      { type: 'contractEnd', at: '2037-09-30T22:59:59.000Z', date: '2037-09-30', time: '23:59', lots: ['1'], source: '$.releases[97].tender.lots[0].contractPeriod.endDate' },
    ],
  },
  {
    what: 'UK2 preliminary market engagement notice',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-06e1e3',
    notices: ['UK2: Preliminary market engagement notice'],
    keyDates: [
      { type: 'engagement', at: '2026-08-18T22:59:59.000Z', date: '2026-08-18', time: '23:59', lots: [], source: '$.releases[8].planning.milestones[0].dueDate' },
      { type: 'futureNotice', at: '2026-08-24T22:59:59.000Z', date: '2026-08-24', time: '23:59', lots: [], source: '$.releases[8].tender.communication.futureNoticeDate' },
      { type: 'contractStart', at: '2026-10-12T23:00:00.000Z', date: '2026-10-13', time: '00:00', lots: ['1'], source: '$.releases[8].tender.lots[0].contractPeriod.startDate' },
      { type: 'contractEnd', at: '2027-04-13T22:59:59.000Z', date: '2027-04-13', time: '23:59', lots: ['1'], source: '$.releases[8].tender.lots[0].contractPeriod.endDate' },
    ],
  },
  {
    what: 'UK3 planned procurement notice, with winter dates in Z',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-06a6e6',
    notices: ['UK3: Planned procurement notice'],
    keyDates: [
      { type: 'futureNotice', at: '2026-08-21T22:59:59.000Z', date: '2026-08-21', time: '23:59', lots: [], source: '$.releases[14].tender.communication.futureNoticeDate' },
      { type: 'enquiryDeadline', at: '2026-09-09T15:00:00.000Z', date: '2026-09-09', time: '16:00', lots: [], source: '$.releases[14].tender.enquiryPeriod.endDate' },
      { type: 'submissionDeadline', at: '2026-09-21T11:00:00.000Z', date: '2026-09-21', time: '12:00', lots: [], source: '$.releases[14].tender.tenderPeriod.endDate' },
      { type: 'awardPeriodEnd', at: '2026-11-02T23:59:59.000Z', date: '2026-11-02', time: '23:59', lots: [], source: '$.releases[14].tender.awardPeriod.endDate' },
      { type: 'contractStart', at: '2026-12-01T00:00:00.000Z', date: '2026-12-01', time: '00:00', lots: ['1'], source: '$.releases[14].tender.lots[0].contractPeriod.startDate' },
      { type: 'contractEnd', at: '2029-11-30T23:59:59.000Z', date: '2029-11-30', time: '23:59', lots: ['1'], source: '$.releases[14].tender.lots[0].contractPeriod.endDate' },
      { type: 'contractMaxExtent', at: '2031-09-30T22:59:59.000Z', date: '2031-09-30', time: '23:59', lots: ['1'], source: '$.releases[14].tender.lots[0].contractPeriod.maxExtentDate' },
    ],
  },
  {
    what: 'UK4 tender notice (a tenderUpdate), award period end in +00:00',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-06cc84',
    notices: ['UK4: Tender notice'],
    keyDates: [
      { type: 'enquiryDeadline', at: '2026-09-01T11:00:00.000Z', date: '2026-09-01', time: '12:00', lots: [], source: '$.releases[4].tender.enquiryPeriod.endDate' },
      { type: 'submissionDeadline', at: '2026-09-15T11:00:00.000Z', date: '2026-09-15', time: '12:00', lots: [], source: '$.releases[4].tender.tenderPeriod.endDate' },
      { type: 'awardPeriodEnd', at: '2026-11-10T23:59:59.000Z', date: '2026-11-10', time: '23:59', lots: [], source: '$.releases[4].tender.awardPeriod.endDate' },
      { type: 'contractStart', at: '2026-12-08T00:00:00.000Z', date: '2026-12-08', time: '00:00', lots: ['1'], source: '$.releases[4].tender.lots[0].contractPeriod.startDate' },
      // 31 March 2032 is after the clocks go forward (28 March 2032).
      { type: 'contractEnd', at: '2032-03-31T22:59:59.000Z', date: '2032-03-31', time: '23:59', lots: ['1'], source: '$.releases[4].tender.lots[0].contractPeriod.endDate' },
    ],
  },
  {
    what: 'UK3 then UK4 of one procurement',
    file: 'conversions/uk3-069311.json',
    ocid: 'ocds-h6vhtk-069311',
    notices: ['UK3: Planned procurement notice', 'UK4: Tender notice'],
    keyDates: [
      // Only the UK3 (releases[1]) gives the future notice date; the UK4 (releases[0]) repeats the rest.
      { type: 'futureNotice', at: '2026-07-23T22:59:59.000Z', date: '2026-07-23', time: '23:59', lots: [], source: '$.releases[1].tender.communication.futureNoticeDate' },
      { type: 'enquiryDeadline', at: '2026-08-19T13:00:00.000Z', date: '2026-08-19', time: '14:00', lots: [], source: '$.releases[0].tender.enquiryPeriod.endDate' },
      { type: 'submissionDeadline', at: '2026-08-26T13:00:00.000Z', date: '2026-08-26', time: '14:00', lots: [], source: '$.releases[0].tender.tenderPeriod.endDate' },
      { type: 'contractStart', at: '2026-08-29T23:00:00.000Z', date: '2026-08-30', time: '00:00', lots: ['1'], source: '$.releases[0].tender.lots[0].contractPeriod.startDate' },
      { type: 'contractEnd', at: '2027-03-31T22:59:59.000Z', date: '2027-03-31', time: '23:59', lots: ['1'], source: '$.releases[0].tender.lots[0].contractPeriod.endDate' },
    ],
  },
  {
    what: 'UK5 transparency notice',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-06e1d8',
    notices: ['UK5: Transparency notice'],
    keyDates: [
      { type: 'signatureExpected', at: '2026-08-25T22:59:59.000Z', date: '2026-08-25', time: '23:59', lots: ['1'], source: '$.releases[25].awards[0].milestones[0].dueDate' },
      { type: 'contractStart', at: '2026-08-25T23:00:00.000Z', date: '2026-08-26', time: '00:00', lots: ['1'], source: '$.releases[25].awards[0].contractPeriod.startDate' },
      { type: 'contractEnd', at: '2029-08-26T22:59:59.000Z', date: '2029-08-26', time: '23:59', lots: ['1'], source: '$.releases[25].awards[0].contractPeriod.endDate' },
    ],
  },
  {
    what: 'UK6 contract award notice',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-069a09',
    notices: ['UK6: Contract award notice'],
    keyDates: [
      { type: 'awardDate', at: '2026-08-10T23:00:00.000Z', date: '2026-08-11', time: '00:00', lots: ['1'], source: '$.releases[9].awards[0].date' },
      { type: 'standstillEnd', at: '2026-08-20T22:59:59.000Z', date: '2026-08-20', time: '23:59', lots: ['1'], source: '$.releases[9].awards[0].standstillPeriod.endDate' },
      { type: 'signatureExpected', at: '2026-09-10T22:59:59.000Z', date: '2026-09-10', time: '23:59', lots: ['1'], source: '$.releases[9].awards[0].milestones[0].dueDate' },
      { type: 'contractStart', at: '2026-09-10T23:00:00.000Z', date: '2026-09-11', time: '00:00', lots: ['1'], source: '$.releases[9].awards[0].contractPeriod.startDate' },
      { type: 'contractEnd', at: '2027-10-09T22:59:59.000Z', date: '2027-10-09', time: '23:59', lots: ['1'], source: '$.releases[9].awards[0].contractPeriod.endDate' },
    ],
  },
  {
    what: 'UK6 award update whose standstillPeriod is a list of two periods',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-05eeed',
    notices: ['UK6: Contract award notice'],
    keyDates: [
      { type: 'awardDate', at: '2026-07-19T23:00:00.000Z', date: '2026-07-20', time: '00:00', lots: ['1'], source: '$.releases[93].awards[0].date' },
      { type: 'standstillEnd', at: '2026-07-29T22:59:59.000Z', date: '2026-07-29', time: '23:59', lots: ['1'], source: '$.releases[93].awards[0].standstillPeriod[1].endDate' },
      { type: 'standstillEnd', at: '2026-08-21T22:59:59.000Z', date: '2026-08-21', time: '23:59', lots: ['1'], source: '$.releases[93].awards[0].standstillPeriod[0].endDate' },
      { type: 'signatureExpected', at: '2026-09-01T22:59:59.000Z', date: '2026-09-01', time: '23:59', lots: ['1'], source: '$.releases[93].awards[0].milestones[0].dueDate' },
      { type: 'contractStart', at: '2026-09-30T23:00:00.000Z', date: '2026-10-01', time: '00:00', lots: ['1'], source: '$.releases[93].awards[0].contractPeriod.startDate' },
      { type: 'contractEnd', at: '2029-10-01T22:59:59.000Z', date: '2029-10-01', time: '23:59', lots: ['1'], source: '$.releases[93].awards[0].contractPeriod.endDate' },
      { type: 'contractMaxExtent', at: '2031-10-01T22:59:59.000Z', date: '2031-10-01', time: '23:59', lots: ['1'], source: '$.releases[93].awards[0].contractPeriod.maxExtentDate' },
    ],
  },
  {
    what: 'UK7 contract details notice, contract end in Z in winter',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-06e1e6',
    notices: ['UK7: Contract details notice'],
    keyDates: [
      { type: 'contractSigned', at: '2026-07-19T23:00:00.000Z', date: '2026-07-20', time: '00:00', lots: ['1'], source: '$.releases[0].contracts[0].dateSigned' },
      { type: 'contractStart', at: '2026-09-06T23:00:00.000Z', date: '2026-09-07', time: '00:00', lots: ['1'], source: '$.releases[0].contracts[0].period.startDate' },
      { type: 'contractEnd', at: '2026-12-01T23:59:59.000Z', date: '2026-12-01', time: '23:59', lots: ['1'], source: '$.releases[0].contracts[0].period.endDate' },
    ],
  },
  {
    what: 'UK12 procurement termination notice (award cancelled)',
    file: 'whole-stream/page-002.json',
    ocid: 'ocds-h6vhtk-06ae10',
    notices: ['UK12: Procurement termination notice'],
    keyDates: [{ type: 'cancelled', at: '2026-08-10T23:00:00.000Z', date: '2026-08-11', time: '00:00', lots: ['1'], source: '$.releases[69].awards[0].finalStatusDate' }],
  },
  {
    what: 'F01 prior information notice',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-06e1c2',
    notices: ['F01: Prior information notice'],
    keyDates: [{ type: 'futureNotice', at: '2026-09-01T23:00:00.000Z', date: '2026-09-02', time: '00:00', lots: [], source: '$.releases[64].tender.communication.futureNoticeDate' }],
  },
  {
    what: 'F02 contract notice whose deadline is a day ("2026-08-25"): the London day from midnight',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-06e1df',
    notices: ['F02: Contract notice'],
    keyDates: [
      { type: 'submissionDeadline', at: '2026-08-24T23:00:00.000Z', date: '2026-08-25', dateOnly: true, lots: [], source: '$.releases[15].tender.tenderPeriod.endDate' },
      { type: 'awardPeriodStart', at: '2026-09-01T11:00:00.000Z', date: '2026-09-01', time: '12:00', lots: [], source: '$.releases[15].tender.awardPeriod.startDate' },
    ],
  },
  {
    what: 'F02 contract notice',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-05faa0',
    notices: ['F02: Contract notice'],
    keyDates: [
      { type: 'submissionDeadline', at: '2026-09-10T16:00:00.000Z', date: '2026-09-10', time: '17:00', lots: [], source: '$.releases[66].tender.tenderPeriod.endDate' },
      { type: 'awardPeriodStart', at: '2026-09-11T09:00:00.000Z', date: '2026-09-11', time: '10:00', lots: [], source: '$.releases[66].tender.awardPeriod.startDate' },
    ],
  },
  {
    what: 'F03 contract award notice',
    file: 'whole-stream/page-001.json',
    ocid: 'ocds-h6vhtk-06e1e4',
    notices: ['F03: Contract award notice'],
    keyDates: [{ type: 'contractSigned', at: '2026-08-10T23:00:00.000Z', date: '2026-08-11', time: '00:00', lots: ['1'], source: '$.releases[3].contracts[0].dateSigned' }],
  },
  {
    what: 'F05 contract notice – utilities',
    file: 'whole-stream/page-002.json',
    ocid: 'ocds-h6vhtk-06e197',
    notices: ['F05: Contract notice – utilities'],
    keyDates: [{ type: 'submissionDeadline', at: '2026-09-14T11:00:00.000Z', date: '2026-09-14', time: '12:00', lots: [], source: '$.releases[28].tender.tenderPeriod.endDate' }],
  },
  {
    what: 'F06 contract award notice – utilities: two contracts signed the same day',
    file: 'whole-stream/page-003.json',
    ocid: 'ocds-h6vhtk-04e478',
    notices: ['F06: Contract award notice – utilities'],
    keyDates: [{ type: 'contractSigned', at: '2026-06-30T23:00:00.000Z', date: '2026-07-01', time: '00:00', lots: ['1', '2'], source: '$.releases[22].contracts[0].dateSigned' }],
  },
  {
    what: 'F20 modification notice',
    file: 'whole-stream/page-002.json',
    ocid: 'ocds-h6vhtk-06e1ab',
    notices: ['F20: Modification notice'],
    keyDates: [{ type: 'contractSigned', at: '2023-06-06T23:00:00.000Z', date: '2023-06-07', time: '00:00', lots: ['1'], source: '$.releases[1].contracts[0].dateSigned' }],
  },
  {
    what: 'UK12 procurement termination notice that cancels the contract, its award left active',
    file: 'whole-stream/page-002.json',
    ocid: 'ocds-h6vhtk-0605ce',
    notices: ['UK12: Procurement termination notice'],
    keyDates: [{ type: 'cancelled', at: '2026-08-09T23:00:00.000Z', date: '2026-08-10', time: '00:00', lots: ['1'], source: '$.releases[7].contracts[0].finalStatusDate' }],
  },
  {
    what: 'UK11 contract termination notice without a final status date: the contract ended 16 Jul 2026',
    file: 'whole-stream/page-050.json',
    ocid: 'ocds-h6vhtk-060bc5',
    notices: ['UK11: Contract termination notice'],
    keyDates: [{ type: 'terminated', at: '2026-07-15T23:00:00.000Z', date: '2026-07-16', time: '00:00', lots: [], source: '$.releases[7].contracts[0].implementation.endDate' }],
  },
  {
    what: 'UK10 contract change notice with a voluntary standstill',
    file: 'whole-stream/page-050.json',
    ocid: 'ocds-h6vhtk-05ee62',
    notices: ['UK10: Contract change notice'],
    keyDates: [{ type: 'standstillEnd', at: '2026-08-13T22:59:59.000Z', date: '2026-08-13', time: '23:59', lots: [], source: '$.releases[71].contracts[0].proposedAmendments[0].date' }],
  },
];

describe.each(SAMPLES)('$what ($ocid)', ({ file, ocid, notices, keyDates }) => {
  const { procurement, events } = procurementOf(file, ocid);

  it('names its notices', () => {
    expect(procurement.notices.map((n) => n.name)).toEqual(notices);
  });

  it('gives each key date at the London instant read by hand', () => {
    const actual = events.flatMap((e) =>
      e.kind === 'keyDate' ? [{ type: e.type, at: e.at, date: e.date, time: e.time, dateOnly: e.dateOnly, lots: e.lots, source: e.source }] : [],
    );
    expect(actual).toEqual(keyDates);
  });
});

describe('FTS award updates give awards[].standstillPeriod as a list of periods', () => {
  /** The real UK6 award update 076365-2026 (page 1, releases[93]) as a release package of its own, changed by `edit`. */
  function awardUpdate(edit: (award: Record<string, unknown>) => void): ProcurementTimeline {
    const release = rawReleases('whole-stream/page-001.json')[93]! as RawRelease & { awards: Array<Record<string, unknown>> };
    expect(release.id).toBe('076365-2026');
    edit(release.awards[0]!);
    const result = analyseOcds(JSON.stringify({ version: '1.1', releases: [release] }), NOW);
    if (!result.ok) throw new Error(result.message);
    return result.procurements[0]!;
  }
  const standstillEnds = (read: ProcurementTimeline) =>
    read.procurement.keyDates
      .filter((k) => k.type === 'standstillEnd')
      .map((k) => [k.at, k.source])
      .sort();

  it('accepts the list as FTS publishes it: one key date per end, no problem', () => {
    const read = awardUpdate(() => {});
    expect(read.problems).toEqual([]);
    expect(standstillEnds(read)).toEqual([
      ['2026-07-29T22:59:59.000Z', '$.releases[0].awards[0].standstillPeriod[1].endDate'],
      ['2026-08-21T22:59:59.000Z', '$.releases[0].awards[0].standstillPeriod[0].endDate'],
    ]);
  });

  it('gives one key date for an end the list repeats', () => {
    const read = awardUpdate((award) => {
      const periods = award.standstillPeriod as unknown[];
      award.standstillPeriod = [periods[0], periods[0]];
    });
    expect(standstillEnds(read)).toEqual([['2026-08-21T22:59:59.000Z', '$.releases[0].awards[0].standstillPeriod[0].endDate']]);
  });

  it('leaves out only an unreadable end in the list, and says where', () => {
    const read = awardUpdate((award) => {
      (award.standstillPeriod as Array<Record<string, unknown>>)[1]!.endDate = 20260729;
    });
    expect(read.problems).toEqual([{ path: '$.releases[0].awards[0].standstillPeriod[1].endDate', message: 'expected string, found the number 20260729; it was left out' }]);
    expect(standstillEnds(read)).toEqual([['2026-08-21T22:59:59.000Z', '$.releases[0].awards[0].standstillPeriod[0].endDate']]);
  });

  it('refuses a standstill period that is neither a period nor a list, saying what was expected', () => {
    const read = awardUpdate((award) => {
      award.standstillPeriod = '10 days';
    });
    expect(read.problems).toEqual([{ path: '$.releases[0].awards[0].standstillPeriod', message: 'expected object or array, found the text "10 days"; it was left out' }]);
    expect(standstillEnds(read)).toEqual([]);
    expect(read.procurement.keyDates.map((k) => k.type)).toContain('signatureExpected');
  });
});
