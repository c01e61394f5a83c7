import type { ExpectedEvent } from './types.ts';

// Real compiled record: five UK3 notices, two of them amendments (tender.amendments ids).
// The engagement event (14 May) is only in free text, so it is not a key date.
const lots = ['1', '2', '3'];

// Every notice is a UK3 planned procurement notice, so its dates are expected; the next notice's date is an
// expectation by its name and carries no mark.
export const expected: ExpectedEvent[] = [
  { kind: 'notice', noticeId: '030750-2026', noticeType: 'UK3', raw: '2026-04-02T10:57:31+01:00', date: '2026-04-02', time: '10:57', lots: [], source: '$.planning.documents[0].datePublished' },
  { kind: 'notice', noticeId: '031052-2026', noticeType: 'UK3', raw: '2026-04-02T15:33:49+01:00', date: '2026-04-02', time: '15:33', lots: [], source: '$.planning.documents[1].datePublished' },
  { kind: 'notice', noticeId: '037322-2026', noticeType: 'UK3', raw: '2026-04-23T19:31:45+01:00', date: '2026-04-23', time: '19:31', lots: [], source: '$.planning.documents[2].datePublished' },
  { kind: 'notice', noticeId: '040665-2026', noticeType: 'UK3', raw: '2026-05-01T15:38:42+01:00', date: '2026-05-01', time: '15:38', lots: [], source: '$.planning.documents[3].datePublished' },
  { kind: 'amendment', noticeId: '040665-2026', raw: '2026-05-01T15:38:42+01:00', date: '2026-05-01', time: '15:38', lots: [], source: '$.planning.documents[3].datePublished' },
  { kind: 'notice', noticeId: '045280-2026', noticeType: 'UK3', raw: '2026-05-18T11:28:45+01:00', date: '2026-05-18', time: '11:28', lots: [], source: '$.planning.documents[4].datePublished' },
  { kind: 'amendment', noticeId: '045280-2026', raw: '2026-05-18T11:28:45+01:00', date: '2026-05-18', time: '11:28', lots: [], source: '$.planning.documents[4].datePublished' },
  { kind: 'keyDate', type: 'futureNotice', raw: '2026-06-01T23:59:59+01:00', date: '2026-06-01', time: '23:59', lots: [], source: '$.tender.communication.futureNoticeDate' },
  { kind: 'keyDate', type: 'submissionDeadline', raw: '2026-07-01T23:59:59+01:00', date: '2026-07-01', time: '23:59', lots: [], source: '$.tender.tenderPeriod.endDate', estimated: true },
  { kind: 'keyDate', type: 'awardPeriodEnd', raw: '2026-07-15T23:59:59+01:00', date: '2026-07-15', time: '23:59', lots: [], source: '$.tender.awardPeriod.endDate', estimated: true },
  { kind: 'keyDate', type: 'contractStart', raw: '2027-04-01T00:00:00+01:00', date: '2027-04-01', time: '00:00', lots, source: '$.tender.lots[0].contractPeriod.startDate', estimated: true },
  { kind: 'keyDate', type: 'contractEnd', raw: '2031-03-31T23:59:59+01:00', date: '2031-03-31', time: '23:59', lots, source: '$.tender.lots[0].contractPeriod.endDate', estimated: true },
  { kind: 'keyDate', type: 'contractMaxExtent', raw: '2036-03-31T23:59:59+01:00', date: '2036-03-31', time: '23:59', lots, source: '$.tender.lots[0].contractPeriod.maxExtentDate', estimated: true },
];
