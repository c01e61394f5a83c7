import type { ExpectedEvent } from './types.ts';

// A lone UK12 stub: the notice, and one cancelled key date for both lots (same finalStatusDate).
export const expected: ExpectedEvent[] = [
  { kind: 'keyDate', type: 'cancelled', raw: '2025-12-02T00:00:00Z', date: '2025-12-02', time: '00:00', lots: ['1', '2'], source: '$.releases[0].awards[0].finalStatusDate' },
  { kind: 'notice', noticeId: '079211-2025', noticeType: 'UK12', raw: '2025-12-03T10:22:47Z', date: '2025-12-03', time: '10:22', lots: [], source: '$.releases[0].date' },
];
