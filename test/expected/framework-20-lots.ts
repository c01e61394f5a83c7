import type { ExpectedEvent } from './types.ts';

// A 20-lot framework (one UK4). Lots 1-8 share start/end/max extent; 9-14 share another set;
// 15-20 start and (except 17) end together, with max extents: 15 none, 16 and 20 the same,
// 17 its own, 18 the same as lots 1-8, 19 its own. Lots are sorted numerically (18 after 8).
const lots1to8 = ['1', '2', '3', '4', '5', '6', '7', '8'];
const lots9to14 = ['9', '10', '11', '12', '13', '14'];
const lots15to20 = ['15', '16', '17', '18', '19', '20'];
const c = '$.records[0].compiledRelease.tender';

export const expected: ExpectedEvent[] = [
  { kind: 'notice', noticeId: '043907-2026', noticeType: 'UK4', raw: '2026-05-12T09:00:14+01:00', date: '2026-05-12', time: '09:00', lots: [], source: '$.records[0].releases[0].date' },
  { kind: 'keyDate', type: 'enquiryDeadline', raw: '2026-06-19T17:00:00+01:00', date: '2026-06-19', time: '17:00', lots: [], source: `${c}.enquiryPeriod.endDate` },
  { kind: 'keyDate', type: 'submissionDeadline', raw: '2026-06-30T12:00:00+01:00', date: '2026-06-30', time: '12:00', lots: [], source: `${c}.tenderPeriod.endDate` },
  { kind: 'keyDate', type: 'awardPeriodEnd', raw: '2026-08-14T23:59:59+01:00', date: '2026-08-14', time: '23:59', lots: [], source: `${c}.awardPeriod.endDate` },
  { kind: 'keyDate', type: 'contractStart', raw: '2026-09-01T00:00:00+01:00', date: '2026-09-01', time: '00:00', lots: lots1to8, source: `${c}.lots[0].contractPeriod.startDate` },
  { kind: 'keyDate', type: 'contractStart', raw: '2026-10-01T00:00:00+01:00', date: '2026-10-01', time: '00:00', lots: lots9to14, source: `${c}.lots[8].contractPeriod.startDate` },
  { kind: 'keyDate', type: 'contractStart', raw: '2026-11-02T00:00:00Z', date: '2026-11-02', time: '00:00', lots: lots15to20, source: `${c}.lots[14].contractPeriod.startDate` },
  { kind: 'keyDate', type: 'contractEnd', raw: '2029-09-30T23:59:59+01:00', date: '2029-09-30', time: '23:59', lots: lots9to14, source: `${c}.lots[8].contractPeriod.endDate` },
  { kind: 'keyDate', type: 'contractEnd', raw: '2029-11-01T23:59:59Z', date: '2029-11-01', time: '23:59', lots: ['17'], source: `${c}.lots[16].contractPeriod.endDate` },
  { kind: 'keyDate', type: 'contractEnd', raw: '2030-08-31T23:59:59+01:00', date: '2030-08-31', time: '23:59', lots: lots1to8, source: `${c}.lots[0].contractPeriod.endDate` },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2030-09-30T23:59:59+01:00', date: '2030-09-30', time: '23:59', lots: lots9to14, source: `${c}.lots[8].contractPeriod.maxExtentDate` },
  { kind: 'keyDate', type: 'contractEnd', raw: '2030-11-01T23:59:59Z', date: '2030-11-01', time: '23:59', lots: ['15', '16', '18', '19', '20'], source: `${c}.lots[14].contractPeriod.endDate` },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2031-04-30T23:59:59+01:00', date: '2031-04-30', time: '23:59', lots: ['19'], source: `${c}.lots[18].contractPeriod.maxExtentDate` },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2031-11-01T23:59:59Z', date: '2031-11-01', time: '23:59', lots: ['16', '20'], source: `${c}.lots[15].contractPeriod.maxExtentDate` },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2032-08-31T23:59:59+01:00', date: '2032-08-31', time: '23:59', lots: [...lots1to8, '18'], source: `${c}.lots[0].contractPeriod.maxExtentDate` },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2032-11-01T23:59:59Z', date: '2032-11-01', time: '23:59', lots: ['17'], source: `${c}.lots[16].contractPeriod.maxExtentDate` },
];
