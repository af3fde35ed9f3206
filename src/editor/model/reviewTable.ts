import { REVIEW_STATUSES, type ReviewState, type ReviewStatus, UNREVIEWED } from '../../core/review/state';

const NO_TAGS: readonly string[] = Object.freeze([]);

export interface ReviewCounts {
  /** Records by status; `unreviewed` is every record not in another status. */
  byStatus: Record<ReviewStatus, number>;
  /** Tags in use with their number of records, most used first (then by name). */
  byTag: [string, number][];
  /** Records with any status but unreviewed. */
  reviewed: number;
  records: number;
}

/**
 * Every line's review state as it is now (the file's, or the unsaved edit's), a few bytes a line: the
 * status in a typed array, tags and notes only for the lines that have them. Counts per status and per
 * tag are kept as states change, so the status bar and the curator never count 30,000 records again.
 */
export class ReviewTable {
  private readonly statuses: Uint8Array;
  private readonly tags = new Map<number, readonly string[]>();
  private readonly notes = new Map<number, string>();
  private readonly statusCounts = new Int32Array(REVIEW_STATUSES.length);
  private readonly tagCounts = new Map<string, number>();
  /** Records known so far (the check pass reports them batch by batch). */
  records = 0;

  constructor(readonly lineCount: number) {
    this.statuses = new Uint8Array(lineCount);
  }

  get(i: number): ReviewState {
    const status = REVIEW_STATUSES[this.statuses[i]] ?? 'unreviewed';
    const tags = this.tags.get(i);
    const note = this.notes.get(i);
    if (status === 'unreviewed' && !tags && !note) return UNREVIEWED;
    return { status, tags: tags ? [...tags] : [], note: note ?? '' };
  }

  status(i: number): ReviewStatus {
    return REVIEW_STATUSES[this.statuses[i]] ?? 'unreviewed';
  }

  tagsOf(i: number): readonly string[] {
    return this.tags.get(i) ?? NO_TAGS;
  }

  hasTag(i: number, tag: string): boolean {
    return this.tags.get(i)?.includes(tag) ?? false;
  }

  noteOf(i: number): string {
    return this.notes.get(i) ?? '';
  }

  set(i: number, state: ReviewState): void {
    if (i < 0 || i >= this.lineCount) throw new RangeError(`line ${i} is outside the document`);
    const code = REVIEW_STATUSES.indexOf(state.status);
    this.statusCounts[this.statuses[i]]--;
    this.statuses[i] = Math.max(0, code);
    this.statusCounts[this.statuses[i]]++;
    const old = this.tags.get(i);
    if (old) for (const t of old) this.countTag(t, -1);
    if (state.tags.length > 0) {
      const tags = Object.freeze([...state.tags]);
      this.tags.set(i, tags);
      for (const t of tags) this.countTag(t, 1);
    } else this.tags.delete(i);
    if (state.note) this.notes.set(i, state.note);
    else this.notes.delete(i);
  }

  private countTag(tag: string, delta: number): void {
    const n = (this.tagCounts.get(tag) ?? 0) + delta;
    if (n > 0) this.tagCounts.set(tag, n);
    else this.tagCounts.delete(tag);
  }

  counts(): ReviewCounts {
    const byStatus = { unreviewed: 0, approved: 0, rejected: 0, 'needs-fix': 0 } as Record<
      ReviewStatus,
      number
    >;
    let reviewed = 0;
    for (let s = 1; s < REVIEW_STATUSES.length; s++) {
      byStatus[REVIEW_STATUSES[s]] = this.statusCounts[s];
      reviewed += this.statusCounts[s];
    }
    byStatus.unreviewed = Math.max(0, this.records - reviewed);
    return { byStatus, byTag: this.tagsInUse(), reviewed, records: this.records };
  }

  /** Tags in use, most used first: the suggestions when tagging. */
  tagsInUse(): [string, number][] {
    return [...this.tagCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
}
