import type { ExpectedEvent } from './types.ts';

// UK4 then UK6. The awards' contract periods replace the planned lot periods, except lot 1's max extent,
// which no award gives (so it still comes from tender.lots[0]). Award 2 writes its start as +00:00 and
// award 1 as Z: the same instant, so one contractStart event, raw from the first contributor (awards[0]).
export const expected: ExpectedEvent[] = [
  { kind: 'notice', noticeId: '034418-2025', noticeType: 'UK4', raw: '2025-06-02T09:31:54+01:00', date: '2025-06-02', time: '09:31', lots: [], source: '$.records[0].releases[0].date' },
  { kind: 'keyDate', type: 'enquiryDeadline', raw: '2025-06-27T17:00:00+01:00', date: '2025-06-27', time: '17:00', lots: [], source: '$.records[0].compiledRelease.tender.enquiryPeriod.endDate' },
  { kind: 'keyDate', type: 'submissionDeadline', raw: '2025-07-07T12:00:00+01:00', date: '2025-07-07', time: '12:00', lots: [], source: '$.records[0].compiledRelease.tender.tenderPeriod.endDate' },
  { kind: 'keyDate', type: 'awardPeriodEnd', raw: '2025-08-29T23:59:59+01:00', date: '2025-08-29', time: '23:59', lots: [], source: '$.records[0].compiledRelease.tender.awardPeriod.endDate' },
  { kind: 'keyDate', type: 'awardDate', raw: '2025-09-12T00:00:00+01:00', date: '2025-09-12', time: '00:00', lots: ['1', '2'], source: '$.records[0].compiledRelease.awards[0].date' },
  { kind: 'notice', noticeId: '057604-2025', noticeType: 'UK6', raw: '2025-09-15T15:20:03+01:00', date: '2025-09-15', time: '15:20', lots: [], source: '$.records[0].releases[1].date' },
  { kind: 'keyDate', type: 'standstillEnd', raw: '2025-09-25T23:59:59+01:00', date: '2025-09-25', time: '23:59', lots: ['1', '2'], source: '$.records[0].compiledRelease.awards[0].standstillPeriod.endDate' },
  { kind: 'keyDate', type: 'signatureExpected', raw: '2025-09-26T00:00:00+01:00', date: '2025-09-26', time: '00:00', lots: ['1', '2'], source: '$.records[0].compiledRelease.awards[0].milestones[0].dueDate' },
  { kind: 'keyDate', type: 'contractStart', raw: '2025-11-01T00:00:00Z', date: '2025-11-01', time: '00:00', lots: ['1', '2'], source: '$.records[0].compiledRelease.awards[0].contractPeriod.startDate' },
  { kind: 'keyDate', type: 'contractEnd', raw: '2027-10-31T23:59:59Z', date: '2027-10-31', time: '23:59', lots: ['2'], source: '$.records[0].compiledRelease.awards[1].contractPeriod.endDate' },
  { kind: 'keyDate', type: 'contractEnd', raw: '2028-10-31T23:59:59Z', date: '2028-10-31', time: '23:59', lots: ['1'], source: '$.records[0].compiledRelease.awards[0].contractPeriod.endDate' },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2028-10-31T23:59:59Z', date: '2028-10-31', time: '23:59', lots: ['2'], source: '$.records[0].compiledRelease.awards[1].contractPeriod.maxExtentDate' },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2029-09-30T23:59:59+01:00', date: '2029-09-30', time: '23:59', lots: ['1'], source: '$.records[0].compiledRelease.tender.lots[0].contractPeriod.maxExtentDate' },
];
