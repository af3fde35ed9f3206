// The estimate's cl100k_base ranks (1.1 MB of text) are their own file beside the bundles,
// cl100k_base.js, loaded only when a counter needs them: inlined, every bundle that can count tokens (the
// CLI, the extension host, each worker thread) paid to compile them at start-up, ~7 ms and ~5 MB per
// thread, counting or not. Used by scripts/build.mjs and by the bench's own bundles.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** An esbuild plugin: `import('js-tiktoken/ranks/cl100k_base')` loads `./cl100k_base.js` at run time. */
const separateRanks = {
  name: 'separate-ranks',
  setup(build) {
    build.onResolve({ filter: /^js-tiktoken\/ranks\/cl100k_base$/ }, () => ({
      path: './cl100k_base.js',
      external: true,
    }));
  },
};

/** esbuild options for a node bundle with the plugin; `import()` becomes `require()` (CommonJS hosts). */
export const separateRanksOptions = { plugins: [separateRanks], supported: { 'dynamic-import': false } };

/** Puts the ranks module in `dir`, beside the bundles that load it. */
export function copyRanks(dir) {
  mkdirSync(dir, { recursive: true });
  copyFileSync(
    createRequire(import.meta.url).resolve('js-tiktoken/ranks/cl100k_base'),
    join(dir, 'cl100k_base.js'),
  );
}
