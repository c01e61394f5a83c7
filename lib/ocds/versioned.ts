/**
 * A versioned release (OCDS merging) turned back into the releases it was merged from.
 * Each field of a versioned release lists its values over time, each with the release that
 * set it (`releaseID`, `releaseDate`, `releaseTag`, `value`); grouping the values by release
 * gives what each release changed, and those changes merged in date order give every state
 * of the procurement again. A release that changed nothing leaves no trace in it.
 */
import { appendPath, type PathSegment } from './json-path';
import type { Problem } from './problems';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** OCDS is a few levels deep; anything much deeper is not a versioned release. */
const MAX_DEPTH = 64;

/** A release rebuilt from a versioned release, not yet validated. */
export interface RebuiltRelease {
  release: Json;
  /** Where in the input the value at `segments` of `release` came from. */
  locate: (segments: PathSegment[]) => string;
}

/** One step from a versioned object into a field, or into an element of a list (by its place there). */
interface Step {
  key: string | { element: number; id: unknown };
  /** The path of the versioned node this step reaches. */
  path: string;
}

const isVersionedValue = (entry: unknown): entry is Json => isObject(entry) && 'releaseID' in entry && 'value' in entry;
const isVersionedValues = (value: unknown): value is Json[] => Array.isArray(value) && value.length > 0 && value.every(isVersionedValue);

class Rebuilder {
  private readonly byId = new Map<string, { release: Json; paths: Map<string, string>; elements: Map<string, { element: Json; index: number }> }>();

  constructor(
    private readonly ocid: string | undefined,
    private readonly root: string,
  ) {}

  private releaseFor(entry: Json, entryPath: string) {
    const id = String(entry.releaseID);
    let rebuilt = this.byId.get(id);
    if (!rebuilt) {
      const release: Json = { ...(this.ocid === undefined ? {} : { ocid: this.ocid }), id };
      const paths = new Map<string, string>([['', this.root], [appendPath('', 'id'), appendPath(entryPath, 'releaseID')]]);
      rebuilt = { release, paths, elements: new Map() };
      this.byId.set(id, rebuilt);
    }
    for (const key of ['date', 'tag'] as const) {
      const given = entry[key === 'date' ? 'releaseDate' : 'releaseTag'];
      if (rebuilt.release[key] === undefined && given !== undefined) {
        rebuilt.release[key] = given;
        rebuilt.paths.set(appendPath('', key), appendPath(entryPath, key === 'date' ? 'releaseDate' : 'releaseTag'));
      }
    }
    return rebuilt;
  }

  /** Puts one versioned value into the release that set it, at the place `steps` lead to. */
  place(steps: Step[], entry: Json, entryPath: string): void {
    const { release, paths, elements } = this.releaseFor(entry, entryPath);
    let node: Json | unknown[] = release;
    let key = '';
    steps.forEach((step, index) => {
      const last = index === steps.length - 1;
      if (typeof step.key === 'string') {
        const container = node as Json;
        const nextIsElement = !last && typeof steps[index + 1]!.key !== 'string';
        if (last) container[step.key] = entry.value;
        else if (nextIsElement && !Array.isArray(container[step.key])) container[step.key] = [];
        else if (!nextIsElement && !isObject(container[step.key])) container[step.key] = {};
        key += appendPath('', step.key);
        if (!paths.has(key)) paths.set(key, last ? appendPath(entryPath, 'value') : step.path);
        node = container[step.key] as Json | unknown[];
      } else {
        // Elements are known by their place in the versioned list: ids can be missing or repeat.
        const list = node as unknown[];
        const elementKey = `${key}#${step.key.element}`;
        let placed = elements.get(elementKey);
        if (!placed) {
          placed = { element: step.key.id === undefined ? {} : { id: step.key.id }, index: list.length };
          elements.set(elementKey, placed);
          list.push(placed.element);
        }
        key += appendPath('', placed.index);
        if (!paths.has(key)) paths.set(key, step.path);
        node = placed.element;
      }
    });
  }

  releases(): RebuiltRelease[] {
    return [...this.byId.values()].map(({ release, paths }) => ({ release, locate: (segments) => locate(paths, segments) }));
  }
}

/** The input path of the longest prefix of `segments` that was placed, and the rest after it. */
function locate(paths: Map<string, string>, segments: PathSegment[]): string {
  const keys = [''];
  for (const segment of segments) keys.push(keys[keys.length - 1]! + appendPath('', segment));
  for (let length = segments.length; length >= 0; length--) {
    const found = paths.get(keys[length]!);
    if (found !== undefined) return appendPath(found, ...segments.slice(length));
  }
  return appendPath(paths.get('')!, ...segments);
}

/**
 * The releases a versioned release at `path` was merged from, in the order first met;
 * adds to `problems` what is not a versioned value.
 */
export function releasesFromVersioned(versioned: Json, path: string, ocid: string | undefined, problems: Problem[]): RebuiltRelease[] {
  const rebuilder = new Rebuilder(ocid, path);
  const stack: Array<{ node: Json; steps: Step[] }> = [{ node: versioned, steps: [] }];
  while (stack.length > 0) {
    const { node, steps } = stack.pop()!;
    const nodePath = steps.length ? steps[steps.length - 1]!.path : path;
    const inElement = steps.length > 0 && typeof steps[steps.length - 1]!.key !== 'string';
    if (steps.length > MAX_DEPTH) {
      problems.push({ path: nodePath, message: `nested more than ${MAX_DEPTH} levels deep; it was left out` });
      continue;
    }
    const children: Array<{ node: Json; steps: Step[] }> = [];
    for (const [key, value] of Object.entries(node)) {
      const fieldPath = appendPath(nodePath, key);
      if ((steps.length === 0 && key === 'ocid') || (inElement && key === 'id')) continue;
      if (isVersionedValues(value)) {
        value.forEach((entry, index) => rebuilder.place([...steps, { key, path: fieldPath }], entry, appendPath(fieldPath, index)));
      } else if (isObject(value)) {
        children.push({ node: value, steps: [...steps, { key, path: fieldPath }] });
      } else if (Array.isArray(value) && value.every(isObject)) {
        value.forEach((element: Json, index) =>
          children.push({ node: element, steps: [...steps, { key, path: fieldPath }, { key: { element: index, id: element.id }, path: appendPath(fieldPath, index) }] }),
        );
      } else {
        problems.push({ path: fieldPath, message: 'expected a list of versioned values (releaseID, releaseDate, releaseTag, value); it was left out' });
      }
    }
    // Last pushed, first taken: reversed, so that objects are met in their order in the input.
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  return rebuilder.releases();
}
