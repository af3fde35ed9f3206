/**
 * How a JSONL line spells its JSON, so that text we splice into it looks like the rest of the line:
 * Python's `json.dumps` default (`", "` and `": "`) or compact (`","` and `":"`), and whether non-ASCII
 * characters are written as is (`ensure_ascii=False`, JSON.stringify) or as `\uXXXX` escapes.
 */
export interface JsonStyle {
  /** Between an object's key and its value: `": "` or `":"`. */
  colon: string;
  /** Between items and members: `", "` or `","`. */
  comma: string;
  /** Non-ASCII characters are written as `\uXXXX` escapes (Python's default `ensure_ascii=True`). */
  asciiOnly: boolean;
}

export const PYTHON_STYLE: JsonStyle = Object.freeze({ colon: ': ', comma: ', ', asciiOnly: false });
export const COMPACT_STYLE: JsonStyle = Object.freeze({ colon: ':', comma: ',', asciiOnly: false });

const FIRST_KEY = /^\s*\{\s*"(?:[^"\\]|\\.)*"(\s*):(\s*)/;
const UNICODE_ESCAPE = /\\u[0-9a-fA-F]{4}/;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Reads the style off the line's first member; a line too odd to tell is written compact. `asciiOnly`
 * can be given when the caller knows it cheaper (from the line's bytes).
 */
export function detectJsonStyle(line: string, asciiOnly?: boolean): JsonStyle {
  const m = FIRST_KEY.exec(line);
  const spaced = m !== null && m[2].length > 0;
  // The comma style follows the colon style in every writer we know of (json.dumps, JSON.stringify).
  const ascii = asciiOnly ?? (!NON_ASCII.test(line) && UNICODE_ESCAPE.test(line));
  return { colon: spaced ? ': ' : ':', comma: spaced ? ', ' : ',', asciiOnly: ascii };
}

/** A JSON string literal in the style: JSON.stringify's escapes, plus `\uXXXX` for non-ASCII when asked. */
export function stringLiteral(text: string, style: JsonStyle): string {
  const literal = JSON.stringify(text);
  if (!style.asciiOnly || !NON_ASCII.test(literal)) return literal;
  return literal.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON text of a value made of objects, arrays, strings, booleans, null and safe numbers, in the style. */
export function stringifyInStyle(value: unknown, style: JsonStyle): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return stringLiteral(value, style);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => stringifyInStyle(v, style)).join(style.comma)}]`;
  if (typeof value === 'object') {
    const members: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      members.push(`${stringLiteral(k, style)}${style.colon}${stringifyInStyle(v, style)}`);
    }
    return `{${members.join(style.comma)}}`;
  }
  return 'null';
}
