import { readFileSync, readdirSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseJsonText, type JsonRepair, type JsonTextResult } from '../lib/ocds/json-text';

// Real FTS OCDS documents (compiled releases), read as the exact bytes on disk.
const FIXTURE_DIR = new URL('./fixtures/fts/records/', import.meta.url);
const FIXTURE_NAMES = readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();
const FIXTURES = FIXTURE_NAMES.map((name) => {
  const text = readFileSync(new URL(name, FIXTURE_DIR), 'utf8');
  return { name, text, value: JSON.parse(text) as unknown };
});

function fixture(name: string): { text: string; value: Record<string, unknown> } {
  const found = FIXTURES.find((f) => f.name === `${name}.json`);
  if (!found) throw new Error(`missing fixture ${name}`);
  return { text: found.text, value: found.value as Record<string, unknown> };
}

const CFD9 = fixture('ocds-h6vhtk-05cfd9');
const BAE5 = fixture('ocds-h6vhtk-06bae5');

function expectOk(result: JsonTextResult): { value: unknown; repairs: JsonRepair[] } {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result;
}

/** Inserts `insert` just after the first (or last) occurrence of `anchor`, which must exist. */
function insertAfter(text: string, anchor: string, insert: string, which: 'first' | 'last' = 'first'): string {
  const at = which === 'first' ? text.indexOf(anchor) : text.lastIndexOf(anchor);
  if (at < 0) throw new Error(`anchor not found: ${anchor}`);
  return text.slice(0, at + anchor.length) + insert + text.slice(at + anchor.length);
}

function replaceOnce(text: string, from: string, to: string, which: 'first' | 'last' = 'first'): string {
  const at = which === 'first' ? text.indexOf(from) : text.lastIndexOf(from);
  if (at < 0) throw new Error(`not found: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** A copy of `value` with the member or element at `path` (keys and indices) removed. */
function without(value: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(value);
  let node: unknown = copy;
  for (const seg of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[seg];
  const last = path[path.length - 1];
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
  else delete (node as Record<string, unknown>)[last as string];
  return copy;
}

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

/** True if `part` is `whole` with members dropped from the end (what a cut-off document can give). */
function isPrefixPart(part: unknown, whole: unknown): boolean {
  if (Array.isArray(part)) {
    return Array.isArray(whole) && part.length <= whole.length && part.every((p, i) => isPrefixPart(p, whole[i]));
  }
  if (part !== null && typeof part === 'object') {
    if (whole === null || typeof whole !== 'object' || Array.isArray(whole)) return false;
    const w = whole as Record<string, unknown>;
    return Object.entries(part).every(([k, v]) => Object.hasOwn(w, k) && isPrefixPart(v, w[k]));
  }
  return Object.is(part, whole);
}

// --- An independent scan of the fixture text (test oracle, not the code under test) ---------

interface Boundary {
  /** Index just after a comma that separates two members (object) or elements (array). */
  pos: number;
  container: 'object' | 'array';
  /** Path of the object or array the comma is in. */
  path: string;
  /** Path of the member or element before the comma. */
  before: string;
  /** What closes every open container at `pos`, innermost first. */
  closers: string;
}

function seg(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function boundaries(text: string): Boundary[] {
  type Frame = { kind: 'object' | 'array'; key: string; index: number; expectKey: boolean };
  const stack: Frame[] = [];
  const out: Boundary[] = [];
  const pathOf = (frames: Frame[]) => '$' + frames.map((f) => seg(f.kind === 'object' ? f.key : f.index)).join('');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (top?.kind === 'object' && top.expectKey) {
        top.key = JSON.parse(text.slice(i, j + 1)) as string;
        top.expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'object' : 'array', key: '', index: 0, expectKey: true });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',' && top) {
      const container = pathOf(stack.slice(0, -1));
      out.push({
        pos: i + 1,
        container: top.kind,
        path: container,
        before: container + seg(top.kind === 'object' ? top.key : top.index),
        closers: stack
          .map((f) => (f.kind === 'object' ? '}' : ']'))
          .reverse()
          .join(''),
      });
      if (top.kind === 'array') top.index++;
      else top.expectKey = true;
    }
  }
  return out;
}

const FIXTURE_BOUNDARIES = FIXTURES.map((f) => boundaries(f.text));

/** Picks a fixture and one of its comma positions of the given kind. */
function boundaryArb(kind: 'object' | 'array') {
  return fc.integer({ min: 0, max: FIXTURES.length - 1 }).chain((fi) => {
    const list = (FIXTURE_BOUNDARIES[fi] ?? []).filter((b) => b.container === kind);
    return fc.constantFrom(...list).map((b) => ({ fixture: FIXTURES[fi]!, boundary: b }));
  });
}

// ---------------------------------------------------------------------------------------------

describe('valid JSON', () => {
  it('has 4 real fixtures to test with', () => {
    expect(FIXTURES.length).toBe(4);
  });

  it.each(FIXTURE_NAMES)('%s reads with no repairs and equals JSON.parse', (name) => {
    const f = FIXTURES.find((x) => x.name === name)!;
    const result = expectOk(parseJsonText(f.text));
    expect(result.repairs).toEqual([]);
    expect(result.value).toEqual(f.value);
  });

  it('strips a UTF-8 byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(new URL('ocds-h6vhtk-05cfd9.json', FIXTURE_DIR))]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const result = expectOk(parseJsonText(text));
    expect(result.repairs).toEqual([]);
    expect(result.value).toEqual(CFD9.value);
  });

  it('leaves a number-like string such as "1e9999" alone', () => {
    const text = replaceOnce(CFD9.text, '"currency": "GBP"', '"currency": "1e9999"');
    const result = expectOk(parseJsonText(text));
    expect(result.repairs).toEqual([]);
    expect((result.value as { tender: { value: { currency: string } } }).tender.value.currency).toBe('1e9999');
  });

  it('returns top-level primitives as they are (the caller decides)', () => {
    expect(parseJsonText('"hello"')).toEqual({ ok: true, value: 'hello', repairs: [] });
    expect(parseJsonText('42')).toEqual({ ok: true, value: 42, repairs: [] });
    expect(parseJsonText('true')).toEqual({ ok: true, value: true, repairs: [] });
    expect(parseJsonText('null')).toEqual({ ok: true, value: null, repairs: [] });
  });

  it('property: any JSON text reads with no repairs and equals JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
        const text = JSON.stringify(v, null, pretty ? 2 : undefined);
        const result = expectOk(parseJsonText(text));
        expect(result.repairs).toEqual([]);
        expect(result.value).toEqual(JSON.parse(text));
      }),
    );
  });
});

describe('stray fragments such as ` 000,`', () => {
  it('skips ` 000,` after tender.value.amount and keeps everything else', () => {
    const text = insertAfter(CFD9.text, '"amount": 598488.66,', ' 000,');
    expect(text).toContain('"amount": 598488.66, 000,\n');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]!.path).toBe('$.tender.value');
    expect(result.repairs[0]!.message).toContain('`000`');
    expect(result.repairs[0]!.message).toContain('`$.tender.value.amount`');
  });

  it('names the lot when the fragment is in tender.lots[0].value', () => {
    const text = insertAfter(CFD9.text, '"amount": 598488.66,', ' 000,', 'last');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect(result.repairs.map((r) => r.path)).toEqual(['$.tender.lots[0].value']);
  });

  it('skips a fragment on a line of its own (`"a": 1,\\n 000,\\n "b": 2`)', () => {
    const text = insertAfter(CFD9.text, '"id": "CONT0393",', '\n    000,');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]!.path).toBe('$.tender');
    expect(result.repairs[0]!.message).toContain('after `$.tender.id`');
  });

  it('keeps the value before a fragment that lost its comma (`598488.66 000,`)', () => {
    const text = replaceOnce(CFD9.text, '"amount": 598488.66,', '"amount": 598488.66 000,');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]!.path).toBe('$.tender.value');
  });

  it('truncates long skipped text in the message', () => {
    const text = insertAfter(CFD9.text, '"amount": 598488.66,', ` ${'0'.repeat(500)},`);
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]!.message.length).toBeLessThan(140);
  });

  it('property: ` 000,` between any two object members is skipped with exactly one repair', () => {
    fc.assert(
      fc.property(boundaryArb('object'), ({ fixture: f, boundary }) => {
        const text = f.text.slice(0, boundary.pos) + ' 000,' + f.text.slice(boundary.pos);
        const result = expectOk(parseJsonText(text));
        expect(result.value).toEqual(f.value);
        expect(result.repairs).toHaveLength(1);
        expect(result.repairs[0]!.path).toBe(boundary.path);
        expect(result.repairs[0]!.message).toContain(`\`${boundary.before}\``);
      }),
      { numRuns: 300 },
    );
  });
});

describe('unreadable array elements', () => {
  it('skips garbage between two additionalClassifications', () => {
    const text = insertAfter(CFD9.text, '"description": "Justice services"\n          },', ' xyz,');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]!.path).toBe('$.tender.items[0].additionalClassifications');
    expect(result.repairs[0]!.message).toContain('`xyz`');
    expect(result.repairs[0]!.message).toContain('after `$.tender.items[0].additionalClassifications[0]`');
  });

  it('skips garbage at the start of an array', () => {
    const text = insertAfter(CFD9.text, '"tag": [', ' 000,');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect(result.repairs.map((r) => r.path)).toEqual(['$.tag']);
  });

  it('property: garbage between any two array elements is skipped with exactly one repair', () => {
    fc.assert(
      fc.property(boundaryArb('array'), fc.constantFrom(' 000,', ' xyz,', '\n  01,', ' -,'), ({ fixture: f, boundary }, junk) => {
        const text = f.text.slice(0, boundary.pos) + junk + f.text.slice(boundary.pos);
        const result = expectOk(parseJsonText(text));
        expect(result.value).toEqual(f.value);
        expect(result.repairs).toHaveLength(1);
        expect(result.repairs[0]!.path).toBe(boundary.path);
      }),
      { numRuns: 200 },
    );
  });
});

describe('numbers too large to be values', () => {
  it('leaves out tender.value.amountGross = 1e9999 and keeps everything else', () => {
    const text = replaceOnce(CFD9.text, '"amountGross": 718186.39', '"amountGross": 1e9999');
    // Still valid JSON: this is the fast path, where JSON.parse gives Infinity.
    expect((JSON.parse(text) as { tender: { value: { amountGross: number } } }).tender.value.amountGross).toBe(Infinity);
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(without(CFD9.value, ['tender', 'value', 'amountGross']));
    expect(result.repairs).toEqual([
      { path: '$.tender.value.amountGross', message: expect.stringContaining('1e9999') as string },
    ]);
  });

  it('names the lot when the number is in tender.lots[0].value', () => {
    const text = replaceOnce(CFD9.text, '"amountGross": 718186.39', '"amountGross": 1e9999', 'last');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(without(CFD9.value, ['tender', 'lots', 0, 'value', 'amountGross']));
    expect(result.repairs.map((r) => r.path)).toEqual(['$.tender.lots[0].value.amountGross']);
  });

  it('leaves out a negative one and a 400-digit one', () => {
    const digits = '9'.repeat(400);
    let text = replaceOnce(BAE5.text, '"amountGross": 1836000', '"amountGross": -1e400');
    text = replaceOnce(text, '"amount": 1530000', `"amount": ${digits}`);
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(without(without(BAE5.value, ['tender', 'value', 'amountGross']), ['tender', 'value', 'amount']));
    expect(result.repairs.map((r) => r.path)).toEqual(['$.tender.value.amountGross', '$.tender.value.amount']);
    expect(result.repairs[0]!.message).toContain('-1e400');
    expect(result.repairs[1]!.message).toContain('99999999');
  });

  it.each([310, 400, 1000])('leaves out an integer of %i digits with no exponent', (length) => {
    const digits = '1' + '0'.repeat(length - 1);
    const text = replaceOnce(BAE5.text, '"amount": 1530000', `"amount": ${digits}`);
    expect(Number(digits)).toBe(Infinity);
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(without(BAE5.value, ['tender', 'value', 'amount']));
    expect(result.repairs.map((r) => r.path)).toEqual(['$.tender.value.amount']);
  });

  it('keeps a 308-digit integer, which is finite', () => {
    const digits = '1' + '0'.repeat(307);
    const text = replaceOnce(BAE5.text, '"amount": 1530000', `"amount": ${digits}`);
    const result = expectOk(parseJsonText(text));
    expect(result.repairs).toEqual([]);
    expect((result.value as { tender: { value: { amount: number } } }).tender.value.amount).toBe(1e307);
  });

  it('removes an array element instead of leaving a hole', () => {
    const text = replaceOnce(CFD9.text, '"tag": [\n    "compiled"', '"tag": [\n    1e9999, "compiled", -1e999');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect((result.value as { tag: unknown[] }).tag).toEqual(['compiled']);
    expect(result.repairs.map((r) => r.path)).toEqual(['$.tag[0]', '$.tag[2]']);
  });

  // The same mutations read the same way whether JSON.parse accepted the text or not.
  it.each([
    ['valid otherwise (fast path)', ''],
    ['with a stray fragment too (slow path)', ' 000,'],
  ])('paths refer to the repaired value: %s', (_label, junk) => {
    // A number at the start of tender.documents, and one inside what was documents[1].
    let text = insertAfter(CFD9.text, '"documents": [', '\n      1e9999,');
    text = insertAfter(text, '"id": "066750-2025",', ' "size": 1e999,');
    text = insertAfter(text, '"language": "en",', junk);
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    const paths = result.repairs.map((r) => r.path);
    expect(paths).toContain('$.tender.documents[0]');
    expect(paths).toContain('$.tender.documents[1].size');
    expect(result.repairs).toHaveLength(junk ? 3 : 2);
    // The number's own text is found for each, so a person can search the response for it.
    expect(result.repairs.find((r) => r.path === '$.tender.documents[0]')?.message).toContain('1e9999');
    expect(result.repairs.find((r) => r.path === '$.tender.documents[1].size')?.message).toContain('1e999 ');
    const docs = (result.value as { tender: { documents: { id: string }[] } }).tender.documents;
    expect(docs[1]!.id).toBe('066750-2025');
  });

  it('leaves out Infinity and NaN written as words', () => {
    let text = replaceOnce(CFD9.text, '"amountGross": 718186.39', '"amountGross": Infinity');
    text = replaceOnce(text, '"amount": 598488.66', '"amount": NaN');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(without(without(CFD9.value, ['tender', 'value', 'amountGross']), ['tender', 'value', 'amount']));
    expect(result.repairs.map((r) => r.path)).toEqual(['$.tender.value.amountGross', '$.tender.value.amount']);
  });

  it('a document that is only a huge number is not usable', () => {
    const result = parseJsonText('1e9999');
    expect(result.ok).toBe(false);
  });
});

describe('truncated documents', () => {
  it('keeps what was read before a cut after tender.value.amount', () => {
    const anchor = '"amount": 598488.66,';
    const cut = CFD9.text.indexOf(anchor) + anchor.length;
    const result = expectOk(parseJsonText(CFD9.text.slice(0, cut)));
    const v = result.value as Record<string, Record<string, unknown>>;
    // Everything before the cut, from the original:
    const original = CFD9.value as Record<string, Record<string, unknown>>;
    for (const key of ['tag', 'id', 'date', 'ocid', 'initiationType', 'parties', 'buyer']) expect(v[key]).toEqual(original[key]);
    expect(v.tender!.value).toEqual({ amountGross: 718186.39, amount: 598488.66 });
    expect(v.tender!.items).toEqual(original.tender!.items);
    // and nothing after it.
    expect(v.tender!.procurementMethod).toBeUndefined();
    expect(v.awards).toBeUndefined();
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]!.path).toBe('$.tender.value');
    expect(result.repairs[0]!.message).toMatch(/truncated/);
  });

  it('leaves out a string cut in half', () => {
    const cut = CFD9.text.indexOf('"currency": "GBP"') + '"currency": "GB'.length;
    const result = expectOk(parseJsonText(CFD9.text.slice(0, cut)));
    const v = result.value as { tender: { value: unknown } };
    expect(v.tender.value).toEqual({ amountGross: 718186.39, amount: 598488.66 });
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]!.path).toBe('$.tender.value');
    expect(result.repairs[0]!.message).toContain('"currency": "GB');
  });

  it('leaves out a number that may be cut short', () => {
    const cut = CFD9.text.indexOf('"amount": 598488.66') + '"amount": 5984'.length;
    const result = expectOk(parseJsonText(CFD9.text.slice(0, cut)));
    expect((result.value as { tender: { value: unknown } }).tender.value).toEqual({ amountGross: 718186.39 });
  });

  it('property: a cut between members gives exactly the members before it', () => {
    fc.assert(
      fc.property(boundaryArb('object'), ({ fixture: f, boundary }) => {
        const result = expectOk(parseJsonText(f.text.slice(0, boundary.pos)));
        // Oracle: the prefix without its comma, closed by hand.
        const expected = JSON.parse(f.text.slice(0, boundary.pos - 1) + boundary.closers) as unknown;
        expect(result.value).toEqual(expected);
        expect(result.repairs).toHaveLength(1);
        expect(result.repairs[0]!.path).toBe(boundary.path);
        expect(result.repairs[0]!.message).toMatch(/truncated/);
      }),
      { numRuns: 200 },
    );
  });

  it('property: a cut anywhere gives part of the original and one truncation repair', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: FIXTURES.length - 1 }).chain((fi) =>
          fc.tuple(fc.constant(FIXTURES[fi]!), fc.integer({ min: 1, max: FIXTURES[fi]!.text.length - 1 })),
        ),
        ([f, cut]) => {
          const result = expectOk(parseJsonText(f.text.slice(0, cut)));
          expect(isPrefixPart(result.value, f.value)).toBe(true);
          expect(result.repairs).toHaveLength(1);
          expect(result.repairs[0]!.message).toMatch(/truncated/);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('trailing commas', () => {
  it('removes a trailing comma in tender.value', () => {
    const text = insertAfter(CFD9.text, '"currency": "GBP"', ',');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]!.path).toBe('$.tender.value');
    expect(result.repairs[0]!.message).toMatch(/trailing comma/);
  });

  it('removes a trailing comma in the tag array', () => {
    const text = insertAfter(CFD9.text, '"compiled"', ',');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect(result.repairs.map((r) => r.path)).toEqual(['$.tag']);
  });
});

describe('other malformed members', () => {
  it('skips an unquoted key, a missing colon and an unreadable value, keeping the rest', () => {
    let text = insertAfter(CFD9.text, '"amount": 598488.66,', ' amount2: 5,');
    text = insertAfter(text, '"ocid": "ocds-h6vhtk-05cfd9",', ' "note" "no colon",');
    text = insertAfter(text, '"initiationType": "tender",', ' "bad": 01,');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect(result.repairs.map((r) => r.path)).toEqual(['$', '$.bad', '$.tender.value']);
    expect(result.repairs[1]!.message).toContain('`01`');
  });

  it('adds a missing comma between members', () => {
    const text = replaceOnce(CFD9.text, '"amount": 598488.66,', '"amount": 598488.66');
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual(CFD9.value);
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]!.message).toMatch(/missing comma/);
  });

  it('lets the last duplicate key win, as JSON.parse does', () => {
    const text = '{"a": 1, "a": 2, 000, "b": 3}';
    const result = expectOk(parseJsonText(text));
    expect(result.value).toEqual({ a: 2, b: 3 });
    expect(result.repairs).toHaveLength(1);
  });

  it('keeps a "__proto__" key as a plain member, as JSON.parse does', () => {
    const result = expectOk(parseJsonText('{"__proto__": {"x": 1}, 000, "a": 1}'));
    const value = result.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(value.__proto__).toEqual({ x: 1 });
  });

  it('formats keys that are not identifiers with quotes', () => {
    const result = expectOk(parseJsonText('{"key with space": {"a": 1, 000}, "x": [1e999]}'));
    expect(result.repairs.map((r) => r.path)).toEqual(['$["key with space"]', '$.x[0]']);
  });
});

describe('not JSON at all', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html>\n<html lang="en"><head><title>Error</title></head></html>', /not JSON.*<!DOCTYPE html>/],
    ['an empty response', '', /empty/],
    ['only whitespace', ' \n\t ', /empty/],
    ['plain text', 'Service Unavailable', /not JSON.*Service Unavailable/],
    ['plain text starting with a number', '429 Too Many Requests', /not JSON.*429 Too Many/],
    ['an unquoted word', 'compiled', /not JSON/],
    ['a byte order mark and nothing else', '\uFEFF', /empty/],
  ])('%s gives ok:false with a readable message', (_label, text, pattern) => {
    const result = parseJsonText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(pattern);
      expect(result.message.length).toBeLessThan(100);
    }
  });
});

describe('never throws', () => {
  function check(text: string): void {
    const result = parseJsonText(text);
    if (result.ok) {
      expect(allFinite(result.value)).toBe(true);
      for (const r of result.repairs) {
        expect(r.path.startsWith('$')).toBe(true);
        expect(r.message.length).toBeGreaterThan(0);
      }
    } else {
      expect(result.message.length).toBeGreaterThan(0);
      // That message comes only from the last-resort catch: the reader itself threw.
      expect(result.message).not.toMatch(/could not be read/);
    }
  }

  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), check), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), check), { numRuns: 500 });
  });

  it('on strings made of JSON punctuation', () => {
    const unit = fc.constantFrom(...'{}[],:"\\ \n0123456789-+.eEtrufalsn1e999x'.split(''));
    fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), check), { numRuns: 3000 });
  });

  it('on fixtures with random characters deleted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: FIXTURES.length - 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        (fi, positions) => {
          let text = FIXTURES[fi]!.text;
          for (const p of positions) {
            const at = p % text.length;
            text = text.slice(0, at) + text.slice(at + 1);
          }
          check(text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on very deep nesting', () => {
    for (const text of ['['.repeat(100_000), '{"a":'.repeat(50_000), `{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "b": 1, 000}`]) {
      check(text);
    }
    const deep = expectOk(parseJsonText(`{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "b": 1, 000}`));
    expect((deep.value as { b: number }).b).toBe(1);
  });

  it('on deeply nested valid JSON with a number too large', () => {
    const text = `${'['.repeat(20_000)}1e999${']'.repeat(20_000)}`;
    const result = expectOk(parseJsonText(text));
    expect(result.repairs).toHaveLength(1);
  });
});
