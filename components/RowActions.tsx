import type { WatchlistRow } from '../lib/watchlist/entry';

export interface RowActionsProps {
  row: WatchlistRow;
  onUnwatch(ocid: string): void;
  /** Absent: no "Add to calendar". */
  onAddToCalendar?: (ocid: string) => void;
  /** The Unwatch button's own class, beside the button classes. */
  unwatchClassName?: string;
}

/** What can be done with a watched procurement in a list: Add to calendar (when it has key dates) and Unwatch. Popup and watchlist page alike. */
export function RowActions({ row, onUnwatch, onAddToCalendar, unwatchClassName }: RowActionsProps) {
  return (
    <>
      {onAddToCalendar && row.hasKeyDates ? (
        <button type="button" className="tt-link-button" aria-label={`Add to calendar: ${row.title}`} onClick={() => onAddToCalendar(row.ocid)}>
          Add to calendar
        </button>
      ) : null}
      <button
        type="button"
        className={`tt-button tt-button--secondary tt-button--small${unwatchClassName ? ` ${unwatchClassName}` : ''}`}
        aria-label={`Unwatch ${row.title}`}
        onClick={() => onUnwatch(row.ocid)}
      >
        Unwatch
      </button>
    </>
  );
}
