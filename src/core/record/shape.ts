import type { Finding } from '../diagnostics/types';
import type { Shape, Turn } from '../types';

/** A JSON object read from one line: what every record is before we know its shape. */
export type JsonObject = Record<string, unknown>;

export type ShapeResult = { ok: true; shape: Shape; turns: Turn[] } | { ok: false; finding: Finding };

/** ShareGPT-style speaker names that mean the same as the roles ms-swift knows. */
const ROLE_ALIASES: Record<string, string> = {
  human: 'user',
  gpt: 'assistant',
  bot: 'assistant',
  model: 'assistant',
};

export function normaliseRole(from: string): string {
  return ROLE_ALIASES[from] ?? from;
}

export function isJsonObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Reads the conversation out of a record in any of the shapes of spec §5. */
export function readTurns(value: JsonObject): ShapeResult {
  if (Array.isArray(value.conversations))
    return readList(value.conversations, 'conversations', 'from', 'value');
  if (Array.isArray(value.messages)) return readList(value.messages, 'messages', 'role', 'content');
  if (typeof value.query === 'string' || typeof value.response === 'string') return readQueryResponse(value);
  const keys = Object.keys(value).slice(0, 6).join(', ') || 'none';
  return { ok: false, finding: { code: 'R01', params: { keys } } };
}

function readList(items: unknown[], shape: Shape, roleKey: string, textKey: string): ShapeResult {
  const turns: Turn[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isJsonObject(item)) {
      return {
        ok: false,
        finding: { code: 'R02', params: { index: i, key: shape, problem: 'is not an object' } },
      };
    }
    const role = item[roleKey];
    const text = item[textKey];
    if (typeof role !== 'string') {
      return {
        ok: false,
        finding: { code: 'R02', params: { index: i, key: shape, problem: `has no "${roleKey}" string` } },
      };
    }
    if (typeof text !== 'string') {
      return {
        ok: false,
        finding: { code: 'R02', params: { index: i, key: shape, problem: `has no "${textKey}" string` } },
      };
    }
    turns.push({ role: normaliseRole(role), text });
  }
  return { ok: true, shape, turns };
}

function readQueryResponse(value: JsonObject): ShapeResult {
  const turns: Turn[] = [];
  if (typeof value.system === 'string') turns.push({ role: 'system', text: value.system });
  const history = value.history ?? [];
  if (!Array.isArray(history)) {
    return {
      ok: false,
      finding: { code: 'R02', params: { index: 0, key: 'history', problem: 'is not a list' } },
    };
  }
  for (let i = 0; i < history.length; i++) {
    const pair = history[i];
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      typeof pair[0] !== 'string' ||
      typeof pair[1] !== 'string'
    ) {
      return {
        ok: false,
        finding: {
          code: 'R02',
          params: { index: i, key: 'history', problem: 'is not a [query, response] pair of strings' },
        },
      };
    }
    turns.push({ role: 'user', text: pair[0] }, { role: 'assistant', text: pair[1] });
  }
  if (typeof value.query !== 'string') {
    return {
      ok: false,
      finding: { code: 'R02', params: { index: 0, key: 'query', problem: 'is missing or not a string' } },
    };
  }
  turns.push({ role: 'user', text: value.query });
  if (typeof value.response === 'string') turns.push({ role: 'assistant', text: value.response });
  return { ok: true, shape: 'query-response', turns };
}

/**
 * Returns a copy of `value` with the conversation replaced by `turns`, in the record's own shape and with
 * every other key kept. For list shapes the turn count and order must match the original (conversion
 * rewrites text, it never adds or removes turns), so each item keeps its own extra keys.
 */
export function writeTurns(value: JsonObject, shape: Shape, turns: Turn[]): JsonObject {
  if (shape === 'conversations' || shape === 'messages') {
    const textKey = shape === 'conversations' ? 'value' : 'content';
    const roleKey = shape === 'conversations' ? 'from' : 'role';
    const items = value[shape] as unknown[];
    const out = turns.map((t, i) => {
      const orig = items[i];
      if (isJsonObject(orig) && normaliseRole(String(orig[roleKey])) === t.role)
        return { ...orig, [textKey]: t.text };
      return { [roleKey]: t.role, [textKey]: t.text };
    });
    return { ...value, [shape]: out };
  }
  return { ...value, ...toQueryResponse(turns) };
}

/** Turns in query/response/history form (spec §5); the caller has checked the roles alternate. */
export function toQueryResponse(turns: Turn[]): JsonObject {
  const out: JsonObject = {};
  let i = 0;
  if (turns[0]?.role === 'system') {
    out.system = turns[0].text;
    i = 1;
  }
  const pairs: [string, string][] = [];
  for (; i + 1 < turns.length; i += 2) pairs.push([turns[i].text, turns[i + 1].text]);
  const last = pairs.pop();
  out.query = last?.[0] ?? '';
  out.response = last?.[1] ?? '';
  out.history = pairs;
  return out;
}
