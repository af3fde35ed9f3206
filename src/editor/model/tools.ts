import { parseAgentFabricSystem } from '../../core/agentfabric/parse';
import { parseMsAgentSystem } from '../../core/msagent/tools';
import type { ParsedRecord } from '../../core/pipeline/readRecord';
import type { ToolDef } from '../../core/types';
import type { ToolView } from '../protocol';

/** The tools a record's system prompt declares, parsed by core's structural parser for its format. */
export function recordTools(record: ParsedRecord): ToolDef[] {
  const system = record.turns[0]?.role === 'system' ? record.turns[0].text : undefined;
  if (system === undefined) return [];
  switch (record.format) {
    case 'ms_agent':
      return parseMsAgentSystem(system, 0).tools;
    case 'agentfabric':
    case 'agentfabric-seed':
      return parseAgentFabricSystem(system, 0).tools;
    case 'chat':
      return [];
  }
}

export function toToolView(tool: ToolDef): ToolView {
  return {
    number: tool.number,
    name: tool.name,
    description: tool.description,
    params: tool.params.map((p) => {
      const view: ToolView['params'][number] = {
        name: p.name,
        description: p.description,
        required: p.required,
      };
      if (p.type !== undefined) view.type = p.type;
      return view;
    }),
  };
}
