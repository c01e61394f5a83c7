/**
 * Generated watchlist entries for the popup benchmark (scripts/bench-extension.ts): `count`
 * `WatchedProcurement`s shaped as the background stores them (lib/watchlist/entry.ts), with
 * varied key dates around `now` (past, upcoming, none at all), values, stages, lots, notes,
 * tags, bid statuses and unseen changes, so the popup's sort and its columns do real work. Seeded: the same list on
 * every machine and every run.
 */
import type { Stage } from '../../lib/ocds/notice-types';
import type { KeyDate } from '../../lib/procurement';
import { KEY_DATE_TYPES } from '../../lib/timeline/types';
import type { Snapshot } from '../../lib/watchlist/db';
import { BID_STATUSES, type DetectedChange, type WatchedProcurement } from '../../lib/watchlist/entry';
import { Prng } from './prng.ts';

const STAGES: readonly Stage[] = ['planning', 'tender', 'tender', 'tender', 'award', 'contract', 'contract management', 'cancelled', 'dynamic market'];
const BUYERS = [
  'Bristol City Council',
  'NHS Supply Chain',
  'Crown Commercial Service',
  'Ministry of Defence',
  'Transport for London',
  'University of Leeds',
  'Highways England',
  'Scottish Water',
  'Department for Education',
  'Manchester City Council',
] as const;
const SUBJECTS = [
  'Highway maintenance',
  'Adalimumab injection',
  'Cloud hosting services',
  'School catering',
  'Grounds maintenance',
  'Legal advisory panel',
  'Fleet vehicle leasing',
  'Building cleaning',
  'Temporary agency staff',
  'IT hardware reseller',
] as const;
const TAGS = ['framework', 'priority', 'NHS', 'construction', 'IT', 'renewal', 'partner needed'] as const;
const NOTES = ['', '', '', 'Check TUPE implications before bidding.', 'Ask the buyer about lot 2 volumes at the engagement event.', 'Incumbent: ours. Rebid.'] as const;
const DAY_MS = 86_400_000;

/** `count` entries; the ocids are `ocds-h6vhtk-b<6 hex>` and unique. */
export function watchlistEntries(count: number, now: Date, seed = 5000): WatchedProcurement[] {
  const rng = new Prng(seed);
  const entries: WatchedProcurement[] = [];
  for (let i = 0; i < count; i++) {
    const ocid = `ocds-h6vhtk-b${i.toString(16).padStart(6, '0')}`;
    const noticeId = `${String(100000 + (i % 900000)).padStart(6, '0')}-${rng.pick(['2024', '2025', '2026'])}`;
    const keyDates: KeyDate[] = [];
    // About one in eight has no key date at all; the rest have 1–7 spread from a year ago to three years ahead.
    const dates = rng.chance(0.125) ? 0 : rng.int(1, 7);
    const lots = rng.chance(0.3) ? rng.int(2, 6) : 1;
    for (let d = 0; d < dates; d++) {
      const at = new Date(now.getTime() + rng.int(-365, 3 * 365) * DAY_MS + rng.int(0, 23) * 3_600_000);
      const lot = lots > 1 && rng.chance(0.4) ? [String(rng.int(1, lots))] : [];
      keyDates.push({ type: rng.pick(KEY_DATE_TYPES), at: at.toISOString(), lots: lot, source: `$.releases[${d}].tender.tenderPeriod.endDate` });
    }
    keyDates.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const amount = rng.chance(0.8) ? rng.int(10, 5_000_000) * 100 : undefined;
    const value: WatchedProcurement['value'] = {};
    if (amount !== undefined) {
      value.net = { amount, currency: 'GBP' };
      if (rng.chance(0.5)) value.gross = { amount: Math.round(amount * 1.2), currency: 'GBP' };
    }
    const latestNoticeAt = new Date(now.getTime() - rng.int(1, 400) * DAY_MS).toISOString();
    const unseenChanges: DetectedChange[] = [];
    if (rng.chance(0.15)) {
      for (let k = rng.int(1, 3); k > 0; k--) {
        unseenChanges.push({ foundAt: new Date(now.getTime() - rng.int(0, 20) * DAY_MS).toISOString(), field: 'keyDate:submissionDeadline', label: 'Submission deadline', kind: rng.pick(['added', 'removed', 'changed'] as const), text: 'Submission deadline moved from 1 July 2026, midday to 15 July 2026, midday' });
      }
    }
    entries.push({
      ocid,
      watchedFromNoticeId: noticeId,
      watchedFromUrl: `https://www.find-tender.service.gov.uk/Notice/${noticeId}`,
      title: `${rng.pick(SUBJECTS)} ${rng.pick(['framework', 'contract', 'dynamic purchasing system', 'call-off'])} ${i + 1}`,
      buyer: rng.pick(BUYERS),
      value,
      stage: rng.pick(STAGES),
      keyDates,
      latestNoticeId: noticeId,
      latestNoticeAt,
      watchedAt: new Date(now.getTime() - rng.int(0, 200) * DAY_MS - rng.int(0, 86_399) * 1000).toISOString(),
      note: rng.pick(NOTES),
      tags: rng.sample(TAGS, rng.int(0, 2)),
      bidStatus: rng.pick(BID_STATUSES),
      unseenChanges,
      lastCheckedAt: new Date(now.getTime() - rng.int(0, 48) * 3_600_000).toISOString(),
    });
  }
  return entries;
}

/**
 * `count` snapshots of a generated entry, a day apart, the newest taken at its last check:
 * a small `Procurement` (one notice, its key dates, no lots, awards or documents) under the entry's
 * ocid, shaped as lib/watchlist/db.ts stores it. For backups at scale (test/backup.test.ts,
 * scripts/bench-backup.ts).
 */
export function entrySnapshots(entry: WatchedProcurement, count: number): Snapshot[] {
  const newest = Date.parse(entry.lastCheckedAt ?? entry.watchedAt);
  return Array.from({ length: count }, (_, k) => ({
    ocid: entry.ocid,
    takenAt: new Date(newest - (count - 1 - k) * DAY_MS).toISOString(),
    procurement: {
      ocid: entry.ocid,
      title: entry.title,
      buyer: entry.buyer ? { name: entry.buyer } : undefined,
      stage: entry.stage,
      regime: 'procurementAct2023',
      value: entry.value,
      lots: [],
      cpv: [{ code: '45233141', description: 'Road-maintenance works' }],
      documents: [],
      awards: [],
      notices: entry.latestNoticeId
        ? [{ id: entry.latestNoticeId, name: 'UK4: Tender notice', stage: 'tender', publishedAt: entry.latestNoticeAt, source: '$.releases[0]', tags: ['tender'], changes: [] }]
        : [],
      keyDates: entry.keyDates,
    },
  }));
}
