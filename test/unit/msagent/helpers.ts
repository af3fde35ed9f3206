import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../../src/core/diagnostics/types';
import type { ToolDef, ToolParam, Turn } from '../../../src/core/types';

export const SHARED = fileURLToPath(new URL('../../../../shared/', import.meta.url));

export const HEADER =
  'Answer the following questions as best you can. You have access to the following APIs:';

export interface ToolSpec {
  name: string;
  human?: string;
  /** The text between "API. " and " Parameters: ". */
  text: string;
  /** The raw Parameters JSON; defaults to `[]`. */
  params?: string;
}

export const FORMAT_SECTION = (names: string[]) =>
  'Use the following format:\n\nThought: you should always think about what to do\n' +
  `Action: the action to take, should be one of the above tools[${names.join(', ')}]\n` +
  'Action Input: the input to the action\nObservation: the result of the action\n' +
  '... (this Thought/Action/Action Input/Observation can be repeated zero or more times)\n' +
  'Thought: I now know the final answer\nFinal Answer: the final answer to the original input question\nBegin!';

export function toolBlock(t: ToolSpec, n: number): string {
  return `${n}. ${t.name}: Call this tool to interact with the ${t.human ?? t.name.replace(/_/g, '')} API. ${t.text} Parameters: ${t.params ?? '[]'}`;
}

/** An ms_agent system prompt (spec §1) with the given tools, numbered from 1. */
export function msAgentSystem(tools: ToolSpec[], names = tools.map((t) => t.name)): string {
  const blocks = tools.map((t, i) => toolBlock(t, i + 1));
  return `${HEADER}\n${blocks.join('\n\n')}\n\n${FORMAT_SECTION(names)}`;
}

export function param(name: string, description: string, required: string | boolean = 'True'): string {
  const req = typeof required === 'boolean' ? String(required) : JSON.stringify(required);
  return `{"name": ${JSON.stringify(name)}, "description": ${JSON.stringify(description)}, "required": ${req}}`;
}

export function tool(name: string, description: string, params: ToolParam[] = []): ToolDef {
  return { number: 1, name, humanName: name, description, params, span: { turn: 0, start: 0, end: 0 } };
}

export function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.code);
}

/** The text a finding's span covers. */
export function spanText(turns: readonly Turn[] | string, f: Finding): string {
  if (!f.span) return '';
  const text = typeof turns === 'string' ? turns : turns[f.span.turn].text;
  return text.slice(f.span.start, f.span.end);
}

export interface SampleRecord {
  id: string;
  turns: Turn[];
}

export function loadSamples(): SampleRecord[] {
  const raw = readFileSync(`${SHARED}examples/ms_agent_sample.jsonl`, 'utf8').replace(/^\uFEFF/, '');
  return raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const o = JSON.parse(l) as { id: string; conversations: { from: string; value: string }[] };
      return { id: o.id, turns: o.conversations.map((c) => ({ role: c.from, text: c.value })) };
    });
}
