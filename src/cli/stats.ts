import { ScanCancelled } from '../core/pipeline/scanFile';
import type { Bucket } from '../core/stats/buckets';
import { computeFileStats, type FileStats } from '../core/stats/fileStats';
import type { Distribution } from '../core/stats/summary';
import { TokenizerFileError } from '../core/tokens/counter';
import { parse, singleInput } from './args';
import { IoError, UsageError } from './errors';
import { assertReadableFile } from './files';
import { stdoutSink } from './output';

export async function runStats(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    tokenizer: { type: 'string' },
    'max-length': { type: 'string' },
    top: { type: 'string' },
  });
  const input = singleInput(positionals, 'stats');
  const maxLength = positiveInt('max-length', values['max-length'], 2048);
  const top = positiveInt('top', values.top, 20);
  await assertReadableFile(input);
  if (values.tokenizer !== undefined) await assertReadableFile(values.tokenizer);

  let stats: FileStats;
  try {
    stats = await computeFileStats(input, { tiktokenPath: values.tokenizer, maxLength, topTools: top });
  } catch (e) {
    if (e instanceof ScanCancelled) return 1;
    if (e instanceof TokenizerFileError) throw new IoError(e.message);
    if (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string')
      throw new IoError(e.message);
    throw e;
  }
  const text = values.json
    ? `${JSON.stringify(statsJson(input, stats), null, 2)}\n`
    : renderText(input, stats, barChars());
  await stdoutSink.write(text);
  return 0;
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a whole number >= 1, not "${raw}"`);
  return n;
}

function perValue(d: Distribution): Record<string, number> {
  return Object.fromEntries(d.values.map(([v, n]) => [String(v), n]));
}

/** The `--json` document: plain numbers a pipeline can gate on (see docs/stats.md). */
export function statsJson(input: string, { lines, summary: s }: FileStats) {
  const t = s.tokens;
  return {
    input,
    lines,
    records: s.lines.records,
    invalid: s.lines.invalid,
    blank: s.lines.blank,
    formats: Object.fromEntries(s.formats.map((f) => [f.name, f.records])),
    tokens: {
      min: t.min ?? null,
      median: t.median ?? null,
      max: t.max ?? null,
      mean: t.mean ?? null,
      overMaxLength: t.overMaxLength,
      maxLength: t.maxLength,
      exact: t.exact,
      tokenizer: t.tokenizer,
      histogram: t.buckets.map((b) => ({ min: b.min, max: b.max ?? null, records: b.count })),
    },
    toolsPerRecord: perValue(s.tools),
    callsPerRecord: perValue(s.calls),
    turnsPerRecord: perValue(s.turns),
    roundsPerRecord: perValue(s.rounds),
    problemsByCode: Object.fromEntries(s.problems.byCode.map((c) => [c.code, c.diagnostics])),
    problemsBySeverity: Object.fromEntries(s.problems.bySeverity.map((x) => [x.severity, x.diagnostics])),
    seed: {
      recordsAffected: s.seed.recordsAffected,
      raises: s.seed.raises,
      toolsLost: s.seed.toolsLost,
      paramsLost: s.seed.paramsLost,
      recordsLosing: s.seed.recordsLosing,
      byCode: Object.fromEntries(s.seed.codes.map((c) => [c.code, c.lines])),
    },
    topTools: s.topTools.map((t) => [t.name, t.calls]),
    declaredTools: s.declaredTools.map((t) => [t.name, t.records]),
    review: {
      byStatus: Object.fromEntries(s.review.byStatus.map((x) => [x.name, x.records])),
      byTag: Object.fromEntries(s.review.byTag.map((x) => [x.name, x.records])),
    },
  };
}

interface BarChars {
  full: string;
  /** Between a label and its bar. */
  axis: string;
  /** The max_length line. */
  rule: string;
}

/** Block characters where the terminal speaks UTF-8, `#` elsewhere. */
function barChars(): BarChars {
  const env = `${process.env.LC_ALL ?? ''}${process.env.LC_CTYPE ?? ''}${process.env.LANG ?? ''}`;
  return /utf-?8/i.test(env) ? { full: '█', axis: '│', rule: '─' } : { full: '#', axis: '|', rule: '-' };
}

const BAR_WIDTH = 30;
const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (n: number, of: number) => (of === 0 ? '0%' : `${((100 * n) / of).toFixed(1)}%`);
const plural = (n: number, noun: string) => `${fmt(n)} ${noun}${n === 1 ? '' : 's'}`;
const round1 = (n: number | undefined) => (n === undefined ? '–' : fmt(Math.round(n * 10) / 10));

function bar(n: number, max: number, chars: BarChars): string {
  const w = max === 0 ? 0 : Math.round((BAR_WIDTH * n) / max);
  return chars.full.repeat(n > 0 ? Math.max(1, w) : 0).padEnd(BAR_WIDTH, ' ');
}

function bars(
  rows: { label: string; count: number; note?: string }[],
  chars: BarChars,
  total: number,
): string[] {
  const max = Math.max(0, ...rows.map((r) => r.count));
  const lw = Math.max(0, ...rows.map((r) => r.label.length));
  const cw = Math.max(0, ...rows.map((r) => fmt(r.count).length));
  return rows.map(
    (r) =>
      `  ${r.label.padStart(lw)} ${chars.axis}${bar(r.count, max, chars)} ${fmt(r.count).padStart(cw)}  ${pct(r.count, total).padStart(6)}${r.note ? `  ${r.note}` : ''}`,
  );
}

function distributionLines(title: string, d: Distribution, records: number, chars: BarChars): string[] {
  if (records === 0) return [`${title}: no records`];
  return [
    `${title}: min ${fmt(d.min ?? 0)}, median ${round1(d.median)}, mean ${round1(d.mean)}, max ${fmt(d.max ?? 0)}`,
    ...bars(
      d.buckets.map((b: Bucket) => ({ label: b.label, count: b.count })),
      chars,
      records,
    ),
  ];
}

export function renderText(input: string, { lines, summary: s }: FileStats, chars: BarChars): string {
  const records = s.lines.records;
  const out: string[] = [];
  out.push(
    `${input}: ${fmt(lines)} lines, ${fmt(records)} records, ${fmt(s.lines.invalid)} invalid, ${fmt(s.lines.blank)} blank`,
  );
  if (s.formats.length > 0)
    out.push(`Formats: ${s.formats.map((f) => `${f.name} ${fmt(f.records)}`).join(', ')}`);
  out.push('');

  const t = s.tokens;
  out.push(`Tokens per record, ${t.tokenizer}`);
  if (records === 0) out.push('  no records');
  else {
    out.push(
      `  min ${fmt(t.min ?? 0)}, median ${round1(t.median)}, max ${fmt(t.max ?? 0)}; ` +
        `over max_length ${fmt(t.maxLength)}: ${plural(t.overMaxLength, 'record')} (${pct(t.overMaxLength, records)})`,
    );
    const rows = bars(
      t.buckets.map((b) => ({ label: b.label, count: b.count })),
      chars,
      records,
    );
    rows.splice(
      t.lineAfter + 1,
      0,
      `  ${chars.rule.repeat(12)} max_length ${fmt(t.maxLength)} ${chars.rule.repeat(12)}`,
    );
    out.push(...rows);
  }
  out.push('');
  out.push(...distributionLines('Tools per record', s.tools, records, chars), '');
  out.push(...distributionLines('Tool calls per record', s.calls, records, chars), '');
  out.push(...distributionLines('Turns per record', s.turns, records, chars), '');

  const sev = s.problems.bySeverity;
  out.push(
    `Problems: ${sev.map((x) => `${fmt(x.diagnostics)} ${x.severity === 'info' ? 'info' : `${x.severity}s`} (${plural(x.lines, 'line')})`).join(', ')}`,
  );
  const codes = s.problems.byCode;
  if (codes.length > 0) {
    const cw = Math.max(...codes.map((c) => c.code.length));
    const tw = Math.max(...codes.map((c) => c.title.length));
    const max = Math.max(...codes.map((c) => c.diagnostics));
    const nw = Math.max(...codes.map((c) => fmt(c.diagnostics).length));
    for (const c of codes) {
      // BOM, CRLF and binary-file problems belong to the file, not to a line.
      const where = c.lines === 0 ? 'in the file' : `in ${plural(c.lines, 'line')}`;
      out.push(
        `  ${c.code.padEnd(cw)} ${c.severity.padEnd(7)} ${c.title.padEnd(tw)} ${chars.axis}${bar(c.diagnostics, max, chars)} ${fmt(c.diagnostics).padStart(nw)} ${where}`,
      );
    }
  }
  out.push('');

  const seed = s.seed;
  out.push(
    `Seed script (S1–S11): ${plural(seed.recordsAffected, 'record')} affected; it would lose ` +
      `${plural(seed.toolsLost, 'tool')} and ${plural(seed.paramsLost, 'parameter')} (in ${plural(seed.recordsLosing, 'record')})` +
      (seed.raises > 0 ? `; it raises on ${plural(seed.raises, 'record')}, which stops its whole run` : ''),
  );
  out.push(
    `  ${
      seed.codes
        .filter((c) => c.lines > 0)
        .map((c) => `${c.code} ${fmt(c.lines)}`)
        .join('  ') || 'no seed artefacts'
    }`,
  );
  out.push('');

  if (s.topTools.length > 0) {
    out.push(`Most called tools (${fmt(s.calledToolNames)} distinct):`);
    out.push(
      ...bars(
        s.topTools.map((x) => ({ label: x.name, count: x.calls, note: `in ${plural(x.records, 'record')}` })),
        chars,
        s.calls.total,
      ),
    );
  } else out.push('Most called tools: none');
  out.push('');

  const r = s.review;
  out.push(`Review: ${fmt(r.reviewed)} of ${fmt(records)} reviewed (${pct(r.reviewed, records)})`);
  out.push(
    ...bars(
      r.byStatus.map((x) => ({ label: x.name, count: x.records })),
      chars,
      records,
    ),
  );
  if (r.byTag.length > 0) out.push(`  tags: ${r.byTag.map((x) => `${x.name} ${fmt(x.records)}`).join(', ')}`);
  return `${out.join('\n')}\n`;
}
