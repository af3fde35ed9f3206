/**
 * The worker-thread pool against the sequential pipeline on a generated corpus full of anomalies (BOM,
 * CRLF, blank and broken lines, duplicate ids across batches, a truncated last line): the same converted
 * bytes, the same report, the same check output, whichever way the work is done.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { linesOfBuffer } from '../../../src/core/jsonl/readLines';
import {
  type AnalyzedBatch,
  type AnalyzeOptions,
  type AnalyzeSummary,
  analyzeFileParallel,
  PipelineWorkerError,
} from '../../../src/core/parallel/analyzeFile';
import { PipelinePool } from '../../../src/core/parallel/pool';
import { convertFile } from '../../../src/core/pipeline/convertFile';
import { FileAnalyzer } from '../../../src/core/pipeline/fileAnalyzer';
import { ScanCancelled } from '../../../src/core/pipeline/scanFile';
import { generateCorpus } from '../../fixtures/generate';

const ROOT = resolve(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'afc-parallel-'));
// The bundles are copied out of dist/ so another test file rebuilding it cannot change them mid-test.
const CLI = join(dir, 'cli.js');
const WORKER = join(dir, 'pipelineWorker.js');
const CORPUS = join(dir, 'corpus.jsonl');
/** Small batches: the 14 MB corpus crosses many batch boundaries (duplicate ids, CRLF, BOM in batch 1). */
const BATCH = 256 * 1024;

function cli(workers: number, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', AFC_WORKERS: String(workers) },
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 0, r.stderr);
  // stdoutSink (src/cli/output.ts) leaks an 'error' listener per wait for 'drain'; node's warning about it
  // depends on pipe timing, not on the data.
  const err = r.stderr
    .split('\n')
    .filter((l) => !/MaxListenersExceededWarning|node --trace-warnings/.test(l))
    .join('\n');
  return { out: r.stdout, err: err.replace(/ in [\d.]+s;/, ' in Xs;') };
}

before(() => {
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
  copyFileSync(join(ROOT, 'dist/cli.js'), CLI);
  copyFileSync(join(ROOT, 'dist/pipelineWorker.js'), WORKER);
  // Both load the token estimate's ranks from beside them, as in dist/.
  copyFileSync(join(ROOT, 'dist/cl100k_base.js'), join(dir, 'cl100k_base.js'));
  // No newline after the last line: the generator's truncated record ends the file, as a cut download does.
  writeFileSync(CORPUS, [...generateCorpus({ records: 5000, seed: 'parallel', anomalies: true })].join('\n'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

interface Collected {
  summary: AnalyzeSummary;
  batches: AnalyzedBatch[];
  output: Buffer;
}

async function collect(input: string | Uint8Array, opts: AnalyzeOptions): Promise<Collected> {
  const batches: AnalyzedBatch[] = [];
  const summary = await analyzeFileParallel(
    input,
    { workerPath: WORKER, batchBytes: BATCH, ...opts },
    (b) => {
      batches.push(b);
    },
  );
  return { summary, batches, output: Buffer.concat(batches.map((b) => b.output)) };
}

const problemsOf = (c: Collected) => c.batches.flatMap((b) => b.problems);
const byCodeInOrder = (s: AnalyzeSummary) => Object.entries(s.tally.byCode);

test('afcurate convert: the pool and the main thread write the same bytes and the same report', () => {
  for (const profile of ['agentfabric', 'seed']) {
    const runs = [0, 2].map((workers) => {
      const out = join(dir, `${profile}-${workers}.jsonl`);
      const report = join(dir, `${profile}-${workers}.report.json`);
      const r = cli(workers, 'convert', CORPUS, '--to', profile, '-o', out, '--report', report);
      return {
        out: readFileSync(out),
        report: readFileSync(report, 'utf8'),
        err: r.err.replaceAll(out, 'OUT'),
      };
    });
    assert.ok(runs[0].out.length > 4_000_000, 'the corpus is converted');
    assert.ok(runs[0].out.equals(runs[1].out), `--to ${profile}: converted bytes differ`);
    assert.equal(runs[1].report, runs[0].report, `--to ${profile}: report differs`);
    assert.equal(runs[1].err, runs[0].err, `--to ${profile}: summary differs`);
    assert.match(runs[0].report, /"code":"J09"/, 'duplicate ids are reported');
  }
});

test('afcurate check: the same problems, in the same order, with the same summary', () => {
  for (const args of [[], ['--json', '--max-problems', '700'], ['--max-problems', '25', '--lang', 'zh']]) {
    const [seq, par] = [0, 2].map((workers) => cli(workers, 'check', CORPUS, ...args));
    assert.ok(seq.out.length > 1000);
    assert.equal(par.out, seq.out, `check ${args.join(' ')}: output differs`);
    assert.equal(par.err, seq.err, `check ${args.join(' ')}: summary differs`);
  }
});

test('AFC_WORKERS is documented in --help and checked', () => {
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  assert.match(help.stdout, /AFC_WORKERS=0/);
  const bad = spawnSync(process.execPath, [CLI, 'check', CORPUS], {
    encoding: 'utf8',
    env: { ...process.env, AFC_WORKERS: 'many' },
  });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /AFC_WORKERS/);
});

test('the parallel check reports exactly what the line-by-line FileAnalyzer reports', async () => {
  const par = await collect(CORPUS, { check: true, workers: 2 });
  assert.equal(par.summary.workers, 2, 'the pool ran');
  const buf = readFileSync(CORPUS);
  const analyzer = new FileAnalyzer({ check: true });
  const expected: { line: number; codes: string[]; columns: (number | undefined)[] }[] = [];
  const expectedTally: Record<string, number> = {};
  let lines = 0;
  for (const ev of linesOfBuffer(buf)) {
    if (ev.type === 'bom') analyzer.noteBom();
    if (ev.type !== 'line') continue;
    lines++;
    const a = analyzer.line(ev);
    for (const d of a.diagnostics) expectedTally[d.code] = (expectedTally[d.code] ?? 0) + 1;
    if (a.diagnostics.length > 0)
      expected.push({
        line: a.line,
        codes: a.diagnostics.map((d) => d.code),
        columns: a.diagnostics.map((d) => d.column),
      });
  }
  const fileLevel = analyzer.finish();
  for (const d of fileLevel) expectedTally[d.code] = (expectedTally[d.code] ?? 0) + 1;
  const got = problemsOf(par).map((p) => ({
    line: p.line,
    codes: p.diagnostics.map((d) => d.code),
    columns: p.diagnostics.map((d) => d.column),
  }));
  assert.deepEqual(got, expected);
  assert.equal(par.summary.lines, lines);
  assert.deepEqual(par.summary.fileDiagnostics, fileLevel);
  assert.deepEqual(byCodeInOrder(par.summary), Object.entries(expectedTally), 'codes counted in file order');
  assert.ok(
    ['J04', 'J05', 'J09', 'J02'].every((c) => c in expectedTally),
    'the corpus has the anomalies',
  );
});

test('bytes in memory, workers or not, counting only: one result', async () => {
  const buf = readFileSync(CORPUS);
  const seq = await collect(CORPUS, { check: true, workers: 0 });
  assert.equal(seq.summary.workers, 0);
  const fromBuffer = await collect(buf, { check: true, workers: 2 });
  assert.equal(fromBuffer.summary.workers, 2);
  assert.deepEqual(problemsOf(fromBuffer), problemsOf(seq));
  assert.deepEqual(byCodeInOrder(fromBuffer.summary), byCodeInOrder(seq.summary));
  // Nobody reads the diagnostics: they are only counted, and the counts do not change.
  const counted = await collect(CORPUS, { check: true, workers: 2, wantDiagnostics: () => false });
  assert.equal(problemsOf(counted).length, 0);
  assert.ok(counted.batches.every((b) => !b.detailed));
  assert.deepEqual(byCodeInOrder(counted.summary), byCodeInOrder(seq.summary));
  assert.deepEqual(counted.summary.tally.bySeverity, seq.summary.tally.bySeverity);
});

test('convertFile writes the same bytes and problems with and without the pool', async () => {
  const run = async (workers: number) => {
    const chunks: Buffer[] = [];
    const problems: string[] = [];
    const summary = await convertFile({
      input: CORPUS,
      profile: 'agentfabric',
      userPrefix: 'all',
      workers,
      workerPath: WORKER,
      batchBytes: BATCH,
      output: { write: async (c) => void chunks.push(Buffer.from(c)) },
      onProblem: (d, id) => void problems.push(`${d.line} ${id} ${d.code} ${d.message}`),
    });
    return { out: Buffer.concat(chunks), problems, summary };
  };
  const [seq, par] = [await run(0), await run(2)];
  assert.ok(par.out.equals(seq.out));
  assert.deepEqual(par.problems, seq.problems);
  assert.deepEqual({ ...par.summary, tally: 0 }, { ...seq.summary, tally: 0 });
  assert.deepEqual(Object.entries(par.summary.tally.byCode), Object.entries(seq.summary.tally.byCode));
});

test('progress rises to the bytes of every line, the file-level problems come last', async () => {
  const seen: number[] = [];
  const res = await collect(CORPUS, { check: false, workers: 2, onProgress: (b) => seen.push(b) });
  assert.ok(seen.length > 10);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1]);
  // The stream reader counts every line with a newline (the last, unterminated one too) and no BOM.
  assert.equal(seen.at(-1), readFileSync(CORPUS).length - 3 + 1);
  assert.deepEqual(
    res.summary.fileDiagnostics.map((d) => d.code),
    ['J04', 'J05'],
  );
});

test('never more than two batches per worker in flight, however slow the consumer', async () => {
  const run = PipelinePool.prototype.run;
  let inFlight = 0;
  let most = 0;
  PipelinePool.prototype.run = function (this: PipelinePool, ...args: Parameters<typeof run>) {
    inFlight++;
    most = Math.max(most, inFlight);
    return run.apply(this, args).finally(() => inFlight--);
  };
  try {
    const slow = await analyzeFileParallel(
      CORPUS,
      { check: false, workers: 2, workerPath: WORKER, batchBytes: BATCH },
      () => new Promise((r) => setTimeout(r, 2)),
    );
    assert.equal(slow.workers, 2);
  } finally {
    PipelinePool.prototype.run = run;
  }
  assert.ok(most >= 2 && most <= 4, `at most 4 batches in flight, saw ${most}`);
});

test('cancelling stops the workers and rejects with ScanCancelled', async () => {
  const abort = new AbortController();
  let batches = 0;
  const started = Date.now();
  await assert.rejects(
    analyzeFileParallel(
      CORPUS,
      { check: true, workers: 2, workerPath: WORKER, batchBytes: BATCH, signal: abort.signal },
      () => {
        if (++batches === 3) abort.abort();
      },
    ),
    ScanCancelled,
  );
  assert.equal(batches, 3, 'no batch is handed over after the abort');
  assert.ok(Date.now() - started < 20_000);
  const already = new AbortController();
  already.abort();
  await assert.rejects(
    convertFile({
      input: CORPUS,
      profile: 'agentfabric',
      userPrefix: 'last',
      workers: 2,
      workerPath: WORKER,
      signal: already.signal,
      output: { write: async () => undefined },
    }),
    ScanCancelled,
  );
});

test('a worker that crashes, exits or fails a batch is an error, never a hang', async () => {
  const scripts: Record<string, string> = {
    throws:
      "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom in worker'); });",
    exits: "require('node:worker_threads').parentPort.on('message', () => process.exit(3));",
    fails:
      "const { parentPort } = require('node:worker_threads');\n" +
      "parentPort.on('message', (t) => parentPort.postMessage({ type: 'failed', seq: t.seq, message: 'bad batch' }));",
    broken: 'this is not JavaScript',
  };
  const expected: Record<string, RegExp> = {
    throws: /crashed: boom in worker/,
    exits: /exited unexpectedly \(code 3\)/,
    fails: /failed on the batch from line \d+: bad batch/,
    broken: /crashed/,
  };
  for (const [name, source] of Object.entries(scripts)) {
    const workerPath = join(dir, `${name}.js`);
    writeFileSync(workerPath, source);
    let batches = 0;
    await assert.rejects(
      analyzeFileParallel(CORPUS, { check: true, workers: 2, workerPath, batchBytes: BATCH }, () => {
        batches++;
      }),
      (e: unknown) => e instanceof PipelineWorkerError && expected[name].test(e.message),
      name,
    );
    assert.equal(batches, 0, `${name}: nothing is handed over`);
  }
});

test('without the worker script (tsx, a partial install) the work runs in this thread', async () => {
  const res = await collect(CORPUS, { check: false, workers: 2, workerPath: join(dir, 'missing.js') });
  assert.equal(res.summary.workers, 0);
  assert.ok(res.summary.records > 4000);
  // Small inputs never start workers either.
  const small = join(dir, 'small.jsonl');
  writeFileSync(small, [...generateCorpus({ records: 20, seed: 'small' })].join('\n'));
  const s = await collect(small, { check: true, workers: 2 });
  assert.equal(s.summary.workers, 0);
  assert.equal(s.summary.records, 20);
});
