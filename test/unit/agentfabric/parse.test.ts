import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAgentFabricSystem, parseAgentFabricTrace } from '../../../src/core/agentfabric/parse';
import {
  DEFAULT_ROLE_PROMPT,
  renderRolePrompt,
  renderSystem,
  renderSystemWithRolePrompt,
} from '../../../src/core/agentfabric/templates';
import type { ToolDef } from '../../../src/core/types';
import { codes, spanText, tool } from '../msagent/helpers';
import { SEED_BENCH_SYSTEM } from './helpers';

const TOOLS: ToolDef[] = [
  tool('amap_weather', '获取对应城市的天气数据', [
    { name: 'location', description: '城市/区具体名称', required: true },
  ]),
  tool('calc', 'Evaluates "x.y" with Parameters: {"a": 1} inside.', [
    { name: 'expr', description: 'the "expression"\nsecond line', required: true },
    { name: '2', description: 'numeric name', required: false, type: 'integer' },
  ]),
  tool('noop', '', []),
];

const strip = (t: ToolDef) => ({ name: t.name, description: t.description, params: t.params });

test('a runtime prompt reads back into the same tools, names line and role text', () => {
  const role = { name: '助手', instruction: ['查天气', '算数'] };
  const text = renderSystem(TOOLS, role);
  const r = parseAgentFabricSystem(text, 0);
  assert.deepEqual(r.findings, []);
  assert.equal(r.variant, 'runtime');
  assert.deepEqual(r.tools.map(strip), TOOLS.map(strip));
  assert.deepEqual(
    r.tools.map((t) => [t.number, t.humanName]),
    [
      [1, 'amap_weather'],
      [2, 'calc'],
      [3, 'noop'],
    ],
  );
  assert.deepEqual(r.toolNamesLine, ['amap_weather', 'calc', 'noop']);
  assert.equal(r.toolNamesStyle, 'runtime');
  assert.equal(r.roleText, renderRolePrompt(role));
  assert.equal(spanText(text, { code: '', span: r.roleSpan }), r.roleText);
  assert.deepEqual(
    r.toolTexts.map((t) => t.template),
    ['zh', 'en', 'en'],
  );
  assert.ok(spanText(text, { code: '', span: r.tools[1].span }).startsWith('calc: calc API. Evaluates'));
  assert.ok(
    spanText(text, { code: '', span: r.tools[1].span }).endsWith('Format the arguments as a JSON object.'),
  );
  assert.equal(r.preamble, '');
});

test('a prompt without tools', () => {
  const r = parseAgentFabricSystem(renderSystem([]), 0);
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.tools, []);
  assert.equal(r.toolNamesLine, undefined);
  assert.equal(r.roleText, DEFAULT_ROLE_PROMPT);
  assert.equal(r.variant, 'runtime');
});

test('a knowledge-base section before the tools is kept as preamble', () => {
  const preamble = '\n\n# 知识库\n\n一些资料\n\n';
  const r = parseAgentFabricSystem(preamble + renderSystemWithRolePrompt(TOOLS, '扮演'), 0);
  assert.deepEqual(r.findings, []);
  assert.equal(r.preamble, preamble);
  assert.equal(r.tools.length, 3);
  assert.equal(r.roleText, '扮演');
});

test('the seed variant: human names, no space before 输入参数, "\\name" keys, a JSON names list', () => {
  const r = parseAgentFabricSystem(SEED_BENCH_SYSTEM, 0);
  assert.equal(r.variant, 'seed');
  assert.equal(r.toolNamesStyle, 'json');
  assert.deepEqual(r.toolNamesLine, [
    'hm_recipe_recommend',
    'hm_product_marketing',
    'hm_product_info',
    'hm_product_recommend',
  ]);
  assert.deepEqual(
    r.tools.map((t) => [t.name, t.humanName, t.description, t.params]),
    [
      [
        'hm_recipe_recommend',
        'hmreciperecommend',
        '',
        [{ name: 'keywords_dict', description: '盒马推荐菜谱关键词字典。', required: true }],
      ],
      [
        'hm_product_marketing',
        'hmproductmarketing',
        '',
        [{ name: 'sku_code_list', description: '盒马商品的编码列表', required: true }],
      ],
      [
        'hm_product_info',
        'hmproductinfo',
        '',
        [{ name: 'sku_code_list', description: '盒马商品的编码列表', required: false }],
      ],
      [
        'hm_product_recommend',
        'hmproductrecommend',
        '',
        [{ name: 'keywords_dict', description: '盒马推荐商品关键词字典。', required: true }],
      ],
    ],
  );
  assert.deepEqual(codes(r.findings), ['A02', 'A02', 'A02', 'A02']);
  assert.equal(spanText(SEED_BENCH_SYSTEM, r.findings[0]), '\\k');
  assert.match(String(r.findings[0].params?.message), /invalid escape \\k/);
  assert.ok(r.toolTexts.every((t) => t.template === 'seed' && t.recovered && t.backslashKeys.length === 1));
  assert.equal(
    spanText(SEED_BENCH_SYSTEM, { code: '', span: r.toolTexts[0].backslashKeys[0] }),
    '"\\keywords_dict"',
  );
  assert.equal(r.roleText, DEFAULT_ROLE_PROMPT);
});

test('a "\\name" key that happens to be valid JSON is still read as the seed meant it', () => {
  const text = SEED_BENCH_SYSTEM.replace('"\\keywords_dict"', '"\\name"').replace(
    '["keywords_dict"]',
    '["name"]',
  );
  const r = parseAgentFabricSystem(text, 0);
  assert.equal(r.toolTexts[0].recovered, false);
  assert.deepEqual(r.tools[0].params, [
    { name: 'name', description: '盒马推荐菜谱关键词字典。', required: true },
  ]);
  assert.equal(r.toolTexts[0].backslashKeys.length, 1);
});

test('the seed writing a tool section without tools', () => {
  const text = SEED_BENCH_SYSTEM.replace(
    /## 你拥有如下工具：\n\n[\s\S]*?## 当你/,
    '## 你拥有如下工具：\n\n## 当你',
  ).replace(/必须是\[[^\]]*\]之一/, '必须是[]之一');
  const r = parseAgentFabricSystem(text, 0);
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.tools, []);
  assert.deepEqual(r.toolNamesLine, []);
  assert.equal(r.variant, 'seed');
});

test('the lenient recovery reads properties written without commas', () => {
  const text = SEED_BENCH_SYSTEM.replace(
    '{"\\keywords_dict": {"type": "string", "description": "盒马推荐菜谱关键词字典。"}}',
    '{"\\a": {"type": "string", "description": "first \\u4e2d"}"\\b": {"type": "string", "description": "second"}}',
  ).replace('["keywords_dict"]', '["b"]');
  const r = parseAgentFabricSystem(text, 0);
  assert.deepEqual(r.tools[0].params, [
    { name: 'a', description: 'first 中', required: false },
    { name: 'b', description: 'second', required: true },
  ]);
});

test('A01: the template is broken', () => {
  const good = renderSystem(TOOLS);
  let r = parseAgentFabricSystem(good.replace('## 当你需要调用工具时', '## 当需要调用工具时'), 0);
  assert.deepEqual(codes(r.findings), ['A01']);
  r = parseAgentFabricSystem(good.replace('Action Input: 工具的输入', 'Action Input: 输入'), 0);
  assert.deepEqual(codes(r.findings), ['A01']);
  r = parseAgentFabricSystem(good.slice(0, -1), 0);
  assert.deepEqual(codes(r.findings), ['A01']);
  assert.equal(r.roleText, DEFAULT_ROLE_PROMPT);
  r = parseAgentFabricSystem(`Hello.${good}`, 0);
  assert.deepEqual(codes(r.findings), ['A01']);
  assert.equal(spanText(`Hello.${good}`, r.findings[0]), 'Hello.');
  r = parseAgentFabricSystem('just a chat prompt', 0);
  assert.deepEqual(codes(r.findings), ['A01']);
});

test('A18: a tool line that cannot be read', () => {
  const good = renderSystem(TOOLS);
  let r = parseAgentFabricSystem(good.replace('calc: calc API. ', 'calc - calc API. '), 0);
  assert.deepEqual(codes(r.findings), ['A18']);
  r = parseAgentFabricSystem(good.replace('calc: calc API. ', 'calc: calc tool. '), 0);
  assert.deepEqual(codes(r.findings), ['A18']);
  r = parseAgentFabricSystem(
    good.replace('"required": []} Format the arguments as a JSON object.', '"required": []}'),
    0,
  );
  assert.deepEqual(codes(r.findings), ['A18']);
  assert.deepEqual(
    r.tools.map((t) => t.name),
    ['amap_weather', 'calc'],
  );
});

test('A02 and A15: a schema that is not JSON or not the runtime shape', () => {
  const good = renderSystem(TOOLS);
  const broken = good.replace('{"location": {"type": "string"', '{"location": {"type": "string",');
  let r = parseAgentFabricSystem(broken, 0);
  assert.deepEqual(codes(r.findings), ['A02']);
  assert.match(String(r.findings[0].params?.message), /property name/);
  assert.equal(broken[r.findings[0].span!.start - 1], ',');
  r = parseAgentFabricSystem(good.replace('"properties": {}', '"properties": []'), 0);
  assert.deepEqual(codes(r.findings), ['A15']);
  r = parseAgentFabricSystem(
    good.replace(
      '{"type": "string", "description": "城市/区具体名称"}',
      '{"description": "城市/区具体名称"}',
    ),
    0,
  );
  assert.deepEqual(codes(r.findings), ['A15']);
  r = parseAgentFabricSystem(good.replace('"required": ["location"]', '"required": "location"'), 0);
  assert.deepEqual(codes(r.findings), ['A15']);
});

test('AgentFabric traces: steps back to back and the final answer', () => {
  const text =
    'Action: amap_weather\nAction Input: {"location": "朝阳区"}\nObservation: <result>晴\n25度</result>\nAnswer:' +
    'Action: calc\nAction Input: {"expr": "1+1"}\nObservation: <result>2</result>\nAnswer: 朝阳区晴，25度。';
  const r = parseAgentFabricTrace(text, 4);
  assert.deepEqual(r.findings, []);
  assert.deepEqual(
    r.trace.steps.map((s) => [s.action, s.argsText, s.observation]),
    [
      ['amap_weather', '{"location": "朝阳区"}', '晴\n25度'],
      ['calc', '{"expr": "1+1"}', '2'],
    ],
  );
  assert.equal(r.trace.finalAnswer, '朝阳区晴，25度。');
  assert.equal(spanText(text, { code: '', span: r.trace.steps[1].argsSpan }), '{"expr": "1+1"}');
  assert.equal(spanText(text, { code: '', span: r.details[0].actionSpan }), 'amap_weather');
  assert.equal(r.trace.steps[0].span.turn, 4);
});

test('a trace that stops at the stop word, and plain text', () => {
  const r = parseAgentFabricTrace('好的。Action: a\nAction Input: {}', 2);
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.trace.thoughts, ['好的。']);
  assert.equal(r.trace.steps[0].observation, undefined);
  assert.equal(r.trace.finalAnswer, undefined);
  assert.deepEqual(parseAgentFabricTrace('只是回答。', 2), {
    trace: { steps: [], thoughts: [] },
    findings: [],
    details: [],
  });
});

test('A09, A10, A17 in traces', () => {
  let text = 'Action: a\nAction Input: {}\nObservation: 晴\nAnswer: ok';
  let r = parseAgentFabricTrace(text, 2);
  assert.deepEqual(codes(r.findings), ['A09']);
  assert.equal(spanText(text, r.findings[0]), '晴');
  assert.equal(r.trace.finalAnswer, 'ok');
  text = 'Action: a\nAction Input: {}\nObservation: <result>晴</result>\n晴天。';
  r = parseAgentFabricTrace(text, 2);
  assert.deepEqual(codes(r.findings), ['A10']);
  assert.equal(r.trace.finalAnswer, undefined);
  text = 'Action: a\nObservation: <result>x</result>\nAnswer: y';
  r = parseAgentFabricTrace(text, 2);
  assert.deepEqual(codes(r.findings), ['A17']);
  assert.equal(spanText(text, r.findings[0]), 'a');
  assert.equal(r.details[0].hasInput, false);
});
