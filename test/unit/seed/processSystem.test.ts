import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  seedConvertJsonRecord,
  seedConvertRecordTurns,
  seedProcessSystem,
} from '../../../src/core/seed/processSystem';
import { msAgentSystem, sampleRecords, useful } from './helpers';

const NONE_GROUP = "AttributeError: 'NoneType' object has no attribute 'group'";

function ok(text: string) {
  const res = seedProcessSystem(text);
  assert.ok(res.ok, res.ok ? '' : res.error);
  return res;
}

describe('seedProcessSystem', () => {
  test('writes the seed template with the backslash keys and the JSON tool list', () => {
    const res = ok(
      msAgentSystem([
        {
          name: 'amap_weather',
          human: 'amapweather',
          text: useful('amapweather', 'Get the weather.'),
          params: [{ name: 'location', description: '城市' }],
        },
      ]),
    );
    assert.ok(
      res.system.startsWith(
        '\n# 工具\n\n## 你拥有如下工具：\n\namap_weather: amapweather API。Get the weather输入参数: {"type": "object", "properties": {"\\location": {"type": "string", "description": "城市"}},"required": ["location"]} Format the arguments as a JSON object.\n\n## 当你需要',
      ),
      res.system,
    );
    assert.ok(res.system.includes('必须是["amap_weather"]之一\n'));
    assert.ok(res.system.endsWith('不要在回复中说你做不到。\n'));
  });

  test('json.dumps escapes non-ASCII names (ensure_ascii=True)', () => {
    const res = ok(
      msAgentSystem([{ name: '天气', human: 'x', text: useful('x', 'a.'), params: [{ name: '城市' }] }]),
    );
    assert.ok(res.system.includes('必须是["\\u5929\\u6c14"]之一'));
    assert.ok(res.system.includes('"required": ["\\u57ce\\u5e02"]'));
  });

  test('an empty prompt still yields the template with an empty list', () => {
    const res = ok('');
    assert.ok(res.system.includes('必须是[]之一'));
    assert.equal(res.trace.apis.length, 0);
  });

  test('raises like Python when the text has no "useful for? …."', () => {
    const res = seedProcessSystem(
      msAgentSystem([
        { name: 'fire', text: 'This API is used to detect fire.', params: [{ name: 'image' }] },
      ]),
    );
    assert.equal(res.ok, false);
    assert.ok(!res.ok && res.error.startsWith(NONE_GROUP));
    assert.equal(res.trace.failure?.step, 'api_desc');
    assert.equal(res.trace.apis[0].funcName, 'fire');
  });

  test('a boolean "required" makes the seed raise on the required pattern', () => {
    const res = seedProcessSystem(
      msAgentSystem([{ name: 'a', text: useful('a', 'x.'), params: [{ name: 'p', required: true }] }]),
    );
    assert.equal(res.ok, false);
    assert.equal(res.trace.failure?.step, 'param_required');
  });

  test('"." without DOTALL crosses U+2028 and \\r (JS "." would not)', () => {
    const res = ok(
      msAgentSystem([{ name: 'a', text: useful('a', 'one\u2028two\rthree.'), params: [{ name: 'p' }] }]),
    );
    assert.equal(res.trace.apis[0].apiDesc, 'one\u2028two\rthree');
  });

  test('"." without DOTALL stops at \\n: the search moves on to a later "useful for?"', () => {
    const res = ok(
      `\n1. a: Call this tool to interact with the a API. What is the a API useful for? no dot\nx useful for? late. Parameters: [{"name": "p", "description": "d", "required": "True"}]`,
    );
    assert.equal(res.trace.apis[0].apiDesc, 'late');
  });

  test('\\s is CPython whitespace: \\x85, \\x1c and U+3000 count, U+FEFF does not', () => {
    for (const ws of ['\u0085', '\u001c', '\u3000', '\n']) {
      const res = ok(
        `\n1. a: Call this tool to interact with the a API. What is the a API useful for?${ws}desc. Parameters: []}]`,
      );
      assert.equal(res.trace.apis[0].apiDesc, 'desc', JSON.stringify(ws));
    }
    // JS \s would take U+FEFF as the space before "API" and read "a".
    const bom = ok(
      '\n1. a: Call this tool to interact with the a\ufeffAPI of the b API. useful for? d. Parameters: []}]',
    );
    assert.equal(bom.trace.apis[0].apiName, 'b');
  });

  test('\\d is Unicode: an Arabic-Indic digit starts a chunk, two digits do not', () => {
    const arabic = ok(
      `x\n\u0661. a: Call this tool to interact with the a API. ${useful('a', 'd.')} Parameters: [{"name": "p", "description": "d", "required": "True"}]`,
    );
    assert.equal(arabic.trace.funcNames[0], 'a');
    const ten = ok(
      `x\n10. a: Call this tool to interact with the a API. ${useful('a', 'd.')} Parameters: [{"name": "p", "description": "d", "required": "True"}]`,
    );
    assert.equal(ten.trace.apis.length, 0);
  });

  test('func_name is stripped with Python whitespace', () => {
    const res = ok(
      `\n1.\u3000\u0085a_b\u2028: Call this tool to interact with the a API. ${useful('a', 'd.')} Parameters: []}]`,
    );
    assert.equal(res.trace.funcNames[0], 'a_b');
  });

  test('the two published records: the first converts, the second raises', () => {
    const [first, second] = sampleRecords();
    const a = seedProcessSystem(first.turns[0].text);
    assert.ok(a.ok);
    assert.ok(
      a.ok &&
        a.system.includes(
          'hm_recipe_recommend: hmreciperecommend API。输入参数: {"type": "object", "properties": {"\\keywords_dict"',
        ),
    );
    const b = seedProcessSystem(second.turns[0].text);
    assert.equal(b.ok, false);
    assert.equal(b.trace.failure?.step, 'api_desc');
  });
});

describe('seedConvertRecordTurns', () => {
  test('replaces turn 0 whatever its role and leaves the rest untouched', () => {
    const turns = [
      {
        role: 'user',
        text: msAgentSystem([{ name: 'a', text: useful('a', 'd.'), params: [{ name: 'p' }] }]),
      },
      { role: 'assistant', text: "Action: a\nAction Input: {'x': 1}" },
    ];
    const res = seedConvertRecordTurns(turns);
    assert.ok(res.ok);
    assert.equal(res.ok && res.turns[0].role, 'user');
    assert.ok(res.ok && res.turns[0].text.startsWith('\n# 工具'));
    assert.equal(res.ok && res.turns[1], turns[1]);
  });

  test('raises IndexError on an empty conversation', () => {
    const res = seedConvertRecordTurns([]);
    assert.deepEqual(res, { ok: false, error: 'IndexError: list index out of range' });
  });
});

describe('seedConvertJsonRecord mirrors obj["conversations"][0]["value"]', () => {
  const cases: [unknown, string][] = [
    [{ id: 'x' }, "KeyError: 'conversations'"],
    [{ conversations: [] }, 'IndexError: list index out of range'],
    [{ conversations: {} }, 'KeyError: 0'],
    [{ conversations: [{ from: 'system' }] }, "KeyError: 'value'"],
    [{ conversations: [{ value: 5 }] }, "TypeError: expected string or bytes-like object, got 'int'"],
    [{ conversations: [{ value: null }] }, "TypeError: expected string or bytes-like object, got 'NoneType'"],
    [{ conversations: 'ab' }, "TypeError: string indices must be integers, not 'str'"],
    [[1], 'TypeError: list indices must be integers or slices, not str'],
    [null, "TypeError: 'NoneType' object is not subscriptable"],
  ];
  for (const [obj, error] of cases) {
    test(error, () => {
      const res = seedConvertJsonRecord(obj);
      assert.equal(res.ok, false);
      assert.equal(!res.ok && res.error, error);
    });
  }
});
