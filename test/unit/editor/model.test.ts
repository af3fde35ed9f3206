import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CuratorModel } from '../../../src/editor/model/curatorModel';
import { findLineById, lineAtOffset, renderTurns } from '../../../src/editor/model/recordText';
import { chat, modelOf, SAMPLE_IDS, SAMPLE_LINES } from './helpers';

describe('CuratorModel: rows over the line index', () => {
  const text = [chat('a'), '', '   ', chat('b'), '{"id": "broken", ', chat('c')].join('\n') + '\n';
  const model = modelOf(text);

  test('every non-blank line is a row, in file order; blank lines are not', () => {
    assert.equal(model.lineCount, 6);
    assert.deepEqual([...model.rows], [0, 3, 4, 5]);
  });

  test('a page of rows carries line, id, format and kind; a bad line carries the parser message and column', () => {
    const rows = model.rowsPage(0, 10, 'en');
    assert.deepEqual(
      rows.map((r) => [r.line, r.kind, r.id]),
      [
        [1, 'record', 'a'],
        [4, 'record', 'b'],
        [5, 'invalid', undefined],
        [6, 'record', 'c'],
      ],
    );
    assert.equal(rows[0].format, 'chat');
    assert.match(rows[2].message ?? '', /not valid JSON.*column \d+/);
    assert.equal(rows[0].review, 'unreviewed');
    // Counts exist only once the check pass has reached a line.
    assert.equal(rows[0].counts, undefined);
  });

  test('the invalid row message follows the UI language', () => {
    const [row] = model.rowsPage(2, 1, 'zh');
    assert.match(row.message ?? '', /不是合法的 JSON/);
  });

  test('paging is clipped to the rows that exist', () => {
    assert.equal(model.rowsPage(3, 100, 'en').length, 1);
    assert.equal(model.rowsPage(10, 5, 'en').length, 0);
  });

  test('rowOfLine finds the row of a line, or of the next line after a blank one', () => {
    assert.equal(model.rowOfLine(3), 1);
    assert.equal(model.rowOfLine(1), 1);
    assert.equal(model.rowOfLine(5), 3);
    assert.equal(model.rowOfLine(6), -1);
  });

  test('records are parsed on demand and cached', () => {
    const fresh = modelOf(text);
    const first = fresh.readLine(3);
    assert.equal(first.record?.id, 'b');
    assert.equal(fresh.readLine(3), first, 'the second read is served from the cache');
  });
});

describe('CuratorModel: what is and is not a text file', () => {
  test('a NUL in the first line makes the file binary: no rows and a clear file error', () => {
    const model = modelOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a, 0x41]));
    assert.equal(model.fileKind.kind, 'binary');
    assert.equal(model.rowCount, 0);
    const info = model.fileInfo('en');
    assert.equal(info.error?.kind, 'binary');
    assert.match(info.error?.message ?? '', /binary file/);
  });

  test('a good first record followed by a line of binary bytes is a damaged JSONL file, not a binary one', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${SAMPLE_LINES[0]}\n`),
      Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x80, 0x0a]),
      Buffer.from('{"id": "cut", "conversations": [{"from": "user", "value": "half wri'),
    ]);
    const model = modelOf(bytes);
    assert.equal(model.fileKind.kind, 'text');
    const rows = model.rowsPage(0, 10, 'en');
    assert.deepEqual(
      rows.map((r) => [r.line, r.kind]),
      [
        [1, 'record'],
        [2, 'invalid'],
        [3, 'invalid'],
      ],
    );
    assert.match(rows[1].message ?? '', /not valid UTF-8/);
    assert.match(rows[2].message ?? '', /last line ends in the middle/);
  });

  test('a UTF-16 file is named as such', () => {
    const model = modelOf(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(chat('a'), 'utf16le')]));
    assert.equal(model.fileKind.kind, 'utf16');
    assert.match(model.fileInfo('en').error?.message ?? '', /UTF-16/);
  });

  test('a file none of whose lines decode as UTF-8 (e.g. GBK) gets one message instead of rows of garbage', () => {
    // "你好" in GBK.
    const gbkLine = Buffer.concat([
      Buffer.from('{"id": "'),
      Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
      Buffer.from('"}\n'),
    ]);
    const model = modelOf(Buffer.concat([gbkLine, gbkLine, gbkLine]));
    assert.equal(model.fileKind.kind, 'not-utf8');
    assert.equal(model.rowCount, 0);
    assert.match(model.fileInfo('en').error?.message ?? '', /not UTF-8/);
    assert.match(model.fileInfo('zh').error?.message ?? '', /不是 UTF-8/);
  });

  test('an empty file is an empty text file', () => {
    const model = modelOf('');
    assert.equal(model.fileKind.kind, 'text');
    assert.equal(model.rowCount, 0);
  });

  test('BOM and CRLF line ends do not disturb rows', () => {
    const model = new CuratorModel('x.jsonl', Buffer.from(`\ufeff${chat('a')}\r\n${chat('b')}\r\n`, 'utf8'));
    assert.deepEqual(
      model.rowsPage(0, 5, 'en').map((r) => r.id),
      ['a', 'b'],
    );
  });
});

describe('finding records by id and rendering them as text', () => {
  const model = modelOf(
    `${SAMPLE_LINES.join('\n')}\n${chat('needle', 'mentions "MS_Agent_Bench_126374" in text')}\n${chat('7')}\n`,
  );

  test('an id is found by a byte search confirmed by parsing the line', () => {
    assert.equal(findLineById(model, SAMPLE_IDS[1]), 1);
    assert.equal(findLineById(model, 'needle'), 2);
    assert.equal(findLineById(model, 'nope'), -1);
  });

  test('numeric-looking ids are found too', () => {
    const numeric = modelOf(
      `${chat('a')}\n${JSON.stringify({ id: 42, conversations: [{ from: 'user', value: 'x' }] })}\n`,
    );
    assert.equal(findLineById(numeric, '42'), 1);
  });

  test('lineAtOffset maps a byte offset to its line', () => {
    assert.equal(lineAtOffset(model, 0), 0);
    assert.equal(lineAtOffset(model, model.index.start(1)), 1);
    assert.equal(lineAtOffset(model, model.index.start(1) - 1), 0);
  });

  test('renderTurns writes a header per turn and keeps the text', () => {
    const text = renderTurns([
      { role: 'user', text: 'a <script>x</script>' },
      { role: 'assistant', text: 'b' },
    ]);
    assert.equal(text, '───── [1] user ─────\na <script>x</script>\n\n───── [2] assistant ─────\nb\n');
  });
});
