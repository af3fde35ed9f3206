import type { Format, Turn } from '../types';

/** The sentence every ms_agent system prompt carries (spec §1). */
export const MS_AGENT_MARKER = 'You have access to the following APIs:';
/** The heading of the AgentFabric tool section (spec §3); the seed writes the same heading. */
export const AGENTFABRIC_TOOL_MARKER = '# 工具\n\n## 你拥有如下工具：';
/** The heading of the AgentFabric instruction section, present even without tools. */
export const AGENTFABRIC_PROMPT_MARKER = '\n# 指令\n\n';

/**
 * The seed's tell-tales: a quoted tool-name list (S10) or backslashed schema keys (S6). The runtime
 * never writes either, so one is enough to call the record seed-converted.
 */
const SEED_VARIANT = /必须是\["|"properties": \{"\\/;

/** Which prompt format a record is written in, from its system turn (the first turn when it is one). */
export function detectFormat(turns: Turn[]): Format {
  const system = turns[0]?.role === 'system' ? turns[0].text : undefined;
  if (system === undefined) return 'chat';
  if (system.includes(MS_AGENT_MARKER)) return 'ms_agent';
  if (system.includes(AGENTFABRIC_TOOL_MARKER))
    return SEED_VARIANT.test(system) ? 'agentfabric-seed' : 'agentfabric';
  if (system.includes(AGENTFABRIC_PROMPT_MARKER)) return 'agentfabric';
  return 'chat';
}

export const FORMAT_LABELS: Record<Format, string> = {
  ms_agent: 'ms_agent ReAct',
  agentfabric: 'AgentFabric',
  'agentfabric-seed': 'AgentFabric (seed-converted)',
  chat: 'plain chat',
};
