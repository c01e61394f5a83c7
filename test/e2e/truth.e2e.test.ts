/**
 * The timeline is true on real FTS data, in real browsers with the BUILT extension: a
 * terminated procurement has nothing coming up, planned dates read as expected, and a date
 * FTS published without a time stays a day; an award notice says who won, at what value;
 * an old version of a notice says first that a newer one was published. Each case serves a
 * real FTS document unedited (test/fixtures/fts/) as FTS serves the releases of the
 * notice's ocid; the expected lines were read from the JSON.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BROWSERS, describeInBrowser, launch, type BrowserName, type E2EBrowser } from './browsers.ts';
import { WATCH_TEXT, clickPanelButton, keyDateItems, panelText, panelTexts, popupRows, waitForPanel, waitForPopupRows, waitForWatched } from './extension-ui.ts';
import { FTS_ORIGIN, ftsNoticePage, ftsReleases, html, rawJson, startFtsServer, type FtsServer } from './fts-server.ts';

const fixture = (path: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/fts/${path}`, import.meta.url)), 'utf8');

/**
 * Releases of a recorded list page as one package: the page's package fields with
 * `releases` holding those chosen (by release id: FTS's own release package for that notice).
 */
function releasePackage(pagePath: string, choose: string | ((release: { id: string; ocid: string }) => boolean)): string {
  const page = JSON.parse(fixture(pagePath)) as { releases: Array<{ id: string; ocid: string }> };
  const keep = typeof choose === 'string' ? (r: { id: string }) => r.id === choose : choose;
  return JSON.stringify({ ...page, releases: page.releases.filter(keep) });
}

/** Each key date's label as shown, its countdown left out. */
const labels = (items: Awaited<ReturnType<typeof keyDateItems>>) => items.map((i) => i.label.split(' — ')[0]!.trim());

let server: FtsServer;
beforeAll(async () => {
  server = await startFtsServer();
});
afterAll(async () => {
  await server?.close();
});

for (const name of BROWSERS) {
  describeInBrowser(name, 'truth on real FTS data', (browserName: BrowserName) => {
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

    it('a terminated procurement has nothing coming up: its later dates read "No longer happening"', async () => {
      // ocds-h6vhtk-05cfd9: UK4 066750-2025, then the UK12 procurement termination notice 077802-2025
      // (27 November 2025). Lot 1's contract would have ended 31 March 2028 (23:59:59+01:00) and, fully
      // extended, 31 March 2029: both after today, and neither will happen.
      const noticeId = '077802-2025';
      server.notice(noticeId, { page: html(ftsNoticePage({ noticeId, ocid: 'ocds-h6vhtk-05cfd9', title: 'Out of Court Resolution' })) });
      server.procurement('ocds-h6vhtk-05cfd9', ftsReleases(fixture('records/ocds-h6vhtk-05cfd9.json')));
      const page = await browser.openPage(`${FTS_ORIGIN}/Notice/${noticeId}`);
      await waitForPanel(page);
      const items = await keyDateItems(page);
      // When (countdown left out) | label, read from the record: the dates after the UK12 carry
      // "No longer happening" in words, not only a strike-through.
      expect(items.map((i) => `${i.when.split(' — ')[0]} | ${i.label}`)).toEqual([
        '19 November 2025, 2pm | Enquiry deadline',
        '24 November 2025, 2pm | Submission deadline',
        '27 November 2025 | Procurement cancelled',
        '1 January 2026, 11:59pm | Award period ends No longer happening',
        '1 April 2026 | Contract starts No longer happening',
        '31 March 2028, 11:59pm | Contract ends No longer happening',
        '31 March 2029, 11:59pm | Contract ends if fully extended No longer happening',
      ]);
      expect(items.some((i) => i.next)).toBe(false);
      const nextUp = (await panelTexts(page, 'section')).find((text) => text.startsWith('Next up')) ?? '';
      expect(nextUp).toContain('Nothing is coming up: this procurement was cancelled.');
      expect(nextUp).not.toContain('Contract ends');

      // Watched, it is no one's next date in the popup either.
      await clickPanelButton(page, WATCH_TEXT.off);
      await waitForWatched(page, true);
      const popup = await browser.openPopup();
      await waitForPopupRows(popup, 1);
      const [row] = await popupRows(popup);
      expect(row).toContain('Out of Court Resolution');
      expect(row).not.toContain('Contract ends');
      await popup.screenshot('truth-terminated-popup');
      await page.screenshot('truth-terminated');
      for (const p of [popup, page]) await p.close();
    });

    it('dates only a planned procurement notice gave read as expected', async () => {
      // ocds-h6vhtk-067b89: five UK3 planned procurement notices, the latest 045280-2026. Its
      // submission deadline (1 July 2026), award period end, and lots 1–3's contract start
      // (1 April 2027), end (31 March 2031) and full extension (31 March 2036) are all planned.
      const noticeId = '045280-2026';
      server.notice(noticeId, { page: html(ftsNoticePage({ noticeId, ocid: 'ocds-h6vhtk-067b89', title: 'West Midlands victim services' })) });
      server.procurement('ocds-h6vhtk-067b89', ftsReleases(fixture('records/ocds-h6vhtk-067b89.json')));
      const page = await browser.openPage(`${FTS_ORIGIN}/Notice/${noticeId}`);
      await waitForPanel(page);
      expect(labels(await keyDateItems(page))).toEqual([
        'Next notice expected',
        'Submission deadline (expected)',
        'Award period ends (expected)',
        'Contract starts (expected)',
        'Contract ends (expected)',
        'Contract ends if fully extended (expected)',
      ]);
      await page.close();
    });

    it('a deadline published without a time reads as the day alone', async () => {
      // Release 076444-2026 (ocds-h6vhtk-06e1df, old regime, CELEX 32014L0024) in the recorded
      // page-001: tender.tenderPeriod.endDate is "2026-08-25", no time.
      const noticeId = '076444-2026';
      server.notice(noticeId, { page: html(ftsNoticePage({ noticeId, ocid: 'ocds-h6vhtk-06e1df', title: 'Medicine Dispensing Lockers - Provision & Support' })) });
      // The procurement's one release, in the recorded page's own envelope.
      server.procurement('ocds-h6vhtk-06e1df', rawJson(releasePackage('api/whole-stream/page-001.json', noticeId)));
      const page = await browser.openPage(`${FTS_ORIGIN}/Notice/${noticeId}`);
      await waitForPanel(page);
      const submission = (await keyDateItems(page)).find((i) => labels([i])[0] === 'Submission deadline');
      expect(submission).toBeDefined();
      expect(submission!.when.split(' — ')[0]).toBe('25 August 2026');
      expect(submission!.datetimes).toEqual(['2026-08-25']);
      await page.close();
    });

    it('an F03 contract award notice says who won and at what value, and asks for no submission', async () => {
      // Release 076457-2026 (ocds-h6vhtk-06e1e4, CELEX 32014L0024, tags award+contract): award to
      // "Imosphere Ltd"; its contract's value 88450 GBP, signed "2026-08-11T00:00:00+01:00".
      const noticeId = '076457-2026';
      server.notice(noticeId, { page: html(ftsNoticePage({ noticeId, ocid: 'ocds-h6vhtk-06e1e4', title: 'Contract award' })) });
      server.procurement('ocds-h6vhtk-06e1e4', rawJson(releasePackage('api/whole-stream/page-001.json', (r) => r.ocid === 'ocds-h6vhtk-06e1e4')));
      const tab = await browser.openPage(`${FTS_ORIGIN}/Notice/${noticeId}`);
      await waitForPanel(tab);
      const facts = await tab.inPanel((root) =>
        [...root.querySelectorAll('.tt-award .tt-facts__row')].map((row) => [...row.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()).join(': ')),
      );
      expect(await panelText(tab, '.tt-award__name')).toBe('Lot 1');
      expect(facts.slice(0, 2)).toEqual(['Supplier: Imosphere Ltd', 'Value: £88,450']);
      expect(facts[2]).toMatch(/^Contract signed: 11 August 2026/);
      const act = (await panelTexts(tab, 'section')).find((text) => text.startsWith('Where to act')) ?? '';
      expect(act).not.toContain('Submission');
      await tab.screenshot('bidder-info-f03');
      await tab.close();
    });

    it('an F15 voluntary ex ante transparency notice says who the contract goes to, at what value, and asks for no submission', async () => {
      // Release 071461-2026 (ocds-h6vhtk-03d31c, CELEX 32014L0024, tags award+contract) in the recorded
      // page-050: "Please note this is a Voluntary Transparency Notice"; no tender.value; award "The
      // Supply Of Medical Gases" to "BOC Limited"; its contract's value 13750000 GBP, signed "2023-08-26T00:00:00+01:00".
      const noticeId = '071461-2026';
      server.notice(noticeId, { page: html(ftsNoticePage({ noticeId, ocid: 'ocds-h6vhtk-03d31c', title: 'The Supply Of Gases - Medical' })) });
      server.procurement('ocds-h6vhtk-03d31c', rawJson(releasePackage('api/whole-stream/page-050.json', (r) => r.ocid === 'ocds-h6vhtk-03d31c')));
      const tab = await browser.openPage(`${FTS_ORIGIN}/Notice/${noticeId}`);
      await waitForPanel(tab);
      const rows = (selector: string) =>
        tab.inPanel((root, selector) => [...root.querySelectorAll(selector)].map((row) => [...row.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()).join(': ')), selector);
      expect((await rows('.tt-summary .tt-facts__row'))[0]).toBe('Awarded value: £13,750,000');
      expect(await panelText(tab, '.tt-award__name')).toBe('The Supply Of Medical Gases');
      const facts = await rows('.tt-award .tt-facts__row');
      expect(facts.slice(0, 2)).toEqual(['Supplier: BOC Limited', 'Value: £13,750,000']);
      expect(facts[2]).toMatch(/^Contract signed: 26 August 2023/);
      const act = (await panelTexts(tab, 'section')).find((text) => text.startsWith('Where to act')) ?? '';
      expect(act).not.toContain('Submission');
      await tab.screenshot('truth-f15');
      await tab.close();
    });

    it('an old version of a notice says first that a newer one was published, what it changed, and links to it', async () => {
      // ocds-h6vhtk-06de32 ("Aids For Daily Living"): UK4 076174-2026 published 11 Aug 2026 12:05 BST with
      // tenders due "2026-09-02T00:00:00+01:00"; UK4 076194-2026 published 12:31 BST the same day, due
      // "2026-08-11T12:40:00+01:00": brought forward.
      const noticeId = '076174-2026';
      server.notice(noticeId, { page: html(ftsNoticePage({ noticeId, ocid: 'ocds-h6vhtk-06de32', title: 'Aids For Daily Living' })) });
      server.procurement('ocds-h6vhtk-06de32', rawJson(releasePackage('api/whole-stream/page-003.json', (r) => r.ocid === 'ocds-h6vhtk-06de32')));
      const tab = await browser.openPage(`${FTS_ORIGIN}/Notice/${noticeId}`);
      await waitForPanel(tab, '.tt-newer');
      const [banner] = await panelTexts(tab, '.tt-newer');
      expect(banner).toMatch(/^A newer notice was published on 11 August 2026:/);
      expect(banner).toContain('Submission deadline brought forward from 2 September 2026');
      expect(banner).toContain('Go to the latest notice: UK4: Tender notice, 076194-2026');
      const href = await tab.inPanel((root) => root.querySelector('.tt-newer a')?.getAttribute('href') ?? null);
      expect(href).toBe('https://www.find-tender.service.gov.uk/Notice/076194-2026');
      // Said first: before the procurement's title.
      const first = await tab.inPanel((root) => {
        const banner = root.querySelector('.tt-newer');
        const title = root.querySelector('.tt-summary__title');
        return Boolean(banner && title && banner.compareDocumentPosition(title) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      expect(first).toBe(true);
      await tab.close();
    });
  });
}
