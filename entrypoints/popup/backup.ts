/**
 * Backing up and importing from an extension page (the popup, the options page). A backup
 * of a large watchlist is larger than one extension message may carry, so the page reads
 * and writes the database itself — the same database (extension pages share the
 * extension's origin with the background), opened and upgraded by the same
 * `openTenderTimelineDB`, through the same store code; see lib/backup.ts for how an import
 * stays out of a running refresh's way. The page then tells the background, which keeps
 * the toolbar badge, and every open notice page, which shows the Watch button's state.
 *
 * lib/backup (with zod) is loaded only when asked for, so the popup's first rows do not wait for it.
 */
import { ask, watchChange } from '@/lib/messages';
import { openTenderTimelineDB } from '@/lib/watchlist/db';
import { saveBlob } from './download';
import { settingsItem } from './settings-item';
import { send } from './send';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Makes the backup file, in parts, and saves it; gives its name. */
export async function saveBackup(): Promise<string> {
  const { backupFileName, exportBackup } = await import('@/lib/backup');
  const now = new Date();
  const db = await openTenderTimelineDB();
  try {
    const parts: Blob[] = [];
    for await (const part of exportBackup(db, await settingsItem.getValue(), now)) parts.push(new Blob([part]));
    const fileName = backupFileName(now);
    saveBlob(new Blob(parts, { type: 'application/json' }), fileName);
    return fileName;
  } finally {
    db.close();
  }
}

/** Imports a backup file; the outcome in a few sentences, or why nothing was imported. */
export async function importBackupFile(file: File): Promise<{ ok: true; summary: string } | { ok: false; message: string }> {
  const { importBackup, NotABackup, textParts } = await import('@/lib/backup');
  let db: Awaited<ReturnType<typeof openTenderTimelineDB>> | undefined;
  try {
    db = await openTenderTimelineDB();
    const result = await importBackup(db, textParts(file), { now: new Date(), settings: await settingsItem.getValue() });
    if (result.settings) await settingsItem.setValue(result.settings);
    if (result.report.added.length > 0) await browser.storage.local.set(watchChange(result.report.added, true, new Date()));
    return { ok: true, summary: result.summary };
  } catch (error) {
    if (error instanceof NotABackup) return { ok: false, message: error.message };
    if (error instanceof Error && error.name === 'QuotaExceededError') {
      return { ok: false, message: 'Your browser has no room left to store the backup; what was imported before that is kept, and nothing you stored was lost.' };
    }
    return { ok: false, message: `${file.name} could not be imported (${messageOf(error)}); what was imported before that is kept.` };
  } finally {
    db?.close();
    // Whatever was written, the badge follows it.
    await ask(send, 'watchlist:changed', {});
  }
}
