/**
 * One polite client for Find a Tender: one request at a time, spaced out, honouring
 * Retry-After on 429/503 and backing off exponentially (capped) on 429/5xx/time-outs.
 * FTS has been seen limiting to about 12 requests per 2 minutes without saying so.
 * Each request has one deadline for everything it does (every attempt, every wait, every
 * body), so nobody waits minutes for an answer; and only FTS's own answers are taken, never
 * one that a redirect brought from another site.
 * Clock, sleep and fetch are injected so the rules are tested without waiting.
 */
import { isFtsUrl } from './urls';

export interface FtsClientOptions {
  fetch: (url: string, init: { signal: AbortSignal; headers: Record<string, string>; redirect: 'follow' }) => Promise<Response>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Minimum gap between the start of two requests (FTS allows about 12 per 2 minutes). */
  spacingMs?: number;
  /** How long one attempt waits for FTS to start answering (its status and headers). */
  timeoutMs?: number;
  /** How long a request may take in all, from its turn in the queue: attempts, waits and bodies. */
  deadlineMs?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** A Retry-After longer than this gives up the request as "busy" rather than holding the queue. */
  maxRetryAfterMs?: number;
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
  const spacingMs = options.spacingMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadlineMs = options.deadlineMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const baseBackoffMs = options.baseBackoffMs ?? 5_000;
  const maxBackoffMs = options.maxBackoffMs ?? 120_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  let queue: Promise<unknown> = Promise.resolve();
  let lastStart = Number.NEGATIVE_INFINITY;
  let requestCount = 0;

  /**
   * One attempt: `timeoutMs` for FTS to start answering, then the body for as long as the
   * request's `deadline` allows (record packages run to 20 MB: a slow one is read once, not cut off and asked again).
   */
  async function once(url: string, deadline: AbortSignal): Promise<{ response: Response; text: string }> {
    const wait = lastStart + spacingMs - now();
    if (wait > 0) await sleep(wait);
    lastStart = now();
    requestCount++;
    const answered = new AbortController();
    const timer = setTimeout(() => answered.abort(), timeoutMs);
    try {
      const signal = AbortSignal.any([deadline, answered.signal]);
      const response = await options.fetch(url, { signal, headers: { Accept: 'application/json' }, redirect: 'follow' });
      clearTimeout(timer);
      // Browsers give the final URL; a response made in a test has none.
      if (response.url && !isFtsUrl(response.url)) throw new FtsError('http', 'Find a Tender redirected the request to another site; its answer was not used.');
      const text = response.ok ? await response.text() : '';
      return { response, text };
    } finally {
      clearTimeout(timer);
    }
  }

  const backoff = (attempt: number) => Math.min(maxBackoffMs, baseBackoffMs * 2 ** (attempt - 1));

  async function getText(url: string): Promise<string> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    try {
      return await attempts(url, deadline.signal, now() + deadlineMs);
    } finally {
      clearTimeout(timer);
    }
  }

  async function attempts(url: string, deadline: AbortSignal, endsAt: number): Promise<string> {
    const late = () => new FtsError('network', 'Find a Tender could not be reached in time; try again in a few minutes.');
    // A wait that would end past the deadline is not taken: the request gives up now instead.
    const waitWithin = async (ms: number) => {
      if (now() + ms >= endsAt) return false;
      await sleep(ms);
      return true;
    };
    let lastError: FtsError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let answer: { response: Response; text: string };
      try {
        answer = await once(url, deadline);
      } catch (error) {
        if (error instanceof FtsError) throw error;
        if (deadline.aborted) throw late();
        lastError = new FtsError('network', 'Find a Tender could not be reached (network error or time-out).');
        if (attempt < maxAttempts && !(await waitWithin(backoff(attempt)))) break;
        continue;
      }
      const { response, text } = answer;
      if (response.ok) return text;
      if (response.status === 404) throw new FtsError('notFound', 'Find a Tender has no data for this notice.', 404);
      if (!RETRYABLE.has(response.status)) throw new FtsError('http', `Find a Tender answered ${response.status}.`, response.status);
      lastError = new FtsError('busy', 'Find a Tender is busy; try again in a few minutes.', response.status);
      if (attempt === maxAttempts) break;
      const told = retryAfterMs(response.headers.get('Retry-After'), now());
      // FTS's own Retry-After is honoured in full; one too long ends this try cleanly.
      if (told !== undefined && told > maxRetryAfterMs) break;
      if (!(await waitWithin(told ?? backoff(attempt)))) break;
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
