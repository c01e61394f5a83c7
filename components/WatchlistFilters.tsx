import { useId, type ReactNode } from 'react';
import { BID_STATUS_LABELS, BID_STATUSES, type BidStatus } from '../lib/watchlist/entry';
import type { BidStatusFilter } from './watchlist-tools';

export interface FiltersProps {
  query: string;
  onQuery(query: string): void;
  bidStatus: BidStatusFilter;
  onBidStatus(status: BidStatusFilter): void;
  /** All rows, and rows per bid status, for the options' counts. */
  count: number;
  byStatus: Record<BidStatus, number>;
  /** More filters, after these (the watchlist page's stage). */
  children?: ReactNode;
}

/** Search by title, buyer or tag, and filter by bid status. */
export function WatchlistFilters({ query, onQuery, bidStatus, onBidStatus, count, byStatus, children }: FiltersProps) {
  const ids = { search: useId(), status: useId() };
  return (
    <div className="tt-filters" role="search">
      <div className="tt-filters__search">
        <label className="tt-field__label" htmlFor={ids.search}>
          Search
        </label>
        <input id={ids.search} className="tt-input" type="search" placeholder="Title, buyer or tag" autoComplete="off" value={query} onChange={(event) => onQuery(event.target.value)} />
      </div>
      <div className="tt-filters__status">
        <label className="tt-field__label" htmlFor={ids.status}>
          Bid status
        </label>
        <select id={ids.status} className="tt-select" value={bidStatus} onChange={(event) => onBidStatus(event.target.value as BidStatusFilter)}>
          <option value="all">All ({count.toLocaleString('en-GB')})</option>
          {BID_STATUSES.map((status) => (
            <option key={status} value={status}>
              {BID_STATUS_LABELS[status]} ({byStatus[status].toLocaleString('en-GB')})
            </option>
          ))}
        </select>
      </div>
      {children}
    </div>
  );
}
