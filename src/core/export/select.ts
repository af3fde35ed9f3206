import type { ReviewStatus } from '../review/state';
import type { SelectMode } from './types';

/**
 * Whether a record with this review status goes in. `not-rejected` is literally all but rejected:
 * unreviewed and needs-fix records go in too (the report counts them per status).
 */
export function selectsStatus(mode: SelectMode, status: ReviewStatus): boolean {
  if (mode === 'all') return true;
  if (mode === 'approved') return status === 'approved';
  return status !== 'rejected';
}
