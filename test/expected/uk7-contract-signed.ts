import type { ExpectedEvent } from './types.ts';

// UK6 then UK7. The signed contract's period (from 1 Apr 2026, BST) replaces the award's contractPeriod for lot 1.
export const expected: ExpectedEvent[] = [
  { kind: 'keyDate', type: 'awardDate', raw: '2026-01-16T00:00:00Z', date: '2026-01-16', time: '00:00', lots: ['1'], source: '$.records[0].compiledRelease.awards[0].date' },
  { kind: 'notice', noticeId: '004960-2026', noticeType: 'UK6', raw: '2026-01-19T10:45:12Z', date: '2026-01-19', time: '10:45', lots: [], source: '$.records[0].releases[0].date' },
  { kind: 'keyDate', type: 'standstillEnd', raw: '2026-01-29T23:59:59Z', date: '2026-01-29', time: '23:59', lots: ['1'], source: '$.records[0].compiledRelease.awards[0].standstillPeriod.endDate' },
  { kind: 'keyDate', type: 'signatureExpected', raw: '2026-01-30T00:00:00Z', date: '2026-01-30', time: '00:00', lots: ['1'], source: '$.records[0].compiledRelease.awards[0].milestones[0].dueDate' },
  { kind: 'keyDate', type: 'contractSigned', raw: '2026-02-26T00:00:00Z', date: '2026-02-26', time: '00:00', lots: ['1'], source: '$.records[0].compiledRelease.contracts[0].dateSigned' },
  { kind: 'notice', noticeId: '015377-2026', noticeType: 'UK7', raw: '2026-02-27T16:03:40Z', date: '2026-02-27', time: '16:03', lots: [], source: '$.records[0].releases[1].date' },
  { kind: 'keyDate', type: 'contractStart', raw: '2026-04-01T00:00:00+01:00', date: '2026-04-01', time: '00:00', lots: ['1'], source: '$.records[0].compiledRelease.contracts[0].period.startDate' },
  { kind: 'keyDate', type: 'contractEnd', raw: '2029-03-31T23:59:59+01:00', date: '2029-03-31', time: '23:59', lots: ['1'], source: '$.records[0].compiledRelease.contracts[0].period.endDate' },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2030-03-31T23:59:59+01:00', date: '2030-03-31', time: '23:59', lots: ['1'], source: '$.records[0].compiledRelease.contracts[0].period.maxExtentDate' },
];
