/**
 * What the e2e journeys read and click in the extension's UI: the panel (inside the CLOSED
 * shadow root of `<tender-timeline-panel>` on an FTS page, reached through `TestPage.inPanel`)
 * and the popup (the watchlist).
 *
 * Selectors live in `UI`, in one place. They were taken from components/*.tsx as first written
 * (class names `tt-…`, `aria-pressed` on the watch button): change them here when the
 * components change. Every function runs in the page and reads the DOM as the user sees it.
 */
import { DB_NAME, DB_VERSION } from '../../lib/watchlist/db.ts';
import type { WatchedProcurement } from '../../lib/watchlist/entry.ts';
import type { StoredSnapshot } from '../../lib/watchlist/history.ts';
import { withKeyDateIndex } from '../../lib/watchlist/key-date-index.ts';
import { WATCHLIST_COUNT_KEY } from '../../lib/watchlist/count.ts';
import { NoPanelError, PANEL_HOST, type E2EBrowser, type TestPage } from './browsers.ts';

export { PANEL_HOST } from './browsers.ts';

export const UI = {
  panel: {
    title: '.tt-summary__title',
    buyer: '.tt-summary__buyer',
    /** Our button: named by its text "Watch procurement" / "Watching — stop watching", `aria-pressed`, described as Tender Timeline's. */
    watchButton: 'button.tt-watch',
    timelineItems: 'ol.tt-timeline > li',
    keyDateItems: 'ol.tt-timeline > li[data-kind="keyDate"]',
    itemWhen: '.tt-event__when',
    itemLabel: '.tt-event__label',
    status: '[role="status"]',
    alert: '[role="alert"]',
  },
  popup: {
    rows: '.tt-watchlist__list > li',
    rowTitle: '.tt-row__title',
    empty: '.tt-watchlist__empty',
  },
  /** The watchlist page (watchlist.html, components/WatchlistTable.tsx). */
  table: {
    rows: '.tt-table tbody > tr[data-ocid]',
    rowTitle: '.tt-table tbody > tr[data-ocid] > th',
    /** "50 procurements", "Showing 1 to 100 of 5,000 procurements" (a live region). */
    count: '.tt-table__count',
  },
  fts: {
    /** FTS's own "Watch this notice" (needs an FTS account). NEVER click it. */
    watchButton: '#watch-notice-right',
    main: 'main.notice-view',
    title: 'main.notice-view h1',
  },
} as const;

/** Visible text of our watch button in each state (WatchButton.tsx). */
export const WATCH_TEXT = { off: 'Watch procurement', on: 'Watching — stop watching' } as const;

// ---------- the panel ----------

/**
 * Wait until the panel's shadow root holds `selector` (default: the title).
 * The default allows for a read queued 13 s behind the previous test's request to FTS.
 */
export async function waitForPanel(page: TestPage, selector: string = UI.panel.title, timeoutMs = 30_000): Promise<void> {
  try {
    await page.waitInPanel((root, selector) => root.querySelector(selector) != null, selector, timeoutMs);
  } catch (error) {
    const state = await page.inPanel((root) => `the panel's shadow root holds: ${(root.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 300)}`).catch((e: unknown) => String(e));
    throw new Error(`the panel did not show ${selector} within ${timeoutMs} ms (${state})\n${String(error)}`);
  }
}

/** Waits until the panel's status (what it says while it waits for FTS) matches `pattern`; returns that text. */
export async function waitForPanelStatus(page: TestPage, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const source = { source: pattern.source, flags: pattern.flags };
  await page.waitInPanel((root, p) => new RegExp(p.source, p.flags).test(root.querySelector('[role="status"]')?.textContent ?? ''), source, timeoutMs);
  return (await panelText(page, UI.panel.status)) ?? '';
}

/** Text (whitespace collapsed) of the first match of `selector` in the panel, or null. */
export function panelText(page: TestPage, selector: string): Promise<string | null> {
  return page.inPanel((root, selector) => {
    const el = root.querySelector(selector);
    return el ? (el.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
  }, selector);
}

/** Texts (whitespace collapsed) of every match of `selector` in the panel. */
export function panelTexts(page: TestPage, selector: string): Promise<string[]> {
  return page.inPanel((root, selector) => [...root.querySelectorAll(selector)].map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()), selector);
}

export interface RenderedItem {
  /** `data-kind`: notice, amendment, keyDate (absent on the "Today" marker). */
  kind: string | null;
  /** The date/time line as shown. */
  when: string;
  /** The label line as shown (key dates: label and countdown). */
  label: string;
  /** `datetime` attributes of `<time>` elements in the item (machine-readable instants). */
  datetimes: string[];
  past: boolean;
  next: boolean;
  /** The whole item's text. */
  text: string;
}

/** Every item of the rendered timeline, in order (the "Today" marker included, kind null). */
export function timelineItems(page: TestPage, selector: string = UI.panel.timelineItems): Promise<RenderedItem[]> {
  return page.inPanel(
    (root, { selector, when, label }) => {
      const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
      return [...root.querySelectorAll(selector)].map((li) => ({
        kind: li.getAttribute('data-kind'),
        when: squash(li.querySelector(when)?.textContent),
        label: squash(li.querySelector(label)?.textContent),
        datetimes: [...li.querySelectorAll('time[datetime]')].map((t) => t.getAttribute('datetime') ?? ''),
        past: li.classList.contains('tt-event--past'),
        next: li.classList.contains('tt-event--next'),
        text: squash(li.textContent),
      }));
    },
    { selector, when: UI.panel.itemWhen, label: UI.panel.itemLabel },
  );
}

/** The rendered key dates only, in order. */
export function keyDateItems(page: TestPage): Promise<RenderedItem[]> {
  return timelineItems(page, UI.panel.keyDateItems);
}

/**
 * A real click on the panel's button whose visible text or accessible name (`aria-label`) is
 * `name`, once it exists and is enabled (like a user, who cannot click a disabled button). Only
 * the panel's shadow root is searched: FTS's own "Watch this notice" can never match, and the
 * click is checked to land on our button before it is made.
 */
export async function clickPanelButton(page: TestPage, name: string, timeoutMs = 10_000): Promise<void> {
  try {
    await page.clickInPanel(
      (root, name) => {
        const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
        const button = [...root.querySelectorAll<HTMLButtonElement>('button, [role="button"]')].find(
          (b) => squash(b.textContent) === name || squash(b.getAttribute('aria-label')) === name,
        );
        return button && !button.disabled && button.getAttribute('aria-disabled') !== 'true' ? button : null;
      },
      name,
      `the panel's "${name}" button`,
      timeoutMs,
    );
  } catch (error) {
    const buttons = await panelTexts(page, 'button, [role="button"]').catch(() => []);
    throw new Error(`no enabled "${name}" button in the panel to click within ${timeoutMs} ms; its buttons: ${JSON.stringify(buttons)}\n${String(error)}`);
  }
}

/** Our watch button's state as shown: `aria-pressed`, text, disabled. */
export function watchButtonState(page: TestPage): Promise<{ pressed: string | null; text: string; disabled: boolean } | null> {
  return page.inPanel((root, selector) => {
    const b = root.querySelector<HTMLButtonElement>(selector);
    return b ? { pressed: b.getAttribute('aria-pressed'), text: (b.textContent ?? '').replace(/\s+/g, ' ').trim(), disabled: b.disabled || b.getAttribute('aria-disabled') === 'true' } : null;
  }, UI.panel.watchButton);
}

/** Wait until our watch button shows `watched` (aria-pressed) and is enabled (it waits `aria-disabled`, keeping the focus). */
export async function waitForWatched(page: TestPage, watched: boolean, timeoutMs = 10_000): Promise<void> {
  await page.waitInPanel(
    (root, { selector, pressed }) => {
      const b = root.querySelector<HTMLButtonElement>(selector);
      return b != null && !b.disabled && b.getAttribute('aria-disabled') !== 'true' && b.getAttribute('aria-pressed') === pressed;
    },
    { selector: UI.panel.watchButton, pressed: String(watched) },
    timeoutMs,
  );
}

// ---------- the FTS page around it ----------

/** Record any click on FTS's own "Watch this notice" from now on (see `ftsWatchClicks`). */
export async function guardFtsWatchButton(page: TestPage): Promise<void> {
  await page.evaluate((selector) => {
    document.querySelector(selector)?.addEventListener('click', () => {
      const n = Number(document.documentElement.dataset.e2eFtsWatchClicks ?? '0');
      document.documentElement.dataset.e2eFtsWatchClicks = String(n + 1);
    });
  }, UI.fts.watchButton);
}

/** How many times FTS's "Watch this notice" was clicked since `guardFtsWatchButton`. Must stay 0. */
export function ftsWatchClicks(page: TestPage): Promise<number> {
  return page.evaluate(() => Number(document.documentElement.dataset.e2eFtsWatchClicks ?? '0'));
}

/** The FTS page as the user sees it, to check that the extension moved and broke nothing. */
export function ftsPageState(page: TestPage): Promise<{ title: string | null; watchButton: string | null; mainChildren: number; mainTextLength: number }> {
  return page.evaluate((ui) => {
    const main = document.querySelector(ui.main);
    return {
      title: document.querySelector(ui.title)?.textContent?.trim() ?? null,
      watchButton: document.querySelector(ui.watchButton)?.textContent?.trim() ?? null,
      mainChildren: main?.childElementCount ?? 0,
      mainTextLength: (main?.textContent ?? '').length,
    };
  }, UI.fts);
}

/** A box in viewport pixels. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The open (or collapsed) panel's box, as drawn: the `<aside>` in its shadow root. */
export function panelBox(page: TestPage): Promise<Box> {
  return page.inPanel((root) => {
    const { left, right, top, bottom } = root.querySelector('aside.tt-panel')!.getBoundingClientRect();
    return { left, right, top, bottom };
  });
}

/**
 * The FTS page's elements that the panel at `panel` covers, wholly or in part: the notice's
 * title (h1), FTS's own "Watch this notice", and every element of the notice's main content
 * that has a size, each told as `tag.class "text…" left–right`. The panel is fixed to the
 * window's full height, so an element is under it when their columns overlap, wherever the
 * page is scrolled to. Empty: nothing of the notice is under the panel.
 */
export function noticeUnderPanel(page: TestPage, panel: Box): Promise<string[]> {
  return page.evaluate(
    ({ ui, panel }) => {
      const elements = [document.querySelector(ui.title), document.querySelector(ui.watchButton), ...document.querySelectorAll(`${ui.main} *`)];
      const under: string[] = [];
      for (const el of elements) {
        if (!el) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || box.right <= panel.left || box.left >= panel.right) continue;
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
        under.push(`${el.localName}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} "${text}" ${box.left}–${box.right}`);
      }
      return under;
    },
    { ui: UI.fts, panel },
  );
}

/** The notice's main content's box (`main.notice-view`). */
export function noticeBox(page: TestPage): Promise<Box> {
  return page.evaluate((main) => {
    const { left, right, top, bottom } = document.querySelector(main)!.getBoundingClientRect();
    return { left, right, top, bottom };
  }, UI.fts.main);
}

// ---------- the popup ----------

/** Texts of the watchlist rows (whitespace collapsed), in order. */
export function popupRows(page: TestPage): Promise<string[]> {
  return page.evaluate(
    (selector) => [...document.querySelectorAll(selector)].map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()),
    UI.popup.rows,
  );
}

/** Wait until the popup lists exactly `count` rows (0: the empty state is shown). */
export async function waitForPopupRows(page: TestPage, count: number, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(
    ({ rows, empty, count }) => {
      const n = document.querySelectorAll(rows).length;
      return count === 0 ? n === 0 && document.querySelector(empty) != null : n === count;
    },
    { rows: UI.popup.rows, empty: UI.popup.empty, count },
    timeoutMs,
  );
}

/**
 * Open the details of the popup's row titled `title` with a real click on its Details button
 * (unless they are open already): what changed, stage, value, Your notes and Unwatch are there.
 */
export async function openPopupDetails(page: TestPage, title: string, timeoutMs = 10_000): Promise<void> {
  const name = `Details of ${title}`;
  const expanded = () =>
    page.evaluate((name) => [...document.querySelectorAll('button[aria-expanded]')].find((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim() === name)?.getAttribute('aria-expanded') ?? null, name);
  if ((await expanded()) === 'true') return;
  await clickPopupButton(page, name, timeoutMs);
  await page.waitForFunction(
    (name) => [...document.querySelectorAll('button[aria-expanded="true"]')].some((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim() === name),
    name,
    timeoutMs,
  );
}

/** Types `text` key by key into what has the focus, as a person does. */
export async function typeKeys(page: TestPage, text: string): Promise<void> {
  for (const key of text) await page.press(key === ' ' ? 'Space' : key);
}

/** Unwatch the popup's row titled `title` as a user does: its details opened, then their Unwatch button. */
export async function unwatchInPopup(page: TestPage, title: string): Promise<void> {
  await openPopupDetails(page, title);
  await clickPopupButton(page, `Unwatch ${title}`);
}

/** A real click on the popup's button whose text or `aria-label` is `name` (e.g. `Unwatch <title>`), once it is enabled. */
export function clickPopupButton(page: TestPage, name: string, timeoutMs = 10_000): Promise<void> {
  return clickInPopup(page, 'button, [role="button"]', 'button', name, timeoutMs);
}

/** A real click on the popup's link whose text or `aria-label` is `name` (a procurement's title). */
export function clickPopupLink(page: TestPage, name: string, timeoutMs = 10_000): Promise<void> {
  return clickInPopup(page, 'a[href]', 'link', name, timeoutMs);
}

async function clickInPopup(page: TestPage, selector: string, kind: string, name: string, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    ({ selector, name }) => {
      const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
      const control = [...document.querySelectorAll<HTMLButtonElement>(selector)].find((b) => squash(b.textContent) === name || squash(b.getAttribute('aria-label')) === name);
      return control != null && !control.disabled && control.getAttribute('aria-disabled') !== 'true';
    },
    { selector, name },
    timeoutMs,
  );
  await page.click(
    ({ selector, name }) => {
      const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
      return [...document.querySelectorAll(selector)].find((b) => squash(b.textContent) === name || squash(b.getAttribute('aria-label')) === name);
    },
    { selector, name },
    `the popup's "${name}" ${kind}`,
  );
}

/** Rows to write into one store of the extension's database; `clear` empties it first. */
interface StoreWrite {
  store: 'watchlist' | 'snapshots' | 'meta';
  rows: unknown[];
  clear?: boolean;
}

/**
 * Writes rows into the extension's database from an extension page (the popup: the
 * extension's origin, so the background's database), once the background has created it, in
 * one transaction; answers how many rows each store written holds after it.
 */
function writeStores(page: TestPage, writes: StoreWrite[]): Promise<number[]> {
  return page.evaluate(
    async ({ name, version, writes }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name, version);
        // The background creates and upgrades the database; never do it from here.
        let found: number | undefined;
        request.onupgradeneeded = (event) => {
          found = event.oldVersion;
          request.transaction?.abort();
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () =>
          reject(
            new Error(
              found === undefined
                ? `could not open ${name} v${version}: ${String(request.error)}`
                : `the extension's database is at version ${found}, lib/watchlist/db.ts at ${version}: the build is older than the sources (rebuild: --build)`,
            ),
          );
        // Blocked: the background holds the database open at an older version.
        request.onblocked = (event) =>
          reject(new Error(`the extension's database is at version ${event.oldVersion}, lib/watchlist/db.ts at ${version}: the build is older than the sources (rebuild: --build)`));
      });
      try {
        const tx = db.transaction([...new Set(writes.map((w) => w.store))], 'readwrite');
        const counted = writes.map((write) => {
          const store = tx.objectStore(write.store);
          if (write.clear) store.clear();
          for (const row of write.rows) store.put(row);
          return store.count();
        });
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
        });
        return counted.map((request) => request.result);
      } finally {
        db.close();
      }
    },
    { name: DB_NAME, version: DB_VERSION, writes },
  );
}

/**
 * Replace the watchlist with `entries`, each as the store writes it (with its key-date
 * index, `withKeyDateIndex`), and how many there are beside them (lib/watchlist/count.ts).
 */
export async function fillWatchlist(page: TestPage, watched: WatchedProcurement[]): Promise<number> {
  const entries = watched.map(withKeyDateIndex);
  const count = new Set(entries.map((entry) => entry.ocid)).size;
  const [stored] = await writeStores(page, [
    { store: 'watchlist', rows: entries, clear: true },
    { store: 'meta', rows: [{ key: WATCHLIST_COUNT_KEY, value: count }] },
  ]);
  return stored!;
}

/** Replace every snapshot with `rows` (as lib/watchlist/history.ts stores them), written `batch` at a time; answers how many are stored. */
export async function fillSnapshots(page: TestPage, rows: readonly StoredSnapshot[], batch = 5000): Promise<number> {
  let stored = (await writeStores(page, [{ store: 'snapshots', rows: [], clear: true }]))[0]!;
  for (let at = 0; at < rows.length; at += batch) stored = (await writeStores(page, [{ store: 'snapshots', rows: rows.slice(at, at + batch) }]))[0]!;
  return stored;
}

// ---------- hostile data ----------

/** Elements that would be live if markup from the data became DOM. */
const LIVE_ELEMENTS = 'img, script, iframe, object, embed, svg, style, link, form, [onerror], [onload], [onclick]';

/**
 * What a hostile record may have done: markup or scripts from the data that became live DOM
 * (in the page, or in the panel's root when there is one), run, or linked from the panel
 * somewhere other than https. All fields must come back empty / false.
 */
export async function hostileEffects(page: TestPage, marker: string): Promise<{ ran: string | null; liveElements: string[]; unsafeLinks: string[] }> {
  const inPage = await page.evaluate(
    ({ marker, live }) => ({
      ran: document.documentElement.dataset.e2eHostileRan ?? null,
      liveElements: [...document.querySelectorAll(live)].map((el) => el.outerHTML).filter((html) => html.includes(marker)).map((html) => html.slice(0, 200)),
    }),
    { marker, live: LIVE_ELEMENTS },
  );
  // FTS's own links are not ours to judge: only the panel's are.
  const inPanel = await page
    .inPanel(
      (root, { marker, live }) => ({
        liveElements: [...root.querySelectorAll(live)].map((el) => el.outerHTML).filter((html) => html.includes(marker)).map((html) => html.slice(0, 200)),
        unsafeLinks: [...root.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => a.href).filter((href) => !href.startsWith('https:')).map((href) => href.slice(0, 200)),
      }),
      { marker, live: LIVE_ELEMENTS },
    )
    .catch((error: unknown) => {
      if (error instanceof NoPanelError) return { liveElements: [], unsafeLinks: [] };
      throw error;
    });
  return { ran: inPage.ran, liveElements: [...inPage.liveElements, ...inPanel.liveElements], unsafeLinks: inPanel.unsafeLinks };
}

// ---------- backups, on the options page ----------

/** From now on, the files `page` saves are kept (each Blob it makes a link to) and its download links go nowhere. */
export async function keepSavedFiles(page: TestPage): Promise<void> {
  await page.evaluate(() => {
    const kept: Blob[] = [];
    (window as unknown as { keptBlobs: Blob[] }).keptBlobs = kept;
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob) => (kept.push(blob), create(blob));
    HTMLAnchorElement.prototype.click = () => undefined;
  });
}

/** The text of the last file `page` saved since `keepSavedFiles`. */
export function lastSavedFile(page: TestPage): Promise<string> {
  return page.evaluate(() => (window as unknown as { keptBlobs: Blob[] }).keptBlobs.at(-1)!.text());
}

/** Press "Back up now" on the options page and return the file it would save (the download itself goes nowhere). */
export async function takeBackup(options: TestPage): Promise<string> {
  await keepSavedFiles(options);
  await clickPopupButton(options, 'Back up now');
  await options.waitForFunction(() => document.body.textContent?.includes('Downloading tender-timeline-backup-') === true, undefined, 30_000);
  return lastSavedFile(options);
}

/** Import `text` as a backup file on the options page, as if chosen in its file picker; waits for `done` (e.g. "20 added."). */
export async function importBackup(options: TestPage, text: string, done: string): Promise<void> {
  await options.evaluate((text) => {
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    const files = new DataTransfer();
    files.items.add(new File([text], 'backup.json', { type: 'application/json' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, text);
  await options.waitForFunction((done) => document.body.textContent?.includes(done) === true, done, 30_000);
}

/**
 * Make the one procurement watched into `count`: a backup of the watchlist (options page),
 * imported back with `count − 1` copies of its entry, each under its own ocid and title
 * ("… (copy 1)", "… (copy 2)" …), passed through `vary` (copy number from 1) when given;
 * no snapshots. The backup sets the last backup's date to now.
 */
export async function watchCopies(browser: E2EBrowser, count: number, vary: (entry: WatchedProcurement, copy: number) => WatchedProcurement = (entry) => entry): Promise<void> {
  const options = await browser.openExtensionPage('/options.html');
  const file = JSON.parse(await takeBackup(options)) as { watchlist: WatchedProcurement[]; snapshots: unknown[] };
  if (file.watchlist.length !== 1) throw new Error(`watchCopies: expected one watched procurement, found ${file.watchlist.length}`);
  const [entry] = file.watchlist as [WatchedProcurement];
  file.watchlist = Array.from({ length: count }, (_, i) => (i === 0 ? entry : vary({ ...entry, ocid: `${entry.ocid}-${i}`, title: `${entry.title} (copy ${i})` }, i)));
  file.snapshots = [];
  await importBackup(options, JSON.stringify(file), `${count - 1} added`);
  await options.close();
}

