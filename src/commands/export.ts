import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import {
  ExportCancelled,
  type ExportResult,
  exportDataset,
  REPORT_FILE,
  TRAIN_FILE,
} from '../core/export/exportDataset';
import { ExportOptionError } from '../core/export/resolveOptions';
import { DROP_REASONS, type ExportOptions, type ExportSource } from '../core/export/types';
import { TokenizerFileError } from '../core/tokens/counter';
import type { CuratorProvider } from '../editor/curatorProvider';
import { maxLengthSetting, tokenizerPathSetting } from '../editor/overviewSettings';
import { l10n } from '../l10n';
import { exportOptionsOf, restoreChoices, sourcesFor } from './exportChoices';
import { askExport } from './exportSteps';
import { activeResource, isJsonl } from './targetUri';

/** Where the choices are remembered, per workspace. */
export const EXPORT_STATE_KEY = 'agentfabric.export.choices';

/** Share of the progress bar for reading the sources; writing the files takes the rest. */
const READING_SHARE = 90;

/**
 * "AgentFabric: Export Training Dataset" (issue 5): the same `exportDataset` as `afcurate export`,
 * asked for in three steps with the last choices remembered per workspace, run with progress and
 * cancel (every file written atomically), then a summary that opens the report or reveals the files.
 */
export async function exportCommand(
  context: vscode.ExtensionContext,
  curator: CuratorProvider,
  given?: unknown,
): Promise<void> {
  const current = await datasetToExport(curator, given);
  if (!current) return;
  if (current.scheme !== 'file') {
    void vscode.window.showErrorMessage(l10n.t('Only files on disk can be exported.'));
    return;
  }
  const remembered = restoreChoices(context.workspaceState.get(EXPORT_STATE_KEY));
  const tiktokenPath = tokenizerPathSetting();
  const answer = await askExport(sourcesFor(current.fsPath, remembered.sources, existsSync), remembered, {
    maxLengthSetting: maxLengthSetting(),
    exactTokens: tiktokenPath !== undefined,
  });
  if (!answer) return;
  // The file the command runs on is always a source; the others are offered again next time.
  const extras = answer.sources.filter((s) => s.path !== current.fsPath);
  await context.workspaceState.update(EXPORT_STATE_KEY, { ...answer.choices, sources: extras });

  if (!(await saveUnsavedSources(answer.sources))) return;
  const options = exportOptionsOf(answer.choices, answer.sources, {
    maxLength: maxLengthSetting(),
    tiktokenPath,
  });
  if (!(await confirmOutDir(options.outDir))) return;
  const result = await runWithProgress(options);
  if (result) await showSummary(result);
}

/** The command's argument (curator button, explorer), else the active curator or .jsonl, else a dialog. */
async function datasetToExport(curator: CuratorProvider, given: unknown): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri) return given;
  const active = activeResource();
  if (isJsonl(active)) return active;
  const inCurator = curator.active()?.document.uri;
  if (inCurator) return inCurator;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [l10n.t('JSON Lines datasets')]: ['jsonl'] },
    title: l10n.t('Export which dataset?'),
  });
  return picked?.[0];
}

/** Export reads the files on disk: unsaved reviews and edits in the curator would be missed. */
async function saveUnsavedSources(sources: readonly ExportSource[]): Promise<boolean> {
  // The tabs say what is unsaved, whichever editor holds the file (the curator or a text editor).
  const unsaved = new Set(
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((tab) => tab.isDirty)
      .flatMap((tab) =>
        tab.input instanceof vscode.TabInputCustom || tab.input instanceof vscode.TabInputText
          ? [tab.input.uri.toString()]
          : [],
      ),
  );
  const dirty = sources.map((s) => vscode.Uri.file(s.path)).filter((uri) => unsaved.has(uri.toString()));
  if (dirty.length === 0) return true;
  const save = l10n.t('Save and Export');
  const asSaved = l10n.t('Export Saved Version');
  const answer = await vscode.window.showWarningMessage(
    l10n.t(
      '{0} has unsaved changes. Export reads the file on disk.',
      dirty.map((u) => basename(u.path)).join(', '),
    ),
    { modal: true },
    save,
    asSaved,
  );
  if (answer === asSaved) return true;
  if (answer !== save) return false;
  for (const uri of dirty) if (!(await vscode.workspace.save(uri))) return false;
  return true;
}

/** Files in the way that an earlier export did not write are not replaced without asking. */
async function confirmOutDir(outDir: string): Promise<boolean> {
  if (!existsSync(join(outDir, TRAIN_FILE)) || existsSync(join(outDir, REPORT_FILE))) return true;
  const replace = l10n.t('Replace');
  const answer = await vscode.window.showWarningMessage(
    l10n.t('{0} already holds a train.jsonl that no export wrote. Replace it?', outDir),
    { modal: true },
    replace,
  );
  return answer === replace;
}

async function runWithProgress(options: ExportOptions): Promise<ExportResult | undefined> {
  try {
    return await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: l10n.t('Exporting the training dataset'),
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        return exportDataset({
          ...options,
          signal: abort.signal,
          onProgress: (p) => {
            const share = p.total > 0 ? p.done / p.total : 1;
            const pct = Math.floor(
              p.phase === 'reading' ? share * READING_SHARE : READING_SHARE + share * (100 - READING_SHARE),
            );
            if (pct <= reported) return;
            progress.report({
              increment: pct - reported,
              message: p.phase === 'reading' ? l10n.t('reading {0}%', pct) : l10n.t('writing'),
            });
            reported = pct;
          },
        });
      },
    );
  } catch (e) {
    if (e instanceof ExportCancelled) {
      void vscode.window.showInformationMessage(l10n.t('Export cancelled; nothing was written.'));
    } else if (e instanceof TokenizerFileError) {
      void vscode.window.showErrorMessage(
        l10n.t('The tokenizer file set in agentfabric.tokenizerPath cannot be used: {0}', e.message),
      );
    } else if (e instanceof ExportOptionError) {
      void vscode.window.showErrorMessage(l10n.t('Export options are not valid: {0}', e.message));
    } else {
      const message = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(l10n.t('Export failed: {0}', message));
    }
    return undefined;
  }
}

async function showSummary(result: ExportResult): Promise<void> {
  const r = result.report;
  const dropped = DROP_REASONS.filter((k) => k !== 'not-sampled' && r.dropped[k] > 0)
    .map((k) => `${k} ${r.dropped[k]}`)
    .join(', ');
  const parts = [
    r.val > 0
      ? l10n.t('Exported {0} records: {1} to train.jsonl, {2} to val.jsonl.', r.selected, r.train, r.val)
      : l10n.t('Exported {0} records to train.jsonl.', r.selected),
    dropped ? l10n.t('Left out: {0}.', dropped) : l10n.t('Nothing left out.'),
  ];
  if (r.overLength > 0) {
    parts.push(
      l10n.t(
        '{0} over {1} tokens ({2}).',
        r.overLength,
        r.options.maxLength,
        r.tokenizer.exact ? l10n.t('exact') : l10n.t('estimate'),
      ),
    );
  }
  const openReport = l10n.t('Open Report');
  const reveal = l10n.t('Reveal in Explorer');
  const show = r.selected === 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const answer = await show(parts.join(' '), openReport, reveal);
  if (answer === openReport) {
    await vscode.window.showTextDocument(vscode.Uri.file(result.files.report));
  } else if (answer === reveal) {
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(result.files.train));
  }
}
