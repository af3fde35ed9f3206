import * as vscode from 'vscode';
import type { CuratorProvider } from '../editor/curatorProvider';
import type { CuratorAction } from '../editor/reviewProtocol';

/**
 * The curator's keyboard actions as VS Code commands, so they show in the palette and users can rebind
 * them (package.json binds j/k, a, x, f, t, e, /, n, ? while a curator is in front). The webview in front
 * does the action: it knows the selection and whether a text field has the focus.
 */
export const CURATOR_ACTION_COMMANDS: Readonly<Record<string, CuratorAction>> = {
  'agentfabric.curator.next': 'next',
  'agentfabric.curator.previous': 'previous',
  'agentfabric.curator.approve': 'approve',
  'agentfabric.curator.reject': 'reject',
  'agentfabric.curator.needsFix': 'needsFix',
  'agentfabric.curator.markUnreviewed': 'unreviewed',
  'agentfabric.curator.tag': 'tag',
  'agentfabric.curator.note': 'note',
  'agentfabric.curator.edit': 'edit',
  'agentfabric.curator.search': 'search',
  'agentfabric.curator.nextUnreviewed': 'nextUnreviewed',
  'agentfabric.curator.showShortcuts': 'help',
};

export function registerCuratorActions(curator: CuratorProvider): vscode.Disposable {
  return vscode.Disposable.from(
    ...Object.entries(CURATOR_ACTION_COMMANDS).map(([id, action]) =>
      vscode.commands.registerCommand(id, () => curator.relay(action)),
    ),
  );
}
