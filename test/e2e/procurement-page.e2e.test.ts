/**
 * FTS's procurement page (`/procurement/{ocid}`, which FTS links to), in real browsers with
 * the BUILT extension: the panel shows the procurement of the ocid in the address, read in one
 * request for every release of that ocid; no notice is "the one open", so none is marked and
 * no "newer notice" banner shows; Watch stores it with no further request. An address whose
 * ocid is not of FTS's form is said so, and nothing is asked of FTS.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { expectAxeClean } from './axe.ts';
import { BROWSERS, describeInBrowser, launch, type BrowserName, type E2EBrowser } from './browsers.ts';
import { UI, WATCH_TEXT, clickPanelButton, panelText, popupRows, timelineItems, waitForPanel, waitForPopupRows, waitForWatched } from './extension-ui.ts';
import { FTS_ORIGIN, PROCUREMENT_PAGE, ftsProcurementPage, ftsReleases, html, startFtsServer, type FtsServer } from './fts-server.ts';

const record = readFileSync(fileURLToPath(new URL('../fixtures/fts/records/ocds-h6vhtk-05cfd9.json', import.meta.url)), 'utf8');
const { ocid } = PROCUREMENT_PAGE;

let server: FtsServer;
beforeAll(async () => {
  server = await startFtsServer();
});
afterAll(async () => {
  await server?.close();
});

for (const name of BROWSERS) {
  describeInBrowser(name, 'FTS procurement page', (browserName: BrowserName) => {
    let browser: E2EBrowser;
    beforeAll(async () => {
      browser = await launch(browserName, { server });
    });
    afterAll(async () => {
      await browser?.dispose();
    });
    beforeEach(() => {
      server.reset();
    });

    it('shows the procurement of the ocid in the address, in one FTS request; Watch stores it, asking nothing more', async () => {
      server.procurementPage(ocid, html(ftsProcurementPage()));
      server.procurement(ocid, ftsReleases(record));
      const page = await browser.openPage(`${FTS_ORIGIN}/procurement/${ocid}`);
      await waitForPanel(page);
      // From the record: tender.title, the buyer party.
      expect(await panelText(page, UI.panel.title)).toBe('Out of Court Resolution');
      expect(await panelText(page, UI.panel.buyer)).toBe('The Police and Crime Commissioner for Leicestershire');
      // Both notices of its history (UK4 066750-2025, UK12 077802-2025), neither marked as the one open, and no banner.
      const notices = (await timelineItems(page)).filter((item) => item.kind === 'notice').map((item) => item.label);
      expect(notices).toHaveLength(2);
      expect(notices.join(' | ')).toMatch(/UK4.*\| .*UK12/);
      expect(await page.inPanel((root) => root.querySelectorAll('[aria-current]').length)).toBe(0);
      expect(await panelText(page, '.tt-newer')).toBeNull();
      await expectAxeClean(page, 'panel', 'the panel on a procurement page');
      expect(server.ftsDataRequests().map((r) => r.pathname)).toEqual([`/api/1.0/ocdsReleasePackages/${ocid}`]);

      await clickPanelButton(page, WATCH_TEXT.off);
      await waitForWatched(page, true);
      const popup = await browser.openPopup();
      await waitForPopupRows(popup, 1);
      const [row] = await popupRows(popup);
      expect(row).toContain('Out of Court Resolution');
      // Watch stored the read the panel made: still one request to FTS for data.
      expect(server.ftsDataRequests()).toHaveLength(1);
      await page.screenshot('procurement-page');
      for (const p of [popup, page]) await p.close();
    });

    it('an address whose ocid is not of FTS’s form says so, and asks FTS nothing', async () => {
      const bad = 'OCDS-H6VHTK-05CFD9';
      server.procurementPage(bad, html(ftsProcurementPage()));
      const page = await browser.openPage(`${FTS_ORIGIN}/procurement/${bad}`);
      await waitForPanel(page, UI.panel.alert);
      expect(await panelText(page, UI.panel.alert)).toMatch(/^This page's address does not name a procurement/);
      expect(server.ftsDataRequests()).toEqual([]);
      await page.close();
    });
  });
}
