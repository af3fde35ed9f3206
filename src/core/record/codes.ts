import type { CodeDef } from '../diagnostics/types';

/** Problems with a record's structure, whatever its prompt format. */
export const RECORD_CODES: CodeDef[] = [
  {
    code: 'R01',
    severity: 'error',
    title: 'no-conversation',
    en: (p) => `Record has no "conversations", "messages" or "query" (its keys: ${p.keys}).`,
    zh: (p) => `记录中没有 "conversations"、"messages" 或 "query"（现有键：${p.keys}）。`,
    fix: 'Add the conversation in one of the shapes ms-swift reads, or remove the record.',
    fixZh: '按 ms-swift 支持的格式补充对话内容，或删除该记录。',
    example: '{"id": "x", "text": "hello"}',
  },
  {
    code: 'R02',
    severity: 'error',
    title: 'malformed-turn',
    en: (p) => `Entry ${p.index} of "${p.key}" ${p.problem}.`,
    zh: (p) => `"${p.key}" 的第 ${p.index} 项格式错误：${p.problem}。`,
    fix: 'Each turn needs a role ("from"/"role") and a text ("value"/"content") string.',
    fixZh: '每个轮次都需要角色（"from"/"role"）和文本（"value"/"content"）字符串。',
    example: '{"conversations": [{"from": "user"}]}',
  },
  {
    code: 'R03',
    severity: 'error',
    title: 'cannot-convert',
    en: (p) => `Record was not converted to the ${p.profile} format: ${p.reason}`,
    zh: (p) => `记录未能转换为 ${p.profile} 格式：${p.reasonZh ?? p.reason}`,
    fix: 'Fix the problems listed for this record (the other diagnostics on this line), then convert again.',
    fixZh: '修复该记录列出的其他问题后重新转换。',
    example: 'Action Input: {oops',
  },
  {
    code: 'R04',
    severity: 'info',
    title: 'not-ms-agent',
    en: (p) => `Record is ${p.format}, not ms_agent; copied unchanged.`,
    zh: (p) => `记录格式为 ${p.format}，不是 ms_agent；原样保留。`,
    fix: 'Nothing to do: only ms_agent ReAct records are converted.',
    fixZh: '无需处理：只有 ms_agent ReAct 格式的记录会被转换。',
    example: '{"conversations": [{"from": "user", "value": "hi"}, {"from": "assistant", "value": "hello"}]}',
  },
];
