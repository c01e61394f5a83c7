// @vitest-environment happy-dom
/**
 * The panel is drawn once, with the answer, when the answer came before it was drawn (the
 * content script waits up to 300 ms for it); otherwise "loading" first, then the answer.
 * Every state the panel's DOM goes through is recorded, from before the first render.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LoadAnswer } from '../../entrypoints/notice.content/load';
import { NoticePanel } from '../../entrypoints/notice.content/NoticePanel';
import { analyseFixture } from './support';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const now = new Date('2026-05-20T12:00:00Z');
const LOADING = "Loading the procurement's timeline…";
// ocds-h6vhtk-067b89's title, as its record gives it.
const { procurement, events, problems } = analyseFixture('ocds-h6vhtk-067b89', now);
const answer: LoadAnswer = { ok: true, procurement, events, problems, completeness: 'whole', fetchedAt: now.toISOString(), fromCache: false };
const location = new URL(`https://www.find-tender.service.gov.uk/Notice/${procurement.notices[0]!.id}`);

let root: Root | undefined;
let container: HTMLElement;
let seen: string[];
let observer: MutationObserver;

beforeEach(() => {
  // A window wide enough for the page and the open panel side by side.
  (window as { happyDOM?: { setViewport(size: { width: number; height: number }): void } }).happyDOM?.setViewport({ width: 1600, height: 900 });
  fakeBrowser.reset();
  fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: true, watched: false, unseenChanges: [] }));
  container = document.createElement('div');
  document.body.append(container);
  seen = [];
  observer = new MutationObserver(() => seen.push(container.textContent ?? ''));
  observer.observe(container, { childList: true, subtree: true, characterData: true });
});

afterEach(() => {
  observer.disconnect();
  act(() => root?.unmount());
  container.remove();
});

async function draw(firstAnswer: Promise<LoadAnswer>, answered?: LoadAnswer) {
  await act(async () => {
    root = createRoot(container);
    root.render(<NoticePanel location={location} document={document} firstAnswer={firstAnswer} answered={answered} />);
  });
}

it('an answer that came before the panel was drawn: drawn once with it, never "loading"', async () => {
  expect(procurement.title).toBeTruthy();
  await draw(Promise.resolve(answer), answer);
  await act(async () => undefined);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen[0]).toContain(procurement.title);
  expect(seen.filter((text) => text.includes(LOADING))).toEqual([]);
});

it('an answer still on its way: "loading" first, then the procurement', async () => {
  let resolve!: (answer: LoadAnswer) => void;
  await draw(new Promise<LoadAnswer>((r) => (resolve = r)));
  expect(seen[0]).toContain(LOADING);
  await act(async () => resolve(answer));
  expect(container.textContent).toContain(procurement.title);
  expect(container.textContent).not.toContain(LOADING);
});
