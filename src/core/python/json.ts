/**
 * `json.loads` as CPython's C scanner does it: the same accepted texts (NaN/Infinity/-Infinity, no
 * trailing commas, only space/tab/LF/CR as whitespace), the same values (ints without `.`/`e` are ints,
 * `\uXXXX` surrogate pairs joined, lone surrogates kept, duplicate keys: last value wins in the first
 * key's place) and the same error texts, e.g. `Expecting ',' delimiter: line 1 column 9 (char 8)`.
 * `char N` counts code points like Python; the returned `offset` is a UTF-16 index into `text`.
 */

import { codePointIndex, hexValue, isDigit } from './chars';
import { parsePyLiteral } from './literal';
import { parseSimpleArguments } from './simpleArguments';
import { MAX_JSON_DEPTH, type ParseResult, type PyValue } from './value';

export function parseJsonPy(text: string): ParseResult {
  return new JsonParser(text).parse();
}

export type ArgumentsResult =
  | { ok: true; value: PyValue; syntax: 'json' | 'python' }
  | { ok: false; message: string; offset: number };

/** Off only in tests, which hold the one-pass reader of the common shape to the two full parsers. */
export const simpleArgumentsPath = { enabled: true };

/**
 * ms_agent `Action Input` text: JSON when it is JSON, otherwise a Python literal. When both fail the
 * Python parser's error is the one reported, since most arguments are written as Python dicts.
 */
export function parseArguments(text: string): ArgumentsResult {
  if (simpleArgumentsPath.enabled) {
    const simple = parseSimpleArguments(text);
    if (simple) return { ok: true, value: simple.value, syntax: simple.syntax };
  }
  const json = parseJsonPy(text);
  if (json.ok) return { ok: true, value: json.value, syntax: 'json' };
  const python = parsePyLiteral(text);
  if (python.ok) return { ok: true, value: python.value, syntax: 'python' };
  return python;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

const SIMPLE_ESCAPES: Record<number, string> = {
  34: '"',
  92: '\\',
  47: '/',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
};

class JsonParser {
  private readonly src: string;
  private readonly n: number;
  /** Index just after the value most recently parsed. */
  private end = 0;
  private errMessage: string | null = null;
  private errOffset = 0;
  /** Set for RecursionError, which Python reports without a position. */
  private errBare = false;

  constructor(src: string) {
    this.src = src;
    this.n = src.length;
  }

  parse(): ParseResult {
    let value: PyValue | null = null;
    if (this.n > 0 && this.src.charCodeAt(0) === 0xfeff) {
      this.fail('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
    } else {
      value = this.value(this.skipSpace(0), 0);
      if (value !== null) {
        const i = this.skipSpace(this.end);
        if (i !== this.n) value = this.fail('Extra data', i);
      }
    }
    if (value !== null) return { ok: true, value };
    const offset = this.errOffset;
    const message = this.errMessage ?? 'invalid JSON';
    return { ok: false, message: this.errBare ? message : this.withPosition(message, offset), offset };
  }

  private withPosition(message: string, offset: number): string {
    const lastNewline = this.src.lastIndexOf('\n', offset - 1);
    const char = codePointIndex(this.src, offset);
    let line = 1;
    for (let i = this.src.indexOf('\n'); i >= 0 && i < offset; i = this.src.indexOf('\n', i + 1)) line++;
    const column = lastNewline < 0 || offset === 0 ? char + 1 : char - codePointIndex(this.src, lastNewline);
    return `${message}: line ${line} column ${column} (char ${char})`;
  }

  private fail(message: string, offset: number): null {
    if (this.errMessage === null) {
      this.errMessage = message;
      this.errOffset = offset;
    }
    return null;
  }

  private skipSpace(i: number): number {
    while (i < this.n && isJsonSpace(this.src.charCodeAt(i))) i++;
    return i;
  }

  private value(i: number, depth: number): PyValue | null {
    const src = this.src;
    if (i >= this.n) return this.fail('Expecting value', i);
    switch (src.charCodeAt(i)) {
      case QUOTE:
        return this.string(i + 1);
      case 0x7b:
        return this.object(i, depth + 1);
      case 0x5b:
        return this.array(i, depth + 1);
      case 0x6e:
        if (src.startsWith('null', i)) return this.constant({ t: 'none' }, i + 4);
        break;
      case 0x74:
        if (src.startsWith('true', i)) return this.constant({ t: 'bool', v: true }, i + 4);
        break;
      case 0x66:
        if (src.startsWith('false', i)) return this.constant({ t: 'bool', v: false }, i + 5);
        break;
      case 0x4e:
        if (src.startsWith('NaN', i)) return this.constant({ t: 'float', v: Number.NaN }, i + 3);
        break;
      case 0x49:
        if (src.startsWith('Infinity', i))
          return this.constant({ t: 'float', v: Number.POSITIVE_INFINITY }, i + 8);
        break;
      case 0x2d:
        if (src.startsWith('-Infinity', i))
          return this.constant({ t: 'float', v: Number.NEGATIVE_INFINITY }, i + 9);
        break;
    }
    return this.number(i);
  }

  private constant(value: PyValue, end: number): PyValue {
    this.end = end;
    return value;
  }

  /** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, backing off a `.` or exponent without digits. */
  private number(start: number): PyValue | null {
    const src = this.src;
    const n = this.n;
    let i = start;
    if (src.charCodeAt(i) === 0x2d) {
      i++;
      if (i >= n) return this.fail('Expecting value', start);
    }
    const first = src.charCodeAt(i);
    if (first >= 0x31 && first <= 0x39) {
      i++;
      while (i < n && isDigit(src.charCodeAt(i))) i++;
    } else if (first === 0x30) {
      i++;
    } else {
      return this.fail('Expecting value', start);
    }
    let isFloat = false;
    if (i < n - 1 && src.charCodeAt(i) === 0x2e && isDigit(src.charCodeAt(i + 1))) {
      isFloat = true;
      i += 2;
      while (i < n && isDigit(src.charCodeAt(i))) i++;
    }
    if (i < n - 1 && (src.charCodeAt(i) | 0x20) === 0x65) {
      const exponentStart = i;
      i++;
      if (i < n - 1 && (src.charCodeAt(i) === 0x2d || src.charCodeAt(i) === 0x2b)) i++;
      while (i < n && isDigit(src.charCodeAt(i))) i++;
      if (isDigit(src.charCodeAt(i - 1))) isFloat = true;
      else i = exponentStart;
    }
    this.end = i;
    const text = src.slice(start, i);
    return isFloat ? { t: 'float', v: Number(text) } : { t: 'int', v: BigInt(text) };
  }

  /** String body starting after the opening quote at `start - 1`. */
  private string(start: number): PyValue | null {
    const text = this.stringText(start);
    return text === null ? null : { t: 'str', v: text };
  }

  private stringText(start: number): string | null {
    const src = this.src;
    const n = this.n;
    let out = '';
    let chunk = start;
    let i = start;
    for (;;) {
      let c = 0;
      for (; i < n; i++) {
        c = src.charCodeAt(i);
        if (c === QUOTE || c === BACKSLASH) break;
        if (c <= 0x1f) return this.fail('Invalid control character at', i);
      }
      if (i >= n) return this.fail('Unterminated string starting at', start - 1);
      out += src.slice(chunk, i);
      if (c === QUOTE) {
        this.end = i + 1;
        return out;
      }
      i++;
      if (i >= n) return this.fail('Unterminated string starting at', start - 1);
      const e = src.charCodeAt(i);
      if (e !== 0x75) {
        const simple = SIMPLE_ESCAPES[e];
        if (simple === undefined) return this.fail('Invalid \\escape', i - 1);
        out += simple;
        i++;
      } else {
        i++;
        if (i + 4 >= n) return this.fail('Invalid \\uXXXX escape', i - 1);
        const unit = hex4(src, i);
        if (unit < 0) return this.fail('Invalid \\uXXXX escape', i - 1);
        i += 4;
        if (
          unit >= 0xd800 &&
          unit <= 0xdbff &&
          i + 6 < n &&
          src.charCodeAt(i) === BACKSLASH &&
          src.charCodeAt(i + 1) === 0x75
        ) {
          const low = hex4(src, i + 2);
          if (low < 0) return this.fail('Invalid \\uXXXX escape', i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            out += String.fromCharCode(unit, low);
            i += 6;
          } else {
            out += String.fromCharCode(unit);
          }
        } else {
          out += String.fromCharCode(unit);
        }
      }
      chunk = i;
    }
  }

  private object(open: number, depth: number): PyValue | null {
    if (depth > MAX_JSON_DEPTH) return this.tooDeep('object', open);
    const src = this.src;
    const n = this.n;
    const entries: [PyValue, PyValue][] = [];
    const positions = new Map<string, number>();
    let i = this.skipSpace(open + 1);
    if (i < n && src.charCodeAt(i) === 0x7d) {
      this.end = i + 1;
      return { t: 'dict', entries };
    }
    for (;;) {
      if (i >= n || src.charCodeAt(i) !== QUOTE)
        return this.fail('Expecting property name enclosed in double quotes', i);
      const key = this.stringText(i + 1);
      if (key === null) return null;
      i = this.skipSpace(this.end);
      if (i >= n || src.charCodeAt(i) !== 0x3a) return this.fail("Expecting ':' delimiter", i);
      const value = this.value(this.skipSpace(i + 1), depth);
      if (value === null) return null;
      const at = positions.get(key);
      if (at === undefined) {
        positions.set(key, entries.length);
        entries.push([{ t: 'str', v: key }, value]);
      } else {
        entries[at] = [entries[at][0], value];
      }
      i = this.skipSpace(this.end);
      if (i < n && src.charCodeAt(i) === 0x7d) break;
      if (i >= n || src.charCodeAt(i) !== 0x2c) return this.fail("Expecting ',' delimiter", i);
      i = this.skipSpace(i + 1);
    }
    this.end = i + 1;
    return { t: 'dict', entries };
  }

  private array(open: number, depth: number): PyValue | null {
    if (depth > MAX_JSON_DEPTH) return this.tooDeep('array', open);
    const src = this.src;
    const n = this.n;
    const items: PyValue[] = [];
    let i = this.skipSpace(open + 1);
    if (i < n && src.charCodeAt(i) === 0x5d) {
      this.end = i + 1;
      return { t: 'list', items };
    }
    for (;;) {
      const value = this.value(i, depth);
      if (value === null) return null;
      items.push(value);
      i = this.skipSpace(this.end);
      if (i < n && src.charCodeAt(i) === 0x5d) break;
      if (i >= n || src.charCodeAt(i) !== 0x2c) return this.fail("Expecting ',' delimiter", i);
      i = this.skipSpace(i + 1);
    }
    this.end = i + 1;
    return { t: 'list', items };
  }

  private tooDeep(kind: string, open: number): null {
    if (this.errMessage === null) this.errBare = true;
    return this.fail(
      `maximum recursion depth exceeded while decoding a JSON ${kind} from a unicode string`,
      open,
    );
  }
}

function hex4(src: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 4; i++) {
    const h = hexValue(src.charCodeAt(i));
    if (h < 0) return -1;
    value = value * 16 + h;
  }
  return value;
}
