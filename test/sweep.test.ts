/**
 * The sweep's windows as FTS reads them (London wall-clock time, both ends included), and
 * what it takes from a list page. Expected strings are written by hand from the clock
 * changes: on 29 March 2026 London goes from 01:00 GMT to 02:00 BST (01:00 UTC); on
 * 25 October 2026 from 02:00 BST back to 01:00 GMT (01:00 UTC), so 01:00–02:00 happens twice.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGE_LIMIT, readUpdatesPage, splitWindow, sweepUpdates, updatesUrl, updatesWindow } from '../lib/refresh/sweep';
import { createFakeFts, type FakeFtsOptions, type FakeRelease } from './support/fake-fts';

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

const realPage = (name: string) => readFileSync(new URL(`./fixtures/fts/api/whole-stream/${name}.json`, import.meta.url), 'utf8');

describe('sweepUpdates: what a list page holds', () => {
  const PAGE_050 = realPage('page-050');

  it('the real page holding release 071452-2026 of ocds-h6vhtk-06d5d7 twice: one change, 99 releases', async () => {
    const page = JSON.parse(PAGE_050) as { releases: Array<{ ocid: string; id: string }> };
    expect(page.releases).toHaveLength(100);
    expect(page.releases.filter((r) => r.ocid === 'ocds-h6vhtk-06d5d7' && r.id === '071452-2026')).toHaveLength(2);
    // The page is full, so its window is split; the halves here list nothing more.
    const asked: string[] = [];
    const client = {
      getText: async (url: string) => {
        asked.push(url);
        return asked.length === 1 ? PAGE_050 : '{"releases": []}';
      },
    };
    const result = await sweepUpdates({ client, watched: new Set(['ocds-h6vhtk-06d5d7']), from: new Date('2026-08-11T08:00:00Z'), to: new Date('2026-08-11T09:00:00Z') });
    expect(result.error).toBeUndefined();
    expect([...result.changed]).toEqual(['ocds-h6vhtk-06d5d7']);
    expect(asked).toHaveLength(3);
  });

  it('the real full page 50: 100 entries, its cursor; the real last page 111: no `links`, so no next page', () => {
    const page50 = readUpdatesPage(PAGE_050);
    expect(page50.rows).toBe(PAGE_LIMIT);
    expect(new Set(page50.releases.map((r) => `${r.ocid} ${r.id}`)).size).toBe(99);
    expect(page50.next).toBe(
      'https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages?updatedFrom=2026-07-13T00:00:00&updatedTo=2026-08-12T00:00:00&limit=100&cursor=dXBkYXRlZEZyb209MjAyNi0wNy0xM1QwMDowMDowMHx1cGRhdGVkVG89MjAyNi0wOC0xMlQwMDowMDowMHxuZXh0Q3Vyc29yPTU3NzU2NQ==',
    );
    const page111 = readUpdatesPage(realPage('page-111'));
    expect(page111).toMatchObject({ rows: 37, next: undefined });
    expect(page111.releases).toHaveLength(37);
  });

  it('an empty window is a package with no releases', () => {
    expect(readUpdatesPage('{"uri": "x", "releases": [], "links": {}}')).toEqual({ releases: [], rows: 0, next: undefined });
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

describe('splitWindow: halves in London seconds, both ends included', () => {
  it.each([
    ['six hours', '2026-06-10T07:00:00', '2026-06-10T13:00:00', '2026-06-10T10:00:00', '2026-06-10T10:00:01'],
    ['an odd number of seconds', '2026-06-10T10:00:01', '2026-06-10T13:00:00', '2026-06-10T11:30:00', '2026-06-10T11:30:01'],
    ['across midnight and a month end', '2026-06-30T23:59:58', '2026-07-01T00:00:10', '2026-07-01T00:00:04', '2026-07-01T00:00:05'],
    // FTS reads both readings of 01:xx on 25 October as one: halves of the readings cover both.
    ['the widened repeated hour of 25 October', '2026-10-25T00:59:00', '2026-10-25T02:00:00', '2026-10-25T01:29:30', '2026-10-25T01:29:31'],
    ['six seconds: just above the floor', '2026-06-10T12:00:00', '2026-06-10T12:00:06', '2026-06-10T12:00:03', '2026-06-10T12:00:04'],
  ])('%s', (_name, updatedFrom, updatedTo, firstEnd, secondStart) => {
    expect(splitWindow({ updatedFrom, updatedTo })).toEqual([
      { updatedFrom, updatedTo: firstEnd },
      { updatedFrom: secondStart, updatedTo },
    ]);
  });

  it('a window of 5 seconds or less is not split (its cursor is followed instead)', () => {
    expect(splitWindow({ updatedFrom: '2026-06-10T12:00:00', updatedTo: '2026-06-10T12:00:05' })).toBeUndefined();
    expect(splitWindow({ updatedFrom: '2026-06-10T12:00:00', updatedTo: '2026-06-10T12:00:01' })).toBeUndefined();
  });
});

describe('sweepUpdates against FTS as observed: a lossy cursor, full pages, repeats', () => {
  // January: London's clocks read UTC, so the fake's releases are placed by their London reading.
  const from = new Date('2026-01-15T09:00:00Z');
  const to = new Date('2026-01-15T15:00:00Z');
  const minute = (k: number) => new Date(from.getTime() + k * 60_000).toISOString();
  const ocid = (k: number) => `ocds-h6vhtk-a${String(k).padStart(5, '0')}`;
  /** One release a minute from 09:00, each its own procurement. */
  const perMinute = (count: number): FakeRelease[] => Array.from({ length: count }, (_, k) => ({ ocid: ocid(k), updatedAt: minute(k) }));

  function sweep(releases: FakeRelease[], watched: string[], options: FakeFtsOptions = {}) {
    const fts = createFakeFts({ ...options, releases });
    const client = { getText: async (url: string) => (await fts.fetch(url)).text() };
    return { fts, result: sweepUpdates({ client, watched: new Set(watched), from, to }) };
  }

  it('the fake loses rows as FTS does: walking its cursor over 152 releases lists 102 (FTS listed 103)', async () => {
    const fts = createFakeFts({ releases: perMinute(152) });
    const listed: string[] = [];
    let url: string | undefined = updatesUrl(updatesWindow(from, to)!);
    while (url) {
      const page = readUpdatesPage(await (await fts.fetch(url)).text());
      listed.push(...page.releases.map((r) => r.ocid));
      url = page.next;
    }
    expect(listed).toHaveLength(102);
    // Newest first: the first page holds 11:31 back to 09:52; the cursor's next skips 09:51 to 09:02.
    expect(listed).not.toContain(ocid(30));
  });

  // 152 releases, 09:00 to 11:31: the full window is halved (09:00–12:00 holds all 152, so
  // it is halved again: 91 and 61), never following the cursor.
  it('an update on a page the cursor would lose is found, with 5 list requests', async () => {
    const { fts, result } = sweep(perMinute(152), [ocid(30)]);
    const done = await result;
    expect(done.error).toBeUndefined();
    expect([...done.changed]).toEqual([ocid(30)]);
    expect(done.releases).toBe(152);
    expect(fts.listRequests().map((r) => [r.updatedFrom, r.updatedTo, r.cursor, r.rows])).toEqual([
      ['2026-01-15T09:00:00', '2026-01-15T15:00:00', undefined, 100],
      ['2026-01-15T09:00:00', '2026-01-15T12:00:00', undefined, 100],
      ['2026-01-15T09:00:00', '2026-01-15T10:30:00', undefined, 91],
      ['2026-01-15T10:30:01', '2026-01-15T12:00:00', undefined, 61],
      ['2026-01-15T12:00:01', '2026-01-15T15:00:00', undefined, 0],
    ]);
  });

  // 250 releases, 09:00 to 13:09, and no page with `links` (as for weeks in 2026): halves of
  // 181 and 69, the first halved again into 91 and 90.
  it('a window of 250 releases, with no cursor at all, is split and every release found once', async () => {
    const watched = [ocid(0), ocid(125), ocid(249)];
    const { fts, result } = sweep(perMinute(250), watched, { links: 'missing' });
    const done = await result;
    expect(done.error).toBeUndefined();
    expect([...done.changed].sort()).toEqual(watched);
    expect(done.releases).toBe(250);
    expect(done.pages).toBe(5);
    expect(fts.listRequests().map((r) => r.rows)).toEqual([100, 100, 91, 90, 69]);
    expect(fts.listRequests().reduce((sum, r) => sum + (r.rows! < PAGE_LIMIT ? r.rows! : 0), 0)).toBe(250);
  });

  // A UK1 naming many procurements is listed once for each: here one release of a watched
  // procurement 14 times, and a reused ocid with 120 releases of its own.
  it('releases listed many times, and a reused ocid with 120 releases, are each one change', async () => {
    const reused = 'ocds-h6vhtk-02874c';
    const releases: FakeRelease[] = [
      ...perMinute(60),
      { ocid: ocid(999), id: '070001-2026', updatedAt: minute(10), repeat: 14 },
      ...Array.from({ length: 120 }, (_, k) => ({ ocid: reused, id: `0${70100 + k}-2026`, updatedAt: minute(k) })),
    ];
    const { fts, result } = sweep(releases, [reused, ocid(999)]);
    const done = await result;
    expect([...done.changed].sort()).toEqual([reused, ocid(999)]);
    expect(done.releases).toBe(60 + 1 + 120);
    expect(fts.listRequests().reduce((sum, r) => sum + (r.rows! < PAGE_LIMIT ? r.rows! : 0), 0)).toBe(60 + 14 + 120);
  });

  // 110 releases in one second: halving reaches 09:00:00–09:00:05 after 12 splits (each with
  // an empty other half), and only there is the cursor followed. What it skips (rows 100 to
  // 149 of its walk) is lost: nothing narrower can be asked of FTS.
  it('only a full window of 5 seconds or less follows the cursor', async () => {
    const releases = Array.from({ length: 110 }, (_, k) => ({ ocid: ocid(k), updatedAt: from.toISOString() }));
    const { fts, result } = sweep(releases, []);
    const done = await result;
    const cursorPages = fts.listRequests().filter((r) => r.cursor !== undefined);
    expect(cursorPages).toHaveLength(1);
    expect(cursorPages[0]).toMatchObject({ updatedFrom: '2026-01-15T09:00:00', updatedTo: '2026-01-15T09:00:05', rows: 0 });
    expect(fts.count('list')).toBe(1 + 12 * 2 + 1);
    expect(done.releases).toBe(100);
    expect(done.reached).toEqual(to);
  });

  it('a full page without `links` ends its window: the sweep goes on to the next', async () => {
    const releases = Array.from({ length: 110 }, (_, k) => ({ ocid: ocid(k), updatedAt: from.toISOString() }));
    const later = { ocid: ocid(500), updatedAt: '2026-01-15T16:00:00Z' };
    const fts = createFakeFts({ releases: [...releases, later], links: 'missing' });
    const client = { getText: async (url: string) => (await fts.fetch(url)).text() };
    const ends: string[] = [];
    const done = await sweepUpdates({
      client,
      watched: new Set([later.ocid]),
      from,
      to: new Date('2026-01-15T17:00:00Z'),
      onWindowDone: (end) => void ends.push(end.toISOString()),
    });
    expect(fts.listRequests().filter((r) => r.cursor !== undefined)).toEqual([]);
    expect(fts.listRequests().at(-1)).toMatchObject({ updatedFrom: '2026-01-15T15:00:00', updatedTo: '2026-01-15T17:00:00', rows: 1 });
    expect([...done.changed]).toEqual([later.ocid]);
    expect(ends).toEqual(['2026-01-15T15:00:00.000Z', '2026-01-15T17:00:00.000Z']);
  });
});
