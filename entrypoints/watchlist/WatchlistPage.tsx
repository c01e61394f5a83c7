import { useEffect, useMemo, useState } from 'react';
import { countRows } from '@/components/use-watchlist-list';
import { WatchlistTable } from '@/components/WatchlistTable';
import { WatchlistToolbar } from '@/components/WatchlistToolbar';
import { WATCH_CHANGE_KEY } from '@/lib/messages';
import { useFileActions } from '../popup/use-file-actions';
import { useRefresh } from '../popup/use-refresh';
import { useRowActions, useWatchlistRows } from '../popup/use-watchlist-rows';
import '../options/options.css';
import { send } from '../popup/send';

const onWatchlistChange = (onChange: () => void) => storage.watch(`local:${WATCH_CHANGE_KEY}`, onChange);
const openTab = (url: string) => void browser.tabs.create({ url });

/**
 * The whole watchlist in a tab: the popup's rows, edits, Unwatch and its Undo, calendars,
 * refresh and files (the same hooks and messages: its first rows first, then the whole list),
 * shown as a table.
 */
export function WatchlistPage() {
  const [now] = useState(() => new Date());
  const list = useWatchlistRows(send, onWatchlistChange);
  const { reload, setLastBackupAt } = list;
  const files = useFileActions(send, { reload, setLastBackupAt });
  const actions = useRowActions(send, list, { openTab, setActionMessage: files.setActionMessage });
  const refresh = useRefresh(send, reload);
  const unseen = useMemo(() => countRows(list.rows).unseen, [list.rows]);

  const hasRows = list.rows.length > 0;
  useEffect(() => {
    if (hasRows) performance.mark('tender-timeline:watchlist-rows');
  }, [hasRows]);

  const tools = (
    <WatchlistToolbar
      {...refresh}
      onMarkAllSeen={actions.onMarkAllSeen}
      onExport={files.onExport}
      // A tab stays open while a file is picked, in Firefox too.
      onImportFile={(file) => void files.onImportFile(file)}
      actionMessage={files.actionMessage}
      count={list.rows.length}
      unseen={unseen}
    />
  );
  return (
    <WatchlistTable
      rows={list.rows}
      total={list.total}
      now={now}
      loading={list.loading}
      error={list.error}
      onOpen={actions.onOpen}
      onUpdate={actions.onUpdate}
      onUnwatch={actions.onUnwatch}
      onRestore={actions.onRestore}
      onAddToCalendar={files.onAddToCalendar}
      tools={tools}
    />
  );
}
