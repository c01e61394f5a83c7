/** Exports (calendar, spreadsheet, backup), a procurement's calendar, and importing a backup, with what came of each. */
import { useCallback, useState } from 'react';
import type { ExportKind } from '@/components/ExportMenu';
import type { ActionMessage } from '@/components/WatchlistToolbar';
import { ask, type FileResponse } from '@/lib/messages';
import { importBackupFile, saveBackup } from './backup';
import { saveFile } from './download';
import type { Send } from './use-watchlist-rows';

function download(answer: FileResponse | { ok: false; error: { message: string } }): ActionMessage {
  if (!answer.ok) return { tone: 'error', text: answer.error.message };
  saveFile(answer);
  return { tone: 'info', text: `Downloading ${answer.fileName}.` };
}

/** The calendar and the spreadsheet come from the background; the backup is made here (see ./backup.ts). */
async function exportFile(send: Send, kind: ExportKind): Promise<ActionMessage> {
  if (kind === 'ics') return download(await ask(send, 'export:ics', {}));
  if (kind === 'csv') return download(await ask(send, 'export:csv', {}));
  try {
    return { tone: 'info', text: `Downloading ${await saveBackup()}.` };
  } catch (error) {
    return { tone: 'error', text: `The backup could not be made (${error instanceof Error ? error.message : String(error)}).` };
  }
}

export function useFileActions(send: Send, { reload, setLastBackupAt }: { reload: () => Promise<void>; setLastBackupAt(at: string): void }) {
  const [actionMessage, setActionMessage] = useState<ActionMessage>();

  const onAddToCalendar = useCallback(
    (ocid: string) => {
      void ask(send, 'export:ics', { ocid }).then((answer) => setActionMessage(download(answer)));
    },
    [send],
  );

  const onExport = useCallback(
    (kind: ExportKind) => {
      if (kind === 'backup') setActionMessage({ tone: 'info', text: 'Making the backup…' });
      void exportFile(send, kind).then((message) => {
        setActionMessage(message);
        if (message.tone === 'info' && kind === 'backup') setLastBackupAt(new Date().toISOString());
      });
    },
    [send, setLastBackupAt],
  );

  const onImportFile = useCallback(
    async (file: File) => {
      setActionMessage({ tone: 'info', text: `Importing ${file.name}…` });
      const answer = await importBackupFile(file);
      setActionMessage(answer.ok ? { tone: 'info', text: answer.summary } : { tone: 'error', text: `Nothing was imported: ${answer.message}` });
      await reload();
    },
    [reload],
  );

  return { actionMessage, setActionMessage, onAddToCalendar, onExport, onImportFile };
}
