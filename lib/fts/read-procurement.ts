/**
 * One procurement, read from FTS: every release of its ocid
 * (`/api/1.0/ocdsReleasePackages/{ocid}`, up to 100 a page, `links.next` to the next),
 * merged here by the OCDS rules. A record package of the same procurement holds the same
 * releases and also every field's history (`versionedRelease`): megabytes where the
 * releases are about 13 kB each.
 */
import type { FtsClient } from './client';
import { ftsNextPage, procurementReleasesUrl } from './urls';
import type { Problem } from '../ocds/problems';
import { parseOcdsText, readOcdsPages, type ParsedDocument, type ProcurementRead } from '../ocds/read';

/** The most releases FTS puts on one page: a full page may have a next one. */
export const RELEASES_PER_PAGE = 100;
/** A runaway `links.next` chain ends here (a reused ocid has been seen with over 100 releases, not thousands). */
export const MAX_RELEASE_PAGES = 50;

type TextClient = Pick<FtsClient, 'getText'>;

function releasesOf(value: unknown): unknown[] | undefined {
  const releases = value !== null && typeof value === 'object' ? (value as { releases?: unknown }).releases : undefined;
  return Array.isArray(releases) ? releases : undefined;
}

/**
 * FTS's releases of `ocid`, read (the result may be cut off: see its `completeness`). Throws when
 * FTS cannot be asked, or its answer is not a package holding that procurement.
 */
export async function readProcurement(client: TextClient, ocid: string): Promise<ProcurementRead> {
  const pages: ParsedDocument[] = [];
  const problems: Problem[] = [];
  let url: string | undefined = procurementReleasesUrl(ocid);
  while (url) {
    const parsed = parseOcdsText(await client.getText(url));
    if (!parsed.ok) throw new Error(parsed.message);
    pages.push({ value: parsed.value, repairs: parsed.repairs });
    const releases = releasesOf(parsed.value);
    if (!releases || releases.length < RELEASES_PER_PAGE) break;
    url = ftsNextPage((parsed.value as { links?: unknown }).links);
    const where = pages.length === 1 ? '$' : `$[${pages.length - 1}]`;
    if (!url) {
      problems.push({ path: where, message: `Find a Tender listed ${releases.length} releases, as many as one page holds, and no next page: any further releases of this procurement are not shown` });
    } else if (pages.length === MAX_RELEASE_PAGES) {
      problems.push({ path: where, message: `Find a Tender listed more than ${MAX_RELEASE_PAGES * RELEASES_PER_PAGE} releases for this procurement; only the first ${MAX_RELEASE_PAGES} pages were read` });
      url = undefined;
    }
  }
  const read = readOcdsPages(pages);
  if (!read.ok) throw new Error(read.message);
  const found = read.procurements.find((p) => p.procurement.ocid === ocid);
  if (!found) throw new Error(`Find a Tender's releases of ${ocid} did not hold that procurement`);
  return problems.length ? { ...found, problems: [...found.problems, ...problems] } : found;
}
