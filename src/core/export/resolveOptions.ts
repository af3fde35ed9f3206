import {
  EXPORT_DEFAULTS,
  EXPORT_PROFILES,
  type ExportOptions,
  OUTPUT_SHAPES,
  OVER_LENGTH_MODES,
  SELECT_MODES,
} from './types';

/** An option value export cannot use; the message names the option and what it accepts. */
export class ExportOptionError extends Error {}

export type ResolvedExportOptions = ExportOptions & typeof EXPORT_DEFAULTS;

/** Fills in the defaults and checks every value, so the CLI and the editor get the same errors. */
export function resolveExportOptions(opts: ExportOptions): ResolvedExportOptions {
  const o = { ...EXPORT_DEFAULTS, ...stripUndefined(opts) } as ResolvedExportOptions;
  const fail = (msg: string): never => {
    throw new ExportOptionError(msg);
  };
  if (o.sources.length === 0) fail('give at least one input .jsonl');
  if (o.sources.length > 0xffff) fail('at most 65535 inputs');
  for (const s of o.sources) {
    if (s.weight.kind === 'count' && !(Number.isSafeInteger(s.weight.count) && s.weight.count >= 0))
      fail(`${s.path}: a count must be a whole number ≥ 0`);
    if (s.weight.kind === 'ratio' && !(Number.isFinite(s.weight.ratio) && s.weight.ratio >= 0))
      fail(`${s.path}: a ratio must be a number ≥ 0`);
  }
  if (!SELECT_MODES.includes(o.select)) fail(`select must be one of ${SELECT_MODES.join(', ')}`);
  if (!EXPORT_PROFILES.includes(o.profile)) fail(`profile must be one of ${EXPORT_PROFILES.join(', ')}`);
  if (!OUTPUT_SHAPES.includes(o.shape)) fail(`shape must be one of ${OUTPUT_SHAPES.join(', ')}`);
  if (!OVER_LENGTH_MODES.includes(o.overLength))
    fail(`over-length must be one of ${OVER_LENGTH_MODES.join(', ')}`);
  if (!(o.valRatio >= 0 && o.valRatio < 1)) fail(`val ratio must be ≥ 0 and < 1, not ${o.valRatio}`);
  if (!(Number.isSafeInteger(o.seed) && o.seed >= 0))
    fail(`seed must be a whole number 0 … 2^53-1, not ${o.seed}`);
  if (!(Number.isSafeInteger(o.maxLength) && o.maxLength > 0))
    fail(`max length must be a whole number > 0, not ${o.maxLength}`);
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
