import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { corpus, freshDir, withStatus, writeJsonl } from './helpers';

const ROOT = resolve(__dirname, '../../..');

/** The CLI from source (through tsx), so this test needs no build. */
function afcurate(...args: string[]) {
  return afcurateWith({}, ...args);
}

function afcurateWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('afcurate export: weights, options, files, report, and the summary on stderr', () => {
  const dir = freshDir();
  const agent = writeJsonl(
    join(dir, 'agent.jsonl'),
    corpus(30, 31).map((r, i) => (i < 3 ? withStatus(r, 'rejected') : r)),
  );
  const general = writeJsonl(
    join(dir, 'general.jsonl'),
    corpus(50, 32).map((r) => ({ ...r, id: `g-${r.id}` })),
  );
  const out = join(dir, 'out');
  const r = afcurate(
    'export',
    agent,
    `${general}:0.5`,
    '--out-dir',
    out,
    '--shape',
    'messages',
    '--val-ratio',
    '0.1',
    '--seed',
    '5',
    '--max-length',
    '4096',
  );
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /afcurate export: 2 inputs, 80 records; selected 41 /);
  assert.match(r.err, /review-status 3, not-sampled 36/);
  assert.match(r.err, /estimate \(cl100k_base/);
  const report = JSON.parse(readFileSync(join(out, 'export-report.json'), 'utf8'));
  assert.equal(report.selected, 41);
  assert.equal(report.val, 5);
  assert.equal(report.train, 36);
  assert.equal(report.options.shape, 'messages');
  assert.equal(report.options.seed, 5);
  assert.deepEqual(
    report.sources.map((s: { selected: number }) => s.selected),
    [27, 14],
  );
  const first = JSON.parse(readFileSync(join(out, 'train.jsonl'), 'utf8').split('\n')[0]);
  assert.deepEqual(Object.keys(first), ['id', 'messages']);
  assert.equal(r.out, '', 'nothing on stdout');
});

test('afcurate export usage errors exit 2, unreadable inputs exit 1', () => {
  const dir = freshDir();
  const input = writeJsonl(join(dir, 'in.jsonl'), corpus(3, 33));
  const out = join(dir, 'out');
  const usage: string[][] = [
    ['export', '--out-dir', out],
    ['export', input],
    ['export', `${input}:-1`, '--out-dir', out],
    ['export', input, '--out-dir', out, '--shape', 'sharegpt'],
    ['export', input, '--out-dir', out, '--select', 'good'],
    ['export', input, '--out-dir', out, '--profile', 'xml'],
    ['export', input, '--out-dir', out, '--val-ratio', '1'],
    ['export', input, '--out-dir', out, '--val-ratio', 'half'],
    ['export', input, '--out-dir', out, '--seed=-3'],
    ['export', input, '--out-dir', out, '--seed', '1.5'],
    ['export', input, '--out-dir', out, '--max-length', '0'],
    ['export', input, '--out-dir', out, '--over-length', 'cut'],
    ['export', input, '--out-dir', out, '--bogus'],
  ];
  for (const args of usage) {
    const r = afcurate(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, /^afcurate: [\s\S]+\nRun "afcurate --help"/);
  }
  const workers = afcurateWith({ AFC_WORKERS: 'many' }, 'export', input, '--out-dir', out);
  assert.equal(workers.code, 2, workers.err);
  assert.match(workers.err, /AFC_WORKERS must be a whole number/);
  const missing = afcurate('export', join(dir, 'nope.jsonl'), '--out-dir', out);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /nope\.jsonl: no such file/);
  const noVocab = afcurate('export', input, '--out-dir', out, '--tokenizer', join(dir, 'qwen.tiktoken'));
  assert.equal(noVocab.code, 1);
  assert.match(noVocab.err, /qwen\.tiktoken: no such file/);
  assert.ok(!existsSync(out), 'nothing written on failure');
});

test('--help documents export and its options', () => {
  const r = afcurate('--help');
  assert.equal(r.code, 0);
  for (const s of [
    'afcurate export',
    '--out-dir',
    '--select',
    '--profile',
    '--shape',
    '--val-ratio',
    '--seed',
    '--max-length',
    '--tokenizer',
    '--over-length',
    '--force-errors',
    ':#3000',
  ]) {
    assert.ok(r.out.includes(s), s);
  }
});
