// `npm run test:desktop`: the e2e scenarios in VS Code desktop via @vscode/test-electron, for machines
// that can download VS Code (CI here cannot; it runs the same journeys in code-server instead).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@vscode/test-cli';

const require = createRequire(import.meta.url);
// The journeys write their files here; .e2e-tmp/ is git-ignored.
const workspaceFolder = join(dirname(fileURLToPath(import.meta.url)), '.e2e-tmp', 'desktop-workspace');
mkdirSync(workspaceFolder, { recursive: true });

export default defineConfig({
  label: 'desktop',
  files: 'test/e2e/desktop/**/*.desktop.ts',
  version: 'stable',
  workspaceFolder,
  launchArgs: ['--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  mocha: { ui: 'tdd', timeout: 60_000, require: [require.resolve('tsx/cjs')] },
});
