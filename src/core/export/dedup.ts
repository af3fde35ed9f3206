import { createHash } from 'node:crypto';
import type { Turn } from '../types';

/**
 * Whitespace that normalisation changes: runs of two or more, and single ones other than a space
 * (replacing each lone space by itself, most of a text's whitespace, would only cost time).
 */
const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

/**
 * The identity of a conversation for de-duplication: every turn's role and text, the text with each
 * run of whitespace (JavaScript `\s`: Unicode spaces, tabs, newlines, U+3000, U+FEFF) collapsed to one
 * space and trimmed. Hashed with SHA-256 and cut to 16 bytes (a latin1 string of 16 characters), so
 * a million records cost a few tens of MB; an accidental collision has probability ~n²/2^129.
 */
export function conversationDigest(turns: readonly Turn[]): string {
  // Lengths first, so no choice of texts can make two different conversations hash the same input.
  // One string, hashed once: an update per piece costs more than the hashing.
  let input = '';
  for (const t of turns) {
    const text = t.text.replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
    input += `${t.role.length}:${text.length}:${t.role}${text}`;
  }
  return createHash('sha256').update(input).digest().toString('latin1', 0, 16);
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
