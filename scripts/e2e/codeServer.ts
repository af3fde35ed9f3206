// Starts code-server (a real VS Code served over HTTP) on loopback with its own profile, and stops it
// by process group. Shared by the end-to-end harness and `npm start`. The tools come from the cache that
// scripts/e2e/setup.sh fills; nothing here reaches past 127.0.0.1.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface E2eTools {
  node: string;
  codeServerEntry: string;
  chromium: string;
}

export class HarnessStartError extends Error {
  override name = 'HarnessStartError';
}

export function e2eCacheDir(): string {
  return process.env.AFC_E2E_CACHE ?? join(homedir(), '.cache', 'afcurator-e2e');
}

/** Where setup.sh put Node 24, code-server and chromium; env vars win over the cache's record. */
export function resolveTools(options: { needChromium?: boolean } = {}): E2eTools {
  const record = join(e2eCacheDir(), 'current.json');
  let fromCache: Partial<E2eTools> = {};
  if (existsSync(record)) {
    const parsed: unknown = JSON.parse(readFileSync(record, 'utf8'));
    if (parsed && typeof parsed === 'object') fromCache = parsed as Partial<E2eTools>;
  }
  const tools = {
    node: process.env.AFC_E2E_NODE ?? fromCache.node ?? '',
    codeServerEntry: process.env.AFC_E2E_CODE_SERVER_ENTRY ?? fromCache.codeServerEntry ?? '',
    chromium: process.env.AFC_E2E_CHROMIUM ?? fromCache.chromium ?? '/usr/bin/chromium',
  };
  const missing = Object.entries(tools).filter(
    ([name, path]) => (name !== 'chromium' || options.needChromium !== false) && (!path || !existsSync(path)),
  );
  if (missing.length > 0) {
    const what = missing.map(([name, path]) => `${name} (${path || 'not recorded'})`).join(', ');
    throw new HarnessStartError(
      `E2E harness cannot start: missing ${what}. Run \`bash scripts/e2e/setup.sh\` (or \`npm run test:e2e\`, ` +
        `which runs it) to install Node 24, code-server and chromium into ${e2eCacheDir()}.`,
    );
  }
  return tools;
}

// Every process group started here, so an exit on any path can still stop them. Pid files let the
// suite runner reap what a killed test process could not.
const liveGroups = new Set<number>();
let exitHookInstalled = false;

export function trackProcessGroup(pid: number): void {
  liveGroups.add(pid);
  const pidDir = process.env.AFC_E2E_PID_DIR;
  if (pidDir) {
    mkdirSync(pidDir, { recursive: true });
    writeFileSync(join(pidDir, String(pid)), `${process.pid}\n`);
  }
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const group of liveGroups) killGroup(group, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const group of liveGroups) killGroup(group, 'SIGKILL');
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

function killGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
      return true;
    } catch {
      // Not a group leader (or already gone): fall back to the process itself.
    }
  }
  return false;
}

function isAlive(pid: number): boolean {
  return killGroup(pid, 0);
}

/** SIGTERM the group, then SIGKILL whatever is left after `graceMs`. */
export async function stopProcessGroup(pid: number, graceMs = 3000): Promise<void> {
  if (killGroup(pid, 'SIGTERM')) {
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await delay(100);
    if (isAlive(pid)) killGroup(pid, 'SIGKILL');
  }
  liveGroups.delete(pid);
  const pidDir = process.env.AFC_E2E_PID_DIR;
  if (pidDir) rmSync(join(pidDir, String(pid)), { force: true });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

export interface ProfileOptions {
  userDataDir: string;
  extensionsDir: string;
  theme?: 'dark' | 'light';
  /** Extra user settings, merged over the quiet defaults. */
  settings?: Record<string, unknown>;
}

export const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' } as const;

/** User settings for a quiet, offline workbench: no welcome page, tips, telemetry, update or AI nags. */
export function userSettings(
  theme: 'dark' | 'light',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    'workbench.colorTheme': THEMES[theme],
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'files.simpleDialog.enable': true,
    'window.commandCenter': false,
    ...extra,
  };
}

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const file = join(userDataDir, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}

/** Env for code-server: Node 24 first on PATH, home-dir state redirected, the gallery pointed at nothing. */
function codeServerEnv(tools: E2eTools, stateDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env))
    if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_')) delete env[key];
  return {
    ...env,
    PATH: `${dirname(tools.node)}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: join(stateDir, 'xdg-data'),
    // A refused loopback port instead of open-vsx: the offline gallery fails at once and locally.
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: 'http://127.0.0.1:9/api',
      itemUrl: 'http://127.0.0.1:9/item',
    }),
    CS_DISABLE_GETTING_STARTED_OVERRIDE: '1',
  };
}

/** `code-server --install-extension <vsix>` into the given profile; throws with its output on failure. */
export function installExtension(
  tools: E2eTools,
  vsix: string,
  profile: ProfileOptions,
  stateDir: string,
): void {
  if (!existsSync(vsix)) throw new HarnessStartError(`E2E harness cannot start: no .vsix at ${vsix}`);
  const result = spawnSync(
    tools.node,
    [
      tools.codeServerEntry,
      '--user-data-dir',
      profile.userDataDir,
      '--extensions-dir',
      profile.extensionsDir,
      '--install-extension',
      vsix,
      '--force',
    ],
    { env: codeServerEnv(tools, stateDir), encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new HarnessStartError(
      `E2E harness cannot start: installing ${vsix} failed (exit ${result.status ?? result.signal}):\n` +
        `${result.stdout}\n${result.stderr}`,
    );
  }
}

export interface RunningCodeServer {
  port: number;
  url: string;
  pid: number;
  logFile: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions extends ProfileOptions {
  tools: E2eTools;
  /** Folder for code-server's own log and redirected home-dir state. */
  stateDir: string;
  workspace: string;
  port?: number;
  readyTimeoutMs?: number;
}

/** Starts code-server in its own process group and resolves once it answers /healthz. */
export async function startCodeServer(options: StartOptions): Promise<RunningCodeServer> {
  const { tools, stateDir } = options;
  mkdirSync(stateDir, { recursive: true });
  const port = options.port ?? (await freeLoopbackPort());
  const logFile = join(stateDir, 'code-server.log');
  const logFd = openSync(logFile, 'a');
  const configFile = join(stateDir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const child = spawn(
    tools.node,
    [
      tools.codeServerEntry,
      '--config',
      configFile,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      options.userDataDir,
      '--extensions-dir',
      options.extensionsDir,
      options.workspace,
    ],
    { detached: true, stdio: ['ignore', logFd, logFd], env: codeServerEnv(tools, stateDir) },
  );
  closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) throw new HarnessStartError('E2E harness cannot start: code-server did not spawn');
  trackProcessGroup(pid);
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exit ${code ?? signal}`;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopProcessGroup(pid);
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      await stop();
      throw new HarnessStartError(
        `E2E harness cannot start: code-server ended early (${exited}) on port ${port}. Log ${logFile}:\n${tail(logFile)}`,
      );
    }
    if (await answers(`${url}/healthz`)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new HarnessStartError(
        `E2E harness cannot start: code-server did not answer on ${url} in time. Log ${logFile}:\n${tail(logFile)}`,
      );
    }
    await delay(200);
  }
  return { port, url, pid, logFile, process: child, stop };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function tail(file: string, lines = 40): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

export function defaultTempRoot(): string {
  return process.env.AFC_E2E_TMP ?? tmpdir();
}
