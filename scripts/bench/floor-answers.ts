/**
 * What the floor build (wxt.config.ts, TENDER_TIMELINE_FLOOR_ANSWER) answers without a message:
 * the background's own answers, captured by scripts/bench-extension.ts. A part left out is
 * asked of the background as in the real build.
 */
import type { LoadAnswer } from '@/entrypoints/notice.content/load';

export interface FloorAnswers {
  /** The content script's first answer (scripts/bench/floor-load.ts). */
  load?: LoadAnswer;
  /** The popup's first rows, by the page's hash: the number of watched entries (scripts/bench/floor-send.ts). */
  firstRows?: Record<string, unknown>;
}

/** Marked by a floor when it answers from its constant: the bench checks that the floor it timed was one. */
export const FLOOR_ANSWER_MARK = 'tender-timeline:floor-answer';
