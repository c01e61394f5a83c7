/**
 * Launch real browsers with the BUILT extension, against the FTS stand-in (fts-server.ts).
 *
 * - Chromium (Debian `chromium`): playwright-core, persistent profile, `.output/chrome-mv3`
 *   loaded unpacked; FTS and d3tenders resolve to the stand-in by `--host-resolver-rules`,
 *   every other host too (the stand-in refuses them, and logs them).
 * - Firefox (Debian `firefox-esr`): puppeteer-core over WebDriver BiDi, `.output/firefox-mv2`
 *   installed temporarily (`browser.installExtension`) or permanently (unsigned XPI in the
 *   profile's `extensions/` folder, for relaunch tests); all traffic goes through the
 *   stand-in's CONNECT proxy.
 *
 * Never let a tool download a browser: paths come from CHROMIUM_PATH / FIREFOX_PATH or Debian's.
 * Pages of both libraries are wrapped in one small `TestPage` so a journey is written once.
 *
 * The panel lives in a CLOSED shadow root, which the page's own scripts cannot reach (and
 * neither can `evaluate`, which runs as one of them). The harness reaches it from outside the
 * page, through the browser's remote protocol, as devtools do: Chromium's DevTools Protocol
 * (`DOM.describeNode` with `pierce` sees closed roots; `Runtime.callFunctionOn` runs a
 * function on one) and WebDriver BiDi in Firefox (`includeShadowTree: "all"` serializes a
 * closed root as a node reference that `script.callFunction` takes). The tests run the
 * production build: nothing opens the root for them.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page as PlaywrightPage } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type ElementHandle, type JSHandle, type KeyInput, type Page as PuppeteerPage } from 'puppeteer-core';
import { describe, it } from 'vitest';
import { D3_HOST, FTS_HOST, type FtsServer } from './fts-server.ts';
import { BUILD_DIRS, FIREFOX_EXTENSION_UUID, GECKO_ID, RESULTS_DIR, findBrowser, type BrowserName } from './env.ts';
import { writeXpi } from './xpi.ts';

export * from './env.ts';

const VIEWPORT = { width: 1280, height: 900 };

/** The host element the content script mounts the panel in (closed shadow root). */
export const PANEL_HOST = 'tender-timeline-panel';

// ---------- skip loudly or fail in CI ----------

const warned = new Set<BrowserName>();

/**
 * `describe(title, body)` in one browser. When the browser is missing: in CI (`CI` set) the
 * suite FAILS with the apt packages to install; elsewhere it is skipped, with a loud warning.
 */
export function describeInBrowser(name: BrowserName, title: string, body: (name: BrowserName) => void): void {
  const check = findBrowser(name);
  const suite = `${title} [${name}]`;
  if (check.ok) {
    describe(suite, () => body(name));
  } else if (process.env.CI) {
    describe(suite, () => {
      it(`needs ${name}`, () => {
        throw new Error(check.message);
      });
    });
  } else {
    if (!warned.has(name)) {
      warned.add(name);
      console.warn(`\n!!! SKIPPING ${name} end-to-end tests: ${check.message}\n!!! (With CI set, these tests fail instead.)\n`);
    }
    describe.skip(suite, () => body(name));
  }
}

// ---------- the common page ----------

export interface TestPage {
  readonly browserName: BrowserName;
  /** The library's own page (playwright-core or puppeteer-core), for what the wrapper lacks. */
  readonly raw: PlaywrightPage | PuppeteerPage;
  url(): string;
  /** Navigate and wait for `load` (refused third-party assets fail fast, they do not hang it). */
  goto(url: string, timeoutMs?: number): Promise<void>;
  /** Run `fn(arg)` in the page, as the page's own scripts do (the panel's closed root is out of its reach). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Wait until `fn(arg)` is truthy in the page; polls every 100 ms. */
  waitForFunction<A = undefined>(fn: (arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  /**
   * Run `fn(root, arg)` on the panel's closed shadow root, reached from outside the page (see
   * the top of this file); the function runs in the page's main world and returns by value.
   * Throws a `NoPanelError` when the page has no panel host, or the host no shadow root.
   */
  inPanel<R, A = undefined>(fn: (root: ShadowRoot, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Wait until `fn(root, arg)` is truthy on the panel's shadow root (a missing panel counts as not yet); polls every 100 ms. */
  waitInPanel<A = undefined>(fn: (root: ShadowRoot, arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  /** A real mouse click on the element `find(arg)` returns in the page. Fails when the element is missing, or when the click would land on something else (covered, off-screen). */
  click<A = undefined>(find: (arg: A) => Element | null | undefined, arg?: A, description?: string): Promise<void>;
  /** The same real mouse click, on the element `find(root, arg)` returns in the panel's shadow root, once it returns one (within `timeoutMs`, default 10 s). */
  clickInPanel<A = undefined>(find: (root: ShadowRoot, arg: A) => Element | null | undefined, arg?: A, description?: string, timeoutMs?: number): Promise<void>;
  /** A real key press (`Enter`, `Space`, `Tab` …) on whatever has the focus. */
  press(key: string): Promise<void>;
  /** Resize the page's viewport (CSS pixels); media queries and `window.innerWidth` follow. */
  setViewport(width: number, height: number): Promise<void>;
  /** `test-results/<browser>-<name>.png` of the viewport (or the full page). Returns the path. */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

export interface E2EBrowser {
  readonly name: BrowserName;
  readonly profileDir: string;
  /** The Chromium extension id, or the fixed Firefox UUID. */
  readonly extensionId: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  readonly popupUrl: string;
  /** How Firefox got the add-on (`temporary` is gone after a restart); Chromium: `unpacked`. */
  readonly install: 'unpacked' | 'temporary' | 'permanent';
  /** The library's own handle: playwright-core's persistent context or puppeteer-core's browser. */
  readonly raw: BrowserContext | PuppeteerBrowser;
  /** A new tab showing `url` (after `load`). */
  openPage(url: string): Promise<TestPage>;
  /** A new tab showing the extension's popup page, once `#root` has content. */
  openPopup(): Promise<TestPage>;
  /** A new tab showing another page of the extension (`/options.html`), once `#root` has content. */
  openExtensionPage(path: string): Promise<TestPage>;
  /** Run `action` (e.g. a click in the popup) and return the NEW tab it opened whose URL passes `match`. */
  pageOpenedBy(action: () => Promise<unknown>, match: (url: string) => boolean, timeoutMs?: number): Promise<TestPage>;
  /** Close the browser, keep the profile (for `relaunch`). */
  close(): Promise<void>;
  /** Close (if open) and launch again on the same profile. Firefox needs `install: 'permanent'`. */
  relaunch(): Promise<E2EBrowser>;
  /** Close and delete the profile. */
  dispose(): Promise<void>;
}

export interface LaunchOptions {
  server: FtsServer;
  /** Reuse a profile (relaunch); default: a fresh temporary one. */
  profileDir?: string;
  /** Firefox only: `temporary` (default, `browser.installExtension`) or `permanent` (unsigned XPI in the profile). */
  firefoxInstall?: 'temporary' | 'permanent';
  /** Another built extension folder (default: `.output/chrome-mv3` / `.output/firefox-mv2`). */
  extensionDir?: string;
  /** Extra Firefox prefs (override the defaults below). */
  firefoxPrefs?: Record<string, unknown>;
  /** Extra Chromium command-line switches. */
  chromiumArgs?: string[];
  /** Extra environment variables for the browser's processes (e.g. libfaketime's, to move its clock). */
  env?: Record<string, string>;
}

export function launch(name: BrowserName, options: LaunchOptions): Promise<E2EBrowser> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}

function newProfileDir(name: BrowserName): string {
  return mkdtempSync(join(tmpdir(), `tender-timeline-${name}-profile-`));
}

function screenshotPath(browserName: BrowserName, name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, `${browserName}-${name.replace(/[^\w.-]+/g, '-')}.png`);
}

// ---------- Chromium ----------

export async function launchChromium(options: LaunchOptions): Promise<E2EBrowser> {
  const check = findBrowser('chromium');
  if (!check.ok) throw new Error(check.message);
  const extensionDir = options.extensionDir ?? BUILD_DIRS.chromium;
  const profileDir = options.profileDir ?? newProfileDir('chromium');
  const port = options.server.httpsPort;
  const hostRules = [
    `MAP ${FTS_HOST} 127.0.0.1:${port}`,
    `MAP ${D3_HOST} 127.0.0.1:${port}`,
    `MAP www.${D3_HOST} 127.0.0.1:${port}`,
    // Every other host reaches the stand-in too, which refuses it with a 403 and logs it.
    `MAP * 127.0.0.1:${port}`,
  ].join(', ');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: check.path,
    headless: true,
    viewport: VIEWPORT,
    ignoreDefaultArgs: ['--disable-extensions'],
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      `--host-resolver-rules=${hostRules}`,
      '--ignore-certificate-errors',
      ...(options.chromiumArgs ?? []),
    ],
  });
  let closed = false;
  try {
    const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    const extensionOrigin = `chrome-extension://${extensionId}`;
    // The persistent context opens with one blank tab: reuse it first.
    let spare: PlaywrightPage | undefined = context.pages().find((p) => p.url() === 'about:blank');
    const newTab = async () => {
      const page = spare ?? (await context.newPage());
      spare = undefined;
      return page;
    };
    const browser: E2EBrowser = {
      name: 'chromium',
      profileDir,
      extensionId,
      extensionOrigin,
      popupUrl: `${extensionOrigin}/popup.html`,
      install: 'unpacked',
      raw: context,
      async openPage(url) {
        const page = wrapPlaywright(await newTab());
        await page.goto(url);
        return page;
      },
      openPopup() {
        return browser.openExtensionPage('/popup.html');
      },
      async openExtensionPage(path) {
        const page = wrapPlaywright(await newTab());
        await page.goto(`${extensionOrigin}${path}`);
        await page.waitForFunction(() => (document.querySelector('#root')?.childElementCount ?? 0) > 0);
        return page;
      },
      async pageOpenedBy(action, match, timeoutMs = 15_000) {
        const before = new Set(context.pages());
        await action();
        const found = await poll(() => context.pages().find((p) => !before.has(p) && match(p.url())), timeoutMs, 'a new tab with a matching URL');
        await found.waitForLoadState('load');
        return wrapPlaywright(found);
      },
      async close() {
        if (closed) return;
        closed = true;
        await context.close();
      },
      async relaunch() {
        await browser.close();
        return launchChromium({ ...options, profileDir });
      },
      async dispose() {
        await browser.close();
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
    return browser;
  } catch (error) {
    await context.close().catch(() => {});
    throw error;
  }
}

function wrapPlaywright(page: PlaywrightPage): TestPage {
  let session: Promise<CDPSession> | undefined;
  /** The panel's shadow root as a DevTools remote object, released after `use`. */
  async function withPanelRoot<R>(use: (cdp: CDPSession, objectId: string) => Promise<R>): Promise<R> {
    const cdp = await (session ??= page.context().newCDPSession(page));
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: PANEL_HOST });
    if (!nodeId) throw new NoPanelError(`no <${PANEL_HOST}> in the page`);
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const shadow = node.shadowRoots?.[0];
    if (!shadow) throw new NoPanelError(`<${PANEL_HOST}> has no shadow root`);
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId, objectGroup: PANEL_OBJECTS });
    try {
      return await use(cdp, object.objectId!);
    } finally {
      await cdp.send('Runtime.releaseObjectGroup', { objectGroup: PANEL_OBJECTS }).catch(() => {});
    }
  }
  /** `fn(target, arg)` on a remote object, in the page's main world: by value, or as a remote object. */
  async function callOn(cdp: CDPSession, objectId: string, fn: Function, arg: unknown, returnByValue: boolean) {
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
      arguments: [{ value: arg }],
      returnByValue,
      awaitPromise: true,
      objectGroup: PANEL_OBJECTS,
    });
    if (exceptionDetails) throw new Error(`in the panel: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result;
  }
  return testPage({
    browserName: 'chromium',
    raw: page,
    url: () => page.url(),
    async goto(url, timeoutMs = 30_000) {
      await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    },
    evaluate(fn, arg) {
      return page.evaluate(fn as never, arg as never) as never;
    },
    async waitForFunction(fn, arg, timeoutMs = 15_000) {
      await page.waitForFunction(fn as never, arg as never, { timeout: timeoutMs, polling: 100 });
    },
    inPanel(fn, arg) {
      return withPanelRoot(async (cdp, root) => (await callOn(cdp, root, fn, arg, true)).value);
    },
    async pointInPage(find, arg) {
      const handle = await page.evaluateHandle(find as (arg: unknown) => Element | null | undefined, arg as unknown);
      try {
        return (await handle.asElement()?.evaluate(clickPoint)) ?? null;
      } finally {
        await handle.dispose();
      }
    },
    pointInPanel(find, arg) {
      return withPanelRoot(async (cdp, root) => {
        const element = await callOn(cdp, root, find, arg, false);
        if (element.subtype !== 'node') return null;
        return (await callOn(cdp, element.objectId!, clickPoint, undefined, true)).value as ClickPoint;
      });
    },
    async mouseClick(x, y) {
      await page.mouse.click(x, y);
    },
    async press(key) {
      await page.keyboard.press(key);
    },
    async setViewport(width, height) {
      await page.setViewportSize({ width, height });
    },
    async screenshot(name, options) {
      const path = screenshotPath('chromium', name);
      await page.screenshot({ path, fullPage: options?.fullPage ?? false });
      return path;
    },
    async bringToFront() {
      await page.bringToFront();
    },
    async close() {
      await page.close();
    },
  });
}

/** DevTools' group for the remote objects the harness makes in the panel, released after each use. */
const PANEL_OBJECTS = 'tender-timeline-e2e-panel';

// ---------- Firefox ----------

export async function launchFirefox(options: LaunchOptions): Promise<E2EBrowser> {
  const check = findBrowser('firefox');
  if (!check.ok) throw new Error(check.message);
  const install = options.firefoxInstall ?? 'temporary';
  const extensionDir = options.extensionDir ?? BUILD_DIRS.firefox;
  const profileDir = options.profileDir ?? newProfileDir('firefox');
  const xpiPath = join(profileDir, 'extensions', `${GECKO_ID}.xpi`);
  if (install === 'permanent' && !existsSync(xpiPath)) {
    // An unsigned XPI named after the gecko id in the profile's extensions/ folder: Firefox
    // ESR installs it at start-up (signatures off, profile scope enabled without a prompt).
    // Written once per profile: a relaunch finds the same file, as after a real restart.
    mkdirSync(join(profileDir, 'extensions'), { recursive: true });
    writeXpi(extensionDir, xpiPath);
  }
  const proxyPort = options.server.proxyPort;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: check.path,
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: profileDir,
    defaultViewport: VIEWPORT,
    args: ['--remote-allow-system-access'],
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    extraPrefsFirefox: {
      // Everything through the stand-in's CONNECT proxy; it tunnels FTS and d3tenders, refuses the rest.
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.allow_hijacking_localhost': true,
      'network.trr.mode': 5,
      // Closing a test's last tab keeps the window: with no browser window left, BiDi cannot open another tab.
      'browser.tabs.closeWindowWithLastTab': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      // The permanent install is unsigned; Firefox ESR honours this pref (release builds do not).
      'xpinstall.signatures.required': false,
      // Enable add-ons found in the profile and application scopes without asking.
      'extensions.autoDisableScopes': 0,
      'extensions.enabledScopes': 5,
      ...options.firefoxPrefs,
    },
  });
  let closed = false;
  try {
    if (install === 'temporary') {
      // A start that hangs here is closed (below) rather than left to the hook's timeout.
      const id = await within(browser.installExtension(extensionDir), 30_000, 'Firefox to install the add-on');
      if (id !== GECKO_ID) throw new Error(`Firefox installed the add-on as ${id}, expected ${GECKO_ID}`);
    }
    const extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
    let spare: PuppeteerPage | undefined = (await browser.pages()).find((p) => p.url() === 'about:blank');
    // BiDi opens a tab in Firefox's most recent window of any kind. A notification the extension
    // shows is drawn, headless, in a window of its own; while it is the most recent, opening a tab
    // fails ("getTabBrowser(...) is undefined"), and a new browser window is opened instead.
    const openTab = async () => {
      try {
        return await browser.newPage();
      } catch (error) {
        if (!String(error).includes('getTabBrowser')) throw error;
        return browser.newPage({ type: 'window' });
      }
    };
    const newTab = async () => {
      const page = spare ?? (await openTab());
      spare = undefined;
      return page;
    };
    const e2e: E2EBrowser = {
      name: 'firefox',
      profileDir,
      extensionId: FIREFOX_EXTENSION_UUID,
      extensionOrigin,
      popupUrl: `${extensionOrigin}/popup.html`,
      install,
      raw: browser,
      async openPage(url) {
        const page = wrapPuppeteer(await newTab());
        await page.goto(url);
        return page;
      },
      openPopup() {
        return e2e.openExtensionPage('/popup.html');
      },
      async openExtensionPage(path) {
        const url = `${extensionOrigin}${path}`;
        // Navigating to moz-extension:// over BiDi never reports `load` here: start it, then
        // wait for the page's DOM instead. On a busy machine the navigation is now and then
        // dropped and the tab stays at about:blank, and asking that tab again does not help:
        // close it and try in a new tab, up to three times.
        const rendered = (url: string) => location.href === url && (document.querySelector('#root')?.childElementCount ?? 0) > 0;
        let stale: PuppeteerPage | undefined;
        for (let attempt = 1; ; attempt++) {
          const raw = attempt === 1 ? await newTab() : await browser.newPage();
          // Closed only once the new tab is open: the browser never runs out of windows.
          await stale?.close().catch(() => {});
          const page = wrapPuppeteer(raw);
          void raw.goto(url, { timeout: 0 }).catch(() => {});
          try {
            await page.waitForFunction(rendered, url, attempt < 3 ? 8_000 : 15_000);
            return page;
          } catch (error) {
            if (attempt < 3 && raw.url() === 'about:blank') {
              stale = raw;
              continue;
            }
            throw new Error(`${url} did not render: is the add-on installed (${install})? Page is at ${raw.url()}.\n${String(error)}`);
          }
        }
      },
      async pageOpenedBy(action, match, timeoutMs = 15_000) {
        const before = new Set(await browser.pages());
        await action();
        // Over BiDi a tab that went to a moz-extension:// page still reports about:blank: ask the page.
        const urlOf = async (p: PuppeteerPage) => (p.url() === 'about:blank' ? await p.evaluate(() => location.href).catch(() => p.url()) : p.url());
        const found = await poll(
          async () => {
            for (const p of await browser.pages()) if (!before.has(p) && match(await urlOf(p))) return p;
            return undefined;
          },
          timeoutMs,
          'a new tab with a matching URL',
        );
        return wrapPuppeteer(found);
      },
      async close() {
        if (closed) return;
        closed = true;
        await browser.close();
      },
      async relaunch() {
        if (install !== 'permanent') throw new Error('a temporary Firefox add-on does not survive a restart: launch with firefoxInstall: "permanent"');
        await e2e.close();
        return launchFirefox({ ...options, profileDir, firefoxInstall: 'permanent' });
      },
      async dispose() {
        await e2e.close();
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
    return e2e;
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
}

/**
 * What puppeteer-core (25) has under its public BiDi handles: the handle's remote value and
 * its realm, which calls `script.callFunction` with any serialization options and makes a
 * handle from a remote value. Its public `evaluate` serializes without shadow trees.
 */
interface BidiHandleInternals {
  remoteValue(): BidiRemoteValue;
  realm: {
    realm: {
      callFunction(
        functionDeclaration: string,
        awaitPromise: boolean,
        options: { this: BidiRemoteValue; resultOwnership: 'none'; serializationOptions: { maxDomDepth: number; includeShadowTree: 'all' } },
      ): Promise<{ type: 'success'; result: BidiRemoteValue } | { type: 'exception'; exceptionDetails: { text: string } }>;
    };
    createHandle(value: BidiRemoteValue): JSHandle<unknown>;
  };
}
interface BidiRemoteValue {
  type: string;
  sharedId?: string;
  value?: { shadowRoot?: BidiRemoteValue | null };
}

function wrapPuppeteer(page: PuppeteerPage): TestPage {
  /** The panel's shadow root as a handle: the host, serialized with its closed shadow tree, gives a reference to the root. */
  async function withPanelRoot<R>(use: (root: ElementHandle<ShadowRoot>) => Promise<R>): Promise<R> {
    const found = await page.evaluateHandle((name) => document.querySelector(name), PANEL_HOST);
    let root: ElementHandle<ShadowRoot> | undefined;
    try {
      const host = found.asElement();
      if (!host) throw new NoPanelError(`no <${PANEL_HOST}> in the page`);
      const internals = host as unknown as BidiHandleInternals;
      const answer = await internals.realm.realm.callFunction('function () { return this; }', false, {
        this: internals.remoteValue(),
        resultOwnership: 'none',
        serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
      });
      if (answer.type !== 'success') throw new Error(`reading <${PANEL_HOST}>: ${answer.exceptionDetails.text}`);
      const shadow = answer.result.value?.shadowRoot;
      if (!shadow?.sharedId) throw new NoPanelError(`<${PANEL_HOST}> has no shadow root`);
      root = internals.realm.createHandle(shadow) as ElementHandle<ShadowRoot>;
      return await use(root);
    } finally {
      await found.dispose();
    }
  }
  /** Where to click the element `handle` holds (null: it holds none); the handle is disposed. */
  async function pointOf(handle: JSHandle<unknown>): Promise<ClickPoint | null> {
    try {
      const element = handle.asElement() as ElementHandle<Element> | null;
      return element ? await element.evaluate(clickPoint) : null;
    } finally {
      await handle.dispose();
    }
  }
  return testPage({
    browserName: 'firefox',
    raw: page,
    url: () => page.url(),
    async goto(url, timeoutMs = 30_000) {
      await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    },
    evaluate(fn, arg) {
      return page.evaluate(fn as never, arg as never) as never;
    },
    async waitForFunction(fn, arg, timeoutMs = 15_000) {
      // Polled with evaluate, not puppeteer's waitForFunction: Firefox ESR 140.12 replaces a
      // tab's browsing context when it navigates to another process (moz-extension:// pages),
      // and a waitForFunction started before then never resolves, while evaluate still works.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (await page.evaluate(fn as never, arg as never).catch(() => false)) return;
        if (Date.now() > deadline) throw new Error(`waitForFunction: not true within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    inPanel(fn, arg) {
      return withPanelRoot((root) => root.evaluate(fn as never, arg as never)) as never;
    },
    async pointInPage(find, arg) {
      return pointOf(await page.evaluateHandle(find as (arg: unknown) => Element | null | undefined, arg as unknown));
    },
    pointInPanel(find, arg) {
      return withPanelRoot(async (root) => pointOf(await root.evaluateHandle(find as never, arg as never)));
    },
    async mouseClick(x, y) {
      await page.mouse.click(x, y);
    },
    async press(key) {
      // puppeteer's BiDi keyboard knows the space bar only as " " (playwright-core's as "Space").
      await page.keyboard.press((key === 'Space' ? ' ' : key) as KeyInput);
    },
    async setViewport(width, height) {
      // BiDi's own command: puppeteer's setViewport also sends
      // emulation.setScreenOrientationOverride, which Firefox ESR 140.12 does not know.
      const context = (page.mainFrame() as unknown as { browsingContext: { setViewport(o: unknown): Promise<void> } }).browsingContext;
      await context.setViewport({ viewport: { width, height }, devicePixelRatio: null });
    },
    async screenshot(name, options) {
      const path = screenshotPath('firefox', name) as `${string}.png`;
      await page.screenshot({ path, fullPage: options?.fullPage ?? false });
      return path;
    },
    async bringToFront() {
      await page.bringToFront();
    },
    async close() {
      await page.close();
    },
  });
}

/** The page has no panel (yet): no host element, or a host without a shadow root. */
export class NoPanelError extends Error {
  override name = 'NoPanelError';
}

/** What each library gives; `testPage` builds the rest of `TestPage` on it, once for both. */
interface PagePrimitives extends Omit<TestPage, 'waitInPanel' | 'click' | 'clickInPanel'> {
  /** Where to click the element `find(arg)` returns in the page (`clickPoint`), or null when it returns none. */
  pointInPage<A>(find: (arg: A) => Element | null | undefined, arg?: A): Promise<ClickPoint | null>;
  /** The same for `find(root, arg)` on the panel's shadow root. */
  pointInPanel<A>(find: (root: ShadowRoot, arg: A) => Element | null | undefined, arg?: A): Promise<ClickPoint | null>;
  /** A real mouse click at viewport coordinates. */
  mouseClick(x: number, y: number): Promise<void>;
}

function testPage(p: PagePrimitives): TestPage {
  const clickAt = async (point: ClickPoint | null, description: string) => {
    if (!point) throw new Error(`click: ${description} was not found`);
    if ('problem' in point) throw new Error(`click: ${description}: ${point.problem}`);
    await p.mouseClick(point.x, point.y);
  };
  /** Poll `probe` on the panel until it gives a value; a missing panel counts as not yet. */
  const pollPanel = async <T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> => {
    let missing = '';
    try {
      return await poll(
        () =>
          probe().catch((error: unknown) => {
            if (!(error instanceof NoPanelError)) throw error;
            missing = ` (${error.message})`;
            return undefined;
          }),
        timeoutMs,
        what,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}${missing}`);
    }
  };
  return {
    ...p,
    async waitInPanel(fn, arg, timeoutMs = 15_000) {
      await pollPanel(async () => ((await p.inPanel(fn, arg as never)) ? true : undefined), timeoutMs, 'a condition in the panel');
    },
    async click(find, arg, description = 'the element') {
      await clickAt(await p.pointInPage(find, arg), description);
    },
    async clickInPanel(find, arg, description = 'the element', timeoutMs = 10_000) {
      const point = await pollPanel(async () => (await p.pointInPanel(find, arg)) ?? undefined, timeoutMs, `${description} in the panel`);
      await clickAt(point, description);
    },
  };
}

type ClickPoint = { x: number; y: number } | { problem: string };

/**
 * Scroll the element into view and check that a click at its centre reaches it (and not, say,
 * FTS's own "Watch this notice" button or an overlay): hit-test inside its own root (document
 * or shadow root). The scroll is instant and the box must be still before the check: a panel
 * with `scroll-behavior: smooth` would otherwise still be moving when the click lands, and the
 * click would miss (seen in Firefox). Runs in the page; returns the point to click, or why not.
 */
async function clickPoint(el: Element): Promise<ClickPoint> {
  el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
  let last = '';
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 25));
    const b = el.getBoundingClientRect();
    const now = `${b.x},${b.y},${b.width},${b.height}`;
    if (now === last) break;
    last = now;
  }
  // The first line's box: an inline link that wraps has its bounding box's centre between
  // its lines, where a person would not click.
  const box = el.getClientRects()[0] ?? el.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return { problem: 'it has no size (hidden?)' };
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  const root = el.getRootNode() as Document | ShadowRoot;
  const hit = root.elementFromPoint(x, y);
  if (!hit) return { problem: 'nothing is at its centre (off-screen?)' };
  if (hit === el || el.contains(hit)) return { x, y };
  return { problem: `a click at its centre would hit <${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}> "${(hit.textContent ?? '').trim().slice(0, 60)}"` };
}

/** `promise`, or an error once `timeoutMs` have passed without it settling. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function poll<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
