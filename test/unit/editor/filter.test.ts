import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildLineIndex } from '../../../src/core/jsonl/lineIndex';
import { runCheckPass } from '../../../src/editor/model/checkPass';
import { CuratorModel } from '../../../src/editor/model/curatorModel';
import {
  compileFilter,
  FilterRun,
  intersectSorted,
  nextUnreviewed,
  rowIn,
} from '../../../src/editor/model/filter';
import { CuratorSession } from '../../../src/editor/model/session';
import type { RecordFilter } from '../../../src/editor/reviewProtocol';
import { chat, SAMPLE_LINES } from './helpers';

function open(text: string): CuratorSession {
  const session = new CuratorSession(new CuratorModel('f.jsonl', Buffer.from(text, 'utf8')));
  const model = session.model;
  runCheckPass(model.bytes, buildLineIndex(model.bytes), {
    onBatch: (b) => {
      model.summaries.apply(b);
      session.onBatch(b);
    },
  });
  return session;
}

function run(session: CuratorSession, filter: RecordFilter): number[] {
  const compiled = compileFilter(session, filter);
  if (!compiled.ok) throw new Error(compiled.error);
  return [...new FilterRun(compiled, session.model.rows).all()];
}

// 0: chat, 1: ms_agent sample (tools), 2: invalid, 3: chat with 工具 and "quotes", 4: user/user (error)
const LINES = [
  chat('a', 'hello world', 'fine'),
  SAMPLE_LINES[0],
  '{"id": broken',
  chat('c', 'ask about 工具 and "quotes"', 'ok'),
  JSON.stringify({
    id: 'd',
    messages: [
      { role: 'user', content: 'x' },
      { role: 'user', content: 'y' },
    ],
  }),
];
const FILE = `${LINES.join('\n')}\n`;

describe('the record list filter', () => {
  test('status, tag and their combination, over the review table', () => {
    const s = open(FILE);
    s.setReviews([0, 3], (r) => ({ ...r, status: 'approved' }), 'a');
    s.setReviews([3, 4], (r) => ({ ...r, tags: ['x'] }), 't');
    assert.deepEqual(run(s, { status: ['approved'] }), [0, 3]);
    assert.deepEqual(run(s, { status: ['unreviewed'] }), [1, 4]);
    assert.deepEqual(run(s, { tag: 'x' }), [3, 4]);
    assert.deepEqual(run(s, { status: ['approved'], tag: 'x' }), [3]);
    assert.deepEqual(run(s, { status: ['approved', 'unreviewed'] }), [0, 1, 3, 4]);
  });

  test('format, problem code and severity, over the check pass summaries', () => {
    const s = open(FILE);
    assert.deepEqual(run(s, { format: 'ms_agent' }), [1]);
    assert.deepEqual(run(s, { format: 'chat' }), [0, 3, 4]);
    assert.deepEqual(run(s, { severity: 'error' }), [2, 4], 'invalid lines have problems too');
    assert.deepEqual(run(s, { code: 'J01' }), [2]);
  });

  test('text in any turn: plain (case-insensitive), with quotes and CJK, and regular expressions', () => {
    const s = open(FILE);
    assert.deepEqual(run(s, { text: 'HELLO' }), [0]);
    assert.deepEqual(run(s, { text: 'HELLO', caseSensitive: true }), []);
    assert.deepEqual(run(s, { text: '工具 and "quotes"' }), [3]);
    assert.deepEqual(run(s, { text: '^fi.e$', regex: true }), [0]);
    assert.deepEqual(run(s, { text: 'broken' }), [], 'the id of an invalid line is not a turn');
    const bad = compileFilter(s, { text: '(', regex: true });
    assert.equal(bad.ok, false);
  });

  test('a tool name matches records declaring or calling it', () => {
    const s = open(FILE);
    assert.deepEqual(run(s, { tool: 'hm_recipe_recommend' }), [1]);
    assert.deepEqual(run(s, { tool: 'no_such_tool' }), []);
  });

  test('unsaved edits are what is searched', () => {
    const s = open(FILE);
    s.editRecord(0, { op: 'text', turn: 1, text: 'needle here' }, 'e');
    assert.deepEqual(run(s, { text: 'needle' }), [0]);
    assert.deepEqual(run(s, { text: 'fine' }), []);
  });

  test('combined criteria all hold', () => {
    const s = open(FILE);
    s.setReviews([0, 3, 4], (r) => ({ ...r, status: 'needs-fix' }), 'f');
    assert.deepEqual(run(s, { status: ['needs-fix'], format: 'chat', text: 'quotes' }), [3]);
  });

  test('a run in slices gives the same lines as a run in one go', () => {
    const many = `${Array.from({ length: 3000 }, (_, i) => chat(`r${i}`, i % 7 === 0 ? 'seven' : 'other')).join('\n')}\n`;
    const s = open(many);
    const compiled = compileFilter(s, { text: 'seven' });
    assert.ok(compiled.ok);
    const sliced = new FilterRun(compiled, s.model.rows);
    let steps = 0;
    while (!sliced.step(0)) steps++;
    assert.ok(steps > 1, 'the run yielded');
    assert.deepEqual([...sliced.result()], run(s, { text: 'seven' }));
    assert.equal(sliced.matched, Math.ceil(3000 / 7));
  });

  test('next unreviewed follows the list and wraps around', () => {
    const s = open(FILE);
    s.setReviews([0, 1], (r) => ({ ...r, status: 'approved' }), 'a');
    const rows = s.model.rows;
    assert.equal(rows[nextUnreviewed(s, rows, 0)], 3);
    assert.equal(rows[nextUnreviewed(s, rows, 4)], 3, 'wraps to the top');
    const only = Int32Array.from([0, 1]);
    assert.equal(nextUnreviewed(s, only, null), -1);
  });

  test('helpers: intersection and row lookup', () => {
    assert.deepEqual(
      [...intersectSorted(Int32Array.from([1, 3, 5, 7]), Int32Array.from([3, 4, 7, 9]))],
      [3, 7],
    );
    assert.equal(rowIn(Int32Array.from([2, 4, 6]), 4), 1);
    assert.equal(rowIn(Int32Array.from([2, 4, 6]), 5), -1);
  });
});
