/** The popup's rows, as the background lists them, and the edits made to them (shown at once, then sent). */
import { useCallback, useEffect, useState } from 'react';
import { afterPaint } from '@/components/after-paint';
import { WATCHLIST_PAGE_SIZE } from '@/components/WatchlistView';
import type { ActionMessage } from '@/components/WatchlistToolbar';
import type { UserFieldsUpdate } from '@/components/NotesForm';
import { ask } from '@/lib/messages';
import type { WatchlistRow } from '@/lib/watchlist/entry';

export type Send = (message: unknown) => Promise<unknown>;


/**
 * The watchlist's rows, loaded at once (the first screenful first, then the rest) and again
 * whenever `subscribe` says the watchlist changed.
 */
export function useWatchlistRows(send: Send, subscribe: (onChange: () => void) => () => void) {
  const [rows, setRows] = useState<WatchlistRow[]>([]);
  const [total, setTotal] = useState<number>();
  const [lastBackupAt, setLastBackupAt] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();

  /** With `firstRowsFirst`, the first screenful is asked for and shown before the whole list. */
  const reload = useCallback(
    async (firstRowsFirst = false) => {
      const answer = await ask(send, 'watchlist:list', firstRowsFirst ? { limit: WATCHLIST_PAGE_SIZE } : {});
      performance.mark('tender-timeline:popup-answer'); // scripts/bench-extension.ts
      setLoading(false);
      if (answer.ok) {
        setRows(answer.rows);
        setTotal(answer.total);
        setLastBackupAt(answer.lastBackupAt);
        setError(undefined);
        // The rest only once the first rows are on the screen: its read does not hold them up.
        if (answer.rows.length < answer.total) await afterPaint().then(() => reload());
      } else {
        setError(answer.error.message);
      }
    },
    [send],
  );

  useEffect(() => {
    void reload(true);
    return subscribe(() => void reload());
  }, [reload, subscribe]);

  /** Changes one row here at once; the background's answer follows. */
  const patch = useCallback((ocid: string, fields: Partial<WatchlistRow>) => {
    setRows((list) => list.map((row) => (row.ocid === ocid ? { ...row, ...fields } : row)));
  }, []);

  return { rows, setRows, total, lastBackupAt, setLastBackupAt, loading, error, reload, patch };
}

/** Open, unwatch (and its Undo), edit and mark seen: each shown in the rows at once, then sent to the background. */
export function useRowActions(
  send: Send,
  { setRows, patch, reload }: Pick<ReturnType<typeof useWatchlistRows>, 'setRows' | 'patch' | 'reload'>,
  { openTab, setActionMessage }: { openTab(url: string): void; setActionMessage(message: ActionMessage): void },
) {
  const onOpen = useCallback(
    (row: WatchlistRow) => {
      // Sent before the tab opens: opening a tab may close the popup.
      if (row.unseenChanges.length > 0) {
        patch(row.ocid, { unseenChanges: [] });
        void ask(send, 'watchlist:markSeen', { ocid: row.ocid });
      }
      if (row.url) openTab(row.url);
    },
    [send, patch, openTab],
  );

  const onUnwatch = useCallback(
    (ocid: string) => {
      setRows((list) => list.filter((row) => row.ocid !== ocid));
      void ask(send, 'watchlist:unwatch', { ocid }).then(() => reload());
    },
    [send, setRows, reload],
  );

  /** Undo of an Unwatch: answers once the row is back in the list (where the focus goes next). */
  const onRestore = useCallback(
    async (ocid: string) => {
      const answer = await ask(send, 'watchlist:restore', { ocid });
      if (answer.ok) await reload();
      return answer;
    },
    [send, reload],
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
    [send, patch, reload, setActionMessage],
  );

  const onMarkAllSeen = useCallback(() => {
    setRows((list) => list.map((row) => (row.unseenChanges.length > 0 ? { ...row, unseenChanges: [] } : row)));
    void ask(send, 'watchlist:markSeen', {}).then((answer) => {
      if (answer.ok) return;
      setActionMessage({ tone: 'error', text: answer.error.message });
      void reload();
    });
  }, [send, setRows, reload, setActionMessage]);

  return { onOpen, onUnwatch, onRestore, onUpdate, onMarkAllSeen };
}
