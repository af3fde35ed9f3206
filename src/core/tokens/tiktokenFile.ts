import { readFile } from 'node:fs/promises';
import type { RankTable } from './bpe';

/** The tokenizer file is missing, unreadable or not in the `.tiktoken` format. */
export class TokenizerFileError extends Error {
  constructor(
    readonly path: string,
    reason: string,
    /** True when the file could not be read at all; false when it was read but is not a vocabulary. */
    readonly unreadable: boolean,
  ) {
    super(`tokenizer ${path}: ${reason}`);
  }
}

const LINE = /^([A-Za-z0-9+/]+={0,2}) (\d+)$/;

/**
 * Reads a `.tiktoken` file, the format of Qwen's `qwen.tiktoken`: one `<base64 token> <rank>` per line,
 * as its tokenizer's `_load_tiktoken_bpe` reads it. Every single byte must have a rank, or some texts
 * could not be encoded at all: a file without them is not a byte-level BPE vocabulary.
 */
export async function readTiktokenFile(path: string): Promise<RankTable> {
  let text: string;
  try {
    text = await readFile(path, 'latin1');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TokenizerFileError(path, code === 'ENOENT' ? 'no such file' : (e as Error).message, true);
  }
  const ranks: RankTable = new Map();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (line === '') continue;
    const m = LINE.exec(line);
    if (!m) {
      throw new TokenizerFileError(
        path,
        `line ${i + 1} is not "<base64 token> <rank>"; point it at the model's qwen.tiktoken`,
        false,
      );
    }
    let token: string;
    try {
      // atob gives the latin1 string directly (see ranksFromPacked), and rejects malformed base64.
      token = atob(m[1]);
    } catch {
      throw new TokenizerFileError(path, `line ${i + 1}: "${m[1]}" is not valid base64`, false);
    }
    ranks.set(token, Number(m[2]));
  }
  for (let b = 0; b < 256; b++) {
    if (!ranks.has(String.fromCharCode(b))) {
      throw new TokenizerFileError(
        path,
        `byte 0x${b.toString(16).padStart(2, '0')} has no rank, so this is not a byte-level BPE vocabulary`,
        false,
      );
    }
  }
  return ranks;
}
