/**
 * FTS's own look for the FTS stand-in: the saved notice page links the stylesheet
 * `/libraries/base-noticing/stylesheets/govuk-frontend-3.0.0.min.css`, which is GOV.UK
 * Frontend 3.0.0. The npm package (`govuk-frontend@3.0.0`, a devDependency) ships its Sass,
 * not built CSS: it is compiled here with `sass` when the stand-in first starts (it takes
 * seconds), and kept in `node_modules/.cache` for every later start.
 *
 * The compiled CSS asks for its fonts and images under `/libraries/base-noticing/fonts/` and
 * `/libraries/base-noticing/images/` (where the saved page's own images are), and the stand-in
 * serves the package's files there. FTS's other stylesheets (`main.css`, `gds_style.css` …)
 * are its own and not public: they are not served.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './env.ts';

const PACKAGE_DIR = join(ROOT, 'node_modules', 'govuk-frontend');
const VERSION = (JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
const CACHE_FILE = join(ROOT, 'node_modules', '.cache', 'tender-timeline-e2e', `govuk-frontend-${VERSION}.css`);

const BASE = '/libraries/base-noticing';
/** Where the saved FTS page links GOV.UK Frontend's CSS (its `?v=` query is ignored: routes fall back to the path). */
export const GOVUK_CSS_PATH = `${BASE}/stylesheets/govuk-frontend-3.0.0.min.css`;
const FONTS_PATH = `${BASE}/fonts/`;
const IMAGES_PATH = `${BASE}/images/`;

/** Compiles GOV.UK Frontend's CSS into the cache unless it is there already. */
export async function compileGovukCss(): Promise<void> {
  if (existsSync(CACHE_FILE)) return;
  const sass = await import('sass');
  const source = `$govuk-fonts-path: "${FONTS_PATH}";\n$govuk-images-path: "${IMAGES_PATH}";\n@import "govuk/all";\n`;
  // GOV.UK Frontend 3 is older Sass (`@import`, `/` for division): the deprecation warnings are not ours to fix.
  const { css } = sass.compileString(source, { loadPaths: [PACKAGE_DIR], style: 'compressed', quietDeps: true, logger: sass.Logger.silent });
  mkdirSync(join(CACHE_FILE, '..'), { recursive: true });
  writeFileSync(CACHE_FILE, css);
}

/** Path → file body and content type, for every file of GOV.UK Frontend the stand-in serves (after `compileGovukCss`). */
export function govukAssets(): Map<string, { body: Buffer; contentType: string }> {
  const assets = new Map([[GOVUK_CSS_PATH, { body: readFileSync(CACHE_FILE), contentType: 'text/css; charset=utf-8' }]]);
  for (const [dir, path] of [['fonts', FONTS_PATH], ['images', IMAGES_PATH]] as const) {
    const from = join(PACKAGE_DIR, 'govuk', 'assets', dir);
    for (const name of readdirSync(from)) assets.set(`${path}${name}`, { body: readFileSync(join(from, name)), contentType: CONTENT_TYPES[name.split('.').pop()!] ?? 'application/octet-stream' });
  }
  return assets;
}

const CONTENT_TYPES: Record<string, string> = { woff: 'font/woff', woff2: 'font/woff2', png: 'image/png', svg: 'image/svg+xml', ico: 'image/x-icon' };
