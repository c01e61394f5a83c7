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
import { importBackupFile } from '../entrypoints/popup/backup';
import { exportBackup } from '../lib/backup';
import { WATCH_CHANGE_KEY } from '../lib/messages';
import { CUT_OFF_MESSAGE, SWEEP_KEY } from '../lib/refresh/cycle';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { openTenderTimelineDB } from '../lib/watchlist/db';
import { nextKeyDate } from '../lib/watchlist/entry';
import { snapshotHistory } from '../lib/watchlist/store';
import { realOcdsDir } from './support/fixtures';

const record = readFileSync(`${realOcdsDir}ocds-h6vhtk-05cfd9.json`, 'utf8');
const OCID = 'ocds-h6vhtk-05cfd9';

let requests: string[];
let onCommand: ((command: string, tab?: { id?: number }) => Promise<void>) | undefined;
let answers: Map<string, () => Response>;

const FTS_PAGE = { url: 'https://www.find-tender.service.gov.uk/Notice/066750-2025' };

/** A message as the browser delivers it: from a content script on `sender`'s page (an FTS notice page unless told). */
async function send(message: unknown, sender: { url?: string } = FTS_PAGE): Promise<any> {
  const [answer] = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
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
  // The fake browser has no commands API: keep the background's listener to call it.
  onCommand = undefined;
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((listener) => {
    onCommand = listener as typeof onCommand;
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

/** Every release of the procurement (here the real compiled record stands for them: the reader takes either). */
const releasesUrl = `https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages/${OCID}`;
/** What the notice page's content script sends: its notice id and the ocid its text shows. */
const forNotice = (noticeId: string) => ({ type: 'timeline:forNotice', payload: { noticeId, ocid: OCID } });

describe('background', () => {
  it('counts the watchlist for the badge once a session, not at every start of the worker', async () => {
    // The start in beforeEach set the badge (an empty watchlist: no text).
    await vi.waitFor(async () => expect(await fakeBrowser.storage.session.get('badgeSet')).toEqual({ badgeSet: true }));
    const badge = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    // Chrome stopped the idle worker and starts it again: the badge it set is still shown.
    background.main();
    await send({ type: 'watchlist:status', payload: { ocid: OCID } });
    expect(badge).not.toHaveBeenCalled();
    // The browser restarted: the session's storage and the badge are gone, so it is counted again.
    await fakeBrowser.storage.session.clear();
    background.main();
    await vi.waitFor(() => expect(badge).toHaveBeenCalledWith({ text: '' }));
  });

  it('reads a notice’s procurement from FTS once, then answers from its cache', async () => {
    answers.set(releasesUrl, () => new Response(record, { status: 200 }));
    const first = await send(forNotice('066750-2025'));
    expect(first).toMatchObject({ ok: true, fromCache: false, procurement: { ocid: OCID, title: 'Out of Court Resolution' } });
    // The other notice of the same procurement: no second request.
    const second = await send(forNotice('077802-2025'));
    expect(second).toMatchObject({ ok: true, fromCache: true, procurement: { ocid: OCID } });
    expect(requests).toEqual([releasesUrl]);
  });

  it('without an ocid from the page, the notice’s release package gives it, then its releases are read', async () => {
    const release = JSON.stringify({ releases: [{ ...JSON.parse(record), tag: ['tender'], id: '066750-2025' }] });
    answers.set('https://www.find-tender.service.gov.uk/Notice/066750-2025/OCDS/ReleasePackage', () => new Response(release));
    answers.set(releasesUrl, () => new Response(record));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const answer = await withoutWaiting(send({ type: 'timeline:forNotice', payload: { noticeId: '066750-2025' } }));
    expect(answer).toMatchObject({ ok: true, procurement: { ocid: OCID } });
    expect(requests).toEqual(['https://www.find-tender.service.gov.uk/Notice/066750-2025/OCDS/ReleasePackage', releasesUrl]);
  });

  it('a notice FTS has no data for (404) is told at once, with no further request', async () => {
    const answer = await send(forNotice('066750-2025'));
    expect(answer).toEqual({ ok: false, error: { kind: 'notFound', message: 'Find a Tender has no data for this notice.', canRetry: false } });
    expect(requests).toEqual([releasesUrl]);
  });

  it('tells how a read is getting on while it waits its turn, and nothing once it is done', async () => {
    answers.set(releasesUrl, () => new Response(record));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const progress = (noticeId: string) => send({ type: 'timeline:progress', payload: { noticeId } });
    const first = send(forNotice('066750-2025'));
    const second = send({ type: 'timeline:forNotice', payload: { noticeId: '000001-2026' } });
    await first;
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    const waiting = await progress('000001-2026');
    expect(waiting).toMatchObject({ ok: true, progress: { step: 'waiting', reason: 'turn', attempt: 1, maxAttempts: 4 } });
    // FTS is asked 13 s after the first request started.
    expect(waiting.progress.until - Date.now()).toBeGreaterThan(12_000);
    expect(waiting.progress.until - Date.now()).toBeLessThanOrEqual(13_000);
    expect(await withoutWaiting(second)).toMatchObject({ ok: false, error: { kind: 'notFound' } });
    expect(await progress('000001-2026')).toEqual({ ok: true });
    expect(await progress('066750-2025')).toEqual({ ok: true });
  });

  describe('an FTS procurement page (/procurement/{ocid})', () => {
    const PROCUREMENT_PAGE = { url: `https://www.find-tender.service.gov.uk/procurement/${OCID}` };
    const forProcurement = { type: 'timeline:forProcurement', payload: { ocid: OCID } };

    it('reads every release of the ocid in one request, then answers from the cache, and Watch asks FTS nothing more', async () => {
      answers.set(releasesUrl, () => new Response(record));
      const first = await send(forProcurement, PROCUREMENT_PAGE);
      expect(first).toMatchObject({ ok: true, fromCache: false, procurement: { ocid: OCID, title: 'Out of Court Resolution' } });
      expect(await send(forProcurement, PROCUREMENT_PAGE)).toMatchObject({ ok: true, fromCache: true });
      // A notice of the same procurement opened next: its read is the one already made.
      expect(await send(forNotice('077802-2025'))).toMatchObject({ ok: true, fromCache: true });
      expect(await send({ type: 'watchlist:watch', payload: { ocid: OCID, pageUrl: PROCUREMENT_PAGE.url } }, PROCUREMENT_PAGE)).toEqual({ ok: true, watched: true });
      expect(requests).toEqual([releasesUrl]);
      const stored = await (await openTenderTimelineDB()).getAll('watchlist');
      expect(stored).toEqual([expect.objectContaining({ ocid: OCID, title: 'Out of Court Resolution', watchedFromUrl: PROCUREMENT_PAGE.url })]);
      expect(stored[0]!.watchedFromNoticeId).toBeUndefined();
      // The popup's row opens the latest notice (UK12 077802-2025).
      const { rows } = await send({ type: 'watchlist:list', payload: {} });
      expect(rows).toEqual([expect.objectContaining({ ocid: OCID, url: 'https://www.find-tender.service.gov.uk/Notice/077802-2025' })]);
    });

    it('a procurement FTS has no data for (404) says so, as a procurement, at once', async () => {
      const answer = await send(forProcurement, PROCUREMENT_PAGE);
      expect(answer).toEqual({ ok: false, error: { kind: 'notFound', message: 'Find a Tender has no data for this procurement.', canRetry: false } });
      expect(requests).toEqual([releasesUrl]);
    });

    it('tells how its read is getting on, by ocid', async () => {
      answers.set(releasesUrl, () => new Response(record));
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const other = 'ocds-h6vhtk-000001';
      await send(forNotice('066750-2025'));
      const second = send({ type: 'timeline:forProcurement', payload: { ocid: other } }, PROCUREMENT_PAGE);
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(await send({ type: 'timeline:progress', payload: { ocid: other } })).toMatchObject({ ok: true, progress: { step: 'waiting', reason: 'turn' } });
      expect(await withoutWaiting(second)).toMatchObject({ ok: false, error: { kind: 'notFound' } });
      expect(await send({ type: 'timeline:progress', payload: { ocid: other } })).toEqual({ ok: true });
    });

    it('refuses an ocid that is not of OCDS form, asking FTS nothing', async () => {
      for (const ocid of ['../../api/1.0/ocdsReleasePackages', 'OCDS-H6VHTK-05CFD9', `ocds-h6vhtk-${'a'.repeat(300)}`]) {
        expect(await send({ type: 'timeline:forProcurement', payload: { ocid } }, PROCUREMENT_PAGE)).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
      }
      expect(requests).toEqual([]);
    });
  });

  it('says plainly when FTS’s answer is not OCDS', async () => {
    answers.set(releasesUrl, () => new Response('<!DOCTYPE html><title>Error</title>', { status: 200 }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const answer = await withoutWaiting(send(forNotice('066750-2025')));
    expect(answer).toEqual({ ok: false, error: { kind: 'notOcds', message: expect.stringMatching(/^This page's data is not OCDS/), canRetry: true } });
  });

  it('watches and unwatches a procurement, in IndexedDB, and tells every page', async () => {
    answers.set(releasesUrl, () => new Response(record));
    await send(forNotice('066750-2025'));
    expect(await send({ type: 'watchlist:status', payload: { ocid: OCID } })).toEqual({ ok: true, watched: false, unseenChanges: [] });

    const url = 'https://www.find-tender.service.gov.uk/Notice/066750-2025';
    expect(await send({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: '066750-2025', pageUrl: url } })).toEqual({ ok: true, watched: true });
    expect(await send({ type: 'watchlist:status', payload: { ocid: OCID } })).toEqual({ ok: true, watched: true, unseenChanges: [] });
    expect((await fakeBrowser.storage.local.get(WATCH_CHANGE_KEY))[WATCH_CHANGE_KEY]).toMatchObject({ ocids: [OCID], watched: true });

    const list = await send({ type: 'watchlist:list', payload: {} });
    expect(list.rows).toEqual([
      expect.objectContaining({
        ocid: OCID,
        title: 'Out of Court Resolution',
        buyer: 'The Police and Crime Commissioner for Leicestershire',
        // The latest notice (UK12 077802-2025), not the one watched from.
        url: 'https://www.find-tender.service.gov.uk/Notice/077802-2025',
        stage: 'cancelled',
        value: { net: { amount: 598488.66, currency: 'GBP' }, gross: { amount: 718186.39, currency: 'GBP' } },
      }),
    ]);
    // IndexedDB holds every key date; the popup's list carries the next one only, without its source.
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
    expect(list.rows[0]).not.toHaveProperty('keyDates');
    expect(list.rows[0].next?.at).toBe(next?.at);
    expect(list.rows[0].next ?? {}).not.toHaveProperty('source');

    expect(await send({ type: 'watchlist:unwatch', payload: { ocid: OCID } })).toEqual({ ok: true, watched: false });
    expect((await send({ type: 'watchlist:list', payload: {} })).rows).toEqual([]);
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
    expect((await send({ type: 'watchlist:list', payload: {} })).rows).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('keeps the watchlist across a restart of the background (a new database connection)', async () => {
    answers.set(releasesUrl, () => new Response(record));
    await send(forNotice('066750-2025'));
    await send({ type: 'watchlist:watch', payload: { ocid: OCID } });
    fakeBrowser.runtime.onMessage.removeAllListeners();
    background.main();
    expect(await send({ type: 'watchlist:status', payload: { ocid: OCID } })).toEqual({ ok: true, watched: true, unseenChanges: [] });
  });
});

describe('background, keeping data true', () => {
  it('queues a fresh read when Watch is pressed on a page whose data is old', async () => {
    answers.set(releasesUrl, () => new Response(record));
    await send(forNotice('066750-2025'));
    // The page was left open for two days: its cached read is that old.
    const db = await openTenderTimelineDB();
    const cached = (await db.get('procurementCache', OCID))!;
    await db.put('procurementCache', { ...cached, fetchedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() });
    await send({ type: 'watchlist:watch', payload: { ocid: OCID } });
    expect((await db.get('meta', SWEEP_KEY))?.value).toMatchObject({ pending: [OCID] });
  });

});

describe('background, a refresh told as it goes and stopped', () => {
  it('tells how far the refresh got while it waits its turn; Stop ends it, sending nothing more', async () => {
    answers.set(releasesUrl, () => new Response(record));
    await send(forNotice('066750-2025'));
    await send({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: '066750-2025' } });
    const db = await openTenderTimelineDB();
    await db.put('meta', { key: SWEEP_KEY, value: { sweptTo: new Date(Date.now() - 3_600_000).toISOString(), pending: [] } });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    expect(await send({ type: 'watchlist:refreshProgress', payload: {} })).toEqual({ ok: true });

    const refreshed = send({ type: 'watchlist:refreshNow', payload: {} });
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    // The list of updates waits 13 s after the procurement was read.
    expect(await send({ type: 'watchlist:refreshProgress', payload: {} })).toEqual({
      ok: true,
      progress: { pages: 0, checked: 0, changed: 0, request: { step: 'waiting', reason: 'turn', until: expect.any(Number), attempt: 1, maxAttempts: 4 } },
    });
    expect(await send({ type: 'watchlist:refreshStop', payload: {} })).toEqual({ ok: true, stopping: true });
    expect(await refreshed).toEqual({ ok: true, refreshed: 0, changed: 0, failed: 0, stopped: true });
    expect(await send({ type: 'watchlist:refreshProgress', payload: {} })).toEqual({ ok: true });
    expect(await send({ type: 'watchlist:refreshStop', payload: {} })).toEqual({ ok: true, stopping: false });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(requests).toEqual([releasesUrl]);
    // Where the sweep had got to is as it was.
    expect((await db.get('meta', SWEEP_KEY))?.value).toMatchObject({ pending: [] });
  });
});

describe('a backup, made and imported by an extension page', () => {
  async function watchOne(): Promise<void> {
    answers.set(releasesUrl, () => new Response(record));
    await send(forNotice('066750-2025'));
    await send({ type: 'watchlist:watch', payload: { ocid: OCID } });
  }

  /** The file the page saves: its parts, as the Blob it downloads. */
  async function backupFile(): Promise<File> {
    const db = await openTenderTimelineDB();
    const parts: string[] = [];
    for await (const part of exportBackup(db, DEFAULT_SETTINGS, new Date())) parts.push(part);
    db.close();
    return new File(parts, 'backup.json', { type: 'application/json' });
  }

  it('restores into an emptied extension: one change tells every page, and the badge follows', async () => {
    await watchOne();
    await send({ type: 'watchlist:update', payload: { ocid: OCID, note: 'bid meeting on Monday' } });
    const file = await backupFile();
    // Uninstalled and installed again: nothing stored.
    await send({ type: 'watchlist:unwatch', payload: { ocid: OCID } });
    const badge = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    const answer = await importBackupFile(file);
    expect(answer).toEqual({ ok: true, summary: '1 added.' });
    expect((await fakeBrowser.storage.local.get(WATCH_CHANGE_KEY))[WATCH_CHANGE_KEY]).toMatchObject({ ocids: [OCID], watched: true });
    expect(await send({ type: 'watchlist:status', payload: { ocid: OCID } })).toMatchObject({ ok: true, watched: true });
    expect((await send({ type: 'watchlist:list', payload: {} })).rows[0]).toMatchObject({ ocid: OCID, note: 'bid meeting on Monday' });
    expect(badge).toHaveBeenCalled();
  });

  it('importing a backup it already holds tells no page anything', async () => {
    await watchOne();
    const file = await backupFile();
    const before = (await fakeBrowser.storage.local.get(WATCH_CHANGE_KEY))[WATCH_CHANGE_KEY];
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await importBackupFile(file)).toEqual({ ok: true, summary: `1 skipped: already up to date (${OCID}).` });
    // Every open notice tab and popup listens to this key: an import that adds nothing must not stir them.
    expect((await fakeBrowser.storage.local.get(WATCH_CHANGE_KEY))[WATCH_CHANGE_KEY]).toEqual(before);
  });

  it('says why a file that is not a backup was refused', async () => {
    expect(await importBackupFile(new File([record], 'record.json'))).toEqual({
      ok: false,
      message: 'This file is not a Tender Timeline backup: it has no "format": "tender-timeline-backup" (it looks like OCDS data from Find a Tender).',
    });
  });
});

describe('background, where data comes from', () => {
  const D3_PAGE = { url: `https://d3tenders.com/contract/?ocid=${OCID}` };
  /** A republished copy of the real record with a made-up deadline and portal, as a hostile page could print it. */
  function poisoned(): string {
    const copy = JSON.parse(record);
    copy.tender.tenderPeriod.endDate = '2025-11-21T09:00:00Z';
    copy.tender.submissionMethodDetails = 'https://portal.example/submit';
    return JSON.stringify(copy);
  }
  const submissionDeadline = (answer: any) => answer.procurement.keyDates.find((k: { type: string }) => k.type === 'submissionDeadline')?.at;

  it('a page’s data is shown on that page only: the FTS notice page then reads FTS', async () => {
    const onPage = await send({ type: 'timeline:fromText', payload: { text: poisoned(), pageUrl: D3_PAGE.url } }, D3_PAGE);
    expect(submissionDeadline(onPage)).toBe('2025-11-21T09:00:00.000Z');
    answers.set(releasesUrl, () => new Response(record));
    const onFts = await send(forNotice('066750-2025'));
    // The real record's tender.tenderPeriod.endDate and submissionMethodDetails.
    expect(onFts).toMatchObject({ ok: true, fromCache: false });
    expect(submissionDeadline(onFts)).toBe('2025-11-24T14:00:00.000Z');
    expect(onFts.procurement.submission.url).toBe('https://sell2.in-tend.co.uk/blpd/publictenders');
    expect(requests).toEqual([releasesUrl]);
  });

  it('FTS’s own JSON views feed the cache like FTS’s answers', async () => {
    const recordView = 'https://www.find-tender.service.gov.uk/Notice/066750-2025/OCDS/Record';
    await send({ type: 'timeline:fromText', payload: { text: record, noticeId: '066750-2025', pageUrl: recordView } }, { url: recordView });
    expect(await send(forNotice('077802-2025'))).toMatchObject({ ok: true, fromCache: true });
    expect(requests).toEqual([]);
  });

  it('Watch from another site stores what FTS says, read from FTS, not the page’s copy', async () => {
    await send({ type: 'timeline:fromText', payload: { text: poisoned(), pageUrl: D3_PAGE.url } }, D3_PAGE);
    answers.set(releasesUrl, () => new Response(JSON.stringify({ releases: [JSON.parse(record)] })));
    expect(await send({ type: 'watchlist:watch', payload: { ocid: OCID, pageUrl: D3_PAGE.url } }, D3_PAGE)).toEqual({ ok: true, watched: true });
    expect(requests).toEqual([releasesUrl]);
    const db = await openTenderTimelineDB();
    const entry = (await db.get('watchlist', OCID))!;
    expect(entry.keyDates.find((k) => k.type === 'submissionDeadline')?.at).toBe('2025-11-24T14:00:00.000Z');
    expect(entry.watchedFromUrl).toBe(D3_PAGE.url);
    const [snapshot] = await snapshotHistory(db, OCID);
    expect(snapshot!.procurement.submission?.url).toBe('https://sell2.in-tend.co.uk/blpd/publictenders');
  });

  it('Watch from another site says so, and stores nothing, when FTS cannot be read', async () => {
    await send({ type: 'timeline:fromText', payload: { text: poisoned(), pageUrl: D3_PAGE.url } }, D3_PAGE);
    const answer = await send({ type: 'watchlist:watch', payload: { ocid: OCID, pageUrl: D3_PAGE.url } }, D3_PAGE);
    expect(answer).toEqual({
      ok: false,
      error: {
        kind: 'notFound',
        message: 'Not watched: Tender Timeline stores only what Find a Tender publishes, and Find a Tender could not be read for this procurement. Find a Tender has no data for this notice.',
        canRetry: false,
      },
    });
    expect(requests).toEqual([releasesUrl]);
    expect((await send({ type: 'watchlist:list', payload: {} })).rows).toEqual([]);
    expect(await (await openTenderTimelineDB()).count('snapshots')).toBe(0);
  });

  it('a cached read of unknown origin (written by an earlier version) is never used', async () => {
    const db = await openTenderTimelineDB();
    const procurement = (await send({ type: 'timeline:fromText', payload: { text: poisoned() } }, D3_PAGE)).procurement;
    await db.put('procurementCache', { ocid: OCID, noticeIds: ['066750-2025'], procurement, problems: [], fetchedAt: new Date().toISOString() } as any);
    answers.set(releasesUrl, () => new Response(record));
    expect(submissionDeadline(await send(forNotice('066750-2025')))).toBe('2025-11-24T14:00:00.000Z');
  });
});

describe('background, rows an older version stored with ocids the messages refuse', () => {
  const BAD_OCIDS = ['OCDS-H6VHTK-UPPER', `${OCID} `, '../../x', `ocds-h6vhtk-${'x'.repeat(1_000_000)}`];

  it('can be edited, marked seen and removed, one by one, and Watch still refuses such an ocid', async () => {
    answers.set(releasesUrl, () => new Response(record));
    await send(forNotice('066750-2025'));
    await send({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: '066750-2025' } });
    const db = await openTenderTimelineDB();
    const good = (await db.get('watchlist', OCID))!;
    // As a backup imported before imports were checked left them.
    for (const ocid of BAD_OCIDS) await db.put('watchlist', { ...good, ocid, unseenChanges: [{ field: 'title', label: 'Title', kind: 'changed', text: 'Title changed', foundAt: '2026-01-01T00:00:00.000Z' }] as any });

    for (const ocid of BAD_OCIDS) {
      expect(await send({ type: 'watchlist:update', payload: { ocid, note: 'kept' } })).toMatchObject({ ok: true, entry: { ocid, note: 'kept' } });
      expect(await send({ type: 'watchlist:markSeen', payload: { ocid } })).toEqual({ ok: true });
      expect((await db.get('watchlist', ocid))!.unseenChanges).toEqual([]);
    }
    for (const ocid of BAD_OCIDS) expect(await send({ type: 'watchlist:unwatch', payload: { ocid } })).toEqual({ ok: true, watched: false });
    expect(await db.getAllKeys('watchlist')).toEqual([OCID]);

    const refused = await send({ type: 'watchlist:watch', payload: { ocid: 'OCDS-H6VHTK-UPPER' } });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    expect(await db.getAllKeys('watchlist')).toEqual([OCID]);
  });
});

describe('background, only the notice read', () => {
  const releasePackageUrl = 'https://www.find-tender.service.gov.uk/Notice/066750-2025/OCDS/ReleasePackage';
  // The UK4's own release (the record before its UK12: no award, the UK12's document left
  // out); FTS's releases of the ocid fail (404). The page shows no ocid.
  const release = () => {
    const uk4 = { ...JSON.parse(record), tag: ['tender'], id: '066750-2025', date: '2025-10-20T14:19:05+01:00' };
    uk4.tender.documents = uk4.tender.documents.slice(0, 2);
    delete uk4.awards;
    return JSON.stringify({ releases: [uk4] });
  };

  it('is shown, and Watch reads the whole procurement from FTS first and refuses when it cannot', async () => {
    answers.set(releasePackageUrl, () => new Response(release()));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const shown = await withoutWaiting(send({ type: 'timeline:forNotice', payload: { noticeId: '066750-2025' } }));
    expect(shown.procurement.notices.map((n: { id: string }) => n.id)).toEqual(['066750-2025']);
    expect(shown.problems.at(-1).message).toMatch(/^Only this notice could be read; the rest of the procurement could not be fetched/);
    expect(shown.completeness).toBe('this-notice-only');
    requests = [];

    const answer = await withoutWaiting(send({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: '066750-2025' } }));
    expect(answer).toEqual({
      ok: false,
      error: {
        kind: 'notFound',
        message: 'Not watched: Tender Timeline stores only what Find a Tender publishes, and Find a Tender could not be read for this procurement. Find a Tender has no data for this notice.',
        canRetry: false,
      },
    });
    // The cached read of the notice alone was not used: FTS was asked again for the whole.
    expect(requests).toEqual([releasesUrl]);
    const db = await openTenderTimelineDB();
    expect(await db.count('watchlist')).toBe(0);
    expect(await db.count('snapshots')).toBe(0);
  });

  it('Watch stores the whole procurement once FTS gives it', async () => {
    answers.set(releasePackageUrl, () => new Response(release()));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await withoutWaiting(send({ type: 'timeline:forNotice', payload: { noticeId: '066750-2025' } }));
    answers.set(releasesUrl, () => new Response(record));
    requests = [];
    expect(await withoutWaiting(send({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: '066750-2025' } }))).toEqual({ ok: true, watched: true });
    expect(requests).toEqual([releasesUrl]);
    const db = await openTenderTimelineDB();
    // The compiled record has the UK12 (077802-2025) the UK4's release alone did not.
    const [snapshot] = await snapshotHistory(db, OCID);
    expect(snapshot!.procurement.notices.map((n) => n.id)).toEqual(['066750-2025', '077802-2025']);
  });
});

describe('background, how much a read holds is said by its completeness, not by its problems’ words', () => {
  const cacheEntry = async (fields: Record<string, unknown>) => {
    answers.set(releasesUrl, () => new Response(record));
    await send(forNotice('066750-2025'));
    const db = await openTenderTimelineDB();
    const entry = (await db.get('procurementCache', OCID))!;
    expect(entry.completeness).toBe('whole');
    await db.put('procurementCache', { ...entry, ...fields } as typeof entry);
    requests = [];
    return db;
  };

  it('a whole read whose problems happen to read "Only this notice could be read" is still whole: Watch stores it, asking FTS nothing', async () => {
    const db = await cacheEntry({ problems: [{ path: '$.tender.description', message: 'Only this notice could be read; the rest of the procurement could not be fetched (words in the data)' }] });
    expect(await send({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: '066750-2025' } })).toEqual({ ok: true, watched: true });
    expect(requests).toEqual([]);
    expect(await db.count('snapshots')).toBe(1);
  });

  it('a cached read stored by an older version, which does not say how much it held, is not used', async () => {
    await cacheEntry({ completeness: undefined });
    expect(await send(forNotice('066750-2025'))).toMatchObject({ ok: true, fromCache: false, completeness: 'whole' });
    expect(requests).toEqual([releasesUrl]);
  });

  it('a cached read of the notice alone is not what Watch stores', async () => {
    const db = await cacheEntry({ completeness: 'this-notice-only' });
    answers.set(releasesUrl, () => new Response('Not found', { status: 404 }));
    expect(await send({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: '066750-2025' } })).toMatchObject({ ok: false, error: { kind: 'notFound' } });
    expect(await db.count('watchlist')).toBe(0);
  });
});

describe('background, a read cut off', () => {
  // The real record cut just before tender.awardPeriod: only the enquiry and submission deadlines remain.
  const cutOff = record.slice(0, record.indexOf('"awardPeriod"'));

  it('is shown with its problem, is not cached, and Watch stores no snapshot and queues a whole read', async () => {
    answers.set(releasesUrl, () => new Response(cutOff));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const shown = await send(forNotice('066750-2025'));
    expect(shown).toMatchObject({ ok: true, completeness: 'cut-off' });
    expect(shown.procurement.keyDates.map((k: { type: string }) => k.type).sort()).toEqual(['enquiryDeadline', 'submissionDeadline']);
    expect(shown.problems.map((p: { message: string }) => p.message)).toContainEqual(expect.stringMatching(/^The document is cut off \(truncated\)/));
    // Not cached as good: opening the notice again asks FTS again.
    expect(await withoutWaiting(send(forNotice('066750-2025')))).toMatchObject({ ok: true, fromCache: false });
    expect(requests).toEqual([releasesUrl, releasesUrl]);

    expect(await withoutWaiting(send({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: '066750-2025' } }))).toEqual({ ok: true, watched: true });
    const db = await openTenderTimelineDB();
    expect(await db.count('snapshots')).toBe(0);
    const entry = (await db.get('watchlist', OCID))!;
    expect(entry.lastCheckedAt).toBeUndefined();
    expect(entry.lastCheckError).toBe(CUT_OFF_MESSAGE);
    expect((await db.get('meta', SWEEP_KEY))?.value).toMatchObject({ pending: [OCID] });
  });

  it('Watch again with a read cut off leaves what was stored as it was', async () => {
    answers.set(releasesUrl, () => new Response(record));
    await send(forNotice('066750-2025'));
    await send({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: '066750-2025' } });
    const db = await openTenderTimelineDB();
    const before = { entry: await db.get('watchlist', OCID), snapshots: await db.getAll('snapshots') };
    expect(before.entry!.keyDates).toHaveLength(7);
    // The cached read has gone; FTS now sends the record cut off (another tab's Watch, pressed late).
    await db.delete('procurementCache', OCID);
    answers.set(releasesUrl, () => new Response(cutOff));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    expect(await withoutWaiting(send({ type: 'watchlist:watch', payload: { ocid: OCID, noticeId: '066750-2025' } }))).toEqual({ ok: true, watched: true });
    expect({ entry: await db.get('watchlist', OCID), snapshots: await db.getAll('snapshots') }).toEqual(before);
    expect((await db.get('meta', SWEEP_KEY))?.value).toMatchObject({ pending: [OCID] });
  });
});

describe('background, when the disk is full', () => {
  it('says so plainly, and what was stored stays as it was', async () => {
    answers.set(releasesUrl, () => new Response(record));
    await send(forNotice('066750-2025'));
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

describe('the keyboard shortcut', () => {
  it('tells the tab it was pressed in to open its panel and focus it, and nothing for another command', async () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    expect(onCommand).toBeDefined();
    await onCommand!('open-panel', { id: 7 });
    expect(sent).toHaveBeenCalledExactlyOnceWith(7, { type: 'panel:open' });
    await onCommand!('something-else', { id: 7 });
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('says nothing went wrong when the tab has no panel to tell', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(onCommand!('open-panel', { id: 7 })).resolves.toBeUndefined();
  });
});
