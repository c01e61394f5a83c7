/**
 * The background as Chrome and Firefox run it, with WXT's fake browser and a fresh
 * fake IndexedDB per test: messages in, answers out, FTS behind a scripted fetch.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../entrypoints/background';
import { WATCH_CHANGE_KEY } from '../lib/messages';
import { SWEEP_KEY } from '../lib/refresh/cycle';
import { openTenderTimelineDB } from '../lib/watchlist/db';
import { nextKeyDate } from '../lib/watchlist/entry';
import { realOcdsDir } from './support/fixtures';

const record = readFileSync(`${realOcdsDir}ocds-h6vhtk-05cfd9.json`, 'utf8');
const OCID = 'ocds-h6vhtk-05cfd9';

let requests: string[];
let answers: Map<string, () => Response>;

async function send(message: unknown): Promise<any> {
  const [answer] = await fakeBrowser.runtime.onMessage.trigger(message, {}, () => undefined);
  return answer;
}

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  requests = [];
  answers = new Map();
  vi.stubGlobal('fetch', async (url: string) => {
    requests.push(url);
    const answer = answers.get(url);
    return answer ? answer() : new Response('Not found', { status: 404 });
  });
  background.main();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Lets the polite client's spacing and back-off pass without waiting for them. */
async function withoutWaiting<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true));
  for (let i = 0; i < 500 && !done; i++) await vi.advanceTimersByTimeAsync(1000);
  return promise;
}

const recordUrl = 'https://www.find-tender.service.gov.uk/Notice/066750-2025/OCDS/Record';

describe('background', () => {
  it('reads a notice’s record from FTS once, then answers from its cache', async () => {
    answers.set(recordUrl, () => new Response(record, { status: 200 }));
    const first = await send({ type: 'timeline:forNotice', payload: { noticeId: '066750-2025' } });
    expect(first).toMatchObject({ ok: true, fromCache: false, procurement: { ocid: OCID, title: 'Out of Court Resolution' } });
    // The other notice of the same procurement: no second request.
    const second = await send({ type: 'timeline:forNotice', payload: { noticeId: '077802-2025' } });
    expect(second).toMatchObject({ ok: true, fromCache: true, procurement: { ocid: OCID } });
    expect(requests).toEqual([recordUrl]);
  });

  it('falls back to the release package and the ocid’s record package when the record fails', async () => {
    const release = JSON.stringify({ releases: [{ ...JSON.parse(record), tag: ['tender'], id: '066750-2025' }] });
    answers.set('https://www.find-tender.service.gov.uk/Notice/066750-2025/OCDS/ReleasePackage', () => new Response(release));
    answers.set(`https://www.find-tender.service.gov.uk/api/1.0/ocdsRecordPackages/${OCID}`, () => new Response(JSON.stringify({ records: [{ ocid: OCID, compiledRelease: JSON.parse(record) }] })));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const answer = await withoutWaiting(send({ type: 'timeline:forNotice', payload: { noticeId: '066750-2025' } }));
    expect(answer).toMatchObject({ ok: true, procurement: { ocid: OCID } });
    expect(requests).toEqual([
      recordUrl,
      'https://www.find-tender.service.gov.uk/Notice/066750-2025/OCDS/ReleasePackage',
      `https://www.find-tender.service.gov.uk/api/1.0/ocdsRecordPackages/${OCID}`,
    ]);
  });

  it('says plainly when FTS’s answer is not OCDS', async () => {
    answers.set(recordUrl, () => new Response('<!DOCTYPE html><title>Error</title>', { status: 200 }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const answer = await withoutWaiting(send({ type: 'timeline:forNotice', payload: { noticeId: '066750-2025' } }));
    expect(answer).toEqual({ ok: false, error: { kind: 'notOcds', message: expect.stringMatching(/^This page's data is not OCDS/), canRetry: true } });
  });

  it('watches and unwatches a procurement, in IndexedDB, and tells every page', async () => {
    answers.set(recordUrl, () => new Response(record));
    await send({ type: 'timeline:forNotice', payload: { noticeId: '066750-2025' } });
    expect(await send({ type: 'watchlist:status', payload: { ocid: OCID } })).toEqual({ ok: true, watched: false, unseenChanges: [] });

    const url = 'https://www.find-tender.service.gov.uk/Notice/066750-2025';
    expect(await send({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: '066750-2025', pageUrl: url } })).toEqual({ ok: true, watched: true });
    expect(await send({ type: 'watchlist:status', payload: { ocid: OCID } })).toEqual({ ok: true, watched: true, unseenChanges: [] });
    expect((await fakeBrowser.storage.local.get(WATCH_CHANGE_KEY))[WATCH_CHANGE_KEY]).toMatchObject({ ocid: OCID, watched: true });

    const list = await send({ type: 'watchlist:list', payload: {} });
    expect(list.entries).toEqual([
      expect.objectContaining({
        ocid: OCID,
        title: 'Out of Court Resolution',
        buyer: 'The Police and Crime Commissioner for Leicestershire',
        watchedFromNoticeId: '066750-2025',
        watchedFromUrl: url,
        stage: 'cancelled',
        latestNoticeId: '077802-2025',
        latestNoticeAt: '2025-11-27T15:48:17.000Z',
        value: { net: { amount: 598488.66, currency: 'GBP' }, gross: { amount: 718186.39, currency: 'GBP' } },
      }),
    ]);
    // IndexedDB holds every key date; the popup's list carries the next one only.
    const stored = await (await openTenderTimelineDB()).get('watchlist', OCID);
    expect(stored!.keyDates.map((k) => k.type)).toEqual([
      'enquiryDeadline',
      'submissionDeadline',
      'awardPeriodEnd',
      'cancelled',
      'contractStart',
      'contractEnd',
      'contractMaxExtent',
    ]);
    const next = nextKeyDate(stored!, new Date());
    expect(list.entries[0].keyDates).toEqual(next ? [{ type: next.type, at: next.at, lots: next.lots, source: '' }] : []);

    expect(await send({ type: 'watchlist:unwatch', payload: { ocid: OCID } })).toEqual({ ok: true, watched: false });
    expect((await send({ type: 'watchlist:list', payload: {} })).entries).toEqual([]);
  });

  it.each([
    ['an unknown type', { type: 'watchlist:drop', payload: {} }],
    ['a malformed ocid', { type: 'watchlist:watch', payload: { ocid: '<script>' } }],
    ['a notice id from page text', { type: 'timeline:forNotice', payload: { noticeId: 'Notice 066750-2025' } }],
    ['no payload', { type: 'watchlist:unwatch' }],
    ['not an object', 'watch everything'],
  ])('refuses %s with a clear error and writes nothing', async (_name, message) => {
    const answer = await send(message);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalidRequest', message: expect.stringMatching(/^Tender Timeline refused a message: .+/) } });
    expect((await send({ type: 'watchlist:list', payload: {} })).entries).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('keeps the watchlist across a restart of the background (a new database connection)', async () => {
    answers.set(recordUrl, () => new Response(record));
    await send({ type: 'timeline:forNotice', payload: { noticeId: '066750-2025' } });
    await send({ type: 'watchlist:watch', payload: { ocid: OCID } });
    fakeBrowser.runtime.onMessage.removeAllListeners();
    background.main();
    expect(await send({ type: 'watchlist:status', payload: { ocid: OCID } })).toEqual({ ok: true, watched: true, unseenChanges: [] });
  });
});

describe('background, keeping data true', () => {
  it('queues a fresh read when Watch is pressed on a page whose data is old', async () => {
    answers.set(recordUrl, () => new Response(record));
    await send({ type: 'timeline:forNotice', payload: { noticeId: '066750-2025' } });
    // The page was left open for two days: its cached read is that old.
    const db = await openTenderTimelineDB();
    const cached = (await db.get('procurementCache', OCID))!;
    await db.put('procurementCache', { ...cached, fetchedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() });
    await send({ type: 'watchlist:watch', payload: { ocid: OCID } });
    expect((await db.get('meta', SWEEP_KEY))?.value).toMatchObject({ pending: [OCID] });
  });

  it('importing a backup it already holds tells no page anything', async () => {
    answers.set(recordUrl, () => new Response(record));
    await send({ type: 'timeline:forNotice', payload: { noticeId: '066750-2025' } });
    await send({ type: 'watchlist:watch', payload: { ocid: OCID } });
    const backup = await send({ type: 'backup:export', payload: {} });
    const before = (await fakeBrowser.storage.local.get(WATCH_CHANGE_KEY))[WATCH_CHANGE_KEY];
    await new Promise((resolve) => setTimeout(resolve, 5));
    const imported = await send({ type: 'backup:import', payload: { text: backup.text } });
    expect(imported).toEqual({ ok: true, summary: `1 skipped: already up to date (${OCID}).` });
    // Every open notice tab and popup listens to this key: an import that adds nothing must not stir them.
    expect((await fakeBrowser.storage.local.get(WATCH_CHANGE_KEY))[WATCH_CHANGE_KEY]).toEqual(before);
  });
});

describe('background, when the disk is full', () => {
  it('says so plainly, and what was stored stays as it was', async () => {
    answers.set(recordUrl, () => new Response(record));
    await send({ type: 'timeline:forNotice', payload: { noticeId: '066750-2025' } });
    await send({ type: 'watchlist:watch', payload: { ocid: OCID } });
    // From now on the browser refuses every write, as it does when its quota is used up.
    const original = IDBDatabase.prototype.transaction;
    const refuse = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if (args[1] === 'readwrite') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    });
    const answer = await send({ type: 'watchlist:update', payload: { ocid: OCID, note: 'bid meeting on Monday' } });
    refuse.mockRestore();
    expect(answer).toEqual({ ok: false, error: { kind: 'storage', message: 'Your browser has no room left to store this; nothing you stored was lost.', canRetry: true } });
    const entry = await (await openTenderTimelineDB()).get('watchlist', OCID);
    expect(entry).toMatchObject({ ocid: OCID, title: 'Out of Court Resolution', note: '' });
  });
});
