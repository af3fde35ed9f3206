import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertTurnsToAgentFabric } from '../../../src/core/agentfabric/convert';
import type { Turn } from '../../../src/core/types';
import { codes, loadSamples, msAgentSystem, param } from '../msagent/helpers';

/** MS_Agent_Bench_126374, converted by hand from spec §3 (checked against a few lines of CPython). */
const EXPECTED_BENCH: string[] = [
  '\n# 工具\n\n## 你拥有如下工具：\n\nhm_recipe_recommend: hm_recipe_recommend API.  Parameters: {"type": "object", "properties": {"keywords_dict": {"type": "string", "description": "盒马推荐菜谱关键词字典。"}}, "required": ["keywords_dict"]} Format the arguments as a JSON object.\n\nhm_product_marketing: hm_product_marketing API.  Parameters: {"type": "object", "properties": {"sku_code_list": {"type": "string", "description": "盒马商品的编码列表"}}, "required": ["sku_code_list"]} Format the arguments as a JSON object.\n\nhm_product_info: hm_product_info API.  Parameters: {"type": "object", "properties": {"sku_code_list": {"type": "string", "description": "盒马商品的编码列表"}, "sku_name_list": {"type": "string", "description": "盒马商品的名称列表"}, "property_list": {"type": "string", "description": "盒马商品的属性列表"}}, "required": ["sku_code_list", "sku_name_list", "property_list"]} Format the arguments as a JSON object.\n\nhm_product_recommend: hm_product_recommend API.  Parameters: {"type": "object", "properties": {"keywords_dict": {"type": "string", "description": "盒马推荐商品关键词字典。"}}, "required": ["keywords_dict"]} Format the arguments as a JSON object.\n\n## 当你需要调用工具时，请在你的回复中穿插如下的工具调用命令，可以根据需求调用零次或多次：\n\n工具调用\nAction: 工具的名称，必须是[hm_recipe_recommend,hm_product_marketing,hm_product_info,hm_product_recommend]之一\nAction Input: 工具的输入\nObservation: <result>工具返回的结果</result>\nAnswer: 根据Observation总结本次工具调用返回的结果，如果结果中出现url，请使用如下格式展示出来：![图片](url)\n\n\n# 指令\n\n你扮演AI-Agent，\n你具有下列具体功能：\n下面你将开始扮演\n\n请注意：你具有图像和视频的展示能力，也具有运行代码的能力，不要在回复中说你做不到。\n',
  '你好，请问你们有哪些手机可以推荐？',
  "Action: hm_product_recommend\nAction Input: {\"keywords_dict\": {\"商品类目\": \"手机\"}}\nObservation: <result>[{'sku_code': '10518244314', 'product_name': '小米11 Ultra 5G手机 256GB', 'bussiness_type': '标品', 'product_price': '5999', 'product_description': '拥有120Hz高刷新率和骁龙888处理器，还配备了高品质相机系统'}, {'sku_code': '10222726664', 'product_name': 'vivo X60 Pro 5G手机 256GB', 'bussiness_type': '标品', 'product_price': '4498', 'product_description': '搭载Exynos 1080处理器与ZEISS联合调校的相机系统，拍照实力十足'}, {'sku_code': '18227073452', 'product_name': '华为畅享 20 Pro 5G手机 128GB', 'bussiness_type': '标品', 'product_price': '2699', 'product_description': '拥有4000mAh的电池容量和优秀的相机而价格非常亲民'}]</result>\nAnswer: 您好，我们有以下几款手机供您选择：1.小米11 Ultra 5G手机 256GB：价格为5999元，拥有120Hz高刷新率和骁龙888处理器，还配备了高品质相机系统；2. vivo X60 Pro 5G手机 256GB：售价为4498元，搭载Exynos 1080处理器与ZEISS联合调校的相机系统，拍照实力十足；3. 华为畅享 20 Pro 5G手机 128GB：价格亲民，只需2699元即可拥有优秀的相机和4000mAh的电池容量。这些手机都具有不同的特点和功能，您可以根据自己的需求进行选择。如果您有其他问题或需求，请随时告诉我。",
  '(。你可以使用工具：[hm_recipe_recommend,hm_product_marketing,hm_product_info,hm_product_recommend])小米11 Ultra拍照性能怎么样？',
  'Action: hm_product_info\nAction Input: {"sku_code_list": ["15956662254"], "sku_name_list": ["小米11 Ultra 5G手机 256GB"], "property_list": [["拍照性能"]]}\nObservation: <result>[{\'sku_code\': \'15956662254\', \'property\': {\'拍照性能\': \'小米11 Ultra 5G手机配备了1亿像素的主摄像头，还有120X超长焦电影摄像头，以及20MP超广角摄像头等组合，拍照性能非常出色。\'}}]</result>\nAnswer: 小米11 Ultra 5G手机配备了1亿像素的主摄像头，还有120X超长焦电影摄像头，以及20MP超广角摄像头等组合，拍照性能非常出色。如果您还有其他问题或需求，请随时告诉我。',
];

/** fire_example, converted by hand from spec §3 (checked against a few lines of CPython). */
const EXPECTED_FIRE: string[] = [
  '\n# 工具\n\n## 你拥有如下工具：\n\nfire_recognition: fire_recognition API. This API is used to recognize whether there is fire in the image Parameters: {"type": "object", "properties": {"image": {"type": "string", "description": "The input image to recognize fire"}}, "required": ["image"]} Format the arguments as a JSON object.\n\nfire_alert: fire_alert API. This API will start an alert to warn the building\'s administraters Parameters: {"type": "object", "properties": {}, "required": []} Format the arguments as a JSON object.\n\ncall_police: call_police API. This API will call 110 to catch the thief Parameters: {"type": "object", "properties": {}, "required": []} Format the arguments as a JSON object.\n\ncall_fireman: call_fireman API. This API will call 119 to extinguish the fire Parameters: {"type": "object", "properties": {}, "required": []} Format the arguments as a JSON object.\n\n## 当你需要调用工具时，请在你的回复中穿插如下的工具调用命令，可以根据需求调用零次或多次：\n\n工具调用\nAction: 工具的名称，必须是[fire_recognition,fire_alert,call_police,call_fireman]之一\nAction Input: 工具的输入\nObservation: <result>工具返回的结果</result>\nAnswer: 根据Observation总结本次工具调用返回的结果，如果结果中出现url，请使用如下格式展示出来：![图片](url)\n\n\n# 指令\n\n你扮演AI-Agent，\n你具有下列具体功能：\n下面你将开始扮演\n\n请注意：你具有图像和视频的展示能力，也具有运行代码的能力，不要在回复中说你做不到。\n',
  '(。你可以使用工具：[fire_recognition,fire_alert,call_police,call_fireman])输入图片是/tmp/1.jpg，协助判断图片中是否存在着火点',
  'Action: fire_recognition\nAction Input: {"image": "/tmp/1.jpg"}\nObservation: <result>[{\'coordinate\': [101.1, 200.9], \'on_fire\': True}]</result>\nAnswer: 图片中存在着火点，位置约在坐标 (101.1, 200.9)。',
];

test('the MS_Agent_Bench record converts in full', () => {
  const [rec] = loadSamples();
  const r = convertTurnsToAgentFabric(rec.turns, { userPrefix: 'last' });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(r.findings, []);
  assert.deepEqual(
    r.turns.map((t) => t.role),
    ['system', 'user', 'assistant', 'user', 'assistant'],
  );
  assert.deepEqual(
    r.turns.map((t) => t.text),
    EXPECTED_BENCH,
  );
  assert.deepEqual(
    r.tools.map((t) => t.name),
    ['hm_recipe_recommend', 'hm_product_marketing', 'hm_product_info', 'hm_product_recommend'],
  );
});

test('the fire record converts in full', () => {
  const rec = loadSamples()[1];
  const r = convertTurnsToAgentFabric(rec.turns, { userPrefix: 'last' });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(r.findings, []);
  assert.deepEqual(
    r.turns.map((t) => t.text),
    EXPECTED_FIRE,
  );
});

const PREFIX =
  '(。你可以使用工具：[hm_recipe_recommend,hm_product_marketing,hm_product_info,hm_product_recommend])';

test('user prefix modes: last, all, none', () => {
  const [rec] = loadSamples();
  const texts = (mode: 'last' | 'all' | 'none') => {
    const r = convertTurnsToAgentFabric(rec.turns, { userPrefix: mode });
    assert.ok(r.ok);
    return r.ok ? [r.turns[1].text, r.turns[3].text] : [];
  };
  assert.deepEqual(texts('last'), [
    '你好，请问你们有哪些手机可以推荐？',
    `${PREFIX}小米11 Ultra拍照性能怎么样？`,
  ]);
  assert.deepEqual(texts('all'), [
    `${PREFIX}你好，请问你们有哪些手机可以推荐？`,
    `${PREFIX}小米11 Ultra拍照性能怎么样？`,
  ]);
  assert.deepEqual(texts('none'), ['你好，请问你们有哪些手机可以推荐？', '小米11 Ultra拍照性能怎么样？']);
});

test('a role config changes the role prompt and the prefix', () => {
  const rec = loadSamples()[1];
  const r = convertTurnsToAgentFabric(rec.turns, {
    userPrefix: 'last',
    role: { name: '消防助手', description: '帮助判断火情。', instruction: ['识别着火点', '报警'] },
  });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.ok(
    r.turns[0].text.endsWith(
      '\n# 指令\n\n你扮演AI-Agent，你的名字是消防助手。帮助判断火情。\n你具有下列具体功能：识别着火点；报警\n下面你将开始扮演消防助手\n\n请注意：你具有图像和视频的展示能力，也具有运行代码的能力，不要在回复中说你做不到。\n',
    ),
  );
  assert.equal(
    r.turns[1].text,
    '(你正在扮演消防助手。你可以使用工具：[fire_recognition,fire_alert,call_police,call_fireman])输入图片是/tmp/1.jpg，协助判断图片中是否存在着火点',
  );
});

const SYSTEM = msAgentSystem([
  {
    name: 'search',
    text: 'What is the search API useful for? 搜索网页.',
    params: `[${param('q', '关键词')}, ${param('n', 'count', 'False')}]`,
  },
  { name: 'calc', text: 'Evaluates maths.', params: `[${param('expr', 'expression')}]` },
]);
const PREFIX2 = '(。你可以使用工具：[search,calc])';

function record(...rest: Turn[]): Turn[] {
  return [{ role: 'system', text: SYSTEM }, ...rest];
}

test('a multi-step trace with Python-dict and JSON arguments', () => {
  const assistant = [
    'Thought: search first',
    'Action: search',
    "Action Input: {'q': '北京 天气', 'n': 3, 'extra': {'nested': [1, 2.5, None, True, ('t', 'u')]}}",
    'Observation: 晴',
    'Action: calc',
    'Action Input: {"expr": "1+1"}',
    'Observation: 2',
    'Thought: I now know the final answer',
    'Final Answer: 北京晴，1+1=2。',
  ].join('\n');
  const r = convertTurnsToAgentFabric(
    record({ role: 'user', text: '问' }, { role: 'assistant', text: assistant }),
    {
      userPrefix: 'last',
    },
  );
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(r.findings, []);
  assert.equal(r.turns[1].text, `${PREFIX2}问`);
  assert.equal(
    r.turns[2].text,
    'Action: search\nAction Input: {"q": "北京 天气", "n": 3, "extra": {"nested": [1, 2.5, null, true, ["t", "u"]]}}\nObservation: <result>晴</result>\nAnswer:' +
      'Action: calc\nAction Input: {"expr": "1+1"}\nObservation: <result>2</result>\nAnswer: 北京晴，1+1=2。',
  );
  assert.equal(
    r.turns[0].text.split('\n\n')[2],
    'search: search API。搜索网页 输入参数: {"type": "object", "properties": {"q": {"type": "string", "description": "关键词"}, "n": {"type": "string", "description": "count"}}, "required": ["q"]} Format the arguments as a JSON object.',
  );
});

test('turns without a tool call, and other roles, stay as they are', () => {
  const turns = record(
    { role: 'user', text: 'hi' },
    { role: 'assistant', text: '你好！' },
    { role: 'tool', text: 'Action: not touched' },
    { role: 'user', text: 'again' },
    { role: 'assistant', text: 'Thought: I now know the final answer\nFinal Answer: 再见' },
  );
  const r = convertTurnsToAgentFabric(turns, { userPrefix: 'last' });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(
    r.turns.slice(1).map((t) => t.text),
    [
      'hi',
      '你好！',
      'Action: not touched',
      `${PREFIX2}again`,
      'Thought: I now know the final answer\nFinal Answer: 再见',
    ],
  );
  assert.deepEqual(codes(r.findings), ['M23']);
});

test('warnings are passed on with the converted record', () => {
  const r = convertTurnsToAgentFabric(
    record(
      { role: 'user', text: 'q' },
      { role: 'assistant', text: 'Action: serach\nAction Input: {}\nObservation: x\nFinal Answer: y' },
    ),
    { userPrefix: 'none' },
  );
  assert.ok(r.ok);
  assert.deepEqual(codes(r.findings), ['M19']);
  assert.equal(
    r.ok && r.turns[2].text,
    'Action: serach\nAction Input: {}\nObservation: <result>x</result>\nAnswer: y',
  );
});

test('a record without tools: only the instruction part, no prefix', () => {
  const system =
    'Answer the following questions as best you can. You have access to the following APIs:\n\nUse the following format:\n\nThought: …\nBegin!';
  const r = convertTurnsToAgentFabric(
    [
      { role: 'system', text: system },
      { role: 'user', text: 'hi' },
      { role: 'assistant', text: 'hello' },
    ],
    { userPrefix: 'all' },
  );
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(codes(r.findings), ['M13']);
  assert.deepEqual(
    r.turns.map((t) => t.text),
    [
      '\n# 指令\n\n你扮演AI-Agent，\n你具有下列具体功能：\n下面你将开始扮演\n\n请注意：你具有图像和视频的展示能力，也具有运行代码的能力，不要在回复中说你做不到。\n',
      'hi',
      'hello',
    ],
  );
});

test('errors make the record unconvertible, with the reason', () => {
  const fail = (turns: Turn[], code: string) => {
    const r = convertTurnsToAgentFabric(turns, { userPrefix: 'last' });
    assert.equal(r.ok, false, code);
    assert.ok(codes(r.findings).includes(code), `${code}: ${codes(r.findings).join(',')}`);
  };
  const user = { role: 'user', text: 'q' };
  fail(
    record(user, {
      role: 'assistant',
      text: "Action: calc\nAction Input: {'expr': \nObservation: x\nFinal Answer: y",
    }),
    'M17',
  );
  fail(record(user, { role: 'assistant', text: 'Action: calc\nObservation: x\nFinal Answer: y' }), 'M16');
  fail(
    record(user, {
      role: 'assistant',
      text: "Action: calc\nAction Input: {'s': {1, 2}}\nObservation: x\nFinal Answer: y",
    }),
    'M26',
  );
  fail(
    record(user, { role: 'assistant', text: 'Action:\nAction Input: {}\nObservation: x\nFinal Answer: y' }),
    'M24',
  );
  fail([user, { role: 'assistant', text: 'a' }], 'M27');
  fail([], 'M27');
  const badParams = msAgentSystem([{ name: 'a', text: 'A.', params: "[{'name': 'x'}]" }]);
  fail([{ role: 'system', text: badParams }, user], 'M03');
  const dup = msAgentSystem([
    { name: 'a', text: 'A.' },
    { name: 'a', text: 'B.' },
  ]);
  fail([{ role: 'system', text: dup }, user], 'M10');
  const badRequired = msAgentSystem([{ name: 'a', text: 'A.', params: `[${param('x', 'y', 'maybe')}]` }]);
  fail([{ role: 'system', text: badRequired }, user], 'M06');
});

test('descriptions with dots, quotes, brackets and CJK reach the tool lines as §1 and §3 say', () => {
  const system = msAgentSystem([
    {
      name: 'v2',
      text: 'What is the v2 API useful for? Query (v2.1 endpoint).',
      params: `[${param('id', 'the "id" [int]')}]`,
    },
    { name: 'img', text: 'What is the img API useful for? 识别图片。' },
    { name: 'fire', text: 'This API is used to detect fire.' },
    { name: 'none', text: 'What is the none API useful for? .' },
  ]);
  const r = convertTurnsToAgentFabric([{ role: 'system', text: system }], { userPrefix: 'last' });
  assert.ok(r.ok);
  if (!r.ok) return;
  const lines = r.turns[0].text.split('\n\n').slice(2, 6);
  assert.deepEqual(lines, [
    'v2: v2 API. Query (v2.1 endpoint) Parameters: {"type": "object", "properties": {"id": {"type": "string", "description": "the \\"id\\" [int]"}}, "required": ["id"]} Format the arguments as a JSON object.',
    'img: img API。识别图片。 输入参数: {"type": "object", "properties": {}, "required": []} Format the arguments as a JSON object.',
    'fire: fire API. This API is used to detect fire Parameters: {"type": "object", "properties": {}, "required": []} Format the arguments as a JSON object.',
    'none: none API.  Parameters: {"type": "object", "properties": {}, "required": []} Format the arguments as a JSON object.',
  ]);
});
