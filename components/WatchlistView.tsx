import { useId, type ReactNode, type RefObject } from 'react';
import type { WatchlistRow } from '../lib/watchlist/entry';
import { BackupReminder } from './BackupReminder';
import { UkTimeNote } from './DateTime';
import type { ExportKind } from './ExportMenu';
import type { UserFieldsUpdate } from './NotesForm';
import { UndoNotice } from './UndoNotice';
import { useUndoUnwatch, type RestoreAnswer, type UndoState } from './use-undo-unwatch';
import { useRowFocus, usePaging, useStableCallback, useWatchlistFilter } from './use-watchlist-list';
import { WatchlistFilters } from './WatchlistFilters';
import { WatchlistItem } from './WatchlistItem';
import { WatchlistToolbar, type ActionMessage } from './WatchlistToolbar';
import type { RefreshState } from './watchlist-tools';
import './theme.css';
import './forms.css';
import './watchlist-view.css';

export interface WatchlistViewProps {
  /** Already sorted (lib/watchlist `sortWatchlist`): shown in this order. */
  rows: WatchlistRow[];
  /** How many are watched, when `rows` is only the first ones (the rest still coming). */
  total?: number;
  now: Date;
  onOpen(row: WatchlistRow): void;
  onUnwatch(ocid: string): void;
  /** Undo of an Unwatch (for `UNDO_MS`): puts the procurement back. Absent: no Undo is offered. */
  onRestore?: (ocid: string) => Promise<RestoreAnswer>;
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
  /** "Open the whole watchlist": the watchlist page's address, and what opens it in a tab. */
  wholeWatchlist?: WholeWatchlistLink;
}

export interface WholeWatchlistLink {
  href: string;
  onOpen(): void;
}

/** Rows rendered at first, and added each time the list is scrolled to its end or "Show more" is pressed. */
export const WATCHLIST_PAGE_SIZE = 100;

/** What stands instead of the list: an error, loading, an empty watchlist, or nothing matching. */
function ListMessage({ error, loading, empty, onClear }: { error?: string; loading?: boolean; empty: boolean; onClear(): void }): ReactNode {
  if (error) {
    return (
      <div className="tt-watchlist__message tt-watchlist__message--error" role="alert">
        <p>{error}</p>
      </div>
    );
  }
  if (loading) {
    return (
      <p className="tt-watchlist__message" role="status">
        Loading your watchlist…
      </p>
    );
  }
  if (empty) {
    return (
      <div className="tt-watchlist__empty">
        <p className="tt-watchlist__empty-title">Your watchlist is empty</p>
        <p>Open a notice on Find a Tender and press Watch procurement in the Tender Timeline panel.</p>
      </div>
    );
  }
  return (
    <div className="tt-watchlist__message">
      <p>No procurements match your search.</p>
      <button type="button" className="tt-link-button" onClick={onClear}>
        Clear search and filter
      </button>
    </div>
  );
}

function WatchlistHeader({
  id,
  headingRef,
  children,
  onOpenSettings,
  wholeWatchlist,
}: {
  id: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  children?: ReactNode;
  onOpenSettings?: () => void;
  wholeWatchlist?: WholeWatchlistLink;
}) {
  return (
    <header className="tt-watchlist__header">
      <h1 className="tt-watchlist__heading" id={id} ref={headingRef} tabIndex={-1}>
        Watchlist
      </h1>
      {children}
      {wholeWatchlist ? (
        <a
          className="tt-link tt-watchlist__whole"
          href={wholeWatchlist.href}
          onClick={(event) => {
            event.preventDefault();
            wholeWatchlist.onOpen();
          }}
        >
          Open the whole watchlist
        </a>
      ) : null}
      {onOpenSettings ? (
        <button type="button" className="tt-link-button tt-watchlist__settings" onClick={onOpenSettings}>
          Settings
        </button>
      ) : null}
    </header>
  );
}

function CountLine({ shown, count, unseen, filtering }: { shown: number; count: number; unseen: number; filtering: boolean }) {
  const total = count === 1 ? '1 procurement' : `${count.toLocaleString('en-GB')} procurements`;
  return (
    <>
      <p className="tt-watchlist__count">
        {filtering ? `${shown.toLocaleString('en-GB')} of ${total}` : total}
        {unseen > 0 ? <span className="tt-watchlist__unseen"> · {unseen.toLocaleString('en-GB')} changed</span> : null}
      </p>
      <UkTimeNote className="tt-watchlist__zone" />
    </>
  );
}

/** The popup's watchlist: props in, callbacks out (the popup entrypoint talks to the background). */
export function WatchlistView(props: WatchlistViewProps) {
  const { rows, now, loading, error, pageSize = WATCHLIST_PAGE_SIZE, refresh = { status: 'idle' }, lastBackupAt, actionMessage } = props;
  const count = Math.max(props.total ?? 0, rows.length);
  const headingId = useId();
  const filter = useWatchlistFilter(rows);
  const { filtered } = filter;
  const paging = usePaging(filtered, filter.key, pageSize);
  const undo = useUndoUnwatch(props.onRestore);
  const onUnwatch = (ocid: string) => {
    const row = rows.find((r) => r.ocid === ocid);
    if (props.onRestore && row) undo.removed(ocid, row.title);
    props.onUnwatch(ocid);
  };
  const focus = useRowFocus(filtered, onUnwatch, props.onRestore !== undefined);
  // After Undo, the row that came back; else the row now in the removed one's place.
  const returnFocus = (state: UndoState | undefined) => (state?.phase === 'restored' ? focus.rowOf(state.ocid) : null) ?? focus.neighbour();
  // Stable callbacks, so that memoised rows do not re-render when the list changes around them.
  const onOpen = useStableCallback(props.onOpen)!;
  const onUpdate = useStableCallback(props.onUpdate);
  const onAddToCalendar = useStableCallback(props.onAddToCalendar);
  // "Show more" by keyboard: focus goes to the first new row.
  const showMoreByButton = () => {
    focus.focusRowAt(paging.visible.length);
    paging.showMore();
  };

  const ready = !loading && !error;
  const listed = ready && rows.length > 0;
  const hasTools = props.onRefreshNow || props.onMarkAllSeen || props.onExport || props.onImportFile || props.onImportElsewhere;
  return (
    <main className="tt-root tt-watchlist tt-watchlist--popup" aria-labelledby={headingId}>
      <WatchlistHeader id={headingId} headingRef={focus.headingRef} onOpenSettings={props.onOpenSettings} wholeWatchlist={props.wholeWatchlist}>
        {listed ? <CountLine shown={filtered.length} count={count} unseen={filter.counts.unseen} filtering={filter.filtering} /> : null}
      </WatchlistHeader>
      {ready && hasTools ? (
        <WatchlistToolbar
          refresh={refresh}
          actionMessage={actionMessage}
          count={rows.length}
          unseen={filter.counts.unseen}
          onRefreshNow={props.onRefreshNow}
          onStopRefresh={props.onStopRefresh}
          onMarkAllSeen={props.onMarkAllSeen}
          onExport={props.onExport}
          onImportFile={props.onImportFile}
          onImportElsewhere={props.onImportElsewhere}
        />
      ) : null}
      {ready ? <BackupReminder lastBackupAt={lastBackupAt} rows={rows} total={count} now={now} onBackUp={props.onExport ? () => props.onExport?.('backup') : undefined} /> : null}
      {listed ? (
        <WatchlistFilters query={filter.query} onQuery={filter.setQuery} bidStatus={filter.bidStatus} onBidStatus={filter.setBidStatus} count={count} byStatus={filter.counts.byStatus} />
      ) : null}
      {ready && props.onRestore ? <UndoNotice state={undo.state} onUndo={undo.undo} focusOnShow returnFocus={returnFocus} /> : null}
      {listed && filtered.length > 0 ? (
        <>
          <ul className="tt-watchlist__list" ref={focus.listRef}>
            {paging.visible.map((row) => (
              <WatchlistItem key={row.ocid} row={row} now={now} onOpen={onOpen} onUnwatch={focus.handleUnwatch} onUpdate={onUpdate} onAddToCalendar={onAddToCalendar} />
            ))}
          </ul>
          {paging.remaining > 0 ? (
            <div className="tt-watchlist__more" ref={paging.moreRef}>
              <button type="button" className="tt-button tt-button--secondary" onClick={showMoreByButton}>
                Show {Math.min(paging.remaining, pageSize)} more ({paging.remaining.toLocaleString('en-GB')} not shown)
              </button>
            </div>
          ) : null}
        </>
      ) : (
        <ListMessage error={error} loading={loading} empty={rows.length === 0} onClear={filter.clear} />
      )}
    </main>
  );
}
