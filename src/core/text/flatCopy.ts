/**
 * A copy of `s` that does not share storage with the text it was sliced from. V8 keeps a slice as a
 * view of its parent, so a short name cut out of a system prompt would otherwise keep the whole prompt
 * (and a cache of such keys, whole records) alive.
 */
export function flatCopy(s: string): string {
  return s.length === 0 ? '' : ` ${s}`.slice(1);
}
