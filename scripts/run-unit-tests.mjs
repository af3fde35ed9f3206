// Runs every test/unit/**/*.test.ts with node's built-in runner (through tsx for TypeScript).
// Node 20 does not expand globs itself, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return find(p);
    return e.name.endsWith('.test.ts') ? [relative(root, p)] : [];
  });
}
const files = find(join(root, 'test', 'unit')).sort();
const extra = process.argv.slice(2);
const r = spawnSync(
  process.execPath,
  [join(root, 'node_modules/tsx/dist/cli.mjs'), '--test', ...extra, ...files],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
