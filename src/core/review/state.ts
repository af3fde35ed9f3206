/**
 * Review state lives inside each record, under one reserved key, so it travels with the record when
 * lines move, survives close/reopen and git, and needs no side file. ms-swift ignores unknown keys;
 * export strips this one. See docs/review-state.md.
 */

export const REVIEW_KEY = '_review';

export type ReviewStatus = 'unreviewed' | 'approved' | 'rejected' | 'needs-fix';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['unreviewed', 'approved', 'rejected', 'needs-fix'];

export interface ReviewState {
  status: ReviewStatus;
  tags: string[];
  note: string;
}

export const UNREVIEWED: ReviewState = Object.freeze({
  status: 'unreviewed',
  tags: [],
  note: '',
}) as ReviewState;

/** Reads a record's review state; anything malformed reads as unreviewed rather than failing. */
export function readReview(value: Record<string, unknown>): ReviewState {
  const raw = value[REVIEW_KEY];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return UNREVIEWED;
  const r = raw as Record<string, unknown>;
  const status = REVIEW_STATUSES.includes(r.status as ReviewStatus)
    ? (r.status as ReviewStatus)
    : 'unreviewed';
  const tags = Array.isArray(r.tags) ? r.tags.filter((t): t is string => typeof t === 'string') : [];
  const note = typeof r.note === 'string' ? r.note : '';
  return { status, tags, note };
}

/**
 * Returns the record with its review state set (a new object; key order kept, the review key last).
 * An unreviewed state with no tags and no note removes the key, so un-doing a review restores the
 * record's original bytes.
 */
export function withReview(value: Record<string, unknown>, state: ReviewState): Record<string, unknown> {
  const { [REVIEW_KEY]: _old, ...rest } = value;
  if (state.status === 'unreviewed' && state.tags.length === 0 && state.note === '') return rest;
  const review: Record<string, unknown> = { status: state.status };
  if (state.tags.length) review.tags = state.tags;
  if (state.note) review.note = state.note;
  return { ...rest, [REVIEW_KEY]: review };
}

/** The record without review fields: what export writes. */
export function withoutReview(value: Record<string, unknown>): Record<string, unknown> {
  if (!(REVIEW_KEY in value)) return value;
  const { [REVIEW_KEY]: _old, ...rest } = value;
  return rest;
}

/** Two review states say the same thing (tags compared in order: their order is kept as the user set it). */
export function sameReview(a: ReviewState, b: ReviewState): boolean {
  if (a === b) return true;
  return (
    a.status === b.status &&
    a.note === b.note &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i])
  );
}
