// The Overview in a real VS Code: the demo dataset's charts are drawn from the check pass, a click on a
// bar narrows the record list to exactly that bar's records, the chip clears it again, and the charts
// follow a theme switch (screenshots in dark and light for the README).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { useExtensionUnderTest } from './extensionUnderTest';
import { REPO_ROOT, type Workbench, withWorkbench } from './harness';

const DEMO = readFileSync(join(REPO_ROOT, 'samples', 'ms_agent_demo.jsonl'));

interface BarCentre {
  x: number;
  y: number;
  count: number;
}

async function openOverview(workbench: Workbench): Promise<FrameLocator> {
  // The workspace opens .jsonl files in the curator (editorAssociations), so Quick Open is enough.
  await workbench.quickOpen('ms_agent_demo.jsonl');
  const curator = await workbench.curator();
  await curator.locator('[data-testid="overview-button"]').click();
  await curator.locator('[data-testid="overview"]').waitFor({ timeout: 15_000 });
  // Every line counted: the "counting…" note is gone and the charts have their bars.
  await curator
    .locator('[data-testid="overview"] .stats-pending:empty')
    .waitFor({ state: 'attached', timeout: 60_000 });
  await curator.locator('[data-testid="chart-tools"] canvas[data-bars]').waitFor({ timeout: 15_000 });
  return curator;
}

async function bars(curator: FrameLocator, chart: string): Promise<BarCentre[]> {
  const raw = await curator.locator(`[data-testid="chart-${chart}"] canvas`).getAttribute('data-bars');
  return JSON.parse(raw ?? '[]') as BarCentre[];
}

describe('real VS Code: the dataset overview', { timeout: 600_000 }, () => {
  const prepared = useExtensionUnderTest();

  test('clicking a bar filters the record list to its records; the charts follow the theme', async (t) => {
    if (prepared.extension.kind !== 'real') return t.skip('the overview needs the real extension');
    await withWorkbench(
      'overview',
      {
        vsix: prepared.extension.vsix,
        files: { 'ms_agent_demo.jsonl': DEMO },
        theme: 'dark',
        settings: { 'workbench.editorAssociations': { '*.jsonl': 'agentfabric.curator' } },
        viewport: { width: 1600, height: 1000 },
      },
      async (workbench) => {
        // Room for the charts: the explorer is not needed here.
        await workbench.runCommand('View: Close Primary Side Bar');
        const curator = await openOverview(workbench);
        const headline = await curator.locator('[data-testid="stats-headline"]').textContent();
        assert.match(headline ?? '', /295 records/);
        for (const id of ['tokens', 'calls', 'turns', 'problems', 'seed', 'topTools', 'review']) {
          assert.ok((await bars(curator, id)).length > 0 || id === 'review', `the ${id} chart has bars`);
        }
        await workbench.screenshot('overview-dark');

        // A tools-per-record bar small enough that all of its rows fit on screen.
        const toolBars = await bars(curator, 'tools');
        const bar = toolBars
          .filter((b) => b.count >= 2 && b.count <= 15)
          .sort((a, b) => a.count - b.count)[0];
        assert.ok(bar, `a tools bar of 2–15 records: ${JSON.stringify(toolBars)}`);
        await curator
          .locator('[data-testid="chart-tools"] canvas')
          .click({ position: { x: bar.x, y: bar.y } });
        const chip = curator.locator('[data-testid="stats-filter"]');
        await chip.waitFor({ state: 'visible', timeout: 10_000 });
        assert.match((await chip.textContent()) ?? '', /tools = \d+/);
        assert.equal(
          await curator.locator('[data-testid="stats-filter-count"]').getAttribute('data-rows'),
          String(bar.count),
        );
        const rows = curator.locator('[data-testid="record-row"]');
        await curator
          .locator(`[data-testid="record-row"]:nth-child(${bar.count})`)
          .waitFor({ timeout: 10_000 });
        assert.equal(await rows.count(), bar.count, 'the list shows exactly the bar’s records');
        await workbench.screenshot('overview-filtered-dark');

        // A record of the filtered list opens in the detail pane; the Overview button brings the charts back.
        await rows.first().click();
        await curator.locator('[data-testid="record-view"]').waitFor({ timeout: 15_000 });
        await curator.locator('[data-testid="overview-button"]').click();
        await curator
          .locator('[data-testid="record-row"].selected')
          .waitFor({ state: 'detached', timeout: 10_000 });
        assert.equal(
          await curator.locator('[data-testid="record-row"][aria-selected="true"]').count(),
          0,
          'no row stays highlighted once the Overview takes the detail pane',
        );
        const canvas = curator.locator('[data-testid="chart-tools"] canvas');
        await canvas.waitFor({ state: 'visible', timeout: 10_000 });
        assert.ok(((await canvas.boundingBox())?.width ?? 0) > 100, 'the chart is drawn at full width again');

        // The chip clears the filter.
        await curator.locator('[data-testid="stats-filter-clear"]').click();
        await chip.waitFor({ state: 'hidden', timeout: 10_000 });
        await curator
          .locator(`[data-testid="record-row"]:nth-child(${bar.count + 1})`)
          .waitFor({ timeout: 10_000 });
        assert.ok((await rows.count()) > bar.count, 'every record is listed again');

        assert.equal(
          await curator.locator('[data-testid="overview"]').getAttribute('data-theme'),
          'vscode-dark',
        );
        await workbench.setTheme('light');
        // The charts are redrawn in the light theme's colours when the webview's theme changes.
        await curator
          .locator('[data-testid="overview"][data-theme="vscode-light"]')
          .waitFor({ timeout: 10_000 });
        await workbench.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
        await workbench.screenshot('overview-light');
        await curator.locator('[data-testid="chart-seed"]').scrollIntoViewIfNeeded();
        await workbench.screenshot('overview-problems-light');
      },
    );
  });
});
