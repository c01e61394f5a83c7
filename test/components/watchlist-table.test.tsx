// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_DRAWN_ROWS, WatchlistTable, type WatchlistTableProps } from '../../components/WatchlistTable';
import { sortWatchlist, toWatchlistRow, type WatchedProcurement } from '../../lib/watchlist/entry';
import { FIXTURES, watchedEntry } from './support';

afterEach(cleanup);

const watchedAt = new Date('2025-11-01T09:00:00Z');
const now = new Date('2025-11-10T12:00:00Z');
const OUT_OF_COURT = 'Out of Court Resolution';
const WEST_MIDLANDS = 'West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services';
const VICTIM_SUPPORT = 'Victim Support & Restorative Practice';
const HATE_CRIME = 'The Provision of a Hate Crime, Antisocial Behaviour and Mediation Service';

/** The four real records as the list gives them: soonest next key date first. */
const all = (fields: Partial<Record<(typeof FIXTURES)[number], Partial<WatchedProcurement>>> = {}) =>
  sortWatchlist(
    FIXTURES.map((name) => watchedEntry(name, watchedAt, fields[name])),
    now,
  ).map((entry) => toWatchlistRow(entry, now));

function renderTable(props: Partial<WatchlistTableProps> = {}) {
  const callbacks = { onOpen: vi.fn(), onUpdate: vi.fn(), onUnwatch: vi.fn() };
  const view = render(<WatchlistTable rows={all()} now={now} {...callbacks} {...props} />);
  return { ...view, ...callbacks };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const titles = () => [...document.querySelectorAll('tbody th[scope="row"]')].map((th) => text(th));
const sortButton = (name: string) => screen.getByRole('button', { name: new RegExp(`^${name}`) });
const sorted = () => [...document.querySelectorAll('th[aria-sort]')].map((th) => [text(th.querySelector('button')).replace(/[▲▼↕]/g, '').trim(), th.getAttribute('aria-sort')]);
const count = () => text(document.querySelector('.tt-table__count'));

describe('WatchlistTable', () => {
  it('shows every column of a row, in the order the list comes, sorted by next key date', () => {
    renderTable();
    expect(titles()).toEqual([OUT_OF_COURT, WEST_MIDLANDS, VICTIM_SUPPORT, HATE_CRIME]);
    expect(sorted()).toEqual([['Next key date', 'ascending']]);
    expect(text(screen.getByRole('table').querySelector('caption'))).toBe('Your watched procurements, by next key date (soonest first)');
    expect([...document.querySelectorAll('thead th')].map((th) => text(th).replace(/[▲▼↕]/g, '').trim())).toEqual([
      'Title',
      'Buyer',
      'Stage',
      'Next key date',
      'Time left',
      'Value',
      'Bid status',
      'Tags',
      'Last checked',
      'Your notes',
      'Actions',
    ]);
    const cells = [...screen.getByRole('link', { name: OUT_OF_COURT }).closest('tr')!.children].map((cell) => text(cell));
    expect(cells.slice(1, 8)).toEqual([
      'The Police and Crime Commissioner for Leicestershire',
      'Cancelled',
      'Enquiry deadline 19 November 2025, 2pm',
      'closes in 9 days',
      '£598,488.66 (£718,186.39 including VAT)',
      'Watching',
      '',
    ]);
    // No calendar handler given: Unwatch alone.
    expect(cells.at(-1)).toBe('Unwatch');
    expect(count()).toBe('4 procurements');
    expect(screen.getAllByText(/UK time/).map((el) => el.textContent)).toEqual(['Times are UK time.']);
  });

  it('sorts by a column with its header button, and the other way with a second press', () => {
    renderTable();
    fireEvent.click(sortButton('Title'));
    expect(sorted()).toEqual([['Title', 'ascending']]);
    expect(titles()).toEqual([OUT_OF_COURT, HATE_CRIME, VICTIM_SUPPORT, WEST_MIDLANDS]);
    expect(text(document.querySelector('caption'))).toBe('Your watched procurements, by title (A to Z)');
    fireEvent.click(sortButton('Title'));
    expect(sorted()).toEqual([['Title', 'descending']]);
    expect(titles()).toEqual([WEST_MIDLANDS, VICTIM_SUPPORT, HATE_CRIME, OUT_OF_COURT]);
    // Buyers: Leicestershire (The Police…), West Midlands (Police and…), Staffordshire (Police, Fire…), Cleveland (The Office…).
    fireEvent.click(sortButton('Buyer'));
    expect(sorted()).toEqual([['Buyer', 'ascending']]);
    expect(titles()).toEqual([WEST_MIDLANDS, HATE_CRIME, VICTIM_SUPPORT, OUT_OF_COURT]);
  });

  it('filters by words, bid status and stage, and says how many are shown', () => {
    renderTable({ rows: all({ 'ocds-h6vhtk-06a838': { bidStatus: 'submitted', tags: ['Cleveland bid'] } }) });
    const search = screen.getByRole('searchbox', { name: 'Search' });
    fireEvent.change(search, { target: { value: 'hate CRIME' } });
    expect(titles()).toEqual([WEST_MIDLANDS, HATE_CRIME]);
    expect(count()).toBe('2 procurements (of 4)');
    expect(screen.getByRole('status').textContent).toBe('2 procurements (of 4)');
    fireEvent.change(search, { target: { value: 'leicestershire' } });
    expect(titles()).toEqual([OUT_OF_COURT]);
    expect(count()).toBe('1 procurement (of 4)');
    fireEvent.change(search, { target: { value: '' } });

    const status = screen.getByRole('combobox', { name: 'Bid status' });
    expect(within(status).getByRole('option', { name: 'Submitted (1)' })).toBeTruthy();
    fireEvent.change(status, { target: { value: 'submitted' } });
    expect(titles()).toEqual([VICTIM_SUPPORT]);
    fireEvent.change(status, { target: { value: 'all' } });

    const stage = screen.getByRole('combobox', { name: 'Stage' });
    // 05cfd9 was cancelled; the other three records' tender.status is "planning".
    expect(within(stage).getAllByRole('option').map((o) => o.textContent)).toEqual(['All (4)', 'Cancelled (1)', 'Planning (3)']);
    fireEvent.change(stage, { target: { value: 'cancelled' } });
    expect(titles()).toEqual([OUT_OF_COURT]);
    fireEvent.change(stage, { target: { value: 'planning' } });
    fireEvent.change(search, { target: { value: 'victim' } });
    expect(titles()).toEqual([WEST_MIDLANDS, VICTIM_SUPPORT]);
    fireEvent.change(search, { target: { value: 'no such words' } });
    expect(titles()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    expect(titles()).toHaveLength(4);
    expect((stage as HTMLSelectElement).value).toBe('all');
  });

  it('shows a page of rows at a time', () => {
    renderTable({ pageSize: 3 });
    expect(count()).toBe('Showing 1 to 3 of 4 procurements');
    expect(screen.getByRole('button', { name: 'Previous page' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(titles()).toEqual([HATE_CRIME]);
    expect(count()).toBe('Showing 4 to 4 of 4 procurements');
    expect(screen.getByText('Page 2 of 2')).toBeTruthy();
    // A new sort starts again at the first page.
    fireEvent.click(sortButton('Title'));
    expect(titles()).toEqual([OUT_OF_COURT, HATE_CRIME, VICTIM_SUPPORT]);
  });

  it("edits a row's bid status, tags and note in the popup's form", () => {
    const { onUpdate } = renderTable();
    const toggle = screen.getByRole('button', { name: `Your notes on ${OUT_OF_COURT}` });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const form = screen.getByRole('form', { name: `Your notes on ${OUT_OF_COURT}` });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Bid status' }), { target: { value: 'won' } });
    expect(onUpdate).toHaveBeenCalledWith('ocds-h6vhtk-05cfd9', { bidStatus: 'won' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Tags' }), { target: { value: 'police, ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save notes' }));
    expect(onUpdate).toHaveBeenLastCalledWith('ocds-h6vhtk-05cfd9', { tags: ['police'] });
  });

  it('links titles to their notice, opened through onOpen, and renders hostile text as text', () => {
    const [base] = all();
    const hostile = { ...base!, ocid: 'ocds-x-2', title: '<img src=x onerror=alert(1)>', url: undefined, tags: ['<b>x</b>'] };
    const { container, onOpen } = renderTable({ rows: [base!, hostile] });
    const link = screen.getByRole('link', { name: OUT_OF_COURT });
    expect(link.getAttribute('href')).toMatch(/^https:\/\/www\.find-tender\.service\.gov\.uk\/Notice\/\d{6}-\d{4}$/);
    expect(fireEvent.click(link)).toBe(false); // the browser does not follow it: onOpen opens the tab
    expect(onOpen).toHaveBeenCalledWith(base);
    // No page to open: the title is text, not a link.
    expect(screen.queryByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(screen.getByText('<b>x</b>')).toBeTruthy();
    expect(container.querySelector('img, b')).toBeNull();
  });

  it('says when the list is loading, empty or could not be read', () => {
    renderTable({ rows: [], loading: true });
    expect(screen.getByRole('status').textContent).toBe('Loading your watchlist…');
    cleanup();
    renderTable({ rows: [] });
    expect(screen.getByText('Your watchlist is empty')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    cleanup();
    renderTable({ rows: [], error: 'The watchlist could not be opened.' });
    expect(within(screen.getByRole('alert')).getByText('The watchlist could not be opened.')).toBeTruthy();
  });

  it('draws a screenful of rows first and the rest of the page once they are shown, in the same order', async () => {
    const many = Array.from({ length: 60 }, (_, i) => all().map((row) => ({ ...row, ocid: `${row.ocid}-${i}`, title: `${row.title} ${i}` }))[i % 4]!);
    renderTable({ rows: many });
    expect(document.querySelectorAll('tbody tr[data-ocid]')).toHaveLength(FIRST_DRAWN_ROWS);
    expect(count()).toBe('60 procurements');
    const first = titles();
    await waitFor(() => expect(document.querySelectorAll('tbody tr[data-ocid]')).toHaveLength(60));
    // Sorted by next key date, the four procurements' copies come together, in the order the list gave them.
    expect(titles().slice(0, FIRST_DRAWN_ROWS)).toEqual(first);
    expect(titles().slice(0, 16)).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56].map((i) => many[i]!.title).concat(many[1]!.title));
  });
});
