import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  defaultChoices,
  defaultOutDir,
  EDITOR_VAL_RATIO,
  exportOptionsOf,
  parseIntInput,
  parseValRatioInput,
  parseWeightInput,
  restoreChoices,
  sourcesFor,
} from '../../../src/commands/exportChoices';
import { resolveExportOptions } from '../../../src/core/export/resolveOptions';

describe('the export command remembers and restores its choices', () => {
  test('defaults are the CLI defaults with the 1% validation split', () => {
    const d = defaultChoices();
    assert.equal(d.select, 'not-rejected');
    assert.equal(d.profile, 'agentfabric');
    assert.equal(d.valRatio, EDITOR_VAL_RATIO);
    assert.equal(d.maxLength, undefined);
  });

  test('a stored value round-trips; a bad one falls back to its default alone', () => {
    const stored = {
      ...defaultChoices(),
      select: 'approved',
      shape: 'messages',
      valRatio: 0.05,
      seed: 7,
      maxLength: 4096,
      outDir: '/tmp/out',
      sources: [{ path: '/data/general.jsonl', weight: { kind: 'ratio', ratio: 2 } }],
    };
    assert.deepEqual(restoreChoices(JSON.parse(JSON.stringify(stored))), stored);
    const bad = restoreChoices({
      select: 'some',
      profile: 42,
      valRatio: 1,
      seed: -1,
      maxLength: 0,
      shape: 'messages',
      sources: [{ path: '' }, { path: '/a.jsonl', weight: { kind: 'count', count: 1.5 } }, 'x'],
    });
    assert.equal(bad.select, 'not-rejected');
    assert.equal(bad.profile, 'agentfabric');
    assert.equal(bad.valRatio, EDITOR_VAL_RATIO);
    assert.equal(bad.seed, 42);
    assert.equal(bad.maxLength, undefined);
    assert.equal(bad.shape, 'messages');
    assert.deepEqual(bad.sources, []);
    assert.deepEqual(restoreChoices(undefined), defaultChoices());
    assert.deepEqual(restoreChoices([1, 2]), defaultChoices());
  });

  test('the current file comes first; remembered sources that are gone are dropped', () => {
    const remembered = [
      { path: '/d/extra.jsonl', weight: { kind: 'count' as const, count: 3000 } },
      { path: '/d/gone.jsonl', weight: { kind: 'all' as const } },
      { path: '/d/current.jsonl', weight: { kind: 'ratio' as const, ratio: 0.5 } },
    ];
    const sources = sourcesFor('/d/current.jsonl', remembered, (p) => p !== '/d/gone.jsonl');
    assert.deepEqual(
      sources.map((s) => s.path),
      ['/d/current.jsonl', '/d/extra.jsonl'],
    );
    assert.deepEqual(sources[0].weight, { kind: 'ratio', ratio: 0.5 });
    assert.deepEqual(sourcesFor('/d/new.jsonl', [], () => true)[0].weight, { kind: 'all' });
  });

  test('the options are valid for the core export, with the settings filling the gaps', () => {
    const sources = [{ path: '/d/a.jsonl', weight: { kind: 'all' as const } }];
    const o = exportOptionsOf(defaultChoices(), sources, {
      maxLength: 1024,
      tiktokenPath: '/m/qwen.tiktoken',
    });
    assert.equal(o.outDir, defaultOutDir(sources));
    assert.equal(o.outDir, '/d/export');
    assert.equal(o.maxLength, 1024);
    assert.equal(o.tiktokenPath, '/m/qwen.tiktoken');
    assert.doesNotThrow(() => resolveExportOptions(o));
    const chosen = exportOptionsOf({ ...defaultChoices(), maxLength: 512, outDir: '/x' }, sources, {
      maxLength: 1024,
    });
    assert.equal(chosen.maxLength, 512);
    assert.equal(chosen.outDir, '/x');
  });

  test('typed values are read strictly', () => {
    assert.deepEqual(parseWeightInput('count', ' 3000 '), { kind: 'count', count: 3000 });
    assert.equal(parseWeightInput('count', '1.5'), undefined);
    assert.equal(parseWeightInput('count', '-1'), undefined);
    assert.deepEqual(parseWeightInput('ratio', '2.0'), { kind: 'ratio', ratio: 2 });
    assert.deepEqual(parseWeightInput('ratio', '.5'), { kind: 'ratio', ratio: 0.5 });
    assert.equal(parseWeightInput('ratio', '1e3'), undefined);
    assert.equal(parseValRatioInput('0.01'), 0.01);
    assert.equal(parseValRatioInput('1%'), 0.01);
    assert.equal(parseValRatioInput('0'), 0);
    assert.equal(parseValRatioInput('1'), undefined);
    assert.equal(parseValRatioInput('100%'), undefined);
    assert.equal(parseValRatioInput('abc'), undefined);
    assert.equal(parseIntInput('2048', 1), 2048);
    assert.equal(parseIntInput('0', 1), undefined);
    assert.equal(parseIntInput('0', 0), 0);
    assert.equal(parseIntInput('12a', 0), undefined);
  });
});
