import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { ALL_CODES, codeDef, toDiagnostic } from '../../../src/core/diagnostics/registry';

const ROOT = resolve(__dirname, '../../..');

test('every code has a unique stable name, both languages, a fix and an example', () => {
  const seen = new Set<string>();
  for (const d of ALL_CODES) {
    assert.match(d.code, /^(J|R|M|S|A|W)\d+$/, d.code);
    assert.ok(!seen.has(d.code), `${d.code} unique`);
    seen.add(d.code);
    assert.ok(['error', 'warning', 'info'].includes(d.severity));
    assert.ok(d.fix.length > 0 && d.fixZh.length > 0, `${d.code} fix`);
    assert.match(d.fixZh + d.zh({}), /[\u4e00-\u9fff]/, `${d.code} Chinese text`);
    assert.ok(typeof d.example === 'string');
  }
  for (let i = 1; i <= 11; i++) assert.ok(seen.has(`S${i}`), `S${i} defined`);
});

test('toDiagnostic renders both languages and places a raw-line position', () => {
  const d = toDiagnostic(
    { code: 'J01', params: { reason: 'comma expected', column: 9 }, at: { offset: 8, length: 1 } },
    3,
  );
  assert.equal(d.line, 3);
  assert.equal(d.column, 9);
  assert.equal(d.severity, 'error');
  assert.match(d.message, /comma expected at column 9/);
  assert.match(d.messageZh, /第 9 列/);
  assert.throws(() => codeDef('X99'), /Unknown diagnostic code X99/);
});

test('docs/diagnostics.md is generated from the code tables and up to date', () => {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/gen-diagnostics-doc.ts'), '--check'],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
});
