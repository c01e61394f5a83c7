/**
 * An init script for every page of the benchmark's browser (main world, document start): it
 * marks, on the page's one performance timeline, when the panel's host element or the popup's
 * first row is first in the DOM, and (rows) the frame after that (`requestAnimationFrame` then
 * a task, so the frame with them has been produced). A cross-check of the entrypoints' own
 * marks, which are made in React effects. The panel's title is out of its reach: the panel's
 * shadow root is closed to the page's scripts, as this one is.
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
  rowsInDom: 'bench:popup-rows-in-dom',
  rowsFrame: 'bench:popup-rows-frame',
} as const;

export function pageProbeSource(selectors: { panelHost: string; popupRow: string }): string {
  const config = JSON.stringify({ ...selectors, marks: PROBE_MARKS });
  return `(() => {
  if (typeof globalThis.__name !== 'function') globalThis.__name = (f) => f;
  if (window.top !== window) return;
  const c = ${config};
  const done = new Set();
  const mark = (name) => { if (!done.has(name)) { done.add(name); performance.mark(name); } };
  const afterFrame = (name) => requestAnimationFrame(() => setTimeout(() => mark(name), 0));
  const check = () => {
    if (!done.has(c.marks.rowsInDom) && document.querySelector(c.popupRow)) {
      mark(c.marks.rowsInDom);
      afterFrame(c.marks.rowsFrame);
    }
    if (document.querySelector(c.panelHost)) mark(c.marks.hostInDom);
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;
}
