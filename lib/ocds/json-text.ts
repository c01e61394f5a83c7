/**
 * Tolerant JSON reading for FTS OCDS responses.
 *
 * FTS has served invalid JSON (stray fragments such as ` 000,` between members) and
 * numbers such as `1e9999` that JSON.parse turns into Infinity. `parseJsonText` reads what
 * it can, never throws, and lists every repair it made so the UI can say what was left out.
 *
 * Plain TypeScript: no DOM, no dependencies, so it runs in the background worker, in
 * content scripts and in Node scripts alike.
 */

import { appendPath } from './json-path';

/** One thing that was repaired, skipped or left out while reading. */
export interface JsonRepair {
  /** JSONPath-like: `$`, `$.tender.value.amount`, `$.records[0].releases[3]`, `$["a b"]`. */
  path: string;
  message: string;
}

export type JsonTextResult =
  | { ok: true; value: unknown; repairs: JsonRepair[] }
  | { ok: false; message: string };

/**
 * Reads JSON text, repairing what it can. `ok: false` only when nothing usable can be read
 * (empty, HTML, plain text). A top-level primitive is returned as is: the caller decides.
 *
 * Paths name places in the repaired value (array indices count kept elements), except the
 * last index of a removed array element, which is its index in the text as sent.
 */
export function parseJsonText(text: string): JsonTextResult {
  // Belt and braces: the readers below are written not to throw, but a bug there must
  // not take the caller down with it.
  try {
    if (typeof text !== 'string') return { ok: false, message: 'it is not text' };
    return read(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, message: `it could not be read (${String(error)})` };
  }
}

type Segment = string | number;
/** A path as a linked list: cheap to extend, formatted only when a repair needs it. */
type PathNode = { readonly up: PathNode; readonly seg: Segment } | null;

function formatNode(node: PathNode): string {
  const segments: Segment[] = [];
  for (let n = node; n !== null; n = n.up) segments.push(n.seg);
  return appendPath('$', ...segments.reverse());
}

/** Text quoted in a message: one line, at most `max` characters. */
function excerpt(raw: string, max = 40): string {
  const flat = raw.slice(0, max * 4).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function tooLargeMessage(token: string | undefined): string {
  return token === undefined
    ? 'A number too large to be a value was left out'
    : `Number ${excerpt(token)} is too large to be a value; it was left out`;
}

/**
 * Whether JSON.parse turned a number into ±Infinity somewhere in the tree (1e9999, or 310
 * digits). Only numbers are looked at, never the text: a scan of 20 MB of text costs more
 * than a walk of its tree, which holds few values beside its long strings. Iterative, so
 * deep nesting cannot overflow the stack.
 */
function hasNonFinite(root: object): boolean {
  const stack: object[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const value: unknown = node[i];
        if (typeof value === 'object') {
          if (value !== null) stack.push(value);
        } else if (typeof value === 'number' && !Number.isFinite(value)) return true;
      }
    } else {
      const record = node as Record<string, unknown>;
      for (const key in record) {
        const value = record[key];
        if (typeof value === 'object') {
          if (value !== null) stack.push(value);
        } else if (typeof value === 'number' && !Number.isFinite(value)) return true;
      }
    }
  }
  return false;
}

function read(text: string): JsonTextResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return new TolerantReader(text).document();
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { ok: false, message: `it is only a number too large to read (${excerpt(text.trim())})` };
  }
  if (value === null || typeof value !== 'object' || !hasNonFinite(value)) {
    return { ok: true, value, repairs: [] };
  }
  return { ok: true, value, repairs: dropNonFinite(value, text) };
}

/**
 * Removes every non-finite number from a JSON.parse result (in place), walking iteratively
 * so deep nesting cannot overflow the stack. Array elements are spliced out, not left as holes.
 */
function dropNonFinite(root: object, text: string): JsonRepair[] {
  const found: string[] = [];
  const stack: { node: object; path: PathNode }[] = [{ node: root, path: null }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { node, path } = frame;
    if (Array.isArray(node)) {
      const items: unknown[] = node;
      let kept = 0;
      for (let i = 0; i < items.length; i++) {
        const v = items[i];
        if (typeof v === 'number' && !Number.isFinite(v)) {
          found.push(formatNode({ up: path, seg: i }));
          continue;
        }
        if (typeof v === 'object' && v !== null) stack.push({ node: v, path: { up: path, seg: kept } });
        items[kept++] = v;
      }
      items.length = kept;
    } else {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const v = record[key];
        if (typeof v === 'number' && !Number.isFinite(v)) {
          found.push(formatNode({ up: path, seg: key }));
          delete record[key];
        } else if (typeof v === 'object' && v !== null) {
          stack.push({ node: v, path: { up: path, seg: key } });
        }
      }
    }
  }
  if (found.length === 0) return [];
  // The parsed tree has lost the number's text; find it (and document order) in the source.
  const texts = nonFiniteTokens(text);
  const order = [...texts.keys()];
  found.sort((a, b) => rank(order, a) - rank(order, b));
  return found.map((path) => ({ path, message: tooLargeMessage(texts.get(path)) }));
}

function rank(order: string[], path: string): number {
  const i = order.indexOf(path);
  return i < 0 ? order.length : i;
}

/**
 * Path → source text of each non-finite number in valid JSON text, in document order, with
 * paths built the same way as `dropNonFinite` builds them. A plain character loop (no regex
 * over strings), because long strings can overflow a backtracking regex.
 */
function nonFiniteTokens(text: string): Map<string, string> {
  interface Frame {
    array: boolean;
    index: number; // elements seen (arrays)
    removed: number; // non-finite elements seen (arrays): index - removed is the kept index
    key: string;
    expectKey: boolean;
  }
  const frames: Frame[] = [];
  const out = new Map<string, string>();
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i + 1);
      const top = frames[frames.length - 1];
      if (top !== undefined && !top.array && top.expectKey) {
        top.key = JSON.parse(text.slice(i, end + 1)) as string;
        top.expectKey = false;
      }
      i = end + 1;
    } else if (c === LBRACE || c === LBRACKET) {
      frames.push({ array: c === LBRACKET, index: 0, removed: 0, key: '', expectKey: true });
      i++;
    } else if (c === RBRACE || c === RBRACKET) {
      frames.pop();
      i++;
    } else if (c === COMMA) {
      const top = frames[frames.length - 1];
      if (top?.array) top.index++;
      else if (top) top.expectKey = true;
      i++;
    } else if (c === MINUS || isDigit(c)) {
      let j = i + 1;
      while (j < n && isNumberChar(text.charCodeAt(j))) j++;
      const token = text.slice(i, j);
      const top = frames[frames.length - 1];
      if (top !== undefined && !Number.isFinite(Number(token))) {
        const segments: Segment[] = frames
          .slice(0, -1)
          .map((f) => (f.array ? f.index - f.removed : f.key));
        segments.push(top.array ? top.index : top.key);
        if (top.array) top.removed++;
        out.set(appendPath('$', ...segments), token); // a later duplicate key wins, as in JSON.parse
      }
      i = j;
    } else {
      i++;
    }
  }
  return out;
}

/** Index of the quote closing a string whose body starts at `from`, or text.length. */
function stringEnd(text: string, from: number): number {
  for (let j = from; ; ) {
    const k = text.indexOf('"', j);
    if (k < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(k - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return k;
    j = k + 1;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isNumberChar(c: number): boolean {
  return isDigit(c) || c === 0x2e || c === 0x2b || c === MINUS || c === 0x65 || c === 0x45;
}
/** Characters that would glue onto a number or literal, making it one unreadable word. */
function isWordChar(c: number): boolean {
  return isNumberChar(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}
function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
function startsValue(c: number): boolean {
  return c === LBRACE || c === LBRACKET || c === QUOTE || c === MINUS || isDigit(c) || c === 0x74 || c === 0x66 || c === 0x6e;
}

/** The value could not be read; nothing was consumed, the container skips it. */
const BAD = Symbol('bad');
/** The text ended inside a primitive: it may be cut short, so it is left out. */
const CUT = Symbol('cut');
/** Already skipped and reported (too deep): the container just moves on. */
const DROPPED = Symbol('dropped');
/** A syntactically fine number that is not finite: left out, with a repair. */
class TooLarge {
  constructor(readonly token: string) {}
}
type Read = unknown; // a value, or one of BAD / CUT / DROPPED / TooLarge

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NEEDS_UNESCAPE = /[\\\u0000-\u001f]/;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const HEX4 = /^[0-9a-fA-F]{4}$/;
/** Recursion limit: far beyond any OCDS document (about 10 deep), well within the stack. */
const MAX_DEPTH = 400;

/** Recursive-descent reader for text JSON.parse rejected. */
class TolerantReader {
  private pos = 0;
  private readonly n: number;
  private readonly repairs: JsonRepair[] = [];
  private path: PathNode = null;
  /** Closing characters of the open containers, innermost last. */
  private readonly closers: number[] = [];
  private openObjects = 0;
  private openArrays = 0;
  private truncationReported = false;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  document(): JsonTextResult {
    this.skipWhitespace();
    if (this.pos >= this.n) return { ok: false, message: 'it is empty' };
    const notJson: JsonTextResult = { ok: false, message: notJsonMessage(this.text) };
    if (!startsValue(this.code()) && !this.text.startsWith('Infinity', this.pos) && !this.text.startsWith('NaN', this.pos)) {
      return notJson;
    }
    const value = this.value();
    if (value instanceof TooLarge) {
      return { ok: false, message: `it is only a number that cannot be a value (${excerpt(value.token)})` };
    }
    if (value === BAD || value === CUT || value === DROPPED) return notJson;
    this.skipWhitespace();
    if (this.pos < this.n) {
      // Text after a lone word or number means this was prose, not JSON.
      if (value === null || typeof value !== 'object') return notJson;
      this.repairs.push({
        path: '$',
        message: `Skipped text after the end of the document: \`${excerpt(this.text.slice(this.pos))}\``,
      });
    }
    return { ok: true, value, repairs: this.repairs };
  }

  private code(): number {
    return this.text.charCodeAt(this.pos);
  }

  private skipWhitespace(): void {
    while (this.pos < this.n && isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private here(): string {
    return formatNode(this.path);
  }

  private at(seg: Segment): string {
    return formatNode({ up: this.path, seg });
  }

  private value(): Read {
    const c = this.code();
    if (c === LBRACE || c === LBRACKET) {
      if (this.closers.length >= MAX_DEPTH) return this.tooDeep();
      return c === LBRACE ? this.object() : this.array();
    }
    if (c === QUOTE) return this.string(false);
    if (c === MINUS || isDigit(c) || c === 0x49 /* I */ || c === 0x4e /* N */) return this.number();
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    return BAD;
  }

  private tooDeep(): Read {
    const start = this.pos;
    this.skipUnreadable(this.closers[this.closers.length - 1] ?? -1);
    if (this.pos >= this.n) return this.cutOff(start), DROPPED;
    this.repairs.push({ path: this.here(), message: `Left out \`${this.here()}\`: it is nested more than ${MAX_DEPTH} levels deep` });
    return DROPPED;
  }

  private object(): Read {
    this.pos++;
    const obj: Record<string, unknown> = {};
    this.closers.push(RBRACE);
    this.openObjects++;
    let expectMember = true;
    let sawComma = false;
    let lastKey: string | undefined;
    try {
      for (;;) {
        this.skipWhitespace();
        if (this.pos >= this.n) return this.cutOff(), obj;
        const c = this.code();
        if (c === RBRACE) {
          if (expectMember && sawComma) this.repairs.push({ path: this.here(), message: `Removed a trailing comma${lastKey === undefined ? '' : ` after \`${this.at(lastKey)}\``}` });
          this.pos++;
          return obj;
        }
        if (c === RBRACKET && this.openArrays > 0) {
          this.repairs.push({ path: this.here(), message: `\`${this.here()}\` was not closed: a \`}\` was missing` });
          return obj;
        }
        if (!expectMember) {
          if (c === COMMA) {
            this.pos++;
            expectMember = true;
            sawComma = true;
            continue;
          }
          if (c === QUOTE) {
            // Perhaps a missing comma: keep the member if it reads cleanly.
            const mark = this.repairs.length;
            const outcome = this.member(obj, lastKey);
            if (outcome.key !== undefined) lastKey = outcome.key;
            if (outcome.read) this.repairs.splice(mark, 0, { path: this.here(), message: `Added a missing comma before \`${this.at(outcome.key ?? '')}\`` });
            if (outcome.cut) return obj;
            continue;
          }
          this.skipFrom(this.pos, RBRACE, lastKey);
          continue;
        }
        if (c === COMMA) {
          this.repairs.push({ path: this.here(), message: `Skipped an extra comma${lastKey === undefined ? ` at the start of \`${this.here()}\`` : ` after \`${this.at(lastKey)}\``}` });
          this.pos++;
          continue;
        }
        const outcome = this.member(obj, lastKey);
        if (outcome.key !== undefined) lastKey = outcome.key;
        if (outcome.cut) return obj;
        expectMember = false;
        sawComma = false;
      }
    } finally {
      this.closers.pop();
      this.openObjects--;
    }
  }

  /** Reads `"key": value` into obj. `read`: a member was read (kept or left out as too large). */
  private member(obj: Record<string, unknown>, lastKey: string | undefined): { key?: string; read?: boolean; cut?: boolean } {
    const start = this.pos;
    if (this.code() !== QUOTE) {
      this.skipFrom(start, RBRACE, lastKey);
      return { cut: this.pos >= this.n };
    }
    const key = this.string(true);
    if (key === CUT) return this.cutOff(start), { cut: true };
    this.skipWhitespace();
    if (this.pos >= this.n) return this.cutOff(start), { cut: true };
    if (this.code() !== COLON) {
      this.skipFrom(start, RBRACE, lastKey);
      return { cut: this.pos >= this.n };
    }
    this.pos++;
    this.skipWhitespace();
    if (this.pos >= this.n) return this.cutOff(start), { cut: true };
    const valueStart = this.pos;
    const keyStr = key;
    this.path = { up: this.path, seg: keyStr };
    let v: Read;
    try {
      v = this.value();
    } finally {
      this.path = this.path.up;
    }
    if (v === CUT) return this.cutOff(start), { cut: true };
    if (v === DROPPED) return { key: keyStr, cut: this.pos >= this.n };
    if (v === BAD) {
      this.skipUnreadable(RBRACE);
      if (this.pos >= this.n) return this.cutOff(start), { cut: true };
      const where = this.at(keyStr);
      this.repairs.push({ path: where, message: `Left out \`${where}\`: its value \`${excerpt(this.text.slice(valueStart, this.pos))}\` could not be read` });
      return { key: keyStr };
    }
    if (v instanceof TooLarge) {
      delete obj[keyStr]; // an earlier duplicate is overridden by this one, as in JSON.parse
      this.repairs.push({ path: this.at(keyStr), message: tooLargeMessage(v.token) });
      return { key: keyStr, read: true };
    }
    if (keyStr === '__proto__') {
      // Plain assignment would set the prototype; JSON.parse makes an own property.
      Object.defineProperty(obj, keyStr, { value: v, writable: true, enumerable: true, configurable: true });
    } else {
      obj[keyStr] = v;
    }
    return { key: keyStr, read: true };
  }

  private array(): Read {
    this.pos++;
    const arr: unknown[] = [];
    this.closers.push(RBRACKET);
    this.openArrays++;
    let expectElement = true;
    let sawComma = false;
    let seen = 0; // elements read, kept or left out: the source index of the next one
    let last: number | undefined; // index (as reported) of the last element read
    try {
      for (;;) {
        this.skipWhitespace();
        if (this.pos >= this.n) return this.cutOff(), arr;
        const c = this.code();
        if (c === RBRACKET) {
          if (expectElement && sawComma) this.repairs.push({ path: this.here(), message: `Removed a trailing comma${last === undefined ? '' : ` after \`${this.at(last)}\``}` });
          this.pos++;
          return arr;
        }
        if (c === RBRACE && this.openObjects > 0) {
          this.repairs.push({ path: this.here(), message: `\`${this.here()}\` was not closed: a \`]\` was missing` });
          return arr;
        }
        if (!expectElement) {
          if (c === COMMA) {
            this.pos++;
            expectElement = true;
            sawComma = true;
            continue;
          }
          if (!startsValue(c)) {
            this.skipFrom(this.pos, RBRACKET, last);
            continue;
          }
          // Perhaps a missing comma: keep the element if it reads cleanly.
          const mark = this.repairs.length;
          const outcome = this.element(arr, seen, last);
          if (outcome.index !== undefined) {
            this.repairs.splice(mark, 0, { path: this.here(), message: `Added a missing comma before \`${this.at(outcome.index)}\`` });
            last = outcome.index;
            seen++;
          }
          if (outcome.cut) return arr;
          continue;
        }
        if (c === COMMA) {
          this.repairs.push({ path: this.here(), message: `Skipped an extra comma${last === undefined ? ` at the start of \`${this.here()}\`` : ` after \`${this.at(last)}\``}` });
          this.pos++;
          continue;
        }
        const outcome = this.element(arr, seen, last);
        if (outcome.index !== undefined) {
          last = outcome.index;
          seen++;
        }
        if (outcome.cut) return arr;
        expectElement = false;
        sawComma = false;
      }
    } finally {
      this.closers.pop();
      this.openArrays--;
    }
  }

  /** Reads one element into arr. `index`: set when an element was read (kept or left out). */
  private element(arr: unknown[], seen: number, last: number | undefined): { index?: number; cut?: boolean } {
    const start = this.pos;
    this.path = { up: this.path, seg: arr.length };
    let v: Read;
    try {
      v = this.value();
    } finally {
      this.path = this.path.up;
    }
    if (v === CUT) return this.cutOff(start), { cut: true };
    if (v === DROPPED) return { index: arr.length, cut: this.pos >= this.n };
    if (v === BAD) {
      this.skipFrom(start, RBRACKET, last);
      return { cut: this.pos >= this.n };
    }
    if (v instanceof TooLarge) {
      // Reported at its index in the text: the repaired array has no place for it.
      this.repairs.push({ path: this.at(seen), message: tooLargeMessage(v.token) });
      return { index: seen };
    }
    arr.push(v);
    return { index: arr.length - 1 };
  }

  /** Skips unreadable text from `start` to the next delimiter at this depth, and reports it. */
  private skipFrom(start: number, own: number, after: Segment | undefined): void {
    this.pos = start;
    this.skipUnreadable(own);
    if (this.pos >= this.n) {
      this.cutOff(start);
      return;
    }
    const where = after === undefined ? `at the start of \`${this.here()}\`` : `after \`${this.at(after)}\``;
    this.repairs.push({ path: this.here(), message: `Skipped unreadable text \`${excerpt(this.text.slice(start, this.pos))}\` ${where}` });
  }

  /**
   * Moves to the next `,` at this depth, or to the closing character of this container or of
   * one around it, stepping over strings and bracketed text on the way. Iterative, so deeply
   * nested garbage cannot overflow the stack.
   */
  private skipUnreadable(own: number): void {
    const inner: number[] = [];
    while (this.pos < this.n) {
      const c = this.code();
      if (c === QUOTE) {
        this.pos = stringEnd(this.text, this.pos + 1) + 1;
      } else if (c === LBRACE || c === LBRACKET) {
        inner.push(c === LBRACE ? RBRACE : RBRACKET);
        this.pos++;
      } else if (c === RBRACE || c === RBRACKET) {
        if (inner.length > 0 && inner[inner.length - 1] === c) {
          inner.pop();
        } else if (c === own || (c === RBRACE ? this.openObjects > 0 : this.openArrays > 0)) {
          return;
        }
        this.pos++; // a stray closing character: part of the garbage
      } else if (c === COMMA && inner.length === 0) {
        return;
      } else {
        this.pos++;
      }
    }
    if (this.pos > this.n) this.pos = this.n;
  }

  /** Reports (once, at the innermost container) that the text ends too early. */
  private cutOff(incompleteFrom?: number): void {
    if (this.truncationReported) return;
    this.truncationReported = true;
    const incomplete = incompleteFrom === undefined ? '' : excerpt(this.text.slice(incompleteFrom));
    this.repairs.push({
      path: this.here(),
      message:
        `The document is cut off (truncated) inside \`${this.here()}\`; what came before it was kept` +
        (incomplete === '' ? '' : `, the incomplete \`${incomplete}\` was left out`),
    });
  }

  private string(isKey: boolean): string | typeof CUT {
    const start = this.pos + 1;
    const end = this.text.indexOf('"', start);
    if (end < 0) {
      this.pos = this.n;
      return CUT;
    }
    const raw = this.text.slice(start, end);
    if (!NEEDS_UNESCAPE.test(raw)) {
      this.pos = end + 1;
      return raw;
    }
    return this.escapedString(start, isKey);
  }

  private escapedString(start: number, isKey: boolean): string | typeof CUT {
    const text = this.text;
    const parts: string[] = [];
    let chunk = start;
    let rawControl = false;
    const badEscapes: string[] = [];
    for (let i = start; i < this.n; ) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        parts.push(text.slice(chunk, i));
        this.pos = i + 1;
        const where = isKey ? `A key in \`${this.here()}\`` : `The text at \`${this.here()}\``;
        if (rawControl) this.repairs.push({ path: this.here(), message: `${where} contains a raw line break or control character; it was kept` });
        if (badEscapes.length > 0) this.repairs.push({ path: this.here(), message: `${where} has an invalid escape \`${excerpt(badEscapes.join(' '))}\`; it was read literally` });
        return parts.join('');
      }
      if (c < 0x20) {
        rawControl = true;
        i++;
        continue;
      }
      if (c !== BACKSLASH) {
        i++;
        continue;
      }
      parts.push(text.slice(chunk, i));
      if (i + 1 >= this.n) break;
      const e = text.charAt(i + 1);
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        parts.push(simple);
        i += 2;
      } else if (e === 'u' && HEX4.test(text.slice(i + 2, i + 6))) {
        parts.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)));
        i += 6;
      } else {
        if (e === 'u' && i + 6 > this.n) break; // a \u escape cut off by the end of the text
        badEscapes.push(`\\${e}`);
        parts.push(e);
        i += 2;
      }
      chunk = i;
    }
    this.pos = this.n;
    return CUT;
  }

  private number(): Read {
    const start = this.pos;
    for (const word of ['-Infinity', 'Infinity', 'NaN']) {
      if (this.text.startsWith(word, start) && !isWordChar(this.text.charCodeAt(start + word.length))) {
        this.pos = start + word.length;
        return new TooLarge(word);
      }
    }
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(this.text);
    const end = start + (match?.[0].length ?? 0);
    if (match === null || end >= this.n || isWordChar(this.text.charCodeAt(end))) {
      // Cut off by the end of the text, or glued to more characters (`000`, `1.2.3`, `12abc`).
      let j = end;
      while (j < this.n && isWordChar(this.text.charCodeAt(j))) j++;
      return j >= this.n ? CUT : BAD;
    }
    this.pos = end;
    const v = Number(match[0]);
    return Number.isFinite(v) ? v : new TooLarge(match[0]);
  }

  private literal(word: string, value: boolean | null): Read {
    const start = this.pos;
    if (this.text.startsWith(word, start) && !isWordChar(this.text.charCodeAt(start + word.length))) {
      this.pos = start + word.length;
      return value;
    }
    const rest = this.text.slice(start, start + word.length);
    return start + rest.length >= this.n && word.startsWith(rest) ? CUT : BAD;
  }
}

function notJsonMessage(text: string): string {
  const trimmed = text.trimStart();
  let start = trimmed.split(/\r?\n/, 1)[0] ?? '';
  if (start.startsWith('<')) {
    // Name the tag: `<!DOCTYPE html>`, `<html lang="en">`.
    const close = start.indexOf('>');
    if (close > 0 && close < 60) start = start.slice(0, close + 1);
  }
  return `it is not JSON (it starts with \`${excerpt(start)}\`)`;
}

/** Whether a repair says the text ended early: what is missing may be anything. */
export function isTruncation(repair: JsonRepair): boolean {
  return repair.message.includes('(truncated)');
}
