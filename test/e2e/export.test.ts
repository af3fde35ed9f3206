// Export in a real VS Code: approve a record with the keyboard, then from the curator's Export button,
// through the three QuickPick steps (approved records only), past the "unsaved changes" question (save
// and export), to train.jsonl, val.jsonl and export-report.json on disk — only the approved records,
// review fields stripped, the report's SHA-256 matching the files.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { useExtensionUnderTest } from './extensionUnderTest';
import { REPO_ROOT, SCREENSHOT_DIR, withWorkbench } from './harness';

/**
 * The demo dataset with a review state on a few records: two rejected, three approved; `next` is the
 * first unreviewed record with an id of its own, for the test to approve in the curator.
 */
function reviewedDemo(): {
  text: string;
  rejected: string[];
  approved: string[];
  next: { line: number; id: string };
} {
  const lines = readFileSync(join(REPO_ROOT, 'samples', 'ms_agent_demo.jsonl'), 'utf8').split('\n');
  const rejected: string[] = [];
  const approved: string[] = [];
  const seen = new Set<string>();
  let next: { line: number; id: string } | undefined;
  const out = lines.map((line, i) => {
    let record: { id?: unknown } & Record<string, unknown>;
    try {
      record = JSON.parse(line);
    } catch {
      return line;
    }
    const id = typeof record.id === 'string' ? record.id : undefined;
    // Ids that occur once only, so "left out" can be checked by id.
    if (!id || seen.has(id) || lines.filter((l) => l.includes(`"${id}"`)).length > 1) return line;
    seen.add(id);
    if (rejected.length < 2) {
      rejected.push(id);
      return JSON.stringify({ ...record, _review: { status: 'rejected', note: 'off topic' } });
    }
    if (approved.length < 3) {
      approved.push(id);
      return JSON.stringify({ ...record, _review: { status: 'approved', tags: ['good'] } });
    }
    next ??= { line: i + 1, id };
    return line;
  });
  if (!next) throw new Error('the demo has no record left to approve');
  return { text: out.join('\n'), rejected, approved, next };
}

/** Waits until the quick input shows `text` on its focused row, then accepts it with Enter. */
async function acceptFocused(page: Page, text: string | RegExp): Promise<void> {
  const focused = page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: text });
  await focused.waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await focused.waitFor({ state: 'hidden', timeout: 15_000 });
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('real VS Code: export the training dataset', { timeout: 600_000 }, () => {
  const prepared = useExtensionUnderTest();

  test('Approve a record, export approved records from the curator: saved first, written to disk', async (t) => {
    if (prepared.extension.kind !== 'real') return t.skip('export needs the real extension');
    const demo = reviewedDemo();
    await withWorkbench(
      'export',
      {
        vsix: prepared.extension.vsix,
        files: { 'data/reviewed.jsonl': demo.text },
        theme: 'dark',
        settings: {
          'workbench.editorAssociations': { '*.jsonl': 'agentfabric.curator' },
          // The browser build saves after a delay by default: the review must still be unsaved at export.
          'files.autoSave': 'off',
        },
      },
      async (workbench) => {
        const page = workbench.page;
        // The workspace opens .jsonl files in the curator (editorAssociations), so Quick Open is enough.
        await workbench.quickOpen('reviewed.jsonl');
        const curator = await workbench.curator();

        // Approve one more record with the keyboard; it stays unsaved until the export asks.
        const { line, id: approvedNow } = demo.next;
        await curator.locator(`[data-testid="record-row"][data-line="${line}"]`).click();
        await curator
          .locator(`[data-testid="record-view"][data-line="${line}"]`)
          .waitFor({ timeout: 15_000 });
        await page.keyboard.press('a');
        await curator
          .locator(`[data-testid="record-row"][data-line="${line}"][data-review="approved"]`)
          .waitFor({ timeout: 15_000 });
        await page.locator('.tabs-container .tab.dirty', { hasText: 'reviewed.jsonl' }).waitFor();

        await curator.locator('[data-testid="export-button"]').click();
        // 1/3 sources (this file, all of it) → 2/3 approved only → 3/3 Export.
        await acceptFocused(page, 'Continue with these sources');
        await page.locator('.quick-input-widget .monaco-list-row.focused').waitFor({ timeout: 15_000 });
        await page.keyboard.type('Approved only');
        await acceptFocused(page, 'Approved only');
        await page
          .locator('.quick-input-widget .monaco-list-row.focused', { hasText: /^\s*Export/ })
          .waitFor();
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({
          path: join(SCREENSHOT_DIR, 'export-options-dark.png'),
          animations: 'disabled',
        });
        await acceptFocused(page, /^\s*Export/);
        // Export reads the file on disk: the unsaved review is saved first, when the user says so.
        const dialog = page.locator('.monaco-dialog-box', { hasText: 'unsaved changes' });
        await dialog.waitFor({ timeout: 15_000 });
        await dialog.locator('.monaco-button', { hasText: 'Save and Export' }).click();

        const done = page.locator('.notification-toast', { hasText: 'Exported' });
        await done.waitFor({ timeout: 60_000 });
        const message = (await done.textContent()) ?? '';
        const outDir = workbench.workspaceFile('data/export');
        const report = JSON.parse(readFileSync(join(outDir, 'export-report.json'), 'utf8'));
        const train = readFileSync(join(outDir, 'train.jsonl'), 'utf8');
        const val = readFileSync(join(outDir, 'val.jsonl'), 'utf8');
        const trainLines = train.split('\n').filter(Boolean);
        const valLines = val.split('\n').filter(Boolean);

        assert.equal(report.options.select, 'approved');
        assert.equal(report.options.profile, 'agentfabric');
        assert.equal(report.options.valRatio, 0.01);
        assert.equal(report.sources[0].byStatus.rejected.records, 2);
        assert.equal(report.sources[0].byStatus.rejected.selected, 0);
        assert.equal(report.sources[0].byStatus.approved.records, 4);
        assert.equal(report.sources[0].byStatus.approved.selected, 4);
        assert.equal(trainLines.length, report.train);
        assert.equal(valLines.length, report.val);
        assert.equal(report.val, Math.ceil(report.selected * 0.01));
        assert.equal(report.train + report.val, report.selected);
        assert.ok(message.includes(String(report.selected)), `summary names the count: ${message}`);
        assert.equal(report.sha256['train.jsonl'], sha256(join(outDir, 'train.jsonl')));
        assert.equal(report.sha256['val.jsonl'], sha256(join(outDir, 'val.jsonl')));

        const ids = [...trainLines, ...valLines].map((l) => (JSON.parse(l) as { id: string }).id);
        assert.deepEqual(ids.sort(), [...demo.approved, approvedNow].sort(), 'exactly the approved records');
        const saved = readFileSync(workbench.workspaceFile('data/reviewed.jsonl'), 'utf8').split('\n');
        assert.deepEqual(JSON.parse(saved[line - 1])._review, { status: 'approved' }, 'the review was saved');
        assert.ok(
          !train.includes('_review') && !val.includes('_review'),
          'review fields never reach the output',
        );
        assert.ok(trainLines.every((l) => Array.isArray(JSON.parse(l).conversations)));
        assert.deepEqual(
          readdirSync(outDir).sort(),
          ['export-report.json', 'train.jsonl', 'val.jsonl'],
          'no scratch or temporary file is left behind',
        );

        // The summary opens the report.
        await done.locator('.monaco-button', { hasText: 'Open Report' }).click();
        await page
          .locator('.tabs-container .tab.active', { hasText: 'export-report.json' })
          .waitFor({ timeout: 15_000 });
      },
    );
  });
});
