import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { PipelineWorkerError } from '../../../src/core/parallel/pool';
import { generateCorpus } from '../../fixtures/generate';
import { all, freshDir, run } from './helpers';

const ROOT = resolve(__dirname, '../../..');
const dir = freshDir();
// Copied out of dist/ so another test file rebuilding it cannot change it mid-test.
const WORKER = join(dir, 'pipelineWorker.js');
const MAIN = join(dir, 'main.jsonl');
const EXTRA = join(dir, 'extra.jsonl');
const STATUSES = ['approved', 'rejected', 'needs-fix', 'approved', undefined];

before(() => {
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
  copyFileSync(join(ROOT, 'dist/pipelineWorker.js'), WORKER);
  // The worker loads the token estimate's ranks from beside it, as in dist/.
  copyFileSync(join(ROOT, 'dist/cl100k_base.js'), join(dir, 'cl100k_base.js'));
  // Over the 4 MB threshold, with the generator's anomalies (BOM, CRLF, invalid and truncated lines,
  // duplicate ids) and review states on most records.
  const lines = [...generateCorpus({ records: 3000, seed: 'export-parallel', anomalies: true })].map(
    (l, i) => {
      const status = STATUSES[i % STATUSES.length];
      if (!status || !l.startsWith('{') || l.endsWith('\r')) return l;
      try {
        const value = JSON.parse(l) as Record<string, unknown>;
        return JSON.stringify({ ...value, _review: { status } });
      } catch {
        return l;
      }
    },
  );
  writeFileSync(MAIN, lines.join('\n'));
  // Exact duplicates of the first file's records, and a few blank lines.
  writeFileSync(EXTRA, `${lines.slice(1, 400).join('\n\n')}\n`);
});

function outputs(outDir: string): string[] {
  return ['train.jsonl', 'val.jsonl', 'export-report.json'].map((f) =>
    existsSync(join(outDir, f)) ? readFileSync(join(outDir, f), 'latin1') : '',
  );
}

const CASES = {
  agentfabric: {
    valRatio: 0.05,
    maxLength: 1500,
    overLength: 'drop' as const,
    select: 'not-rejected' as const,
  },
  seed: { profile: 'seed' as const, forceErrors: true, valRatio: 0.1, select: 'all' as const },
  asis: { profile: 'asis' as const, shape: 'messages' as const, select: 'approved' as const },
};

for (const [name, opts] of Object.entries(CASES)) {
  test(`export on worker threads writes the same bytes as in this thread (${name})`, async () => {
    const base = freshDir();
    const sources = [all(MAIN), { path: EXTRA, weight: { kind: 'ratio' as const, ratio: 0.5 } }];
    const inThread = await run(sources, join(base, 'in-thread'), { ...opts, workers: 0 });
    // The lines wait on disk here rather than in memory: that must not change a byte either.
    const workers = await run(sources, join(base, 'workers'), {
      ...opts,
      workers: 2,
      workerPath: WORKER,
      spoolMemoryBytes: 0,
    });
    assert.equal(inThread.spooled, 'memory');
    assert.equal(workers.spooled, 'disk');
    assert.ok(inThread.report.selected > 100, `${inThread.report.selected} selected`);
    assert.ok(inThread.report.dropped['invalid-line'] > 0);
    assert.ok(inThread.report.duplicates > 0);
    assert.deepEqual(workers.report, inThread.report);
    assert.deepEqual(outputs(join(base, 'workers')), outputs(join(base, 'in-thread')));
  });
}

test('export really runs on the given workers: a worker that fails fails the export', async () => {
  const broken = join(dir, 'broken.js');
  writeFileSync(broken, "throw new Error('no worker here');\n");
  await assert.rejects(
    run([all(MAIN)], join(freshDir(), 'out'), { workers: 2, workerPath: broken }),
    PipelineWorkerError,
  );
});
