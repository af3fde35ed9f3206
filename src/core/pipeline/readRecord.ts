import type { Finding } from '../diagnostics/types';
import { parseJsonLine } from '../jsonl/parseLine';
import { findUtf8Error, isValidUtf8 } from '../jsonl/utf8';
import { detectFormat } from '../record/format';
import { isJsonObject, type JsonObject, readTurns } from '../record/shape';
import type { Format, Shape, Turn } from '../types';

/** One record, read and understood: what every later step (checks, conversion, the editor) works on. */
export interface ParsedRecord {
  /** 1-based physical line. */
  line: number;
  /** The JSON object as parsed (review fields and unknown keys included). */
  value: JsonObject;
  /** The record's `id` as a string, when it has one. */
  id?: string;
  shape: Shape;
  turns: Turn[];
  format: Format;
}

export type LineKind = 'record' | 'blank' | 'invalid';

/** What one physical line turned out to be. Every line is one of these: nothing is dropped silently. */
export interface LineResult {
  line: number;
  kind: LineKind;
  record?: ParsedRecord;
  /** Problems that stopped the line from being a record, or that reading found (blank line). */
  findings: Finding[];
}

/** Decodes a line's bytes; invalid UTF-8 is a finding with the byte and column, never replacement characters. */
export function decodeLine(bytes: Buffer): { ok: true; text: string } | { ok: false; finding: Finding } {
  if (isValidUtf8(bytes)) return { ok: true, text: bytes.toString('utf8') };
  const err = findUtf8Error(bytes) ?? { byteOffset: 0, column: 1 };
  const byte = bytes[err.byteOffset].toString(16).padStart(2, '0');
  return {
    ok: false,
    finding: {
      code: 'J06',
      params: { byte, column: err.column, byteOffset: err.byteOffset },
      at: { offset: err.column - 1, length: 1 },
    },
  };
}

/** Python's `str.strip()` emptiness, which is what the seed script and ms-swift use to skip a line. */
const BLANK = /^[\s\x1c-\x1f\x85]*$/u;

/**
 * Reads one line's text as a record. `mayBeTruncated` is true for a last line without newline.
 */
export function readRecordText(text: string, line: number, mayBeTruncated: boolean): LineResult {
  if (text.length === 0 || (text.length < 64 && BLANK.test(text))) {
    return { line, kind: 'blank', findings: [{ code: 'J03' }] };
  }
  const parsed = parseJsonLine(text, mayBeTruncated);
  if (!parsed.ok) return { line, kind: 'invalid', findings: [parsed.finding] };
  const value = parsed.value;
  if (!isJsonObject(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    return { line, kind: 'invalid', findings: [{ code: 'J08', params: { kind } }] };
  }
  const shaped = readTurns(value);
  if (!shaped.ok) return { line, kind: 'invalid', findings: [shaped.finding] };
  const rawId = value.id;
  const record: ParsedRecord = {
    line,
    value,
    shape: shaped.shape,
    turns: shaped.turns,
    format: detectFormat(shaped.turns),
  };
  if (typeof rawId === 'string' || typeof rawId === 'number') record.id = String(rawId);
  return { line, kind: 'record', record, findings: [] };
}
