import type { ExpectedEvent } from './types.ts';

// F02, F14, F03 (CELEX 32014L0024). The F14 corrigendum states the new deadline only in
// tender.amendments[0].unstructuredChanges, as FTS old-form corrigenda do: section IV.2.2 (time
// limit for receipt of tenders), oldValue.date 2024-07-15T12:00:00+01:00 (what the structured
// tender.tenderPeriod.endDate still says), newValue.date 2024-07-29T12:00:00+01:00. So the
// submission deadline is 29 Jul 12:00 BST, read from the corrigendum's newValue.date.
export const expected: ExpectedEvent[] = [
  { kind: 'notice', noticeId: '018532-2024', noticeType: 'F02', raw: '2024-06-11T14:25:09+01:00', date: '2024-06-11', time: '14:25', lots: [], source: '$.records[0].releases[0].date' },
  { kind: 'notice', noticeId: '020417-2024', noticeType: 'F14', raw: '2024-07-03T16:11:52+01:00', date: '2024-07-03', time: '16:11', lots: [], source: '$.records[0].releases[1].date' },
  { kind: 'amendment', noticeId: '020417-2024', raw: '2024-07-03T16:11:52+01:00', date: '2024-07-03', time: '16:11', lots: [], source: '$.records[0].releases[1].date' },
  { kind: 'keyDate', type: 'submissionDeadline', raw: '2024-07-29T12:00:00+01:00', date: '2024-07-29', time: '12:00', lots: [], source: '$.records[0].compiledRelease.tender.amendments[0].unstructuredChanges[0].newValue.date' },
  { kind: 'keyDate', type: 'awardDate', raw: '2024-09-06T00:00:00+01:00', date: '2024-09-06', time: '00:00', lots: ['1'], source: '$.records[0].compiledRelease.awards[0].date' },
  { kind: 'keyDate', type: 'contractSigned', raw: '2024-09-20T00:00:00+01:00', date: '2024-09-20', time: '00:00', lots: ['1'], source: '$.records[0].compiledRelease.contracts[0].dateSigned' },
  { kind: 'notice', noticeId: '029866-2024', noticeType: 'F03', raw: '2024-09-23T09:48:30+01:00', date: '2024-09-23', time: '09:48', lots: [], source: '$.records[0].releases[2].date' },
  { kind: 'keyDate', type: 'contractStart', raw: '2024-10-01T00:00:00+01:00', date: '2024-10-01', time: '00:00', lots: ['1'], source: '$.records[0].compiledRelease.tender.lots[0].contractPeriod.startDate' },
  { kind: 'keyDate', type: 'contractEnd', raw: '2027-09-30T23:59:59+01:00', date: '2027-09-30', time: '23:59', lots: ['1'], source: '$.records[0].compiledRelease.tender.lots[0].contractPeriod.endDate' },
];
