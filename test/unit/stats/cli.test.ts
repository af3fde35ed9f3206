/**
 * `afcurate stats` as users run it (through the CLI's entry point, under tsx so no build is needed).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { FileAnalyzer } from '../../../src/core/pipeline/fileAnalyzer';
import { createTokenCounter } from '../../../src/core/tokens/counter';
import { corpusFile, histogram, tmp } from './helpers';

const ROOT = resolve(__dirname, '../../..');
const ENTRY = join(ROOT, 'src/cli.ts');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', LC_ALL: '', LC_CTYPE: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A `.tiktoken` file with the 256 single bytes only: valid, and it makes one token per UTF-8 byte. */
function byteTokenizer(): string {
  const path = join(tmp, 'bytes.tiktoken');
  const lines: string[] = [];
  for (let b = 0; b < 256; b++) lines.push(`${Buffer.from([b]).toString('base64')} ${b}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('afcurate stats', () => {
  const { path, lines } = corpusFile('cli.jsonl', { records: 40, seed: 4242, anomalies: true });
  const truths = lines.filter((l) => l.kind === 'record').map((l) => l.truth!);

  test('--json gives the documented keys with the corpus figures', () => {
    const r = run('stats', path, '--json', '--top', '1000');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    for (const key of [
      'records',
      'toolsPerRecord',
      'callsPerRecord',
      'turnsPerRecord',
      'problemsByCode',
      'tokens',
      'topTools',
    ]) {
      assert.ok(key in j, key);
    }
    for (const key of ['min', 'median', 'max', 'overMaxLength', 'exact']) assert.ok(key in j.tokens, key);
    const perValue = (values: number[]) =>
      Object.fromEntries(histogram(values).map(([v, n]) => [String(v), n]));
    assert.equal(j.records, truths.length);
    assert.deepEqual(j.toolsPerRecord, perValue(truths.map((t) => t.tools.length)));
    assert.deepEqual(j.callsPerRecord, perValue(truths.map((t) => t.calls)));
    assert.deepEqual(j.turnsPerRecord, perValue(truths.map((t) => 1 + 2 * t.rounds)));
    assert.equal(j.tokens.exact, false);
    assert.equal(j.tokens.maxLength, 2048);
    assert.ok(j.tokens.min <= j.tokens.median && j.tokens.median <= j.tokens.max);
    assert.ok(Array.isArray(j.topTools) && j.topTools.every((t: unknown[]) => typeof t[0] === 'string'));
    assert.equal(
      j.topTools.reduce((n: number, t: [string, number]) => n + t[1], 0),
      truths.reduce((n, t) => n + t.calls, 0),
      'with --top 1000 the list holds every tool called',
    );
  });

  test('problemsByCode counts diagnostics exactly as check does', () => {
    const stats = JSON.parse(run('stats', path, '--json').out);
    const check = JSON.parse(run('check', path, '--json').out);
    assert.deepEqual(stats.problemsByCode, check.summary.byCode);
    assert.ok(Object.keys(stats.problemsByCode).length > 3);
  });

  test('--tokenizer counts exactly, and --max-length moves the line', async () => {
    const tokenizer = byteTokenizer();
    const counter = await createTokenCounter({ tiktokenPath: tokenizer });
    const analyzer = new FileAnalyzer({ check: false });
    const tokens = lines
      .map((l, i) =>
        analyzer.line({
          line: i + 1,
          bytes: Buffer.from(l.text.replace(/^\ufeff/, '').replace(/\r$/, '')),
          crlf: false,
          unterminated: l.kind === 'truncated',
        }),
      )
      .filter((a) => a.record)
      .map((a) => counter.countTurns(a.record!.turns))
      .sort((a, b) => a - b);
    const limit = tokens[Math.floor(tokens.length / 2)];
    const j = JSON.parse(
      run('stats', path, '--json', '--tokenizer', tokenizer, '--max-length', String(limit)).out,
    );
    assert.equal(j.tokens.exact, true);
    assert.equal(j.tokens.min, tokens[0]);
    assert.equal(j.tokens.max, tokens[tokens.length - 1]);
    assert.equal(j.tokens.maxLength, limit);
    assert.equal(j.tokens.overMaxLength, tokens.filter((t) => t > limit).length);
  });

  test('text output: figures, ASCII bars outside UTF-8 locales, the max_length line', () => {
    const r = run('stats', path, '--max-length', '1000');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`${truths.length} records`));
    assert.match(r.out, /Tools per record: min \d+/);
    assert.match(r.out, /Tool calls per record/);
    assert.match(r.out, /Turns per record/);
    assert.match(r.out, /-+ max_length 1,000 -+/);
    assert.match(r.out, /\| ?#+/);
    assert.match(r.out, /Seed script \(S1–S11\)/);
    assert.match(r.out, /Review: 0 of \d+ reviewed/);
  });

  test('a missing --tokenizer file is an I/O failure: exit 1 naming it', () => {
    const r = run('stats', path, '--tokenizer', join(tmp, 'no-such.tiktoken'));
    assert.equal(r.code, 1);
    assert.match(r.err, /no-such\.tiktoken: no such file/);
    assert.equal(r.out, '');
  });

  test('a tokenizer file that is not one is an I/O failure too', () => {
    const bad = join(tmp, 'bad.tiktoken');
    writeFileSync(bad, 'hello world\n');
    assert.equal(run('stats', path, '--tokenizer', bad).code, 1);
  });

  test('bad usage exits 2; a missing input exits 1', () => {
    assert.equal(run('stats').code, 2);
    assert.equal(run('stats', path, path).code, 2);
    assert.equal(run('stats', path, '--max-length', '0').code, 2);
    assert.equal(run('stats', path, '--max-length', 'lots').code, 2);
    assert.equal(run('stats', path, '--bogus').code, 2);
    assert.equal(run('stats', path, '--top', '-1').code, 2);
    const r = run('stats', join(tmp, 'nope.jsonl'));
    assert.equal(r.code, 1);
    assert.match(r.err, /nope\.jsonl: no such file/);
  });

  test('--help documents stats', () => {
    const r = run('--help');
    for (const s of ['afcurate stats', '--tokenizer', '--max-length']) assert.ok(r.out.includes(s), s);
  });
});
