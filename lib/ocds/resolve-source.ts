/** Turns a logical address (lists stepped into by `id`) into a JSONPath into the input. */
import type { LogicalStep } from '../timeline/key-dates';
import { appendPath, type PathSegment } from './json-path';
import type { SourcedRelease } from './shapes';

function concreteSegments(root: unknown, steps: LogicalStep[], raw: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  let node: unknown = root;
  for (const step of steps) {
    if (node === null || typeof node !== 'object') return undefined;
    if (typeof step === 'string') {
      segments.push(step);
      node = (node as Record<string, unknown>)[step];
      continue;
    }
    if (!Array.isArray(node)) return undefined;
    const index =
      'id' in step ? node.findIndex((element) => element != null && typeof element === 'object' && String((element as { id?: unknown }).id) === step.id) : step.index;
    if (index < 0 || index >= node.length) return undefined;
    segments.push(index);
    node = node[index];
  }
  return node === raw ? segments : undefined;
}

/**
 * The path of the first document, in the order given, that holds `raw` at `steps`;
 * `candidates` lists where the current state came from, most authoritative first.
 */
export function resolveSource(candidates: SourcedRelease[], steps: LogicalStep[], raw: string): string | undefined {
  for (const candidate of candidates) {
    const segments = concreteSegments(candidate.release, steps, raw);
    if (segments) return appendPath(candidate.path, ...segments);
  }
  return undefined;
}
