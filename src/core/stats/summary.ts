import { codeDef, SEVERITY_RANK } from '../diagnostics/registry';
import type { Severity } from '../diagnostics/types';
import { REVIEW_STATUSES, type ReviewStatus } from '../review/state';
import { SEED_CODES } from '../seed/codes';
import type { Format } from '../types';
import type { StatsAggregator } from './aggregate';
import { type Bucket, integerBuckets, tokenBuckets } from './buckets';
import type { IntCounts } from './counts';
import type { NumericFeature, StatsFilter } from './filters';

export const DEFAULT_MAX_LENGTH = 2048;

/** A distribution over records: bars for the chart, exact values for the table and `--json`. */
export interface Distribution {
  feature: NumericFeature;
  buckets: Bucket[];
  /** `[value, records]` by increasing value: every value that occurs. */
  values: [number, number][];
  min?: number;
  median?: number;
  max?: number;
  mean?: number;
  total: number;
}

export interface TokenDistribution extends Distribution {
  maxLength: number;
  /** Records with more tokens than `maxLength` (ms-swift truncates or drops them). */
  overMaxLength: number;
  overFilter: StatsFilter;
  /** Draw the `max_length` line after this bar. */
  lineAfter: number;
  /** False when the counts are an estimate (no `qwen.tiktoken` file). */
  exact: boolean;
  tokenizer: string;
}

export interface CodeStat {
  code: string;
  severity: Severity;
  title: string;
  /** Diagnostics with this code. */
  diagnostics: number;
  /** Lines that carry at least one. */
  lines: number;
  filter: StatsFilter;
}

export interface SeverityStat {
  severity: Severity;
  diagnostics: number;
  lines: number;
  filter: StatsFilter;
}

export interface CountStat<T extends string = string> {
  name: T;
  records: number;
  filter: StatsFilter;
}

export interface ToolStat {
  name: string;
  calls: number;
  /** Records that call it at least once. */
  records: number;
  filter: StatsFilter;
}

export interface StatsSummary {
  lines: { total: number; records: number; invalid: number; blank: number };
  formats: CountStat<Format>[];
  tokens: TokenDistribution;
  tools: Distribution;
  calls: Distribution;
  turns: Distribution;
  rounds: Distribution;
  problems: { total: number; bySeverity: SeverityStat[]; byCode: CodeStat[] };
  seed: {
    /** S1–S11, all of them, in order (zero counts included). */
    codes: CodeStat[];
    /** Records with at least one S-code. */
    recordsAffected: number;
    /** Records on which the seed script raises (S1): its whole run stops there. */
    raises: number;
    toolsLost: number;
    paramsLost: number;
    recordsLosing: number;
    lossFilter: StatsFilter;
  };
  /** The most called tools (by number of `Action:` steps). */
  topTools: ToolStat[];
  /** How many distinct tool names are called at all. */
  calledToolNames: number;
  /** The tools declared by the most records. */
  declaredTools: CountStat[];
  declaredToolNames: number;
  review: {
    byStatus: CountStat<ReviewStatus>[];
    byTag: CountStat[];
    /** Records whose status is not `unreviewed`. */
    reviewed: number;
  };
}

export interface SummaryOptions {
  maxLength?: number;
  /** From the token counter that produced the counts. */
  tokenizer: { exact: boolean; label: string };
  /** How many tools to list (default 20). */
  topTools?: number;
}

function distribution(feature: NumericFeature, counts: IntCounts): Distribution {
  const d: Distribution = {
    feature,
    buckets: integerBuckets(feature, counts),
    values: counts.entries().map(([v, c]) => [v, c]),
    total: counts.sum(),
  };
  if (counts.size > 0) {
    d.min = counts.min();
    d.median = counts.median();
    d.max = counts.max();
    d.mean = d.total / counts.size;
  }
  return d;
}

function codeStat(agg: StatsAggregator, code: string): CodeStat {
  const def = codeDef(code);
  return {
    code,
    severity: def.severity,
    title: def.title,
    diagnostics: agg.diagnosticsByCode.get(code),
    lines: agg.linesByCode.get(code),
    filter: { kind: 'code', code },
  };
}

export function summarize(agg: StatsAggregator, opts: SummaryOptions): StatsSummary {
  const maxLength = opts.maxLength ?? DEFAULT_MAX_LENGTH;
  const tokenCounts = agg.numeric.tokens;
  const { buckets, lineAfter } = tokenBuckets(tokenCounts, maxLength);
  const tokens: TokenDistribution = {
    ...distribution('tokens', tokenCounts),
    buckets,
    lineAfter,
    maxLength,
    overMaxLength: tokenCounts.countIn(maxLength + 1),
    overFilter: { kind: 'tokens', min: maxLength + 1 },
    exact: opts.tokenizer.exact,
    tokenizer: opts.tokenizer.label,
  };
  const byCode = [...agg.diagnosticsByCode.entries()]
    .map(([code]) => codeStat(agg, code))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        b.diagnostics - a.diagnostics ||
        a.code.localeCompare(b.code, 'en', { numeric: true }),
    );
  const bySeverity = (['error', 'warning', 'info'] as const).map(
    (severity): SeverityStat => ({
      severity,
      diagnostics: agg.diagnosticsBySeverity.get(severity),
      lines: agg.linesBySeverity.get(severity),
      filter: { kind: 'severity', severity },
    }),
  );
  const topTools = agg.callsByTool.top(opts.topTools ?? 20).map(
    ([name, calls]): ToolStat => ({
      name,
      calls,
      records: agg.recordsByCalledTool.get(name),
      filter: { kind: 'calledTool', name },
    }),
  );
  const declaredTools = agg.recordsByDeclaredTool
    .top(opts.topTools ?? 20)
    .map(([name, records]): CountStat => ({ name, records, filter: { kind: 'declaredTool', name } }));
  const byStatus = REVIEW_STATUSES.map(
    (status): CountStat<ReviewStatus> => ({
      name: status,
      records: agg.reviewByStatus.get(status),
      filter: { kind: 'status', status },
    }),
  );
  const byTag = agg.reviewByTag.top().map(
    ([tag, records]): CountStat => ({
      name: tag,
      records,
      filter: { kind: 'tag', tag },
    }),
  );
  const formats = agg.formats.top().map(
    ([format, records]): CountStat<Format> => ({
      name: format as Format,
      records,
      filter: { kind: 'format', format: format as Format },
    }),
  );
  const records = agg.lines.record;
  return {
    lines: {
      total: records + agg.lines.invalid + agg.lines.blank,
      records,
      invalid: agg.lines.invalid,
      blank: agg.lines.blank,
    },
    formats,
    tokens,
    tools: distribution('tools', agg.numeric.tools),
    calls: distribution('calls', agg.numeric.calls),
    turns: distribution('turns', agg.numeric.turns),
    rounds: distribution('rounds', agg.numeric.rounds),
    problems: { total: bySeverity.reduce((s, x) => s + x.diagnostics, 0), bySeverity, byCode },
    seed: {
      codes: SEED_CODES.map((def) => codeStat(agg, def.code)),
      recordsAffected: agg.seed.recordsAffected,
      raises: agg.linesByCode.get('S1'),
      toolsLost: agg.seed.toolsLost,
      paramsLost: agg.seed.paramsLost,
      recordsLosing: agg.seed.recordsLosing,
      lossFilter: { kind: 'seedLoss' },
    },
    topTools,
    calledToolNames: agg.callsByTool.distinct,
    declaredTools,
    declaredToolNames: agg.recordsByDeclaredTool.distinct,
    review: { byStatus, byTag, reviewed: records - agg.reviewByStatus.get('unreviewed') },
  };
}
