// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel, type PanelProps, type PanelState } from '../../components/Panel';
import type { Procurement } from '../../lib/procurement';
import type { Change, TimelineEvent } from '../../lib/timeline/types';
import { allHrefs, analyseFixture, type FixtureName } from './support';

afterEach(cleanup);

function readyState(name: FixtureName, now: Date, currentNoticeId?: string, edit?: (record: Record<string, any>) => void): PanelState {
  const { procurement, events, problems } = analyseFixture(name, now, edit);
  return { status: 'ready', procurement, events, problems, currentNoticeId };
}

function renderPanel(props: Partial<PanelProps> & Pick<PanelProps, 'state' | 'now'>) {
  const callbacks = { onWatchToggle: vi.fn(), onRetry: vi.fn(), onCollapsedChange: vi.fn() };
  const all: PanelProps = { watched: false, collapsed: false, ...callbacks, ...props };
  const view = render(<Panel {...all} />);
  return { ...view, ...callbacks, rerenderWith: (more: Partial<PanelProps>) => view.rerender(<Panel {...all} {...more} />) };
}

const panel = () => screen.getByRole('complementary', { name: 'Tender Timeline' });
const section = (heading: string) => screen.getByRole('heading', { name: heading }).closest('section')!;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Label and date of every key date in the timeline, as rendered. */
function renderedKeyDates(): Array<[string, string]> {
  const items = section('Timeline').querySelectorAll('li[data-kind="keyDate"]');
  return [...items].map((li) => [text(li.querySelector('.tt-event__label')), text(li.querySelector('time'))]);
}

describe('Panel with ocds-h6vhtk-05cfd9 (UK4 tender, later terminated)', () => {
  const now = new Date('2025-11-10T12:00:00Z');
  const state = () => readyState('ocds-h6vhtk-05cfd9', now, '066750-2025');

  it('shows what the procurement is in the header', () => {
    renderPanel({ state: state(), now });
    const summary = panel().querySelector('.tt-summary')!;
    expect(within(summary as HTMLElement).getByRole('heading', { level: 2 }).textContent).toBe('Out of Court Resolution');
    expect(text(summary.querySelector('.tt-summary__buyer'))).toBe('The Police and Crime Commissioner for Leicestershire');
    expect(text(summary.querySelector('.tt-tag'))).toBe('Cancelled');
    const value = within(summary as HTMLElement).getByText('Value').nextElementSibling;
    expect(text(value)).toBe('£598,488.66 (£718,186.39 including VAT)');
  });

  it('says what is next, with a countdown in deadline words', () => {
    renderPanel({ state: state(), now });
    const next = section('Next up');
    expect(text(next.querySelector('.tt-next__label'))).toBe('Enquiry deadline');
    expect(text(next.querySelector('.tt-next__when'))).toBe('19 November 2025, 2pm — closes in 9 days');
    expect(next.querySelector('time')?.getAttribute('datetime')).toBe('2025-11-19T14:00:00.000Z');
  });

  it('says once that times are UK time', () => {
    renderPanel({ state: state(), now });
    expect(screen.getAllByText(/UK time/).map((el) => el.textContent)).toEqual(['Times are UK time.']);
  });

  it('says where to act: the portal as a link, the email as text, documents without a URL as text', () => {
    renderPanel({ state: state(), now });
    const act = section('Where to act');
    const portal = within(act).getByRole('link', { name: /sell2\.in-tend\.co\.uk/ });
    expect(portal.getAttribute('href')).toBe('https://sell2.in-tend.co.uk/blpd/publictenders');
    expect(portal.getAttribute('target')).toBe('_blank');
    expect(portal.getAttribute('rel')).toBe('noopener noreferrer');
    expect(text(portal.parentElement)).toContain("Keyword Search - i.e. 'Out of Court Resolution'");
    expect(within(act).getByText('Procurement@leics.police.uk').closest('a')).toBeNull();
    expect(within(act).getByText('Not published').closest('a')).toBeNull();
    expect(allHrefs(document).filter((href) => href.startsWith('mailto:'))).toEqual([]);
  });

  it('draws the timeline in order with Today between past and future, and marks the current notice', () => {
    renderPanel({ state: state(), now });
    const timeline = section('Timeline').querySelector('ol')!;
    const items = [...timeline.children];
    expect(items.map((li) => (li.classList.contains('tt-today') ? 'TODAY' : li.getAttribute('data-kind')))).toEqual([
      'notice',
      'TODAY',
      'keyDate',
      'keyDate',
      'keyDate',
      'notice',
      'keyDate',
      'keyDate',
      'keyDate',
      'keyDate',
    ]);
    expect(text(items[1])).toBe('Today, 10 November 2025');
    const current = items[0]!;
    expect(current.getAttribute('aria-current')).toBe('page');
    expect(current.classList.contains('tt-event--past')).toBe(true);
    expect(text(current)).toBe('20 October 2025, 2:19pmUK4: Tender noticeYou are hereNotice 066750-2025 (opens in new tab)'.replace(/\s+/g, ' '));
    expect(within(current as HTMLElement).getByRole('link').getAttribute('href')).toBe('https://www.find-tender.service.gov.uk/Notice/066750-2025');
    const termination = items[5]!;
    expect(termination.getAttribute('aria-current')).toBeNull();
    expect(termination.classList.contains('tt-event--future')).toBe(true);
    expect(timeline.querySelectorAll('[aria-current]')).toHaveLength(1);
  });

  it('words countdowns by kind: deadlines close, other dates are "in N days"', () => {
    renderPanel({ state: state(), now });
    const countdowns = [...section('Timeline').querySelectorAll('li[data-kind="keyDate"]')].map((li) => [
      text(li.querySelector('.tt-event__label')),
      text(li.querySelector('.tt-countdown')),
    ]);
    expect(countdowns).toEqual([
      ['Enquiry deadline', 'closes in 9 days'],
      ['Submission deadline', 'closes in 14 days'],
      ['Procurement cancelled', 'in 17 days'],
      // After the UK12 of 27 November 2025 (and lot 1's award cancelled that day): no countdown, they never come.
      ['Award period ends No longer happening', ''],
      ['Contract starts No longer happening', ''],
      ['Contract ends No longer happening', ''],
      ['Contract ends if fully extended No longer happening', ''],
    ]);
  });

  it('shows the key dates after the termination struck through, saying in words they are no longer happening', () => {
    renderPanel({ state: state(), now });
    const voided = [...section('Timeline').querySelectorAll('li[data-kind="keyDate"].tt-event--void')];
    expect(voided.map((li) => [text(li.querySelector('s')), text(li.querySelector('.tt-event__void')), text(li.querySelector('time'))])).toEqual([
      ['Award period ends', 'No longer happening', '1 January 2026, 11:59pm'],
      ['Contract starts', 'No longer happening', '1 April 2026'],
      ['Contract ends', 'No longer happening', '31 March 2028, 11:59pm'],
      ['Contract ends if fully extended', 'No longer happening', '31 March 2029, 11:59pm'],
    ]);
  });

  it('shows closed deadlines as closed and gives no countdown for past dates that are not deadlines', () => {
    const later = new Date('2025-12-01T12:00:00Z');
    renderPanel({ state: readyState('ocds-h6vhtk-05cfd9', later), now: later });
    const rows = [...section('Timeline').querySelectorAll('li[data-kind="keyDate"].tt-event--past')].map((li) => [
      text(li.querySelector('.tt-event__label')),
      text(li.querySelector('.tt-countdown')),
    ]);
    expect(rows).toEqual([
      // 1 December 2025: 12 days after 19 November, 7 after 24 November.
      ['Enquiry deadline', 'closed 12 days ago'],
      ['Submission deadline', 'closed 7 days ago'],
      ['Procurement cancelled', ''],
    ]);
    // Its award period would end on 1 January 2026, but the UK12 of 27 November 2025 terminated the procurement.
    expect(text(section('Next up').querySelector('p'))).toBe('Nothing is coming up: this procurement was cancelled.');
  });

  it('has no problems line when nothing was wrong', () => {
    renderPanel({ state: state(), now });
    expect(screen.queryByText(/could not be read/)).toBeNull();
  });
});

describe('Panel with ocds-h6vhtk-067b89 (UK3 planned procurement, amended)', () => {
  const now = new Date('2026-05-20T12:00:00Z');
  const state = () => readyState('ocds-h6vhtk-067b89', now, '045280-2026');

  it('says the value is not specified when the notice gives none', () => {
    renderPanel({ state: state(), now });
    expect(text(within(panel().querySelector<HTMLElement>('.tt-summary')!).getByText('Value').nextElementSibling)).toBe('not specified');
  });

  it('lists every key date with its label and UK date, as published', () => {
    renderPanel({ state: state(), now });
    // Written by hand from the JSON: futureNoticeDate, tenderPeriod.endDate, awardPeriod.endDate
    // and the three lots' contractPeriod (all +01:00). Only UK3 planned procurement notices
    // gave them, so each is expected (the next notice's date is an expectation by its name).
    expect(renderedKeyDates()).toEqual([
      // 23:59 reads "11:59pm", as GOV.UK advises; midnight on a day that is no deadline reads as the day.
      ['Next notice expected', '1 June 2026, 11:59pm'],
      ['Submission deadline (expected)', '1 July 2026, 11:59pm'],
      ['Award period ends (expected)', '15 July 2026, 11:59pm'],
      ['Contract starts (expected)', '1 April 2027'],
      ['Contract ends (expected)', '31 March 2031, 11:59pm'],
      ['Contract ends if fully extended (expected)', '31 March 2036, 11:59pm'],
    ]);
    const contractStart = section('Timeline').querySelectorAll('li[data-kind="keyDate"]')[3]!;
    // Its contract period is given for lots 1, 2 and 3: every lot of the procurement.
    expect(text(contractStart.querySelector('.tt-event__detail'))).toBe('All 3 lots');
  });

  it('shows the next key date in words that fit a date that is not a deadline', () => {
    renderPanel({ state: state(), now });
    expect(text(section('Next up').querySelector('.tt-next__when'))).toBe('1 June 2026, 11:59pm — in 12 days');
  });

  it('shows amendments with their description, and the submission text without a link', () => {
    renderPanel({ state: state(), now });
    const amendments = [...section('Timeline').querySelectorAll('li[data-kind="amendment"]')];
    expect(amendments.map((li) => text(li.querySelector('.tt-event__label')))).toEqual(['Amendment in notice 040665-2026', 'Amendment in notice 045280-2026']);
    expect(amendments.map((li) => text(li.querySelector('.tt-event__detail')))).toEqual(['change to the event brite link', 'change to the event brite link']);
    const act = section('Where to act');
    expect(within(act).getByText('will be added at a later date').closest('a')).toBeNull();
    expect(within(act).getByText('None listed')).toBeTruthy();
    const current = section('Timeline').querySelector('[aria-current="page"]');
    expect(text(current?.querySelector('.tt-event__label'))).toBe('UK3: Planned procurement noticeYou are here');
  });

  it('lists what an amendment changed', () => {
    const { procurement, events, problems } = analyseFixture('ocds-h6vhtk-067b89', now);
    const changes: Change[] = [{ field: 'keyDate:submissionDeadline', label: 'Submission deadline', kind: 'changed', text: 'Submission deadline moved from 1 July 2026, 11:59pm to 15 July 2026, 11:59pm' }];
    const withChanges: TimelineEvent[] = events.map((e) => (e.kind === 'amendment' && e.noticeId === '045280-2026' ? { ...e, changes } : e));
    renderPanel({ state: { status: 'ready', procurement, events: withChanges, problems }, now });
    const list = screen.getByRole('list', { name: 'What changed' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Submission deadline moved from 1 July 2026, 11:59pm to 15 July 2026, 11:59pm']);
  });
});

describe('Panel with long key-date descriptions (ocds-h6vhtk-06bae5)', () => {
  it('shows the start of a long description and the rest on request', () => {
    const now = new Date('2026-06-24T12:00:00Z');
    renderPanel({ state: readyState('ocds-h6vhtk-06bae5', now), now });
    const engagement = section('Timeline').querySelector('li[data-kind="keyDate"]')!;
    const detail = engagement.querySelector('.tt-event__detail')!;
    expect(detail.querySelector('p')!.textContent!.length).toBeLessThan(300);
    expect(detail.querySelector('details summary')?.textContent).toBe('Read the rest');
    expect(text(detail)).toMatch(/^The Staffordshire Police, Fire and Crime Commissioner seeks/);
    expect(text(detail)).toContain('(206,500 per annum)');
    // The buyer's contact, as text only.
    const act = section('Where to act');
    expect(within(act).getByText('Sarah Griffiths')).toBeTruthy();
    expect(within(act).getByText('01785232385').closest('a')).toBeNull();
    expect(within(act).getByText('CommercialServices@staffordshire.police.uk').closest('a')).toBeNull();
  });
});

describe('Panel watch button', () => {
  const now = new Date('2025-11-10T12:00:00Z');
  const state = () => readyState('ocds-h6vhtk-05cfd9', now);
  const watchButton = () => screen.getByRole('button', { name: /^Watch/, description: /^Tender Timeline keeps the whole procurement/ });

  it('starts with "Watch" when not watched, and calls back on click', () => {
    const { onWatchToggle } = renderPanel({ state: state(), now, watched: false });
    const button = watchButton();
    expect(button.textContent).toBe('Watch procurement');
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect((button as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(button);
    expect(onWatchToggle).toHaveBeenCalledTimes(1);
  });

  it('shows the watched state with aria-pressed, and calls back to stop watching', () => {
    const { onWatchToggle, rerenderWith } = renderPanel({ state: state(), now, watched: true });
    expect(watchButton().textContent).toBe('Watching — stop watching');
    expect(watchButton().getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(watchButton());
    expect(onWatchToggle).toHaveBeenCalledTimes(1);
    rerenderWith({ watched: false });
    expect(watchButton().getAttribute('aria-pressed')).toBe('false');
  });

  it('says why a Watch did not happen, as an alert beside the button', () => {
    const message = 'Not watched: Tender Timeline stores only what Find a Tender publishes, and Find a Tender could not be read for this procurement. Find a Tender is busy; try again in a few minutes.';
    const { rerenderWith } = renderPanel({ state: state(), now, watched: false, watchError: message });
    expect(text(screen.getByRole('alert'))).toBe(message);
    rerenderWith({ watchError: undefined });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('waits, aria-disabled (so it keeps the focus), while the watched state is unknown', () => {
    const { onWatchToggle } = renderPanel({ state: state(), now, watched: undefined });
    expect(watchButton().getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(watchButton());
    expect(onWatchToggle).not.toHaveBeenCalled();
  });
});

describe('Panel keyboard and focus', () => {
  const now = new Date('2025-11-10T12:00:00Z');
  const state = () => readyState('ocds-h6vhtk-05cfd9', now);
  const watchButton = () => screen.getByRole('button', { name: /^Watch/ });

  it('keeps the focus on Watch while it waits, and announces the new state once known', () => {
    const { onWatchToggle, rerenderWith } = renderPanel({ state: state(), now, watched: false });
    const status = panel().querySelector('.tt-watch-status')!;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('');
    watchButton().focus();
    fireEvent.click(watchButton());
    expect(onWatchToggle).toHaveBeenCalledTimes(1);
    rerenderWith({ watched: undefined });
    expect(document.activeElement).toBe(watchButton());
    rerenderWith({ watched: true });
    expect(document.activeElement).toBe(watchButton());
    expect(status.textContent).toBe('Added to your watchlist.');
    fireEvent.click(watchButton());
    rerenderWith({ watched: undefined });
    rerenderWith({ watched: false });
    expect(status.textContent).toBe('Removed from your watchlist.');
  });

  it('announces nothing when a press changed nothing (the error says why) or the state changed elsewhere', () => {
    const { rerenderWith } = renderPanel({ state: state(), now, watched: false });
    const status = panel().querySelector('.tt-watch-status')!;
    fireEvent.click(watchButton());
    rerenderWith({ watched: undefined });
    rerenderWith({ watched: false, watchError: 'Find a Tender could not be reached.' });
    expect(status.textContent).toBe('');
    rerenderWith({ watched: true, watchError: undefined });
    expect(status.textContent).toBe('');
  });

  it('collapses on Escape from anywhere in it, and the tab takes the focus', () => {
    const { onCollapsedChange, rerenderWith } = renderPanel({ state: state(), now });
    const link = panel().querySelector('a')!;
    link.focus();
    fireEvent.keyDown(link, { key: 'Escape' });
    expect(onCollapsedChange).toHaveBeenLastCalledWith(true);
    rerenderWith({ collapsed: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Tender Timeline' }));
    fireEvent.keyDown(link, { key: 'Enter' });
    expect(onCollapsedChange).toHaveBeenCalledTimes(1);
  });

  it('moves the focus to its Hide button at each focus request (the keyboard shortcut)', () => {
    const { rerenderWith } = renderPanel({ state: state(), now });
    expect(document.activeElement).toBe(document.body);
    rerenderWith({ focusRequest: 1 });
    const hide = screen.getByRole('button', { name: 'Tender Timeline Hide' });
    expect(document.activeElement).toBe(hide);
    hide.blur();
    rerenderWith({ focusRequest: 2 });
    expect(document.activeElement).toBe(hide);
  });

  it('keeps its scrolling body out of the tab order (Firefox would stop on it)', () => {
    renderPanel({ state: state(), now });
    expect(panel().querySelector('.tt-panel__body')!.getAttribute('tabindex')).toBe('-1');
  });
});

describe('Panel with hostile data', () => {
  const now = new Date('2025-11-10T12:00:00Z');

  it('renders markup in the data as text and never links to javascript:', () => {
    const state = readyState('ocds-h6vhtk-05cfd9', now, undefined, (record) => {
      record.tender.title = '<img src=x onerror=alert(1)>';
      record.tender.submissionMethodDetails = 'javascript:alert(1)';
      record.tender.documents.push({ id: 'evil', documentType: 'x', title: '<b>bold</b>', url: 'javascript:alert(2)' });
    });
    const { container } = renderPanel({ state, now });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(within(section('Where to act')).getByText('javascript:alert(1)').closest('a')).toBeNull();
    expect(within(section('Where to act')).getByText('<b>bold</b>')).toBeTruthy();
    expect(allHrefs(container).filter((href) => !href.startsWith('https://'))).toEqual([]);
    expect(container.innerHTML).not.toMatch(/href="\s*javascript:/i);
  });

  it('links only to https: even when handed other URLs directly', () => {
    const { procurement, events, problems } = analyseFixture('ocds-h6vhtk-05cfd9', now);
    const hostile: Procurement = {
      ...procurement,
      submission: { text: 'javascript:alert(1)', url: 'javascript:alert(1)' },
      buyer: { name: 'Buyer', contact: { email: 'a@b.c', url: 'http://example.com/' } },
      documents: [
        { title: 'data doc', url: 'data:text/html,<script>alert(1)</script>' },
        { title: 'https doc', url: 'https://example.com/doc.pdf' },
      ],
    };
    const hostileEvents = events.map((e) => (e.kind === 'notice' ? { ...e, url: 'JavaScript:alert(3)' } : e));
    const { container } = renderPanel({ state: { status: 'ready', procurement: hostile, events: hostileEvents, problems }, now });
    expect(allHrefs(container)).toEqual(['https://example.com/doc.pdf']);
    expect(screen.getByText('data doc').closest('a')).toBeNull();
    expect(screen.queryByText("Buyer's website")).toBeNull();
  });
});

describe('Panel problems line', () => {
  it('counts the problems and lists path and message on request', () => {
    const now = new Date('2025-11-10T12:00:00Z');
    const state = readyState('ocds-h6vhtk-05cfd9', now, undefined, (record) => {
      record.tender.value.amount = 'lots';
      record.tender.tenderPeriod.endDate = 12345;
    });
    renderPanel({ state, now });
    expect(screen.getByText("Some of this notice's data could not be read (2 problems)")).toBeTruthy();
    const details = screen.getByText('What could not be read').closest('details')!;
    expect([...details.querySelectorAll('li')].map(text)).toEqual([
      '$.tender.value.amount: expected number, found the text "lots"; it was left out',
      '$.tender.tenderPeriod.endDate: expected string, found the number 12345; it was left out',
    ]);
    // The value left out is not guessed at.
    expect(text(within(panel().querySelector<HTMLElement>('.tt-summary')!).getByText('Value').nextElementSibling)).toBe('£718,186.39 including VAT');
  });
});

describe('Panel problems line with many problems', () => {
  it('counts them all, lists the first 100 and says how many more there are', () => {
    const now = new Date('2025-11-10T12:00:00Z');
    // 150 lots, each with a title that is a number: 150 problems.
    const state = readyState('ocds-h6vhtk-05cfd9', now, undefined, (record) => {
      record.tender.lots = Array.from({ length: 150 }, (_, i) => ({ id: String(i + 1), title: i + 1 }));
    });
    renderPanel({ state, now });
    expect(screen.getByText("Some of this notice's data could not be read (150 problems)")).toBeTruthy();
    const items = [...screen.getByText('What could not be read').closest('details')!.querySelectorAll('li')].map(text);
    expect(items).toHaveLength(101);
    expect(items[99]).toBe('$.tender.lots[99].title: expected string, found the number 100; it was left out');
    expect(items[100]).toBe('and 50 more problems, not listed');
  });
});

describe('Panel with data that arrived cut off', () => {
  it('warns first that notices and key dates after the cut are missing', () => {
    const now = new Date('2025-11-10T12:00:00Z');
    const state = readyState('ocds-h6vhtk-05cfd9', now);
    const problems = [{ path: '$.tender', message: 'The document is cut off (truncated) inside `$.tender`; what came before it was kept' }];
    renderPanel({ state: { ...state, problems, cutOff: true } as PanelState, now });
    const note = panel().querySelector('.tt-problems')!;
    expect(text(note.firstElementChild)).toBe('Warning: this data arrived cut off. Notices and key dates after the cut are missing; reload the page to read it again.');
    cleanup();
    renderPanel({ state: { ...state, problems } as PanelState, now });
    expect(screen.queryByText(/arrived cut off/)).toBeNull();
  });
});

describe('Panel states', () => {
  const now = new Date('2025-11-10T12:00:00Z');

  it('says it covers the page when its host says the window is too narrow for both, and only then', () => {
    const covers = /^The panel covers the page: this window is too narrow for both side by side\. Hide it to read the notice\.$/;
    const { rerenderWith } = renderPanel({ state: { status: 'loading' }, now, coversPage: true });
    expect(within(panel()).getByText(covers)).toBeTruthy();
    rerenderWith({ coversPage: false });
    expect(within(panel()).queryByText(covers)).toBeNull();
  });

  it('announces loading', () => {
    renderPanel({ state: { status: 'loading' }, now });
    expect(screen.getByRole('status').textContent).toBe("Loading the procurement's timeline…");
    expect(screen.queryByRole('button', { name: /watch/i })).toBeNull();
  });

  describe('while Find a Tender is waited for', () => {
    const T = Date.parse('2025-11-10T12:00:00Z');
    afterEach(() => vi.useRealTimers());
    /** What is shown, and what screen readers are told (the status's hidden text). */
    const shown = () => {
      const status = screen.getByRole('status');
      return { seen: text(status.querySelector('[aria-hidden="true"]')), told: text(status.querySelector('.tt-visually-hidden')) };
    };

    it('a 429: says FTS is busy, counts down to the next attempt, and tells screen readers once', () => {
      vi.useFakeTimers({ now: T });
      const busy: PanelState = { status: 'loading', progress: { step: 'waiting', reason: 'busy', until: T + 40_000, attempt: 3, maxAttempts: 4 } };
      const { rerenderWith } = renderPanel({ state: busy, now });
      expect(shown()).toEqual({ seen: 'Find a Tender is busy — trying again in 40 seconds (attempt 3 of 4)', told: 'Find a Tender is busy — trying again in 40 seconds (attempt 3 of 4)' });
      act(() => vi.advanceTimersByTime(1_000));
      expect(shown().seen).toBe('Find a Tender is busy — trying again in 39 seconds (attempt 3 of 4)');
      act(() => vi.advanceTimersByTime(38_000));
      // The same wait told again by the background (as it is each second) changes nothing for screen readers.
      rerenderWith({ state: { ...busy, progress: { ...(busy as { progress: object }).progress } } as PanelState });
      expect(shown()).toEqual({ seen: 'Find a Tender is busy — trying again in 1 second (attempt 3 of 4)', told: 'Find a Tender is busy — trying again in 40 seconds (attempt 3 of 4)' });
      act(() => vi.advanceTimersByTime(5_000));
      expect(shown().seen).toBe('Find a Tender is busy — trying again now (attempt 3 of 4)');
      // Then asked: said so, and told.
      rerenderWith({ state: { status: 'loading', progress: { step: 'asking', attempt: 3, maxAttempts: 4 } } });
      expect(shown()).toEqual({ seen: 'Asking Find a Tender again (attempt 3 of 4)', told: 'Asking Find a Tender again (attempt 3 of 4)' });
    });

    it('queued behind the 13 s spacing: says when the next request goes', () => {
      vi.useFakeTimers({ now: T });
      renderPanel({ state: { status: 'loading', progress: { step: 'waiting', reason: 'turn', until: T + 9_000, attempt: 1, maxAttempts: 4 } }, now });
      expect(shown().seen).toBe('Waiting for Find a Tender (next request in 9 seconds)');
      cleanup();
      renderPanel({ state: { status: 'loading', progress: { step: 'waiting', reason: 'queued', attempt: 1, maxAttempts: 4 } }, now });
      expect(shown()).toEqual({ seen: 'Waiting for Find a Tender (other requests go first)', told: 'Waiting for Find a Tender (other requests go first)' });
    });

    it('no answer: says FTS could not be reached and when it is asked again', () => {
      vi.useFakeTimers({ now: T });
      renderPanel({ state: { status: 'loading', progress: { step: 'waiting', reason: 'unreachable', until: T + 10_000, attempt: 2, maxAttempts: 4 } }, now });
      expect(shown().seen).toBe('Find a Tender could not be reached — trying again in 10 seconds (attempt 2 of 4)');
    });

    it('the first attempt under way reads as loading', () => {
      renderPanel({ state: { status: 'loading', progress: { step: 'asking', attempt: 1, maxAttempts: 4 } }, now });
      expect(screen.getByRole('status').textContent).toBe("Loading the procurement's timeline…");
    });
  });

  it('shows an error with Retry when it can be retried', () => {
    const { onRetry } = renderPanel({ state: { status: 'error', message: 'Find a Tender is busy. Try again in a minute.', canRetry: true }, now });
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Find a Tender is busy. Try again in a minute.')).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows an error without Retry when retrying cannot help', () => {
    renderPanel({ state: { status: 'error', message: 'This page holds no procurement data.', canRetry: false }, now });
    expect(screen.getByRole('alert').textContent).toBe('This page holds no procurement data.');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('collapses to a small tab that reopens it, moving focus with it', () => {
    const state = readyState('ocds-h6vhtk-05cfd9', now);
    const { onCollapsedChange, rerenderWith } = renderPanel({ state, now });
    // Its name holds its visible text, "Hide" included (WCAG 2.5.3 label in name).
    const toggle = screen.getByRole('button', { name: 'Tender Timeline Hide' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).not.toBeNull();
    fireEvent.click(toggle);
    expect(onCollapsedChange).toHaveBeenLastCalledWith(true);

    rerenderWith({ collapsed: true });
    const tab = screen.getByRole('button', { name: 'Tender Timeline' });
    expect(tab.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getAllByRole('button')).toHaveLength(1);
    expect(screen.queryByRole('heading')).toBeNull();
    expect(panel()).toBeTruthy();
    expect(document.activeElement).toBe(tab);
    fireEvent.click(tab);
    expect(onCollapsedChange).toHaveBeenLastCalledWith(false);

    rerenderWith({ collapsed: false });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Tender Timeline Hide' }));
  });

  it('does not take focus when collapsed by its host', () => {
    const state = readyState('ocds-h6vhtk-05cfd9', now);
    const { rerenderWith } = renderPanel({ state, now });
    rerenderWith({ collapsed: true });
    expect(document.activeElement).toBe(document.body);
  });
});
