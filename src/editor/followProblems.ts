import * as vscode from 'vscode';
import type { CuratorProvider } from './curatorProvider';

/**
 * Jumping from the Problems panel lands on the record in the curator, for the check pass's problems and
 * the Convert command's alike. Two routes, because VS Code has no API that hands a custom editor the
 * position it was opened at:
 * - each diagnostic's code is a link (`agentfabric.revealRecord`) that opens the curator at the record;
 * - clicking the entry itself opens the `.jsonl` in a text editor and selects the diagnostic's range. That
 *   selection is recognised (see `problemJump`) and the curator comes forward at that record, opened on
 *   the file first if needed. Any other way the text editor comes up (opening the file, "Reopen Editor
 *   With…", a restored editor, a click on its tab) leaves it alone.
 *   Files over 50 MB are not synced to extensions, so for them only the code link works.
 */
export function followProblemNavigation(
  curator: CuratorProvider,
  collections: readonly vscode.DiagnosticCollection[],
): vscode.Disposable {
  return vscode.window.onDidChangeTextEditorSelection((e) => {
    const line = problemJump(e, collections);
    if (line !== undefined) void curator.reveal(e.textEditor.document.uri, line);
  });
}

/**
 * The 1-based line a selection change jumped to, when it is a jump to one of our diagnostics: a selection
 * set by a command (the Problems panel's, not the keyboard or the mouse; a restored selection has no
 * kind) to exactly a diagnostic's range. An empty selection (a cursor placed at a problem, as "Go to Next
 * Problem" does) is not one.
 */
function problemJump(
  e: vscode.TextEditorSelectionChangeEvent,
  collections: readonly vscode.DiagnosticCollection[],
): number | undefined {
  if (e.kind !== vscode.TextEditorSelectionChangeKind.Command || e.selections.length !== 1) return undefined;
  const [selection] = e.selections;
  if (selection.isEmpty) return undefined;
  const { document } = e.textEditor;
  // A whole-line diagnostic ends past the line; the editor selects up to the line's end.
  const isJump = (d: vscode.Diagnostic) => document.validateRange(d.range).isEqual(selection);
  return collections.some((c) => c.get(document.uri)?.some(isJump)) ? selection.start.line + 1 : undefined;
}
