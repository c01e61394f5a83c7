/**
 * The overlay's floor (scripts/bench-extension.ts, `overlay-warm` / `overlay-cold`): built in
 * place of entrypoints/notice.content/load.ts only when TENDER_TIMELINE_FLOOR_ANSWER names a
 * file (wxt.config.ts), into .output/bench-floor-chrome-mv3. The same content script draws the
 * same panel with React, but its first request sends no message: it resolves at once to the
 * answer the background gave for the same record, captured by the bench and inlined by Vite
 * `define`. Whatever the overlay spends beyond this build is the message and the background.
 */
import type { LoadAnswer } from '@/entrypoints/notice.content/load';

export { send, type LoadAnswer } from '@/entrypoints/notice.content/load';

declare const __TENDER_TIMELINE_FLOOR_ANSWER__: LoadAnswer;

export function load(_location: URL, _doc: unknown): Promise<LoadAnswer> {
  return Promise.resolve(__TENDER_TIMELINE_FLOOR_ANSWER__);
}
