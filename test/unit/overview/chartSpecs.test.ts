import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseFilter } from '../../../src/core/stats/filters';
import { DocumentStats } from '../../../src/editor/overviewStats';
import { parseFromWebview } from '../../../src/editor/protocol';
import { overviewSpec } from '../../../webview/overview/chartSpecs';
import { overviewStrings } from '../../../webview/overview/strings';
import { readPalette } from '../../../webview/overview/theme';
import { corpusFile } from '../stats/helpers';
import { passInto } from './helpers';

const en = overviewStrings('en');
const zh = overviewStrings('zh-CN');

/** A DocumentStats filled by the check pass over a generated corpus. */
async function corpusStats(maxLength: number) {
  const { path } = corpusFile('spec.jsonl', { records: 150, seed: 5, anomalies: true });
  const stats = new DocumentStats();
  await passInto(stats, readFileSync(path));
  stats.tokenizer = { exact: false, label: 'estimate' };
  return { stats, summary: stats.summary(maxLength) };
}

describe('the overview charts', () => {
  test('every bar, chip and table row selects exactly the records it counts', async () => {
    const { stats, summary } = await corpusStats(600);
    const spec = overviewSpec(summary, en);
    const ids = spec.charts.map((c) => c.id);
    assert.deepEqual(ids, [
      'tokens',
      'tools',
      'calls',
      'turns',
      'problems',
      'seed',
      'topTools',
      'review',
      'tags',
    ]);
    let checked = 0;
    for (const chart of spec.charts) {
      for (const bar of chart.bars) {
        const lines = stats.matching(bar.filter).length;
        // Top tools are drawn by calls; their filter selects the records that call them.
        const expected =
          chart.id === 'topTools' ? summary.topTools.find((t) => t.name === bar.label)?.records : bar.value;
        assert.equal(lines, expected, `${chart.id} ${bar.label}`);
        checked++;
      }
      for (const chip of chart.chips ?? [])
        assert.equal(stats.matching(chip.filter).length, chip.count, chip.id);
      for (const row of chart.table.rows) assert.ok(row.filter && parseFilter(row.filter), `${chart.id} row`);
    }
    assert.ok(checked > 30, `checked ${checked} bars`);
    for (const chip of spec.formats) assert.equal(stats.matching(chip.filter).length, chip.count);
    stats.dispose();
  });

  test('the token chart marks max_length, colours the bars past it and says the counts are estimates', async () => {
    const { summary, stats } = await corpusStats(400);
    const tokens = overviewSpec(summary, en).charts[0];
    assert.ok(summary.tokens.overMaxLength > 0, 'the corpus has records over the limit');
    assert.ok(tokens.marker, 'the max_length line is drawn');
    assert.equal(tokens.marker?.label, 'max_length 400');
    const over = tokens.bars.slice((tokens.marker?.after ?? 0) + 1);
    assert.ok(over.every((b) => b.tone === 'over'));
    assert.equal(
      over.reduce((a, b) => a + b.value, 0),
      summary.tokens.overMaxLength,
    );
    assert.match(tokens.title, /estimate/);
    assert.match(tokens.note ?? '', /tokenizerPath/);
    assert.equal(tokens.chips?.[0].count, summary.tokens.overMaxLength);
    const broken = overviewSpec(summary, en, 'no such file').charts[0];
    assert.match(broken.note ?? '', /no such file/);
    stats.dispose();
  });

  test('no line is drawn when every record is far below the limit', async () => {
    const { summary, stats } = await corpusStats(1_000_000);
    assert.equal(overviewSpec(summary, en).charts[0].marker, undefined);
    stats.dispose();
  });

  test('the same figures read in Chinese', async () => {
    const { summary, stats } = await corpusStats(600);
    const spec = overviewSpec(summary, zh);
    assert.match(spec.headline[0], /条记录/);
    assert.equal(spec.charts[0].title, '每条记录的 token 数 (估算)');
    assert.deepEqual(
      spec.charts.find((c) => c.id === 'review')?.bars.map((b) => b.label),
      ['未审阅', '已通过', '已拒绝', '需修改'],
    );
    stats.dispose();
  });
});

describe('theme and messages', () => {
  test('colours come from the --vscode-* variables, with fallbacks when one is missing', () => {
    const vars: Record<string, string> = {
      '--vscode-foreground': '#cccccc',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-font-size': '13px',
      '--vscode-contrastBorder': '#6fc3df',
    };
    const p = readPalette((name) => vars[name] ?? '');
    assert.equal(p.tones.bar, '#3794ff');
    assert.equal(p.tones.over, '#f14c4c');
    assert.equal(p.tones.approved, '#cccccc', 'missing charts-green falls back to the foreground');
    assert.equal(p.contrastBorder, '#6fc3df');
    assert.equal(p.tooltipBorder, '#6fc3df');
    assert.equal(p.fontSize, 13);
    assert.equal(readPalette(() => '').fontSize, 13);
  });

  test('the webview messages of the overview are validated', () => {
    assert.deepEqual(parseFromWebview({ type: 'statsFilter', filter: { kind: 'seedLoss' } }), {
      type: 'statsFilter',
      filter: { kind: 'seedLoss' },
    });
    assert.equal(parseFromWebview({ type: 'statsFilter', filter: 'x' }), undefined);
    assert.deepEqual(parseFromWebview({ type: 'clearStatsFilter' }), { type: 'clearStatsFilter' });
    assert.deepEqual(parseFromWebview({ type: 'exportDataset', extra: 1 }), { type: 'exportDataset' });
    assert.equal(parseFromWebview({ type: 'nope' }), undefined);
  });
});
