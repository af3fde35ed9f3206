/**
 * Python 3 string and bytes literal tokens: quoting, prefixes, escapes and the source-level rules of
 * CPython's tokenizer (newlines in source normalised to `\n`, no NUL, no lone surrogates, ASCII-only
 * bytes). `\N{NAME}` escapes are rejected: reproducing them needs the Unicode name database.
 */

import { codePointLabel, hexValue } from './chars';

export interface StringPrefix {
  raw: boolean;
  bytes: boolean;
  formatted: boolean;
}

/** Decoded literal; for bytes, `text` holds one char per byte (all < 256). */
export type StringScan =
  | { ok: true; end: number; text: string; bytes: boolean; formatted: boolean }
  | { ok: false; message: string; offset: number };

const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;

/** Prefix flags for a letter sequence that may precede a quote, or null if Python has no such prefix. */
export function stringPrefix(letters: string): StringPrefix | null {
  switch (letters.toLowerCase()) {
    case '':
    case 'u':
      return { raw: false, bytes: false, formatted: false };
    case 'r':
      return { raw: true, bytes: false, formatted: false };
    case 'b':
      return { raw: false, bytes: true, formatted: false };
    case 'br':
    case 'rb':
      return { raw: true, bytes: true, formatted: false };
    case 'f':
      return { raw: false, bytes: false, formatted: true };
    case 'fr':
    case 'rf':
      return { raw: true, bytes: false, formatted: true };
    default:
      return null;
  }
}

function fail(message: string, offset: number): StringScan {
  return { ok: false, message, offset };
}

/**
 * Scans the literal whose prefix starts at `start` and whose opening quote is at `quote`. f-strings are
 * only delimited (their content is not a literal, the caller rejects them).
 */
export function scanString(src: string, start: number, quote: number, prefix: StringPrefix): StringScan {
  const n = src.length;
  const q = src.charCodeAt(quote);
  let i = quote + 1;
  let triple = false;
  if (i + 1 < n && src.charCodeAt(i) === q && src.charCodeAt(i + 1) === q) {
    triple = true;
    i += 2;
  }
  const unterminated = () =>
    fail(`unterminated ${triple ? 'triple-quoted ' : ''}string starting at offset ${start}`, start);
  const raw = prefix.raw || prefix.formatted;
  let out = '';
  let chunk = i;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === q) {
      if (!triple) return { ok: true, end: i + 1, text: out + src.slice(chunk, i), ...kind(prefix) };
      if (i + 2 < n && src.charCodeAt(i + 1) === q && src.charCodeAt(i + 2) === q) {
        return { ok: true, end: i + 3, text: out + src.slice(chunk, i), ...kind(prefix) };
      }
      i++;
      continue;
    }
    if (c === LF || c === CR) {
      if (!triple) return unterminated();
      if (c === CR) {
        out += src.slice(chunk, i) + '\n';
        i += i + 1 < n && src.charCodeAt(i + 1) === LF ? 2 : 1;
        chunk = i;
      } else {
        i++;
      }
      continue;
    }
    if (c === BACKSLASH) {
      if (i + 1 >= n) return unterminated();
      out += src.slice(chunk, i);
      const d = src.charCodeAt(i + 1);
      if (d === LF || d === CR) {
        // A backslash before a line break joins the lines; a raw literal keeps both characters.
        if (raw) out += '\\\n';
        i += d === CR && i + 2 < n && src.charCodeAt(i + 2) === LF ? 3 : 2;
        chunk = i;
        continue;
      }
      if (raw) {
        // The backslash stays, and a quote or backslash after it never ends the literal.
        chunk = i;
        i += d === q || d === BACKSLASH ? 2 : 1;
        continue;
      }
      const escaped = decodeEscape(src, i, prefix.bytes);
      if (typeof escaped === 'string') return fail(escaped, i);
      out += escaped.text;
      i = escaped.end;
      chunk = i;
      continue;
    }
    if (c === 0) return fail(`NUL character inside a string literal at offset ${i}`, i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? src.charCodeAt(i + 1) : 0;
      if (c >= 0xdc00 || d < 0xdc00 || d > 0xdfff) {
        return fail(`lone surrogate ${codePointLabel(c)} in the source at offset ${i} (not valid UTF-8)`, i);
      }
      if (prefix.bytes) return fail(`bytes can only contain ASCII literal characters (offset ${i})`, i);
      i += 2;
      continue;
    }
    if (c >= 0x80 && prefix.bytes)
      return fail(`bytes can only contain ASCII literal characters (offset ${i})`, i);
    i++;
  }
  return unterminated();
}

function kind(prefix: StringPrefix): { bytes: boolean; formatted: boolean } {
  return { bytes: prefix.bytes, formatted: prefix.formatted };
}

const SIMPLE_ESCAPES: Record<number, string> = {
  92: '\\',
  39: "'",
  34: '"',
  97: '\x07',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
  118: '\v',
};

/** Decodes the escape whose backslash is at `at` (not a line break); returns the error text on failure. */
function decodeEscape(src: string, at: number, bytes: boolean): { text: string; end: number } | string {
  const n = src.length;
  const d = src.charCodeAt(at + 1);
  const simple = SIMPLE_ESCAPES[d];
  if (simple !== undefined) return { text: simple, end: at + 2 };
  if (d >= 0x30 && d <= 0x37) {
    let value = d - 0x30;
    let i = at + 2;
    for (let k = 0; k < 2 && i < n; k++, i++) {
      const c = src.charCodeAt(i);
      if (c < 0x30 || c > 0x37) break;
      value = value * 8 + (c - 0x30);
    }
    return { text: String.fromCharCode(bytes ? value & 0xff : value), end: i };
  }
  if (d === 0x78) {
    const value = hexDigits(src, at + 2, 2);
    if (value < 0) return `${bytes ? 'invalid' : 'truncated'} \\xXX escape at offset ${at}`;
    return { text: String.fromCharCode(value), end: at + 4 };
  }
  if (!bytes && (d === 0x75 || d === 0x55)) {
    const width = d === 0x75 ? 4 : 8;
    const value = hexDigits(src, at + 2, width);
    if (value < 0) return `truncated \\${d === 0x75 ? 'uXXXX' : 'UXXXXXXXX'} escape at offset ${at}`;
    if (value > 0x10ffff) return `illegal Unicode character in \\U escape at offset ${at}`;
    return { text: String.fromCodePoint(value), end: at + 2 + width };
  }
  if (!bytes && d === 0x4e) {
    return `\\N{...} named Unicode escapes are not supported (offset ${at}); write the character itself or a \\u escape`;
  }
  // Python keeps an unknown escape as written (with a DeprecationWarning); the next character is then
  // scanned normally, so a NUL or surrogate after the backslash is still checked.
  return { text: '\\', end: at + 1 };
}

/** Value of exactly `count` hex digits at `from`, or -1. */
function hexDigits(src: string, from: number, count: number): number {
  if (from + count > src.length) return -1;
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const h = hexValue(src.charCodeAt(i));
    if (h < 0) return -1;
    value = value * 16 + h;
  }
  return value;
}
