/**
 * The timeline is true on real FTS data, in real browsers with the BUILT extension: a
 * terminated procurement has nothing coming up, planned dates read as expected, and a date
 * FTS published without a time stays a day. Each case serves a real FTS document unedited
 * (test/fixtures/fts/) at the notice's real URL; the expected lines were read from the JSON.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BROWSERS, describeInBrowser, launch, type BrowserName, type E2EBrowser } from './browsers.ts';
import { WATCH_TEXT, clickPanelButton, keyDateItems, panelTexts, popupRows, waitForPanel, waitForPopupRows, waitForWatched } from './extension-ui.ts';
import { FTS_ORIGIN, ftsNoticePage, html, rawJson, startFtsServer, type FtsServer } from './fts-server.ts';

const fixture = (path: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/fts/${path}`, import.meta.url)), 'utf8');

/**
 * One release of a recorded list page, as FTS's own release package for that notice: the
 * page's package fields with `releases` holding that release alone.
 */
function releasePackage(pagePath: string, releaseId: string): string {
  const page = JSON.parse(fixture(pagePath)) as { releases: Array<{ id: string }> };
  return JSON.stringify({ ...page, releases: page.releases.filter((r) => r.id === releaseId) });
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
      server.notice(noticeId, {
        page: html(ftsNoticePage({ noticeId, ocid: 'ocds-h6vhtk-05cfd9', title: 'Out of Court Resolution' })),
        record: rawJson(fixture('records/ocds-h6vhtk-05cfd9.json')),
      });
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
      server.notice(noticeId, {
        page: html(ftsNoticePage({ noticeId, ocid: 'ocds-h6vhtk-067b89', title: 'West Midlands victim services' })),
        record: rawJson(fixture('records/ocds-h6vhtk-067b89.json')),
      });
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
      server.notice(noticeId, {
        page: html(ftsNoticePage({ noticeId, ocid: 'ocds-h6vhtk-06e1df', title: 'Medicine Dispensing Lockers - Provision & Support' })),
        record: rawJson(releasePackage('api/whole-stream/page-001.json', noticeId)),
      });
      const page = await browser.openPage(`${FTS_ORIGIN}/Notice/${noticeId}`);
      await waitForPanel(page);
      const submission = (await keyDateItems(page)).find((i) => labels([i])[0] === 'Submission deadline');
      expect(submission).toBeDefined();
      expect(submission!.when.split(' — ')[0]).toBe('25 August 2026');
      expect(submission!.datetimes).toEqual(['2026-08-25']);
      await page.close();
    });
  });
}
