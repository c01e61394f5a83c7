import type { ExpectedEvent } from './types.ts';

// Real compiled record: three UK2 notices, the 2nd and 3rd amendments; an engagement milestone.
// Still at planning stage (UK2 notices only): the lot's contract dates are expected; the engagement event is
// stated as it is (and the next notice's date is an expectation by its name).
export const expected: ExpectedEvent[] = [
  { kind: 'notice', noticeId: '050544-2026', noticeType: 'UK2', raw: '2026-05-28T18:33:44+01:00', date: '2026-05-28', time: '18:33', lots: [], source: '$.planning.documents[0].datePublished' },
  { kind: 'notice', noticeId: '051402-2026', noticeType: 'UK2', raw: '2026-06-01T13:43:35+01:00', date: '2026-06-01', time: '13:43', lots: [], source: '$.planning.documents[1].datePublished' },
  { kind: 'amendment', noticeId: '051402-2026', raw: '2026-06-01T13:43:35+01:00', date: '2026-06-01', time: '13:43', lots: [], source: '$.planning.documents[1].datePublished' },
  { kind: 'notice', noticeId: '051890-2026', noticeType: 'UK2', raw: '2026-06-02T13:31:21+01:00', date: '2026-06-02', time: '13:31', lots: [], source: '$.planning.documents[2].datePublished' },
  { kind: 'amendment', noticeId: '051890-2026', raw: '2026-06-02T13:31:21+01:00', date: '2026-06-02', time: '13:31', lots: [], source: '$.planning.documents[2].datePublished' },
  { kind: 'keyDate', type: 'engagement', raw: '2026-06-08T23:59:59+01:00', date: '2026-06-08', time: '23:59', lots: [], source: '$.planning.milestones[0].dueDate' },
  { kind: 'keyDate', type: 'futureNotice', raw: '2026-09-01T23:59:59+01:00', date: '2026-09-01', time: '23:59', lots: [], source: '$.tender.communication.futureNoticeDate' },
  { kind: 'keyDate', type: 'contractStart', raw: '2027-04-01T00:00:00+01:00', date: '2027-04-01', time: '00:00', lots: ['1'], source: '$.tender.lots[0].contractPeriod.startDate', estimated: true },
  { kind: 'keyDate', type: 'contractEnd', raw: '2029-03-31T23:59:59+01:00', date: '2029-03-31', time: '23:59', lots: ['1'], source: '$.tender.lots[0].contractPeriod.endDate', estimated: true },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2031-03-31T23:59:59+01:00', date: '2031-03-31', time: '23:59', lots: ['1'], source: '$.tender.lots[0].contractPeriod.maxExtentDate', estimated: true },
];
