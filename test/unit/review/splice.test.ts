import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectJsonStyle, stringifyInStyle } from '../../../src/core/review/jsonStyle';
import { spliceReview, spliceReviewBytes } from '../../../src/core/review/splice';
import { type ReviewState, readReview, UNREVIEWED } from '../../../src/core/review/state';

const approved: ReviewState = { status: 'approved', tags: [], note: '' };
const tagged: ReviewState = { status: 'needs-fix', tags: ['long', '工具'], note: 'check turn 3' };

const PY = '{"id": "r1", "conversations": [{"from": "user", "value": "hi \\"_review\\" there"}], "n": 1.0}';
const COMPACT = '{"id":"r1","messages":[{"role":"user","content":"hi"}],"n":12345678901234567890}';

describe('spliceReview: the review state is written into the line and nothing else changes', () => {
  test('a Python-style line gains only `, "_review": {...}` before its closing brace', () => {
    const out = spliceReview(PY, approved);
    assert.equal(out, `${PY.slice(0, -1)}, "_review": {"status": "approved"}}`);
    assert.equal(readReview(JSON.parse(out)).status, 'approved');
  });

  test('a compact line gains a compact member; long numbers and 1.0 keep their spelling', () => {
    const out = spliceReview(COMPACT, tagged);
    assert.equal(
      out,
      `${COMPACT.slice(0, -1)},"_review":{"status":"needs-fix","tags":["long","工具"],"note":"check turn 3"}}`,
    );
    assert.ok(out.includes('12345678901234567890'));
  });

  test('an existing `_review` value is replaced in place; the bytes around it are kept', () => {
    const line = '{"_review": {"status": "rejected"},  "id": "x", "messages": []}';
    assert.equal(
      spliceReview(line, approved),
      '{"_review": {"status": "approved"},  "id": "x", "messages": []}',
    );
  });

  test('back to unreviewed removes the key and its comma: the original line comes back byte for byte', () => {
    const reviewed = spliceReview(PY, tagged);
    assert.notEqual(reviewed, PY);
    assert.equal(spliceReview(reviewed, UNREVIEWED), PY);
    const compact = spliceReview(COMPACT, approved);
    assert.equal(spliceReview(compact, UNREVIEWED), COMPACT);
  });

  test('removal works wherever the key sits: first, middle, alone', () => {
    assert.equal(spliceReview('{"_review": {"status": "approved"}, "id": 1}', UNREVIEWED), '{"id": 1}');
    assert.equal(
      spliceReview('{"a": 1, "_review": {"status": "approved"}, "b": 2}', UNREVIEWED),
      '{"a": 1, "b": 2}',
    );
    assert.equal(spliceReview('{"_review": {"status": "approved"}}', UNREVIEWED), '{}');
  });

  test('an unreviewed state on a line without the key leaves the line untouched', () => {
    assert.equal(spliceReview(PY, UNREVIEWED), PY);
  });

  test('"_review" inside a turn text is not mistaken for the key', () => {
    const out = spliceReview(PY, approved);
    assert.equal(JSON.parse(out).conversations[0].value, 'hi "_review" there');
  });

  test('a nested `_review` key is not the record’s: the record’s own is appended', () => {
    const line = '{"meta": {"_review": 1}, "messages": []}';
    const out = spliceReview(line, approved);
    assert.deepEqual(JSON.parse(out).meta, { _review: 1 });
    assert.equal(readReview(JSON.parse(out)).status, 'approved');
  });

  test('a line written with \\u escapes (ensure_ascii) gets escaped tags too', () => {
    const line = '{"id": "\\u4f60", "messages": []}';
    const out = spliceReview(line, { status: 'approved', tags: ['好'], note: '' });
    assert.ok(out.endsWith('"tags": ["\\u597d"]}}'), out);
    assert.deepEqual(readReview(JSON.parse(out)).tags, ['好']);
  });

  test('whitespace before the closing brace stays where it was', () => {
    assert.equal(spliceReview('{"a": 1 }', approved), '{"a": 1, "_review": {"status": "approved"} }');
  });

  test('an empty object gets the member without a comma', () => {
    assert.equal(spliceReview('{}', approved), '{"_review":{"status":"approved"}}');
  });
});

describe('JSON style', () => {
  test('is read off the first member', () => {
    assert.deepEqual(detectJsonStyle(PY), { colon: ': ', comma: ', ', asciiOnly: false });
    assert.deepEqual(detectJsonStyle(COMPACT), { colon: ':', comma: ',', asciiOnly: false });
  });

  test('stringifyInStyle writes what JSON.parse reads back', () => {
    const value = { a: ['x', { b: 'é\n"' }], c: true, d: null, e: 3 };
    for (const style of [
      detectJsonStyle(PY),
      detectJsonStyle(COMPACT),
      { colon: ':', comma: ',', asciiOnly: true },
    ])
      assert.deepEqual(JSON.parse(stringifyInStyle(value, style)), value);
  });
});

describe('spliceReviewBytes: the byte path gives the text path’s bytes', () => {
  const lines = [
    PY,
    COMPACT,
    '{"a": 1 }  ',
    '{}',
    '{"id": "\\u4f60", "messages": []}',
    '{"id": "你好", "messages": [{"role": "user", "content": "\\u00e9 \\"_review\\""}]}',
    '{"k\u00e9y": 1, "m": []}',
  ];
  const states: ReviewState[] = [
    approved,
    tagged,
    { status: 'rejected', tags: ['é', '工具'], note: 'a\nb' },
    UNREVIEWED,
  ];

  test('for every line without the key and every state', () => {
    for (const line of lines)
      for (const state of states) {
        const bytes = spliceReviewBytes(Buffer.from(line, 'utf8'), state);
        assert.ok(bytes, line);
        assert.equal(bytes.toString('utf8'), spliceReview(line, state), `${line} ${JSON.stringify(state)}`);
      }
  });

  test('a line that has the key already takes the text path', () => {
    assert.equal(spliceReviewBytes(Buffer.from('{"_review": {"status": "approved"}}'), tagged), undefined);
  });
});
