// Bundles every entry point with esbuild. Entries that do not exist yet are skipped, so the tree builds
// at every step of development. `--watch` rebuilds on change.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

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
/**
 * The estimate's cl100k_base ranks (1.1 MB of text) are their own file, dist/cl100k_base.js, loaded only
 * when a counter needs them: inlined, every bundle that can count tokens (the CLI, the extension host,
 * each worker thread) paid to compile them at start-up, ~8 ms per thread, counting or not.
 */
const RANKS_MODULE = 'js-tiktoken/ranks/cl100k_base';
const separateRanks = {
  name: 'separate-ranks',
  setup(build) {
    build.onResolve({ filter: /^js-tiktoken\/ranks\/cl100k_base$/ }, () => ({
      path: './cl100k_base.js',
      external: true,
    }));
  },
};
mkdirSync('dist', { recursive: true });
copyFileSync(createRequire(import.meta.url).resolve(RANKS_MODULE), 'dist/cl100k_base.js');

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
      // `import()` becomes `require()`: the extension host loads extensions as CommonJS.
      ...(e.platform === 'node' ? { plugins: [separateRanks], supported: { 'dynamic-import': false } } : {}),
    }),
  ),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
