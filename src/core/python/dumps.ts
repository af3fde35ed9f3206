/**
 * CPython `json.dumps(value, ensure_ascii=...)` with the default separators (', ' and ': '), byte for byte:
 * Python float repr, int/float/bool/None dict keys turned into strings, tuples written as lists, and
 * Python's TypeError texts for what JSON cannot hold.
 */

import { fromJs, MAX_JSON_DEPTH, type PyValue, pyTypeName } from './value';

export interface DumpsOptions {
  /** Python's default is True: everything outside printable ASCII becomes a `\uXXXX` escape. */
  ensureAscii?: boolean;
}

export type DumpsResult = { ok: true; text: string } | { ok: false; message: string };

export function pyDumps(value: PyValue, opts?: DumpsOptions): DumpsResult {
  const encoder = new Encoder(opts?.ensureAscii ?? true);
  return encoder.encode(value, 0) ? { ok: true, text: encoder.out } : { ok: false, message: encoder.error };
}

/**
 * `json.dumps` of a plain JS value (see `fromJs`: integral numbers are written as ints). Throws a
 * TypeError only for what cannot occur in JSON data.
 */
export function pyDumpsJs(x: unknown, opts?: DumpsOptions): string {
  const result = pyDumps(fromJs(x), opts);
  if (!result.ok) throw new TypeError(result.message);
  return result.text;
}

/**
 * `json.dumps` of a list of strings: what the seed writes for its tool and `required` lists. The same
 * text as {@link pyDumpsJs}, without building Python values first (it runs for every record).
 */
export function pyDumpsStrings(items: readonly string[], opts?: DumpsOptions): string {
  const encode = (opts?.ensureAscii ?? true) ? encodeStringAscii : encodeStringUnicode;
  let out = '[';
  for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : ', ') + encode(items[i]);
  return `${out}]`;
}

/** Python's `repr(float)`: shortest round-trip digits, `1.0`, `1e+16`, `1e-05`, `-0.0`, `inf`, `nan`. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  return finiteRepr(x);
}

/** A float as json.dumps writes it: its repr, except `Infinity`, `-Infinity` and `NaN`. */
export function pyJsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  return finiteRepr(x);
}

function finiteRepr(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // JS Number-to-String yields the same shortest round-trip digits as Python's repr; only the layout
  // differs, so take the digits and the decimal point position from it.
  const js = String(Math.abs(x));
  const e = js.indexOf('e');
  const mantissa = e < 0 ? js : js.slice(0, e);
  const exponent = e < 0 ? 0 : Number(js.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const intPart = dot < 0 ? mantissa : mantissa.slice(0, dot);
  let digits = intPart + (dot < 0 ? '' : mantissa.slice(dot + 1));
  let point = intPart.length + exponent;
  let lead = 0;
  while (lead < digits.length - 1 && digits.charCodeAt(lead) === 0x30) lead++;
  digits = digits.slice(lead);
  point -= lead;
  let last = digits.length;
  while (last > 1 && digits.charCodeAt(last - 1) === 0x30) last--;
  digits = digits.slice(0, last);
  // Python's 'r' format switches to exponent notation when the point is before -4 or after 16 digits.
  if (point > -4 && point <= 16) {
    if (point <= 0) return sign + '0.' + '0'.repeat(-point) + digits;
    if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length) + '.0';
    return sign + digits.slice(0, point) + '.' + digits.slice(point);
  }
  const exp = point - 1;
  const head = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  return sign + head + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
}

function hex4(c: number): string {
  return '\\u' + c.toString(16).padStart(4, '0');
}

const NAMED_ESCAPES: Record<number, string> = {
  34: '\\"',
  92: '\\\\',
  8: '\\b',
  12: '\\f',
  10: '\\n',
  13: '\\r',
  9: '\\t',
};

/** ensure_ascii=True: only printable ASCII stays; UTF-16 units map 1:1 onto Python's surrogate escapes. */
export function encodeStringAscii(s: string): string {
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) break;
  }
  if (i === n) return '"' + s + '"';
  let out = '"' + s.slice(0, i);
  let chunk = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(chunk, i) + (NAMED_ESCAPES[c] ?? hex4(c));
    chunk = i + 1;
  }
  return out + s.slice(chunk) + '"';
}

const SURROGATE = /[\ud800-\udfff]/;
/** What either encoder may have to treat: anything else is written between quotes as it is. */
const NOT_PLAIN = /["\\\u0000-\u001f\ud800-\udfff]/;

/** ensure_ascii=False: only `"`, `\` and control characters below U+0020 are escaped. */
export function encodeStringUnicode(s: string): string {
  // Most texts need nothing: one native test, no copy (JSON.stringify would copy every character).
  if (!NOT_PLAIN.test(s)) return `"${s}"`;
  // JSON.stringify escapes exactly these, the same way (\b \t \n \f \r by name, others as lowercase
  // \u00xx), and natively; it differs only on lone surrogates, which it escapes and Python keeps.
  if (!SURROGATE.test(s)) return JSON.stringify(s);
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) break;
  }
  if (i === n) return '"' + s + '"';
  let out = '"' + s.slice(0, i);
  let chunk = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(chunk, i) + (NAMED_ESCAPES[c] ?? hex4(c));
    chunk = i + 1;
  }
  return out + s.slice(chunk) + '"';
}

class Encoder {
  out = '';
  error = '';
  private readonly encodeString: (s: string) => string;

  constructor(ensureAscii: boolean) {
    this.encodeString = ensureAscii ? encodeStringAscii : encodeStringUnicode;
  }

  encode(value: PyValue, depth: number): boolean {
    switch (value.t) {
      case 'str':
        this.out += this.encodeString(value.v);
        return true;
      case 'int':
        this.out += value.v.toString();
        return true;
      case 'float':
        this.out += pyJsonFloat(value.v);
        return true;
      case 'bool':
        this.out += value.v ? 'true' : 'false';
        return true;
      case 'none':
        this.out += 'null';
        return true;
      case 'list':
      case 'tuple':
        return this.encodeList(value.items, depth + 1);
      case 'dict':
        return this.encodeDict(value.entries, depth + 1);
      default:
        this.error = `Object of type ${pyTypeName(value)} is not JSON serializable`;
        return false;
    }
  }

  private tooDeep(): boolean {
    this.error = 'maximum recursion depth exceeded while encoding a JSON object';
    return false;
  }

  private encodeList(items: PyValue[], depth: number): boolean {
    if (items.length === 0) {
      this.out += '[]';
      return true;
    }
    if (depth > MAX_JSON_DEPTH) return this.tooDeep();
    this.out += '[';
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.out += ', ';
      if (!this.encode(items[i], depth)) return false;
    }
    this.out += ']';
    return true;
  }

  private encodeDict(entries: [PyValue, PyValue][], depth: number): boolean {
    if (entries.length === 0) {
      this.out += '{}';
      return true;
    }
    if (depth > MAX_JSON_DEPTH) return this.tooDeep();
    this.out += '{';
    for (let i = 0; i < entries.length; i++) {
      const [key, value] = entries[i];
      const keyText = this.keyText(key);
      if (keyText === null) return false;
      this.out += (i > 0 ? ', ' : '') + keyText + ': ';
      if (!this.encode(value, depth)) return false;
    }
    this.out += '}';
    return true;
  }

  private keyText(key: PyValue): string | null {
    switch (key.t) {
      case 'str':
        return this.encodeString(key.v);
      case 'float':
        return '"' + pyJsonFloat(key.v) + '"';
      case 'bool':
        return key.v ? '"true"' : '"false"';
      case 'none':
        return '"null"';
      case 'int':
        return '"' + key.v.toString() + '"';
      default:
        this.error = `keys must be str, int, float, bool or None, not ${pyTypeName(key)}`;
        return null;
    }
  }
}
