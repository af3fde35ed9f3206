import * as vscode from 'vscode';
import { convertCommand } from './commands/convert';
import { registerCuratorActions } from './commands/curatorActions';
import { exportCommand } from './commands/export';
import { openInCurator } from './commands/openInCurator';
import { compareRecord, goToRecord, openRecordAsText, revealRecord } from './commands/recordCommands';
import { CURATOR_VIEW_TYPE, CuratorProvider } from './editor/curatorProvider';
import { followProblemNavigation } from './editor/followProblems';
import { syncOpenByDefault } from './editor/openByDefault';
import { REVEAL_RECORD_COMMAND } from './editor/problems';
import { RECORD_SCHEME, RecordFileSystem } from './editor/recordContent';
import { initL10n, onDidChangeUiLanguage } from './l10n';

export function activate(context: vscode.ExtensionContext): void {
  // First: every text below may be shown in the language the `agentfabric.language` setting names.
  context.subscriptions.push(initL10n(context.extensionPath));
  const diagnostics = vscode.languages.createDiagnosticCollection('agentfabric');
  const convertDiagnostics = vscode.languages.createDiagnosticCollection('agentfabric-convert');
  const curator = new CuratorProvider(context.extensionUri, diagnostics, [convertDiagnostics]);
  context.subscriptions.push(onDidChangeUiLanguage(() => curator.relocalize()));
  const command = (id: string, run: (...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(id, run);

  context.subscriptions.push(
    diagnostics,
    convertDiagnostics,
    curator,
    registerCuratorActions(curator),
    vscode.window.registerCustomEditorProvider(CURATOR_VIEW_TYPE, curator, {
      // The list's scroll position and the open record survive switching tabs.
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: false,
    }),
    vscode.workspace.registerFileSystemProvider(RECORD_SCHEME, new RecordFileSystem(curator), {
      isCaseSensitive: true,
      isReadonly: true,
    }),
    command('agentfabric.openInCurator', (uri) => openInCurator(uri)),
    command('agentfabric.convert', (uri) => convertCommand(convertDiagnostics, uri)),
    command('agentfabric.exportDataset', (uri) => exportCommand(context, curator, uri)),
    command('agentfabric.compareRecord', () => compareRecord(curator)),
    command('agentfabric.openRecordAsText', () => openRecordAsText(curator)),
    command('agentfabric.goToRecord', () => goToRecord(curator)),
    command(REVEAL_RECORD_COMMAND, (uri, line) => revealRecord(curator, uri, line)),
    followProblemNavigation(curator, [diagnostics, convertDiagnostics]),
    syncOpenByDefault(),
  );
}

export function deactivate(): void {}
