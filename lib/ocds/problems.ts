/** Something in the input that could not be used as it was: the rest is still read. */
export interface Problem {
  /** JSONPath into the input document. */
  path: string;
  /** A sentence a bid manager can read. */
  message: string;
  /** Only on the line that stands for problems left off the list ("and 12,345 more problems"): how many. */
  notListed?: number;
}

/**
 * The most problems one read lists: a document with a million bad fields is reported in
 * the first hundred and a count of the rest, so what is kept, sent and shown stays small.
 */
export const MAX_PROBLEMS = 100;

export interface ListingOptions {
  /** How many to list; the rest are counted in one line. */
  limit?: number;
  /** What the rest are, for the counting line. */
  what?: string;
  /** Problems always listed, even past the limit (a cut-off text must be told). */
  keep?: (problem: Problem) => boolean;
}

/** How many problems a list stands for, counting those left off it. */
export function problemCount(problems: readonly Problem[]): number {
  let count = 0;
  for (const problem of problems) count += problem.notListed ?? 1;
  return count;
}

/** The first problems (`limit`, and those to `keep`) and, when more, one line counting the rest ("and 12,345 more problems, not listed"). */
export function listProblems(problems: Problem[], { limit = MAX_PROBLEMS, what = 'problems', keep }: ListingOptions = {}): Problem[] {
  if (problems.length <= limit) return problems;
  const listed: Problem[] = [];
  let left = 0;
  for (const problem of problems) {
    if (listed.length < limit || keep?.(problem)) listed.push(problem);
    else left += problem.notListed ?? 1;
  }
  if (left === 0) return listed;
  listed.push({ path: '$', message: `and ${left.toLocaleString('en-GB')} more ${what}, not listed`, notListed: left });
  return listed;
}

/** A short, safe description of a value found where something else was expected. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the text ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to use';
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}
