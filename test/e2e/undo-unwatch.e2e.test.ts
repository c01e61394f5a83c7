/**
 * Undo of an Unwatch, in real browsers with the BUILT extension: a served FTS notice is watched
 * and given a note; Unwatch in the popup (from the keyboard) says "Removed … from your
 * watchlist." with an Undo button that takes the focus; Undo (Enter) brings the row back with its
 * note, the focus on its title, and the notice's panel shows it watched again. In the panel,
 * Unwatch and Undo keep the focus on the panel's own buttons; on the watchlist page, as in the popup. Past the 10 seconds the Undo goes
 * and the focus lands on the list's heading. axe finds nothing wrong with the notice showing.
 *
 * One procurement for the whole file: the stand-in's FTS is read once (the client keeps 13 s
 * between requests), each test starts with it watched.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { UNDO_MS } from '../../lib/watchlist/undo.ts';
import { expectAxeClean } from './axe.ts';
import { BROWSERS, describeInBrowser, launch, type E2EBrowser, type TestPage } from './browsers.ts';
import { journeyCase, renamed } from './e2e-fixtures.ts';
import { UI, WATCH_TEXT, clickPanelButton, clickPopupButton, guardFtsWatchButton, openPopupDetails, typeKeys, waitForPanel, waitForPopupRows, waitForWatched } from './extension-ui.ts';
import { FTS_ORIGIN, ftsNoticePage, ftsReleases, html, startFtsServer, type FtsServer } from './fts-server.ts';

const NOTE = 'Call the buyer';
/** The Undo notice's live region (components/UndoNotice.tsx). */
const UNDO_STATUS = '.tt-undo [role="status"]';

interface Focused {
  /** The focused element's tag, or null when the focus is on nothing (the body). */
  tag: string | null;
  /** Its name as the user hears it: aria-label, else its text. */
  name: string;
}

/** What has the focus in an extension page. */
const focusedInPage = (page: TestPage): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: null, name: '' };
    return { tag: el.localName, name: (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim() };
  });

/** What has the focus inside the panel's closed root. */
const focusedInPanel = (page: TestPage): Promise<Focused> =>
  page.inPanel((root) => {
    const el = root.activeElement;
    if (!el) return { tag: null, name: '' };
    return { tag: el.localName, name: (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim() };
  });

const waitForUndoText = (page: TestPage, text: string) => page.waitForFunction(({ selector, text }) => document.querySelector(selector)?.textContent === text, { selector: UNDO_STATUS, text });

/** Focus the popup's button named `name` (its aria-label), as Tab would reach it. */
const focusButton = (page: TestPage, name: string) =>
  page.evaluate((name) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === name);
    button?.focus();
    return document.activeElement === button;
  }, name);

/** The popup's compact row shows its notes, Unwatch and the rest behind its Details button. */
let server: FtsServer;
beforeAll(async () => {
  server = await startFtsServer();
});
afterAll(async () => {
  await server?.close();
});

for (const name of BROWSERS) {
  describeInBrowser(name, 'undo unwatch', () => {
    const c = renamed(journeyCase(), '821');
    const unwatchName = `Unwatch ${c.title}`;
    const undoName = `Undo removing ${c.title}`;
    let browser: E2EBrowser;
    let notice: TestPage;
    beforeAll(async () => {
      browser = await launch(name, { server });
      server.notice(c.noticeId, { page: html(ftsNoticePage({ noticeId: c.noticeId, ocid: c.ocid, title: c.title })) });
      server.procurement(c.ocid, ftsReleases(c.text));
      notice = await browser.openPage(`${FTS_ORIGIN}/Notice/${c.noticeId}`);
      await guardFtsWatchButton(notice);
      await waitForPanel(notice);
      await waitForWatched(notice, false);
      await clickPanelButton(notice, WATCH_TEXT.off);
      await waitForWatched(notice, true);
    });
    afterAll(async () => {
      await browser?.dispose();
    });

    it('Unwatch in the popup, then Undo from the keyboard: the row is back with its note, and the panel shows it watched', async () => {
      let popup = await browser.openPopup();
      await waitForPopupRows(popup, 1);
      // A note, through the row's notes form; saved on leaving the box.
      await openPopupDetails(popup, c.title);
      await clickPopupButton(popup, `Your notes on ${c.title}`);
      await popup.waitForFunction(() => document.querySelector('form.tt-notes textarea') != null);
      await popup.evaluate(() => document.querySelector<HTMLTextAreaElement>('form.tt-notes textarea')!.focus());
      await typeKeys(popup, NOTE);
      await popup.press('Tab');
      await popup.waitForFunction(() => document.querySelector('form.tt-notes [role="status"]')?.textContent === 'Notes saved.');
      await popup.close();
      // Kept by the background: a new popup reads it back.
      popup = await browser.openPopup();
      await waitForPopupRows(popup, 1);
      await openPopupDetails(popup, c.title);
      await popup.waitForFunction((note) => document.querySelector('.tt-row__note')?.textContent === note, NOTE);

      expect(await focusButton(popup, unwatchName)).toBe(true);
      await popup.press('Enter');
      await waitForPopupRows(popup, 0);
      await waitForUndoText(popup, `Removed ${c.title} from your watchlist.`);
      expect(await focusedInPage(popup)).toEqual({ tag: 'button', name: undoName });
      await waitForWatched(notice, false);
      await popup.screenshot('undo-popup-removed');
      await expectAxeClean(popup, 'page', 'the popup with the Undo notice');

      await popup.press('Enter');
      await waitForPopupRows(popup, 1);
      await waitForUndoText(popup, `${c.title} is back on your watchlist.`);
      expect(await focusedInPage(popup)).toEqual({ tag: 'a', name: c.title });
      expect(await popup.evaluate(() => document.querySelector('.tt-undo button'))).toBeNull();
      await openPopupDetails(popup, c.title);
      expect(await popup.evaluate(() => document.querySelector('.tt-row__note')?.textContent)).toBe(NOTE);
      await waitForWatched(notice, true);
      await expectAxeClean(popup, 'page', 'the popup after Undo');
      await popup.close();
    });

    it('Unwatch in the panel, then Undo from the keyboard: watched again, the focus on Watch', async () => {
      // A tab of its own: Firefox's tab brought back to the front has no focus for the keyboard (document.hasFocus() is false).
      const page = await browser.openPage(`${FTS_ORIGIN}/Notice/${c.noticeId}`);
      await waitForPanel(page);
      await waitForWatched(page, true);
      await clickPanelButton(page, WATCH_TEXT.on);
      await waitForWatched(page, false);
      await page.waitInPanel((root, { selector, text }) => root.querySelector(selector)?.textContent === text, { selector: UNDO_STATUS, text: `Removed ${c.title} from your watchlist.` });
      expect(await focusedInPanel(page)).toEqual({ tag: 'button', name: WATCH_TEXT.off });
      await expectAxeClean(page, 'panel', 'the panel with the Undo notice');
      await page.screenshot('undo-panel-removed');
      // The next stop after Watch is Undo.
      await page.press('Tab');
      expect(await focusedInPanel(page)).toEqual({ tag: 'button', name: undoName });
      await page.press('Enter');
      await waitForWatched(page, true);
      await page.waitInPanel((root, { selector, text }) => root.querySelector(selector)?.textContent === text, { selector: UNDO_STATUS, text: `${c.title} is back on your watchlist.` });
      expect(await focusedInPanel(page)).toEqual({ tag: 'button', name: WATCH_TEXT.on });
      // The other tab follows; the popup lists it, note and all.
      await waitForWatched(notice, true);
      const popup = await browser.openPopup();
      await waitForPopupRows(popup, 1);
      await openPopupDetails(popup, c.title);
      expect(await popup.evaluate(() => document.querySelector('.tt-row__note')?.textContent)).toBe(NOTE);
      await popup.close();
      await page.close();
    });

    it('Unwatch on the watchlist page, then Undo from the keyboard: the row is back, the focus on its title', async () => {
      const page = await browser.openExtensionPage('/watchlist.html');
      await page.waitForFunction((s) => document.querySelectorAll(s).length === 1, UI.table.rows);
      expect(await focusButton(page, unwatchName)).toBe(true);
      await page.press('Enter');
      await page.waitForFunction((s) => document.querySelectorAll(s).length === 0, UI.table.rows);
      await waitForUndoText(page, `Removed ${c.title} from your watchlist.`);
      expect(await focusedInPage(page)).toEqual({ tag: 'button', name: undoName });
      await expectAxeClean(page, 'page', 'the watchlist page with the Undo notice');
      await page.press('Enter');
      await waitForUndoText(page, `${c.title} is back on your watchlist.`);
      expect(await page.evaluate((s) => document.querySelectorAll(s).length, UI.table.rows)).toBe(1);
      expect(await focusedInPage(page)).toEqual({ tag: 'a', name: c.title });
      await waitForWatched(notice, true);
      await page.close();
    });

    it(`past ${UNDO_MS / 1000} seconds the Undo goes, and the focus goes to the list's heading`, async () => {
      const popup = await browser.openPopup();
      await waitForPopupRows(popup, 1);
      await openPopupDetails(popup, c.title);
      expect(await focusButton(popup, unwatchName)).toBe(true);
      await popup.press('Enter');
      await waitForUndoText(popup, `Removed ${c.title} from your watchlist.`);
      expect(await focusedInPage(popup)).toEqual({ tag: 'button', name: undoName });
      await popup.waitForFunction(() => document.querySelector('.tt-undo button') == null, undefined, UNDO_MS + 5_000);
      // Still says what happened; the focus went to the heading, the list being empty.
      expect(await popup.evaluate((s) => document.querySelector(s)?.textContent, UNDO_STATUS)).toBe(`Removed ${c.title} from your watchlist.`);
      expect(await focusedInPage(popup)).toEqual({ tag: 'h1', name: 'Watchlist' });
      expect(await popup.evaluate((s) => document.querySelectorAll(s).length, UI.popup.rows)).toBe(0);
      await waitForWatched(notice, false);
      await popup.close();
    });
  });
}
