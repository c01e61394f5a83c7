/**
 * OCDS merge: the current state of a procurement is its releases merged in order.
 * An absent field is unchanged, `null` removes a field, objects merge field by field,
 * and lists of objects with ids merge element by element by `id`; other lists are
 * replaced whole. The result never contains `null`. Unchanged parts are shared, not
 * copied, so every intermediate state can be kept cheaply.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function hasIds(list: unknown[]): boolean {
  return list.length > 0 && list.every((element) => isObject(element) && element.id != null);
}

function mergeLists(base: unknown, update: unknown[]): unknown[] {
  if (!Array.isArray(base) || !hasIds(update) || !hasIds(base)) return update.map((element) => mergeValue(undefined, element));
  const merged = [...base] as Json[];
  const indexById = new Map(merged.map((element, index) => [String(element.id), index]));
  for (const element of update as Json[]) {
    const key = String(element.id);
    const at = indexById.get(key);
    if (at === undefined) {
      indexById.set(key, merged.length);
      merged.push(mergeValue(undefined, element) as Json);
    } else {
      merged[at] = mergeValue(merged[at], element) as Json;
    }
  }
  return merged;
}

function mergeValue(base: unknown, update: unknown): unknown {
  if (Array.isArray(update)) return mergeLists(base, update);
  if (!isObject(update)) return update;
  const merged: Json = isObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(update)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = mergeValue(merged[key], value);
  }
  return merged;
}

/** The state after applying `update` to `base` (neither is changed). */
export function mergeRelease<T extends object>(base: T | undefined, update: T): T {
  return mergeValue(base, update) as T;
}
