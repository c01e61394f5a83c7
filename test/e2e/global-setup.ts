/**
 * Before any e2e test: the built extension must exist (the npm script builds first), and a
 * missing browser is reported once, loudly (tests then skip, or fail when CI is set).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSERS, BUILD_DIRS, findBrowser } from './env.ts';

export default function setup(): void {
  const missing = Object.values(BUILD_DIRS).filter((dir) => !existsSync(join(dir, 'manifest.json')));
  if (missing.length) {
    throw new Error(
      `e2e tests run against the built extension, and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: ` +
        'run `npx wxt build && npx wxt build -b firefox` (or `npm run build`) first.',
    );
  }
  for (const name of BROWSERS) {
    const check = findBrowser(name);
    if (check.ok) continue;
    if (process.env.CI) console.error(`\n✗ e2e: ${check.message}\n  CI is set: the ${name} tests will FAIL.\n`);
    else console.warn(`\n!!! e2e: ${check.message}\n!!! The ${name} tests will be SKIPPED (set CI to make them fail).\n`);
  }
}
