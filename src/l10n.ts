import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as bundle from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * The language the curator speaks: the `agentfabric.language` setting, or VS Code's display language
 * when it is `auto`. Many users read Chinese first but run VS Code in English (or cannot install its
 * Chinese language pack), so the curator's own texts can be chosen apart from VS Code's. Command titles
 * and settings (package.nls.*.json) always follow VS Code: it reads them before any extension runs.
 */
export type UiLanguage = 'en' | 'zh';

type Choice = 'auto' | 'en' | 'zh-cn';

const SECTION = 'agentfabric';
const SETTING = 'language';

const changed = new vscode.EventEmitter<void>();
/** Fires when `agentfabric.language` changes (what {@link uiLanguage} says may have changed). */
export const onDidChangeUiLanguage = changed.event;

let choice: Choice | undefined;
/** Which explicit choice `@vscode/l10n` holds the bundle of. */
let loaded: Choice | undefined;
let bundleDir: string | undefined;

function currentChoice(): Choice {
  if (choice === undefined) {
    const value = vscode.workspace.getConfiguration(SECTION).get<string>(SETTING, 'auto');
    choice = value === 'en' || value === 'zh-cn' ? value : 'auto';
  }
  return choice;
}

export function uiLanguage(): UiLanguage {
  const c = currentChoice();
  return (c === 'auto' ? vscode.env.language : c).toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * Reads the setting again when it changes, and says so; the Chinese bundle is read from `l10n/` beside
 * the extension, only when the setting asks for it.
 */
export function initL10n(extensionPath: string): vscode.Disposable {
  bundleDir = join(extensionPath, 'l10n');
  choice = undefined;
  const listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(`${SECTION}.${SETTING}`)) return;
    choice = undefined;
    changed.fire();
  });
  return vscode.Disposable.from(listener, changed);
}

function explicitBundle(c: 'en' | 'zh-cn'): void {
  if (loaded === c) return;
  let contents: bundle.l10nJsonFormat = {};
  if (c === 'zh-cn' && bundleDir) {
    try {
      contents = JSON.parse(readFileSync(join(bundleDir, 'bundle.l10n.zh-cn.json'), 'utf8'));
    } catch {
      // A damaged installation: the English texts are still right, only untranslated.
    }
  }
  bundle.config({ contents });
  loaded = c;
}

/** `vscode.l10n.t`, in the language {@link uiLanguage} names. */
function t(message: string, ...args: (string | number | boolean)[]): string {
  const c = currentChoice();
  if (c === 'auto') return vscode.l10n.t(message, ...args);
  explicitBundle(c);
  return bundle.t(message, ...args);
}

/** Used as `l10n.t('…', …)`, so the bundle test finds every message as it finds VS Code's. */
export const l10n = { t };
