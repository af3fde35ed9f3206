import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  emptyStatus,
  type FromWebview,
  isToWebview,
  MAX_ROWS_PER_REQUEST,
  parseFromWebview,
  type ToWebview,
} from '../../../src/editor/protocol';

/** What crosses postMessage: structured clone, here approximated by a JSON round trip. */
const wire = <T>(m: T): unknown => JSON.parse(JSON.stringify(m));

describe('webview → host messages', () => {
  const every: FromWebview[] = [
    { type: 'ready' },
    { type: 'getRows', requestId: 1, start: 0, count: 200 },
    { type: 'getRecord', requestId: 2, line: 7, profile: 'seed' },
    { type: 'locate', requestId: 3, line: 12 },
    { type: 'selected', line: 4 },
    { type: 'selected', line: null },
    { type: 'setProfile', profile: 'agentfabric' },
    { type: 'command', command: 'compare', line: 3 },
    { type: 'command', command: 'goTo' },
  ];

  test('every message shape survives the trip and is accepted as it was sent', () => {
    for (const m of every) assert.deepEqual(parseFromWebview(wire(m)), m);
  });

  test('malformed messages are refused', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'nope' },
      { type: 'getRows', requestId: 1, start: -1, count: 5 },
      { type: 'getRows', requestId: 1, start: 0.5, count: 5 },
      { type: 'getRows', requestId: '1', start: 0, count: 5 },
      { type: 'getRecord', requestId: 1, line: 1, profile: 'gpt' },
      { type: 'selected', line: 'x' },
      { type: 'setProfile', profile: '' },
      { type: 'command', command: 'rm -rf' },
      { type: 'command', command: 'compare', line: -3 },
    ];
    for (const m of bad) assert.equal(parseFromWebview(m), undefined, JSON.stringify(m));
  });

  test('a request for too many rows is cut down', () => {
    const m = parseFromWebview({ type: 'getRows', requestId: 1, start: 0, count: 10_000_000 });
    assert.equal(m?.type === 'getRows' && m.count, MAX_ROWS_PER_REQUEST);
  });
});

describe('host → webview messages', () => {
  const every: ToWebview[] = [
    {
      type: 'init',
      file: { fileName: 'a.jsonl', byteLength: 10, lineCount: 2, rowCount: 1 },
      profile: 'agentfabric',
      status: emptyStatus(),
    },
    {
      type: 'rows',
      requestId: 1,
      start: 0,
      rows: [{ line: 1, kind: 'record', id: 'x', review: 'unreviewed' }],
    },
    { type: 'record', requestId: 2, detail: null },
    { type: 'located', requestId: 3, row: -1 },
    { type: 'status', status: { ...emptyStatus(), state: 'done', progress: 1 } },
    { type: 'problems', problems: [], total: 0 },
    {
      type: 'reset',
      file: {
        fileName: 'b.jsonl',
        byteLength: 3,
        lineCount: 1,
        rowCount: 0,
        error: { kind: 'binary', message: 'm', detail: 'd' },
      },
    },
    { type: 'reveal', line: 9 },
    { type: 'profile', profile: 'seed' },
  ];

  test('every message shape survives the trip and is recognised', () => {
    for (const m of every) {
      const back = wire(m);
      assert.ok(isToWebview(back), m.type);
      assert.deepEqual(back, m);
    }
  });

  test('messages from something else on the page are ignored', () => {
    for (const m of [null, 1, { type: 'getRows' }, { kind: 'init' }]) assert.equal(isToWebview(m), false);
  });
});
