import type { ReviewStatus } from '../review/state';
import type { TokenCounter } from '../tokens/counter';
import type { RoleConfig, Shape, UserPrefixMode } from '../types';

/** Which review statuses go in: approved only, all but rejected (default), or everything. */
export type SelectMode = 'approved' | 'not-rejected' | 'all';
export const SELECT_MODES: readonly SelectMode[] = ['approved', 'not-rejected', 'all'];

/** `asis` writes each record's conversation unchanged (only its shape may change). */
export type ExportProfile = 'agentfabric' | 'seed' | 'asis';
export const EXPORT_PROFILES: readonly ExportProfile[] = ['agentfabric', 'seed', 'asis'];

export const OUTPUT_SHAPES: readonly Shape[] = ['conversations', 'messages', 'query-response'];

export type OverLengthMode = 'report' | 'drop';
export const OVER_LENGTH_MODES: readonly OverLengthMode[] = ['report', 'drop'];

/** How much of a source goes in: everything, a number of records, or a share relative to the others. */
export type SourceWeight =
  | { kind: 'all' }
  | { kind: 'count'; count: number }
  | { kind: 'ratio'; ratio: number };

export interface ExportSource {
  path: string;
  weight: SourceWeight;
}

export interface ExportProgress {
  phase: 'reading' | 'writing';
  /** Bytes read (reading, over all sources) or records written (writing). */
  done: number;
  total: number;
}

export interface ExportOptions {
  sources: ExportSource[];
  /** Where train.jsonl, val.jsonl and export-report.json go; created when missing. */
  outDir: string;
  select?: SelectMode;
  profile?: ExportProfile;
  userPrefix?: UserPrefixMode;
  role?: RoleConfig;
  shape?: Shape;
  /** Share of the selected records written to val.jsonl, 0 ≤ R < 1; 0 writes no val.jsonl. */
  valRatio?: number;
  seed?: number;
  maxLength?: number;
  overLength?: OverLengthMode;
  /** Keep records whose checks report errors (role-rule violations are never kept). */
  forceErrors?: boolean;
  /** Write each record's `id` (default true); ms-swift ignores it. */
  keepId?: boolean;
  /** A counter to reuse; otherwise one is made from `tiktokenPath` (exact) or the bundled estimate. */
  tokenCounter?: TokenCounter;
  tiktokenPath?: string;
  /**
   * Worker threads for pass 1 on large inputs (default: up to 4, as `convert`); 0 keeps it in this
   * thread. With a caller's `tokenCounter` it always runs in this thread (a counter cannot be moved).
   */
  workers?: number;
  /** The bundled `pipelineWorker.js` (default: next to this bundle; missing: this thread). */
  workerPath?: string;
  /**
   * Bytes of output lines kept in memory between the two passes (default 128 MB, `SPOOL_MEMORY_BYTES`);
   * beyond it they go to a scratch file in the output directory.
   */
  spoolMemoryBytes?: number;
  signal?: AbortSignal;
  /** Called as reading and writing advance (about every 1024 lines and every written batch). */
  onProgress?: (p: ExportProgress) => void;
}

export const EXPORT_DEFAULTS = {
  select: 'not-rejected' as SelectMode,
  profile: 'agentfabric' as ExportProfile,
  userPrefix: 'last' as UserPrefixMode,
  shape: 'conversations' as Shape,
  valRatio: 0,
  seed: 42,
  maxLength: 2048,
  overLength: 'report' as OverLengthMode,
  forceErrors: false,
  keepId: true,
};

/** Why a line of an input did not reach the output. */
export type DropReason =
  | 'invalid-line'
  | 'review-status'
  | 'conversion'
  | 'role-rules'
  | 'errors'
  | 'duplicate'
  | 'over-length'
  | 'not-sampled';

export const DROP_REASONS: readonly DropReason[] = [
  'invalid-line',
  'review-status',
  'conversion',
  'role-rules',
  'errors',
  'duplicate',
  'over-length',
  'not-sampled',
];

export interface DroppedRecord {
  file: string;
  line: number;
  id: string | null;
  reason: DropReason;
  detail: string;
}

export interface OverLengthRecord {
  file: string;
  line: number;
  id: string | null;
  tokens: number;
}

export interface SourceReport {
  path: string;
  /** `all`, `#<count>` or the ratio, as the weight was given. */
  weight: string;
  lines: number;
  records: number;
  /** Lines that are not records (not JSON, no conversation, truncated …). */
  invalid: number;
  /** The file is binary (a NUL byte in its first 8 KB): nothing was read from it. */
  binary: boolean;
  /** Records read and records selected, per review status. */
  byStatus: Record<ReviewStatus, { records: number; selected: number }>;
  /** Records that passed every filter: the pool the weight draws from. */
  eligible: number;
  /** What the weight asked for. */
  requested: number;
  selected: number;
  /** Requested but not available (a count or ratio larger than the pool; nothing is repeated). */
  shortfall: number;
}

export interface ExportReport {
  sources: SourceReport[];
  options: {
    select: SelectMode;
    profile: ExportProfile;
    userPrefix: UserPrefixMode;
    shape: Shape;
    valRatio: number;
    seed: number;
    maxLength: number;
    overLength: OverLengthMode;
    forceErrors: boolean;
    keepId: boolean;
  };
  tokenizer: { label: string; exact: boolean };
  selected: number;
  dropped: Record<DropReason, number>;
  duplicates: number;
  overLength: number;
  /** Records kept although their checks report errors (--force-errors). */
  forcedErrors: number;
  train: number;
  val: number;
  sha256: { 'train.jsonl': string; 'val.jsonl'?: string };
  /** Token counts of the selected records (as in `tokenizer`). */
  tokens: { total: number; min: number; max: number; mean: number };
  /** The first 1000 dropped records of each reason (`not-sampled` is only counted). */
  droppedRecords: DroppedRecord[];
  /** The first 1000 records over `maxLength`, kept or dropped. */
  overLengthRecords: OverLengthRecord[];
}
