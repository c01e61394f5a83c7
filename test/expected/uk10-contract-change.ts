import type { ExpectedEvent } from './types.ts';

// UK7 then a UK10 contractAmendment delta. The contract amendment has its own id ("1") and its own date:
// it belongs to the release that carries it (028104-2026), and its date (20 Mar) is the amendment's instant,
// four days before the notice was published.
export const expected: ExpectedEvent[] = [
  { kind: 'keyDate', type: 'awardDate', raw: '2025-03-21T00:00:00Z', date: '2025-03-21', time: '00:00', lots: ['1'], source: '$.records[0].compiledRelease.awards[0].date' },
  { kind: 'keyDate', type: 'contractSigned', raw: '2025-04-10T00:00:00+01:00', date: '2025-04-10', time: '00:00', lots: ['1'], source: '$.records[0].compiledRelease.contracts[0].dateSigned' },
  { kind: 'notice', noticeId: '023981-2025', noticeType: 'UK7', raw: '2025-04-14T13:12:45+01:00', date: '2025-04-14', time: '13:12', lots: [], source: '$.records[0].releases[0].date' },
  { kind: 'keyDate', type: 'contractStart', raw: '2025-05-01T00:00:00+01:00', date: '2025-05-01', time: '00:00', lots: ['1'], source: '$.records[0].compiledRelease.contracts[0].period.startDate' },
  { kind: 'amendment', noticeId: '028104-2026', raw: '2026-03-20T00:00:00Z', date: '2026-03-20', time: '00:00', lots: [], source: '$.records[0].releases[1].contracts[0].amendments[0].date' },
  { kind: 'notice', noticeId: '028104-2026', noticeType: 'UK10', raw: '2026-03-24T11:37:18Z', date: '2026-03-24', time: '11:37', lots: [], source: '$.records[0].releases[1].date' },
  { kind: 'keyDate', type: 'contractEnd', raw: '2027-04-30T23:59:59+01:00', date: '2027-04-30', time: '23:59', lots: ['1'], source: '$.records[0].compiledRelease.contracts[0].period.endDate' },
];
