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

/** Whether a URL is on Find a Tender itself (its pages, JSON views and API): FTS's own data. */
export function isFtsUrl(text: string | undefined): boolean {
  if (!text) return false;
  try {
    return new URL(text).origin === FTS_ORIGIN;
  } catch {
    return false;
  }
}

/** The notice id of an FTS page, from its URL path only (FTS pages also come in Welsh). */
export function noticeIdFromUrl(location: Pick<URL, 'hostname' | 'pathname'>): string | undefined {
  if (location.hostname !== 'www.find-tender.service.gov.uk') return undefined;
  const match = /^\/Notice\/(\d{6}-\d{4})(?:\/|$)/.exec(location.pathname);
  return match?.[1];
}

/** An ocid as FTS writes them (`ocds-h6vhtk-037c6c`): `ocds-`, a six-character publisher prefix, then the id. */
export const OCID_PATTERN = 'ocds-[a-z0-9]{6}-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*';
/** Longer than this is not an ocid (FTS's are 18 characters). */
export const MAX_OCID_LENGTH = 100;
const OCID = new RegExp(`^${OCID_PATTERN}$`);

/** Whether `text` is, all of it, an ocid of FTS's form. */
export function isOcid(text: string): boolean {
  return text.length <= MAX_OCID_LENGTH && OCID.test(text);
}

/**
 * On an FTS procurement page (`/procurement/{ocid}`, which FTS links to): what its address
 * names, `ocid` only when that is an ocid of FTS's form; undefined on any other page.
 */
export function procurementPageOcid(location: Pick<URL, 'hostname' | 'pathname'>): { ocid?: string } | undefined {
  if (location.hostname !== 'www.find-tender.service.gov.uk') return undefined;
  const match = /^\/procurement\/([^/]*)\/?$/.exec(location.pathname);
  if (!match) return undefined;
  const named = match[1]!;
  return isOcid(named) ? { ocid: named } : {};
}

/** FTS's JSON views, which a browser may show as a page holding the JSON. */
export function isFtsJsonView(location: Pick<URL, 'hostname' | 'pathname'>): boolean {
  if (location.hostname !== 'www.find-tender.service.gov.uk') return false;
  return /^\/Notice\/\d{6}-\d{4}\/OCDS\//.test(location.pathname) || /^\/api\/(?:1\.0|latest)\/ocds(?:Record|Release)Packages\//.test(location.pathname);
}

/** A notice's own release package (one release, ~13 kB): the notice page links it. */
export const releasePackageUrl = (noticeId: string) => `${FTS_ORIGIN}/Notice/${noticeId}/OCDS/ReleasePackage`;
/**
 * Every release of a procurement, up to 100 a page (FTS's API page: "filtering by ocid").
 * What the extension reads a procurement from: a record package of the same procurement
 * repeats each field's history (`versionedRelease`) and runs to megabytes.
 */
export const procurementReleasesUrl = (ocid: string) => `${FTS_ORIGIN}/api/1.0/ocdsReleasePackages/${encodeURIComponent(ocid)}`;

/** A link FTS gives to its next page (`links.next`), when it is an https address on FTS itself. */
export function ftsNextPage(links: unknown): string | undefined {
  const next = links !== null && typeof links === 'object' ? (links as { next?: unknown }).next : undefined;
  const url = typeof next === 'string' ? safeHttpsUrl(next) : undefined;
  return url?.startsWith(`${FTS_ORIGIN}/`) ? url : undefined;
}
