// @vitest-environment happy-dom
/**
 * Undo of an Unwatch in the three views that unwatch: the popup's list, the watchlist page's
 * table and the notice's panel. Each harness keeps its rows (or watched state) as the
 * entrypoint does: Unwatch drops the row, a restore that went through puts it back.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel, type PanelState } from '../../components/Panel';
import type { RestoreAnswer } from '../../components/use-undo-unwatch';
import { WatchlistTable } from '../../components/WatchlistTable';
import { WatchlistView } from '../../components/WatchlistView';
import { sortWatchlist, toWatchlistRow, type WatchlistRow } from '../../lib/watchlist/entry';
import { UNDO_MS } from '../../lib/watchlist/undo';
import { analyseFixture, FIXTURES, watchedEntry } from './support';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const watchedAt = new Date('2025-11-01T09:00:00Z');
const now = new Date('2025-11-10T12:00:00Z');
// Titles as the real records give them (test/fixtures/fts/records), in the list's order at `now`.
const VICTIM_SUPPORT = 'Victim Support & Restorative Practice';
const HATE_CRIME = 'The Provision of a Hate Crime, Antisocial Behaviour and Mediation Service';
const OUT_OF_COURT = 'Out of Court Resolution';
const TOO_LATE = 'Too late to undo: an Unwatch can be undone for 10 seconds.';

const allRows = (): WatchlistRow[] =>
  sortWatchlist(
    FIXTURES.map((name) => watchedEntry(name, watchedAt, name === 'ocds-h6vhtk-06a838' ? { note: 'Call the buyer on Monday' } : {})),
    now,
  ).map((entry) => toWatchlistRow(entry, now));

const status = () => document.querySelector('.tt-undo [role="status"]');
const undoButton = () => screen.queryByRole('button', { name: /^Undo/ });

type Restore = (ocid: string) => Promise<RestoreAnswer>;

/** The rows as the entrypoint keeps them: Unwatch drops one; a restore that goes through puts it back where the list had it. */
function useRows(answer: RestoreAnswer, restore?: (ocid: string) => void, first = allRows) {
  const [rows, setRows] = useState(first);
  const onUnwatch = (ocid: string) => setRows((list) => list.filter((r) => r.ocid !== ocid));
  const onRestore: Restore = async (ocid) => {
    restore?.(ocid);
    if (answer.ok) setRows(first().filter((r) => r.ocid === ocid || rows.some((kept) => kept.ocid === r.ocid)));
    return answer;
  };
  return { rows, onUnwatch, onRestore };
}

function Popup({ answer, onRestoreCalled, first }: { answer: RestoreAnswer; onRestoreCalled?: (ocid: string) => void; first?: () => WatchlistRow[] }) {
  const { rows, onUnwatch, onRestore } = useRows(answer, onRestoreCalled, first);
  return <WatchlistView rows={rows} now={now} onOpen={() => undefined} onUnwatch={onUnwatch} onRestore={onRestore} onUpdate={() => undefined} />;
}

function Table({ answer, onAddToCalendar }: { answer: RestoreAnswer; onAddToCalendar?: (ocid: string) => void }) {
  const { rows, onUnwatch, onRestore } = useRows(answer);
  return <WatchlistTable rows={rows} now={now} onOpen={() => undefined} onUpdate={() => undefined} onUnwatch={onUnwatch} onRestore={onRestore} onAddToCalendar={onAddToCalendar} />;
}

const ok: RestoreAnswer = { ok: true };
const refused: RestoreAnswer = { ok: false, error: { message: TOO_LATE } };

/** The popup's row shows its Unwatch and notes behind its Details button; the table's rows have them drawn. */
function openDetails(title: string) {
  const details = screen.queryByRole('button', { name: `Details of ${title}` });
  if (details?.getAttribute('aria-expanded') === 'false') fireEvent.click(details);
}

/** Unwatch by keyboard: focus on the row's button, then a press (a click, as Enter gives). */
function unwatch(title: string) {
  openDetails(title);
  const button = screen.getByRole('button', { name: `Unwatch ${title}` });
  button.focus();
  fireEvent.click(button);
}

async function pressUndo() {
  await act(async () => {
    fireEvent.click(undoButton()!);
  });
}

describe('Undo in the popup', () => {
  it('says what was removed, with Undo focused; Undo brings the row back and the focus to its title', async () => {
    const restored = vi.fn();
    render(<Popup answer={ok} onRestoreCalled={restored} />);
    expect(status()?.textContent).toBe('');
    unwatch(VICTIM_SUPPORT);
    expect(screen.queryByRole('link', { name: VICTIM_SUPPORT })).toBeNull();
    expect(status()?.textContent).toBe(`Removed ${VICTIM_SUPPORT} from your watchlist.`);
    expect(document.activeElement).toBe(undoButton());
    expect(undoButton()?.textContent).toBe('Undo');

    await pressUndo();
    expect(restored).toHaveBeenCalledWith('ocds-h6vhtk-06a838');
    expect(status()?.textContent).toBe(`${VICTIM_SUPPORT} is back on your watchlist.`);
    expect(undoButton()).toBeNull();
    const title = screen.getByRole('link', { name: VICTIM_SUPPORT });
    expect(document.activeElement).toBe(title);
    // Its note came back with it.
    openDetails(VICTIM_SUPPORT);
    expect(title.closest('li')?.querySelector('.tt-row__note')?.textContent).toBe('Call the buyer on Monday');
  });

  it('gives the focus to the title of the only row, back in a list that was empty', async () => {
    render(<Popup answer={ok} first={() => allRows().filter((r) => r.title === VICTIM_SUPPORT)} />);
    unwatch(VICTIM_SUPPORT);
    expect(screen.getByText('Your watchlist is empty')).toBeTruthy();
    await pressUndo();
    expect(document.activeElement).toBe(screen.getByRole('link', { name: VICTIM_SUPPORT }));
  });

  it('says why an Undo was refused, and keeps the focus on a row', async () => {
    render(<Popup answer={refused} />);
    unwatch(VICTIM_SUPPORT);
    await pressUndo();
    expect(status()?.textContent).toBe(TOO_LATE);
    expect(undoButton()).toBeNull();
    expect(screen.queryByRole('link', { name: VICTIM_SUPPORT })).toBeNull();
    // The row that took the removed one's place.
    expect(document.activeElement).toBe(screen.getByRole('link', { name: HATE_CRIME }));
  });

  it(`offers Undo for ${UNDO_MS / 1000} seconds, then gives the focus to the row in the removed one's place`, () => {
    vi.useFakeTimers();
    render(<Popup answer={ok} />);
    unwatch(VICTIM_SUPPORT);
    act(() => vi.advanceTimersByTime(UNDO_MS - 1));
    expect(undoButton()).not.toBeNull();
    act(() => vi.advanceTimersByTime(1));
    expect(undoButton()).toBeNull();
    expect(status()?.textContent).toBe(`Removed ${VICTIM_SUPPORT} from your watchlist.`);
    expect(document.activeElement).toBe(screen.getByRole('link', { name: HATE_CRIME }));
  });

  it('gives the focus to the heading when the last row went and its Undo timed out', () => {
    vi.useFakeTimers();
    render(<Popup answer={ok} />);
    for (const title of [OUT_OF_COURT, 'West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services', VICTIM_SUPPORT, HATE_CRIME]) unwatch(title);
    expect(status()?.textContent).toBe(`Removed ${HATE_CRIME} from your watchlist.`);
    act(() => vi.advanceTimersByTime(UNDO_MS));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Watchlist' }));
  });

  it('leaves the focus where the user moved it when the time is over', () => {
    vi.useFakeTimers();
    render(<Popup answer={ok} />);
    unwatch(VICTIM_SUPPORT);
    const search = screen.getByRole('searchbox');
    search.focus();
    act(() => vi.advanceTimersByTime(UNDO_MS));
    expect(document.activeElement).toBe(search);
  });
});

describe('Undo on the watchlist page', () => {
  it('unwatches from a row, says so with Undo focused, and Undo brings the row back focused', async () => {
    render(<Table answer={ok} />);
    unwatch(VICTIM_SUPPORT);
    expect(screen.queryByRole('link', { name: VICTIM_SUPPORT })).toBeNull();
    expect(status()?.textContent).toBe(`Removed ${VICTIM_SUPPORT} from your watchlist.`);
    expect(document.activeElement).toBe(undoButton());
    await pressUndo();
    expect(status()?.textContent).toBe(`${VICTIM_SUPPORT} is back on your watchlist.`);
    expect(document.activeElement).toBe(screen.getByRole('link', { name: VICTIM_SUPPORT }));
  });

  it("adds a row's procurement to the calendar by its ocid", () => {
    const onAddToCalendar = vi.fn();
    render(<Table answer={ok} onAddToCalendar={onAddToCalendar} />);
    fireEvent.click(screen.getByRole('button', { name: `Add to calendar: ${OUT_OF_COURT}` }));
    expect(onAddToCalendar).toHaveBeenCalledWith('ocds-h6vhtk-05cfd9');
  });
});

describe('Undo in the panel', () => {
  const { procurement, events, problems } = analyseFixture('ocds-h6vhtk-05cfd9', now);
  const state: PanelState = { status: 'ready', procurement, events, problems };

  /** Watched at first; the toggle and a restore that goes through set it, as the content script does. */
  function NoticePanel({ answer }: { answer: RestoreAnswer }) {
    const [watched, setWatched] = useState<boolean | undefined>(true);
    const onWatchToggle = () => {
      const next = !watched;
      setWatched(undefined);
      void Promise.resolve().then(() => setWatched(next));
    };
    const onRestore: Restore = async () => {
      if (answer.ok) setWatched(true);
      return answer;
    };
    return <Panel state={state} watched={watched} onWatchToggle={onWatchToggle} onRestore={onRestore} onRetry={() => undefined} collapsed={false} onCollapsedChange={() => undefined} now={now} />;
  }
  const watchButton = () => screen.getByRole('button', { name: /^Watch/ });

  it('says what was removed, keeps the focus on Watch, and Undo watches it again with the focus back on Watch', async () => {
    render(<NoticePanel answer={ok} />);
    watchButton().focus();
    await act(async () => {
      fireEvent.click(watchButton());
    });
    expect(watchButton().textContent).toBe('Watch procurement');
    expect(status()?.textContent).toBe(`Removed ${OUT_OF_COURT} from your watchlist.`);
    // Said once: the Watch button's own region stays quiet.
    expect(document.querySelector('.tt-watch-status')?.textContent).toBe('');
    expect(document.activeElement).toBe(watchButton());

    undoButton()!.focus();
    await pressUndo();
    expect(watchButton().textContent).toBe('Watching — stop watching');
    expect(status()?.textContent).toBe(`${OUT_OF_COURT} is back on your watchlist.`);
    expect(document.activeElement).toBe(watchButton());
  });

  it('says nothing more once Watch was pressed again', async () => {
    render(<NoticePanel answer={ok} />);
    await act(async () => {
      fireEvent.click(watchButton());
    });
    expect(undoButton()).not.toBeNull();
    watchButton().focus();
    await act(async () => {
      fireEvent.click(watchButton());
    });
    expect(watchButton().textContent).toBe('Watching — stop watching');
    expect(status()?.textContent).toBe('');
    expect(undoButton()).toBeNull();
    expect(document.querySelector('.tt-watch-status')?.textContent).toBe('Added to your watchlist.');
    expect(document.activeElement).toBe(watchButton());
  });

  it('shows a refused Undo', async () => {
    render(<NoticePanel answer={refused} />);
    await act(async () => {
      fireEvent.click(watchButton());
    });
    undoButton()!.focus();
    await pressUndo();
    expect(status()?.textContent).toBe(TOO_LATE);
    expect(watchButton().textContent).toBe('Watch procurement');
    expect(document.activeElement).toBe(watchButton());
  });
});
