/** Find a Tender addresses, and the only links the product will ever make: https ones. */

export const FTS_ORIGIN = 'https://www.find-tender.service.gov.uk';

const NOTICE_ID = /^\d{6}-\d{4}$/;

export function isNoticeId(text: string): boolean {
  return NOTICE_ID.test(text);
}

/** The FTS page of a notice, when the id has FTS's form. */
export function noticeUrl(noticeId: string): string | undefined {
  return isNoticeId(noticeId) ? `${FTS_ORIGIN}/Notice/${noticeId}` : undefined;
}

/** The URL when it is a well-formed https: URL; anything else (javascript:, http:, text) gives undefined. */
export function safeHttpsUrl(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' && url.hostname !== '' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
