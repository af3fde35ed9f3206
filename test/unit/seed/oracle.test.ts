/**
 * The "seed" profile against the seed's own Python (../shared/reference/seed_convert.py) on a generated
 * corpus with every anomaly of spec §1: same text wherever Python succeeds, an error wherever it raises.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pyStrip } from '../../../src/core/python/text';
import { seedConvertJsonRecord } from '../../../src/core/seed/processSystem';
import { writeCorpus } from '../../fixtures/generate';
import { SHARED } from './helpers';

const SCRIPT = join(SHARED, 'reference', 'seed_convert.py');

interface PyResult {
  line: number;
  ok: boolean;
  system?: string;
  error?: string;
}

function runPython(input: string, output: string): PyResult[] {
  try {
    execFileSync('python3', ['-W', 'ignore', SCRIPT, input, output], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    throw new Error(`The oracle needs python3 and ${SCRIPT}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return readFileSync(output, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as PyResult);
}

interface Tally {
  ok: number;
  raised: number;
  notJson: number;
  errorTexts: Map<string, number>;
}

/** Compares every line Python answered with the port; returns what agreed. */
function compare(inputText: string, results: PyResult[]): Tally {
  const lines = inputText.split('\n');
  const tally: Tally = { ok: 0, raised: 0, notJson: 0, errorTexts: new Map() };
  const answered = new Set(results.map((r) => r.line));
  // Python skips only the lines that are blank after str.strip(); every other line has an answer.
  lines.forEach((l, i) => {
    const blank = pyStrip(i === 0 ? l.replace(/^\ufeff/, '') : l) === '';
    assert.equal(answered.has(i + 1), !blank, `line ${i + 1}: answered by Python = ${answered.has(i + 1)}`);
  });
  for (const r of results) {
    let line = lines[r.line - 1];
    if (r.line === 1) line = line.replace(/^\ufeff/, '');
    if (line.endsWith('\r')) line = line.slice(0, -1);
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      assert.equal(r.ok, false, `line ${r.line}: JS cannot parse it, Python could`);
      assert.match(r.error ?? '', /^JSONDecodeError/, `line ${r.line}`);
      tally.notJson++;
      continue;
    }
    const ours = seedConvertJsonRecord(obj);
    if (r.ok) {
      assert.ok(ours.ok, `line ${r.line}: Python converts it, the port fails: ${ours.ok ? '' : ours.error}`);
      if (ours.ok && ours.system !== r.system) {
        const at = firstDifference(ours.system, r.system ?? '');
        assert.fail(
          `line ${r.line}: output differs at ${at}:\n  port:   ${JSON.stringify(ours.system.slice(at - 40, at + 60))}\n  python: ${JSON.stringify((r.system ?? '').slice(at - 40, at + 60))}`,
        );
      }
      tally.ok++;
    } else {
      assert.equal(ours.ok, false, `line ${r.line}: Python raises ${r.error}, the port converts it`);
      const error = r.error ?? '';
      if (!ours.ok) assert.ok(ours.error.startsWith(error), `line ${r.line}: ${ours.error} vs ${error}`);
      tally.raised++;
      tally.errorTexts.set(error, (tally.errorTexts.get(error) ?? 0) + 1);
    }
  }
  return tally;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

test('the seed port matches seed_convert.py on 3,000 generated records with anomalies', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'afcurate-seed-oracle-'));
  try {
    const input = join(dir, 'corpus.jsonl');
    const output = join(dir, 'python.jsonl');
    await writeCorpus({ records: 3000, seed: 'seed-oracle', anomalies: true }, input);
    const tally = compare(readFileSync(input, 'utf8'), runPython(input, output));
    const errors = [...tally.errorTexts].map(([e, n]) => `${n}× ${e}`).join('; ');
    console.log(
      `seed oracle: ${tally.ok} converted identically, ${tally.raised} raise on both sides, ${tally.notJson} lines not JSON (${errors})`,
    );
    assert.ok(tally.ok > 1000, `only ${tally.ok} records converted`);
    assert.ok(tally.raised > 100, `only ${tally.raised} records raised`);
    assert.ok(tally.notJson > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the seed port matches seed_convert.py on the published examples', () => {
  const dir = mkdtempSync(join(tmpdir(), 'afcurate-seed-oracle-'));
  try {
    const input = join(SHARED, 'examples', 'ms_agent_sample.jsonl');
    const tally = compare(readFileSync(input, 'utf8'), runPython(input, join(dir, 'python.jsonl')));
    assert.deepEqual([tally.ok, tally.raised], [1, 1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
