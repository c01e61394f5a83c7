/**
 * lib/json-stream.ts: one JSON object read member by member from text in pieces. Whatever
 * the object and wherever the text is cut, what it gives is what `JSON.parse` of the whole
 * gives; a broken structure stops it with where; a bad or too large value is one
 * `unreadable` and the rest is read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonMembers, JsonStreamError, type JsonMember } from '../lib/json-stream';

const EXPAND = new Set(['list']);

async function members(chunks: string[], maxValueChars?: number): Promise<JsonMember[]> {
  const out: JsonMember[] = [];
  for await (const member of jsonMembers(chunks, { expand: EXPAND, maxValueChars })) out.push(member);
  return out;
}

/** What the members should be, from `JSON.parse` of the whole text. */
function expected(object: Record<string, unknown>): JsonMember[] {
  return Object.entries(object).flatMap(([name, value]): JsonMember[] =>
    EXPAND.has(name) && Array.isArray(value)
      ? [{ kind: 'start', name }, ...value.map((element, index): JsonMember => ({ kind: 'element', name, index, value: element }))]
      : [{ kind: 'value', name, value }],
  );
}

/** `text` cut at the given positions. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...points].map((from, i) => text.slice(from, points[i] ?? text.length));
}

describe('jsonMembers', () => {
  it('gives what JSON.parse gives, wherever the text is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.array(fc.jsonValue()),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (object, list, indent, at) => {
          const value = { ...object, list };
          const text = JSON.stringify(value, null, indent ? 2 : undefined);
          expect(await members(cut(text, at))).toEqual(expected(JSON.parse(text)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is not fooled by quotes, backslashes, braces and brackets inside strings, cut at every character', async () => {
    const text = JSON.stringify({ list: ['a"}]', { b: '\\"[{' }, ['\\\\', '\u00e9\ud83d\ude00']], after: '}"' });
    for (let at = 0; at <= text.length; at++) {
      expect(await members([text.slice(0, at), text.slice(at)])).toEqual(expected(JSON.parse(text)));
    }
  });

  it('reads a value it does not expand whole, and an empty object', async () => {
    expect(await members(['{"list": {"a": [1]}, "n": -1.5e3, "t": true}'])).toEqual([
      { kind: 'value', name: 'list', value: { a: [1] } },
      { kind: 'value', name: 'n', value: -1500 },
      { kind: 'value', name: 't', value: true },
    ]);
    expect(await members(['\uFEFF', ' {} '])).toEqual([]);
  });

  it('gives a bad or too large element as unreadable, and reads on', async () => {
    expect(await members(['{"list": [1, tru, "', 'x'.repeat(50), '", 2]}'], 20)).toEqual([
      { kind: 'start', name: 'list' },
      { kind: 'element', name: 'list', index: 0, value: 1 },
      { kind: 'unreadable', name: 'list', index: 1, reason: expect.stringMatching(/^it is not valid JSON/) },
      { kind: 'unreadable', name: 'list', index: 2, reason: 'it is larger than 20 characters' },
      { kind: 'element', name: 'list', index: 3, value: 2 },
    ]);
  });

  it.each([
    ['', 'invalid', 'it is empty'],
    ['[1]', 'notObject', 'it holds a list'],
    ['"x"', 'notObject', 'it holds a single value'],
    ['Ocid,Title', 'invalid', 'it does not begin with "{"'],
    ['{"a": 1 "b": 2}', 'invalid', 'a "," or "}" was expected'],
    ['{"a" 1}', 'invalid', 'a ":" was expected after a member name'],
    ['{"a": 1,}', 'invalid', 'a member name was expected'],
    ['{"list": [1, 2', 'ended', 'it ends early'],
    ['{"a": 1} x', 'invalid', 'there is more after the end of the object'],
  ])('stops on %j: %s, %s', async (text, kind, message) => {
    const error = await members([text]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsonStreamError);
    expect(error).toMatchObject({ kind, message });
  });
});
