import type { ExpectedEvent } from './types.ts';

// Real compiled record: UK4 then UK12. The award is cancelled, so no awardDate, but a cancelled key date
// (its finalStatusDate is midnight GMT, 27 Nov 00:00 London). The conflictOfInterest document has no noticeType.
// The UK12 (27 Nov 2025 15:48) terminated it, and lot 1's award was cancelled that day at 00:00: every key date
// after that (award period end, lot 1's contract dates) is void.
export const expected: ExpectedEvent[] = [
  { kind: 'notice', noticeId: '066750-2025', noticeType: 'UK4', raw: '2025-10-20T14:19:05+01:00', date: '2025-10-20', time: '14:19', lots: [], source: '$.tender.documents[1].datePublished' },
  { kind: 'keyDate', type: 'enquiryDeadline', raw: '2025-11-19T14:00:00Z', date: '2025-11-19', time: '14:00', lots: [], source: '$.tender.enquiryPeriod.endDate' },
  { kind: 'keyDate', type: 'submissionDeadline', raw: '2025-11-24T14:00:00Z', date: '2025-11-24', time: '14:00', lots: [], source: '$.tender.tenderPeriod.endDate' },
  { kind: 'keyDate', type: 'cancelled', raw: '2025-11-27T00:00:00Z', date: '2025-11-27', time: '00:00', lots: ['1'], source: '$.awards[0].finalStatusDate' },
  { kind: 'notice', noticeId: '077802-2025', noticeType: 'UK12', raw: '2025-11-27T15:48:17Z', date: '2025-11-27', time: '15:48', lots: [], source: '$.tender.documents[2].datePublished' },
  { kind: 'keyDate', type: 'awardPeriodEnd', raw: '2026-01-01T23:59:59Z', date: '2026-01-01', time: '23:59', lots: [], source: '$.tender.awardPeriod.endDate', void: true },
  { kind: 'keyDate', type: 'contractStart', raw: '2026-04-01T00:00:00+01:00', date: '2026-04-01', time: '00:00', lots: ['1'], source: '$.tender.lots[0].contractPeriod.startDate', void: true },
  { kind: 'keyDate', type: 'contractEnd', raw: '2028-03-31T23:59:59+01:00', date: '2028-03-31', time: '23:59', lots: ['1'], source: '$.tender.lots[0].contractPeriod.endDate', void: true },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2029-03-31T23:59:59+01:00', date: '2029-03-31', time: '23:59', lots: ['1'], source: '$.tender.lots[0].contractPeriod.maxExtentDate', void: true },
];
