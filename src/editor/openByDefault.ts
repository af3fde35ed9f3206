import * as vscode from 'vscode';
import { CURATOR_VIEW_TYPE } from './curatorProvider';

const SETTING = 'agentfabric.curator.openByDefault';
const PATTERN = '*.jsonl';

/**
 * `agentfabric.curator.openByDefault` makes the curator the default editor for `.jsonl` files. The editor's
 * priority in package.json is fixed ("option"), so the setting works through VS Code's own
 * `workbench.editorAssociations`: set when the setting is turned on, removed when it is turned off.
 */
export function syncOpenByDefault(): vscode.Disposable {
  const apply = async (turnedOff: boolean) => {
    const on = vscode.workspace.getConfiguration().get<boolean>(SETTING, false);
    const workbench = vscode.workspace.getConfiguration('workbench');
    const associations = { ...(workbench.get<Record<string, string>>('editorAssociations') ?? {}) };
    if (on && associations[PATTERN] !== CURATOR_VIEW_TYPE) {
      associations[PATTERN] = CURATOR_VIEW_TYPE;
    } else if (!on && turnedOff && associations[PATTERN] === CURATOR_VIEW_TYPE) {
      delete associations[PATTERN];
    } else {
      return;
    }
    await workbench.update('editorAssociations', associations, vscode.ConfigurationTarget.Global);
  };
  void apply(false);
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SETTING)) void apply(true);
  });
}
