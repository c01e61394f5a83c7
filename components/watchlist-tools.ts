/**
 * Plain helpers behind the popup's watchlist tools: search, bid-status filter, tags typed
 * as text and the words for a refresh. No React, no browser API.
 */
import { REQUEST_SPACING_MS } from '../lib/fts/client';
import type { RefreshProgress } from '../lib/refresh/cycle';
import type { BidStatus } from '../lib/watchlist/entry';
import { hasEveryWord, searchWords, type SearchableText } from '../lib/watchlist/search';

/** What search and filter read of a row (a `WatchlistRow`, or a stored entry). */
export interface Searchable extends SearchableText {
  bidStatus: BidStatus;
}

export type BidStatusFilter = BidStatus | 'all';

export interface WatchlistFilter {
  bidStatus: BidStatusFilter;
  /** Words to find in the title, buyer or tags; every word must appear. */
  query: string;
}

export function isFiltering(filter: WatchlistFilter): boolean {
  return filter.bidStatus !== 'all' || searchWords(filter.query).length > 0;
}

/** The entries that pass `filter`, in the order given; `entries` itself when nothing is filtered. */
export function filterWatchlist<T extends Searchable>(entries: T[], filter: WatchlistFilter): T[] {
  const words = searchWords(filter.query);
  if (filter.bidStatus === 'all' && words.length === 0) return entries;
  return entries.filter((entry) => (filter.bidStatus === 'all' || entry.bidStatus === filter.bidStatus) && hasEveryWord(entry, words));
}

/** The most tags, and the longest tag, the background accepts (lib/message-schemas). */
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 60;
export const MAX_NOTE_LENGTH = 20_000;

/** "bid, NHS ,, bid" → ["bid", "NHS"]: trimmed, no empties, no repeats (ignoring case), within the limits. */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const tag = part.replace(/\s+/g, ' ').trim().slice(0, MAX_TAG_LENGTH).trim();
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
    if (tags.length === MAX_TAGS) break;
  }
  return tags;
}

export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

/** The state of a "Refresh now" the popup asked for. */
export type RefreshState =
  | { status: 'idle' }
  /** `progress` as the background last told it; `stopping` once Stop was pressed. */
  | { status: 'running'; progress?: RefreshProgress; stopping?: boolean }
  /** `stopped`: the user stopped it. */
  | { status: 'done'; refreshed: number; changed: number; failed: number; stoppedBecause?: string; stopped?: boolean }
  | { status: 'error'; message: string };

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "Checked 12 of 50 · 3 changed" while it runs; then "3 updated, 1 failed", with what changed and why it stopped early, if it did. */
export function refreshText(state: RefreshState): string {
  switch (state.status) {
    case 'idle':
      return '';
    case 'running': {
      const progress = state.progress;
      if (state.stopping) return 'Stopping the refresh…';
      if (progress?.total !== undefined) return `Checked ${progress.checked.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')} · ${progress.changed.toLocaleString('en-GB')} changed`;
      const pages = progress && progress.pages > 0 ? ` (${plural(progress.pages, 'page', 'pages')} of updates read)` : '';
      return `Checking Find a Tender for changes${pages}… This can take a few minutes: Tender Timeline asks Find a Tender at most once every ${REQUEST_SPACING_MS / 1000} seconds, to stay within its limits.`;
    }
    case 'error':
      return `The refresh did not run: ${state.message}`;
    case 'done': {
      const counts = `${state.refreshed.toLocaleString('en-GB')} updated, ${state.failed.toLocaleString('en-GB')} failed`;
      const changed = state.changed > 0 ? ` (${plural(state.changed, 'procurement', 'procurements')} changed)` : '';
      if (state.stopped) return `Stopped. ${counts}${changed}. The rest will be checked next time.`;
      if (state.stoppedBecause) return `Stopped early: ${state.stoppedBecause}. ${counts}${changed}. The rest will be checked next time.`;
      if (state.refreshed === 0 && state.failed === 0) return `${counts}: nothing new on Find a Tender.`;
      return `${counts}${changed}.`;
    }
  }
}
