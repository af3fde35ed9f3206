/**
 * The AgentFabric checks decide the common cases with the native JSON parser (a tool line that is exactly
 * the runtime's text, an Action Input that is a JSON object of declared parameters). These tests hold them
 * to the full positional path on converted records and on many damaged variants of them, finding for
 * finding, and make sure the fast paths do run.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { checkAgentFabricRecord } from '../../../src/core/agentfabric/checks';
import { nativeFastPaths, parseAgentFabricSystem } from '../../../src/core/agentfabric/parse';
import { convertRecord } from '../../../src/core/pipeline/convertRecord';
import { readRecordText } from '../../../src/core/pipeline/readRecord';
import type { RecordParts, Turn } from '../../../src/core/types';
import { generateCorpus } from '../../fixtures/generate';

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** Converted records (both profiles, every user-prefix mode) from a generated ms_agent corpus. */
function convertedRecords(): Turn[][] {
  const out: Turn[][] = [];
  let line = 0;
  for (const text of generateCorpus({ records: 250, seed: 23 })) {
    const r = readRecordText(text, ++line, false).record;
    if (!r) continue;
    for (const opts of [
      { profile: 'agentfabric', userPrefix: 'last' },
      { profile: 'agentfabric', userPrefix: 'all' },
      { profile: 'seed', userPrefix: 'last' },
    ] as const) {
      const c = convertRecord(r, opts);
      if (c.ok) out.push(c.turns);
    }
  }
  return out;
}

/** Ways a tool line or an Action Input can differ from what the runtime writes. */
const SYSTEM_EDITS: [string, string][] = [
  [' API。', ' APIs。'],
  [' 输入参数: ', '输入参数: '],
  [' 输入参数: ', ' Parameters: '],
  [' Parameters: ', ' 输入参数: '],
  ['{"type": "object", "properties": {"', '{"type": "object", "properties": {"\\\\'],
  // Keys that start with an escape JSON reads (the seed's "\name", S6), with or without a `\"` elsewhere.
  ['{"type": "object", "properties": {"', '{"type": "object", "properties": {"\\n'],
  ['{"type": "object", "properties": {"', '{"type": "object", "properties": {"\\t'],
  ['{"type": "object", "properties": {"', '{"type": "object", "properties": {"\\u0001'],
  ['{"type": "object", "properties": {"', '{"type": "object", "properties": {"\\"'],
  ['{"type": "object", "properties": {"', '{"type": "object", "properties": {"\\/'],
  ['", "description": "', '", "description": "\\"q\\" '],
  ['}, "', '}, "\\n'],
  ['"type": "string", "description"', '"type": "integer", "description"'],
  ['"type": "string", "description"', '"description"'],
  ['"required": [', '"required": ["ghost", '],
  ['"required": []', '"required": {}'],
  ['{"type": "object", ', '{"type": "object",  '],
  [
    '{"type": "object", "properties": {',
    '{"type": "object", "properties": {"1": {"type": "string", "description": "x"}, ',
  ],
  ['"}}, "required"', '"}, "city": {"type": "string", "description": "again"}}, "required"'],
  ['"description": "', '"description": "\\"q\\" '],
  ['"}}, "required"', '"}}}, "required"'],
  [', "required": ', ', "required": 1, "required": '],
  ['{"type": "object"', '{"type": "array"'],
];

const ARGS_EDITS: ((args: string) => string)[] = [
  (a) => a,
  (a) => a.replace('{', '{"zzz_unknown": 1, '),
  (a) => a.replace(/"[^"]+": /, '"renamed": '),
  (a) => `[${a}]`,
  (a) => a.slice(0, -1),
  (a) => `${a} trailing`,
  (a) => a.replace(/: /, ':\t'),
  () => `${'['.repeat(600)}${']'.repeat(600)}`,
  (a) => a.replace('{', '{"dup": 1, "dup": 2, '),
  (a) => a.replace(/"([^"]+)": /, '"$1": 1, "$1": '),
  (a) => `{"${/"([^"]+)":/.exec(a)?.[1] ?? 'a'}": ${'['.repeat(600)}1${']'.repeat(600)}}`,
  () => '{}',
  () => '{"__proto__": {"x": 1}}',
  () => '"just a string"',
  () => '{"a": 01}',
  () => '{"a": "\\ud800"}',
  () => "{'python': 'dict'}",
];

function damaged(records: Turn[][]): Turn[][] {
  const next = rng(5);
  const out: Turn[][] = [];
  for (const turns of records) {
    out.push(turns);
    const [from, to] = SYSTEM_EDITS[Math.floor(next() * SYSTEM_EDITS.length)];
    if (turns[0].text.includes(from)) {
      out.push([{ ...turns[0], text: turns[0].text.replace(from, to) }, ...turns.slice(1)]);
    }
    const edit = ARGS_EDITS[Math.floor(next() * ARGS_EDITS.length)];
    out.push(
      turns.map((t) =>
        t.role === 'assistant'
          ? {
              ...t,
              text: t.text.replace(
                /(Action Input: )([^\n]*)/,
                (_m, head: string, args: string) => head + edit(args),
              ),
            }
          : t,
      ),
    );
  }
  return out;
}

function checked(turns: Turn[], fast: boolean): { findings: unknown; parts: RecordParts; tools: unknown } {
  nativeFastPaths.enabled = fast;
  const parts: RecordParts = { tools: [], actions: [] };
  const findings = checkAgentFabricRecord(turns, parts);
  const sys = parseAgentFabricSystem(turns[0].text, 0);
  const texts = sys.toolTexts.map(({ schema: _s, runtimeExact: _r, ...rest }) => rest);
  return { findings, parts, tools: { ...sys, toolTexts: texts } };
}

describe('native fast paths of the AgentFabric checks', () => {
  after(() => {
    nativeFastPaths.enabled = true;
  });
  const records = damaged(convertedRecords());

  test('give exactly what the positional path gives, on converted and damaged records', () => {
    assert.ok(records.length > 1000, `${records.length} records`);
    for (const turns of records) {
      const fast = checked(turns, true);
      const full = checked(turns, false);
      assert.deepEqual(fast, full, turns[0].text.slice(0, 200));
    }
  });

  test('do run: most converted tool lines are the runtime text, and most arguments take the short way', () => {
    nativeFastPaths.enabled = true;
    let lines = 0;
    let exact = 0;
    for (const turns of records) {
      for (const t of parseAgentFabricSystem(turns[0].text, 0).toolTexts) {
        lines++;
        if (t.runtimeExact) exact++;
      }
    }
    assert.ok(exact > lines / 3, `${exact} of ${lines} tool lines`);
    let escaped = 0;
    for (const turns of records.slice(0, 400)) {
      const sys = turns[0].text;
      for (const t of parseAgentFabricSystem(sys, 0).toolTexts) {
        if (t.runtimeExact && sys.slice(t.schemaSpan.start, t.schemaSpan.end).includes('\\')) escaped++;
      }
    }
    assert.ok(escaped > 0, 'a schema with escaped quotes in a description is still the runtime text');
    assert.ok(exact < lines, 'the seed profile and the damage leave some lines to the full path');
  });
});
