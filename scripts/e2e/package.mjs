// Builds the extension and packs it into out/<name>-<version>.vsix: the esbuild bundle plus its assets,
// no node_modules (everything the extension needs is bundled). `.vscodeignore` says what goes in.
// Prints the .vsix path as the last line of stdout so scripts can pick it up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsixPath = join(root, 'out', `${manifest.name}-${manifest.version}.vsix`);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(
      `package: \`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`,
    );
    process.exit(1);
  }
}

run('npm', ['run', '--silent', 'build']);

const entry = join(root, manifest.main ?? 'dist/extension.js');
if (!existsSync(entry)) {
  console.error(`package: ${entry} was not built; does src/extension.ts exist?`);
  process.exit(1);
}

const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
// What would ship, checked before packing: the bundle must be in, sources and dependencies out.
const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], {
  cwd: root,
  encoding: 'utf8',
});
if (listed.status !== 0) {
  console.error(`package: vsce ls failed:\n${listed.stderr}`);
  process.exit(1);
}
const shipped = listed.stdout
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);
const stray = shipped.filter((f) => /^(node_modules|src|test|webview|scripts|bench)\/|\.map$|\.ts$/.test(f));
const mainFile = (manifest.main ?? 'dist/extension.js').replace(/^\.\//, '');
if (stray.length > 0 || !shipped.includes(mainFile)) {
  console.error(
    `package: the .vsix would be wrong; main ${mainFile} included: ${shipped.includes(mainFile)}`,
  );
  if (stray.length > 0) console.error(`package: files that must not ship:\n  ${stray.join('\n  ')}`);
  process.exit(1);
}

// A bundle that requires a sibling file (the token estimate's ranks, dist/cl100k_base.js) needs it shipped.
const missing = shipped
  .filter((f) => /^dist\/[^/]+\.js$/.test(f))
  .flatMap((f) =>
    [...readFileSync(join(root, f), 'utf8').matchAll(/require\("\.\/([^"]+)"\)/g)]
      .map((m) => `dist/${m[1]}`)
      .filter((dep) => !shipped.includes(dep))
      .map((dep) => `${f} requires ${dep}`),
  );
if (missing.length > 0) {
  console.error(`package: the .vsix would miss files its bundles load:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}

mkdirSync(dirname(vsixPath), { recursive: true });
// With no repository to point at, README's relative links stay relative instead of failing the pack.
const args = [
  vsce,
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  '--no-rewrite-relative-links',
];
args.push('--out', vsixPath);
// Without a LICENSE vsce stops to ask; there is no one to answer in CI.
if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(root, f))))
  args.push('--skip-license');
run(process.execPath, args);

const kib = Math.round(statSync(vsixPath).size / 1024);
console.error(`package: wrote ${vsixPath} (${kib} KiB)`);
console.log(vsixPath);
