import * as vscode from 'vscode';
import { l10n } from '../l10n';

/** The file a command acts on: the one it was invoked on (explorer, editor title), else the active editor's. */
export function activeResource(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  // Tabs, not `activeTextEditor`: VS Code does not sync files over 50 MB to extensions, but their tab is there.
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return vscode.window.activeTextEditor?.document.uri;
}

export function isJsonl(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return !!uri && /\.jsonl$/i.test(uri.path);
}

/** The .jsonl file to act on, asking with a file picker when nothing suitable is active. */
export async function pickJsonl(given: unknown, title: string): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri) return given;
  const active = activeResource();
  if (isJsonl(active)) return active;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [l10n.t('JSON Lines datasets')]: ['jsonl'] },
    title,
  });
  return picked?.[0];
}
