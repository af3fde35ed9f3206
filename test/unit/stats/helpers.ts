import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenCounter } from '../../../src/core/tokens/counter';
import type { Turn } from '../../../src/core/types';
import { type GeneratedLine, generateCorpusWithTruth } from '../../fixtures/generate';

/** One token per UTF-16 unit: predictable, so token figures can be checked by hand. */
export const charCounter: TokenCounter = {
  exact: true,
  label: 'test counter (1 token per char)',
  count: (text: string) => text.length,
  countTurns: (turns: readonly Turn[]) => turns.reduce((n, t) => n + t.text.length, 0),
};

export const tmp = mkdtempSync(join(tmpdir(), 'afc-stats-'));

/** Writes a generated corpus the way writeCorpus does, and hands back its lines with their truth. */
export function corpusFile(
  name: string,
  opts: { records: number; seed: number; anomalies?: boolean },
): { path: string; lines: GeneratedLine[] } {
  const lines = [...generateCorpusWithTruth(opts)];
  const path = join(tmp, name);
  writeFileSync(path, lines.map((l) => (l.kind === 'truncated' ? l.text : `${l.text}\n`)).join(''));
  return { path, lines };
}

/** `{ value: count }` of a list of numbers, as the statistics' `values` report them. */
export function histogram(values: number[]): [number, number][] {
  const m = new Map<number, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]);
}

/** Writes JSON lines to a temporary file. */
export function jsonlFile(name: string, rows: (string | object)[]): string {
  const path = join(tmp, name);
  writeFileSync(path, rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');
  return path;
}
