import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAgentFabricSystem } from '../../../src/core/agentfabric/parse';
import { renderSystem } from '../../../src/core/agentfabric/templates';
import { buildLineIndex } from '../../../src/core/jsonl/lineIndex';
import { convertRecord } from '../../../src/core/pipeline/convertRecord';
import { readRecordText } from '../../../src/core/pipeline/readRecord';
import { type ReviewState, readReview } from '../../../src/core/review/state';
import { runCheckPass } from '../../../src/editor/model/checkPass';
import { CuratorModel } from '../../../src/editor/model/curatorModel';
import { CuratorSession } from '../../../src/editor/model/session';
import { chat, SAMPLE_LINES } from './helpers';

function open(content: string | Buffer): CuratorSession {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const session = new CuratorSession(new CuratorModel('data.jsonl', bytes));
  passOver(session);
  return session;
}

/** The worker's check pass run in-process, fed to the model and the session as the document does. */
function passOver(session: CuratorSession): void {
  const model = session.model;
  runCheckPass(model.bytes, buildLineIndex(model.bytes), {
    onBatch: (batch) => {
      model.summaries.apply(batch);
      session.onBatch(batch);
    },
  });
}

/** Saves the way the document does: the new bytes become the session's file. */
function save(session: CuratorSession): Buffer {
  const bytes = session.savedBytes();
  session.rebase(bytes);
  return bytes;
}

const approve = (s: ReviewState): ReviewState => ({ ...s, status: 'approved' });
const lines = (buf: Buffer) => buf.toString('utf8').split('\n');

const FILE = [chat('a'), chat('b'), chat('c'), chat('d', 'q', 'x'), chat('e')].join('\n') + '\n';

describe('review state: bulk actions, undo, redo, save points', () => {
  test('approving three records changes exactly those three lines, each gaining only `_review`', () => {
    const session = open(FILE);
    const out = session.setReviews([0, 2, 4], approve, 'Approve 3 records');
    assert.ok(out.ok);
    assert.deepEqual(session.dirtyLines(), [0, 2, 4]);
    const saved = save(session);
    const before = lines(Buffer.from(FILE));
    const after = lines(saved);
    assert.equal(after.length, before.length);
    for (let i = 0; i < before.length; i++) {
      if ([0, 2, 4].includes(i))
        assert.equal(after[i], `${before[i].slice(0, -1)},"_review":{"status":"approved"}}`);
      else assert.equal(after[i], before[i], `line ${i + 1} is untouched`);
    }
    assert.equal(session.isDirty, false);
    assert.equal(session.review(2).status, 'approved');
  });

  test('undo and redo move between states; the save point makes the document clean again', () => {
    const session = open(FILE);
    session.setReviews([1], approve, 'Approve');
    session.setReviews([1], (s) => ({ ...s, tags: [...s.tags, 'long'] }), 'Tag');
    assert.deepEqual(session.review(1), { status: 'approved', tags: ['long'], note: '' });
    assert.equal(session.log.isDirty, true);
    save(session);
    assert.equal(session.log.isDirty, false);
    session.undo();
    assert.deepEqual(session.review(1), { status: 'approved', tags: [], note: '' });
    assert.equal(session.isDirty, true, 'undo after save changes the saved file again');
    assert.equal(session.log.isDirty, true);
    session.redo();
    assert.equal(session.isDirty, false, 'redo back to the saved state: nothing to save');
    assert.equal(session.log.isDirty, false);
    session.undo();
    session.undo();
    assert.equal(session.review(1).status, 'unreviewed');
    // Saving the unreviewed state removes the key: the line is the original again.
    const saved = save(session);
    assert.equal(saved.toString('utf8'), FILE);
  });

  test('a bulk action is one edit: one undo brings every record back', () => {
    const session = open(FILE);
    session.setReviews([0, 1, 2, 3, 4], (s) => ({ ...s, status: 'rejected' }), 'Reject 5');
    assert.equal(session.log.applied.length, 1);
    assert.equal(session.reviews.counts().byStatus.rejected, 5);
    session.undo();
    assert.equal(session.reviews.counts().byStatus.rejected, 0);
    assert.equal(session.reviews.counts().byStatus.unreviewed, 5);
    assert.equal(session.isDirty, false);
  });

  test('records already approved are left out of the edit; lines that are not records are skipped', () => {
    const session = open(`${chat('a')}\n{"broken": \n\n${chat('b')}\n`);
    session.setReviews([0], approve, 'one');
    const out = session.setReviews([0, 1, 2, 3], approve, 'all');
    assert.ok(out.ok);
    assert.deepEqual([...(out.edit.kind === 'review' ? out.edit.lines : [])], [3]);
  });

  test('counts per status and per tag follow every change', () => {
    const session = open(FILE);
    session.setReviews([0, 1], (s) => ({ ...s, status: 'approved', tags: ['x'] }), 'a');
    session.setReviews([2], (s) => ({ ...s, status: 'needs-fix', tags: ['x', 'y'], note: 'n' }), 'b');
    const c = session.reviews.counts();
    assert.deepEqual(c.byStatus, { unreviewed: 2, approved: 2, rejected: 0, 'needs-fix': 1 });
    assert.deepEqual(c.byTag, [
      ['x', 3],
      ['y', 1],
    ]);
    assert.equal(c.reviewed, 3);
    assert.equal(c.records, 5);
  });

  test('review state in the file is read by the pass; the rows show it', () => {
    const reviewed = `${chat('a').slice(0, -1)}, "_review": {"status": "rejected", "tags": ["dup"]}}\n${chat('b')}\n`;
    const session = open(reviewed);
    assert.equal(session.review(0).status, 'rejected');
    assert.deepEqual(session.reviews.counts().byStatus, {
      unreviewed: 1,
      approved: 0,
      rejected: 1,
      'needs-fix': 0,
    });
    const [row] = session.model.rowsPage(0, 1, 'en');
    assert.equal(row.review, 'rejected');
    assert.deepEqual(row.tags, ['dup']);
    // Un-reviewing removes the key from the line and nothing else.
    session.setReviews([0], () => ({ status: 'unreviewed', tags: [], note: '' }), 'clear');
    assert.equal(lines(session.savedBytes())[0], chat('a'));
  });
});

describe('hand edits: every change re-checked, written in place', () => {
  test('editing a turn text changes only that text literal and is checked again at once', () => {
    const session = open(FILE);
    const out = session.editRecord(3, { op: 'text', turn: 1, text: 'new answer' }, 'Edit');
    assert.ok(out.ok);
    assert.deepEqual(out.change.rechecked, [3]);
    assert.equal(lines(session.savedBytes())[3], chat('d', 'q', 'new answer'));
    const [row] = session.model.rowsPage(3, 1, 'en');
    assert.equal(row.edited, true);
    assert.equal(row.unsaved, true);
  });

  test('a role change that breaks ms-swift rules shows up in the row counts; undo clears it', () => {
    const session = open(FILE);
    assert.equal(session.model.summaries.get(0).counts?.error, 0);
    const out = session.editRecord(0, { op: 'role', turn: 1, role: 'user' }, 'Role');
    assert.ok(out.ok);
    assert.ok((session.model.summaries.get(0).counts?.error ?? 0) > 0, 'user, user is an error');
    session.undo();
    assert.equal(session.model.summaries.get(0).counts?.error, 0);
    assert.equal(session.isDirty, false);
  });

  test('add, delete and reorder turns: saved lines read back as the edited conversation', () => {
    const session = open(FILE);
    session.editRecord(1, { op: 'insert', at: 2, role: 'user', text: 'more?' }, 'add');
    session.editRecord(1, { op: 'insert', at: 3, role: 'assistant', text: 'sure' }, 'add');
    session.editRecord(1, { op: 'move', turn: 2, to: 0 }, 'move');
    session.editRecord(1, { op: 'move', turn: 0, to: 2 }, 'move back');
    session.editRecord(1, { op: 'delete', turn: 3 }, 'delete');
    const saved = save(session);
    const record = readRecordText(lines(saved)[1], 2, false).record;
    assert.deepEqual(
      record?.turns.map((t) => `${t.role}:${t.text}`),
      ['user:hi', 'assistant:hello', 'user:more?'],
    );
    // Untouched lines kept their bytes.
    const orig = lines(Buffer.from(FILE));
    for (const i of [0, 2, 3, 4]) assert.equal(lines(saved)[i], orig[i]);
  });

  test('an item’s other keys survive edits that move it; added turns use the file’s role spelling', () => {
    const line =
      '{"id": "s", "conversations": [{"from": "human", "value": "q", "loss": false}, {"from": "gpt", "value": "a", "weight": 2}]}';
    const session = open(`${line}\n`);
    session.editRecord(0, { op: 'text', turn: 1, text: 'a2' }, 'text');
    session.editRecord(0, { op: 'insert', at: 2, role: 'user', text: 'q2' }, 'add');
    const out = lines(save(session))[0];
    assert.equal(
      out,
      '{"id": "s", "conversations": [{"from": "human", "value": "q", "loss": false}, {"from": "gpt", "value": "a2", "weight": 2}, {"from": "human", "value": "q2"}]}',
    );
    // After the save the history still undoes onto the new bytes.
    session.undo();
    session.undo();
    assert.equal(lines(save(session))[0], line);
  });

  test('query/response records take edits that keep their shape and refuse others', () => {
    const line = '{"system": "s", "query": "q", "response": "r", "history": [], "n": 1.50}';
    const session = open(`${line}\n`);
    assert.ok(session.editRecord(0, { op: 'text', turn: 1, text: 'q!' }, 't').ok);
    assert.equal(lines(session.savedBytes())[0], line.replace('"q"', '"q!"'));
    const dropResponse = session.editRecord(0, { op: 'delete', turn: 2 }, 'del');
    assert.equal(dropResponse.ok, true, 'system, user is a valid query without response');
    const bad = session.editRecord(0, { op: 'role', turn: 1, role: 'assistant' }, 'role');
    assert.equal(bad.ok, false);
    session.undo();
    session.editRecord(0, { op: 'insert', at: 3, role: 'user', text: 'q2' }, 'add');
    session.editRecord(0, { op: 'insert', at: 4, role: 'assistant', text: 'r2' }, 'add');
    const saved = lines(session.savedBytes())[0];
    assert.ok(saved.includes('"n": 1.50'), 'other values keep their spelling');
    const record = readRecordText(saved, 1, false).record;
    assert.deepEqual(
      record?.turns.map((t) => t.text),
      ['s', 'q!', 'r', 'q2', 'r2'],
    );
  });

  test('editing an AgentFabric tools table re-renders the system prompt exactly as the runtime does', () => {
    const ms = readRecordText(SAMPLE_LINES[0], 1, false).record;
    assert.ok(ms);
    const converted = convertRecord(ms, { profile: 'agentfabric', userPrefix: 'last' });
    assert.ok(converted.ok);
    const line = JSON.stringify({
      id: 'af',
      conversations: converted.turns.map((t) => ({ from: t.role, value: t.text })),
    });
    const session = open(`${line}\n`);
    const tools = parseAgentFabricSystem(converted.turns[0].text, 0).tools;
    const edited = tools.map((t) => ({
      name: t.name,
      description: t.description,
      params: t.params.map((p) => ({ name: p.name, description: p.description, required: p.required })),
    }));
    edited[0].description = '推荐菜谱';
    edited.push({
      name: 'weather',
      description: 'Weather by city.',
      params: [{ name: 'city', description: 'City', required: true }],
    });
    const out = session.editRecord(0, { op: 'tools', tools: edited }, 'Tools');
    assert.ok(out.ok, out.ok ? '' : out.reason);
    const now = session.readLine(0).record;
    assert.ok(now);
    const expectedTools = edited.map((t, i) => ({
      ...t,
      number: i + 1,
      humanName: t.name,
      span: { turn: 0, start: 0, end: 0 },
    }));
    assert.equal(now.turns[0].text, renderSystem(expectedTools));
    const lastUser = [...now.turns].reverse().find((t) => t.role === 'user');
    assert.ok(lastUser?.text.startsWith(`(。你可以使用工具：[${edited.map((t) => t.name).join(',')}])`));
    // Re-checked at once: the tool list and the user prefix agree (no A11/A05 about the new tool).
    const codes = session.model.summaries.get(0).codes;
    assert.ok(!codes.includes('A11'), `codes: ${codes}`);
    assert.equal(session.model.rowsPage(0, 1, 'en')[0].format, 'agentfabric');
  });

  test('tools of a record that is not AgentFabric cannot be edited', () => {
    const session = open(FILE);
    const out = session.editRecord(0, { op: 'tools', tools: [] }, 'Tools');
    assert.equal(out.ok, false);
  });
});

describe('revert', () => {
  test('revert drops the unsaved state; undo after it still undoes what was saved', () => {
    const session = open(FILE);
    session.setReviews([0], approve, 'a');
    const saved = save(session);
    session.setReviews([1], approve, 'b');
    session.revert(new CuratorModel('data.jsonl', saved));
    passOver(session);
    assert.equal(session.isDirty, false);
    assert.equal(session.review(1).status, 'unreviewed');
    assert.equal(session.review(0).status, 'approved');
    session.undo();
    assert.equal(session.review(0).status, 'unreviewed');
    assert.equal(lines(session.savedBytes())[0], chat('a'));
  });

  test('after a reload from disk, an old edit has nothing to undo and changes nothing', () => {
    const session = open(FILE);
    const out = session.setReviews([0], approve, 'a');
    assert.ok(out.ok);
    session.reload(new CuratorModel('data.jsonl', Buffer.from(FILE.replace(chat('a'), chat('z')))));
    passOver(session);
    const change = session.undo(out.edit);
    assert.deepEqual(change.lines, []);
    assert.equal(session.isDirty, false);
  });
});

describe('saving keeps every untouched byte', () => {
  test('CRLF line ends, a BOM, an unterminated last line and odd lines come through byte for byte', () => {
    const parts = [`\ufeff${chat('a')}\r\n`, `${chat('b')}\r\n`, '\r\n', '{"not json\r\n', `  ${chat('c')}`];
    const file = Buffer.from(parts.join(''), 'utf8');
    const session = open(file);
    session.setReviews([1], approve, 'a');
    session.setReviews([4], approve, 'a');
    const saved = session.savedBytes();
    const expected = Buffer.from(
      [
        `\ufeff${chat('a')}\r\n`,
        `${chat('b').slice(0, -1)},"_review":{"status":"approved"}}\r\n`,
        '\r\n',
        '{"not json\r\n',
        `  ${chat('c').slice(0, -1)},"_review":{"status":"approved"}}`,
      ].join(''),
      'utf8',
    );
    assert.deepEqual(saved, expected);
  });

  test('bytes that are not valid UTF-8 on an untouched line are copied as they are', () => {
    const file = Buffer.concat([
      Buffer.from(`${chat('a')}\n`),
      Buffer.from([0x7b, 0xff, 0xfe, 0x0a]),
      Buffer.from(`${chat('b')}\n`),
    ]);
    const session = open(file);
    session.setReviews([2], approve, 'a');
    const saved = session.savedBytes();
    assert.deepEqual(
      saved.subarray(0, file.indexOf(0x0a, file.indexOf(0xfe)) + 1),
      file.subarray(0, file.indexOf(0x0a, file.indexOf(0xfe)) + 1),
    );
  });

  test('review state round-trips through save and a fresh open', () => {
    const session = open(FILE);
    session.setReviews(
      [3],
      () => ({ status: 'needs-fix', tags: ['工具', 'long'], note: 'line 2: "quoted"\nnext' }),
      'r',
    );
    const saved = save(session);
    const reopened = open(saved);
    assert.deepEqual(reopened.review(3), {
      status: 'needs-fix',
      tags: ['工具', 'long'],
      note: 'line 2: "quoted"\nnext',
    });
    assert.deepEqual(readReview(JSON.parse(lines(saved)[3])), reopened.review(3));
  });
});

describe('backup and restore (hot exit)', () => {
  test('a backup holds the unsaved lines only, and restoring it on the same file gives the same state', () => {
    const session = open(FILE);
    session.setReviews([0, 4], approve, 'a');
    session.editRecord(2, { op: 'text', turn: 0, text: 'edited' }, 'e');
    const backup = JSON.parse(JSON.stringify(session.backup()));
    assert.deepEqual(
      backup.lines.map((l: { line: number }) => l.line),
      [0, 2, 4],
    );
    assert.ok(JSON.stringify(backup).length < FILE.length * 2, 'no copy of the file');
    const restored = open(FILE);
    assert.deepEqual(restored.restore(backup), { restored: 3, skipped: 0 });
    assert.deepEqual(restored.savedBytes(), session.savedBytes());
    assert.equal(restored.isDirty, true);
  });

  test('lines that changed on disk since the backup are skipped', () => {
    const session = open(FILE);
    session.setReviews([0, 1], approve, 'a');
    const backup = session.backup();
    const changed = FILE.replace(chat('b'), chat('B'));
    const restored = open(changed);
    assert.deepEqual(restored.restore(backup), { restored: 1, skipped: 1 });
    assert.equal(restored.review(1).status, 'unreviewed');
  });

  test('something that is not a backup is refused', () => {
    assert.throws(() => open(FILE).restore({ version: 99 }), /not a curator backup/);
  });
});

describe('30,000 records', () => {
  const big = `${Array.from({ length: 30_000 }, (_, i) => chat(`r${i}`, `question ${i}`, `answer ${i}`)).join('\n')}\n`;

  test('bulk-approving every record is one edit, fast, and saving changes every line only by `_review`', () => {
    const session = open(big);
    const all = Array.from({ length: 30_000 }, (_, i) => i);
    const t0 = performance.now();
    const out = session.setReviews(all, approve, 'Approve 30000');
    const ms = performance.now() - t0;
    assert.ok(out.ok);
    assert.equal(session.reviews.counts().byStatus.approved, 30_000);
    assert.ok(ms < 1000, `bulk approve took ${ms.toFixed(0)} ms`);
    const saved = lines(session.savedBytes());
    const orig = lines(Buffer.from(big));
    for (let i = 0; i < 30_000; i += 997)
      assert.equal(saved[i], `${orig[i].slice(0, -1)},"_review":{"status":"approved"}}`);
    session.undo();
    assert.equal(session.isDirty, false);
  });
});
