import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLineIndex, LineIndexBuilder } from '../../../src/core/jsonl/lineIndex';

function lines(text: string | Buffer): string[] {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const idx = buildLineIndex(buf);
  const out: string[] = [];
  for (let i = 0; i < idx.count; i++) out.push(buf.subarray(idx.start(i), idx.end(i)).toString('utf8'));
  return out;
}

test('splits LF lines and does not count an empty tail', () => {
  assert.deepEqual(lines('a\nb\n'), ['a', 'b']);
  assert.equal(buildLineIndex(Buffer.from('a\nb\n')).lastLineUnterminated, false);
});

test('a last line without newline is a line and is flagged unterminated', () => {
  const idx = buildLineIndex(Buffer.from('a\n{"x": 1'));
  assert.equal(idx.count, 2);
  assert.equal(idx.lastLineUnterminated, true);
  assert.deepEqual(lines('a\n{"x": 1'), ['a', '{"x": 1']);
});

test('CRLF: the carriage return is not part of the line, and is reported per line', () => {
  const buf = Buffer.from('a\r\nb\nc\r\n');
  const idx = buildLineIndex(buf);
  assert.deepEqual(lines(buf), ['a', 'b', 'c']);
  assert.deepEqual(
    [0, 1, 2].map((i) => idx.hasCrlf(i)),
    [true, false, true],
  );
});

test('a UTF-8 BOM is skipped and reported', () => {
  const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\n')]);
  const idx = buildLineIndex(buf);
  assert.equal(idx.hasBom, true);
  assert.deepEqual(lines(buf), ['{"a":1}']);
});

test('blank lines are kept as lines so numbering matches the file', () => {
  assert.deepEqual(lines('a\n\n\nb\n'), ['a', '', '', 'b']);
});

test('empty buffer has no lines', () => {
  assert.equal(buildLineIndex(Buffer.alloc(0)).count, 0);
});

test('offsets are byte offsets (multi-byte characters before a line)', () => {
  const buf = Buffer.from('工具\nx\n');
  const idx = buildLineIndex(buf);
  assert.equal(idx.start(1), 7);
});

test('grows beyond its initial capacity', () => {
  const text = 'x\n'.repeat(5000);
  const idx = buildLineIndex(Buffer.from(text));
  assert.equal(idx.count, 5000);
  assert.equal(idx.start(4999), 9998);
});

test('built as the bytes arrive, in slices of any size, the index is the one built at once', () => {
  const texts = [
    '',
    'a',
    '\n',
    '\n\n',
    'a\nb\n',
    'a\r\nb\r\n\r\nc',
    '\ufeff{"a": 1}\n{"b": 2}\n',
    '\ufeff',
    '\ufeffx',
    '{"x": "你好"}\n\n{"y": 1}\r\n{"z":',
  ];
  const describe = (buf: Buffer, idx: ReturnType<typeof buildLineIndex>) => ({
    count: idx.count,
    hasBom: idx.hasBom,
    unterminated: idx.lastLineUnterminated,
    lines: Array.from({ length: idx.count }, (_, i) => [idx.start(i), idx.end(i), idx.hasCrlf(i)]),
    text: buf.length,
  });
  for (const text of texts) {
    const buf = Buffer.from(text, 'utf8');
    const expected = describe(buf, buildLineIndex(buf));
    for (let slice = 1; slice <= Math.max(1, buf.length); slice++) {
      const builder = new LineIndexBuilder(buf);
      for (let upTo = slice; upTo < buf.length; upTo += slice) builder.scan(upTo);
      assert.deepEqual(
        describe(buf, builder.finish()),
        expected,
        `${JSON.stringify(text)} in slices of ${slice}`,
      );
    }
  }
});
