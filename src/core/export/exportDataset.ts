import { createHash } from 'node:crypto';
import { mkdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { severityOf, toDiagnostic } from '../diagnostics/registry';
import type { Finding } from '../diagnostics/types';
import { AtomicFile, writeFileAtomic } from '../io/atomicWrite';
import { checkRecord } from '../pipeline/checkRecord';
import { convertRecord } from '../pipeline/convertRecord';
import type { ParsedRecord } from '../pipeline/readRecord';
import { ScanCancelled, scanFile } from '../pipeline/scanFile';
import { detectFormat } from '../record/format';
import { REVIEW_STATUSES, type ReviewStatus, readReview } from '../review/state';
import { checkSwiftRoles } from '../swift/checks';
import { createTokenCounter, type TokenCounter } from '../tokens/counter';
import type { ConvertOptions, Turn } from '../types';
import { CandidateTable } from './columns';
import { conversationDigest, DuplicateIndex } from './dedup';
import { DropLog } from './dropLog';
import { planTakes, type Take, valCount } from './mix';
import { outputRecord } from './output';
import { Sfc32, sampleInPlace, shuffleInPlace } from './prng';
import { type ResolvedExportOptions, resolveExportOptions } from './resolveOptions';
import { selectsStatus } from './select';
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

  const spool = await Spool.create(o.outDir);
  const outputs: AtomicFile[] = [];
  try {
    const pass = await readSources(o, counter, spool, sizes, totalBytes);
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

async function readSources(
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
  const convert: ConvertOptions | undefined =
    o.profile === 'asis' ? undefined : { profile: o.profile, userPrefix: o.userPrefix, role: o.role };
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
    const scan = await scanFile(
      file,
      {
        check: false,
        signal: o.signal,
        onProgress: (b) => o.onProgress?.({ phase: 'reading', done: before + b, total: totalBytes }),
      },
      async (res) => {
        if (res.kind === 'blank') return;
        const record = res.record;
        if (!record) {
          state.invalid++;
          log.drop('invalid-line', file, res.line, undefined, describe(res.findings, res.line));
          return;
        }
        const status = readReview(record.value).status;
        state.byStatus[status].records++;
        const drop = (reason: DropReason, detail: string) =>
          log.drop(reason, file, record.line, record.id, detail);
        if (!selectsStatus(o.select, status)) return drop('review-status', status);

        let turns: Turn[] = record.turns;
        if (convert) {
          const converted = convertRecord(record, convert);
          if (!converted.ok) return drop('conversion', describe(errorsOf(converted.findings), record.line));
          turns = converted.turns;
        }
        const roles = checkSwiftRoles(turns);
        if (roles.length > 0) return drop('role-rules', describe(roles, record.line));
        const written: ParsedRecord =
          turns === record.turns ? record : { ...record, turns, format: detectFormat(turns) };
        const errors = errorsOf(checkRecord(written));
        if (errors.length > 0) {
          if (!o.forceErrors) return drop('errors', describe(errors, record.line));
          pass.forcedErrors++;
        }
        const first = dedup.seen(conversationDigest(turns), s, record.line);
        if (first) {
          pass.duplicates++;
          return drop('duplicate', `same conversation as ${o.sources[first[0]].path}:${first[1]}`);
        }
        const tokens = counter.countTurns(turns);
        if (tokens > o.maxLength) {
          log.tooLong(file, record.line, record.id, tokens);
          if (o.overLength === 'drop') return drop('over-length', `${tokens} tokens > ${o.maxLength}`);
        }
        const line = `${JSON.stringify(outputRecord(turns, o.shape, o.keepId ? record.value.id : undefined))}\n`;
        const at = await spool.append(line);
        candidates.add(s, REVIEW_STATUSES.indexOf(status), at.offset, at.bytes, tokens);
      },
      () => undefined,
    );
    state.lines = scan.lines;
    state.records = scan.records;
    state.binary = scan.binary;
    state.end = candidates.length;
    bytesBefore += sizes[s];
  }
  return pass;
}

function errorsOf(findings: Finding[]): Finding[] {
  return findings.filter((f) => severityOf(f.code) === 'error');
}

/** `CODE: message` of the first finding, and the other codes, for the report's listing. */
function describe(findings: Finding[], line: number): string {
  if (findings.length === 0) return '';
  const first = `${findings[0].code}: ${toDiagnostic(findings[0], line).message}`;
  const others = [...new Set(findings.slice(1).map((f) => f.code))].filter((c) => c !== findings[0].code);
  return others.length ? `${first} (also ${others.join(', ')})` : first;
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
    await file.write(buf.toString('utf8'));
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
