/**
 * Seeded generators of Python-literal and JSON texts for the differential test. They aim at the
 * awkward corners (quotes, escapes, raw and triple-quoted strings, number spellings, comments and line
 * breaks inside brackets, duplicate and mixed-type keys) and include mutated, often invalid, texts so that
 * rejections are compared too. CPython decides what each text means; nothing here predicts it.
 */

export type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

const CHAR_POOL = [
  ...'abcXYZ019 _-.,:;!?/',
  "'",
  '"',
  '\\',
  '#',
  '\n',
  '\t',
  '\r',
  '\x00',
  '\x01',
  '\x1f',
  '\x7f',
  '\x85',
  '\xa0',
  'é',
  'ß',
  '商',
  '品',
  '类',
  '目',
  '手',
  '机',
  '。',
  '\u2028',
  '\u2029',
  '\u3000',
  '\ufeff',
  '😀',
  '𝄞',
  '{',
  '}',
  '[',
  ']',
];

function randomChars(rng: Rng, max: number): string[] {
  const out: string[] = [];
  const len = int(rng, 0, max);
  for (let i = 0; i < len; i++) out.push(pick(rng, CHAR_POOL));
  return out;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** One character written inside a non-raw Python string with a random escape form. */
function escapeChar(rng: Rng, ch: string, bytes: boolean): string {
  const cp = ch.codePointAt(0) ?? 0;
  const named: Record<string, string> = {
    '\n': '\\n',
    '\t': '\\t',
    '\r': '\\r',
    '\\': '\\\\',
    "'": "\\'",
    '"': '\\"',
  };
  const forms: string[] = [];
  if (named[ch]) forms.push(named[ch]);
  if (cp < 0x100) forms.push('\\x' + (chance(rng, 0.5) ? hex(cp, 2) : hex(cp, 2).toUpperCase()));
  if (cp < 0x200 && (!bytes || cp < 0x100)) forms.push('\\' + cp.toString(8).padStart(int(rng, 1, 3), '0'));
  if (!bytes) {
    if (cp < 0x10000) forms.push('\\u' + hex(cp, 4));
    forms.push('\\U' + hex(cp, 8));
  }
  return forms.length > 0 ? pick(rng, forms) : ch;
}

export function genPyString(rng: Rng, kinds: readonly string[] = STRING_KINDS): string {
  const quote = pick(rng, ["'", '"', "'''", '"""']);
  const triple = quote.length === 3;
  const q = quote[0];
  const kind = pick(rng, kinds);
  const raw = kind === 'r' || kind === 'rb';
  const bytes = kind === 'b' || kind === 'rb';
  const prefix = kind === 'plain' ? '' : pick(rng, [kind, kind.toUpperCase(), kind === 'rb' ? 'Br' : kind]);
  let body = '';
  for (const ch of randomChars(rng, 8)) {
    const cp = ch.codePointAt(0) ?? 0;
    const mustEscape = ch === q || ch === '\\' || (!triple && (ch === '\n' || ch === '\r')) || ch === '\x00';
    if (raw) {
      if (mustEscape || (bytes && cp > 0x7f)) body += chance(rng, 0.5) ? '\\d' : 'x';
      else body += ch;
    } else if (bytes && cp > 0x7f) {
      body += cp < 0x100 ? escapeChar(rng, ch, true) : 'y';
    } else if (mustEscape || chance(rng, 0.25)) {
      body += escapeChar(rng, ch, bytes);
    } else {
      body += ch;
    }
  }
  if (!raw && chance(rng, 0.1)) body += pick(rng, ['\\q', '\\8', '\\ ', '\\é', '\\\n']);
  if (triple && chance(rng, 0.2)) body += pick(rng, ['\r\n', '\n', q, q + q]) + 'z';
  return prefix + quote + body + quote;
}

const STRING_KINDS = [...'pppppppppuurrr'].map((k) => (k === 'p' ? 'plain' : k)).concat(['b', 'rb']);
const TEXT_KINDS = ['plain', 'u', 'r'];

export function genPyInt(rng: Rng): string {
  const sign = pick(rng, ['', '', '', '-', '+']);
  const style = int(rng, 0, 5);
  const n = BigInt(Math.floor(rng() * 1e9)) * (chance(rng, 0.3) ? 10n ** BigInt(int(rng, 5, 40)) : 1n);
  if (style === 0) return sign + n.toString(16).replace(/^/, pick(rng, ['0x', '0X']));
  if (style === 1) return sign + pick(rng, ['0o', '0O']) + n.toString(8);
  if (style === 2) return sign + pick(rng, ['0b', '0B']) + (n % 100000n).toString(2);
  if (style === 3) return sign + n.toString().replace(/(\d)(?=(\d{3})+$)/g, '$1_');
  return sign + n.toString();
}

const FLOAT_SPECIALS = [
  '1e16',
  '1e15',
  '1e-5',
  '1e-4',
  '0.0001',
  '123456789012345.0',
  '1234567890123456.0',
  '12345678901234567.0',
  '5e-324',
  '1.7976931348623157e308',
  '1e999',
  '-1e999',
  '1e-999',
  '0.1',
  '0.3',
  '1.',
  '.5',
  '1_0.5',
  '1.5_5',
  '1e1_0',
  '0.0',
  '-0.0',
  '00.5',
  '1E5',
  '2.5e-3',
  '1e22',
  '1e21',
  '9007199254740993.0',
];

export function genPyFloat(rng: Rng): string {
  if (chance(rng, 0.35)) return pick(rng, FLOAT_SPECIALS);
  const x = (rng() - 0.5) * 10 ** int(rng, -30, 30);
  const style = int(rng, 0, 2);
  if (style === 0) return x.toExponential(int(rng, 0, 16));
  if (style === 1) return String(x).includes('.') || String(x).includes('e') ? String(x) : String(x) + '.0';
  return x.toFixed(int(rng, 1, 12));
}

function genScalar(rng: Rng): string {
  switch (int(rng, 0, 9)) {
    case 0:
    case 1:
    case 2:
      return genPyString(rng);
    case 3:
    case 4:
      return genPyInt(rng);
    case 5:
    case 6:
      return genPyFloat(rng);
    case 7:
      return pick(rng, ['True', 'False', 'None']);
    case 8:
      return chance(rng, 0.15) ? pick(rng, ['1j', '2+3j', '-1.5-2J', '0j', '1e5j']) : genPyString(rng);
    default:
      return (
        genPyString(rng, TEXT_KINDS) +
        pick(rng, [' ', '', '\n']) +
        genPyString(rng, chance(rng, 0.9) ? TEXT_KINDS : STRING_KINDS)
      );
  }
}

/** A dict key: mostly hashable, sometimes equal-comparing (1/True/1.0), sometimes a list (TypeError). */
function genKey(rng: Rng, depth: number): string {
  switch (int(rng, 0, 9)) {
    case 0:
      return pick(rng, ['1', 'True', '1.0', '0', 'False', '-0.0', '0.0', 'None', '1+0j']);
    case 1:
      return `(${genScalar(rng)}, ${genScalar(rng)})`;
    case 2:
      return chance(rng, 0.15) ? `[${genScalar(rng)}]` : `(${genScalar(rng)},)`;
    case 3:
      return genPyInt(rng);
    case 4:
      return genPyFloat(rng);
    default:
      return depth > 3 ? genPyString(rng) : pick(rng, ["'a'", "'b'", "'a'", '"a"', genPyString(rng)]);
  }
}

function sep(rng: Rng): string {
  return pick(rng, [', ', ',', ' , ', ',\n  ', ', # note, with "quote\'\n', ',\r\n', ', \\\n', ',\t']);
}

export function genPyValue(rng: Rng, depth: number): string {
  if (depth >= 4 || chance(rng, 0.45)) return genScalar(rng);
  const count = int(rng, 0, 4);
  const items: string[] = [];
  const kind = [0, 0, 1, 2, 2, 3, 4, 4, 5, 5][int(rng, 0, 9)];
  for (let i = 0; i < count; i++) {
    if (kind === 4 || kind === 5)
      items.push(`${genKey(rng, depth)}${pick(rng, [': ', ':', ' : ', ':\n'])}${genPyValue(rng, depth + 1)}`);
    else if (kind === 3) items.push(chance(rng, 0.9) ? genScalar(rng) : genPyValue(rng, depth + 1));
    else items.push(genPyValue(rng, depth + 1));
  }
  let inner = '';
  for (let i = 0; i < items.length; i++) inner += (i > 0 ? sep(rng) : '') + items[i];
  const trailing = items.length > 0 && chance(rng, 0.3) ? ',' : '';
  const pad = chance(rng, 0.2) ? '\n ' : '';
  switch (kind) {
    case 0:
    case 1:
      return `[${pad}${inner}${trailing}]`;
    case 2:
      if (items.length === 1) return `(${inner},)`;
      return `(${pad}${inner}${trailing})`;
    case 3:
      return items.length === 0 ? 'set()' : `{${inner}${trailing}}`;
    default:
      return `{${pad}${inner}${trailing}}`;
  }
}

/** A whole literal, sometimes with surrounding whitespace, comments or a bare top-level tuple. */
export function genPyLiteral(rng: Rng): string {
  const body = chance(rng, 0.1) ? `${genPyValue(rng, 1)}, ${genPyValue(rng, 1)}` : genPyValue(rng, 0);
  const lead = pick(rng, ['', '', '', ' ', '\t', '\n', ' \n', '# c\n']);
  const tail = pick(rng, ['', '', '', '', '', '\n', ' ', '  # end', '\n\n', '\r\n', '\n \n', '\n ']);
  return lead + body + tail;
}

const MUTATION_CHARS = [...'\'"\\,:[]{}()#\n -+.0xjeE_ \t', 'u', 'r', 'b', 'f', '\x00', '\u3000'];

/** A small random edit: delete, insert, truncate or duplicate. Usually makes the text invalid. */
export function mutate(rng: Rng, text: string): string {
  if (text.length === 0) return pick(rng, MUTATION_CHARS);
  const at = int(rng, 0, text.length - 1);
  switch (int(rng, 0, 3)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + pick(rng, MUTATION_CHARS) + text.slice(at);
    case 2:
      return text.slice(0, at);
    default: {
      const end = Math.min(text.length, at + int(rng, 1, 6));
      return text.slice(0, end) + text.slice(at, end) + text.slice(end);
    }
  }
}

// ---- JSON ----------------------------------------------------------------------------------------------

function jsonSpace(rng: Rng): string {
  if (chance(rng, 0.7)) return '';
  return chance(rng, 0.97) ? pick(rng, [' ', '\n', '\t', '\r\n', '  ']) : pick(rng, ['\x0c', '\u00a0']);
}

export function genJsonString(rng: Rng): string {
  let out = '"';
  for (const ch of randomChars(rng, 8)) {
    const cp = ch.codePointAt(0) ?? 0;
    const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
    if (named[ch] !== undefined || cp < 0x20 || chance(rng, 0.2)) {
      if (named[ch] !== undefined && chance(rng, 0.6)) out += named[ch];
      else if (cp > 0xffff) {
        const s = ch;
        out += `\\u${hex(s.charCodeAt(0), 4)}\\u${hex(s.charCodeAt(1), 4)}`;
      } else out += '\\u' + (chance(rng, 0.5) ? hex(cp, 4) : hex(cp, 4).toUpperCase());
    } else {
      out += ch;
    }
  }
  if (chance(rng, 0.1))
    out += pick(rng, ['\\ud83d', '\\ude00', '\\ud83d\\u0041', '\\/', '\\b\\f', '\\ud800\\ud800\\udc00']);
  return out + '"';
}

function genJsonNumber(rng: Rng): string {
  switch (int(rng, 0, 6)) {
    case 0:
      return String(int(rng, -1000, 1000));
    case 1:
      return (
        (chance(rng, 0.5) ? '-' : '') +
        String(BigInt(Math.floor(rng() * 1e15)) * 10n ** BigInt(int(rng, 0, 30)))
      );
    case 2:
      return pick(rng, [
        '-0',
        '0',
        '-0.0',
        '1E5',
        '1e+5',
        '2.5e-3',
        '1e400',
        '-1e400',
        '1e-400',
        '0.1',
        '1e16',
        '1.0',
      ]);
    case 3:
      return pick(rng, ['NaN', 'Infinity', '-Infinity']);
    default:
      return String((rng() - 0.5) * 10 ** int(rng, -20, 25));
  }
}

export function genJsonValue(rng: Rng, depth: number): string {
  if (depth >= 4 || chance(rng, 0.45)) {
    switch (int(rng, 0, 4)) {
      case 0:
      case 1:
        return genJsonString(rng);
      case 2:
      case 3:
        return genJsonNumber(rng);
      default:
        return pick(rng, ['true', 'false', 'null']);
    }
  }
  const count = int(rng, 0, 4);
  const items: string[] = [];
  const isObject = chance(rng, 0.5);
  for (let i = 0; i < count; i++) {
    const value = genJsonValue(rng, depth + 1);
    items.push(
      isObject
        ? `${pick(rng, ['"a"', '"b"', genJsonString(rng)])}${jsonSpace(rng)}:${jsonSpace(rng)}${value}`
        : value,
    );
  }
  const inner = items.map((s) => jsonSpace(rng) + s + jsonSpace(rng)).join(',');
  return isObject ? `{${inner}}` : `[${inner}]`;
}

export function genJsonText(rng: Rng): string {
  return jsonSpace(rng) + genJsonValue(rng, 0) + jsonSpace(rng);
}
