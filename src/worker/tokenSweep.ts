import type { LineIndex } from '../core/jsonl/lineIndex';
import { readLineFindings } from '../core/pipeline/fileAnalyzer';
import type { TokenCounter } from '../core/tokens/counter';
import { rawLineAt } from '../editor/model/checkPass';

/** Token counts of a run of lines: `counts[k]` is line `first + k` (0-based); -1 where it holds no record. */
export interface TokenBatch {
  first: number;
  counts: Int32Array;
}

/**
 * The check pass's second sweep: counts the tokens of every record in lines `[from, to)`. It comes after
 * the checks because the problems are what a user waits for, and counting is as costly as checking.
 * It yields between batches, so the worker's messages go out as they are made.
 */
export async function countRangeTokens(
  buf: Buffer,
  index: LineIndex,
  from: number,
  to: number,
  counter: TokenCounter,
  onBatch: (batch: TokenBatch) => void,
  batchLines = 2000,
): Promise<void> {
  for (let first = from; first < to; first += batchLines) {
    const counts = new Int32Array(Math.min(batchLines, to - first)).fill(-1);
    for (let k = 0; k < counts.length; k++) {
      const record = readLineFindings(rawLineAt(buf, index, first + k), false).record;
      if (record) counts[k] = counter.countTurns(record.turns);
    }
    onBatch({ first, counts });
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
