import assert from 'node:assert/strict';
import fs, { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AtomicFile, writeFileAtomic } from '../../../src/core/io/atomicWrite';

const dir = () => mkdtempSync(join(tmpdir(), 'afc-atomic-'));

/** 40 MB in 1 MB chunks, each chunk's bytes telling where it belongs. */
function chunks(): Buffer[] {
  return Array.from({ length: 40 }, (_, i) => Buffer.alloc(1 << 20, i + 1));
}

test('a large file is flushed as it is written and renamed over the target only at commit', async () => {
  const d = dir();
  const target = join(d, 'train.jsonl');
  writeFileSync(target, 'old\n');
  const original = fs.fdatasync;
  let flushes = 0;
  // Counted, not replaced: the flushes still happen. (Named imports of a built-in follow its exports
  // object only once synced.)
  fs.fdatasync = ((fd: number, cb: fs.NoParamCallback) => {
    flushes++;
    original(fd, cb);
  }) as typeof fs.fdatasync;
  syncBuiltinESMExports();
  try {
    const f = new AtomicFile(target);
    for (const c of chunks()) await f.write(c);
    assert.equal(readFileSync(target, 'utf8'), 'old\n', 'the target is untouched until commit');
    await f.commit();
  } finally {
    fs.fdatasync = original;
    syncBuiltinESMExports();
  }
  assert.ok(flushes >= 1, `${flushes} background flushes`);
  assert.ok(Buffer.concat(chunks()).equals(readFileSync(target)));
  assert.deepEqual(readdirSync(d), ['train.jsonl'], 'no temporary file is left');
});

test('an aborted file leaves the target as it was and no temporary file, even mid-flush', async () => {
  const d = dir();
  const target = join(d, 'val.jsonl');
  const f = new AtomicFile(target);
  for (const c of chunks()) await f.write(c);
  await f.abort();
  assert.equal(existsSync(target), false);
  assert.deepEqual(readdirSync(d), []);
});

test('writing where no file can be created is an error, not a silent loss', async () => {
  await assert.rejects(writeFileAtomic(join(dir(), 'missing', 'report.json'), '{}\n'), /ENOENT/);
});
