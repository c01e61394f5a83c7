// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WatchlistView, type WatchlistViewProps } from '../../components/WatchlistView';
import { keyDateLabel } from '../../lib/timeline/key-dates';
import { FIXTURES, rowsOf, watchedEntry } from './support';

// Every row words its next key date once per render (all four have one on 10 November 2025):
// counting the calls counts the rows drawn.
vi.mock('../../lib/timeline/key-dates', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/timeline/key-dates')>();
  return { ...actual, keyDateLabel: vi.fn(actual.keyDateLabel) };
});
const rowRenders = vi.mocked(keyDateLabel);

afterEach(cleanup);

const watchedAt = new Date('2025-11-01T09:00:00Z');
const now = new Date('2025-11-10T12:00:00Z');

describe('WatchlistView draws again only the rows that changed', () => {
  it('when searching, filtering, editing one entry, or given new callbacks', () => {
    const entries = rowsOf(FIXTURES.map((f) => watchedEntry(f, watchedAt)), now);
    const props = (): WatchlistViewProps => ({ rows: entries, now, onOpen: vi.fn(), onUnwatch: vi.fn(), onUpdate: vi.fn(), onAddToCalendar: vi.fn(), onMarkAllSeen: vi.fn() });
    rowRenders.mockClear(); // reading the fixtures words key dates too
    const { rerender } = render(<WatchlistView {...props()} />);
    expect(rowRenders).toHaveBeenCalledTimes(4);

    rowRenders.mockClear();
    const search = screen.getByRole('searchbox', { name: 'Search' });
    fireEvent.change(search, { target: { value: 'victim' } });
    expect(document.querySelectorAll('li.tt-row')).toHaveLength(2);
    expect(rowRenders).toHaveBeenCalledTimes(0);

    fireEvent.change(search, { target: { value: '' } });
    expect(document.querySelectorAll('li.tt-row')).toHaveLength(4);
    expect(rowRenders).toHaveBeenCalledTimes(2); // the two that came back

    rowRenders.mockClear();
    const edited = [...entries];
    edited[2] = { ...entries[2]!, tags: ['edited'] };
    rerender(<WatchlistView {...props()} rows={edited} />);
    expect(rowRenders).toHaveBeenCalledTimes(1);
    expect(rowRenders).toHaveBeenLastCalledWith(edited[2]!.next);

    // Opening one row's details draws that row alone; opening its notes then, only its details
    // (which word no key date: no call at all, where the four rows would make four).
    rowRenders.mockClear();
    fireEvent.click(screen.getByRole('button', { name: 'Details of Out of Court Resolution' }));
    expect(rowRenders).toHaveBeenCalledTimes(1);
    rowRenders.mockClear();
    fireEvent.click(screen.getByRole('button', { name: 'Your notes on Out of Court Resolution' }));
    expect(screen.getByRole('form', { name: 'Your notes on Out of Court Resolution' })).toBeTruthy();
    expect(rowRenders).toHaveBeenCalledTimes(0);
  });
});
