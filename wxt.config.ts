import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig, type UserConfig } from 'wxt';

/**
 * The benchmark's floor build (scripts/bench-extension.ts only): when this names a file of
 * captured answers (scripts/bench/floor-answers.ts), entrypoints/notice.content/load.ts and
 * entrypoints/popup/send.ts are replaced by scripts/bench/floor-load.ts and floor-send.ts,
 * which answer from it without a message, and the build goes to .output/bench-floor-*.
 */
const floorAnswer = process.env.TENDER_TIMELINE_FLOOR_ANSWER;

function benchFloor(answerFile: string): Pick<UserConfig, 'outDirTemplate' | 'vite'> {
  const floors = new Map([
    [resolve('entrypoints/notice.content/load.ts'), resolve('scripts/bench/floor-load.ts')],
    [resolve('entrypoints/popup/send.ts'), resolve('scripts/bench/floor-send.ts')],
  ]);
  const floorFiles = new Set(floors.values());
  const answers = JSON.parse(readFileSync(answerFile, 'utf8')) as { load?: unknown; firstRows?: unknown };
  return {
    outDirTemplate: 'bench-floor-{{browser}}-mv{{manifestVersion}}',
    vite: () => ({
      // Each floor inlines only its own answers: a constant it does not use is not parsed in its window.
      define: {
        __TENDER_TIMELINE_FLOOR_LOAD__: JSON.stringify(answers.load ?? null),
        __TENDER_TIMELINE_FLOOR_FIRST_ROWS__: JSON.stringify(answers.firstRows ?? null),
      },
      plugins: [
        {
          name: 'tender-timeline-bench-floor',
          enforce: 'pre',
          async resolveId(source, importer, options) {
            if (importer && floorFiles.has(importer)) return null; // a floor falls back on the real module
            const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
            return (resolved && floors.get(resolved.id)) ?? null;
          },
        },
      ],
    }),
  };
}

/**
 * The content script is kept small. It takes the browser's own `browser`/`chrome` (promise-based
 * in content scripts of both browsers) in place of webextension-polyfill, and its styles inline
 * (`?inline`, into its shadow root): the components' plain CSS imports, which the extension's
 * pages need, become empty there, so no unused CSS file is built for it.
 */
const WXT_OWN_BROWSER = createRequire(import.meta.url).resolve('wxt/browser');
const EMPTY_CSS = '\0tender-timeline-empty-css';
const contentScriptCss: Plugin = {
  name: 'tender-timeline-content-script-css',
  enforce: 'pre',
  resolveId: (source) => (/\.css$/.test(source) ? EMPTY_CSS : null),
  load: (id) => (id === EMPTY_CSS ? 'export {};' : null),
};

// Host permissions are limited to the sites the extension serves.
export default defineConfig({
  ...(floorAnswer ? benchFloor(floorAnswer) : {}),
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  hooks: {
    // The popup and the options page share React in one chunk with a stable name, and zod
    // (loaded only to make or import a backup) in another, so that the web-ext lint check
    // can tell react-dom's and zod's own warnings from ours.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.every((e) => e.type === 'content-script')) {
        const resolveOptions = (config.resolve ??= {});
        const alias = resolveOptions.alias;
        const own = { find: /^wxt\/browser$/, replacement: WXT_OWN_BROWSER };
        resolveOptions.alias = Array.isArray(alias) ? [own, ...alias] : [own, ...Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: replacement as string }))];
        (config.plugins ??= []).unshift(contentScriptCss);
        return;
      }
      if (!entrypoints.some((e) => e.type === 'popup' || e.type === 'options')) return;
      const rollupOptions = ((config.build ??= {}).rollupOptions ??= {});
      rollupOptions.output = {
        ...(rollupOptions.output as object),
        manualChunks: (id: string) =>
          /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id) ? 'react' : /[\\/]node_modules[\\/]zod[\\/]/.test(id) ? 'zod' : undefined,
      };
    },
  },
  manifest: {
    name: 'Tender Timeline',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications'],
    // Opens the panel and puts the focus in it (lib/messages.ts OPEN_PANEL_COMMAND): no 47 tabs
    // through FTS's page to reach it. Alt+Shift+P, not Alt+Shift+T, which Chrome keeps for
    // "focus the toolbar". People can change it (chrome://extensions/shortcuts, about:addons).
    commands: {
      'open-panel': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Open the Tender Timeline panel and move the focus to it',
      },
    },
    // The background fetches OCDS from Find a Tender; content scripts add their own matches.
    host_permissions: ['https://www.find-tender.service.gov.uk/*'],
    description:
      'The whole timeline of a UK public procurement on Find a Tender: notices, amendments and key dates in UK time, with a watchlist.',
    browser_specific_settings: {
      gecko: {
        id: 'tender-timeline@tender-timeline.app',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      // data_collection_permissions came to Firefox for Android in 142.
      gecko_android: { strict_min_version: '142.0' },
    },
  },
});
