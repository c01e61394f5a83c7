// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel, type PanelProps } from '../../components/Panel';
import { acceptOnlyTrustedInput, ignoreRetirementByThePage } from '../../entrypoints/notice.content/trusted-events';
import { analyseFixture } from './support';

// React 19 wants this set to run `act` outside its own test tools.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const now = new Date('2026-05-20T12:00:00Z');
let mounted: { root: Root; host: HTMLElement } | undefined;

afterEach(() => {
  act(() => mounted?.root.unmount());
  mounted?.host.remove();
  mounted = undefined;
});

/** The panel as the content script mounts it: in a closed shadow root that takes only trusted input. */
function mountPanel(props: Partial<PanelProps>): ShadowRoot {
  const { procurement, events, problems } = analyseFixture('ocds-h6vhtk-067b89', now);
  const host = document.createElement('tender-timeline-panel');
  const shadow = host.attachShadow({ mode: 'closed' });
  acceptOnlyTrustedInput(shadow);
  const container = document.createElement('div');
  shadow.append(container);
  document.body.append(host);
  const root = createRoot(container);
  const all: PanelProps = {
    state: { status: 'ready', procurement, events, problems, currentNoticeId: '045280-2026' },
    watched: false,
    onWatchToggle: vi.fn(),
    onRetry: vi.fn(),
    collapsed: false,
    onCollapsedChange: vi.fn(),
    now,
    ...props,
  };
  act(() => root.render(<Panel {...all} />));
  mounted = { root, host };
  return shadow;
}

/**
 * A click as a browser makes it for the mouse or the keyboard (`isTrusted` true), or as a
 * page's script makes it (`isTrusted` false). happy-dom's events have no `isTrusted` of their
 * own, so the test gives each one; a browser sets it and nobody can change it.
 */
function click(target: Element, trusted: boolean): void {
  const event = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: trusted });
  act(() => {
    target.dispatchEvent(event);
  });
}

function button(shadow: ShadowRoot, name: string): HTMLButtonElement {
  const found = [...shadow.querySelectorAll('button')].find((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim().startsWith(name));
  if (!found) throw new Error(`no "${name}" button in the panel`);
  return found;
}

describe('the panel takes only trusted input', () => {
  it('an untrusted click on Watch does nothing; a trusted one watches', () => {
    const onWatchToggle = vi.fn();
    const shadow = mountPanel({ onWatchToggle });
    const watch = button(shadow, 'Watch procurement');
    click(watch, false);
    watch.click(); // what a page's script holding the button would do
    expect(onWatchToggle).not.toHaveBeenCalled();
    click(watch, true);
    expect(onWatchToggle).toHaveBeenCalledTimes(1);
  });

  it('the same holds for Mark as seen, Hide and Retry', () => {
    const onMarkSeen = vi.fn();
    const onCollapsedChange = vi.fn();
    const changes = [{ foundAt: '2026-05-19T06:00:00Z', field: 'title', label: 'Title', kind: 'changed' as const, text: 'Title changed from “A” to “B”' }];
    const shadow = mountPanel({ watched: true, unseenChanges: changes, onMarkSeen, onCollapsedChange });
    for (const [name, handler] of [
      ['Mark as seen', onMarkSeen],
      ['Tender Timeline', onCollapsedChange],
    ] as const) {
      click(button(shadow, name), false);
      expect(handler, name).not.toHaveBeenCalled();
      click(button(shadow, name), true);
      expect(handler, name).toHaveBeenCalledTimes(1);
    }

    const onRetry = vi.fn();
    act(() => mounted!.root.unmount());
    const failed = mountPanel({ state: { status: 'error', message: 'Find a Tender could not be reached.', canRetry: true }, onRetry });
    click(button(failed, 'Retry'), false);
    expect(onRetry).not.toHaveBeenCalled();
    click(button(failed, 'Retry'), true);
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('an untrusted event goes no further than the root, and its default is cancelled', () => {
    const shadow = mountPanel({});
    const seen = vi.fn();
    shadow.querySelector('div')!.addEventListener('click', seen, { capture: true });
    const event = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    act(() => {
      button(shadow, 'Watch procurement').dispatchEvent(event);
    });
    expect(seen).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(true);
  });
});

describe("WXT's script-started event, sent by the page", () => {
  const type = 'tender-timeline@tender-timeline.app:notice:wxt:content-script-started';
  const announce = () => document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'notice', messageId: 'from-the-page' } }));

  it('does not reach the document while this copy of the script is alive; once it is gone, it does', () => {
    let alive = true;
    ignoreRetirementByThePage(type, () => alive);
    const retire = vi.fn();
    document.addEventListener(type, retire);
    announce();
    expect(retire).not.toHaveBeenCalled();
    alive = false;
    announce();
    expect(retire).toHaveBeenCalledTimes(1);
    document.removeEventListener(type, retire);
  });
});
