import { isUtf8 } from 'node:buffer';

/** Where a byte sequence stops being valid UTF-8. */
export interface Utf8Error {
  /** Byte offset of the first invalid byte, relative to the given bytes. */
  byteOffset: number;
  /** 1-based character column of that byte in the line (characters decoded before it + 1). */
  column: number;
}

/** Fast check (native) of whole buffers; the slow scan below runs only on the rare invalid line. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

/** Finds the first invalid UTF-8 sequence, or undefined when the bytes are valid. */
export function findUtf8Error(bytes: Uint8Array): Utf8Error | undefined {
  let i = 0;
  let chars = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    let min = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return { byteOffset: i, column: chars + 1 };
    let cp = need === 0 ? b : b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { byteOffset: i, column: chars + 1 };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (need > 0 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) {
      return { byteOffset: i, column: chars + 1 };
    }
    chars += cp >= 0x10000 ? 2 : 1;
    i += need + 1;
  }
  return undefined;
}

/**
 * Where a NUL byte makes the whole input a binary file rather than JSONL, or -1. Only a NUL in the first
 * line (within the first 8 KB, git's window) counts: a dataset whose first records are fine and whose
 * later lines hold garbage is a damaged JSONL file, whose good records must stay usable, and its bad
 * lines are reported one by one.
 */
export function binaryOffset(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) return i;
    if (bytes[i] === 0x0a) return -1;
  }
  return -1;
}
