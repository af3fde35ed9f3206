import { type Node, parseTree } from 'jsonc-parser';
import { writeTurns } from '../record/shape';
import type { Turn } from '../types';
import type { ParsedRecord } from './readRecord';

/**
 * Things JSON.parse + JSON.stringify would not give back unchanged: long digit runs (precision), numbers
 * with a fraction or exponent (1.0 -> 1), negative zero, and integer-like keys (JS reorders them). The
 * pattern may also hit inside strings; that only sends the line down the slower exact path.
 */
const LOSSY = /\d{16,}|\d\.\d|\d[eE]|-0[^.\d]|"\d+"\s*:/;

/**
 * The output line for a converted record: the input object with its conversation replaced and every
 * other key kept. Usually plain JSON.stringify; when the line holds something that would not survive a
 * parse/stringify round trip, the new turn texts are spliced into the original bytes instead, so every
 * other value stays exactly as it was written.
 */
export function serializeRecord(record: ParsedRecord, turns: Turn[], rawLine: string): string {
  if (!LOSSY.test(rawLine)) return JSON.stringify(writeTurns(record.value, record.shape, turns));
  return spliceTurns(record, turns, rawLine) ?? JSON.stringify(writeTurns(record.value, record.shape, turns));
}

function spliceTurns(record: ParsedRecord, turns: Turn[], raw: string): string | undefined {
  const root = parseTree(raw);
  const nodes = turnTextNodes(root, record);
  if (!nodes || nodes.length !== turns.length) return undefined;
  let out = '';
  let pos = 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    out += raw.slice(pos, n.offset);
    out +=
      n.value === turns[i].text ? raw.slice(n.offset, n.offset + n.length) : JSON.stringify(turns[i].text);
    pos = n.offset + n.length;
  }
  return out + raw.slice(pos);
}

/** The string nodes holding each turn's text, in turn order. */
function turnTextNodes(root: Node | undefined, record: ParsedRecord): Node[] | undefined {
  const prop = (obj: Node | undefined, key: string): Node | undefined =>
    obj?.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
  if (record.shape === 'conversations' || record.shape === 'messages') {
    const textKey = record.shape === 'conversations' ? 'value' : 'content';
    const list = prop(root, record.shape);
    const texts = list?.children?.map((item) => prop(item, textKey));
    return texts?.every((n) => n?.type === 'string') ? (texts as Node[]) : undefined;
  }
  const out: (Node | undefined)[] = [];
  if (record.turns[0]?.role === 'system') out.push(prop(root, 'system'));
  for (const pair of prop(root, 'history')?.children ?? []) out.push(pair.children?.[0], pair.children?.[1]);
  out.push(prop(root, 'query'));
  const response = prop(root, 'response');
  if (response) out.push(response);
  return out.every((n) => n?.type === 'string') ? (out as Node[]) : undefined;
}

/** Where a turn's text starts inside the raw line, for mapping spans to columns (lazy: only the editor needs it). */
export function locateTurnText(
  record: ParsedRecord,
  rawLine: string,
  turn: number,
): { offset: number; length: number } | undefined {
  const nodes = turnTextNodes(parseTree(rawLine), record);
  const n = nodes?.[turn];
  return n ? { offset: n.offset, length: n.length } : undefined;
}
