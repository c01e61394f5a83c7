/**
 * When the popup reminds the user to back up: only when the watchlist holds something worth
 * losing (BACKUP_REMINDER_ENTRIES entries or more, or any of the user's own work on one) and
 * there has been no backup for BACKUP_REMINDER_DAYS days. Pure: no browser API.
 */
import { DAY_MS, whenInWords } from '../dates';
import type { WatchedProcurement } from './entry';

/** The reminder shows when the last backup is this many days old, or there has been none. */
export const BACKUP_REMINDER_DAYS = 30;
/** A watchlist of this many entries is worth a backup even without notes, tags or bid statuses. */
export const BACKUP_REMINDER_ENTRIES = 5;

/** What the user has put into an entry themselves: a note, tags, a bid status. */
export type UserWork = Pick<WatchedProcurement, 'note' | 'tags' | 'bidStatus'>;

/** Whether the user has put any work of their own into the entry (a note, a tag, a bid status other than "Watching"). */
export function hasUserWork({ note, tags, bidStatus }: UserWork): boolean {
  return note.trim() !== '' || tags.length > 0 || bidStatus !== 'watching';
}

/** Something worth losing: enough entries, or the user's own work on any of them. `total` counts entries not in `entries` too. */
export function worthBackingUp(entries: readonly UserWork[], total = entries.length): boolean {
  return Math.max(total, entries.length) >= BACKUP_REMINDER_ENTRIES || entries.some(hasUserWork);
}

/**
 * Whether to remind the user to back up, and how to word their last backup ("never",
 * "45 days ago"): a watchlist worth backing up, never backed up, or not for BACKUP_REMINDER_DAYS days.
 */
export function backupReminder(lastBackupAt: string | undefined, entries: readonly UserWork[], now: Date, total = entries.length): { lastBackup: string } | undefined {
  if (!worthBackingUp(entries, total)) return undefined;
  const at = lastBackupAt ? Date.parse(lastBackupAt) : Number.NaN;
  if (Number.isNaN(at)) return { lastBackup: 'never' };
  const days = Math.floor((now.getTime() - at) / DAY_MS);
  if (days < BACKUP_REMINDER_DAYS) return undefined;
  return { lastBackup: whenInWords(now, new Date(at)) };
}
