/** Finding watched procurements by words: the popup's search box and the watchlist page's filter. */

/** What a search reads of a row (a `WatchlistRow`, or a stored entry). */
export interface SearchableText {
  title?: string;
  buyer?: string;
  tags: readonly string[];
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** What the user typed, made comparable: lower case, accents and other marks removed, spaces collapsed. */
export function normaliseForSearch(text: string): string {
  // Most titles are plain ASCII, which has no marks to remove: no Unicode normalisation, many times faster.
  const unmarked = PRINTABLE_ASCII.test(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '');
  return unmarked.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a query, each of which must be found: `[]` when it has none. */
export function searchWords(query: string): string[] {
  return normaliseForSearch(query).split(' ').filter(Boolean);
}

// Rows are replaced, never changed in place: each one's search text is worked out once.
const haystacks = new WeakMap<SearchableText, string>();

function haystack(row: SearchableText): string {
  let text = haystacks.get(row);
  if (text === undefined) {
    text = normaliseForSearch([row.title ?? '', row.buyer ?? '', ...row.tags].join('\n'));
    haystacks.set(row, text);
  }
  return text;
}

/** Whether every one of `words` (from `searchWords`) is in the row's title, buyer or tags. */
export function hasEveryWord(row: SearchableText, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = haystack(row);
  return words.every((word) => text.includes(word));
}
