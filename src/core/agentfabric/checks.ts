/**
 * Spec §4: checks on a record whose system prompt is in the AgentFabric format (runtime or seed variant).
 * Seed artefacts are reported with the seed's codes (S6, S8, S9, S10), everything else with A-codes.
 */

import type { Finding } from '../diagnostics/types';
import { type JsonNode, parseJsonDocument } from '../msagent/json-tree';
import { parseMsAgentTrace } from '../msagent/react';
import { pyDumps } from '../python/dumps';
import type { PyValue } from '../python/value';
import { isJsonObject } from '../record/shape';
import type { ReactStep, RecordParts, TextSpan, ToolDef, Turn } from '../types';
import {
  type AgentFabricSystemParse,
  type AgentFabricToolText,
  nativeFastPaths,
  parseAgentFabricSystem,
  parseAgentFabricTrace,
  REACT_RESIDUE,
} from './parse';
import { toolDescFromParts } from './templates';

export function checkAgentFabricRecord(turns: readonly Turn[], parts?: RecordParts): Finding[] {
  if (turns.length === 0 || turns[0].role !== 'system') return [{ code: 'A19' }];
  const system = turns[0].text;
  const sys = parseAgentFabricSystem(system, 0);
  if (parts) parts.tools = sys.tools;
  const findings = [...sys.findings];
  const names = sys.tools.map((t) => t.name);
  const byName = new Map<string, ToolDef>();
  for (const t of sys.tools) {
    if (byName.has(t.name)) {
      const i = sys.tools.indexOf(t);
      findings.push({ code: 'A16', params: { tool: t.name }, span: sys.toolTexts[i].nameSpan });
    } else byName.set(t.name, t);
  }
  checkNamesLine(system, sys, names, findings);
  for (let i = 0; i < sys.tools.length; i++) checkToolText(system, sys.tools[i], sys.toolTexts[i], findings);
  checkUserTurns(turns, names, findings);
  for (let i = 1; i < turns.length; i++) {
    if (turns[i].role === 'assistant') checkAssistantTurn(turns[i].text, i, names, byName, findings, parts);
  }
  return findings;
}

function checkNamesLine(
  system: string,
  sys: AgentFabricSystemParse,
  names: string[],
  findings: Finding[],
): void {
  const listed = sys.toolNamesLine;
  if (!listed || !sys.toolNamesSpan) return;
  const span = sys.toolNamesSpan;
  if (listed.length !== names.length || listed.some((n, k) => n !== names[k])) {
    findings.push({
      code: 'A03',
      params: { listed: listed.join(','), described: names.join(',') },
      span,
      data: { listed, described: names },
    });
  }
  if (sys.toolNamesStyle === 'json') {
    const produced = `必须是${system.slice(span.start - 1, span.end + 1)}之一`;
    findings.push({
      code: 'S10',
      params: {
        tool: listed.join(', '),
        detail: produced,
        produced,
        expected: `必须是[${names.join(',')}]之一`,
      },
      span: { turn: span.turn, start: span.start - 1, end: span.end + 1 },
    });
  }
}

const JSON_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u']);

/** S6, S8, S9 on one tool line, or A14 when the line is neither the runtime's text nor a seed artefact. */
function checkToolText(system: string, tool: ToolDef, t: AgentFabricToolText, findings: Finding[]): void {
  // The runtime's own text for its tool: no seed artefact, and dumping the schema again gives the same.
  if (t.runtimeExact) return;
  let seedArtefact = false;
  if (t.backslashKeys.length > 0) {
    seedArtefact = true;
    const k = t.backslashKeys[0];
    const key = system.slice(k.start, k.end);
    const c = key[2] ?? '';
    const readsAsEscape = JSON_ESCAPES.has(c);
    findings.push({
      code: 'S6',
      params: {
        tool: tool.name,
        key,
        detail: readsAsEscape
          ? `"\\${c}" reads as a JSON escape, so the name changes`
          : `\\${c} is not a JSON escape, so the schema is not JSON`,
        detailZh: readsAsEscape
          ? `"\\${c}" 被当作 JSON 转义，参数名因此改变`
          : `\\${c} 不是 JSON 转义，schema 因此不是合法 JSON`,
      },
      span: k,
      data: { keys: t.backslashKeys },
    });
  }
  if (t.template === 'seed') {
    seedArtefact = true;
    const d = tool.description;
    const markerEnd = t.descriptionSpan.end + '输入参数'.length;
    findings.push({
      code: 'S8',
      params:
        d === ''
          ? { tool: tool.name, kind: 'empty', detail: 'empty description', detailZh: '说明为空' }
          : {
              tool: tool.name,
              kind: 'spacing',
              produced: `${d}输入参数`,
              expected: `${d} 输入参数`,
              detail: 'no space before 输入参数',
              detailZh: '输入参数 前缺少空格',
            },
      span: { turn: t.span.turn, start: t.descriptionSpan.start, end: markerEnd },
    });
  }
  if (t.secondName !== tool.name) {
    seedArtefact = true;
    findings.push({
      code: 'S9',
      params: {
        tool: tool.name,
        human: t.secondName,
        detail: `"${tool.name}: ${t.secondName} API"`,
      },
      span: t.secondNameSpan,
    });
  }
  if (seedArtefact || !t.schema) return;

  const schema = jsonNodeToPy(t.schema);
  const dumped = pyDumps(schema, { ensureAscii: false });
  if (!dumped.ok) return;
  const expected = toolDescFromParts(tool.name, tool.description, dumped.text);
  const actual = system.slice(t.span.start, t.span.end);
  if (expected === actual) return;
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  findings.push({
    code: 'A14',
    params: {
      tool: tool.name,
      detail: `at character ${i + 1} the runtime writes "${expected.slice(i, i + 12)}", the record "${actual.slice(i, i + 12)}"`,
    },
    span: { turn: t.span.turn, start: t.span.start + i, end: Math.min(t.span.end, t.span.start + i + 1) },
    data: { expected, actual },
  });
}

/** A parsed JSON schema as json.loads gives it, so that json.dumps can be compared with the text. */
function jsonNodeToPy(node: JsonNode): PyValue {
  switch (node.kind) {
    case 'object': {
      // json.loads keeps a repeated key once, in its first place, with its last value
      const index = new Map<string, number>();
      const entries: [PyValue, PyValue][] = [];
      for (const e of node.entries) {
        const v = jsonNodeToPy(e.value);
        const at = index.get(e.key);
        if (at === undefined) {
          index.set(e.key, entries.length);
          entries.push([{ t: 'str', v: e.key }, v]);
        } else entries[at][1] = v;
      }
      return { t: 'dict', entries };
    }
    case 'array':
      return { t: 'list', items: node.items.map(jsonNodeToPy) };
    case 'string':
      return { t: 'str', v: node.value };
    case 'number':
      return /^-?\d+$/.test(node.raw) ? { t: 'int', v: BigInt(node.raw) } : { t: 'float', v: node.value };
    case 'boolean':
      return { t: 'bool', v: node.value };
    case 'null':
      return { t: 'none' };
  }
}

/** `(你正在扮演X。你可以使用工具：[a,b]。请查看前面的知识库)`, every part optional. */
const USER_PREFIX =
  /^\((?:你正在扮演([^)]*?))?(?:。你可以使用工具：\[([^\]]*)\])?(?:。请查看前面的知识库)?\)/;

export interface UserPrefix {
  /** Length of the whole prefix. */
  length: number;
  roleName?: string;
  /** The tools offered, when the prefix has a tool part. */
  tools?: string[];
  /** Offset of the tool list inside the text. */
  toolsStart: number;
  toolsEnd: number;
}

/** The runtime's user prefix at the start of a user turn, if there is one. */
export function readUserPrefix(text: string): UserPrefix | undefined {
  if (!text.startsWith('(')) return undefined;
  const m = USER_PREFIX.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  const prefix: UserPrefix = { length: m[0].length, toolsStart: 0, toolsEnd: 0 };
  if (m[1] !== undefined) prefix.roleName = m[1];
  if (m[2] !== undefined) {
    prefix.tools = m[2] === '' ? [] : m[2].split(',');
    prefix.toolsStart = m[0].indexOf('：[') + 2;
    prefix.toolsEnd = prefix.toolsStart + m[2].length;
  }
  return prefix;
}

function checkUserTurns(turns: readonly Turn[], names: string[], findings: Finding[]): void {
  let newest = -1;
  for (let i = turns.length - 1; i > 0 && newest === -1; i--) if (turns[i].role === 'user') newest = i;
  for (let i = 1; i < turns.length; i++) {
    if (turns[i].role !== 'user') continue;
    const prefix = readUserPrefix(turns[i].text);
    if (!prefix) {
      if (i === newest && names.length > 0)
        findings.push({ code: 'A12', span: { turn: i, start: 0, end: 0 } });
      continue;
    }
    const listed = prefix.tools ?? [];
    if (listed.length !== names.length || listed.some((n, k) => n !== names[k])) {
      const span: TextSpan = prefix.tools
        ? { turn: i, start: prefix.toolsStart, end: prefix.toolsEnd }
        : { turn: i, start: 0, end: prefix.length };
      findings.push({
        code: 'A11',
        params: { listed: listed.join(','), expected: names.join(',') },
        span,
        data: { listed, expected: names },
      });
    }
  }
}

function checkAssistantTurn(
  text: string,
  turn: number,
  names: string[],
  byName: Map<string, ToolDef>,
  findings: Finding[],
  parts: RecordParts | undefined,
): void {
  const residue = REACT_RESIDUE.exec(text);
  if (residue) {
    const kinds = new Set<string>();
    for (const m of text.matchAll(/(?:^|\n)(Thought:|Final Answer:|Observation:(?! ?<result>))/g))
      kinds.add(m[1]);
    const at = residue.index + residue[1].length;
    findings.push({
      code: 'A13',
      params: { detail: [...kinds].join(' ') },
      span: { turn, start: at, end: at + residue[2].length },
    });
    for (const f of parseMsAgentTrace(text, turn, names).findings) {
      if (f.code === 'M19') findings.push({ ...f, code: 'A04' });
    }
    if (parts)
      for (const step of parseAgentFabricTrace(text, turn).trace.steps) parts.actions.push(step.action);
    return;
  }
  const parsed = parseAgentFabricTrace(text, turn);
  if (parts) for (const step of parsed.trace.steps) parts.actions.push(step.action);
  for (const f of parsed.findings) findings.push(f);
  for (let s = 0; s < parsed.trace.steps.length; s++) {
    const step = parsed.trace.steps[s];
    const detail = parsed.details[s];
    const tool = byName.get(step.action);
    if (!tool) findings.push({ code: 'A04', params: { tool: step.action }, span: detail.actionSpan });
    if (!detail.hasInput) continue;
    const declared = tool ? declaredNames(tool) : undefined;
    const keys = nativeFastPaths.enabled ? jsonObjectKeys(step.argsText) : undefined;
    if (keys && (!declared || keys.every((k) => declared.has(k)))) {
      // A JSON object naming only declared parameters: nothing needs a position, only A07 can apply.
      if (tool) missingRequired(tool, new Set(keys), step, findings);
      continue;
    }
    const r = parseJsonDocument(text, step.argsSpan.start, step.argsSpan.end);
    if (!r.ok) {
      findings.push({
        code: 'A05',
        params: { tool: step.action, message: r.message },
        span: { turn, start: r.offset, end: r.offset + r.length },
      });
      continue;
    }
    if (r.node.kind !== 'object') {
      findings.push({ code: 'A06', params: { tool: step.action, kind: r.node.kind }, span: step.argsSpan });
      continue;
    }
    if (!tool || !declared) continue;
    missingRequired(tool, new Set(r.node.entries.map((e) => e.key)), step, findings);
    for (const e of r.node.entries) {
      if (!declared.has(e.key)) {
        findings.push({
          code: 'A08',
          params: { tool: step.action, param: e.key },
          span: { turn, start: e.keyStart, end: e.keyEnd },
        });
      }
    }
  }
}

function declaredNames(tool: ToolDef): Set<string> {
  const names = new Set<string>();
  for (const p of tool.params) names.add(p.name);
  return names;
}

/** A07 for each required parameter of the tool that the arguments do not give, in declaration order. */
function missingRequired(tool: ToolDef, given: Set<string>, step: ReactStep, findings: Finding[]): void {
  for (const p of tool.params) {
    if (p.required && !given.has(p.name)) {
      findings.push({ code: 'A07', params: { tool: step.action, param: p.name }, span: step.argsSpan });
    }
  }
}

/**
 * The keys of `text` when it is one JSON object, read by the native parser; undefined otherwise (then
 * the positional parser says why). Only short texts: those cannot nest deeper than the positional
 * parser allows, so both accept exactly the same texts.
 */
function jsonObjectKeys(text: string): string[] | undefined {
  if (text.length >= 1000 || text.charCodeAt(0) !== 0x7b) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? Object.keys(value) : undefined;
  } catch {
    return undefined;
  }
}
