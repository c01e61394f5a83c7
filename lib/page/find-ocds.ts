/**
 * Finds OCDS in a page: JSON printed in it (FTS's own JSON views shown by the browser, and
 * sites that republish FTS records with the JSON in a <pre>/<code> block or a JSON script),
 * and the ocid an FTS notice page shows. Takes the smallest slice of a document it needs,
 * so it is tested on saved pages in Node.
 */
import { MAX_OCID_LENGTH, OCID_PATTERN } from '../fts/urls';

export interface TextNode {
  textContent: string | null;
}

export interface PageDocument {
  querySelectorAll(selectors: string): ArrayLike<TextNode>;
  body: TextNode | null;
  contentType?: string;
}

const CANDIDATES = 'script[type="application/json"], script[type="application/ld+json"], pre, code';

const looksLikeOcds = (text: string) => /^\s*[[{]/.test(text) && text.includes('"ocid"');

/** The longest piece of JSON text in the page that names an ocid, or undefined. */
export function findOcdsText(doc: PageDocument): string | undefined {
  if (doc.contentType && /json/i.test(doc.contentType)) {
    const text = doc.body?.textContent ?? '';
    if (looksLikeOcds(text)) return text;
  }
  let best: string | undefined;
  const nodes = doc.querySelectorAll(CANDIDATES);
  for (let i = 0; i < nodes.length; i++) {
    const text = nodes[i]!.textContent ?? '';
    if (looksLikeOcds(text) && (!best || text.length > best.length)) best = text;
  }
  return best;
}

const OCID_IN_TEXT = new RegExp(`\\b${OCID_PATTERN}`);

/**
 * The first ocid in the page's main content (FTS's notice page shows the procurement's
 * ocid near its top). Found by its form, not by the label before it, which is in Welsh on
 * the Welsh page. Only a hint (markup with no space after it would glue the next words
 * on): the background uses it only if FTS's releases of that ocid hold the notice.
 */
export function findOcid(doc: PageDocument): string | undefined {
  const text = (doc.querySelectorAll('main')[0] ?? doc.body)?.textContent ?? '';
  const found = OCID_IN_TEXT.exec(text)?.[0];
  return found && found.length <= MAX_OCID_LENGTH ? found : undefined;
}
