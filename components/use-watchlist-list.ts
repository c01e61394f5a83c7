/** The hooks behind the watchlist's list: search and filter, paging, and where the focus goes. */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { BID_STATUSES, type BidStatus, type WatchlistRow } from '../lib/watchlist/entry';
import { filterWatchlist, type BidStatusFilter } from './watchlist-tools';

export interface WatchlistCounts {
  byStatus: Record<BidStatus, number>;
  /** Rows with changes the user has not seen. */
  unseen: number;
}

export function countRows(rows: readonly WatchlistRow[]): WatchlistCounts {
  const byStatus = Object.fromEntries(BID_STATUSES.map((s) => [s, 0])) as Record<BidStatus, number>;
  let unseen = 0;
  for (const row of rows) {
    byStatus[row.bidStatus] = (byStatus[row.bidStatus] ?? 0) + 1;
    if (row.unseenChanges.length > 0) unseen++;
  }
  return { byStatus, unseen };
}

/**
 * Search and bid-status filter. Typing stays quick with thousands of rows: the list follows
 * the deferred query, and rows that did not change are not drawn again (memo).
 */
export function useWatchlistFilter(rows: WatchlistRow[]) {
  const [query, setQuery] = useState('');
  const [bidStatus, setBidStatus] = useState<BidStatusFilter>('all');
  const deferredQuery = useDeferredValue(query);
  const filtered = useMemo(() => filterWatchlist(rows, { bidStatus, query: deferredQuery }), [rows, bidStatus, deferredQuery]);
  const counts = useMemo(() => countRows(rows), [rows]);
  const clear = () => {
    setQuery('');
    setBidStatus('all');
  };
  return { query, setQuery, bidStatus, setBidStatus, filtered, filtering: filtered !== rows, counts, clear, key: `${bidStatus}\u0000${deferredQuery}` };
}

/**
 * Long lists render a page at a time: the first paint stays quick with thousands of rows.
 * A new search or filter (`key`) starts again at the first page; scrolling near the end
 * shows the next page without a click, where the browser can tell.
 */
export function usePaging<T>(items: T[], key: string, pageSize: number) {
  const [paging, setPaging] = useState({ key, shown: pageSize });
  if (paging.key !== key) setPaging({ key, shown: pageSize });
  const shown = paging.key === key ? paging.shown : pageSize;
  const visible = items.length > shown ? items.slice(0, shown) : items;
  const remaining = items.length - visible.length;
  const showMore = useCallback(() => setPaging((p) => ({ ...p, shown: p.shown + pageSize })), [pageSize]);

  const moreRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = moreRef.current;
    if (!target || remaining === 0 || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((seen) => seen.some((e) => e.isIntersecting) && showMore(), { rootMargin: '400px 0px' });
    observer.observe(target);
    return () => observer.disconnect();
  }, [remaining, shown, showMore]);
  return { visible, remaining, showMore, moreRef };
}

/** Where the focus goes in a row: its title's link, else its first button. */
export const rowFocusTarget = (row: Element | null | undefined): HTMLElement | null => row?.querySelector<HTMLElement>('a[href], button') ?? null;

/**
 * Where the focus goes when rows come and go: after Unwatch, to the row that takes the
 * removed one's place (the heading when none is left) — or, with `undoable`, nowhere at once
 * (the Undo notice takes it), and `neighbour` gives that place later; after "Show more", to
 * the first new row. `rowOf` gives a row's focus target by ocid, when it is drawn.
 */
export function useRowFocus(filtered: readonly WatchlistRow[], onUnwatch: (ocid: string) => void, undoable = false) {
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusRow = useRef<number | null>(null);
  const latest = useRef({ filtered, onUnwatch });
  latest.current = { filtered, onUnwatch };
  const unwatched = useRef<{ ocid: string; index: number } | null>(null);

  // Stable, so that memoised rows do not re-render when the list changes around them.
  const handleUnwatch = useCallback((ocid: string) => {
    unwatched.current = { ocid, index: latest.current.filtered.findIndex((e) => e.ocid === ocid) };
    latest.current.onUnwatch(ocid);
  }, []);
  const focusRowAt = useCallback((index: number) => {
    focusRow.current = index;
  }, []);
  const neighbour = useCallback((): HTMLElement | null => {
    const rows = listRef.current?.children;
    if (!rows || rows.length === 0) return headingRef.current;
    return rowFocusTarget(rows[Math.min(Math.max(unwatched.current?.index ?? 0, 0), rows.length - 1)]);
  }, []);
  const rowOf = useCallback((ocid: string): HTMLElement | null => {
    const index = latest.current.filtered.findIndex((e) => e.ocid === ocid);
    return index < 0 ? null : rowFocusTarget(listRef.current?.children[index]);
  }, []);

  useEffect(() => {
    const gone = unwatched.current;
    if (!undoable && gone && !filtered.some((e) => e.ocid === gone.ocid)) {
      unwatched.current = null;
      focusRow.current = filtered.length === 0 ? null : Math.min(gone.index, filtered.length - 1);
      if (filtered.length === 0) headingRef.current?.focus();
    }
    if (focusRow.current !== null) {
      rowFocusTarget(listRef.current?.children[focusRow.current])?.focus();
      focusRow.current = null;
    }
  });
  return { listRef, headingRef, handleUnwatch, focusRowAt, neighbour, rowOf };
}

/** `callback` behind a function that never changes, so memoised rows keep it; undefined stays undefined. */
export function useStableCallback<A extends unknown[]>(callback: ((...args: A) => void) | undefined): ((...args: A) => void) | undefined {
  const latest = useRef(callback);
  latest.current = callback;
  const stable = useCallback((...args: A) => latest.current?.(...args), []);
  return callback ? stable : undefined;
}
