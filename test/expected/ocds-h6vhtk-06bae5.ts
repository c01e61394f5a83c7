import type { ExpectedEvent } from './types.ts';

// Real compiled record: two UK2 notices on the same day, the 2nd an amendment; an engagement milestone.
// Still at planning stage (UK2 notices only): the lot's contract dates are expected; the engagement event is
// stated as it is (and the next notice's date is an expectation by its name).
export const expected: ExpectedEvent[] = [
  { kind: 'notice', noticeId: '058880-2026', noticeType: 'UK2', raw: '2026-06-23T11:49:57+01:00', date: '2026-06-23', time: '11:49', lots: [], source: '$.planning.documents[0].datePublished' },
  { kind: 'notice', noticeId: '058956-2026', noticeType: 'UK2', raw: '2026-06-23T13:30:07+01:00', date: '2026-06-23', time: '13:30', lots: [], source: '$.planning.documents[1].datePublished' },
  { kind: 'amendment', noticeId: '058956-2026', raw: '2026-06-23T13:30:07+01:00', date: '2026-06-23', time: '13:30', lots: [], source: '$.planning.documents[1].datePublished' },
  { kind: 'keyDate', type: 'engagement', raw: '2026-07-14T23:59:59+01:00', date: '2026-07-14', time: '23:59', lots: [], source: '$.planning.milestones[0].dueDate' },
  { kind: 'keyDate', type: 'contractStart', raw: '2027-04-01T00:00:00+01:00', date: '2027-04-01', time: '00:00', lots: ['1'], source: '$.tender.lots[0].contractPeriod.startDate', estimated: true },
  { kind: 'keyDate', type: 'contractEnd', raw: '2029-03-31T23:59:59+01:00', date: '2029-03-31', time: '23:59', lots: ['1'], source: '$.tender.lots[0].contractPeriod.endDate', estimated: true },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2031-03-31T23:59:59+01:00', date: '2031-03-31', time: '23:59', lots: ['1'], source: '$.tender.lots[0].contractPeriod.maxExtentDate', estimated: true },
];
