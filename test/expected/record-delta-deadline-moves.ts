import type { ExpectedEvent } from './types.ts';

// Three UK4 notices (the 2nd and 3rd are tenderUpdate deltas); key dates from compiledRelease.
// The 2nd notice moved the deadlines from BST (24 Oct / 17 Oct) to GMT dates (7 Nov / 31 Oct):
// only the current ones are key dates.
export const expected: ExpectedEvent[] = [
  { kind: 'notice', noticeId: '062718-2025', noticeType: 'UK4', raw: '2025-10-06T10:14:22+01:00', date: '2025-10-06', time: '10:14', lots: [], source: '$.records[0].releases[0].date' },
  { kind: 'notice', noticeId: '066893-2025', noticeType: 'UK4', raw: '2025-10-20T16:42:09+01:00', date: '2025-10-20', time: '16:42', lots: [], source: '$.records[0].releases[1].date' },
  { kind: 'amendment', noticeId: '066893-2025', raw: '2025-10-20T16:42:09+01:00', date: '2025-10-20', time: '16:42', lots: [], source: '$.records[0].releases[1].date' },
  { kind: 'notice', noticeId: '069512-2025', noticeType: 'UK4', raw: '2025-10-29T09:05:51Z', date: '2025-10-29', time: '09:05', lots: [], source: '$.records[0].releases[2].date' },
  { kind: 'amendment', noticeId: '069512-2025', raw: '2025-10-29T09:05:51Z', date: '2025-10-29', time: '09:05', lots: [], source: '$.records[0].releases[2].date' },
  { kind: 'keyDate', type: 'enquiryDeadline', raw: '2025-10-31T17:00:00Z', date: '2025-10-31', time: '17:00', lots: [], source: '$.records[0].compiledRelease.tender.enquiryPeriod.endDate' },
  { kind: 'keyDate', type: 'submissionDeadline', raw: '2025-11-07T12:00:00Z', date: '2025-11-07', time: '12:00', lots: [], source: '$.records[0].compiledRelease.tender.tenderPeriod.endDate' },
  { kind: 'keyDate', type: 'awardPeriodEnd', raw: '2025-12-19T23:59:59Z', date: '2025-12-19', time: '23:59', lots: [], source: '$.records[0].compiledRelease.tender.awardPeriod.endDate' },
  { kind: 'keyDate', type: 'contractStart', raw: '2026-04-01T00:00:00+01:00', date: '2026-04-01', time: '00:00', lots: ['1'], source: '$.records[0].compiledRelease.tender.lots[0].contractPeriod.startDate' },
  { kind: 'keyDate', type: 'contractEnd', raw: '2030-03-31T23:59:59+01:00', date: '2030-03-31', time: '23:59', lots: ['1'], source: '$.records[0].compiledRelease.tender.lots[0].contractPeriod.endDate' },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2032-03-31T23:59:59+01:00', date: '2032-03-31', time: '23:59', lots: ['1'], source: '$.records[0].compiledRelease.tender.lots[0].contractPeriod.maxExtentDate' },
];
