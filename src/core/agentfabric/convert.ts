/**
 * ms_agent record → AgentFabric runtime format (spec §3, "agentfabric" profile). Any error-severity
 * finding makes the record unconvertible: the converter never guesses a tool, a parameter or an argument.
 */

import type { Finding } from '../diagnostics/types';
import { msagentSeverity } from '../msagent/codes';
import { parseMsAgentTrace } from '../msagent/react';
import { parseMsAgentSystem } from '../msagent/tools';
import type { RoleConfig, ToolDef, Turn, UserPrefixMode } from '../types';
import { renderAssistantTrace, renderSystem, renderUserPrefix } from './templates';

export interface AgentFabricConvertOptions {
  userPrefix: UserPrefixMode;
  role?: RoleConfig;
}

export type ConvertTurnsResult =
  | { ok: true; turns: Turn[]; tools: ToolDef[]; findings: Finding[] }
  | { ok: false; findings: Finding[] };

function lastIndexOfRole(turns: readonly Turn[], role: string): number {
  for (let i = turns.length - 1; i >= 0; i--) if (turns[i].role === role) return i;
  return -1;
}

/** `turns` are one ms_agent record's turns, the system prompt first. */
export function convertTurnsToAgentFabric(
  turns: readonly Turn[],
  opts: AgentFabricConvertOptions,
): ConvertTurnsResult {
  if (turns.length === 0 || turns[0].role !== 'system') {
    return {
      ok: false,
      findings: [{ code: 'M27', span: turns.length > 0 ? { turn: 0, start: 0, end: 0 } : undefined }],
    };
  }
  const { tools, findings } = parseMsAgentSystem(turns[0].text, 0);
  const names: string[] = []; // a loop, not `map`: see parseMsAgentTrace's `args`
  for (const t of tools) names.push(t.name);
  const prefix = opts.userPrefix === 'none' ? '' : renderUserPrefix(names, opts.role);
  const lastUser = lastIndexOfRole(turns, 'user');

  const out: Turn[] = new Array(turns.length);
  let failed = false;
  for (let i = 1; i < turns.length; i++) {
    const turn = turns[i];
    if (turn.role === 'user') {
      const prefixed = prefix !== '' && (opts.userPrefix === 'all' || i === lastUser);
      out[i] = prefixed ? { role: turn.role, text: prefix + turn.text } : turn;
      continue;
    }
    if (turn.role !== 'assistant') {
      out[i] = turn;
      continue;
    }
    const parsed = parseMsAgentTrace(turn.text, i, names);
    for (const f of parsed.findings) findings.push(f);
    if (parsed.trace.steps.length === 0) {
      out[i] = turn;
      continue;
    }
    if (parsed.args.some((a) => a === undefined)) {
      failed = true; // M16/M17 already say why
      continue;
    }
    const rendered = renderAssistantTrace(
      parsed.trace,
      parsed.args as NonNullable<(typeof parsed.args)[number]>[],
    );
    if (!rendered.ok) {
      const step = parsed.trace.steps[rendered.step];
      findings.push({
        code: 'M26',
        params: { tool: step.action, message: rendered.message },
        span: step.argsSpan,
      });
      failed = true;
      continue;
    }
    out[i] = { role: turn.role, text: rendered.text };
  }

  if (failed || findings.some((f) => msagentSeverity(f.code) === 'error')) return { ok: false, findings };
  out[0] = { role: turns[0].role, text: renderSystem(tools, opts.role) };
  return { ok: true, turns: out, tools, findings };
}
