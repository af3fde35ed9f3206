// Drives a real VS Code (code-server, from the cache scripts/e2e/setup.sh fills) through Playwright in
// Debian's chromium, the way a person does: Quick Open, the command palette, webviews, the Problems panel.
// A harness that cannot start throws HarnessStartError: the suite fails, it never skips.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserServer,
  chromium,
  type FrameLocator,
  type Locator,
  type Page,
} from 'playwright-core';
import {
  defaultTempRoot,
  type E2eTools,
  HarnessStartError,
  installExtension,
  type RunningCodeServer,
  resolveTools,
  startCodeServer,
  stopProcessGroup,
  THEMES,
  tail,
  trackProcessGroup,
  userSettings,
  writeUserSettings,
} from '../../scripts/e2e/codeServer';

export { HarnessStartError };

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

// Chromium must not try the closed network: without these it opens many refused connections at start.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-extensions',
  // Any host but loopback resolves to nothing, so the page cannot reach past 127.0.0.1 even by mistake.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export type Theme = 'dark' | 'light';

export interface WorkbenchOptions {
  /** The .vsix installed into the fresh profile. */
  vsix: string;
  /** Files (relative path → content) written into a fresh workspace folder; or give `workspace`. */
  files?: Record<string, string | Uint8Array>;
  /** An existing folder copied into the temp dir and opened (the original is never touched). */
  workspace?: string;
  theme?: Theme;
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
}

export class Workbench {
  private stopped = false;

  constructor(
    readonly page: Page,
    readonly workspace: string,
    readonly tempDir: string,
    readonly codeServer: RunningCodeServer,
    private readonly browser: Browser,
    private readonly browserServer: BrowserServer,
    private readonly userDataDir: string,
  ) {}

  /** Opens a workspace file by name through Quick Open (Ctrl+P). */
  async quickOpen(fileName: string): Promise<void> {
    const first = this.page
      .locator('.quick-input-widget .monaco-list-row[data-index="0"]')
      .filter({ hasText: fileName });
    await this.pickInQuickInput('Control+P', fileName, first, async () => {
      const offered = await this.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
      return new Error(
        `Quick Open does not offer "${fileName}" first; it offered: ${JSON.stringify(offered)}`,
      );
    });
    await this.page
      .locator('.tabs-container .tab.active', { hasText: fileName })
      .waitFor({ timeout: 20_000 });
  }

  /** Runs a command by its palette title (as shown, e.g. "AgentFabric: Open in Curator") through F1. */
  async runCommand(title: string): Promise<void> {
    const match = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await this.pickInQuickInput('F1', `>${title}`, match, async () => {
      const offered = await this.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
      return new Error(`command "${title}" is not in the palette; it offered: ${JSON.stringify(offered)}`);
    });
    // Done once the palette is gone, or has handed over to the command's own picker (no '>' prefix).
    await this.page.waitForFunction(
      () => {
        const widget = document.querySelector<HTMLElement>('.quick-input-widget');
        if (!widget?.checkVisibility()) return true;
        return !widget.querySelector('input')?.value.startsWith('>');
      },
      undefined,
      { timeout: 10_000 },
    );
  }

  /** Picks an editor in the "Reopen Editor With..." list (e.g. "AgentFabric Curator"). */
  async reopenWith(editorLabel: string): Promise<void> {
    await this.runCommand('View: Reopen Editor With...');
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: editorLabel }).first().click();
  }

  /**
   * The visible webview's content: a webview is an iframe (VS Code's host page) holding another iframe
   * (the extension's HTML).
   */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
  }

  /**
   * The curator's webview, once its record list shows rows (or a record, or the file's error). Not on
   * problems alone: a small file's problems can be drawn before the list's first page arrives, and a
   * caller counting rows then would count none.
   */
  async curator(timeoutMs = 30_000): Promise<FrameLocator> {
    const view = this.webview();
    try {
      await view
        .locator(
          '[data-testid="record-row"], [data-testid="error-row"], [data-testid="record-view"], [data-testid="file-error"]',
        )
        .first()
        .waitFor({ timeout: timeoutMs });
    } catch (error) {
      const shown = await this.visibleMessages();
      throw new Error(
        `the curator did not show records or the file's error; the workbench shows ${JSON.stringify(shown)}`,
        {
          cause: error,
        },
      );
    }
    return view;
  }

  /** Text of the modal dialog and notification toasts on screen: what a user would read after a failure. */
  async visibleMessages(): Promise<string[]> {
    const dialog = await this.page.locator('.monaco-dialog-box .dialog-message-row').allInnerTexts();
    return [...dialog, ...(await this.notifications())].map((m) => m.replace(/\s+/g, ' ').trim());
  }

  /** Opens the Problems panel and returns its rows' accessible labels (file rows and problem rows). */
  async problems(): Promise<string[]> {
    await this.runCommand('View: Focus Problems');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ timeout: 10_000 });
    const rows = panel.locator('.monaco-list-row');
    const labels: string[] = [];
    for (const row of await rows.all())
      labels.push((await row.getAttribute('aria-label')) ?? (await row.textContent()) ?? '');
    return labels;
  }

  /** Messages of the notification toasts currently shown. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
  }

  /**
   * Chooses a value of an enum setting as a person would, in the Settings editor, then closes it (an
   * edit of settings.json on disk is not noticed by code-server here).
   */
  async chooseSetting(id: string, value: string): Promise<void> {
    await this.runCommand('Preferences: Open Settings (UI)');
    const editor = this.page.locator('.settings-editor');
    await editor.locator('.settings-header .suggest-input-container').click({ timeout: 15_000 });
    await this.page.keyboard.type(`@id:${id}`);
    const select = editor.locator(`select[aria-label="${id}"]`);
    await select.waitFor({ timeout: 10_000 });
    await select.selectOption(value);
    // The editor writes the setting a moment later; closing it before then drops the change. (Marked
    // configured once written: a setting changed from its default, as the callers here do.)
    await editor.locator('.setting-item-contents.is-configured').waitFor({ timeout: 10_000 });
    // This VS Code opens the Settings editor over the others (a modal editor): "Close Editor" would close
    // the one underneath, so its own close button is used.
    const modal = this.page.locator('.modal-editor-part', { has: editor });
    await modal.locator('a[aria-label^="Close Modal Editor"]').click();
    await editor.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Writes test-results/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Switches the colour theme through "Preferences: Color Theme", as a person would. */
  async setTheme(theme: Theme): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    const label = THEMES[theme].replace(/^Default /, '');
    await this.page.keyboard.type(label);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await this.page
      .locator(`.monaco-workbench.${theme === 'dark' ? 'vs-dark' : 'vs'}`)
      .waitFor({ timeout: 15_000 });
  }

  workspaceFile(relativePath: string): string {
    return join(this.workspace, relativePath);
  }

  readWorkspaceFile(relativePath: string): string {
    return readFileSync(this.workspaceFile(relativePath), 'utf8');
  }

  /** Log tails that explain a failure: code-server's own and the extension host's. */
  diagnostics(): string {
    const parts = [`--- code-server log (${this.codeServer.logFile}) ---\n${tail(this.codeServer.logFile)}`];
    const logs = join(this.userDataDir, 'logs');
    for (const file of findFiles(logs, (name) => name === 'exthost.log' || name === 'remoteexthost.log')) {
      parts.push(`--- ${file} ---\n${tail(file)}`);
    }
    return parts.join('\n');
  }

  /** Stops chromium and code-server by process group; removes the temp dir unless told to keep it. */
  async stop(keepTempDir = process.env.AFC_E2E_KEEP === '1'): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.browser.close().catch(() => undefined);
    await this.browserServer.close().catch(() => undefined);
    const browserPid = this.browserServer.process().pid;
    if (browserPid !== undefined) await stopProcessGroup(browserPid);
    await this.codeServer.stop();
    if (!keepTempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }

  /**
   * Opens the quick input, fills in `value` and clicks `row`. An editor still opening can take the focus a
   * moment later, which closes the quick input: then it is opened again. The value is filled in, never
   * typed, so no keystroke can land in that editor instead.
   */
  private async pickInQuickInput(
    shortcut: string,
    value: string,
    row: Locator,
    notOffered: () => Promise<Error>,
  ): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    for (let attempt = 1; ; attempt++) {
      await this.openQuickInput(shortcut, value.startsWith('>') ? '>' : '');
      try {
        await input.fill(value, { timeout: 5_000 });
        await row.waitFor({ timeout: 15_000 });
        await row.click({ timeout: 5_000 });
        return;
      } catch (error) {
        const stillOpen = await input.isVisible();
        if (stillOpen && (await row.count()) === 0) {
          const missing = await notOffered();
          await this.page.keyboard.press('Escape');
          throw missing;
        }
        if (stillOpen) await this.page.keyboard.press('Escape');
        if (attempt === 3) throw error;
      }
    }
  }

  private async openQuickInput(shortcut: string, expectedPrefix: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    // Right after load the workbench may swallow the first shortcut; press again until the box is up.
    for (let attempt = 0; attempt < 10; attempt++) {
      await this.page.keyboard.press(shortcut);
      try {
        await input.waitFor({ state: 'visible', timeout: 2_000 });
        if (((await input.inputValue()) || '') !== expectedPrefix) await input.fill(expectedPrefix);
        return;
      } catch {
        await this.page.keyboard.press('Escape');
      }
    }
    throw new Error(`the workbench did not open its quick input for ${shortcut}`);
  }
}

function findFiles(dir: string, match: (name: string) => boolean, depth = 4): string[] {
  if (depth < 0 || !existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(path, match, depth - 1));
    else if (match(entry.name)) found.push(path);
  }
  return found;
}

/** Starts code-server with the .vsix installed, opens the workspace in chromium, waits for the workbench. */
export async function launchWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const tools: E2eTools = resolveTools();
  const tempDir = mkdtempSync(join(defaultTempRoot(), 'afc-e2e-'));
  const keep = process.env.AFC_E2E_KEEP === '1';
  const userDataDir = join(tempDir, 'user-data');
  const extensionsDir = join(tempDir, 'extensions');
  const stateDir = join(tempDir, 'state');
  const workspace = join(tempDir, 'workspace');
  let codeServer: RunningCodeServer | undefined;
  let browserServer: BrowserServer | undefined;
  try {
    mkdirSync(workspace, { recursive: true });
    if (options.workspace) cpSync(options.workspace, workspace, { recursive: true });
    for (const [relativePath, content] of Object.entries(options.files ?? {})) {
      const file = join(workspace, relativePath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    writeUserSettings(userDataDir, userSettings(options.theme ?? 'dark', options.settings ?? {}));
    installExtension(tools, options.vsix, { userDataDir, extensionsDir }, stateDir);
    codeServer = await startCodeServer({ tools, stateDir, userDataDir, extensionsDir, workspace });
    try {
      browserServer = await chromium.launchServer({
        executablePath: tools.chromium,
        headless: true,
        host: '127.0.0.1',
        args: CHROMIUM_ARGS,
      });
    } catch (error) {
      throw new HarnessStartError(
        `E2E harness cannot start: chromium (${tools.chromium}) did not launch: ${error}`,
      );
    }
    const browserPid = browserServer.process().pid;
    if (browserPid !== undefined) trackProcessGroup(browserPid);
    const browser = await chromium.connect(browserServer.wsEndpoint());
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    const workbench = new Workbench(
      page,
      workspace,
      tempDir,
      codeServer,
      browser,
      browserServer,
      userDataDir,
    );
    try {
      await page.goto(`${codeServer.url}/?folder=${encodeURI(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      // The explorer lists the folder once the workbench has really connected to its server.
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    } catch (error) {
      throw new HarnessStartError(
        `E2E harness cannot start: the workbench did not load: ${error}\n${workbench.diagnostics()}`,
      );
    }
    return workbench;
  } catch (error) {
    if (browserServer) {
      const pid = browserServer.process().pid;
      await browserServer.close().catch(() => undefined);
      if (pid !== undefined) await stopProcessGroup(pid);
    }
    await codeServer?.stop();
    if (keep) console.error(`e2e: temp dir kept: ${tempDir}`);
    else rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Runs `journey` against a fresh workbench; on failure keeps a screenshot and the logs, and always
 * stops every process it started.
 */
export async function withWorkbench<T>(
  name: string,
  options: WorkbenchOptions,
  journey: (workbench: Workbench) => Promise<T>,
): Promise<T> {
  const workbench = await launchWorkbench(options);
  let failed = true;
  try {
    const result = await journey(workbench);
    failed = false;
    return result;
  } catch (error) {
    const shot = await workbench.screenshot(`FAILED-${name}`).catch(() => '(no screenshot)');
    console.error(`e2e "${name}" failed; screenshot ${shot}; temp dir kept: ${workbench.tempDir}`);
    console.error(workbench.diagnostics());
    throw error;
  } finally {
    await workbench.stop(failed || process.env.AFC_E2E_KEEP === '1');
  }
}
