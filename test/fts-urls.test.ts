import { describe, expect, it } from 'vitest';
import {
  FTS_ORIGIN,
  ftsNextPage,
  isFtsJsonView,
  noticeIdFromUrl,
  noticeUrl,
  procurementPageOcid,
  procurementReleasesUrl,
  releasePackageUrl,
  safeHttpsUrl,
} from '../lib/fts/urls';

const FTS = 'https://www.find-tender.service.gov.uk';

describe('noticeIdFromUrl', () => {
  it.each([
    [`${FTS}/Notice/008624-2023`, '008624-2023'],
    [`${FTS}/Notice/066750-2025?origin=SearchResults&p=1`, '066750-2025'],
    [`${FTS}/Notice/066750-2025#award-1`, '066750-2025'],
    [`${FTS}/Notice/066750-2025?lang=cy`, '066750-2025'],
    [`${FTS}/Notice/066750-2025/`, '066750-2025'],
    [`${FTS}/Notice/066750-2025/OCDS/Record`, '066750-2025'],
    [`${FTS}/Notice/066750-2025/OCDS/ReleasePackage`, '066750-2025'],
    [`${FTS}/Notice/008624-2023/PDF`, '008624-2023'],
    ['https://WWW.Find-Tender.Service.GOV.UK/Notice/066750-2025', '066750-2025'],
    ['https://www.find-tender.service.gov.uk:443/Notice/066750-2025', '066750-2025'],
  ])('%s → %s', (href, expected) => {
    expect(noticeIdFromUrl(new URL(href))).toBe(expected);
  });

  it.each([
    // other hosts, including ones that carry the same path
    'https://d3tenders.com/contract/?ocid=ocds-h6vhtk-06bae5',
    'https://d3tenders.com/Notice/066750-2025',
    'https://www.contractsfinder.service.gov.uk/Notice/066750-2025',
    // lookalike hosts
    'http://www.find-tender.service.gov.uk.evil.example/Notice/066750-2025',
    'https://www.find-tender.service.gov.uk.evil.example/Notice/066750-2025',
    'http://www-find-tender.service.gov.uk/Notice/066750-2025',
    'http://evil.example/www.find-tender.service.gov.uk/Notice/066750-2025',
    'http://www.find-tender.service.gov.uk@evil.example/Notice/066750-2025',
    'http://evil.example/?u=https://www.find-tender.service.gov.uk/Notice/066750-2025',
    // FTS pages that are not one notice
    `${FTS}/Notice/abc`,
    `${FTS}/Notice/`,
    `${FTS}/Notice`,
    `${FTS}/Notice/66750-2025`,
    `${FTS}/Notice/066750-25`,
    `${FTS}/Notice/066750-2025abc`,
    `${FTS}/Notice/0667500-2025`,
    `${FTS}/Search/Notice/066750-2025`,
    `${FTS}/Search?keywords=066750-2025`,
    `${FTS}/?next=/Notice/066750-2025`,
    `${FTS}/Manage/WatchedNotices`,
  ])('%s → undefined', (href) => {
    expect(noticeIdFromUrl(new URL(href))).toBeUndefined();
  });

  it('needs only hostname and pathname (a Location or a URL)', () => {
    expect(noticeIdFromUrl({ hostname: 'www.find-tender.service.gov.uk', pathname: '/Notice/066750-2025' })).toBe('066750-2025');
  });
});

describe('procurementPageOcid', () => {
  it.each([
    [`${FTS}/procurement/ocds-h6vhtk-05cfd9`, { ocid: 'ocds-h6vhtk-05cfd9' }],
    [`${FTS}/procurement/ocds-h6vhtk-05cfd9/`, { ocid: 'ocds-h6vhtk-05cfd9' }],
    [`${FTS}/procurement/ocds-h6vhtk-05cfd9?lang=cy#lots`, { ocid: 'ocds-h6vhtk-05cfd9' }],
    [`${FTS}/procurement/ocds-b5fd17-2c5b8f46-a5b6-4b36-a7d5-e9ae4d2c5b36`, { ocid: 'ocds-b5fd17-2c5b8f46-a5b6-4b36-a7d5-e9ae4d2c5b36' }],
    // A procurement page whose address names no ocid of FTS's form: said so, and no ocid to ask for.
    [`${FTS}/procurement/`, {}],
    [`${FTS}/procurement/066750-2025`, {}],
    [`${FTS}/procurement/OCDS-H6VHTK-05CFD9`, {}],
    [`${FTS}/procurement/ocds-h6vhtk05cfd9`, {}],
    [`${FTS}/procurement/ocds-h6vht-05cfd9`, {}],
    [`${FTS}/procurement/ocds-h6vhtk-05cfd9-`, {}],
    [`${FTS}/procurement/ocds-h6vhtk-05cfd9%2F..%2F..%2Fapi`, {}],
    [`${FTS}/procurement/ocds-h6vhtk-05cfd9%20`, {}],
    [`${FTS}/procurement/ocds-h6vhtk-${'a'.repeat(89)}`, {}],
  ])('%s → %j', (href, expected) => {
    expect(procurementPageOcid(new URL(href))).toEqual(expected);
  });

  it('takes the longest ocid that is still one (100 characters)', () => {
    const ocid = `ocds-h6vhtk-${'a'.repeat(88)}`;
    expect(ocid).toHaveLength(100);
    expect(procurementPageOcid(new URL(`${FTS}/procurement/${ocid}`))).toEqual({ ocid });
  });

  it.each([
    `${FTS}/procurement`,
    `${FTS}/procurement/ocds-h6vhtk-05cfd9/notices`,
    `${FTS}/Notice/066750-2025`,
    `${FTS}/Search/procurement/ocds-h6vhtk-05cfd9`,
    'https://d3tenders.com/procurement/ocds-h6vhtk-05cfd9',
    'https://www.find-tender.service.gov.uk.evil.example/procurement/ocds-h6vhtk-05cfd9',
  ])('%s is not a procurement page → undefined', (href) => {
    expect(procurementPageOcid(new URL(href))).toBeUndefined();
  });
});

describe('isFtsJsonView', () => {
  it.each([
    `${FTS}/Notice/066750-2025/OCDS/Record`,
    `${FTS}/Notice/066750-2025/OCDS/ReleasePackage`,
    `${FTS}/Notice/066750-2025/OCDS/ReleasePackage?lang=cy`,
    `${FTS}/api/1.0/ocdsReleasePackages/066750-2025`,
    `${FTS}/api/1.0/ocdsRecordPackages/ocds-h6vhtk-05cfd9`,
    `${FTS}/api/latest/ocdsReleasePackages/066750-2025`,
    `${FTS}/api/latest/ocdsRecordPackages/ocds-h6vhtk-05cfd9`,
  ])('%s is a JSON view', (href) => {
    expect(isFtsJsonView(new URL(href))).toBe(true);
  });

  it.each([
    `${FTS}/Notice/066750-2025`,
    `${FTS}/Notice/066750-2025?lang=cy`,
    `${FTS}/Notice/066750-2025/PDF`,
    `${FTS}/Notice/abc/OCDS/Record`,
    `${FTS}/api/2.0/ocdsRecordPackages/ocds-h6vhtk-05cfd9`,
    `${FTS}/api/1.0/somethingElse/066750-2025`,
    `${FTS}/Search?q=/Notice/066750-2025/OCDS/Record`,
    'https://d3tenders.com/Notice/066750-2025/OCDS/Record',
    'https://d3tenders.com/api/1.0/ocdsRecordPackages/ocds-h6vhtk-05cfd9',
    'http://www.find-tender.service.gov.uk.evil.example/Notice/066750-2025/OCDS/Record',
    'https://www.find-tender.service.gov.uk.evil.example/api/1.0/ocdsRecordPackages/ocds-h6vhtk-05cfd9',
  ])('%s is not', (href) => {
    expect(isFtsJsonView(new URL(href))).toBe(false);
  });
});

describe('safeHttpsUrl', () => {
  it.each([
    [`${FTS}/Notice/066750-2025`, `${FTS}/Notice/066750-2025`],
    ['https://www.leics.police.uk/contact?x=1#top', 'https://www.leics.police.uk/contact?x=1#top'],
    ['https://example.org', 'https://example.org/'],
    ['HTTPS://Example.ORG/Docs', 'https://example.org/Docs'],
    ['https://example.org/a file.pdf', 'https://example.org/a%20file.pdf'],
    // padding is removed; what comes back is the clean href
    ['  https://example.org/tender  ', 'https://example.org/tender'],
    ['\n\thttps://example.org/tender\n', 'https://example.org/tender'],
  ])('%j → %s', (text, expected) => {
    expect(safeHttpsUrl(text)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    '  javascript:alert(1)',
    '\njavascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    ' data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'http://example.org/',
    '  http://example.org/  ',
    'HTTP://www.find-tender.service.gov.uk/Notice/066750-2025',
    'ftp://example.org/file',
    'file:///etc/passwd',
    'mailto:Procurement@leics.police.uk',
    'blob:https://example.org/1b2c',
    'https:',
    'https://',
    'https:///',
    'https://:443/',
    '/Notice/066750-2025',
    'Notice/066750-2025',
    '//evil.example/x',
    'www.find-tender.service.gov.uk/Notice/066750-2025',
    'not a url',
    '',
    '   ',
    null,
    undefined,
  ])('%j → undefined', (text) => {
    expect(safeHttpsUrl(text)).toBeUndefined();
  });
});

describe('noticeUrl', () => {
  it('makes the FTS page of a notice id', () => {
    expect(noticeUrl('066750-2025')).toBe('https://www.find-tender.service.gov.uk/Notice/066750-2025');
    expect(noticeUrl('008624-2023')).toBe(`${FTS_ORIGIN}/Notice/008624-2023`);
  });

  it.each(['', 'abc', '66750-2025', '066750-25', '066750-2025 ', ' 066750-2025', '066750-2025/OCDS/Record', '../066750-2025', '066750-2025?x=1', '2023/S 000-008624', 'ocds-h6vhtk-05cfd9'])(
    '%j → undefined',
    (id) => {
      expect(noticeUrl(id)).toBeUndefined();
    },
  );
});

describe('data URLs', () => {
  it('FTS_ORIGIN is the https origin of Find a Tender', () => {
    expect(FTS_ORIGIN).toBe('https://www.find-tender.service.gov.uk');
    expect(new URL(FTS_ORIGIN).origin).toBe(FTS_ORIGIN);
  });

  it('releasePackageUrl is the notice page\'s own link to its release', () => {
    expect(releasePackageUrl('008624-2023')).toBe('https://www.find-tender.service.gov.uk/Notice/008624-2023/OCDS/ReleasePackage');
    // the saved FTS page links exactly this path
    expect(new URL(releasePackageUrl('008624-2023')).pathname).toBe('/Notice/008624-2023/OCDS/ReleasePackage');
    expect(isFtsJsonView(new URL(releasePackageUrl('066750-2025')))).toBe(true);
    expect(noticeIdFromUrl(new URL(releasePackageUrl('066750-2025')))).toBe('066750-2025');
  });

  it.each(['ocds-h6vhtk-05cfd9', 'ocds-h6vhtk-037c6c'])('procurementReleasesUrl(%s) is the API\'s package of every release of the ocid', (ocid) => {
    expect(procurementReleasesUrl(ocid)).toBe(`https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages/${ocid}`);
    expect(isFtsJsonView(new URL(procurementReleasesUrl(ocid)))).toBe(true);
  });

  it.each([
    ['ocds-h6vhtk-05cfd9/../../Notice/x', 'ocds-h6vhtk-05cfd9%2F..%2F..%2FNotice%2Fx'],
    ['ocds-h6vhtk-05cfd9?limit=100#x', 'ocds-h6vhtk-05cfd9%3Flimit%3D100%23x'],
    ['ocds h6vhtk&05cfd9', 'ocds%20h6vhtk%2605cfd9'],
  ])('procurementReleasesUrl URL-encodes the ocid %j', (ocid, encoded) => {
    const href = procurementReleasesUrl(ocid);
    expect(href).toBe(`https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages/${encoded}`);
    const url = new URL(href);
    expect(url.origin).toBe(FTS_ORIGIN);
    expect(url.search).toBe('');
    expect(url.hash).toBe('');
    expect(url.pathname.startsWith('/api/1.0/ocdsReleasePackages/')).toBe(true);
    expect(decodeURIComponent(url.pathname.slice('/api/1.0/ocdsReleasePackages/'.length))).toBe(ocid);
  });
});

describe('ftsNextPage', () => {
  // The real `links.next` of test/fixtures/fts/api/whole-stream/page-001.json.
  const realNext =
    'https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages?updatedFrom=2026-07-13T00:00:00&updatedTo=2026-08-12T00:00:00&limit=100&cursor=dXBkYXRlZEZyb209MjAyNi0wNy0xM1QwMDowMDowMHx1cGRhdGVkVG89MjAyNi0wOC0xMlQwMDowMDowMHxuZXh0Q3Vyc29yPTU4MzIyNg==';

  it('follows FTS\'s own next page', () => {
    expect(ftsNextPage({ next: realNext })).toBe(realNext);
  });

  it.each([
    ['no links', undefined],
    ['links without next (the last page)', {}],
    ['a next that is not text', { next: 42 }],
    ['another site', { next: 'https://evil.example/api/1.0/ocdsReleasePackages/ocds-h6vhtk-05cfd9' }],
    ['a look-alike host', { next: 'https://www.find-tender.service.gov.uk.evil.example/api' }],
    ['plain http', { next: realNext.replace('https:', 'http:') }],
    ['javascript:', { next: 'javascript:alert(1)' }],
  ])('gives nothing for %s', (_name, links) => {
    expect(ftsNextPage(links)).toBeUndefined();
  });
});
