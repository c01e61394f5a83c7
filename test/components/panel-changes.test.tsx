// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel, type PanelProps } from '../../components/Panel';
import type { DetectedChange } from '../../lib/watchlist/entry';
import { analyseFixture } from './support';

afterEach(cleanup);

const now = new Date('2026-05-20T12:00:00Z');
const changes: DetectedChange[] = [
  { foundAt: '2026-05-19T06:00:00Z', field: 'keyDate:submissionDeadline', label: 'Submission deadline', kind: 'changed', text: 'Submission deadline moved from 1 July 2026, 11:59pm to 15 July 2026, 11:59pm' },
  { foundAt: '2026-05-19T06:00:00Z', field: 'amendment', label: 'Amendment', kind: 'added', text: 'Amendment: change to the event brite link' },
  { foundAt: '2026-05-20T06:00:00Z', field: 'title', label: 'Title', kind: 'changed', text: 'Title changed from “Victims services” to “<script>alert(1)</script>”' },
];

function renderPanel(props: Partial<PanelProps>) {
  const { procurement, events, problems } = analyseFixture('ocds-h6vhtk-067b89', now);
  const all: PanelProps = {
    state: { status: 'ready', procurement, events, problems, currentNoticeId: '045280-2026' },
    watched: true,
    onWatchToggle: vi.fn(),
    onRetry: vi.fn(),
    collapsed: false,
    onCollapsedChange: vi.fn(),
    now,
    ...props,
  };
  const view = render(<Panel {...all} />);
  return { ...view, rerenderWith: (more: Partial<PanelProps>) => view.rerender(<Panel {...all} {...more} />) };
}

const block = () => screen.queryByRole('heading', { name: 'Changed since you last looked' })?.closest('section') ?? null;

describe('Panel: changed since you last looked', () => {
  it('lists the changes of a watched procurement, as text, with "Mark as seen"', () => {
    const onMarkSeen = vi.fn();
    const { container, rerenderWith } = renderPanel({ unseenChanges: changes, onMarkSeen });
    const section = block()!;
    // Right under the Watch button, before the problems and the timeline.
    expect(section.closest('.tt-summary')).not.toBeNull();
    const list = within(section).getByRole('list', { name: 'What changed since you last looked' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(changes.map((c) => c.text));
    expect(container.querySelector('script')).toBeNull();
    fireEvent.click(within(section).getByRole('button', { name: 'Mark as seen' }));
    expect(onMarkSeen).toHaveBeenCalledTimes(1);
    // The content script clears them: the block goes.
    rerenderWith({ unseenChanges: [] });
    expect(block()).toBeNull();
  });

  it('keeps the data paths out of the sentences, behind "Where this is in the data"', () => {
    const status: DetectedChange = { foundAt: '2026-05-20T06:00:00Z', field: 'status', label: 'Status', kind: 'changed', text: 'Status changed from in progress to complete', before: 'active', after: 'complete', where: 'tender.status' };
    renderPanel({ unseenChanges: [...changes, status] });
    const section = block()!;
    const list = within(section).getByRole('list', { name: 'What changed since you last looked' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([...changes.map((c) => c.text), 'Status changed from in progress to complete']);
    expect(list.textContent).not.toContain('tender.status');
    const where = section.querySelector('details.tt-changes__where')!;
    expect(where.querySelector('summary')?.textContent).toBe('Where this is in the data');
    expect(where.hasAttribute('open')).toBe(false);
    expect([...where.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Status: tender.status']);
  });

  it('has no "Where this is in the data" when no change names a place', () => {
    renderPanel({ unseenChanges: changes });
    expect(block()!.querySelector('.tt-changes__where')).toBeNull();
  });

  it('shows nothing when nothing changed, or the procurement is not (or not yet known to be) watched', () => {
    renderPanel({ unseenChanges: [] });
    expect(block()).toBeNull();
    cleanup();
    renderPanel({ unseenChanges: undefined });
    expect(block()).toBeNull();
    cleanup();
    renderPanel({ unseenChanges: changes, watched: false });
    expect(block()).toBeNull();
    cleanup();
    renderPanel({ unseenChanges: changes, watched: undefined });
    expect(block()).toBeNull();
  });

  it('lists the changes without the button when it cannot mark them seen', () => {
    renderPanel({ unseenChanges: changes.slice(0, 1) });
    expect(within(block()!).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Mark as seen' })).toBeNull();
  });
});
