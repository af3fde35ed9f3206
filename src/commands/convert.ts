import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Diagnostic } from '../core/diagnostics/types';
import { AtomicFile } from '../core/io/atomicWrite';
import { type ConvertSummary, convertFile } from '../core/pipeline/convertFile';
import { ScanCancelled } from '../core/pipeline/scanFile';
import type { Profile } from '../core/types';
import { CURATOR_VIEW_TYPE } from '../editor/curatorProvider';
import { toVsDiagnostics } from '../editor/problems';
import { l10n, uiLanguage } from '../l10n';
import { pickJsonl } from './targetUri';

/** Conversion problems kept for the Problems panel; the rest are counted in the summary. */
const PROBLEM_LIMIT = 1000;

/** `data.jsonl` → `data.agentfabric.jsonl` (or `.seed.jsonl`) in the same folder. */
export function defaultOutputUri(input: vscode.Uri, profile: Profile): vscode.Uri {
  const name = basename(input.path).replace(/\.jsonl$/i, '');
  return vscode.Uri.joinPath(input, '..', `${name}.${profile}.jsonl`);
}

async function pickProfile(): Promise<Profile | undefined> {
  const items: (vscode.QuickPickItem & { profile: Profile })[] = [
    {
      label: 'agentfabric',
      description: l10n.t('recommended'),
      detail: l10n.t(
        'What the AgentFabric runtime sends to the model: tool prompt, user prefix, Action/Observation/Answer turns.',
      ),
      profile: 'agentfabric',
    },
    {
      label: 'seed',
      detail: l10n.t(
        'Exactly what the seed conversion script writes (system prompt only), with its known artefacts reported.',
      ),
      profile: 'seed',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: l10n.t('Convert to which format?'),
  });
  return picked?.profile;
}

async function pickOutput(input: vscode.Uri, profile: Profile): Promise<vscode.Uri | undefined> {
  const beside = defaultOutputUri(input, profile);
  const choose = l10n.t('Choose a location…');
  const picked = await vscode.window.showQuickPick(
    [
      { label: basename(beside.path), description: l10n.t('beside the input'), uri: beside },
      { label: choose },
    ],
    { title: l10n.t('Write the converted file to') },
  );
  if (!picked) return undefined;
  if ('uri' in picked && picked.uri) return picked.uri;
  return vscode.window.showSaveDialog({ defaultUri: beside, filters: { JSONL: ['jsonl'] } });
}

async function confirmOverwrite(output: vscode.Uri): Promise<boolean> {
  const exists = await stat(output.fsPath).then(
    () => true,
    () => false,
  );
  if (!exists) return true;
  const overwrite = l10n.t('Overwrite');
  const answer = await vscode.window.showWarningMessage(
    l10n.t('{0} already exists. Overwrite it?', basename(output.path)),
    { modal: true },
    overwrite,
  );
  return answer === overwrite;
}

/**
 * "Convert to AgentFabric": the same `convertFile` as `afcurate convert`, written atomically beside the
 * input, with progress and cancel; then the result opens in the curator and a summary offers the Problems.
 */
export async function convertCommand(
  diagnostics: vscode.DiagnosticCollection,
  given?: unknown,
): Promise<void> {
  const input = await pickJsonl(given, l10n.t('Convert which dataset?'));
  if (!input) return;
  if (input.scheme !== 'file') {
    void vscode.window.showErrorMessage(l10n.t('Only files on disk can be converted.'));
    return;
  }
  const profile = await pickProfile();
  if (!profile) return;
  const output = await pickOutput(input, profile);
  if (!output || !(await confirmOverwrite(output))) return;
  if (output.fsPath === input.fsPath) {
    void vscode.window.showErrorMessage(l10n.t('The output must be a different file from the input.'));
    return;
  }

  const size = (await stat(input.fsPath)).size;
  const kept: Diagnostic[] = [];
  let summary: ConvertSummary | undefined;
  const cancelled = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: l10n.t('Converting {0} to {1}', basename(input.path), profile),
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const file = new AtomicFile(output.fsPath);
      let reported = 0;
      try {
        summary = await convertFile({
          input: input.fsPath,
          output: file,
          profile,
          userPrefix: 'last',
          signal: abort.signal,
          onProblem: (d) => {
            if (kept.length < PROBLEM_LIMIT) kept.push(d);
          },
          onProgress: (bytes) => {
            const pct = size ? Math.floor((bytes / size) * 100) : 100;
            if (pct > reported) {
              progress.report({ increment: pct - reported, message: `${pct}%` });
              reported = pct;
            }
          },
        });
        await file.commit();
        return false;
      } catch (e) {
        await file.abort();
        if (e instanceof ScanCancelled || abort.signal.aborted) return true;
        throw e;
      }
    },
  );
  if (cancelled || !summary) {
    void vscode.window.showInformationMessage(l10n.t('Conversion cancelled; nothing was written.'));
    return;
  }

  const total = Object.values(summary.tally.bySeverity).reduce((a, b) => a + b, 0);
  diagnostics.set(input, toVsDiagnostics(input, kept, total, uiLanguage()));
  await vscode.commands.executeCommand('vscode.openWith', output, CURATOR_VIEW_TYPE);
  const { error, warning } = summary.tally.bySeverity;
  const message = l10n.t(
    'Converted {0} of {1} records to {2} ({3}): {4} errors, {5} warnings.',
    summary.converted,
    summary.records,
    profile,
    basename(output.path),
    error,
    warning,
  );
  const show = l10n.t('Show Problems');
  const answer = await (error > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)(
    message,
    show,
  );
  if (answer === show) await vscode.commands.executeCommand('workbench.actions.view.problems');
}
