/**
 * The page cannot drive or read the panel (issue 8): its root is closed, nothing about the
 * user's data reaches the page, and only the user's own (trusted) clicks and key presses act.
 *
 * The notice page carries a script of its own, run before the extension's: it records what a
 * page could see (messages, every element and attribute change once its document is parsed,
 * shadow roots made through its `attachShadow`) and then tries every way in it has to press
 * Watch. What the page may see is the panel's host, empty, and the one fixed style sheet that
 * makes the panel's room beside the page (issue 10): nothing of the user's, no text, no id.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { BROWSERS, GECKO_ID, PANEL_HOST, describeInBrowser, launch, type BrowserName, type E2EBrowser, type TestPage } from './browsers.ts';
import { journeyCase, renamed, type JourneyCase } from './e2e-fixtures.ts';
import { UI, WATCH_TEXT, clickPanelButton, waitForPanel, waitForPopupRows, waitForWatched, watchButtonState } from './extension-ui.ts';
import { FTS_ORIGIN, ftsNoticePage, ftsReleases, html, startFtsServer, type FtsServer } from './fts-server.ts';

/** What the page's own script saw, kept on `window.pageSaw`. */
interface PageSaw {
  messages: string[];
  /** Shadow roots made through the page's `Element.prototype.attachShadow` (which it forced open). */
  shadowRootsMade: string[];
  /** Attribute and child changes on the panel's host. */
  hostMutations: string[];
  /** Attribute changes anywhere outside the host, once the document was parsed. */
  attributeChanges: string[];
  globalsAtStart: string[];
}

/** The page's own script: in `<head>`, so it runs before the extension's content script. */
const PAGE_SCRIPT = `<script>
(() => {
  const saw = { messages: [], shadowRootsMade: [], hostMutations: [], attributeChanges: [], globalsAtStart: Object.getOwnPropertyNames(window) };
  // Every element the parser made: what is added after is someone else's (the extension's).
  const parsed = new WeakSet();
  let ready = false;
  document.addEventListener('DOMContentLoaded', () => {
    for (const el of document.querySelectorAll('*')) parsed.add(el);
    ready = true;
  }, { capture: true });
  window.pageSawAdded = () => [...document.querySelectorAll('*')].filter((el) => !parsed.has(el)).map((el) => el.parentElement.localName + ' > ' + el.localName);
  window.pageSaw = saw;
  window.addEventListener('message', (e) => saw.messages.push(JSON.stringify(e.data)), true);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    saw.shadowRootsMade.push(this.localName);
    return attach.call(this, { ...init, mode: 'open' });
  };
  new MutationObserver((records) => {
    for (const r of records) {
      const host = r.target.closest ? r.target.closest(${JSON.stringify(PANEL_HOST)}) : null;
      if (host) saw.hostMutations.push(r.type + ' ' + (r.attributeName || ''));
      else if (ready && r.type === 'attributes') saw.attributeChanges.push(r.target.localName + ' ' + r.attributeName);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();
</script>`;

let server: FtsServer;
beforeAll(async () => {
  server = await startFtsServer();
});
afterAll(async () => {
  await server?.close();
});

/** Serve the real saved notice page, re-labelled, with the page’s own script, and its procurement’s releases. */
async function openNotice(browser: E2EBrowser, c: JourneyCase): Promise<TestPage> {
  const page = ftsNoticePage({ noticeId: c.noticeId, ocid: c.ocid, title: c.title }).replace('<head>', `<head>${PAGE_SCRIPT}`);
  server.notice(c.noticeId, { page: html(page) });
  server.procurement(c.ocid, ftsReleases(c.text));
  const opened = await browser.openPage(`${FTS_ORIGIN}/Notice/${c.noticeId}`);
  await waitForPanel(opened);
  await waitForWatched(opened, false);
  return opened;
}

/** The watchlist as the background keeps it, read in the popup: its rows' count. */
async function watchlistSize(browser: E2EBrowser, expected: number): Promise<void> {
  const popup = await browser.openPopup();
  try {
    await waitForPopupRows(popup, expected);
  } catch (error) {
    throw new Error(`the popup: ${await popup.evaluate(() => document.body.innerText)}\n${String(error)}`);
  } finally {
    await popup.close();
  }
}

/** Centre of our Watch button in the viewport, as the harness measures it. */
function watchButtonCentre(page: TestPage): Promise<{ x: number; y: number }> {
  return page.inPanel((root, selector) => {
    const box = root.querySelector(selector)!.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, UI.panel.watchButton);
}

for (const name of BROWSERS) {
  describeInBrowser(name, 'page isolation', (browserName: BrowserName) => {
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

    it("the page's scripts see a closed host and the panel's room: no shadow root, no attribute, no text, no message, no global", async () => {
      const page = await openNotice(browser, renamed(base, '201'));
      // The root is there (the harness reaches it from outside the page) and it is closed.
      expect(await page.inPanel((root) => root.mode)).toBe('closed');
      try {
        await clickPanelButton(page, WATCH_TEXT.off);
        await waitForWatched(page, true);
        await new Promise((r) => setTimeout(r, 500)); // time for anything to reach the page

        const seen = await page.evaluate(({ host, watching }) => {
          const el = document.querySelector(host)!;
          const saw = (window as unknown as { pageSaw: PageSaw }).pageSaw;
          return {
            shadowRoot: el.shadowRoot,
            attributes: el.getAttributeNames(),
            children: el.childNodes.length,
            text: el.textContent,
            saw: { ...saw, globalsAtStart: undefined },
            globals: Object.getOwnPropertyNames(window).filter((n) => !saw.globalsAtStart.includes(n) && n !== 'pageSaw' && n !== 'pageSawAdded'),
            documentAttributes: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
            // Elements made after the page was parsed, and style sheets adopted by the document.
            added: (window as unknown as { pageSawAdded(): string[] }).pageSawAdded(),
            adoptedSheets: document.adoptedStyleSheets.map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText.replace(/\s+/g, ' '))),
            // What the user did shows nowhere in the page's text.
            pageTextHasPanel: document.body.innerText.includes(watching) || document.body.textContent!.includes(watching),
          };
        }, { host: PANEL_HOST, watching: WATCH_TEXT.on });
        expect(seen).toEqual({
          shadowRoot: null,
          attributes: [],
          children: 0,
          text: '',
          saw: { messages: [], shadowRootsMade: [], hostMutations: [], attributeChanges: [], globalsAtStart: undefined },
          // The saved FTS page's own Google Analytics snippet makes these two; nothing else is new.
          globals: ['gtag', 'dataLayer'],
          // The saved page's own `<html xmlns=… xml:lang="en" lang="en">`, unchanged.
          documentAttributes: ['xmlns=http://www.w3.org/1999/xhtml', 'xml:lang=en', 'lang=en'],
          // The empty host, and no other element (no <style>, no <link>).
          added: [`body > ${PANEL_HOST}`],
          // The panel's room beside the page, the whole of it: fixed text, nothing of the user's,
          // no id of the extension, the same after Watch as before it.
          adoptedSheets: [
            [
              'html { margin-right: 360px !important; }',
              '@media (max-width: 1379px) { .govuk-width-container { margin-right: 30px !important; margin-left: 30px !important; } }',
            ],
          ],
          pageTextHasPanel: false,
        });
      } finally {
        await clickPanelButton(page, WATCH_TEXT.on);
        await waitForWatched(page, false);
        await page.close();
      }
    });

    it('a page script cannot press Watch, Hide or anything else in the panel, even holding the button', async () => {
      const page = await openNotice(browser, renamed(base, '202'));
      const centre = await watchButtonCentre(page);

      // The page's own ways in: the host, and whatever the point under the button gives it.
      const reached = await page.evaluate(({ host, centre }) => {
        const el = document.querySelector<HTMLElement>(host)!;
        el.click();
        el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        const atPoint = document.elementFromPoint(centre.x, centre.y);
        (atPoint as HTMLElement | null)?.click();
        const doc = document as Document & {
          caretPositionFromPoint?(x: number, y: number): { offsetNode: Node } | null;
          caretRangeFromPoint?(x: number, y: number): Range | null;
        };
        const caret = doc.caretPositionFromPoint?.(centre.x, centre.y)?.offsetNode ?? doc.caretRangeFromPoint?.(centre.x, centre.y)?.startContainer ?? null;
        const caretElement = caret instanceof Element ? caret : (caret?.parentElement ?? null);
        (caretElement?.closest('button') ?? (caretElement as HTMLElement | null))?.click();
        return {
          atPoint: atPoint?.localName ?? null,
          caretInsidePanel: caret != null && caret.getRootNode() !== document,
        };
      }, { host: PANEL_HOST, centre });
      // To the page, the point under the button is the host. In Chromium the caret there is
      // outside the panel. Firefox ESR 140.12 now and then hands the page a text node inside the
      // closed root (a leak of the browser's: seen with WXT's mount and, in one CI run of
      // 2 December, with the panel's own), so there only the host is checked. Either way the
      // clicks do nothing (below).
      expect(reached.atPoint).toBe(PANEL_HOST);
      if (browserName === 'chromium') expect(reached.caretInsidePanel).toBe(false);

      // A page script given the buttons themselves (the harness hands them over, in the page's
      // main world): clicks, key presses and pointer events it makes are all untrusted.
      const buttons = await page.inPanel((root) => {
        const all = [...root.querySelectorAll<HTMLButtonElement>('button')];
        for (const b of all) {
          b.click();
          b.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
          b.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
          b.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        }
        return all.map((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim());
      });
      expect(buttons).toContain(WATCH_TEXT.off);
      expect(buttons.some((b) => b.startsWith('Tender Timeline'))).toBe(true); // the Hide toggle

      // Nothing happened: not watched, not collapsed, the watchlist is empty.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await watchButtonState(page)).toEqual({ pressed: 'false', text: WATCH_TEXT.off, disabled: false });
      expect(await page.inPanel((root) => root.querySelector('.tt-panel--collapsed') != null)).toBe(false);
      await watchlistSize(browser, 0);
      await page.close();
    });

    it('a page script cannot make the panel remove itself by posing as a newer copy of it', async () => {
      const page = await openNotice(browser, renamed(base, '204'));
      // WXT's content script context listens on the document for this event from a newer copy of
      // the same script (after an update), and then removes its UI. The name is public: the
      // extension's id (Firefox: the add-on id), the script's name, the event's.
      const runtimeId = browserName === 'chromium' ? browser.extensionId : GECKO_ID;
      await page.evaluate((type) => {
        document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'notice', messageId: 'from-the-page' } }));
      }, `${runtimeId}:notice:wxt:content-script-started`);
      await new Promise((r) => setTimeout(r, 500));
      expect(await page.evaluate((host) => document.querySelector(host) != null, PANEL_HOST)).toBe(true);
      await clickPanelButton(page, WATCH_TEXT.off);
      await waitForWatched(page, true);
      await clickPanelButton(page, WATCH_TEXT.on);
      await waitForWatched(page, false);
      await page.close();
    });

    it('a real click and the keyboard (Enter, Space) still watch and unwatch', async () => {
      const page = await openNotice(browser, renamed(base, '203'));
      await clickPanelButton(page, WATCH_TEXT.off);
      await waitForWatched(page, true);
      await watchlistSize(browser, 1);
      await clickPanelButton(page, WATCH_TEXT.on);
      await waitForWatched(page, false);
      await watchlistSize(browser, 0);

      // Focus on our button (as Tab would put it), then the keyboard.
      await page.bringToFront();
      const focused = await page.inPanel((root, selector) => {
        root.querySelector<HTMLButtonElement>(selector)!.focus();
        return root.activeElement === root.querySelector(selector);
      }, UI.panel.watchButton);
      expect(focused).toBe(true);
      await page.press('Enter');
      await waitForWatched(page, true);
      await watchlistSize(browser, 1);
      await page.bringToFront();
      await page.inPanel((root, selector) => root.querySelector<HTMLButtonElement>(selector)!.focus(), UI.panel.watchButton);
      await page.press('Space');
      await waitForWatched(page, false);
      await watchlistSize(browser, 0);
      await page.close();
    });
  });
}
