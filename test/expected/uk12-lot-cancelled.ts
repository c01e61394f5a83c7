import type { ExpectedEvent } from './types.ts';

// A UK4 with two lots, then a UK12 tenderCancellation stub whose one award cancels lot 2 alone (finalStatusDate
// 10 Mar 2026 midnight GMT) while its tender.status says "complete". Lot 2's contract dates are void; lot 1's,
// and the procurement's award period, go on.
export const expected: ExpectedEvent[] = [
  { kind: 'notice', noticeId: '011482-2026', noticeType: 'UK4', raw: '2026-02-02T10:41:09Z', date: '2026-02-02', time: '10:41', lots: [], source: '$.releases[1].date' },
  { kind: 'keyDate', type: 'enquiryDeadline', raw: '2026-02-24T17:00:00Z', date: '2026-02-24', time: '17:00', lots: [], source: '$.releases[1].tender.enquiryPeriod.endDate' },
  { kind: 'keyDate', type: 'submissionDeadline', raw: '2026-03-05T12:00:00Z', date: '2026-03-05', time: '12:00', lots: [], source: '$.releases[1].tender.tenderPeriod.endDate' },
  { kind: 'keyDate', type: 'cancelled', raw: '2026-03-10T00:00:00Z', date: '2026-03-10', time: '00:00', lots: ['2'], source: '$.releases[0].awards[0].finalStatusDate' },
  { kind: 'notice', noticeId: '021937-2026', noticeType: 'UK12', raw: '2026-03-10T15:12:30Z', date: '2026-03-10', time: '15:12', lots: [], source: '$.releases[0].date' },
  { kind: 'keyDate', type: 'awardPeriodStart', raw: '2026-03-16T00:00:00Z', date: '2026-03-16', time: '00:00', lots: [], source: '$.releases[1].tender.awardPeriod.startDate' },
  { kind: 'keyDate', type: 'awardPeriodEnd', raw: '2026-04-30T23:59:59+01:00', date: '2026-04-30', time: '23:59', lots: [], source: '$.releases[1].tender.awardPeriod.endDate' },
  { kind: 'keyDate', type: 'contractStart', raw: '2026-06-01T00:00:00+01:00', date: '2026-06-01', time: '00:00', lots: ['1'], source: '$.releases[1].tender.lots[0].contractPeriod.startDate' },
  { kind: 'keyDate', type: 'contractStart', raw: '2026-07-01T00:00:00+01:00', date: '2026-07-01', time: '00:00', lots: ['2'], source: '$.releases[1].tender.lots[1].contractPeriod.startDate', void: true },
  { kind: 'keyDate', type: 'contractEnd', raw: '2027-06-30T23:59:59+01:00', date: '2027-06-30', time: '23:59', lots: ['2'], source: '$.releases[1].tender.lots[1].contractPeriod.endDate', void: true },
  { kind: 'keyDate', type: 'contractEnd', raw: '2028-05-31T23:59:59+01:00', date: '2028-05-31', time: '23:59', lots: ['1'], source: '$.releases[1].tender.lots[0].contractPeriod.endDate' },
];
