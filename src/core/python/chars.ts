/** Character-code tests shared by the Python-literal and JSON scanners (ASCII only, by design). */

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Value of an ASCII hex digit, or -1. */
export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

export function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

/** What CPython's tokenizer treats as a possible identifier character (any non-ASCII counts). */
export function isIdentChar(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c >= 0x80;
}

/** `U+XXXX` for messages. */
export function codePointLabel(c: number): string {
  return 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
}

/** Python counts positions in code points; JS strings in UTF-16 units. */
export function codePointIndex(text: string, utf16Offset: number): number {
  let count = 0;
  for (let i = 0; i < utf16Offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < utf16Offset) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
