import { readUserPrefix } from '../../core/agentfabric/checks';
import { parseAgentFabricSystem } from '../../core/agentfabric/parse';
import {
  DEFAULT_ROLE_PROMPT,
  renderSystemWithRolePrompt,
  renderUserPrefix,
} from '../../core/agentfabric/templates';
import type { PlacedTurn } from '../../core/review/turnSplice';
import type { Format, ToolDef, Turn } from '../../core/types';
import type { RecordEditOp, ToolEdit } from '../reviewProtocol';

export type OpResult = { ok: true; turns: PlacedTurn[] } | { ok: false; reason: string };

/** The part of a user prefix that points at a knowledge base; kept when the prefix is re-rendered. */
const KNOWLEDGE_PART = '。请查看前面的知识库';

/** The turns of a line as read from the file: each turn its own origin. */
export function placedTurns(turns: readonly Turn[]): PlacedTurn[] {
  return turns.map((t, i) => ({ role: t.role, text: t.text, origin: i }));
}

/** Applies one hand edit to a conversation; the input is not changed. */
export function applyRecordOp(turns: readonly PlacedTurn[], format: Format, op: RecordEditOp): OpResult {
  const n = turns.length;
  const bad = (reason: string): OpResult => ({ ok: false, reason });
  switch (op.op) {
    case 'text': {
      if (op.turn >= n) return bad(`there is no turn ${op.turn + 1}`);
      if (turns[op.turn].text === op.text) return bad('the text is unchanged');
      return { ok: true, turns: turns.map((t, i) => (i === op.turn ? { ...t, text: op.text } : t)) };
    }
    case 'role': {
      if (op.turn >= n) return bad(`there is no turn ${op.turn + 1}`);
      if (turns[op.turn].role === op.role) return bad('the role is unchanged');
      return { ok: true, turns: turns.map((t, i) => (i === op.turn ? { ...t, role: op.role } : t)) };
    }
    case 'insert': {
      if (op.at > n) return bad(`a turn cannot be added at position ${op.at + 1}`);
      const out = [...turns];
      out.splice(op.at, 0, { role: op.role, text: op.text });
      return { ok: true, turns: out };
    }
    case 'delete': {
      if (op.turn >= n) return bad(`there is no turn ${op.turn + 1}`);
      if (n === 1) return bad('a record keeps at least one turn');
      return { ok: true, turns: turns.filter((_, i) => i !== op.turn) };
    }
    case 'move': {
      if (op.turn >= n || op.to >= n) return bad('the turn cannot move there');
      if (op.turn === op.to) return bad('the turn is already there');
      const out = [...turns];
      const [moved] = out.splice(op.turn, 1);
      out.splice(op.to, 0, moved);
      return { ok: true, turns: out };
    }
    case 'tools':
      return replaceTools(turns, format, op.tools);
  }
}

/** Whether the tools table of a record in this format can be edited (the prompt is re-rendered from it). */
export function toolsEditable(format: Format | undefined, turns: readonly Turn[]): boolean {
  if (format !== 'agentfabric' && format !== 'agentfabric-seed') return false;
  if (turns[0]?.role !== 'system') return false;
  const sys = parseAgentFabricSystem(turns[0].text, 0);
  return !sys.findings.some((f) => f.code === 'A18') && sys.roleText !== undefined;
}

function checkTools(tools: readonly ToolEdit[]): string | undefined {
  const names = new Set<string>();
  for (const [i, t] of tools.entries()) {
    const name = t.name.trim();
    if (name === '') return `tool ${i + 1} has no name`;
    if (/[\s,:]/.test(name)) return `tool name "${name}" cannot contain spaces, commas or colons`;
    if (names.has(name)) return `tool "${name}" is listed twice`;
    names.add(name);
    const params = new Set<string>();
    for (const p of t.params) {
      const pname = p.name.trim();
      if (pname === '') return `a parameter of "${name}" has no name`;
      if (params.has(pname)) return `parameter "${pname}" of "${name}" is listed twice`;
      params.add(pname);
    }
  }
  return undefined;
}

/**
 * Replaces the tools of an AgentFabric record: the system prompt is rendered again exactly as the runtime
 * renders it (its preamble and role prompt kept), and the user prefixes list the new tool names the way
 * the runtime writes them (the newest user turn carries one; older ones keep theirs, re-rendered).
 */
export function replaceTools(
  turns: readonly PlacedTurn[],
  format: Format,
  edits: readonly ToolEdit[],
): OpResult {
  if (!toolsEditable(format, turns))
    return {
      ok: false,
      reason:
        'only an AgentFabric record whose system prompt follows the template has an editable tools table',
    };
  const problem = checkTools(edits);
  if (problem) return { ok: false, reason: problem };
  const system = turns[0].text;
  const sys = parseAgentFabricSystem(system, 0);
  const tools: ToolDef[] = edits.map((t, i) => ({
    number: i + 1,
    name: t.name.trim(),
    humanName: t.name.trim(),
    description: t.description,
    params: t.params.map((p) => {
      const param: ToolDef['params'][number] = {
        name: p.name.trim(),
        description: p.description,
        required: p.required,
      };
      if (p.type !== undefined && p.type !== '' && p.type !== 'string') param.type = p.type;
      return param;
    }),
    span: { turn: 0, start: 0, end: 0 },
  }));
  const rendered = sys.preamble + renderSystemWithRolePrompt(tools, sys.roleText ?? DEFAULT_ROLE_PROMPT);
  const names = tools.map((t) => t.name);
  let newestUser = -1;
  for (let i = turns.length - 1; i > 0 && newestUser === -1; i--)
    if (turns[i].role === 'user') newestUser = i;
  const out = turns.map((t, i): PlacedTurn => {
    if (i === 0) return { ...t, text: rendered };
    if (t.role !== 'user') return t;
    const text = reprefixUser(t.text, names, i === newestUser);
    return text === t.text ? t : { ...t, text };
  });
  if (out.every((t, i) => t.text === turns[i].text)) return { ok: false, reason: 'the tools are unchanged' };
  return { ok: true, turns: out };
}

function reprefixUser(text: string, names: readonly string[], newest: boolean): string {
  const existing = readUserPrefix(text);
  if (!existing && !newest) return text;
  const body = existing ? text.slice(existing.length) : text;
  const roleName = existing?.roleName;
  let prefix = renderUserPrefix(names, roleName ? { name: roleName } : undefined);
  if (existing && text.slice(0, existing.length).includes(`${KNOWLEDGE_PART})`))
    prefix = prefix === '' ? `(${KNOWLEDGE_PART})` : `${prefix.slice(0, -1)}${KNOWLEDGE_PART})`;
  return prefix + body;
}
