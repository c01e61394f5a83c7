/**
 * The schemas' own answer for input that passes them, without zod's machinery: zod (run
 * jitless, as extension pages forbid eval) spends most of a read's validation building
 * issue lists and payloads that valid data never needs. Each schema is turned once into a
 * plain function over the same definition, which gives exactly what zod's parse gives —
 * the same new objects and lists, fields in the same order, ids as text — or `UNSURE`,
 * for anything that may not pass, and then zod itself is asked. So only valid input is
 * read this way, and what is not valid is told exactly as before.
 */
import type { z } from 'zod';
import { dateTextProblem, dateTimeSchema, idSchema } from './schema';

export const UNSURE: unique symbol = Symbol('unsure');

type Quick = (value: unknown) => unknown;

const compiled = new WeakMap<z.ZodType, Quick>();

/** `schema`'s parse of `value` when it passes, as zod gives it; `UNSURE` otherwise. */
export function quickParse(schema: z.ZodType, value: unknown): unknown {
  return quick(schema)(value);
}

function quick(schema: z.ZodType): Quick {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

interface Def {
  type: string;
  checks?: unknown[];
  coerce?: boolean;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Zod for the parts this file does not read itself. */
const byZod =
  (schema: z.ZodType): Quick =>
  (value) => {
    const result = schema.safeParse(value);
    return result.success ? result.data : UNSURE;
  };

function compile(schema: z.ZodType): Quick {
  if (schema === dateTimeSchema) return (value) => (typeof value === 'string' && dateTextProblem(value) === undefined ? value : UNSURE);
  if (schema === idSchema) return (value) => (typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : UNSURE);
  const def = defOf(schema);
  if (def.checks?.length || def.coerce) return byZod(schema);
  switch (def.type) {
    case 'optional': {
      const inner = quick(def.innerType!);
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case 'nullable': {
      const inner = quick(def.innerType!);
      return (value) => (value === null ? null : inner(value));
    }
    case 'string':
      return (value) => (typeof value === 'string' ? value : UNSURE);
    case 'number':
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : UNSURE);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : UNSURE);
    case 'array':
      return compileArray(quick(def.element!));
    case 'object':
      return defOf(def.catchall ?? schema).type === 'unknown' ? compileLooseObject(def.shape!) : byZod(schema);
    case 'union':
      return compileUnion(schema, def.options!);
    default:
      return byZod(schema);
  }
}

function compileArray(element: Quick): Quick {
  return (value) => {
    if (!Array.isArray(value)) return UNSURE;
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = element(value[i]);
      if (item === UNSURE) return UNSURE;
      out[i] = item;
    }
    return out;
  };
}

/** Whether a field may be left out: zod's `.optional()`, under any `.nullable()`. */
function isOptional(schema: z.ZodType): boolean {
  const def = defOf(schema);
  return def.type === 'optional' || (def.type === 'nullable' && isOptional(def.innerType!));
}

/** As zod's loose object: the known fields first, in the schema's order, then the others as they are. */
function compileLooseObject(shape: Record<string, z.ZodType>): Quick {
  const fields = Object.entries(shape).map(([key, field]) => ({ key, optional: isOptional(field), parse: quick(field) }));
  const known = new Set(Object.keys(shape));
  return (value) => {
    if (!isObject(value)) return UNSURE;
    const out: Record<string, unknown> = {};
    for (const { key, optional, parse } of fields) {
      if (!(key in value)) {
        if (optional) continue;
        return UNSURE;
      }
      const parsed = parse(value[key]);
      if (parsed === UNSURE) return UNSURE;
      out[key] = parsed;
    }
    for (const key in value) {
      if (known.has(key)) continue;
      // zod leaves it out of what it gives (assigning it would set the prototype).
      if (key === '__proto__') return UNSURE;
      out[key] = value[key];
    }
    return out;
  };
}

/** A union of an object and a list (a period, or a list of periods): the input's type picks the option. */
function compileUnion(schema: z.ZodType, options: z.ZodType[]): Quick {
  const types = options.map((option) => defOf(option).type);
  if (options.length !== 2 || !types.includes('object') || !types.includes('array')) return byZod(schema);
  const object = quick(options[types.indexOf('object')]!);
  const list = quick(options[types.indexOf('array')]!);
  return (value) => (Array.isArray(value) ? list(value) : object(value));
}
