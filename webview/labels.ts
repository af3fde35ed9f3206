import { el } from './dom';

const FORMAT_BADGES: Record<string, { text: string; title: string }> = {
  ms_agent: { text: 'ms_agent', title: 'ms_agent ReAct record' },
  agentfabric: { text: 'AgentFabric', title: 'AgentFabric runtime format' },
  'agentfabric-seed': { text: 'seed', title: 'AgentFabric, converted by the seed script' },
  chat: { text: 'chat', title: 'Plain chat record (no tools)' },
};

export function formatBadge(format: string): HTMLElement {
  const b = FORMAT_BADGES[format] ?? { text: format, title: format };
  return el(
    'span',
    { class: `badge badge-format format-${format}`, title: b.title, attrs: { 'data-format': format } },
    b.text,
  );
}
