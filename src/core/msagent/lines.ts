/** One physical line of a turn's text. `end` excludes the line break (`\n` or `\r\n`). */
export interface Line {
  start: number;
  end: number;
  /** Where the next line starts (text length for the last line). */
  next: number;
}

/** Splits text into lines without copying it; a trailing `\r` belongs to the line break. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const n = text.length;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      lines.push({ start, end: n, next: n });
      return lines;
    }
    const end = nl > start && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
    lines.push({ start, end, next: nl + 1 });
    start = nl + 1;
  }
}

/**
 * Calls `onLine(start, end)` for each line as {@link splitLines} cuts them, without building the list:
 * an assistant turn's tool output can run to thousands of lines.
 */
export function forEachLine(text: string, onLine: (start: number, end: number) => void): void {
  let start = 0;
  const n = text.length;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      onLine(start, n);
      return;
    }
    onLine(start, nl > start && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl);
    start = nl + 1;
  }
}

/** True when the line holds only spaces, tabs and other ASCII whitespace. */
export function isBlankLine(text: string, line: Line): boolean {
  for (let i = line.start; i < line.end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x3000) return false;
  }
  return true;
}

/** Shortens text for a finding's message. */
export function excerpt(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
