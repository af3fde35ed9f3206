import { codeDef, toDiagnostic } from '../../core/diagnostics/registry';
import type { Diagnostic } from '../../core/diagnostics/types';
import { convertRecord } from '../../core/pipeline/convertRecord';
import { FileAnalyzer, type RawLine } from '../../core/pipeline/fileAnalyzer';
import { locateTurns, type TurnLiterals } from '../../core/pipeline/locate';
import type { ParsedRecord } from '../../core/pipeline/readRecord';
import type { ConvertedView, Language, ProblemView, Profile, RecordDetail } from '../protocol';
import { placeOnLine } from './checkPass';
import type { CuratorModel } from './curatorModel';
import { recordTools, toToolView } from './tools';

/** Characters of a broken line shown around the error, so a 2 MB line does not travel to the webview. */
const EXCERPT_RADIUS = 300;

/**
 * Everything the record view shows for one line, computed on demand: the record read and checked alone
 * (as the worker's pass did, plus the duplicate-id findings that pass recorded), converted to the chosen
 * profile, with its tools. Problems are in the UI language.
 */
export function buildRecordDetail(
  model: CuratorModel,
  line: number,
  profile: Profile,
  language: Language,
  /** The line as it is now, when it has unsaved edits (the model holds the file's bytes). */
  current?: RawLine,
): RecordDetail | null {
  const i = line - 1;
  if (i < 0 || i >= model.lineCount || model.fileKind.kind === 'binary') return null;
  const analyzed = new FileAnalyzer({ check: true }).line(current ?? model.rawLine(i));
  const context = model.summaries.contextFindings(i).map((f) => toDiagnostic(f, line));
  let literals: TurnLiterals | undefined;
  const lazyLiterals = () => {
    if (!literals)
      literals = analyzed.record && analyzed.text ? locateTurns(analyzed.record, analyzed.text) : [];
    return literals;
  };
  const problems = [...analyzed.diagnostics, ...context].map((d) =>
    toProblemView(placeOnLine(d, analyzed, lazyLiterals), language, 'check'),
  );
  const detail: RecordDetail = { line, kind: analyzed.kind, turns: [], profile, tools: [], problems };
  const record = analyzed.record;
  if (!record) {
    detail.rawExcerpt = excerptOf(model.bytesOfLine(i), problems[0]?.column);
    return detail;
  }
  if (record.id !== undefined) detail.id = record.id;
  detail.format = record.format;
  detail.shape = record.shape;
  detail.turns = record.turns.map((t) => ({ role: t.role, text: t.text }));
  detail.tools = recordTools(record).map(toToolView);
  const conversion = convertedView(record, profile, language);
  detail.converted = conversion.view;
  const seen = new Set(problems.map((p) => `${p.code}\u0000${p.message}`));
  for (const d of conversion.diagnostics) {
    const view = toProblemView(d, language, 'conversion');
    if (!seen.has(`${view.code}\u0000${view.message}`)) problems.push(view);
  }
  return detail;
}

function convertedView(
  record: ParsedRecord,
  profile: Profile,
  language: Language,
): { view: ConvertedView; diagnostics: Diagnostic[] } {
  const out = convertRecord(record, { profile, userPrefix: 'last' });
  const diagnostics = out.findings.map((f) => toDiagnostic(f, record.line));
  if (!out.ok) {
    const r03 = diagnostics.find((d) => d.code === 'R03') ?? diagnostics[diagnostics.length - 1];
    const reason = r03 ? (language === 'zh' ? r03.messageZh : r03.message) : '';
    return { view: { ok: false, reason }, diagnostics };
  }
  const unchanged = out.findings.some((f) => f.code === 'R04');
  return {
    view: { ok: true, turns: out.turns.map((t) => ({ role: t.role, text: t.text })), unchanged },
    diagnostics,
  };
}

export function toProblemView(d: Diagnostic, language: Language, source: ProblemView['source']): ProblemView {
  const def = codeDef(d.code);
  const view: ProblemView = {
    code: d.code,
    severity: d.severity,
    title: def.title,
    message: language === 'zh' ? d.messageZh : d.message,
    fix: language === 'zh' ? def.fixZh : def.fix,
    line: d.line,
    source,
  };
  if (d.column !== undefined) view.column = d.column;
  if (d.span) {
    view.turn = d.span.turn;
    view.start = d.span.start;
    view.end = d.span.end;
  }
  const produced = d.data?.produced;
  const expected = d.data?.expected;
  if (typeof produced === 'string') view.produced = produced;
  if (typeof expected === 'string') view.expected = expected;
  return view;
}

/** A window of a broken line around its error column (1-based), decoded leniently for display only. */
export function excerptOf(bytes: Buffer, column: number | undefined): string {
  const text = bytes.toString('utf8');
  if (text.length <= 2 * EXCERPT_RADIUS) return text;
  const at = Math.max(0, (column ?? 1) - 1);
  const from = Math.max(0, at - EXCERPT_RADIUS);
  const to = Math.min(text.length, at + EXCERPT_RADIUS);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}
