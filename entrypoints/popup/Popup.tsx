import { useCallback, useEffect, useState } from 'react';
import { WATCHLIST_PAGE_SIZE, WatchlistView, type ActionMessage, type ExportKind } from '@/components/WatchlistView';
import type { UserFieldsUpdate } from '@/components/WatchlistRow';
import type { RefreshState } from '@/components/watchlist-tools';
import { ask, WATCH_CHANGE_KEY, type FileResponse } from '@/lib/messages';
import { entryUrl, type WatchedProcurement } from '@/lib/watchlist/entry';
import { importBackupFile, saveBackup } from './backup';
import { saveFile } from './download';

const send = (message: unknown) => browser.runtime.sendMessage(message);
/** How often a refresh under way is asked how far it got. */
const PROGRESS_POLL_MS = 1000;

function download(answer: FileResponse | { ok: false; error: { message: string } }): ActionMessage {
  if (!answer.ok) return { tone: 'error', text: answer.error.message };
  saveFile(answer);
  return { tone: 'info', text: `Downloading ${answer.fileName}.` };
}

/** The calendar and the spreadsheet come from the background; the backup is made here (see ./backup.ts). */
async function exportFile(kind: ExportKind): Promise<ActionMessage> {
  if (kind === 'ics') return download(await ask(send, 'export:ics', {}));
  if (kind === 'csv') return download(await ask(send, 'export:csv', {}));
  try {
    return { tone: 'info', text: `Downloading ${await saveBackup()}.` };
  } catch (error) {
    return { tone: 'error', text: `The backup could not be made (${error instanceof Error ? error.message : String(error)}).` };
  }
}

export function Popup() {
  const [entries, setEntries] = useState<WatchedProcurement[]>([]);
  const [lastBackupAt, setLastBackupAt] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [now] = useState(() => new Date());
  const [refresh, setRefresh] = useState<RefreshState>({ status: 'idle' });
  const [actionMessage, setActionMessage] = useState<ActionMessage>();

  const [total, setTotal] = useState<number>();

  /** With `firstRowsFirst`, the first screenful is asked for and shown before the whole list. */
  const reload = useCallback(async (firstRowsFirst = false) => {
    const answer = await ask(send, 'watchlist:list', firstRowsFirst ? { limit: WATCHLIST_PAGE_SIZE } : {});
    performance.mark('tender-timeline:popup-answer'); // scripts/bench-extension.ts
    setLoading(false);
    if (answer.ok) {
      setEntries(answer.entries);
      setTotal(answer.total);
      setLastBackupAt(answer.lastBackupAt);
      setError(undefined);
      if (answer.entries.length < answer.total) await reload();
    } else {
      setError(answer.error.message);
    }
  }, []);

  useEffect(() => {
    void reload(true);
    return storage.watch(`local:${WATCH_CHANGE_KEY}`, () => void reload());
  }, [reload]);

  // Ask the browser to keep the watchlist even when the disk runs low (the extension's
  // origin; `unlimitedStorage` already exempts it from quota in Chrome).
  useEffect(() => {
    void navigator.storage?.persist?.().catch(() => undefined);
  }, []);

  const hasEntries = entries.length > 0;
  useEffect(() => {
    if (hasEntries) performance.mark('tender-timeline:popup-rows'); // scripts/bench-extension.ts
  }, [hasEntries]);

  /** Changes one entry here at once; the background's answer follows. */
  const patch = useCallback((ocid: string, fields: Partial<WatchedProcurement>) => {
    setEntries((list) => list.map((e) => (e.ocid === ocid ? { ...e, ...fields } : e)));
  }, []);

  const onOpen = useCallback(
    (entry: WatchedProcurement) => {
      // Sent before the tab opens: opening a tab may close the popup.
      if (entry.unseenChanges.length > 0) {
        patch(entry.ocid, { unseenChanges: [] });
        void ask(send, 'watchlist:markSeen', { ocid: entry.ocid });
      }
      const url = entryUrl(entry);
      if (url) void browser.tabs.create({ url });
    },
    [patch],
  );

  const onUnwatch = useCallback(
    (ocid: string) => {
      setEntries((list) => list.filter((e) => e.ocid !== ocid));
      void ask(send, 'watchlist:unwatch', { ocid }).then(() => reload());
    },
    [reload],
  );

  const onUpdate = useCallback(
    (ocid: string, fields: UserFieldsUpdate) => {
      patch(ocid, fields);
      void ask(send, 'watchlist:update', { ocid, ...fields }).then((answer) => {
        if (answer.ok) return;
        setActionMessage({ tone: 'error', text: `Your change was not saved: ${answer.error.message}` });
        void reload();
      });
    },
    [patch, reload],
  );

  const onAddToCalendar = useCallback((ocid: string) => {
    void ask(send, 'export:ics', { ocid }).then((answer) => setActionMessage(download(answer)));
  }, []);

  const onExport = useCallback((kind: ExportKind) => {
    if (kind === 'backup') setActionMessage({ tone: 'info', text: 'Making the backup…' });
    void exportFile(kind).then((message) => {
      setActionMessage(message);
      if (message.tone === 'info' && kind === 'backup') setLastBackupAt(new Date().toISOString());
    });
  }, []);

  const onImportFile = useCallback(
    async (file: File) => {
      setActionMessage({ tone: 'info', text: `Importing ${file.name}…` });
      const answer = await importBackupFile(file);
      setActionMessage(answer.ok ? { tone: 'info', text: answer.summary } : { tone: 'error', text: `Nothing was imported: ${answer.message}` });
      await reload();
    },
    [reload],
  );

  // Firefox closes the popup when a file picker opens (bug 1292701): import from the options page there.
  const onImportElsewhere = useCallback(() => {
    void browser.runtime.openOptionsPage().then(() => window.close());
  }, []);

  // Asked while one runs (the alarm's, or one started before the popup was opened), it is joined.
  const onRefreshNow = useCallback(() => {
    setRefresh({ status: 'running' });
    void ask(send, 'watchlist:refreshNow', {}).then(async (answer) => {
      setRefresh(
        answer.ok
          ? { status: 'done', refreshed: answer.refreshed, changed: answer.changed, failed: answer.failed, stoppedBecause: answer.stoppedBecause, stopped: answer.stopped }
          : { status: 'error', message: answer.error.message },
      );
      await reload();
    });
  }, [reload]);

  // A refresh already under way when the popup opens is shown, with its Stop.
  useEffect(() => {
    void ask(send, 'watchlist:refreshProgress', {}).then((answer) => {
      if (answer.ok && answer.progress) onRefreshNow();
    });
  }, [onRefreshNow]);

  const running = refresh.status === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void ask(send, 'watchlist:refreshProgress', {}).then((answer) => {
        if (answer.ok && answer.progress) setRefresh((current) => (current.status === 'running' ? { ...current, progress: answer.progress } : current));
      });
    }, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [running]);

  const onStopRefresh = useCallback(() => {
    setRefresh((current) => (current.status === 'running' ? { ...current, stopping: true } : current));
    void ask(send, 'watchlist:refreshStop', {});
  }, []);

  const onMarkAllSeen = useCallback(() => {
    setEntries((list) => list.map((e) => (e.unseenChanges.length > 0 ? { ...e, unseenChanges: [] } : e)));
    void ask(send, 'watchlist:markSeen', {}).then((answer) => {
      if (answer.ok) return;
      setActionMessage({ tone: 'error', text: answer.error.message });
      void reload();
    });
  }, [reload]);

  const onOpenSettings = useCallback(() => void browser.runtime.openOptionsPage(), []);

  return (
    <WatchlistView
      entries={entries}
      total={total}
      now={now}
      onOpen={onOpen}
      onUnwatch={onUnwatch}
      loading={loading}
      error={error}
      onUpdate={onUpdate}
      onAddToCalendar={onAddToCalendar}
      onMarkAllSeen={onMarkAllSeen}
      onRefreshNow={onRefreshNow}
      onStopRefresh={onStopRefresh}
      refresh={refresh}
      onExport={onExport}
      onImportFile={import.meta.env.FIREFOX ? undefined : (file) => void onImportFile(file)}
      onImportElsewhere={import.meta.env.FIREFOX ? onImportElsewhere : undefined}
      lastBackupAt={lastBackupAt}
      actionMessage={actionMessage}
      onOpenSettings={onOpenSettings}
    />
  );
}
