import { createHash } from 'node:crypto';
import type { Turn } from '../types';

const WHITESPACE = /\s+/g;

/**
 * The identity of a conversation for de-duplication: every turn's role and text, the text with each
 * run of whitespace (JavaScript `\s`: Unicode spaces, tabs, newlines, U+3000, U+FEFF) collapsed to one
 * space and trimmed. Hashed with SHA-256 and cut to 16 bytes (a latin1 string of 16 characters), so
 * a million records cost a few tens of MB; an accidental collision has probability ~n²/2^129.
 */
export function conversationDigest(turns: readonly Turn[]): string {
  const h = createHash('sha256');
  for (const t of turns) {
    const text = t.text.replace(WHITESPACE, ' ').trim();
    // Lengths first, so no choice of texts can make two different conversations hash the same input.
    h.update(`${t.role.length}:${text.length}:`);
    h.update(t.role);
    h.update(text);
  }
  return h.digest().toString('latin1', 0, 16);
}

/** Digests seen so far, each with where it was first seen (source index and line), to name the original. */
export class DuplicateIndex {
  private readonly first = new Map<string, number>();

  /** The first occurrence's [source, line] when `digest` was seen before; otherwise remembers it. */
  seen(digest: string, source: number, line: number): [number, number] | undefined {
    const at = this.first.get(digest);
    if (at !== undefined) return [Math.floor(at / 0x100000000), at % 0x100000000];
    this.first.set(digest, source * 0x100000000 + line);
    return undefined;
  }
}
