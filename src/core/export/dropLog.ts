import { DROP_REASONS, type DroppedRecord, type DropReason, type OverLengthRecord } from './types';

export const LIST_LIMIT = 1000;

/** Counts every dropped line by reason and lists the first {@link LIST_LIMIT} of each reason. */
export class DropLog {
  readonly counts = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
  readonly listed: DroppedRecord[] = [];
  readonly overLength: OverLengthRecord[] = [];
  overLengthCount = 0;

  drop(reason: DropReason, file: string, line: number, id: string | undefined, detail: string): void {
    if (++this.counts[reason] <= LIST_LIMIT) this.listed.push({ file, line, id: id ?? null, reason, detail });
  }

  /** Only counted: listing what a sample left out says nothing about the records. */
  notSampled(n: number): void {
    this.counts['not-sampled'] += n;
  }

  tooLong(file: string, line: number, id: string | undefined, tokens: number): void {
    if (++this.overLengthCount <= LIST_LIMIT) this.overLength.push({ file, line, id: id ?? null, tokens });
  }
}
