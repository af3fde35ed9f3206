import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const SAMPLE = join(ROOT, 'samples/ms_agent_sample.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'afc-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  // The tests exercise the real bundled bin, as users run it.
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
  assert.ok(existsSync(CLI));
});

test('--help documents every command and option; no command is a usage error', () => {
  const h = run('--help');
  assert.equal(h.code, 0);
  for (const s of [
    'convert',
    'check',
    '--to',
    '--report',
    '--role-config',
    '--user-prefix',
    '--json',
    'Exit status',
  ]) {
    assert.ok(h.out.includes(s), `help mentions ${s}`);
  }
  assert.equal(run().code, 2);
});

test('--version prints the package version', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const r = run('--version');
  assert.equal(r.code, 0);
  assert.equal(r.out.trim(), pkg.version);
});

test('bad usage exits 2 with a message on stderr', () => {
  assert.equal(run('convert', SAMPLE).code, 2, 'missing --to');
  assert.equal(run('convert', SAMPLE, '--to', 'xml').code, 2);
  assert.equal(run('convert', SAMPLE, '--to', 'seed', '--user-prefix', 'first').code, 2);
  assert.equal(run('check', SAMPLE, '--bogus').code, 2);
  const r = run('frobnicate');
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown command "frobnicate"/);
});

test('a missing input is an I/O failure: exit 1 naming the file', () => {
  const r = run('check', join(dir, 'nope.jsonl'));
  assert.equal(r.code, 1);
  assert.match(r.err, /nope\.jsonl: no such file/);
});

test('convert --to agentfabric writes one line per record in input order with other keys kept, and a report', () => {
  const out = join(dir, 'af.jsonl');
  const report = join(dir, 'report.json');
  const r = run('convert', SAMPLE, '--to', 'agentfabric', '-o', out, '--report', report);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /2 records, 2 converted/);
  const lines = readFileSync(out, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.id),
    ['MS_Agent_Bench_126374', 'fire_example'],
  );
  assert.ok(
    lines[0].conversations[0].value.startsWith(
      '\n# 工具\n\n## 你拥有如下工具：\n\nhm_recipe_recommend: hm_recipe_recommend API',
    ),
  );
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  assert.deepEqual(Object.keys(rep).sort(), [
    'converted',
    'input',
    'lines',
    'problems',
    'profile',
    'records',
  ]);
  assert.equal(rep.profile, 'agentfabric');
  assert.equal(rep.lines, 2);
  assert.equal(rep.converted, 2);
  // No temporary files are left beside the outputs.
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
  );
});

test('convert --to seed leaves out the record the seed script raises on, as an error with its line', () => {
  const out = join(dir, 'seed.jsonl');
  const report = join(dir, 'seed-report.json');
  const r = run('convert', SAMPLE, '--to', 'seed', '-o', out, '--report', report);
  assert.equal(r.code, 0, r.err);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 1);
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  assert.equal(rep.converted, 1);
  const errors = rep.problems.filter((p: { severity: string }) => p.severity === 'error');
  assert.ok(
    errors.some(
      (p: { line: number; id: string; code: string }) =>
        p.line === 2 && p.id === 'fire_example' && p.code === 'R03',
    ),
  );
  assert.ok(rep.problems.some((p: { code: string; line: number }) => p.code === 'S1' && p.line === 2));
  for (const code of ['S4', 'S6', 'S9', 'S10']) {
    assert.ok(
      rep.problems.some((p: { code: string; line: number }) => p.code === code && p.line === 1),
      code,
    );
  }
});

test('convert to stdout; bad lines are reported and never stop the run', () => {
  const bad = join(dir, 'bad.jsonl');
  const good = readFileSync(SAMPLE, 'utf8').split('\n')[0];
  writeFileSync(
    bad,
    `\ufeff${good}\r\n\nnot json\n[1,2]\n{"id":"x"}\n${good}\n{"id": "cut", "conversations": [{"fr`,
  );
  const r = run('convert', bad, '--to', 'agentfabric', '--report', join(dir, 'bad-report.json'));
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trimEnd().split('\n').length, 2);
  const rep = JSON.parse(readFileSync(join(dir, 'bad-report.json'), 'utf8'));
  const byLine = (line: number) =>
    rep.problems.filter((p: { line: number }) => p.line === line).map((p: { code: string }) => p.code);
  assert.ok(byLine(1).includes('J04'), 'BOM');
  assert.ok(byLine(1).includes('J05'), 'CRLF');
  assert.ok(byLine(2).includes('J03'), 'blank');
  assert.ok(byLine(3).includes('J01'), 'not JSON');
  assert.ok(byLine(4).includes('J08'), 'not an object');
  assert.ok(byLine(5).includes('R01'), 'no conversations');
  assert.ok(byLine(6).includes('J09'), 'duplicate id');
  assert.ok(byLine(7).includes('J02'), 'truncated');
  assert.equal(rep.lines, 7);
  assert.equal(rep.records, 2);
});

test('check prints file:line:col diagnostics and --json a parseable document', () => {
  const text = run('check', SAMPLE);
  assert.equal(text.code, 0);
  assert.match(text.out, /ms_agent_sample\.jsonl:1:\d+: warning S4: /);
  assert.match(text.err, /2 records/);
  const j = run('check', SAMPLE, '--json');
  const doc = JSON.parse(j.out);
  assert.equal(doc.records, 2);
  assert.ok(doc.problems.length > 0);
  assert.ok(
    doc.problems.every((p: { line: number; code: string }) => p.line >= 1 && /^[A-Z]\d+$/.test(p.code)),
  );
  const zh = run('check', SAMPLE, '--lang', 'zh', '--max-problems', '1');
  assert.equal(zh.out.trimEnd().split('\n').length, 1);
  assert.match(zh.out, /[\u4e00-\u9fff]/);
});

test('a binary file gets one clear error, not garbage', () => {
  const bin = join(dir, 'bin.jsonl');
  writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0a, 0x1a]));
  const r = run('check', bin);
  assert.equal(r.code, 0);
  assert.match(r.out, /:1:1: error J07: This looks like a binary file/);
  assert.equal(r.out.trimEnd().split('\n').length, 1);
});

test('non-UTF-8 lines are reported with byte and column', () => {
  const gbk = join(dir, 'gbk.jsonl');
  writeFileSync(
    gbk,
    Buffer.concat([Buffer.from('{"id": "'), Buffer.from([0xb9, 0xa4, 0xbe, 0xdf]), Buffer.from('"}\n')]),
  );
  const r = run('check', gbk);
  assert.match(r.out, /:1:9: error J06: .*0xb9/);
});

test('the bundles load the token estimate from dist/cl100k_base.js, only when they count', () => {
  // Inlined, the 1.1 MB of ranks were compiled by every thread at start-up, counting or not.
  // 200 characters from the middle of the ranks: base64 tokens, the same wherever the ranks are written.
  const ranksSample = readFileSync(join(ROOT, 'dist/cl100k_base.js'), 'utf8').slice(500_000, 500_200);
  for (const bundle of ['cli.js', 'extension.js', 'pipelineWorker.js', 'checkWorker.js']) {
    const text = readFileSync(join(ROOT, 'dist', bundle), 'utf8');
    assert.ok(!text.includes(ranksSample), `${bundle} has the ranks inlined again`);
    assert.match(text, /require\("\.\/cl100k_base\.js"\)/, `${bundle} loads the ranks beside it`);
  }
  const r = run('stats', SAMPLE, '--json');
  assert.equal(r.code, 0, r.err);
  const stats = JSON.parse(r.out) as { tokens: { exact: boolean; max: number } };
  assert.equal(stats.tokens.exact, false);
  assert.ok(stats.tokens.max > 0, 'the estimate counted tokens');
});
