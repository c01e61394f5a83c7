import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { KEY_DATE_LABELS } from '../lib/timeline/key-dates';
import { nextKeyDate, type WatchedProcurement } from '../lib/watchlist/entry';
import { Countdown } from './Countdown';
import { DateTime } from './DateTime';
import { titleText, valueText } from './format';
import { StageBadge } from './StageBadge';
import './theme.css';
import './watchlist-view.css';

export interface WatchlistViewProps {
  /** Already sorted (lib/watchlist `sortWatchlist`): shown in this order. */
  entries: WatchedProcurement[];
  now: Date;
  onOpen(entry: WatchedProcurement): void;
  onUnwatch(ocid: string): void;
  loading?: boolean;
  error?: string;
  /** Rows drawn at first and added per "Show more" (default WATCHLIST_PAGE_SIZE). */
  pageSize?: number;
}

/** Rows rendered at first, and added each time the list is scrolled to its end or "Show more" is pressed. */
export const WATCHLIST_PAGE_SIZE = 100;

interface RowProps {
  entry: WatchedProcurement;
  now: Date;
  onOpen(entry: WatchedProcurement): void;
  onUnwatch(ocid: string): void;
}

const Row = memo(function Row({ entry, now, onOpen, onUnwatch }: RowProps) {
  const title = titleText(entry.title);
  const next = nextKeyDate(entry, now);
  return (
    <li className="tt-row">
      <div className="tt-row__main">
        <h2 className="tt-row__title">
          <button type="button" className="tt-link-button" onClick={() => onOpen(entry)}>
            {title}
          </button>
        </h2>
        {entry.buyer ? <p className="tt-row__buyer">{entry.buyer}</p> : null}
        <p className="tt-row__next">
          {next ? (
            <>
              <span className="tt-row__next-label">{KEY_DATE_LABELS[next.type] ?? 'Key date'}</span> <DateTime at={next.at} />
              <Countdown now={now} at={next.at} type={next.type} separator=" — " />
            </>
          ) : (
            <span className="tt-secondary">No upcoming dates</span>
          )}
        </p>
        <p className="tt-row__meta">
          <StageBadge stage={entry.stage} /> <span className="tt-row__value">Value: {valueText(entry.value)}</span>
        </p>
      </div>
      <button type="button" className="tt-button tt-button--secondary tt-button--small tt-row__unwatch" aria-label={`Unwatch ${title}`} onClick={() => onUnwatch(entry.ocid)}>
        Unwatch
      </button>
    </li>
  );
});

/** The popup's watchlist: props in, callbacks out (the popup entrypoint talks to the background). */
export function WatchlistView({ entries, now, onOpen, onUnwatch, loading, error, pageSize = WATCHLIST_PAGE_SIZE }: WatchlistViewProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const moreRef = useRef<HTMLDivElement>(null);
  // Long lists render a page at a time: the first paint stays quick with thousands of entries.
  const [shown, setShown] = useState(pageSize);
  const visible = entries.length > shown ? entries.slice(0, shown) : entries;
  const remaining = entries.length - visible.length;

  const showMore = useCallback(() => setShown((n) => n + pageSize), [pageSize]);
  // "Show more" by keyboard: focus goes to the first new row.
  const focusRow = useRef<number | null>(null);
  const showMoreByButton = () => {
    focusRow.current = visible.length;
    showMore();
  };
  // Unwatch removes the row with the focused button: focus goes to the row that takes its place.
  const unwatched = useRef<{ ocid: string; index: number } | null>(null);
  const latest = useRef({ entries, onUnwatch });
  latest.current = { entries, onUnwatch };
  // Stable, so that memoised rows do not re-render when the list changes around them.
  const handleUnwatch = useCallback((ocid: string) => {
    unwatched.current = { ocid, index: latest.current.entries.findIndex((e) => e.ocid === ocid) };
    latest.current.onUnwatch(ocid);
  }, []);

  useEffect(() => {
    const gone = unwatched.current;
    if (gone && !entries.some((e) => e.ocid === gone.ocid)) {
      unwatched.current = null;
      focusRow.current = entries.length === 0 ? null : Math.min(gone.index, entries.length - 1);
      if (entries.length === 0) headingRef.current?.focus();
    }
    if (focusRow.current !== null) {
      listRef.current?.children[focusRow.current]?.querySelector('button')?.focus();
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
  } else {
    body = (
      <>
        <ul className="tt-watchlist__list" ref={listRef}>
          {visible.map((entry) => (
            <Row key={entry.ocid} entry={entry} now={now} onOpen={onOpen} onUnwatch={handleUnwatch} />
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
  return (
    <section className="tt-root tt-watchlist" aria-labelledby={headingId}>
      <header className="tt-watchlist__header">
        <h1 className="tt-watchlist__heading" id={headingId} ref={headingRef} tabIndex={-1}>
          Watchlist
        </h1>
        {!loading && !error && entries.length > 0 ? (
          <p className="tt-watchlist__count">{entries.length === 1 ? '1 procurement' : `${entries.length.toLocaleString('en-GB')} procurements`}</p>
        ) : null}
      </header>
      {body}
    </section>
  );
}
