import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildLineIndex } from '../../../src/core/jsonl/lineIndex';
import type { PlacedTurn } from '../../../src/core/review/turnSplice';
import { EditLog } from '../../../src/editor/model/editLog';
import { applyRecordOp, placedTurns } from '../../../src/editor/model/recordOps';
import { ReviewTable } from '../../../src/editor/model/reviewTable';
import { joinChunks, savedChunks } from '../../../src/editor/model/saveBytes';
import { isToWebview, parseFromWebview } from '../../../src/editor/protocol';
import {
  isActiveFilter,
  parseRecordFilter,
  type ReviewFromWebview,
} from '../../../src/editor/reviewProtocol';

const wire = <T>(m: T): unknown => JSON.parse(JSON.stringify(m));

describe('review messages from the webview', () => {
  const every: ReviewFromWebview[] = [
    { type: 'review', target: { kind: 'lines', lines: [1, 5] }, op: { op: 'status', status: 'approved' } },
    { type: 'review', target: { kind: 'filter' }, op: { op: 'addTag', tag: 'long' } },
    { type: 'review', target: { kind: 'lines', lines: [2] }, op: { op: 'removeTag', tag: 'x' } },
    {
      type: 'review',
      target: { kind: 'lines', lines: [2] },
      op: { op: 'note', note: 'a "note"\nsecond line' },
    },
    { type: 'editRecord', line: 3, op: { op: 'text', turn: 1, text: 'new' } },
    { type: 'editRecord', line: 3, op: { op: 'role', turn: 1, role: 'user' } },
    { type: 'editRecord', line: 3, op: { op: 'insert', at: 2, role: 'assistant', text: '' } },
    { type: 'editRecord', line: 3, op: { op: 'delete', turn: 0 } },
    { type: 'editRecord', line: 3, op: { op: 'move', turn: 0, to: 2 } },
    {
      type: 'editRecord',
      line: 3,
      op: {
        op: 'tools',
        tools: [
          {
            name: 'w',
            description: 'd',
            params: [{ name: 'c', description: '', required: true, type: 'integer' }],
          },
        ],
      },
    },
    { type: 'setFilter', filter: { status: ['approved', 'needs-fix'], text: 'x', regex: true } },
    { type: 'setFilter', filter: null },
    { type: 'findNext', requestId: 4, after: 12 },
    { type: 'findNext', requestId: 5, after: null },
  ];

  test('every review message survives the trip and is accepted as it was sent', () => {
    for (const m of every) assert.deepEqual(parseFromWebview(wire(m)), m);
  });

  test('malformed messages are refused', () => {
    const bad: unknown[] = [
      { type: 'review', target: { kind: 'lines', lines: [0] }, op: { op: 'status', status: 'approved' } },
      { type: 'review', target: { kind: 'lines', lines: [1] }, op: { op: 'status', status: 'great' } },
      { type: 'review', target: { kind: 'lines', lines: [1] }, op: { op: 'addTag', tag: '   ' } },
      { type: 'review', target: { kind: 'all' }, op: { op: 'status', status: 'approved' } },
      { type: 'editRecord', line: 0, op: { op: 'text', turn: 0, text: '' } },
      { type: 'editRecord', line: 1, op: { op: 'role', turn: 0, role: '' } },
      {
        type: 'editRecord',
        line: 1,
        op: { op: 'tools', tools: [{ name: 'x', description: 'd', params: [{ name: 'p' }] }] },
      },
      { type: 'setFilter', filter: { severity: 'fatal' } },
      { type: 'setFilter', filter: { status: 'approved' } },
      { type: 'findNext', requestId: -1, after: null },
    ];
    for (const m of bad) assert.equal(parseFromWebview(m), undefined, JSON.stringify(m));
  });

  test('tags are trimmed and inner whitespace collapsed', () => {
    const m = parseFromWebview({
      type: 'review',
      target: { kind: 'filter' },
      op: { op: 'addTag', tag: '  needs   a look ' },
    });
    assert.deepEqual(m, {
      type: 'review',
      target: { kind: 'filter' },
      op: { op: 'addTag', tag: 'needs a look' },
    });
  });

  test('an empty filter is no filter', () => {
    assert.equal(isActiveFilter(parseRecordFilter({ text: '', status: [] })), false);
    assert.equal(isActiveFilter(parseRecordFilter({ tool: 'w' })), true);
  });

  test('review events from the host are recognised', () => {
    assert.ok(
      isToWebview({ type: 'listView', rowCount: 1, totalRows: 2, filter: null, running: false, progress: 1 }),
    );
    assert.ok(isToWebview({ type: 'action', action: 'approve' }));
    assert.ok(!isToWebview({ type: 'approveEverything' }));
  });
});

describe('hand-edit operations on a conversation', () => {
  const turns: PlacedTurn[] = placedTurns([
    { role: 'system', text: 's' },
    { role: 'user', text: 'u' },
    { role: 'assistant', text: 'a' },
  ]);

  test('text, role, insert, delete and move keep each turn’s origin', () => {
    const text = applyRecordOp(turns, 'chat', { op: 'text', turn: 1, text: 'U' });
    assert.ok(text.ok);
    assert.deepEqual(text.turns[1], { role: 'user', text: 'U', origin: 1 });
    const inserted = applyRecordOp(turns, 'chat', { op: 'insert', at: 3, role: 'user', text: 'more' });
    assert.ok(inserted.ok);
    assert.equal(inserted.turns[3].origin, undefined);
    const moved = applyRecordOp(turns, 'chat', { op: 'move', turn: 2, to: 0 });
    assert.ok(moved.ok);
    assert.deepEqual(
      moved.turns.map((t) => t.origin),
      [2, 0, 1],
    );
    const deleted = applyRecordOp(turns, 'chat', { op: 'delete', turn: 0 });
    assert.ok(deleted.ok);
    assert.deepEqual(
      deleted.turns.map((t) => t.text),
      ['u', 'a'],
    );
    assert.equal(turns[1].text, 'u', 'the input is not changed');
  });

  test('operations that change nothing or point nowhere are refused with a reason', () => {
    for (const op of [
      { op: 'text', turn: 1, text: 'u' },
      { op: 'role', turn: 5, role: 'user' },
      { op: 'move', turn: 1, to: 1 },
      { op: 'insert', at: 9, role: 'user', text: '' },
    ] as const) {
      const r = applyRecordOp(turns, 'chat', op);
      assert.equal(r.ok, false, JSON.stringify(op));
      if (!r.ok) assert.ok(r.reason.length > 0);
    }
    const one = placedTurns([{ role: 'user', text: 'u' }]);
    assert.equal(applyRecordOp(one, 'chat', { op: 'delete', turn: 0 }).ok, false);
  });
});

describe('review table', () => {
  test('counts by status and tag follow set(), and unreviewed is records minus reviewed', () => {
    const table = new ReviewTable(10);
    table.records = 10;
    table.set(1, { status: 'approved', tags: ['a', 'b'], note: '' });
    table.set(2, { status: 'approved', tags: ['a'], note: 'n' });
    table.set(1, { status: 'rejected', tags: ['b'], note: '' });
    const c = table.counts();
    assert.deepEqual(c.byStatus, { unreviewed: 8, approved: 1, rejected: 1, 'needs-fix': 0 });
    assert.deepEqual(c.byTag, [
      ['a', 1],
      ['b', 1],
    ]);
    assert.equal(table.noteOf(2), 'n');
    assert.deepEqual(table.get(3), { status: 'unreviewed', tags: [], note: '' });
    assert.throws(() => table.set(10, { status: 'approved', tags: [], note: '' }), RangeError);
  });
});

describe('edit log: revert and rewrite', () => {
  test('revert keeps the history up to the save point, drops what came after', () => {
    const log = new EditLog<{ label: string }>();
    log.push({ label: 'a' });
    log.push({ label: 'b' });
    log.markSaved();
    log.push({ label: 'c' });
    log.revertToSaved();
    assert.deepEqual(
      log.applied.map((e) => e.label),
      ['a', 'b'],
    );
    assert.equal(log.isDirty, false);
    assert.equal(log.canRedo, false);
  });

  test('a save point lost in a dropped redo branch makes revert forget everything', () => {
    const log = new EditLog<{ label: string }>();
    log.push({ label: 'a' });
    log.markSaved();
    log.undo();
    log.push({ label: 'b' });
    log.revertToSaved();
    assert.equal(log.applied.length, 0);
  });

  test('map rewrites done and undone edits alike', () => {
    const log = new EditLog<{ label: string }>();
    log.push({ label: 'a' });
    log.push({ label: 'b' });
    log.undo();
    log.map((e) => ({ label: e.label.toUpperCase() }));
    assert.deepEqual(
      log.applied.map((e) => e.label),
      ['A'],
    );
    assert.deepEqual(
      log.redoable.map((e) => e.label),
      ['B'],
    );
  });
});

describe('saved chunks', () => {
  test('a BOM, CRLF ends and the missing last newline are copied; changed lines replaced', () => {
    const file = Buffer.from('\ufeffone\r\ntwo\r\nthree', 'utf8');
    const index = buildLineIndex(file);
    const out = joinChunks(
      savedChunks(
        file,
        index,
        new Map([
          [1, 'TWO'],
          [2, '3'],
        ]),
      ),
    );
    assert.equal(out.toString('utf8'), '\ufeffone\r\nTWO\r\n3');
    assert.deepEqual(joinChunks(savedChunks(file, index, new Map())), file);
  });

  test('a line outside the document is refused', () => {
    const file = Buffer.from('a\n');
    assert.throws(() => savedChunks(file, buildLineIndex(file), new Map([[3, 'x']])), RangeError);
  });
});
