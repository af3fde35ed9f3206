import * as vscode from 'vscode';
import type { CuratorProvider } from './curatorProvider';

/**
 * Jumping from the Problems panel lands on the record in the curator. Two routes, because VS Code has no
 * API that hands a custom editor the position it was opened at:
 * - each diagnostic's code is a link (`agentfabric.revealRecord`) that opens the curator at the record;
 * - clicking the entry itself opens the `.jsonl` in a text editor with the diagnostic's range selected; when
 *   that file is open in the curator, the selection is recognised (it starts where one of our diagnostics
 *   starts and was not made by keyboard or mouse) and the curator is brought forward at that record.
 *   Files over 50 MB are not synced to extensions, so for them only the code link works.
 */
export function followProblemNavigation(
  curator: CuratorProvider,
  diagnostics: vscode.DiagnosticCollection,
): vscode.Disposable {
  const follow = (editor: vscode.TextEditor | undefined, kind?: vscode.TextEditorSelectionChangeKind) => {
    if (!editor || kind === vscode.TextEditorSelectionChangeKind.Keyboard) return;
    if (kind === vscode.TextEditorSelectionChangeKind.Mouse) return;
    const uri = editor.document.uri;
    if (!curator.documentFor(uri)) return;
    const at = editor.selection.start;
    const hit = diagnostics.get(uri)?.some((d) => d.range.start.isEqual(at) && !d.range.isEmpty);
    if (hit) void curator.reveal(uri, at.line + 1);
  };
  return vscode.Disposable.from(
    vscode.window.onDidChangeTextEditorSelection((e) => follow(e.textEditor, e.kind)),
    vscode.window.onDidChangeActiveTextEditor((editor) => follow(editor)),
  );
}
