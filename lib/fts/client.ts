/**
 * One polite client for Find a Tender: one request at a time, spaced out, never more than
 * FTS's rate limit in any sliding window, honouring Retry-After on 429/503 (holding every
 * request back until then) and backing off exponentially (capped) on 5xx/time-outs.
 * Each request has one deadline for everything it does (every attempt, every wait, every
 * body), so nobody waits minutes for an answer; and only FTS's own answers are taken, never
 * one that a redirect brought from another site.
 * Clock, sleep and fetch are injected so the rules are tested without waiting.
 */
import { isFtsUrl } from './urls';

/** FTS's rate limit as observed: 12 requests in any 2 minutes, then `429` with `Retry-After: 120`. */
export const FTS_RATE_LIMIT = { requests: 12, windowMs: 120_000 } as const;
/**
 * Requests start at least this far apart: 13 s keeps the extension to at most 10 in any
 * 2 minutes, leaving room under FTS's limit for the user's own browsing of FTS.
 */
export const REQUEST_SPACING_MS = 13_000;
/** The longest FTS's Retry-After holds every request back (a broken header cannot stop the extension for a day). */
const MAX_HOLD_MS = 10 * 60_000;

export interface FtsClientOptions {
  fetch: (url: string, init: FtsRequestInit) => Promise<Response>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Minimum gap between the start of two requests. */
  spacingMs?: number;
  /** At most this many requests start in any sliding window of this length. */
  rateLimit?: { requests: number; windowMs: number };
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

/** What every request is sent with: no cookies, so nothing ties a read to the user's FTS account. */
export interface FtsRequestInit {
  signal: AbortSignal;
  headers: Record<string, string>;
  redirect: 'follow';
  credentials: 'omit';
}

/**
 * How one request is getting on, told as it happens, so that nobody stares at "Loading…":
 * waiting (for the requests ahead of it, for its turn in the spacing and rate limit, or
 * to ask again after FTS was busy or could not be reached), then asking.
 */
export type FtsProgress =
  | { step: 'waiting'; reason: 'queued' | 'turn' | 'busy' | 'unreachable'; /** Epoch ms the wait ends; not known while queued. */ until?: number; attempt: number; maxAttempts: number }
  | { step: 'asking'; attempt: number; maxAttempts: number };

export interface FtsRequestOptions {
  onProgress?: (progress: FtsProgress) => void;
  /** Once aborted, the request is not sent (or sent again), and fails with the signal's reason. */
  signal?: AbortSignal;
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
  const spacingMs = options.spacingMs ?? REQUEST_SPACING_MS;
  const rateLimit = options.rateLimit ?? FTS_RATE_LIMIT;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadlineMs = options.deadlineMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const baseBackoffMs = options.baseBackoffMs ?? 5_000;
  const maxBackoffMs = options.maxBackoffMs ?? 120_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  let queue: Promise<unknown> = Promise.resolve();
  let lastStart = Number.NEGATIVE_INFINITY;
  /** The starts of the last `rateLimit.requests` requests, oldest first. */
  const recentStarts: number[] = [];
  /** No request starts before this: FTS said to wait (Retry-After, or its limit's 2 minutes). */
  let heldUntil = Number.NEGATIVE_INFINITY;
  let requestCount = 0;
  /** Requests asked for and not yet settled. */
  let ahead = 0;

  /** When the next request may start: spaced, within the rate limit, and after any hold. */
  function nextStart(): number {
    const windowFull = recentStarts.length >= rateLimit.requests ? recentStarts[recentStarts.length - rateLimit.requests]! + rateLimit.windowMs : Number.NEGATIVE_INFINITY;
    return Math.max(lastStart + spacingMs, windowFull, heldUntil);
  }

  /**
   * One attempt: `timeoutMs` for FTS to start answering, then the body for as long as the
   * request's `deadline` allows (record packages run to 20 MB: a slow one is read once, not cut off and asked again).
   */
  async function once(url: string, deadline: AbortSignal, endsAt: number, attempt: number, asked: FtsRequestOptions): Promise<{ response: Response; text: string }> {
    const wait = nextStart() - now();
    // A turn that would come after the deadline is not waited for: FTS is busy for now.
    if (now() + wait >= endsAt) throw busy();
    // A retry's wait was told with the turn in it (see `attempts`).
    if (wait > 0 && attempt === 1) asked.onProgress?.({ step: 'waiting', reason: 'turn', until: now() + wait, attempt, maxAttempts });
    if (wait > 0) await sleep(wait);
    asked.signal?.throwIfAborted();
    asked.onProgress?.({ step: 'asking', attempt, maxAttempts });
    lastStart = now();
    recentStarts.push(lastStart);
    if (recentStarts.length > rateLimit.requests) recentStarts.shift();
    requestCount++;
    const answered = new AbortController();
    const timer = setTimeout(() => answered.abort(), timeoutMs);
    try {
      const signal = AbortSignal.any([deadline, answered.signal, ...(asked.signal ? [asked.signal] : [])]);
      const response = await options.fetch(url, { signal, headers: { Accept: 'application/json' }, redirect: 'follow', credentials: 'omit' });
      clearTimeout(timer);
      // Browsers give the final URL; a response made in a test has none.
      if (response.url && !isFtsUrl(response.url)) throw new FtsError('http', 'Find a Tender redirected the request to another site; its answer was not used.');
      const text = response.ok ? await response.text() : '';
      return { response, text };
    } finally {
      clearTimeout(timer);
    }
  }

  const busy = (status?: number) => new FtsError('busy', 'Find a Tender is busy; try again in a few minutes.', status);
  const backoff = (attempt: number) => Math.min(maxBackoffMs, baseBackoffMs * 2 ** (attempt - 1));

  async function getText(url: string, asked: FtsRequestOptions): Promise<string> {
    asked.signal?.throwIfAborted();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    try {
      return await attempts(url, deadline.signal, now() + deadlineMs, asked);
    } finally {
      clearTimeout(timer);
    }
  }

  async function attempts(url: string, deadline: AbortSignal, endsAt: number, asked: FtsRequestOptions): Promise<string> {
    const late = () => new FtsError('network', 'Find a Tender could not be reached in time; try again in a few minutes.');
    // A wait that would end past the deadline is not taken: the request gives up now instead.
    // One that is taken is told with the next attempt's turn in it: when FTS will be asked again.
    const waitWithin = async (ms: number, reason: 'busy' | 'unreachable', attempt: number) => {
      if (now() + ms >= endsAt) return false;
      asked.onProgress?.({ step: 'waiting', reason, until: Math.max(now() + ms, nextStart()), attempt, maxAttempts });
      await sleep(ms);
      return true;
    };
    let lastError: FtsError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let answer: { response: Response; text: string };
      try {
        answer = await once(url, deadline, endsAt, attempt, asked);
      } catch (error) {
        if (error instanceof FtsError || asked.signal?.aborted) throw error;
        if (deadline.aborted) throw late();
        lastError = new FtsError('network', 'Find a Tender could not be reached (network error or time-out).');
        if (attempt < maxAttempts && !(await waitWithin(backoff(attempt), 'unreachable', attempt + 1))) break;
        continue;
      }
      const { response, text } = answer;
      if (response.ok) return text;
      if (response.status === 404) throw new FtsError('notFound', 'Find a Tender has no data for this notice.', 404);
      if (!RETRYABLE.has(response.status)) throw new FtsError('http', `Find a Tender answered ${response.status}.`, response.status);
      lastError = busy(response.status);
      // A 429 without Retry-After is FTS's limit all the same: its window is 2 minutes.
      const told = retryAfterMs(response.headers.get('Retry-After'), now()) ?? (response.status === 429 ? rateLimit.windowMs : undefined);
      // Every request waits as told, not only this one.
      if (told !== undefined) heldUntil = Math.max(heldUntil, now() + Math.min(told, MAX_HOLD_MS));
      if (attempt === maxAttempts) break;
      // FTS's own Retry-After is honoured in full; one too long ends this try cleanly.
      if (told !== undefined && told > maxRetryAfterMs) break;
      if (!(await waitWithin(told ?? backoff(attempt), 'busy', attempt + 1))) break;
    }
    throw lastError ?? new FtsError('network', 'Find a Tender could not be reached.');
  }

  return {
    /** Queued: requests run one at a time, in the order asked. */
    getText(url: string, asked: FtsRequestOptions = {}): Promise<string> {
      if (ahead > 0) asked.onProgress?.({ step: 'waiting', reason: 'queued', attempt: 1, maxAttempts });
      ahead++;
      const result = queue.then(() => getText(url, asked)).finally(() => ahead--);
      queue = result.catch(() => undefined);
      return result;
    },
    get requestCount() {
      return requestCount;
    },
  };
}

export type FtsClient = ReturnType<typeof createFtsClient>;
