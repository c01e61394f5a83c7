/**
 * The first rows by the key-date index (lib/watchlist/key-date-index.ts) are the first rows of
 * the whole watchlist sorted (`sortWatchlist`, tested on its own in watchlist-row.test.ts), at
 * any time: generated entries (scripts/bench/watchlist-entries.ts) with dates past and ahead,
 * dates without a time (ahead to the end of their UK day), void dates, ties at one instant,
 * and entries with no key date at all.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { KeyDate } from '../lib/procurement';
import { openTenderTimelineDB } from '../lib/watchlist/db';
import { sortWatchlist, type WatchedProcurement } from '../lib/watchlist/entry';
import { firstInOrder } from '../lib/watchlist/key-date-index';
import { putAll, unwatch, updateUserFields } from '../lib/watchlist/store';
import { watchlistEntries } from '../scripts/bench/watchlist-entries';

const BASE = new Date('2026-06-10T11:00:00.000Z');
const DAY = 86_400_000;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** 10 June 2026, a date without a time: stored as its UK day's start, it is ahead until 23:59 BST that day. */
const TODAY_DATE_ONLY: KeyDate = { type: 'submissionDeadline', at: '2026-06-09T23:00:00.000Z', dateOnly: true, lots: [], source: '$.tender.tenderPeriod.endDate' };

/**
 * 400 generated entries, some edited: every 7th date without a time, every 11th void, every
 * 13th at one shared instant, and every 50th with a deadline on 10 June 2026 given without a time.
 */
function entries(): WatchedProcurement[] {
  let n = 0;
  return watchlistEntries(400, BASE, 7).map((entry, i) => ({
    ...entry,
    keyDates: [...(i % 50 === 0 ? [TODAY_DATE_ONLY] : []), ...entry.keyDates].map((keyDate) => {
      n++;
      if (n % 13 === 0) return { ...keyDate, at: '2026-06-20T11:00:00.000Z' };
      if (n % 11 === 0) return { ...keyDate, void: true };
      // A date without a time is stored as its UK day's start (midnight BST: 23:00 the day before, UTC).
      if (n % 7 === 0) return { ...keyDate, at: `${keyDate.at.slice(0, 10)}T23:00:00.000Z`, dateOnly: true };
      return keyDate;
    }),
  }));
}

const nows = [BASE, new Date(BASE.getTime() + DAY / 2), new Date(BASE.getTime() + 10 * DAY), new Date(BASE.getTime() + 400 * DAY), new Date(BASE.getTime() + 4 * 365 * DAY)];

describe('the first rows by the key-date index', () => {
  it.each(nows.map((now) => [now.toISOString(), now] as const))('at %s are the first rows of the sorted watchlist, for every number of rows asked', async (_label, now) => {
    const all = entries();
    const db = await openTenderTimelineDB();
    await putAll(db, all, []);
    const sorted = sortWatchlist(all, now);
    // On 10 June the deadlines given without a time for that day come first; by 23:00 UTC (midnight BST) they have passed.
    expect(sorted[0]!.keyDates.some((k) => k.at === TODAY_DATE_ONLY.at)).toBe(now.getTime() < Date.parse('2026-06-10T23:00:00.000Z'));
    for (const limit of [1, 2, 10, 50, 100, 399, 400, 500]) {
      const { entries: first, total } = await firstInOrder(db, now, limit);
      expect(total).toBe(400);
      expect(first.map((e) => e.ocid)).toEqual(sorted.slice(0, limit).map((e) => e.ocid));
    }
    // What is given is the entry as the rest of the code knows it, without the index's instants.
    expect((await firstInOrder(db, now, 1)).entries[0]).toEqual(sorted[0]);
  });

  it('follows every write: an entry edited, one removed', async () => {
    const all = entries();
    const db = await openTenderTimelineDB();
    await putAll(db, all, []);
    const sorted = sortWatchlist(all, BASE);
    await unwatch(db, sorted[0]!.ocid, BASE);
    await updateUserFields(db, sorted[1]!.ocid, { note: 'Ask about TUPE' });
    const { entries: first, total } = await firstInOrder(db, BASE, 3);
    expect(total).toBe(399);
    expect(first.map((e) => e.ocid)).toEqual(sorted.slice(1, 4).map((e) => e.ocid));
    expect(first[0]!.note).toBe('Ask about TUPE');
  });

  it('an empty watchlist has no rows', async () => {
    expect(await firstInOrder(await openTenderTimelineDB(), BASE, 100)).toEqual({ entries: [], total: 0 });
  });
});
