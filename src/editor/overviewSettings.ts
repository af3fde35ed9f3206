import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_MAX_LENGTH } from '../core/stats/summary';

/** `agentfabric.maxLength`: the token limit drawn in the overview and used by export. */
export function maxLengthSetting(): number {
  const v = vscode.workspace.getConfiguration('agentfabric').get<number>('maxLength');
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : DEFAULT_MAX_LENGTH;
}

/**
 * `agentfabric.tokenizerPath`: the model's `qwen.tiktoken`, for exact token counts; undefined when unset.
 * `~` and `${workspaceFolder}` are expanded, and a relative path is taken from the first workspace folder.
 */
export function tokenizerPathSetting(): string | undefined {
  const raw = vscode.workspace.getConfiguration('agentfabric').get<string>('tokenizerPath')?.trim();
  if (!raw) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let path = raw.replace(/^~(?=$|[\\/])/, homedir());
  // VS Code's own variable syntax, written literally in the setting.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder is the point
  if (folder) path = path.replaceAll('${workspaceFolder}', folder);
  if (!isAbsolute(path) && folder) path = join(folder, path);
  return path;
}
