import { createHash } from 'node:crypto';
import { mkdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AtomicFile, writeFileAtomic } from '../io/atomicWrite';
import { EntryKind, type ExportBatchSettings } from '../parallel/exportBatch';
import { exportFileParallel } from '../parallel/exportFile';
import { ScanCancelled } from '../pipeline/scanFile';
import { REVIEW_STATUSES, type ReviewStatus } from '../review/state';
import { createTokenCounter, ESTIMATE_LABEL, type TokenCounter } from '../tokens/counter';
import { CandidateTable } from './columns';
import { DuplicateIndex } from './dedup';
import { DropLog } from './dropLog';
import { planTakes, type Take, valCount } from './mix';
import { Sfc32, sampleInPlace, shuffleInPlace } from './prng';
import { type ResolvedExportOptions, resolveExportOptions } from './resolveOptions';
import { formatWeight } from './sourceSpec';
import { Spool } from './spool';
import type { DropReason, ExportOptions, ExportReport, SourceReport } from './types';

export { ScanCancelled as ExportCancelled } from '../pipeline/scanFile';

export const TRAIN_FILE = 'train.jsonl';
export const VAL_FILE = 'val.jsonl';
export const REPORT_FILE = 'export-report.json';

export interface ExportResult {
  report: ExportReport;
  files: { train: string; val?: string; report: string };
  /** A val.jsonl left by an earlier export with a split was removed (this one has none). */
  removedStaleVal: boolean;
  /** Where the output lines waited between the passes: memory, or a scratch file when they were many. */
  spooled: 'memory' | 'disk';
}

/**
 * Exports training files for ms-swift from one or more JSONL sources (issue 5; docs/export.md):
 * pass 1 streams every source once — review-status selection, conversion, ms-swift's role rules, the
 * record checks, de-duplication, token counting — and spools each surviving record's finished output
 * line to a scratch file, keeping only offsets and a few numbers per record; then the sources are
 * sampled by weight and shuffled with the seeded PRNG; pass 2 copies the chosen lines out of the spool
 * into train.jsonl and val.jsonl. Every file is written atomically. Cancelling through `signal` throws
 * {@link ExportCancelled} and leaves the output directory as it was (a directory it created stays, empty).
 */
export async function exportDataset(options: ExportOptions): Promise<ExportResult> {
  const o = resolveExportOptions(options);
  const counter = options.tokenCounter ?? (await createTokenCounter({ tiktokenPath: options.tiktokenPath }));
  const sizes = await Promise.all(o.sources.map(async (s) => (await stat(s.path)).size));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  await mkdir(o.outDir, { recursive: true });

  const spool = await Spool.create(o.outDir, options.spoolMemoryBytes);
  const outputs: AtomicFile[] = [];
  try {
    const pass = await readSources(options, o, counter, spool, sizes, totalBytes);
    await spool.flush();
    if (o.signal?.aborted) throw new ScanCancelled();

    const selection = chooseAndSplit(o, pass);
    const { train, val } = selection;
    const trainFile = new AtomicFile(join(o.outDir, TRAIN_FILE));
    outputs.push(trainFile);
    const valFile = o.valRatio > 0 ? new AtomicFile(join(o.outDir, VAL_FILE)) : undefined;
    if (valFile) outputs.push(valFile);
    const progress = { done: 0, total: train.length + val.length };
    const sha256: ExportReport['sha256'] = {
      'train.jsonl': await copyLines(train, spool, pass.candidates, trainFile, o, progress),
    };
    if (valFile) sha256['val.jsonl'] = await copyLines(val, spool, pass.candidates, valFile, o, progress);

    const report = buildReport(o, counter, pass, selection, sha256);
    const reportPath = join(o.outDir, REPORT_FILE);
    for (const f of outputs) await f.commit();
    outputs.length = 0;
    await writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    const removedStaleVal = o.valRatio === 0 && (await removeIfPresent(join(o.outDir, VAL_FILE)));
    return {
      report,
      files: { train: trainFile.path, val: valFile?.path, report: reportPath },
      removedStaleVal,
      spooled: spool.onDisk ? 'disk' : 'memory',
    };
  } finally {
    for (const f of outputs) await f.abort();
    await spool.dispose();
  }
}

interface SourceState {
  lines: number;
  records: number;
  invalid: number;
  binary: boolean;
  byStatus: Record<ReviewStatus, { records: number; selected: number }>;
  /** The source's candidates are rows [start, end) of the table. */
  start: number;
  end: number;
}

interface PassOne {
  states: SourceState[];
  candidates: CandidateTable;
  log: DropLog;
  duplicates: number;
  forcedErrors: number;
}

/**
 * Whether the workers, making their own counter from `tiktokenPath` (or the bundled estimate), count
 * what the caller's counter counts: its label names its vocabulary (the workers check the label too).
 */
function sameAsWorkersCounter(counter: TokenCounter, tiktokenPath: string | undefined): boolean {
  if (tiktokenPath) return counter.exact && counter.label === `exact (Qwen vocabulary ${tiktokenPath})`;
  return !counter.exact && counter.label === ESTIMATE_LABEL;
}

const DROP_BY_KIND: (DropReason | undefined)[] = [];
DROP_BY_KIND[EntryKind.reviewStatus] = 'review-status';
DROP_BY_KIND[EntryKind.conversion] = 'conversion';
DROP_BY_KIND[EntryKind.roleRules] = 'role-rules';
DROP_BY_KIND[EntryKind.errors] = 'errors';

async function readSources(
  options: ExportOptions,
  o: ResolvedExportOptions,
  counter: TokenCounter,
  spool: Spool,
  sizes: number[],
  totalBytes: number,
): Promise<PassOne> {
  const candidates = new CandidateTable();
  const log = new DropLog();
  const dedup = new DuplicateIndex();
  const pass: PassOne = { states: [], candidates, log, duplicates: 0, forcedErrors: 0 };
  const settings: ExportBatchSettings = {
    select: o.select,
    forceErrors: o.forceErrors,
    shape: o.shape,
    keepId: o.keepId,
  };
  if (o.profile !== 'asis') settings.convert = { profile: o.profile, userPrefix: o.userPrefix, role: o.role };
  if (options.tiktokenPath) settings.tiktokenPath = options.tiktokenPath;
  settings.counterLabel = counter.label;
  let bytesBefore = 0;
  for (let s = 0; s < o.sources.length; s++) {
    const file = o.sources[s].path;
    const state: SourceState = {
      lines: 0,
      records: 0,
      invalid: 0,
      binary: false,
      byStatus: Object.fromEntries(REVIEW_STATUSES.map((k) => [k, { records: 0, selected: 0 }])) as never,
      start: candidates.length,
      end: candidates.length,
    };
    pass.states.push(state);
    const before = bytesBefore;
    const scan = await exportFileParallel(
      file,
      settings,
      counter,
      {
        signal: o.signal,
        onProgress: (b) => o.onProgress?.({ phase: 'reading', done: before + b, total: totalBytes }),
        workers: options.workers,
        workerPath: options.workerPath,
        workersMayCount:
          !options.tokenCounter || sameAsWorkersCounter(options.tokenCounter, options.tiktokenPath),
      },
      async ({ facts, output }) => {
        let at = 0;
        for (let i = 0; i < facts.kinds.length; i++) {
          const kind = facts.kinds[i];
          const line = facts.lines[i];
          if (kind === EntryKind.invalidLine) {
            state.invalid++;
            log.drop('invalid-line', file, line, undefined, facts.details[i]);
            continue;
          }
          state.byStatus[REVIEW_STATUSES[facts.statuses[i]]].records++;
          const id = facts.ids[i];
          const dropReason = DROP_BY_KIND[kind];
          if (dropReason) {
            log.drop(dropReason, file, line, id, facts.details[i]);
            continue;
          }
          const bytes = facts.outBytes[i];
          const lineBytes = output.subarray(at, at + bytes);
          at += bytes;
          if (kind === EntryKind.keptWithErrors) pass.forcedErrors++;
          const first = dedup.seen(facts.digests[i], s, line);
          if (first) {
            pass.duplicates++;
            log.drop(
              'duplicate',
              file,
              line,
              id,
              `same conversation as ${o.sources[first[0]].path}:${first[1]}`,
            );
            continue;
          }
          const tokens = facts.tokens[i];
          if (tokens > o.maxLength) {
            log.tooLong(file, line, id, tokens);
            if (o.overLength === 'drop') {
              log.drop('over-length', file, line, id, `${tokens} tokens > ${o.maxLength}`);
              continue;
            }
          }
          const where = await spool.appendBytes(lineBytes);
          candidates.add(s, facts.statuses[i], where.offset, where.bytes, tokens);
        }
      },
    );
    state.lines = scan.lines;
    state.records = scan.records;
    state.binary = scan.binary;
    state.end = candidates.length;
    bytesBefore += sizes[s];
  }
  return pass;
}

interface Selection {
  train: Uint32Array;
  val: Uint32Array;
  takes: Take[];
}

/** Samples each source by its weight, shuffles everything chosen, and cuts off the val records. */
function chooseAndSplit(o: ResolvedExportOptions, pass: PassOne): Selection {
  const rng = new Sfc32(o.seed);
  const eligible = pass.states.map((s) => s.end - s.start);
  const takes = planTakes(
    o.sources.map((s) => s.weight),
    eligible,
  );
  const chosen = new Uint32Array(takes.reduce((a, t) => a + t.take, 0));
  let k = 0;
  pass.states.forEach((state, s) => {
    const pool = new Uint32Array(eligible[s]);
    for (let i = 0; i < pool.length; i++) pool[i] = state.start + i;
    const picked = takes[s].take < pool.length ? sampleInPlace(pool, takes[s].take, rng) : pool;
    chosen.set(picked, k);
    k += picked.length;
    pass.log.notSampled(pool.length - picked.length);
  });
  shuffleInPlace(chosen, rng);
  for (const i of chosen) {
    const state = pass.states[pass.candidates.source.get(i)];
    state.byStatus[REVIEW_STATUSES[pass.candidates.status.get(i)]].selected++;
  }
  const v = valCount(chosen.length, o.valRatio);
  return { val: chosen.subarray(0, v), train: chosen.subarray(v), takes };
}

const BATCH_BYTES = 4 << 20;
const BATCH_LINES = 4096;

/** Copies the lines of `rows` out of the spool into `file`, in order; returns the file's SHA-256. */
async function copyLines(
  rows: Uint32Array,
  spool: Spool,
  table: CandidateTable,
  file: AtomicFile,
  o: ResolvedExportOptions,
  progress: { done: number; total: number },
): Promise<string> {
  const hash = createHash('sha256');
  let i = 0;
  while (i < rows.length) {
    if (o.signal?.aborted) throw new ScanCancelled();
    let j = i;
    let bytes = 0;
    while (
      j < rows.length &&
      j - i < BATCH_LINES &&
      (j === i || bytes + table.bytes.get(rows[j]) <= BATCH_BYTES)
    ) {
      bytes += table.bytes.get(rows[j]);
      j++;
    }
    const buf = Buffer.allocUnsafe(bytes);
    const reads: Promise<void>[] = [];
    let at = 0;
    for (let k = i; k < j; k++) {
      const len = table.bytes.get(rows[k]);
      reads.push(spool.read(table.offset.get(rows[k]), len, buf, at));
      at += len;
    }
    await Promise.all(reads);
    hash.update(buf);
    await file.write(buf);
    progress.done += j - i;
    o.onProgress?.({ phase: 'writing', done: progress.done, total: progress.total });
    i = j;
  }
  return hash.digest('hex');
}

function buildReport(
  o: ResolvedExportOptions,
  counter: TokenCounter,
  pass: PassOne,
  selection: Selection,
  sha256: ExportReport['sha256'],
): ExportReport {
  const { train, val, takes } = selection;
  const sources: SourceReport[] = pass.states.map((st, s) => ({
    path: o.sources[s].path,
    weight: formatWeight(o.sources[s].weight),
    lines: st.lines,
    records: st.records,
    invalid: st.invalid,
    binary: st.binary,
    byStatus: st.byStatus,
    eligible: st.end - st.start,
    requested: takes[s].requested,
    selected: takes[s].take,
    shortfall: Math.max(0, takes[s].requested - takes[s].take),
  }));
  let total = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const rows of [train, val]) {
    for (const r of rows) {
      const t = pass.candidates.tokens.get(r);
      total += t;
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  const selected = train.length + val.length;
  return {
    sources,
    options: {
      select: o.select,
      profile: o.profile,
      userPrefix: o.userPrefix,
      shape: o.shape,
      valRatio: o.valRatio,
      seed: o.seed,
      maxLength: o.maxLength,
      overLength: o.overLength,
      forceErrors: o.forceErrors,
      keepId: o.keepId,
    },
    tokenizer: { label: counter.label, exact: counter.exact },
    selected,
    dropped: pass.log.counts,
    duplicates: pass.duplicates,
    overLength: pass.log.overLengthCount,
    forcedErrors: pass.forcedErrors,
    train: train.length,
    val: val.length,
    sha256,
    tokens: {
      total,
      min: selected ? min : 0,
      max,
      mean: selected ? Math.round((total / selected) * 100) / 100 : 0,
    },
    droppedRecords: pass.log.listed,
    overLengthRecords: pass.log.overLength,
  };
}

async function removeIfPresent(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
