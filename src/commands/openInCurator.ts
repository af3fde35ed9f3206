import * as vscode from 'vscode';
import { CURATOR_VIEW_TYPE } from '../editor/curatorProvider';
import { l10n } from '../l10n';
import { pickJsonl } from './targetUri';

export async function openInCurator(uri?: unknown): Promise<void> {
  const target = await pickJsonl(uri, l10n.t('Open a dataset in the curator'));
  if (target) await vscode.commands.executeCommand('vscode.openWith', target, CURATOR_VIEW_TYPE);
}
