/**
 * The messages between the pages (content script, popup) and the background: their
 * names, payloads and answers. Types only, plus `ask`, so that pages need no zod; the
 * background checks every payload with lib/message-schemas.
 */
import type { FtsProgress } from './fts/client';
import type { Request, RequestPayload, RequestType } from './message-schemas';
import type { Problem } from './ocds/problems';
import type { Completeness } from './ocds/read';
import type { Procurement } from './procurement';
import type { RefreshProgress } from './refresh/cycle';
import type { TimelineEvent } from './timeline/types';
import type { DetectedChange, WatchedProcurement, WatchlistRow } from './watchlist/entry';

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
  /** How much of the procurement the read holds (`cut-off`: the data ended early, what came after the cut is missing). */
  completeness: Completeness;
}

export interface ResponseMap {
  'timeline:forNotice': TimelineResponse;
  'timeline:fromText': TimelineResponse;
  'timeline:forProcurement': TimelineResponse;
  /** No `progress` when no read of that notice (or procurement) is under way. */
  'timeline:progress': { ok: true; progress?: FtsProgress };
  'watchlist:status': { ok: true; watched: boolean; unseenChanges: DetectedChange[] };
  'watchlist:watch': { ok: true; watched: boolean };
  'watchlist:unwatch': { ok: true; watched: boolean };
  'watchlist:restore': { ok: true; watched: true };
  /** Each entry carries only its next key date (the popup shows no other). */
  'watchlist:list': { ok: true; rows: WatchlistRow[]; total: number; lastBackupAt?: string };
  'watchlist:refreshNow': { ok: true; refreshed: number; changed: number; failed: number; stoppedBecause?: string; stopped?: boolean };
  /** No `progress` when no refresh is under way. */
  'watchlist:refreshProgress': { ok: true; progress?: RefreshProgress };
  /** `stopping: false` when there was no refresh to stop. */
  'watchlist:refreshStop': { ok: true; stopping: boolean };
  'watchlist:markSeen': { ok: true };
  'watchlist:update': { ok: true; entry: WatchedProcurement };
  'export:ics': FileResponse;
  'export:csv': FileResponse;
  'watchlist:changed': { ok: true };
}

/** A file for the user to save. */
export interface FileResponse {
  ok: true;
  fileName: string;
  mimeType: string;
  text: string;
}

export type Response<T extends RequestType> = ResponseMap[T] | ErrorResponse;

/** What is broadcast (through storage) when procurements are watched or unwatched. */
export const WATCH_CHANGE_KEY = 'watchlistChange';
export interface WatchChange {
  /** One procurement (Watch, Unwatch), or every one a backup import added, in one change. */
  ocids: string[];
  watched: boolean;
  /** ISO instant, so that two changes to the same ocids still differ. */
  at: string;
}

/** The storage item that tells every page `ocids` are now (un)watched. */
export function watchChange(ocids: string[], watched: boolean, now: Date): { [WATCH_CHANGE_KEY]: WatchChange } {
  return { [WATCH_CHANGE_KEY]: { ocids, watched, at: now.toISOString() } };
}

export type { Request, RequestPayload, RequestType };

/** Sends one request through `send` (the extension runtime's sendMessage) and types the answer. */
export async function ask<T extends RequestType>(send: (message: unknown) => Promise<unknown>, type: T, payload: RequestPayload<T>): Promise<Response<T>> {
  try {
    const answer = (await send({ type, payload })) as Response<T> | undefined;
    if (answer && typeof answer === 'object' && 'ok' in answer) return answer;
    return { ok: false, error: { kind: 'storage', message: 'Tender Timeline did not answer; reload the page to try again.', canRetry: true } };
  } catch (error) {
    return { ok: false, error: { kind: 'storage', message: `Tender Timeline could not be reached (${error instanceof Error ? error.message : String(error)}); reload the page.`, canRetry: true } };
  }
}

/**
 * From the background to a tab's content script, when the user presses the keyboard shortcut
 * (the manifest's `open-panel` command): open the panel and put the focus in it.
 */
export const OPEN_PANEL_MESSAGE = { type: 'panel:open' } as const;
/** The manifest's command (wxt.config.ts) for that shortcut. */
export const OPEN_PANEL_COMMAND = 'open-panel';

export function isOpenPanelMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === OPEN_PANEL_MESSAGE.type;
}
