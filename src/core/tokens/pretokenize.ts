/**
 * A hand-written scanner for the tiktoken pre-tokenizer pattern family (Qwen's and cl100k_base's):
 *
 *   's|'t|'re|'ve|'m|'ll|'d  (any case)
 *   | [^\r\n\p{L}\p{N}]?\p{L}+  | \p{N}{1,D}  | ' '?[^\s\p{L}\p{N}]+[\r\n]*
 *   | \s*[\r\n]+  | \s+(?!\S)  | \s+
 *
 * It yields the same pieces as the regular expression (a test holds it to that on random text) about
 * ten times faster: V8 runs Unicode property classes slowly, and export counts every record's tokens.
 * The two patterns differ in D (1 for Qwen: every digit a piece; 3 for cl100k_base) and in `ſ`, which
 * only Qwen's case-insensitive group folds to `s`. `\s` is Unicode White_Space.
 */

export interface PieceRules {
  /** Digits per number piece. */
  maxDigits: number;
  /** Whether `'ſ` is a contraction like `'s`. */
  longS: boolean;
}

export const QWEN_RULES: PieceRules = { maxDigits: 1, longS: true };
export const CL100K_RULES: PieceRules = { maxDigits: 3, longS: false };

const LETTER = 1;
const NUMBER = 2;
const NEWLINE = 3;
const SPACE = 4;
const OTHER = 5;

const IS_LETTER = /\p{L}/u;
const IS_NUMBER = /\p{N}/u;
const IS_SPACE = /\p{White_Space}/u;

function classifySlow(cp: number): number {
  if (cp === 0x0a || cp === 0x0d) return NEWLINE;
  const ch = String.fromCodePoint(cp);
  if (IS_LETTER.test(ch)) return LETTER;
  if (IS_NUMBER.test(ch)) return NUMBER;
  if (IS_SPACE.test(ch)) return SPACE;
  return OTHER;
}

/** Classes of the BMP, filled on first sight of each code unit (0 = not yet known). */
const BMP = new Uint8Array(0x10000);
const ASTRAL = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 0x10000) {
    let c = BMP[cp];
    if (c === 0) {
      c = classifySlow(cp);
      BMP[cp] = c;
    }
    return c;
  }
  let c = ASTRAL.get(cp);
  if (c === undefined) {
    c = classifySlow(cp);
    ASTRAL.set(cp, c);
  }
  return c;
}

/** Code point at `i` (a lone surrogate stands for itself, as in a `u` regex). */
function cpAt(s: string, i: number): number {
  return s.codePointAt(i) as number;
}

function width(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/**
 * Calls `onPiece(start, end)` for each piece of `text[from, to)`, in order; the pieces cover it all.
 * A range rather than a slice: reading a sliced string goes through its parent at every character.
 */
export function forEachPiece(
  text: string,
  rules: PieceRules,
  onPiece: (start: number, end: number) => void,
  from = 0,
  to = text.length,
): void {
  const n = to;
  const maxDigits = rules.maxDigits;
  let i = from;
  while (i < n) {
    const cp = cpAt(text, i);
    const cls = classOf(cp);
    const next = i + width(cp);
    // 's 't 're 've 'm 'll 'd, any case (ſ folds to s).
    if (cp === 0x27 && next < n) {
      const end = contractionEnd(text, next, n, rules.longS);
      if (end > 0) {
        onPiece(i, end);
        i = end;
        continue;
      }
    }
    if (cls === LETTER) {
      const end = runOf(text, i, n, LETTER);
      onPiece(i, end);
      i = end;
      continue;
    }
    if (cls !== NUMBER && cls !== NEWLINE && next < n && classOf(cpAt(text, next)) === LETTER) {
      const end = runOf(text, next, n, LETTER);
      onPiece(i, end);
      i = end;
      continue;
    }
    if (cls === NUMBER) {
      let end = next;
      for (let k = 1; k < maxDigits && end < n; k++) {
        const c = cpAt(text, end);
        if (classOf(c) !== NUMBER) break;
        end += width(c);
      }
      onPiece(i, end);
      i = end;
      continue;
    }
    if (cls === OTHER || (cp === 0x20 && next < n && classOf(cpAt(text, next)) === OTHER)) {
      let end = runOf(text, cls === OTHER ? i : next, n, OTHER);
      while (end < n && isNewline(text.charCodeAt(end))) end++;
      onPiece(i, end);
      i = end;
      continue;
    }
    // Whitespace: up to the last newline of the run; else the run less one space before a non-space;
    // else the single space.
    const runEnd = runOfSpace(text, i, n);
    let lastNewline = -1;
    for (let k = i; k < runEnd; k++) if (isNewline(text.charCodeAt(k))) lastNewline = k;
    let end: number;
    if (lastNewline >= 0) end = lastNewline + 1;
    else if (runEnd >= n) end = runEnd;
    // White_Space is all in the BMP, so the run's last code point is one unit wide.
    else end = runEnd - 1 > i ? runEnd - 1 : runEnd;
    onPiece(i, end);
    i = end;
  }
}

function isNewline(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

function runOf(text: string, from: number, n: number, cls: number): number {
  let i = from;
  while (i < n) {
    const u = text.charCodeAt(i);
    // Outside the surrogates a code unit is a code point: the common case, without codePointAt.
    if (u < 0xd800 || u > 0xdfff) {
      if (classOf(u) !== cls) break;
      i++;
      continue;
    }
    const cp = cpAt(text, i);
    if (classOf(cp) !== cls) break;
    i += width(cp);
  }
  return i;
}

function runOfSpace(text: string, from: number, n: number): number {
  let i = from;
  // White_Space is all in the BMP, so code units will do.
  while (i < n) {
    const c = classOf(text.charCodeAt(i));
    if (c !== SPACE && c !== NEWLINE) break;
    i++;
  }
  return i;
}

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

/** End of a contraction starting after the apostrophe at `at - 1`, or 0 when there is none. */
function contractionEnd(text: string, at: number, n: number, longS: boolean): number {
  const a = text.charCodeAt(at);
  const c = a === 0x17f && longS ? 0x73 : lower(a);
  if (c === 0x73 || c === 0x74 || c === 0x6d || c === 0x64) return at + 1; // s t m d
  const b = at + 1 < n ? lower(text.charCodeAt(at + 1)) : -1;
  if ((c === 0x72 || c === 0x76) && b === 0x65) return at + 2; // re ve
  if (c === 0x6c && b === 0x6c) return at + 2; // ll
  return 0;
}

/**
 * Calls `onSegment(start, end)` for stretches of `text` that are tokenized independently of each
 * other: it cuts after a newline that a non-space follows. No piece can span such a cut (a newline only
 * ever ends a piece or sits in a run of whitespace, and the next character is not whitespace), and the
 * scanner looks nowhere behind where it starts, so the pieces of the whole are those of the segments.
 * Lines of a tool list repeat from record to record, which is what makes segments worth caching.
 */
export function forEachSegment(text: string, onSegment: (start: number, end: number) => void): void {
  const n = text.length;
  let start = 0;
  let nl = text.indexOf('\n');
  while (nl >= 0 && nl + 1 < n) {
    if (startsSegment(text, nl + 1)) {
      onSegment(start, nl + 1);
      start = nl + 1;
    }
    nl = text.indexOf('\n', nl + 1);
  }
  if (start < n) onSegment(start, n);
}

/** Whether a segment may start at `at` when the character before it is a newline: not at a space. */
export function startsSegment(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = classOf(text.charCodeAt(at));
  return c !== SPACE && c !== NEWLINE;
}
