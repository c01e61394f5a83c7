/**
 * The messages the content script and the popup send to the background: one map of
 * names to zod schemas, checked on receipt by the background; anything else is refused.
 * Only the background imports this file, which keeps zod out of the content script.
 */
import { z } from 'zod';
import { BID_STATUSES } from './watchlist/entry';

// The fields below are the watchlist's own: a backup's entries are checked with them too
// (lib/watchlist/schema.ts), so that nothing imported is one the messages would refuse.
export const noticeId = z.string().regex(/^\d{6}-\d{4}$/, 'a notice id such as 066750-2025');
export const ocid = z.string().regex(/^ocds-[a-z0-9]+-[A-Za-z0-9-]+$/, 'an ocid such as ocds-h6vhtk-05cfd9').max(200);
/**
 * The ocid of a row already stored, for messages that only change or remove stored rows
 * (they can make none): rows an older version stored before backups were checked may
 * have an ocid `ocid` refuses (`OCDS-H6VHTK-UPPER`, a trailing space, `../../x`), and the
 * user must still be able to edit and remove them. Any key is only looked up, never written.
 */
export const storedOcid = z.string().min(1).max(2_000_000);
export const pageUrl = z.string().url().max(2000);
export const note = z.string().max(20_000);
export const tags = z.array(z.string().trim().min(1).max(60)).max(30);
export const bidStatus = z.enum(BID_STATUSES);

export const requestSchemas = {
  /**
   * The timeline of the procurement a notice belongs to, fetched from FTS (or the cache);
   * `ocid` is the one the notice page shows, when it shows one (checked against FTS's data).
   */
  'timeline:forNotice': z.object({ noticeId, ocid: ocid.optional() }),
  /** The timeline of a procurement by its ocid (an FTS procurement page), fetched from FTS (or the cache). */
  'timeline:forProcurement': z.object({ ocid }),
  /** How the read of a notice's (or a procurement's) timeline is getting on, asked again and again while it runs. */
  'timeline:progress': z.union([z.object({ noticeId }), z.object({ ocid })]),
  /** The timeline of OCDS JSON found in a page. */
  'timeline:fromText': z.object({ text: z.string().max(64_000_000), noticeId: noticeId.optional(), pageUrl: pageUrl.optional() }),
  'watchlist:status': z.object({ ocid }),
  'watchlist:watch': z.object({ ocid, noticeId: noticeId.optional(), pageUrl: pageUrl.optional() }),
  'watchlist:unwatch': z.object({ ocid: storedOcid }),
  /** Undo an Unwatch made a few seconds ago: the entry comes back as it was stored. */
  'watchlist:restore': z.object({ ocid: storedOcid }),
  /** The watchlist, soonest key date first; `limit` gives only the first rows, quickly. */
  'watchlist:list': z.object({ limit: z.number().int().positive().max(100_000).optional() }),
  /** Refresh the watchlist from FTS now, as the periodic alarm does. */
  'watchlist:refreshNow': z.object({}),
  /** How far the refresh under way has got, asked again and again while it runs. */
  'watchlist:refreshProgress': z.object({}),
  /** Stop the refresh under way: what it read is kept, the rest is read next time. */
  'watchlist:refreshStop': z.object({}),
  /** The user has seen the changes of one procurement, or of all when no ocid is given. */
  'watchlist:markSeen': z.object({ ocid: storedOcid.optional() }),
  'watchlist:update': z.object({
    ocid: storedOcid,
    note: note.optional(),
    tags: tags.optional(),
    bidStatus: bidStatus.optional(),
  }),
  /** Calendar file of one procurement's key dates, or of the whole watchlist. */
  'export:ics': z.object({ ocid: ocid.optional() }),
  'export:csv': z.object({}),
  /**
   * An extension page changed the watchlist itself (a backup import, which reads and writes
   * the database in the page, since a backup can be larger than a message may carry).
   */
  'watchlist:changed': z.object({}),
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

