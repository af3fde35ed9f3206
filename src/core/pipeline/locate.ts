import type { TextSpan } from '../types';
import type { ParsedRecord } from './readRecord';
import { locateTurnText } from './writeRecord';

/** Where each turn's JSON string literal sits in the raw line: [offset, length] pairs, in turn order. */
export type TurnLiterals = ({ offset: number; length: number } | undefined)[];

/**
 * Finds the string literal of every turn in the raw line. The fast way is a native `indexOf` of the
 * canonical JSON spelling of each text, searched in order (how Python's json.dumps(ensure_ascii=False)
 * and JSON.stringify both write them); a file written with other escapes falls back to a parse tree.
 */
export function locateTurns(record: ParsedRecord, rawLine: string): TurnLiterals {
  const out: TurnLiterals = [];
  let from = 0;
  for (let i = 0; i < record.turns.length; i++) {
    const literal = JSON.stringify(record.turns[i].text);
    const at = rawLine.indexOf(literal, from);
    if (at === -1) return record.turns.map((_, t) => locateTurnText(record, rawLine, t));
    out.push({ offset: at, length: literal.length });
    from = at + literal.length;
  }
  return out;
}

/** Where a walk over a literal's escapes stopped: a raw offset and the decoded offset it stands for. */
interface Cursor {
  raw: number;
  decoded: number;
}

// The last position reached in each literal: a record's diagnostics mostly come in text order, so each
// walk resumes where the previous one stopped instead of starting over at the opening quote.
const cursors = new WeakMap<{ offset: number; length: number }, Cursor>();

/**
 * Maps a span of a turn's decoded text to a 1-based column and a length on the raw line, by walking the
 * literal's escapes (`\n` is two characters in the file but one in the text; `\uXXXX` is six).
 */
export function spanToColumns(
  rawLine: string,
  literal: { offset: number; length: number },
  span: TextSpan,
): { column: number; length: number } {
  if (!Number.isInteger(span.start) || !Number.isInteger(span.end))
    return stepToColumns(rawLine, literal, span);
  const first = literal.offset + 1; // after the opening quote
  const rawEnd = literal.offset + literal.length - 1;
  let at = cursors.get(literal);
  if (!at || at.decoded > span.start) at = { raw: first, decoded: 0 };
  at = advance(rawLine, rawEnd, at, span.start);
  let startRaw = -1;
  if (at.decoded === span.start && at.raw < rawEnd) startRaw = at.raw;
  const end =
    startRaw < 0
      ? advance(rawLine, rawEnd, at, Number.POSITIVE_INFINITY)
      : advance(rawLine, rawEnd, at, span.end);
  cursors.set(literal, at);
  if (startRaw < 0) startRaw = end.raw;
  return { column: startRaw + 1, length: Math.max(1, end.raw - startRaw) };
}

/**
 * Steps from `from` until `target` decoded characters are behind (or the literal ends), one decoded
 * character per plain raw character and per escape; runs without a backslash are crossed in one jump.
 */
function advance(rawLine: string, rawEnd: number, from: Cursor, target: number): Cursor {
  let raw = from.raw;
  let decoded = from.decoded;
  while (raw < rawEnd && decoded < target) {
    let backslash = rawLine.indexOf('\\', raw);
    if (backslash === -1 || backslash > rawEnd) backslash = rawEnd;
    const plain = backslash - raw;
    if (plain >= target - decoded) return { raw: raw + (target - decoded), decoded: target };
    raw = backslash;
    decoded += plain;
    if (raw >= rawEnd) break;
    raw += rawLine.charCodeAt(raw + 1) === 0x75 /* u */ ? 6 : 2;
    decoded++;
  }
  return { raw, decoded };
}

/** The plain character-by-character walk, for spans whose offsets are not integers (never from the checks). */
function stepToColumns(
  rawLine: string,
  literal: { offset: number; length: number },
  span: TextSpan,
): { column: number; length: number } {
  let raw = literal.offset + 1;
  const rawEnd = literal.offset + literal.length - 1;
  let decoded = 0;
  let startRaw = -1;
  while (raw < rawEnd) {
    if (decoded === span.start && startRaw < 0) startRaw = raw;
    if (decoded >= span.end && startRaw >= 0) break;
    if (rawLine.charCodeAt(raw) === 0x5c /* \ */) raw += rawLine.charCodeAt(raw + 1) === 0x75 /* u */ ? 6 : 2;
    else raw += 1;
    decoded++;
  }
  if (startRaw < 0) startRaw = raw;
  return { column: startRaw + 1, length: Math.max(1, raw - startRaw) };
}
