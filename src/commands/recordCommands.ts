import * as vscode from 'vscode';
import type { CuratorProvider } from '../editor/curatorProvider';
import { findLineById } from '../editor/model/recordText';
import { recordUri } from '../editor/recordContent';
import { l10n } from '../l10n';

/** The record the user is looking at in the curator, or a message saying what to do first. */
function selectedRecord(
  curator: CuratorProvider,
): { uri: vscode.Uri; line: number; profile: 'agentfabric' | 'seed' } | undefined {
  const active = curator.active();
  if (!active) {
    void vscode.window.showInformationMessage(l10n.t('Open a .jsonl file in the curator first.'));
    return undefined;
  }
  if (active.selected === null) {
    void vscode.window.showInformationMessage(l10n.t('Select a record in the curator first.'));
    return undefined;
  }
  return { uri: active.document.uri, line: active.selected, profile: active.profile };
}

export async function compareRecord(curator: CuratorProvider): Promise<void> {
  const rec = selectedRecord(curator);
  if (!rec) return;
  const name = rec.uri.path.split('/').pop() ?? '';
  await vscode.commands.executeCommand(
    'vscode.diff',
    recordUri(rec.uri, rec.line, 'original'),
    recordUri(rec.uri, rec.line, rec.profile),
    l10n.t('{0} line {1}: original ↔ {2}', name, rec.line, rec.profile),
    { preview: true },
  );
}

export async function openRecordAsText(curator: CuratorProvider): Promise<void> {
  const rec = selectedRecord(curator);
  if (!rec) return;
  const doc = await vscode.workspace.openTextDocument(recordUri(rec.uri, rec.line, 'original'));
  await vscode.window.showTextDocument(doc, { preview: true });
}

export async function goToRecord(curator: CuratorProvider): Promise<void> {
  const active = curator.active();
  if (!active) {
    void vscode.window.showInformationMessage(l10n.t('Open a .jsonl file in the curator first.'));
    return;
  }
  const model = active.document.model;
  const answer = await vscode.window.showInputBox({
    title: l10n.t('Go to Line/Record'),
    prompt: l10n.t('A line number (1–{0}) or a record id', model.lineCount),
    validateInput: (v) => (v.trim() ? undefined : l10n.t('Type a line number or an id')),
  });
  const wanted = answer?.trim();
  if (!wanted) return;
  let line = -1;
  if (/^\d+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= model.lineCount)
    line = Number(wanted) - 1;
  else line = findLineById(model, wanted);
  if (line === -1) {
    void vscode.window.showWarningMessage(
      l10n.t('No line or record id "{0}" in {1}.', wanted, model.fileName),
    );
    return;
  }
  await curator.reveal(active.document.uri, line + 1);
}

/** `agentfabric.revealRecord` — the target of every diagnostic's code link in the Problems panel. */
export async function revealRecord(curator: CuratorProvider, uri: unknown, line: unknown): Promise<void> {
  const target =
    typeof uri === 'string' ? vscode.Uri.parse(uri) : uri instanceof vscode.Uri ? uri : undefined;
  if (!target || typeof line !== 'number') return;
  await curator.reveal(target, line);
}
