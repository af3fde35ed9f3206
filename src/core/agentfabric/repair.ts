/**
 * Re-renders an AgentFabric-format record (typically one the seed converted, spec §2) the way the runtime
 * writes it (spec §3). The tools are read back leniently (the seed's `"\name"` keys and comma-less
 * properties), so what the seed already lost cannot come back; the notes say what that may be.
 */

import { parseMsAgentTrace } from '../msagent/react';
import type { RoleConfig, ToolDef, Turn } from '../types';
import { readUserPrefix } from './checks';
import { parseAgentFabricSystem, REACT_RESIDUE } from './parse';
import {
  DEFAULT_ROLE_PROMPT,
  renderAssistantTrace,
  renderRolePrompt,
  renderSystemWithRolePrompt,
  renderUserPrefix,
  TOOL_SECTION_HEAD,
} from './templates';

export type RepairResult = { ok: true; turns: Turn[]; notes: string[] } | { ok: false; reason: string };

const KNOWLEDGE_PART = '。请查看前面的知识库';

export function repairSeedRecord(turns: readonly Turn[], role?: RoleConfig): RepairResult {
  if (turns.length === 0 || turns[0].role !== 'system') {
    return { ok: false, reason: 'the record does not start with a system turn' };
  }
  const text = turns[0].text;
  const sys = parseAgentFabricSystem(text, 0);
  const unreadable = sys.findings.find((f) => f.code === 'A18');
  if (unreadable) {
    return {
      ok: false,
      reason: `tool line ${unreadable.params?.number} cannot be read: ${unreadable.params?.detail}`,
    };
  }
  if (text.includes(TOOL_SECTION_HEAD) && sys.toolNamesLine === undefined) {
    return { ok: false, reason: 'the tool section of the system prompt does not follow the template' };
  }
  if (!text.includes(TOOL_SECTION_HEAD) && sys.roleText === undefined) {
    return { ok: false, reason: 'the system prompt is not in the AgentFabric format' };
  }
  const seen = new Set<string>();
  for (const t of sys.tools) {
    if (seen.has(t.name)) return { ok: false, reason: `tool "${t.name}" is described twice` };
    seen.add(t.name);
  }

  const notes: string[] = [];
  const tools: ToolDef[] = sys.tools.map((t, i) => ({ ...t, number: i + 1, humanName: t.name }));
  for (let i = 0; i < tools.length; i++) notes.push(...lossNotes(tools[i], sys.toolTexts[i], sys.variant));

  const rolePrompt = role ? renderRolePrompt(role) : (sys.roleText ?? DEFAULT_ROLE_PROMPT);
  const out: Turn[] = [
    { role: turns[0].role, text: sys.preamble + renderSystemWithRolePrompt(tools, rolePrompt) },
  ];
  const names = tools.map((t) => t.name);

  let newestUser = -1;
  for (let i = turns.length - 1; i > 0 && newestUser === -1; i--)
    if (turns[i].role === 'user') newestUser = i;

  for (let i = 1; i < turns.length; i++) {
    const turn = turns[i];
    if (turn.role === 'user') {
      out.push(repairUserTurn(turn, names, role, i === newestUser));
      continue;
    }
    if (turn.role !== 'assistant' || !REACT_RESIDUE.test(turn.text)) {
      out.push(turn);
      continue;
    }
    const parsed = parseMsAgentTrace(turn.text, i, names);
    if (parsed.trace.steps.length === 0) {
      notes.push(`turn ${i}: no tool call, kept as it is (keywords included)`);
      out.push(turn);
      continue;
    }
    const bad = parsed.args.indexOf(undefined);
    if (bad !== -1) {
      const why = parsed.findings.find((f) => f.code === 'M17' || f.code === 'M16');
      const message = why?.code === 'M17' ? String(why.params?.message) : 'no Action Input';
      return {
        ok: false,
        reason: `turn ${i}: the arguments of ${parsed.trace.steps[bad].action} cannot be read (${message})`,
      };
    }
    const rendered = renderAssistantTrace(
      parsed.trace,
      parsed.args as NonNullable<(typeof parsed.args)[number]>[],
    );
    if (!rendered.ok) {
      return {
        ok: false,
        reason: `turn ${i}: the arguments of ${parsed.trace.steps[rendered.step].action} cannot be written as JSON (${rendered.message})`,
      };
    }
    notes.push(`turn ${i}: converted from ms_agent ReAct`);
    out.push({ role: turn.role, text: rendered.text });
  }
  return { ok: true, turns: out, notes };
}

/** The newest user turn gets the runtime prefix; an older turn keeps a prefix only if it had one. */
function repairUserTurn(turn: Turn, names: string[], role: RoleConfig | undefined, newest: boolean): Turn {
  const existing = readUserPrefix(turn.text);
  if (!existing && !newest) return turn;
  const body = existing ? turn.text.slice(existing.length) : turn.text;
  const roleName = role?.name ?? existing?.roleName;
  let prefix = renderUserPrefix(names, roleName ? { name: roleName } : undefined);
  if (existing && turn.text.slice(0, existing.length).includes(`${KNOWLEDGE_PART})`)) {
    prefix = prefix === '' ? `(${KNOWLEDGE_PART})` : `${prefix.slice(0, -1)}${KNOWLEDGE_PART})`;
  }
  return { role: turn.role, text: prefix + body };
}

function lossNotes(
  tool: ToolDef,
  t: { template: string; recovered: boolean; backslashKeys: unknown[] },
  variant: 'runtime' | 'seed',
): string[] {
  const notes: string[] = [];
  const name = `tool "${tool.name}"`;
  if (t.template === 'seed') {
    notes.push(
      tool.description === ''
        ? `${name}: the description is empty (the seed writes "useful for? ." as nothing); if the tool had one, only the ms_agent original can restore it (S8)`
        : `${name}: the seed keeps a description only up to its first "." (S8); "${tool.description}" may be cut short`,
    );
  }
  if (variant === 'seed') {
    notes.push(
      `${name}: the seed keeps only a tool's first parameter (S4) and may empty its required list (S5); ` +
        `${tool.params.length} parameter(s) recovered, any others are lost`,
    );
  }
  if (t.recovered && t.backslashKeys.length === 0) {
    notes.push(
      `${name}: the schema is not JSON; ${tool.params.length} parameter(s) were recovered leniently`,
    );
  }
  return notes;
}
