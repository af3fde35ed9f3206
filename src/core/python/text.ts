/**
 * Python `str` whitespace (`str.isspace()`, `str.strip()`, and `\s` in `re` str patterns), which differs
 * from JS `\s`: Python adds U+001C–U+001F and U+0085, and does not count U+FEFF. Checked against
 * CPython 3.11 over all code points (isspace and re `\s` agree).
 */

/** For use inside a JS regex character class (with or without the `u` flag), e.g. `[${PY_WS_CLASS}]`. */
export const PY_WS_CLASS =
  '\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** Whether a code unit is Python whitespace (every Python whitespace character is in the BMP). */
export function pyIsSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  if (c === 0x85 || c === 0xa0) return true;
  if (c < 0x1680) return false;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** `ch.isspace()` for a single character; false for '' and for longer strings. */
export function pyIsSpace(ch: string): boolean {
  return ch.length === 1 && pyIsSpaceCode(ch.charCodeAt(0));
}

export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && pyIsSpaceCode(s.charCodeAt(start))) start++;
  while (end > start && pyIsSpaceCode(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

export function pyLStrip(s: string): string {
  let start = 0;
  while (start < s.length && pyIsSpaceCode(s.charCodeAt(start))) start++;
  return s.slice(start);
}

export function pyRStrip(s: string): string {
  let end = s.length;
  while (end > 0 && pyIsSpaceCode(s.charCodeAt(end - 1))) end--;
  return s.slice(0, end);
}
