// Writes docs/diagnostics.md from the code registry, so the docs cannot drift from the engine.
// `--check` exits 1 when the file on disk is out of date (run by the unit tests).
import { readFileSync, writeFileSync } from 'node:fs';
import { ALL_CODES } from '../src/core/diagnostics/registry';

const SAMPLE: Record<string, string | number> = {
  reason: 'close brace expected',
  column: 42,
  byte: 'ff',
  byteOffset: 17,
  count: 3,
  kind: 'an array',
  id: 'MS_Agent_Bench_1',
  firstLine: 2,
  kinds: 'U+2028/U+2029 line separators',
  keys: 'id, text',
  index: 2,
  key: 'conversations',
  problem: 'has no "value" string',
  profile: 'agentfabric',
  format: 'plain chat',
  role: 'user',
  expected: 'assistant',
  tool: 'hm_recipe_recommend',
  tools: 'tool_10, tool_11',
  param: 'keywords_dict',
  params: 'sku_name_list, property_list',
  detail: '…',
  name: 'hm_product_info',
  action: 'amap_weather',
  produced: '…',
  message: 'unexpected end',
  number: 10,
  names: 'a, b',
};

/** Fills every ${param} a template uses with a readable sample, whatever its name. */
const params = new Proxy(SAMPLE, { get: (t, k: string) => (k in t ? t[k] : `<${k}>`) });

function render(): string {
  const out: string[] = [
    '# Diagnostic codes',
    '',
    'Every problem the engine reports has a stable code. The CLI (`afcurate check`, `convert --report`), the',
    "curator's record view and VS Code's Problems panel all show the same codes and messages, in English and",
    'Simplified Chinese. This page is generated from `src/core/**/codes.ts` by',
    '`npx tsx scripts/gen-diagnostics-doc.ts`; a unit test fails when it is out of date.',
    '',
    '| code | severity | name |',
    '|---|---|---|',
    ...ALL_CODES.map((d) => `| [${d.code}](#${d.code.toLowerCase()}) | ${d.severity} | ${d.title} |`),
    '',
  ];
  for (const d of ALL_CODES) {
    out.push(
      `## ${d.code}`,
      '',
      `**${d.title}** — ${d.severity}`,
      '',
      `- Message: ${d.en(params)}`,
      `- 消息：${d.zh(params)}`,
      `- Example: \`${d.example.replace(/`/g, "'") || '(an empty line)'}\``,
      `- Fix: ${d.fix}`,
      `- 修复：${d.fixZh}`,
      '',
    );
  }
  return out.join('\n');
}

const path = new URL('../docs/diagnostics.md', import.meta.url);
const text = render();
if (process.argv.includes('--check')) {
  const current = (() => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  })();
  if (current !== text) {
    process.stderr.write('docs/diagnostics.md is out of date: run npx tsx scripts/gen-diagnostics-doc.ts\n');
    process.exit(1);
  }
} else {
  writeFileSync(path, text);
}
