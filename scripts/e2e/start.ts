// `npm start`: the curator in a browser, without VS Code desktop. Packs the extension, installs it into a
// local code-server (set up by scripts/e2e/setup.sh) and serves a copy of the sample workspace on
// 127.0.0.1 until Ctrl+C. The profile and the workspace copy persist in .e2e-tmp/ between runs.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  freeLoopbackPort,
  HarnessStartError,
  installExtension,
  resolveTools,
  startCodeServer,
  userSettings,
  writeUserSettings,
} from './codeServer';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const home = join(root, '.e2e-tmp');

function packageExtension(): string {
  const packed = spawnSync(process.execPath, [join(root, 'scripts', 'e2e', 'package.mjs')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const vsix = packed.stdout.trim().split('\n').pop() ?? '';
  if (packed.status !== 0 || !existsSync(vsix)) throw new Error('packaging the extension failed (see above)');
  return vsix;
}

/** A copy of the bundled samples, kept between runs so a visitor's edits survive a restart. */
function sampleWorkspace(): string {
  const copy = join(home, 'sample-workspace');
  if (!existsSync(copy)) {
    const source = [join(root, 'test', 'fixtures', 'sample-workspace'), join(root, 'samples')].find(
      existsSync,
    );
    if (!source) throw new Error('no sample workspace: expected test/fixtures/sample-workspace/ or samples/');
    cpSync(source, copy, { recursive: true });
  }
  return copy;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

async function main(): Promise<void> {
  const tools = resolveTools({ needChromium: false });
  const vsix = packageExtension();
  const profile = {
    userDataDir: join(home, 'start-profile', 'user-data'),
    extensionsDir: join(home, 'start-profile', 'extensions'),
  };
  const stateDir = join(home, 'start-profile', 'state');
  mkdirSync(stateDir, { recursive: true });
  const theme = process.env.AFC_THEME === 'light' ? 'light' : 'dark';
  writeUserSettings(profile.userDataDir, userSettings(theme));
  installExtension(tools, vsix, profile, stateDir);
  const workspace = sampleWorkspace();
  const wanted = Number(process.env.PORT ?? 8080);
  const port = (await portIsFree(wanted)) ? wanted : await freeLoopbackPort();
  const server = await startCodeServer({ tools, stateDir, workspace, port, ...profile });
  console.log(`\nAgentFabric Curator is running in VS Code (code-server) at:\n`);
  console.log(`    ${server.url}/?folder=${encodeURI(workspace)}\n`);
  console.log(`Open a .jsonl there, then run "AgentFabric: Open in Curator" (F1). Ctrl+C stops it.`);
  console.log(`Workspace copy: ${workspace} (delete it to start over). Log: ${server.logFile}`);
  await new Promise<void>((done) => server.process.once('exit', () => done()));
  console.error(`code-server stopped; see ${server.logFile}`);
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  const message =
    error instanceof HarnessStartError || error instanceof Error ? error.message : String(error);
  console.error(`npm start: ${message}`);
  process.exit(1);
});
