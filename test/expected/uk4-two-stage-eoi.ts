import type { ExpectedEvent } from './types.ts';

// Competitive flexible procedure: an expression of interest deadline and no submission deadline.
export const expected: ExpectedEvent[] = [
  { kind: 'notice', noticeId: '038547-2026', noticeType: 'UK4', raw: '2026-04-27T14:08:11+01:00', date: '2026-04-27', time: '14:08', lots: [], source: '$.releases[0].date' },
  { kind: 'keyDate', type: 'enquiryDeadline', raw: '2026-05-15T17:00:00+01:00', date: '2026-05-15', time: '17:00', lots: [], source: '$.releases[0].tender.enquiryPeriod.endDate' },
  { kind: 'keyDate', type: 'expressionOfInterestDeadline', raw: '2026-05-22T12:00:00+01:00', date: '2026-05-22', time: '12:00', lots: [], source: '$.releases[0].tender.expressionOfInterestDeadline' },
  { kind: 'keyDate', type: 'awardPeriodEnd', raw: '2026-10-30T23:59:59Z', date: '2026-10-30', time: '23:59', lots: [], source: '$.releases[0].tender.awardPeriod.endDate' },
  { kind: 'keyDate', type: 'contractStart', raw: '2027-01-04T00:00:00Z', date: '2027-01-04', time: '00:00', lots: ['1'], source: '$.releases[0].tender.lots[0].contractPeriod.startDate' },
  { kind: 'keyDate', type: 'contractEnd', raw: '2031-01-03T23:59:59Z', date: '2031-01-03', time: '23:59', lots: ['1'], source: '$.releases[0].tender.lots[0].contractPeriod.endDate' },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2033-01-03T23:59:59Z', date: '2033-01-03', time: '23:59', lots: ['1'], source: '$.releases[0].tender.lots[0].contractPeriod.maxExtentDate' },
];
