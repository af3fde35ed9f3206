import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAgentFabricRecord, readUserPrefix } from '../../../src/core/agentfabric/checks';
import { convertTurnsToAgentFabric } from '../../../src/core/agentfabric/convert';
import { renderSystem, renderUserPrefix } from '../../../src/core/agentfabric/templates';
import type { ToolDef, Turn } from '../../../src/core/types';
import { codes, loadSamples, spanText, tool } from '../msagent/helpers';
import { SEED_BENCH_SYSTEM, seedBenchRecord } from './helpers';

const TOOLS: ToolDef[] = [
  tool('amap_weather', '获取对应城市的天气数据', [
    { name: 'location', description: '城市', required: true },
    { name: 'days', description: '天数', required: false },
  ]),
  tool('image_gen', 'Draws a picture', [{ name: 'text', description: 'prompt', required: true }]),
];
const SYSTEM = renderSystem(TOOLS);
const PREFIX = renderUserPrefix(['amap_weather', 'image_gen']);
const STEP =
  'Action: amap_weather\nAction Input: {"location": "朝阳区"}\nObservation: <result>晴</result>\nAnswer: 晴天。';

function record(system: string, ...rest: [string, string][]): Turn[] {
  return [{ role: 'system', text: system }, ...rest.map(([role, text]) => ({ role, text }))];
}

test('converted samples and a clean runtime record have no findings', () => {
  for (const rec of loadSamples()) {
    const r = convertTurnsToAgentFabric(rec.turns, { userPrefix: 'last' });
    assert.ok(r.ok);
    if (r.ok) assert.deepEqual(checkAgentFabricRecord(r.turns), []);
  }
  assert.deepEqual(
    checkAgentFabricRecord(record(SYSTEM, ['user', `${PREFIX}天气？`], ['assistant', STEP])),
    [],
  );
});

test('the seed-converted sample: S6, S8, S9 per tool, S10, the missing prefix and the ReAct residue', () => {
  const turns = seedBenchRecord();
  const findings = checkAgentFabricRecord(turns);
  assert.deepEqual(codes(findings), [
    'A02',
    'A02',
    'A02',
    'A02',
    'S10',
    ...['S6', 'S8', 'S9', 'S6', 'S8', 'S9', 'S6', 'S8', 'S9', 'S6', 'S8', 'S9'],
    'A12',
    'A13',
    'A13',
  ]);
  const s10 = findings[4];
  assert.equal(
    s10.params?.produced,
    '必须是["hm_recipe_recommend", "hm_product_marketing", "hm_product_info", "hm_product_recommend"]之一',
  );
  assert.equal(
    s10.params?.expected,
    '必须是[hm_recipe_recommend,hm_product_marketing,hm_product_info,hm_product_recommend]之一',
  );
  assert.equal(
    spanText(turns, s10),
    '["hm_recipe_recommend", "hm_product_marketing", "hm_product_info", "hm_product_recommend"]',
  );
  const [s6, s8, s9] = findings.slice(5, 8);
  assert.equal(spanText(turns, s6), '"\\keywords_dict"');
  assert.equal(s6.params?.tool, 'hm_recipe_recommend');
  assert.match(String(s6.params?.detail), /not a JSON escape/);
  assert.equal(s8.params?.kind, 'empty');
  assert.equal(spanText(turns, s8), '输入参数');
  assert.equal(spanText(turns, s9), 'hmreciperecommend');
  assert.deepEqual(s9.params, {
    tool: 'hm_recipe_recommend',
    human: 'hmreciperecommend',
    detail: '"hm_recipe_recommend: hmreciperecommend API"',
  });
  assert.equal(findings.at(-3)?.span?.turn, 3);
  assert.equal(spanText(turns, findings.at(-2)!), 'Observation:');
});

test('S6 on a key that reads as an escape, S8 on a description glued to 输入参数', () => {
  const text = SEED_BENCH_SYSTEM.replace('"\\keywords_dict"', '"\\name"')
    .replace('["keywords_dict"]', '["name"]')
    .replace('hmreciperecommend API。输入参数', 'hmreciperecommend API。推荐菜谱输入参数');
  const findings = checkAgentFabricRecord(record(text)).filter(
    (f) => f.params?.tool === 'hm_recipe_recommend',
  );
  assert.deepEqual(codes(findings), ['S6', 'S8', 'S9']);
  assert.match(String(findings[0].params?.detail), /reads as a JSON escape/);
  assert.deepEqual(
    [findings[1].params?.kind, findings[1].params?.produced, findings[1].params?.expected],
    ['spacing', '推荐菜谱输入参数', '推荐菜谱 输入参数'],
  );
  assert.equal(spanText(text, findings[1]), '推荐菜谱输入参数');
});

test('A03: the names line differs from the tools described', () => {
  const text = SYSTEM.replace('必须是[amap_weather,image_gen]之一', '必须是[amap_weather, image_gen]之一');
  const findings = checkAgentFabricRecord(record(text, ['user', `${PREFIX}q`]));
  assert.deepEqual(codes(findings), ['A03']);
  assert.equal(spanText(text, findings[0]), 'amap_weather, image_gen');
  assert.deepEqual(findings[0].data, {
    listed: ['amap_weather', ' image_gen'],
    described: ['amap_weather', 'image_gen'],
  });
});

test('A04–A08: actions and their arguments', () => {
  const cases: [string, string[], string][] = [
    [
      'Action: amap_wether\nAction Input: {"location": "x"}\nObservation: <result>r</result>\nAnswer: a',
      ['A04'],
      'amap_wether',
    ],
    [
      "Action: amap_weather\nAction Input: {'location': 'x'}\nObservation: <result>r</result>\nAnswer: a",
      ['A05'],
      "'",
    ],
    [
      'Action: amap_weather\nAction Input: ["x"]\nObservation: <result>r</result>\nAnswer: a',
      ['A06'],
      '["x"]',
    ],
    [
      'Action: amap_weather\nAction Input: {"days": "1"}\nObservation: <result>r</result>\nAnswer: a',
      ['A07'],
      '{"days": "1"}',
    ],
    [
      'Action: amap_weather\nAction Input: {"location": "x", "city": "y"}\nObservation: <result>r</result>\nAnswer: a',
      ['A08'],
      '"city"',
    ],
  ];
  for (const [assistant, expected, spanned] of cases) {
    const turns = record(SYSTEM, ['user', `${PREFIX}q`], ['assistant', assistant]);
    const findings = checkAgentFabricRecord(turns);
    assert.deepEqual(codes(findings), expected, assistant);
    assert.equal(spanText(turns, findings[0]), spanned, assistant);
  }
  const a05 = checkAgentFabricRecord(
    record(SYSTEM, ['user', `${PREFIX}q`], ['assistant', "Action: image_gen\nAction Input: {'text': 'x'}"]),
  )[0];
  assert.match(String(a05.params?.message), /double quotes/);
});

test('A09, A10, A17 come from the trace', () => {
  const check = (assistant: string) =>
    codes(checkAgentFabricRecord(record(SYSTEM, ['user', `${PREFIX}q`], ['assistant', assistant])));
  assert.deepEqual(
    check('Action: image_gen\nAction Input: {"text": "猫"}\nObservation: <result>url\nAnswer: ok'),
    ['A09'],
  );
  assert.deepEqual(
    check('Action: image_gen\nAction Input: {"text": "猫"}\nObservation: <result>url</result>\n\n好了'),
    ['A10'],
  );
  assert.deepEqual(check('Action: image_gen\nObservation: <result>url</result>\nAnswer: ok'), ['A17']);
});

test('A11 and A12: user prefixes', () => {
  let turns = record(SYSTEM, ['user', '(。你可以使用工具：[amap_weather])q'], ['assistant', STEP]);
  let findings = checkAgentFabricRecord(turns);
  assert.deepEqual(codes(findings), ['A11']);
  assert.equal(spanText(turns, findings[0]), 'amap_weather');
  turns = record(SYSTEM, ['user', '(你正在扮演小助手)q'], ['assistant', STEP]);
  assert.deepEqual(codes(checkAgentFabricRecord(turns)), ['A11']);
  turns = record(
    SYSTEM,
    ['user', `${PREFIX}first`],
    ['assistant', STEP],
    ['user', 'second'],
    ['assistant', STEP],
  );
  findings = checkAgentFabricRecord(turns);
  assert.deepEqual(codes(findings), ['A12']);
  assert.equal(findings[0].span?.turn, 3);
  // older turns without a prefix are what the runtime's history looks like
  turns = record(
    SYSTEM,
    ['user', 'first'],
    ['assistant', STEP],
    ['user', `${PREFIX}second`],
    ['assistant', STEP],
  );
  assert.deepEqual(checkAgentFabricRecord(turns), []);
  assert.deepEqual(
    checkAgentFabricRecord(record(renderSystem([]), ['user', 'hi'], ['assistant', 'hello'])),
    [],
  );
});

test('readUserPrefix reads every part of the runtime prefix', () => {
  assert.deepEqual(readUserPrefix('(你正在扮演小明。你可以使用工具：[a,b]。请查看前面的知识库)hi'), {
    length: 33,
    roleName: '小明',
    tools: ['a', 'b'],
    toolsStart: 18,
    toolsEnd: 21,
  });
  assert.equal(readUserPrefix('(just parentheses) hi'), undefined);
  assert.equal(readUserPrefix('hi'), undefined);
});

test('A13: an assistant turn still in ms_agent form, with A04 for unknown actions', () => {
  const turns = record(
    SYSTEM,
    ['user', `${PREFIX}q`],
    [
      'assistant',
      "Action: amap_wether\nAction Input: {'location': 'x'}\nObservation: 晴\nThought: I now know the final answer\nFinal Answer: 晴",
    ],
  );
  const findings = checkAgentFabricRecord(turns);
  assert.deepEqual(codes(findings), ['A13', 'A04']);
  assert.equal(findings[0].params?.detail, 'Observation: Thought: Final Answer:');
  assert.equal(spanText(turns, findings[1]), 'amap_wether');
});

test('A14: a tool line that is valid but not what the runtime writes', () => {
  const compact = SYSTEM.replace('"required": ["text"]}', '"required":["text"]}');
  let findings = checkAgentFabricRecord(record(compact, ['user', `${PREFIX}q`]));
  assert.deepEqual(codes(findings), ['A14']);
  assert.equal(findings[0].params?.tool, 'image_gen');
  assert.equal(spanText(compact, findings[0]), '[');
  const wrongTemplate = SYSTEM.replace(
    'image_gen: image_gen API. Draws a picture Parameters:',
    'image_gen: image_gen API。Draws a picture 输入参数:',
  );
  findings = checkAgentFabricRecord(record(wrongTemplate, ['user', `${PREFIX}q`]));
  assert.deepEqual(codes(findings), ['A14']);
  // an extra key such as "enum" is kept by the runtime, so it is not flagged
  const withEnum = SYSTEM.replace('"description": "天数"}', '"description": "天数", "enum": ["1", "2"]}');
  assert.deepEqual(checkAgentFabricRecord(record(withEnum, ['user', `${PREFIX}q`])), []);
});

test('A16 and A19', () => {
  const dup = renderSystem([TOOLS[0], TOOLS[0]]);
  const findings = checkAgentFabricRecord(
    record(dup, ['user', renderUserPrefix(['amap_weather', 'amap_weather']) + 'q']),
  );
  assert.deepEqual(codes(findings), ['A16']);
  assert.ok(findings[0].span!.start > dup.indexOf('amap_weather: '));
  assert.deepEqual(codes(checkAgentFabricRecord([{ role: 'user', text: 'hi' }])), ['A19']);
  assert.deepEqual(codes(checkAgentFabricRecord([])), ['A19']);
});
