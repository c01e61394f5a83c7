/**
 * What the content script asks the background for, by the page it is on: a notice by its id,
 * a procurement page by the ocid in its address, which is checked first (one that is not of
 * FTS's form is said so, and nothing is asked).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { load } from '../../entrypoints/notice.content/load';
import type { PageDocument } from '../../lib/page/find-ocds';

const FTS = 'https://www.find-tender.service.gov.uk';
/** A page with no JSON in it and `text` in its main content. */
const page = (text = ''): PageDocument => ({ querySelectorAll: (selectors) => (selectors === 'main' ? [{ textContent: text }] : []), body: { textContent: text } });

let sent: unknown[];
beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    sent.push(message);
    return Promise.resolve({ ok: false, error: { kind: 'notFound', message: 'answered', canRetry: false } });
  });
});

describe('load', () => {
  it('on a procurement page, asks for the procurement of the ocid in its address', async () => {
    await load(new URL(`${FTS}/procurement/ocds-h6vhtk-05cfd9`), page('Procurement identifier (OCID): ocds-h6vhtk-000000'));
    expect(sent).toEqual([{ type: 'timeline:forProcurement', payload: { ocid: 'ocds-h6vhtk-05cfd9' } }]);
  });

  it.each(['OCDS-H6VHTK-05CFD9', 'ocds-h6vhtk-05cfd9%3Cscript%3E', '066750-2025', `ocds-h6vhtk-${'a'.repeat(200)}`])(
    'on a procurement page whose address names no ocid (%s), says so and asks nothing',
    async (named) => {
      const answer = await load(new URL(`${FTS}/procurement/${named}`), page());
      expect(answer).toEqual({ ok: false, error: { message: expect.stringMatching(/^This page's address does not name a procurement/), canRetry: false } });
      expect(sent).toEqual([]);
    },
  );

  it('on a notice page, asks for the notice with the ocid its page shows', async () => {
    await load(new URL(`${FTS}/Notice/066750-2025`), page('Procurement identifier (OCID): ocds-h6vhtk-05cfd9'));
    expect(sent).toEqual([{ type: 'timeline:forNotice', payload: { noticeId: '066750-2025', ocid: 'ocds-h6vhtk-05cfd9' } }]);
  });
});
