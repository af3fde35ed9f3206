import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding, Severity } from '../../../src/core/diagnostics/types';
import { diagnoseSeed } from '../../../src/core/seed/artefacts';
import { SEED_CODES } from '../../../src/core/seed/codes';
import { seedProcessSystem } from '../../../src/core/seed/processSystem';
import { generateCorpusWithTruth } from '../../fixtures/generate';
import { msAgentSystem, record, sampleRecords, type ToolText, useful } from './helpers';

const codes = (fs: Finding[]) => fs.map((f) => f.code);
const only = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);

function tool(name: string, params: ToolText['params'] = [{ name: 'query' }], text?: string): ToolText {
  return { name, human: name, text: text ?? useful(name, `Do ${name}.`), params };
}

describe('diagnoseSeed', () => {
  test('S1: a tool text without "useful for? …." makes the seed raise; nothing else is reported', () => {
    const fs = diagnoseSeed(
      record([tool('a'), tool('fire', [{ name: 'image' }], 'This API is used to detect fire.')]),
    );
    assert.deepEqual(codes(fs), ['S1']);
    assert.equal(fs[0].params?.tool, 'fire');
    assert.equal(fs[0].params?.step, 'api_desc');
    assert.equal(fs[0].span?.turn, 0);
  });

  test('S1: a Chinese description ending in 。 with no "." after it', () => {
    const fs = diagnoseSeed(
      record([{ name: 'ocr', human: 'ocr', text: useful('ocr', '识别图片。'), params: [{ name: 'img' }] }]),
    );
    assert.deepEqual(codes(fs), ['S1']);
    assert.equal(fs[0].params?.tool, 'ocr');
  });

  test('S2: tools 10 and up vanish; tools 1–9 do not', () => {
    const tools = Array.from({ length: 11 }, (_, i) => tool(`t${i + 1}`));
    const fs = only(diagnoseSeed(record(tools)), 'S2');
    assert.deepEqual(
      fs.map((f) => [f.params?.tool, f.params?.number]),
      [
        ['t10', 10],
        ['t11', 11],
      ],
    );
    const system = msAgentSystem(tools);
    assert.equal(system.slice(fs[0].span!.start, fs[0].span!.start + 5), '10. t');
  });

  test('S3: a tool with "Parameters: []" swallows the next tool and gets its parameters', () => {
    const fs = diagnoseSeed(record([tool('alert', []), tool('police', [{ name: 'place' }]), tool('last')]));
    const s3 = only(fs, 'S3');
    assert.equal(s3.length, 1);
    assert.deepEqual(s3[0].params, { tool: 'alert', swallowed: '"police"', gotParamsOf: 'police' });
    assert.deepEqual(s3[0].data?.swallowed, ['police']);
    // The seed's list names only the tools it saw.
    assert.equal(only(fs, 'S10')[0].params?.produced, '必须是["alert", "last"]之一');
  });

  test('S3: trailing tools with "Parameters: []" vanish without being swallowed', () => {
    const fs = diagnoseSeed(record([tool('a'), tool('b', []), tool('c', [])]));
    assert.deepEqual(
      only(fs, 'S3').map((f) => f.params),
      [
        { tool: 'b', swallowed: '' },
        { tool: 'c', swallowed: '' },
      ],
    );
  });

  test('S4: only the first parameter survives', () => {
    const fs = diagnoseSeed(record([tool('info', [{ name: 'a' }, { name: 'b' }, { name: 'c' }])]));
    const s4 = only(fs, 'S4');
    assert.equal(s4.length, 1);
    assert.deepEqual(s4[0].params, { tool: 'info', kept: 'a', lost: 'b, c' });
  });

  test('S5: the greedy required pattern empties the list with 2+ parameters', () => {
    const fs = diagnoseSeed(
      record([tool('info', [{ name: 'a' }, { name: 'b', required: 'False' }, { name: 'c' }])]),
    );
    const s5 = only(fs, 'S5');
    assert.equal(s5.length, 1);
    assert.equal(s5[0].params?.required, '"a", "c"');
    assert.equal(s5[0].data?.produced, '"required": []');
    assert.equal(s5[0].data?.expected, '"required": ["a", "c"]');
    // One parameter: the required list survives.
    assert.equal(only(diagnoseSeed(record([tool('one', [{ name: 'a' }])])), 'S5').length, 0);
  });

  test('S6: the backslash key is an invalid escape, or a control character for \\n-style names', () => {
    const fs = diagnoseSeed(record([tool('a', [{ name: 'keywords_dict' }]), tool('b', [{ name: 'name' }])]));
    const s6 = only(fs, 'S6');
    assert.equal(s6.length, 2);
    assert.equal(s6[0].params?.key, '"\\keywords_dict"');
    assert.equal(s6[0].data?.kind, 'invalid-escape');
    assert.equal(s6[1].data?.kind, 'control');
    assert.match(String(s6[1].params?.detail), /newline \+ "ame"/);
    const system = msAgentSystem([tool('a', [{ name: 'keywords_dict' }]), tool('b', [{ name: 'name' }])]);
    assert.equal(system.slice(s6[0].span!.start, s6[0].span!.end), 'keywords_dict');
    // What JSON makes of the seed's schema confirms the two kinds.
    const res = seedProcessSystem(system);
    assert.ok(res.ok);
    const schemas = res.ok ? res.trace.apis.map((a) => a.schema ?? '') : [];
    assert.throws(() => JSON.parse(schemas[0]));
    assert.deepEqual(Object.keys(JSON.parse(schemas[1]).properties), ['\name']);
  });

  test('S7: a parameter description cut at an escaped quote leaves the schema broken beyond S6', () => {
    const fs = diagnoseSeed(record([tool('a', [{ name: 'text', description: 'say "hi" please' }])]));
    const s7 = only(fs, 'S7');
    assert.equal(s7.length, 1);
    assert.match(String(s7[0].params?.detail), /escaped quote/);
  });

  test('S7 is not reported for merged tools: the greedy parameter pattern yields one property per tool', () => {
    const fs = diagnoseSeed(
      record([tool('alert', []), tool('police', [{ name: 'place' }, { name: 'when' }])]),
    );
    assert.equal(only(fs, 'S7').length, 0);
    assert.equal(only(fs, 'S3').length, 1);
  });

  test('S8: truncated at a "." inside, empty, overrun and the missing space', () => {
    const fs = diagnoseSeed(
      record([
        tool('v', [{ name: 'q' }], useful('v', 'Query (v2.1 endpoint).')),
        tool('e', [{ name: 'q' }], useful('e', '.')),
        tool('z', [{ name: 'q', description: 'e.g. 北京' }], useful('z', '查询天气')),
        tool('ok', [{ name: 'q' }], useful('ok', 'Fine.')),
      ]),
    );
    const s8 = only(fs, 'S8');
    assert.deepEqual(
      s8.map((f) => [f.params?.tool, f.params?.kind]),
      [
        ['v', 'truncated'],
        ['e', 'empty'],
        ['z', 'overrun'],
        ['"ok"', 'spacing'],
      ],
    );
    assert.equal(s8[0].params?.produced, 'Query (v2');
    assert.equal(s8[0].params?.expected, 'Query (v2.1 endpoint)');
    assert.equal(Array.isArray(s8[3].data?.tools) && s8[3].data.tools.length, 1);
    assert.equal(s8[3].params?.expected, 'Fine Parameters:');
  });

  test('S9: the human name is reported; an identical name is not', () => {
    const fs = diagnoseSeed(
      record([
        { name: 'hm_recipe', human: 'hmrecipe', text: useful('hmrecipe', 'x.'), params: [{ name: 'q' }] },
        {
          name: 'fire_recognition',
          human: 'fire recognition',
          text: useful('x', 'y.'),
          params: [{ name: 'q' }],
        },
        tool('same'),
      ]),
    );
    assert.deepEqual(
      only(fs, 'S9').map((f) => [f.params?.tool, f.params?.human]),
      [
        ['hm_recipe', 'hmrecipe'],
        ['fire_recognition', 'recognition'],
      ],
    );
  });

  test('S10: the quoted list against the runtime list', () => {
    const fs = diagnoseSeed(record([tool('a'), tool('b')]));
    const s10 = only(fs, 'S10');
    assert.equal(s10.length, 1);
    assert.deepEqual(s10[0].data, { produced: '必须是["a", "b"]之一', expected: '必须是[a,b]之一' });
  });

  test('S11: user and assistant turns are left as they are', () => {
    const fs = diagnoseSeed(
      record(
        [tool('a')],
        [
          { role: 'user', text: '你好' },
          {
            role: 'assistant',
            text: "Action: a\nAction Input: {'query': 'x'}\nObservation: ok\nThought: I now know the final answer\nFinal Answer: ok",
          },
          { role: 'user', text: '谢谢' },
          { role: 'assistant', text: '不客气' },
        ],
      ),
    );
    const s11 = only(fs, 'S11');
    assert.equal(s11.length, 1);
    assert.deepEqual(s11[0].params, { users: 2, assistants: 2, prefix: '(。你可以使用工具：[a])' });
    assert.equal(s11[0].span?.turn, 3);
    assert.equal(only(diagnoseSeed(record([tool('a')])), 'S11').length, 0);
  });
});

describe('the published records', () => {
  const [first, second] = sampleRecords();

  test('the first gives S4, S5, S6, S8, S9, S10 (and S11)', () => {
    const fs = diagnoseSeed(first.turns);
    assert.deepEqual([...new Set(codes(fs))].sort(), ['S10', 'S11', 'S4', 'S5', 'S6', 'S8', 'S9']);
    assert.deepEqual(only(fs, 'S4')[0].params, {
      tool: 'hm_product_info',
      kept: 'sku_code_list',
      lost: 'sku_name_list, property_list',
    });
    assert.equal(only(fs, 'S5')[0].params?.tool, 'hm_product_info');
    assert.equal(only(fs, 'S6').length, 4);
    assert.deepEqual(
      only(fs, 'S8').map((f) => f.params?.kind),
      ['empty', 'empty', 'empty', 'empty'],
    );
    assert.deepEqual(
      only(fs, 'S9').map((f) => f.params?.human),
      ['hmreciperecommend', 'hmproductmarketing', 'hmproductinfo', 'hmproductrecommend'],
    );
    assert.equal(
      only(fs, 'S10')[0].params?.produced,
      '必须是["hm_recipe_recommend", "hm_product_marketing", "hm_product_info", "hm_product_recommend"]之一',
    );
  });

  test('the second raises (S1) on fire_recognition', () => {
    const fs = diagnoseSeed(second.turns);
    assert.deepEqual(codes(fs), ['S1']);
    assert.equal(fs[0].params?.tool, 'fire_recognition');
  });
});

describe('SEED_CODES', () => {
  test('defines S1…S11 with the agreed severities', () => {
    assert.deepEqual(
      SEED_CODES.map((c) => [c.code, c.severity]),
      [
        ['S1', 'warning'],
        ['S2', 'warning'],
        ['S3', 'warning'],
        ['S4', 'warning'],
        ['S5', 'warning'],
        ['S6', 'warning'],
        ['S7', 'warning'],
        ['S8', 'warning'],
        ['S9', 'info'],
        ['S10', 'info'],
        ['S11', 'info'],
      ],
    );
  });

  test('every finding of the published records renders in both languages without holes', () => {
    const byCode = new Map(SEED_CODES.map((c) => [c.code, c]));
    for (const { turns } of sampleRecords()) {
      for (const f of diagnoseSeed(turns)) {
        const def = byCode.get(f.code)!;
        for (const msg of [def.en(f.params ?? {}), def.zh(f.params ?? {})]) {
          assert.doesNotMatch(msg, /undefined|""/, msg);
        }
      }
    }
  });

  test('S6/S8/S9/S10 render with only {tool, detail} (the AgentFabric checks pass those)', () => {
    for (const code of ['S6', 'S8', 'S9', 'S10']) {
      const def = SEED_CODES.find((c) => c.code === code)!;
      const p = { tool: 'amap_weather', detail: 'DETAIL' };
      for (const msg of [def.en(p), def.zh(p)]) {
        assert.match(msg, /DETAIL/, `${code}: ${msg}`);
        assert.doesNotMatch(msg, /undefined/);
      }
    }
  });

  test('told briefly (severities no longer placed), the same findings: codes, order, S2/S3 spans, what the overview counts', () => {
    const records = [
      ...sampleRecords().map((r) => r.turns),
      ...[...generateCorpusWithTruth({ records: 1500, seed: 23, anomalies: true })].flatMap((l) => {
        if (l.kind !== 'record') return [];
        let obj: { conversations?: { from: string; value: string }[] };
        try {
          obj = JSON.parse(l.text.replace(/^\ufeff/, ''));
        } catch {
          return [];
        }
        return obj.conversations ? [obj.conversations.map((c) => ({ role: c.from, text: c.value }))] : [];
      }),
    ];
    const seen = new Set<string>();
    let brief = 0;
    for (const turns of records) {
      const full = diagnoseSeed(turns);
      for (const detailFor of [
        () => false,
        (s: Severity) => s === 'warning',
        (s: Severity) => s === 'info',
      ]) {
        const short = diagnoseSeed(turns, undefined, detailFor);
        assert.deepEqual(
          short.map((f) => f.code),
          full.map((f) => f.code),
        );
        short.forEach((f, i) => {
          const whole = full[i];
          if (f.code === 'S2' || f.code === 'S3') assert.deepEqual(f.span, whole.span);
          if (f.code === 'S3') assert.deepEqual(f.data?.swallowed, whole.data?.swallowed);
          if (f.code === 'S4') assert.deepEqual(f.data?.lost, whole.data?.lost);
          const severity = SEED_CODES.find((c) => c.code === f.code)?.severity;
          if (severity && detailFor(severity)) assert.deepEqual(f, whole, `${f.code} in full`);
          else if (f.params === undefined) brief++;
          seen.add(f.code);
        });
      }
    }
    assert.ok(brief > 1000, `${brief} findings told briefly`);
    for (const code of ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10', 'S11'])
      assert.ok(seen.has(code), code);
  });
});
