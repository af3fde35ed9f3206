import { conversationDigest } from '../export/dedup';
import { describe, errorsOf } from '../export/describe';
import { outputRecord } from '../export/output';
import { selectsStatus } from '../export/select';
import type { SelectMode } from '../export/types';
import { checkRecord } from '../pipeline/checkRecord';
import { convertRecord } from '../pipeline/convertRecord';
import { readLineFindings } from '../pipeline/fileAnalyzer';
import type { ParsedRecord } from '../pipeline/readRecord';
import { detectFormat } from '../record/format';
import { REVIEW_STATUSES, readReview } from '../review/state';
import { checkSwiftRoles } from '../swift/checks';
import { createTokenCounter, type TokenCounter } from '../tokens/counter';
import type { ConvertOptions, Shape, Turn } from '../types';
import { type BatchOutcome, type BatchTask, sliceLine } from './batch';

/** What export does to every record of a run (structured-cloneable: it travels to the workers). */
export interface ExportBatchSettings {
  select: SelectMode;
  /** Absent for the `asis` profile: the conversation is written as read. */
  convert?: ConvertOptions;
  forceErrors: boolean;
  shape: Shape;
  keepId: boolean;
  /** The workers make their own counter from this (or the bundled estimate). */
  tiktokenPath?: string;
  /** The main thread's counter's label: a worker whose own counter says otherwise refuses to count. */
  counterLabel?: string;
}

/**
 * What happened to each non-blank line of a batch, in line order: the per-record work of export's
 * pass 1 (selection, conversion, role rules, checks, digest, tokens). What needs all lines before it
 * (de-duplication, the over-length listing) is decided on the main thread.
 */
export interface ExportFacts {
  /** {@link EntryKind} per entry. */
  kinds: number[];
  lines: number[];
  /** Index into REVIEW_STATUSES; -1 for an invalid line. */
  statuses: number[];
  ids: (string | undefined)[];
  /** Why the entry was left out; '' when kept. */
  details: string[];
  /** The 16-byte conversation digest (latin1) of a kept entry; '' otherwise. */
  digests: string[];
  tokens: number[];
  /** Bytes of the kept entry's output line (with its newline) in the batch's `output`; 0 otherwise. */
  outBytes: number[];
}

export const EntryKind = {
  kept: 0,
  keptWithErrors: 1,
  invalidLine: 2,
  reviewStatus: 3,
  conversion: 4,
  roleRules: 5,
  errors: 6,
} as const;

const LF = 0x0a;

const counters = new Map<string, TokenCounter>();

/** Makes the token counter a worker's batches use; awaited before the worker takes its first batch. */
export async function prepareExportCounter(s: ExportBatchSettings): Promise<void> {
  const key = s.tiktokenPath ?? '';
  if (!counters.has(key)) counters.set(key, await createTokenCounter({ tiktokenPath: s.tiktokenPath }));
  const label = counters.get(key)?.label;
  if (s.counterLabel !== undefined && label !== s.counterLabel)
    throw new Error(`the worker's token counter (${label}) is not the export's (${s.counterLabel})`);
}

export function preparedExportCounter(s: ExportBatchSettings): TokenCounter {
  const c = counters.get(s.tiktokenPath ?? '');
  if (!c) throw new Error('the export token counter was not prepared in this worker');
  return c;
}

/** Holds the last record read until the next one (see batch.ts: keeps hidden classes alive). */
const hiddenClassAnchor: { record?: ParsedRecord } = {};

/**
 * Export's pass-1 work on one batch of whole lines, the same in a worker and in this thread. The
 * output lines of kept entries are encoded one after another into `output`.
 */
export function processExportBatch(
  task: BatchTask,
  s: ExportBatchSettings,
  counter: TokenCounter,
): BatchOutcome {
  const buf = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const facts: ExportFacts = {
    kinds: [],
    lines: [],
    statuses: [],
    ids: [],
    details: [],
    digests: [],
    tokens: [],
    outBytes: [],
  };
  let out = Buffer.allocUnsafeSlow(Math.max(1024, task.bytes.byteLength + (task.bytes.byteLength >> 2)));
  let used = 0;
  let lines = 0;
  let records = 0;
  let line = task.firstLine;
  let pos = 0;
  const push = (kind: number, status: number, id: string | undefined, detail: string) => {
    facts.kinds.push(kind);
    facts.lines.push(line);
    facts.statuses.push(status);
    facts.ids.push(id);
    facts.details.push(detail);
    facts.digests.push('');
    facts.tokens.push(0);
    facts.outBytes.push(0);
  };
  while (pos < buf.length) {
    const { bytes, crlf, unterminated, next } = sliceLine(buf, pos, task.unterminated);
    pos = next;
    const lf = readLineFindings({ line, bytes, crlf, unterminated }, false);
    lines++;
    const record = lf.record;
    if (lf.kind === 'blank') {
      line++;
      continue;
    }
    if (!record) {
      push(EntryKind.invalidLine, -1, undefined, describe(lf.findings, line));
      line++;
      continue;
    }
    hiddenClassAnchor.record = record;
    records++;
    const status = readReview(record.value).status;
    const statusIndex = REVIEW_STATUSES.indexOf(status);
    if (!selectsStatus(s.select, status)) {
      push(EntryKind.reviewStatus, statusIndex, record.id, status);
      line++;
      continue;
    }
    let turns: Turn[] = record.turns;
    if (s.convert) {
      const converted = convertRecord(record, s.convert);
      if (!converted.ok) {
        push(EntryKind.conversion, statusIndex, record.id, describe(errorsOf(converted.findings), line));
        line++;
        continue;
      }
      turns = converted.turns;
    }
    const roles = checkSwiftRoles(turns);
    if (roles.length > 0) {
      push(EntryKind.roleRules, statusIndex, record.id, describe(roles, line));
      line++;
      continue;
    }
    const written: ParsedRecord =
      turns === record.turns ? record : { ...record, turns, format: detectFormat(turns) };
    const errors = errorsOf(checkRecord(written));
    if (errors.length > 0 && !s.forceErrors) {
      push(EntryKind.errors, statusIndex, record.id, describe(errors, line));
      line++;
      continue;
    }
    const text = JSON.stringify(outputRecord(turns, s.shape, s.keepId ? record.value.id : undefined));
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    const need = used + text.length * 3 + 1;
    if (need > out.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(need, out.length * 2));
      out.copy(grown, 0, 0, used);
      out = grown;
    }
    const n = out.write(text, used, 'utf8');
    out[used + n] = LF;
    used += n + 1;
    facts.kinds.push(errors.length > 0 ? EntryKind.keptWithErrors : EntryKind.kept);
    facts.lines.push(line);
    facts.statuses.push(statusIndex);
    facts.ids.push(record.id);
    facts.details.push('');
    facts.digests.push(conversationDigest(turns));
    facts.tokens.push(counter.countTurns(turns));
    facts.outBytes.push(n + 1);
    line++;
  }
  return {
    seq: task.seq,
    lines,
    records,
    crlfLines: 0,
    firstCrlfLine: 0,
    ids: [],
    idLines: [],
    problems: [],
    codes: [],
    codeCounts: [],
    codeFirstLines: [],
    output: out.subarray(0, used),
    converted: 0,
    exportFacts: facts,
  };
}
