/**
 * One JSON object read from text that arrives in pieces (a file read as a stream), member
 * by member, without ever holding the whole text: a file of any size is read with memory
 * bounded by its largest single value. Members named in `expand` whose value is an array
 * are given element by element; every other member's value is given whole.
 *
 * Each value is checked by `JSON.parse` of its own text, so what is valid is exactly what
 * `JSON.parse` accepts. A value longer than `maxValueChars` is skipped (its text is not
 * kept) and reported as too large. The object's own structure (braces, commas, member
 * names) must be valid JSON: where it is not, or where the text ends early, reading stops
 * with a `JsonStreamError` saying where.
 */

export type JsonMember =
  /** A member's whole value. */
  | { kind: 'value'; name: string; value: unknown }
  /** An expanded member's array begins. */
  | { kind: 'start'; name: string }
  /** One element of an expanded member's array (index from 0). */
  | { kind: 'element'; name: string; index: number; value: unknown }
  /** An element (or a member's value) that could not be used; reading goes on. */
  | { kind: 'unreadable'; name: string; index?: number; reason: string };

export class JsonStreamError extends Error {
  constructor(
    /** `notObject`: the text holds a JSON list or single value; `invalid`: not JSON where shown; `ended`: the text stops early. */
    readonly kind: 'notObject' | 'invalid' | 'ended',
    message: string,
    /** Characters read before the fault. */
    readonly at: number,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const BACKSLASH = 92;
const IN_STRING = /["\\]/g;
const OUTSIDE_STRING = /["{}[\]]/g;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
/** What ends a number, `true`, `false` or `null` inside an object or array. */
const isDelimiter = (c: number) => c === 44 || c === 125 || c === 93 || isSpace(c);

/** Scans one JSON value's text as it arrives, keeping it (up to a limit) for `JSON.parse`. */
class ValueScanner {
  private parts: string[] = [];
  private length = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  private started = false;
  tooLarge = false;

  constructor(private readonly maxChars: number) {}

  /** Reads from `start`; returns the index just after the value's end, or -1 when it goes on past `chunk`. */
  feed(chunk: string, start: number): number {
    let i = start;
    const n = chunk.length;
    const end = this.scan(chunk, i, n);
    i = end === -1 ? n : end;
    this.keep(chunk.slice(start, i));
    return end;
  }

  private scan(chunk: string, from: number, n: number): number {
    let i = from;
    if (!this.started) {
      this.started = true;
      const c = chunk.charCodeAt(i);
      if (c === QUOTE) this.inString = true;
      else if (c === 123 || c === 91) this.depth = 1;
      else this.scalar = true;
      i++;
    }
    if (this.scalar) {
      while (i < n && !isDelimiter(chunk.charCodeAt(i))) i++;
      return i < n ? i : -1;
    }
    // Native searches jump to the next character that matters: inside a string a quote or
    // a backslash, outside one a quote, brace or bracket (most of a file is neither).
    while (i < n) {
      if (this.escaped) {
        this.escaped = false;
        i++;
        continue;
      }
      const pattern = this.inString ? IN_STRING : OUTSIDE_STRING;
      pattern.lastIndex = i;
      const found = pattern.exec(chunk);
      if (!found) return -1;
      i = found.index + 1;
      const c = chunk.charCodeAt(found.index);
      if (this.inString) {
        if (c === BACKSLASH) this.escaped = true;
        else {
          this.inString = false;
          if (this.depth === 0) return i;
        }
      } else if (c === QUOTE) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (--this.depth === 0) return i;
    }
    return -1;
  }

  private keep(text: string): void {
    if (this.tooLarge) return;
    this.length += text.length;
    if (this.length > this.maxChars) {
      this.tooLarge = true;
      this.parts = [];
      return;
    }
    this.parts.push(text);
  }

  /** The value's text once it ended (a scalar at the very end of the text ends there). */
  text(): string {
    return this.parts.join('');
  }
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

function parse(scanner: ValueScanner, maxChars: number): Parsed {
  if (scanner.tooLarge) return { ok: false, reason: `it is larger than ${maxChars.toLocaleString('en-GB')} characters` };
  try {
    return { ok: true, value: JSON.parse(scanner.text()) };
  } catch (error) {
    return { ok: false, reason: `it is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

type State = 'beforeObject' | 'beforeName' | 'name' | 'afterName' | 'beforeValue' | 'value' | 'afterValue' | 'beforeElement' | 'element' | 'afterElement' | 'done';

export interface JsonStreamOptions {
  /** Member names whose array value is given element by element. */
  expand: ReadonlySet<string>;
  /** The longest value kept (default 256 MiB of text, well inside a JavaScript string's limit). */
  maxValueChars?: number;
}

/** The members of the JSON object in `chunks`, in the order they are written (a leading BOM is ignored). */
export async function* jsonMembers(chunks: AsyncIterable<string> | Iterable<string>, options: JsonStreamOptions): AsyncGenerator<JsonMember> {
  const maxChars = options.maxValueChars ?? 256 * 1024 * 1024;
  let state: State = 'beforeObject';
  let scanner: ValueScanner | undefined;
  let name = '';
  let index = 0;
  let members = 0;
  let offset = 0;
  let first = true;

  const fail = (kind: JsonStreamError['kind'], what: string, at: number): never => {
    throw new JsonStreamError(kind, what, at);
  };

  for await (let chunk of chunks) {
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (state === 'name' || state === 'value' || state === 'element') {
        const end = scanner!.feed(chunk, i);
        if (end === -1) break;
        i = end;
        const parsed = parse(scanner!, maxChars);
        if (state === 'name') {
          if (!parsed.ok || typeof parsed.value !== 'string') fail('invalid', 'a member name is not valid JSON', offset + i);
          name = (parsed as { value: string }).value;
          members++;
          state = 'afterName';
        } else if (state === 'value') {
          yield parsed.ok ? { kind: 'value', name, value: parsed.value } : { kind: 'unreadable', name, reason: parsed.reason };
          state = 'afterValue';
        } else {
          yield parsed.ok ? { kind: 'element', name, index, value: parsed.value } : { kind: 'unreadable', name, index, reason: parsed.reason };
          index++;
          state = 'afterElement';
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      const at = offset + i;
      switch (state) {
        case 'beforeObject':
          if (c === 91) fail('notObject', 'it holds a list', at);
          if (/[-0-9"tfn]/.test(chunk[i]!)) fail('notObject', 'it holds a single value', at);
          if (c !== 123) fail('invalid', 'it does not begin with "{"', at);
          state = 'beforeName';
          i++;
          break;
        case 'beforeName':
          if (c === 125 && members === 0) {
            state = 'done';
            i++;
            break;
          }
          if (c !== QUOTE) fail('invalid', 'a member name was expected', at);
          state = 'name';
          scanner = new ValueScanner(maxChars);
          break;
        case 'afterName':
          if (c !== 58) fail('invalid', 'a ":" was expected after a member name', at);
          state = 'beforeValue';
          i++;
          break;
        case 'beforeValue':
          if (c === 91 && options.expand.has(name)) {
            yield { kind: 'start', name };
            state = 'beforeElement';
            index = 0;
            i++;
            break;
          }
          state = 'value';
          scanner = new ValueScanner(maxChars);
          break;
        case 'afterValue':
        case 'afterElement':
          if (c === 44) {
            state = state === 'afterValue' ? 'beforeName' : 'beforeElement';
            i++;
            break;
          }
          if (state === 'afterValue' && c === 125) state = 'done';
          else if (state === 'afterElement' && c === 93) state = 'afterValue';
          else fail('invalid', `a "," or "${state === 'afterValue' ? '}' : ']'}" was expected`, at);
          i++;
          break;
        case 'beforeElement':
          if (c === 93 && index === 0) {
            state = 'afterValue';
            i++;
            break;
          }
          state = 'element';
          scanner = new ValueScanner(maxChars);
          break;
        case 'done':
          fail('invalid', 'there is more after the end of the object', at);
      }
    }
    offset += n;
  }
  if (state !== 'done') fail(state === 'beforeObject' ? 'invalid' : 'ended', state === 'beforeObject' ? 'it is empty' : 'it ends early', offset);
}
