import { type ParsedRecord, readRecordText } from '../../core/pipeline/readRecord';
import type { RecordFilter, ReviewStatusName } from '../reviewProtocol';
import type { CuratorSession } from './session';
import { recordTools } from './tools';

/** Tools a line's record declares and calls, when known without reading it (the overview's features). */
export type ToolsLookup = (
  i: number,
) => { declared: readonly string[]; called: readonly string[] } | undefined;

export type CompiledFilter =
  | { ok: true; matchSummary(i: number): boolean; matchRecord?: (i: number) => boolean }
  | { ok: false; error: string };

/** Longest a regular expression may be; longer patterns are more likely a paste by mistake. */
const MAX_PATTERN = 1000;

/**
 * Turns a filter into two tests: one over what is known of every line without reading it (review state,
 * format, problem codes and counts, all in typed arrays), and — for text and tool criteria — one that
 * reads the record. The second runs only on lines the first let through.
 */
export function compileFilter(
  session: CuratorSession,
  f: RecordFilter,
  toolsOf?: ToolsLookup,
): CompiledFilter {
  const model = () => session.model;
  const statuses = f.status && f.status.length > 0 ? new Set<ReviewStatusName>(f.status) : undefined;
  const matchSummary = (i: number): boolean => {
    if (!session.isRecord(i)) {
      // Lines that are not records have no review state, format or tools; only problems describe them.
      if (statuses || f.tag || f.format || f.tool || f.text) return false;
    } else {
      if (statuses && !statuses.has(session.reviews.status(i))) return false;
      if (f.tag && !session.reviews.hasTag(i, f.tag)) return false;
    }
    const summaries = model().summaries;
    if (f.format || f.code || f.severity) {
      if (!summaries.isChecked(i)) {
        if (f.code || f.severity) return false;
        if (session.readLine(i).record?.format !== f.format) return false;
      } else {
        const s = summaries.get(i);
        if (f.format && s.format !== f.format) return false;
        if (f.code && !s.codes.includes(f.code)) return false;
        if (f.severity && !(s.counts && s.counts[f.severity] > 0)) return false;
      }
    }
    return true;
  };
  if (!f.text && !f.tool) return { ok: true, matchSummary };

  let textTest: ((text: string) => boolean) | undefined;
  let rawTest: ((raw: string) => boolean) | undefined;
  if (f.text) {
    if (f.regex) {
      if (f.text.length > MAX_PATTERN) return { ok: false, error: 'the regular expression is too long' };
      let re: RegExp;
      try {
        re = new RegExp(f.text, f.caseSensitive ? 'u' : 'iu');
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      textTest = (text) => re.test(text);
    } else {
      const needle = f.caseSensitive ? f.text : f.text.toLowerCase();
      textTest = f.caseSensitive
        ? (text) => text.includes(needle)
        : (text) => text.toLowerCase().includes(needle);
      // A turn holding the text holds it JSON-escaped in the raw line, unless the file escapes non-ASCII.
      const escaped = JSON.stringify(needle).slice(1, -1);
      rawTest = f.caseSensitive
        ? (raw) => raw.includes(escaped) || raw.includes('\\u')
        : (raw) => raw.toLowerCase().includes(escaped) || raw.includes('\\u');
    }
  }
  const tool = f.tool;
  const matchRecord = (i: number): boolean => {
    if (tool) {
      const known = toolsOf?.(i);
      if (known && !session.isUnsaved(i)) {
        if (!known.declared.includes(tool) && !known.called.includes(tool)) return false;
      } else {
        const record = readRecordAt(session, i, (raw) => raw.includes(tool));
        if (!record || !usesTool(record, tool)) return false;
      }
    }
    if (textTest) {
      const record = readRecordAt(session, i, rawTest);
      if (!record?.turns.some((t) => textTest(t.text))) return false;
    }
    return true;
  };
  return { ok: true, matchSummary, matchRecord };
}

/**
 * The record on line `i` as it is now. Clean lines are read straight from the file's bytes (not through
 * the model's cache: a search reads thousands of records once), after a cheap test of the raw text.
 */
function readRecordAt(
  session: CuratorSession,
  i: number,
  rawTest?: (raw: string) => boolean,
): ParsedRecord | undefined {
  if (session.isUnsaved(i)) return session.readLine(i).record;
  const raw = session.model.lineText(i);
  if (raw === undefined || (rawTest && !rawTest(raw))) return undefined;
  return readRecordText(raw, i + 1, false).record;
}

const ACTION = /(?:^|\n)Action:\s*([^\n]*)/g;

function usesTool(record: ParsedRecord, tool: string): boolean {
  if (recordTools(record).some((t) => t.name === tool)) return true;
  for (const turn of record.turns) {
    if (turn.role !== 'assistant') continue;
    for (const m of turn.text.matchAll(ACTION)) if (m[1].trim() === tool) return true;
  }
  return false;
}

/**
 * One run of a filter over a list of candidate lines, in slices so the extension host never stops for
 * long: `step(ms)` works for about that long and says whether it is done.
 */
export class FilterRun {
  private cursor = 0;
  private found = new Int32Array(1024);
  private count = 0;

  constructor(
    private readonly compiled: Extract<CompiledFilter, { ok: true }>,
    /** 0-based lines to test, in file order. */
    private readonly candidates: Int32Array,
  ) {}

  get done(): boolean {
    return this.cursor >= this.candidates.length;
  }

  get progress(): number {
    return this.candidates.length === 0 ? 1 : this.cursor / this.candidates.length;
  }

  get matched(): number {
    return this.count;
  }

  step(budgetMs: number): boolean {
    const until = performance.now() + budgetMs;
    const { matchSummary, matchRecord } = this.compiled;
    while (this.cursor < this.candidates.length) {
      const i = this.candidates[this.cursor++];
      if (matchSummary(i) && (!matchRecord || matchRecord(i))) this.push(i);
      if ((this.cursor & 63) === 0 && performance.now() > until) break;
    }
    return this.done;
  }

  /** Runs to the end (tests, and filters that read no record). */
  all(): Int32Array {
    while (!this.step(1e9));
    return this.result();
  }

  result(): Int32Array {
    return this.found.slice(0, this.count);
  }

  private push(i: number): void {
    if (this.count === this.found.length) {
      const grown = new Int32Array(this.found.length * 2);
      grown.set(this.found);
      this.found = grown;
    }
    this.found[this.count++] = i;
  }
}

/** Lines in both sorted lists. */
export function intersectSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let n = 0;
  let j = 0;
  for (let k = 0; k < a.length && j < b.length; k++) {
    while (j < b.length && b[j] < a[k]) j++;
    if (j < b.length && b[j] === a[k]) out[n++] = a[k];
  }
  return out.slice(0, n);
}

/** The row (index into `lines`) of 0-based line `line`, or -1. */
export function rowIn(lines: Int32Array, line: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid] < line) lo = mid + 1;
    else hi = mid;
  }
  return lo < lines.length && lines[lo] === line ? lo : -1;
}

/**
 * The next row after 0-based line `after` (or from the top) whose record is unreviewed, wrapping around
 * to the top once; -1 when every record in the list is reviewed.
 */
export function nextUnreviewed(session: CuratorSession, lines: Int32Array, after: number | null): number {
  let start = 0;
  if (after !== null) {
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lines[mid] <= after) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  for (let k = 0; k < lines.length; k++) {
    const r = (start + k) % lines.length;
    const i = lines[r];
    if (session.reviews.status(i) === 'unreviewed' && session.isRecord(i)) return r;
  }
  return -1;
}
