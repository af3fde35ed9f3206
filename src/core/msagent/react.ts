/**
 * Splits an ms_agent assistant turn into ReAct steps (spec §1). Keywords count only at the start of a
 * line. A field runs until the next keyword line that may end it: an Observation (tool output, kept
 * verbatim) ends only at `Thought:`, `Action:` or `Final Answer:`, and the final answer runs to the end.
 */

import type { Finding } from '../diagnostics/types';
import { parseArguments } from '../python/json';
import { pyIsSpaceCode } from '../python/text';
import type { PyValue } from '../python/value';
import type { ReactStep, ReactTrace, TextSpan } from '../types';
import { excerpt, forEachLine } from './lines';

type Keyword = 'Thought' | 'Action' | 'Action Input' | 'Observation' | 'Final Answer';

const KEYWORDS: readonly [string, Keyword][] = [
  ['Action Input:', 'Action Input'],
  ['Action:', 'Action'],
  ['Observation:', 'Observation'],
  ['Thought:', 'Thought'],
  ['Final Answer:', 'Final Answer'],
];

export interface MsAgentTraceParse {
  trace: ReactTrace;
  findings: Finding[];
  /** The parsed arguments of each step, aligned with `trace.steps`; undefined where they did not parse. */
  args: (PyValue | undefined)[];
}

interface Segment {
  kw: Keyword | undefined;
  /** Start of the keyword's line. */
  lineStart: number;
  /** Just after the keyword's colon (or the line start for text before any keyword). */
  contentStart: number;
  /** End of the segment's last line, line break excluded. */
  end: number;
}

function keywordAt(text: string, pos: number): [string, Keyword] | undefined {
  const c = text.charCodeAt(pos);
  if (c !== 0x41 && c !== 0x4f && c !== 0x54 && c !== 0x46) return undefined; // A O T F
  for (const k of KEYWORDS) if (text.startsWith(k[0], pos)) return k;
  return undefined;
}

/** Whether a keyword line ends the field that is open: tool output is verbatim, the answer runs to the end. */
function ends(open: Keyword | undefined, next: Keyword): boolean {
  if (open === 'Final Answer') return false;
  if (open === 'Observation') return next === 'Thought' || next === 'Action' || next === 'Final Answer';
  return true;
}

function segment(text: string): Segment[] {
  const segments: Segment[] = [];
  let cur: Segment = { kw: undefined, lineStart: 0, contentStart: 0, end: 0 };
  forEachLine(text, (start, end) => {
    const k = keywordAt(text, start);
    if (k && ends(cur.kw, k[1])) {
      if (cur.kw !== undefined || cur.end > cur.contentStart || start > 0) segments.push(cur);
      cur = { kw: k[1], lineStart: start, contentStart: start + k[0].length, end };
    } else cur.end = end;
  });
  segments.push(cur);
  return segments;
}

function isWs(text: string, i: number): boolean {
  return pyIsSpaceCode(text.charCodeAt(i));
}

/** The [start, end) of text[start, end) without Python whitespace at either side. */
function trimmed(text: string, start: number, end: number): [number, number] {
  let a = start;
  let z = end;
  while (a < z && isWs(text, a)) a++;
  while (z > a && isWs(text, z - 1)) z--;
  return [a, z];
}

interface Draft {
  action: string;
  actionSpan: TextSpan;
  start: number;
  end: number;
  argsText?: string;
  argsSpan?: TextSpan;
  observation?: string;
}

interface DoneStep {
  actionSpan: TextSpan;
  hasInput: boolean;
}

export function parseMsAgentTrace(
  text: string,
  turn: number,
  toolNames?: readonly string[],
): MsAgentTraceParse {
  const segments = segment(text);
  const findings: Finding[] = [];
  const trace: ReactTrace = { steps: [], thoughts: [] };
  if (!segments.some((s) => s.kw === 'Action' || s.kw === 'Final Answer')) {
    return { trace, findings, args: [] };
  }

  const span = (start: number, end: number): TextSpan => ({ turn, start, end });
  let cur: Draft | undefined;
  const done: DoneStep[] = [];
  const finish = () => {
    if (!cur) return;
    const n = trace.steps.length + 1;
    if (cur.argsText === undefined) {
      findings.push({ code: 'M16', params: { step: n, tool: cur.action }, span: cur.actionSpan });
    }
    if (cur.observation === undefined) {
      findings.push({ code: 'M15', params: { step: n, tool: cur.action }, span: span(cur.start, cur.end) });
    }
    const step: ReactStep = {
      action: cur.action,
      argsText: cur.argsText ?? '',
      span: span(cur.start, cur.end),
      argsSpan: cur.argsSpan ?? span(cur.actionSpan.end, cur.actionSpan.end),
    };
    if (cur.observation !== undefined) step.observation = cur.observation;
    trace.steps.push(step);
    done.push({ actionSpan: cur.actionSpan, hasInput: cur.argsText !== undefined });
    cur = undefined;
  };

  for (const seg of segments) {
    const [a, z] = trimmed(text, seg.contentStart, seg.end);
    switch (seg.kw) {
      case undefined:
        if (z > a) {
          trace.thoughts.push(text.slice(a, z));
          findings.push({ code: 'M22', params: { detail: excerpt(text.slice(a, z)) }, span: span(a, z) });
        }
        break;
      case 'Thought':
        finish();
        trace.thoughts.push(text.slice(a, z));
        break;
      case 'Action': {
        finish();
        const action = text.slice(a, z);
        cur = { action, actionSpan: span(a, z), start: seg.lineStart, end: z };
        if (action === '' || action.includes('\n')) {
          const problem = action === '' ? 'empty' : 'multiline';
          findings.push({ code: 'M24', params: { step: trace.steps.length + 1, problem }, span: span(a, z) });
        }
        break;
      }
      case 'Action Input':
        if (!cur || cur.argsText !== undefined || cur.observation !== undefined) {
          const detail = !cur ? 'no Action before it' : 'the step already has its Action Input';
          findings.push({
            code: 'M21',
            params: { keyword: 'Action Input:', detail },
            span: span(seg.lineStart, z),
          });
          break;
        }
        cur.argsText = text.slice(a, z);
        cur.argsSpan = span(a, z);
        cur.end = Math.max(z, seg.contentStart);
        break;
      case 'Observation': {
        if (!cur || cur.observation !== undefined) {
          const detail = !cur ? 'no Action before it' : 'the step already has its Observation';
          findings.push({
            code: 'M21',
            params: { keyword: 'Observation:', detail },
            span: span(seg.lineStart, z),
          });
          break;
        }
        cur.observation = observationText(text, seg.contentStart, seg.end);
        cur.end = Math.max(z, seg.contentStart);
        break;
      }
      case 'Final Answer':
        finish();
        trace.finalAnswer = text.slice(a, z);
        checkAfterFinal(text, a, z, turn, findings);
        break;
    }
  }
  finish();

  if (trace.steps.length > 0 && trace.finalAnswer === undefined) {
    findings.push({ code: 'M25', span: span(text.length, text.length) });
  }
  if (trace.steps.length === 0 && trace.finalAnswer !== undefined) {
    findings.push({ code: 'M23', span: span(0, text.length) });
  }

  // A loop, not `map`: an optimised inlined `map` returns another kind of array than the interpreter's,
  // which deoptimises every caller that reads it once (and has it compiled again) in every thread.
  const args: (PyValue | undefined)[] = [];
  for (let i = 0; i < trace.steps.length; i++)
    args.push(parseStepArgs(trace.steps[i], done[i], toolNames, findings));
  return { trace, findings, args };
}

/** Tool output verbatim, minus the blank after the colon and the whitespace before the next keyword line. */
function observationText(text: string, start: number, end: number): string {
  let a = start;
  while (a < end && (text.charCodeAt(a) === 0x20 || text.charCodeAt(a) === 0x09)) a++;
  let z = end;
  while (z > a && isWs(text, z - 1)) z--;
  return text.slice(a, z);
}

function checkAfterFinal(text: string, start: number, end: number, turn: number, findings: Finding[]): void {
  let p = text.indexOf('\nAction:', start);
  if (p === -1 || p >= end) return;
  p++;
  const lineEnd = text.indexOf('\n', p);
  findings.push({
    code: 'M20',
    span: { turn, start: p, end: lineEnd === -1 || lineEnd > end ? end : lineEnd },
  });
}

function parseStepArgs(
  step: ReactStep,
  draft: DoneStep,
  toolNames: readonly string[] | undefined,
  findings: Finding[],
): PyValue | undefined {
  if (toolNames && step.action !== '' && !toolNames.includes(step.action)) {
    findings.push({ code: 'M19', params: { tool: step.action }, span: draft.actionSpan });
  }
  if (!draft.hasInput) return undefined;
  const r = parseArguments(step.argsText);
  if (!r.ok) {
    findings.push({
      code: 'M17',
      params: { tool: step.action, message: r.message },
      span: step.argsSpan,
      data: { offset: r.offset },
    });
    return undefined;
  }
  if (r.value.t !== 'dict') {
    findings.push({ code: 'M18', params: { tool: step.action, kind: r.value.t }, span: step.argsSpan });
  }
  return r.value;
}
