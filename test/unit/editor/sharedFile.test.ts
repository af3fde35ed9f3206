/**
 * Reading a document into shared memory: in slices, large files as two halves at once, its lines indexed
 * as the bytes arrive in file order. Whatever the slice size and the split, the bytes and the index must
 * be the file's, as reading it whole and indexing it afterwards gives them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildLineIndex, type LineIndex } from '../../../src/core/jsonl/lineIndex';
import { readFileShared } from '../../../src/editor/sharedFile';
import { Rng } from '../../fixtures/generator/random';

const dir = mkdtempSync(join(tmpdir(), 'afc-shared-'));

function starts(index: LineIndex): number[] {
  const out: number[] = [];
  for (let i = 0; i < index.count; i++) out.push(index.start(i), index.end(i));
  return out;
}

/** Lines of random lengths (some empty, some CRLF), with or without a BOM and a final newline. */
function content(rng: Rng, lines: number, bom: boolean, finalNewline: boolean): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < lines; i++) {
    const text = 'x中'.repeat(rng.int(0, 40));
    parts.push(text + (rng.chance(0.2) ? '\r\n' : '\n'));
  }
  let s = parts.join('');
  if (!finalNewline) s = s.replace(/\r?\n$/, '');
  return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(s, 'utf8')]);
}

describe('readFileShared', () => {
  test('gives the file and its index for every slice size, read whole or as two halves', async () => {
    const rng = new Rng(31);
    let cases = 0;
    for (const lines of [0, 1, 2, 7, 60]) {
      for (const bom of [false, true]) {
        for (const finalNewline of [true, false]) {
          const bytes = content(rng, lines, bom, finalNewline);
          const path = join(dir, `f${cases}.jsonl`);
          writeFileSync(path, bytes);
          const expected = starts(buildLineIndex(bytes));
          for (const slice of [1, 2, 3, 5, 64, 1 << 20]) {
            for (const parallelFrom of [0, Number.POSITIVE_INFINITY]) {
              const got = await readFileShared(path, { slice, parallelFrom });
              const what = `${lines} lines, bom ${bom}, final newline ${finalNewline}, slice ${slice}, halves from ${parallelFrom}`;
              assert.ok(got.bytes.buffer instanceof SharedArrayBuffer, what);
              assert.ok(got.bytes.equals(bytes), what);
              assert.deepEqual(starts(got.index), expected, what);
              assert.equal(got.index.hasBom, bom && bytes.length >= 3, what);
            }
          }
          cases++;
        }
      }
    }
    assert.equal(cases, 20);
  });
});
