import { backupReminder, type UserWork } from '../lib/watchlist/backup-reminder';

export interface BackupReminderProps {
  /** ISO instant of the last backup, if any. */
  lastBackupAt?: string;
  /** The rows listed so far… */
  rows: readonly UserWork[];
  /** …and how many are watched in all. */
  total: number;
  now: Date;
  onBackUp?: () => void;
}

/** "Uninstalling the extension deletes your watchlist", when there is something worth losing and the last backup is missing or old. */
export function BackupReminder({ lastBackupAt, rows, total, now, onBackUp }: BackupReminderProps) {
  const reminder = backupReminder(lastBackupAt, rows, now, total);
  if (!reminder) return null;
  return (
    <div className="tt-backup-reminder">
      <p>Uninstalling the extension deletes your watchlist. Last backup: {reminder.lastBackup}.</p>
      {onBackUp ? (
        <button type="button" className="tt-button tt-button--secondary tt-button--small" onClick={onBackUp}>
          Back up now
        </button>
      ) : null}
    </div>
  );
}
