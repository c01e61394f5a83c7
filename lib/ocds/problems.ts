/** Something in the input that could not be used as it was: the rest is still read. */
export interface Problem {
  /** JSONPath into the input document. */
  path: string;
  /** A sentence a bid manager can read. */
  message: string;
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
