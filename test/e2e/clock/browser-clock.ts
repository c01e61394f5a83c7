/**
 * A browser whose clock reads another date: `browserClock(at)` gives the environment that
 * moves the wall clock of every process of the browser (test/e2e/clock/browser-clock.c,
 * loaded with LD_PRELOAD) so that it reads `at` now and runs on from there, and the same
 * clock on this side (`now()`), for the stand-in to date FTS's releases by.
 *
 * The shared library is built once per run with the machine's C compiler (`cc`; Debian's
 * `gcc` and `libc6-dev`). Linux x86-64 and arm64 only: the browsers here are Debian's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./browser-clock.c', import.meta.url));
let built: string | undefined;

function library(): string {
  if (built && existsSync(built)) return built;
  const out = join(mkdtempSync(join(tmpdir(), 'tender-timeline-clock-')), 'browser-clock.so');
  try {
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', out, SOURCE], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`moving the browser's clock needs a C compiler (apt-get install gcc libc6-dev): ${String(error)}`);
  }
  return (built = out);
}

export interface BrowserClock {
  /** For `launch(…, { env })`. */
  readonly env: Record<string, string>;
  /** What the browser's clock reads now. */
  now(): Date;
  /** The same clock moved on by `seconds` (for a browser launched again later). */
  later(seconds: number): BrowserClock;
}

function clock(offsetSeconds: number): BrowserClock {
  return {
    env: { LD_PRELOAD: library(), E2E_CLOCK_OFFSET_SECONDS: String(offsetSeconds) },
    now: () => new Date(Date.now() + offsetSeconds * 1000),
    later: (seconds) => clock(offsetSeconds + seconds),
  };
}

/** A clock that reads `at` (to the second) now. */
export function browserClock(at: string): BrowserClock {
  return clock(Math.round((Date.parse(at) - Date.now()) / 1000));
}
