import type { Finding } from '../diagnostics/types';
import type { Turn } from '../types';

/**
 * ms-swift's role rules (spec §5): `system` only first, then strictly alternating user/assistant,
 * ending with assistant. Returns the first violation only, as ms-swift rejects the row at the first one.
 */
export function checkSwiftRoles(turns: Turn[]): Finding[] {
  let i = turns[0]?.role === 'system' ? 1 : 0;
  if (i >= turns.length) return [{ code: 'W04' }];
  for (let k = 0; i < turns.length; i++, k++) {
    const role = turns[i].role;
    const expected = k % 2 === 0 ? 'user' : 'assistant';
    if (role === 'system')
      return [{ code: 'W01', params: { index: i }, span: { turn: i, start: 0, end: 0 } }];
    if (role !== expected) {
      return [{ code: 'W02', params: { index: i, role, expected }, span: { turn: i, start: 0, end: 0 } }];
    }
  }
  const last = turns[turns.length - 1];
  if (last.role !== 'assistant') {
    return [{ code: 'W03', params: { role: last.role }, span: { turn: turns.length - 1, start: 0, end: 0 } }];
  }
  return [];
}
