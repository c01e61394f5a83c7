import { useEffect, useRef } from 'react';
import { ExportMenu, type ExportMenuProps } from './ExportMenu';
import { FtsProgressNote } from './FtsProgressNote';
import { refreshText, type RefreshState } from './watchlist-tools';

/** The outcome of an export, import or other action, shown under the toolbar. */
export interface ActionMessage {
  tone: 'info' | 'error';
  text: string;
}

export interface ToolbarProps extends ExportMenuProps {
  onMarkAllSeen?: () => void;
  onRefreshNow?: () => void;
  /** Stop the refresh under way (shown while one runs). */
  onStopRefresh?: () => void;
  refresh: RefreshState;
  actionMessage?: ActionMessage;
  /** Rows watched, and with unseen changes. */
  count: number;
  unseen: number;
}

const messageClass = (error: boolean) => (error ? 'tt-toolbar__message tt-toolbar__message--error' : 'tt-toolbar__message');

/** Refresh now (and Stop while it runs), Mark all seen, Export; and what they did, in a live region. */
export function WatchlistToolbar({ refresh, actionMessage, count, unseen, ...props }: ToolbarProps) {
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

  return (
    <div className="tt-toolbar">
      <div className="tt-toolbar__actions">
        {props.onRefreshNow ? (
          <button ref={refreshRef} type="button" className="tt-button tt-button--secondary tt-button--small" disabled={refreshing || count === 0} onClick={props.onRefreshNow}>
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
          <button type="button" className="tt-button tt-button--secondary tt-button--small" disabled={unseen === 0} onClick={props.onMarkAllSeen}>
            Mark all seen
          </button>
        ) : null}
        {props.onExport || props.onImportFile || props.onImportElsewhere ? (
          <ExportMenu onExport={count > 0 ? props.onExport : undefined} onImportFile={props.onImportFile} onImportElsewhere={props.onImportElsewhere} />
        ) : null}
      </div>
      <div className="tt-toolbar__status" role="status">
        {statusText ? <p className={messageClass(refresh.status === 'error')}>{statusText}</p> : null}
        {refresh.status === 'running' && !refresh.stopping ? <FtsProgressNote progress={refresh.progress?.request} className="tt-toolbar__message" /> : null}
        {actionMessage ? <p className={messageClass(actionMessage.tone === 'error')}>{actionMessage.text}</p> : null}
      </div>
    </div>
  );
}
