import type { CodeDef, Params, Severity } from '../diagnostics/types';

/** Reads a template parameter; a missing one reads as empty rather than "undefined". */
function v(p: Params, key: string): string {
  const x = p[key];
  return x === undefined ? '' : String(x);
}

/** Codes for ms_agent records (spec §1): the system prompt's tool list and the assistant's ReAct traces. */
export const MSAGENT_CODES: CodeDef[] = [
  {
    code: 'M01',
    severity: 'warning',
    title: 'msagent-header-missing',
    en: () =>
      'The system prompt does not start with "Answer the following questions as best you can. You have access to the following APIs:".',
    zh: () =>
      '系统提示词不是以 "Answer the following questions as best you can. You have access to the following APIs:" 开头。',
    fix: 'Check that the record is an ms_agent record; the tools are still read from the numbered blocks.',
    fixZh: '确认这是 ms_agent 格式的记录；工具仍会从编号块中读取。',
    example: 'You can use these APIs:\n1. search: Call this tool to interact with the search API. …',
  },
  {
    code: 'M02',
    severity: 'error',
    title: 'msagent-tool-grammar',
    en: (p) =>
      `Tool ${v(p, 'number')} does not match "<N>. <name>: Call this tool to interact with the <human> API. <text> Parameters: [...]": ${v(p, 'detail')}.`,
    zh: (p) =>
      `工具 ${v(p, 'number')} 不符合 "<N>. <名称>: Call this tool to interact with the <名称> API. <说明> Parameters: [...]" 格式：${v(p, 'detail')}。`,
    fix: 'Rewrite the tool block in the ms_agent grammar; the record is not converted until then.',
    fixZh: '按 ms_agent 的格式改写该工具块；修正前该记录不会被转换。',
    example: '1. search - looks things up. Parameters: []',
  },
  {
    code: 'M03',
    severity: 'error',
    title: 'msagent-parameters-not-json',
    en: (p) => `The Parameters of tool "${v(p, 'tool')}" are not a JSON array: ${v(p, 'message')}.`,
    zh: (p) => `工具 "${v(p, 'tool')}" 的 Parameters 不是合法的 JSON 数组：${v(p, 'message')}。`,
    fix: 'Correct the JSON at the marked position (double quotes, commas, brackets).',
    fixZh: '修正标记处的 JSON（双引号、逗号、括号）。',
    example: "Parameters: [{'name': 'q', 'description': 'query', 'required': 'True'}]",
  },
  {
    code: 'M04',
    severity: 'error',
    title: 'msagent-parameter-without-name',
    en: (p) => `Parameter ${v(p, 'index')} of tool "${v(p, 'tool')}" has no name: ${v(p, 'detail')}.`,
    zh: (p) => `工具 "${v(p, 'tool')}" 的第 ${v(p, 'index')} 个参数没有名称：${v(p, 'detail')}。`,
    fix: 'Give every parameter a non-empty string "name".',
    fixZh: '为每个参数提供非空字符串 "name"。',
    example: 'Parameters: [{"description": "query", "required": "True"}]',
  },
  {
    code: 'M05',
    severity: 'warning',
    title: 'msagent-parameter-field',
    en: (p) => `Parameter "${v(p, 'param')}" of tool "${v(p, 'tool')}": ${v(p, 'detail')}.`,
    zh: (p) => `工具 "${v(p, 'tool')}" 的参数 "${v(p, 'param')}"：${v(p, 'detail')}。`,
    fix: 'Give the parameter a string "description" (and a string "type" if it declares one).',
    fixZh: '为参数提供字符串 "description"（若声明 "type"，也应为字符串）。',
    example: 'Parameters: [{"name": "q", "required": "True"}]',
  },
  {
    code: 'M06',
    severity: 'error',
    title: 'msagent-parameter-required',
    en: (p) =>
      `Parameter "${v(p, 'param')}" of tool "${v(p, 'tool')}" has "required": ${v(p, 'value')}; expected "True"/"False" (any case) or a boolean.`,
    zh: (p) =>
      `工具 "${v(p, 'tool')}" 的参数 "${v(p, 'param')}" 的 "required" 为 ${v(p, 'value')}；应为 "True"/"False"（不区分大小写）或布尔值。`,
    fix: 'Set "required" to "True" or "False".',
    fixZh: '将 "required" 设为 "True" 或 "False"。',
    example: 'Parameters: [{"name": "q", "description": "query", "required": "yes"}]',
  },
  {
    code: 'M07',
    severity: 'warning',
    title: 'msagent-parameter-duplicate',
    en: (p) =>
      `Tool "${v(p, 'tool')}" declares parameter "${v(p, 'param')}" twice; the schema keeps one property (the last description) and lists it twice in "required" if both are required.`,
    zh: (p) =>
      `工具 "${v(p, 'tool')}" 重复声明了参数 "${v(p, 'param')}"；schema 中只保留一个属性（取最后的说明）。`,
    fix: 'Remove the duplicate parameter.',
    fixZh: '删除重复的参数。',
    example: 'Parameters: [{"name": "q", …}, {"name": "q", …}]',
  },
  {
    code: 'M08',
    severity: 'warning',
    title: 'msagent-parameters-trailing-text',
    en: (p) =>
      `Tool "${v(p, 'tool')}" has text after its Parameters array; the conversion drops it: ${v(p, 'detail')}.`,
    zh: (p) => `工具 "${v(p, 'tool')}" 的 Parameters 数组后还有文本，转换时会被丢弃：${v(p, 'detail')}。`,
    fix: 'Move the text into the tool description or delete it.',
    fixZh: '把这段文本移到工具说明中，或删除它。',
    example: 'Parameters: [] (deprecated)',
  },
  {
    code: 'M09',
    severity: 'warning',
    title: 'msagent-numbering',
    en: (p) => `Tool "${v(p, 'tool')}" is numbered ${v(p, 'found')}; expected ${v(p, 'expected')}.`,
    zh: (p) => `工具 "${v(p, 'tool')}" 的编号是 ${v(p, 'found')}，应为 ${v(p, 'expected')}。`,
    fix: 'Number the tools 1, 2, 3, … in order.',
    fixZh: '按顺序将工具编号为 1、2、3……',
    example: '1. a: …\n\n3. b: …',
  },
  {
    code: 'M10',
    severity: 'error',
    title: 'msagent-tool-duplicate',
    en: (p) =>
      `Tool "${v(p, 'tool')}" is described more than once; which description is meant cannot be decided.`,
    zh: (p) => `工具 "${v(p, 'tool')}" 被描述了多次，无法判断以哪个为准。`,
    fix: 'Keep one description per tool name.',
    fixZh: '每个工具名只保留一个描述。',
    example: '1. search: …\n\n2. search: …',
  },
  {
    code: 'M11',
    severity: 'warning',
    title: 'msagent-tool-list-mismatch',
    en: (p) =>
      `The tool list in the "Action: … tools[…]" line ([${v(p, 'listed')}]) differs from the tools described ([${v(p, 'parsed')}]).`,
    zh: (p) =>
      `"Action: … tools[…]" 行中的工具列表（[${v(p, 'listed')}]）与描述的工具（[${v(p, 'parsed')}]）不一致。`,
    fix: 'Make the list in the format line name exactly the described tools, in order.',
    fixZh: '让格式说明行中的列表与描述的工具完全一致（含顺序）。',
    example: 'Action: the action to take, should be one of the above tools[a, b]  (only tool a described)',
  },
  {
    code: 'M12',
    severity: 'warning',
    title: 'msagent-format-section',
    en: (p) => `The format section of the system prompt is incomplete: ${v(p, 'detail')}.`,
    zh: (p) => `系统提示词的格式说明部分不完整：${v(p, 'detail')}。`,
    fix: 'End the system prompt with the ms_agent "Use the following format: … Begin!" section.',
    fixZh: '在系统提示词末尾补上 ms_agent 的 "Use the following format: … Begin!" 部分。',
    example: '1. a: … Parameters: []\n\n(no "Use the following format:")',
  },
  {
    code: 'M13',
    severity: 'info',
    title: 'msagent-no-tools',
    en: () =>
      'The system prompt describes no tools; the AgentFabric system prompt will have no tool section.',
    zh: () => '系统提示词中没有描述任何工具；转换后的 AgentFabric 系统提示词将没有工具部分。',
    fix: 'Nothing to do unless tools are expected.',
    fixZh: '除非应当有工具，否则无需处理。',
    example: 'Answer the following questions … APIs:\n\nUse the following format: …',
  },
  {
    code: 'M14',
    severity: 'warning',
    title: 'msagent-text-outside-tools',
    en: (p) => `Text in the tool list belongs to no tool block; the conversion drops it: ${v(p, 'detail')}.`,
    zh: (p) => `工具列表中有不属于任何工具块的文本，转换时会被丢弃：${v(p, 'detail')}。`,
    fix: 'Delete the text or make it part of a tool description.',
    fixZh: '删除该文本，或将其并入某个工具的说明。',
    example: 'Answer … APIs:\nSome note\n1. a: …',
  },
  {
    code: 'M15',
    severity: 'warning',
    title: 'msagent-step-without-observation',
    en: (p) =>
      `Step ${v(p, 'step')} (Action: ${v(p, 'tool')}) has no Observation; it is converted to "Action/Action Input" only.`,
    zh: (p) =>
      `第 ${v(p, 'step')} 步（Action: ${v(p, 'tool')}）没有 Observation；转换后只保留 Action/Action Input。`,
    fix: 'Add the tool result as "Observation: …" or remove the step.',
    fixZh: '补上工具结果 "Observation: …"，或删除该步。',
    example: 'Action: search\nAction Input: {"q": "x"}\nThought: I now know the final answer',
  },
  {
    code: 'M16',
    severity: 'error',
    title: 'msagent-action-input-missing',
    en: (p) => `Step ${v(p, 'step')} (Action: ${v(p, 'tool')}) has no "Action Input:".`,
    zh: (p) => `第 ${v(p, 'step')} 步（Action: ${v(p, 'tool')}）缺少 "Action Input:"。`,
    fix: 'Add "Action Input: {…}" right after the Action line.',
    fixZh: '在 Action 行之后补上 "Action Input: {…}"。',
    example: 'Action: search\nObservation: …',
  },
  {
    code: 'M17',
    severity: 'error',
    title: 'msagent-arguments-unparseable',
    en: (p) =>
      `The arguments of ${v(p, 'tool')} are neither JSON nor a Python literal (${v(p, 'message')}); the record is not converted.`,
    zh: (p) =>
      `${v(p, 'tool')} 的参数既不是 JSON 也不是 Python 字面量（${v(p, 'message')}）；该记录不会被转换。`,
    fix: 'Write the arguments as a JSON object or a Python dict literal.',
    fixZh: '把参数写成 JSON 对象或 Python 字典字面量。',
    example: "Action Input: {'q': 'x'",
  },
  {
    code: 'M18',
    severity: 'warning',
    title: 'msagent-arguments-not-dict',
    en: (p) =>
      `The arguments of ${v(p, 'tool')} are a ${v(p, 'kind')}, not a dict; AgentFabric asks for a JSON object.`,
    zh: (p) => `${v(p, 'tool')} 的参数是 ${v(p, 'kind')}，不是字典；AgentFabric 要求 JSON 对象。`,
    fix: 'Wrap the arguments in an object keyed by parameter name.',
    fixZh: '把参数包装成以参数名为键的对象。',
    example: "Action Input: ['x']",
  },
  {
    code: 'M19',
    severity: 'warning',
    title: 'msagent-unknown-action',
    en: (p) => `Action "${v(p, 'tool')}" is not one of the tools in the system prompt.`,
    zh: (p) => `Action "${v(p, 'tool')}" 不在系统提示词的工具列表中。`,
    fix: 'Use a tool the system prompt describes, or add the tool to it.',
    fixZh: '使用系统提示词中描述的工具，或把该工具加入系统提示词。',
    example: 'Action: serach',
  },
  {
    code: 'M20',
    severity: 'warning',
    title: 'msagent-step-after-final-answer',
    en: () =>
      'The text after "Final Answer:" contains what looks like another Action step; it is kept as answer text.',
    zh: () => '"Final Answer:" 之后的文本中似乎还有一个 Action 步骤；它被当作回答文本保留。',
    fix: 'Move the step before the final answer or delete it.',
    fixZh: '把该步骤移到最终回答之前，或删除它。',
    example: 'Final Answer: done\nAction: search\nAction Input: {}',
  },
  {
    code: 'M21',
    severity: 'warning',
    title: 'msagent-unexpected-keyword',
    en: (p) => `"${v(p, 'keyword')}" is out of place: ${v(p, 'detail')}; the line is ignored.`,
    zh: (p) => `"${v(p, 'keyword')}" 位置不对：${v(p, 'detail')}；该行被忽略。`,
    fix: 'Keep the order Action → Action Input → Observation for every step.',
    fixZh: '每一步都应按 Action → Action Input → Observation 的顺序书写。',
    example: 'Observation: 42\nAction: calc',
  },
  {
    code: 'M22',
    severity: 'warning',
    title: 'msagent-text-outside-react',
    en: (p) =>
      `Text outside the ReAct keywords is dropped by the conversion, like a Thought: ${v(p, 'detail')}.`,
    zh: (p) => `ReAct 关键字之外的文本在转换时会像 Thought 一样被丢弃：${v(p, 'detail')}。`,
    fix: 'Move the text into the final answer if it matters.',
    fixZh: '如果这段文本重要，请把它移到最终回答中。',
    example: 'Let me look.\nAction: search\n…',
  },
  {
    code: 'M23',
    severity: 'info',
    title: 'msagent-final-answer-without-tool-call',
    en: () =>
      'The assistant turn has "Final Answer:" but no tool call; it is kept unchanged, keywords included (spec §3: a turn without a tool call stays as it is).',
    zh: () => '该助手轮次有 "Final Answer:" 但没有调用工具；按规范原样保留（包括关键字）。',
    fix: 'If the keywords should go, edit the turn to the plain answer.',
    fixZh: '如需去掉关键字，请把该轮次改为纯回答文本。',
    example: 'Thought: I now know the final answer\nFinal Answer: Hello',
  },
  {
    code: 'M24',
    severity: 'error',
    title: 'msagent-action-name-invalid',
    en: (p) =>
      `Step ${v(p, 'step')}: the Action name ${v(p, 'problem') === 'multiline' ? 'spans several lines' : 'is empty'}.`,
    zh: (p) =>
      `第 ${v(p, 'step')} 步：Action 名称${v(p, 'problem') === 'multiline' ? '跨越了多行' : '为空'}。`,
    fix: 'Write the tool name on the Action line.',
    fixZh: '在 Action 行写上工具名称。',
    example: 'Action:\nAction Input: {}',
  },
  {
    code: 'M25',
    severity: 'warning',
    title: 'msagent-no-final-answer',
    en: () =>
      'The assistant turn calls tools but has no "Final Answer:"; the converted turn ends with "Answer:".',
    zh: () => '该助手轮次调用了工具但没有 "Final Answer:"；转换后的轮次以 "Answer:" 结尾。',
    fix: 'Add "Thought: I now know the final answer\\nFinal Answer: …".',
    fixZh: '补上 "Thought: I now know the final answer\\nFinal Answer: …"。',
    example: 'Action: search\nAction Input: {}\nObservation: []',
  },
  {
    code: 'M26',
    severity: 'error',
    title: 'msagent-arguments-not-serialisable',
    en: (p) => `The arguments of ${v(p, 'tool')} cannot be written as JSON: ${v(p, 'message')}.`,
    zh: (p) => `${v(p, 'tool')} 的参数无法写成 JSON：${v(p, 'message')}。`,
    fix: 'Use only dicts, lists, strings, numbers, booleans and None in the arguments.',
    fixZh: '参数中只使用字典、列表、字符串、数字、布尔值和 None。',
    example: "Action Input: {'ids': {1, 2}}",
  },
  {
    code: 'M27',
    severity: 'error',
    title: 'msagent-no-system-turn',
    en: () => 'The record does not start with a system turn; an ms_agent record needs its tool prompt first.',
    zh: () => '该记录的第一轮不是 system；ms_agent 记录需要以工具系统提示词开头。',
    fix: 'Put the system prompt first.',
    fixZh: '把系统提示词放在第一轮。',
    example: '{"conversations": [{"from": "user", "value": "hi"}]}',
  },
];

const SEVERITY = new Map<string, Severity>(MSAGENT_CODES.map((c) => [c.code, c.severity]));

/** The severity of an M-code (undefined for codes of other areas). */
export function msagentSeverity(code: string): Severity | undefined {
  return SEVERITY.get(code);
}
