/**
 * The popup's floor (scripts/bench-extension.ts, `popup-5000`, `popup-20000`): built in place of
 * entrypoints/popup/send.ts only in the floor build (wxt.config.ts, TENDER_TIMELINE_FLOOR_ANSWER).
 * The same popup draws the same first rows, but its first request (`watchlist:list` with a
 * limit) sends no message: it resolves at once to the answer the background gave for the same
 * watchlist, captured by the bench and inlined by Vite `define`, chosen by the page's hash (the
 * number of entries the bench filled). Every other message, the whole list after the first
 * rows included, goes to the background as in the real build.
 */
import { send as realSend } from '@/entrypoints/popup/send';
import { FLOOR_ANSWER_MARK, type FloorAnswers } from './floor-answers';

declare const __TENDER_TIMELINE_FLOOR_FIRST_ROWS__: FloorAnswers['firstRows'] | null;

const isFirstRowsRequest = (message: unknown) => {
  const m = message as { type?: unknown; payload?: { limit?: unknown } } | null;
  return m?.type === 'watchlist:list' && typeof m.payload?.limit === 'number';
};

export function send(message: unknown): Promise<unknown> {
  const answer = isFirstRowsRequest(message) ? __TENDER_TIMELINE_FLOOR_FIRST_ROWS__?.[location.hash.slice(1)] : undefined;
  if (!answer) return realSend(message);
  performance.mark(FLOOR_ANSWER_MARK);
  return Promise.resolve(answer);
}
