import type { CodeDef } from '../diagnostics/types';

/** What ms-swift's preprocessor rejects (spec §5). */
export const SWIFT_CODES: CodeDef[] = [
  {
    code: 'W01',
    severity: 'error',
    title: 'system-not-first',
    en: (p) =>
      `A system turn appears at position ${p.index}; ms-swift accepts "system" only as the first turn.`,
    zh: (p) => `第 ${p.index} 个轮次是 system；ms-swift 只接受 system 作为第一个轮次。`,
    fix: 'Merge this text into the first system turn or change its role.',
    fixZh: '将这段文本合并到第一个 system 轮次，或修改它的角色。',
    example: '[user, system, assistant]',
  },
  {
    code: 'W02',
    severity: 'error',
    title: 'roles-not-alternating',
    en: (p) =>
      `Turn ${p.index} is "${p.role}" but ms-swift expects "${p.expected}" (user and assistant must alternate).`,
    zh: (p) =>
      `第 ${p.index} 个轮次是 "${p.role}"，但 ms-swift 要求此处为 "${p.expected}"（user 与 assistant 必须交替）。`,
    fix: 'Merge consecutive turns of the same role, or delete the extra turn.',
    fixZh: '合并相邻的同角色轮次，或删除多余的轮次。',
    example: '[system, user, user, assistant]',
  },
  {
    code: 'W03',
    severity: 'error',
    title: 'does-not-end-with-assistant',
    en: (p) => `The conversation ends with "${p.role}"; ms-swift needs it to end with an assistant turn.`,
    zh: (p) => `对话以 "${p.role}" 结束；ms-swift 要求以 assistant 轮次结束。`,
    fix: 'Add the assistant reply or remove the trailing turn.',
    fixZh: '补充 assistant 回复，或删除末尾的轮次。',
    example: '[system, user]',
  },
  {
    code: 'W04',
    severity: 'error',
    title: 'empty-conversation',
    en: () => 'The conversation has no user/assistant turns.',
    zh: () => '对话中没有 user/assistant 轮次。',
    fix: 'Add at least one user turn and one assistant reply, or remove the record.',
    fixZh: '至少添加一个 user 轮次和一个 assistant 回复，或删除该记录。',
    example: '{"conversations": []}',
  },
];
