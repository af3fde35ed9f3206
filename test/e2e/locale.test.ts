// Many of the curator's users read Chinese first, and many of them run VS Code in English (code-server
// here has no Chinese language pack, and cannot fetch one). With `agentfabric.language` set to zh-cn,
// the curator's own UI (webview/strings.ts), the host's messages (l10n/bundle.l10n.zh-cn.json) and the
// Problems panel's explanations are in Chinese; the command titles stay VS Code's (English here). A
// change of the setting redraws an open curator at once.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { useExtensionUnderTest } from './extensionUnderTest';
import { REPO_ROOT, withWorkbench } from './harness';
import { journeyFiles } from './journeyData';

const { sample: SAMPLE, sampleRecords: SAMPLE_RECORDS } = journeyFiles(REPO_ROOT);

const NEEDS_REAL = 'needs the real extension (its Chinese texts), not the stand-in';

describe('real VS Code: the curator in Simplified Chinese', { timeout: 600_000 }, () => {
  const prepared = useExtensionUnderTest();

  test('agentfabric.language zh-cn: the curator, the status bar and the Problems panel speak Chinese', async (t) => {
    if (prepared.extension.kind !== 'real') return t.skip(NEEDS_REAL);
    await withWorkbench(
      'locale-zh-cn',
      {
        vsix: prepared.extension.vsix,
        files: { 'ms_agent_sample.jsonl': SAMPLE },
        settings: { 'agentfabric.language': 'zh-cn' },
      },
      async (workbench) => {
        await workbench.quickOpen('ms_agent_sample.jsonl');
        // The command keeps VS Code's language: its title comes from package.nls.json here.
        await workbench.runCommand('AgentFabric: Open in Curator');
        const curator = await workbench.curator();
        await curator.locator('[data-testid="record-row"]').first().waitFor({ timeout: 20_000 });
        await curator.getByText(`${SAMPLE_RECORDS} 条记录`).first().waitFor({ timeout: 10_000 });
        // The chrome built before the host's first message too: the toolbar and the review filter.
        await curator.getByText('转到行或记录').first().waitFor({ timeout: 10_000 });
        await curator.getByText('未审阅').first().waitFor({ timeout: 10_000 });
        const page = ((await curator.locator('body').textContent()) ?? '').replace(/\s+/g, ' ');
        for (const english of [
          'Go to line or record',
          'unreviewed',
          'needs fix',
          'Overview',
          'Dataset overview',
        ])
          assert.ok(!page.includes(english), `"${english}" is left in English: ${page.slice(0, 400)}`);

        await curator.locator('[data-testid="record-row"]').first().click();
        await curator.locator('[data-testid="record-view"]').waitFor({ timeout: 15_000 });
        const view = (await curator.locator('[data-testid="record-view"]').textContent()) ?? '';
        assert.match(view, /原始/, 'the original side is headed in Chinese');
        assert.match(view, /转换后/, 'the converted side is headed in Chinese');
        assert.doesNotMatch(view, /\bConverted\b/, 'no English heading is left');
        const shot = await workbench.screenshot('locale-zh-cn-curator');
        if (process.env.AFC_E2E_UPDATE_SCREENSHOTS === '1')
          copyFileSync(shot, join(REPO_ROOT, 'docs', 'screenshots', 'zh-cn-dark.png'));

        const statusBar = workbench.page.locator('.statusbar');
        await statusBar.getByText(`已审阅 0/${SAMPLE_RECORDS}`).waitFor({ timeout: 10_000 });

        const panel = await workbench.problems();
        assert.ok(
          panel.some((row) => row.includes('种子脚本在参数名前多写了一个反斜杠')),
          `the Problems panel should explain S6 in Chinese: ${JSON.stringify(panel.slice(0, 6))}`,
        );
        await workbench.screenshot('locale-zh-cn-problems');
      },
    );
  });

  test('changing agentfabric.language redraws an open curator in Chinese, its record still open', async (t) => {
    if (prepared.extension.kind !== 'real') return t.skip(NEEDS_REAL);
    await withWorkbench(
      'locale-switch',
      { vsix: prepared.extension.vsix, files: { 'ms_agent_sample.jsonl': SAMPLE } },
      async (workbench) => {
        await workbench.quickOpen('ms_agent_sample.jsonl');
        await workbench.runCommand('AgentFabric: Open in Curator');
        let curator = await workbench.curator();
        await curator.locator('[data-testid="record-row"]').nth(1).click();
        await curator.locator('[data-testid="record-view"]').getByText('Converted').first().waitFor();
        const english = await workbench.problems();
        assert.ok(
          english.some((row) => row.includes('the seed writes a backslash before parameter names')),
          `the Problems panel starts in English: ${JSON.stringify(english.slice(0, 4))}`,
        );

        await workbench.chooseSetting('agentfabric.language', 'zh-cn');
        curator = workbench.webview();
        await curator.getByText('转到行或记录').first().waitFor({ timeout: 20_000 });
        const view = curator.locator('[data-testid="record-view"]');
        await view.getByText('转换后').first().waitFor({ timeout: 15_000 });
        assert.match((await view.textContent()) ?? '', /fire_example/, 'the same record is still open');
        await workbench.page
          .locator('.statusbar')
          .getByText(`已审阅 0/${SAMPLE_RECORDS}`)
          .waitFor({ timeout: 10_000 });
        const chinese = await workbench.problems();
        assert.ok(
          chinese.some((row) => row.includes('种子脚本在参数名前多写了一个反斜杠')),
          `the Problems panel explains in Chinese now: ${JSON.stringify(chinese.slice(0, 4))}`,
        );
        await workbench.screenshot('locale-switch-zh-cn');
      },
    );
  });
});
