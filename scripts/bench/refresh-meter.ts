/**
 * Where a refresh cycle's wall-clock time goes, for scripts/bench-refresh.ts, without
 * touching lib/: the database handed to `refreshCycle` and its FTS client are wrapped so
 * that the time spent waiting on IndexedDB requests (and on the client's `getText`) is
 * added up by category. Whatever remains of the cycle's time is our own synchronous work:
 * reading list pages and records (readOcds), comparing, summarising, the cycle's logic.
 *
 * The cycle runs one request at a time, so the timed intervals do not overlap. A reaction
 * is attached to each promise before it is handed back, so it runs before the awaiting
 * code resumes: the interval ends when the request settles, not when its caller next runs.
 */
import { performance } from 'node:perf_hooks';
import type { TextClient } from '../../lib/refresh/sweep';

export class Meter {
  readonly totals = new Map<string, number>();

  add(category: string, ms: number): void {
    this.totals.set(category, (this.totals.get(category) ?? 0) + ms);
  }

  track<T>(category: string, promise: Promise<T>): Promise<T> {
    const started = performance.now();
    const done = () => this.add(category, performance.now() - started);
    promise.then(done, done);
    return promise;
  }

  sum(filter: (category: string) => boolean = () => true): number {
    let total = 0;
    for (const [category, ms] of this.totals) if (filter(category)) total += ms;
    return total;
  }
}

/** Calls whose result is another idb object to follow (its requests count for the same category). */
const FOLLOWED = new Set<PropertyKey>(['transaction', 'objectStore', 'index']);

/**
 * The same idb object (database, transaction, store, index), its requests timed. Requests
 * made on the database itself are filed as `method:store` (`getAll:watchlist`, `get:meta`,
 * `put:meta`); everything done inside an explicit transaction as `transaction`.
 */
export function meterIdb<T extends object>(target: T, meter: Meter, category?: string): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      if (property === 'done' && value instanceof Promise) return meter.track(category ?? 'transaction', value);
      if (property === 'store' && typeof value === 'object' && value !== null) return meterIdb(value, meter, category);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const filed = category ?? (property === 'transaction' ? 'transaction' : `${String(property)}:${String(args[0])}`);
        const started = performance.now();
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
        meter.add(filed, performance.now() - started);
        if (result instanceof Promise) return meter.track(filed, result);
        if (FOLLOWED.has(property) && typeof result === 'object' && result !== null) return meterIdb(result, meter, filed);
        return result;
      };
    },
  });
}

/** The same client, the time until each `getText` settles filed under `category`. */
export function meterClient(client: TextClient, meter: Meter, category = 'fts'): TextClient {
  return { getText: (url) => meter.track(category, client.getText(url)) };
}
