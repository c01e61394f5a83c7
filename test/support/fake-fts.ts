/**
 * A scripted Find a Tender Service as a `fetch` function, for the refresh tests.
 *
 * - The list `GET /api/1.0/ocdsReleasePackages?updatedFrom=YYYY-MM-DDTHH:MM:SS&updatedTo=…&limit=N`
 *   is served from a set of (ocid, updatedAt) releases, `limit` per page, newest first. As on
 *   FTS, the times are read as London wall-clock times (a trailing `Z` is ignored), both ends
 *   included to the second; equal or reversed ends, other parameters or times in another
 *   form are a 400. As observed on FTS: a release may be listed several times (`repeat`: a
 *   notice with many ocids is listed again for each); the cursor (`links.next`, FTS's
 *   base64 `updatedFrom=…|updatedTo=…|nextCursor=N`) loses rows — after each page it skips
 *   half a page, so walking it loses about a third of a window (152 rows → 102 found; FTS
 *   gave 103); with `links: 'missing'` no page has `links` (as for weeks in 2026); and the
 *   last page has no `links` key at all (as `whole-stream/page-111.json`).
 * - A procurement's releases `GET /api/1.0/ocdsReleasePackages/{ocid}` (what the extension
 *   reads) are served from real OCDS (the real records and the project's own fixtures), or a
 *   changed copy of them, in the envelope of FTS's recorded release packages
 *   (test/fixtures/fts/api), 100 releases a page with `links.next` to the rest. A notice's
 *   own `GET /Notice/{noticeId}/OCDS/ReleasePackage` holds its one release. The real
 *   compiled records hold no releases: the compiled release stands in as their one release
 *   (and they have no notice release package).
 * - Record packages `GET /api/1.0/ocdsRecordPackages/{ocid}` (what the extension read before;
 *   the benchmark compares) are the same procurements as record packages.
 * - Failures are scripted per request (429 with or without Retry-After, 503, 504, a time-out
 *   that never answers until the request is aborted, a body that stalls, a network error,
 *   a 200 with invalid or cut-off JSON); each scripted failure answers one request.
 * - Every request is logged with its kind and the bytes answered, so tests count list pages,
 *   procurement reads and what they cost.
 *
 * Time comes from a virtual clock shared with the FtsClient (`now`/`sleep`), so nothing
 * here waits for real.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ownOcdsDir, realOcdsDir } from './fixtures';

export const FTS = 'https://www.find-tender.service.gov.uk';
const LIST_PATH = '/api/1.0/ocdsReleasePackages';
const PROCUREMENT_PATH = `${LIST_PATH}/`;
const RECORD_PATH = '/api/1.0/ocdsRecordPackages/';
const NOTICE_PACKAGE = /^\/Notice\/(\d{6}-\d{4})\/OCDS\/ReleasePackage$/;
/** As many releases as FTS puts on one page. */
export const RELEASES_PER_PAGE = 100;
const LIST_PARAMS = new Set(['updatedFrom', 'updatedTo', 'limit', 'cursor']);
/** A London wall-clock time; a trailing `Z` is accepted and ignored, as on FTS. */
const FTS_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)Z?$/;

// ---------------------------------------------------------------------------------------
// A virtual clock for the FtsClient and the refresh cycle.

export interface VirtualClock {
  /** Milliseconds since the epoch, virtual. */
  now(): number;
  date(): Date;
  /** What the FtsClient is given as `sleep`: advances the clock at once. */
  sleep(ms: number): Promise<void>;
  advance(ms: number): void;
  set(iso: string): void;
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
}

export function virtualClock(startIso: string): VirtualClock {
  let clock = Date.parse(startIso);
  const sleeps: number[] = [];
  return {
    now: () => clock,
    date: () => new Date(clock),
    async sleep(ms) {
      sleeps.push(ms);
      clock += Math.max(0, ms);
    },
    advance(ms) {
      clock += ms;
    },
    set(iso) {
      clock = Date.parse(iso);
    },
    sleeps,
  };
}

// ---------------------------------------------------------------------------------------
// Real OCDS, as record packages.

type Json = Record<string, any>;

/** Every real OCDS document the project has: the real compiled records and its own fixtures. */
export function realOcdsFiles(): Array<{ name: string; text: string }> {
  const read = (dir: string) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => ({ name, text: readFileSync(`${dir}${name}`, 'utf8') }));
  return [...read(realOcdsDir), ...read(ownOcdsDir)];
}

/** The ocid a document is about (compiled release, release package or record package). */
export function ocidOf(doc: Json): string {
  const ocid = doc.records?.[0]?.ocid ?? doc.releases?.[0]?.ocid ?? doc.ocid;
  if (typeof ocid !== 'string') throw new Error('no ocid in this OCDS document');
  return ocid;
}

const PUBLISHER = { name: 'Cabinet Office', scheme: 'GB-GOR', uid: 'D2', uri: 'https://www.gov.uk/government/organisations/cabinet-office' };
const LICENSE = 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/**
 * Every release of the procurement a real OCDS document is about, newest first: a release
 * package's releases, a record's releases, and for a compiled record alone (the real
 * records hold no releases) its compiled release.
 */
export function releasesOf(doc: Json): Json[] {
  const record = doc.records?.[0];
  const releases: Json[] = Array.isArray(doc.releases) ? doc.releases : Array.isArray(record?.releases) && record.releases.length ? record.releases : [record?.compiledRelease ?? doc];
  return structuredClone(releases).sort((a, b) => String(b.date ?? '').localeCompare(String(a.date ?? '')));
}

/** A release package as FTS's recorded ones are (test/fixtures/fts/api): its envelope, then the releases. */
export function releasePackage(uri: string, releases: Json[], next?: string): Json {
  return { uri, version: '1.1', publishedDate: '2026-03-02T09:00:00Z', publisher: PUBLISHER, license: LICENSE, ...(next ? { links: { next } } : {}), releases };
}

/** What FTS answers for the ocid of any real OCDS document: every release of it, in one package. */
export function procurementPackage(doc: Json): Json {
  return releasePackage(`${FTS}${PROCUREMENT_PATH}${ocidOf(doc)}`, releasesOf(doc));
}

/**
 * FTS's record package for any real OCDS document: record packages as they are, a release
 * package's releases as the record's releases, a compiled release (the real records) as
 * the record's `compiledRelease`.
 */
export function toRecordPackage(doc: Json): Json {
  if (Array.isArray(doc.records)) return structuredClone(doc);
  const ocid = ocidOf(doc);
  const envelope = {
    uri: `${FTS}${RECORD_PATH}${ocid}`,
    publisher: { name: 'Cabinet Office', scheme: 'GB-GOR', uid: 'D2' },
    publishedDate: '2026-03-02T09:00:00Z',
    version: '1.1',
  };
  if (Array.isArray(doc.releases)) return { ...envelope, packages: [], records: [{ ocid, releases: structuredClone(doc.releases) }] };
  return { ...envelope, packages: [], records: [{ ocid, releases: [], compiledRelease: structuredClone(doc) }] };
}

/** Every real record package, by ocid. */
export function realRecordPackages(): Map<string, Json> {
  return new Map(realOcdsFiles().map(({ text }) => {
    const pkg = toRecordPackage(JSON.parse(text));
    return [ocidOf(pkg), pkg] as const;
  }));
}

/** A copy of a record package about another ocid (the same data; for large watchlists). */
export function withOcid(pkg: Json, ocid: string): Json {
  const old = ocidOf(pkg);
  const text = JSON.stringify(pkg).split(`"${old}`).join(`"${ocid}`);
  return JSON.parse(text);
}

/**
 * A changed copy of a record package: `change` gets the current state to edit in place —
 * the last release when the record has releases (what FTS serves for the ocid; a compiled
 * release beside them would no longer be their merge, and is dropped), else the compiled
 * release (a compiled record alone).
 */
export function changedRecord(pkg: Json, change: (state: Json) => void): Json {
  const copy = structuredClone(pkg);
  const record = copy.records[0];
  if (record.releases?.length) {
    change(record.releases.at(-1));
    delete record.compiledRelease;
    delete record.versionedRelease;
  } else {
    change(record.compiledRelease);
  }
  return copy;
}

// ---------------------------------------------------------------------------------------
// The fake FTS.

export interface FakeRelease {
  ocid: string;
  /** ISO instant when FTS says it was updated. */
  updatedAt: string;
  /** Notice id; made up when absent (the same in every window that lists it). */
  id?: string;
  /** Times it is listed: FTS lists a notice with many ocids once for each (a UK1 with 15 ocids ~14 times). */
  repeat?: number;
}

export type Failure =
  /** An HTTP error; `retryAfter` as FTS would send it (seconds or an HTTP date). */
  | { status: number; retryAfter?: string; body?: string }
  /** No answer at all until the client aborts (its time-out). */
  | { hang: true }
  /** Status and headers at once, then a body that never ends until aborted. */
  | { stallBody: true }
  /** fetch itself rejects (DNS, connection reset). */
  | { networkError: true }
  /** 200 with this body instead of the real one. */
  | { body: string }
  /** 200 with the real body, changed (` 000,` fragments, cut off …). */
  | { transform: (body: string) => string };

/** `list`: the updates list; `procurement`: one ocid's releases; `notice`: a notice's release package; `record`: a record package. */
export type RequestKind = 'list' | 'procurement' | 'notice' | 'record' | 'other';

export interface LoggedRequest {
  url: string;
  kind: RequestKind;
  /** Virtual time of the request (ms since the epoch). */
  at: number;
  /** List requests: the window asked for, as sent. */
  updatedFrom?: string;
  updatedTo?: string;
  cursor?: string;
  /** Procurement and record requests. */
  ocid?: string;
  /** Notice requests. */
  noticeId?: string;
  /** What the fake answered: a status, or `hang`, `stallBody`, `networkError`. */
  outcome: string;
  /** List requests answered: the releases the page held. */
  rows?: number;
  /** The bytes of the body answered (UTF-8), when it answered one. */
  bytes?: number;
}

type Matcher = RequestKind | string | RegExp | ((request: LoggedRequest) => boolean);

const KINDS: ReadonlySet<string> = new Set<RequestKind>(['list', 'procurement', 'notice', 'record', 'other']);

export interface FakeFtsOptions {
  releases?: FakeRelease[];
  /**
   * Procurements by ocid: any real OCDS document about one (record package, release
   * package, compiled record), served as its releases or as a record package; or text,
   * sent as it is for both (what FTS would send, broken or not).
   */
  procurements?: Map<string, Json | string>;
  /** Consulted for ocids not in `procurements` (e.g. thousands of clones). */
  procurementFor?: (ocid: string) => Json | string | undefined;
  clock?: Pick<VirtualClock, 'now' | 'advance'>;
  /** Virtual time each answered request takes. */
  tookMs?: number;
  /** Called when a request is left hanging (a test may move fake timers on from here). */
  onHang?: (signal: AbortSignal) => void;
  /** `lossy` (default): `links.next` as FTS's cursor, losing rows; `missing`: no page has `links`. */
  links?: 'lossy' | 'missing';
}

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

// Swedish writes dates as ISO does: "2026-06-10 13:00:00".
const londonFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
/** What London's clocks read at an instant, as FTS compares it: `YYYY-MM-DDTHH:MM:SS`. */
export const londonReading = (iso: string) => londonFormat.format(new Date(iso)).replace(' ', 'T');

/** Rows the cursor skips after each page: half a page, a third of what it walks. */
const cursorSkip = (limit: number) => Math.ceil(limit / 2);
const cursorText = (from: string, to: string, offset: number) => btoa(`updatedFrom=${from}|updatedTo=${to}|nextCursor=${offset}`);
const cursorOffset = (cursor: string) => Number(/\|nextCursor=(\d+)$/.exec(atob(cursor))?.[1] ?? NaN);

export function createFakeFts(options: FakeFtsOptions = {}) {
  const releases: Array<FakeRelease & { id: string }> = [];
  // Made-up notice ids follow the order releases were added, so a release keeps its id in every window.
  const add = (more: FakeRelease[]) => {
    for (const r of more) releases.push({ ...r, id: r.id ?? `${String(100000 + (releases.length % 900000)).padStart(6, '0')}-2026` });
  };
  add(options.releases ?? []);
  const procurements = new Map(options.procurements ?? []);
  const scripted: Array<{ matcher: Matcher; failure: Failure }> = [];
  const requests: LoggedRequest[] = [];
  const hung: Array<() => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const matches = (matcher: Matcher, request: LoggedRequest) =>
    typeof matcher === 'function'
      ? matcher(request)
      : matcher instanceof RegExp
        ? matcher.test(request.url)
        : KINDS.has(matcher)
          ? request.kind === matcher
          : request.url === matcher;

  function classify(url: URL): Pick<LoggedRequest, 'kind' | 'updatedFrom' | 'updatedTo' | 'cursor' | 'ocid' | 'noticeId'> {
    if (url.origin !== FTS) return { kind: 'other' };
    if (url.pathname.startsWith(PROCUREMENT_PATH)) return { kind: 'procurement', ocid: decodeURIComponent(url.pathname.slice(PROCUREMENT_PATH.length)) };
    const notice = NOTICE_PACKAGE.exec(url.pathname);
    if (notice) return { kind: 'notice', noticeId: notice[1] };
    if (url.origin === FTS && url.pathname === LIST_PATH) {
      return {
        kind: 'list',
        updatedFrom: url.searchParams.get('updatedFrom') ?? undefined,
        updatedTo: url.searchParams.get('updatedTo') ?? undefined,
        cursor: url.searchParams.get('cursor') ?? undefined,
      };
    }
    if (url.origin === FTS && url.pathname.startsWith(RECORD_PATH)) {
      return { kind: 'record', ocid: decodeURIComponent(url.pathname.slice(RECORD_PATH.length)) };
    }
    return { kind: 'other' };
  }

  const json = (value: unknown, status = 200) => ({ status, body: typeof value === 'string' ? value : JSON.stringify(value) });

  function listAnswer(url: URL): { status: number; body: string; rows?: number } {
    for (const key of url.searchParams.keys()) if (!LIST_PARAMS.has(key)) return json({ error: `unknown parameter ${key}` }, 400);
    const from = url.searchParams.get('updatedFrom');
    const to = url.searchParams.get('updatedTo');
    const limit = Number(url.searchParams.get('limit') ?? '100');
    const start = FTS_TIME.exec(from ?? '')?.[1];
    const end = FTS_TIME.exec(to ?? '')?.[1];
    if (!from || !to || !start || !end) return json({ error: 'updatedFrom and updatedTo must be YYYY-MM-DDTHH:MM:SS' }, 400);
    if (start >= end) return json({ error: 'updatedTo must be after updatedFrom' }, 400);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return json({ error: 'limit must be 1 to 100' }, 400);
    // London wall-clock times, both ends included to the second; newest first, repeats as listed.
    const inWindow = releases
      .filter((r) => {
        const reading = londonReading(r.updatedAt);
        return reading >= start && reading <= end;
      })
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.ocid.localeCompare(b.ocid))
      .flatMap((r) => Array<typeof r>(Math.max(1, r.repeat ?? 1)).fill(r));
    const cursor = url.searchParams.get('cursor');
    const offset = cursor ? cursorOffset(cursor) : 0;
    if (!Number.isInteger(offset) || offset < 0) return json({ error: 'bad cursor' }, 400);
    const page = inWindow.slice(offset, offset + limit);
    // The cursor's hidden key is not the order shown: the next page starts past rows never listed.
    const nextOffset = offset + limit + cursorSkip(limit);
    const next = new URL(`${FTS}${LIST_PATH}`);
    next.searchParams.set('updatedFrom', from);
    next.searchParams.set('updatedTo', to);
    next.searchParams.set('limit', String(limit));
    next.searchParams.set('cursor', cursorText(from, to, nextOffset));
    const hasNext = offset + limit < inWindow.length && options.links !== 'missing';
    return {
      rows: page.length,
      ...json({
        uri: url.href,
        publisher: { name: 'Cabinet Office', scheme: 'GB-GOR', uid: 'D2' },
        publishedDate: to,
        version: '1.1',
        releases: page.map((r) => ({ ocid: r.ocid, id: r.id, date: r.updatedAt, tag: ['tenderUpdate'], initiationType: 'tender' })),
        // FTS's last page has no `links` key at all.
        ...(hasNext ? { links: { next: next.href } } : {}),
      }),
    };
  }

  const notFound = { status: 404, body: 'Not found' };
  const procurementOf = (ocid: string) => procurements.get(ocid) ?? options.procurementFor?.(ocid);

  function recordAnswer(ocid: string): { status: number; body: string } {
    const found = procurementOf(ocid);
    if (found === undefined) return notFound;
    return json(typeof found === 'string' ? found : toRecordPackage(found));
  }

  /** Every release of the ocid, 100 a page; the cursor is the offset, as on the list. */
  function procurementAnswer(url: URL, ocid: string): { status: number; body: string } {
    const found = procurementOf(ocid);
    if (found === undefined) return notFound;
    if (typeof found === 'string') return json(found);
    const all = releasesOf(found);
    const cursor = url.searchParams.get('cursor');
    const offset = cursor ? Number(atob(cursor)) : 0;
    if (!Number.isInteger(offset) || offset < 0) return json({ error: 'bad cursor' }, 400);
    const nextOffset = offset + RELEASES_PER_PAGE;
    const next = nextOffset < all.length ? `${FTS}${PROCUREMENT_PATH}${encodeURIComponent(ocid)}?cursor=${btoa(String(nextOffset))}` : undefined;
    return json(releasePackage(url.href, all.slice(offset, nextOffset), next));
  }

  /** The notice's own release, from the procurements held. */
  function noticeAnswer(url: URL, noticeId: string): { status: number; body: string } {
    for (const doc of procurements.values()) {
      if (typeof doc === 'string') continue;
      const release = releasesOf(doc).find((r) => r.id === noticeId);
      if (release) return json(releasePackage(url.href, [release]));
    }
    return notFound;
  }

  const fetch = async (input: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }): Promise<Response> => {
    const url = new URL(input);
    const request: LoggedRequest = { url: input, at: options.clock?.now() ?? Date.now(), outcome: '', ...classify(url) };
    requests.push(request);
    const scriptIndex = scripted.findIndex((s) => matches(s.matcher, request));
    const failure = scriptIndex >= 0 ? scripted.splice(scriptIndex, 1)[0]!.failure : undefined;
    const signal = init?.signal;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      // Another turn, as if on the wire: lets anything queued behind this request run.
      await Promise.resolve();
      if (signal?.aborted) throw abortError();
      if (failure && 'hang' in failure) {
        request.outcome = 'hang';
        return await new Promise<Response>((_resolve, reject) => {
          const give = () => reject(abortError());
          signal?.addEventListener('abort', give, { once: true });
          hung.push(give);
          options.onHang?.(signal ?? new AbortController().signal);
        });
      }
      if (failure && 'networkError' in failure) {
        request.outcome = 'networkError';
        throw new TypeError('Failed to fetch');
      }
      options.clock?.advance(options.tookMs ?? 0);
      if (failure && 'stallBody' in failure) {
        request.outcome = 'stallBody';
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"releases": ['));
            const give = () => controller.error(abortError());
            signal?.addEventListener('abort', give, { once: true });
            hung.push(give);
            options.onHang?.(signal ?? new AbortController().signal);
          },
        });
        return new Response(stream, { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      if (failure && 'status' in failure) {
        request.outcome = String(failure.status);
        request.bytes = Buffer.byteLength(failure.body ?? '');
        const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'Retry-After': failure.retryAfter };
        return new Response(failure.body ?? '', { status: failure.status, headers });
      }
      const answer: { status: number; body: string; rows?: number } =
        request.kind === 'list'
          ? listAnswer(url)
          : request.kind === 'procurement'
            ? procurementAnswer(url, request.ocid!)
            : request.kind === 'notice'
              ? noticeAnswer(url, request.noticeId!)
              : request.kind === 'record'
                ? recordAnswer(request.ocid!)
                : notFound;
      if (answer.rows !== undefined && !failure) request.rows = answer.rows;
      let body = answer.body;
      if (failure && 'body' in failure) body = failure.body;
      if (failure && 'transform' in failure) body = failure.transform(body);
      request.outcome = String(answer.status);
      request.bytes = Buffer.byteLength(body);
      return new Response(body, { status: answer.status, headers: { 'Content-Type': 'application/json' } });
    } finally {
      inFlight--;
    }
  };

  return {
    fetch,
    requests,
    /** The next request matching `matcher` gets the first failure, the one after the second, … */
    fail(matcher: Matcher, ...failures: Failure[]) {
      for (const failure of failures) scripted.push({ matcher, failure });
    },
    /** Scripted failures not yet used. */
    unusedFailures: () => scripted.length,
    addReleases(...more: FakeRelease[]) {
      add(more);
    },
    setProcurement(ocid: string, doc: Json | string) {
      procurements.set(ocid, doc);
    },
    count: (kind: RequestKind) => requests.filter((r) => r.kind === kind).length,
    /** The bytes answered to requests of `kind` (all requests when not given). */
    bytes: (kind?: RequestKind) => requests.filter((r) => !kind || r.kind === kind).reduce((sum, r) => sum + (r.bytes ?? 0), 0),
    listRequests: () => requests.filter((r) => r.kind === 'list'),
    procurementRequests: () => requests.filter((r) => r.kind === 'procurement'),
    /** Requests made after the first `n` (to look at one cycle's requests). */
    since: (n: number) => requests.slice(n),
    maxInFlight: () => maxInFlight,
    /** Rejects every request still hanging (a worker that was stopped), so nothing is left behind. */
    releaseHung() {
      for (const give of hung.splice(0)) give();
    },
  };
}

export type FakeFts = ReturnType<typeof createFakeFts>;

/**
 * `count` releases of unwatched procurements spread evenly from `fromIso` (inclusive) to
 * `toIso` (exclusive): FTS's traffic the sweep must page through without reading records.
 */
export function unwatchedUpdates(count: number, fromIso: string, toIso: string, prefix = 'ocds-h6vhtk-b'): FakeRelease[] {
  const from = Date.parse(fromIso);
  const step = (Date.parse(toIso) - from) / count;
  return Array.from({ length: count }, (_, i) => ({
    ocid: `${prefix}${String(i).padStart(5, '0')}`,
    updatedAt: new Date(Math.floor(from + i * step)).toISOString(),
  }));
}
