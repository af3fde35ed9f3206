/**
 * Counts diagnostic codes in the order each first occurs, with the line where it does. A batch of lines
 * checked apart sends these three arrays instead of every line's codes; merging batches in file order
 * (with the duplicate ids found between them, J09) keeps the file's order of codes.
 */
export class CodeCounter {
  readonly codes: string[] = [];
  readonly counts: number[] = [];
  readonly firstLines: number[] = [];
  private readonly index = new Map<string, number>();

  add(code: string, line: number): void {
    const i = this.index.get(code);
    if (i !== undefined) {
      this.counts[i]++;
      return;
    }
    this.index.set(code, this.codes.length);
    this.codes.push(code);
    this.counts.push(1);
    this.firstLines.push(line);
  }
}

/** What a {@link CodeCounter} counted, as it crosses threads. */
export interface CodeTally {
  codes: string[];
  counts: number[];
  firstLines: number[];
}

/**
 * Adds a batch's tally to a file's, keeping the file's order of codes, with the batch's `duplicates` J09
 * findings (found when the batches are joined; the first on line `firstDuplicateLine`, numbered as the
 * tally's lines are) where the sequential run counts them: first on their line.
 */
export function addTally(
  tally: CodeTally,
  duplicates: number,
  firstDuplicateLine: number,
  count: (code: string, n: number) => void,
): void {
  let pending = duplicates;
  for (let k = 0; k < tally.codes.length; k++) {
    if (pending > 0 && tally.firstLines[k] >= firstDuplicateLine) {
      count('J09', pending);
      pending = 0;
    }
    count(tally.codes[k], tally.counts[k]);
  }
  if (pending > 0) count('J09', pending);
}
