/**
 * Accessible to everyone (WCAG 2.2 AA), in real browsers with the BUILT extension: axe-core
 * finds nothing wrong, of any impact, in the panel (with deadlines a day and three days away,
 * whose countdowns stand out), in the popup with 0, 1 and 50 procurements, and in the options
 * page; focus stays on the Watch button when it is pressed and the new state is announced;
 * Escape collapses the panel; the message the background sends for the keyboard shortcut
 * opens and focuses it.
 *
 * Not tested here: the shortcut itself (the browser's extension commands cannot be pressed from
 * the test tools), only what the content script does with the background's message.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OPEN_PANEL_MESSAGE } from '../../lib/messages.ts';
import { expectAxeClean } from './axe.ts';
import { BROWSERS, describeInBrowser, launch, type E2EBrowser, type TestPage } from './browsers.ts';
import { journeyCase, renamed, type JourneyCase } from './e2e-fixtures.ts';
import { WATCH_TEXT, clickPanelButton, waitForPanel, waitForPopupRows, waitForWatched, watchCopies } from './extension-ui.ts';
import { FTS_ORIGIN, ftsNoticePage, ftsReleases, html, startFtsServer, type FtsServer } from './fts-server.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * record-delta-deadline-moves.json under a new ocid, with its enquiry deadline (2025-10-31T17:00:00Z)
 * a day from now and its submission deadline (2025-11-07T12:00:00Z) three days from now: both
 * under 7 days, so their countdowns are drawn as urgent.
 */
function urgentCase(tag: string): JourneyCase {
  const c = renamed(journeyCase(), tag);
  const at = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const text = c.text.replaceAll('2025-10-31T17:00:00Z', at(1)).replaceAll('2025-11-07T12:00:00Z', at(3));
  return { ...c, text };
}

/** What has the focus inside the panel's root: its text, or null. */
const focusedInPanel = (page: TestPage) => page.inPanel((root) => (root.activeElement ? (root.activeElement.textContent ?? '').replace(/\s+/g, ' ').trim() : null));

let server: FtsServer;
beforeAll(async () => {
  server = await startFtsServer();
});
afterAll(async () => {
  await server?.close();
});

for (const name of BROWSERS) {
  describeInBrowser(name, 'accessibility', () => {
    let browser: E2EBrowser;
    let page: TestPage;
    const c = urgentCase('711');
    beforeAll(async () => {
      browser = await launch(name, { server });
      server.notice(c.noticeId, { page: html(ftsNoticePage({ noticeId: c.noticeId, ocid: c.ocid, title: c.title })) });
      server.procurement(c.ocid, ftsReleases(c.text));
    });
    afterAll(async () => {
      await browser?.dispose();
    });

    it('the popup with an empty watchlist and the options page: axe finds nothing', async () => {
      const popup = await browser.openPopup();
      await waitForPopupRows(popup, 0);
      await expectAxeClean(popup, 'page', 'the popup with 0 procurements');
      await popup.close();
      const options = await browser.openExtensionPage('/options.html');
      await options.waitForFunction(() => document.querySelector('form') != null);
      await expectAxeClean(options, 'page', 'the options page');
      await options.close();
    });

    it('the panel with deadlines a day and three days away: axe finds nothing', async () => {
      page = await browser.openPage(`${FTS_ORIGIN}/Notice/${c.noticeId}`);
      await waitForPanel(page);
      await waitForWatched(page, false);
      expect(await page.inPanel((root) => root.querySelectorAll('.tt-countdown--urgent').length)).toBeGreaterThan(0);
      await page.screenshot('a11y-panel-urgent');
      await expectAxeClean(page, 'panel', 'the panel');
    });

    it('Watch keeps the focus on the button, and the new state is announced', async () => {
      await clickPanelButton(page, WATCH_TEXT.off);
      await waitForWatched(page, true);
      expect(await focusedInPanel(page)).toBe(WATCH_TEXT.on);
      expect(await page.inPanel((root) => root.querySelector('.tt-watch-status[role="status"]')?.textContent)).toBe('Added to your watchlist.');
      // By keyboard: Enter on the focused button, twice.
      await page.press('Enter');
      await waitForWatched(page, false);
      expect(await focusedInPanel(page)).toBe(WATCH_TEXT.off);
      // Said by the Undo notice beside it (undo-unwatch.e2e.test.ts), with the title.
      expect(await page.inPanel((root) => root.querySelector('.tt-undo [role="status"]')?.textContent)).toBe(`Removed ${c.title} from your watchlist.`);
      await page.press('Enter');
      await waitForWatched(page, true);
      expect(await focusedInPanel(page)).toBe(WATCH_TEXT.on);
      await expectAxeClean(page, 'panel', 'the panel, watched');
    });

    it('Escape collapses the panel to its tab, which takes the focus', async () => {
      await page.press('Escape');
      await page.waitInPanel((root) => root.querySelector('.tt-panel--collapsed') != null);
      expect(await focusedInPanel(page)).toBe('Tender Timeline');
      await expectAxeClean(page, 'panel', 'the collapsed panel');
    });

    it("the background's message for the keyboard shortcut opens the panel and focuses it", async () => {
      const popup = await browser.openPopup();
      const sent = await popup.evaluate(
        async ({ url, message }) => {
          type Tabs = { query(q: { url: string }): Promise<{ id?: number }[]>; sendMessage(id: number, m: unknown): Promise<unknown> };
          const g = globalThis as unknown as { browser?: { tabs: Tabs }; chrome?: { tabs: Tabs } };
          const api = (g.browser ?? g.chrome)!;
          const tabs = await api.tabs.query({ url });
          await api.tabs.sendMessage(tabs[0]!.id!, message);
          return tabs.length;
        },
        { url: `${FTS_ORIGIN}/Notice/*`, message: OPEN_PANEL_MESSAGE },
      );
      expect(sent).toBe(1);
      await popup.close();
      await page.waitInPanel((root) => root.querySelector('.tt-panel__body') != null);
      expect(await focusedInPanel(page)).toMatch(/^Tender Timeline/);
      expect(await page.evaluate(() => document.activeElement?.localName)).toBe('tender-timeline-panel');
    });

    it('the popup with 1 and with 50 procurements: axe finds nothing', async () => {
      const popup = await browser.openPopup();
      await waitForPopupRows(popup, 1);
      await expectAxeClean(popup, 'page', 'the popup with 1 procurement');

      // 49 more, from a backup of the one watched, each under its own ocid and title.
      await watchCopies(browser, 50);

      const full = await browser.openPopup();
      await waitForPopupRows(full, 50);
      await full.screenshot('a11y-popup-50', { fullPage: true });
      await expectAxeClean(full, 'page', 'the popup with 50 procurements');
      await full.close();
      await popup.close();
    });

    it('a framework of 20 lots, the lots of its key dates opened: axe finds nothing, and each line names its lots', async () => {
      const framework = renamed(journeyCase('framework-20-lots.json'), '712');
      server.notice(framework.noticeId, { page: html(ftsNoticePage({ noticeId: framework.noticeId, ocid: framework.ocid, title: framework.title })) });
      server.procurement(framework.ocid, ftsReleases(framework.text));
      const tab = await browser.openPage(`${FTS_ORIGIN}/Notice/${framework.noticeId}`);
      await waitForPanel(tab);
      const summaries = await tab.inPanel((root) => {
        const named = [...root.querySelectorAll<HTMLDetailsElement>('.tt-lots__named')];
        for (const details of named) details.open = true;
        named.find((details) => details.closest('.tt-timeline'))?.scrollIntoView();
        return named.map((details) => (details.querySelector('summary')?.textContent ?? '').trim());
      });
      // framework-20-lots.json: lots 1–8 share their dates, 9–14 theirs, 15–20 theirs (17 ends on its own).
      expect(summaries).toContain('Lots 1 to 8 and 18');
      expect(summaries).toContain('Lots 9 to 14');
      await tab.screenshot('a11y-panel-framework-lots');
      await expectAxeClean(tab, 'panel', 'the panel of a framework of 20 lots, lots opened');
      await tab.close();
    });
  });
}
