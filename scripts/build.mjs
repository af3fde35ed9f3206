// Bundles every entry point with esbuild. Entries that do not exist yet are skipped, so the tree builds
// at every step of development. `--watch` rebuilds on change.
import { existsSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { copyRanks, separateRanksOptions } from './separateRanks.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
// 'module' first: jsonc-parser's UMD build uses a dynamic require that esbuild cannot bundle.
const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  mainFields: ['module', 'main'],
  // `afcurate --version` prints the package's version.
  define: { __VERSION__: JSON.stringify(version) },
};
copyRanks('dist');

const entries = [
  // The command-line tool: `afcurate`.
  {
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The extension host.
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  // The pipeline's worker threads (convert and check of large files); found next to cli.js/extension.js.
  {
    entryPoints: ['src/core/parallel/pipelineWorker.ts'],
    outfile: 'dist/pipelineWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // The worker thread that runs the full check pass off the extension host's main thread.
  {
    entryPoints: ['src/worker/checkWorker.ts'],
    outfile: 'dist/checkWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // The curator's webview (browser); its imported styles land in dist/webview.css.
  {
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  // The codicon stylesheet for the webview, font inlined (the .vsix ships dist/*.js and dist/*.css only).
  { entryPoints: ['webview/codicons.css'], outfile: 'dist/codicon.css', loader: { '.ttf': 'dataurl' } },
].filter((e) => existsSync(e.entryPoints[0]));

const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      ...common,
      ...e,
      ...(e.platform === 'node' ? separateRanksOptions : {}),
    }),
  ),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
