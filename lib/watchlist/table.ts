/**
 * The watchlist page's table: what each row sorts by in each column (made once per row,
 * when first needed), sorting on those keys (`sortRows`) and filtering (`filterRows`). A
 * keystroke in the filter costs one pass over the rows, with a string search in each.
 */
import type { Stage } from '../ocds/notice-types';
import { BID_STATUSES, type BidStatus, type WatchlistRow } from './entry';
import { hasEveryWord, normaliseForSearch, searchWords } from './search';

/** The columns the table can be sorted by. */
export const SORT_COLUMNS = ['title', 'buyer', 'stage', 'nextKeyDate', 'value', 'bidStatus', 'lastChecked'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';
export interface TableSort {
  column: SortColumn;
  direction: SortDirection;
}

/** As the list comes: soonest next key date first. */
export const DEFAULT_SORT: TableSort = { column: 'nextKeyDate', direction: 'ascending' };

/** What the table reads of a row. */
export type TableRow = Pick<WatchlistRow, 'title' | 'buyer' | 'stage' | 'value' | 'bidStatus' | 'tags' | 'next' | 'lastCheckedAt'>;

type Key = string | number;

/**
 * What a row sorts by in each column. A key that is `''` (or `NaN`) means "not known": such
 * rows come last whichever way the column is sorted.
 */
const SORT_KEYS: { [C in SortColumn]: (row: TableRow) => Key } = {
  /** Lower case, accents removed. */
  title: (row) => normaliseForSearch(row.title),
  buyer: (row) => normaliseForSearch(row.buyer ?? ''),
  stage: (row) => (row.stage === 'unknown' ? '' : row.stage),
  /** ISO instant. */
  nextKeyDate: (row) => row.next?.at ?? '',
  /** The amount excluding VAT, else including VAT (as the value is shown). */
  value: (row) => row.value.net?.amount ?? row.value.gross?.amount ?? Number.NaN,
  /** Where the bid stands, in the order of BID_STATUSES (from watching to no bid). */
  bidStatus: (row) => BID_STATUSES.indexOf(row.bidStatus),
  lastChecked: (row) => (row.lastCheckedAt ? Date.parse(row.lastCheckedAt) : Number.NaN),
};

// Rows are replaced when they change, never changed in place: each key of each row is made once.
const made = new WeakMap<TableRow, Partial<Record<SortColumn, Key>>>();

export function sortKey(row: TableRow, column: SortColumn): Key {
  let keys = made.get(row);
  if (!keys) made.set(row, (keys = {}));
  return (keys[column] ??= SORT_KEYS[column](row));
}

const unknown = (key: Key) => key === '' || Number.isNaN(key);

/** `rows` sorted by `sort`, rows of equal keys in the order given, rows whose key is not known last. */
export function sortRows<T extends TableRow>(rows: readonly T[], sort: TableSort): T[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, key: sortKey(row, sort.column) }));
  keyed.sort((a, b) => {
    const missingA = unknown(a.key);
    const missingB = unknown(b.key);
    if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
    return a.key < b.key ? -sign : a.key > b.key ? sign : 0;
  });
  return keyed.map((k) => k.row);
}

export interface TableFilter {
  /** Words to find in the title, buyer or tags; every word must appear. */
  query: string;
  bidStatus: BidStatus | 'all';
  stage: Stage | 'all';
}

export const NO_FILTER: TableFilter = { query: '', bidStatus: 'all', stage: 'all' };

/** The rows that pass `filter`, in the order given; `rows` itself when nothing is filtered. */
export function filterRows<T extends TableRow>(rows: T[], filter: TableFilter): T[] {
  const words = searchWords(filter.query);
  if (filter.bidStatus === 'all' && filter.stage === 'all' && words.length === 0) return rows;
  return rows.filter(
    (row) => (filter.bidStatus === 'all' || row.bidStatus === filter.bidStatus) && (filter.stage === 'all' || row.stage === filter.stage) && hasEveryWord(row, words),
  );
}

/** How many rows are at each stage (for the stage filter's options). */
export function countStages(rows: readonly TableRow[]): Map<Stage, number> {
  const counts = new Map<Stage, number>();
  for (const row of rows) counts.set(row.stage, (counts.get(row.stage) ?? 0) + 1);
  return counts;
}
