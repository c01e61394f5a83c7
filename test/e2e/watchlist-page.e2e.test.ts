/**
 * The whole watchlist in a tab (watchlist.html), in real browsers with the BUILT extension:
 * the popup's link opens it; with 50 procurements the table is sorted by its column buttons
 * from the keyboard, filtered by words, a bid status is edited and kept, and axe finds nothing
 * wrong; with 5,000 it shows its first page and sorts the whole list.
 *
 * The watchlist is written straight into the extension's database (`fillWatchlist`): entry i
 * is titled "Contract 000i", its submission deadline is (count − i) days from now, and every
 * tenth from the 8th (7, 17, 27 …) is tagged "priority". So by next key date the last entry
 * comes first, by title the first.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WatchedProcurement } from '../../lib/watchlist/entry.ts';
import { expectAxeClean } from './axe.ts';
import { BROWSERS, describeInBrowser, launch, type E2EBrowser, type TestPage } from './browsers.ts';
import { UI, clickPopupButton, clickPopupLink, fillWatchlist, keepSavedFiles, lastSavedFile, typeKeys, waitForPopupRows } from './extension-ui.ts';
import { startFtsServer, type FtsServer } from './fts-server.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const title = (i: number) => `Contract ${String(i).padStart(4, '0')}`;

function entries(count: number, now: Date): WatchedProcurement[] {
  return Array.from({ length: count }, (_, i) => {
    const noticeId = `${String(100000 + i)}-2026`;
    return {
      ocid: `ocds-h6vhtk-e${String(i).padStart(5, '0')}`,
      watchedFromNoticeId: noticeId,
      watchedFromUrl: `https://www.find-tender.service.gov.uk/Notice/${noticeId}`,
      title: title(i),
      buyer: i % 2 === 0 ? 'Bristol City Council' : 'Leeds City Council',
      value: { net: { amount: (i + 1) * 1000, currency: 'GBP' } },
      stage: 'tender',
      keyDates: [{ type: 'submissionDeadline', at: new Date(now.getTime() + (count - i) * DAY_MS).toISOString(), lots: [], source: '$.tender.tenderPeriod.endDate' }],
      watchedAt: new Date(now.getTime() - DAY_MS).toISOString(),
      note: '',
      tags: i % 10 === 7 ? ['priority'] : [],
      bidStatus: 'watching',
      unseenChanges: [],
      lastCheckedAt: new Date(now.getTime() - 3_600_000).toISOString(),
    };
  });
}

const { table } = UI;

/** The titles of the rows shown, in order. */
const titles = (page: TestPage) => page.evaluate((selector) => [...document.querySelectorAll(selector)].map((el) => (el.textContent ?? '').trim()), table.rowTitle);

/** Waits for the count to read `text` and for every row it counts on the page to be drawn (a screenful comes first, then the rest). */
async function waitForCount(page: TestPage, text: string, timeoutMs = 30_000): Promise<void> {
  const range = /^Showing ([\d,]+) to ([\d,]+) of/.exec(text);
  const number = (digits: string) => Number(digits.replaceAll(',', ''));
  const rows = range ? number(range[2]!) - number(range[1]!) + 1 : number(/^([\d,]+) procurements?/.exec(text)![1]!);
  await page.waitForFunction(
    ({ selector, text, rowSelector, rows }) => document.querySelector(selector)?.textContent === text && document.querySelectorAll(rowSelector).length === rows,
    { selector: table.count, text, rowSelector: table.rows, rows },
    timeoutMs,
  );
}

/** Focus the sort button of the column `label` (as Tab would) and press `key` on it. */
async function sortBy(page: TestPage, label: string, key: 'Enter' | 'Space'): Promise<void> {
  const found = await page.evaluate((label) => {
    const button = [...document.querySelectorAll<HTMLButtonElement>('th > button')].find((b) => b.textContent?.startsWith(label));
    button?.focus();
    return document.activeElement === button;
  }, label);
  expect(found).toBe(true);
  await page.press(key);
}

/** The `aria-sort` of each column header that has one. */
const ariaSorts = (page: TestPage) =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll('th[aria-sort]')].map((th) => [th.textContent?.replace(/[▲▼↕]/g, '').trim(), th.getAttribute('aria-sort')])));

let server: FtsServer;
beforeAll(async () => {
  server = await startFtsServer();
});
afterAll(async () => {
  await server?.close();
});

for (const name of BROWSERS) {
  describeInBrowser(name, 'the watchlist page', () => {
    let browser: E2EBrowser;
    let popup: TestPage;
    beforeAll(async () => {
      browser = await launch(name, { server });
      popup = await browser.openPopup();
      // The empty state means the background answered, so it has created the database.
      await waitForPopupRows(popup, 0);
    });
    afterAll(async () => {
      await browser?.dispose();
    });

    it('opens from the popup, with 50 procurements: sorted, filtered and edited from the keyboard; axe finds nothing', async () => {
      expect(await fillWatchlist(popup, entries(50, new Date()))).toBe(50);
      await popup.close();
      popup = await browser.openPopup();
      const page = await browser.pageOpenedBy(() => clickPopupLink(popup, 'Open the whole watchlist'), (url) => url.endsWith('/watchlist.html'));
      await page.waitForFunction(() => (document.querySelector('#root')?.childElementCount ?? 0) > 0);
      await waitForCount(page, '50 procurements');
      // As the list comes: soonest next key date first, so the last entry (a day away) leads.
      expect((await titles(page)).slice(0, 3)).toEqual([title(49), title(48), title(47)]);
      expect(await ariaSorts(page)).toEqual({ 'Next key date': 'ascending' });
      await expectAxeClean(page, 'page', 'the watchlist page with 50 procurements');

      await sortBy(page, 'Title', 'Enter');
      await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.textContent?.startsWith('Title'));
      expect(await ariaSorts(page)).toEqual({ Title: 'ascending' });
      expect((await titles(page)).slice(0, 2)).toEqual([title(0), title(1)]);
      expect(await page.evaluate(() => document.querySelector('caption')?.textContent)).toBe('Your watched procurements, by title (A to Z)');
      // Again: Z to A; the focus stays on the button.
      await page.press('Enter');
      await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.getAttribute('aria-sort') === 'descending');
      expect((await titles(page)).slice(0, 2)).toEqual([title(49), title(48)]);
      expect(await page.evaluate(() => document.activeElement?.textContent?.startsWith('Title'))).toBe(true);

      await sortBy(page, 'Next key date', 'Space');
      await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.textContent?.startsWith('Next key date'));
      expect(await ariaSorts(page)).toEqual({ 'Next key date': 'ascending' });
      expect((await titles(page)).slice(0, 2)).toEqual([title(49), title(48)]);
      await page.press('Space');
      await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.getAttribute('aria-sort') === 'descending');
      expect((await titles(page)).slice(0, 2)).toEqual([title(0), title(1)]);

      // Words: 7, 17, 27, 37, 47 are tagged "priority", shown latest deadline first.
      expect(await page.evaluate(() => (document.querySelector<HTMLInputElement>('input[type="search"]')?.focus(), document.activeElement?.localName))).toBe('input');
      await typeKeys(page, 'priority');
      await waitForCount(page, '5 procurements (of 50)');
      expect(await titles(page)).toEqual([title(7), title(17), title(27), title(37), title(47)]);
      await expectAxeClean(page, 'page', 'the watchlist page, filtered');

      // Contract 0017's bid status, from its notes.
      await clickPopupButton(page, `Your notes on ${title(17)}`);
      const select = 'form[aria-label="Your notes on Contract 0017"] select';
      await page.waitForFunction((s) => document.querySelector(s) != null, select);
      await page.evaluate((s) => document.querySelector<HTMLSelectElement>(s)!.focus(), select);
      await page.press('ArrowDown');
      await page.waitForFunction(
        (ocid) => document.querySelector(`tr[data-ocid="${ocid}"] .tt-table__bid`)?.textContent === 'Preparing bid',
        'ocds-h6vhtk-e00017',
      );
      await expectAxeClean(page, 'page', 'the watchlist page, editing notes');
      await page.close();

      // Kept: the popup and the page read it back.
      const again = await browser.openExtensionPage('/watchlist.html');
      await waitForCount(again, '50 procurements');
      expect(await again.evaluate(() => document.querySelector('tr[data-ocid="ocds-h6vhtk-e00017"] .tt-table__bid')?.textContent)).toBe('Preparing bid');
      await again.screenshot('watchlist-page-50');
      await again.close();
    });

    it('Add to calendar on a row saves that procurement’s calendar, and only its', async () => {
      popup = await browser.openPopup();
      const now = new Date();
      const watched = entries(50, now);
      expect(await fillWatchlist(popup, watched)).toBe(50);
      const page = await browser.openExtensionPage('/watchlist.html');
      await waitForCount(page, '50 procurements');
      await keepSavedFiles(page);
      await clickPopupButton(page, `Add to calendar: ${title(17)}`);
      await page.waitForFunction(() => document.body.textContent?.includes('Downloading tender-timeline-contract-0017-ocds-h6vhtk-e00017.ics.') === true);
      const ics = (await lastSavedFile(page)).split('\r\n');
      // Contract 0017's one key date: its submission deadline, 33 days from now, as a timed event in UTC.
      const deadline = new Date(now.getTime() + 33 * DAY_MS).toISOString();
      expect(watched[17]!.keyDates.map((k) => k.at)).toEqual([deadline]);
      expect(ics[0]).toBe('BEGIN:VCALENDAR');
      expect(ics.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
      expect(ics).toContain(`DTSTART:${deadline.slice(0, 19).replace(/[-:]/g, '')}Z`);
      expect(ics).toContain('SUMMARY:Submission deadline — Contract 0017');
      expect(ics).toContain('URL:https://www.find-tender.service.gov.uk/Notice/100017-2026');
      await popup.close();
      await page.close();
    });

    it('with 5,000 procurements shows the first page and sorts all of them', async () => {
      // The popup closed itself when it opened the page: write from a new one.
      popup = await browser.openPopup();
      expect(await fillWatchlist(popup, entries(5000, new Date()))).toBe(5000);
      const page = await browser.openExtensionPage('/watchlist.html');
      await waitForCount(page, 'Showing 1 to 100 of 5,000 procurements');
      expect(await page.evaluate((s) => document.querySelectorAll(s).length, table.rows)).toBe(100);
      expect((await titles(page))[0]).toBe(title(4999));
      await sortBy(page, 'Title', 'Enter');
      await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.textContent?.startsWith('Title'));
      expect((await titles(page))[0]).toBe(title(0));
      await page.press('Enter');
      await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.getAttribute('aria-sort') === 'descending');
      expect((await titles(page))[0]).toBe(title(4999));
      await clickPopupButton(page, 'Next page');
      await waitForCount(page, 'Showing 101 to 200 of 5,000 procurements');
      expect((await titles(page))[0]).toBe(title(4899));
      await expectAxeClean(page, 'page', 'the watchlist page with 5,000 procurements');
      await page.close();
    });
  });
}
