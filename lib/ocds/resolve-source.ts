/** Turns a logical address (lists stepped into by `id`) into a JSONPath into the input. */
import type { LogicalStep } from '../timeline/key-dates';
import type { PathSegment } from './json-path';
import { pathIn, type SourcedRelease } from './shapes';

/**
 * Each list's element indices by id, built once per list: a key date per lot looked up by
 * scanning its list would make 50,000 lots cost 50,000² steps. Lists are not changed once
 * read (merging makes new ones), so the index stays true.
 */
const idIndexes = new WeakMap<unknown[], Map<string, number[]>>();

function indicesById(list: unknown[]): Map<string, number[]> {
  let index = idIndexes.get(list);
  if (index) return index;
  index = new Map();
  list.forEach((element, position) => {
    if (element === null || typeof element !== 'object') return;
    const id = String((element as { id?: unknown }).id);
    const known = index!.get(id);
    if (known) known.push(position);
    else index!.set(id, [position]);
  });
  idIndexes.set(list, index);
  return index;
}

function concreteSegments(node: unknown, steps: LogicalStep[], raw: string): PathSegment[] | undefined {
  if (steps.length === 0) return node === raw ? [] : undefined;
  if (node === null || typeof node !== 'object') return undefined;
  const [step, ...rest] = steps as [LogicalStep, ...LogicalStep[]];
  if (typeof step === 'string') {
    const tail = concreteSegments((node as Record<string, unknown>)[step], rest, raw);
    return tail && [step, ...tail];
  }
  if (!Array.isArray(node)) return undefined;
  // Every element with that id (ids can repeat in bad data), then the element at that index.
  const indices = 'id' in step && step.id !== undefined ? [...(indicesById(node).get(step.id) ?? [])] : [];
  if (step.index !== undefined && !indices.includes(step.index)) indices.push(step.index);
  for (const index of indices) {
    const tail = concreteSegments(node[index], rest, raw);
    if (tail) return [index, ...tail];
  }
  return undefined;
}

/**
 * The path of the first document, in the order given, that holds `raw` at `steps`;
 * `candidates` lists where the current state came from, most authoritative first.
 */
export function resolveSource(candidates: SourcedRelease[], steps: LogicalStep[], raw: string): string | undefined {
  for (const candidate of candidates) {
    const segments = concreteSegments(candidate.release, steps, raw);
    if (segments) return pathIn(candidate, segments);
  }
  return undefined;
}
