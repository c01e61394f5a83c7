/**
 * What the background does for each message: read timelines (from FTS through the polite
 * client, the cache, or text found in a page) and keep the watchlist. Plain TypeScript
 * with its surroundings injected, so the background entrypoint is only wiring.
 */
import type { IDBPDatabase } from 'idb';
import { FtsError, type FtsClient } from './fts/client';
import { recordPackageUrl, recordUrl, releasePackageUrl } from './fts/urls';
import { requestSchema, type Request } from './message-schemas';
import type { ErrorKind, ErrorResponse, ResponseMap, TimelineResponse } from './messages';
import type { Problem } from './ocds/problems';
import { readOcds, type ProcurementRead } from './ocds/read';
import type { Procurement } from './procurement';
import { buildTimeline } from './timeline/build';
import type { TenderTimelineDB } from './watchlist/db';
import { watchEntry } from './watchlist/entry';
import { cacheByNoticeId, cacheByOcid, cachePut, isWatched, listWatchlist, unwatch, watch } from './watchlist/store';

type DB = IDBPDatabase<TenderTimelineDB>;

export interface ServiceDeps {
  db: () => Promise<DB>;
  client: FtsClient;
  now: () => Date;
  /** Tell every open page that a procurement's watched state changed. */
  onWatchChange: (ocid: string, watched: boolean) => Promise<void> | void;
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

/** The procurement in `text` that the notice belongs to (a list page may hold several). */
function pick(text: string, noticeId?: string): ProcurementRead {
  const read = readOcds(text);
  if (!read.ok) throw new ReadError('notOcds', read.message, true);
  return (noticeId && read.procurements.find((p) => p.procurement.notices.some((n) => n.id === noticeId))) || read.procurements[0]!;
}

export function createService(deps: ServiceDeps) {
  function respond(procurement: Procurement, problems: Problem[], fetchedAt: string, fromCache: boolean): TimelineResponse {
    return { ok: true, procurement, events: buildTimeline(procurement, deps.now()), problems, fetchedAt, fromCache };
  }

  async function remember(db: DB, read: ProcurementRead, noticeIds: string[]): Promise<void> {
    try {
      await cachePut(db, read.procurement, read.problems, noticeIds, deps.now());
    } catch {
      // A cache that cannot be written costs a request next time, nothing more.
    }
  }

  /** The record package (all notices); failing that, the notice's release package and then the ocid's record. */
  async function fetchForNotice(db: DB, noticeId: string): Promise<ProcurementRead> {
    let firstError: unknown;
    try {
      return pick(await deps.client.getText(recordUrl(noticeId)), noticeId);
    } catch (error) {
      if (error instanceof FtsError && error.kind === 'busy') throw error;
      firstError = error;
    }
    let notice: ProcurementRead;
    try {
      notice = pick(await deps.client.getText(releasePackageUrl(noticeId)), noticeId);
    } catch {
      throw firstError;
    }
    const cached = await cacheByOcid(db, notice.procurement.ocid, deps.now());
    if (cached) return { procurement: cached.procurement, problems: cached.problems };
    try {
      return pick(await deps.client.getText(recordPackageUrl(notice.procurement.ocid)), noticeId);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { procurement: notice.procurement, problems: [...notice.problems, { path: '$', message: `Only this notice could be read; the rest of the procurement could not be fetched (${why})` }] };
    }
  }

  const handlers: { [T in Request['type']]: (payload: Extract<Request, { type: T }>['payload']) => Promise<ResponseMap[T]> } = {
    async 'timeline:forNotice'({ noticeId }) {
      const db = await deps.db();
      const cached = await cacheByNoticeId(db, noticeId, deps.now());
      if (cached) return respond(cached.procurement, cached.problems, cached.fetchedAt, true);
      const read = await fetchForNotice(db, noticeId);
      const fetchedAt = deps.now().toISOString();
      await remember(db, read, [noticeId]);
      return respond(read.procurement, read.problems, fetchedAt, false);
    },
    async 'timeline:fromText'({ text, noticeId }) {
      const read = pick(text, noticeId);
      await remember(await deps.db(), read, noticeId ? [noticeId] : []);
      return respond(read.procurement, read.problems, deps.now().toISOString(), false);
    },
    async 'watchlist:status'({ ocid }) {
      return { ok: true, watched: await isWatched(await deps.db(), ocid) };
    },
    async 'watchlist:watch'({ ocid, noticeId, pageUrl }) {
      const db = await deps.db();
      // The data the page showed came through here: the cache has it, whatever its age.
      const cached = await db.get('procurementCache', ocid);
      const read = cached ?? (noticeId ? { ...(await fetchForNotice(db, noticeId)), fetchedAt: deps.now().toISOString() } : undefined);
      if (!read) throw new ReadError('notFound', 'This procurement is not known yet; reload the notice and try again.', true);
      const entry = { ...watchEntry(read.procurement, { noticeId, url: pageUrl }, deps.now()), lastCheckedAt: read.fetchedAt };
      await watch(db, entry, { ocid, takenAt: read.fetchedAt, procurement: read.procurement });
      await deps.onWatchChange(ocid, true);
      return { ok: true, watched: true };
    },
    async 'watchlist:unwatch'({ ocid }) {
      await unwatch(await deps.db(), ocid);
      await deps.onWatchChange(ocid, false);
      return { ok: true, watched: false };
    },
    async 'watchlist:list'() {
      return { ok: true, entries: await listWatchlist(await deps.db(), deps.now()) };
    },
  };

  return {
    /** Answers one message; never throws. Invalid messages are refused and change nothing. */
    async handle(message: unknown): Promise<ResponseMap[Request['type']] | ErrorResponse> {
      const parsed = requestSchema.safeParse(message);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return failure('invalidRequest', `Tender Timeline refused a message: ${issue ? `${issue.path.join('.') || 'message'}: ${issue.message}` : 'not understood'}.`, false);
      }
      const request = parsed.data as Request;
      try {
        return await (handlers[request.type] as (payload: unknown) => Promise<ResponseMap[Request['type']]>)(request.payload);
      } catch (error) {
        return asFailure(error);
      }
    },
  };
}

export type Service = ReturnType<typeof createService>;
