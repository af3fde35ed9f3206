import { dirname, join } from 'node:path';
import {
  EXPORT_DEFAULTS,
  EXPORT_PROFILES,
  type ExportOptions,
  type ExportProfile,
  type ExportSource,
  OUTPUT_SHAPES,
  OVER_LENGTH_MODES,
  type OverLengthMode,
  SELECT_MODES,
  type SelectMode,
  type SourceWeight,
} from '../core/export/types';
import type { Shape, UserPrefixMode } from '../core/types';

/**
 * What the export command asks and remembers per workspace (`workspaceState`), free of `vscode` so it
 * can be tested. The defaults are the CLI's (docs/export.md) except the validation split: the editor
 * offers the seed's 1% test sample up front, the CLI leaves it to ms-swift.
 */
export interface ExportChoices {
  /** Every source used last time with its weight; the file the command runs on is always one. */
  sources: ExportSource[];
  select: SelectMode;
  profile: ExportProfile;
  userPrefix: UserPrefixMode;
  shape: Shape;
  valRatio: number;
  seed: number;
  /** Undefined: the `agentfabric.maxLength` setting. */
  maxLength?: number;
  overLength: OverLengthMode;
  forceErrors: boolean;
  /** Undefined: an `export` folder beside the first source. */
  outDir?: string;
}

export const EDITOR_VAL_RATIO = 0.01;

export function defaultChoices(): ExportChoices {
  return {
    sources: [],
    select: EXPORT_DEFAULTS.select,
    profile: EXPORT_DEFAULTS.profile,
    userPrefix: EXPORT_DEFAULTS.userPrefix,
    shape: EXPORT_DEFAULTS.shape,
    valRatio: EDITOR_VAL_RATIO,
    seed: EXPORT_DEFAULTS.seed,
    overLength: EXPORT_DEFAULTS.overLength,
    forceErrors: EXPORT_DEFAULTS.forceErrors,
  };
}

const USER_PREFIX_MODES: readonly UserPrefixMode[] = ['last', 'none', 'all'];

/**
 * Reads remembered choices (stored by an older version, or edited by hand): every value that is not
 * valid falls back to its default, so a bad entry never blocks an export.
 */
export function restoreChoices(raw: unknown): ExportChoices {
  const d = defaultChoices();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return d;
  const o = raw as Record<string, unknown>;
  const oneOf = <T extends string>(v: unknown, all: readonly T[], fallback: T): T =>
    all.includes(v as T) ? (v as T) : fallback;
  const int = (v: unknown, min: number): number | undefined =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min ? v : undefined;
  const out: ExportChoices = {
    sources: Array.isArray(o.sources) ? o.sources.flatMap(restoreSource) : [],
    select: oneOf(o.select, SELECT_MODES, d.select),
    profile: oneOf(o.profile, EXPORT_PROFILES, d.profile),
    userPrefix: oneOf(o.userPrefix, USER_PREFIX_MODES, d.userPrefix),
    shape: oneOf(o.shape, OUTPUT_SHAPES, d.shape),
    valRatio: isValRatio(o.valRatio) ? o.valRatio : d.valRatio,
    seed: int(o.seed, 0) ?? d.seed,
    overLength: oneOf(o.overLength, OVER_LENGTH_MODES, d.overLength),
    forceErrors: typeof o.forceErrors === 'boolean' ? o.forceErrors : d.forceErrors,
  };
  const maxLength = int(o.maxLength, 1);
  if (maxLength !== undefined) out.maxLength = maxLength;
  if (typeof o.outDir === 'string' && o.outDir !== '') out.outDir = o.outDir;
  return out;
}

function restoreSource(raw: unknown): ExportSource[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const o = raw as Record<string, unknown>;
  if (typeof o.path !== 'string' || o.path === '') return [];
  const weight = restoreWeight(o.weight);
  return weight ? [{ path: o.path, weight }] : [];
}

function restoreWeight(raw: unknown): SourceWeight | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const w = raw as Record<string, unknown>;
  if (w.kind === 'all') return { kind: 'all' };
  if (w.kind === 'count' && typeof w.count === 'number' && Number.isSafeInteger(w.count) && w.count >= 0)
    return { kind: 'count', count: w.count };
  if (w.kind === 'ratio' && typeof w.ratio === 'number' && Number.isFinite(w.ratio) && w.ratio >= 0)
    return { kind: 'ratio', ratio: w.ratio };
  return undefined;
}

export function isValRatio(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1;
}

/**
 * The sources of this export: the file the command runs on first (with its remembered weight, or all
 * of it), then the other remembered sources that still exist.
 */
export function sourcesFor(
  current: string,
  remembered: readonly ExportSource[],
  exists: (path: string) => boolean,
): ExportSource[] {
  const mine = remembered.find((s) => s.path === current);
  const others = remembered.filter((s) => s.path !== current && exists(s.path));
  return [mine ?? { path: current, weight: { kind: 'all' } }, ...others];
}

/** Where the files go unless the user chose a folder: `export/` beside the first source. */
export function defaultOutDir(sources: readonly ExportSource[]): string {
  return join(dirname(sources[0].path), 'export');
}

/** The options `exportDataset` runs with. */
export function exportOptionsOf(
  choices: ExportChoices,
  sources: ExportSource[],
  settings: { maxLength: number; tiktokenPath?: string },
): ExportOptions {
  return {
    sources,
    outDir: choices.outDir ?? defaultOutDir(sources),
    select: choices.select,
    profile: choices.profile,
    userPrefix: choices.userPrefix,
    shape: choices.shape,
    valRatio: choices.valRatio,
    seed: choices.seed,
    maxLength: choices.maxLength ?? settings.maxLength,
    overLength: choices.overLength,
    forceErrors: choices.forceErrors,
    tiktokenPath: settings.tiktokenPath,
  };
}

/** Parses what the user typed for a weight: a whole number of records, or a ratio like 2.0. */
export function parseWeightInput(kind: 'count' | 'ratio', text: string): SourceWeight | undefined {
  const t = text.trim();
  if (kind === 'count') {
    if (!/^\d+$/.test(t)) return undefined;
    const count = Number(t);
    return Number.isSafeInteger(count) ? { kind: 'count', count } : undefined;
  }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  const ratio = Number(t);
  return Number.isFinite(ratio) ? { kind: 'ratio', ratio } : undefined;
}

/** Parses a whole number ≥ `min` typed by the user. */
export function parseIntInput(text: string, min: number): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) && n >= min ? n : undefined;
}

/** Parses a validation ratio typed by the user: 0 ≤ r < 1 (`1%` is accepted as 0.01). */
export function parseValRatioInput(text: string): number | undefined {
  const t = text.trim();
  const percent = /^(\d+\.?\d*|\.\d+)\s*%$/.exec(t);
  const n = percent ? Number(percent[1]) / 100 : /^(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
  return isValRatio(n) ? n : undefined;
}
