import type { Turn } from '../types';
import { countBytePairs, type RankTable, ranksFromPacked } from './bpe';
import { PieceCache } from './pieceCache';
import { CL100K_RULES, forEachPiece, type PieceRules, QWEN_RULES } from './pretokenize';
import { QWEN_SPECIAL_TOKENS } from './qwenPattern';
import { readTiktokenFile } from './tiktokenFile';

export { TokenizerFileError } from './tiktokenFile';

/** Counts tokens of texts and of whole conversations as a Qwen chat template lays them out. */
export interface TokenCounter {
  /** True when counting with the model's own vocabulary (exact); false for the bundled estimate. */
  exact: boolean;
  /** What the counts are, for reports and the UI: says plainly when they are an estimate. */
  label: string;
  count(text: string): number;
  /**
   * Tokens of the conversation in Qwen's ChatML, each turn `<|im_start|>{role}\n{text}<|im_end|>\n`
   * (the two control tokens count one each). This is what ms-swift's qwen template compares with
   * `--max_length`, give or take the default system prompt it adds to a record that has none.
   */
  countTurns(turns: readonly Turn[]): number;
}

export interface TokenCounterOptions {
  /** The model's `qwen.tiktoken` (in every Qwen checkpoint folder); without it counts are an estimate. */
  tiktokenPath?: string;
}

export const ESTIMATE_LABEL =
  'estimate (cl100k_base BPE, not Qwen; give the model’s qwen.tiktoken for exact counts)';

let cl100k: RankTable | undefined;

/**
 * Exact Qwen counts from the model's `qwen.tiktoken` when given, otherwise an estimate from the
 * cl100k_base ranks bundled with js-tiktoken (a similar byte-level BPE; Chinese text differs from Qwen
 * by some percent). Nothing is fetched.
 */
export async function createTokenCounter(opts: TokenCounterOptions = {}): Promise<TokenCounter> {
  if (opts.tiktokenPath) {
    const ranks = await readTiktokenFile(opts.tiktokenPath);
    return new BpeCounter(ranks, QWEN_RULES, true, true, `exact (Qwen vocabulary ${opts.tiktokenPath})`);
  }
  if (!cl100k) {
    const { default: packed } = await import('js-tiktoken/ranks/cl100k_base');
    cl100k = ranksFromPacked(packed.bpe_ranks);
  }
  return new BpeCounter(cl100k, CL100K_RULES, false, false, ESTIMATE_LABEL);
}

const MAX_CACHED = 64;
const SPECIAL = new RegExp(QWEN_SPECIAL_TOKENS.map((t) => t.replace(/[|]/g, '\\|')).join('|'), 'g');

/**
 * Splits text the way tiktoken does (control tokens first, then the pre-tokenizer) and merges each
 * piece's bytes. Natural text repeats its pieces, so piece counts are cached (bounded).
 */
class BpeCounter implements TokenCounter {
  private readonly cache = new PieceCache();
  private readonly merge = (piece: string) =>
    countBytePairs(Buffer.from(piece, 'utf8').toString('latin1'), this.ranks);
  private readonly newlineTokens: number;

  constructor(
    private readonly ranks: RankTable,
    private readonly rules: PieceRules,
    private readonly nfc: boolean,
    readonly exact: boolean,
    readonly label: string,
  ) {
    this.newlineTokens = this.count('\n');
  }

  count(text: string): number {
    // Qwen's tokenizer normalises to NFC before encoding.
    const s = this.nfc ? text.normalize('NFC') : text;
    if (!s.includes('<|')) return this.countOrdinary(s);
    let n = 0;
    let from = 0;
    SPECIAL.lastIndex = 0;
    for (let m = SPECIAL.exec(s); m !== null; m = SPECIAL.exec(s)) {
      n += this.countOrdinary(s.slice(from, m.index)) + 1;
      from = m.index + m[0].length;
    }
    return n + this.countOrdinary(s.slice(from));
  }

  countTurns(turns: readonly Turn[]): number {
    let n = 0;
    for (const t of turns) n += 2 + this.count(`${t.role}\n${t.text}`) + this.newlineTokens;
    return n;
  }

  private countOrdinary(text: string): number {
    let n = 0;
    forEachPiece(text, this.rules, (start, end) => {
      // Every single byte has a rank, so a one-character ASCII piece is one token.
      if (end - start === 1 && text.charCodeAt(start) < 0x80) n++;
      // Long pieces (a base64 blob, a URL) rarely repeat; keeping them out bounds the cache's memory.
      else if (end - start > MAX_CACHED) n += this.merge(text.slice(start, end));
      else n += this.cache.get(text, start, end, this.merge);
    });
    return n;
  }
}
