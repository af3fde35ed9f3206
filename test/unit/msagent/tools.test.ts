import assert from 'node:assert/strict';
import { test } from 'node:test';
import { msAgentDescription, parseMsAgentSystem } from '../../../src/core/msagent/tools';
import {
  codes,
  FORMAT_SECTION,
  HEADER,
  loadSamples,
  msAgentSystem,
  param,
  spanText,
  toolBlock,
} from './helpers';

test('the MS_Agent_Bench record: four tools, empty descriptions, spans on the blocks', () => {
  const [rec] = loadSamples();
  const text = rec.turns[0].text;
  const { tools, findings } = parseMsAgentSystem(text, 0);
  assert.deepEqual(findings, []);
  assert.deepEqual(
    tools.map((t) => [t.number, t.name, t.humanName, t.description]),
    [
      [1, 'hm_recipe_recommend', 'hmreciperecommend', ''],
      [2, 'hm_product_marketing', 'hmproductmarketing', ''],
      [3, 'hm_product_info', 'hmproductinfo', ''],
      [4, 'hm_product_recommend', 'hmproductrecommend', ''],
    ],
  );
  assert.deepEqual(tools[2].params, [
    { name: 'sku_code_list', description: '盒马商品的编码列表', required: true },
    { name: 'sku_name_list', description: '盒马商品的名称列表', required: true },
    { name: 'property_list', description: '盒马商品的属性列表', required: true },
  ]);
  const first = text.slice(tools[0].span.start, tools[0].span.end);
  assert.ok(first.startsWith('1. hm_recipe_recommend: Call this tool'));
  assert.ok(first.endsWith('"required": "True"}]'));
  assert.equal(tools[0].span.turn, 0);
});

test('the fire record: descriptions without "useful for?", human names with spaces, Parameters: []', () => {
  const rec = loadSamples()[1];
  const { tools, findings } = parseMsAgentSystem(rec.turns[0].text, 0);
  assert.deepEqual(findings, []);
  assert.deepEqual(
    tools.map((t) => [t.name, t.humanName, t.description, t.params.length]),
    [
      [
        'fire_recognition',
        'fire recognition',
        'This API is used to recognize whether there is fire in the image',
        1,
      ],
      ['fire_alert', 'fire alert', "This API will start an alert to warn the building's administraters", 0],
      ['call_police', 'police calling', 'This API will call 110 to catch the thief', 0],
      ['call_fireman', 'fireman calling', 'This API will call 119 to extinguish the fire', 0],
    ],
  );
});

test('the description rule of spec §1', () => {
  assert.equal(msAgentDescription(' What is the x API useful for? Query prices. '), 'Query prices');
  assert.equal(msAgentDescription(' What is the x API useful for? . '), '');
  assert.equal(msAgentDescription(' This API is used to detect fire. '), 'This API is used to detect fire');
  assert.equal(msAgentDescription(' What is the x API useful for? 识别图片。 '), '识别图片。');
  assert.equal(
    msAgentDescription(' What is the x API useful for? Query (v2.1 endpoint). '),
    'Query (v2.1 endpoint)',
  );
  assert.equal(msAgentDescription(' Ends with two dots.. '), 'Ends with two dots.');
  assert.equal(msAgentDescription('\u3000What is the my api API useful for?\u3000Spaced.\u2028'), 'Spaced');
});

test('fourteen tools: numbers past 9 are read', () => {
  const specs = Array.from({ length: 14 }, (_, i) => ({
    name: `tool_${i + 1}`,
    text: `What is the tool${i + 1} API useful for? Does thing ${i + 1}.`,
    params: `[${param('p', 'x')}]`,
  }));
  const { tools, findings } = parseMsAgentSystem(msAgentSystem(specs), 0);
  assert.deepEqual(findings, []);
  assert.equal(tools.length, 14);
  assert.deepEqual(
    tools.slice(8, 14).map((t) => [t.number, t.name, t.description]),
    [9, 10, 11, 12, 13, 14].map((n) => [n, `tool_${n}`, `Does thing ${n}`]),
  );
});

test('the array is the last "Parameters: [" whose rest is a JSON array', () => {
  const specs = [
    {
      name: 'a',
      text: 'Pass it like Parameters: [x, y] please.',
      params: `[${param('q', 'the "Parameters: [" text')}]`,
    },
    { name: 'b', text: 'See Parameters: [] below.', params: '[]' },
  ];
  const { tools, findings } = parseMsAgentSystem(msAgentSystem(specs), 0);
  assert.deepEqual(findings, []);
  assert.equal(tools[0].description, 'Pass it like Parameters: [x, y] please');
  assert.deepEqual(tools[0].params, [{ name: 'q', description: 'the "Parameters: [" text', required: true }]);
  assert.equal(tools[1].description, 'See Parameters: [] below');
  assert.deepEqual(tools[1].params, []);
});

test('required: "True"/"False" in any case, booleans, absent; a declared type is kept', () => {
  const params = `[${param('a', 'x', 'true')}, ${param('b', 'x', 'FALSE')}, ${param('c', 'x', true)}, ${param('d', 'x', false)}, {"name": "e", "description": "x"}, {"name": "f", "description": "x", "required": "True", "type": "integer"}]`;
  const { tools, findings } = parseMsAgentSystem(msAgentSystem([{ name: 't', text: 'x.', params }]), 0);
  assert.deepEqual(findings, []);
  assert.deepEqual(
    tools[0].params.map((p) => [p.name, p.required, p.type]),
    [
      ['a', true, undefined],
      ['b', false, undefined],
      ['c', true, undefined],
      ['d', false, undefined],
      ['e', false, undefined],
      ['f', true, 'integer'],
    ],
  );
});

test('CRLF line ends inside the prompt', () => {
  const text = msAgentSystem([
    { name: 'a', text: 'A.', params: `[${param('p', 'x')}]` },
    { name: 'b', text: 'B.' },
  ]).replace(/\n/g, '\r\n');
  const { tools, findings } = parseMsAgentSystem(text, 3);
  assert.deepEqual(findings, []);
  assert.deepEqual(
    tools.map((t) => [t.name, t.description, t.params.length, t.span.turn]),
    [
      ['a', 'A', 1, 3],
      ['b', 'B', 0, 3],
    ],
  );
});

test('M01: no header', () => {
  const text = msAgentSystem([{ name: 'a', text: 'A.' }]).replace(HEADER, 'You may use these APIs:');
  const { tools, findings } = parseMsAgentSystem(text, 0);
  assert.deepEqual(codes(findings), ['M01']);
  assert.equal(spanText(text, findings[0]), 'You may use these APIs:');
  assert.equal(tools[0].name, 'a');
});

test('M02: blocks that do not follow the grammar', () => {
  const bad = (block: string) => `${HEADER}\n${block}\n\n${FORMAT_SECTION(['a'])}`;
  let r = parseMsAgentSystem(bad('1. a - does things. Parameters: []'), 0);
  assert.deepEqual(codes(r.findings), ['M02']);
  assert.equal(r.tools[0].name, 'a');
  r = parseMsAgentSystem(bad('1. a: Call this tool to interact with the a tool. Parameters: []'), 0);
  assert.deepEqual(codes(r.findings), ['M02']);
  assert.match(String(r.findings[0].params?.detail), /API\./);
  r = parseMsAgentSystem(bad('1. a: Call this tool to interact with the a API. Does things.'), 0);
  assert.deepEqual(codes(r.findings), ['M02']);
  assert.match(String(r.findings[0].params?.detail), /Parameters/);
});

test('M03: Parameters that are not JSON, with the JSON error and its exact span', () => {
  const text = msAgentSystem([{ name: 'a', text: 'A.', params: "[{'name': 'q', 'description': 'x'}]" }]);
  const { tools, findings } = parseMsAgentSystem(text, 0);
  assert.deepEqual(codes(findings), ['M03']);
  assert.equal(findings[0].params?.tool, 'a');
  assert.match(String(findings[0].params?.message), /double quotes/);
  assert.equal(spanText(text, findings[0]), "'");
  assert.equal(text.slice(findings[0].span!.start - 2, findings[0].span!.start), '[{');
  assert.deepEqual(tools[0].params, []);

  const missingComma = msAgentSystem([
    { name: 'a', text: 'A.', params: '[{"name": "q" "description": "x"}]' },
  ]);
  const r = parseMsAgentSystem(missingComma, 0);
  assert.deepEqual(codes(r.findings), ['M03']);
  assert.equal(spanText(missingComma, r.findings[0]), '"');
  assert.match(String(r.findings[0].params?.message), /expected ',' or '}'/);
});

test('M04, M05, M06, M07: parameter problems point at the parameter', () => {
  const params = `[{"description": "no name", "required": "True"}, "just a string", {"name": "b", "required": "True"}, {"name": "c", "description": "x", "required": "yes"}, {"name": "d", "description": "x", "type": 5}, {"name": "b", "description": "again", "required": "False"}]`;
  const text = msAgentSystem([{ name: 't', text: 'T.', params }]);
  const { tools, findings } = parseMsAgentSystem(text, 0);
  assert.deepEqual(codes(findings), ['M04', 'M04', 'M05', 'M06', 'M05', 'M07']);
  assert.equal(spanText(text, findings[0]), '{"description": "no name", "required": "True"}');
  assert.equal(spanText(text, findings[1]), '"just a string"');
  assert.equal(spanText(text, findings[2]), '{"name": "b", "required": "True"}');
  assert.equal(findings[3].params?.value, '"yes"');
  assert.equal(findings[5].params?.param, 'b');
  assert.deepEqual(
    tools[0].params.map((p) => p.name),
    ['b', 'c', 'd', 'b'],
  );
});

test('M08: text after the Parameters array', () => {
  const text = `${HEADER}\n${toolBlock({ name: 'a', text: 'A.' }, 1)} (deprecated)\n\n${FORMAT_SECTION(['a'])}`;
  const { tools, findings } = parseMsAgentSystem(text, 0);
  assert.deepEqual(codes(findings), ['M08']);
  assert.equal(spanText(text, findings[0]), '(deprecated)');
  assert.deepEqual(tools[0].params, []);
});

test('M09: numbering that is not 1, 2, 3, …', () => {
  const text = `${HEADER}\n${toolBlock({ name: 'a', text: 'A.' }, 1)}\n\n${toolBlock({ name: 'b', text: 'B.' }, 3)}\n\n${FORMAT_SECTION(['a', 'b'])}`;
  const { findings } = parseMsAgentSystem(text, 0);
  assert.deepEqual(codes(findings), ['M09']);
  assert.deepEqual(findings[0].params, { tool: 'b', found: 3, expected: 2 });
  assert.equal(spanText(text, findings[0]), '3');
});

test('M10: a tool described twice', () => {
  const text = msAgentSystem([
    { name: 'a', text: 'A.' },
    { name: 'a', text: 'Again.' },
  ]);
  const { findings } = parseMsAgentSystem(text, 0);
  assert.deepEqual(codes(findings), ['M10']);
  assert.equal(spanText(text, findings[0]), 'a');
  assert.ok(findings[0].span!.start > text.indexOf('2. a'));
});

test('M11: the tools[…] list disagrees with the tools described', () => {
  const text = msAgentSystem(
    [
      { name: 'a', text: 'A.' },
      { name: 'b', text: 'B.' },
    ],
    ['a', 'c'],
  );
  const { findings } = parseMsAgentSystem(text, 0);
  assert.deepEqual(codes(findings), ['M11']);
  assert.equal(spanText(text, findings[0]), 'a, c');
  assert.deepEqual(findings[0].data, { listed: ['a', 'c'], parsed: ['a', 'b'] });
});

test('M11 reads the tools[…] list split at commas, also where it is written exactly as the names joined', () => {
  const same = msAgentSystem([
    { name: 'a', text: 'A.' },
    { name: 'b', text: 'B.' },
  ]);
  assert.deepEqual(codes(parseMsAgentSystem(same, 0).findings), []);
  // A name with a comma is listed as two names; one with a space around it is trimmed: both disagree.
  for (const name of ['x,y', ' x']) {
    const text = msAgentSystem([
      { name, text: 'X.' },
      { name: 'b', text: 'B.' },
    ]);
    const { findings } = parseMsAgentSystem(text, 0);
    const m11 = findings.filter((f) => f.code === 'M11');
    assert.equal(m11.length, 1, `${JSON.stringify(name)}: ${codes(findings)}`);
    assert.deepEqual((m11[0].data as { parsed: string[] }).parsed, [name, 'b']);
  }
});

test('M12: the format section is missing or does not end with Begin!', () => {
  const noFormat = `${HEADER}\n${toolBlock({ name: 'a', text: 'A.' }, 1)}`;
  let r = parseMsAgentSystem(noFormat, 0);
  assert.deepEqual(codes(r.findings), ['M12']);
  assert.equal(r.tools.length, 1);
  const noBegin = msAgentSystem([{ name: 'a', text: 'A.' }]).replace(/\nBegin!$/, '');
  r = parseMsAgentSystem(noBegin, 0);
  assert.deepEqual(codes(r.findings), ['M12']);
});

test('M13: no tools at all', () => {
  const { tools, findings } = parseMsAgentSystem(`${HEADER}\n\n${FORMAT_SECTION([])}`, 0);
  assert.deepEqual(tools, []);
  assert.deepEqual(codes(findings), ['M13']);
});

test('M14: text between the header and the first tool', () => {
  const text = `${HEADER}\nSome note here.\n\n${toolBlock({ name: 'a', text: 'A.' }, 1)}\n\n${FORMAT_SECTION(['a'])}`;
  const { tools, findings } = parseMsAgentSystem(text, 0);
  assert.deepEqual(codes(findings), ['M14']);
  assert.equal(spanText(text, findings[0]), 'Some note here.');
  assert.equal(tools.length, 1);
});

test('tool blocks without a blank line between them are still found when they carry the anchor', () => {
  const text = `${HEADER}\n${toolBlock({ name: 'a', text: 'A.' }, 1)}\n${toolBlock({ name: 'b', text: 'B.' }, 2)}\n\n${FORMAT_SECTION(['a', 'b'])}`;
  const { tools, findings } = parseMsAgentSystem(text, 0);
  assert.deepEqual(findings, []);
  assert.deepEqual(
    tools.map((t) => t.name),
    ['a', 'b'],
  );
});
