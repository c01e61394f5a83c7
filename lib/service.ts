/**
 * What the background does for each message: read timelines (from FTS through the polite
 * client, the cache, or text found in a page) and keep the watchlist. Plain TypeScript
 * with its surroundings injected, so the background entrypoint is only wiring.
 */
import type { IDBPDatabase } from 'idb';
import { FtsError, type FtsClient, type FtsProgress } from './fts/client';
import { isFtsUrl, releasePackageUrl } from './fts/urls';
import { requestSchema, type Request } from './message-schemas';
import type { ErrorKind, ErrorResponse, ResponseMap, TimelineResponse } from './messages';
import type { ProcurementRead } from './ocds/read';
import { buildTimeline } from './timeline/build';
import type { TenderTimelineDB } from './watchlist/db';
import type { CycleReport, RefreshProgress } from './refresh/cycle';
import type { Settings } from './settings';
import { toWatchlistRow, watchEntry } from './watchlist/entry';
import { firstInOrder } from './watchlist/key-date-index';
import {
  cacheByNoticeId as readCacheByNoticeId,
  cacheByOcid as readCacheByOcid,
  cachedFtsRead as readCachedFtsRead,
  CACHE_TTL_MS,
  cachePut,
  getEntry,
  getMeta,
  LAST_BACKUP_KEY,
  listWatchlist,
  markSeen,
  restore,
  unwatch,
  updateUserFields,
  watch,
} from './watchlist/store';
import { UNDO_MS } from './watchlist/undo';

type DB = IDBPDatabase<TenderTimelineDB>;

/*
 * What only some messages need is loaded when one of them first comes: the OCDS reader and
 * its schemas (a read from FTS or a page), the refresh, the exports. A worker started to
 * answer from the cache or the watchlist (Chrome stops it after 30 s idle, so most messages
 * start one) does not evaluate them.
 */
const loadReader = () => import('./ocds/read');
const loadProcurementReader = () => import('./fts/read-procurement');
const loadRefresh = () => import('./refresh/cycle');
const loadCsv = () => import('./export/csv');
const loadIcs = () => import('./export/ics');

export interface ServiceDeps {
  db: () => Promise<DB>;
  client: FtsClient;
  now: () => Date;
  /** Tell every open page that a procurement's watched state changed. */
  onWatchChange: (ocid: string, watched: boolean) => Promise<void> | void;
  /** The watchlist changed in a way the toolbar badge or notifications should follow. */
  onWatchlistChanged: (refresh?: CycleReport) => Promise<void> | void;
  getSettings: () => Promise<Settings>;
}

/** Who sent a message, as the browser (not the message) says: the page's URL, for content scripts. */
export interface Sender {
  url?: string;
}

class ReadError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly canRetry: boolean,
  ) {
    super(message);
  }
}

function failure(kind: ErrorKind, message: string, canRetry: boolean): ErrorResponse {
  return { ok: false, error: { kind, message, canRetry } };
}

function asFailure(error: unknown): ErrorResponse {
  if (error instanceof ReadError) return failure(error.kind, error.message, error.canRetry);
  if (error instanceof FtsError) return failure(error.kind, error.message, error.kind !== 'notFound');
  if (error instanceof Error && (error.name === 'QuotaExceededError' || /quota/i.test(error.message))) {
    return failure('storage', 'Your browser has no room left to store this; nothing you stored was lost.', true);
  }
  return failure('storage', `Something went wrong in Tender Timeline: ${error instanceof Error ? error.message : String(error)}`, true);
}

/** The problem a read of a notice's own release carries when the rest of its procurement could not be had (said to the user; the read's `completeness` says it to the code). */
const ONLY_THIS_NOTICE = 'Only this notice could be read; the rest of the procurement could not be fetched';

/** FTS's own errors as they are; anything else is data that could not be read. */
function asReadError(error: unknown): unknown {
  if (error instanceof FtsError || error instanceof ReadError) return error;
  return new ReadError('notOcds', error instanceof Error ? error.message : String(error), true);
}

/** The procurement in `text` that the notice belongs to (a list page may hold several). */
async function pick(text: string, noticeId?: string): Promise<ProcurementRead> {
  const read = (await loadReader()).readOcds(text);
  if (!read.ok) throw new ReadError('notOcds', read.message, true);
  return (noticeId && read.procurements.find((p) => p.procurement.notices.some((n) => n.id === noticeId))) || read.procurements[0]!;
}

export function createService(deps: ServiceDeps) {
  // One refresh at a time: the alarm and "Refresh now" share it rather than racing.
  let refreshing: Promise<CycleReport> | undefined;
  // While it runs: how far it got, and its stop.
  let refreshProgress: RefreshProgress | undefined;
  let stopRefresh: AbortController | undefined;
  async function refresh(): Promise<CycleReport> {
    refreshing ??= (async () => {
      const stop = (stopRefresh = new AbortController());
      refreshProgress = { pages: 0, checked: 0, changed: 0 };
      try {
        const { refreshCycle } = await loadRefresh();
        const report = await refreshCycle({ db: await deps.db(), client: deps.client, now: deps.now, signal: stop.signal, onProgress: (progress) => (refreshProgress = progress) });
        await deps.onWatchlistChanged(report);
        return report;
      } finally {
        refreshing = stopRefresh = refreshProgress = undefined;
      }
    })();
    return refreshing;
  }

  // Reads of a timeline from FTS under way, by notice id or ocid (two tabs of one notice or
  // procurement share one; the two forms never meet), and how each is getting on.
  const reading = new Map<string, Promise<TimelineResponse>>();
  const readingProgress = new Map<string, FtsProgress>();
  function readOnce(db: DB, key: string, fetch: (onProgress: (progress: FtsProgress) => void) => Promise<ProcurementRead>, noticeIds: string[]): Promise<TimelineResponse> {
    let answer = reading.get(key);
    if (answer) return answer;
    answer = (async () => {
      let cached: Promise<void> | undefined;
      try {
        const read = await fetch((progress) => readingProgress.set(key, progress));
        const fetchedAt = deps.now().toISOString();
        cached = rememberAfterReply(db, read, noticeIds);
        return respond(read, fetchedAt, false);
      } finally {
        readingProgress.delete(key);
        // Shared until the cache holds it: a tab asking meanwhile gets this answer, not a second read.
        void (cached ?? Promise.resolve()).then(() => reading.delete(key));
      }
    })();
    reading.set(key, answer);
    return answer;
  }

  // Cache writes under way. A reply does not wait for its write (3–12 ms of IndexedDB);
  // whatever reads the cache waits for them first, so it never misses what was just read.
  const writing = new Set<Promise<void>>();
  function rememberAfterReply(db: DB, read: ProcurementRead, noticeIds: string[]): Promise<void> {
    const write = remember(db, read, noticeIds).finally(() => writing.delete(write));
    writing.add(write);
    return write;
  }
  const afterWrites =
    <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await Promise.all(writing);
      return read(...args);
    };
  const cacheByNoticeId = afterWrites(readCacheByNoticeId);
  const cacheByOcid = afterWrites(readCacheByOcid);
  const cachedFtsRead = afterWrites(readCachedFtsRead);

  function respond({ procurement, problems, completeness }: ProcurementRead, fetchedAt: string, fromCache: boolean): TimelineResponse {
    return { ok: true, procurement, events: buildTimeline(procurement, deps.now()), problems, completeness, fetchedAt, fromCache };
  }

  /** Caches a read of FTS's data; one cut off is not the procurement's state and is not kept. */
  async function remember(db: DB, read: ProcurementRead, noticeIds: string[]): Promise<void> {
    if (read.completeness === 'cut-off') return;
    try {
      await cachePut(db, read, noticeIds, deps.now());
    } catch (error) {
      // A cache that cannot be written costs a request next time, nothing more.
      console.warn('Tender Timeline: the cache could not be written', error);
    }
  }

  /** Whether a read can be taken as the notice's procurement: it holds the notice, or was cut off before it could show it (and says so). */
  const answersNotice = (read: ProcurementRead, noticeId: string) => read.completeness === 'cut-off' || read.procurement.notices.some((n) => n.id === noticeId);

  /**
   * The procurement a notice belongs to: with the ocid its page shows, one request for
   * every release of that ocid (taken when the notice is among them). Otherwise, or when
   * that fails, the notice's own release package gives the ocid, then its releases; when
   * those cannot be had, the notice alone is shown and says so. FTS busy, or having no
   * data (404), is told at once.
   */
  async function fetchForNotice(db: DB, noticeId: string, pageOcid: string | undefined, onProgress?: (progress: FtsProgress) => void): Promise<ProcurementRead> {
    const client = { getText: (url: string) => deps.client.getText(url, { onProgress }) };
    const { readProcurement } = await loadProcurementReader();
    let firstError: unknown;
    if (pageOcid) {
      try {
        const read = await readProcurement(client, pageOcid);
        if (answersNotice(read, noticeId)) return read;
        firstError = new Error(`Find a Tender's releases of ${pageOcid} do not include notice ${noticeId}`);
      } catch (error) {
        if (error instanceof FtsError && (error.kind === 'busy' || error.kind === 'notFound')) throw error;
        firstError = error;
      }
    }
    let notice: ProcurementRead;
    try {
      notice = await pick(await client.getText(releasePackageUrl(noticeId)), noticeId);
    } catch (error) {
      throw asReadError(firstError ?? error);
    }
    const { ocid } = notice.procurement;
    const cached = await cacheByOcid(db, ocid, deps.now());
    if (cached && cached.completeness !== 'this-notice-only' && answersNotice(cached, noticeId)) return { procurement: cached.procurement, problems: cached.problems, completeness: cached.completeness };
    try {
      // The page's ocid was this one and its releases were read: asking again would not help.
      if (ocid === pageOcid) throw firstError;
      const read = await readProcurement(client, ocid);
      if (!answersNotice(read, noticeId)) throw new Error(`its releases do not include notice ${noticeId}`);
      return read;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { procurement: notice.procurement, problems: [...notice.problems, { path: '$', message: `${ONLY_THIS_NOTICE} (${why})` }], completeness: 'this-notice-only' };
    }
  }

  /** A procurement by its ocid alone (an FTS procurement page): every release of it. */
  async function fetchForOcid(ocid: string, onProgress: (progress: FtsProgress) => void): Promise<ProcurementRead> {
    try {
      const { readProcurement } = await loadProcurementReader();
      return await readProcurement({ getText: (url) => deps.client.getText(url, { onProgress }) }, ocid);
    } catch (error) {
      if (error instanceof FtsError && error.kind === 'notFound') throw new ReadError('notFound', 'Find a Tender has no data for this procurement.', false);
      throw asReadError(error);
    }
  }

  /**
   * The whole procurement as FTS has it, for Watch to store: FTS's cached read whatever its
   * age (what an FTS page showed), else a read from FTS now. A page's own data is never
   * stored, nor a read of the notice alone: without the rest of the procurement, Watch refuses.
   */
  async function ftsRead(db: DB, ocid: string, noticeId: string | undefined): Promise<ProcurementRead & { fetchedAt: string }> {
    const cached = await cachedFtsRead(db, ocid);
    if (cached && cached.completeness !== 'this-notice-only') return cached;
    let read: ProcurementRead;
    try {
      read = noticeId ? await fetchForNotice(db, noticeId, ocid) : await (await loadProcurementReader()).readProcurement(deps.client, ocid);
      if (read.procurement.ocid !== ocid) throw new Error(`notice ${noticeId} belongs to ${read.procurement.ocid}`);
    } catch (error) {
      const kind = error instanceof FtsError || error instanceof ReadError ? error.kind : 'notOcds';
      const why = error instanceof Error ? error.message : String(error);
      throw new ReadError(kind, `Not watched: Tender Timeline stores only what Find a Tender publishes, and Find a Tender could not be read for this procurement. ${why}`, kind !== 'notFound');
    }
    if (read.completeness === 'this-notice-only') {
      throw new ReadError('network', 'Not watched: Find a Tender gave only this notice, not the whole procurement, and Tender Timeline stores a procurement only when it is read whole. Try again in a few minutes.', true);
    }
    return { ...read, fetchedAt: deps.now().toISOString() };
  }

  const handlers: { [T in Request['type']]: (payload: Extract<Request, { type: T }>['payload'], sender: Sender) => Promise<ResponseMap[T]> } = {
    async 'timeline:forNotice'({ noticeId, ocid }) {
      const db = await deps.db();
      const cached = await cacheByNoticeId(db, noticeId, deps.now());
      if (cached) return respond(cached, cached.fetchedAt, true);
      return readOnce(db, noticeId, (onProgress) => fetchForNotice(db, noticeId, ocid, onProgress), [noticeId]);
    },
    async 'timeline:forProcurement'({ ocid }) {
      const db = await deps.db();
      const cached = await cacheByOcid(db, ocid, deps.now());
      if (cached && cached.completeness !== 'this-notice-only') return respond(cached, cached.fetchedAt, true);
      return readOnce(db, ocid, (onProgress) => fetchForOcid(ocid, onProgress), []);
    },
    async 'timeline:progress'(payload) {
      return { ok: true, progress: readingProgress.get('noticeId' in payload ? payload.noticeId : payload.ocid) };
    },
    async 'timeline:fromText'({ text, noticeId }, sender) {
      const read = await pick(text, noticeId);
      // Data read from a page is shown on that page only: FTS's own pages alone feed the cache.
      if (isFtsUrl(sender.url)) rememberAfterReply(await deps.db(), read, noticeId ? [noticeId] : []);
      return respond(read, deps.now().toISOString(), false);
    },
    async 'watchlist:status'({ ocid }) {
      const entry = await getEntry(await deps.db(), ocid);
      return { ok: true, watched: entry !== undefined, unseenChanges: entry?.unseenChanges ?? [] };
    },
    async 'watchlist:watch'({ ocid, noticeId, pageUrl }) {
      const db = await deps.db();
      const read = await ftsRead(db, ocid, noticeId);
      const entry = watchEntry(read.procurement, { noticeId, url: pageUrl }, deps.now());
      if (read.completeness !== 'whole') {
        const { addPendingReads, CUT_OFF_MESSAGE } = await loadRefresh();
        // Not the procurement's state: no snapshot and no check time, and a whole read is queued.
        await watch(db, { ...entry, lastCheckError: CUT_OFF_MESSAGE }, undefined);
        await addPendingReads(db, [ocid]);
      } else {
        await watch(db, { ...entry, lastCheckedAt: read.fetchedAt }, { ocid, takenAt: read.fetchedAt, procurement: read.procurement });
        // A page left open for days showed old data, and sweeps only look forward: read it again.
        if (deps.now().getTime() - new Date(read.fetchedAt).getTime() >= CACHE_TTL_MS) await (await loadRefresh()).addPendingReads(db, [ocid]);
      }
      await deps.onWatchChange(ocid, true);
      await deps.onWatchlistChanged();
      return { ok: true, watched: true };
    },
    async 'watchlist:unwatch'({ ocid }) {
      await unwatch(await deps.db(), ocid, deps.now());
      await deps.onWatchChange(ocid, false);
      await deps.onWatchlistChanged();
      return { ok: true, watched: false };
    },
    async 'watchlist:restore'({ ocid }) {
      const restored = await restore(await deps.db(), ocid, deps.now());
      if (!restored) throw new ReadError('notFound', `Too late to undo: an Unwatch can be undone for ${UNDO_MS / 1000} seconds. Watch it again from its notice page; your notes on it are not kept.`, false);
      await deps.onWatchChange(ocid, true);
      await deps.onWatchlistChanged();
      return { ok: true, watched: true };
    },
    async 'watchlist:list'({ limit }) {
      const db = await deps.db();
      const now = deps.now();
      // The first rows by the key-date index; the whole list read and sorted only when it is asked for.
      const { entries, total } = limit ? await firstInOrder(db, now, limit) : await listWatchlist(db, now).then((all) => ({ entries: all, total: all.length }));
      // The rows only: the stored entries' key dates, with their sources, run to megabytes for 5,000.
      const rows = entries.map((entry) => toWatchlistRow(entry, now));
      return { ok: true, rows, total, lastBackupAt: await getMeta<string>(db, LAST_BACKUP_KEY) };
    },
    async 'watchlist:refreshNow'() {
      const report = await refresh();
      return {
        ok: true,
        refreshed: report.refreshed.length,
        changed: report.refreshed.filter((r) => r.changes.length > 0).length,
        failed: report.failed.length,
        stoppedBecause: report.stoppedBecause,
        stopped: report.stopped,
      };
    },
    async 'watchlist:refreshProgress'() {
      return { ok: true, progress: refreshProgress };
    },
    async 'watchlist:refreshStop'() {
      stopRefresh?.abort();
      return { ok: true, stopping: stopRefresh !== undefined };
    },
    async 'watchlist:markSeen'({ ocid }) {
      await markSeen(await deps.db(), ocid);
      await deps.onWatchlistChanged();
      return { ok: true };
    },
    async 'watchlist:update'({ ocid, ...fields }) {
      const entry = await updateUserFields(await deps.db(), ocid, fields);
      if (!entry) throw new ReadError('notFound', 'This procurement is no longer in your watchlist.', false);
      return { ok: true, entry };
    },
    async 'export:ics'({ ocid }) {
      const db = await deps.db();
      // One procurement's calendar reads that entry alone, not the whole watchlist.
      const chosen = ocid ? [await getEntry(db, ocid)].filter((entry) => entry !== undefined) : await listWatchlist(db, deps.now());
      const { icsFileName, watchlistToIcs } = await loadIcs();
      return { ok: true, fileName: icsFileName(chosen, deps.now()), mimeType: 'text/calendar', text: watchlistToIcs(chosen, await deps.getSettings(), deps.now()) };
    },
    async 'export:csv'() {
      const entries = await listWatchlist(await deps.db(), deps.now());
      const { csvFileName, watchlistToCsv } = await loadCsv();
      return { ok: true, fileName: csvFileName(deps.now()), mimeType: 'text/csv', text: watchlistToCsv(entries, deps.now()) };
    },
    async 'watchlist:changed'() {
      await deps.onWatchlistChanged();
      return { ok: true };
    },
  };

  return {
    /** One refresh of the watchlist (the alarm's and "Refresh now"'s); never two at once. */
    refresh,
    /** Answers one message from `sender`; never throws. Invalid messages are refused and change nothing. */
    async handle(message: unknown, sender: Sender = {}): Promise<ResponseMap[Request['type']] | ErrorResponse> {
      const parsed = requestSchema.safeParse(message);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return failure('invalidRequest', `Tender Timeline refused a message: ${issue ? `${issue.path.join('.') || 'message'}: ${issue.message}` : 'not understood'}.`, false);
      }
      const request = parsed.data as Request;
      try {
        return await (handlers[request.type] as (payload: unknown, sender: Sender) => Promise<ResponseMap[Request['type']]>)(request.payload, sender);
      } catch (error) {
        return asFailure(error);
      }
    },
  };
}

export type Service = ReturnType<typeof createService>;
