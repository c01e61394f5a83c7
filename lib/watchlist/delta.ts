/**
 * What differs between two JSON-like values (objects, arrays, strings, numbers, booleans,
 * null), as a delta that turns the first into the second. Snapshots of a procurement repeat
 * almost everything from one read to the next: each older one is stored as the delta from
 * the one after it (lib/watchlist/history.ts). Keys are kept as [key, delta] pairs, never as
 * property names, so no key in the data (`__proto__`) can reach an object's prototype.
 */

export type Delta =
  /** The value itself. */
  | { v: unknown }
  /** An object: the keys whose values differ, and the keys it no longer has. */
  | { k: Array<[string, Delta]>; x?: string[] }
  /** An array: its length, and the items that differ. */
  | { n: number; i: Array<[number, Delta]> };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The delta from `from` to `to`; undefined when they are equal. */
export function diff(from: unknown, to: unknown): Delta | undefined {
  if (Array.isArray(from) && Array.isArray(to)) {
    const items: Array<[number, Delta]> = [];
    to.forEach((item, i) => {
      const d = i < from.length ? diff(from[i], item) : { v: item };
      if (d) items.push([i, d]);
    });
    return items.length > 0 || to.length !== from.length ? { n: to.length, i: items } : undefined;
  }
  if (isObject(from) && isObject(to)) {
    const keys: Array<[string, Delta]> = [];
    for (const key of Object.keys(to)) {
      const d = Object.hasOwn(from, key) ? diff(from[key], to[key]) : to[key] === undefined ? undefined : { v: to[key] };
      if (d) keys.push([key, d]);
    }
    const gone = Object.keys(from).filter((key) => !Object.hasOwn(to, key) || (to[key] === undefined && from[key] !== undefined));
    if (keys.length === 0 && gone.length === 0) return undefined;
    return gone.length > 0 ? { k: keys.filter(([key]) => !gone.includes(key)), x: gone } : { k: keys };
  }
  return Object.is(from, to) ? undefined : { v: to };
}

/** `from` with `delta` applied (`from` is not changed). */
export function patch(from: unknown, delta: Delta | undefined): unknown {
  if (!delta) return from;
  if ('v' in delta) return delta.v;
  if ('n' in delta) {
    const items = Array.isArray(from) ? from.slice(0, delta.n) : [];
    for (const [i, d] of delta.i) items[i] = patch(items[i], d);
    return items;
  }
  const source = isObject(from) ? from : {};
  const gone = new Set(delta.x);
  const changed = new Map(delta.k);
  const entries = Object.keys(source)
    .filter((key) => !gone.has(key))
    .map((key): [string, unknown] => [key, changed.has(key) ? patch(source[key], changed.get(key)) : source[key]]);
  for (const [key, d] of delta.k) if (!Object.hasOwn(source, key)) entries.push([key, patch(undefined, d)]);
  return Object.fromEntries(entries);
}
