// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WatchlistView, type WatchlistViewProps } from '../../components/WatchlistView';
import type { DetectedChange, WatchedProcurement } from '../../lib/watchlist/entry';
import { FIXTURES, rowsOf, watchedEntry } from './support';

afterEach(cleanup);

const watchedAt = new Date('2025-11-01T09:00:00Z');
const now = new Date('2025-11-10T12:00:00Z');

const OUT_OF_COURT = 'Out of Court Resolution';
const WEST_MIDLANDS = 'West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services';
const VICTIM_SUPPORT = 'Victim Support & Restorative Practice';
const STAFFORDSHIRE = 'The Provision of a Hate Crime, Antisocial Behaviour and Mediation Service';

const deadlineMoved: DetectedChange = { foundAt: '2025-11-09T08:00:00Z', field: 'keyDate:submissionDeadline', label: 'Submission deadline', kind: 'changed', text: 'Submission deadline moved from 24 November 2025, 2pm to 1 December 2025, 2pm' };
const newNotice: DetectedChange = { foundAt: '2025-11-09T08:00:00Z', field: 'notice', label: 'Notice', kind: 'added', text: 'New notice: UK12: Procurement termination notice' };

function callbacks() {
  return {
    onOpen: vi.fn(),
    onUnwatch: vi.fn(),
    onUpdate: vi.fn(),
    onAddToCalendar: vi.fn(),
    onMarkAllSeen: vi.fn(),
    onRefreshNow: vi.fn(),
    onExport: vi.fn(),
    onImportFile: vi.fn(),
  };
}

type ListProps = Partial<WatchlistViewProps> & { entries?: WatchedProcurement[] };

/** The props with `entries` (stored entries) made into the rows the background lists. */
function withRows({ entries, ...props }: ListProps): Partial<WatchlistViewProps> {
  return entries ? { ...props, rows: rowsOf(entries, props.now ?? now) } : props;
}

function renderList(props: ListProps & { entries: WatchedProcurement[] }) {
  const spies = callbacks();
  const all = { now, lastBackupAt: '2025-11-09T09:00:00Z', ...spies, ...withRows(props) } as WatchlistViewProps;
  const view = render(<WatchlistView {...all} />);
  return { ...view, ...spies, rerenderWith: (more: ListProps) => view.rerender(<WatchlistView {...all} {...withRows(more)} />) };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rowTitles = () => [...document.querySelectorAll('li.tt-row')].map((li) => text(li.querySelector('h2')));
const rowOf = (title: string) => screen.getByRole('link', { name: title }).closest('li')!;
const count = () => text(document.querySelector('.tt-watchlist__count'));

/** Opens a row's details with its Details button (aria-expanded flips), and returns the region it controls. */
function openDetails(title: string): HTMLElement {
  const toggle = screen.getByRole('button', { name: `Details of ${title}` });
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  fireEvent.click(toggle);
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
  const details = document.getElementById(toggle.getAttribute('aria-controls')!)!;
  expect(details.hidden).toBe(false);
  return details;
}

describe('a row', () => {
  it('shows "Changed" and the plain-language list of what changed, as text', () => {
    const entries = [
      watchedEntry('ocds-h6vhtk-05cfd9', watchedAt, {
        unseenChanges: [deadlineMoved, newNotice, { foundAt: '2025-11-09T08:00:00Z', field: 'title', label: 'Title', kind: 'changed', text: 'Title changed from “Out of court” to “<img src=x onerror=alert(1)>”' }],
      }),
      watchedEntry('ocds-h6vhtk-06a838', watchedAt),
    ];
    const { container } = renderList({ entries });
    const row = rowOf(OUT_OF_COURT);
    expect(row.classList.contains('tt-row--changed')).toBe(true);
    // The marker is in the compact row; what changed, in its details.
    expect(text(row.querySelector('.tt-flag'))).toBe('Changed');
    expect(row.querySelector('.tt-row__changed')).toBeNull();
    openDetails(OUT_OF_COURT);
    expect(text(row.querySelector('.tt-row__changed-title'))).toBe('Changed since you last looked:');
    const list = within(row).getByRole('list', { name: `Changes to ${OUT_OF_COURT}` });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Submission deadline moved from 24 November 2025, 2pm to 1 December 2025, 2pm',
      'New notice: UK12: Procurement termination notice',
      'Title changed from “Out of court” to “<img src=x onerror=alert(1)>”',
    ]);
    expect(container.querySelector('img')).toBeNull();
    // The title button is named by the title alone, whatever changed.
    expect(within(row).getByRole('heading', { level: 2 }).textContent).toBe(OUT_OF_COURT);
    const unchanged = rowOf(VICTIM_SUPPORT);
    expect(unchanged.classList.contains('tt-row--changed')).toBe(false);
    expect(unchanged.querySelector('.tt-flag')).toBeNull();
    openDetails(VICTIM_SUPPORT);
    expect(unchanged.querySelector('.tt-row__changed')).toBeNull();
    expect(count()).toBe('2 procurements · 1 changed');
  });

  it('shows three changes and the rest on request', () => {
    const changes = Array.from({ length: 5 }, (_, i) => ({ ...deadlineMoved, text: `Change ${i + 1}` }));
    renderList({ entries: [watchedEntry('ocds-h6vhtk-05cfd9', watchedAt, { unseenChanges: changes })] });
    const row = rowOf(OUT_OF_COURT);
    openDetails(OUT_OF_COURT);
    const visible = within(row).getByRole('list', { name: `Changes to ${OUT_OF_COURT}` });
    expect(within(visible).getAllByRole('listitem').map(text)).toEqual(['Change 1', 'Change 2', 'Change 3']);
    const more = row.querySelector('details.tt-changes__more')!;
    expect(text(more.querySelector('summary'))).toBe('2 more changes');
    expect([...more.querySelectorAll('li')].map(text)).toEqual(['Change 4', 'Change 5']);
  });

  it('a key date brought forward is listed first, in bold, even when found last', () => {
    const broughtForward: DetectedChange = {
      ...deadlineMoved,
      text: 'Submission deadline brought forward from 1 December 2025, 2pm to 24 November 2025, 2pm',
      before: '2025-12-01T14:00:00.000Z',
      after: '2025-11-24T14:00:00.000Z',
      broughtForward: true,
    };
    const changes = [...Array.from({ length: 4 }, (_, i) => ({ ...newNotice, text: `Change ${i + 1}` })), broughtForward];
    renderList({ entries: [watchedEntry('ocds-h6vhtk-05cfd9', watchedAt, { unseenChanges: changes })] });
    openDetails(OUT_OF_COURT);
    const visible = within(rowOf(OUT_OF_COURT)).getByRole('list', { name: `Changes to ${OUT_OF_COURT}` });
    const items = within(visible).getAllByRole('listitem');
    expect(items.map(text)).toEqual([broughtForward.text, 'Change 1', 'Change 2']);
    expect(items.map((li) => li.classList.contains('tt-changes__item--earlier'))).toEqual([true, false, false]);
  });

  it('says when it was last checked, in UK time, and why the last check failed while keeping the last good data', () => {
    const entries = [
      watchedEntry('ocds-h6vhtk-05cfd9', watchedAt, {
        lastCheckedAt: '2025-11-10T09:05:00Z',
        lastCheckError: 'Find a Tender did not answer (HTTP 503).',
      }),
      // Summer time: 13:05 UTC is 14:05 in London.
      watchedEntry('ocds-h6vhtk-06a838', watchedAt, { lastCheckedAt: '2025-06-03T13:05:00Z' }),
      watchedEntry('ocds-h6vhtk-06bae5', watchedAt),
    ];
    renderList({ entries });
    const failed = rowOf(OUT_OF_COURT);
    expect(failed.querySelector('.tt-row__checked')).toBeNull();
    openDetails(OUT_OF_COURT);
    openDetails(VICTIM_SUPPORT);
    openDetails(STAFFORDSHIRE);
    expect(text(failed.querySelector('.tt-row__checked'))).toBe('Last checked 10 November 2025, 9:05am');
    expect(failed.querySelector('.tt-row__checked time')?.getAttribute('datetime')).toBe('2025-11-10T09:05:00.000Z');
    expect(text(failed.querySelector('.tt-row__check-error'))).toBe('Last check failed: Find a Tender did not answer (HTTP 503). Showing the data last read.');
    // The last good data is still there.
    expect(text(failed.querySelector('.tt-row__next'))).toBe('Enquiry deadline 19 November 2025, 2pm — closes in 9 days');
    expect(text(failed.querySelector('.tt-row__value'))).toBe('Value: £598,488.66 (£718,186.39 including VAT)');

    const summer = rowOf(VICTIM_SUPPORT);
    expect(text(summer.querySelector('.tt-row__checked'))).toBe('Last checked 3 June 2025, 2:05pm');
    expect(summer.querySelector('.tt-row__check-error')).toBeNull();
    expect(rowOf(STAFFORDSHIRE).querySelector('.tt-row__checked')).toBeNull();
  });

  it('shows the bid status (when not just watching) in the row, tags and the start of the note in its details', () => {
    const entries = [
      watchedEntry('ocds-h6vhtk-05cfd9', watchedAt, { bidStatus: 'preparing', tags: ['Police', 'Leics'], note: `Call the buyer.\n${'Long note. '.repeat(30)}` }),
      watchedEntry('ocds-h6vhtk-06a838', watchedAt),
    ];
    renderList({ entries });
    const row = rowOf(OUT_OF_COURT);
    // The bid status in the compact row, the tags and note in its details.
    expect(text(row.querySelector('.tt-row__line .tt-bid'))).toBe('Preparing bid');
    expect(rowOf(VICTIM_SUPPORT).querySelector('.tt-bid')).toBeNull();
    expect(row.querySelector('.tt-row__tags')).toBeNull();
    openDetails(OUT_OF_COURT);
    expect(within(row).getAllByRole('listitem').map(text)).toEqual(['Police', 'Leics']);
    const note = text(row.querySelector('.tt-row__note'));
    expect(note.startsWith('Call the buyer. Long note.')).toBe(true);
    expect(note.endsWith('…')).toBe(true);
    expect(note.length).toBeLessThanOrEqual(140);
    openDetails(VICTIM_SUPPORT);
    expect(rowOf(VICTIM_SUPPORT).querySelector('.tt-row__yours')).toBeNull();
  });

  it('adds one procurement to the calendar by its ocid, and offers it only when there are key dates', () => {
    const entries = [watchedEntry('ocds-h6vhtk-05cfd9', watchedAt), watchedEntry('ocds-h6vhtk-06a838', watchedAt, { keyDates: [] })];
    const { onAddToCalendar } = renderList({ entries });
    openDetails(OUT_OF_COURT);
    openDetails(VICTIM_SUPPORT);
    fireEvent.click(screen.getByRole('button', { name: `Add to calendar: ${OUT_OF_COURT}` }));
    expect(onAddToCalendar).toHaveBeenCalledExactlyOnceWith('ocds-h6vhtk-05cfd9');
    expect(screen.queryByRole('button', { name: `Add to calendar: ${VICTIM_SUPPORT}` })).toBeNull();
  });
});

describe('"Your notes" in a row', () => {
  const base = () => watchedEntry('ocds-h6vhtk-05cfd9', watchedAt, { tags: ['Police'], note: 'First note' });
  const openNotes = () => {
    openDetails(OUT_OF_COURT);
    const toggle = screen.getByRole('button', { name: `Your notes on ${OUT_OF_COURT}` });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    return screen.getByRole('form', { name: `Your notes on ${OUT_OF_COURT}` });
  };

  it('shows the stored values and saves a new bid status at once', () => {
    const { onUpdate } = renderList({ entries: [base()] });
    expect(screen.queryByRole('form')).toBeNull();
    const form = openNotes();
    const status = within(form).getByRole('combobox', { name: 'Bid status' }) as HTMLSelectElement;
    expect(status.value).toBe('watching');
    expect([...status.options].map((o) => o.text)).toEqual(['Watching', 'Preparing bid', 'Submitted', 'Won', 'Lost', 'No bid']);
    expect((within(form).getByRole('textbox', { name: 'Tags' }) as HTMLInputElement).value).toBe('Police');
    expect((within(form).getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('First note');
    fireEvent.change(status, { target: { value: 'noBid' } });
    expect(onUpdate).toHaveBeenCalledExactlyOnceWith('ocds-h6vhtk-05cfd9', { bidStatus: 'noBid' });
  });

  it('saves tags typed with commas when leaving the box, tidied', () => {
    const { onUpdate } = renderList({ entries: [base()] });
    const tags = within(openNotes()).getByRole('textbox', { name: 'Tags' });
    fireEvent.change(tags, { target: { value: ' Police,  NHS framework ,, police, Café ' } });
    fireEvent.blur(tags);
    expect(onUpdate).toHaveBeenCalledExactlyOnceWith('ocds-h6vhtk-05cfd9', { tags: ['Police', 'NHS framework', 'Café'] });
  });

  it('saves the note with "Save notes" — once, even after leaving the box — and says when all is saved', () => {
    const { onUpdate, rerenderWith } = renderList({ entries: [base()] });
    const form = openNotes();
    expect(within(form).getByRole('button', { name: 'Saved' }).getAttribute('aria-disabled')).toBe('true');
    const note = within(form).getByRole('textbox', { name: 'Note' });
    fireEvent.change(note, { target: { value: 'Site visit on 20 Nov.\nBring <b>badges</b>.' } });
    const save = within(form).getByRole('button', { name: 'Save notes' }) as HTMLButtonElement;
    expect(save.getAttribute('aria-disabled')).toBe('false');
    fireEvent.blur(note);
    save.focus();
    fireEvent.click(save);
    expect(onUpdate).toHaveBeenCalledExactlyOnceWith('ocds-h6vhtk-05cfd9', { note: 'Site visit on 20 Nov.\nBring <b>badges</b>.' });
    // The popup stores it: the row follows, and the form has nothing left to save. The focus
    // stays on the button (a disabled one would drop it), and the live region says so.
    rerenderWith({ entries: [{ ...base(), note: 'Site visit on 20 Nov.\nBring <b>badges</b>.' }] });
    expect(within(form).getByRole('button', { name: 'Saved' })).toBe(document.activeElement);
    expect(within(form).getByRole('status').textContent).toBe('Notes saved.');
    expect(text(document.querySelector('.tt-row__note'))).toBe('Site visit on 20 Nov. Bring <b>badges</b>.');
    expect(document.querySelector('b')).toBeNull();
  });

  it('sends tags and note together when both changed, and nothing when nothing did', () => {
    const { onUpdate } = renderList({ entries: [base()] });
    const form = openNotes();
    fireEvent.submit(form);
    expect(onUpdate).not.toHaveBeenCalled();
    fireEvent.change(within(form).getByRole('textbox', { name: 'Tags' }), { target: { value: '' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Note' }), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save notes' }));
    expect(onUpdate).toHaveBeenCalledExactlyOnceWith('ocds-h6vhtk-05cfd9', { tags: [], note: '' });
  });

  it('follows stored values that change elsewhere, but keeps what the user is typing', () => {
    const { rerenderWith } = renderList({ entries: [base()] });
    const form = openNotes();
    const tags = within(form).getByRole('textbox', { name: 'Tags' }) as HTMLInputElement;
    const note = within(form).getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement;
    fireEvent.change(note, { target: { value: 'Typing…' } });
    rerenderWith({ entries: [{ ...base(), tags: ['Police', 'Imported'], note: 'Imported note', bidStatus: 'won' }] });
    expect(tags.value).toBe('Police, Imported');
    expect(note.value).toBe('Typing…');
    expect((within(form).getByRole('combobox', { name: 'Bid status' }) as HTMLSelectElement).value).toBe('won');
  });
});

describe('toolbar', () => {
  const entries = () => FIXTURES.map((f) => watchedEntry(f, watchedAt));

  it('"Mark all seen" is there when something changed, and calls back', () => {
    const list = entries();
    const { onMarkAllSeen, rerenderWith } = renderList({ entries: list });
    const button = screen.getByRole('button', { name: 'Mark all seen' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    const changed = [{ ...list[0]!, unseenChanges: [deadlineMoved] }, list[1]!, { ...list[2]!, unseenChanges: [newNotice] }, list[3]!];
    rerenderWith({ entries: changed });
    expect(count()).toBe('4 procurements · 2 changed');
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(onMarkAllSeen).toHaveBeenCalledTimes(1);
    // The popup clears them: the markers go.
    rerenderWith({ entries: changed.map((e) => ({ ...e, unseenChanges: [] })) });
    expect(document.querySelectorAll('.tt-row--changed')).toHaveLength(0);
    expect(count()).toBe('4 procurements');
    expect(button.disabled).toBe(true);
  });

  it('"Refresh now" shows its progress, then the counts or why it stopped', () => {
    const { onRefreshNow, rerenderWith } = renderList({ entries: entries(), refresh: { status: 'idle' } });
    const status = () => text(document.querySelector('.tt-toolbar__status'));
    expect(status()).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(onRefreshNow).toHaveBeenCalledTimes(1);

    rerenderWith({ refresh: { status: 'running' } });
    const running = screen.getByRole('button', { name: 'Refreshing…' }) as HTMLButtonElement;
    expect(running.disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toMatch(/^Checking Find a Tender for changes…/);

    rerenderWith({ refresh: { status: 'done', refreshed: 3, changed: 1, failed: 1 } });
    expect((screen.getByRole('button', { name: 'Refresh now' }) as HTMLButtonElement).disabled).toBe(false);
    expect(status()).toBe('3 updated, 1 failed (1 procurement changed).');

    rerenderWith({ refresh: { status: 'done', refreshed: 0, changed: 0, failed: 0, stoppedBecause: 'Find a Tender asked us to wait 120 seconds' } });
    expect(status()).toBe('Stopped early: Find a Tender asked us to wait 120 seconds. 0 updated, 0 failed. The rest will be checked next time.');

    rerenderWith({ refresh: { status: 'error', message: 'Tender Timeline did not answer; reload the page to try again.' } });
    expect(status()).toBe('The refresh did not run: Tender Timeline did not answer; reload the page to try again.');
    expect(document.querySelector('.tt-toolbar__message--error')).not.toBeNull();
  });

  it('while a refresh runs: "Checked 12 of 50 · 3 changed", the wait for FTS counting down, and Stop', () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-02T10:00:00Z') });
    try {
      const onStopRefresh = vi.fn();
      const request = { step: 'waiting', reason: 'turn', until: Date.now() + 9_000, attempt: 1, maxAttempts: 4 } as const;
      const { rerenderWith } = renderList({ entries: entries(), onStopRefresh, refresh: { status: 'running', progress: { pages: 1, total: 50, checked: 12, changed: 3, request } } });
      const status = screen.getByRole('status');
      const seen = () => [...status.querySelectorAll('p:not(.tt-visually-hidden)')].map(text);
      expect(seen()).toEqual(['Checked 12 of 50 · 3 changed', 'Waiting for Find a Tender (next request in 9 seconds)']);
      act(() => vi.advanceTimersByTime(3_000));
      expect(seen()[1]).toBe('Waiting for Find a Tender (next request in 6 seconds)');
      // Screen readers are told the wait once, not each second.
      expect(text(status.querySelector('.tt-visually-hidden'))).toBe('Waiting for Find a Tender (next request in 9 seconds)');

      const stop = screen.getByRole('button', { name: 'Stop' }) as HTMLButtonElement;
      stop.focus();
      fireEvent.click(stop);
      expect(onStopRefresh).toHaveBeenCalledTimes(1);
      rerenderWith({ refresh: { status: 'running', progress: { pages: 1, total: 50, checked: 12, changed: 3, request }, stopping: true } });
      expect(stop.disabled).toBe(true);
      expect(seen()).toEqual(['Stopping the refresh…']);

      rerenderWith({ refresh: { status: 'done', refreshed: 12, changed: 3, failed: 0, stopped: true } });
      expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
      expect(seen()).toEqual(['Stopped. 12 updated, 0 failed (3 procurements changed). The rest will be checked next time.']);
      // The focus Stop had goes to Refresh now.
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Refresh now' }));
    } finally {
      vi.useRealTimers();
    }
  });

  it('has nothing to refresh or export in an empty list, but can import a backup', () => {
    const { onImportFile } = renderList({ entries: [] });
    expect((screen.getByRole('button', { name: 'Refresh now' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.queryByRole('button', { name: 'Backup (.json)' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Import backup…' })).toBeTruthy();
    const file = new File(['{}'], 'tender-timeline-backup-2026-01-01.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Backup file to import'), { target: { files: [file] } });
    expect(onImportFile).toHaveBeenCalledExactlyOnceWith(file);
    expect(screen.queryByRole('search')).toBeNull();
  });

  it('exports each file from the Export menu, which closes after a choice', () => {
    const { onExport } = renderList({ entries: entries() });
    const toggle = screen.getByRole('button', { name: 'Export' });
    const menu = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(menu.hidden).toBe(true);
    for (const [label, kind] of [
      ['Calendar (.ics)', 'ics'],
      ['Spreadsheet (.csv)', 'csv'],
      ['Backup (.json)', 'backup'],
    ] as const) {
      fireEvent.click(toggle);
      expect(toggle.getAttribute('aria-expanded')).toBe('true');
      expect(menu.hidden).toBe(false);
      fireEvent.click(within(menu).getByRole('button', { name: label }));
      expect(onExport).toHaveBeenLastCalledWith(kind);
      expect(menu.hidden).toBe(true);
      expect(document.activeElement).toBe(toggle);
    }
    fireEvent.click(toggle);
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(menu.hidden).toBe(true);
    fireEvent.click(toggle);
    fireEvent.pointerDown(screen.getByRole('heading', { name: 'Watchlist' }));
    expect(menu.hidden).toBe(true);
    expect(onExport).toHaveBeenCalledTimes(3);
  });

  it('closes the Export menu when the focus moves out of it, not while it moves within', () => {
    renderList({ entries: entries() });
    const toggle = screen.getByRole('button', { name: 'Export' });
    const menu = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    fireEvent.click(toggle);
    const items = within(menu).getAllByRole('button');
    fireEvent.blur(toggle, { relatedTarget: items[0] });
    fireEvent.blur(items[0]!, { relatedTarget: items[1] });
    expect(menu.hidden).toBe(false);
    // Focus going nowhere (a click on a Mac, where buttons take no focus) leaves it to the click.
    fireEvent.blur(items[1]!, { relatedTarget: null });
    expect(menu.hidden).toBe(false);
    // Tab past the last item: to the search box.
    fireEvent.blur(items[items.length - 1]!, { relatedTarget: screen.getByRole('searchbox', { name: 'Search' }) });
    expect(menu.hidden).toBe(true);
  });

  it('imports through the options page where the popup cannot pick a file', () => {
    const onImportElsewhere = vi.fn();
    renderList({ entries: entries(), onImportElsewhere });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    fireEvent.click(screen.getByRole('button', { name: 'Import backup…' }));
    expect(onImportElsewhere).toHaveBeenCalledTimes(1);
    expect(screen.queryByLabelText('Backup file to import')).toBeNull();
  });

  it('shows what an export or import did', () => {
    const { rerenderWith } = renderList({ entries: entries(), actionMessage: { tone: 'info', text: 'Imported 3 procurements; 1 was already in your watchlist.' } });
    expect(screen.getByRole('status').textContent).toBe('Imported 3 procurements; 1 was already in your watchlist.');
    rerenderWith({ actionMessage: { tone: 'error', text: 'Nothing was imported: this is not a Tender Timeline backup.' } });
    expect(text(document.querySelector('.tt-toolbar__message--error'))).toBe('Nothing was imported: this is not a Tender Timeline backup.');
  });

  it('opens the settings', () => {
    const onOpenSettings = vi.fn();
    renderList({ entries: entries(), onOpenSettings });
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(onOpenSettings).toHaveBeenCalledTimes(1);
  });
});

describe('filter and search', () => {
  const entries = (): WatchedProcurement[] => [
    watchedEntry('ocds-h6vhtk-05cfd9', watchedAt, { bidStatus: 'preparing', tags: ['Café'] }),
    watchedEntry('ocds-h6vhtk-067b89', watchedAt),
    watchedEntry('ocds-h6vhtk-06a838', watchedAt, { bidStatus: 'submitted', tags: ['victims'] }),
    watchedEntry('ocds-h6vhtk-06bae5', watchedAt, { bidStatus: 'preparing' }),
  ];
  const search = () => screen.getByRole('searchbox', { name: 'Search' });
  const statusFilter = () => within(screen.getByRole('search')).getByRole('combobox', { name: 'Bid status' }) as HTMLSelectElement;

  it('filters by bid status, with a count for each', () => {
    renderList({ entries: entries() });
    expect([...statusFilter().options].map((o) => o.text)).toEqual(['All (4)', 'Watching (1)', 'Preparing bid (2)', 'Submitted (1)', 'Won (0)', 'Lost (0)', 'No bid (0)']);
    fireEvent.change(statusFilter(), { target: { value: 'preparing' } });
    expect(rowTitles()).toEqual([OUT_OF_COURT, STAFFORDSHIRE]);
    expect(count()).toBe('2 of 4 procurements');
    fireEvent.change(statusFilter(), { target: { value: 'all' } });
    expect(rowTitles()).toHaveLength(4);
    expect(count()).toBe('4 procurements');
  });

  it('searches title, buyer and tags, ignoring case and accents', () => {
    renderList({ entries: entries() });
    fireEvent.change(search(), { target: { value: 'VICTIM' } });
    expect(rowTitles()).toEqual([WEST_MIDLANDS, VICTIM_SUPPORT]);
    fireEvent.change(search(), { target: { value: 'staffordshire' } });
    expect(rowTitles()).toEqual([STAFFORDSHIRE]);
    fireEvent.change(search(), { target: { value: 'cafe' } });
    expect(rowTitles()).toEqual([OUT_OF_COURT]);
    fireEvent.change(statusFilter(), { target: { value: 'submitted' } });
    expect(screen.getByText('No procurements match your search.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear search and filter' }));
    expect(rowTitles()).toHaveLength(4);
    expect((search() as HTMLInputElement).value).toBe('');
    expect(statusFilter().value).toBe('all');
  });

  it('keeps the filter while entries change, and an edited row stays open', () => {
    const list = entries();
    const { rerenderWith } = renderList({ entries: list });
    fireEvent.change(statusFilter(), { target: { value: 'preparing' } });
    openDetails(OUT_OF_COURT);
    fireEvent.click(screen.getByRole('button', { name: `Your notes on ${OUT_OF_COURT}` }));
    rerenderWith({ entries: [{ ...list[0]!, note: 'New' }, ...list.slice(1)] });
    expect(rowTitles()).toEqual([OUT_OF_COURT, STAFFORDSHIRE]);
    expect(screen.getByRole('form', { name: `Your notes on ${OUT_OF_COURT}` })).toBeTruthy();
    // Moved to "Submitted": it leaves the filtered list.
    rerenderWith({ entries: [{ ...list[0]!, bidStatus: 'submitted' }, ...list.slice(1)] });
    expect(rowTitles()).toEqual([STAFFORDSHIRE]);
  });

  it('searches 5,000 entries a page at a time, and a new search starts at the first page', () => {
    const bases = entries();
    const many: WatchedProcurement[] = Array.from({ length: 5000 }, (_, i) => {
      const base = bases[i % 4]!;
      return { ...base, ocid: `${base.ocid}-${i}`, title: `${base.title} ${i}` };
    });
    renderList({ entries: many });
    fireEvent.click(screen.getByRole('button', { name: 'Show 100 more (4,900 not shown)' }));
    expect(rowTitles()).toHaveLength(200);
    const started = performance.now();
    fireEvent.change(search(), { target: { value: 'victim' } });
    const ms = performance.now() - started;
    console.info(`WatchlistView: search over 5,000 entries took ${ms.toFixed(0)} ms (happy-dom)`);
    expect(count()).toBe('2,500 of 5,000 procurements');
    expect(rowTitles()).toHaveLength(100);
    expect(screen.getByRole('button', { name: 'Show 100 more (2,400 not shown)' })).toBeTruthy();
    fireEvent.change(search(), { target: { value: 'victim 4998' } });
    expect(rowTitles()).toEqual([`${VICTIM_SUPPORT} 4998`]);
  });
});

describe('backup reminder', () => {
  const entries = () => FIXTURES.map((f) => watchedEntry(f, watchedAt));
  // One of the four with a note of the user's: something worth losing.
  const withNote = () => entries().map((e, i) => (i === 1 ? { ...e, note: 'Call the buyer' } : e));
  const reminder = () => document.querySelector('.tt-backup-reminder');

  it('asks for a backup when there has never been one and there is something worth losing, with a secondary button', () => {
    const { onExport } = renderList({ entries: withNote(), lastBackupAt: undefined });
    expect(text(reminder()?.querySelector('p'))).toBe('Uninstalling the extension deletes your watchlist. Last backup: never.');
    const button = within(reminder() as HTMLElement).getByRole('button', { name: 'Back up now' });
    expect(button.classList.contains('tt-button--secondary')).toBe(true);
    fireEvent.click(button);
    expect(onExport).toHaveBeenCalledExactlyOnceWith('backup');
  });

  it('waits while four procurements, as watched, are all there is', () => {
    const { rerenderWith } = renderList({ entries: entries(), lastBackupAt: undefined });
    expect(reminder()).toBeNull();
    // Only the first rows listed, of 5 watched: five are worth a backup.
    rerenderWith({ entries: entries(), total: 5 });
    expect(text(reminder()?.querySelector('p'))).toBe('Uninstalling the extension deletes your watchlist. Last backup: never.');
  });

  it('asks again when the last backup is over 30 days old, by the `now` it is given', () => {
    const { rerenderWith } = renderList({ entries: withNote(), lastBackupAt: '2025-08-10T12:00:00Z' });
    expect(text(reminder()?.querySelector('p'))).toBe('Uninstalling the extension deletes your watchlist. Last backup: 3 months ago.');
    rerenderWith({ entries: withNote(), lastBackupAt: '2025-10-15T12:00:00Z' });
    expect(reminder()).toBeNull();
    rerenderWith({ entries: withNote(), lastBackupAt: '2025-10-15T12:00:00Z', now: new Date('2025-11-14T12:00:00Z') });
    expect(text(reminder()?.querySelector('p'))).toBe('Uninstalling the extension deletes your watchlist. Last backup: 30 days ago.');
  });

  it('says nothing while the list is empty, loading or failed', () => {
    renderList({ entries: [], lastBackupAt: undefined });
    expect(reminder()).toBeNull();
    cleanup();
    renderList({ entries: withNote(), lastBackupAt: undefined, loading: true });
    expect(reminder()).toBeNull();
    cleanup();
    renderList({ entries: withNote(), lastBackupAt: undefined, error: 'The watchlist could not be opened.' });
    expect(reminder()).toBeNull();
  });
});

describe('opening', () => {
  it('hands the whole entry, changes and all, to the popup (which marks it seen and opens the notice)', () => {
    const entry = watchedEntry('ocds-h6vhtk-05cfd9', watchedAt, { unseenChanges: [deadlineMoved] });
    const { onOpen } = renderList({ entries: [entry] });
    act(() => screen.getByRole('link', { name: OUT_OF_COURT }).click());
    expect(onOpen).toHaveBeenCalledExactlyOnceWith(rowsOf([entry], now)[0]);
  });
});
