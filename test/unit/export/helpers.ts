import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExportResult, exportDataset } from '../../../src/core/export/exportDataset';
import type { ExportOptions, ExportSource } from '../../../src/core/export/types';
import { generateCorpus } from '../../fixtures/generate';

export type Obj = Record<string, unknown> & { id: string; conversations: { from: string; value: string }[] };

const root = mkdtempSync(join(tmpdir(), 'afc-export-'));
let dirs = 0;

/** A fresh directory for one test's files. */
export function freshDir(): string {
  const d = join(root, `t${++dirs}`);
  mkdirSync(d);
  return d;
}

/** Parsed ms_agent records from the corpus generator (no anomalies: every line a record). */
export function corpus(records: number, seed: number): Obj[] {
  return [...generateCorpus({ records, seed })].map((l) => JSON.parse(l) as Obj);
}

export function writeJsonl(path: string, records: object[]): string {
  writeFileSync(path, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return path;
}

export function readJsonl(path: string): Record<string, unknown>[] {
  const text = readFileSync(path, 'utf8');
  return text === ''
    ? []
    : text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
}

export function all(path: string): ExportSource {
  return { path, weight: { kind: 'all' } };
}

export function run(
  sources: ExportSource[],
  outDir: string,
  opts: Partial<ExportOptions> = {},
): Promise<ExportResult> {
  return exportDataset({ sources, outDir, ...opts });
}

export function withStatus(r: Obj, status: string, extra: Record<string, unknown> = {}): Obj {
  return { ...r, _review: { status, ...extra } };
}
