import { isDigit } from './chars';
import { dictFromEntries } from './keys';
import type { PyValue } from './value';

/**
 * The `Action Input` texts of a dataset are nearly all one small shape: a dict of plain strings, numbers,
 * constants, lists and dicts, written with `'` (Python) or `"` (JSON) and single spaces. This reads that
 * shape in one pass and gives exactly what {@link parseArguments}' two full parsers give (the value, and
 * `json` when `json.loads` would accept the text, else `python`), or `undefined` for anything outside it:
 * other escapes, control characters, lone surrogates, other whitespace, comments, exponents, sets, tuples,
 * trailing commas, non-string keys, deep nesting. Errors are never decided here, so every message still
 * comes from the full parsers. `test/unit/python/simpleArguments.test.ts` holds it to them.
 */
export function parseSimpleArguments(
  text: string,
): { value: PyValue; syntax: 'json' | 'python' } | undefined {
  const reader = new SimpleReader(text);
  const value = reader.value(0, 0);
  if (value === undefined || reader.end !== text.length) return undefined;
  // Both constant spellings at once is neither JSON nor Python: leave the error to the full parsers.
  if (reader.jsonOnly && reader.pythonOnly) return undefined;
  return { value, syntax: reader.pythonOnly ? 'python' : 'json' };
}

/** Deeper than this goes to the full parsers (they model CPython's recursion limits). */
const MAX_DEPTH = 32;

const SPACE = 0x20;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const DOT = 0x2e;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const BACKSLASH = 0x5c;

/** What may follow a value in the shape: a space, a separator, a closing bracket, or the end. */
function endsValue(c: number): boolean {
  return c === SPACE || c === COMMA || c === COLON || c === RBRACE || c === RBRACKET || Number.isNaN(c);
}

class SimpleReader {
  /** Index just after the value most recently read. */
  end = 0;
  /** Something only Python reads: a `'` string, `True`, `False` or `None`. */
  pythonOnly = false;
  /** Something only JSON reads: `true`, `false` or `null`. */
  jsonOnly = false;

  constructor(private readonly src: string) {}

  private skipSpaces(i: number): number {
    while (this.src.charCodeAt(i) === SPACE) i++;
    return i;
  }

  value(i: number, depth: number): PyValue | undefined {
    const c = this.src.charCodeAt(i);
    if (c === LBRACE) return depth < MAX_DEPTH ? this.dict(i, depth + 1) : undefined;
    if (c === LBRACKET) return depth < MAX_DEPTH ? this.list(i, depth + 1) : undefined;
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
      const s = this.string(i);
      return s === undefined ? undefined : { t: 'str', v: s };
    }
    if (c === MINUS || isDigit(c)) return this.number(i);
    return this.constant(i);
  }

  /**
   * A quoted string without control characters or lone surrogates, whose escapes (if any) are `\\`,
   * `\n`, `\t`, `\"` or `\'`, which mean the same in both languages (`\'` is Python only); its text.
   */
  private string(open: number): string | undefined {
    const src = this.src;
    const quote = src.charCodeAt(open);
    if (quote === SINGLE_QUOTE) this.pythonOnly = true;
    let out = '';
    let chunk = open + 1;
    for (let i = open + 1; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === quote) {
        this.end = i + 1;
        return chunk === open + 1 ? src.slice(chunk, i) : out + src.slice(chunk, i);
      }
      if (c < 0x20) return undefined;
      if (c === BACKSLASH) {
        const e = src.charCodeAt(i + 1);
        let decoded: string;
        if (e === BACKSLASH) decoded = '\\';
        else if (e === 0x6e) decoded = '\n';
        else if (e === 0x74) decoded = '\t';
        else if (e === DOUBLE_QUOTE) decoded = '"';
        else if (e === SINGLE_QUOTE) {
          decoded = "'";
          this.pythonOnly = true;
        } else return undefined;
        out += src.slice(chunk, i) + decoded;
        i++;
        chunk = i + 1;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        // Only a high surrogate followed by a low one is a character both parsers keep as it is.
        const d = src.charCodeAt(i + 1);
        if (c >= 0xdc00 || !(d >= 0xdc00 && d <= 0xdfff)) return undefined;
        i++;
      }
    }
    return undefined;
  }

  /** `-?(0|[1-9][0-9]*)(\.[0-9]+)?`: an int (as Python, exact) or a float; nothing may stick to it. */
  private number(start: number): PyValue | undefined {
    const src = this.src;
    let i = start;
    if (src.charCodeAt(i) === MINUS) i++;
    const first = src.charCodeAt(i);
    if (first === 0x30) i++;
    else if (isDigit(first)) while (isDigit(src.charCodeAt(i))) i++;
    else return undefined;
    let isFloat = false;
    if (src.charCodeAt(i) === DOT && isDigit(src.charCodeAt(i + 1))) {
      isFloat = true;
      i += 2;
      while (isDigit(src.charCodeAt(i))) i++;
    }
    if (!endsValue(src.charCodeAt(i))) return undefined;
    this.end = i;
    const digits = src.slice(start, i);
    return isFloat ? { t: 'float', v: Number(digits) } : { t: 'int', v: BigInt(digits) };
  }

  private constant(i: number): PyValue | undefined {
    const src = this.src;
    let value: PyValue;
    let length: number;
    let python: boolean;
    if (src.startsWith('True', i)) [value, length, python] = [{ t: 'bool', v: true }, 4, true];
    else if (src.startsWith('False', i)) [value, length, python] = [{ t: 'bool', v: false }, 5, true];
    else if (src.startsWith('None', i)) [value, length, python] = [{ t: 'none' }, 4, true];
    else if (src.startsWith('true', i)) [value, length, python] = [{ t: 'bool', v: true }, 4, false];
    else if (src.startsWith('false', i)) [value, length, python] = [{ t: 'bool', v: false }, 5, false];
    else if (src.startsWith('null', i)) [value, length, python] = [{ t: 'none' }, 4, false];
    else return undefined;
    if (!endsValue(src.charCodeAt(i + length))) return undefined;
    if (python) this.pythonOnly = true;
    else this.jsonOnly = true;
    this.end = i + length;
    return value;
  }

  /** `{}` or `{key: value, ...}` with string keys; a repeated key is Python's (see dictFromEntries). */
  private dict(open: number, depth: number): PyValue | undefined {
    const pairs: [PyValue, PyValue][] = [];
    let i = this.firstItem(open, RBRACE);
    while (i !== -1) {
      const q = this.src.charCodeAt(i);
      if (q !== SINGLE_QUOTE && q !== DOUBLE_QUOTE) return undefined;
      const key = this.string(i);
      if (key === undefined) return undefined;
      i = this.skipSpaces(this.end);
      if (this.src.charCodeAt(i) !== COLON) return undefined;
      const value = this.value(this.skipSpaces(i + 1), depth);
      if (value === undefined) return undefined;
      pairs.push([{ t: 'str', v: key }, value]);
      const next = this.afterItem(RBRACE);
      if (next === undefined) return undefined;
      i = next;
    }
    const built = dictFromEntries(pairs);
    return built.ok ? built.value : undefined;
  }

  private list(open: number, depth: number): PyValue | undefined {
    const items: PyValue[] = [];
    let i = this.firstItem(open, RBRACKET);
    while (i !== -1) {
      const value = this.value(i, depth);
      if (value === undefined) return undefined;
      items.push(value);
      const next = this.afterItem(RBRACKET);
      if (next === undefined) return undefined;
      i = next;
    }
    return { t: 'list', items };
  }

  /** Where a container's first item starts, or -1 (with `end` after it) when `close` follows at once. */
  private firstItem(open: number, close: number): number {
    const i = this.skipSpaces(open + 1);
    if (this.src.charCodeAt(i) !== close) return i;
    this.end = i + 1;
    return -1;
  }

  /**
   * After an item: where the next one starts, -1 (with `end` after it) when `close` ends the container,
   * or undefined for anything else. A trailing comma (Python only) is left to the full parsers: no item
   * starts with a closing bracket.
   */
  private afterItem(close: number): number | undefined {
    const i = this.skipSpaces(this.end);
    const c = this.src.charCodeAt(i);
    if (c === close) {
      this.end = i + 1;
      return -1;
    }
    return c === COMMA ? this.skipSpaces(i + 1) : undefined;
  }
}
