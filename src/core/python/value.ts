/**
 * Python values as `ast.literal_eval` and `json.loads` produce them. JS numbers cannot tell `1` from `1.0`
 * and JS objects reorder integer-like keys, so Python data is modelled explicitly: ints are bigints,
 * dicts are entry lists in insertion order.
 */

import { dictFromEntries, setFromItems } from './keys';

export type PyValue =
  | { t: 'str'; v: string }
  | { t: 'int'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'none' }
  | { t: 'list'; items: PyValue[] }
  | { t: 'tuple'; items: PyValue[] }
  | { t: 'set'; items: PyValue[] }
  | { t: 'dict'; entries: [PyValue, PyValue][] }
  | { t: 'complex'; re: number; im: number }
  | { t: 'bytes'; v: Uint8Array };

export type ParseResult = { ok: true; value: PyValue } | { ok: false; message: string; offset: number };

/**
 * CPython raises RecursionError a little below its default limit of 1000 frames when json decodes or
 * encodes deeply nested data; the exact depth depends on the caller's stack, so this is an approximation.
 */
export const MAX_JSON_DEPTH = 990;

/** `type(x).__name__` of the Python object a value stands for; used in Python's own error texts. */
export function pyTypeName(value: PyValue): string {
  switch (value.t) {
    case 'none':
      return 'NoneType';
    default:
      return value.t;
  }
}

/**
 * Plain JS value -> PyValue. Integral numbers become ints (so `1.0` from `JSON.parse` is the int 1), other
 * numbers floats, objects dicts in `Object.keys` order (JS puts integer-like keys first). Throws a
 * TypeError for what JSON data cannot contain (undefined, functions, symbols, class instances, cycles).
 */
export function fromJs(x: unknown): PyValue {
  return convertJs(x, new Set<object>(), 0);
}

function convertJs(x: unknown, path: Set<object>, depth: number): PyValue {
  switch (typeof x) {
    case 'string':
      return { t: 'str', v: x };
    case 'boolean':
      return { t: 'bool', v: x };
    case 'number':
      return Number.isInteger(x) ? { t: 'int', v: BigInt(x) } : { t: 'float', v: x };
    case 'bigint':
      return { t: 'int', v: x };
    case 'object':
      break;
    default:
      throw new TypeError(`Object of type ${typeof x} is not JSON serializable`);
  }
  if (x === null) return { t: 'none' };
  if (path.has(x)) throw new TypeError('Circular reference detected');
  if (depth >= MAX_JSON_DEPTH) throw new TypeError(`data nested deeper than ${MAX_JSON_DEPTH} levels`);
  path.add(x);
  try {
    return convertContainer(x, path, depth + 1);
  } finally {
    path.delete(x);
  }
}

function convertContainer(x: object, path: Set<object>, depth: number): PyValue {
  if (Array.isArray(x)) {
    const items: PyValue[] = new Array(x.length);
    for (let i = 0; i < x.length; i++) {
      if (!(i in x)) throw new TypeError(`array hole at index ${i} is not JSON data`);
      items[i] = convertJs(x[i], path, depth);
    }
    return { t: 'list', items };
  }
  if (x instanceof Uint8Array) return { t: 'bytes', v: x };
  if (x instanceof Map) {
    const pairs: [PyValue, PyValue][] = [];
    for (const [k, v] of x) pairs.push([convertJs(k, path, depth), convertJs(v, path, depth)]);
    return unwrap(dictFromEntries(pairs));
  }
  if (x instanceof Set) {
    const items: PyValue[] = [];
    for (const v of x) items.push(convertJs(v, path, depth));
    return unwrap(setFromItems(items));
  }
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) {
    const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw new TypeError(`Object of type ${name} is not JSON serializable`);
  }
  const record = x as Record<string, unknown>;
  const entries: [PyValue, PyValue][] = [];
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (v === undefined) throw new TypeError(`property '${key}' is undefined, which is not JSON data`);
    entries.push([{ t: 'str', v: key }, convertJs(v, path, depth)]);
  }
  return { t: 'dict', entries };
}

function unwrap(built: { ok: true; value: PyValue } | { ok: false; message: string }): PyValue {
  if (!built.ok) throw new TypeError(built.message);
  return built.value;
}
