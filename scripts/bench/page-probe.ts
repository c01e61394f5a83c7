/**
 * An init script for every page of the benchmark's browser (main world, document start): it
 * marks, on the page's one performance timeline, when the panel's host element, the panel's
 * title or the popup's first row is first in the DOM, and (title, rows) the frame after that
 * (`requestAnimationFrame` then a task, so the frame with them has been produced). A
 * cross-check of the entrypoints' own marks, which are made in React effects.
 *
 * Plain JavaScript source, not a function: tsx (esbuild `keepNames`) wraps named inner
 * functions in `__name(…)`, which does not exist in the page. For the same reason the script
 * also defines a no-op `__name`, so functions passed to `page.evaluate` may name things.
 */

/** Marks the entrypoints make (entrypoints/notice.content/index.tsx, NoticePanel.tsx, popup/Popup.tsx). */
export const APP_MARKS = {
  /** First line of the content script's `main`. */
  contentStart: 'tender-timeline:content-start',
  /** The background's answer reached the panel (before React renders it). */
  panelAnswer: 'tender-timeline:panel-answer',
  /** Effect after the panel first renders the ready state (title and timeline committed). */
  panelReady: 'tender-timeline:panel-ready',
  /** The background's watchlist answer reached the popup (before React renders it). */
  popupAnswer: 'tender-timeline:popup-answer',
  /** Effect after the popup first renders with entries (rows committed). */
  popupRows: 'tender-timeline:popup-rows',
} as const;

/** Marks this probe makes. */
export const PROBE_MARKS = {
  hostInDom: 'bench:panel-host-in-dom',
  titleInDom: 'bench:panel-title-in-dom',
  titleFrame: 'bench:panel-title-frame',
  rowsInDom: 'bench:popup-rows-in-dom',
  rowsFrame: 'bench:popup-rows-frame',
} as const;

export function pageProbeSource(selectors: { panelHost: string; panelTitle: string; popupRow: string }): string {
  const config = JSON.stringify({ ...selectors, marks: PROBE_MARKS });
  return `(() => {
  if (typeof globalThis.__name !== 'function') globalThis.__name = (f) => f;
  if (window.top !== window) return;
  const c = ${config};
  const done = new Set();
  const mark = (name) => { if (!done.has(name)) { done.add(name); performance.mark(name); } };
  const afterFrame = (name) => requestAnimationFrame(() => setTimeout(() => mark(name), 0));
  let watchedRoot = null;
  const check = () => {
    if (!done.has(c.marks.rowsInDom) && document.querySelector(c.popupRow)) {
      mark(c.marks.rowsInDom);
      afterFrame(c.marks.rowsFrame);
    }
    const host = document.querySelector(c.panelHost);
    if (host) mark(c.marks.hostInDom);
    const root = host ? host.shadowRoot : null;
    if (root && root !== watchedRoot) {
      watchedRoot = root;
      new MutationObserver(check).observe(root, { childList: true, subtree: true, characterData: true });
    }
    if (root && !done.has(c.marks.titleInDom) && root.querySelector(c.panelTitle)) {
      mark(c.marks.titleInDom);
      afterFrame(c.marks.titleFrame);
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;
}
