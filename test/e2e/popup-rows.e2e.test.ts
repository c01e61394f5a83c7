/**
 * The popup's compact rows, in real browsers with the BUILT extension, at the popup's own
 * size (460 × 600 px: its width, and the most height a browser gives a popup): with 50
 * procurements watched at least 8 rows lie wholly within the first 600 px; a row's details
 * open from the keyboard (Tab to its Details button, Enter), the button says so
 * (`aria-expanded`) and keeps the focus, and the row shows its whole title; axe finds nothing
 * wrong, details open or not.
 *
 * The 50: one procurement watched from its notice (record-delta-deadline-moves.json under a
 * new ocid), and 49 copies of it from a backup (`watchCopies`), copy n with its key dates moved
 * by whole days so that the first of them is 2n + 1 to 2n + 2 days from now, every sixth from the 2nd "Preparing bid",
 * every ninth from the 4th "Submitted", and every seventh from the 3rd with an unseen change.
 * The popup's screenshot with them is the README's docs/popup.png (Chromium's).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DetectedChange, WatchedProcurement } from '../../lib/watchlist/entry.ts';
import { expectAxeClean } from './axe.ts';
import { BROWSERS, describeInBrowser, launch, type E2EBrowser, type TestPage } from './browsers.ts';
import { journeyCase, renamed } from './e2e-fixtures.ts';
import { UI, WATCH_TEXT, clickPanelButton, waitForPanel, waitForPopupRows, waitForWatched, watchCopies } from './extension-ui.ts';
import { FTS_ORIGIN, ftsNoticePage, ftsReleases, html, startFtsServer, type FtsServer } from './fts-server.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The popup's size: its list is 460 px wide, and browsers give a popup 600 px of height at most. */
const POPUP = { width: 460, height: 600 };

const noticeFound: DetectedChange = { foundAt: new Date(Date.now() - DAY_MS).toISOString(), field: 'notice', label: 'Notice', kind: 'added', text: 'New notice: UK4: Tender notice' };

function vary(entry: WatchedProcurement, copy: number): WatchedProcurement {
  const first = Math.min(...entry.keyDates.map((k) => Date.parse(k.at)));
  const shift = Math.ceil((Date.now() + (2 * copy + 1) * DAY_MS - first) / DAY_MS) * DAY_MS;
  return {
    ...entry,
    keyDates: entry.keyDates.map((k) => ({ ...k, at: new Date(Date.parse(k.at) + shift).toISOString() })),
    bidStatus: copy % 6 === 2 ? 'preparing' : copy % 9 === 4 ? 'submitted' : entry.bidStatus,
    unseenChanges: copy % 7 === 3 ? [noticeFound] : [],
  };
}

/** How many rows of the popup's list lie wholly between the top of the page and `height`. */
const rowsWithin = (page: TestPage, height: number) =>
  page.evaluate(
    ({ rows, height }) =>
      [...document.querySelectorAll(rows)].filter((row) => {
        const box = row.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= height;
      }).length,
    { rows: UI.popup.rows, height },
  );

/** The focused element: its text, its `aria-expanded`, and the index of its row. */
const focused = (page: TestPage) =>
  page.evaluate((rows) => {
    const el = document.activeElement;
    const row = el?.closest('li');
    return {
      text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      expanded: el?.getAttribute('aria-expanded') ?? null,
      row: row ? [...document.querySelectorAll(rows)].indexOf(row) : -1,
    };
  }, UI.popup.rows);

/** Whether the title of row `index` is cut (wider than the room it has). */
const titleCut = (page: TestPage, index: number) =>
  page.evaluate(
    ({ rows, title, index }) => {
      const heading = document.querySelectorAll(rows)[index]?.querySelector(title);
      return heading ? heading.scrollWidth > heading.clientWidth : null;
    },
    { rows: UI.popup.rows, title: UI.popup.rowTitle, index },
  );

/** The region the focused element controls (`aria-controls`): whether it shows, and its buttons. */
const controlledRegion = (page: TestPage) =>
  page.evaluate(() => {
    const id = document.activeElement?.getAttribute('aria-controls');
    const region = id ? document.getElementById(id) : null;
    if (!region) return null;
    return {
      hidden: region.hidden,
      height: Math.round(region.getBoundingClientRect().height),
      buttons: [...region.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? (b.textContent ?? '').trim()),
    };
  });

let server: FtsServer;
beforeAll(async () => {
  server = await startFtsServer();
});
afterAll(async () => {
  await server?.close();
});

for (const name of BROWSERS) {
  describeInBrowser(name, 'the popup’s compact rows', () => {
    let browser: E2EBrowser;
    let popup: TestPage;
    const c = renamed(journeyCase(), '741');
    beforeAll(async () => {
      browser = await launch(name, { server });
      server.notice(c.noticeId, { page: html(ftsNoticePage({ noticeId: c.noticeId, ocid: c.ocid, title: c.title })) });
      server.procurement(c.ocid, ftsReleases(c.text));
      const page = await browser.openPage(`${FTS_ORIGIN}/Notice/${c.noticeId}`);
      await waitForPanel(page);
      await clickPanelButton(page, WATCH_TEXT.off);
      await waitForWatched(page, true);
      await page.close();
      await watchCopies(browser, 50, vary);
      popup = await browser.openPopup();
      await popup.setViewport(POPUP.width, POPUP.height);
      await waitForPopupRows(popup, 50);
    });
    afterAll(async () => {
      await browser?.dispose();
    });

    it('with 50 watched, at least 8 rows lie wholly within the first 600 px, and nothing is wider than the popup', async () => {
      await popup.screenshot('popup-rows-50');
      const within = await rowsWithin(popup, POPUP.height);
      expect(within).toBeGreaterThanOrEqual(8);
      expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(POPUP.width);
      await expectAxeClean(popup, 'page', 'the popup with 50 procurements, at its size');
    });

    it('a row’s details open from the keyboard: Tab to Details, Enter; aria-expanded flips and the focus stays', async () => {
      // The first row's title link, then Tab: its Details button.
      const title = await popup.evaluate((selector) => {
        const link = document.querySelector<HTMLAnchorElement>(`${selector} a[href]`);
        link?.focus();
        return document.activeElement === link ? (link?.textContent ?? '') : null;
      }, `${UI.popup.rows}:first-child ${UI.popup.rowTitle}`);
      expect(title).toBeTruthy();
      await popup.press('Tab');
      expect(await focused(popup)).toEqual({ text: `Details of ${title}`, expanded: 'false', row: 0 });
      // "Highways Drainage, Gully Cleansing and CCTV Survey Services" is longer than a row: cut to one line.
      expect(await titleCut(popup, 0)).toBe(true);
      expect(await controlledRegion(popup)).toEqual({ hidden: true, height: 0, buttons: [] });

      await popup.press('Enter');
      await popup.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'true');
      expect(await focused(popup)).toEqual({ text: `Details of ${title}`, expanded: 'true', row: 0 });
      const open = await controlledRegion(popup);
      expect(open?.hidden).toBe(false);
      expect(open?.height).toBeGreaterThan(0);
      expect(open?.buttons).toContain(`Unwatch ${title}`);
      // Open, the row shows the whole title.
      expect(await titleCut(popup, 0)).toBe(false);
      await popup.screenshot('popup-rows-details-open');
      await expectAxeClean(popup, 'page', 'the popup with a row’s details open');

      // Enter again closes them, the focus still there.
      await popup.press('Enter');
      await popup.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'false');
      expect(await focused(popup)).toEqual({ text: `Details of ${title}`, expanded: 'false', row: 0 });
      expect((await controlledRegion(popup))?.hidden).toBe(true);
    });
  });
}
