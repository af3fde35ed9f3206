/**
 * Python dict/set semantics for parsed literals: keys that compare equal in Python (`1`, `1.0`, `True`,
 * `1+0j`) collapse into one entry that keeps the first key and its position but the last value; lists,
 * dicts and sets (and tuples holding them) are unhashable.
 */

import type { PyValue } from './value';

export type Built = { ok: true; value: PyValue } | { ok: false; message: string; index: number };

let nanCounter = 0;

/** Python never finds a NaN key again (NaN != NaN), so each one gets a key nothing else can equal. */
function uniqueNanKey(): string {
  nanCounter = (nanCounter + 1) % Number.MAX_SAFE_INTEGER;
  return '~nan' + nanCounter;
}

function realKey(x: number): string {
  if (Number.isInteger(x)) return 'n' + BigInt(x).toString();
  if (Number.isNaN(x)) return uniqueNanKey();
  return 'f' + String(x);
}

/**
 * A string that two values share exactly when Python would treat them as the same dict key, or null when
 * the value is unhashable.
 */
export function hashKey(value: PyValue): string | null {
  switch (value.t) {
    case 'str':
      return 's' + value.v;
    case 'int':
      return 'n' + value.v.toString();
    case 'bool':
      return value.v ? 'n1' : 'n0';
    case 'float':
      return realKey(value.v);
    case 'complex':
      if (value.im === 0) return realKey(value.re);
      if (Number.isNaN(value.re) || Number.isNaN(value.im)) return uniqueNanKey();
      return 'c' + String(value.re === 0 ? 0 : value.re) + ',' + String(value.im);
    case 'none':
      return 'N';
    case 'bytes': {
      let s = 'b';
      for (let i = 0; i < value.v.length; i++) s += String.fromCharCode(value.v[i]);
      return s;
    }
    case 'tuple': {
      let s = 't' + value.items.length + '(';
      for (const item of value.items) {
        const k = hashKey(item);
        if (k === null) return null;
        s += k.length + ':' + k;
      }
      return s + ')';
    }
    default:
      return null;
  }
}

/** The type Python names in "unhashable type: '...'" for a value whose hashKey is null. */
export function unhashableTypeName(value: PyValue): string {
  if (value.t === 'tuple') {
    for (const item of value.items) {
      if (hashKey(item) === null) return unhashableTypeName(item);
    }
  }
  return value.t;
}

export function dictFromEntries(pairs: [PyValue, PyValue][]): Built {
  const entries: [PyValue, PyValue][] = [];
  // Almost every dict in a dataset is small and keyed by strings: a string key is only ever equal to
  // the same string, so those are matched directly; other keys go through hashKey.
  let seen: Map<string, number> | undefined;
  for (let i = 0; i < pairs.length; i++) {
    const [key, value] = pairs[i];
    let at: number | undefined;
    if (key.t === 'str' && pairs.length <= SMALL_DICT) {
      for (let j = 0; j < entries.length && at === undefined; j++) {
        const other = entries[j][0];
        if (other.t === 'str' && other.v === key.v) at = j;
      }
      if (at === undefined) {
        entries.push([key, value]);
        continue;
      }
    } else {
      const k = hashKey(key);
      if (k === null)
        return { ok: false, message: `unhashable type: '${unhashableTypeName(key)}'`, index: i };
      seen ??= new Map();
      at = seen.get(k);
      if (at === undefined) {
        seen.set(k, entries.length);
        entries.push([key, value]);
        continue;
      }
    }
    entries[at] = [entries[at][0], value];
  }
  return { ok: true, value: { t: 'dict', entries } };
}

/** Up to this many entries, string keys are compared one by one instead of hashed. */
const SMALL_DICT = 16;

export function setFromItems(members: PyValue[]): Built {
  const items: PyValue[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < members.length; i++) {
    const k = hashKey(members[i]);
    if (k === null)
      return { ok: false, message: `unhashable type: '${unhashableTypeName(members[i])}'`, index: i };
    if (!seen.has(k)) {
      seen.add(k);
      items.push(members[i]);
    }
  }
  return { ok: true, value: { t: 'set', items } };
}
