import { useCallback, useEffect, useState } from 'react';
import { WatchlistView } from '@/components/WatchlistView';
import { WATCH_CHANGE_KEY } from '@/lib/messages';
import { useFileActions } from './use-file-actions';
import { useRefresh } from './use-refresh';
import { useRowActions, useWatchlistRows } from './use-watchlist-rows';
import { send } from './send';

const onWatchlistChange = (onChange: () => void) => storage.watch(`local:${WATCH_CHANGE_KEY}`, onChange);
const openTab = (url: string) => void browser.tabs.create({ url });
const wholeWatchlistHref = browser.runtime.getURL('/watchlist.html');
/** The watchlist page in a tab of its own; the popup has done its job. */
const wholeWatchlist = { href: wholeWatchlistHref, onOpen: () => void browser.tabs.create({ url: wholeWatchlistHref }).then(() => window.close()) };


export function Popup() {
  const [now] = useState(() => new Date());
  const list = useWatchlistRows(send, onWatchlistChange);
  const { reload, setLastBackupAt } = list;
  const files = useFileActions(send, { reload, setLastBackupAt });
  const actions = useRowActions(send, list, { openTab, setActionMessage: files.setActionMessage });
  const refresh = useRefresh(send, reload);

  // Ask the browser to keep the watchlist even when the disk runs low (the extension's
  // origin; `unlimitedStorage` already exempts it from quota in Chrome).
  useEffect(() => {
    void navigator.storage?.persist?.().catch(() => undefined);
  }, []);

  const hasRows = list.rows.length > 0;
  useEffect(() => {
    if (hasRows) performance.mark('tender-timeline:popup-rows'); // scripts/bench-extension.ts
  }, [hasRows]);

  // Firefox closes the popup when a file picker opens (bug 1292701): import from the options page there.
  const onImportElsewhere = useCallback(() => {
    void browser.runtime.openOptionsPage().then(() => window.close());
  }, []);
  const onOpenSettings = useCallback(() => void browser.runtime.openOptionsPage(), []);

  return (
    <WatchlistView
      rows={list.rows}
      total={list.total}
      now={now}
      loading={list.loading}
      error={list.error}
      {...actions}
      onAddToCalendar={files.onAddToCalendar}
      {...refresh}
      onExport={files.onExport}
      onImportFile={import.meta.env.FIREFOX ? undefined : (file) => void files.onImportFile(file)}
      onImportElsewhere={import.meta.env.FIREFOX ? onImportElsewhere : undefined}
      lastBackupAt={list.lastBackupAt}
      actionMessage={files.actionMessage}
      onOpenSettings={onOpenSettings}
      wholeWatchlist={wholeWatchlist}
    />
  );
}
