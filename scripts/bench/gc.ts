import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Node's garbage collector, so that benchmarks can collect between cases; says how it was found. */
export function findGc(): { gc: (() => void) | undefined; how: string } {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return { gc: exposed as () => void, how: 'global.gc (--expose-gc)' };
  try {
    // Fallback when the flag was not given: expose gc now and take it from a fresh context.
    setFlagsFromString('--expose-gc');
    const fromContext: unknown = runInNewContext('gc');
    if (typeof fromContext === 'function') return { gc: fromContext as () => void, how: 'v8.setFlagsFromString fallback (prefer --expose-gc)' };
  } catch {
    // not available
  }
  return { gc: undefined, how: 'not available (run with --expose-gc)' };
}
