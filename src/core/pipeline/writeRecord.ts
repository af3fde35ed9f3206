import { type Node, parseTree } from 'jsonc-parser';
import { writeTurns } from '../record/shape';
import type { Turn } from '../types';
import type { ParsedRecord } from './readRecord';

/**
 * The output line for a converted record: the input object with its conversation replaced and every
 * other key kept. Usually plain JSON.stringify. When the record holds a number or an integer-like key
 * anywhere outside the turn texts, a parse/stringify round trip could change it (precision beyond 2^53,
 * `1.0` -> `1`, JS reordering `"2"` before `"b"`), so the new turn texts are spliced into the original
 * line instead and every other value keeps its exact spelling.
 */
export function serializeRecord(record: ParsedRecord, turns: Turn[], rawLine: string): string {
  if (!mayChangeInRoundTrip(record.value))
    return JSON.stringify(writeTurns(record.value, record.shape, turns));
  return spliceTurns(record, turns, rawLine) ?? JSON.stringify(writeTurns(record.value, record.shape, turns));
}

const INTEGER_LIKE = /^(?:0|[1-9]\d*)$/;

/** True when the parsed value holds a number or an integer-like key (turn texts are strings, so never). */
function mayChangeInRoundTrip(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (mayChangeInRoundTrip(v)) return true;
    return false;
  }
  for (const key in value) {
    if (INTEGER_LIKE.test(key)) return true;
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'object' || typeof v === 'number') {
      if (mayChangeInRoundTrip(v)) return true;
    }
  }
  return false;
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
