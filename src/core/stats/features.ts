import { parseAgentFabricSystem, parseAgentFabricTrace } from '../agentfabric/parse';
import type { Diagnostic, DiagnosticFacts, Severity } from '../diagnostics/types';
import { parseMsAgentTrace } from '../msagent/react';
import { parseMsAgentSystem } from '../msagent/tools';
import type { AnalyzedLine } from '../pipeline/fileAnalyzer';
import type { LineKind, ParsedRecord } from '../pipeline/readRecord';
import { type ReviewStatus, readReview } from '../review/state';
import { flatCopy } from '../text/flatCopy';
import type { TokenCounter } from '../tokens/counter';
import type { Format, RecordParts, ToolDef } from '../types';

/** `[name, count]`: a problem code or a tool name with how often it occurs on the line. */
export type NameCount = [string, number];

/** What the statistics need to know about one physical line, computed once in the check pass. */
export interface LineFeatures {
  /** 1-based physical line. */
  line: number;
  kind: LineKind;
  /** Diagnostics on the line by code, most frequent first. */
  problems: NameCount[];
  severities: Record<Severity, number>;
  /** Only for lines that parsed as records: everything the per-record figures are made of. */
  record?: RecordFeatures;
}

export interface RecordFeatures {
  format: Format;
  /**
   * Tokens of the conversation; undefined until counted. The editor's check pass leaves them out so
   * the problems come first, and a second sweep counts them (see src/worker/checkWorker.ts).
   */
  tokens?: number;
  /** Tools declared in the system prompt. */
  tools: number;
  toolNames: string[];
  /** `Action:` steps over all assistant turns. */
  calls: number;
  /** Tools called (the `Action:` name as written), with their number of calls. */
  calledTools: NameCount[];
  /** Messages in the conversation, system included. */
  turns: number;
  /** User messages: the dialogue's rounds. */
  rounds: number;
  /** What the seed script would drop from this record's tool list (from its S2/S3/S4 findings). */
  seedLost: { tools: number; params: number };
  status: ReviewStatus;
  tags: string[];
}

/** An analysed line as the features read it: its diagnostics need no messages. */
export type FeatureSource = Omit<AnalyzedLine, 'diagnostics'> & { diagnostics: readonly DiagnosticFacts[] };

/**
 * Boils one analysed line down to its features. The diagnostics are the ones the FileAnalyzer already
 * produced (checks are not run again), and so are the tool list and the traces when the checks handed
 * them on; otherwise they are parsed here. `copyNames`: copy the tool names out of the record, for
 * features kept in this heap (a slice would keep the whole record alive); features serialised at once,
 * as a worker sends them, need no copies.
 */
export function lineFeatures(
  analyzed: FeatureSource,
  counter: TokenCounter | undefined,
  copyNames = true,
): LineFeatures {
  const severities: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const codes: string[] = new Array(analyzed.diagnostics.length);
  for (let i = 0; i < codes.length; i++) {
    const d = analyzed.diagnostics[i];
    severities[d.severity]++;
    codes[i] = d.code;
  }
  const features: LineFeatures = {
    line: analyzed.line,
    kind: analyzed.kind,
    problems: countNames(codes),
    severities,
  };
  if (analyzed.record)
    features.record = recordFeatures(
      analyzed.record,
      analyzed.diagnostics,
      counter,
      analyzed.parts,
      copyNames,
    );
  return features;
}

export function recordFeatures(
  record: ParsedRecord,
  diagnostics: readonly DiagnosticFacts[],
  counter: TokenCounter | undefined,
  parts: RecordParts = parseParts(record),
  copyNames = true,
): RecordFeatures {
  const { turns, format } = record;
  const { tools, actions } = parts;
  let rounds = 0;
  for (const turn of turns) if (turn.role === 'user') rounds++;
  const review = readReview(record.value);
  const toolNames: string[] = new Array(tools.length);
  for (let i = 0; i < tools.length; i++) toolNames[i] = copyNames ? flatCopy(tools[i].name) : tools[i].name;
  const features: RecordFeatures = {
    format,
    tools: tools.length,
    toolNames,
    calls: actions.length,
    calledTools: countNames(actions, copyNames),
    turns: turns.length,
    rounds,
    seedLost: seedLoss(diagnostics, tools),
    status: review.status,
    tags: review.tags,
  };
  if (counter) features.tokens = counter.countTurns(turns);
  return features;
}

/** The tools and actions as the checks would hand them on (see `checkRecord`). */
function parseParts(record: ParsedRecord): RecordParts {
  const { turns, format } = record;
  const actions: string[] = [];
  for (let i = 0; i < turns.length; i++) {
    if (turns[i].role !== 'assistant') continue;
    const trace =
      format === 'agentfabric' || format === 'agentfabric-seed'
        ? parseAgentFabricTrace(turns[i].text, i).trace
        : parseMsAgentTrace(turns[i].text, i).trace;
    for (const step of trace.steps) actions.push(step.action);
  }
  return { tools: declaredTools(record), actions };
}

function declaredTools(record: ParsedRecord): ToolDef[] {
  const system = record.turns[0];
  switch (record.format) {
    case 'ms_agent':
      return parseMsAgentSystem(system.text, 0).tools;
    case 'agentfabric':
    case 'agentfabric-seed':
      return parseAgentFabricSystem(system.text, 0).tools;
    case 'chat':
      return [];
  }
}

/**
 * Adds a duplicate-id diagnostic (J09) to features computed without it, as if it had been there: a
 * range of lines is checked without the lines before it, and J09 is found when the ranges are merged.
 */
export function addDuplicateToFeatures(
  features: LineFeatures,
  d: Pick<Diagnostic, 'code' | 'severity'>,
): void {
  features.severities[d.severity]++;
  // Most frequent first, ties in first-seen order: J09 (once, seen first) leads the codes seen once.
  let p = 0;
  while (p < features.problems.length && features.problems[p][1] > 1) p++;
  features.problems.splice(p, 0, [d.code, 1]);
}

/**
 * Tools and parameters the seed script drops: a tool numbered from 10 (S2) or swallowed by a neighbour
 * (S3) takes its parameters with it, counted once when both apply (a tool 10 inside tool 9's chunk); S4
 * lists the parameters a surviving tool loses. S1 is not counted here: on such a record the seed's whole
 * run stops, which the S1 count says on its own.
 */
export function seedLoss(
  diagnostics: readonly DiagnosticFacts[],
  tools: readonly ToolDef[],
): RecordFeatures['seedLost'] {
  const vanished = new Set<number>();
  let unplaced = 0;
  let lostParams = 0;
  const at = (d: DiagnosticFacts) => tools.findIndex((t) => t.span.start === d.span?.start);
  for (const d of diagnostics) {
    const swallowed = d.data?.swallowed;
    if (d.code === 'S2' || (d.code === 'S3' && !Array.isArray(swallowed))) {
      const i = at(d);
      if (i === -1) unplaced++;
      else vanished.add(i);
    } else if (d.code === 'S3' && Array.isArray(swallowed)) {
      const names = swallowed.filter((n): n is string => typeof n === 'string');
      // Swallowed tools follow their owner, in order; a name may repeat elsewhere in the list.
      let from = at(d) + 1;
      for (const name of names) {
        const i = tools.findIndex((t, j) => j >= from && t.name === name);
        if (i === -1) unplaced++;
        else {
          vanished.add(i);
          from = i + 1;
        }
      }
    } else if (d.code === 'S4' && Array.isArray(d.data?.lost)) {
      lostParams += d.data.lost.length;
    }
  }
  for (const i of vanished) lostParams += tools[i].params.length;
  return { tools: vanished.size + unplaced, params: lostParams };
}

/**
 * Distinct names with their counts, most frequent first (ties in first-seen order); `copy` copies the
 * names (see {@link lineFeatures}). A line has a handful of codes and calls: they are matched one by one.
 */
export function countNames(names: readonly string[], copy = false): NameCount[] {
  if (names.length > 64) {
    const counts = new Map<string, number>();
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
    return [...counts].map(([n, c]): NameCount => [copy ? flatCopy(n) : n, c]).sort((a, b) => b[1] - a[1]);
  }
  const out: NameCount[] = [];
  let sorted = true;
  for (const n of names) {
    let k = 0;
    while (k < out.length && out[k][0] !== n) k++;
    if (k === out.length) out.push([copy ? flatCopy(n) : n, 1]);
    else if (++out[k][1] > (k > 0 ? out[k - 1][1] : Number.POSITIVE_INFINITY)) sorted = false;
  }
  // Array.prototype.sort is stable: ties keep their first-seen order.
  return sorted ? out : out.sort((a, b) => b[1] - a[1]);
}
