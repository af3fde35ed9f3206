import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type LineEvent, linesOfBuffer, readLines } from '../../../src/core/jsonl/readLines';

const dir = mkdtempSync(join(tmpdir(), 'afc-lines-'));

async function collect(buf: Buffer): Promise<LineEvent[]> {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(path, buf);
  const out: LineEvent[] = [];
  for await (const ev of readLines(path)) out.push(ev);
  return out;
}

function texts(evs: LineEvent[]): string[] {
  return evs.flatMap((e) => (e.type === 'line' ? [e.bytes.toString('utf8')] : []));
}

test('streams the same lines as the in-memory index, BOM, CRLF and unterminated tail included', async () => {
  const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\r\n\n{"b":2}\n{"c":')]);
  const streamed = await collect(buf);
  const indexed = [...linesOfBuffer(buf)];
  assert.deepEqual(texts(streamed), ['{"a":1}', '', '{"b":2}', '{"c":']);
  assert.deepEqual(texts(indexed), texts(streamed));
  assert.equal(streamed[0].type, 'bom');
  const last = streamed.at(-1);
  assert.ok(last?.type === 'line' && last.unterminated && last.line === 4);
  const first = streamed[1];
  assert.ok(first.type === 'line' && first.crlf);
});

test('lines that straddle the 4 MB read chunks come out whole, with right numbers', async () => {
  const line = `{"v": "${'工'.repeat(300_000)}"}`; // ~900 KB per line
  const buf = Buffer.from(`${line}\n`.repeat(12));
  const evs = await collect(buf);
  const ls = evs.filter((e) => e.type === 'line');
  assert.equal(ls.length, 12);
  assert.ok(ls.every((e) => e.type === 'line' && e.bytes.toString('utf8') === line));
  assert.deepEqual(
    ls.map((e) => (e.type === 'line' ? e.line : 0)),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  );
});

test('a binary file yields one binary event and no lines', async () => {
  const evs = await collect(Buffer.from([0x7b, 0x22, 0x00, 0x01, 0x0a, 0x41]));
  assert.deepEqual(evs, [{ type: 'binary', byteOffset: 2 }]);
  assert.deepEqual([...linesOfBuffer(Buffer.from([0x00]))], [{ type: 'binary', byteOffset: 0 }]);
});

test('an empty file has no lines', async () => {
  assert.deepEqual(await collect(Buffer.alloc(0)), []);
});
