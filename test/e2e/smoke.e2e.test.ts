/**
 * Smoke: in each real browser the built extension loads, its popup renders, and a real saved
 * FTS notice page is served at its real URL by the stand-in (its third-party scripts and
 * styles refused without hanging the load).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BROWSERS, describeInBrowser, launch, type E2EBrowser } from './browsers.ts';
import { D3_ORIGIN, FTS_ORIGIN, d3tendersPage, ftsNoticePage, html, startFtsServer, type FtsServer } from './fts-server.ts';

const NOTICE_ID = '008624-2023';
const NOTICE_TITLE = 'National Framework Agreement for Adalimumab Injection 1 April 2023';

let server: FtsServer;
beforeAll(async () => {
  server = await startFtsServer();
});
afterAll(async () => {
  await server?.close();
});

for (const name of BROWSERS) {
  describeInBrowser(name, 'smoke', () => {
    let browser: E2EBrowser | undefined;
    beforeAll(async () => {
      browser = await launch(name, { server });
    });
    afterAll(async () => {
      await browser?.dispose();
    });

    it('loads the built extension and renders its popup', async () => {
      const popup = await browser!.openPopup();
      const root = await popup.evaluate(() => {
        const el = document.querySelector('#root');
        return { children: el?.childElementCount ?? 0, text: el?.textContent?.trim() ?? '' };
      });
      expect(root.children).toBeGreaterThan(0);
      expect(root.text).not.toBe('');
      await popup.screenshot('smoke-popup');
      await popup.close();
    });

    it('serves the saved FTS notice page at its real URL, third parties refused', async () => {
      server.reset();
      server.notice(NOTICE_ID, { page: html(ftsNoticePage()) });
      const started = Date.now();
      const page = await browser!.openPage(`${FTS_ORIGIN}/Notice/${NOTICE_ID}`);
      const loadMs = Date.now() - started;
      expect(page.url()).toBe(`${FTS_ORIGIN}/Notice/${NOTICE_ID}`);
      const h1 = await page.evaluate(() => document.querySelector('main.notice-view h1')?.textContent?.trim());
      expect(h1).toBe(NOTICE_TITLE);
      // FTS's own button is on the page (journeys must never click it).
      expect(await page.evaluate(() => document.querySelector('#watch-notice-right')?.textContent?.trim())).toBe('Watch this notice');
      // The page came from the stand-in; its third-party assets were refused, quickly.
      expect(server.requests({ pathname: `/Notice/${NOTICE_ID}` })).toHaveLength(1);
      expect(server.refused().map((r) => r.target).join(' ')).toMatch(/googleapis|googletagmanager/);
      expect(loadMs).toBeLessThan(15_000);
      await page.screenshot('smoke-fts-notice');
      await page.close();
    });

    it('serves a d3tenders page (record in a <pre>) through the same stand-in', async () => {
      server.reset();
      const path = '/contract/?ocid=ocds-h6vhtk-000000';
      server.d3tenders(path, html(d3tendersPage({ ocid: 'ocds-h6vhtk-000000', tag: ['compiled'], tender: { title: 'Smoke <test> record' } })));
      const page = await browser!.openPage(`${D3_ORIGIN}${path}`);
      const pre = await page.evaluate(() => JSON.parse(document.querySelector('pre.ocds-json')?.textContent ?? 'null') as { tender?: { title?: string } } | null);
      expect(pre?.tender?.title).toBe('Smoke <test> record');
      expect(server.requests({ host: 'd3tenders.com', pathname: '/contract/' })).toHaveLength(1);
      await page.close();
    });
  });
}
