/**
 * Python 3 numeric literal tokens (PEP 515 underscores, 0x/0o/0b, floats, imaginary), following the
 * checks of CPython's tokenizer so that exactly the same spellings are accepted.
 */

import { isDigit, isIdentChar } from './chars';
import type { PyValue } from './value';

export type NumberScan =
  | { ok: true; end: number; value: PyValue }
  | { ok: false; message: string; offset: number };

const UNDERSCORE = 0x5f;

function fail(message: string, offset: number): NumberScan {
  return { ok: false, message: `${message} at offset ${offset}`, offset };
}

function digitOfBase(c: number, base: number): boolean {
  if (base === 16) return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
  if (base === 8) return c >= 0x30 && c <= 0x37;
  return c === 0x30 || c === 0x31;
}

function withoutUnderscores(text: string): string {
  return text.indexOf('_') === -1 ? text : text.replaceAll('_', '');
}

/** End of a run of decimal digits starting at a digit, with single underscores between digits; -1 if bad. */
function decimalRunEnd(src: string, i: number): number {
  const n = src.length;
  for (;;) {
    while (i < n && isDigit(src.charCodeAt(i))) i++;
    if (i < n && src.charCodeAt(i) === UNDERSCORE) {
      if (i + 1 < n && isDigit(src.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      return -1;
    }
    return i;
  }
}

/** Scans a number token at `start` (a digit, or `.` followed by a digit). */
export function scanNumber(src: string, start: number): NumberScan {
  const n = src.length;
  const first = src.charCodeAt(start);
  if (first === 0x30 && start + 1 < n) {
    const p = src.charCodeAt(start + 1) | 0x20;
    if (p === 0x78 || p === 0x6f || p === 0x62)
      return scanPrefixed(src, start, p === 0x78 ? 16 : p === 0x6f ? 8 : 2);
  }
  let i = start;
  let isFloat = false;
  let leadingZeroInt = false;
  if (first !== 0x2e) {
    i = decimalRunEnd(src, start);
    if (i < 0) return fail('invalid decimal literal', start);
    if (first === 0x30) {
      for (let k = start; k < i; k++) {
        const c = src.charCodeAt(k);
        if (c !== 0x30 && c !== UNDERSCORE) {
          leadingZeroInt = true;
          break;
        }
      }
    }
  }
  if (i < n && src.charCodeAt(i) === 0x2e) {
    isFloat = true;
    i++;
    if (i < n && isDigit(src.charCodeAt(i))) {
      i = decimalRunEnd(src, i);
      if (i < 0) return fail('invalid decimal literal', start);
    }
  }
  if (i < n && (src.charCodeAt(i) | 0x20) === 0x65) {
    let j = i + 1;
    const sign = src.charCodeAt(j);
    if (sign === 0x2b || sign === 0x2d) j++;
    if (j >= n || !isDigit(src.charCodeAt(j))) return fail('invalid decimal literal', start);
    i = decimalRunEnd(src, j);
    if (i < 0) return fail('invalid decimal literal', start);
    isFloat = true;
  }
  let imaginary = false;
  if (i < n && (src.charCodeAt(i) | 0x20) === 0x6a) {
    imaginary = true;
    i++;
  }
  if (i < n && isIdentChar(src.charCodeAt(i))) return fail('invalid decimal literal', start);
  const body = withoutUnderscores(src.slice(start, imaginary ? i - 1 : i));
  if (imaginary) return { ok: true, end: i, value: { t: 'complex', re: 0, im: Number(body) } };
  if (isFloat) return { ok: true, end: i, value: { t: 'float', v: Number(body) } };
  if (leadingZeroInt) {
    return fail(
      'leading zeros in decimal integer literals are not permitted (use an 0o prefix for octal)',
      start,
    );
  }
  return { ok: true, end: i, value: { t: 'int', v: BigInt(body) } };
}

function scanPrefixed(src: string, start: number, base: number): NumberScan {
  const n = src.length;
  const kind = base === 16 ? 'hexadecimal' : base === 8 ? 'octal' : 'binary';
  let i = start + 2;
  let sawDigit = false;
  for (;;) {
    const c = i < n ? src.charCodeAt(i) : -1;
    if (c === UNDERSCORE) {
      if (i + 1 < n && digitOfBase(src.charCodeAt(i + 1), base)) {
        i++;
        continue;
      }
      return fail(`invalid ${kind} literal`, start);
    }
    if (c >= 0 && digitOfBase(c, base)) {
      sawDigit = true;
      i++;
      continue;
    }
    break;
  }
  const next = i < n ? src.charCodeAt(i) : -1;
  if (base !== 16 && isDigit(next)) {
    return fail(`invalid digit '${String.fromCharCode(next)}' in ${kind} literal`, i);
  }
  if (!sawDigit || (next >= 0 && isIdentChar(next))) return fail(`invalid ${kind} literal`, start);
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : '0b';
  return {
    ok: true,
    end: i,
    value: { t: 'int', v: BigInt(prefix + withoutUnderscores(src.slice(start + 2, i))) },
  };
}
