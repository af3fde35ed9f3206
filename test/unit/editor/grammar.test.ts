import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const load = (p: string) => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
}

/** Every regex of a grammar. The patterns stay within the syntax Oniguruma and JavaScript share. */
function regexes(rules: Rule[]): string[] {
  return rules.flatMap((r) => [
    ...[r.match, r.begin, r.end].filter((x): x is string => typeof x === 'string'),
    ...regexes(r.patterns ?? []),
    ...regexes(Object.values(r.captures ?? {})),
  ]);
}

describe('the prompt grammars', () => {
  const prompt = load('syntaxes/agentfabric-prompt.tmLanguage.json');
  const injection = load('syntaxes/agentfabric-prompt.injection.tmLanguage.json');
  const manifest = load('package.json');

  test('are the files package.json contributes, under the scopes it names', () => {
    const grammars: { scopeName: string; path: string; injectTo?: string[] }[] =
      manifest.contributes.grammars;
    const byScope = new Map(grammars.map((g) => [g.scopeName, g]));
    assert.equal(byScope.get(prompt.scopeName)?.path, './syntaxes/agentfabric-prompt.tmLanguage.json');
    assert.equal(
      byScope.get(injection.scopeName)?.path,
      './syntaxes/agentfabric-prompt.injection.tmLanguage.json',
    );
    assert.deepEqual(byScope.get(injection.scopeName)?.injectTo, ['source.json.lines', 'source.json']);
    assert.equal(injection.injectionSelector, 'L:string.quoted.double.json');
  });

  test('every pattern compiles', () => {
    const all = [
      ...regexes(prompt.patterns),
      ...regexes(Object.values(prompt.repository) as Rule[]),
      ...regexes(injection.patterns),
    ];
    assert.ok(all.length > 15);
    for (const source of all) assert.doesNotThrow(() => new RegExp(source, 'u'), source);
  });

  test('the trace keywords are recognised in prompt text and inside JSON strings', () => {
    const repo = prompt.repository as Record<string, Rule>;
    const re = (r: Rule | undefined) => new RegExp((r?.match ?? r?.begin) as string, 'u');
    assert.match('Action: hm_product_recommend', re(repo.action));
    assert.match('Action Input: {"a": 1}', re(repo['action-input']));
    assert.match('Observation: <result>x</result>', re(repo.observation));
    assert.match('Final Answer: done', re(repo.keyword));
    assert.match('# 工具', re(repo.heading));
    assert.match('───── [2] user ─────', re(repo['turn-header']));
    const inJson = new RegExp((injection.patterns as Rule[])[0].match as string, 'u');
    assert.match('"Thought: x\\nAction: y', inJson);
    assert.doesNotMatch('"key": "no keyword here"', inJson);
  });
});
