import { describe, expect, it } from 'vitest';
import { backupReminder, worthBackingUp, type UserWork } from '../lib/watchlist/backup-reminder';

const now = new Date('2026-06-01T12:00:00Z');
const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

/** An entry as watched, with nothing of the user's own in it. */
const plain = (): UserWork => ({ note: '', tags: [], bidStatus: 'watching' });
const entries = (n: number, ...own: Partial<UserWork>[]): UserWork[] => Array.from({ length: n }, (_, i) => ({ ...plain(), ...own[i] }));

describe('worthBackingUp', () => {
  it('not for a few entries as watched; yes from 5 entries, or with any note, tag or bid status of the user', () => {
    expect(worthBackingUp([])).toBe(false);
    expect(worthBackingUp(entries(4))).toBe(false);
    expect(worthBackingUp(entries(5))).toBe(true);
    expect(worthBackingUp(entries(1, { note: 'Call the buyer' }))).toBe(true);
    expect(worthBackingUp(entries(2, {}, { tags: ['NHS'] }))).toBe(true);
    expect(worthBackingUp(entries(1, { bidStatus: 'preparing' }))).toBe(true);
    expect(worthBackingUp(entries(1, { bidStatus: 'noBid' }))).toBe(true);
  });

  it('a note of blank space is no note', () => {
    expect(worthBackingUp(entries(1, { note: ' \n\t ' }))).toBe(false);
  });

  it('counts the entries not listed yet (the popup lists its first rows before the rest)', () => {
    expect(worthBackingUp(entries(2), 5)).toBe(true);
    expect(worthBackingUp(entries(2), 4)).toBe(false);
  });
});

describe('backupReminder', () => {
  it('not for 4 entries without any work of the user, never backed up', () => {
    expect(backupReminder(undefined, entries(4), now)).toBeUndefined();
  });

  it('for 1 entry with a note, never backed up', () => {
    expect(backupReminder(undefined, entries(1, { note: 'Site visit 20 Nov' }), now)).toEqual({ lastBackup: 'never' });
  });

  it('for 5 entries, never backed up', () => {
    expect(backupReminder(undefined, entries(5), now)).toEqual({ lastBackup: 'never' });
  });

  it('for 4 listed of 50 watched', () => {
    expect(backupReminder(undefined, entries(4), now, 50)).toEqual({ lastBackup: 'never' });
  });

  it('not after a recent backup, however much there is', () => {
    expect(backupReminder(daysBefore(1), entries(50, { note: 'Bid', tags: ['x'], bidStatus: 'submitted' }), now)).toBeUndefined();
    expect(backupReminder(daysBefore(29), entries(5), now)).toBeUndefined();
  });

  it('for a backup 31 days ago', () => {
    expect(backupReminder(daysBefore(31), entries(5), now)).toEqual({ lastBackup: '31 days ago' });
    expect(backupReminder(daysBefore(31), entries(1, { tags: ['NHS'] }), now)).toEqual({ lastBackup: '31 days ago' });
  });

  it('not for an old backup of a watchlist with nothing worth losing', () => {
    expect(backupReminder(daysBefore(400), entries(3), now)).toBeUndefined();
    expect(backupReminder(daysBefore(400), [], now)).toBeUndefined();
  });

  it.each<[string, string | undefined, string | undefined]>([
    ['backed up 30 days ago', daysBefore(30), '30 days ago'],
    ['backed up 45 days ago', daysBefore(45), '45 days ago'],
    ['backed up 3 months ago', '2026-03-01T09:00:00Z', '3 months ago'],
    // 27 April 2025 to 1 June 2026: 13 whole months.
    ['backed up 400 days ago', daysBefore(400), '13 months ago'],
    ['backed up 3 years ago', daysBefore(3 * 365 + 2), '3 years ago'],
    ['an unreadable date', 'not a date', 'never'],
    ['a date in the future (clock changed)', daysBefore(-10), undefined],
  ])('words the last backup of 5 entries: %s', (_, lastBackupAt, expected) => {
    expect(backupReminder(lastBackupAt, entries(5), now)).toEqual(expected === undefined ? undefined : { lastBackup: expected });
  });
});
