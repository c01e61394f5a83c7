/**
 * The messages the content script and the popup send to the background: one map of
 * names to zod schemas, checked on receipt; anything else is refused with a clear error.
 */
import { z } from 'zod';
import type { Problem } from './ocds/problems';
import type { Procurement } from './procurement';
import type { TimelineEvent } from './timeline/types';
import type { WatchedProcurement } from './watchlist/entry';

const noticeId = z.string().regex(/^\d{6}-\d{4}$/, 'a notice id such as 066750-2025');
const ocid = z.string().regex(/^ocds-[a-z0-9]+-[A-Za-z0-9-]+$/, 'an ocid such as ocds-h6vhtk-05cfd9').max(200);
const pageUrl = z.string().url().max(2000);

export const requestSchemas = {
  /** The timeline of the procurement a notice belongs to, fetched from FTS (or the cache). */
  'timeline:forNotice': z.object({ noticeId }),
  /** The timeline of OCDS JSON found in a page. */
  'timeline:fromText': z.object({ text: z.string().max(64_000_000), noticeId: noticeId.optional(), pageUrl: pageUrl.optional() }),
  'watchlist:status': z.object({ ocid }),
  'watchlist:watch': z.object({ ocid, noticeId: noticeId.optional(), pageUrl: pageUrl.optional() }),
  'watchlist:unwatch': z.object({ ocid }),
  'watchlist:list': z.object({}),
} as const;

export type RequestType = keyof typeof requestSchemas;
export type RequestPayload<T extends RequestType> = z.infer<(typeof requestSchemas)[T]>;

export const requestSchema = z.discriminatedUnion(
  'type',
  (Object.keys(requestSchemas) as RequestType[]).map((type) => z.object({ type: z.literal(type), payload: requestSchemas[type] })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<RequestType>; payload: z.ZodType }>,
  ],
);

export type Request = { [T in RequestType]: { type: T; payload: RequestPayload<T> } }[RequestType];

export type ErrorKind = 'network' | 'busy' | 'notFound' | 'notOcds' | 'http' | 'invalidRequest' | 'storage';

export interface ErrorResponse {
  ok: false;
  error: { kind: ErrorKind; message: string; canRetry: boolean };
}

export interface TimelineResponse {
  ok: true;
  procurement: Procurement;
  events: TimelineEvent[];
  problems: Problem[];
  /** ISO instant the data was read from FTS. */
  fetchedAt: string;
  fromCache: boolean;
}

export interface ResponseMap {
  'timeline:forNotice': TimelineResponse;
  'timeline:fromText': TimelineResponse;
  'watchlist:status': { ok: true; watched: boolean };
  'watchlist:watch': { ok: true; watched: boolean };
  'watchlist:unwatch': { ok: true; watched: boolean };
  'watchlist:list': { ok: true; entries: WatchedProcurement[] };
}

export type Response<T extends RequestType> = ResponseMap[T] | ErrorResponse;

/** What the background broadcasts (through storage) when a procurement is watched or unwatched. */
export const WATCH_CHANGE_KEY = 'watchlistChange';
export interface WatchChange {
  ocid: string;
  watched: boolean;
  /** ISO instant, so that two changes to the same ocid still differ. */
  at: string;
}
