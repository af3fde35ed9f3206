// The first journey in a real VS Code: an ms_agent .jsonl opened in the curator shows its records, and a
// damaged file (half-written last line, binary bytes) shows clear problems, in the webview and in the
// Problems panel, without taking the extension host down.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { useExtensionUnderTest } from './extensionUnderTest';
import { REPO_ROOT, type Workbench, withWorkbench } from './harness';
import { BROKEN_LINES, journeyFiles } from './journeyData';

const { sample: SAMPLE, broken: BAD, sampleRecords: SAMPLE_RECORDS } = journeyFiles(REPO_ROOT);

const FILES = { 'ms_agent_sample.jsonl': SAMPLE, 'broken.jsonl': BAD };
const CRASH_MESSAGES = /terminated unexpectedly|Extension host .*(crash|stopped)|An unexpected error/i;

async function openInCurator(workbench: Workbench, fileName: string): Promise<void> {
  await workbench.quickOpen(fileName);
  await workbench.runCommand('AgentFabric: Open in Curator');
}

/** Picks the first record and waits for its turns, original beside converted (the real curator only). */
async function showFirstRecordSideBySide(curator: FrameLocator): Promise<void> {
  await curator.locator('[data-testid="record-row"]').first().click();
  await curator.locator('[data-testid="record-view"]').waitFor({ timeout: 15_000 });
  const original = curator.locator('[data-testid="pane-original"]').first();
  const converted = curator.locator('[data-testid="pane-converted"]').first();
  await original.waitFor();
  await converted.waitFor();
  // The sample's first record calls hm_recipe_recommend; both sides must show the call.
  assert.match((await original.textContent()) ?? '', /hm_recipe_recommend/);
  assert.match((await converted.textContent()) ?? '', /hm_recipe_recommend/);
  // So the screenshot shows the two panes, not only the record's header.
  await original.scrollIntoViewIfNeeded();
}

async function assertNoCrash(workbench: Workbench): Promise<void> {
  const toasts = await workbench.notifications();
  assert.equal(
    toasts.filter((m) => CRASH_MESSAGES.test(m)).length,
    0,
    `crash notification: ${JSON.stringify(toasts)}`,
  );
}

describe('real VS Code: open in the curator', { timeout: 600_000 }, () => {
  const prepared = useExtensionUnderTest();

  test('an ms_agent file shows its records; a broken file shows its problems (dark)', async () => {
    await withWorkbench(
      'smoke-dark',
      { vsix: prepared.extension.vsix, files: FILES, theme: 'dark' },
      async (workbench) => {
        await openInCurator(workbench, 'ms_agent_sample.jsonl');
        const curator = await workbench.curator();
        await assert.doesNotReject(curator.locator('[data-testid="record-row"]').first().waitFor());
        assert.equal(await curator.locator('[data-testid="record-row"]').count(), SAMPLE_RECORDS);
        await workbench.screenshot('curator-records-dark');
        if (prepared.extension.kind === 'real') {
          await showFirstRecordSideBySide(curator);
          await workbench.screenshot('curator-side-by-side-dark');
        }

        if (prepared.extension.kind === 'standin') {
          // The host answers the webview: proof the message channel works through code-server.
          await curator.locator('[data-testid="ping"]').click();
          await curator.getByText(`host saw ${SAMPLE_RECORDS} records`).waitFor({ timeout: 10_000 });
        }

        await openInCurator(workbench, 'broken.jsonl');
        const broken = await workbench.curator();
        await broken.locator('[data-testid="problem"]').first().waitFor({ timeout: 20_000 });
        const problems = await broken.locator('[data-testid="problem"]').allInnerTexts();
        assert.ok(
          problems.length >= 2,
          `expected a problem for the binary line and the cut line: ${problems}`,
        );
        assert.ok(
          BROKEN_LINES.every((line) => problems.some((p) => new RegExp(`\\b${line}\\b`).test(p))),
          `problems should name lines ${BROKEN_LINES}: ${JSON.stringify(problems)}`,
        );
        assert.equal(await broken.locator('[data-testid="record-row"]').count(), 1);
        await workbench.screenshot('curator-problems-dark');

        const panel = await workbench.problems();
        assert.ok(
          panel.some((row) => row.includes('broken.jsonl')),
          `Problems panel should list broken.jsonl: ${JSON.stringify(panel)}`,
        );
        await workbench.screenshot('problems-panel-dark');
        await assertNoCrash(workbench);
      },
    );
  });

  test('the curator renders in the light theme', async () => {
    await withWorkbench(
      'smoke-light',
      { vsix: prepared.extension.vsix, files: FILES, theme: 'light' },
      async (workbench) => {
        assert.equal(
          await workbench.page.locator('.monaco-workbench.vs').count(),
          1,
          'light theme is active',
        );
        await openInCurator(workbench, 'ms_agent_sample.jsonl');
        const curator = await workbench.curator();
        assert.equal(await curator.locator('[data-testid="record-row"]').count(), SAMPLE_RECORDS);
        await workbench.screenshot('curator-records-light');
        if (prepared.extension.kind === 'real') {
          await showFirstRecordSideBySide(curator);
          await workbench.screenshot('curator-side-by-side-light');
        }
        await workbench.setTheme('dark');
        assert.equal(
          await workbench.page.locator('.monaco-workbench.vs-dark').count(),
          1,
          'switched to dark',
        );
        await assertNoCrash(workbench);
      },
    );
  });
});
