import { memo, useDeferredValue, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Stage } from '../lib/ocds/notice-types';
import { keyDateLabel, keyDateStyle } from '../lib/timeline/key-dates';
import { BID_STATUS_LABELS, type WatchlistRow } from '../lib/watchlist/entry';
import { countStages, DEFAULT_SORT, filterRows, NO_FILTER, sortRows, type SortColumn, type TableFilter, type TableSort } from '../lib/watchlist/table';
import { usePaintedOnce } from './after-paint';
import { Countdown } from './Countdown';
import { DateTime, UkTimeNote } from './DateTime';
import { valueText } from './format';
import { MovedNote } from './MovedNote';
import { NotesForm, type UserFieldsUpdate } from './NotesForm';
import { RowActions } from './RowActions';
import { StageBadge, stageLabel } from './StageBadge';
import { UndoNotice } from './UndoNotice';
import { useUndoUnwatch, type RestoreAnswer, type UndoState } from './use-undo-unwatch';
import { countRows, rowFocusTarget, useStableCallback } from './use-watchlist-list';
import { WatchlistFilters } from './WatchlistFilters';
import './theme.css';
import './forms.css';
import './watchlist-view.css';
import './watchlist-table.css';

/** Rows drawn on one page of the table. */
export const TABLE_PAGE_SIZE = 100;

/**
 * Rows drawn before the table is first shown, a screenful and more: laying out and painting
 * a page of 100 rows takes as long again as drawing them, so the rest follow once these
 * are on the screen.
 */
export const FIRST_DRAWN_ROWS = 25;

export interface WatchlistTableProps {
  /** As the list comes (soonest next key date first): the order of rows whose sort keys are equal. */
  rows: WatchlistRow[];
  /** How many are watched, when `rows` is only the first of them (the rest still coming). */
  total?: number;
  now: Date;
  loading?: boolean;
  error?: string;
  /** A title's link was followed: open its page in a new tab, and its changes are seen. */
  onOpen(row: WatchlistRow): void;
  /** Bid status, tags or note edited in a row's notes. */
  onUpdate(ocid: string, fields: UserFieldsUpdate): void;
  onUnwatch(ocid: string): void;
  /** Undo of an Unwatch (for `UNDO_MS`): puts the procurement back. Absent: no Undo is offered. */
  onRestore?: (ocid: string) => Promise<RestoreAnswer>;
  /** "Add to calendar" in a row: the .ics of that procurement. Absent: not offered. */
  onAddToCalendar?: (ocid: string) => void;
  pageSize?: number;
  /** Above the table: the exports and anything else the page offers. */
  tools?: ReactNode;
}

const COLUMNS: Array<{ column: SortColumn | 'timeLeft' | 'tags'; label: string }> = [
  { column: 'title', label: 'Title' },
  { column: 'buyer', label: 'Buyer' },
  { column: 'stage', label: 'Stage' },
  { column: 'nextKeyDate', label: 'Next key date' },
  { column: 'timeLeft', label: 'Time left' },
  { column: 'value', label: 'Value' },
  { column: 'bidStatus', label: 'Bid status' },
  { column: 'tags', label: 'Tags' },
  { column: 'lastChecked', label: 'Last checked' },
];
/** After them: each row's notes, and what can be done with it. */
const NOTES_LABEL = 'Your notes';
const ACTIONS_LABEL = 'Actions';

/** How each sort reads in the table's caption. */
const ORDER_WORDS: Record<SortColumn, [ascending: string, descending: string]> = {
  title: ['A to Z', 'Z to A'],
  buyer: ['A to Z', 'Z to A'],
  stage: ['A to Z', 'Z to A'],
  nextKeyDate: ['soonest first', 'latest first'],
  value: ['lowest first', 'highest first'],
  bidStatus: ['watching first', 'no bid first'],
  lastChecked: ['longest ago first', 'most recent first'],
};

const number = (n: number) => n.toLocaleString('en-GB');

function captionText(sort: TableSort): string {
  const label = COLUMNS.find((c) => c.column === sort.column)!.label.toLowerCase();
  return `Your watched procurements, by ${label} (${ORDER_WORDS[sort.column][sort.direction === 'ascending' ? 0 : 1]})`;
}

function SortHeader({ column, label, sort, onSort }: { column: SortColumn; label: string; sort: TableSort; onSort(column: SortColumn): void }) {
  const sorted = sort.column === column;
  return (
    <th scope="col" aria-sort={sorted ? sort.direction : undefined}>
      <button type="button" className="tt-sort" onClick={() => onSort(column)}>
        {label}
        <span className="tt-sort__arrow" aria-hidden="true">
          {sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

function LastChecked({ at }: { at?: string }) {
  if (!at) return <span className="tt-secondary">Not yet</span>;
  return <DateTime at={at} />;
}

interface RowProps {
  row: WatchlistRow;
  now: Date;
  onOpen(row: WatchlistRow): void;
  onUpdate(ocid: string, fields: UserFieldsUpdate): void;
  onUnwatch(ocid: string): void;
  onAddToCalendar?: (ocid: string) => void;
}

/**
 * One watched procurement as a row, and its notes (the popup's form) in a row under it when
 * opened. Memoised: it is drawn again only when its row or `now` changes.
 */
const TableRow = memo(function TableRow({ row, now, onOpen, onUpdate, onUnwatch, onAddToCalendar }: RowProps) {
  const { title, url, next } = row;
  const [notesOpen, setNotesOpen] = useState(false);
  const notesId = useId();
  return (
    <>
      <tr data-ocid={row.ocid} className={row.unseenChanges.length > 0 ? 'tt-table__row--changed' : undefined}>
        <th scope="row" className="tt-table__title">
          {url ? (
            <a
            className="tt-link"
            href={url}
            onClick={(event) => {
              // onOpen opens it in a new tab, and marks its changes seen.
              event.preventDefault();
              onOpen(row);
            }}
          >
              {title}
            </a>
          ) : (
            title
          )}
          {row.unseenChanges.length > 0 ? (
            <>
              {' '}
              <strong className="tt-flag">Changed</strong>
            </>
          ) : null}
        </th>
        <td>{row.buyer ?? <span className="tt-secondary">Not named</span>}</td>
        <td>
          <StageBadge stage={row.stage} />
        </td>
        <td>
          {next ? (
            <>
              <span className="tt-table__next-label">{keyDateLabel(next)}</span> <DateTime at={next.at} style={keyDateStyle(next.type, next.dateOnly)} />
              <MovedNote keyDate={next} />
            </>
          ) : (
            <span className="tt-secondary">No upcoming dates</span>
          )}
        </td>
        <td>{next ? <Countdown now={now} at={next.at} type={next.type} dateOnly={next.dateOnly} /> : null}</td>
        <td>{valueText(row.value)}</td>
        <td className="tt-table__bid">{BID_STATUS_LABELS[row.bidStatus]}</td>
        <td className="tt-table__tags-cell">
          {row.tags.length > 0 ? (
            <ul className="tt-table__tags">
              {row.tags.map((tag) => (
                <li key={tag} className="tt-chip">
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
        </td>
        <td>
          <LastChecked at={row.lastCheckedAt} />
        </td>
        <td>
          <button
            type="button"
            className="tt-link-button"
            aria-expanded={notesOpen}
            aria-controls={notesOpen ? notesId : undefined}
            aria-label={`${NOTES_LABEL} on ${title}`}
            onClick={() => setNotesOpen((open) => !open)}
          >
            {NOTES_LABEL}
          </button>
        </td>
        <td>
          <div className="tt-table__actions">
            <RowActions row={row} onUnwatch={onUnwatch} onAddToCalendar={onAddToCalendar} />
          </div>
        </td>
      </tr>
      {notesOpen ? (
        <tr className="tt-table__notes">
          <td colSpan={COLUMNS.length + 2}>
            <NotesForm id={notesId} row={row} onUpdate={onUpdate} />
          </td>
        </tr>
      ) : null}
    </>
  );
});

/** The popup's search and bid-status filter, and the stage. */
function Filters({ filter, onChange, rows, total }: { filter: TableFilter; onChange(filter: TableFilter): void; rows: WatchlistRow[]; total: number }) {
  const stageId = useId();
  const byStatus = useMemo(() => countRows(rows).byStatus, [rows]);
  const byStage = useMemo(() => countStages(rows), [rows]);
  const stages = [...byStage.keys()].sort((a, b) => stageLabel(a).localeCompare(stageLabel(b)));
  return (
    <WatchlistFilters
      query={filter.query}
      onQuery={(query) => onChange({ ...filter, query })}
      bidStatus={filter.bidStatus}
      onBidStatus={(bidStatus) => onChange({ ...filter, bidStatus })}
      count={total}
      byStatus={byStatus}
    >
      <div className="tt-filters__status">
        <label className="tt-field__label" htmlFor={stageId}>
          Stage
        </label>
        <select id={stageId} className="tt-select" value={filter.stage} onChange={(event) => onChange({ ...filter, stage: event.target.value as Stage | 'all' })}>
          <option value="all">All ({number(total)})</option>
          {stages.map((stage) => (
            <option key={stage} value={stage}>
              {stageLabel(stage)} ({number(byStage.get(stage) ?? 0)})
            </option>
          ))}
        </select>
      </div>
    </WatchlistFilters>
  );
}

function Pages({ page, pages, onPage }: { page: number; pages: number; onPage(page: number): void }) {
  if (pages <= 1) return null;
  return (
    <nav className="tt-pages" aria-label="Pages of the table">
      <button type="button" className="tt-button tt-button--secondary tt-button--small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        Previous page
      </button>
      <span>
        Page {number(page + 1)} of {number(pages)}
      </span>
      <button type="button" className="tt-button tt-button--secondary tt-button--small" disabled={page === pages - 1} onClick={() => onPage(page + 1)}>
        Next page
      </button>
    </nav>
  );
}

/**
 * The whole watchlist as a table, sorted by any column and filtered by words, bid status
 * and stage, a page of rows at a time. Props in, callbacks out (the page talks to the background).
 */
export function WatchlistTable(props: WatchlistTableProps) {
  const { rows: all, now, loading, error, onOpen, onUpdate, pageSize = TABLE_PAGE_SIZE } = props;
  const total = Math.max(props.total ?? 0, all.length);
  const headingId = useId();
  const [sort, setSort] = useState<TableSort>(DEFAULT_SORT);
  const [filter, setFilter] = useState<TableFilter>(NO_FILTER);
  const [pageIndex, setPageIndex] = useState(0);
  // Typing stays quick with thousands of rows: the table follows the deferred filter.
  const deferredFilter = useDeferredValue(filter);
  const sorted = useMemo(() => sortRows(all, sort), [all, sort]);
  const shown = useMemo(() => filterRows(sorted, deferredFilter), [sorted, deferredFilter]);

  const pages = Math.max(1, Math.ceil(shown.length / pageSize));
  const current = Math.min(pageIndex, pages - 1);
  const page = shown.slice(current * pageSize, (current + 1) * pageSize);
  const painted = usePaintedOnce(page.length > 0);
  const drawn = painted ? page : page.slice(0, FIRST_DRAWN_ROWS);

  const onSort = (column: SortColumn) => {
    setSort((s) => (s.column === column ? { column, direction: s.direction === 'ascending' ? 'descending' : 'ascending' } : { column, direction: 'ascending' }));
    setPageIndex(0);
  };
  const onFilter = (next: TableFilter) => {
    setFilter(next);
    setPageIndex(0);
  };

  // Unwatch: the Undo notice takes the focus from the row that goes; after it, the focus goes
  // to the row that came back, or the one now in the removed one's place (the heading when none is).
  const undo = useUndoUnwatch(props.onRestore);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const tbodyRef = useRef<HTMLTableSectionElement>(null);
  const removedIndex = useRef(0);
  const handleUnwatch = useStableCallback((ocid: string) => {
    const index = page.findIndex((r) => r.ocid === ocid);
    removedIndex.current = Math.max(index, 0);
    if (props.onRestore && index >= 0) undo.removed(ocid, page[index]!.title);
    props.onUnwatch(ocid);
  })!;
  const onAddToCalendar = useStableCallback(props.onAddToCalendar);
  const returnFocus = (state: UndoState | undefined): HTMLElement | null => {
    const drawn = [...(tbodyRef.current?.querySelectorAll('tr[data-ocid]') ?? [])];
    const back = state?.phase === 'restored' ? drawn.find((tr) => tr.getAttribute('data-ocid') === state.ocid) : undefined;
    if (back) return rowFocusTarget(back);
    return drawn.length > 0 ? rowFocusTarget(drawn[Math.min(removedIndex.current, drawn.length - 1)]) : headingRef.current;
  };

  const ready = !loading && !error;
  const filtered = shown !== sorted;
  const of = `${number(shown.length)} ${shown.length === 1 ? 'procurement' : 'procurements'}${filtered ? ` (of ${number(total)})` : ''}`;
  const countText = shown.length <= pageSize ? of : `Showing ${number(current * pageSize + 1)} to ${number(current * pageSize + page.length)} of ${of}`;

  let body: ReactNode;
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
  } else if (all.length === 0) {
    body = (
      <div className="tt-watchlist__empty">
        <p className="tt-watchlist__empty-title">Your watchlist is empty</p>
        <p>Open a notice on Find a Tender and press Watch procurement in the Tender Timeline panel.</p>
      </div>
    );
  } else {
    body = (
      <>
        <p className="tt-table__count" role="status">
          {countText}
        </p>
        {shown.length === 0 ? (
          <div className="tt-watchlist__message">
            <p>No procurements match your search.</p>
            <button type="button" className="tt-link-button" onClick={() => onFilter(NO_FILTER)}>
              Clear search and filters
            </button>
          </div>
        ) : (
          <>
            <div className="tt-table__scroll">
              <table className="tt-table">
                <caption className="tt-table__caption">{captionText(sort)}</caption>
                <thead>
                  <tr>
                    {COLUMNS.map(({ column, label }) =>
                      column === 'timeLeft' || column === 'tags' ? (
                        <th key={column} scope="col">
                          {label}
                        </th>
                      ) : (
                        <SortHeader key={column} column={column} label={label} sort={sort} onSort={onSort} />
                      ),
                    )}
                    <th scope="col">{NOTES_LABEL}</th>
                    <th scope="col">{ACTIONS_LABEL}</th>
                  </tr>
                </thead>
                <tbody ref={tbodyRef}>
                  {drawn.map((row) => (
                    <TableRow key={row.ocid} row={row} now={now} onOpen={onOpen} onUpdate={onUpdate} onUnwatch={handleUnwatch} onAddToCalendar={onAddToCalendar} />
                  ))}
                </tbody>
              </table>
            </div>
            <Pages page={current} pages={pages} onPage={setPageIndex} />
          </>
        )}
      </>
    );
  }

  return (
    <main className="tt-root tt-watchlist tt-watchlist--page" aria-labelledby={headingId}>
      <header className="tt-watchlist__header">
        <h1 className="tt-watchlist__heading" id={headingId} ref={headingRef} tabIndex={-1}>
          Watchlist
        </h1>
        {ready && all.length > 0 ? <UkTimeNote className="tt-watchlist__zone" /> : null}
      </header>
      {ready ? props.tools : null}
      {ready && all.length > 0 ? <Filters filter={filter} onChange={onFilter} rows={all} total={total} /> : null}
      {ready && props.onRestore ? <UndoNotice state={undo.state} onUndo={undo.undo} focusOnShow returnFocus={returnFocus} /> : null}
      {body}
    </main>
  );
}
