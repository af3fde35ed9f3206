import type { Turn } from '../types';
import { countBytePairs, type RankTable, ranksFromPacked } from './bpe';
import { CountCache } from './countCache';
import {
  CL100K_RULES,
  forEachPiece,
  forEachSegment,
  type PieceRules,
  QWEN_RULES,
  startsSegment,
} from './pretokenize';
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
/** Segments shorter than this are counted piece by piece: a lookup would cost about as much. */
const MIN_SEGMENT = 24;
/** Longer segments (a whole paragraph, a blob) rarely recur; keeping them out bounds the cache's memory. */
const MAX_SEGMENT = 1024;
const SPECIAL = new RegExp(QWEN_SPECIAL_TOKENS.map((t) => t.replace(/[|]/g, '\\|')).join('|'), 'g');

/**
 * Splits text the way tiktoken does (control tokens first, then the pre-tokenizer) and merges each
 * piece's bytes. Natural text repeats its pieces, and datasets repeat whole lines, so both piece counts
 * and segment counts are cached (bounded).
 */
class BpeCounter implements TokenCounter {
  /** 2^18 pieces of at most 64 characters. */
  private readonly pieces = new CountCache(18);
  /** 2^14 segments of at most 1,024 characters. */
  private readonly segments = new CountCache(14, 4);
  private readonly countSegment = (text: string, start: number, end: number) =>
    this.countPieces(text, start, end);
  private readonly merge = (text: string, start: number, end: number) =>
    countBytePairs(Buffer.from(text.slice(start, end), 'utf8').toString('latin1'), this.ranks);
  private readonly newlineTokens: number;
  private readonly rolePrefixes = new Map<string, number>();

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
    for (const t of turns) {
      // `{role}\n` is tokenized apart from a text that starts a segment: no copy of the text is made.
      const body = startsSegment(t.text, 0)
        ? this.rolePrefix(t.role) + this.count(t.text)
        : this.count(`${t.role}\n${t.text}`);
      n += 2 + body + this.newlineTokens;
    }
    return n;
  }

  private rolePrefix(role: string): number {
    let n = this.rolePrefixes.get(role);
    if (n === undefined) {
      n = this.count(`${role}\n`);
      this.rolePrefixes.set(role, n);
    }
    return n;
  }

  private countOrdinary(text: string): number {
    let n = 0;
    forEachSegment(text, (start, end) => {
      const length = end - start;
      if (length >= MIN_SEGMENT && length <= MAX_SEGMENT)
        n += this.segments.get(text, start, end, this.countSegment);
      else n += this.countPieces(text, start, end);
    });
    return n;
  }

  private countPieces(text: string, from: number, to: number): number {
    let n = 0;
    forEachPiece(
      text,
      this.rules,
      (start, end) => {
        // Every single byte has a rank, so a one-character ASCII piece is one token.
        if (end - start === 1 && text.charCodeAt(start) < 0x80) n++;
        // Long pieces (a base64 blob, a URL) rarely repeat; keeping them out bounds the cache's memory.
        else if (end - start > MAX_CACHED) n += this.merge(text, start, end);
        else n += this.pieces.get(text, start, end, this.merge);
      },
      from,
      to,
    );
    return n;
  }
}
