import type { Severity } from '../diagnostics/types';
import { REVIEW_STATUSES, type ReviewStatus } from '../review/state';
import type { Format } from '../types';
import type { LineFeatures, RecordFeatures } from './features';

/** The per-record numbers a histogram is drawn over. */
export type NumericFeature = 'tokens' | 'tools' | 'calls' | 'turns' | 'rounds';
export const NUMERIC_FEATURES: readonly NumericFeature[] = ['tokens', 'tools', 'calls', 'turns', 'rounds'];

/**
 * Which lines one bar of a chart stands for, as plain data: every bucket of a {@link StatsSummary}
 * carries one, the webview sends it back when the bar is clicked, and the host runs it over the lines'
 * features ({@link matchesFilter}, {@link FeatureTable.matching}) to filter the record list.
 *
 * Numeric ranges are inclusive; no `max` means no upper bound. Numeric, tool, review and format filters
 * match records only; `code` and `severity` also match lines that are not records (invalid JSON…).
 */
export type StatsFilter =
  | { kind: NumericFeature; min: number; max?: number }
  | { kind: 'code'; code: string }
  | { kind: 'severity'; severity: Severity }
  /** Records on which the seed script would lose tools or parameters. */
  | { kind: 'seedLoss' }
  /** Records that call the tool at least once. */
  | { kind: 'calledTool'; name: string }
  /** Records whose system prompt declares the tool. */
  | { kind: 'declaredTool'; name: string }
  | { kind: 'status'; status: ReviewStatus }
  | { kind: 'tag'; tag: string }
  | { kind: 'format'; format: Format };

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const FORMATS: readonly Format[] = ['ms_agent', 'agentfabric', 'agentfabric-seed', 'chat'];

export function matchesFilter(filter: StatsFilter, f: LineFeatures): boolean {
  switch (filter.kind) {
    case 'code':
      return f.problems.some(([code]) => code === filter.code);
    case 'severity':
      return f.severities[filter.severity] > 0;
    default:
      return f.record !== undefined && matchesRecord(filter, f.record);
  }
}

/** The one rule for a numeric bar: `min` and `max` inclusive, no `max` = open. */
export function inRange(v: number, filter: { min: number; max?: number }): boolean {
  return v >= filter.min && (filter.max === undefined || v <= filter.max);
}

function matchesRecord(filter: StatsFilter, r: RecordFeatures): boolean {
  switch (filter.kind) {
    case 'tokens':
    case 'tools':
    case 'calls':
    case 'turns':
    case 'rounds': {
      const v = r[filter.kind];
      return v !== undefined && inRange(v, filter);
    }
    case 'seedLoss':
      return r.seedLost.tools + r.seedLost.params > 0;
    case 'calledTool':
      return r.calledTools.some(([name]) => name === filter.name);
    case 'declaredTool':
      return r.toolNames.includes(filter.name);
    case 'status':
      return r.status === filter.status;
    case 'tag':
      return r.tags.includes(filter.tag);
    case 'format':
      return r.format === filter.format;
    default:
      return false;
  }
}

/** A short English description of a filter, for the "filtered by …" chip and the CLI. */
export function describeFilter(filter: StatsFilter): string {
  switch (filter.kind) {
    case 'tokens':
    case 'tools':
    case 'calls':
    case 'turns':
    case 'rounds': {
      const noun = {
        tokens: 'tokens',
        tools: 'tools',
        calls: 'tool calls',
        turns: 'turns',
        rounds: 'rounds',
      }[filter.kind];
      if (filter.max === undefined) return `${noun} ≥ ${filter.min}`;
      if (filter.max === filter.min) return `${noun} = ${filter.min}`;
      return `${noun} ${filter.min}–${filter.max}`;
    }
    case 'code':
      return `problem ${filter.code}`;
    case 'severity':
      return `${filter.severity}s`;
    case 'seedLoss':
      return 'seed script loses tools or parameters';
    case 'calledTool':
      return `calls ${filter.name}`;
    case 'declaredTool':
      return `declares ${filter.name}`;
    case 'status':
      return `review: ${filter.status}`;
    case 'tag':
      return `tag: ${filter.tag}`;
    case 'format':
      return `format: ${filter.format}`;
  }
}

/**
 * Validates a filter that arrives from the webview (an untrusted message); undefined when it is not one.
 */
export function parseFilter(raw: unknown): StatsFilter | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const o = raw as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const kind = o.kind;
  if ((NUMERIC_FEATURES as readonly unknown[]).includes(kind)) {
    const min = o.min;
    const max = o.max;
    if (typeof min !== 'number' || !Number.isFinite(min)) return undefined;
    if (max !== undefined && (typeof max !== 'number' || !Number.isFinite(max))) return undefined;
    const f = { kind: kind as NumericFeature, min } as StatsFilter & { max?: number };
    if (max !== undefined) f.max = max;
    return f;
  }
  switch (kind) {
    case 'seedLoss':
      return { kind };
    case 'code':
      return str('code') === undefined ? undefined : { kind, code: str('code') as string };
    case 'calledTool':
    case 'declaredTool':
      return str('name') === undefined ? undefined : { kind, name: str('name') as string };
    case 'tag':
      return str('tag') === undefined ? undefined : { kind, tag: str('tag') as string };
    case 'severity': {
      const s = str('severity');
      return s && (SEVERITIES as readonly string[]).includes(s)
        ? { kind, severity: s as Severity }
        : undefined;
    }
    case 'status': {
      const s = str('status');
      return s && (REVIEW_STATUSES as readonly string[]).includes(s)
        ? { kind, status: s as ReviewStatus }
        : undefined;
    }
    case 'format': {
      const s = str('format');
      return s && (FORMATS as readonly string[]).includes(s) ? { kind, format: s as Format } : undefined;
    }
    default:
      return undefined;
  }
}
