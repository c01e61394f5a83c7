import type { ExpectedEvent } from './types.ts';

// One UK4 release (published in GMT, deadlines in BST). Lots 1 and 2 share a start; ends differ; only lot 1 has a max extent.
export const expected: ExpectedEvent[] = [
  { kind: 'notice', noticeId: '025713-2026', noticeType: 'UK4', raw: '2026-03-16T11:02:37Z', date: '2026-03-16', time: '11:02', lots: [], source: '$.releases[0].date' },
  { kind: 'keyDate', type: 'enquiryDeadline', raw: '2026-04-09T17:00:00+01:00', date: '2026-04-09', time: '17:00', lots: [], source: '$.releases[0].tender.enquiryPeriod.endDate' },
  { kind: 'keyDate', type: 'submissionDeadline', raw: '2026-04-20T12:00:00+01:00', date: '2026-04-20', time: '12:00', lots: [], source: '$.releases[0].tender.tenderPeriod.endDate' },
  { kind: 'keyDate', type: 'awardPeriodStart', raw: '2026-05-18T00:00:00+01:00', date: '2026-05-18', time: '00:00', lots: [], source: '$.releases[0].tender.awardPeriod.startDate' },
  { kind: 'keyDate', type: 'awardPeriodEnd', raw: '2026-06-12T23:59:59+01:00', date: '2026-06-12', time: '23:59', lots: [], source: '$.releases[0].tender.awardPeriod.endDate' },
  { kind: 'keyDate', type: 'contractStart', raw: '2026-08-01T00:00:00+01:00', date: '2026-08-01', time: '00:00', lots: ['1', '2'], source: '$.releases[0].tender.lots[0].contractPeriod.startDate' },
  { kind: 'keyDate', type: 'contractEnd', raw: '2028-07-31T23:59:59+01:00', date: '2028-07-31', time: '23:59', lots: ['2'], source: '$.releases[0].tender.lots[1].contractPeriod.endDate' },
  { kind: 'keyDate', type: 'contractEnd', raw: '2029-07-31T23:59:59+01:00', date: '2029-07-31', time: '23:59', lots: ['1'], source: '$.releases[0].tender.lots[0].contractPeriod.endDate' },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2030-07-31T23:59:59+01:00', date: '2030-07-31', time: '23:59', lots: ['1'], source: '$.releases[0].tender.lots[0].contractPeriod.maxExtentDate' },
];
