import { isFtsJsonView, noticeIdFromUrl, procurementPageOcid } from '@/lib/fts/urls';
import { ask, type TimelineResponse } from '@/lib/messages';
import { findOcdsText, findOcid, type PageDocument } from '@/lib/page/find-ocds';
import { send } from '../popup/send';

export type LoadAnswer = TimelineResponse | { ok: false; error: { message: string; canRetry: boolean } };

const refused = (message: string): Promise<LoadAnswer> => Promise.resolve({ ok: false, error: { message, canRetry: false } });

/**
 * Asks the background for the page's timeline: from JSON in the page, by notice id (and the
 * ocid the page shows), or by the ocid in a procurement page's address, checked here first.
 */
export function load(location: URL, doc: PageDocument): Promise<LoadAnswer> {
  const noticeId = noticeIdFromUrl(location);
  const text = findOcdsText(doc);
  if (text) return ask(send, 'timeline:fromText', { text, noticeId, pageUrl: location.href });
  if (noticeId && !isFtsJsonView(location)) return ask(send, 'timeline:forNotice', { noticeId, ocid: findOcid(doc) });
  const procurementPage = procurementPageOcid(location);
  if (procurementPage?.ocid) return ask(send, 'timeline:forProcurement', { ocid: procurementPage.ocid });
  if (procurementPage) return refused("This page's address does not name a procurement in Find a Tender's form (an ocid such as ocds-h6vhtk-05cfd9), so nothing was asked of Find a Tender.");
  return refused('No procurement data was found on this page.');
}
