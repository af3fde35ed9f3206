import { checkAgentFabricRecord } from '../agentfabric/checks';
import type { Finding } from '../diagnostics/types';
import { parseMsAgentTrace } from '../msagent/react';
import { parseMsAgentSystem } from '../msagent/tools';
import { type DetailFor, diagnoseSeed } from '../seed/artefacts';
import { checkSwiftRoles } from '../swift/checks';
import type { RecordParts, Turn } from '../types';
import type { ParsedRecord } from './readRecord';

/**
 * Every check that applies to one record, whatever its format: the single entry point the CLI's
 * `check`, the editor's worker pass and export all call. With `parts`, also hands out the tools and
 * actions it parsed (a chat record's assistant turns are read as ReAct, as the statistics count them).
 * With `detailFor`, the seed's findings of a severity it says no to come without their texts (DetailFor).
 */
export function checkRecord(record: ParsedRecord, parts?: RecordParts, detailFor?: DetailFor): Finding[] {
  const findings: Finding[] = [];
  const special = specialCharacters(record.turns);
  if (special) findings.push(special);
  switch (record.format) {
    case 'ms_agent':
      findings.push(...checkMsAgent(record.turns, parts, detailFor));
      break;
    case 'agentfabric':
    case 'agentfabric-seed':
      findings.push(...checkAgentFabricRecord(record.turns, parts));
      break;
    case 'chat':
      if (parts) chatActions(record.turns, parts);
      break;
  }
  findings.push(...checkSwiftRoles(record.turns));
  return findings;
}

function checkMsAgent(turns: Turn[], parts: RecordParts | undefined, detailFor?: DetailFor): Finding[] {
  const { tools, findings } = parseMsAgentSystem(turns[0].text, 0);
  if (parts) parts.tools = tools;
  const names: string[] = [];
  for (const t of tools) names.push(t.name);
  for (let i = 1; i < turns.length; i++) {
    if (turns[i].role !== 'assistant') continue;
    const parsed = parseMsAgentTrace(turns[i].text, i, names);
    findings.push(...parsed.findings);
    if (parts) for (const step of parsed.trace.steps) parts.actions.push(step.action);
  }
  findings.push(...diagnoseSeed(turns, tools, detailFor));
  return findings;
}

function chatActions(turns: Turn[], parts: RecordParts): void {
  for (let i = 1; i < turns.length; i++) {
    if (turns[i].role !== 'assistant') continue;
    for (const step of parseMsAgentTrace(turns[i].text, i).trace.steps) parts.actions.push(step.action);
  }
}

// One class rather than an alternation: the scan over every turn's text is then a single native loop.
const SPECIAL = /[\u00a0\u2028\u2029\u3000\ud800-\udbff]/;
const SPECIAL_KINDS: [RegExp, string, string][] = [
  [/[\u2028\u2029]/, 'U+2028/U+2029 line separators', 'U+2028/U+2029 行分隔符'],
  [/\u3000/, 'U+3000 ideographic spaces', 'U+3000 全角空格'],
  [/\u00a0/, 'U+00A0 no-break spaces', 'U+00A0 不换行空格'],
  [/[\ud800-\udbff]/, 'characters beyond the BMP (e.g. emoji)', 'BMP 之外的字符（如 emoji）'],
];

/** One info finding naming the unusual characters a record holds (spec §1 asks for them to be reported). */
function specialCharacters(turns: Turn[]): Finding | undefined {
  let first: { turn: number; start: number } | undefined;
  const en: string[] = [];
  const zh: string[] = [];
  for (let t = 0; t < turns.length; t++) {
    const m = SPECIAL.exec(turns[t].text);
    if (!m) continue;
    if (!first) first = { turn: t, start: m.index };
    for (const [re, e, z] of SPECIAL_KINDS) {
      if (!en.includes(e) && re.test(turns[t].text)) {
        en.push(e);
        zh.push(z);
      }
    }
  }
  if (!first) return undefined;
  return {
    code: 'J10',
    params: { kinds: en.join(', '), kindsZh: zh.join('、') },
    span: { turn: first.turn, start: first.start, end: first.start + 1 },
  };
}
