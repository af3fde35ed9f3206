// Reviewing in a real VS Code, the way a person does it with the keyboard: approve, reject and tag records,
// edit a turn, undo and redo (Ctrl+Z / Ctrl+Shift+Z with the focus in the curator), save, close and reopen,
// check the file's bytes (only the reviewed and edited lines changed), filter and search, then leave
// unsaved work behind, reload the window without saving, and find it restored (hot exit).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { convertRecord } from '../../src/core/pipeline/convertRecord';
import { readRecordText } from '../../src/core/pipeline/readRecord';
import { useExtensionUnderTest } from './extensionUnderTest';
import { REPO_ROOT, withWorkbench } from './harness';

const SAMPLE = readFileSync(join(REPO_ROOT, 'samples', 'ms_agent_sample.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');

/** Python's json.dumps spelling, as the published datasets are written. */
function chat(id: string, user: string, assistant: string): string {
  return `{"id": "${id}", "conversations": [{"from": "user", "value": "${user}"}, {"from": "assistant", "value": "${assistant}"}]}`;
}

/** The first sample converted to the AgentFabric runtime format: a record whose tools table can be edited. */
function agentFabricLine(): string {
  const record = readRecordText(SAMPLE[0], 1, false).record;
  if (!record) throw new Error('the sample is not a record');
  const converted = convertRecord(record, { profile: 'agentfabric', userPrefix: 'last' });
  if (!converted.ok) throw new Error('the sample does not convert');
  return JSON.stringify({
    id: 'af9',
    conversations: converted.turns.map((t) => ({ from: t.role, value: t.text })),
  });
}

const LINES = [
  SAMPLE[0],
  SAMPLE[1],
  chat('c3', 'How long is the river?', 'About 6,300 km.'),
  chat('c4', 'Is it fine?', 'fine'),
  chat('c5', 'Say hello', 'hello'),
  chat('c6', 'Count to three', 'one two three'),
  chat('c7', 'Name a colour', 'blue'),
  chat('c8', 'Last one', 'done'),
  agentFabricLine(),
];
const FILE = `${LINES.join('\n')}\n`;
const NAME = 'review.jsonl';
const RECORDS = LINES.length;

function row(curator: FrameLocator, line: number) {
  return curator.locator(`[data-testid="record-row"][data-line="${line}"]`);
}

/** Waits until the row of `line` shows this review status (the host answered the keyboard action). */
async function waitForReview(curator: FrameLocator, line: number, status: string): Promise<void> {
  await curator
    .locator(`[data-testid="record-row"][data-line="${line}"][data-review="${status}"]`)
    .waitFor({ timeout: 15_000 });
}

async function selectRecord(curator: FrameLocator, line: number): Promise<void> {
  await row(curator, line).click();
  await curator.locator(`[data-testid="record-view"][data-line="${line}"]`).waitFor({ timeout: 15_000 });
}

async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function dirtyTab(page: Page) {
  return page.locator('.tabs-container .tab.dirty', { hasText: NAME });
}

/** The hot-exit backup our document wrote somewhere under the profile (VS Code chooses where). */
function findBackup(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findBackup(path);
      if (found) return found;
    } else if (entry.isFile() && statSync(path).size < 1_000_000) {
      const text = readFileSync(path, 'utf8');
      if (text.includes(`"fileName":"${NAME}"`) && text.includes('"lines":[{')) return path;
    }
  }
  return undefined;
}

/** Whether VS Code's backup store (under the profile's Backups folder) refers to our backup file. */
function hasBackupMeta(dir: string, backup: string): boolean {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (hasBackupMeta(path, backup)) return true;
    } else if (entry.isFile() && readFileSync(path, 'utf8').includes(backup)) return true;
  }
  return false;
}

function expectedAfterSave(): string[] {
  const lines = [...LINES];
  lines[0] = `${LINES[0].slice(0, -1)}, "_review": {"status": "approved"}}`;
  lines[1] = `${LINES[1].slice(0, -1)}, "_review": {"status": "rejected"}}`;
  lines[2] = `${LINES[2].slice(0, -1)}, "_review": {"status": "unreviewed", "tags": ["long"]}}`;
  lines[3] = chat('c4', 'Is it fine?', 'edited answer');
  return lines;
}

describe('real VS Code: reviewing records', { timeout: 900_000 }, () => {
  const prepared = useExtensionUnderTest();

  test('keyboard review, edit, undo/redo, save, reopen, filter, and hot exit', async (t) => {
    if (prepared.extension.kind !== 'real') return t.skip('reviewing needs the real extension');
    await withWorkbench(
      'review',
      {
        vsix: prepared.extension.vsix,
        files: { [NAME]: FILE },
        theme: 'dark',
        settings: {
          'workbench.editorAssociations': { '*.jsonl': 'agentfabric.curator' },
          // The browser build saves after a delay by default; unsaved work and hot exit need it off.
          'files.autoSave': 'off',
        },
        viewport: { width: 1600, height: 1000 },
      },
      async (workbench) => {
        const { page } = workbench;
        const path = workbench.workspaceFile(NAME);
        await workbench.quickOpen(NAME);
        let curator = await workbench.curator();
        assert.equal(await curator.locator('[data-testid="record-row"]').count(), RECORDS);

        // ---- review with the keyboard: a approves, j moves on, x rejects, t tags -------------------
        await selectRecord(curator, 1);
        await page.keyboard.press('a');
        await waitForReview(curator, 1, 'approved');
        await curator.locator('[data-testid="review-panel"][data-status="approved"]').waitFor();
        await dirtyTab(page).waitFor({ timeout: 10_000 });
        await page.keyboard.press('j');
        await curator.locator('[data-testid="record-view"][data-line="2"]').waitFor({ timeout: 10_000 });
        await page.keyboard.press('x');
        await waitForReview(curator, 2, 'rejected');
        await page.keyboard.press('j');
        await curator.locator('[data-testid="record-view"][data-line="3"]').waitFor({ timeout: 10_000 });
        await page.keyboard.press('t');
        const tagInput = curator.locator('[data-testid="tag-input"]');
        await waitFor('the tag field to have the focus', () =>
          tagInput.evaluate((e) => e === document.activeElement),
        );
        // "l", "o", "n" and "g" are typed into the field, not taken as shortcuts (n = next unreviewed).
        await page.keyboard.type('long');
        await page.keyboard.press('Enter');
        await curator.locator('[data-testid="tag-chip"][data-tag="long"]').waitFor({ timeout: 10_000 });
        await row(curator, 3).locator('.tag-pill[data-tag="long"]').waitFor({ timeout: 10_000 });
        assert.equal(await row(curator, 3).getAttribute('data-review'), 'unreviewed');
        await curator.locator('[data-testid="record-view"][data-line="3"]').waitFor();
        await page.keyboard.press('Escape');
        await workbench.screenshot('review-keyboard-dark');

        // ---- hand edit: e opens edit mode, the turn is edited and checked again ------------------------
        await page.keyboard.press('j');
        await curator.locator('[data-testid="record-view"][data-line="4"]').waitFor({ timeout: 10_000 });
        await page.keyboard.press('e');
        const editor = curator.locator('[data-testid="turn-editor"][data-turn="1"]');
        await editor.waitFor({ timeout: 10_000 });
        assert.equal(await editor.inputValue(), 'fine');
        await editor.click();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type('edited answer');
        // Escape leaves the field: the change is committed as one edit.
        await page.keyboard.press('Escape');
        await curator.locator('[data-testid="edited-badge"]').waitFor({ timeout: 10_000 });
        await row(curator, 4).and(curator.locator('[data-unsaved="true"]')).waitFor({ timeout: 10_000 });
        const converted = curator.locator('[data-testid="pane-converted"]');
        await waitFor('the converted side to follow the edit', async () =>
          ((await converted.textContent()) ?? '').includes('edited answer'),
        );
        await workbench.screenshot('review-edit-dark');

        // ---- undo and redo from inside the webview ---------------------------------------------------
        await page.keyboard.press('ControlOrMeta+Z');
        await waitFor('undo to restore the turn', async () => (await editor.inputValue()) === 'fine');
        await page.keyboard.press('ControlOrMeta+Shift+Z');
        await waitFor(
          'redo to apply the edit again',
          async () => (await editor.inputValue()) === 'edited answer',
        );
        await page.keyboard.press('e');
        await curator
          .locator('[data-testid="record-view"][data-editing="true"]')
          .waitFor({ state: 'detached' });

        // ---- the status bar and the counts ---------------------------------------------------------
        await page
          .locator('.statusbar-item', { hasText: `Reviewed 2/${RECORDS}` })
          .waitFor({ timeout: 10_000 });
        assert.equal(await curator.locator('[data-testid="count-approved"]').getAttribute('data-count'), '1');
        assert.equal(await curator.locator('[data-testid="count-rejected"]').getAttribute('data-count'), '1');
        await curator.locator('[data-testid="tag-count"][data-tag="long"][data-count="1"]').waitFor();

        // ---- save: only the reviewed and edited lines change, byte for byte --------------------------
        assert.equal(readFileSync(path, 'utf8'), FILE, 'nothing is written before saving');
        await page.keyboard.press('ControlOrMeta+S');
        await dirtyTab(page).waitFor({ state: 'detached', timeout: 15_000 });
        const expected = expectedAfterSave();
        await waitFor(
          'the file to be saved',
          () => readFileSync(path, 'utf8') === `${expected.join('\n')}\n`,
        );
        const savedLines = readFileSync(path, 'utf8').split('\n');
        for (const i of [4, 5, 6, 7, 8]) assert.equal(savedLines[i], LINES[i], `line ${i + 1} is untouched`);

        // ---- close and reopen: the review state and the edit are in the file ---------------------------
        await workbench.runCommand('View: Close Editor');
        await page
          .locator('.tabs-container .tab', { hasText: NAME })
          .waitFor({ state: 'detached', timeout: 10_000 });
        await workbench.quickOpen(NAME);
        curator = await workbench.curator();
        await waitForReview(curator, 1, 'approved');
        await waitForReview(curator, 2, 'rejected');
        await row(curator, 3).locator('.tag-pill[data-tag="long"]').waitFor({ timeout: 10_000 });
        await selectRecord(curator, 4);
        assert.match(
          (await curator.locator('[data-testid="pane-original"]').textContent()) ?? '',
          /edited answer/,
        );
        assert.equal(await dirtyTab(page).count(), 0);

        // ---- search and filter follow the keyboard too -----------------------------------------------
        await page.keyboard.press('/');
        const search = curator.locator('[data-testid="search-input"]');
        await waitFor('the search field to have the focus', () =>
          search.evaluate((e) => e === document.activeElement),
        );
        await page.keyboard.type('edited');
        await curator
          .locator('[data-testid="filter-count"][data-rows="1"][data-running="false"]')
          .waitFor({ timeout: 15_000 });
        // The count comes before the page of rows: wait until the list has shrunk to its one row.
        await waitFor(
          'the list to show only the matching row',
          async () => (await curator.locator('[data-testid="record-row"]').count()) === 1,
        );
        assert.equal(await curator.locator('[data-testid="record-row"]').count(), 1);
        await curator.locator('[data-testid="filter-clear"]').click();
        await curator
          .locator(`[data-testid="filter-count"][data-rows="${RECORDS}"]`)
          .waitFor({ timeout: 15_000 });
        await curator.locator('[data-testid="count-approved"]').click();
        await curator.locator('[data-testid="filter-count"][data-rows="1"]').waitFor({ timeout: 15_000 });
        await curator.locator('[data-testid="count-approved"]').click();
        await curator
          .locator(`[data-testid="filter-count"][data-rows="${RECORDS}"]`)
          .waitFor({ timeout: 15_000 });

        // ---- n jumps to the next unreviewed record; ? lists the keys ---------------------------------
        await selectRecord(curator, 1);
        await page.keyboard.press('n');
        await curator.locator('[data-testid="record-view"][data-line="3"]').waitFor({ timeout: 10_000 });
        await page.keyboard.press('Shift+Slash');
        await curator.locator('[data-testid="shortcuts-overlay"]:not([hidden])').waitFor({ timeout: 10_000 });
        await workbench.screenshot('review-shortcuts-dark');
        await page.keyboard.press('Escape');
        await curator.locator('[data-testid="shortcuts-overlay"][hidden]').waitFor({ state: 'attached' });

        // ---- hot exit: unsaved work survives a reload of the window -----------------------------------
        await selectRecord(curator, 5);
        await page.keyboard.press('f');
        await waitForReview(curator, 5, 'needs-fix');
        await dirtyTab(page).waitFor({ timeout: 10_000 });
        const savedBytes = readFileSync(path);
        let backup: string | undefined;
        await waitFor(
          'VS Code to back up the unsaved change',
          () => {
            backup = findBackup(join(workbench.tempDir, 'user-data'));
            // VS Code's own record of it, pointing at ours: only then is the backup complete.
            return (
              backup !== undefined &&
              hasBackupMeta(join(workbench.tempDir, 'user-data', 'User', 'Backups'), backup)
            );
          },
          30_000,
        );
        const body = JSON.parse(readFileSync(backup ?? '', 'utf8')) as { lines: { line: number }[] };
        assert.deepEqual(
          body.lines.map((l) => l.line),
          [4],
          'the backup holds the unsaved line only, not the file',
        );
        // Developer: Reload Window, without saving: the workbench shuts down as it does on reload.
        const reloaded = page.waitForEvent('load', { timeout: 60_000 });
        await workbench.runCommand('Developer: Reload Window').catch(() => undefined);
        await reloaded;
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await dirtyTab(page).waitFor({ timeout: 60_000 });
        curator = await workbench.curator(60_000);
        await waitForReview(curator, 5, 'needs-fix');
        assert.equal(await row(curator, 5).getAttribute('data-unsaved'), 'true');
        await waitForReview(curator, 1, 'approved');
        assert.deepEqual(readFileSync(path), savedBytes, 'the reload wrote nothing to the file');
        await workbench.screenshot('review-restored-dark');

        // ---- bulk: every record the filter shows, in one undoable edit -------------------------------
        await curator.locator('[data-testid="count-unreviewed"]').click();
        const unreviewed = RECORDS - 3;
        await curator
          .locator(`[data-testid="filter-count"][data-rows="${unreviewed}"]`)
          .waitFor({ timeout: 15_000 });
        await curator.locator('[data-testid="bulk-target-filter"]').check();
        await curator.locator('[data-testid="bulk-approved"]').click();
        await curator
          .locator(`[data-testid="count-approved"][data-count="${1 + unreviewed}"]`)
          .waitFor({ timeout: 15_000 });
        await workbench.screenshot('review-bulk-dark');
        await curator.locator('[data-testid="record-list"]').focus();
        await page.keyboard.press('ControlOrMeta+Z');
        await curator.locator('[data-testid="count-approved"][data-count="1"]').waitFor({ timeout: 15_000 });

        // ---- an AgentFabric record's tools table: edited, and the system prompt rendered again -----------
        await curator.locator('[data-testid="filter-clear"]').click();
        await curator
          .locator(`[data-testid="filter-count"][data-rows="${RECORDS}"]`)
          .waitFor({ timeout: 15_000 });
        await selectRecord(curator, 9);
        await curator.locator('[data-testid="tools-edit"]').click();
        const description = curator.locator('[data-testid="te-tool-description"]').first();
        await description.fill('Recommends recipes.');
        await curator.locator('[data-testid="tools-apply"]').click();
        const original = curator.locator('[data-testid="pane-original"]');
        await waitFor('the system prompt to be rendered from the edited tools', async () =>
          ((await original.textContent()) ?? '').includes(
            'hm_recipe_recommend: hm_recipe_recommend API. Recommends recipes. Parameters:',
          ),
        );
        await curator
          .locator('[data-testid="tools-table"]', { hasText: 'Recommends recipes.' })
          .waitFor({ timeout: 10_000 });
        await row(curator, 9).and(curator.locator('[data-unsaved="true"]')).waitFor({ timeout: 10_000 });
        await curator.locator('[data-testid="review-panel"]').scrollIntoViewIfNeeded();
        await workbench.screenshot('review-tools-dark');

        await workbench.setTheme('light');
        await workbench.screenshot('review-tools-light');

        // ---- revert: the file as saved, nothing unsaved -------------------------------------------------
        await workbench.runCommand('File: Revert File');
        await dirtyTab(page).waitFor({ state: 'detached', timeout: 15_000 });
        await waitForReview(curator, 5, 'unreviewed');
        await curator
          .locator('[data-testid="record-row"][data-unsaved="true"]')
          .first()
          .waitFor({ state: 'detached', timeout: 15_000 });
        assert.deepEqual(readFileSync(path), savedBytes, 'revert writes nothing');
      },
    );
  });
});
