import { type Node, parseTree } from 'jsonc-parser';
import type { ParsedRecord } from '../pipeline/readRecord';
import { normaliseRole } from '../record/shape';
import type { Turn } from '../types';
import { detectJsonStyle, type JsonStyle, stringifyInStyle, stringLiteral } from './jsonStyle';

/**
 * A turn of an edited conversation, remembering which turn of the line's original conversation it came
 * from (unset for an added turn), so the original item's other keys and spelling survive the edit.
 */
export interface PlacedTurn extends Turn {
  origin?: number;
}

/** The conversation cannot be written in the record's shape (query/response needs alternating turns). */
export class ShapeMismatch extends Error {}

/**
 * Writes an edited conversation into the record's line, changing as little of the line as it can:
 * - turns kept in place have only their changed text (or role) literal replaced;
 * - for `conversations`/`messages` records whose turns were added, removed or reordered, the list is
 *   written again, each kept item from its original bytes (its other keys kept);
 * - for query/response records the `system`, `history`, `query` and `response` members are rewritten.
 * Every byte outside what changed — other keys, numbers, escapes, the review state — is kept.
 */
export function spliceTurns(line: string, record: ParsedRecord, turns: readonly PlacedTurn[]): string {
  const root = parseTree(line);
  if (root?.type !== 'object') throw new Error('spliceTurns: the line is not a JSON object');
  const style = detectJsonStyle(line);
  if (record.shape === 'query-response') return spliceQueryResponse(line, record, turns, style);
  const roleKey = record.shape === 'conversations' ? 'from' : 'role';
  const textKey = record.shape === 'conversations' ? 'value' : 'content';
  const list = member(root, record.shape);
  const items = list?.children ?? [];
  if (!list || items.length !== record.turns.length) throw new Error('spliceTurns: the conversation moved');

  const inPlace = turns.length === items.length && turns.every((t, i) => t.origin === i);
  if (inPlace) {
    const edits: TextEdit[] = [];
    for (let i = 0; i < turns.length; i++)
      edits.push(...itemEdits(items[i], record.turns[i], turns[i], roleKey, textKey, style));
    return applyTextEdits(line, edits);
  }
  const spelled = roleSpellings(items, roleKey);
  const written = turns.map((t) => {
    const origin = t.origin !== undefined ? items[t.origin] : undefined;
    if (origin && t.origin !== undefined) {
      const raw = line.slice(origin.offset, origin.offset + origin.length);
      const edits = itemEdits(origin, record.turns[t.origin], t, roleKey, textKey, style);
      return applyTextEdits(
        raw,
        edits.map((e) => ({ ...e, offset: e.offset - origin.offset })),
      );
    }
    const role = spelled.get(t.role) ?? t.role;
    return stringifyInStyle({ [roleKey]: role, [textKey]: t.text }, style);
  });
  return (
    line.slice(0, list.offset) + `[${written.join(style.comma)}]` + line.slice(list.offset + list.length)
  );
}

interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

function member(obj: Node | undefined, key: string): Node | undefined {
  let found: Node | undefined;
  for (const m of obj?.children ?? []) if (m.children?.[0]?.value === key) found = m.children?.[1];
  return found;
}

function memberNode(obj: Node, key: string): Node | undefined {
  let found: Node | undefined;
  for (const m of obj.children ?? []) if (m.children?.[0]?.value === key) found = m;
  return found;
}

/** Replacements inside one list item: its text literal and, when the role changed, its role literal. */
function itemEdits(
  item: Node,
  before: Turn,
  after: Turn,
  roleKey: string,
  textKey: string,
  style: JsonStyle,
): TextEdit[] {
  const edits: TextEdit[] = [];
  const textNode = member(item, textKey);
  if (textNode && before.text !== after.text)
    edits.push({ offset: textNode.offset, length: textNode.length, text: stringLiteral(after.text, style) });
  const roleNode = member(item, roleKey);
  if (roleNode && before.role !== after.role)
    edits.push({ offset: roleNode.offset, length: roleNode.length, text: stringLiteral(after.role, style) });
  return edits;
}

/** How the file spells each normalised role (`human` for user in ShareGPT files), so added turns match. */
function roleSpellings(items: readonly Node[], roleKey: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of items) {
    const role = member(item, roleKey)?.value;
    if (typeof role === 'string' && !out.has(normaliseRole(role))) out.set(normaliseRole(role), role);
  }
  return out;
}

/** `[system] (user assistant)* user [assistant]`: what query/response/history can hold. */
export function fitsQueryResponse(turns: readonly Turn[]): boolean {
  let i = turns[0]?.role === 'system' ? 1 : 0;
  if (i >= turns.length) return false;
  for (; i < turns.length; i++) {
    const expected = (i - (turns[0].role === 'system' ? 1 : 0)) % 2 === 0 ? 'user' : 'assistant';
    if (turns[i].role !== expected) return false;
  }
  return true;
}

function spliceQueryResponse(
  line: string,
  record: ParsedRecord,
  turns: readonly PlacedTurn[],
  style: JsonStyle,
): string {
  if (!fitsQueryResponse(turns)) {
    throw new ShapeMismatch(
      'this record stores its conversation as system/query/response/history, which needs an optional system turn, then user and assistant turns in turn',
    );
  }
  let i = 0;
  const values: Record<string, unknown> = {};
  if (turns[0]?.role === 'system') values.system = turns[i++].text;
  const rest = turns.slice(i);
  const endsWithAssistant = rest.length % 2 === 0;
  const queryAt = endsWithAssistant ? rest.length - 2 : rest.length - 1;
  const history: [string, string][] = [];
  for (let k = 0; k < queryAt; k += 2) history.push([rest[k].text, rest[k + 1].text]);
  values.query = rest[queryAt].text;
  if (endsWithAssistant) values.response = rest[queryAt + 1].text;
  values.history = history;
  // Only what differs is written, so a text edit of the query touches the query literal alone.
  const before: Record<string, unknown> = { ...pick(record.value, ['system', 'query', 'response']) };
  before.history = record.value.history ?? [];
  let out = line;
  for (const key of ['system', 'history', 'query', 'response']) {
    const had = key in record.value;
    const wanted = key in values;
    if (wanted && had && JSON.stringify(before[key]) === JSON.stringify(values[key])) continue;
    if (!wanted && !had) continue;
    if (key === 'history' && !had && history.length === 0) continue;
    out = setMember(out, key, wanted ? values[key] : undefined, style);
  }
  return out;
}

function pick(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in value) out[k] = value[k];
  return out;
}

/** Sets (or removes, with `undefined`) one top-level member of the object on the line. */
function setMember(line: string, key: string, value: unknown, style: JsonStyle): string {
  const root = parseTree(line);
  if (!root) return line;
  const members = root.children ?? [];
  const node = memberNode(root, key);
  if (value === undefined) {
    if (!node) return line;
    const at = members.indexOf(node);
    if (at > 0) {
      const prev = members[at - 1];
      return line.slice(0, prev.offset + prev.length) + line.slice(node.offset + node.length);
    }
    if (members.length > 1) return line.slice(0, node.offset) + line.slice(members[1].offset);
    return line.slice(0, node.offset) + line.slice(node.offset + node.length);
  }
  const text = stringifyInStyle(value, style);
  const valueNode = node?.children?.[1];
  if (valueNode)
    return line.slice(0, valueNode.offset) + text + line.slice(valueNode.offset + valueNode.length);
  const close = root.offset + root.length - 1;
  const last = members[members.length - 1];
  const insertAt = last ? last.offset + last.length : close;
  const prefix = last ? style.comma : '';
  return `${line.slice(0, insertAt)}${prefix}${stringLiteral(key, style)}${style.colon}${text}${line.slice(insertAt)}`;
}
