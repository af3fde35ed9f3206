import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { PY_WS_CLASS, pyIsSpace, pyLStrip, pyRStrip, pyStrip } from '../../../src/core/python/text';
import { pythonAvailable } from './python-oracle';

/** CPython 3.11: `[c for c in range(0x110000) if chr(c).isspace()]`, equal to what re's `\s` matches. */
const PY_SPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
  0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

function matchingCodePoints(accepts: (ch: string) => boolean): number[] {
  const out: number[] = [];
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (accepts(String.fromCodePoint(cp))) out.push(cp);
  }
  return out;
}

test('PY_WS_CLASS matches exactly the Python whitespace set, with and without the u flag', () => {
  const withU = new RegExp(`^[${PY_WS_CLASS}]$`, 'u');
  const withoutU = new RegExp(`^[${PY_WS_CLASS}]$`);
  assert.deepEqual(
    matchingCodePoints((ch) => withU.test(ch)),
    PY_SPACE,
  );
  assert.deepEqual(
    matchingCodePoints((ch) => withoutU.test(ch)),
    PY_SPACE,
  );
  const negated = new RegExp(`^[^${PY_WS_CLASS}]$`, 'u');
  assert.equal(negated.test('\ufeff'), true);
  assert.equal(negated.test('\u3000'), false);
});

test('pyIsSpace agrees with the same set and differs from JS \\s where Python does', () => {
  assert.deepEqual(matchingCodePoints(pyIsSpace), PY_SPACE);
  assert.equal(pyIsSpace('\ufeff'), false);
  assert.equal(/\s/.test('\ufeff'), true);
  assert.equal(pyIsSpace('\x1c'), true);
  assert.equal(/\s/.test('\x1c'), false);
  assert.equal(pyIsSpace(''), false);
  assert.equal(pyIsSpace('  '), false);
});

test('the whitespace set is the one python3 reports', {
  skip: pythonAvailable() ? false : 'python3 not found',
}, () => {
  const script =
    'import re, json\n' +
    'ws = [c for c in range(0x110000) if chr(c).isspace()]\n' +
    "rs = [c for c in range(0x110000) if re.match(r'\\s', chr(c))]\n" +
    'print(json.dumps([ws, rs]))';
  const run = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [isspace, reSpace] = JSON.parse(run.stdout) as [number[], number[]];
  assert.deepEqual(isspace, PY_SPACE);
  assert.deepEqual(reSpace, PY_SPACE);
});

test('pyStrip / pyLStrip / pyRStrip trim Python whitespace only', () => {
  assert.equal(pyStrip('\u3000\x1c a b \x85\n'), 'a b');
  assert.equal(pyStrip('\ufeffa\ufeff'), '\ufeffa\ufeff');
  assert.equal(pyStrip('   '), '');
  assert.equal(pyStrip(''), '');
  assert.equal(pyStrip('x'), 'x');
  assert.equal(pyLStrip(' \ta '), 'a ');
  assert.equal(pyRStrip(' a\u2028'), ' a');
});
