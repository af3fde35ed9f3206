import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAgentFabricRecord } from '../../../src/core/agentfabric/checks';
import { convertTurnsToAgentFabric } from '../../../src/core/agentfabric/convert';
import { repairSeedRecord } from '../../../src/core/agentfabric/repair';
import { renderSystem, renderSystemWithRolePrompt } from '../../../src/core/agentfabric/templates';
import type { Turn } from '../../../src/core/types';
import { codes, loadSamples, tool } from '../msagent/helpers';
import { SEED_BENCH_SYSTEM, seedBenchRecord } from './helpers';

const HM_PREFIX =
  '(。你可以使用工具：[hm_recipe_recommend,hm_product_marketing,hm_product_info,hm_product_recommend])';

test('the seed-converted sample is re-rendered the runtime way', () => {
  const r = repairSeedRecord(seedBenchRecord());
  assert.ok(r.ok);
  if (!r.ok) return;
  const recovered = [
    tool('hm_recipe_recommend', '', [
      { name: 'keywords_dict', description: '盒马推荐菜谱关键词字典。', required: true },
    ]),
    tool('hm_product_marketing', '', [
      { name: 'sku_code_list', description: '盒马商品的编码列表', required: true },
    ]),
    tool('hm_product_info', '', [
      { name: 'sku_code_list', description: '盒马商品的编码列表', required: false },
    ]),
    tool('hm_product_recommend', '', [
      { name: 'keywords_dict', description: '盒马推荐商品关键词字典。', required: true },
    ]),
  ];
  assert.equal(r.turns[0].text, renderSystem(recovered));
  assert.ok(
    r.turns[0].text.includes(
      '\n\nhm_product_info: hm_product_info API.  Parameters: {"type": "object", "properties": {"sku_code_list": {"type": "string", "description": "盒马商品的编码列表"}}, "required": []} Format the arguments as a JSON object.\n\n',
    ),
  );
  const converted = convertTurnsToAgentFabric(loadSamples()[0].turns, { userPrefix: 'last' });
  assert.ok(converted.ok);
  if (!converted.ok) return;
  // user and assistant turns come out exactly as a direct conversion writes them
  assert.deepEqual(r.turns.slice(1), converted.turns.slice(1));
  assert.equal(r.turns[3].text.slice(0, HM_PREFIX.length), HM_PREFIX);
  assert.deepEqual(r.notes, [
    'tool "hm_recipe_recommend": the description is empty (the seed writes "useful for? ." as nothing); if the tool had one, only the ms_agent original can restore it (S8)',
    'tool "hm_recipe_recommend": the seed keeps only a tool\'s first parameter (S4) and may empty its required list (S5); 1 parameter(s) recovered, any others are lost',
    'tool "hm_product_marketing": the description is empty (the seed writes "useful for? ." as nothing); if the tool had one, only the ms_agent original can restore it (S8)',
    'tool "hm_product_marketing": the seed keeps only a tool\'s first parameter (S4) and may empty its required list (S5); 1 parameter(s) recovered, any others are lost',
    'tool "hm_product_info": the description is empty (the seed writes "useful for? ." as nothing); if the tool had one, only the ms_agent original can restore it (S8)',
    'tool "hm_product_info": the seed keeps only a tool\'s first parameter (S4) and may empty its required list (S5); 1 parameter(s) recovered, any others are lost',
    'tool "hm_product_recommend": the description is empty (the seed writes "useful for? ." as nothing); if the tool had one, only the ms_agent original can restore it (S8)',
    'tool "hm_product_recommend": the seed keeps only a tool\'s first parameter (S4) and may empty its required list (S5); 1 parameter(s) recovered, any others are lost',
    'turn 2: converted from ms_agent ReAct',
    'turn 4: converted from ms_agent ReAct',
  ]);
  // what the seed lost stays lost: the checks see arguments the recovered tool does not declare
  assert.deepEqual(codes(checkAgentFabricRecord(r.turns)), ['A08', 'A08']);
});

test('a seed description is noted as possibly cut short', () => {
  const text = SEED_BENCH_SYSTEM.replace(
    'hmreciperecommend API。输入参数',
    'hmreciperecommend API。Query (v2输入参数',
  );
  const r = repairSeedRecord([{ role: 'system', text }]);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(
    r.notes[0],
    'tool "hm_recipe_recommend": the seed keeps a description only up to its first "." (S8); "Query (v2" may be cut short',
  );
  assert.ok(r.turns[0].text.includes('hm_recipe_recommend: hm_recipe_recommend API. Query (v2 Parameters: '));
});

test('a runtime record keeps its role text and gets its prefixes corrected', () => {
  const tools = [tool('a', 'Does A', [{ name: 'x', description: 'ex', required: true }])];
  const system = renderSystemWithRolePrompt(tools, '你扮演一个天气预报助手。');
  const turns: Turn[] = [
    { role: 'system', text: system },
    { role: 'user', text: '(你正在扮演天气助手。你可以使用工具：[a,b]。请查看前面的知识库)first' },
    {
      role: 'assistant',
      text: 'Action: a\nAction Input: {"x": 1}\nObservation: <result>ok</result>\nAnswer: done',
    },
    { role: 'user', text: 'second' },
  ];
  const r = repairSeedRecord(turns);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(r.notes, []);
  assert.deepEqual(
    r.turns.map((t) => t.text),
    [
      system,
      '(你正在扮演天气助手。你可以使用工具：[a]。请查看前面的知识库)first',
      turns[2].text,
      '(。你可以使用工具：[a])second',
    ],
  );
  assert.deepEqual(checkAgentFabricRecord(r.turns), []);
});

test('a role config given to the repair replaces the role text and names the prefix', () => {
  const r = repairSeedRecord(seedBenchRecord(), { name: '盒马助手', instruction: '推荐商品' });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.ok(
    r.turns[0].text.includes(
      '\n# 指令\n\n你扮演AI-Agent，你的名字是盒马助手。\n你具有下列具体功能：推荐商品\n下面你将开始扮演盒马助手\n\n',
    ),
  );
  assert.ok(r.turns[3].text.startsWith('(你正在扮演盒马助手。你可以使用工具：[hm_recipe_recommend,'));
  assert.ok(!r.turns[1].text.startsWith('('));
});

test('what cannot be repaired is refused with a reason', () => {
  const refuse = (turns: Turn[], reason: RegExp) => {
    const r = repairSeedRecord(turns);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, reason);
  };
  refuse([{ role: 'user', text: 'hi' }], /system turn/);
  refuse([{ role: 'system', text: 'plain chat' }], /not in the AgentFabric format/);
  refuse(
    [
      {
        role: 'system',
        text: SEED_BENCH_SYSTEM.replace('hm_product_info: hmproductinfo', 'hm_product_info - hmproductinfo'),
      },
    ],
    /tool line 3/,
  );
  refuse(
    [{ role: 'system', text: SEED_BENCH_SYSTEM.replace('## 当你需要调用工具时', '## 调用工具时') }],
    /tool section/,
  );
  const dup = renderSystem([tool('a', 'x'), tool('a', 'y')]);
  refuse([{ role: 'system', text: dup }], /described twice/);
  refuse(
    [
      ...seedBenchRecord().slice(0, 2),
      {
        role: 'assistant',
        text: "Action: hm_product_info\nAction Input: {'a': \nObservation: x\nFinal Answer: y",
      },
    ],
    /turn 2: the arguments of hm_product_info cannot be read/,
  );
});

test('an assistant turn with a final answer but no tool call is kept', () => {
  const turns: Turn[] = [
    ...seedBenchRecord().slice(0, 2),
    { role: 'assistant', text: 'Thought: I now know the final answer\nFinal Answer: 好的' },
  ];
  const r = repairSeedRecord(turns);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.turns[2].text, turns[2].text);
  assert.equal(r.notes.at(-1), 'turn 2: no tool call, kept as it is (keywords included)');
});
