// `npm run test:e2e`: set up (cached), package the extension, run test/e2e/*.test.ts in a real VS Code,
// then reap any process a killed test file left behind, and print how long each part took.
// `node scripts/e2e/run.mjs test/e2e/journey.test.ts …` runs only the files named.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();
const timings = [];

function step(name, command, args, options = {}) {
  const t0 = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  timings.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

function finish(code) {
  console.log(`e2e: suite run time ${((Date.now() - started) / 1000).toFixed(1)} s (${timings.join(', ')})`);
  process.exit(code);
}

const named = process.argv.slice(2);
for (const file of named) {
  if (!file.endsWith('.test.ts') || !existsSync(resolve(root, file))) {
    console.error(`e2e: no test file ${file}`);
    finish(2);
  }
}
const files =
  named.length > 0
    ? named.map((f) => resolve(root, f))
    : readdirSync(join(root, 'test', 'e2e'))
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => join('test', 'e2e', f));

const setup = step('setup', 'bash', [join(root, 'scripts', 'e2e', 'setup.sh')]);
if (setup.status !== 0) {
  console.error('e2e: FAILED: the harness cannot be set up (see above); nothing was tested');
  finish(1);
}

const env = { ...process.env };
const realExtension = existsSync(join(root, 'src', 'extension.ts'));
if (realExtension && env.AFC_E2E_EXTENSION !== 'standin') {
  const packed = step('package', process.execPath, [join(root, 'scripts', 'e2e', 'package.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const vsix = packed.stdout?.trim().split('\n').pop() ?? '';
  if (packed.status !== 0 || !existsSync(vsix)) {
    console.error('e2e: FAILED: packaging the extension failed (see above)');
    finish(1);
  }
  env.AFC_E2E_VSIX = vsix;
}

const pidDir = mkdtempSync(join(tmpdir(), 'afc-e2e-pids-'));
env.AFC_E2E_PID_DIR = pidDir;
const tsx = join(root, 'node_modules', '.bin', 'tsx');
// One file at a time: each starts its own code-server and chromium, and the machine has two cores.
const tests = step('tests', tsx, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  env,
});

// A test process killed from outside cannot run its exit hooks; whatever it recorded is stopped here.
for (const pid of readdirSync(pidDir).map(Number)) {
  if (!alive(pid)) continue;
  const cmdline = readCmdline(pid);
  if (!/code-server|chromium/.test(cmdline)) continue;
  console.error(`e2e: stopping leftover process group ${pid} (${cmdline.slice(0, 80)})`);
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
rmSync(pidDir, { recursive: true, force: true });

finish(tests.status ?? 1);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readCmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}
