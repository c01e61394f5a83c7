/**
 * OCDS merge (OCDS 1.1, "Merging"): the current state of a procurement is its releases
 * merged in date order.
 * - An absent field is unchanged; `null` removes a field.
 * - An empty object or list changes nothing, nor does a new object that ends up empty.
 * - Objects merge field by field.
 * - A list of objects that all have an `id` merges element by element by `id` (ids compare
 *   as text; objects that share an `id` in one list are one object, the later fields winning).
 * - Every other list is a value and is replaced whole: lists of values, lists of objects
 *   without ids (ocdsmerge would append those, which repeats them on every update), and the
 *   lists the release schema marks `wholeListMerge` — these even when empty.
 *
 * Unchanged parts are shared, not copied, so every intermediate state can be kept cheaply
 * and compared by identity. The work is a queue, not recursion: nesting costs no stack.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The release schema's `wholeListMerge` lists (OCDS 1.1), by field path with lists stepped through. */
const WHOLE_LIST_MERGE = [
  'parties.additionalIdentifiers',
  'buyer.additionalIdentifiers',
  'tender.procuringEntity.additionalIdentifiers',
  'tender.items.additionalClassifications',
  'tender.tenderers.additionalIdentifiers',
  'awards.suppliers.additionalIdentifiers',
  'awards.items.additionalClassifications',
  'contracts.items.additionalClassifications',
  'contracts.implementation.transactions.payer.additionalIdentifiers',
  'contracts.implementation.transactions.payee.additionalIdentifiers',
];

/** The merge rules below one field: which fields under it are whole lists. */
interface Rules {
  wholeList: boolean;
  fields: Map<string, Rules>;
}

function ruleTree(paths: string[]): Rules {
  const root: Rules = { wholeList: false, fields: new Map() };
  for (const path of paths) {
    let node = root;
    for (const key of path.split('.')) {
      let next = node.fields.get(key);
      if (!next) {
        next = { wholeList: false, fields: new Map() };
        node.fields.set(key, next);
      }
      node = next;
    }
    node.wholeList = true;
  }
  return root;
}

const RELEASE_RULES = ruleTree(WHOLE_LIST_MERGE);

const idOf = (element: Json): string | undefined =>
  typeof element.id === 'string' || typeof element.id === 'number' ? String(element.id) : undefined;

function mergesById(list: unknown[]): list is Json[] {
  return list.every((element) => isObject(element) && idOf(element) !== undefined);
}

function isEmpty(object: Json): boolean {
  for (const _ in object) return false;
  return true;
}

/** One object of the new state to fill from one object of the release. */
interface Step {
  target: Json;
  update: Json;
  rules: Rules | undefined;
  /** Set when `target` is a new object in field `key` of `parent`, where `previous` was. */
  made?: { parent: Json; key: string; previous: unknown };
}

/**
 * The place of each id in a list the merge made, so that merging one more release into a
 * list of 10,000 amendments does not read all 10,000 again. A list's index passes to the
 * list merged from it (which holds the same ids at the same places, and more), and is then
 * no longer its: a second merge from the same list builds its own.
 */
interface IdIndex {
  places: Map<string, number>;
  /** The one list `places` describes exactly. */
  owner: unknown[];
}

const idIndexes = new WeakMap<unknown[], IdIndex>();

/**
 * Each list merged by id, to the list it was merged from. Such a list holds the ids of the
 * one before at the same places (an element the release changed is a new object, the others
 * are shared), then the ids the release added: what changed is read from it without
 * comparing every element.
 */
const mergedFrom = new WeakMap<unknown[], number>();

/**
 * The list it was merged from is named by a number, not held: holding it would keep every
 * earlier state's lists alive as long as the latest, and the collector would copy them all.
 */
const listNumbers = new WeakMap<unknown[], number>();
let lastListNumber = 0;

function listNumber(list: unknown[]): number {
  let number = listNumbers.get(list);
  if (number === undefined) {
    number = ++lastListNumber;
    listNumbers.set(list, number);
  }
  return number;
}

/** Whether `after` was merged by id from `before`: its first `before.length` elements have `before`'s ids, in order, and only those a release changed are new objects. */
export function isMergedFrom(after: readonly unknown[], before: readonly unknown[]): boolean {
  const from = mergedFrom.get(after as unknown[]);
  return from !== undefined && listNumbers.get(before as unknown[]) === from;
}

/** Takes the index of `list` for the list merged from it, building one when `list` has none (or gave it away). */
function takeIdIndex(list: Json[]): IdIndex {
  const kept = idIndexes.get(list);
  // Ids in a merged list are unique: an index of another size is not this list's.
  if (kept?.owner === list && kept.places.size === list.length) return kept;
  const places = new Map<string, number>();
  list.forEach((element, index) => places.set(idOf(element)!, index));
  return { places, owner: list };
}

/** Builds the new state top-down; objects it made itself (`owned`) may be filled in place. */
class Merger {
  private readonly owned = new WeakSet<object>();
  private readonly queue: Step[] = [];

  /** An object of the new state standing for `base`: `base` itself when made here, else a copy. */
  private own(base: unknown): Json {
    if (isObject(base) && this.owned.has(base)) return base;
    const copy: Json = isObject(base) ? { ...base } : {};
    this.owned.add(copy);
    return copy;
  }

  private mergeList(base: unknown, update: Json[], rules: Rules | undefined): Json[] {
    // A list the merge made merges by id; any other is checked.
    const byId = Array.isArray(base) && (idIndexes.has(base) || mergesById(base));
    const merged: Json[] = byId ? (base as Json[]).slice() : [];
    const index = takeIdIndex(byId ? (base as Json[]) : merged);
    for (const element of update) {
      const id = idOf(element)!;
      const place = index.places.get(id) ?? merged.length;
      index.places.set(id, place);
      merged[place] = this.own(merged[place]);
      this.queue.push({ target: merged[place]!, update: element, rules });
    }
    index.owner = merged;
    idIndexes.set(merged, index);
    if (byId) mergedFrom.set(merged, listNumber(base as unknown[]));
    return merged;
  }

  private fill({ target, update, rules }: Step): void {
    for (const key of Object.keys(update)) {
      const value = update[key];
      const fieldRules = rules?.fields.get(key);
      if (value === undefined) continue;
      if (value === null) delete target[key];
      else if (typeof value !== 'object' || fieldRules?.wholeList) target[key] = value;
      else if (Array.isArray(value)) {
        if (value.length === 0) continue;
        target[key] = mergesById(value) ? this.mergeList(target[key], value, fieldRules) : value;
      } else if (!isEmpty(value as Json)) {
        const previous = target[key];
        const child = this.own(previous);
        target[key] = child;
        const made = isObject(previous) ? undefined : { parent: target, key, previous };
        this.queue.push({ target: child, update: value as Json, rules: fieldRules, made });
      }
    }
  }

  merge(base: unknown, update: Json): Json {
    const root = this.own(base);
    this.queue.push({ target: root, update, rules: RELEASE_RULES });
    // First in, first out: steps into one object run in document order, so later fields win.
    for (let next = 0; next < this.queue.length; next++) this.fill(this.queue[next]!);
    // A new object that received nothing (its fields were all empty or null) is left out;
    // innermost first, so that emptiness propagates outwards.
    for (let next = this.queue.length - 1; next >= 0; next--) {
      const { target, made } = this.queue[next]!;
      if (!made || !isEmpty(target) || made.parent[made.key] !== target) continue;
      if (made.previous === undefined) delete made.parent[made.key];
      else made.parent[made.key] = made.previous;
    }
    return root;
  }
}

/** The state after applying `update` to `base` (neither is changed). */
export function mergeRelease<T extends object>(base: T | undefined, update: T): T {
  return new Merger().merge(base, update as Json) as T;
}

interface ReleaseHead {
  ocid?: string | null;
  date?: string | null;
}

/**
 * A merged state as a compiled release: the compiler sets its own `id` (`{ocid}-{date}`),
 * `date` (the latest release's) and `tag` (`["compiled"]`), as ocdsmerge does.
 */
export function asCompiledRelease<T extends ReleaseHead>(state: T): T {
  const { ocid, date } = state;
  return { ...state, id: date ? `${ocid ?? ''}-${date}` : (ocid ?? undefined), tag: ['compiled'] };
}
