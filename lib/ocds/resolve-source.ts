/** Turns a logical address (lists stepped into by `id`) into a JSONPath into the input. */
import type { LogicalStep } from '../timeline/key-dates';
import type { PathSegment } from './json-path';
import { pathIn, type SourcedRelease } from './shapes';

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
  const indices = node.flatMap((element, index) =>
    'id' in step && element !== null && typeof element === 'object' && String((element as { id?: unknown }).id) === step.id ? [index] : [],
  );
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
