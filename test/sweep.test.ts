/**
 * The sweep's windows as FTS reads them (London wall-clock time, both ends included), and
 * what it takes from a list page. Expected strings are written by hand from the clock
 * changes: on 29 March 2026 London goes from 01:00 GMT to 02:00 BST (01:00 UTC); on
 * 25 October 2026 from 02:00 BST back to 01:00 GMT (01:00 UTC), so 01:00–02:00 happens twice.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readUpdatesPage, sweepUpdates, updatesUrl, updatesWindow } from '../lib/refresh/sweep';

const window = (from: string, to: string) => updatesWindow(new Date(from), new Date(to));

describe('updatesWindow: London wall-clock times', () => {
  it.each([
    ['winter: London is UTC', '2026-01-15T09:00:00Z', '2026-01-15T15:00:00Z', '2026-01-15T09:00:00', '2026-01-15T15:00:00'],
    ['summer: London is an hour ahead', '2026-06-10T11:00:00Z', '2026-06-10T12:00:00Z', '2026-06-10T12:00:00', '2026-06-10T13:00:00'],
    ['summer, across London midnight', '2026-06-10T20:00:00Z', '2026-06-11T02:00:00Z', '2026-06-10T21:00:00', '2026-06-11T03:00:00'],
    ['seconds are kept, milliseconds dropped', '2026-06-10T11:22:33.999Z', '2026-06-10T12:00:01.500Z', '2026-06-10T12:22:33', '2026-06-10T13:00:01'],
  ])('%s', (_name, from, to, updatedFrom, updatedTo) => {
    expect(window(from, to)).toEqual({ updatedFrom, updatedTo });
  });

  it('builds the list URL from the London times', () => {
    expect(updatesUrl(window('2026-06-10T11:00:00Z', '2026-06-10T12:00:00Z')!)).toBe(
      'https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages?updatedFrom=2026-06-10T12:00:00&updatedTo=2026-06-10T13:00:00&limit=100',
    );
  });

  it('never asks for a window whose ends are equal (FTS answers 400)', () => {
    expect(window('2026-06-10T12:00:00.100Z', '2026-06-10T12:00:00.900Z')).toBeUndefined();
    expect(window('2026-06-10T12:00:00Z', '2026-06-10T12:00:00Z')).toBeUndefined();
  });
});

describe('updatesWindow: 29 March 2026, the hour that does not exist', () => {
  it.each([
    ['a window over the change', '2026-03-28T20:00:00Z', '2026-03-29T02:00:00Z', '2026-03-28T20:00:00', '2026-03-29T03:00:00'],
    ['an hour across the jump reads as two', '2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', '2026-03-29T00:30:00', '2026-03-29T02:30:00'],
    ['ending at the jump', '2026-03-29T00:00:00Z', '2026-03-29T01:00:00Z', '2026-03-29T00:00:00', '2026-03-29T02:00:00'],
    ['starting at the jump', '2026-03-29T01:00:00Z', '2026-03-29T03:00:00Z', '2026-03-29T02:00:00', '2026-03-29T04:00:00'],
  ])('%s', (_name, from, to, updatedFrom, updatedTo) => {
    expect(window(from, to)).toEqual({ updatedFrom, updatedTo });
  });
});

describe('updatesWindow: 25 October 2026, the hour that happens twice', () => {
  it.each([
    // 01:00 UTC reads 01:00 GMT, the second time; 02:00 UTC reads 02:00 GMT, once.
    ['a window over the whole repeated hour', '2026-10-24T20:00:00Z', '2026-10-25T02:00:00Z', '2026-10-24T21:00:00', '2026-10-25T02:00:00'],
    // 00:30 UTC reads 01:30 BST, which comes again at 01:30 GMT: the end goes to 02:00 GMT.
    ['ending in the first 01:xx', '2026-10-24T23:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T00:00:00', '2026-10-25T02:00:00'],
    // Both ends read 01:15: sent as they are, the window would be empty (or a 400).
    ['both ends read the same time', '2026-10-25T00:15:00Z', '2026-10-25T01:15:00Z', '2026-10-25T00:59:00', '2026-10-25T02:00:00'],
    // 01:45 BST to 01:15 GMT: the end reads before the start.
    ['the end reads before the start', '2026-10-25T00:45:00Z', '2026-10-25T01:15:00Z', '2026-10-25T00:59:00', '2026-10-25T02:00:00'],
    // 01:30 UTC reads 01:30 GMT, the second time: the start goes back before the first 01:00.
    ['starting in the second 01:xx', '2026-10-25T01:30:00Z', '2026-10-25T04:00:00Z', '2026-10-25T00:59:00', '2026-10-25T04:00:00'],
    ['seconds kept while stepping out', '2026-10-25T00:30:45Z', '2026-10-25T03:00:00Z', '2026-10-25T00:59:45', '2026-10-25T03:00:00'],
    ['after the change, as in winter', '2026-10-25T02:00:00Z', '2026-10-25T08:00:00Z', '2026-10-25T02:00:00', '2026-10-25T08:00:00'],
  ])('%s', (_name, from, to, updatedFrom, updatedTo) => {
    expect(window(from, to)).toEqual({ updatedFrom, updatedTo });
  });

  it('windows that follow on from one another still leave no gap in London time', async () => {
    const asked: Array<[string, string]> = [];
    const client = {
      async getText(url: string) {
        const query = new URL(url).searchParams;
        asked.push([query.get('updatedFrom')!, query.get('updatedTo')!]);
        return '{"releases": [], "links": {}}';
      },
    };
    // Sweeps ending inside the repeated hour, then just after it.
    const first = await sweepUpdates({ client, watched: new Set(), from: new Date('2026-10-24T23:00:00Z'), to: new Date('2026-10-25T00:30:00Z') });
    await sweepUpdates({ client, watched: new Set(), from: first.reached, to: new Date('2026-10-25T01:20:00Z') });
    await sweepUpdates({ client, watched: new Set(), from: new Date('2026-10-25T01:20:00Z'), to: new Date('2026-10-25T02:10:00Z') });
    expect(asked).toEqual([
      ['2026-10-25T00:00:00', '2026-10-25T02:00:00'],
      ['2026-10-25T00:59:00', '2026-10-25T02:00:00'],
      ['2026-10-25T00:59:00', '2026-10-25T02:10:00'],
    ]);
  });
});

describe('sweepUpdates: what a list page holds', () => {
  const PAGE_050 = readFileSync(new URL('./fixtures/fts/api/whole-stream/page-050.json', import.meta.url), 'utf8');

  it('the real page holding release 071452-2026 of ocds-h6vhtk-06d5d7 twice: it is one change', async () => {
    const page = JSON.parse(PAGE_050) as { releases: Array<{ ocid: string; id: string }> };
    expect(page.releases.filter((r) => r.ocid === 'ocds-h6vhtk-06d5d7' && r.id === '071452-2026')).toHaveLength(2);
    const client = { getText: async (url: string) => (url.includes('cursor=') ? '{"releases": [], "links": {}}' : PAGE_050) };
    const result = await sweepUpdates({ client, watched: new Set(['ocds-h6vhtk-06d5d7']), from: new Date('2026-08-11T08:00:00Z'), to: new Date('2026-08-11T09:00:00Z') });
    expect(result.error).toBeUndefined();
    expect([...result.changed]).toEqual(['ocds-h6vhtk-06d5d7']);
  });

  it('an empty window is a package with no releases', () => {
    expect(readUpdatesPage('{"uri": "x", "releases": [], "links": {}}')).toEqual({ ocids: [], next: undefined });
  });

  it.each([
    ['an empty body', ''],
    ['an HTML page', '<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>'],
    ['an empty object', '{}'],
    ['an error object', '{"error": "Something went wrong"}'],
    ['a JSON array', '[]'],
    ['releases that are not a list', '{"releases": {"ocid": "ocds-h6vhtk-06d5d7"}}'],
    ['a bare string', '"ok"'],
  ])('%s is a failed read, never "nothing there"', (_name, body) => {
    expect(() => readUpdatesPage(body)).toThrow(/FTS's list of updates/);
  });
});
