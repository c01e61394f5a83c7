import { BackupFileInput } from './BackupFileInput';
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { BID_STATUS_LABELS, BID_STATUSES, type BidStatus, type WatchedProcurement } from '../lib/watchlist/entry';
import { FtsProgressNote } from './FtsProgressNote';
import { WatchlistRow, type UserFieldsUpdate } from './WatchlistRow';
import { UkTimeNote } from './DateTime';
import { backupReminder, filterWatchlist, refreshText, type BidStatusFilter, type RefreshState } from './watchlist-tools';
import './theme.css';
import './forms.css';
import './watchlist-view.css';

/** Files the popup can save: the calendar of the whole watchlist, the spreadsheet, the backup. */
export type ExportKind = 'ics' | 'csv' | 'backup';

/** The outcome of an export, import or other action, shown under the toolbar. */
export interface ActionMessage {
  tone: 'info' | 'error';
  text: string;
}

export interface WatchlistViewProps {
  /** Already sorted (lib/watchlist `sortWatchlist`): shown in this order. */
  entries: WatchedProcurement[];
  /** How many are watched, when `entries` is only the first rows (the rest still coming). */
  total?: number;
  now: Date;
  onOpen(entry: WatchedProcurement): void;
  onUnwatch(ocid: string): void;
  loading?: boolean;
  error?: string;
  /** Rows drawn at first and added per "Show more" (default WATCHLIST_PAGE_SIZE). */
  pageSize?: number;
  /** Bid status, tags or note edited in a row. Absent: rows have no "Your notes". */
  onUpdate?: (ocid: string, fields: UserFieldsUpdate) => void;
  /** "Add to calendar" in a row: the .ics of that procurement. */
  onAddToCalendar?: (ocid: string) => void;
  onMarkAllSeen?: () => void;
  onRefreshNow?: () => void;
  /** Stop the refresh under way (shown while one runs). */
  onStopRefresh?: () => void;
  refresh?: RefreshState;
  onExport?: (kind: ExportKind) => void;
  /** "Import backup…" picks a file here and hands it over… */
  onImportFile?: (file: File) => void;
  /** …or, where a file picker would close the popup (Firefox), opens somewhere else that can. */
  onImportElsewhere?: () => void;
  /** ISO instant of the last backup, if any: reminds the user when it is missing or old. */
  lastBackupAt?: string;
  actionMessage?: ActionMessage;
  onOpenSettings?: () => void;
}

/** Rows rendered at first, and added each time the list is scrolled to its end or "Show more" is pressed. */
export const WATCHLIST_PAGE_SIZE = 100;

const EXPORTS: Array<{ kind: ExportKind; label: string }> = [
  { kind: 'ics', label: 'Calendar (.ics)' },
  { kind: 'csv', label: 'Spreadsheet (.csv)' },
  { kind: 'backup', label: 'Backup (.json)' },
];

/** "Export" and its menu: the three files and "Import backup…". */
function ExportMenu({ onExport, onImportFile, onImportElsewhere }: Pick<WatchlistViewProps, 'onExport' | 'onImportFile' | 'onImportElsewhere'>) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
    }
  };
  // A click anywhere else closes the menu.
  const containerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);
  // Focus moving out of the menu (Tab past its last item, Shift+Tab before its button) closes
  // it. Focus going nowhere is left to the click handler above: on a Mac a clicked button takes
  // no focus, and closing then would swallow the click on a menu item.
  const onBlur = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    if (open && next && !containerRef.current?.contains(next)) setOpen(false);
  };
  const canImport = onImportFile || onImportElsewhere;
  return (
    <div className="tt-menu" ref={containerRef} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button ref={toggleRef} type="button" className="tt-button tt-button--secondary tt-button--small" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen((o) => !o)}>
        Export <span aria-hidden="true">▾</span>
      </button>
      <ul className="tt-menu__list" id={menuId} hidden={!open}>
        {onExport
          ? EXPORTS.map(({ kind, label }) => (
              <li key={kind}>
                <button
                  type="button"
                  className="tt-menu__item"
                  onClick={() => {
                    close();
                    onExport(kind);
                  }}
                >
                  {label}
                </button>
              </li>
            ))
          : null}
        {canImport ? (
          <li>
            <button
              type="button"
              className="tt-menu__item"
              onClick={() => {
                close();
                if (onImportElsewhere) onImportElsewhere();
                else fileRef.current?.click();
              }}
            >
              Import backup…
            </button>
          </li>
        ) : null}
      </ul>
      {onImportFile && !onImportElsewhere ? (
        <BackupFileInput inputRef={fileRef} onFile={onImportFile} />
      ) : null}
    </div>
  );
}

/** The popup's watchlist: props in, callbacks out (the popup entrypoint talks to the background). */
export function WatchlistView(props: WatchlistViewProps) {
  const { entries, now, loading, error, pageSize = WATCHLIST_PAGE_SIZE, refresh = { status: 'idle' }, lastBackupAt, actionMessage } = props;
  const count = Math.max(props.total ?? 0, entries.length);
  const headingId = useId();
  const ids = { search: useId(), status: useId() };
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const moreRef = useRef<HTMLDivElement>(null);

  // Search and filter. Typing stays quick with thousands of entries: the list follows the
  // deferred query, and rows whose entry did not change are not drawn again (memo).
  const [query, setQuery] = useState('');
  const [bidStatus, setBidStatus] = useState<BidStatusFilter>('all');
  const deferredQuery = useDeferredValue(query);
  const filtered = useMemo(() => filterWatchlist(entries, { bidStatus, query: deferredQuery }), [entries, bidStatus, deferredQuery]);
  const filtering = filtered !== entries;
  const counts = useMemo(() => {
    const byStatus = Object.fromEntries(BID_STATUSES.map((s) => [s, 0])) as Record<BidStatus, number>;
    let unseen = 0;
    for (const entry of entries) {
      byStatus[entry.bidStatus] = (byStatus[entry.bidStatus] ?? 0) + 1;
      if (entry.unseenChanges.length > 0) unseen++;
    }
    return { byStatus, unseen };
  }, [entries]);

  // Long lists render a page at a time: the first paint stays quick with thousands of entries.
  // A new search or filter starts again at the first page.
  const filterKey = `${bidStatus}\u0000${deferredQuery}`;
  const [paging, setPaging] = useState({ key: filterKey, shown: pageSize });
  if (paging.key !== filterKey) setPaging({ key: filterKey, shown: pageSize });
  const shown = paging.key === filterKey ? paging.shown : pageSize;
  const visible = filtered.length > shown ? filtered.slice(0, shown) : filtered;
  const remaining = filtered.length - visible.length;

  const showMore = useCallback(() => setPaging((p) => ({ ...p, shown: p.shown + pageSize })), [pageSize]);
  // "Show more" by keyboard: focus goes to the first new row.
  const focusRow = useRef<number | null>(null);
  const showMoreByButton = () => {
    focusRow.current = visible.length;
    showMore();
  };

  // Stable callbacks, so that memoised rows do not re-render when the list changes around them.
  const latest = useRef({ props, filtered });
  latest.current = { props, filtered };
  // Unwatch removes the row with the focused button: focus goes to the row that takes its place.
  const unwatched = useRef<{ ocid: string; index: number } | null>(null);
  const handleUnwatch = useCallback((ocid: string) => {
    unwatched.current = { ocid, index: latest.current.filtered.findIndex((e) => e.ocid === ocid) };
    latest.current.props.onUnwatch(ocid);
  }, []);
  const handleOpen = useCallback((entry: WatchedProcurement) => latest.current.props.onOpen(entry), []);
  const handleUpdate = useCallback((ocid: string, fields: UserFieldsUpdate) => latest.current.props.onUpdate?.(ocid, fields), []);
  const handleCalendar = useCallback((ocid: string) => latest.current.props.onAddToCalendar?.(ocid), []);
  const onUpdate = props.onUpdate ? handleUpdate : undefined;
  const onAddToCalendar = props.onAddToCalendar ? handleCalendar : undefined;

  useEffect(() => {
    const gone = unwatched.current;
    if (gone && !filtered.some((e) => e.ocid === gone.ocid)) {
      unwatched.current = null;
      focusRow.current = filtered.length === 0 ? null : Math.min(gone.index, filtered.length - 1);
      if (filtered.length === 0) headingRef.current?.focus();
    }
    if (focusRow.current !== null) {
      listRef.current?.children[focusRow.current]?.querySelector<HTMLElement>('a[href], button')?.focus();
      focusRow.current = null;
    }
  });

  // Scrolling near the end shows the next page without a click, where the browser can tell.
  useEffect(() => {
    const target = moreRef.current;
    if (!target || remaining === 0 || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((seen) => seen.some((e) => e.isIntersecting) && showMore(), { rootMargin: '400px 0px' });
    observer.observe(target);
    return () => observer.disconnect();
  }, [remaining, shown, showMore]);

  const clearFilters = () => {
    setQuery('');
    setBidStatus('all');
  };

  const ready = !loading && !error;
  const reminder = ready ? backupReminder(lastBackupAt, entries.length, now) : undefined;
  const refreshing = refresh.status === 'running';
  const statusText = refreshText(refresh);
  // Stop disappears when the refresh ends: the focus it had goes to Refresh now.
  const refreshRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  const stopHadFocus = useRef(false);
  useEffect(() => {
    if (refreshing || !stopHadFocus.current) return;
    stopHadFocus.current = false;
    refreshRef.current?.focus();
  }, [refreshing]);

  let body;
  if (error) {
    body = (
      <div className="tt-watchlist__message tt-watchlist__message--error" role="alert">
        <p>{error}</p>
      </div>
    );
  } else if (loading) {
    body = (
      <p className="tt-watchlist__message" role="status">
        Loading your watchlist…
      </p>
    );
  } else if (entries.length === 0) {
    body = (
      <div className="tt-watchlist__empty">
        <p className="tt-watchlist__empty-title">Your watchlist is empty</p>
        <p>Open a notice on Find a Tender and press Watch procurement in the Tender Timeline panel.</p>
      </div>
    );
  } else if (filtered.length === 0) {
    body = (
      <div className="tt-watchlist__message">
        <p>No procurements match your search.</p>
        <button type="button" className="tt-link-button" onClick={clearFilters}>
          Clear search and filter
        </button>
      </div>
    );
  } else {
    body = (
      <>
        <ul className="tt-watchlist__list" ref={listRef}>
          {visible.map((entry) => (
            <WatchlistRow key={entry.ocid} entry={entry} now={now} onOpen={handleOpen} onUnwatch={handleUnwatch} onUpdate={onUpdate} onAddToCalendar={onAddToCalendar} />
          ))}
        </ul>
        {remaining > 0 ? (
          <div className="tt-watchlist__more" ref={moreRef}>
            <button type="button" className="tt-button tt-button--secondary" onClick={showMoreByButton}>
              Show {Math.min(remaining, pageSize)} more ({remaining.toLocaleString('en-GB')} not shown)
            </button>
          </div>
        ) : null}
      </>
    );
  }

  const total = count === 1 ? '1 procurement' : `${count.toLocaleString('en-GB')} procurements`;
  const hasTools = props.onRefreshNow || props.onMarkAllSeen || props.onExport || props.onImportFile || props.onImportElsewhere;
  return (
    <main className="tt-root tt-watchlist" aria-labelledby={headingId}>
      <header className="tt-watchlist__header">
        <h1 className="tt-watchlist__heading" id={headingId} ref={headingRef} tabIndex={-1}>
          Watchlist
        </h1>
        {ready && entries.length > 0 ? (
          <p className="tt-watchlist__count">
            {filtering ? `${filtered.length.toLocaleString('en-GB')} of ${total}` : total}
            {counts.unseen > 0 ? <span className="tt-watchlist__unseen"> · {counts.unseen.toLocaleString('en-GB')} changed</span> : null}
          </p>
        ) : null}
        {ready && entries.length > 0 ? <UkTimeNote className="tt-watchlist__zone" /> : null}
        {props.onOpenSettings ? (
          <button type="button" className="tt-link-button tt-watchlist__settings" onClick={props.onOpenSettings}>
            Settings
          </button>
        ) : null}
      </header>
      {ready && hasTools ? (
        <div className="tt-toolbar">
          <div className="tt-toolbar__actions">
            {props.onRefreshNow ? (
              <button ref={refreshRef} type="button" className="tt-button tt-button--secondary tt-button--small" disabled={refreshing || entries.length === 0} onClick={props.onRefreshNow}>
                {refreshing ? 'Refreshing…' : 'Refresh now'}
              </button>
            ) : null}
            {refreshing && props.onStopRefresh ? (
              <button
                ref={stopRef}
                type="button"
                className="tt-button tt-button--secondary tt-button--small"
                disabled={refresh.stopping}
                onClick={() => {
                  stopHadFocus.current = document.activeElement === stopRef.current;
                  props.onStopRefresh?.();
                }}
              >
                Stop
              </button>
            ) : null}
            {props.onMarkAllSeen ? (
              <button type="button" className="tt-button tt-button--secondary tt-button--small" disabled={counts.unseen === 0} onClick={props.onMarkAllSeen}>
                Mark all seen
              </button>
            ) : null}
            {props.onExport || props.onImportFile || props.onImportElsewhere ? (
              <ExportMenu onExport={entries.length > 0 ? props.onExport : undefined} onImportFile={props.onImportFile} onImportElsewhere={props.onImportElsewhere} />
            ) : null}
          </div>
          <div className="tt-toolbar__status" role="status">
            {statusText ? <p className={refresh.status === 'error' ? 'tt-toolbar__message tt-toolbar__message--error' : 'tt-toolbar__message'}>{statusText}</p> : null}
            {refresh.status === 'running' && !refresh.stopping ? <FtsProgressNote progress={refresh.progress?.request} className="tt-toolbar__message" /> : null}
            {actionMessage ? (
              <p className={actionMessage.tone === 'error' ? 'tt-toolbar__message tt-toolbar__message--error' : 'tt-toolbar__message'}>{actionMessage.text}</p>
            ) : null}
          </div>
        </div>
      ) : null}
      {reminder ? (
        <div className="tt-backup-reminder">
          <p>
            Uninstalling the extension deletes your watchlist. Last backup: {reminder.lastBackup}.
          </p>
          {props.onExport ? (
            <button type="button" className="tt-button tt-button--small" onClick={() => props.onExport?.('backup')}>
              Back up now
            </button>
          ) : null}
        </div>
      ) : null}
      {ready && entries.length > 0 ? (
        <div className="tt-filters" role="search">
          <div className="tt-filters__search">
            <label className="tt-field__label" htmlFor={ids.search}>
              Search
            </label>
            <input
              id={ids.search}
              className="tt-input"
              type="search"
              placeholder="Title, buyer or tag"
              autoComplete="off"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          <div className="tt-filters__status">
            <label className="tt-field__label" htmlFor={ids.status}>
              Bid status
            </label>
            <select id={ids.status} className="tt-select" value={bidStatus} onChange={(event) => setBidStatus(event.target.value as BidStatusFilter)}>
              <option value="all">All ({count.toLocaleString('en-GB')})</option>
              {BID_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {BID_STATUS_LABELS[status]} ({counts.byStatus[status].toLocaleString('en-GB')})
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      {body}
    </main>
  );
}
