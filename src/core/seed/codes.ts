import type { CodeDef, Params } from '../diagnostics/types';

/** Reads a template parameter; a missing one reads as empty rather than "undefined". */
function v(p: Params, key: string): string {
  const x = p[key];
  return x === undefined ? '' : String(x);
}

/** The Chinese variant of a parameter when the finding carries one (`detailZh`), else the neutral one. */
function zhOf(p: Params, key: string): string {
  return v(p, `${key}Zh`) || v(p, key);
}

/**
 * What the seed's conversion script (spec §2) gets wrong, shown on ms_agent records (from seed/artefacts.ts)
 * and, for S6/S8/S9/S10, on already-converted records (from the AgentFabric checks, which pass only
 * `{tool, detail}`; every template below renders with just those two).
 */
export const SEED_CODES: CodeDef[] = [
  {
    // params: tool, number, step (func_name|api_name|api_desc|param_name|param_description|param_required),
    // pattern (the Python regex), error (the Python exception text)
    code: 'S1',
    severity: 'warning',
    title: 'seed-raises',
    en: (p) =>
      v(p, 'step') === 'api_desc' || v(p, 'step') === ''
        ? `The seed script raises on tool "${v(p, 'tool')}": its text has no "useful for? ….", so re.search(r"useful for\\?\\s(.*?)\\.") returns None (AttributeError) and the seed's whole run stops.`
        : `The seed script raises on tool "${v(p, 'tool')}": re.search(${v(p, 'pattern')}) finds nothing in its text (AttributeError), and the seed's whole run stops.`,
    zh: (p) =>
      v(p, 'step') === 'api_desc' || v(p, 'step') === ''
        ? `种子脚本在工具 "${v(p, 'tool')}" 上抛出异常：其说明中没有 "useful for? …."，re.search(r"useful for\\?\\s(.*?)\\.") 返回 None（AttributeError），整个转换中止。`
        : `种子脚本在工具 "${v(p, 'tool')}" 上抛出异常：re.search(${v(p, 'pattern')}) 在其文本中找不到匹配（AttributeError），整个转换中止。`,
    fix: 'Convert with the "agentfabric" profile, which reads the tool list structurally. To keep the seed profile, rewrite the tool text as "What is the <human> API useful for? <description>." (with an ASCII period).',
    fixZh:
      '使用 "agentfabric" 配置转换（按结构解析工具列表）。若要保留 seed 配置，请将工具说明改写为 "What is the <human> API useful for? <说明>."（以英文句点结尾）。',
    example:
      '1. fire_recognition: Call this tool to interact with the fire recognition API. This API is used to recognize fire. Parameters: [...]',
  },
  {
    // params: tool, number
    code: 'S2',
    severity: 'warning',
    title: 'seed-drops-tools-from-10',
    en: (p) =>
      `Tool ${v(p, 'number')} "${v(p, 'tool')}" vanishes from the seed's output: its pattern (?<=\\n\\d\\.) only matches one-digit tool numbers.`,
    zh: (p) =>
      `第 ${v(p, 'number')} 个工具 "${v(p, 'tool')}" 在种子脚本的输出中消失：其正则 (?<=\\n\\d\\.) 只匹配一位数的工具编号。`,
    fix: 'Convert with the "agentfabric" profile, which keeps every tool; or split the tool list so no record has more than 9 tools.',
    fixZh: '使用 "agentfabric" 配置转换（保留所有工具）；或拆分工具列表，使每条记录不超过 9 个工具。',
    example: '…\n\n10. web_search: Call this tool to interact with the websearch API. … Parameters: [...]',
  },
  {
    // params: tool, swallowed (comma-separated names; empty when the tool itself vanishes), gotParamsOf
    code: 'S3',
    severity: 'warning',
    title: 'seed-empty-parameters-swallow',
    en: (p) =>
      v(p, 'swallowed')
        ? `Tool "${v(p, 'tool')}" has "Parameters: []", so the seed's (.*?})(?=]) runs on to the next "}]": ${v(p, 'swallowed')} vanish(es) into it${v(p, 'gotParamsOf') ? ` and "${v(p, 'tool')}" gets the parameters of "${v(p, 'gotParamsOf')}"` : ''}.`
        : `Tool "${v(p, 'tool')}" vanishes from the seed's output: it has "Parameters: []" and no "}]" follows it, so (.*?})(?=]) never matches it.`,
    zh: (p) =>
      v(p, 'swallowed')
        ? `工具 "${v(p, 'tool')}" 的参数为 "Parameters: []"，种子脚本的 (.*?})(?=]) 会一直匹配到下一个 "}]"：${v(p, 'swallowed')} 被吞并而消失${v(p, 'gotParamsOf') ? `，"${v(p, 'tool')}" 得到了 "${v(p, 'gotParamsOf')}" 的参数` : ''}。`
        : `工具 "${v(p, 'tool')}" 在种子脚本的输出中消失：它的参数为 "Parameters: []"，其后没有 "}]"，(.*?})(?=]) 无法匹配。`,
    fix: 'Convert with the "agentfabric" profile, which parses each Parameters array as JSON.',
    fixZh: '使用 "agentfabric" 配置转换（将每个 Parameters 数组按 JSON 解析）。',
    example: '1. fire_alert: … Parameters: []\n\n2. call_police: … Parameters: [{"name": "place", …}]',
  },
  {
    // params: tool, kept (the one parameter the seed keeps; empty when none), lost (comma-separated)
    code: 'S4',
    severity: 'warning',
    title: 'seed-loses-parameters',
    en: (p) =>
      v(p, 'kept')
        ? `Tool "${v(p, 'tool')}": only its first parameter "${v(p, 'kept')}" survives the seed (Parameters: \\[({.*}) is greedy and only the first "name" is read); lost: ${v(p, 'lost')}.`
        : `Tool "${v(p, 'tool')}": the seed reads none of its own parameters; lost: ${v(p, 'lost')}.`,
    zh: (p) =>
      v(p, 'kept')
        ? `工具 "${v(p, 'tool')}"：种子脚本只保留了第一个参数 "${v(p, 'kept')}"（Parameters: \\[({.*}) 为贪婪匹配，且只读取第一个 "name"）；丢失：${v(p, 'lost')}。`
        : `工具 "${v(p, 'tool')}"：种子脚本没有读到它自己的任何参数；丢失：${v(p, 'lost')}。`,
    fix: 'Convert with the "agentfabric" profile, which keeps every parameter.',
    fixZh: '使用 "agentfabric" 配置转换（保留所有参数）。',
    example: 'Parameters: [{"name": "sku_code_list", …}, {"name": "sku_name_list", …}]',
  },
  {
    // params: tool, required (comma-separated names the runtime lists as required)
    code: 'S5',
    severity: 'warning',
    title: 'seed-empties-required',
    en: (p) =>
      `Tool "${v(p, 'tool')}": the seed writes "required": [] instead of listing ${v(p, 'required')} — its greedy "required": "(.*)" runs past the first parameter to the last quote of the line.`,
    zh: (p) =>
      `工具 "${v(p, 'tool')}"：种子脚本写出 "required": []，而 ${v(p, 'required')} 是必填参数——贪婪的 "required": "(.*)" 越过第一个参数一直匹配到行末最后一个引号。`,
    fix: 'Convert with the "agentfabric" profile, which keeps the required list.',
    fixZh: '使用 "agentfabric" 配置转换（保留必填参数列表）。',
    example: '[{"name": "a", …, "required": "True"}, {"name": "b", …, "required": "False"}]',
  },
  {
    // params: tool, detail (and optionally detailZh, key): e.g. key `"\keywords_dict"`,
    // detail `\k is not a JSON escape` or `\n turns into a newline + "ame"`
    code: 'S6',
    severity: 'warning',
    title: 'seed-backslash-parameter-names',
    en: (p) =>
      `Tool "${v(p, 'tool')}": the seed writes a backslash before parameter names${v(p, 'key') ? ` (${v(p, 'key')})` : ''}, so its schema is broken: ${v(p, 'detail')}.`,
    zh: (p) =>
      `工具 "${v(p, 'tool')}"：种子脚本在参数名前多写了一个反斜杠${v(p, 'key') ? `（${v(p, 'key')}）` : ''}，参数 schema 因此损坏：${zhOf(p, 'detail')}。`,
    fix: 'Convert with the "agentfabric" profile, or repair converted records (re-render the tool list as the runtime does).',
    fixZh: '使用 "agentfabric" 配置转换，或修复已转换的记录（按运行时格式重新生成工具列表）。',
    example: '"properties": {"\\keywords_dict": {"type": "string", …}}',
  },
  {
    // params: tool, detail (and optionally detailZh)
    code: 'S7',
    severity: 'warning',
    title: 'seed-schema-not-json',
    en: (p) =>
      `Tool "${v(p, 'tool')}": the schema the seed writes is not valid JSON even without the backslashes of S6: ${v(p, 'detail')}.`,
    zh: (p) =>
      `工具 "${v(p, 'tool')}"：即使去掉 S6 的反斜杠，种子脚本写出的 schema 仍不是合法 JSON：${zhOf(p, 'detail')}。`,
    fix: 'Convert with the "agentfabric" profile, which serialises the schema with a JSON writer.',
    fixZh: '使用 "agentfabric" 配置转换（用 JSON 序列化生成 schema）。',
    example: '"properties": {"\\a": {…}"\\b": {…}}',
  },
  {
    // params: tool, kind (truncated|overrun|empty|spacing|borrowed|other), produced, expected,
    // from (borrowed: the tool whose text the description came from) — or tool, detail
    code: 'S8',
    severity: 'warning',
    title: 'seed-description',
    en: (p) => {
      const tool = v(p, 'tool');
      switch (v(p, 'kind')) {
        case 'truncated':
          return `Tool "${tool}": the seed cuts the description at its first "." — "${v(p, 'produced')}" instead of "${v(p, 'expected')}" (and no space before 输入参数).`;
        case 'overrun':
          return `Tool "${tool}": the description has no "." of its own, so the seed runs on to the next "." — "${v(p, 'produced')}" instead of "${v(p, 'expected')}".`;
        case 'empty':
          return `Tool "${tool}": "useful for? ." gives an empty description; the seed writes "API。输入参数" with nothing in between.`;
        case 'spacing':
          return `Tool(s) ${tool}: the seed glues the description to "输入参数" with no space (e.g. "${v(p, 'produced')}" instead of "${v(p, 'expected')}").`;
        case 'borrowed':
          return `Tool "${tool}": the seed finds no "useful for? …." in this tool's own text and takes the description of ${v(p, 'from') ? `"${v(p, 'from')}"` : 'a later tool'}: "${v(p, 'produced')}" instead of "${v(p, 'expected')}".`;
        case 'other':
          return `Tool "${tool}": the seed writes the description "${v(p, 'produced')}" instead of "${v(p, 'expected')}".`;
        default:
          return `Tool "${tool}": description written as the seed does: ${v(p, 'detail')}.`;
      }
    },
    zh: (p) => {
      const tool = v(p, 'tool');
      switch (v(p, 'kind')) {
        case 'truncated':
          return `工具 "${tool}"：种子脚本在第一个 "." 处截断说明——得到 "${v(p, 'produced')}" 而不是 "${v(p, 'expected')}"（且 输入参数 前缺少空格）。`;
        case 'overrun':
          return `工具 "${tool}"：说明本身没有 "."，种子脚本一直读到下一个 "."——得到 "${v(p, 'produced')}" 而不是 "${v(p, 'expected')}"。`;
        case 'empty':
          return `工具 "${tool}"："useful for? ." 得到空说明；种子脚本写出的 "API。输入参数" 之间没有任何内容。`;
        case 'spacing':
          return `工具 ${tool}：种子脚本将说明与 "输入参数" 直接相连，缺少空格（例如 "${v(p, 'produced')}" 而不是 "${v(p, 'expected')}"）。`;
        case 'borrowed':
          return `工具 "${tool}"：种子脚本在该工具自己的文本中找不到 "useful for? …."，于是取了${v(p, 'from') ? ` "${v(p, 'from')}" ` : '后面某个工具'}的说明："${v(p, 'produced')}"，应为 "${v(p, 'expected')}"。`;
        case 'other':
          return `工具 "${tool}"：种子脚本写出的说明为 "${v(p, 'produced')}"，应为 "${v(p, 'expected')}"。`;
        default:
          return `工具 "${tool}"：说明按种子脚本的方式写出：${zhOf(p, 'detail')}。`;
      }
    },
    fix: 'Convert with the "agentfabric" profile, which takes the whole description and writes "<description> 输入参数:".',
    fixZh: '使用 "agentfabric" 配置转换（保留完整说明，并写出 "<说明> 输入参数:"）。',
    example: 'What is the x API useful for? Query (v2.1 endpoint).',
  },
  {
    // params: tool, human (the second name the seed writes) — or tool, detail
    code: 'S9',
    severity: 'info',
    title: 'seed-human-name',
    en: (p) =>
      v(p, 'human')
        ? `Tool "${v(p, 'tool')}": the seed writes "${v(p, 'tool')}: ${v(p, 'human')} API" with the human name; the runtime repeats the tool name ("${v(p, 'tool')}: ${v(p, 'tool')} API").`
        : `Tool "${v(p, 'tool')}": the second name is not the tool name, as the seed writes it (${v(p, 'detail')}); the runtime repeats the tool name.`,
    zh: (p) =>
      v(p, 'human')
        ? `工具 "${v(p, 'tool')}"：种子脚本写出 "${v(p, 'tool')}: ${v(p, 'human')} API"（使用了展示名）；运行时会重复工具名（"${v(p, 'tool')}: ${v(p, 'tool')} API"）。`
        : `工具 "${v(p, 'tool')}"：第二个名称不是工具名（种子脚本的写法：${zhOf(p, 'detail')}）；运行时会重复工具名。`,
    fix: 'Convert with the "agentfabric" profile, or repair converted records.',
    fixZh: '使用 "agentfabric" 配置转换，或修复已转换的记录。',
    example: 'hm_recipe_recommend: hmreciperecommend API。',
  },
  {
    // params: produced, expected (the whole `必须是[…]之一` texts) — or tool, detail
    code: 'S10',
    severity: 'info',
    title: 'seed-quoted-tool-list',
    en: (p) =>
      v(p, 'produced')
        ? `The seed writes the tool list as JSON: "${v(p, 'produced')}"; the runtime writes "${v(p, 'expected')}" (no quotes, no spaces).`
        : `The tool list is written as JSON, as the seed does (${v(p, 'detail')}); the runtime writes 必须是[a,b]之一 (no quotes, no spaces).`,
    zh: (p) =>
      v(p, 'produced')
        ? `种子脚本将工具列表写成 JSON："${v(p, 'produced')}"；运行时写作 "${v(p, 'expected')}"（无引号、无空格）。`
        : `工具列表按种子脚本的方式写成了 JSON（${zhOf(p, 'detail')}）；运行时写作 必须是[a,b]之一（无引号、无空格）。`,
    fix: 'Convert with the "agentfabric" profile, or repair converted records.',
    fixZh: '使用 "agentfabric" 配置转换，或修复已转换的记录。',
    example: 'Action: 工具的名称，必须是["amap_weather", "image_gen"]之一',
  },
  {
    // params: users, assistants (counts of untouched turns), prefix (the user prefix the runtime adds)
    code: 'S11',
    severity: 'info',
    title: 'seed-untouched-turns',
    en: (p) =>
      `The seed leaves the ${v(p, 'users')} user and ${v(p, 'assistants')} assistant turn(s) as they are: the last user turn gets no "${v(p, 'prefix')}" prefix, and assistant turns keep Thought:/Final Answer: and Python-dict arguments.`,
    zh: (p) =>
      `种子脚本不处理 ${v(p, 'users')} 个用户轮次和 ${v(p, 'assistants')} 个助手轮次：最后一个用户轮次没有 "${v(p, 'prefix')}" 前缀，助手轮次保留 Thought:/Final Answer: 和 Python 字典形式的参数。`,
    fix: 'Convert with the "agentfabric" profile, which also rewrites user and assistant turns.',
    fixZh: '使用 "agentfabric" 配置转换（同时改写用户和助手轮次）。',
    example: "Action: amap_weather\nAction Input: {'location': '朝阳区'}",
  },
];
