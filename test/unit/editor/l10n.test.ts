import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(ROOT, rel)).isDirectory() ? sources(rel) : rel.endsWith('.ts') ? [rel] : [];
  });
}

/** Every `vscode.l10n.t('…')` message in the host code (the messages are single-quoted literals). */
function runtimeMessages(): string[] {
  const out = new Set<string>();
  for (const file of [...sources('src/editor'), ...sources('src/commands'), 'src/extension.ts']) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\(.)/g, '$1'));
  }
  return [...out];
}

test('every runtime message has a Simplified Chinese translation', () => {
  const bundle = json('l10n/bundle.l10n.zh-cn.json');
  const messages = runtimeMessages();
  assert.ok(messages.length > 20, 'the scan found the messages');
  const missing = messages.filter((m) => typeof bundle[m] !== 'string');
  assert.deepEqual(missing, []);
  for (const m of messages) {
    const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
    assert.equal(placeholders(bundle[m] as string), placeholders(m), `placeholders of "${m}"`);
  }
});

test('every %key% of package.json is defined in English and Chinese', () => {
  const en = json('package.nls.json');
  const zh = json('package.nls.zh-cn.json');
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length >= 6);
  for (const key of keys) assert.equal(typeof en[key], 'string', key);
});

test('every contributed command is in the AgentFabric category with a localised title', () => {
  const manifest = json('package.json') as {
    contributes: { commands: { command: string; title: string; category: string }[] };
  };
  for (const c of manifest.contributes.commands) {
    assert.equal(c.category, 'AgentFabric', c.command);
    assert.match(c.title, /^%.+%$/, c.command);
  }
});
