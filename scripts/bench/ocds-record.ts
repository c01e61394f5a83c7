/**
 * OCDS 1.1 record building for the bench generator, written independently of lib/ so the
 * generated `compiledRelease` / `versionedRelease` are not just the core's own output.
 *
 * Merge rules (OCDS 1.1 "Merging"): an absent field is unchanged, `null` removes the field,
 * objects merge field by field, arrays of objects that all have an `id` merge element by
 * element by `id` (new ids are appended), every other array — and the `wholeListMerge`
 * arrays of the schema — is replaced whole.
 *
 * Versioned release: every leaf (a scalar, an array replaced whole, or `null`) becomes a
 * list of `{releaseID, releaseDate, releaseTag, value}`, a new entry being appended each
 * time a release gives the field a different value. The `ocid` and the `id` of array
 * elements are identifiers and stay plain; the release's own `id`, `date` and `tag` are the
 * version metadata and are left out.
 */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** Fields marked `wholeListMerge` in the OCDS 1.1 release schema. */
const WHOLE_LIST_MERGE = new Set(['additionalClassifications', 'additionalIdentifiers', 'changes']);

export const isObject = (value: Json | undefined): value is JsonObject =>
  value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);

function isIdList(key: string, value: Json[]): value is JsonObject[] {
  return (
    !WHOLE_LIST_MERGE.has(key) &&
    value.length > 0 &&
    value.every((element) => isObject(element) && (typeof element.id === 'string' || typeof element.id === 'number'))
  );
}

function clone(value: Json): Json {
  if (Array.isArray(value)) return value.map(clone);
  if (isObject(value)) {
    const copy: JsonObject = {};
    for (const [key, field] of Object.entries(value)) copy[key] = clone(field);
    return copy;
  }
  return value;
}

/** Merges `update` into `target` in place (OCDS rules); `update` is not changed or shared. */
export function mergeInto(target: JsonObject, update: JsonObject): void {
  for (const [key, value] of Object.entries(update)) {
    if (value === null) {
      delete target[key];
    } else if (isObject(value)) {
      const base = target[key];
      const into: JsonObject = isObject(base) ? base : {};
      mergeInto(into, value);
      target[key] = into;
    } else if (Array.isArray(value) && isIdList(key, value)) {
      const base = target[key];
      const list: JsonObject[] = Array.isArray(base) && isIdList(key, base) ? base : [];
      const byId = new Map(list.map((element) => [String(element.id), element]));
      for (const element of value) {
        const id = String(element.id);
        let into = byId.get(id);
        if (!into) {
          into = {};
          list.push(into);
          byId.set(id, into);
        }
        mergeInto(into, element);
      }
      target[key] = list;
    } else {
      target[key] = clone(value);
    }
  }
}

/** The compiled release: all releases merged in order, tagged `compiled`. */
export function compileReleases(ocid: string, releases: readonly JsonObject[]): JsonObject {
  const last = releases[releases.length - 1];
  const date = last && typeof last.date === 'string' ? last.date : '';
  const compiled: JsonObject = { tag: ['compiled'], id: `${ocid}-${date}`, date, ocid };
  for (const release of releases) {
    const { id: _id, date: _date, tag: _tag, ...rest } = release;
    mergeInto(compiled, rest);
  }
  return compiled;
}

interface Meta {
  releaseID: string;
  releaseDate: string;
  releaseTag: Json;
}

type VNode = VObject | VList | VLeaf;
interface VObject {
  kind: 'object';
  /** The unversioned `id` of an array element. */
  id?: Json;
  fields: Map<string, VNode>;
}
interface VList {
  kind: 'list';
  elements: Map<string, VObject>;
}
interface VLeaf {
  kind: 'leaf';
  versions: JsonObject[];
  /** The last value, serialised, to compare cheaply. */
  last: string | undefined;
}

function appendVersion(leaf: VLeaf, value: Json, meta: Meta): void {
  const serialised = JSON.stringify(value);
  if (leaf.last === serialised) return;
  leaf.last = serialised;
  leaf.versions.push({ releaseID: meta.releaseID, releaseDate: meta.releaseDate, releaseTag: clone(meta.releaseTag), value: clone(value) });
}

/** `null` given for a whole object or list: every leaf under it is removed. */
function removeAll(node: VNode, meta: Meta): void {
  if (node.kind === 'leaf') appendVersion(node, null, meta);
  else if (node.kind === 'object') for (const child of node.fields.values()) removeAll(child, meta);
  else for (const element of node.elements.values()) removeAll(element, meta);
}

function visitObject(node: VObject, value: JsonObject, meta: Meta, skip: ReadonlySet<string>): void {
  for (const [key, field] of Object.entries(value)) {
    if (skip.has(key)) continue;
    const existing = node.fields.get(key);
    if (field === null && existing && existing.kind !== 'leaf') {
      removeAll(existing, meta);
    } else if (isObject(field)) {
      const child: VObject = existing?.kind === 'object' ? existing : { kind: 'object', fields: new Map() };
      node.fields.set(key, child);
      visitObject(child, field, meta, NO_SKIP);
    } else if (Array.isArray(field) && isIdList(key, field)) {
      const child: VList = existing?.kind === 'list' ? existing : { kind: 'list', elements: new Map() };
      node.fields.set(key, child);
      for (const element of field) {
        const id = String(element.id);
        let into = child.elements.get(id);
        if (!into) {
          into = { kind: 'object', id: element.id ?? null, fields: new Map() };
          child.elements.set(id, into);
        }
        visitObject(into, element, meta, ID_ONLY);
      }
    } else {
      const leaf: VLeaf = existing?.kind === 'leaf' ? existing : { kind: 'leaf', versions: [], last: undefined };
      node.fields.set(key, leaf);
      appendVersion(leaf, field, meta);
    }
  }
}

const NO_SKIP: ReadonlySet<string> = new Set();
const ID_ONLY: ReadonlySet<string> = new Set(['id']);
const RELEASE_METADATA: ReadonlySet<string> = new Set(['id', 'date', 'tag', 'ocid']);

function render(node: VNode): Json {
  if (node.kind === 'leaf') return node.versions;
  if (node.kind === 'list') return [...node.elements.values()].map(render);
  const out: JsonObject = {};
  if (node.id !== undefined) out.id = node.id;
  for (const [key, child] of node.fields) out[key] = render(child);
  return out;
}

/** The versioned release: each field's history, release by release. */
export function versionReleases(ocid: string, releases: readonly JsonObject[]): JsonObject {
  const root: VObject = { kind: 'object', fields: new Map() };
  for (const release of releases) {
    const meta: Meta = {
      releaseID: typeof release.id === 'string' ? release.id : String(release.id),
      releaseDate: typeof release.date === 'string' ? release.date : '',
      releaseTag: release.tag ?? [],
    };
    visitObject(root, release, meta, RELEASE_METADATA);
  }
  return { ocid, ...(render(root) as JsonObject) };
}
