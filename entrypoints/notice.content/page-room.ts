import { useEffect, useState } from 'react';

/**
 * The open panel's own room beside the page: while it is open in a window wide enough for
 * both, the page narrows beside it, so nothing of the notice is ever under the panel.
 *
 * The room is one fixed style sheet adopted by the document (`document.adoptedStyleSheets`,
 * no element in the page, and not subject to the page's `style-src`), the same on every page
 * and holding nothing of the user's: it gives `<html>` a right margin the panel's width, and
 * GOV.UK's centred 960 px column (`.govuk-width-container`, `margin: 0 auto` from a 1020 px
 * window) the 30 px side margins GOV.UK itself gives it while the room left is under 1020 px
 * (its media queries see the window, not the room). It is taken away when the panel collapses.
 */

/** The panel's width, its border included (panel.css: `.tt-panel { width: 360px }`, border-box). */
export const PANEL_WIDTH_PX = 360;
/** GOV.UK lays a page out for desktop from 769 px: beside the panel, the page keeps at least that. */
const PAGE_MIN_WIDTH_PX = 769;
/** GOV.UK's widest layout (the column and its two 30 px gutters) starts at a 1020 px window. */
const GOVUK_CENTRED_FROM_PX = 1020;

/** Windows this wide have room for the page and the panel; in narrower ones the open panel covers the page. */
export const ROOM_QUERY = `(min-width: ${PANEL_WIDTH_PX + PAGE_MIN_WIDTH_PX}px)`;

/** The whole of what the page is given: fixed text, the same for every page and user. */
export const PAGE_ROOM_CSS =
  `html { margin-right: ${PANEL_WIDTH_PX}px !important; }\n` +
  `@media (max-width: ${PANEL_WIDTH_PX + GOVUK_CENTRED_FROM_PX - 1}px) { .govuk-width-container { margin-right: 30px !important; margin-left: 30px !important; } }`;

/** Whether the window has room for the page and the panel side by side. */
export function hasRoomBesidePage(win: Pick<Window, 'matchMedia'>): boolean {
  return win.matchMedia(ROOM_QUERY).matches;
}

/** Adopts the room's style sheet into `doc`; the function returned takes it away again. */
export function makeRoomBesidePage(doc: Document): () => void {
  const view = doc.defaultView;
  if (!view) return () => {};
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(PAGE_ROOM_CSS);
  const sheets = adoptedSheets(doc);
  sheets.push(sheet);
  return () => {
    const at = sheets.indexOf(sheet);
    if (at >= 0) sheets.splice(at, 1);
  };
}

/**
 * While `open`, keeps the panel's room beside the page whenever the window is wide enough,
 * following the window as it is resized. Returns whether the open panel covers the page (the
 * window is too narrow for both).
 */
export function usePageRoom(win: Window, open: boolean): { coversPage: boolean } {
  const [roomy, setRoomy] = useState(() => hasRoomBesidePage(win));
  useEffect(() => {
    const query = win.matchMedia(ROOM_QUERY);
    const onChange = () => setRoomy(query.matches);
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [win]);
  useEffect(() => (open && roomy ? makeRoomBesidePage(win.document) : undefined), [win, open, roomy]);
  return { coversPage: open && !roomy };
}

/**
 * The document's list of adopted sheets, changed in place. Firefox (ESR 140.12) refuses a
 * content script the page's list through its Xray wrapper ("Accessing from Xray wrapper is not
 * supported"), so there the page's own list is used, by `wrappedJSObject`.
 */
function adoptedSheets(doc: Document): CSSStyleSheet[] {
  return ((doc as Document & { wrappedJSObject?: Document }).wrappedJSObject ?? doc).adoptedStyleSheets;
}
