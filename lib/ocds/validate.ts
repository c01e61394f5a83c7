/**
 * Validation that keeps what is valid: a field that fails its schema is reported as a
 * problem and left out, and everything else is still used. Callers only ever get values
 * that passed their field's schema.
 */
import { ZodArray, ZodNullable, ZodObject, ZodOptional, type z } from 'zod';
import { appendPath, type PathSegment } from './json-path';
import { describeFound, type Problem } from './problems';
import { quickParse, UNSURE } from './quick-parse';

const MAX_ROUNDS = 20;

type Container = Record<string | number, unknown>;

type Issue = z.core.$ZodIssue;

/** The value itself has the wrong type (not one of its fields). */
const isTypeMismatch = (issue: Issue): issue is z.core.$ZodIssueInvalidType => issue.code === 'invalid_type' && issue.path.length === 0;

/** What a failed union wanted: "text or a number" (an id), "object or array" (a period or a list of them). */
function unionExpected(issue: z.core.$ZodIssueInvalidUnion): string {
  const expected = issue.errors.flatMap((branch) => branch.filter(isTypeMismatch).map((i) => i.expected));
  if (expected.length === 2 && expected.includes('string') && expected.includes('number')) return 'expected text or a number';
  return `expected ${expected.join(' or ')}`;
}

function expectedText(issue: Issue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected === 'nonoptional' ? 'a value' : issue.expected}`;
  if (issue.code === 'invalid_union') return unionExpected(issue);
  return issue.message;
}

/**
 * A union whose input has the type of exactly one of its options (a list where a period
 * or a list of periods is allowed) fails on that option's own fields: report those, so
 * that only they are left out.
 */
function leafIssues(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const matching = issue.errors.filter((branch) => !branch.some(isTypeMismatch));
  if (matching.length !== 1) return [issue];
  return matching[0]!.flatMap((inner) => leafIssues({ ...inner, path: [...issue.path, ...inner.path] }));
}

/**
 * Parses `input` with `schema`, dropping each failing field from `input` (the caller's own
 * freshly parsed copy) until the rest passes. Returns undefined only when the value as a
 * whole is unusable (e.g. an object where a list was expected at the top).
 */
export function validateKeepingValid<S extends z.ZodType>(
  schema: S,
  input: unknown,
  basePath: string,
  problems: Problem[],
): z.output<S> | undefined {
  // Valid input (nearly all of it) is read without zod; the rest is told as zod tells it.
  const quick = quickParse(schema, input);
  if (quick !== UNSURE) return quick as z.output<S>;
  try {
    return validateWhole(schema, input, basePath, problems);
  } catch (error) {
    // zod gathers every issue of one parse in one call: masses of bad fields (100,000
    // lots) overflow it. Then each field, or list element, is validated on its own.
    if (!(error instanceof RangeError)) throw error;
    return validateInParts(schema, input, basePath, problems) as z.output<S> | undefined;
  }
}

/** The schema under its `.nullish()` wrappers. */
function unwrapped(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof ZodOptional || inner instanceof ZodNullable) inner = inner.unwrap() as z.ZodType;
  return inner;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Validates an object field by field, or a list element by element, keeping what passes. */
function validateInParts(schema: z.ZodType, input: unknown, basePath: string, problems: Problem[]): unknown {
  const inner = unwrapped(schema);
  if (inner instanceof ZodObject && isRecord(input)) {
    const out: Record<string, unknown> = { ...input };
    for (const [key, field] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
      if (!(key in input)) continue;
      const value = validateKeepingValid(field, input[key], appendPath(basePath, key), problems);
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
    return out;
  }
  if (inner instanceof ZodArray && Array.isArray(input)) {
    const element = inner.element as z.ZodType;
    // An object left out of a list becomes empty, as in `validateWhole`.
    const wantsObject = unwrapped(element) instanceof ZodObject;
    return input.flatMap((item, index) => {
      const value = validateKeepingValid(element, item, appendPath(basePath, index), problems);
      return value !== undefined ? [value] : wantsObject ? [{}] : [];
    });
  }
  problems.push({ path: basePath, message: 'too many unreadable fields; this part was left out' });
  return undefined;
}

function validateWhole<S extends z.ZodType>(schema: S, input: unknown, basePath: string, problems: Problem[]): z.output<S> | undefined {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const removals: Array<{ parent: Container; key: PathSegment; wantsObject: boolean }> = [];
    for (const issue of result.error.issues.flatMap(leafIssues)) {
      const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
      let found: unknown = input;
      let parent: Container | undefined;
      for (const segment of path) {
        parent = found as Container;
        found = found !== null && typeof found === 'object' ? (found as Container)[segment] : undefined;
      }
      problems.push({
        path: appendPath(basePath, ...path),
        message: `${expectedText(issue)}, found ${describeFound(found)}; it was left out`,
      });
      if (!parent || path.length === 0) return undefined;
      const wantsObject = issue.code === 'invalid_type' && issue.expected === 'object';
      removals.push({ parent, key: path[path.length - 1]!, wantsObject });
    }
    // An object inside a list becomes empty rather than vanishing, so that later paths
    // into its siblings (lots[2] …) still point at the same input element.
    const arrayRemovals = new Map<unknown[], number[]>();
    for (const { parent, key, wantsObject } of removals) {
      if (Array.isArray(parent) && typeof key === 'number') {
        if (wantsObject) parent[key] = {};
        else arrayRemovals.set(parent, [...(arrayRemovals.get(parent) ?? []), key]);
      } else {
        delete parent[key];
      }
    }
    for (const [array, indices] of arrayRemovals) {
      for (const index of [...new Set(indices)].sort((a, b) => b - a)) array.splice(index, 1);
    }
  }
  problems.push({ path: basePath, message: 'too many unreadable fields; this part was left out' });
  return undefined;
}
