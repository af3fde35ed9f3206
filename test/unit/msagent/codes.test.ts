import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AGENTFABRIC_CODES } from '../../../src/core/agentfabric/codes';
import type { CodeDef } from '../../../src/core/diagnostics/types';
import { MSAGENT_CODES } from '../../../src/core/msagent/codes';

const SAMPLE_PARAMS = {
  tool: 'search',
  param: 'q',
  number: 2,
  index: 1,
  step: 1,
  detail: 'DETAIL',
  message: 'MESSAGE',
  value: '"yes"',
  found: 3,
  expected: 2,
  listed: 'a, c',
  parsed: 'a, b',
  described: 'a,b',
  keyword: 'Observation:',
  kind: 'list',
  problem: 'empty',
};

function checkDefs(defs: CodeDef[], prefix: string): void {
  const seen = new Set<string>();
  defs.forEach((d, i) => {
    assert.equal(d.code, `${prefix}${String(i + 1).padStart(2, '0')}`, 'codes are numbered in order');
    assert.ok(!seen.has(d.code));
    seen.add(d.code);
    assert.ok(['error', 'warning', 'info'].includes(d.severity));
    assert.match(d.title, /^[a-z]+(-[a-z0-9]+)+$/);
    for (const text of [d.en(SAMPLE_PARAMS), d.zh(SAMPLE_PARAMS), d.fix, d.fixZh, d.example]) {
      assert.ok(text.length > 0, d.code);
      assert.ok(!text.includes('undefined'), `${d.code}: ${text}`);
    }
    assert.match(d.zh(SAMPLE_PARAMS), /[\u4e00-\u9fff]/, `${d.code} has a Chinese message`);
    // a missing parameter reads as empty, never as "undefined"
    assert.ok(!d.en({}).includes('undefined'));
  });
}

test('M-codes are complete and render in both languages', () => checkDefs(MSAGENT_CODES, 'M'));
test('A-codes are complete and render in both languages', () => checkDefs(AGENTFABRIC_CODES, 'A'));

test('every code the sources emit is defined (S-codes belong to the seed area)', () => {
  const defined = new Set([...MSAGENT_CODES, ...AGENTFABRIC_CODES].map((d) => d.code));
  for (const dir of ['msagent', 'agentfabric']) {
    const root = fileURLToPath(new URL(`../../../src/core/${dir}/`, import.meta.url));
    for (const file of readdirSync(root)) {
      if (file === 'codes.ts') continue;
      const src = readFileSync(root + file, 'utf8');
      for (const m of src.matchAll(/code: '([A-Z]\d+)'/g)) {
        if (m[1].startsWith('S')) continue;
        assert.ok(defined.has(m[1]), `${dir}/${file} emits undefined code ${m[1]}`);
      }
    }
  }
});
