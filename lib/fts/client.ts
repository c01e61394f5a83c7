/**
 * One polite client for Find a Tender: one request at a time, spaced out, honouring
 * Retry-After on 429/503 and backing off exponentially (capped) on 429/5xx/time-outs.
 * FTS has been seen limiting to about 12 requests per 2 minutes without saying so.
 * Clock, sleep and fetch are injected so the rules are tested without waiting.
 */

export interface FtsClientOptions {
  fetch: (url: string, init: { signal: AbortSignal; headers: Record<string, string> }) => Promise<Response>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Minimum gap between the start of two requests. */
  spacingMs?: number;
  timeoutMs?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export type FtsErrorKind = 'network' | 'busy' | 'notFound' | 'http';

export class FtsError extends Error {
  constructor(
    readonly kind: FtsErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FtsError';
  }
}

/** Seconds or an HTTP date, as `Retry-After` allows; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export function createFtsClient(options: FtsClientOptions) {
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const spacingMs = options.spacingMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const baseBackoffMs = options.baseBackoffMs ?? 5_000;
  const maxBackoffMs = options.maxBackoffMs ?? 120_000;
  let queue: Promise<unknown> = Promise.resolve();
  let lastStart = Number.NEGATIVE_INFINITY;
  let requestCount = 0;

  async function once(url: string): Promise<Response> {
    const wait = lastStart + spacingMs - now();
    if (wait > 0) await sleep(wait);
    lastStart = now();
    requestCount++;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await options.fetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
    } finally {
      clearTimeout(timer);
    }
  }

  async function getText(url: string): Promise<string> {
    let lastError: FtsError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let response: Response;
      try {
        response = await once(url);
      } catch {
        lastError = new FtsError('network', 'Find a Tender could not be reached (network error or time-out).');
        await sleep(Math.min(maxBackoffMs, baseBackoffMs * 2 ** (attempt - 1)));
        continue;
      }
      if (response.ok) return response.text();
      if (response.status === 404) throw new FtsError('notFound', 'Find a Tender has no data for this notice.', 404);
      if (!RETRYABLE.has(response.status)) throw new FtsError('http', `Find a Tender answered ${response.status}.`, response.status);
      lastError = new FtsError('busy', 'Find a Tender is busy; try again in a few minutes.', response.status);
      if (attempt === maxAttempts) break;
      const told = retryAfterMs(response.headers.get('Retry-After'), now());
      await sleep(Math.min(maxBackoffMs, told ?? baseBackoffMs * 2 ** (attempt - 1)));
    }
    throw lastError ?? new FtsError('network', 'Find a Tender could not be reached.');
  }

  return {
    /** Queued: requests run one at a time, in the order asked. */
    getText(url: string): Promise<string> {
      const result = queue.then(() => getText(url));
      queue = result.catch(() => undefined);
      return result;
    },
    get requestCount() {
      return requestCount;
    },
  };
}

export type FtsClient = ReturnType<typeof createFtsClient>;
