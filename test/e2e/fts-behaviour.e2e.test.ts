/**
 * FTS as it really behaves (issue 9), in real browsers with the BUILT extension, FTS served at
 * its real URLs: its list of updates is the fake FTS of the unit tests (test/support/fake-fts.ts,
 * through `fakeFtsList`), which reads `updatedFrom`/`updatedTo` as London wall-clock time and
 * whose `links.next` cursor loses rows, as FTS's does.
 *
 * - In British Summer Time (the browser's clock moved to July: test/e2e/clock/), a watched
 *   procurement updated half an hour ago is found by the next refresh.
 * - An update on rows the cursor would lose is found: a full page splits the window.
 * - "Refresh now" says how far it got ("Checked 2 of 20 · 0 changed") and Stop ends it, keeping
 *   what it read.
 *
 * (A notice page costing one request, for its ocid's releases and no record package, is
 * asserted by journey.e2e.test.ts, "shows the panel on a served FTS notice page".)
 *
 * The refresh alarm's first run, a minute after install, is moved out of the way in each
 * browser: the only refresh is the one a test starts.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeFts, unwatchedUpdates } from '../support/fake-fts.ts';
import { BROWSERS, describeInBrowser, launch, within, type BrowserName, type E2EBrowser, type TestPage } from './browsers.ts';
import { browserClock } from './clock/browser-clock.ts';
import { journeyCase, renamed, type JourneyCase } from './e2e-fixtures.ts';
import { WATCH_TEXT, clickPanelButton, clickPopupButton, guardFtsWatchButton, importBackup, openPopupDetails, takeBackup, unwatchInPopup, waitForPanel, waitForPopupRows, waitForWatched } from './extension-ui.ts';
import { FTS_ORIGIN, fakeFtsList, ftsNoticePage, ftsReleases, html, startFtsServer, type FtsServer, type LoggedRequest } from './fts-server.ts';

const LIST_PATH = '/api/1.0/ocdsReleasePackages';
/** 10am in London on 15 July 2027: British Summer Time, UTC+1. */
const SUMMER_MORNING = '2027-07-15T09:00:00Z';
/** What the refresh finds when the fixture's submission deadline (7 November 2025, midday) moves a fortnight. */
const MOVED = 'Submission deadline moved from 7 November 2025, midday to 21 November 2025, midday';

let server: FtsServer;
beforeAll(async () => {
  server = await startFtsServer();
});
afterAll(async () => {
  await server?.close();
});

const base = journeyCase();

/** The case's releases with the submission deadline moved from 7 to 21 November 2025. */
function movedDeadline(c: JourneyCase): string {
  expect(c.text).toContain('"2025-11-07T12:00:00Z"');
  return c.text.replaceAll('"2025-11-07T12:00:00Z"', '"2025-11-21T12:00:00Z"');
}

async function openNotice(browser: E2EBrowser, c: JourneyCase): Promise<TestPage> {
  server.notice(c.noticeId, { page: html(ftsNoticePage({ noticeId: c.noticeId, ocid: c.ocid, title: c.title })) });
  server.procurement(c.ocid, ftsReleases(c.text));
  const page = await browser.openPage(`${FTS_ORIGIN}/Notice/${c.noticeId}`);
  await guardFtsWatchButton(page);
  // A browser just started on a busy machine can be slow to answer its first page.
  await waitForPanel(page, undefined, 60_000);
  return page;
}

async function watchNotice(browser: E2EBrowser, c: JourneyCase): Promise<TestPage> {
  const page = await openNotice(browser, c);
  await clickPanelButton(page, WATCH_TEXT.off);
  await waitForWatched(page, true, 30_000);
  return page;
}

/** Opens the popup and moves the refresh alarm's first run six hours on (the period stays 6 hours, as the settings ask). */
async function popupWithoutAlarm(browser: E2EBrowser): Promise<TestPage> {
  const popup = await browser.openPopup();
  await popup.evaluate(async () => {
    const api = (globalThis as { browser?: any; chrome?: any }).browser ?? (globalThis as { chrome?: any }).chrome;
    await api.alarms.create('refresh', { delayInMinutes: 360, periodInMinutes: 360 });
  });
  return popup;
}

/** The popup's refresh status line(s), whitespace collapsed. */
const statusOf = (popup: TestPage) => popup.evaluate(() => (document.querySelector('.tt-toolbar__status')?.textContent ?? '').replace(/\s+/g, ' ').trim());

async function waitForStatus(popup: TestPage, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  await popup.waitForFunction(
    ({ source, flags }) => new RegExp(source, flags).test((document.querySelector('.tt-toolbar__status')?.textContent ?? '').replace(/\s+/g, ' ').trim()),
    { source: pattern.source, flags: pattern.flags },
    timeoutMs,
  );
  return pattern.exec(await statusOf(popup))!;
}

const waitForText = (popup: TestPage, text: string, timeoutMs: number) => popup.waitForFunction((text) => document.body.textContent?.includes(text) === true, text, timeoutMs);

const listRequests = (since: number) => server.ftsDataRequests().filter((r) => r.pathname === LIST_PATH && r.time >= since);
const query = (r: LoggedRequest) => new URL(`${FTS_ORIGIN}${r.path}`).searchParams;

for (const name of BROWSERS) {
  describeInBrowser(name, 'FTS as it behaves', (browserName: BrowserName) => {
    beforeEach(() => {
      server.reset();
    });

    // Firefox: the first notice page of a browser started on the summer clock, with the add-on
    // installed permanently (to survive the restart), now and then never gets its panel (3 of
    // about 10 runs on a loaded machine; cause not found), so this runs in Chromium only. In
    // Firefox the next test runs on the summer clock too: its window, sent in UTC, would be
    // read an hour early and list none of its updates.
    it.skipIf(browserName === 'firefox')('in British Summer Time, a watched procurement updated half an hour ago is found by the next refresh', async () => {
      const watchedAt = browserClock(SUMMER_MORNING);
      const c = renamed(base, '201');
      // Firefox: the permanent install survives the restart.
      let browser = await launch(browserName, { server, env: watchedAt.env, firefoxInstall: 'permanent' });
      const profileDir = browser.profileDir;
      try {
        const popup = await popupWithoutAlarm(browser);
        // The browser's own clock reads summer: London is on BST.
        const clock = await popup.evaluate(() => ({ now: Date.now(), zone: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'short' }).format(new Date()) }));
        expect(Math.abs(clock.now - watchedAt.now().getTime())).toBeLessThan(60_000);
        expect(clock.zone).toMatch(/ BST$/);
        await popup.close();
        await watchNotice(browser, c);
        await browser.close();

        // An hour later the browser starts again; FTS published an update half an hour ago.
        const refreshedAt = watchedAt.later(60 * 60);
        browser = await launch(browserName, { server, env: refreshedAt.env, profileDir, firefoxInstall: 'permanent' });
        const updatedAt = new Date(refreshedAt.now().getTime() - 30 * 60_000);
        server.fts(LIST_PATH, fakeFtsList(createFakeFts({ releases: [{ ocid: c.ocid, id: c.noticeId, updatedAt: updatedAt.toISOString() }] })));
        server.procurement(c.ocid, ftsReleases(movedDeadline(c)));

        const again = await popupWithoutAlarm(browser);
        await waitForPopupRows(again, 1);
        // What changed shows in the row's details: open them first (they stay open as the row changes).
        await openPopupDetails(again, c.title);
        const from = Date.now();
        await clickPopupButton(again, 'Refresh now');
        await waitForText(again, MOVED, 60_000);

        // One window, from the watch (just after 10am BST) to now (just after 11am BST), in London time:
        // sent as UTC it would have been read as 9am to 10am BST, and missed the update at 10:30.
        const [list, ...more] = listRequests(from);
        expect(more).toEqual([]);
        expect(query(list!).get('updatedFrom')).toMatch(/^2027-07-15T10:0\d:\d\d$/);
        expect(query(list!).get('updatedTo')).toMatch(/^2027-07-15T11:0\d:\d\d$/);
        expect(server.ftsDataRequests().filter((r) => r.time >= from).map((r) => r.pathname)).toEqual([LIST_PATH, `${LIST_PATH}/${c.ocid}`]);
        await again.screenshot('fts-behaviour-summer-refresh');
      } finally {
        await browser.close();
        rmSync(profileDir, { recursive: true, force: true });
      }
    }, 240_000);

    describe('with one browser', () => {
      const clock = browserClock(SUMMER_MORNING);
      let browser: E2EBrowser;
      // Firefox started on the summer clock now and then never answers (as above; cause not
      // found; seen hanging in installing the add-on): a start that gives no popup within
      // 45 s is closed and made again, up to three starts in all.
      beforeAll(async () => {
        for (let attempt = 1; ; attempt++) {
          let started: E2EBrowser | undefined;
          const start = (async () => {
            started = await launch(browserName, { server, env: clock.env });
            await (await popupWithoutAlarm(started)).close();
            return started;
          })();
          try {
            browser = await within(start, 45_000, `${browserName} to start on the summer clock and open its popup`);
            return;
          } catch (error) {
            // Closed now if it started, or whenever it does.
            void start.then((late) => late.dispose()).catch(() => undefined);
            await started?.dispose().catch(() => undefined);
            if (attempt === 3) throw error;
            console.warn(`fts-behaviour: ${String(error)}; starting ${browserName} again`);
          }
        }
      }, 200_000);
      afterAll(async () => {
        await browser?.dispose();
      });

      it('finds an update on rows the cursor would lose: a full page splits the window', async () => {
        const c = renamed(base, '202');
        const page = await watchNotice(browser, c);
        const watched = clock.now().getTime();

        // 140 releases over the next 24 seconds, oldest first; the watched one is the 20th oldest.
        // Newest first, as FTS lists them, it is the 121st: the first page holds 100, and the
        // cursor's next page starts at the 151st, so walking the cursor never lists it.
        const releases = unwatchedUpdates(140, new Date(watched + 1_000).toISOString(), new Date(watched + 25_000).toISOString());
        releases[19] = { ...releases[19]!, ocid: c.ocid, id: c.noticeId };
        server.fts(LIST_PATH, fakeFtsList(createFakeFts({ releases })));
        server.procurement(c.ocid, ftsReleases(movedDeadline(c)));

        const popup = await browser.openPopup();
        await waitForPopupRows(popup, 1);
        // The refresh starts once the last of them is published.
        await popup.waitForFunction((at) => Date.now() > at, watched + 27_000, 40_000);
        await openPopupDetails(popup, c.title);
        const from = Date.now();
        await clickPopupButton(popup, 'Refresh now');
        await waitForText(popup, MOVED, 150_000);

        const lists = listRequests(from);
        // The whole window came back full (100) and was asked again in parts; the cursor was never followed.
        expect(lists.length).toBeGreaterThanOrEqual(3);
        expect(lists.filter((r) => query(r).has('cursor'))).toEqual([]);
        const [whole, ...parts] = lists.map((r) => [query(r).get('updatedFrom')!, query(r).get('updatedTo')!] as const);
        expect(parts.map(([start]) => start).sort()[0]).toBe(whole![0]);
        expect(parts.map(([, end]) => end).sort().at(-1)).toBe(whole![1]);
        expect(server.ftsDataRequests().filter((r) => r.time >= from && r.pathname !== LIST_PATH).map((r) => r.pathname)).toEqual([`${LIST_PATH}/${c.ocid}`]);

        await unwatchInPopup(popup, c.title);
        await waitForPopupRows(popup, 0);
        for (const p of [popup, page]) await p.close();
      }, 240_000);

      it('"Refresh now" of 20 procurements says how far it got, and Stop ends it keeping what was read', async () => {
        const c = renamed(base, '203');
        const page = await watchNotice(browser, c);
        // 20 more procurements, watched from a backup (the same data under other ocids): each is read at the next refresh.
        const options = await browser.openExtensionPage('/options.html');
        const backup = JSON.parse(await takeBackup(options)) as { watchlist: unknown[]; snapshots: unknown[] };
        const ocids = Array.from({ length: 20 }, (_, i) => `ocds-h6vhtk-e2e3${String(i).padStart(2, '0')}`);
        const as = (value: unknown, ocid: string) => JSON.parse(JSON.stringify(value).replaceAll(c.ocid, ocid));
        const file = { ...backup, watchlist: ocids.map((o) => as(backup.watchlist[0], o)), snapshots: ocids.flatMap((o) => backup.snapshots.map((s) => as(s, o))) };
        await importBackup(options, JSON.stringify(file), '20 added.');
        await options.close();
        // FTS answers slowly: 3 seconds a procurement, on top of the 13 seconds between requests.
        for (const ocid of ocids) server.procurement(ocid, { ...ftsReleases(c.text.replaceAll(c.ocid, ocid)), delayMs: 3_000 });
        server.fts(LIST_PATH, fakeFtsList(createFakeFts()));

        const popup = await browser.openPopup();
        await waitForPopupRows(popup, 21);
        await clickPopupButton(popup, 'Refresh now');
        const progress = /Checked (\d+) of 20 · 0 changed/;
        expect(Number((await waitForStatus(popup, progress, 60_000))[1])).toBeLessThan(2);
        await waitForStatus(popup, /Checked 2 of 20 · 0 changed/, 60_000);
        await popup.screenshot('fts-behaviour-refresh-progress');
        await clickPopupButton(popup, 'Stop');
        const [, updated] = await waitForStatus(popup, /^Stopped\. (\d+) updated, 0 failed\. The rest will be checked next time\./, 15_000);
        const read = server.ftsDataRequests().filter((r) => ocids.some((o) => r.pathname === `${LIST_PATH}/${o}`));
        expect(Number(updated)).toBeGreaterThanOrEqual(2);
        expect(Number(updated)).toBeLessThan(20);
        // Every read that was answered counts; one under way when Stop was pressed may have been asked, not used.
        expect(read.length - Number(updated)).toBeLessThanOrEqual(1);
        await popup.screenshot('fts-behaviour-refresh-stopped');

        // Stopped means stopped: nothing more is asked (the next request was due within 13 seconds).
        const asked = server.ftsDataRequests().length;
        await new Promise((r) => setTimeout(r, 16_000));
        expect(server.ftsDataRequests()).toHaveLength(asked);
        // Nothing stored is lost.
        await popup.close();
        const again = await browser.openPopup();
        await waitForPopupRows(again, 21);
        for (const p of [again, page]) await p.close();
      }, 240_000);
    });
  });
}
