/**
 * One local stand-in for the sites the extension works on, shared by both browsers:
 *
 * - an HTTPS server (throwaway self-signed certificate made with `openssl` at start) that
 *   answers for `www.find-tender.service.gov.uk` and `d3tenders.com` from per-test routes,
 *   and refuses (403, logged) every other host that reaches it;
 * - a tiny HTTP CONNECT proxy for Firefox: tunnels the served hosts to the HTTPS server and
 *   refuses (403, logged) everything else, plain HTTP included.
 *
 * Chromium reaches the HTTPS server through `--host-resolver-rules` (see browsers.ts), Firefox
 * through the proxy prefs. There is no internet: nothing here ever goes out.
 *
 * FTS's look is always served, whatever the routes: GOV.UK Frontend's CSS, fonts and images
 * at the addresses the saved notice page links (govuk-frontend.ts), so that page lays out as on
 * FTS. A test's own route for the same path wins.
 *
 * Routes are scriptable: status, headers (`Retry-After` …), body, a delay, or a sequence of
 * replies (429 then 200; the last one repeats). Every request is logged with its time so a
 * test can count what the extension asked FTS for, and how far apart.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { procurementPackage, type FakeFts } from '../support/fake-fts.ts';
import { compileGovukCss, govukAssets } from './govuk-frontend.ts';

export const FTS_HOST = 'www.find-tender.service.gov.uk';
export const FTS_ORIGIN = `https://${FTS_HOST}`;
export const D3_HOST = 'd3tenders.com';
export const D3_ORIGIN = `https://${D3_HOST}`;
/** Hosts the stand-in answers for; every other host is refused. */
export const SERVED_HOSTS: readonly string[] = [FTS_HOST, D3_HOST, `www.${D3_HOST}`];

export interface Reply {
  /** Default 200. */
  status?: number;
  /** Content-Type is guessed when absent (HTML for text starting with `<`, JSON for objects). */
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
}
export type ReplyFn = (request: LoggedRequest) => Reply | Promise<Reply>;
/** One reply for every request, a function, or a sequence whose last reply repeats. */
export type Route = Reply | ReplyFn | readonly (Reply | ReplyFn)[];

export interface LoggedRequest {
  method: string;
  host: string;
  /** Path and query, as requested. */
  path: string;
  pathname: string;
  /** Date.now() when the request arrived. */
  time: number;
  /** The status it was answered with (0 while pending). */
  status: number;
  /** `Origin` header: `chrome-extension://…` / `moz-extension://…` for the extension's own fetches. */
  origin?: string;
  /** `Sec-Fetch-Site`, `Sec-Fetch-Dest` (Chromium and Firefox both send them). */
  fetchSite?: string;
  fetchDest?: string;
  /** Which route answered: `undefined` when none did (404 on a served host, 403 elsewhere). */
  routed: boolean;
}

export interface RefusedRequest {
  /** `host:port` of a CONNECT, or the Host of a request that reached the HTTPS server. */
  target: string;
  how: 'connect' | 'http-proxy' | 'https';
  time: number;
}

export interface FtsServer {
  /** Port of the HTTPS stand-in on 127.0.0.1 (Chromium's host resolver rules point here). */
  readonly httpsPort: number;
  /** Port of the CONNECT proxy on 127.0.0.1 (Firefox's proxy prefs point here). */
  readonly proxyPort: number;
  /** Serve `route` for `https://<host><path>`. A path with `?` matches path and query exactly; one without matches the path whatever the query. A later call replaces an earlier one. */
  route(host: string, path: string, route: Route): void;
  /** `route(FTS_HOST, path, route)`. */
  fts(path: string, route: Route): void;
  /** Serve one notice: its page and `/OCDS/ReleasePackage` (each optional). */
  notice(noticeId: string, parts: { page?: Route; releasePackage?: Route }): void;
  /** FTS's procurement page, `/procurement/{ocid}` (any text in the place of the ocid); see `ftsProcurementPage`. */
  procurementPage(ocid: string, route: Route): void;
  /** Every release of a procurement: `/api/1.0/ocdsReleasePackages/{ocid}` (and `api/latest`); see `ftsReleases`. */
  procurement(ocid: string, route: Route): void;
  /** `/api/1.0/ocdsReleasePackages/{noticeId}` (and `api/latest`). */
  releasePackage(noticeId: string, route: Route): void;
  /** `route(D3_HOST, path, route)`, e.g. `d3tenders('/contract/?ocid=ocds-h6vhtk-05cfd9', …)`. */
  d3tenders(path: string, route: Route): void;
  /** Every request that reached the HTTPS server, in order (optionally filtered). */
  requests(filter?: RequestFilter): LoggedRequest[];
  /** Requests to FTS for data (`/Notice/{id}/OCDS/…` and `/api/…`), not pages or assets. */
  ftsDataRequests(): LoggedRequest[];
  /** Requests to hosts that are not served (third-party scripts, hostile image URLs …). */
  refused(): RefusedRequest[];
  /** Resolve with the first logged request (past or future) matching `filter`. */
  waitForRequest(filter: RequestFilter, timeoutMs?: number): Promise<LoggedRequest>;
  /** Forget routes, sequences and logs (between tests). */
  reset(): void;
  close(): Promise<void>;
}

export type RequestFilter =
  | ((request: LoggedRequest) => boolean)
  | { host?: string; pathname?: string | RegExp; method?: string; since?: number };

export async function startFtsServer(): Promise<FtsServer> {
  const certDir = mkdtempSync(join(tmpdir(), 'tender-timeline-fts-cert-'));
  const { key, cert } = makeCertificate(certDir);

  const routes = new Map<string, Route>();
  await compileGovukCss();
  const assets = govukAssets();
  const served = new Map<string, number>(); // route key → how many requests it answered
  let log: LoggedRequest[] = [];
  let refused: RefusedRequest[] = [];
  let waiters: { match: (r: LoggedRequest) => boolean; resolve: (r: LoggedRequest) => void }[] = [];

  const record = (entry: LoggedRequest) => {
    log.push(entry);
    waiters = waiters.filter((w) => {
      if (!w.match(entry)) return true;
      w.resolve(entry);
      return false;
    });
  };

  const httpsServer = https.createServer({ key, cert }, (req, res) => {
    void handle(req, res);
  });
  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = req.url ?? '/';
    const pathname = path.split('?')[0] ?? '/';
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      host,
      path,
      pathname,
      time: Date.now(),
      status: 0,
      origin: header(req, 'origin'),
      fetchSite: header(req, 'sec-fetch-site'),
      fetchDest: header(req, 'sec-fetch-dest'),
      routed: false,
    };
    req.resume();
    if (!SERVED_HOSTS.includes(host)) {
      refused.push({ target: host, how: 'https', time: entry.time });
      entry.status = 403;
      record(entry);
      res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end('refused by the test stand-in');
      return;
    }
    record(entry);
    const key = routeKey(host, path);
    const fallback = routeKey(host, pathname);
    const matched = routes.has(key) ? key : routes.has(fallback) ? fallback : undefined;
    let reply: Reply;
    const asset = host === FTS_HOST ? assets.get(pathname) : undefined;
    if (matched === undefined && asset) {
      entry.routed = true;
      reply = { headers: { 'content-type': asset.contentType }, body: asset.body };
    } else if (matched === undefined) {
      reply = { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found (no route in the test stand-in)' };
    } else {
      entry.routed = true;
      const n = served.get(matched) ?? 0;
      served.set(matched, n + 1);
      const route = routes.get(matched)!;
      const step = isSequence(route) ? route[Math.min(n, route.length - 1)]! : route;
      try {
        reply = typeof step === 'function' ? await step(entry) : step;
      } catch (error) {
        reply = { status: 500, body: `route threw: ${String(error)}` };
      }
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    const { body, contentType } = encodeBody(reply.body);
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (contentType) headers['content-type'] = contentType;
    for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name.toLowerCase()] = value;
    entry.status = reply.status ?? 200;
    if (res.destroyed) return;
    res.writeHead(entry.status, headers).end(body);
  }
  httpsServer.on('tlsClientError', () => {
    /* plain HTTP sent to the HTTPS port, or a client giving up: nothing to serve */
  });

  const proxySockets = new Set<net.Socket>();
  const proxy = http.createServer((req, res) => {
    // Plain HTTP through the proxy: never served (FTS and d3tenders are HTTPS-only here).
    refused.push({ target: req.headers.host ?? req.url ?? '?', how: 'http-proxy', time: Date.now() });
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end('refused by the test proxy');
  });
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    const [host = '', port = '443'] = target.split(':');
    proxySockets.add(client);
    client.on('close', () => proxySockets.delete(client));
    client.on('error', () => client.destroy());
    if (!SERVED_HOSTS.includes(host.toLowerCase()) || port !== '443') {
      refused.push({ target, how: 'connect', time: Date.now() });
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const upstream = net.connect(httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    proxySockets.add(upstream);
    upstream.on('close', () => {
      proxySockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });

  const httpsPort = await listen(httpsServer);
  const proxyPort = await listen(proxy);

  const matcher = (filter: RequestFilter | undefined) => (r: LoggedRequest) => {
    if (!filter) return true;
    if (typeof filter === 'function') return filter(r);
    if (filter.host && r.host !== filter.host) return false;
    if (filter.method && r.method !== filter.method) return false;
    if (filter.since !== undefined && r.time < filter.since) return false;
    if (typeof filter.pathname === 'string' && r.pathname !== filter.pathname) return false;
    if (filter.pathname instanceof RegExp && !filter.pathname.test(r.pathname)) return false;
    return true;
  };

  const server: FtsServer = {
    httpsPort,
    proxyPort,
    route(host, path, route) {
      const key = routeKey(host, path);
      routes.set(key, route);
      served.delete(key);
    },
    fts(path, route) {
      server.route(FTS_HOST, path, route);
    },
    notice(noticeId, parts) {
      if (parts.page !== undefined) server.fts(`/Notice/${noticeId}`, parts.page);
      if (parts.releasePackage !== undefined) server.fts(`/Notice/${noticeId}/OCDS/ReleasePackage`, parts.releasePackage);
    },
    procurementPage(ocid, route) {
      server.fts(`/procurement/${ocid}`, route);
    },
    procurement(ocid, route) {
      server.fts(`/api/1.0/ocdsReleasePackages/${ocid}`, route);
      server.fts(`/api/latest/ocdsReleasePackages/${ocid}`, route);
    },
    releasePackage(noticeId, route) {
      server.fts(`/api/1.0/ocdsReleasePackages/${noticeId}`, route);
      server.fts(`/api/latest/ocdsReleasePackages/${noticeId}`, route);
    },
    d3tenders(path, route) {
      server.route(D3_HOST, path, route);
      server.route(`www.${D3_HOST}`, path, route);
    },
    requests(filter) {
      return log.filter(matcher(filter));
    },
    ftsDataRequests() {
      return log.filter((r) => r.host === FTS_HOST && /^\/(Notice\/[^/]+\/OCDS\/|api\/)/.test(r.pathname));
    },
    refused() {
      return [...refused];
    },
    waitForRequest(filter, timeoutMs = 15_000) {
      const match = matcher(filter);
      const seen = log.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (r: LoggedRequest) => (clearTimeout(timer), resolve(r)) };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`no request matching ${describeFilter(filter)} within ${timeoutMs} ms; seen:\n${log.map((r) => `  ${r.method} ${r.host}${r.path} → ${r.status}`).join('\n')}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    reset() {
      routes.clear();
      served.clear();
      log = [];
      refused = [];
    },
    async close() {
      for (const socket of proxySockets) socket.destroy();
      httpsServer.closeAllConnections();
      proxy.closeAllConnections();
      await Promise.all([closeServer(httpsServer), closeServer(proxy)]);
      rmSync(certDir, { recursive: true, force: true });
    },
  };
  return server;
}

// ---------- bodies for routes ----------

/** A JSON reply (`application/json`). */
export function json(value: unknown, init: Omit<Reply, 'body'> = {}): Reply {
  return { ...init, body: JSON.stringify(value), headers: { 'content-type': 'application/json; charset=utf-8', ...init.headers } };
}

/** A JSON reply from raw text, for invalid JSON as FTS has served it (` 000,`, `1e9999`). */
export function rawJson(text: string, init: Omit<Reply, 'body'> = {}): Reply {
  return { ...init, body: text, headers: { 'content-type': 'application/json; charset=utf-8', ...init.headers } };
}

/** How `ftsReleases` carries a number too large for JSON (`1e9999`) through `JSON.stringify`. */
const TOO_LARGE = '\u0000too large\u0000';

/**
 * What FTS answers for `/api/1.0/ocdsReleasePackages/{ocid}`: every release of the
 * procurement in `text` (a record package's releases, a release package's, or a compiled
 * record standing in as the one release), in the envelope of FTS's recorded release
 * packages (test/fixtures/fts/api; made by the fake FTS of the unit tests). Numbers written
 * `1e9999`, as FTS writes some, stay so.
 */
export function ftsReleases(text: string, init: Omit<Reply, 'body'> = {}): Reply {
  const body = JSON.stringify(procurementPackage(JSON.parse(text)), (_key, value: unknown) => (value === Infinity ? TOO_LARGE : value));
  return rawJson(body.replaceAll(JSON.stringify(TOO_LARGE), '1e9999'), init);
}

/**
 * FTS's list of updates (`/api/1.0/ocdsReleasePackages?updatedFrom=…`) answered by the fake
 * FTS of the unit tests (test/support/fake-fts.ts), so both tiers meet one FTS: windows read
 * as London wall-clock time, full pages of 100, a `links.next` cursor that loses rows.
 * Route it at that path; the cursor's pages come back to the same path.
 */
export function fakeFtsList(fake: Pick<FakeFts, 'fetch'>): ReplyFn {
  return async (request) => {
    const answer = await fake.fetch(`${FTS_ORIGIN}${request.path}`);
    return rawJson(await answer.text(), { status: answer.status });
  };
}

/** An HTML reply. */
export function html(text: string, init: Omit<Reply, 'body'> = {}): Reply {
  return { ...init, body: text, headers: { 'content-type': 'text/html; charset=utf-8', ...init.headers } };
}

/** FTS's rate limit, as recorded (`probe/20-window-noZ-429`): 429, `Retry-After` (seconds, sometimes absent), a text body. */
export function tooManyRequests(retryAfterSeconds?: number): Reply {
  return {
    status: 429,
    headers: retryAfterSeconds === undefined ? { 'content-type': 'text/plain' } : { 'content-type': 'text/plain', 'retry-after': String(retryAfterSeconds) },
    body: 'Rate limit of 12 exceeded. Please retry after 120 seconds.',
  };
}

/** The real FTS notice page saved by a browser (copied from the shared fixtures into the repository). */
export const SAVED_NOTICE_PAGE = fileURLToPath(new URL('../fixtures/fts/pages/fts-notice-008624-2023.html', import.meta.url));
const SAVED_NOTICE = { id: '008624-2023', ocid: 'ocds-h6vhtk-037c6c', title: 'National Framework Agreement for Adalimumab Injection 1 April 2023' };

/**
 * The real saved FTS notice page (F03, 008624-2023, ocds-h6vhtk-037c6c), optionally re-labelled
 * for another notice: its id, ocid and title are replaced everywhere (links, Download list, h1),
 * so the markup stays the real FTS markup, "Watch this notice" button included.
 */
export function ftsNoticePage(opts: { noticeId?: string; ocid?: string; title?: string; pagePath?: string } = {}): string {
  let text = readFileSync(opts.pagePath ?? SAVED_NOTICE_PAGE, 'utf8');
  if (opts.noticeId) text = text.replaceAll(SAVED_NOTICE.id, opts.noticeId);
  if (opts.ocid) text = text.replaceAll(SAVED_NOTICE.ocid, opts.ocid);
  if (opts.title) text = text.replaceAll(SAVED_NOTICE.title, escapeHtml(opts.title));
  return text;
}

/**
 * FTS's procurement page of ocds-h6vhtk-05cfd9 ("Out of Court Resolution"), in the shape of the
 * real saved notice page (test/fixtures/pages/README.md says what is real in it).
 */
export const PROCUREMENT_PAGE = { ocid: 'ocds-h6vhtk-05cfd9', path: fileURLToPath(new URL('../fixtures/pages/fts-procurement-ocds-h6vhtk-05cfd9.html', import.meta.url)) };
export function ftsProcurementPage(): string {
  return readFileSync(PROCUREMENT_PAGE.path, 'utf8');
}

/**
 * A d3tenders-style republished record page (`https://d3tenders.com/contract/?ocid=…`): the
 * compiled OCDS record printed, HTML-escaped, in a `<pre class="ocds-json">` under "View full
 * OCDS Record for this contracting process" (the JSON starts right after `<pre>`, as in
 * test/fixtures/pages/d3tenders-contract.html), plus the site's own third-party assets.
 */
export function d3tendersPage(record: unknown, opts: { title?: string } = {}): string {
  const title = opts.title ?? String((record as { tender?: { title?: unknown } })?.tender?.title ?? 'Contract');
  return `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)} | D3 Tenders</title>
<link rel="stylesheet" href="https://d3tenders.com/assets/site.css">
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
<script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST"></script></head>
<body class="contract-page">
<header class="site-header"><a class="logo" href="https://d3tenders.com/">D3 Tenders</a></header>
<main id="content">
  <h1>${escapeHtml(title)}</h1>
  <section class="ocds-record">
    <h2>View full OCDS Record for this contracting process</h2>
<pre class="ocds-json">${escapeHtml(JSON.stringify(record, null, 2))}</pre>
  </section>
</main></body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ---------- internals ----------

function makeCertificate(dir: string): { key: Buffer; cert: Buffer } {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const san = ['localhost', ...SERVED_HOSTS].map((h) => `DNS:${h}`).join(',') + ',IP:127.0.0.1';
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${FTS_HOST}`, '-addext', `subjectAltName=${san}`, '-keyout', keyPath, '-out', certPath],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    throw new Error(`the FTS stand-in needs openssl to make a throwaway certificate (apt-get install openssl): ${String(error)}`);
  }
  return { key: readFileSync(keyPath), cert: readFileSync(certPath) };
}

function routeKey(host: string, path: string): string {
  return `${host.toLowerCase()}${path}`;
}

function isSequence(route: Route): route is readonly (Reply | ReplyFn)[] {
  return Array.isArray(route);
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function encodeBody(body: unknown): { body: string | Buffer; contentType?: string } {
  if (body === undefined) return { body: '' };
  if (Buffer.isBuffer(body)) return { body };
  if (typeof body === 'string') return { body, contentType: body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8' };
  return { body: JSON.stringify(body), contentType: 'application/json; charset=utf-8' };
}

function describeFilter(filter: RequestFilter): string {
  return typeof filter === 'function' ? 'a predicate' : JSON.stringify(filter, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
