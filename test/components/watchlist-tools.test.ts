import { describe, expect, it } from 'vitest';
import {
  filterWatchlist,
  isFiltering,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  parseTags,
  refreshText,
} from '../../components/watchlist-tools';
import { normaliseForSearch } from '../../lib/watchlist/search';
import { watchedEntry } from './support';

const watchedAt = new Date('2025-11-01T09:00:00Z');

describe('parseTags', () => {
  it('splits on commas, trims, drops empties and repeats (ignoring case)', () => {
    expect(parseTags(' NHS , framework,,nhs ,  Police   Scotland ,')).toEqual(['NHS', 'framework', 'Police Scotland']);
    expect(parseTags('')).toEqual([]);
    expect(parseTags(' , ,')).toEqual([]);
  });

  it('keeps within what the background accepts', () => {
    expect(parseTags('x'.repeat(100))).toEqual(['x'.repeat(MAX_TAG_LENGTH)]);
    const many = Array.from({ length: 40 }, (_, i) => `t${i}`).join(',');
    expect(parseTags(many)).toHaveLength(MAX_TAGS);
  });
});

describe('filterWatchlist', () => {
  const entries = [
    watchedEntry('ocds-h6vhtk-05cfd9', watchedAt, { bidStatus: 'preparing', tags: ['Café services', 'Leics'] }),
    watchedEntry('ocds-h6vhtk-067b89', watchedAt, { tags: ['victims'] }),
    watchedEntry('ocds-h6vhtk-06a838', watchedAt, { bidStatus: 'submitted' }),
    watchedEntry('ocds-h6vhtk-06bae5', watchedAt, { buyer: 'Comisión de Policía' }),
  ];
  const ocids = (list: typeof entries) => list.map((e) => e.ocid.slice(-6));

  it('returns the very same array when nothing is filtered', () => {
    expect(filterWatchlist(entries, { bidStatus: 'all', query: '  ' })).toBe(entries);
    expect(isFiltering({ bidStatus: 'all', query: ' ' })).toBe(false);
    expect(isFiltering({ bidStatus: 'won', query: '' })).toBe(true);
  });

  it('filters by bid status', () => {
    expect(ocids(filterWatchlist(entries, { bidStatus: 'preparing', query: '' }))).toEqual(['05cfd9']);
    expect(ocids(filterWatchlist(entries, { bidStatus: 'watching', query: '' }))).toEqual(['067b89', '06bae5']);
    expect(filterWatchlist(entries, { bidStatus: 'won', query: '' })).toEqual([]);
  });

  it('searches title, buyer and tags, case- and accent-insensitively; every word must match', () => {
    const search = (query: string) => ocids(filterWatchlist(entries, { bidStatus: 'all', query }));
    expect(search('VICTIM')).toEqual(['067b89', '06a838']);
    expect(search('leicestershire')).toEqual(['05cfd9']);
    expect(search('cafe')).toEqual(['05cfd9']);
    expect(search('CAFÉ')).toEqual(['05cfd9']);
    expect(search('comision policia')).toEqual(['06bae5']);
    expect(search('victim cleveland')).toEqual(['06a838']);
    expect(search('victim nowhere')).toEqual([]);
    expect(search('restorative   practice')).toEqual(['06a838']);
    expect(normaliseForSearch('  Crème  BRÛLÉE ')).toBe('creme brulee');
  });

  it('combines the filter and the search', () => {
    expect(ocids(filterWatchlist(entries, { bidStatus: 'submitted', query: 'victim' }))).toEqual(['06a838']);
    expect(ocids(filterWatchlist(entries, { bidStatus: 'preparing', query: 'victim' }))).toEqual([]);
  });

  it('searches changed entries afresh', () => {
    const [first] = entries;
    const retagged = { ...first!, tags: ['Dental'] };
    expect(filterWatchlist([first!], { bidStatus: 'all', query: 'dental' })).toEqual([]);
    expect(filterWatchlist([retagged], { bidStatus: 'all', query: 'dental' })).toEqual([retagged]);
  });

  it('is quick on 5,000 entries', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...entries[i % 4]!, ocid: `ocds-x-${i}`, title: `${entries[i % 4]!.title} ${i}` }));
    filterWatchlist(many, { bidStatus: 'all', query: 'warm up' });
    const started = performance.now();
    for (const query of ['v', 'vi', 'vic', 'vict', 'victi', 'victim']) filterWatchlist(many, { bidStatus: 'all', query });
    const ms = (performance.now() - started) / 6;
    expect(filterWatchlist(many, { bidStatus: 'all', query: 'victim 4999' })).toHaveLength(0);
    expect(filterWatchlist(many, { bidStatus: 'all', query: 'victim 4998' })).toHaveLength(1);
    expect(ms).toBeLessThan(50);
  });
});

describe('refreshText', () => {
  it.each([
    [{ status: 'idle' } as const, ''],
    [{ status: 'running' } as const, 'Checking Find a Tender for changes… This can take a few minutes: Tender Timeline asks Find a Tender at most once every 13 seconds, to stay within its limits.'],
    [
      { status: 'running', progress: { pages: 2, checked: 0, changed: 0 } } as const,
      'Checking Find a Tender for changes (2 pages of updates read)… This can take a few minutes: Tender Timeline asks Find a Tender at most once every 13 seconds, to stay within its limits.',
    ],
    [{ status: 'running', progress: { pages: 1, total: 50, checked: 12, changed: 3 } } as const, 'Checked 12 of 50 · 3 changed'],
    [{ status: 'running', progress: { pages: 0, total: 1200, checked: 0, changed: 0 } } as const, 'Checked 0 of 1,200 · 0 changed'],
    [{ status: 'running', progress: { pages: 1, total: 50, checked: 12, changed: 3 }, stopping: true } as const, 'Stopping the refresh…'],
    [{ status: 'done', refreshed: 12, changed: 3, failed: 0, stopped: true } as const, 'Stopped. 12 updated, 0 failed (3 procurements changed). The rest will be checked next time.'],
    [{ status: 'done', refreshed: 3, changed: 2, failed: 1 } as const, '3 updated, 1 failed (2 procurements changed).'],
    [{ status: 'done', refreshed: 1, changed: 1, failed: 0 } as const, '1 updated, 0 failed (1 procurement changed).'],
    [{ status: 'done', refreshed: 2, changed: 0, failed: 0 } as const, '2 updated, 0 failed.'],
    [{ status: 'done', refreshed: 0, changed: 0, failed: 0 } as const, '0 updated, 0 failed: nothing new on Find a Tender.'],
    [
      { status: 'done', refreshed: 1, changed: 0, failed: 0, stoppedBecause: 'Find a Tender is busy; try again in a few minutes' } as const,
      'Stopped early: Find a Tender is busy; try again in a few minutes. 1 updated, 0 failed. The rest will be checked next time.',
    ],
    [{ status: 'error', message: 'Tender Timeline did not answer.' } as const, 'The refresh did not run: Tender Timeline did not answer.'],
  ])('%o reads "%s"', (state, expected) => {
    expect(refreshText(state)).toBe(expected);
  });
});
