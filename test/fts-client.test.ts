import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFtsClient, FtsError, retryAfterMs, type FtsClientOptions, type FtsProgress } from '../lib/fts/client';

const RECORD = 'https://www.find-tender.service.gov.uk/Notice/066750-2025/OCDS/Record';
const RELEASE = 'https://www.find-tender.service.gov.uk/Notice/066750-2025/OCDS/ReleasePackage';
const PACKAGE = 'https://www.find-tender.service.gov.uk/api/1.0/ocdsRecordPackages/ocds-h6vhtk-05cfd9';
/** A Monday morning, so HTTP dates are easy to write. */
const T0 = Date.parse('2026-03-02T10:00:00Z');

/** One scripted answer of the fake FTS: a response, or a failure of fetch itself. */
type Answer = { status?: number; headers?: Record<string, string>; body?: string; tookMs?: number; url?: string } | { fail: Error; tookMs?: number };

interface Call {
  url: string;
  /** Virtual time at which fetch was called, relative to T0. */
  at: number;
  settledAt?: number;
  init: { signal: AbortSignal; headers: Record<string, string>; redirect: string; credentials: string };
}

/**
 * A fake FTS on a virtual clock: `sleep` advances the clock at once, `fetch` answers from
 * the script (200 "ok" when it runs out), taking `tookMs` of virtual time; every call is recorded.
 */
function fakeFts(script: Answer[], options: Partial<FtsClientOptions> = {}) {
  let clock = T0;
  const calls: Call[] = [];
  const sleeps: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client = createFtsClient({
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += Math.max(0, ms);
    },
    fetch: async (url, init) => {
      const call: Call = { url, at: clock - T0, init };
      calls.push(call);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const answer = script.shift() ?? { status: 200, body: 'ok' };
        // Let other queued work run while this request is "on the wire".
        for (let i = 0; i < 5; i++) await Promise.resolve();
        clock += answer.tookMs ?? 0;
        if ('fail' in answer) throw answer.fail;
        const response = new Response(answer.body ?? '', { status: answer.status ?? 200, headers: answer.headers });
        // Where fetch ended up after any redirects (a Response made here has no URL of its own).
        if (answer.url) Object.defineProperty(response, 'url', { value: answer.url });
        return response;
      } finally {
        call.settledAt = clock - T0;
        inFlight--;
      }
    },
    ...options,
  });
  return {
    client,
    calls,
    sleeps,
    elapsed: () => clock - T0,
    /** Time passing with nothing asked. */
    advance: (ms: number) => {
      clock += ms;
    },
    maxInFlight: () => maxInFlight,
    gaps: () => calls.slice(1).map((call, i) => call.at - calls[i]!.at),
  };
}

/** The rejection of a promise, which must reject. */
async function failure(promise: Promise<unknown>): Promise<FtsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FtsError);
  return error as FtsError;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('retryAfterMs', () => {
  it.each<[string | null, number | undefined]>([
    ['7', 7_000],
    [' 7 ', 7_000],
    ['0', 0],
    ['120', 120_000],
    ['Mon, 02 Mar 2026 10:00:30 GMT', 30_000],
    ['Mon, 02 Mar 2026 10:02:00 GMT', 120_000],
    ['Mon, 02 Mar 2026 09:59:00 GMT', 0],
    [null, undefined],
    ['', undefined],
    ['soon', undefined],
  ])('%j → %s ms', (header, expected) => {
    expect(retryAfterMs(header, T0)).toBe(expected);
  });
});

describe('createFtsClient: one request at a time, spaced', () => {
  it('three getText calls at once: each fetch starts only after the previous one settled, in the order asked', async () => {
    const pending: Array<(response: Response) => void> = [];
    const urls: string[] = [];
    const client = createFtsClient({
      spacingMs: 0,
      sleep: async () => {},
      fetch: (url) => {
        urls.push(url);
        return new Promise<Response>((resolve) => pending.push(resolve));
      },
    });
    const results = [client.getText(RECORD), client.getText(RELEASE), client.getText(PACKAGE)];
    await tick();
    expect(urls).toEqual([RECORD]);
    await tick();
    expect(urls).toEqual([RECORD]);

    pending[0]!(new Response('record'));
    await tick();
    expect(urls).toEqual([RECORD, RELEASE]);
    pending[1]!(new Response('release'));
    await tick();
    expect(urls).toEqual([RECORD, RELEASE, PACKAGE]);
    pending[2]!(new Response('package'));
    await expect(Promise.all(results)).resolves.toEqual(['record', 'release', 'package']);
  });

  it('never has two fetches in flight, even with retries in the mix', async () => {
    const fts = fakeFts([{ status: 503, tookMs: 300 }, { status: 200, body: 'a', tookMs: 300 }, { status: 503, tookMs: 300 }], {
      spacingMs: 1_000,
      baseBackoffMs: 1_000,
    });
    const texts = await Promise.all([fts.client.getText(RECORD), fts.client.getText(RELEASE), fts.client.getText(PACKAGE)]);
    expect(texts).toEqual(['a', 'ok', 'ok']);
    expect(fts.maxInFlight()).toBe(1);
    for (let i = 1; i < fts.calls.length; i++) expect(fts.calls[i]!.at).toBeGreaterThanOrEqual(fts.calls[i - 1]!.settledAt!);
  });

  it('spaces the starts of requests by spacingMs (counted from the start, not the end, of the previous one)', async () => {
    const fts = fakeFts([{ tookMs: 1_000 }, { tookMs: 1_000 }, { tookMs: 1_000 }], { spacingMs: 5_000 });
    await Promise.all([fts.client.getText(RECORD), fts.client.getText(RELEASE), fts.client.getText(PACKAGE)]);
    expect(fts.calls.map((call) => call.at)).toEqual([0, 5_000, 10_000]);
  });

  it('adds no wait when a request took longer than the spacing', async () => {
    const fts = fakeFts([{ tookMs: 7_000 }, { tookMs: 7_000 }, { tookMs: 7_000 }], { spacingMs: 5_000 });
    await Promise.all([fts.client.getText(RECORD), fts.client.getText(RELEASE), fts.client.getText(PACKAGE)]);
    expect(fts.calls.map((call) => call.at)).toEqual([0, 7_000, 14_000]);
  });

  it('spaces requests asked for one after another, and the first one does not wait', async () => {
    const fts = fakeFts([], { spacingMs: 5_000 });
    await fts.client.getText(RECORD);
    expect(fts.elapsed()).toBe(0);
    await fts.client.getText(RELEASE);
    expect(fts.gaps()).toEqual([5_000]);
  });

  it('sends Accept: application/json, no cookies, and an AbortSignal', async () => {
    const fts = fakeFts([]);
    await fts.client.getText(RECORD);
    expect(fts.calls[0]!.init.headers).toEqual({ Accept: 'application/json' });
    // FTS sets a session cookie on its API answers: the reads send none back.
    expect(fts.calls[0]!.init.credentials).toBe('omit');
    expect(fts.calls[0]!.init.redirect).toBe('follow');
    expect(fts.calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
    expect(fts.calls[0]!.init.signal.aborted).toBe(false);
  });

  // design.md: "an unannounced limit of about 12 requests per 2 minutes has been observed".
  // FTS has been seen to limit to about 12 requests per 2 minutes: the defaults must keep to that.
  it('with its default options, starts at most 12 requests in any 2 minutes', async () => {
    const fts = fakeFts([], { spacingMs: undefined });
    await Promise.all(Array.from({ length: 30 }, (_, i) => fts.client.getText(`${PACKAGE}${i}`)));
    const starts = fts.calls.map((call) => call.at);
    const mostInTwoMinutes = Math.max(...starts.map((from) => starts.filter((at) => at >= from && at < from + 120_000).length));
    expect(mostInTwoMinutes).toBeLessThanOrEqual(12);
  });
});

describe('createFtsClient: retries', () => {
  it('429 with Retry-After: 7 → one retry at least 7 s (virtual) later', async () => {
    const fts = fakeFts([{ status: 429, headers: { 'Retry-After': '7' } }, { status: 200, body: '{"records":[]}' }], {
      spacingMs: 1_000,
      baseBackoffMs: 1_000,
    });
    await expect(fts.client.getText(RECORD)).resolves.toBe('{"records":[]}');
    expect(fts.calls.map((call) => call.url)).toEqual([RECORD, RECORD]);
    expect(fts.gaps()[0]).toBeGreaterThanOrEqual(7_000);
    expect(fts.gaps()[0]).toBeLessThan(8_000);
  });

  it('429 with an HTTP-date Retry-After → waits until that date', async () => {
    const at = new Date(T0 + 45_000).toUTCString();
    expect(at).toBe('Mon, 02 Mar 2026 10:00:45 GMT');
    const fts = fakeFts([{ status: 429, headers: { 'Retry-After': at } }], { spacingMs: 1_000, baseBackoffMs: 1_000 });
    await expect(fts.client.getText(RECORD)).resolves.toBe('ok');
    expect(fts.calls).toHaveLength(2);
    expect(fts.gaps()[0]).toBeGreaterThanOrEqual(45_000);
    expect(fts.gaps()[0]).toBeLessThan(46_000);
  });

  it('429 with Retry-After: 0 still keeps the spacing', async () => {
    const fts = fakeFts([{ status: 429, headers: { 'Retry-After': '0' } }], { spacingMs: 5_000 });
    await fts.client.getText(RECORD);
    expect(fts.gaps()[0]).toBeGreaterThanOrEqual(5_000);
  });

  it('503 without Retry-After → exponential backoff (base, 2×base, …) capped at maxBackoffMs', async () => {
    const busy = { status: 503 };
    const fts = fakeFts([busy, busy, busy, busy, busy], { spacingMs: 0, maxAttempts: 6, baseBackoffMs: 1_000, maxBackoffMs: 6_000 });
    await expect(fts.client.getText(RECORD)).resolves.toBe('ok');
    expect(fts.gaps()).toEqual([1_000, 2_000, 4_000, 6_000, 6_000]);
  });

  it('an unreadable Retry-After counts as none', async () => {
    const fts = fakeFts([{ status: 503, headers: { 'Retry-After': 'later, please' } }], { spacingMs: 0, baseBackoffMs: 3_000 });
    await fts.client.getText(RECORD);
    expect(fts.gaps()).toEqual([3_000]);
  });

  it.each([
    ['503 with Retry-After', { status: 503, headers: { 'Retry-After': '30' } }, 30_000],
    ['503 without Retry-After', { status: 503 }, 2_000],
    ['504 (gateway time-out)', { status: 504 }, 2_000],
    ['502', { status: 502 }, 2_000],
    ['500', { status: 500 }, 2_000],
  ])('%s → retried once, after the wait it calls for', async (_name, answer, wait) => {
    const fts = fakeFts([answer], { spacingMs: 0, baseBackoffMs: 2_000 });
    await expect(fts.client.getText(RECORD)).resolves.toBe('ok');
    expect(fts.calls).toHaveLength(2);
    expect(fts.gaps()[0]).toBeGreaterThanOrEqual(wait);
    expect(fts.gaps()[0]).toBeLessThan(wait + 1_000);
  });

  it('a network error (fetch rejects) → retried with backoff', async () => {
    const fts = fakeFts([{ fail: new TypeError('Failed to fetch') }, { fail: new TypeError('Failed to fetch') }], {
      spacingMs: 0,
      baseBackoffMs: 1_000,
    });
    await expect(fts.client.getText(RECORD)).resolves.toBe('ok');
    expect(fts.gaps()).toEqual([1_000, 2_000]);
  });

  it('a time-out (fetch rejects with an AbortError) → retried', async () => {
    const fts = fakeFts([{ fail: new DOMException('The operation was aborted.', 'AbortError'), tookMs: 30_000 }], { spacingMs: 0, baseBackoffMs: 1_000 });
    await expect(fts.client.getText(RECORD)).resolves.toBe('ok');
    expect(fts.calls).toHaveLength(2);
  });

  it('gives up after maxAttempts of 502/503/504 with FtsError busy (the last status)', async () => {
    const fts = fakeFts([{ status: 502 }, { status: 503 }, { status: 504 }, { status: 200 }], { maxAttempts: 3, spacingMs: 0, baseBackoffMs: 1_000 });
    const error = await failure(fts.client.getText(RECORD));
    expect(error.kind).toBe('busy');
    expect(error.status).toBe(504);
    expect(error.name).toBe('FtsError');
    expect(error).toBeInstanceOf(Error);
    expect(fts.calls).toHaveLength(3);
    expect(fts.client.requestCount).toBe(3);
  });

  it('does not wait after the last busy attempt before giving up', async () => {
    const fts = fakeFts([{ status: 503 }, { status: 503 }, { status: 503 }], { maxAttempts: 3, spacingMs: 0, baseBackoffMs: 1_000 });
    await failure(fts.client.getText(RECORD));
    expect(fts.sleeps).toEqual([1_000, 2_000]);
    expect(fts.elapsed()).toBe(3_000);
  });

  it('gives up after maxAttempts of network errors with FtsError network', async () => {
    const down = { fail: new TypeError('Failed to fetch') };
    const fts = fakeFts([down, down, down, { status: 200 }], { maxAttempts: 3, spacingMs: 0, baseBackoffMs: 1_000 });
    const error = await failure(fts.client.getText(RECORD));
    expect(error.kind).toBe('network');
    expect(error.status).toBeUndefined();
    expect(fts.calls).toHaveLength(3);
  });

  // Giving up after the last network failure must not wait one more back-off (the queue waits behind it).
  it('does not wait after the last network error before giving up', async () => {
    const down = { fail: new TypeError('Failed to fetch') };
    const fts = fakeFts([down, down, down], { maxAttempts: 3, spacingMs: 0, baseBackoffMs: 1_000 });
    await failure(fts.client.getText(RECORD));
    expect(fts.sleeps).toEqual([1_000, 2_000]);
    expect(fts.elapsed()).toBe(3_000);
  });

  // FTS's Retry-After is honoured in full: no request before it, or a clean "busy" when it is too long.
  it('never asks again before the Retry-After time, even when it is longer than maxBackoffMs', async () => {
    const fts = fakeFts([{ status: 429, headers: { 'Retry-After': '300' } }, { status: 429, headers: { 'Retry-After': '300' } }], {
      spacingMs: 0,
      maxBackoffMs: 120_000,
    });
    await fts.client.getText(RECORD).catch(() => undefined);
    for (const gap of fts.gaps()) expect(gap).toBeGreaterThanOrEqual(300_000);
  });
});

describe('createFtsClient: FTS’s rate limit (12 requests in 2 minutes)', () => {
  // FTS's real answer to a 13th request, recorded with its headers.
  const REAL_429_BODY = readFileSync(new URL('./fixtures/fts/api/probe/20-window-noZ-429.txt', import.meta.url), 'utf8');
  const REAL_429_HEADERS = Object.fromEntries(
    readFileSync(new URL('./fixtures/fts/api/probe/20-window-noZ-429.headers', import.meta.url), 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
  );

  it('the real 429 (Retry-After: 120, text body): busy at once, and nothing is sent for the next 120 s', async () => {
    expect(REAL_429_BODY).toBe('Rate limit of 12 exceeded. Please retry after 120 seconds.');
    expect(REAL_429_HEADERS['retry-after']).toBe('120');
    const fts = fakeFts([{ status: 429, headers: REAL_429_HEADERS, body: REAL_429_BODY }]);
    const error = await failure(fts.client.getText(RECORD));
    expect(error.kind).toBe('busy');
    expect(error.status).toBe(429);
    // Asked again at once, and after 50 s: not sent (the wait would pass the minute's deadline).
    expect((await failure(fts.client.getText(RELEASE))).kind).toBe('busy');
    fts.advance(50_000);
    expect((await failure(fts.client.getText(RELEASE))).kind).toBe('busy');
    expect(fts.calls).toHaveLength(1);
    // At 120 s FTS is asked again.
    fts.advance(70_000);
    await expect(fts.client.getText(RELEASE)).resolves.toBe('ok');
    expect(fts.calls.map((c) => c.at)).toEqual([0, 120_000]);
  });

  it('a 429 without Retry-After holds every request for 120 s', async () => {
    const fts = fakeFts([{ status: 429, body: 'Rate limit of 12 exceeded. Please retry after 120 seconds.' }], { deadlineMs: 600_000 });
    const texts = await Promise.all([fts.client.getText(RECORD), fts.client.getText(RELEASE)]);
    expect(texts).toEqual(['ok', 'ok']);
    // The 429 at 0; its retry at 120 s; the next request 13 s after that.
    expect(fts.calls.map((c) => [c.url, c.at])).toEqual([
      [RECORD, 0],
      [RECORD, 120_000],
      [RELEASE, 133_000],
    ]);
  });

  it('by default requests start 13 s apart', async () => {
    const fts = fakeFts([], { spacingMs: undefined });
    await Promise.all([fts.client.getText(RECORD), fts.client.getText(RELEASE), fts.client.getText(PACKAGE)]);
    expect(fts.calls.map((c) => c.at)).toEqual([0, 13_000, 26_000]);
  });

  it('however many callers ask at once, no more than 12 start in any 2 minutes (sliding window, even without spacing)', async () => {
    const fts = fakeFts([], { spacingMs: 0, deadlineMs: 600_000 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => fts.client.getText(`${PACKAGE}${i}`)));
    const starts = fts.calls.map((c) => c.at);
    expect(starts).toEqual([...Array(12).fill(0), ...Array(12).fill(120_000), ...Array(6).fill(240_000)]);
  });

  it('the window slides: a request waits only until the 12th before it is 2 minutes old', async () => {
    const fts = fakeFts([], { spacingMs: 1_000, deadlineMs: 600_000 });
    await Promise.all(Array.from({ length: 14 }, (_, i) => fts.client.getText(`${PACKAGE}${i}`)));
    // 12 starts at 0, 1, …, 11 s; the 13th waits for 0 + 120 s, the 14th for 1 + 120 s.
    expect(fts.calls.map((c) => c.at / 1000)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 120, 121]);
  });

  it('a turn in the rate limit that would come after the deadline is not waited for: busy, nothing sent', async () => {
    const fts = fakeFts([], { spacingMs: 0, deadlineMs: 60_000 });
    const results = await Promise.allSettled(Array.from({ length: 13 }, (_, i) => fts.client.getText(`${PACKAGE}${i}`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(12);
    expect(results.at(-1)).toMatchObject({ status: 'rejected', reason: { kind: 'busy' } });
    expect(fts.calls).toHaveLength(12);
  });
});

describe('createFtsClient: one deadline for the whole request', () => {
  it('a Retry-After that would end past the deadline is not waited for: busy, at once', async () => {
    const busy = { status: 503, headers: { 'Retry-After': '45' } };
    const fts = fakeFts([busy, busy], { spacingMs: 0, deadlineMs: 60_000 });
    const error = await failure(fts.client.getText(RECORD));
    expect(error.kind).toBe('busy');
    // 45 s fits in the 60 s deadline once; a second 45 s would not.
    expect(fts.calls.map((c) => c.at)).toEqual([0, 45_000]);
    expect(fts.elapsed()).toBe(45_000);
  });

  it('a back-off that would end past the deadline is not waited for', async () => {
    const down = { fail: new TypeError('Failed to fetch'), tookMs: 25_000 };
    const fts = fakeFts([down, down, down], { spacingMs: 0, baseBackoffMs: 10_000, deadlineMs: 60_000 });
    const error = await failure(fts.client.getText(RECORD));
    expect(error.kind).toBe('network');
    // 25 s, 10 s of back-off, 25 s: the next 20 s back-off would pass 60 s.
    expect(fts.calls.map((c) => c.at)).toEqual([0, 35_000]);
  });
});

describe('createFtsClient: only FTS answers', () => {
  it('an answer that a redirect brought from another site is refused, not retried', async () => {
    const fts = fakeFts([{ status: 200, body: '{"records":[{"ocid":"ocds-h6vhtk-05cfd9"}]}', url: 'https://find-tender.example/records/1' }]);
    const error = await failure(fts.client.getText(RECORD));
    expect(error.kind).toBe('http');
    expect(error.message).toBe('Find a Tender redirected the request to another site; its answer was not used.');
    expect(fts.calls).toHaveLength(1);
  });

  it('a redirect within FTS is followed', async () => {
    const fts = fakeFts([{ status: 200, body: '{"records":[]}', url: `${PACKAGE}?moved=1` }]);
    await expect(fts.client.getText(RECORD)).resolves.toBe('{"records":[]}');
  });
});

describe('createFtsClient: answers that are not retried', () => {
  it('404 → FtsError notFound, at once, no retry', async () => {
    const fts = fakeFts([{ status: 404, body: '<!DOCTYPE html><title>Page not found</title>' }]);
    const error = await failure(fts.client.getText(RECORD));
    expect(error.kind).toBe('notFound');
    expect(error.status).toBe(404);
    expect(fts.calls).toHaveLength(1);
    expect(fts.sleeps).toEqual([]);
  });

  it.each([400, 401, 403, 410, 501])('%i → FtsError http with that status, no retry', async (status) => {
    const fts = fakeFts([{ status, body: '{"title":"Bad Request"}' }]);
    const error = await failure(fts.client.getText(`${RELEASE}?updatedFrom=2026-01-01`));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(status);
    expect(fts.calls).toHaveLength(1);
    expect(fts.sleeps).toEqual([]);
  });

  it('a 200 body is returned as it is, even when it is not valid JSON (reading is someone else\'s job)', async () => {
    const broken = '{"value": {"amount": 1e9999, "x": 000,}}';
    const fts = fakeFts([{ status: 200, body: broken }]);
    await expect(fts.client.getText(RECORD)).resolves.toBe(broken);
  });
});

describe('createFtsClient: telling how a request is getting on', () => {
  /** What a request told, its times made relative to T0. */
  function told(progress: FtsProgress[]) {
    return progress.map((p) => (p.step === 'waiting' && p.until !== undefined ? { ...p, until: p.until - T0 } : p));
  }

  it('the first 404 is told at once: one request, no wait, no retry', async () => {
    const fts = fakeFts([{ status: 404, body: '<!DOCTYPE html><title>Page not found</title>' }]);
    const progress: FtsProgress[] = [];
    const error = await failure(fts.client.getText(RECORD, { onProgress: (p) => progress.push(p) }));
    expect(error).toMatchObject({ kind: 'notFound', message: 'Find a Tender has no data for this notice.' });
    expect(fts.elapsed()).toBe(0);
    expect(progress).toEqual([{ step: 'asking', attempt: 1, maxAttempts: 4 }]);
  });

  it('after a 429 with Retry-After: 40, tells when it asks again and which attempt that is', async () => {
    const fts = fakeFts([{ status: 429, headers: { 'Retry-After': '40' } }, { status: 429, headers: { 'Retry-After': '40' } }], { spacingMs: 0, deadlineMs: 600_000 });
    const progress: FtsProgress[] = [];
    await expect(fts.client.getText(RECORD, { onProgress: (p) => progress.push(p) })).resolves.toBe('ok');
    expect(told(progress)).toEqual([
      { step: 'asking', attempt: 1, maxAttempts: 4 },
      { step: 'waiting', reason: 'busy', until: 40_000, attempt: 2, maxAttempts: 4 },
      { step: 'asking', attempt: 2, maxAttempts: 4 },
      { step: 'waiting', reason: 'busy', until: 80_000, attempt: 3, maxAttempts: 4 },
      { step: 'asking', attempt: 3, maxAttempts: 4 },
    ]);
    expect(fts.calls.map((c) => c.at)).toEqual([0, 40_000, 80_000]);
  });

  it('a 429 without Retry-After tells a wait of 2 minutes', async () => {
    const fts = fakeFts([{ status: 429, body: 'Rate limit of 12 exceeded. Please retry after 120 seconds.' }], { deadlineMs: 600_000 });
    const progress: FtsProgress[] = [];
    await fts.client.getText(RECORD, { onProgress: (p) => progress.push(p) });
    expect(told(progress)[1]).toEqual({ step: 'waiting', reason: 'busy', until: 120_000, attempt: 2, maxAttempts: 4 });
    expect(fts.calls.map((c) => c.at)).toEqual([0, 120_000]);
  });

  it('a wait shorter than the spacing is told with the spacing in it: when FTS is really asked again', async () => {
    const fts = fakeFts([{ status: 429, headers: { 'Retry-After': '2' } }]);
    const progress: FtsProgress[] = [];
    await fts.client.getText(RECORD, { onProgress: (p) => progress.push(p) });
    expect(told(progress)[1]).toEqual({ step: 'waiting', reason: 'busy', until: 13_000, attempt: 2, maxAttempts: 4 });
    expect(fts.calls.map((c) => c.at)).toEqual([0, 13_000]);
  });

  it('no answer: tells the back-off before each new attempt', async () => {
    const down = { fail: new TypeError('Failed to fetch') };
    const fts = fakeFts([down, down], { spacingMs: 0, baseBackoffMs: 10_000 });
    const progress: FtsProgress[] = [];
    await fts.client.getText(RECORD, { onProgress: (p) => progress.push(p) });
    expect(told(progress).filter((p) => p.step === 'waiting')).toEqual([
      { step: 'waiting', reason: 'unreachable', until: 10_000, attempt: 2, maxAttempts: 4 },
      { step: 'waiting', reason: 'unreachable', until: 30_000, attempt: 3, maxAttempts: 4 },
    ]);
  });

  it('a request behind another is queued, then waits its turn in the 13 s spacing', async () => {
    const fts = fakeFts([{ status: 200, body: 'first', tookMs: 4_000 }]);
    const progress: FtsProgress[] = [];
    const first = fts.client.getText(RECORD);
    const second = fts.client.getText(RELEASE, { onProgress: (p) => progress.push(p) });
    await Promise.all([first, second]);
    expect(told(progress)).toEqual([
      { step: 'waiting', reason: 'queued', attempt: 1, maxAttempts: 4 },
      { step: 'waiting', reason: 'turn', until: 13_000, attempt: 1, maxAttempts: 4 },
      { step: 'asking', attempt: 1, maxAttempts: 4 },
    ]);
    // Asked alone, a request is not queued.
    const alone: FtsProgress[] = [];
    fts.advance(60_000);
    await fts.client.getText(PACKAGE, { onProgress: (p) => alone.push(p) });
    expect(alone).toEqual([{ step: 'asking', attempt: 1, maxAttempts: 4 }]);
  });

  it('a request whose signal is aborted while it waits its turn is never sent', async () => {
    const stop = new AbortController();
    const fts = fakeFts([], {
      sleep: async () => stop.abort(new Error('stopped')),
    });
    await fts.client.getText(RECORD);
    await expect(fts.client.getText(RELEASE, { signal: stop.signal })).rejects.toThrow('stopped');
    // The next one runs as ever.
    await expect(fts.client.getText(PACKAGE)).resolves.toBe('ok');
    expect(fts.calls.map((c) => c.url)).toEqual([RECORD, PACKAGE]);
  });
});

describe('createFtsClient: the queue after a failure', () => {
  it.each<[string, Answer[], Partial<FtsClientOptions>]>([
    ['a 404', [{ status: 404 }], {}],
    ['a 400', [{ status: 400 }], {}],
    ['giving up busy', [{ status: 503 }, { status: 503 }], { maxAttempts: 2 }],
    ['giving up on the network', [{ fail: new TypeError('Failed to fetch') }, { fail: new TypeError('Failed to fetch') }], { maxAttempts: 2 }],
  ])('a later request still runs after %s', async (_name, script, options) => {
    const fts = fakeFts([...script, { status: 200, body: 'second' }], { spacingMs: 1_000, baseBackoffMs: 1_000, ...options });
    const first = fts.client.getText(RECORD);
    const second = fts.client.getText(RELEASE);
    await failure(first);
    await expect(second).resolves.toBe('second');
    await expect(fts.client.getText(PACKAGE)).resolves.toBe('ok');
    expect(fts.calls.at(-1)!.url).toBe(PACKAGE);
  });
});

describe('createFtsClient: requestCount', () => {
  it('counts every request sent to FTS, retries included', async () => {
    const fts = fakeFts([{ status: 503 }, { status: 200 }, { status: 404 }, { fail: new TypeError('Failed to fetch') }, { status: 200 }], {
      spacingMs: 0,
      baseBackoffMs: 10,
    });
    expect(fts.client.requestCount).toBe(0);
    await fts.client.getText(RECORD);
    expect(fts.client.requestCount).toBe(2);
    await fts.client.getText(RELEASE).catch(() => undefined);
    expect(fts.client.requestCount).toBe(3);
    await fts.client.getText(PACKAGE);
    expect(fts.client.requestCount).toBe(5);
    expect(fts.client.requestCount).toBe(fts.calls.length);
  });
});

describe('createFtsClient: real time-outs (20 ms)', () => {
  /** A fetch that answers nothing until its signal aborts, and then rejects as fetch does. */
  const hangingFetch = (signals: AbortSignal[]) => (_url: string, init: { signal: AbortSignal }) =>
    new Promise<Response>((_resolve, reject) => {
      signals.push(init.signal);
      init.signal.addEventListener('abort', () => reject(init.signal.reason));
    });

  it('aborts a fetch that never answers after timeoutMs, retries, then gives up with FtsError network', async () => {
    const signals: AbortSignal[] = [];
    const client = createFtsClient({ fetch: hangingFetch(signals), timeoutMs: 20, maxAttempts: 2, spacingMs: 0, sleep: async () => {} });
    const error = await failure(client.getText(RECORD));
    expect(error.kind).toBe('network');
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(client.requestCount).toBe(2);
  });

  it('a request after a time-out still runs', async () => {
    const signals: AbortSignal[] = [];
    const hanging = hangingFetch(signals);
    let calls = 0;
    const client = createFtsClient({
      fetch: async (url, init) => (calls++ === 0 ? hanging(url, init) : new Response('fresh')),
      timeoutMs: 20,
      maxAttempts: 1,
      spacingMs: 0,
      sleep: async () => {},
    });
    const first = client.getText(RECORD);
    const second = client.getText(RELEASE);
    await failure(first);
    await expect(second).resolves.toBe('fresh');
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
  });

  // The deadline covers the body too: a stalled 20 MB record package must not hold the queue for ever.
  it('gives up a response whose body stalls at the deadline, instead of hanging the queue', async () => {
    const client = createFtsClient({
      fetch: async (_url, init) =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"records": ['));
              init.signal.addEventListener('abort', () => controller.error(init.signal.reason));
            },
          }),
        ),
      timeoutMs: 20,
      deadlineMs: 40,
      maxAttempts: 1,
      spacingMs: 0,
      sleep: async () => {},
    });
    const outcome = await Promise.race([
      client.getText(RECORD).then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still pending'), 500)),
    ]);
    expect(outcome).toBeInstanceOf(FtsError);
  });

  // A record package that answers at once but takes longer than timeoutMs to arrive is read, once.
  it('reads a body that arrives slowly, within the deadline, from one request', async () => {
    let calls = 0;
    const client = createFtsClient({
      fetch: async (_url, init) => {
        calls++;
        return new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"records": ['));
              const done = setTimeout(() => {
                controller.enqueue(new TextEncoder().encode(']}'));
                controller.close();
              }, 80);
              init.signal.addEventListener('abort', () => {
                clearTimeout(done);
                controller.error(init.signal.reason);
              });
            },
          }),
        );
      },
      timeoutMs: 20,
      deadlineMs: 1_000,
      spacingMs: 0,
      sleep: async () => {},
    });
    await expect(client.getText(RECORD)).resolves.toBe('{"records": []}');
    expect(calls).toBe(1);
  });

  it('a server that never answers is given up at the deadline, every attempt included', async () => {
    const signals: AbortSignal[] = [];
    const client = createFtsClient({ fetch: hangingFetch(signals), timeoutMs: 40, deadlineMs: 60, maxAttempts: 4, spacingMs: 0, baseBackoffMs: 10 });
    const error = await failure(client.getText(RECORD));
    expect(error.message).toBe('Find a Tender could not be reached in time; try again in a few minutes.');
    // Four attempts were allowed; the 60 ms deadline cut them off after the second 40 ms one.
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  // A connection dropped mid-body is a network failure like any other: retried, then an FtsError.
  it('a body that fails mid-way is an FtsError network, like any other network failure', async () => {
    const client = createFtsClient({
      fetch: async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"records": ['));
              controller.error(new TypeError('terminated'));
            },
          }),
        ),
      maxAttempts: 1,
      spacingMs: 0,
      sleep: async () => {},
    });
    const error = await client.getText(RECORD).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FtsError);
    expect((error as FtsError).kind).toBe('network');
  });
});
