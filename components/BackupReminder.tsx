import { backupReminder } from './watchlist-tools';

export interface BackupReminderProps {
  /** ISO instant of the last backup, if any. */
  lastBackupAt?: string;
  count: number;
  now: Date;
  onBackUp?: () => void;
}

/** "Uninstalling the extension deletes your watchlist", when the last backup is missing or old. */
export function BackupReminder({ lastBackupAt, count, now, onBackUp }: BackupReminderProps) {
  const reminder = backupReminder(lastBackupAt, count, now);
  if (!reminder) return null;
  return (
    <div className="tt-backup-reminder">
      <p>Uninstalling the extension deletes your watchlist. Last backup: {reminder.lastBackup}.</p>
      {onBackUp ? (
        <button type="button" className="tt-button tt-button--small" onClick={onBackUp}>
          Back up now
        </button>
      ) : null}
    </div>
  );
}
