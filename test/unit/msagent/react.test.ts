import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMsAgentTrace } from '../../../src/core/msagent/react';
import { pyDumps } from '../../../src/core/python/dumps';
import type { PyValue } from '../../../src/core/python/value';
import { codes, loadSamples, spanText } from './helpers';

const json = (v: PyValue | undefined) => {
  assert.ok(v);
  const r = pyDumps(v, { ensureAscii: false });
  assert.ok(r.ok);
  return r.text;
};

test('the sample turn: one step, Python-dict arguments, verbatim observation, final answer', () => {
  const [rec] = loadSamples();
  const text = rec.turns[2].text;
  const { trace, findings, args } = parseMsAgentTrace(text, 2, ['hm_product_recommend']);
  assert.deepEqual(findings, []);
  assert.equal(trace.steps.length, 1);
  const step = trace.steps[0];
  assert.equal(step.action, 'hm_product_recommend');
  assert.equal(step.argsText, "{'keywords_dict': {'商品类目': '手机'}}");
  assert.equal(text.slice(step.argsSpan.start, step.argsSpan.end), step.argsText);
  assert.ok(step.observation?.startsWith("[{'sku_code': '10518244314'"));
  assert.ok(step.observation?.endsWith("'拥有4000mAh的电池容量和优秀的相机而价格非常亲民'}]"));
  assert.equal(step.span.turn, 2);
  assert.ok(
    text.slice(step.span.start, step.span.end).startsWith('Action: hm_product_recommend\nAction Input:'),
  );
  assert.ok(text.slice(step.span.start, step.span.end).endsWith("非常亲民'}]"));
  assert.deepEqual(trace.thoughts, ['I now know the final answer']);
  assert.ok(trace.finalAnswer?.startsWith('您好，我们有以下几款手机供您选择'));
  assert.equal(json(args[0]), '{"keywords_dict": {"商品类目": "手机"}}');
});

test('several steps, thoughts, multi-line arguments and observations, JSON arguments', () => {
  const text = [
    'Thought: I should look it up',
    'Action: search',
    "Action Input: {'q': '北京',",
    "  'opts': {'n': 3, 'exact': False, 'tags': ('a', None)}}",
    'Observation: line one',
    'Action Input: not a keyword inside an observation',
    '',
    'Observation: still the tool output',
    'Thought: now the weather',
    'Action: weather',
    'Action Input: {"city": "北京", "days": 1.5}',
    'Observation: {"temp": 3}',
    'Thought: I now know the final answer',
    'Final Answer: 北京今天 3 度。',
    '第二行。',
  ].join('\n');
  const { trace, findings, args } = parseMsAgentTrace(text, 1, ['search', 'weather']);
  assert.deepEqual(findings, []);
  assert.deepEqual(
    trace.steps.map((s) => [s.action, s.observation]),
    [
      [
        'search',
        'line one\nAction Input: not a keyword inside an observation\n\nObservation: still the tool output',
      ],
      ['weather', '{"temp": 3}'],
    ],
  );
  assert.deepEqual(trace.thoughts, ['I should look it up', 'now the weather', 'I now know the final answer']);
  assert.equal(trace.finalAnswer, '北京今天 3 度。\n第二行。');
  assert.equal(json(args[0]), '{"q": "北京", "opts": {"n": 3, "exact": false, "tags": ["a", null]}}');
  assert.equal(json(args[1]), '{"city": "北京", "days": 1.5}');
});

test('a turn without keywords is plain text', () => {
  const r = parseMsAgentTrace('你好！有什么可以帮你？\nObservation: not a step', 1);
  assert.deepEqual(r, { trace: { steps: [], thoughts: [] }, findings: [], args: [] });
});

test('M23: a final answer without a tool call', () => {
  const r = parseMsAgentTrace('Thought: I now know the final answer\nFinal Answer: 你好', 1);
  assert.deepEqual(codes(r.findings), ['M23']);
  assert.equal(r.trace.steps.length, 0);
  assert.equal(r.trace.finalAnswer, '你好');
});

test('M15: a step without Observation', () => {
  const text = "Action: a\nAction Input: {'x': 1}\nThought: I now know the final answer\nFinal Answer: done";
  const r = parseMsAgentTrace(text, 1, ['a']);
  assert.deepEqual(codes(r.findings), ['M15']);
  assert.equal(spanText(text, r.findings[0]), "Action: a\nAction Input: {'x': 1}");
  assert.equal(r.trace.steps[0].observation, undefined);
  assert.equal(r.trace.finalAnswer, 'done');
});

test('M16: a step without Action Input', () => {
  const text = 'Action: a\nObservation: x\nFinal Answer: done';
  const r = parseMsAgentTrace(text, 1, ['a']);
  assert.deepEqual(codes(r.findings), ['M16']);
  assert.equal(spanText(text, r.findings[0]), 'a');
  assert.deepEqual(r.args, [undefined]);
});

test('M17: unparseable arguments, the span on the arguments', () => {
  const text = "Action: a\nAction Input: {'x': 1\nObservation: x\nFinal Answer: done";
  const r = parseMsAgentTrace(text, 1, ['a']);
  assert.deepEqual(codes(r.findings), ['M17']);
  assert.equal(spanText(text, r.findings[0]), "{'x': 1");
  assert.equal(r.findings[0].params?.tool, 'a');
  assert.ok(String(r.findings[0].params?.message).length > 0);
  assert.deepEqual(r.args, [undefined]);
  const empty = parseMsAgentTrace('Action: a\nAction Input: \nObservation: x\nFinal Answer: y', 1);
  assert.deepEqual(codes(empty.findings), ['M17']);
});

test('M18: arguments that are not a dict', () => {
  const text = "Action: a\nAction Input: ['x']\nObservation: x\nFinal Answer: done";
  const r = parseMsAgentTrace(text, 1, ['a']);
  assert.deepEqual(codes(r.findings), ['M18']);
  assert.equal(r.findings[0].params?.kind, 'list');
  assert.equal(json(r.args[0]), '["x"]');
});

test('M19: an action that is not a tool', () => {
  const text = 'Action:  serach \nAction Input: {}\nObservation: x\nFinal Answer: done';
  const r = parseMsAgentTrace(text, 1, ['search']);
  assert.deepEqual(codes(r.findings), ['M19']);
  assert.equal(spanText(text, r.findings[0]), 'serach');
  assert.deepEqual(codes(parseMsAgentTrace(text, 1).findings), []);
});

test('M20: another step after the final answer', () => {
  const text = 'Action: a\nAction Input: {}\nObservation: x\nFinal Answer: done\nAction: a\nAction Input: {}';
  const r = parseMsAgentTrace(text, 1, ['a']);
  assert.deepEqual(codes(r.findings), ['M20']);
  assert.equal(spanText(text, r.findings[0]), 'Action: a');
  assert.equal(r.trace.steps.length, 1);
  assert.equal(r.trace.finalAnswer, 'done\nAction: a\nAction Input: {}');
});

test('M21: keywords out of order', () => {
  const text =
    'Observation: early\nAction: a\nAction Input: {}\nAction Input: {"again": 1}\nObservation: x\nFinal Answer: y';
  const r = parseMsAgentTrace(text, 1, ['a']);
  assert.deepEqual(codes(r.findings), ['M21', 'M21']);
  assert.equal(spanText(text, r.findings[0]), 'Observation: early');
  assert.equal(spanText(text, r.findings[1]), 'Action Input: {"again": 1}');
  assert.equal(r.trace.steps[0].argsText, '{}');
});

test('M22: free text before the first keyword', () => {
  const text = 'Let me check.\nAction: a\nAction Input: {}\nObservation: x\nFinal Answer: y';
  const r = parseMsAgentTrace(text, 1, ['a']);
  assert.deepEqual(codes(r.findings), ['M22']);
  assert.equal(spanText(text, r.findings[0]), 'Let me check.');
  assert.deepEqual(r.trace.thoughts, ['Let me check.']);
});

test('M24: an empty action name', () => {
  const text = 'Action: \nAction Input: {}\nObservation: x\nFinal Answer: y';
  const r = parseMsAgentTrace(text, 1);
  assert.deepEqual(codes(r.findings), ['M24']);
  assert.equal(r.findings[0].params?.problem, 'empty');
});

test('M25: tool calls without a final answer', () => {
  const text = 'Action: a\nAction Input: {}\nObservation: x';
  const r = parseMsAgentTrace(text, 1, ['a']);
  assert.deepEqual(codes(r.findings), ['M25']);
  assert.equal(r.trace.finalAnswer, undefined);
  assert.equal(r.trace.steps[0].observation, 'x');
});

test('CRLF inside a turn', () => {
  const text =
    "Action: a\r\nAction Input: {'k': 'v'}\r\nObservation: out\r\nThought: I now know the final answer\r\nFinal Answer: ok\r\n";
  const r = parseMsAgentTrace(text, 1, ['a']);
  assert.deepEqual(r.findings, []);
  assert.equal(r.trace.steps[0].action, 'a');
  assert.equal(r.trace.steps[0].observation, 'out');
  assert.equal(r.trace.finalAnswer, 'ok');
});
