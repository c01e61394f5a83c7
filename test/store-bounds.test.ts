/**
 * What the database keeps for ever must not grow for ever: fired reminders go once they can
 * never be due again, and each procurement keeps its newest unseen changes only.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { readOcds } from '../lib/ocds/read';
import { dueReminders, reminderId } from '../lib/reminders';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { openTenderTimelineDB } from '../lib/watchlist/db';
import { watchEntry, type DetectedChange } from '../lib/watchlist/entry';
import { applyRefresh, firedReminderIds, markRemindersFired, pruneFiredReminders, UNSEEN_CHANGES_KEPT, watch } from '../lib/watchlist/store';
import { realRecord } from './support/fixtures';

const OCID = 'ocds-h6vhtk-05cfd9';

function procurementOf(record: Record<string, unknown>) {
  const read = readOcds(JSON.stringify(record));
  if (!read.ok) throw new Error(read.message);
  return read.procurements[0]!.procurement;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('fired reminders', () => {
  it('are forgotten once their key date is over, and only then', async () => {
    const db = await openTenderTimelineDB();
    const now = new Date('2026-06-10T12:00:00Z');
    const over = reminderId(OCID, { type: 'submissionDeadline', lots: [], at: '2026-06-07T12:00:00.000Z' }, 7);
    // A whole day (published without a time) is not over until its London day ends.
    const today = reminderId(OCID, { type: 'enquiryDeadline', lots: ['1'], at: '2026-06-09T23:00:00.000Z' }, 1);
    const ahead = reminderId(OCID, { type: 'submissionDeadline', lots: [], at: '2026-07-01T12:00:00.000Z' }, 7);
    await markRemindersFired(db, [over, today, ahead, 'not a reminder id'], now);
    await pruneFiredReminders(db, now);
    expect([...(await firedReminderIds(db))].sort()).toEqual([ahead, today].sort());
  });

  it('a reminder forgotten this way never fires again: its key date is past', async () => {
    const db = await openTenderTimelineDB();
    const record = realRecord();
    const watchedAt = new Date('2025-10-21T09:00:00Z');
    const entry = watchEntry(procurementOf(record), {}, watchedAt);
    // Every reminder of the real record, fired as each came due, then the lot pruned long after.
    const days = Array.from({ length: 120 }, (_, i) => new Date(watchedAt.getTime() + i * 86_400_000));
    for (const day of days) {
      const due = dueReminders({ entries: [entry], settings: DEFAULT_SETTINGS, fired: await firedReminderIds(db), now: day });
      await markRemindersFired(db, due.map((r) => r.id), day);
    }
    const later = days.at(-1)!;
    expect((await firedReminderIds(db)).size).toBeGreaterThan(0);
    await pruneFiredReminders(db, later);
    expect((await firedReminderIds(db)).size).toBe(0);
    expect(dueReminders({ entries: [entry], settings: DEFAULT_SETTINGS, fired: new Set(), now: later })).toEqual([]);
  });
});

describe('unseen changes', () => {
  it(`keep the newest ${UNSEEN_CHANGES_KEPT} of a procurement`, async () => {
    const db = await openTenderTimelineDB();
    const before = procurementOf(realRecord());
    const now = new Date('2025-11-10T12:00:00Z');
    const old: DetectedChange[] = Array.from({ length: UNSEEN_CHANGES_KEPT }, (_, i) => ({
      foundAt: `2025-10-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00.000Z`,
      field: 'title',
      label: 'Title',
      kind: 'changed',
      text: `old change ${i}`,
    }));
    await watch(db, { ...watchEntry(before, {}, now), unseenChanges: old }, { ocid: OCID, takenAt: '2025-11-01T00:00:00.000Z', procurement: before });
    const moved = realRecord();
    moved.tender.tenderPeriod.endDate = '2025-12-01T14:00:00Z';
    const changes = await applyRefresh(db, procurementOf(moved), now);
    expect(changes.length).toBeGreaterThan(0);
    const kept = (await db.get('watchlist', OCID))!.unseenChanges;
    expect(kept).toHaveLength(UNSEEN_CHANGES_KEPT);
    expect(kept.slice(-changes.length)).toEqual(changes);
    expect(kept[0]!.text).toBe(`old change ${changes.length}`);
  });
});
