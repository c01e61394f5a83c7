// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WATCHLIST_PAGE_SIZE, WatchlistView, type WatchlistViewProps } from '../../components/WatchlistView';
import { sortWatchlist, watchEntry, type WatchedProcurement } from '../../lib/watchlist/entry';
import { analyseFixture, FIXTURES, rowsOf, type FixtureName } from './support';

afterEach(cleanup);

const watchedAt = new Date('2025-11-01T09:00:00Z');

function entryOf(name: FixtureName): WatchedProcurement {
  const { procurement } = analyseFixture(name, watchedAt);
  return watchEntry(procurement, { noticeId: procurement.notices[0]?.id, url: procurement.notices[0]?.url }, watchedAt);
}

function renderList({ entries, ...props }: Partial<WatchlistViewProps> & Pick<WatchlistViewProps, 'now'> & { entries: WatchedProcurement[] }) {
  const callbacks = { onOpen: vi.fn(), onUnwatch: vi.fn() };
  const view = render(<WatchlistView {...callbacks} rows={rowsOf(entries, props.now)} {...props} />);
  return { ...view, ...callbacks };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rows = () => [...document.querySelectorAll('li.tt-row')];
const rowOf = (title: string) => screen.getByRole('link', { name: title }).closest('li')!;
const detailsToggle = (title: string) => screen.getByRole('button', { name: `Details of ${title}` });
/** The region a Details button controls (by its aria-controls). */
const detailsOf = (toggle: HTMLElement) => document.getElementById(toggle.getAttribute('aria-controls') ?? '')!;
const openDetails = (title: string) => {
  fireEvent.click(detailsToggle(title));
  return detailsOf(detailsToggle(title));
};

describe('WatchlistView', () => {
  const all = () => FIXTURES.map(entryOf);

  it('lists entries in the order given', () => {
    const now = new Date('2025-11-10T12:00:00Z');
    const sorted = sortWatchlist(all(), now);
    renderList({ entries: sorted, now });
    const titles = rows().map((li) => text(li.querySelector('h2')));
    expect(titles).toEqual([
      'Out of Court Resolution',
      'West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services',
      'Victim Support & Restorative Practice',
      'The Provision of a Hate Crime, Antisocial Behaviour and Mediation Service',
    ]);
    cleanup();
    const reversed = [...sorted].reverse();
    renderList({ entries: reversed, now });
    expect(rows().map((li) => text(li.querySelector('h2')))).toEqual([...titles].reverse());
    expect(screen.getByText('4 procurements')).toBeTruthy();
    expect(screen.getAllByText(/UK time/).map((el) => el.textContent)).toEqual(['Times are UK time.']);
  });

  it('says a planned date is expected (067b89: only UK3 notices gave its submission deadline, 1 July 2026 23:59:59 BST)', () => {
    renderList({ entries: [entryOf('ocds-h6vhtk-067b89')], now: new Date('2026-06-05T12:00:00Z') });
    const row = rowOf('West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services');
    expect(text(row.querySelector('.tt-row__next'))).toBe('Submission deadline (expected) 1 July 2026, 11:59pm — closes in 26 days');
  });

  it('puts a cancelled procurement after those with something still to come', () => {
    // 1 December 2025: 05cfd9 was terminated on 27 Nov; the others' next key dates are in 2026.
    const now = new Date('2025-12-01T12:00:00Z');
    expect(sortWatchlist(all(), now).map((e) => e.ocid).at(-1)).toBe('ocds-h6vhtk-05cfd9');
  });

  it('shows buyer and the next key date with its countdown in the row; stage and value in its details', () => {
    const now = new Date('2025-11-10T12:00:00Z');
    renderList({ entries: all(), now });
    const row = rowOf('Out of Court Resolution');
    expect(text(row.querySelector('.tt-row__buyer'))).toBe('The Police and Crime Commissioner for Leicestershire');
    expect(text(row.querySelector('.tt-row__next'))).toBe('Enquiry deadline 19 November 2025, 2pm — closes in 9 days');
    expect(row.querySelector('.tt-tag')).toBeNull();
    openDetails('Out of Court Resolution');
    expect(text(row.querySelector('.tt-tag'))).toBe('Cancelled');
    expect(text(row.querySelector('.tt-row__value'))).toBe('Value: £598,488.66 (£718,186.39 including VAT)');
    expect(text(row.querySelector('.tt-row__next'))).toBe('Enquiry deadline 19 November 2025, 2pm — closes in 9 days');
    const planned = rowOf('West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services');
    openDetails('West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services');
    expect(text(planned.querySelector('.tt-row__value'))).toBe('Value: not specified');
    expect(text(planned.querySelector('.tt-tag'))).toBe('Planning');
    // 10 November 2025 to 1 June 2026: 203 days, 6 whole months.
    expect(text(planned.querySelector('.tt-row__next'))).toBe('Next notice expected 1 June 2026, 11:59pm — in 6 months');
  });

  it.each([
    ['2025-11-21T12:00:00Z', 'Submission deadline 24 November 2025, 2pm — closes in 3 days'],
    ['2025-11-23T12:00:00Z', 'Submission deadline 24 November 2025, 2pm — closes tomorrow'],
    // The last day counts on the clock: 09:00 to 14:00 GMT, then 13:30 to 14:00.
    ['2025-11-24T09:00:00Z', 'Submission deadline 24 November 2025, 2pm — closes in 5 hours'],
    ['2025-11-24T13:30:00Z', 'Submission deadline 24 November 2025, 2pm — closes in 30 minutes'],
    ['2025-11-24T14:30:00Z', 'Procurement cancelled 27 November 2025 — in 3 days'],
    // Terminated by the UK12 of 27 November 2025: the award period end (1 January 2026) and lot 1's contract never come.
    ['2025-11-28T12:00:00Z', 'No upcoming dates'],
    ['2029-03-31T12:00:00Z', 'No upcoming dates'],
  ])('at %s the next key date of ocds-h6vhtk-05cfd9 reads "%s"', (at, expected) => {
    renderList({ entries: [entryOf('ocds-h6vhtk-05cfd9')], now: new Date(at) });
    expect(text(rowOf('Out of Court Resolution').querySelector('.tt-row__next'))).toBe(expected);
  });

  it('opens an entry and unwatches one by its ocid', () => {
    const now = new Date('2025-11-10T12:00:00Z');
    const entries = all();
    const { onOpen, onUnwatch } = renderList({ entries, now });
    // The title opens a web page, so it is a link to it; the click goes through onOpen.
    const link = screen.getByRole('link', { name: 'Victim Support & Restorative Practice' });
    expect(link.getAttribute('href')).toMatch(/^https:\/\/www\.find-tender\.service\.gov\.uk\/Notice\/\d{6}-\d{4}$/);
    expect(fireEvent.click(link)).toBe(false); // the browser does not follow it: onOpen opens the tab
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ ocid: entries[2]!.ocid, title: 'Victim Support & Restorative Practice' }));
    // Unwatch is in a row's details: none shows until they are open.
    expect(screen.queryAllByRole('button', { name: /^Unwatch / })).toHaveLength(0);
    openDetails('Out of Court Resolution');
    fireEvent.click(screen.getByRole('button', { name: 'Unwatch Out of Court Resolution' }));
    expect(onUnwatch).toHaveBeenCalledTimes(1);
    expect(onUnwatch).toHaveBeenCalledWith('ocds-h6vhtk-05cfd9');
    expect(screen.getAllByRole('button', { name: /^Unwatch / })).toHaveLength(1);
  });

  it('names untitled procurements and renders hostile titles as text', () => {
    const now = new Date('2025-11-10T12:00:00Z');
    const base = entryOf('ocds-h6vhtk-05cfd9');
    const { container, onUnwatch } = renderList({
      entries: [
        { ...base, ocid: 'ocds-x-1', title: undefined },
        { ...base, ocid: 'ocds-x-2', title: '<img src=x onerror=alert(1)>' },
      ],
      now,
    });
    expect(screen.getByRole('link', { name: 'Untitled procurement' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    openDetails('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Unwatch <img src=x onerror=alert(1)>' }));
    expect(onUnwatch).toHaveBeenCalledWith('ocds-x-2');
  });

  it('explains how to watch when the list is empty', () => {
    renderList({ entries: [], now: new Date('2025-11-10T12:00:00Z') });
    expect(screen.getByText('Your watchlist is empty')).toBeTruthy();
    expect(screen.getByText('Open a notice on Find a Tender and press Watch procurement in the Tender Timeline panel.')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('announces loading and shows errors', () => {
    const now = new Date('2025-11-10T12:00:00Z');
    renderList({ entries: [], now, loading: true });
    expect(screen.getByRole('status').textContent).toBe('Loading your watchlist…');
    expect(screen.queryByText('Your watchlist is empty')).toBeNull();
    cleanup();
    renderList({ entries: [], now, error: 'The watchlist could not be opened.' });
    expect(within(screen.getByRole('alert')).getByText('The watchlist could not be opened.')).toBeTruthy();
    expect(screen.queryByText('Your watchlist is empty')).toBeNull();
  });

  it('moves focus to the row that takes the place of an unwatched one', () => {
    const now = new Date('2025-11-10T12:00:00Z');
    const entries = all();
    const { rerender, onOpen, onUnwatch } = renderList({ entries, now });
    openDetails('Victim Support & Restorative Practice');
    const unwatch = screen.getByRole('button', { name: 'Unwatch Victim Support & Restorative Practice' });
    unwatch.focus();
    fireEvent.click(unwatch);
    rerender(<WatchlistView rows={rowsOf(entries.filter((e) => e.ocid !== 'ocds-h6vhtk-06a838'), now)} now={now} onOpen={onOpen} onUnwatch={onUnwatch} />);
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'The Provision of a Hate Crime, Antisocial Behaviour and Mediation Service' }));
    openDetails('The Provision of a Hate Crime, Antisocial Behaviour and Mediation Service');
    fireEvent.click(screen.getByRole('button', { name: /^Unwatch The Provision/ }));
    rerender(<WatchlistView rows={[]} now={now} onOpen={onOpen} onUnwatch={onUnwatch} />);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Watchlist' }));
  });

  it('shows the title as text, not a link, when it has no https page to open', () => {
    const base = entryOf('ocds-h6vhtk-05cfd9');
    renderList({ entries: [{ ...base, watchedFromUrl: 'javascript:alert(1)', latestNoticeId: undefined, watchedFromNoticeId: undefined }], now: new Date('2025-11-10T12:00:00Z') });
    expect(screen.queryByRole('link', { name: base.title })).toBeNull();
    expect(text(rows()[0]!.querySelector('h2'))).toBe(base.title);
  });

  it('renders 5,000 entries a page at a time, in the order given', () => {
    const now = new Date('2025-11-10T12:00:00Z');
    const bases = all();
    const entries: WatchedProcurement[] = [];
    for (let i = 0; i < 5000; i++) {
      const base = bases[i % bases.length]!;
      const shift = (i % 400) * 86_400_000;
      entries.push({
        ...base,
        ocid: `${base.ocid}-${i}`,
        title: `${base.title ?? 'Untitled'} ${i}`,
        keyDates: base.keyDates.map((k) => ({ ...k, at: new Date(Date.parse(k.at) + shift).toISOString() })),
      });
    }
    const sorted = sortWatchlist(entries, now);
    const started = performance.now();
    renderList({ entries: sorted, now });
    const ms = performance.now() - started;
    console.info(`WatchlistView: first render of 5,000 entries took ${ms.toFixed(0)} ms (happy-dom, ${WATCHLIST_PAGE_SIZE} rows drawn)`);
    expect(screen.getByText('5,000 procurements')).toBeTruthy();
    expect(rows().map((li) => text(li.querySelector('h2')))).toEqual(sorted.slice(0, WATCHLIST_PAGE_SIZE).map((e) => e.title));

    const more = screen.getByRole('button', { name: 'Show 100 more (4,900 not shown)' });
    more.focus();
    fireEvent.click(more);
    expect(rows()).toHaveLength(2 * WATCHLIST_PAGE_SIZE);
    expect(document.activeElement).toBe(rows()[WATCHLIST_PAGE_SIZE]!.querySelector('h2 a'));
    expect(text(rows()[WATCHLIST_PAGE_SIZE]!.querySelector('h2'))).toBe(sorted[WATCHLIST_PAGE_SIZE]!.title);
    expect(screen.getByRole('button', { name: 'Show 100 more (4,800 not shown)' })).toBeTruthy();
  });
});

describe('a compact row and its details', () => {
  const now = new Date('2025-11-10T12:00:00Z');
  const TITLE = 'Out of Court Resolution';

  it('has a Details button that shows and hides the region it controls, keeping the focus', () => {
    renderList({ entries: [entryOf('ocds-h6vhtk-05cfd9'), entryOf('ocds-h6vhtk-06a838')], now });
    const toggle = detailsToggle(TITLE);
    // Its visible word begins its name (label in name), the title tells the rows apart.
    expect(text(toggle)).toBe(`Details of ${TITLE}`);
    expect(toggle.getAttribute('type')).toBe('button');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const details = detailsOf(toggle);
    expect(details).toBeTruthy();
    expect(rowOf(TITLE).contains(details)).toBe(true);
    expect(details.hidden).toBe(true);
    expect(text(details)).toBe('');

    toggle.focus();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(details.hidden).toBe(false);
    expect(within(details).getByRole('button', { name: `Unwatch ${TITLE}` })).toBeTruthy();
    expect(text(details.querySelector('.tt-row__value'))).toBe('Value: £598,488.66 (£718,186.39 including VAT)');
    expect(document.activeElement).toBe(toggle);
    // The other row stays closed.
    expect(detailsToggle('Victim Support & Restorative Practice').getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(details.hidden).toBe(true);
    expect(document.activeElement).toBe(toggle);
  });

  it('holds the title, buyer, "Changed" and bid status, the next key date, and the Details button, nothing else', () => {
    const changed = { foundAt: '2025-11-09T08:00:00Z', field: 'notice', label: 'Notice', kind: 'added' as const, text: 'New notice: UK12: Procurement termination notice' };
    const entry = { ...entryOf('ocds-h6vhtk-05cfd9'), bidStatus: 'submitted' as const, note: 'Call the buyer', tags: ['Police'], unseenChanges: [changed], lastCheckedAt: '2025-11-10T09:05:00Z' };
    renderList({ entries: [entry], now });
    const row = rowOf(TITLE);
    expect(text(row)).toBe(
      `${TITLE}` +
        'The Police and Crime Commissioner for LeicestershireChangedSubmitted' +
        'Enquiry deadline 19 November 2025, 2pm — closes in 9 days' +
        `Details of ${TITLE}`,
    );
    expect(within(row).getAllByRole('button')).toEqual([detailsToggle(TITLE)]);
  });

  it('leaves out the line of the buyer when there is none to show', () => {
    renderList({ entries: [{ ...entryOf('ocds-h6vhtk-05cfd9'), buyer: undefined }], now });
    expect(rowOf(TITLE).querySelector('.tt-row__line')).toBeNull();
    expect(text(rowOf(TITLE).querySelector('.tt-row__next'))).toBe('Enquiry deadline 19 November 2025, 2pm — closes in 9 days');
  });

  it('says in the row that the next key date was brought forward (urgent); a later move, only in the details', () => {
    const base = entryOf('ocds-h6vhtk-05cfd9');
    // Its next key date on 10 November 2025 is the enquiry deadline of 19 November 2025, 2pm.
    const movedTo = (moved: { from: string; broughtForward?: true }) => ({ ...base, keyDates: base.keyDates.map((k) => (k.type === 'enquiryDeadline' ? { ...k, moved } : k)) });
    renderList({ entries: [movedTo({ from: '2025-11-26T14:00:00Z', broughtForward: true })], now });
    expect(text(rowOf(TITLE).querySelector('.tt-row__moved'))).toBe('Brought forward from 26 November 2025, 2pm: less time than planned');
    cleanup();
    renderList({ entries: [movedTo({ from: '2025-11-12T14:00:00Z' })], now });
    expect(rowOf(TITLE).querySelector('.tt-moved')).toBeNull();
    expect(text(openDetails(TITLE).querySelector('.tt-moved'))).toBe('Moved from 12 November 2025, 2pm');
  });
});
