import { describe, expect, it } from 'vitest';
import type { WatchlistRow } from '../lib/watchlist/entry';
import { countStages, filterRows, NO_FILTER, sortKey, sortRows, type SortColumn, type TableSort } from '../lib/watchlist/table';

const gbp = (amount: number) => ({ amount, currency: 'GBP' });
const next = (at: string): WatchlistRow['next'] => ({ type: 'submissionDeadline', at, lots: [] });

function row(ocid: string, fields: Partial<WatchlistRow> = {}): WatchlistRow {
  return { ocid, title: 'Untitled procurement', value: {}, stage: 'tender', hasKeyDates: true, watchedAt: '2026-01-01T00:00:00Z', note: '', tags: [], bidStatus: 'watching', unseenChanges: [], ...fields };
}

// Five procurements; each column's order is worked out by hand in its test.
const rows = [
  row('a', { title: 'Road gritting', buyer: 'Leeds City Council', stage: 'tender', value: { net: gbp(50_000) }, bidStatus: 'preparing', next: next('2026-03-20T12:00:00Z'), lastCheckedAt: '2026-02-28T06:00:00Z', tags: ['roads'] }),
  row('b', { title: 'École catering', buyer: 'Bristol City Council', stage: 'award', value: { gross: gbp(1_200_000) }, bidStatus: 'won', next: next('2026-03-05T17:00:00Z'), lastCheckedAt: '2026-03-01T06:00:00Z' }),
  // No title (as the list names it), no buyer, no value, no next key date, stage unknown, never checked.
  row('c', { stage: 'unknown', bidStatus: 'noBid', hasKeyDates: false }),
  row('d', { title: 'anti-social behaviour service', buyer: 'West Midlands Police', stage: 'planning', value: { net: gbp(900), gross: gbp(1_080) }, lastCheckedAt: '2026-02-01T06:00:00Z', tags: ['Police', 'victims'] }),
  row('e', { title: 'Victim support', buyer: 'avon and Somerset Police', stage: 'tender', value: { net: gbp(50_000) }, bidStatus: 'submitted', next: next('2026-04-01T12:00:00Z'), tags: ['victims'] }),
];

const order = (sort: TableSort) => sortRows(rows, sort).map((r) => r.ocid).join('');
const both = (column: SortColumn) => [order({ column, direction: 'ascending' }), order({ column, direction: 'descending' })];

describe('sortRows', () => {
  it('sorts by title ignoring case and accents', () => {
    // anti-social, École, Road, Untitled, Victim.
    expect(both('title')).toEqual(['dbace', 'ecabd']);
  });

  it('sorts by buyer, one with none last both ways', () => {
    // avon and Somerset, Bristol, Leeds, West Midlands; c names none.
    expect(both('buyer')).toEqual(['ebadc', 'dabec']);
  });

  it('sorts by next key date; those with none last, in the order given, both ways', () => {
    // b 5 March, a 20 March, e 1 April; c and d have none.
    expect(both('nextKeyDate')).toEqual(['baecd', 'eabcd']);
  });

  it('sorts by value, excluding VAT where given, else including it; equal values keep the order given', () => {
    // d £900, a £50,000 = e £50,000, b £1,200,000 (including VAT only); c not specified.
    expect(both('value')).toEqual(['daebc', 'baedc']);
  });

  it('sorts by bid status from watching to no bid', () => {
    // d watching, a preparing, e submitted, b won, c no bid.
    expect(both('bidStatus')).toEqual(['daebc', 'cbead']);
  });

  it('sorts by stage name, an unknown stage last', () => {
    // award b, planning d, tender a and e; c unknown.
    expect(both('stage')).toEqual(['bdaec', 'aedbc']);
  });

  it('sorts by when it was last checked, never-checked ones last', () => {
    // d 1 February, a 28 February, b 1 March; c and e never.
    expect(both('lastChecked')).toEqual(['dabce', 'badce']);
  });

  it('does not change the list it is given', () => {
    sortRows(rows, { column: 'title', direction: 'ascending' });
    expect(rows.map((r) => r.ocid).join('')).toBe('abcde');
  });

  it('makes each key once per row: an edited row is a new object with new keys', () => {
    const [first] = rows;
    expect(sortKey(first!, 'bidStatus')).toBe(1);
    expect(sortKey({ ...first!, bidStatus: 'lost' }, 'bidStatus')).toBe(4);
  });
});

describe('filterRows', () => {
  const ocids = (list: WatchlistRow[]) => list.map((r) => r.ocid).join('');

  it('gives the rows themselves when nothing is filtered', () => {
    expect(filterRows(rows, NO_FILTER)).toBe(rows);
    expect(filterRows(rows, { ...NO_FILTER, query: '   ' })).toBe(rows);
  });

  it('finds every word in the title, buyer or tags, ignoring case and accents', () => {
    expect(ocids(filterRows(rows, { ...NO_FILTER, query: 'police' }))).toBe('de');
    expect(ocids(filterRows(rows, { ...NO_FILTER, query: 'VICTIMS avon' }))).toBe('e');
    expect(ocids(filterRows(rows, { ...NO_FILTER, query: 'ecole' }))).toBe('b');
    expect(ocids(filterRows(rows, { ...NO_FILTER, query: 'roads leeds' }))).toBe('a');
    expect(ocids(filterRows(rows, { ...NO_FILTER, query: 'roads bristol' }))).toBe('');
  });

  it('filters by bid status and by stage, with the words', () => {
    expect(ocids(filterRows(rows, { ...NO_FILTER, bidStatus: 'won' }))).toBe('b');
    expect(ocids(filterRows(rows, { ...NO_FILTER, stage: 'tender' }))).toBe('ae');
    expect(ocids(filterRows(rows, { ...NO_FILTER, stage: 'tender', query: 'victim' }))).toBe('e');
    expect(ocids(filterRows(rows, { query: 'victim', stage: 'tender', bidStatus: 'preparing' }))).toBe('');
  });

  it('keeps the order it is given', () => {
    const sorted = sortRows(rows, { column: 'title', direction: 'descending' });
    expect(ocids(filterRows(sorted, { ...NO_FILTER, query: 'police' }))).toBe('ed');
  });

  it('follows a row edited into a new object (its tags)', () => {
    const [first] = rows;
    const retagged = { ...first!, tags: ['gritting', 'winter'] };
    expect(ocids(filterRows([first!], { ...NO_FILTER, query: 'winter' }))).toBe('');
    expect(ocids(filterRows([retagged], { ...NO_FILTER, query: 'winter' }))).toBe('a');
  });
});

describe('countStages', () => {
  it('counts rows by stage', () => {
    const counts = countStages(rows);
    expect(counts.get('tender')).toBe(2);
    expect(counts.get('unknown')).toBe(1);
    expect(counts.get('award')).toBe(1);
    expect(counts.get('contract')).toBeUndefined();
  });
});
