import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Turn } from '../../../src/core/types';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SHARED = fileURLToPath(new URL('../../../../shared/', import.meta.url));

export interface ToolText {
  name: string;
  human?: string;
  text: string;
  params?: { name: string; description?: string; required?: string | boolean }[];
}

/** A Parameters array as ms_agent writes it (Python json.dumps separators). */
export function paramsJson(params: ToolText['params'] = []): string {
  const items = params.map(
    (p) =>
      `{"name": ${JSON.stringify(p.name)}, "description": ${JSON.stringify(p.description ?? `the ${p.name}`)}, "required": ${
        typeof p.required === 'boolean' ? String(p.required) : JSON.stringify(p.required ?? 'True')
      }}`,
  );
  return `[${items.join(', ')}]`;
}

/** An ms_agent system prompt (spec §1) with the given tools, numbered from 1. */
export function msAgentSystem(tools: ToolText[]): string {
  const blocks = tools.map(
    (t, i) =>
      `${i + 1}. ${t.name}: Call this tool to interact with the ${t.human ?? t.name} API. ${t.text} Parameters: ${paramsJson(t.params)}`,
  );
  return (
    'Answer the following questions as best you can. You have access to the following APIs:\n' +
    blocks.join('\n\n') +
    '\n\nUse the following format:\n\nThought: you should always think about what to do\n' +
    `Action: the action to take, should be one of the above tools[${tools.map((t) => t.name).join(', ')}]\n` +
    'Action Input: the input to the action\nObservation: the result of the action\n' +
    'Thought: I now know the final answer\nFinal Answer: the final answer to the original input question\nBegin!'
  );
}

export function record(tools: ToolText[], rest: Turn[] = []): Turn[] {
  return [{ role: 'system', text: msAgentSystem(tools) }, ...rest];
}

export function useful(human: string, description: string): string {
  return `What is the ${human} API useful for? ${description}`;
}

/** The two published records of ../shared/examples, as turns. */
export function sampleRecords(): { id: string; turns: Turn[] }[] {
  const text = readFileSync(`${SHARED}examples/ms_agent_sample.jsonl`, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const obj = JSON.parse(l) as { id: string; conversations: { from: string; value: string }[] };
      return { id: obj.id, turns: obj.conversations.map((c) => ({ role: c.from, text: c.value })) };
    });
}
