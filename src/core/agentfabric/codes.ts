import type { CodeDef, Params, Severity } from '../diagnostics/types';

function v(p: Params, key: string): string {
  const x = p[key];
  return x === undefined ? '' : String(x);
}

/** Codes for records in the AgentFabric format (spec §3, checked as in §4). Seed artefacts use S-codes. */
export const AGENTFABRIC_CODES: CodeDef[] = [
  {
    code: 'A01',
    severity: 'error',
    title: 'agentfabric-template-mismatch',
    en: (p) => `The system prompt does not follow the AgentFabric template: ${v(p, 'detail')}.`,
    zh: (p) => `系统提示词不符合 AgentFabric 模板：${v(p, 'detail')}。`,
    fix: 'Re-render the system prompt with the AgentFabric templates (repair).',
    fixZh: '用 AgentFabric 模板重新生成系统提示词（修复）。',
    example: '\n# 工具\n\n## 你拥有如下工具：\n\n… (no "## 当你需要调用工具时" section)',
  },
  {
    code: 'A02',
    severity: 'error',
    title: 'agentfabric-schema-not-json',
    en: (p) => `The parameter schema of tool "${v(p, 'tool')}" is not valid JSON: ${v(p, 'message')}.`,
    zh: (p) => `工具 "${v(p, 'tool')}" 的参数 schema 不是合法的 JSON：${v(p, 'message')}。`,
    fix: 'Correct the JSON at the marked position, or re-render the tool (repair).',
    fixZh: '修正标记处的 JSON，或重新生成该工具描述（修复）。',
    example: '输入参数: {"type": "object", "properties": {"\\keywords": {…}}}',
  },
  {
    code: 'A03',
    severity: 'error',
    title: 'agentfabric-tool-names-mismatch',
    en: (p) =>
      `The tool list in "必须是[…]之一" ([${v(p, 'listed')}]) differs from the tools described ([${v(p, 'described')}]).`,
    zh: (p) =>
      `"必须是[…]之一" 中的工具列表（[${v(p, 'listed')}]）与描述的工具（[${v(p, 'described')}]）不一致。`,
    fix: 'List exactly the described tools, in order, joined by "," without spaces.',
    fixZh: '按顺序列出所描述的工具，用不带空格的 "," 连接。',
    example: 'Action: 工具的名称，必须是[a,c]之一  (tools a and b described)',
  },
  {
    code: 'A04',
    severity: 'error',
    title: 'agentfabric-unknown-action',
    en: (p) => `Action "${v(p, 'tool')}" is not in the system prompt's tool list.`,
    zh: (p) => `Action "${v(p, 'tool')}" 不在系统提示词的工具列表中。`,
    fix: 'Call one of the listed tools, or add the tool to the system prompt.',
    fixZh: '调用列表中的工具，或把该工具加入系统提示词。',
    example: 'Action: amap_wether',
  },
  {
    code: 'A05',
    severity: 'error',
    title: 'agentfabric-action-input-not-json',
    en: (p) => `The Action Input of ${v(p, 'tool')} is not JSON: ${v(p, 'message')}.`,
    zh: (p) => `${v(p, 'tool')} 的 Action Input 不是 JSON：${v(p, 'message')}。`,
    fix: 'Write the arguments as a JSON object (double quotes, true/false/null).',
    fixZh: '把参数写成 JSON 对象（双引号、true/false/null）。',
    example: "Action Input: {'location': '朝阳区'}",
  },
  {
    code: 'A06',
    severity: 'error',
    title: 'agentfabric-action-input-not-object',
    en: (p) => `The Action Input of ${v(p, 'tool')} is a JSON ${v(p, 'kind')}, not an object.`,
    zh: (p) => `${v(p, 'tool')} 的 Action Input 是 JSON ${v(p, 'kind')}，不是对象。`,
    fix: 'Wrap the arguments in an object keyed by parameter name.',
    fixZh: '把参数包装成以参数名为键的对象。',
    example: 'Action Input: ["朝阳区"]',
  },
  {
    code: 'A07',
    severity: 'error',
    title: 'agentfabric-missing-required-parameter',
    en: (p) => `The Action Input of ${v(p, 'tool')} lacks the required parameter "${v(p, 'param')}".`,
    zh: (p) => `${v(p, 'tool')} 的 Action Input 缺少必填参数 "${v(p, 'param')}"。`,
    fix: 'Add the parameter to the arguments.',
    fixZh: '在参数中补上该参数。',
    example: 'Action: amap_weather\nAction Input: {}',
  },
  {
    code: 'A08',
    severity: 'warning',
    title: 'agentfabric-unknown-parameter',
    en: (p) =>
      `The Action Input of ${v(p, 'tool')} names "${v(p, 'param')}", which the tool does not declare.`,
    zh: (p) => `${v(p, 'tool')} 的 Action Input 中有未声明的参数 "${v(p, 'param')}"。`,
    fix: 'Remove the parameter or declare it in the tool schema.',
    fixZh: '删除该参数，或在工具 schema 中声明它。',
    example: 'Action Input: {"location": "朝阳区", "city": "北京"}',
  },
  {
    code: 'A09',
    severity: 'error',
    title: 'agentfabric-observation-without-result',
    en: (p) => `The Observation of ${v(p, 'tool')} is not wrapped in <result>…</result>.`,
    zh: (p) => `${v(p, 'tool')} 的 Observation 没有用 <result>…</result> 包裹。`,
    fix: 'Write "Observation: <result>…</result>".',
    fixZh: '写成 "Observation: <result>…</result>"。',
    example: 'Observation: 晴，25度\nAnswer: …',
  },
  {
    code: 'A10',
    severity: 'error',
    title: 'agentfabric-missing-answer',
    en: (p) => `No "Answer:" follows the Observation of ${v(p, 'tool')}.`,
    zh: (p) => `${v(p, 'tool')} 的 Observation 之后缺少 "Answer:"。`,
    fix: 'Add "\\nAnswer:" right after "</result>".',
    fixZh: '在 "</result>" 之后紧接着补上 "\\nAnswer:"。',
    example: 'Observation: <result>晴</result>\n今天晴。',
  },
  {
    code: 'A11',
    severity: 'error',
    title: 'agentfabric-prefix-tools-mismatch',
    en: (p) =>
      `The user prefix offers the tools [${v(p, 'listed')}]; the system prompt has [${v(p, 'expected')}].`,
    zh: (p) => `用户前缀中的工具为 [${v(p, 'listed')}]，系统提示词中为 [${v(p, 'expected')}]。`,
    fix: 'Make the prefix list the system prompt\'s tools: "(。你可以使用工具：[a,b])".',
    fixZh: '让前缀列出系统提示词中的工具："(。你可以使用工具：[a,b])"。',
    example: '(。你可以使用工具：[amap_weather,image_gen])朝阳区天气怎样？  (system has only amap_weather)',
  },
  {
    code: 'A12',
    severity: 'warning',
    title: 'agentfabric-prefix-missing',
    en: () =>
      'The newest user turn has no "(。你可以使用工具：[…])" prefix, which the runtime always adds when there are tools.',
    zh: () => '最新的用户轮次没有 "(。你可以使用工具：[…])" 前缀；有工具时运行时总会加上它。',
    fix: 'Add the prefix (repair does it).',
    fixZh: '加上该前缀（修复会自动加上）。',
    example: '朝阳区天气怎样？',
  },
  {
    code: 'A13',
    severity: 'warning',
    title: 'agentfabric-react-residue',
    en: (p) =>
      `The assistant turn is still in ms_agent ReAct form (${v(p, 'detail')}); the runtime has no Thought:/Final Answer: and wraps observations in <result>.`,
    zh: (p) =>
      `该助手轮次仍是 ms_agent 的 ReAct 格式（${v(p, 'detail')}）；运行时没有 Thought:/Final Answer:，并用 <result> 包裹 Observation。`,
    fix: 'Convert the turn to the runtime form (repair does it).',
    fixZh: '把该轮次转换为运行时格式（修复会自动完成）。',
    example:
      'Action: a\nAction Input: {}\nObservation: x\nThought: I now know the final answer\nFinal Answer: y',
  },
  {
    code: 'A14',
    severity: 'warning',
    title: 'agentfabric-tool-text-differs',
    en: (p) => `The text of tool "${v(p, 'tool')}" is not what the runtime writes: ${v(p, 'detail')}.`,
    zh: (p) => `工具 "${v(p, 'tool')}" 的文本与运行时生成的不同：${v(p, 'detail')}。`,
    fix: 'Re-render the tool line with the runtime template (repair).',
    fixZh: '用运行时模板重新生成该工具描述（修复）。',
    example:
      'search: search API. Look up. Parameters: {"type":"object",…} Format the arguments as a JSON object.',
  },
  {
    code: 'A15',
    severity: 'error',
    title: 'agentfabric-schema-shape',
    en: (p) =>
      `The schema of tool "${v(p, 'tool')}" is not {"type": "object", "properties": {…}, "required": […]}: ${v(p, 'detail')}.`,
    zh: (p) =>
      `工具 "${v(p, 'tool')}" 的 schema 不是 {"type": "object", "properties": {…}, "required": […]} 形式：${v(p, 'detail')}。`,
    fix: 'Give the schema the runtime shape, each property with a string "type" and "description".',
    fixZh: '按运行时的结构书写 schema，每个属性都有字符串 "type" 和 "description"。',
    example: '输入参数: {"type": "object", "properties": []}',
  },
  {
    code: 'A16',
    severity: 'error',
    title: 'agentfabric-tool-duplicate',
    en: (p) => `Tool "${v(p, 'tool')}" is described more than once.`,
    zh: (p) => `工具 "${v(p, 'tool')}" 被描述了多次。`,
    fix: 'Keep one description per tool.',
    fixZh: '每个工具只保留一个描述。',
    example: 'a: a API. … \n\na: a API. …',
  },
  {
    code: 'A17',
    severity: 'error',
    title: 'agentfabric-action-input-missing',
    en: (p) => `Action ${v(p, 'tool')} has no "Action Input:" on the next line.`,
    zh: (p) => `Action ${v(p, 'tool')} 的下一行没有 "Action Input:"。`,
    fix: 'Write "Action Input: {…}" on the line after the Action.',
    fixZh: '在 Action 的下一行写上 "Action Input: {…}"。',
    example: 'Action: amap_weather\nObservation: <result>…</result>',
  },
  {
    code: 'A18',
    severity: 'error',
    title: 'agentfabric-tool-grammar',
    en: (p) =>
      `Tool text ${v(p, 'number')} does not match "<name>: <name> API。<description> 输入参数: {…} Format the arguments as a JSON object.": ${v(p, 'detail')}.`,
    zh: (p) =>
      `第 ${v(p, 'number')} 个工具描述不符合 "<名称>: <名称> API。<说明> 输入参数: {…} Format the arguments as a JSON object." 格式：${v(p, 'detail')}。`,
    fix: 'Re-render the tool line with the runtime template.',
    fixZh: '用运行时模板重新生成该工具描述。',
    example: 'amap_weather - 获取天气 {"type": "object"}',
  },
  {
    code: 'A19',
    severity: 'error',
    title: 'agentfabric-no-system-turn',
    en: () =>
      'The record does not start with a system turn; an AgentFabric record starts with the system prompt.',
    zh: () => '该记录的第一轮不是 system；AgentFabric 记录应以系统提示词开头。',
    fix: 'Put the system prompt first.',
    fixZh: '把系统提示词放在第一轮。',
    example: '{"conversations": [{"from": "user", "value": "hi"}]}',
  },
];

const SEVERITY = new Map<string, Severity>(AGENTFABRIC_CODES.map((c) => [c.code, c.severity]));

export function agentfabricSeverity(code: string): Severity | undefined {
  return SEVERITY.get(code);
}
