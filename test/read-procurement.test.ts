/**
 * Reading a procurement from FTS as every release of its ocid
 * (`/api/1.0/ocdsReleasePackages/{ocid}`), merged here, and what a notice page costs.
 * The real FtsClient (13 s spacing, on a virtual clock) against the fake FTS.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFtsClient } from '../lib/fts/client';
import { MAX_RELEASE_PAGES, readProcurement } from '../lib/fts/read-procurement';
import { readOcds } from '../lib/ocds/read';
import type { Procurement } from '../lib/procurement';
import { createService } from '../lib/service';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { buildTimeline } from '../lib/timeline/build';
import { openTenderTimelineDB } from '../lib/watchlist/db';
import { ownOcdsDir, readFtsApi, readReal, terminationRelease, tenderRelease } from './support/fixtures';
import { createFakeFts, FTS, procurementPackage, releasePackage, virtualClock, type FakeFts, type VirtualClock } from './support/fake-fts';

type Json = Record<string, any>;

const NOW = '2026-06-10T12:00:00.000Z';
let clock: VirtualClock;
let fts: FakeFts;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  clock = virtualClock(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

function start(procurements: Record<string, Json | string>): ReturnType<typeof createFtsClient> {
  fts = createFakeFts({ clock, procurements: new Map(Object.entries(procurements)) });
  return createFtsClient({ fetch: fts.fetch, now: clock.now, sleep: clock.sleep });
}

const own = (name: string): Json => JSON.parse(readFileSync(`${ownOcdsDir}${name}`, 'utf8'));

/** The timeline as a person reads it: everything but where in the input each value was. */
const shown = (procurement: Procurement) => buildTimeline(procurement, new Date(NOW)).map(({ source: _source, ...event }) => event);

function readWhole(doc: unknown) {
  const read = readOcds(JSON.stringify(doc));
  if (!read.ok) throw new Error(read.message);
  return read.procurements[0]!;
}

// Real releases from FTS's recorded update stream: 150, each a distinct notice.
const STREAM: Json[] = [...JSON.parse(readFtsApi('whole-stream/page-001.json')).releases, ...JSON.parse(readFtsApi('whole-stream/page-002.json')).releases].slice(0, 150);
/** The ocid FTS has reused for over 100 releases of different buyers' procurements. */
const REUSED = 'ocds-h6vhtk-02874c';
const underReusedOcid = (releases: Json[]) => releases.map((r) => ({ ...structuredClone(r), ocid: REUSED }));

describe('readProcurement: every release of the ocid, merged here', () => {
  const OCID = 'ocds-h6vhtk-05cfd9';

  it('one request for a procurement of fewer than 100 releases', async () => {
    const client = start({ [OCID]: { releases: [tenderRelease(), terminationRelease()] } });
    const read = await readProcurement(client, OCID);
    expect(fts.requests.map((r) => r.url)).toEqual([`${FTS}/api/1.0/ocdsReleasePackages/${OCID}`]);
    expect(read.problems).toEqual([]);
    expect(read.procurement.notices.map((n) => [n.id, n.noticeType, n.publishedAt])).toEqual([
      ['066750-2025', 'UK4', '2025-10-20T13:19:05.000Z'],
      ['077802-2025', 'UK12', '2025-11-27T15:48:17.000Z'],
    ]);
  });

  // The real compiled record of ocds-h6vhtk-05cfd9 against its two notices as releases (the
  // UK4 as the record stood before the UK12; the UK12 with its document and cancelled award).
  it('gives the real compiled record’s notices and key dates, read from its releases', async () => {
    const client = start({ [OCID]: { releases: [terminationRelease(), tenderRelease()] } });
    const merged = (await readProcurement(client, OCID)).procurement;
    const compiled = readWhole(JSON.parse(readReal('ocds-h6vhtk-05cfd9.json'))).procurement;
    const keyDates = (p: Procurement) => p.keyDates.map((k) => [k.type, k.at, k.lots]);
    // By hand from the record: tender.enquiryPeriod, tenderPeriod, awardPeriod, awards[0].finalStatusDate, lot 1's contractPeriod (BST).
    expect(keyDates(merged)).toEqual([
      ['enquiryDeadline', '2025-11-19T14:00:00.000Z', []],
      ['submissionDeadline', '2025-11-24T14:00:00.000Z', []],
      ['awardPeriodEnd', '2026-01-01T23:59:59.000Z', []],
      ['cancelled', '2025-11-27T00:00:00.000Z', ['1']],
      ['contractStart', '2026-03-31T23:00:00.000Z', ['1']],
      ['contractEnd', '2028-03-31T22:59:59.000Z', ['1']],
      ['contractMaxExtent', '2029-03-31T22:59:59.000Z', ['1']],
    ]);
    expect(keyDates(merged)).toEqual(keyDates(compiled));
    const about = (p: Procurement) => ({ title: p.title, buyer: p.buyer, stage: p.stage, value: p.value, notices: p.notices.map((n) => [n.id, n.name, n.publishedAt]) });
    expect(about(merged)).toEqual(about(compiled));
    // What the compiled record cannot say: what the UK12 changed (its awards' status).
    expect(compiled.notices[1]!.changes).toEqual([]);
    expect(merged.notices[1]!.changes.length).toBeGreaterThan(0);
  });

  // The project's record packages hold releases and a compiled release written as their
  // OCDS merge: reading the releases alone (merged here) must show the same timeline.
  it.each(['record-delta-deadline-moves.json', 'uk6-award-standstill.json', 'uk7-contract-signed.json', 'uk10-contract-change.json', 'old-regime-f02-f03-f14.json', 'framework-20-lots.json'])(
    '%s: its releases merged here show the timeline its compiled release does',
    async (name) => {
      const record = own(name);
      const ocid = record.records[0].ocid;
      const client = start({ [ocid]: record });
      const merged = await readProcurement(client, ocid);
      expect(fts.requests).toHaveLength(1);
      expect(shown(merged.procurement)).toEqual(shown(readWhole(record).procurement));
      expect(merged.problems).toEqual([]);
    },
  );

  it('follows links.next while a page is full: 150 real releases under one ocid, in 2 requests, as one package would give them', async () => {
    const client = start({ [REUSED]: { releases: underReusedOcid(STREAM) } });
    const read = await readProcurement(client, REUSED);
    const asked = fts.procurementRequests();
    expect(asked).toHaveLength(2);
    expect(asked[1]!.url).toMatch(/^https:\/\/www\.find-tender\.service\.gov\.uk\/api\/1\.0\/ocdsReleasePackages\/ocds-h6vhtk-02874c\?cursor=/);
    expect(read.procurement.notices).toHaveLength(150);
    expect(shown(read.procurement)).toEqual(shown(readWhole({ releases: underReusedOcid(STREAM) }).procurement));
    // 13 s apart, as every request is.
    expect(asked[1]!.at - asked[0]!.at).toBeGreaterThanOrEqual(13_000);
  });

  it('a release listed on two pages is read once', async () => {
    const first = underReusedOcid(STREAM.slice(0, 100));
    const second = underReusedOcid([STREAM[99]!, STREAM[100]!]);
    const next = `${FTS}/api/1.0/ocdsReleasePackages/${REUSED}?cursor=2`;
    const client = start({ [REUSED]: JSON.stringify(releasePackage('x', first, next)) });
    fts.fail(next, { body: JSON.stringify(releasePackage(next, second)) });
    const read = await readProcurement(client, REUSED);
    expect(fts.requests.map((r) => r.url)).toEqual([`${FTS}/api/1.0/ocdsReleasePackages/${REUSED}`, next]);
    expect(read.procurement.notices).toHaveLength(101);
  });

  it('a full page without a next page: what was listed is read, and the timeline says more may exist', async () => {
    const client = start({ [REUSED]: JSON.stringify(releasePackage('x', underReusedOcid(STREAM.slice(0, 100)))) });
    const read = await readProcurement(client, REUSED);
    expect(fts.requests).toHaveLength(1);
    expect(read.procurement.notices).toHaveLength(100);
    // (Beside the problem that the releases name different buyers: they do, as under FTS's reused ocid.)
    expect(read.problems).toContainEqual({
      path: '$',
      message: 'Find a Tender listed 100 releases, as many as one page holds, and no next page: any further releases of this procurement are not shown',
    });
  });

  it.each([
    ['another site', 'https://evil.example/api/1.0/ocdsReleasePackages/ocds-h6vhtk-02874c?cursor=2'],
    ['plain http', 'http://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages/ocds-h6vhtk-02874c?cursor=2'],
  ])('a next page on %s is not followed', async (_name, next) => {
    const client = start({ [REUSED]: JSON.stringify(releasePackage('x', underReusedOcid(STREAM.slice(0, 100)), next)) });
    const read = await readProcurement(client, REUSED);
    expect(fts.requests).toHaveLength(1);
    expect(read.problems.map((p) => p.message).filter((m) => m.startsWith('Find a Tender listed'))).toEqual([expect.stringMatching(/^Find a Tender listed 100 releases, as many as one page holds, and no next page/)]);
  });

  it(`a next page that never ends stops after ${MAX_RELEASE_PAGES} pages, and says so`, async () => {
    const page = JSON.stringify(releasePackage('x', underReusedOcid(STREAM.slice(0, 100)), `${FTS}/api/1.0/ocdsReleasePackages/${REUSED}?cursor=again`));
    const client = start({ [REUSED]: page });
    const read = await readProcurement(client, REUSED);
    expect(fts.requests).toHaveLength(MAX_RELEASE_PAGES);
    expect(read.procurement.notices).toHaveLength(100);
    expect(read.problems).toContainEqual({ path: `$[${MAX_RELEASE_PAGES - 1}]`, message: `Find a Tender listed more than 5000 releases for this procurement; only the first ${MAX_RELEASE_PAGES} pages were read` });
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><title>Error</title></html>', /^This page's data is not OCDS: it is not JSON/],
    ['an empty body (FTS has answered 200 with one)', '', /^This page's data is not OCDS/],
    ['a package with no releases', '{"releases": []}', /^This OCDS package is empty/],
    ['another procurement', JSON.stringify({ releases: [tenderRelease()] }), /did not hold that procurement$/],
  ])('%s is a failed read, never an empty procurement', async (_name, body, message) => {
    const client = start({ [REUSED]: body });
    await expect(readProcurement(client, REUSED)).rejects.toThrow(message);
  });

  it('a page cut off is read as far as it goes, and marked cut off', async () => {
    const text = JSON.stringify({ releases: [tenderRelease(), terminationRelease()] });
    const client = start({ [OCID]: text.slice(0, text.indexOf('"awards"')) });
    const read = await readProcurement(client, OCID);
    expect(read.completeness).toBe('cut-off');
    expect(read.procurement.notices.map((n) => n.id)).toEqual(['066750-2025', '077802-2025']);
  });

  it('a page read to its end is whole', async () => {
    const client = start({ [OCID]: JSON.stringify({ releases: [tenderRelease(), terminationRelease()] }) });
    expect((await readProcurement(client, OCID)).completeness).toBe('whole');
  });
});

describe('a notice page: what it costs to show the panel', () => {
  // Bristol's three notices (UK4, two UK4 updates): the project's record, served as FTS serves its ocid.
  const record = own('record-delta-deadline-moves.json');
  const OCID = record.records[0].ocid as string;
  const NOTICE = '066893-2025';

  function service(procurements: Record<string, Json>) {
    const client = start(procurements);
    return createService({
      db: () => openTenderTimelineDB(),
      client,
      now: clock.date,
      onWatchChange: () => undefined,
      onWatchlistChanged: () => undefined,
      getSettings: async () => DEFAULT_SETTINGS,
    });
  }

  const ask = (s: ReturnType<typeof service>, payload: { noticeId: string; ocid?: string }) => s.handle({ type: 'timeline:forNotice', payload }) as Promise<any>;

  it('with the ocid the page shows: one request, the procurement’s releases (a few kB each)', async () => {
    const s = service({ [OCID]: record });
    const answer = await ask(s, { noticeId: NOTICE, ocid: OCID });
    expect(answer).toMatchObject({ ok: true, fromCache: false, problems: [] });
    expect(answer.procurement.notices.map((n: { id: string }) => n.id)).toEqual(['062718-2025', '066893-2025', '069512-2025']);
    expect(fts.requests.map((r) => [r.kind, r.ocid])).toEqual([['procurement', OCID]]);
    expect(fts.bytes()).toBe(Buffer.byteLength(JSON.stringify(procurementPackage(record))));
    expect(fts.bytes()).toBeLessThan(20_000);
  });

  it('without one: the notice’s own release package gives the ocid, then its releases (2 requests)', async () => {
    const s = service({ [OCID]: record });
    const answer = await ask(s, { noticeId: NOTICE });
    expect(answer).toMatchObject({ ok: true, problems: [] });
    expect(answer.procurement.notices).toHaveLength(3);
    expect(fts.requests.map((r) => [r.kind, r.noticeId ?? r.ocid])).toEqual([
      ['notice', NOTICE],
      ['procurement', OCID],
    ]);
  });

  it('an ocid from the page whose releases do not hold the notice is not used', async () => {
    const other = own('uk6-award-standstill.json');
    const otherOcid = other.records[0].ocid as string;
    const s = service({ [OCID]: record, [otherOcid]: other });
    const answer = await ask(s, { noticeId: NOTICE, ocid: otherOcid });
    expect(answer).toMatchObject({ ok: true, procurement: { ocid: OCID }, problems: [] });
    expect(fts.requests.map((r) => [r.kind, r.noticeId ?? r.ocid])).toEqual([
      ['procurement', otherOcid],
      ['notice', NOTICE],
      ['procurement', OCID],
    ]);
  });

  it('FTS busy at the first request: nothing more is asked', async () => {
    const s = service({ [OCID]: record });
    fts.fail('procurement', { status: 429, retryAfter: '3600' });
    const answer = await ask(s, { noticeId: NOTICE, ocid: OCID });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'busy' } });
    expect(fts.requests).toHaveLength(1);
  });

  it('the procurement’s releases cannot be had: the notice alone, saying so', async () => {
    const s = service({ [OCID]: record });
    fts.fail('procurement', { status: 404 });
    const answer = await ask(s, { noticeId: NOTICE });
    expect(answer.procurement.notices.map((n: { id: string }) => n.id)).toEqual([NOTICE]);
    expect(answer.problems).toEqual([{ path: '$', message: 'Only this notice could be read; the rest of the procurement could not be fetched (Find a Tender has no data for this notice.)' }]);
  });

  /** The service's database, its cache writes held until `release` (or failing, when `fail`). */
  function heldCacheWrites(fail = false) {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const client = start({ [OCID]: record });
    const db = async () => {
      const real = await openTenderTimelineDB();
      return new Proxy(real, {
        get(target, key) {
          if (key === 'put') {
            return async (store: string, value: unknown) => {
              if (store !== 'procurementCache') return (target.put as any)(store, value);
              await held;
              if (fail) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
              return target.put(store, value as never);
            };
          }
          const value = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
    const s = createService({ db, client, now: clock.date, onWatchChange: () => undefined, onWatchlistChanged: () => undefined, getSettings: async () => DEFAULT_SETTINGS });
    return { s, release };
  }
  /** Lets every pending callback and IndexedDB event run, as between two tasks. */
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  it('answers before the cache is written; a notice of the same procurement asked meanwhile waits for the write and asks FTS nothing', async () => {
    const { s, release } = heldCacheWrites();
    const first = await ask(s, { noticeId: NOTICE, ocid: OCID });
    expect(first).toMatchObject({ ok: true, fromCache: false });
    const second = ask(s, { noticeId: '069512-2025', ocid: OCID });
    await settle();
    release();
    expect(await second).toMatchObject({ ok: true, fromCache: true });
    expect(fts.requests).toHaveLength(1);
  });

  it('Watch while the cache is still being written stores that read, asking FTS nothing more', async () => {
    const { s, release } = heldCacheWrites();
    await ask(s, { noticeId: NOTICE, ocid: OCID });
    const watched = s.handle({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: NOTICE } });
    await settle();
    release();
    expect(await watched).toEqual({ ok: true, watched: true });
    expect(fts.requests).toHaveLength(1);
  });

  it('a cache write that fails still answers, and says why in the console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { s, release } = heldCacheWrites(true);
    release();
    expect(await ask(s, { noticeId: NOTICE, ocid: OCID })).toMatchObject({ ok: true, fromCache: false });
    // Nothing was cached: the next notice is read again.
    expect(await ask(s, { noticeId: '069512-2025', ocid: OCID })).toMatchObject({ ok: true, fromCache: false });
    expect(warn).toHaveBeenCalledWith('Tender Timeline: the cache could not be written', expect.objectContaining({ name: 'QuotaExceededError' }));
    warn.mockRestore();
  });

  it('opened again within 10 minutes: no request', async () => {
    const s = service({ [OCID]: record });
    await ask(s, { noticeId: NOTICE, ocid: OCID });
    expect(await ask(s, { noticeId: '069512-2025', ocid: OCID })).toMatchObject({ ok: true, fromCache: true });
    expect(fts.requests).toHaveLength(1);
  });
});
