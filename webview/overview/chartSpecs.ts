import type { StatsFilter } from '../../src/core/stats/filters';
import type { Distribution, StatsSummary } from '../../src/core/stats/summary';
import { formatNumber, type OverviewStrings } from './strings';

/** A bar's colour role; the chart maps each to a `--vscode-*` colour of the current theme. */
export type Tone =
  | 'bar'
  | 'over'
  | 'error'
  | 'warning'
  | 'info'
  | 'approved'
  | 'rejected'
  | 'needsFix'
  | 'unreviewed'
  | 'seed'
  | 'tag';

export interface BarSpec {
  label: string;
  value: number;
  tone: Tone;
  /** The lines the bar stands for: clicking it narrows the record list to them. */
  filter: StatsFilter;
  /** Extra lines for the tooltip (e.g. "12 problems on 9 lines"). */
  detail?: string[];
}

export interface TableRow {
  cells: string[];
  filter: StatsFilter | null;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** Figures in one line under the title. */
  summary: string;
  horizontal: boolean;
  bars: BarSpec[];
  /** What a bar's value counts, for the tooltip ("records", "lines", "calls"). */
  noun: string;
  /** A dashed line after bar `after` (the `max_length` line). */
  marker?: { after: number; label: string };
  /** The same numbers as text, under the chart. */
  table: { head: string[]; rows: TableRow[] };
  /** Shown instead of a chart without bars. */
  empty: string;
  /** Clickable figures under the summary (severity totals, seed losses, records over the limit). */
  chips?: ChipSpec[];
  /** A note shown with the chart (the token counts are an estimate). */
  note?: string;
}

/** A clickable figure outside the charts (severity totals, seed losses, formats). */
export interface ChipSpec {
  id: string;
  text: string;
  tone: Tone;
  count: number;
  filter: StatsFilter;
}

export interface OverviewSpec {
  headline: string[];
  /** Format chips: records per format. */
  formats: ChipSpec[];
  charts: ChartSpec[];
}

const n = formatNumber;
const orDash = (v: number | undefined) => (v === undefined ? '–' : n(v));

/** Problem codes shown as bars; the table lists them all. */
const MAX_CODE_BARS = 15;
const MAX_TAG_BARS = 15;

/** Everything the Overview draws, from one summary: every bar, chip and row carries its filter. */
export function overviewSpec(s: StatsSummary, t: OverviewStrings, tokenizerError?: string): OverviewSpec {
  const headline = [t.records(n(s.lines.records))];
  if (s.lines.invalid) headline.push(t.invalid(n(s.lines.invalid)));
  if (s.lines.blank) headline.push(t.blank(n(s.lines.blank)));
  const formats = s.formats.map(
    (f): ChipSpec => ({
      id: `format-${f.name}`,
      text: `${f.name} ${n(f.records)}`,
      tone: 'bar',
      count: f.records,
      filter: f.filter,
    }),
  );
  const tokens = tokensChart(s, t);
  if (tokenizerError) tokens.note = t.tokenizerError(tokenizerError);
  else if (!s.tokens.exact) tokens.note = t.estimateNote;
  return {
    headline,
    formats,
    charts: [
      tokens,
      distributionChart('tools', t.toolsTitle, s.tools, t),
      distributionChart('calls', t.callsTitle, s.calls, t),
      distributionChart('turns', t.turnsTitle, s.turns, t),
      problemsChart(s, t),
      seedChart(s, t),
      topToolsChart(s, t),
      reviewChart(s, t),
      tagsChart(s, t),
    ],
  };
}

function tokensChart(s: StatsSummary, t: OverviewStrings): ChartSpec {
  const d = s.tokens;
  const limit = String(d.maxLength);
  const kind = d.exact ? t.exact : t.estimate;
  const summary = t.tokensSummary(orDash(d.min), orDash(d.median), orDash(d.max));
  const bars = d.buckets.map(
    (b, i): BarSpec => ({
      label: b.label,
      value: b.count,
      tone: i > d.lineAfter ? 'over' : 'bar',
      filter: b.filter,
    }),
  );
  const spec: ChartSpec = {
    id: 'tokens',
    title: `${t.tokensTitle} (${kind})`,
    summary,
    horizontal: false,
    bars,
    chips: [
      {
        id: 'over-max-length',
        text: t.overLimit(n(d.overMaxLength), limit),
        tone: d.overMaxLength > 0 ? 'over' : 'bar',
        count: d.overMaxLength,
        filter: d.overFilter,
      },
    ],
    noun: t.rows,
    table: {
      head: [t.colTokens, t.colRecords],
      rows: d.buckets.map((b) => ({ cells: [b.label, n(b.count)], filter: b.filter })),
    },
    empty: t.noRecords,
  };
  // The line is drawn where a bar ends exactly on it; when every record is far below the limit the
  // bars cover the data only, and the chip says that none is over.
  if (d.buckets[d.lineAfter]?.max === d.maxLength) {
    spec.marker = { after: d.lineAfter, label: t.maxLengthMarker(limit) };
  }
  return spec;
}

function distributionChart(id: string, title: string, d: Distribution, t: OverviewStrings): ChartSpec {
  return {
    id,
    title,
    summary:
      d.total > 0 || d.min !== undefined ? t.distSummary(orDash(d.min), orDash(d.median), orDash(d.max)) : '',
    horizontal: false,
    bars: d.buckets.map((b): BarSpec => ({ label: b.label, value: b.count, tone: 'bar', filter: b.filter })),
    noun: t.rows,
    table: {
      head: [t.colValue, t.colRecords],
      // The exact values, one row each (bars may group them into ranges).
      rows: d.values.map(([value, records]) => ({
        cells: [String(value), n(records)],
        filter: { kind: d.feature, min: value, max: value },
      })),
    },
    empty: t.noRecords,
  };
}

function problemsChart(s: StatsSummary, t: OverviewStrings): ChartSpec {
  const codes = s.problems.byCode;
  return {
    id: 'problems',
    title: t.problemsTitle,
    summary: t.problemsSummary(n(s.problems.total)),
    chips: s.problems.bySeverity
      .filter((x) => x.lines > 0)
      .map(
        (x): ChipSpec => ({
          id: `severity-${x.severity}`,
          text: t.severityChip(n(x.lines), t.severity[x.severity]),
          tone: x.severity,
          count: x.lines,
          filter: x.filter,
        }),
      ),
    horizontal: true,
    bars: codes.slice(0, MAX_CODE_BARS).map(
      (c): BarSpec => ({
        label: c.code,
        value: c.lines,
        tone: c.severity,
        filter: c.filter,
        detail: [c.title, `${n(c.diagnostics)} ${t.colProblems}`],
      }),
    ),
    noun: t.lines,
    table: {
      head: [t.colCode, t.colSeverity, t.colTitle, t.colProblems, t.colLines],
      rows: codes.map((c) => ({
        cells: [c.code, c.severity, c.title, n(c.diagnostics), n(c.lines)],
        filter: c.filter,
      })),
    },
    empty: '–',
  };
}

function seedChart(s: StatsSummary, t: OverviewStrings): ChartSpec {
  const { codes, toolsLost, paramsLost, recordsLosing, raises } = s.seed;
  const summary = [t.seedSummary(n(toolsLost), n(paramsLost), n(recordsLosing))];
  if (raises > 0) summary.push(t.seedRaises(n(raises)));
  return {
    id: 'seed',
    title: t.seedTitle,
    summary: summary.join(' '),
    chips:
      recordsLosing > 0
        ? [
            {
              id: 'seed-loss',
              text: t.seedLossChip(n(recordsLosing)),
              tone: 'seed',
              count: recordsLosing,
              filter: s.seed.lossFilter,
            },
          ]
        : [],
    horizontal: false,
    bars: codes.map(
      (c): BarSpec => ({
        label: c.code,
        value: c.lines,
        tone: 'seed',
        filter: c.filter,
        detail: [c.title, `${n(c.diagnostics)} ${t.colProblems}`],
      }),
    ),
    noun: t.rows,
    table: {
      head: [t.colCode, t.colTitle, t.colProblems, t.colRecords],
      rows: codes.map((c) => ({ cells: [c.code, c.title, n(c.diagnostics), n(c.lines)], filter: c.filter })),
    },
    empty: '–',
  };
}

function topToolsChart(s: StatsSummary, t: OverviewStrings): ChartSpec {
  return {
    id: 'topTools',
    title: t.topToolsTitle,
    summary: t.topToolsSummary(n(s.topTools.length), n(s.calledToolNames)),
    horizontal: true,
    bars: s.topTools.map(
      (x): BarSpec => ({
        label: x.name,
        value: x.calls,
        tone: 'bar',
        filter: x.filter,
        detail: [`${n(x.records)} ${t.rows}`],
      }),
    ),
    noun: t.calls,
    table: {
      head: [t.colTool, t.colCalls, t.colRecords],
      rows: s.topTools.map((x) => ({ cells: [x.name, n(x.calls), n(x.records)], filter: x.filter })),
    },
    empty: '–',
  };
}

const STATUS_TONES = {
  unreviewed: 'unreviewed',
  approved: 'approved',
  rejected: 'rejected',
  'needs-fix': 'needsFix',
} as const;

function reviewChart(s: StatsSummary, t: OverviewStrings): ChartSpec {
  const all = s.lines.records;
  const pct = all > 0 ? `${Math.round((s.review.reviewed / all) * 100)}%` : '–';
  return {
    id: 'review',
    title: t.reviewTitle,
    summary: t.reviewSummary(n(s.review.reviewed), n(all), pct),
    horizontal: true,
    bars: s.review.byStatus.map(
      (x): BarSpec => ({
        label: t.status[x.name],
        value: x.records,
        tone: STATUS_TONES[x.name],
        filter: x.filter,
      }),
    ),
    noun: t.rows,
    table: {
      head: [t.colStatus, t.colRecords],
      rows: s.review.byStatus.map((x) => ({ cells: [t.status[x.name], n(x.records)], filter: x.filter })),
    },
    empty: t.noRecords,
  };
}

function tagsChart(s: StatsSummary, t: OverviewStrings): ChartSpec {
  const tags = s.review.byTag;
  return {
    id: 'tags',
    title: t.tagsTitle,
    summary: '',
    horizontal: true,
    bars: tags
      .slice(0, MAX_TAG_BARS)
      .map((x): BarSpec => ({ label: x.name, value: x.records, tone: 'tag', filter: x.filter })),
    noun: t.rows,
    table: {
      head: [t.colTag, t.colRecords],
      rows: tags.map((x) => ({ cells: [x.name, n(x.records)], filter: x.filter })),
    },
    empty: t.noTags,
  };
}
