/**
 * Reads an AgentFabric system prompt back into tools (spec §3 and the seed's variant, spec §2) by
 * anchoring on the templates' constant pieces, and reads AgentFabric assistant turns into ReAct steps.
 */

import type { Finding } from '../diagnostics/types';
import { type JsonNode, parseJsonDocument } from '../msagent/json-tree';
import { excerpt } from '../msagent/lines';
import { encodeStringUnicode } from '../python/dumps';
import { pyIsSpaceCode, pyStrip } from '../python/text';
import { isJsonObject } from '../record/shape';
import type { ReactStep, ReactTrace, TextSpan, ToolDef, ToolParam } from '../types';
import {
  FORMAT_SENTENCE,
  hasCjk,
  PROMPT_SECTION_HEAD,
  PROMPT_SECTION_TAIL,
  TOOL_SECTION_HEAD,
  TOOL_SECTION_MIDDLE,
  TOOL_SECTION_TAIL,
  toolSchemaText,
} from './templates';

/** RolePlay puts a knowledge-base section (KNOWLEDGE_TEMPLATE_ZH) before the tools when it has documents. */
const KNOWLEDGE_HEAD = '\n\n# 知识库\n\n';

/**
 * The checks decide the common cases with the native JSON parser and fall back to the positional one for
 * the rest. Tests turn this off to hold every fast path to the full one, finding for finding.
 */
export const nativeFastPaths = { enabled: true };

/** How a tool line is written: the runtime's Chinese or English template, the seed's, or a mixture. */
export type ToolLineTemplate = 'zh' | 'en' | 'seed' | 'mixed';

/** Where the parts of one tool line sit; the checks read the seed artefacts from these. */
export interface AgentFabricToolText {
  /** The whole line, through "Format the arguments as a JSON object.". */
  span: TextSpan;
  nameSpan: TextSpan;
  /** The name before " API" (the runtime repeats the tool name; the seed writes the human name). */
  secondName: string;
  secondNameSpan: TextSpan;
  template: ToolLineTemplate;
  descriptionSpan: TextSpan;
  schemaSpan: TextSpan;
  /**
   * The schema, when it is valid JSON and the line is not {@link runtimeExact} (nothing needs it then).
   */
  schema?: JsonNode;
  /** The line is exactly the runtime's text for the tool its schema describes (spec §3). */
  runtimeExact: boolean;
  /** Property names written `"\name"` (seed S6), one span per key. */
  backslashKeys: TextSpan[];
  /** The parameters were read by the lenient recovery because the schema is not JSON. */
  recovered: boolean;
}

export interface AgentFabricSystemParse {
  tools: ToolDef[];
  /** The names in `必须是[…]之一`, when the line is there. */
  toolNamesLine?: string[];
  toolNamesSpan?: TextSpan;
  /** `[a,b]` (runtime) or `["a", "b"]` (seed S10). */
  toolNamesStyle?: 'runtime' | 'json';
  variant: 'runtime' | 'seed';
  roleText?: string;
  roleSpan?: TextSpan;
  /** Text before the template (a knowledge-base section, kept by repairs). */
  preamble: string;
  toolTexts: AgentFabricToolText[];
  findings: Finding[];
}

/** ms_agent ReAct keywords left in an assistant turn (the seed leaves assistant turns untouched, S11). */
export const REACT_RESIDUE = /(^|\n)(Thought:|Final Answer:|Observation:(?! ?<result>))/;

/** A cheap test for format detection. */
export function looksLikeAgentFabricSystem(text: string): boolean {
  return (
    text.includes(TOOL_SECTION_HEAD) || (text.includes(PROMPT_SECTION_HEAD) && text.includes('请注意：'))
  );
}

export function parseAgentFabricSystem(text: string, turn: number): AgentFabricSystemParse {
  const findings: Finding[] = [];
  const span = (start: number, end: number): TextSpan => ({ turn, start, end });
  const a01 = (detail: string, start: number, end: number) =>
    findings.push({ code: 'A01', params: { detail }, span: span(start, end) });
  const result: AgentFabricSystemParse = {
    tools: [],
    variant: 'runtime',
    preamble: '',
    toolTexts: [],
    findings,
  };

  const head = text.indexOf(TOOL_SECTION_HEAD);
  let promptAt: number;
  let emptyToolSection = false;
  if (head === -1) {
    promptAt = text.indexOf(PROMPT_SECTION_HEAD);
    if (promptAt === -1) {
      a01('neither a "# 工具" nor a "# 指令" section', 0, Math.min(text.length, 20));
      return result;
    }
    checkPreamble(text, promptAt, a01);
    result.preamble = text.slice(0, promptAt);
  } else {
    checkPreamble(text, head, a01);
    result.preamble = text.slice(0, head);
    const descsStart = head + TOOL_SECTION_HEAD.length;
    const mid = text.indexOf(TOOL_SECTION_MIDDLE, descsStart);
    if (mid === -1) {
      a01(
        'the "## 当你需要调用工具时…" part of the tool section is missing or altered',
        descsStart,
        text.length,
      );
      return result;
    }
    const descsEnd = mid === descsStart ? mid : mid - 2;
    if (mid !== descsStart && !text.startsWith('\n\n', descsEnd)) {
      a01('the tool descriptions are not followed by a blank line', descsEnd, mid);
    }
    parseToolDescs(text, descsStart, Math.max(descsStart, descsEnd), turn, result);

    const namesStart = mid + TOOL_SECTION_MIDDLE.length;
    const tail = text.indexOf(TOOL_SECTION_TAIL, namesStart);
    const lineEnd = text.indexOf('\n', namesStart);
    if (tail === -1 || (lineEnd !== -1 && tail > lineEnd)) {
      a01(
        'the "必须是[…]之一" line or the lines after it differ from the template',
        namesStart,
        lineEnd === -1 ? text.length : lineEnd,
      );
      return finish(result, mid === descsStart);
    }
    readToolNames(text, namesStart, tail, turn, result, a01);
    emptyToolSection = mid === descsStart;
    promptAt = tail + TOOL_SECTION_TAIL.length;
    if (!text.startsWith(PROMPT_SECTION_HEAD, promptAt)) {
      a01(
        'the tool section is not followed by "\\n# 指令\\n\\n"',
        promptAt,
        Math.min(text.length, promptAt + 8),
      );
      const p = text.indexOf(PROMPT_SECTION_HEAD, promptAt);
      if (p === -1) return finish(result, emptyToolSection);
      promptAt = p;
    }
  }

  const roleStart = promptAt + PROMPT_SECTION_HEAD.length;
  if (text.endsWith(PROMPT_SECTION_TAIL) && text.length - PROMPT_SECTION_TAIL.length >= roleStart) {
    const roleEnd = text.length - PROMPT_SECTION_TAIL.length;
    result.roleText = text.slice(roleStart, roleEnd);
    result.roleSpan = span(roleStart, roleEnd);
  } else {
    const notice = text.lastIndexOf('\n\n请注意：');
    const at = notice >= roleStart ? notice : text.length;
    a01(
      'the prompt does not end with "\\n\\n请注意：你具有图像和视频的展示能力…不要在回复中说你做不到。\\n"',
      at,
      text.length,
    );
    result.roleText = text.slice(roleStart, at);
    result.roleSpan = span(roleStart, at);
  }
  return finish(result, emptyToolSection);
}

/** The runtime never writes a tool section without tools, the seed does; both never write the other's quirks. */
function finish(result: AgentFabricSystemParse, emptyToolSection = false): AgentFabricSystemParse {
  const seedish =
    emptyToolSection ||
    result.toolNamesStyle === 'json' ||
    result.toolTexts.some((t) => t.template === 'seed' || t.backslashKeys.length > 0);
  result.variant = seedish ? 'seed' : 'runtime';
  return result;
}

function checkPreamble(text: string, at: number, a01: (d: string, s: number, e: number) => void): void {
  if (at === 0 || text.startsWith(KNOWLEDGE_HEAD)) return;
  a01(`unexpected text before the template: "${excerpt(text.slice(0, at), 40)}"`, 0, at);
}

function readToolNames(
  text: string,
  start: number,
  end: number,
  turn: number,
  result: AgentFabricSystemParse,
  a01: (d: string, s: number, e: number) => void,
): void {
  const raw = text.slice(start, end);
  if (!raw.startsWith('[') || !raw.endsWith(']')) {
    a01('the tool list in "必须是…之一" is not in brackets', start, end);
    return;
  }
  result.toolNamesSpan = { turn, start: start + 1, end: end - 1 };
  const inner = raw.slice(1, -1);
  if (inner.startsWith('"')) {
    try {
      const names: unknown = JSON.parse(raw);
      if (Array.isArray(names) && names.every((n) => typeof n === 'string')) {
        result.toolNamesLine = names;
        result.toolNamesStyle = 'json';
        return;
      }
    } catch {
      // not the seed's json.dumps list; read it like the runtime's
    }
  }
  result.toolNamesLine = inner === '' ? [] : inner.split(',');
  result.toolNamesStyle = 'runtime';
}

/** Tool lines end with " Format the arguments as a JSON object." and are separated by a blank line. */
function parseToolDescs(
  text: string,
  start: number,
  end: number,
  turn: number,
  result: AgentFabricSystemParse,
): void {
  let pos = start;
  let number = 0;
  while (pos < end) {
    number++;
    let stop = text.indexOf(FORMAT_SENTENCE, pos);
    while (
      stop !== -1 &&
      stop + FORMAT_SENTENCE.length < end &&
      !text.startsWith('\n\n', stop + FORMAT_SENTENCE.length)
    ) {
      stop = text.indexOf(FORMAT_SENTENCE, stop + 1);
    }
    if (stop === -1 || stop + FORMAT_SENTENCE.length > end) {
      const next = text.indexOf('\n\n', pos);
      const lineEnd = next === -1 || next > end ? end : next;
      result.findings.push({
        code: 'A18',
        params: { number, detail: `no "${FORMAT_SENTENCE.trim()}" at its end` },
        span: { turn, start: pos, end: lineEnd },
      });
      pos = lineEnd + 2;
      continue;
    }
    parseToolLine(text, pos, stop, number, turn, result);
    pos = stop + FORMAT_SENTENCE.length + 2;
  }
}

const SCHEMA_MARKERS = ['输入参数: ', 'Parameters: '] as const;

/** `<name>: <second> API。<description> 输入参数: <schema>` up to (not including) the format sentence. */
function parseToolLine(
  text: string,
  start: number,
  schemaEnd: number,
  number: number,
  turn: number,
  result: AgentFabricSystemParse,
): void {
  const span = (s: number, e: number): TextSpan => ({ turn, start: s, end: e });
  const lineSpan = span(start, schemaEnd + FORMAT_SENTENCE.length);
  const grammar = (detail: string) =>
    result.findings.push({ code: 'A18', params: { number, detail }, span: lineSpan });

  const colon = text.indexOf(': ', start);
  if (colon === -1 || colon >= schemaEnd) return void grammar('no "<name>: " at its start');
  const name = text.slice(start, colon);
  const secondStart = colon + 2;
  const zh = text.indexOf(' API。', secondStart);
  const en = text.indexOf(' API. ', secondStart);
  const apiAt = zh !== -1 && (en === -1 || zh < en) ? zh : en;
  if (apiAt === -1 || apiAt >= schemaEnd) return void grammar('no " API。" or " API. " after the name');
  const separator = apiAt === zh ? '。' : '. ';
  const descStart = apiAt + 4 + separator.length;

  const candidates: { at: number; marker: string }[] = [];
  for (const marker of SCHEMA_MARKERS) {
    for (
      let p = text.indexOf(marker, descStart);
      p !== -1 && p < schemaEnd;
      p = text.indexOf(marker, p + 1)
    ) {
      if (text.charCodeAt(p + marker.length) === 0x7b) candidates.push({ at: p, marker });
    }
  }
  if (candidates.length === 0)
    return void grammar('no "输入参数: {" or "Parameters: {" before the format sentence');
  candidates.sort((x, y) => x.at - y.at);

  const last = candidates[candidates.length - 1];
  const exact =
    nativeFastPaths.enabled &&
    runtimeExactTool(text, start, colon, apiAt, separator, descStart, last, schemaEnd);
  if (exact) {
    const lastStart = last.at + last.marker.length;
    exact.tool.number = number;
    exact.tool.span = lineSpan;
    result.tools.push(exact.tool);
    result.toolTexts.push({
      span: lineSpan,
      nameSpan: span(start, colon),
      secondName: exact.tool.humanName,
      secondNameSpan: span(secondStart, apiAt),
      template: exact.template,
      descriptionSpan: span(descStart, last.at - 1),
      schemaSpan: span(lastStart, schemaEnd),
      backslashKeys: [],
      recovered: false,
      runtimeExact: true,
    });
    return;
  }

  let chosen = candidates[0];
  let schema: JsonNode | undefined;
  for (let c = candidates.length - 1; c >= 0; c--) {
    const r = parseJsonDocument(text, candidates[c].at + candidates[c].marker.length, schemaEnd);
    if (r.ok) {
      chosen = candidates[c];
      schema = r.node;
      break;
    }
  }
  const schemaStart = chosen.at + chosen.marker.length;
  const spaced = chosen.at > descStart && text.charCodeAt(chosen.at - 1) === 0x20;
  const descEnd = spaced ? chosen.at - 1 : chosen.at;
  const description = text.slice(descStart, Math.max(descStart, descEnd));
  const tool: ToolDef = {
    number,
    name,
    humanName: text.slice(secondStart, apiAt),
    description,
    params: [],
    span: lineSpan,
  };
  const detail: AgentFabricToolText = {
    span: lineSpan,
    nameSpan: span(start, colon),
    secondName: tool.humanName,
    secondNameSpan: span(secondStart, apiAt),
    template: lineTemplate(separator, chosen.marker, spaced),
    descriptionSpan: span(descStart, Math.max(descStart, descEnd)),
    schemaSpan: span(schemaStart, schemaEnd),
    backslashKeys: [],
    recovered: false,
    runtimeExact: false,
  };

  if (schema) {
    detail.schema = schema;
    tool.params = paramsFromSchema(text, schema, name, turn, detail, result.findings);
  } else {
    const r = parseJsonDocument(text, schemaStart, schemaEnd);
    if (!r.ok) {
      result.findings.push({
        code: 'A02',
        params: { tool: name, message: r.message },
        span: span(r.offset, r.offset + r.length),
      });
    }
    const recovered = recoverSchema(text, schemaStart, schemaEnd, turn);
    detail.recovered = true;
    detail.backslashKeys = recovered.backslashKeys;
    tool.params = recovered.params;
  }
  result.tools.push(tool);
  result.toolTexts.push(detail);
}

/**
 * The common case decided with the native JSON parser: the line is exactly what the runtime writes for the
 * tool its (last) schema describes, as in converted records and the runtime's own prompts. Such a line has
 * nothing to report, so parsing its schema with positions and dumping it again to compare is skipped.
 * Undefined whenever that cannot be shown (then the full path decides, finding for finding).
 */
function runtimeExactTool(
  text: string,
  start: number,
  colon: number,
  apiAt: number,
  separator: string,
  descStart: number,
  last: { at: number; marker: string },
  schemaEnd: number,
): { tool: ToolDef; template: 'zh' | 'en' } | undefined {
  const spaced = last.at > descStart && text.charCodeAt(last.at - 1) === 0x20;
  const template = lineTemplate(separator, last.marker, spaced);
  if (template !== 'zh' && template !== 'en') return undefined;
  const name = text.slice(start, colon);
  if (apiAt - colon - 2 !== name.length || !text.startsWith(name, colon + 2)) return undefined;
  const description = text.slice(descStart, last.at - 1);
  if ((template === 'zh') !== hasCjk(description)) return undefined;
  const schemaText = text.slice(last.at + last.marker.length, schemaEnd);
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch {
    return undefined;
  }
  const params = canonicalParams(schema);
  if (!params || toolSchemaText(params) !== schemaText) return undefined;
  // The text is the dump of `params`, so each key reads as its name dumped. One that starts with a
  // backslash is the seed's `"\name"` (S6), which the full path reports with its position. Backslashes
  // elsewhere (`\"` in a description) are the runtime's own escapes.
  if (schemaText.includes('\\') && params.some(startsWithEscape)) return undefined;
  return { tool: { number: 0, name, humanName: name, description, params, span: EMPTY_SPAN }, template };
}

const EMPTY_SPAN: TextSpan = { turn: 0, start: 0, end: 0 };

/** Whether the parameter's name, dumped as the runtime dumps it, starts with an escape (`"\n…"`, `"\\…"`). */
function startsWithEscape(p: ToolParam): boolean {
  return encodeStringUnicode(p.name).charCodeAt(1) === 0x5c;
}

/** The parameters of a schema of the runtime's shape, as {@link paramsFromSchema} reads them; else undefined. */
function canonicalParams(schema: unknown): ToolParam[] | undefined {
  if (!isJsonObject(schema) || schema.type !== 'object') return undefined;
  const { properties, required } = schema;
  if (!isJsonObject(properties) || !Array.isArray(required)) return undefined;
  const requiredNames = new Set<string>();
  for (const r of required) {
    if (typeof r !== 'string') return undefined;
    requiredNames.add(r);
  }
  const params: ToolParam[] = [];
  for (const [name, p] of Object.entries(properties)) {
    if (!isJsonObject(p) || typeof p.type !== 'string' || typeof p.description !== 'string') return undefined;
    const param: ToolParam = { name, description: p.description, required: requiredNames.has(name) };
    if (p.type !== 'string') param.type = p.type;
    params.push(param);
  }
  return params;
}

function lineTemplate(separator: string, marker: string, spaced: boolean): ToolLineTemplate {
  if (separator === '。' && marker === '输入参数: ') return spaced ? 'zh' : 'seed';
  if (separator === '. ' && marker === 'Parameters: ' && spaced) return 'en';
  return 'mixed';
}

function entry(node: JsonNode, key: string): JsonNode | undefined {
  if (node.kind !== 'object') return undefined;
  for (const e of node.entries) if (e.key === key) return e.value;
  return undefined;
}

/** Properties become parameters in order; a `"\name"` key is read as the seed meant it: `name`. */
function paramsFromSchema(
  text: string,
  schema: JsonNode,
  tool: string,
  turn: number,
  detail: AgentFabricToolText,
  findings: Finding[],
): ToolParam[] {
  const shape = (what: string, node: JsonNode = schema) =>
    findings.push({
      code: 'A15',
      params: { tool, detail: what },
      span: { turn, start: node.start, end: node.end },
    });
  if (schema.kind !== 'object') {
    shape('the schema is not an object');
    return [];
  }
  const type = entry(schema, 'type');
  if (type?.kind !== 'string' || type.value !== 'object') shape('"type" is not "object"', type ?? schema);
  const required = new Set<string>();
  const req = entry(schema, 'required');
  if (req?.kind !== 'array') shape('"required" is not a list', req ?? schema);
  else {
    for (const item of req.items) {
      if (item.kind === 'string') required.add(item.value);
      else shape('"required" holds something other than a string', item);
    }
  }
  const props = entry(schema, 'properties');
  if (props?.kind !== 'object') {
    shape('"properties" is not an object', props ?? schema);
    return [];
  }
  const params: ToolParam[] = [];
  for (const e of props.entries) {
    let name = e.key;
    if (text.charCodeAt(e.keyStart + 1) === 0x5c) {
      detail.backslashKeys.push({ turn, start: e.keyStart, end: e.keyEnd });
      name = text.slice(e.keyStart + 2, e.keyEnd - 1);
    }
    const t = entry(e.value, 'type');
    const d = entry(e.value, 'description');
    if (e.value.kind !== 'object') shape(`property "${name}" is not an object`, e.value);
    else if (t?.kind !== 'string') shape(`property "${name}" has no string "type"`, e.value);
    else if (d?.kind !== 'string') shape(`property "${name}" has no string "description"`, e.value);
    const param: ToolParam = {
      name,
      description: d?.kind === 'string' ? d.value : '',
      required: required.has(name),
    };
    if (t?.kind === 'string' && t.value !== 'string') param.type = t.value;
    params.push(param);
  }
  return params;
}

const SEED_PROPERTY = /"(\\?)([^"]*)": \{"type": "([^"]*)", "description": "([\s\S]*?)"\}(?=\s*,?\s*["}])/y;

/**
 * Reads parameters out of a schema that is not JSON: the seed's `"\name": {...}` keys and properties
 * written without commas (S6, S7). Only what is certain is taken; the rest is left out.
 */
function recoverSchema(
  text: string,
  start: number,
  end: number,
  turn: number,
): { params: ToolParam[]; backslashKeys: TextSpan[] } {
  const params: ToolParam[] = [];
  const backslashKeys: TextSpan[] = [];
  const open = text.indexOf('"properties": {', start);
  if (open === -1 || open >= end) return { params, backslashKeys };
  let p = open + '"properties": {'.length;
  const found: { name: string; type: string; description: string }[] = [];
  for (;;) {
    while (p < end && (text[p] === ',' || text[p] === ' ')) p++;
    SEED_PROPERTY.lastIndex = p;
    const m = SEED_PROPERTY.exec(text);
    if (!m || m.index + m[0].length > end) break;
    if (m[1] === '\\') backslashKeys.push({ turn, start: p, end: p + m[2].length + 3 });
    found.push({ name: m[2], type: m[3], description: unescapeLenient(m[4]) });
    p = m.index + m[0].length;
  }
  const required = new Set<string>();
  const reqAt = text.indexOf('"required": [', p);
  if (reqAt !== -1 && reqAt < end) {
    const close = text.indexOf(']', reqAt);
    try {
      const list: unknown = JSON.parse(text.slice(reqAt + '"required": '.length, close + 1));
      if (Array.isArray(list)) for (const n of list) if (typeof n === 'string') required.add(n);
    } catch {
      // an unreadable required list leaves every parameter optional; the A02 finding says why
    }
  }
  for (const f of found) {
    const param: ToolParam = { name: f.name, description: f.description, required: required.has(f.name) };
    if (f.type !== 'string') param.type = f.type;
    params.push(param);
  }
  return { params, backslashKeys };
}

function unescapeLenient(s: string): string {
  if (!s.includes('\\')) return s;
  try {
    const v: unknown = JSON.parse(`"${s}"`);
    return typeof v === 'string' ? v : s;
  } catch {
    return s;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Assistant turns

function trimmed(text: string, start: number, end: number): [number, number] {
  let a = start;
  let z = end;
  while (a < z && pyIsSpaceCode(text.charCodeAt(a))) a++;
  while (z > a && pyIsSpaceCode(text.charCodeAt(z - 1))) z--;
  return [a, z];
}

/** What the checks need to know about one step beyond ReactStep. */
export interface AgentFabricStepDetail {
  actionSpan: TextSpan;
  hasInput: boolean;
}

export interface AgentFabricTraceParse {
  trace: ReactTrace;
  findings: Finding[];
  details: AgentFabricStepDetail[];
}

const ACTION = 'Action:';
const ACTION_INPUT = '\nAction Input:';
const OBSERVATION = '\nObservation:';
const ANSWER = '\nAnswer:';
const RESULT_OPEN = '<result>';
const RESULT_CLOSE = '</result>';

function firstOf(text: string, needles: readonly string[], from: number): number {
  let best = text.length;
  for (const n of needles) {
    const i = text.indexOf(n, from);
    if (i !== -1 && i < best) best = i;
  }
  return best;
}

/**
 * `Action: …\nAction Input: …\nObservation: <result>…</result>\nAnswer:` steps (back to back, as RolePlay
 * appends them) and the answer after the last `Answer:`. A turn without `Action:` is plain text.
 */
export function parseAgentFabricTrace(text: string, turn: number): AgentFabricTraceParse {
  const findings: Finding[] = [];
  const trace: ReactTrace = { steps: [], thoughts: [] };
  const details: AgentFabricStepDetail[] = [];
  const span = (start: number, end: number): TextSpan => ({ turn, start, end });
  let a = text.indexOf(ACTION);
  if (a === -1) return { trace, findings, details };

  let pos = 0;
  let answered = false;
  while (a !== -1) {
    const [ba, bz] = trimmed(text, pos, a);
    if (bz > ba) trace.thoughts.push(text.slice(ba, bz));
    const nameStart = a + ACTION.length;
    const nl = text.indexOf('\n', nameStart);
    const lineEnd = nl === -1 ? text.length : nl;
    const [na, nz] = trimmed(text, nameStart, lineEnd);
    const step: ReactStep = {
      action: text.slice(na, nz),
      argsText: '',
      span: span(a, lineEnd),
      argsSpan: span(lineEnd, lineEnd),
    };
    const detail: AgentFabricStepDetail = { actionSpan: span(na, nz), hasInput: false };
    let cursor = lineEnd;
    answered = false;
    if (text.startsWith(ACTION_INPUT, lineEnd)) {
      const argsStart = lineEnd + ACTION_INPUT.length;
      const argsEnd = firstOf(text, [OBSERVATION, `\n${ACTION}`], argsStart);
      const [xa, xz] = trimmed(text, argsStart, argsEnd);
      step.argsText = text.slice(xa, xz);
      step.argsSpan = span(xa, xz);
      detail.hasInput = true;
      cursor = argsEnd;
    } else {
      findings.push({ code: 'A17', params: { tool: step.action }, span: detail.actionSpan });
    }
    if (text.startsWith(OBSERVATION, cursor)) {
      let obs = cursor + OBSERVATION.length;
      if (text.charCodeAt(obs) === 0x20) obs++;
      const closed = text.startsWith(RESULT_OPEN, obs) ? text.indexOf(RESULT_CLOSE, obs) : -1;
      if (closed !== -1) {
        step.observation = text.slice(obs + RESULT_OPEN.length, closed);
        cursor = closed + RESULT_CLOSE.length;
      } else {
        const end = firstOf(text, [ANSWER, `\n${ACTION}`], obs);
        step.observation = text.slice(obs, end);
        findings.push({ code: 'A09', params: { tool: step.action }, span: span(obs, end) });
        cursor = end;
      }
      if (text.startsWith(ANSWER, cursor)) {
        cursor += ANSWER.length;
        answered = true;
      } else {
        findings.push({
          code: 'A10',
          params: { tool: step.action },
          span: span(cursor, Math.min(text.length, cursor + 1)),
        });
      }
    }
    step.span = span(a, cursor);
    trace.steps.push(step);
    details.push(detail);
    pos = cursor;
    a = text.indexOf(ACTION, pos);
  }
  const rest = text.slice(pos);
  if (answered) {
    const answer = pyStrip(rest);
    if (answer !== '') trace.finalAnswer = answer;
  } else if (pyStrip(rest) !== '') trace.thoughts.push(pyStrip(rest));
  return { trace, findings, details };
}
