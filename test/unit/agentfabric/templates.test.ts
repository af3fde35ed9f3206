import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import {
  DEFAULT_ROLE_PROMPT,
  PROMPT_TEMPLATE_ZH,
  renderAssistantTrace,
  renderRolePrompt,
  renderSystem,
  renderSystemWithRolePrompt,
  renderToolDesc,
  renderUserPrefix,
  TOOL_TEMPLATE_ZH,
  toolSchemaText,
  toolSchemaValue,
} from '../../../src/core/agentfabric/templates';
import { pyDumps } from '../../../src/core/python/dumps';
import type { PyValue } from '../../../src/core/python/value';
import type { ReactTrace, ToolDef } from '../../../src/core/types';
import { tool } from '../msagent/helpers';

const AMAP = tool('amap_weather', '获取对应城市的天气数据', [
  { name: 'location', description: '城市/区具体名称，如`北京市海淀区`请描述为`海淀区`', required: true },
]);

test('the templates are the runtime strings, byte for byte', () => {
  assert.equal(
    TOOL_TEMPLATE_ZH,
    '\n# 工具\n\n## 你拥有如下工具：\n\n{tool_descs}\n\n## 当你需要调用工具时，请在你的回复中穿插如下的工具调用命令，可以根据需求调用零次或多次：\n\n工具调用\nAction: 工具的名称，必须是[{tool_names}]之一\nAction Input: 工具的输入\nObservation: <result>工具返回的结果</result>\nAnswer: 根据Observation总结本次工具调用返回的结果，如果结果中出现url，请使用如下格式展示出来：![图片](url)\n\n',
  );
  assert.equal(
    PROMPT_TEMPLATE_ZH,
    '\n# 指令\n\n{role_prompt}\n\n请注意：你具有图像和视频的展示能力，也具有运行代码的能力，不要在回复中说你做不到。\n',
  );
  assert.equal(DEFAULT_ROLE_PROMPT, '你扮演AI-Agent，\n你具有下列具体功能：\n下面你将开始扮演');
});

test('a Chinese tool line: the amap_weather example of the seed document', () => {
  assert.equal(
    renderToolDesc(AMAP),
    'amap_weather: amap_weather API。获取对应城市的天气数据 输入参数: {"type": "object", "properties": {"location": {"type": "string", "description": "城市/区具体名称，如`北京市海淀区`请描述为`海淀区`"}}, "required": ["location"]} Format the arguments as a JSON object.',
  );
});

test('the whole weather-role prompt of the seed document', () => {
  const role = '你扮演一个天气预报助手，你需要查询相应地区的天气，并调用给你的画图工具绘制一张城市的图。';
  assert.equal(
    renderSystemWithRolePrompt([AMAP], role),
    '\n# 工具\n\n## 你拥有如下工具：\n\namap_weather: amap_weather API。获取对应城市的天气数据 输入参数: {"type": "object", "properties": {"location": {"type": "string", "description": "城市/区具体名称，如`北京市海淀区`请描述为`海淀区`"}}, "required": ["location"]} Format the arguments as a JSON object.\n\n## 当你需要调用工具时，请在你的回复中穿插如下的工具调用命令，可以根据需求调用零次或多次：\n\n工具调用\nAction: 工具的名称，必须是[amap_weather]之一\nAction Input: 工具的输入\nObservation: <result>工具返回的结果</result>\nAnswer: 根据Observation总结本次工具调用返回的结果，如果结果中出现url，请使用如下格式展示出来：![图片](url)\n\n\n# 指令\n\n你扮演一个天气预报助手，你需要查询相应地区的天气，并调用给你的画图工具绘制一张城市的图。\n\n请注意：你具有图像和视频的展示能力，也具有运行代码的能力，不要在回复中说你做不到。\n',
  );
  assert.equal(
    renderUserPrefix(['amap_weather']) + '朝阳区天气怎样？',
    '(。你可以使用工具：[amap_weather])朝阳区天气怎样？',
  );
});

test('an English tool line', () => {
  const t = tool('fire_recognition', 'This API is used to recognize whether there is fire in the image', [
    { name: 'image', description: 'The input image to recognize fire', required: true },
  ]);
  assert.equal(
    renderToolDesc(t),
    'fire_recognition: fire_recognition API. This API is used to recognize whether there is fire in the image Parameters: {"type": "object", "properties": {"image": {"type": "string", "description": "The input image to recognize fire"}}, "required": ["image"]} Format the arguments as a JSON object.',
  );
});

test('no parameters, and an empty description (English template, two spaces)', () => {
  assert.equal(
    renderToolDesc(tool('fire_alert', '')),
    'fire_alert: fire_alert API.  Parameters: {"type": "object", "properties": {}, "required": []} Format the arguments as a JSON object.',
  );
});

test('only U+4E00–U+9FFF makes a description Chinese', () => {
  const line = (d: string) => renderToolDesc(tool('t', d)).slice(0, 9);
  assert.equal(line('识别图片。'), 't: t API。');
  assert.equal(line('Query。'), 't: t API.'); // U+3002 alone is not CJK for the runtime
  assert.equal(line('カタカナ'), 't: t API.');
  assert.equal(line('Query 天'), 't: t API。');
});

test('descriptions with dots, quotes, brackets and CJK are written as they are; parameter texts are JSON-escaped', () => {
  const t = tool('q', 'Query "v2.1" [beta] (x).', [
    { name: 'sql', description: 'a "quoted" \\ back\nslash\t[1]', required: false },
    { name: '名字', description: '中文 😀 \u2028 sep', required: true },
    { name: 'n', description: 'count', required: true, type: 'integer' },
  ]);
  assert.equal(
    renderToolDesc(t),
    'q: q API. Query "v2.1" [beta] (x). Parameters: {"type": "object", "properties": {"sql": {"type": "string", "description": "a \\"quoted\\" \\\\ back\\nslash\\t[1]"}, "名字": {"type": "string", "description": "中文 😀 \u2028 sep"}, "n": {"type": "integer", "description": "count"}}, "required": ["名字", "n"]} Format the arguments as a JSON object.',
  );
});

test('a repeated parameter keeps its first place and last description, as a Python dict does', () => {
  const params = [
    { name: 'a', description: 'first', required: true },
    { name: 'b', description: 'bee', required: false },
    { name: 'a', description: 'second', required: true },
  ];
  assert.equal(
    toolSchemaText(params),
    '{"type": "object", "properties": {"a": {"type": "string", "description": "second"}, "b": {"type": "string", "description": "bee"}}, "required": ["a", "a"]}',
  );
});

test('integer-like parameter names keep their order (no JS object reordering)', () => {
  const params = [
    { name: 'b', description: 'x', required: false },
    { name: '1', description: 'y', required: true },
  ];
  assert.equal(
    toolSchemaText(params),
    '{"type": "object", "properties": {"b": {"type": "string", "description": "x"}, "1": {"type": "string", "description": "y"}}, "required": ["1"]}',
  );
});

test('the direct schema writer equals pyDumps of the schema value', () => {
  const params = [
    { name: 'x"y', description: '\u0000\u001f\u007f\u0085 é', required: true },
    { name: 'k', description: '', required: false, type: 'array' },
  ];
  const viaDumps = pyDumps(toolSchemaValue(params), { ensureAscii: false });
  assert.ok(viaDumps.ok);
  assert.equal(toolSchemaText(params), viaDumps.text);
});

test('role prompts as RolePlay._parse_role_config_zh builds them', () => {
  assert.equal(renderRolePrompt(), DEFAULT_ROLE_PROMPT);
  assert.equal(renderRolePrompt({}), DEFAULT_ROLE_PROMPT);
  assert.equal(
    renderRolePrompt({
      name: '多啦A梦',
      description: '能够像多啦A梦一样解决问题。',
      instruction: '可以查找信息、提供建议',
    }),
    '你扮演AI-Agent，你的名字是多啦A梦。能够像多啦A梦一样解决问题。\n你具有下列具体功能：可以查找信息、提供建议\n下面你将开始扮演多啦A梦',
  );
  assert.equal(
    renderRolePrompt({ instruction: ['查天气', '画图'] }),
    '你扮演AI-Agent，\n你具有下列具体功能：查天气；画图\n下面你将开始扮演',
  );
  // like the runtime, one trailing ； goes even from a string instruction
  assert.equal(
    renderRolePrompt({ instruction: '查天气；' }),
    '你扮演AI-Agent，\n你具有下列具体功能：查天气\n下面你将开始扮演',
  );
  assert.equal(
    renderRolePrompt({ description: '助手' }),
    '你扮演AI-Agent，助手\n你具有下列具体功能：\n下面你将开始扮演',
  );
  assert.equal(
    renderRolePrompt({ name: '小明', instruction: [] }),
    '你扮演AI-Agent，你的名字是小明。\n你具有下列具体功能：\n下面你将开始扮演小明',
  );
});

test('a system prompt without tools has only the instruction part', () => {
  assert.equal(
    renderSystem([]),
    '\n# 指令\n\n你扮演AI-Agent，\n你具有下列具体功能：\n下面你将开始扮演\n\n请注意：你具有图像和视频的展示能力，也具有运行代码的能力，不要在回复中说你做不到。\n',
  );
});

test('renderSystem with two tools and a role equals the templates filled in Python style', () => {
  const tools: ToolDef[] = [
    AMAP,
    tool('image_gen', 'AI绘画（图像生成）服务', [{ name: 'text', description: '描述', required: true }]),
  ];
  const role = { name: '天气助手', instruction: '查天气' };
  const descs = tools.map(renderToolDesc).join('\n\n');
  const expected =
    TOOL_TEMPLATE_ZH.replace('{tool_descs}', () => descs).replace('{tool_names}', 'amap_weather,image_gen') +
    PROMPT_TEMPLATE_ZH.replace(
      '{role_prompt}',
      '你扮演AI-Agent，你的名字是天气助手。\n你具有下列具体功能：查天气\n下面你将开始扮演天气助手',
    );
  assert.equal(renderSystem(tools, role), expected);
});

test('user prefixes', () => {
  assert.equal(renderUserPrefix(['a', 'b']), '(。你可以使用工具：[a,b])');
  assert.equal(renderUserPrefix(['a', 'b'], { name: '小助手' }), '(你正在扮演小助手。你可以使用工具：[a,b])');
  assert.equal(renderUserPrefix(['a'], { description: 'no name' }), '(。你可以使用工具：[a])');
  assert.equal(renderUserPrefix([]), '');
  assert.equal(renderUserPrefix([], { name: '小助手' }), '(你正在扮演小助手)');
});

const dict = (...entries: [string, PyValue][]): PyValue => ({
  t: 'dict',
  entries: entries.map(([k, v]) => [{ t: 'str', v: k }, v]),
});
const span = { turn: 2, start: 0, end: 0 };

test('assistant traces: steps back to back, one space before the final answer', () => {
  const trace: ReactTrace = {
    steps: [
      { action: 'a', argsText: '', observation: '[1, 2]', span, argsSpan: span },
      { action: 'b', argsText: '', observation: 'ok\nline 2', span, argsSpan: span },
    ],
    finalAnswer: '完成。',
    thoughts: ['I now know the final answer'],
  };
  const args = [
    dict(['q', { t: 'str', v: '北京' }], ['n', { t: 'int', v: 3n }]),
    dict(['nested', dict(['x', { t: 'list', items: [{ t: 'bool', v: true }, { t: 'none' }] }])]),
  ];
  const r = renderAssistantTrace(trace, args);
  assert.deepEqual(r, {
    ok: true,
    text:
      'Action: a\nAction Input: {"q": "北京", "n": 3}\nObservation: <result>[1, 2]</result>\nAnswer:' +
      'Action: b\nAction Input: {"nested": {"x": [true, null]}}\nObservation: <result>ok\nline 2</result>\nAnswer: 完成。',
  });
});

test('a step without observation is written up to its Action Input', () => {
  const trace: ReactTrace = { steps: [{ action: 'a', argsText: '', span, argsSpan: span }], thoughts: [] };
  assert.deepEqual(renderAssistantTrace(trace, [dict()]), { ok: true, text: 'Action: a\nAction Input: {}' });
});

test('arguments json.dumps cannot write are an error, not a guess', () => {
  const trace: ReactTrace = {
    steps: [{ action: 'a', argsText: '', observation: 'x', span, argsSpan: span }],
    thoughts: [],
  };
  const r = renderAssistantTrace(trace, [dict(['ids', { t: 'set', items: [{ t: 'int', v: 1n }] }])]);
  assert.equal(r.ok, false);
  assert.ok(!r.ok && /set/.test(r.message));
});

const PYTHON_TOOL_DESC = String.raw`
import json, re, sys
out = []
for t in json.loads(sys.stdin.read()):
    parameters = {'type': 'object', 'properties': {}, 'required': []}
    for p in t['params']:
        parameters['properties'][p['name']] = {'type': p.get('type', 'string'), 'description': p['description']}
        if p['required']:
            parameters['required'].append(p['name'])
    zh = re.search('[\u4e00-\u9fff]', t['description']) is not None
    tpl = ('{name}: {name} API。{description} 输入参数: {parameters} Format the arguments as a JSON object.' if zh
           else '{name}: {name} API. {description} Parameters: {parameters} Format the arguments as a JSON object.')
    out.append({'schema': json.dumps(parameters, ensure_ascii=False),
                'line': tpl.format(name=t['name'], description=t['description'],
                                   parameters=json.dumps(parameters, ensure_ascii=False))})
print(json.dumps(out))
`;

const python = spawnSync('python3', ['--version']).status === 0;

test('cross-check with CPython: schema text and tool line', { skip: !python && 'python3 not found' }, () => {
  const tools: ToolDef[] = [
    AMAP,
    tool('t1', 'Query "v2.1" [beta].', [
      { name: 'a', description: 'quote " backslash \\ tab \t nl \n ctl \u0001 del \u007f', required: true },
      { name: '2', description: '数字键', required: false },
      { name: 'b', description: 'emoji 😀 ls \u2028 nbsp \u00a0', required: true, type: 'number' },
      { name: 'a', description: 'again', required: false },
    ]),
    tool('t2', '', []),
    tool('t3', '多行\n说明', [{ name: 'x', description: '', required: true }]),
  ];
  const input = JSON.stringify(
    tools.map((t) => ({ name: t.name, description: t.description, params: t.params })),
  );
  // ASCII transport so that every character survives the pipe unchanged
  const ascii = input.replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const r = spawnSync('python3', ['-c', PYTHON_TOOL_DESC], { input: ascii, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const expected = JSON.parse(r.stdout) as { schema: string; line: string }[];
  tools.forEach((t, i) => {
    assert.equal(toolSchemaText(t.params), expected[i].schema);
    assert.equal(renderToolDesc(t), expected[i].line);
  });
});
