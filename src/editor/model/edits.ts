import type { ReviewState } from '../../core/review/state';
import type { PlacedTurn } from '../../core/review/turnSplice';

/**
 * The edits of a curator document. Each holds the state of what it changed before and after (not a
 * diff), so undo and redo are "set this state", which also works after a save gave the lines new bytes.
 * Lines are 0-based.
 */
export type CuratorEdit = ReviewEdit | RecordEdit;

/** Review state of one or many records (status, tags, note; a bulk action is one edit). */
export interface ReviewEdit {
  readonly kind: 'review';
  readonly label: string;
  readonly lines: Int32Array;
  readonly before: readonly ReviewState[];
  readonly after: readonly ReviewState[];
}

/** A hand edit of one record's conversation (text, role, turns added/removed/moved, tools re-rendered). */
export interface RecordEdit {
  readonly kind: 'record';
  readonly label: string;
  readonly line: number;
  readonly before: readonly PlacedTurn[];
  readonly after: readonly PlacedTurn[];
}

export function sameTurns(a: readonly PlacedTurn[], b: readonly PlacedTurn[]): boolean {
  return a.length === b.length && a.every((t, i) => t.role === b[i].role && t.text === b[i].text);
}
