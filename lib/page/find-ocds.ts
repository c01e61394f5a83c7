/**
 * Finds OCDS JSON printed in a page: FTS's own JSON views shown by the browser, and sites
 * that republish FTS records with the JSON in a <pre>/<code> block or a JSON script.
 * Takes the smallest slice of a document it needs, so it is tested on saved pages in Node.
 */

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
