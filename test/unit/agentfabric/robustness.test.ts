import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAgentFabricRecord } from '../../../src/core/agentfabric/checks';
import { convertTurnsToAgentFabric } from '../../../src/core/agentfabric/convert';
import { repairSeedRecord } from '../../../src/core/agentfabric/repair';
import type { Turn } from '../../../src/core/types';
import { loadSamples } from '../msagent/helpers';
import { seedBenchRecord } from './helpers';

/** A small deterministic generator (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '\n',
  '\n\n',
  ':',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '\\',
  ',',
  'Action: ',
  'Observation: ',
  '<result>',
  'Answer:',
  '。',
  ' API.',
  'Parameters: [',
  '输入参数: {',
  '10. ',
];

function mutate(text: string, r: () => number): string {
  let out = text;
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (out.length + 1));
    const kind = r();
    if (kind < 0.4) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(r() * 20));
    else if (kind < 0.8) out = out.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + out.slice(at);
    else out = out.slice(0, at);
  }
  return out;
}

test('mutated records never make the parsers, converter, checks or repair throw', () => {
  const r = rng(20240314);
  const samples = loadSamples().map((s) => s.turns);
  const bases: Turn[][] = [...samples, seedBenchRecord()];
  for (const turns of samples) {
    const c = convertTurnsToAgentFabric(turns, { userPrefix: 'last' });
    assert.ok(c.ok);
    if (c.ok) bases.push(c.turns);
  }
  let converted = 0;
  for (let i = 0; i < 600; i++) {
    const base = bases[i % bases.length];
    const turns = base.map((t) => (r() < 0.5 ? { role: t.role, text: mutate(t.text, r) } : t));
    const c = convertTurnsToAgentFabric(turns, { userPrefix: 'all' });
    if (c.ok) converted++;
    checkAgentFabricRecord(turns);
    repairSeedRecord(turns);
  }
  // the mutations are mild enough that some records still convert, and harsh enough that some do not
  assert.ok(converted > 0 && converted < 600, String(converted));
});
