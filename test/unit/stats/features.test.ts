import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { convertTurnsToAgentFabric } from '../../../src/core/agentfabric/convert';
import { FileAnalyzer } from '../../../src/core/pipeline/fileAnalyzer';
import { withReview } from '../../../src/core/review/state';
import { seedProcessSystem } from '../../../src/core/seed/processSystem';
import { lineFeatures } from '../../../src/core/stats/features';
import type { Turn } from '../../../src/core/types';
import { generateCorpusWithTruth } from '../../fixtures/generate';
import { msAgentSystem, type ToolText, useful } from '../seed/helpers';
import { charCounter } from './helpers';

function features(value: object | string) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const analyzed = new FileAnalyzer().line({
    line: 7,
    bytes: Buffer.from(text),
    crlf: false,
    unterminated: false,
  });
  return lineFeatures(analyzed, charCounter);
}

function conversations(turns: Turn[]) {
  return turns.map((t) => ({ from: t.role, value: t.text }));
}

const p = (name: string) => ({ name, description: `the ${name}`, required: 'True' });

/** Eleven tools: 10 and 11 vanish (S2), 3 has no parameters and swallows 4 (S3), 1 and 4 have two. */
const TOOLS: ToolText[] = [
  { name: 'weather', text: `${useful('weather', 'Weather now')}.`, params: [p('city'), p('day')] },
  { name: 'news', text: `${useful('news', 'Headlines')}.`, params: [p('region')] },
  { name: 'ping', text: `${useful('ping', 'Ping a host')}.`, params: [] },
  { name: 'stock', text: `${useful('stock', 'Stock prices')}.`, params: [p('code'), p('date')] },
  ...['t5', 't6', 't7', 't8', 't9'].map((name) => ({
    name,
    text: `${useful(name, 'Does things')}.`,
    params: [p('x')],
  })),
  { name: 't10', text: `${useful('t10', 'Tenth')}.`, params: [p('a'), p('b'), p('c')] },
  { name: 't11', text: `${useful('t11', 'Eleventh')}.`, params: [p('d')] },
];

const TRACE_1 =
  "Action: weather\nAction Input: {'city': '北京'}\nObservation: sunny\nThought: more\n" +
  "Action: stock\nAction Input: {'code': '600519'}\nObservation: 1800\n" +
  'Thought: I now know the final answer\nFinal Answer: Sunny. Note: Action: inside a line is no call.';
const TRACE_2 = "Action: weather\nAction Input: {'city': '上海'}\nObservation: rain\nFinal Answer: Rain.";

const TURNS: Turn[] = [
  { role: 'system', text: msAgentSystem(TOOLS) },
  { role: 'user', text: 'Weather and stocks?' },
  { role: 'assistant', text: TRACE_1 },
  { role: 'user', text: 'And Shanghai?' },
  { role: 'assistant', text: TRACE_2 },
];

describe('line features', () => {
  test('an ms_agent record: tools, calls per tool, turns, rounds, tokens, format', () => {
    const f = features({ id: 'a', conversations: conversations(TURNS) });
    assert.equal(f.line, 7);
    assert.equal(f.kind, 'record');
    const r = f.record!;
    assert.equal(r.format, 'ms_agent');
    assert.equal(r.tools, 11);
    assert.deepEqual(
      r.toolNames,
      TOOLS.map((t) => t.name),
    );
    assert.equal(r.calls, 3);
    assert.deepEqual(r.calledTools, [
      ['weather', 2],
      ['stock', 1],
    ]);
    assert.equal(r.turns, 5);
    assert.equal(r.rounds, 2);
    assert.equal(
      r.tokens,
      TURNS.reduce((n, t) => n + t.text.length, 0),
    );
    assert.deepEqual([r.status, r.tags], ['unreviewed', []]);
  });

  test("seed losses: vanished tools with their parameters, once each, plus S4's lost parameters", () => {
    const f = features({ conversations: conversations(TURNS) });
    const codes = f.problems.map(([c]) => c);
    for (const c of ['S2', 'S3', 'S4']) assert.ok(codes.includes(c), `${c} in ${codes}`);
    // The seed's own output names the tools it kept; check the figure against it as well.
    const res = seedProcessSystem(TURNS[0].text);
    assert.ok(res.ok);
    const kept = new Set(res.trace.funcNames);
    const lost = TOOLS.filter((t) => !kept.has(t.name));
    assert.deepEqual(
      lost.map((t) => t.name),
      ['stock', 't10', 't11'],
    );
    // Lost: stock (2), t10 (3), t11 (1) with their tools; weather keeps city but loses day (1);
    // ping gets stock's "code", which is not one of its own, so nothing is kept there.
    assert.deepEqual(f.record!.seedLost, { tools: 3, params: 2 + 3 + 1 + 1 });
  });

  test('problems: diagnostics by code, most frequent first, and by severity', () => {
    const f = features({ conversations: conversations(TURNS) });
    const total = f.problems.reduce((n, [, c]) => n + c, 0);
    assert.equal(f.severities.error + f.severities.warning + f.severities.info, total);
    assert.deepEqual(
      f.problems.find(([c]) => c === 'S2'),
      ['S2', 2],
    );
    for (let i = 1; i < f.problems.length; i++) assert.ok(f.problems[i - 1][1] >= f.problems[i][1]);
  });

  test('an AgentFabric record: tools from its system prompt, calls from its traces', () => {
    // AgentFabric's trace reader takes "Action:" anywhere, so the ms_agent test's inline one goes.
    const turns = TURNS.map((t) => ({
      ...t,
      text: t.text.replace(' Note: Action: inside a line is no call.', ''),
    }));
    const converted = convertTurnsToAgentFabric(turns, { userPrefix: 'last' });
    assert.ok(converted.ok);
    const f = features({ conversations: conversations(converted.turns) });
    const r = f.record!;
    assert.equal(r.format, 'agentfabric');
    assert.equal(r.tools, 11);
    assert.equal(r.calls, 3);
    assert.deepEqual(r.calledTools, [
      ['weather', 2],
      ['stock', 1],
    ]);
    assert.deepEqual(r.seedLost, { tools: 0, params: 0 });
  });

  test('review status and tags come from the record', () => {
    const value = withReview(
      { conversations: conversations(TURNS) },
      { status: 'needs-fix', tags: ['bad-args', 'long'], note: 'x' },
    );
    const r = features(value).record!;
    assert.deepEqual([r.status, r.tags], ['needs-fix', ['bad-args', 'long']]);
  });

  test('a chat record has no tools; a line that is not a record has problems only', () => {
    const chat = features({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ],
    });
    assert.equal(chat.record!.format, 'chat');
    assert.deepEqual(
      [chat.record!.tools, chat.record!.calls, chat.record!.turns, chat.record!.rounds],
      [0, 0, 2, 1],
    );
    const bad = features('{"id": 1, "conversations": [}');
    assert.equal(bad.kind, 'invalid');
    assert.equal(bad.record, undefined);
    assert.equal(bad.problems.length, 1);
    assert.equal(bad.severities.error, 1);
  });
});

test('the tools and actions the checks hand on give the same features as parsing them again', () => {
  const analyzer = new FileAnalyzer();
  let compared = 0;
  const formats = new Set<string>();
  for (const g of generateCorpusWithTruth({ records: 300, seed: 11, anomalies: true })) {
    const texts = [g.text];
    // The same records after conversion, and the seed's variant: the AgentFabric checks' hand-off too.
    const value = (() => {
      try {
        return JSON.parse(g.text);
      } catch {
        return undefined;
      }
    })();
    const turns = Array.isArray(value?.conversations)
      ? (value.conversations as { from: string; value: string }[]).map((t) => ({
          role: t.from,
          text: t.value,
        }))
      : undefined;
    const converted = turns ? convertTurnsToAgentFabric(turns, { userPrefix: 'last' }) : undefined;
    if (converted?.ok) texts.push(JSON.stringify({ conversations: conversations(converted.turns) }));
    for (const text of texts) {
      const analyzed = analyzer.line({ line: 1, bytes: Buffer.from(text), crlf: false, unterminated: false });
      if (!analyzed.record) continue;
      assert.ok(analyzed.parts, 'a checked record hands on its parts');
      const handedOn = lineFeatures(analyzed, charCounter);
      const reparsed = lineFeatures({ ...analyzed, parts: undefined }, charCounter);
      assert.deepEqual(handedOn, reparsed);
      formats.add(analyzed.record.format);
      compared++;
    }
  }
  assert.ok(compared > 400, `compared ${compared}`);
  assert.ok(formats.has('ms_agent') && formats.has('agentfabric'), [...formats].join());
});
