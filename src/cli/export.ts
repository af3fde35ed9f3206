import { ExportCancelled, type ExportResult, exportDataset } from '../core/export/exportDataset';
import { ExportOptionError } from '../core/export/resolveOptions';
import { parseSourceSpec, SourceSpecError } from '../core/export/sourceSpec';
import {
  DROP_REASONS,
  EXPORT_DEFAULTS,
  EXPORT_PROFILES,
  type ExportSource,
  OUTPUT_SHAPES,
  OVER_LENGTH_MODES,
  SELECT_MODES,
} from '../core/export/types';
import { createTokenCounter, type TokenCounter, TokenizerFileError } from '../core/tokens/counter';
import { oneOf, parse } from './args';
import { IoError, UsageError } from './errors';
import { assertReadableFile, readRoleConfig } from './files';
import { workersFromEnv } from './workers';

export async function runExport(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    'out-dir': { type: 'string' },
    select: { type: 'string' },
    profile: { type: 'string' },
    'user-prefix': { type: 'string' },
    shape: { type: 'string' },
    'val-ratio': { type: 'string' },
    seed: { type: 'string' },
    'max-length': { type: 'string' },
    tokenizer: { type: 'string' },
    'over-length': { type: 'string' },
    'force-errors': { type: 'boolean' },
    'role-config': { type: 'string' },
    quiet: { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError('export needs at least one input .jsonl');
  const outDir = values['out-dir'];
  if (!outDir) throw new UsageError('--out-dir is required');
  const sources = positionals.map(sourceOf);
  const d = EXPORT_DEFAULTS;
  const valRatio = numberOption('val-ratio', values['val-ratio'], d.valRatio, /^(\d+\.?\d*|\.\d+)$/);
  if (valRatio >= 1) throw new UsageError(`--val-ratio must be ≥ 0 and < 1, not ${valRatio}`);
  const seed = numberOption('seed', values.seed, d.seed, /^\d+$/);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be below 2^53, not ${values.seed}`);
  const maxLength = numberOption('max-length', values['max-length'], d.maxLength, /^\d+$/);
  if (!(maxLength > 0 && Number.isSafeInteger(maxLength))) throw new UsageError('--max-length must be > 0');
  const options = {
    sources,
    outDir,
    select: oneOf('select', values.select, SELECT_MODES, d.select),
    profile: oneOf('profile', values.profile, EXPORT_PROFILES, d.profile),
    userPrefix: oneOf('user-prefix', values['user-prefix'], ['last', 'none', 'all'] as const, d.userPrefix),
    shape: oneOf('shape', values.shape, OUTPUT_SHAPES, d.shape),
    overLength: oneOf('over-length', values['over-length'], OVER_LENGTH_MODES, d.overLength),
    valRatio,
    seed,
    maxLength,
    forceErrors: values['force-errors'] ?? false,
    role: values['role-config'] ? await readRoleConfig(values['role-config']) : undefined,
    workers: workersFromEnv(),
  };
  for (const s of sources) await assertReadableFile(s.path);
  const tokenCounter = await counterFor(values.tokenizer);

  // Ctrl+C cancels cleanly: temporary files are removed and the output directory is left as it was.
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const started = Date.now();
  let result: ExportResult;
  try {
    // With a tokenizer file, pass its path rather than the counter: each worker thread loads its own
    // (a counter cannot cross threads); the counter made above only checked the file early.
    const counting = values.tokenizer ? { tiktokenPath: values.tokenizer } : { tokenCounter };
    result = await exportDataset({ ...options, ...counting, signal: controller.signal });
  } catch (e) {
    if (e instanceof ExportCancelled) {
      process.stderr.write('afcurate export: cancelled; nothing was written\n');
      return 1;
    }
    if (e instanceof ExportOptionError) throw new UsageError(e.message);
    if (isIoError(e)) throw new IoError((e as Error).message);
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (!values.quiet) process.stderr.write(summary(result, (Date.now() - started) / 1000));
  return 0;
}

function sourceOf(arg: string): ExportSource {
  try {
    return parseSourceSpec(arg);
  } catch (e) {
    if (e instanceof SourceSpecError) throw new UsageError(e.message);
    throw e;
  }
}

function numberOption(name: string, value: string | undefined, fallback: number, pattern: RegExp): number {
  if (value === undefined) return fallback;
  if (!pattern.test(value)) throw new UsageError(`--${name} must be a number ≥ 0, not "${value}"`);
  return Number(value);
}

async function counterFor(path: string | undefined): Promise<TokenCounter> {
  try {
    return await createTokenCounter({ tiktokenPath: path });
  } catch (e) {
    if (e instanceof TokenizerFileError) {
      if (e.unreadable) throw new IoError(`cannot read ${e.message}`);
      throw new UsageError(e.message);
    }
    throw e;
  }
}

function isIoError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}

/** The few lines a terminal user reads; everything else is in export-report.json. */
function summary(result: ExportResult, secs: number): string {
  const r = result.report;
  const records = r.sources.reduce((a, s) => a + s.records, 0);
  const out: string[] = [];
  const files = `${result.files.train} (${r.train})${result.files.val ? `, ${result.files.val} (${r.val})` : ''}`;
  out.push(
    `afcurate export: ${r.sources.length} input${r.sources.length === 1 ? '' : 's'}, ${records} records; ` +
      `selected ${r.selected} -> ${files} in ${secs.toFixed(1)}s`,
  );
  const dropped = DROP_REASONS.filter((k) => r.dropped[k] > 0).map((k) => `${k} ${r.dropped[k]}`);
  out.push(`  dropped: ${dropped.length ? dropped.join(', ') : 'none'}`);
  if (r.forcedErrors) out.push(`  kept despite errors (--force-errors): ${r.forcedErrors}`);
  if (r.overLength) {
    const what = r.options.overLength === 'drop' ? 'dropped' : 'kept; --over-length drop leaves them out';
    out.push(`  over ${r.options.maxLength} tokens: ${r.overLength} (${what})`);
  }
  out.push(`  tokens: mean ${r.tokens.mean}, max ${r.tokens.max} — ${r.tokenizer.label}`);
  for (const s of r.sources) {
    if (s.binary) out.push(`  warning: ${s.path} is a binary file; nothing was read from it`);
    if (s.shortfall)
      out.push(`  warning: ${s.path}:${s.weight} asked for ${s.requested} records, ${s.eligible} available`);
  }
  if (result.removedStaleVal)
    out.push('  removed the val.jsonl of an earlier export (this one has no split)');
  out.push(`  report: ${result.files.report}`);
  return `${out.join('\n')}\n`;
}
