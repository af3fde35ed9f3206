// The Convert command's problems in a real VS Code: a click on one in the Problems panel brings up the
// curator on the converted file's input at that record (opening it there first), for either profile; the
// same .jsonl opened as text in any ordinary way (Quick Open, a click on its tab, "Reopen Editor With…")
// stays a text editor, even when its restored selection is exactly a problem's range.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { useExtensionUnderTest } from './extensionUnderTest';
import { REPO_ROOT, type Workbench, withWorkbench } from './harness';

const SAMPLE = readFileSync(join(REPO_ROOT, 'samples', 'ms_agent_sample.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const NAME = 'convert-problems.jsonl';
/** Two ms_agent records, the first again (a duplicate id: a warning on a real record), a line not JSON. */
const FILE = `${[SAMPLE[0], SAMPLE[1], SAMPLE[0], '<<<<<<< HEAD'].join('\n')}\n`;
const DUPLICATE_LINE = 3;
const DUPLICATE = 'Duplicate id';
/** What only the seed profile reports, on line 1 (and 3). */
const SEED_LINE = 1;
const SEED_ARTEFACT = 'The seed writes the tool list as JSON';

/** Picks `label` in the QuickPick titled `title`, and waits until that pick is gone. */
async function pickQuickItem(page: Page, title: string, label: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const heading = widget.locator('.quick-input-title', { hasText: title });
  await heading.waitFor({ timeout: 20_000 });
  await widget
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first()
    .click();
  await heading.waitFor({ state: 'hidden', timeout: 20_000 });
}

/** "Convert to AgentFabric" on the active .jsonl, written beside it; waits for the result in the curator. */
async function convert(workbench: Workbench, profile: 'agentfabric' | 'seed'): Promise<void> {
  const output = NAME.replace(/\.jsonl$/, `.${profile}.jsonl`);
  await workbench.runCommand('AgentFabric: Convert to AgentFabric');
  await pickQuickItem(workbench.page, 'Convert to which format?', profile);
  await pickQuickItem(workbench.page, 'Write the converted file to', output);
  await workbench.page
    .locator('.tabs-container .tab.active', { hasText: output })
    .waitFor({ timeout: 60_000 });
  await workbench.page
    .locator('.notification-toast', { hasText: `records to ${profile}` })
    .waitFor({ timeout: 60_000 });
}

/**
 * The Problems panel's entry on `line` whose message contains `text`. The panel's filter narrows the list
 * to such entries first: it is virtualised, and only the rows in view exist.
 */
async function problemEntry(workbench: Workbench, line: number, text: string): Promise<Locator> {
  await workbench.runCommand('View: Focus Problems');
  const panel = workbench.page.locator('.markers-panel');
  await panel.waitFor({ timeout: 15_000 });
  await workbench.page.locator('.viewpane-filter input').fill(text);
  const entry = panel
    .locator('.monaco-list-row')
    .filter({ has: workbench.page.locator('.marker-message', { hasText: text }) })
    .filter({ hasText: `[Ln ${line}, Col 1]` })
    .first();
  await entry.waitFor({ timeout: 20_000 });
  return entry;
}

/** The curator is in front, showing the record of `line` with its row selected. */
async function assertCuratorAt(workbench: Workbench, line: number): Promise<void> {
  const curator = workbench.webview();
  await curator.locator(`[data-testid="record-view"][data-line="${line}"]`).waitFor({ timeout: 30_000 });
  await curator
    .locator(`[data-testid="record-list"] .row.selected[data-line="${line}"]`)
    .waitFor({ timeout: 15_000 });
  await workbench.page.locator('.tabs-container .tab.active', { hasText: NAME }).waitFor();
  assert.equal(await visibleTextEditors(workbench.page), 0, 'the curator, not a text editor, is in front');
}

async function visibleTextEditors(page: Page): Promise<number> {
  return page.locator('.part.editor .editor-instance .monaco-editor >> visible=true').count();
}

/**
 * A text editor of the file is in front and stays there (a follow would replace it within a moment), with
 * the selection it was given: `selected` characters on `line` when given.
 */
async function assertStaysText(workbench: Workbench, how: string, line?: number): Promise<void> {
  const { page } = workbench;
  await page.locator('.part.editor .editor-instance .monaco-editor.focused').waitFor({ timeout: 20_000 });
  if (line !== undefined) {
    // The status bar shows the selection restored with the editor: the whole problem's range.
    await page
      .locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+ \\(\\d+ selected\\)`) })
      .waitFor({ timeout: 10_000 });
  }
  await page.waitForTimeout(3_000);
  assert.equal(await visibleTextEditors(page), 1, `${how}: the text editor stays in front`);
  await page.locator('.tabs-container .tab.active', { hasText: NAME }).waitFor();
  assert.equal(
    await page.locator('iframe.webview.ready >> visible=true').count(),
    0,
    `${how}: no curator came forward`,
  );
}

describe('real VS Code: the Convert command’s problems lead to the curator', { timeout: 600_000 }, () => {
  const prepared = useExtensionUnderTest('afc-e2e-convert-problems-');

  test('a conversion problem clicked in the Problems panel opens the curator at its record', async (t) => {
    if (prepared.extension.kind !== 'real') return t.skip('needs the real extension');
    await withWorkbench(
      'convert-problems',
      {
        vsix: prepared.extension.vsix,
        files: { [NAME]: FILE },
        settings: { 'workbench.editor.enablePreview': false, 'files.autoSave': 'off' },
      },
      async (workbench) => {
        const { page } = workbench;
        // Opened as text the ordinary way: it stays text.
        await workbench.quickOpen(NAME);
        await assertStaysText(workbench, 'Quick Open');

        // ---- Convert; the input is not open in the curator, its only problems are the conversion's ----
        await convert(workbench, 'agentfabric');
        // The converted file's own check would list the same duplicate; it is closed, and its problems go.
        const outputTab = page.locator('.tabs-container .tab', {
          hasText: `${NAME.replace('.jsonl', '')}.agentfabric`,
        });
        await outputTab.click({ button: 'middle' });
        await outputTab.waitFor({ state: 'detached' });
        assert.equal(await page.locator('.tabs-container .tab').count(), 1, 'only the input, as text');
        const duplicate = await problemEntry(workbench, DUPLICATE_LINE, DUPLICATE);
        await page
          .locator('.markers-panel .monaco-list-row', { hasText: 'agentfabric.jsonl' })
          .waitFor({ state: 'detached', timeout: 15_000 });

        // On the message, not on the code link: the entry opens the .jsonl as text with the problem selected.
        await duplicate.locator('.marker-message').click();
        await assertCuratorAt(workbench, DUPLICATE_LINE);
        await workbench
          .webview()
          .locator(`[data-testid="record-view"] [data-testid="problem"][data-code="J09"]`)
          .waitFor({ timeout: 30_000 });
        await workbench.screenshot('convert-problems-jump');

        // ---- its text tab: the selection the jump left, exactly the problem's range, is restored ----------
        // The text editor opened first, the curator to its right.
        await page.locator('.tabs-container .tab', { hasText: NAME }).first().click();
        await assertStaysText(workbench, 'a click on the text tab', DUPLICATE_LINE);

        // ---- the seed profile's problems; then the file opened as text again, with them listed ------------
        await convert(workbench, 'seed');
        await workbench.runCommand('View: Close All Editors');
        await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 15_000 });
        // The conversion's problem on the line whose range the text editor will restore.
        await problemEntry(workbench, DUPLICATE_LINE, DUPLICATE);
        await workbench.quickOpen(NAME);
        await assertStaysText(workbench, 'Quick Open with the selection restored', DUPLICATE_LINE);

        // A problem only the seed profile reports: the curator opens on the file at that record.
        const artefact = await problemEntry(workbench, SEED_LINE, SEED_ARTEFACT);
        await artefact.locator('.marker-message').first().click();
        await assertCuratorAt(workbench, SEED_LINE);

        // ---- "Reopen Editor With…" the text editor: it stays text -------------------------------------------
        await workbench.runCommand('View: Hide Panel');
        await workbench.reopenWith('Text Editor');
        await assertStaysText(workbench, '"Reopen Editor With…" the text editor');
      },
    );
  });
});
