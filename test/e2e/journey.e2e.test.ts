/**
 * The user's journey in real browsers with the BUILT extension (issue: overlay + watchlist):
 * a served FTS notice page and its procurement's releases → the panel (title, every key date) → Watch
 * (our button, never FTS's "Watch this notice") → the popup lists it → unwatch empties it →
 * a restart keeps the watchlist; hostile data stays text; 429 then 200 honours Retry-After;
 * Watch on a republishing page stores FTS's data, read from FTS, or says why it cannot.
 *
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BROWSERS, describeInBrowser, launch, type BrowserName, type E2EBrowser, type TestPage } from './browsers.ts';
import { BUILD_DIRS } from './env.ts';
import { HOSTILE, HOSTILE_MARKER, compiledRecord, hostile, isoInstant, journeyCase, keyDates, renamed, type JourneyCase } from './e2e-fixtures.ts';
import {
  UI,
  WATCH_TEXT,
  clickPanelButton,
  clickPopupButton,
  clickPopupLink,
  ftsPageState,
  ftsWatchClicks,
  guardFtsWatchButton,
  hostileEffects,
  keyDateItems,
  noticeUnderPanel,
  openPopupDetails,
  panelBox,
  panelText,
  popupRows,
  takeBackup,
  timelineItems,
  unwatchInPopup,
  waitForPanel,
  waitForPopupRows,
  watchButtonState,
  waitForWatched,
  waitForPanelStatus,
} from './extension-ui.ts';
import { D3_ORIGIN, FTS_ORIGIN, d3tendersPage, ftsNoticePage, ftsReleases, html, json, rawJson, startFtsServer, tooManyRequests, type FtsServer, type Route } from './fts-server.ts';

/**
 * The key dates of record-delta-deadline-moves.json as the panel must show them, written
 * from its compiledRelease by hand (London time): enquiryPeriod.endDate 2025-10-31T17:00:00Z,
 * tenderPeriod.endDate 2025-11-07T12:00:00Z, awardPeriod.endDate 2025-12-19T23:59:59Z, and
 * lot 1's contractPeriod 2026-04-01T00:00:00+01:00 to 2030-03-31T23:59:59+01:00, extendable
 * to 2032-03-31T23:59:59+01:00. The countdown after " — " changes daily and is left out.
 * 23:59 reads "11:59pm"; midnight on a date that is no deadline is the date alone.
 */
const EXPECTED_KEY_DATE_LINES = [
  '31 October 2025, 5pm | Enquiry deadline',
  '7 November 2025, midday | Submission deadline',
  '19 December 2025, 11:59pm | Award period ends',
  '1 April 2026 | Contract starts',
  '31 March 2030, 11:59pm | Contract ends',
  '31 March 2032, 11:59pm | Contract ends if fully extended',
];

// The panel's styles are inside its script: no file of the extension is open to web pages.
describe('the built extension', () => {
  it.each(Object.entries(BUILD_DIRS))('for %s exposes none of its files to web pages', (_name, dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { web_accessible_resources?: unknown };
    expect(manifest.web_accessible_resources).toBeUndefined();
  });
});

let server: FtsServer;
beforeAll(async () => {
  server = await startFtsServer();
});
afterAll(async () => {
  await server?.close();
});

/** Serve a notice page (the real saved FTS page, re-labelled: it shows the ocid) and its procurement's releases. */
function serveNotice(c: JourneyCase, releases: Route = ftsReleases(c.text)): string {
  server.notice(c.noticeId, { page: html(ftsNoticePage({ noticeId: c.noticeId, ocid: c.ocid, title: c.title })) });
  server.procurement(c.ocid, releases);
  return `${FTS_ORIGIN}/Notice/${c.noticeId}`;
}

async function openNotice(browser: E2EBrowser, c: JourneyCase): Promise<TestPage> {
  const page = await browser.openPage(serveNotice(c));
  await guardFtsWatchButton(page);
  await waitForPanel(page);
  return page;
}

for (const name of BROWSERS) {
  describeInBrowser(name, 'journey', (browserName: BrowserName) => {
    describe('on notice pages', () => {
      let browser: E2EBrowser;
      const base = journeyCase();
      beforeAll(async () => {
        browser = await launch(browserName, { server });
      });
      afterAll(async () => {
        await browser?.dispose();
      });
      beforeEach(() => {
        server.reset();
      });

      it('shows the panel on a served FTS notice page: title, every key date, page untouched', async () => {
        const c = renamed(base, '101');
        const page = await openNotice(browser, c);
        expect(await panelText(page, UI.panel.title)).toBe(c.title);
        expect(await panelText(page, UI.panel.buyer)).toBe(c.buyer);

        const rendered = await keyDateItems(page);
        const expected = keyDates(c);
        expect(rendered.map((r) => r.datetimes[0])).toEqual(expected.map((e) => isoInstant(e.raw)));
        expect(rendered.map((r) => `${r.when.split(' — ')[0]} | ${r.label}`)).toEqual(EXPECTED_KEY_DATE_LINES);
        // Past and future apart: a "Today" marker sits between them.
        const items = await timelineItems(page);
        const today = items.findIndex((i) => i.kind === null);
        expect(today).toBeGreaterThan(-1);
        expect(items.slice(0, today).every((i) => i.past)).toBe(true);
        expect(items.slice(today + 1).every((i) => !i.past)).toBe(true);

        // The FTS page is still itself, and the extension asked FTS once: the releases of the ocid the page shows.
        const fts = await ftsPageState(page);
        expect(fts.title).toBe(c.title);
        expect(fts.watchButton).toBe('Watch this notice');
        expect(server.ftsDataRequests().map((r) => r.pathname)).toEqual([`/api/1.0/ocdsReleasePackages/${c.ocid}`]);
        // The panel has its own room beside the page: nothing of the notice is under it.
        expect(await noticeUnderPanel(page, await panelBox(page))).toEqual([]);
        await page.screenshot('journey-panel');
        await page.close();
      });

      it('watch in one tab shows in every tab; the popup lists it, opens the notice; unwatch empties it', async () => {
        const c = renamed(base, '102');
        const first = await openNotice(browser, c);
        const second = await openNotice(browser, c);
        await waitForWatched(first, false);

        await first.bringToFront();
        await clickPanelButton(first, WATCH_TEXT.off);
        await waitForWatched(first, true, 2_000); // "at once"
        await waitForWatched(second, true);
        expect(await ftsWatchClicks(first)).toBe(0);
        expect(await ftsWatchClicks(second)).toBe(0);

        const popup = await browser.openPopup();
        await waitForPopupRows(popup, 1);
        const [row] = await popupRows(popup);
        expect(row).toContain(c.title);
        await popup.screenshot('journey-popup');

        // One click opens the notice.
        const noticeUrl = `${FTS_ORIGIN}/Notice/${c.noticeId}`;
        const opened = await browser.pageOpenedBy(() => clickPopupLink(popup, c.title), (url) => url === noticeUrl);
        await waitForPanel(opened);
        await opened.close();

        // Unwatch from the popup: the list empties and the open tabs follow.
        await unwatchInPopup(popup, c.title);
        await waitForPopupRows(popup, 0);
        await waitForWatched(first, false);
        await waitForWatched(second, false);
        await popup.screenshot('journey-popup-empty');
        for (const p of [popup, first, second]) await p.close();
      });

      it('backs up and restores from the options page, which reads and writes the same database as the background', async () => {
        const c = renamed(base, '104');
        const page = await openNotice(browser, c);
        const opened: TestPage[] = [page];
        try {
          await clickPanelButton(page, WATCH_TEXT.off);
          await waitForWatched(page, true);

          const options = await browser.openExtensionPage('/options.html');
          opened.push(options);
          // The file the page saves is a Blob: kept, and the download link it makes goes nowhere.
          const file = await takeBackup(options);
          expect(JSON.parse(file).watchlist.map((e: { title?: string }) => e.title)).toEqual([c.title]);

          // Uninstalled and installed again, in effect: the watchlist emptied.
          const popup = await browser.openPopup();
          opened.push(popup);
          await waitForPopupRows(popup, 1);
          await unwatchInPopup(popup, c.title);
          await waitForPopupRows(popup, 0);
          await waitForWatched(page, false);

          await options.evaluate((text) => {
            const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
            const files = new DataTransfer();
            files.items.add(new File([text], 'backup.json', { type: 'application/json' }));
            input.files = files.files;
            input.dispatchEvent(new Event('change', { bubbles: true }));
          }, file);
          await options.waitForFunction(() => document.body.textContent?.includes('1 added.') === true, undefined, 30_000);
          // The background sees what the page wrote, and every open page is told.
          await waitForWatched(page, true);
          const again = await browser.openPopup();
          opened.push(again);
          await waitForPopupRows(again, 1);
          expect((await popupRows(again))[0]).toContain(c.title);
        } finally {
          // The tests after this one start from an empty watchlist.
          if ((await watchButtonState(page))?.pressed === 'true') {
            await clickPanelButton(page, WATCH_TEXT.on);
            await waitForWatched(page, false);
          }
          for (const p of opened) await p.close();
        }
      });

      it('shows hostile data as text: nothing runs, nothing is fetched, links stay https', async () => {
        const c = hostile(base);
        const page = await openNotice(browser, c);
        // Give a live <img>/<iframe> time to fail and fire its handler before looking.
        await new Promise((r) => setTimeout(r, 500));
        expect(await hostileEffects(page, HOSTILE_MARKER)).toEqual({ ran: null, liveElements: [], unsafeLinks: [] });
        expect(server.refused().filter((r) => r.target.includes('evil.example'))).toEqual([]);
        // The markup is shown as the text it is.
        expect(await panelText(page, UI.panel.title)).toContain(`<img src="https://evil.example/${HOSTILE_MARKER}.png"`);

        await clickPanelButton(page, WATCH_TEXT.off);
        await waitForWatched(page, true);
        const popup = await browser.openPopup();
        await waitForPopupRows(popup, 1);
        expect(await hostileEffects(popup, HOSTILE_MARKER)).toEqual({ ran: null, liveElements: [], unsafeLinks: [] });
        expect(server.refused().filter((r) => r.target.includes('evil.example'))).toEqual([]);
        await page.screenshot('journey-hostile');
        await unwatchInPopup(popup, HOSTILE.title);
        await waitForPopupRows(popup, 0);
        await popup.close();
        await page.close();
      });

      it('reads the record printed on a d3tenders page, without asking FTS', async () => {
        const c = renamed(base, '104');
        const path = `/contract/?ocid=${c.ocid}`;
        server.d3tenders(path, html(d3tendersPage(compiledRecord(c))));
        const page = await browser.openPage(`${D3_ORIGIN}${path}`);
        await waitForPanel(page);
        expect(await panelText(page, UI.panel.title)).toBe(c.title);
        expect((await keyDateItems(page)).map((r) => r.datetimes[0])).toEqual(keyDates(c).map((e) => isoInstant(e.raw)));
        expect(server.ftsDataRequests()).toEqual([]);
        await page.screenshot('journey-d3tenders');
        await page.close();
      });

      it('Watch on a d3tenders page stores what FTS says, read from FTS; it says so when FTS cannot be read', async () => {
        const c = renamed(base, '109');
        const path = `/contract/?ocid=${c.ocid}`;
        // The page prints its own copy, with another title: what it shows stays on the page.
        const copy = { ...compiledRecord(c), tender: { ...(compiledRecord(c).tender as object), title: 'Republished copy' } };
        server.d3tenders(path, html(d3tendersPage(copy)));
        const page = await browser.openPage(`${D3_ORIGIN}${path}`);
        await waitForPanel(page);
        expect(await panelText(page, UI.panel.title)).toBe('Republished copy');

        // FTS has no data for it yet (404): not watched, and the panel says why.
        await clickPanelButton(page, WATCH_TEXT.off);
        await waitForPanel(page, UI.panel.alert);
        expect(await panelText(page, UI.panel.alert)).toMatch(/^Not watched: Tender Timeline stores only what Find a Tender publishes/);
        await waitForWatched(page, false);
        const releasesPath = `/api/1.0/ocdsReleasePackages/${c.ocid}`;
        expect(server.ftsDataRequests().map((r) => r.pathname)).toEqual([releasesPath]);

        server.procurement(c.ocid, ftsReleases(c.text));
        await clickPanelButton(page, WATCH_TEXT.off);
        // The polite client spaces its requests 13 s apart.
        await waitForWatched(page, true, 30_000);
        expect(server.ftsDataRequests().map((r) => r.pathname)).toEqual([releasesPath, releasesPath]);
        const popup = await browser.openPopup();
        await waitForPopupRows(popup, 1);
        const [row] = await popupRows(popup);
        expect(row).toContain(c.title);
        expect(row).not.toContain('Republished copy');
        await unwatchInPopup(popup, c.title);
        await waitForPopupRows(popup, 0);
        await popup.close();
        await page.close();
      });

      it('a refresh finds the changed procurement: the badge counts it and the popup says what changed', async () => {
        const c = renamed(base, '106');
        const page = await openNotice(browser, c);
        await clickPanelButton(page, WATCH_TEXT.off);
        await waitForWatched(page, true);

        // FTS now lists an update for this procurement, and its releases move the submission
        // deadline from 2025-11-07T12:00:00Z (7 November 2025, midday in London) to 21 November 2025, midday.
        expect(c.text).toContain('"2025-11-07T12:00:00Z"');
        const changed = c.text.replaceAll('"2025-11-07T12:00:00Z"', '"2025-11-21T12:00:00Z"');
        server.fts('/api/1.0/ocdsReleasePackages', json({ releases: [{ ocid: c.ocid, id: c.noticeId, date: new Date().toISOString() }], links: {} }));
        server.procurement(c.ocid, ftsReleases(changed));

        const popup = await browser.openPopup();
        await waitForPopupRows(popup, 1);
        // The badge is set by the background after the popup's own change: wait for it.
        const badge = () =>
          popup.evaluate(async () => {
            const api = (globalThis as { browser?: any; chrome?: any }).browser ?? (globalThis as { chrome?: any }).chrome;
            return (await (api.action ?? api.browserAction).getBadgeText({})) as string;
          });
        const badgeReads = async (text: string) => {
          let seen = await badge();
          for (const until = Date.now() + 10_000; seen !== text && Date.now() < until; seen = await badge()) await new Promise((r) => setTimeout(r, 100));
          expect(seen).toBe(text);
        };
        await badgeReads('');
        // What changed shows in the row's details: open them first (they stay open as the row changes).
        await openPopupDetails(popup, c.title);
        const refreshedFrom = Date.now();
        await clickPopupButton(popup, 'Refresh now');
        const change = 'Submission deadline moved from 7 November 2025, midday to 21 November 2025, midday';
        await popup.waitForFunction((text) => document.body.textContent?.includes(text) === true, change, 60_000);
        await badgeReads('1');

        // One list page, then the one procurement's releases: the sweep asks nothing about other procurements.
        const asked = server.ftsDataRequests().filter((r) => r.time >= refreshedFrom);
        expect(asked.map((r) => r.pathname)).toEqual(['/api/1.0/ocdsReleasePackages', `/api/1.0/ocdsReleasePackages/${c.ocid}`]);
        await popup.screenshot('journey-popup-changed');

        await clickPopupButton(popup, 'Mark all seen');
        await popup.waitForFunction((text) => document.body.textContent?.includes(text) === false, change, 10_000);
        await badgeReads('');
        await unwatchInPopup(popup, c.title);
        await waitForPopupRows(popup, 0);
        for (const p of [popup, page]) await p.close();
      }, 120_000);

      it('waits as told after a 429 with Retry-After, then shows the panel', async () => {
        const c = renamed(base, '429');
        const retryAfter = 2;
        serveNotice(c, [tooManyRequests(retryAfter), ftsReleases(c.text)]);
        const page = await browser.openPage(`${FTS_ORIGIN}/Notice/${c.noticeId}`);
        // While it waits (Retry-After, and the 13 s spacing in it), the panel says so and counts down.
        const busy = /Find a Tender is busy — trying again in (\d+) seconds? \(attempt 2 of 4\)/;
        const said = await waitForPanelStatus(page, busy, 45_000); // behind the 13 s spacing of the requests before it
        expect(Number(busy.exec(said)![1])).toBeLessThanOrEqual(13);
        await page.screenshot('journey-panel-busy');
        await waitForPanel(page, UI.panel.title, 30_000);
        const asked = server.ftsDataRequests();
        expect(asked.map((r) => r.status)).toEqual([429, 200]);
        expect(asked[1]!.time - asked[0]!.time).toBeGreaterThanOrEqual(retryAfter * 1000 - 50);
        await page.close();
      });

      it('shows a clear error when FTS’s data is broken, and leaves the page intact', async () => {
        const c = renamed(base, '105');
        serveNotice(c, rawJson('{"releases": [ {"id": 000, <html>'));
        const page = await browser.openPage(`${FTS_ORIGIN}/Notice/${c.noticeId}`);
        // The notice's release package is asked for next, 13 s after the releases: the panel says so.
        await waitForPanelStatus(page, /Waiting for Find a Tender \(next request in \d+ seconds?\)/, 45_000);
        await waitForPanel(page, UI.panel.alert, 50_000);
        expect(await panelText(page, UI.panel.alert)).toMatch(/not OCDS|could not be/);
        const fts = await ftsPageState(page);
        expect(fts.title).toBe(c.title);
        expect(fts.watchButton).toBe('Watch this notice');
        await page.close();
      });

      it('says at the first 404 that FTS has no data for the notice, asking nothing more', async () => {
        const c = renamed(base, '404');
        // The page is served; FTS has no data for it (the stand-in answers 404 to what it has no route for).
        server.notice(c.noticeId, { page: html(ftsNoticePage({ noticeId: c.noticeId, ocid: c.ocid, title: c.title })) });
        const page = await browser.openPage(`${FTS_ORIGIN}/Notice/${c.noticeId}`);
        await waitForPanel(page, UI.panel.alert, 30_000); // behind the 13 s spacing of the requests before it
        expect(await panelText(page, UI.panel.alert)).toBe('Find a Tender has no data for this notice.');
        const asked = server.ftsDataRequests();
        expect(asked.map((r) => [r.pathname, r.status])).toEqual([[`/api/1.0/ocdsReleasePackages/${c.ocid}`, 404]]);
        // Told at once: no second request follows.
        await new Promise((r) => setTimeout(r, 15_000));
        expect(server.ftsDataRequests()).toHaveLength(1);
        await page.screenshot('journey-panel-404');
        await page.close();
      }, 60_000);
    });

    describe('restart', () => {
      it('keeps the watchlist after the browser restarts', async () => {
        const c = renamed(journeyCase(), '103');
        // Firefox: a temporary add-on is gone after a restart; the permanent (unsigned XPI) one stays.
        let browser = await launch(browserName, { server, firefoxInstall: 'permanent' });
        try {
          const page = await openNotice(browser, c);
          await clickPanelButton(page, WATCH_TEXT.off);
          await waitForWatched(page, true);
          browser = await browser.relaunch();
          const popup = await browser.openPopup();
          await waitForPopupRows(popup, 1);
          expect((await popupRows(popup))[0]).toContain(c.title);
          const again = await openNotice(browser, c);
          await waitForWatched(again, true);
        } finally {
          await browser.dispose();
        }
      });
    });
  });
}
