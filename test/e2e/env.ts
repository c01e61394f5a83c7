/**
 * Where things are for the e2e tests: the builds, the browsers (from CHROMIUM_PATH /
 * FIREFOX_PATH or Debian's paths), the fixed Firefox add-on UUID. No browser library here, so
 * the global setup can load it cheaply.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BrowserName = 'chromium' | 'firefox';
const ALL_BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];
/** The browsers to test in: both, or those E2E_BROWSERS names (`chromium`, `firefox`, comma-separated). */
export const BROWSERS: readonly BrowserName[] = process.env.E2E_BROWSERS ? ALL_BROWSERS.filter((b) => process.env.E2E_BROWSERS!.split(',').includes(b)) : ALL_BROWSERS;

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built extension each browser loads; E2E_CHROMIUM_EXTENSION / E2E_FIREFOX_EXTENSION point elsewhere (another build, a stand-in to test the harness). */
export const BUILD_DIRS: Record<BrowserName, string> = {
  chromium: process.env.E2E_CHROMIUM_EXTENSION || join(ROOT, '.output', 'chrome-mv3'),
  firefox: process.env.E2E_FIREFOX_EXTENSION || join(ROOT, '.output', 'firefox-mv2'),
};
/** Screenshots and other artefacts (gitignored). */
export const RESULTS_DIR = join(ROOT, 'test-results');

/** `browser_specific_settings.gecko.id` in wxt.config.ts. */
export const GECKO_ID = 'tender-timeline@tender-timeline.app';
/** Fixed with the pref `extensions.webextensions.uuids`, so `moz-extension://<uuid>/…` is known. */
export const FIREFOX_EXTENSION_UUID = '7e4d7e11-0c1b-4a3e-9f2d-1e2d3c4b5a60';

const ENV_VARS: Record<BrowserName, string> = { chromium: 'CHROMIUM_PATH', firefox: 'FIREFOX_PATH' };
const DEFAULT_PATHS: Record<BrowserName, string> = { chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' };
const APT_PACKAGES: Record<BrowserName, string> = { chromium: 'chromium', firefox: 'firefox-esr' };


export type BrowserCheck = { ok: true; path: string } | { ok: false; path: string; message: string };

export function findBrowser(name: BrowserName): BrowserCheck {
  const path = process.env[ENV_VARS[name]] || DEFAULT_PATHS[name];
  if (existsSync(path)) return { ok: true, path };
  return {
    ok: false,
    path,
    message:
      `${name} not found at ${path}. Install Debian's browsers with \`apt-get install chromium firefox-esr\` ` +
      `(this one is the \`${APT_PACKAGES[name]}\` package), or point ${ENV_VARS[name]} at an executable. ` +
      `Never let a test tool download one.`,
  };
}
