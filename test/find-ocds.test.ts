import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { findOcdsText, findOcid, type PageDocument } from '../lib/page/find-ocds';
import { readReal } from './support/fixtures';

const realPagesDir = fileURLToPath(new URL('./fixtures/fts/pages/', import.meta.url));
const ownPagesDir = fileURLToPath(new URL('./fixtures/pages/', import.meta.url));

const windows: Window[] = [];
afterAll(async () => {
  await Promise.all(windows.map((window) => window.happyDOM.close()));
});

/** A document as the browser would build it from the HTML; scripts are neither fetched nor run. */
function parse(html: string, url = 'https://example.org/') {
  const window = new Window({ url, settings: { disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: true } });
  windows.push(window);
  return new window.DOMParser().parseFromString(html, 'text/html');
}

/** The same document as a browser reports it when the response itself was JSON. */
function asJsonResponse(doc: ReturnType<typeof parse>): PageDocument {
  return { querySelectorAll: (selectors) => doc.querySelectorAll(selectors), body: doc.body, contentType: 'application/json' };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const record05cfd9 = readReal('ocds-h6vhtk-05cfd9.json');
const record06bae5 = readReal('ocds-h6vhtk-06bae5.json');

describe('findOcdsText on the real saved FTS notice page', () => {
  const doc = parse(readFileSync(`${realPagesDir}fts-notice-008624-2023.html`, 'utf8'), 'https://www.find-tender.service.gov.uk/Notice/008624-2023');

  it('is the page we think it is (so the "nothing found" below is not vacuous)', () => {
    expect(doc.querySelector('main.notice-view h1')?.textContent?.trim()).toBe('National Framework Agreement for Adalimumab Injection 1 April 2023');
    expect(doc.querySelector('main.notice-view')?.textContent).toContain('Procurement identifier (OCID): ocds-h6vhtk-037c6c');
    expect(doc.querySelector('a[href="/Notice/008624-2023/OCDS/ReleasePackage"]')).not.toBeNull();
    expect(doc.querySelectorAll('script').length).toBeGreaterThan(5);
  });

  it('finds no OCDS JSON: the page names its ocid only in prose and links to the JSON', () => {
    expect(findOcdsText(doc)).toBeUndefined();
  });

  it('finds the ocid the page shows ("Procurement identifier (OCID): ocds-h6vhtk-037c6c")', () => {
    expect(findOcid(doc)).toBe('ocds-h6vhtk-037c6c');
  });
});

describe('findOcid', () => {
  const page = readFileSync(`${realPagesDir}fts-notice-008624-2023.html`, 'utf8');

  it('finds it by its form, whatever the label says (the Welsh page has its own)', () => {
    const relabelled = page.replace('Procurement identifier (OCID):', 'Dynodwr (OCID):').replace('Notice identifier:', 'Dynodwr hysbysiad:');
    expect(relabelled).not.toContain('Procurement identifier');
    expect(findOcid(parse(relabelled))).toBe('ocds-h6vhtk-037c6c');
  });

  it('takes the first ocid of the main content, not one in the navigation before it', () => {
    const doc = parse('<body><nav>See ocds-h6vhtk-0aaaaa</nav><main><h1>A notice</h1>\n<p>OCID: ocds-h6vhtk-037c6c </p>\n<p>Follows ocds-h6vhtk-012345.</p></main></body>');
    expect(findOcid(doc)).toBe('ocds-h6vhtk-037c6c');
  });

  it.each([
    ['no ocid at all', '<main><p>Notice identifier: 2023/S 000-008624</p></main>'],
    ['an ocid-like word with a short prefix', '<main><p>ocds-h6v-037c6c</p></main>'],
    ['an ocid longer than any real one', `<main><p>ocds-h6vhtk-${'a'.repeat(200)}</p></main>`],
  ])('gives nothing for %s', (_name, html) => {
    expect(findOcid(parse(html))).toBeUndefined();
  });

  it('stops at the end of the ocid (a full stop or a space after it)', () => {
    expect(findOcid(parse('<main><p>It is ocds-h6vhtk-037c6c. Next.</p></main>'))).toBe('ocds-h6vhtk-037c6c');
  });
});

describe('findOcdsText on a republishing site (d3tenders.com/contract/?ocid=…)', () => {
  const html = readFileSync(`${ownPagesDir}d3tenders-contract.html`, 'utf8');
  const doc = parse(html, 'https://d3tenders.com/contract/?ocid=ocds-h6vhtk-06bae5');

  it('has non-OCDS <code> snippets beside the record (one of them JSON, one naming "ocid")', () => {
    const codes = Array.from(doc.querySelectorAll('code'), (node) => node.textContent ?? '');
    expect(codes).toContain('{"updatedFrom": "2026-06-23T00:00:00", "limit": 100}');
    expect(codes).toContain('"ocid": "ocds-h6vhtk-06bae5"');
  });

  it('returns the record printed in the <pre>, character for character (HTML entities decoded)', () => {
    const text = findOcdsText(doc);
    expect(text).toBe(record06bae5.trimEnd());
    expect(text).toContain('Police, Fire & Crime Commissioner for Staffordshire');
    expect(JSON.parse(text!)).toEqual(JSON.parse(record06bae5));
  });
});

describe('findOcdsText on other pages that hold the JSON', () => {
  it.each(['application/json', 'application/ld+json'])('reads a <script type="%s"> block', (type) => {
    const doc = parse(`<!DOCTYPE html><html><head><title>Record</title>
      <script type="${type}" id="record">${record05cfd9}</script></head>
      <body><h1>Out of Court Resolution</h1><p>See the record.</p></body></html>`);
    const text = findOcdsText(doc);
    expect(text).toBeDefined();
    expect(JSON.parse(text!)).toEqual(JSON.parse(record05cfd9));
  });

  it('ignores a script block of another type (text/javascript) that holds the same JSON', () => {
    const doc = parse(`<html><head><script type="text/javascript">${record05cfd9}</script></head><body></body></html>`);
    expect(findOcdsText(doc)).toBeUndefined();
  });

  // What Chrome builds for a JSON response: the raw text in a <pre> (newer versions add an empty formatter container).
  const releasePackage = JSON.stringify({
    uri: 'https://www.find-tender.service.gov.uk/Notice/066750-2025/OCDS/ReleasePackage',
    publishedDate: '2025-10-20T14:19:05+01:00',
    releases: [{ ...JSON.parse(record05cfd9), id: '066750-2025', tag: ['tender'] }],
  });
  it.each([
    ['the classic JSON view', `<html><head><meta name="color-scheme" content="light dark"></head><body><pre style="word-wrap: break-word; white-space: pre-wrap;">${escapeHtml(releasePackage)}</pre></body></html>`],
    ['the JSON view with a formatter container', `<html><head></head><body><div class="json-formatter-container"></div><pre>${escapeHtml(releasePackage)}</pre></body></html>`],
  ])('reads %s, as an HTML document and as a JSON-typed one', (_name, html) => {
    const doc = parse(html, 'https://www.find-tender.service.gov.uk/Notice/066750-2025/OCDS/ReleasePackage');
    expect(findOcdsText(doc)).toBe(releasePackage);
    expect(findOcdsText(asJsonResponse(doc))).toBe(releasePackage);
  });

  it('gives undefined for a JSON response that is not OCDS (an FTS error body)', () => {
    const doc = parse('<html><body><pre>{"status":404,"title":"Not Found"}</pre></body></html>');
    expect(findOcdsText(asJsonResponse(doc))).toBeUndefined();
    expect(findOcdsText(doc)).toBeUndefined();
  });
});

describe('findOcdsText with several candidates', () => {
  const release = '{"ocid": "ocds-h6vhtk-05cfd9", "id": "077802-2025", "tag": ["tenderUpdate"]}';
  const bigNotOcds = JSON.stringify({ note: 'x'.repeat(record05cfd9.length * 2), releases: [] });
  const recordPre = `<pre>${escapeHtml(record05cfd9)}</pre>`;
  const releaseCode = `<code>${escapeHtml(release)}</code>`;
  const bigCode = `<pre>${escapeHtml(bigNotOcds)}</pre>`;

  it.each([
    ['short release first', [releaseCode, recordPre, bigCode]],
    ['record first', [recordPre, bigCode, releaseCode]],
    ['longer non-OCDS JSON first', [bigCode, releaseCode, recordPre]],
  ])('the longest text that names an ocid wins (%s)', (_name, parts) => {
    const doc = parse(`<html><body><main>${parts.join('\n<p>between</p>\n')}</main></body></html>`);
    expect(findOcdsText(doc)).toBe(record05cfd9);
  });

  it('a short OCDS snippet is found when it is the only one', () => {
    const doc = parse(`<html><body>${releaseCode}${bigCode}</body></html>`);
    expect(findOcdsText(doc)).toBe(release);
  });
});

describe('findOcdsText with hostile text', () => {
  const hostileTitle = '</pre><script>alert("pwned")</script><img src=x onerror=alert(1)>';
  const hostileRecord = JSON.stringify({ ...JSON.parse(record05cfd9), tender: { ...JSON.parse(record05cfd9).tender, title: hostileTitle } }, null, 2);

  it('markup inside JSON strings in a <pre> comes back as text, and no element is made from it', () => {
    const doc = parse(`<html><body><h1>Record</h1><pre>${escapeHtml(hostileRecord)}</pre></body></html>`);
    const text = findOcdsText(doc);
    expect(text).toBe(hostileRecord);
    expect(JSON.parse(text!).tender.title).toBe(hostileTitle);
    expect(doc.querySelectorAll('script, img').length).toBe(0);
  });

  it('markup inside JSON strings in a JSON script block comes back as text', () => {
    // In a script block, "</" must be written "<\/" (a JSON escape), or the block would end there.
    const inScript = hostileRecord.replace(/<\//g, '<\\/');
    const doc = parse(`<html><head><script type="application/json">${inScript}</script></head><body></body></html>`);
    const text = findOcdsText(doc);
    expect(text).toBe(inScript);
    expect(JSON.parse(text!).tender.title).toBe(hostileTitle);
    expect(doc.querySelectorAll('script').length).toBe(1);
    expect(doc.querySelectorAll('img').length).toBe(0);
  });
});

describe('findOcdsText on the smallest documents (no DOM)', () => {
  const page = (texts: string[], extra: Partial<PageDocument> = {}): PageDocument => ({
    querySelectorAll: () => texts.map((textContent) => ({ textContent })),
    body: null,
    ...extra,
  });

  it.each<[string, PageDocument, string | undefined]>([
    ['nothing at all', page([]), undefined],
    ['JSON without "ocid"', page(['{"id": "066750-2025"}']), undefined],
    ['"ocid" in prose, not JSON', page(['The "ocid" is ocds-h6vhtk-05cfd9']), undefined],
    ['an unquoted ocid key', page(['{ocid: "ocds-h6vhtk-05cfd9"}']), undefined],
    ['leading whitespace before the brace', page(['\n  {"ocid": "ocds-h6vhtk-05cfd9"}']), '\n  {"ocid": "ocds-h6vhtk-05cfd9"}'],
    ['an array of releases', page(['[{"ocid": "ocds-h6vhtk-05cfd9"}]']), '[{"ocid": "ocds-h6vhtk-05cfd9"}]'],
    ['a null textContent', page([null as unknown as string]), undefined],
    [
      'a JSON response body',
      page([], { contentType: 'application/json; charset=utf-8', body: { textContent: '{"ocid": "ocds-h6vhtk-05cfd9"}' } }),
      '{"ocid": "ocds-h6vhtk-05cfd9"}',
    ],
    ['an HTML response body is not read whole', page([], { contentType: 'text/html', body: { textContent: '{"ocid": "ocds-h6vhtk-05cfd9"}' } }), undefined],
    ['a JSON response without a body', page([], { contentType: 'application/json', body: null }), undefined],
  ])('%s', (_name, doc, expected) => {
    expect(findOcdsText(doc)).toBe(expected);
  });
});
