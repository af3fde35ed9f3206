/**
 * The AgentFabric runtime format (spec §3), as ModelScope-Agent's RolePlay and BaseTool build it for a
 * non-function-calling chat model. Every string here must match the runtime byte for byte.
 *
 * Zero tools: RolePlay adds TOOL_TEMPLATE and the tool part of the user prefix only `if self.function_map`,
 * so a record without tools gets only the PROMPT_TEMPLATE part and no tool prefix (a role name alone still
 * gives `(你正在扮演{name})`, as in the runtime).
 */

import { encodeStringUnicode, pyDumps } from '../python/dumps';
import type { PyValue } from '../python/value';
import type { ReactTrace, RoleConfig, ToolDef, ToolParam } from '../types';

export const TOOL_TEMPLATE_ZH =
  '\n# 工具\n\n## 你拥有如下工具：\n\n{tool_descs}\n\n## 当你需要调用工具时，请在你的回复中穿插如下的工具调用命令，可以根据需求调用零次或多次：\n\n工具调用\nAction: 工具的名称，必须是[{tool_names}]之一\nAction Input: 工具的输入\nObservation: <result>工具返回的结果</result>\nAnswer: 根据Observation总结本次工具调用返回的结果，如果结果中出现url，请使用如下格式展示出来：![图片](url)\n\n';

export const PROMPT_TEMPLATE_ZH =
  '\n# 指令\n\n{role_prompt}\n\n请注意：你具有图像和视频的展示能力，也具有运行代码的能力，不要在回复中说你做不到。\n';

/** What RolePlay's `_parse_role_config_zh` builds from an empty config; the seed hard-codes it too. */
export const DEFAULT_ROLE_PROMPT = '你扮演AI-Agent，\n你具有下列具体功能：\n下面你将开始扮演';

/** The constant pieces of the templates, for parsing them back. */
export const TOOL_SECTION_HEAD = '\n# 工具\n\n## 你拥有如下工具：\n\n';
export const TOOL_SECTION_MIDDLE =
  '## 当你需要调用工具时，请在你的回复中穿插如下的工具调用命令，可以根据需求调用零次或多次：\n\n工具调用\nAction: 工具的名称，必须是';
export const TOOL_SECTION_TAIL =
  '之一\nAction Input: 工具的输入\nObservation: <result>工具返回的结果</result>\nAnswer: 根据Observation总结本次工具调用返回的结果，如果结果中出现url，请使用如下格式展示出来：![图片](url)\n\n';
export const PROMPT_SECTION_HEAD = '\n# 指令\n\n';
export const PROMPT_SECTION_TAIL =
  '\n\n请注意：你具有图像和视频的展示能力，也具有运行代码的能力，不要在回复中说你做不到。\n';
export const FORMAT_SENTENCE = ' Format the arguments as a JSON object.';

const CJK = /[\u4e00-\u9fff]/;

/** `has_chinese_chars` of the runtime: decides between the Chinese and the English tool line. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

const str = (v: string): PyValue => ({ t: 'str', v });

/**
 * The parameters object of BaseTool._build_function: `{"type": "object", "properties": {...}, "required": [...]}`.
 * A repeated parameter name keeps its first position and its last definition (a Python dict assignment)
 * and appears in `required` once per required declaration (a list append).
 */
export function toolSchemaValue(params: readonly ToolParam[]): PyValue {
  const props = new Map<string, PyValue>();
  const required: PyValue[] = [];
  for (const p of params) {
    props.set(p.name, {
      t: 'dict',
      entries: [
        [str('type'), str(p.type ?? 'string')],
        [str('description'), str(p.description)],
      ],
    });
    if (p.required) required.push(str(p.name));
  }
  const properties: [PyValue, PyValue][] = [];
  for (const [k, v] of props) properties.push([str(k), v]);
  return {
    t: 'dict',
    entries: [
      [str('type'), str('object')],
      [str('properties'), { t: 'dict', entries: properties }],
      [str('required'), { t: 'list', items: required }],
    ],
  };
}

/**
 * `json.dumps(parameters, ensure_ascii=False)` of a tool's schema: the same text as pyDumps of
 * toolSchemaValue (the tests hold them equal, and equal to CPython), written directly because it is on
 * the hot path of every conversion.
 */
export function toolSchemaText(params: readonly ToolParam[]): string {
  if (hasRepeatedName(params)) return repeatedSchemaText(params);
  let properties = '';
  let required = '';
  for (const p of params) {
    const name = encodeStringUnicode(p.name);
    if (properties !== '') properties += ', ';
    properties += `${name}: {"type": ${p.type === undefined ? '"string"' : encodeStringUnicode(p.type)}, "description": ${encodeStringUnicode(p.description)}}`;
    if (p.required) required += (required === '' ? '' : ', ') + name;
  }
  return `{"type": "object", "properties": {${properties}}, "required": [${required}]}`;
}

function hasRepeatedName(params: readonly ToolParam[]): boolean {
  for (let i = 1; i < params.length; i++)
    for (let j = 0; j < i; j++) if (params[i].name === params[j].name) return true;
  return false;
}

/** {@link toolSchemaText} when a name repeats: first position, last definition, `required` per declaration. */
function repeatedSchemaText(params: readonly ToolParam[]): string {
  const props = new Map<string, ToolParam>();
  let required = '';
  for (const p of params) {
    props.set(p.name, p);
    if (p.required) required += (required === '' ? '' : ', ') + encodeStringUnicode(p.name);
  }
  let properties = '';
  for (const [name, p] of props) {
    if (properties !== '') properties += ', ';
    properties += `${encodeStringUnicode(name)}: {"type": ${encodeStringUnicode(p.type ?? 'string')}, "description": ${encodeStringUnicode(p.description)}}`;
  }
  return `{"type": "object", "properties": {${properties}}, "required": [${required}]}`;
}

/** BaseTool._parser_function: one tool's line in `{tool_descs}`. */
export function renderToolDesc(tool: ToolDef): string {
  return toolDescFromParts(tool.name, tool.description, toolSchemaText(tool.params));
}

/** The tool line from its parts; `parameters` is the already serialised schema. */
export function toolDescFromParts(name: string, description: string, parameters: string): string {
  return hasCjk(description)
    ? `${name}: ${name} API。${description} 输入参数: ${parameters}${FORMAT_SENTENCE}`
    : `${name}: ${name} API. ${description} Parameters: ${parameters}${FORMAT_SENTENCE}`;
}

/**
 * RolePlay._parse_role_config_zh. Like the runtime, instruction items are each followed by `；` and one
 * trailing `；` is then removed, also when a string instruction itself ends with `；`.
 */
export function renderRolePrompt(role?: RoleConfig): string {
  if (!role) return DEFAULT_ROLE_PROMPT;
  let prompt = '你扮演AI-Agent，';
  if (role.name) prompt += `你的名字是${role.name}。`;
  if (role.description) prompt += role.description;
  prompt += '\n你具有下列具体功能：';
  const ins = role.instruction;
  if (ins !== undefined && ins !== '' && !(Array.isArray(ins) && ins.length === 0)) {
    if (Array.isArray(ins)) for (const item of ins) prompt += `${item}；`;
    else prompt += ins;
    if (prompt.endsWith('；')) prompt = prompt.slice(0, -1);
  }
  prompt += '\n下面你将开始扮演';
  if (role.name) prompt += role.name;
  return prompt;
}

/** The whole system prompt: TOOL_TEMPLATE_ZH (only with tools) then PROMPT_TEMPLATE_ZH. */
export function renderSystem(tools: readonly ToolDef[], role?: RoleConfig): string {
  return renderSystemWithRolePrompt(tools, renderRolePrompt(role));
}

/** As renderSystem, with the role prompt given as text (RolePlay with a string instruction). */
export function renderSystemWithRolePrompt(tools: readonly ToolDef[], rolePrompt: string): string {
  let out = '';
  if (tools.length > 0) {
    // Loops, not map/join: an optimised inlined `map` returns another kind of array than the
    // interpreter's, so the `join` after it would deoptimise this function once in every thread.
    let descs = '';
    let names = '';
    for (let i = 0; i < tools.length; i++) {
      descs += (i === 0 ? '' : '\n\n') + renderToolDesc(tools[i]);
      names += (i === 0 ? '' : ',') + tools[i].name;
    }
    out = `${TOOL_SECTION_HEAD}${descs}\n\n${TOOL_SECTION_MIDDLE}[${names}]${TOOL_SECTION_TAIL}`;
  }
  return `${out}${PROMPT_SECTION_HEAD}${rolePrompt}${PROMPT_SECTION_TAIL}`;
}

/**
 * The prefix RolePlay puts before the newest user message: `(。你可以使用工具：[a,b])`, with a role name
 * `(你正在扮演{name}。你可以使用工具：[a,b])`; empty when there is neither a tool nor a role name.
 */
export function renderUserPrefix(toolNames: readonly string[], role?: RoleConfig): string {
  let inner = role?.name ? `你正在扮演${role.name}` : '';
  if (toolNames.length > 0) inner += `。你可以使用工具：[${toolNames.join(',')}]`;
  return inner === '' ? '' : `(${inner})`;
}

export type RenderTraceResult = { ok: true; text: string } | { ok: false; step: number; message: string };

/**
 * An assistant turn in the runtime's form: per step `Action: …\nAction Input: {JSON}\nObservation:
 * <result>…</result>\nAnswer:`, steps back to back, then ` ` and the final answer. A step without an
 * observation is written as the model emits it before the stop word: `Action: …\nAction Input: {JSON}`.
 */
export function renderAssistantTrace(trace: ReactTrace, args: readonly PyValue[]): RenderTraceResult {
  let out = '';
  for (let i = 0; i < trace.steps.length; i++) {
    const step = trace.steps[i];
    const value = args[i];
    if (value === undefined) return { ok: false, step: i, message: 'the arguments were not parsed' };
    const json = pyDumps(value, { ensureAscii: false });
    if (!json.ok) return { ok: false, step: i, message: json.message };
    out += `Action: ${step.action}\nAction Input: ${json.text}`;
    if (step.observation !== undefined) out += `\nObservation: <result>${step.observation}</result>\nAnswer:`;
  }
  if (trace.finalAnswer !== undefined) out += ` ${trace.finalAnswer}`;
  return { ok: true, text: out };
}
