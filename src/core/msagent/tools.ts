/**
 * Structural parse of an ms_agent system prompt (spec §1): header, numbered tool blocks, format section.
 * A line scanner finds the blocks; inside a block small anchored searches find the name, the human name
 * and the `Parameters: [` that starts the JSON array, which is then parsed as JSON (never with a regex).
 */

import type { Finding } from '../diagnostics/types';
import { pyStrip } from '../python/text';
import { isJsonObject } from '../record/shape';
import type { ToolDef, ToolParam } from '../types';
import { type JsonNode, jsonNodeToJs, parseJsonValueAt } from './json-tree';
import { excerpt, isBlankLine, type Line, splitLines } from './lines';

export const MSAGENT_HEADER =
  'Answer the following questions as best you can. You have access to the following APIs:';
const TOOL_ANCHOR = ': Call this tool to interact with the ';
const HUMAN_END = ' API.';
const PARAMS_MARKER = 'Parameters: ';
const USEFUL_FOR_START = 'What is the ';
const USEFUL_FOR_END = ' API useful for?';
const FORMAT_LINE = 'Use the following format:';
const BEGIN_LINE = 'Begin!';
const TOOL_LIST_OPEN = 'tools[';

/** Length of a `<digits>. ` prefix at `start`, or 0. */
function numberPrefix(text: string, start: number, end: number): number {
  let p = start;
  while (p < end && p - start < 9) {
    const c = text.charCodeAt(p);
    if (c < 0x30 || c > 0x39) break;
    p++;
  }
  if (p === start || p + 1 >= end || text.charCodeAt(p) !== 0x2e || text.charCodeAt(p + 1) !== 0x20) return 0;
  return p + 2 - start;
}

export interface MsAgentSystemParse {
  tools: ToolDef[];
  findings: Finding[];
}

/** A cheap test for the pipeline's format detection: does this system prompt look like ms_agent's? */
export function looksLikeMsAgentSystem(text: string): boolean {
  return text.startsWith(MSAGENT_HEADER) || text.includes(TOOL_ANCHOR);
}

/**
 * The §1 description rule: drop a leading `What is the <human> API useful for?`, trim Python whitespace,
 * then drop one trailing ASCII `.` (and only one; nothing is trimmed after that).
 */
export function msAgentDescription(text: string): string {
  let d = text;
  let lead = 0;
  while (lead < d.length && /\s/.test(d[lead])) lead++;
  if (d.startsWith(USEFUL_FOR_START, lead)) {
    const q = d.indexOf(USEFUL_FOR_END, lead);
    const nl = d.indexOf('\n', lead);
    if (q !== -1 && (nl === -1 || nl > q)) d = d.slice(q + USEFUL_FOR_END.length);
  }
  d = pyStrip(d);
  return d.endsWith('.') ? d.slice(0, -1) : d;
}

export function parseMsAgentSystem(text: string, turn: number): MsAgentSystemParse {
  const lines = splitLines(text);
  const findings: Finding[] = [];

  let first = 0;
  while (first < lines.length && isBlankLine(text, lines[first])) first++;
  if (first < lines.length && isHeaderLine(text, lines[first])) {
    first++;
  } else {
    const l = lines[Math.min(first, lines.length - 1)];
    findings.push({ code: 'M01', span: { turn, start: l.start, end: l.end } });
    // a reworded header is still a header, not stray text in the tool list
    if (first < lines.length && numberPrefix(text, l.start, l.end) === 0) first++;
  }

  let formatIdx = lines.length;
  for (let i = first; i < lines.length; i++) {
    const l = lines[i];
    if (text.charCodeAt(l.start) === 0x55 && text.slice(l.start, l.end).trim() === FORMAT_LINE) {
      formatIdx = i;
      break;
    }
  }

  // A block starts at "<N>. " after a blank line (the grammar), or anywhere if the line is clearly a tool.
  const starts: number[] = [];
  for (let i = first; i < formatIdx; i++) {
    const l = lines[i];
    const prefix = numberPrefix(text, l.start, l.end);
    if (prefix === 0) continue;
    const afterBlank = i === first || isBlankLine(text, lines[i - 1]);
    if (afterBlank || text.startsWith(TOOL_ANCHOR, text.indexOf(':', l.start))) starts.push(i);
  }

  const strayEnd = starts.length > 0 ? starts[0] : formatIdx;
  reportStrayText(text, lines, first, strayEnd, turn, findings);

  const tools: ToolDef[] = [];
  for (let b = 0; b < starts.length; b++) {
    const limit = b + 1 < starts.length ? starts[b + 1] : formatIdx;
    let last = limit - 1;
    while (last > starts[b] && isBlankLine(text, lines[last])) last--;
    const tool = parseToolBlock(text, lines[starts[b]], lines[last].end, turn, findings);
    tools.push(tool);
  }

  checkToolSet(text, tools, turn, findings);
  checkFormatSection(text, lines, formatIdx, tools, turn, findings);
  if (tools.length === 0 && !findings.some((f) => f.code === 'M14')) {
    findings.push({ code: 'M13' });
  }
  return { tools, findings };
}

function isHeaderLine(text: string, l: Line): boolean {
  if (!text.startsWith(MSAGENT_HEADER, l.start)) return false;
  for (let p = l.start + MSAGENT_HEADER.length; p < l.end; p++) if (!/\s/.test(text[p])) return false;
  return true;
}

function reportStrayText(
  text: string,
  lines: Line[],
  from: number,
  to: number,
  turn: number,
  findings: Finding[],
): void {
  let a = from;
  while (a < to && isBlankLine(text, lines[a])) a++;
  if (a >= to) return;
  let z = to - 1;
  while (z > a && isBlankLine(text, lines[z])) z--;
  const span = { turn, start: lines[a].start, end: lines[z].end };
  findings.push({ code: 'M14', params: { detail: excerpt(text.slice(span.start, span.end)) }, span });
}

/** Parses `<N>. <name>: Call this tool to interact with the <human> API. <text> Parameters: [...]`. */
function parseToolBlock(
  text: string,
  firstLine: Line,
  end: number,
  turn: number,
  findings: Finding[],
): ToolDef {
  const start = firstLine.start;
  const prefix = numberPrefix(text, start, firstLine.end);
  const number = Number(text.slice(start, start + prefix - 2));
  const nameStart = start + prefix;
  const span = { turn, start, end };
  const grammar = (detail: string, s = start, e = firstLine.end) =>
    findings.push({ code: 'M02', params: { number, detail }, span: { turn, start: s, end: e } });

  let name: string;
  let humanName = '';
  let restStart: number;
  const anchor = text.indexOf(TOOL_ANCHOR, nameStart);
  if (anchor === -1 || anchor > firstLine.end) {
    let nameEnd = nameStart;
    while (nameEnd < firstLine.end && text[nameEnd] !== ':' && !/\s/.test(text[nameEnd])) nameEnd++;
    name = text.slice(nameStart, nameEnd);
    restStart = nameEnd;
    grammar(`expected "${TOOL_ANCHOR.slice(2)}…" after the tool name`);
  } else {
    name = text.slice(nameStart, anchor);
    if (name.trim() === '') grammar('the tool name is empty', nameStart, anchor + 1);
    const humanStart = anchor + TOOL_ANCHOR.length;
    const humanEnd = text.indexOf(HUMAN_END, humanStart);
    if (humanEnd === -1 || humanEnd > firstLine.end) {
      restStart = humanStart;
      grammar(`expected "<human name>${HUMAN_END}" after "${TOOL_ANCHOR.slice(2).trimEnd()}"`, humanStart);
    } else {
      humanName = text.slice(humanStart, humanEnd);
      restStart = humanEnd + HUMAN_END.length;
    }
  }

  const candidates: number[] = [];
  for (let p = text.indexOf(PARAMS_MARKER, restStart); p !== -1 && p < end; ) {
    if (text.charCodeAt(p + PARAMS_MARKER.length) === 0x5b) candidates.push(p);
    p = text.indexOf(PARAMS_MARKER, p + 1);
  }
  if (candidates.length === 0) {
    grammar(`no "${PARAMS_MARKER}[" in the tool text`, restStart, end);
    return { number, name, humanName, description: '', params: [], span };
  }

  // The array is the last `Parameters: [` whose rest parses as a JSON array (descriptions may quote one).
  let chosen = -1;
  let raw: unknown;
  for (let c = candidates.length - 1; c >= 0 && chosen === -1; c--) {
    try {
      raw = JSON.parse(text.slice(candidates[c] + PARAMS_MARKER.length, end));
      chosen = candidates[c];
    } catch {
      // not this one; an earlier candidate may be the real array
    }
  }
  let arrayNode: JsonNode | undefined;
  if (chosen === -1) {
    chosen = candidates[0];
    const arrStart = chosen + PARAMS_MARKER.length;
    const r = parseJsonValueAt(text, arrStart, end);
    if (!r.ok) {
      findings.push({
        code: 'M03',
        params: { tool: name, message: r.message },
        span: { turn, start: r.offset, end: r.offset + r.length },
        data: { offsetInArray: r.offset - arrStart },
      });
      return {
        number,
        name,
        humanName,
        description: msAgentDescription(text.slice(restStart, chosen)),
        params: [],
        span,
      };
    }
    arrayNode = r.node;
    raw = jsonNodeToJs(r.node);
    let tailStart = r.node.end;
    while (tailStart < end && /\s/.test(text[tailStart])) tailStart++;
    findings.push({
      code: 'M08',
      params: { tool: name, detail: excerpt(text.slice(tailStart, end)) },
      span: { turn, start: tailStart, end },
    });
  }

  const description = msAgentDescription(text.slice(restStart, chosen));
  const arrStart = chosen + PARAMS_MARKER.length;
  const elementSpan = (i: number) => {
    arrayNode ??= (() => {
      const r = parseJsonValueAt(text, arrStart, end);
      return r.ok ? r.node : undefined;
    })();
    const item = arrayNode?.kind === 'array' ? arrayNode.items[i] : undefined;
    return item ? { turn, start: item.start, end: item.end } : { turn, start: arrStart, end };
  };
  const params = readParams(raw as unknown[], name, elementSpan, findings);
  return { number, name, humanName, description, params, span };
}

function readParams(
  items: unknown[],
  tool: string,
  elementSpan: (i: number) => { turn: number; start: number; end: number },
  findings: Finding[],
): ToolParam[] {
  const params: ToolParam[] = [];
  for (let i = 0; i < items.length; i++) {
    const el = items[i];
    if (!isJsonObject(el)) {
      findings.push({
        code: 'M04',
        params: { tool, index: i + 1, detail: 'the entry is not a JSON object' },
        span: elementSpan(i),
      });
      continue;
    }
    const name = el.name;
    if (typeof name !== 'string' || name === '') {
      const detail =
        name === undefined
          ? 'no "name" key'
          : typeof name !== 'string'
            ? '"name" is not a string'
            : '"name" is empty';
      findings.push({ code: 'M04', params: { tool, index: i + 1, detail }, span: elementSpan(i) });
      continue;
    }
    const param: ToolParam = { name, description: '', required: false };
    const desc = el.description;
    if (typeof desc === 'string') param.description = desc;
    else {
      const detail =
        desc === undefined ? 'no "description"; an empty one is used' : '"description" is not a string';
      findings.push({ code: 'M05', params: { tool, param: name, detail }, span: elementSpan(i) });
    }
    const req = readRequired(el.required);
    if (req === undefined) {
      findings.push({
        code: 'M06',
        params: { tool, param: name, value: JSON.stringify(el.required) },
        span: elementSpan(i),
      });
    } else param.required = req;
    if ('type' in el) {
      if (typeof el.type === 'string') param.type = el.type;
      else
        findings.push({
          code: 'M05',
          params: { tool, param: name, detail: '"type" is not a string and is ignored' },
          span: elementSpan(i),
        });
    }
    // A tool has a handful of parameters: the ones read so far are searched, no set is built.
    if (params.some((p) => p.name === name)) {
      findings.push({ code: 'M07', params: { tool, param: name }, span: elementSpan(i) });
    }
    params.push(param);
  }
  return params;
}

/** `required` is "True"/"False" in any case, or a boolean; absent means not required (as in the runtime). */
function readRequired(x: unknown): boolean | undefined {
  if (x === undefined) return false;
  if (typeof x === 'boolean') return x;
  if (typeof x !== 'string') return undefined;
  const s = pyStrip(x).toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

function toolNameSpan(text: string, tool: ToolDef): { turn: number; start: number; end: number } {
  const start = tool.span.start + numberPrefix(text, tool.span.start, tool.span.end);
  return { turn: tool.span.turn, start, end: start + tool.name.length };
}

function checkToolSet(text: string, tools: ToolDef[], turn: number, findings: Finding[]): void {
  const seen = new Set<string>();
  for (let i = 0; i < tools.length; i++) {
    const t = tools[i];
    if (t.number !== i + 1) {
      findings.push({
        code: 'M09',
        params: { tool: t.name, found: t.number, expected: i + 1 },
        span: { turn, start: t.span.start, end: t.span.start + String(t.number).length },
      });
    }
    if (seen.has(t.name))
      findings.push({ code: 'M10', params: { tool: t.name }, span: toolNameSpan(text, t) });
    seen.add(t.name);
  }
}

/**
 * True when `inner` is the tools' names joined by ", " (as every ms_agent prompt writes them) and no name
 * could read differently once the list is split at commas and trimmed: then the list matches, and
 * splitting it is skipped.
 */
function listsExactly(inner: string, tools: readonly ToolDef[]): boolean {
  if (tools.length === 0) return false;
  let at = 0;
  for (let i = 0; i < tools.length; i++) {
    const name = tools[i].name;
    if (i > 0) {
      if (inner.charCodeAt(at) !== 0x2c || inner.charCodeAt(at + 1) !== 0x20) return false;
      at += 2;
    }
    if (name === '' || !inner.startsWith(name, at) || name.includes(',') || name.trim() !== name)
      return false;
    at += name.length;
  }
  return at === inner.length;
}

function checkFormatSection(
  text: string,
  lines: Line[],
  formatIdx: number,
  tools: ToolDef[],
  turn: number,
  findings: Finding[],
): void {
  if (formatIdx >= lines.length) {
    const end = text.length;
    findings.push({
      code: 'M12',
      params: { detail: `no "${FORMAT_LINE}" line` },
      span: { turn, start: end, end },
    });
    return;
  }
  let listChecked = false;
  for (let i = formatIdx + 1; i < lines.length && !listChecked; i++) {
    const l = lines[i];
    if (!text.startsWith('Action:', l.start)) continue;
    const open = text.indexOf(TOOL_LIST_OPEN, l.start);
    const close = text.lastIndexOf(']', l.end - 1);
    if (open === -1 || open >= l.end || close < open) continue;
    listChecked = true;
    const inner = text.slice(open + TOOL_LIST_OPEN.length, close);
    if (listsExactly(inner, tools)) continue;
    // Loops, not map/filter: see joinNames in seed/artefacts.ts (an optimised inlined `map` deoptimises).
    const listed: string[] = [];
    for (const item of inner.split(',')) {
      const name = item.trim();
      if (name !== '') listed.push(name);
    }
    const parsed: string[] = [];
    for (const t of tools) parsed.push(t.name);
    let same = listed.length === parsed.length;
    for (let k = 0; same && k < listed.length; k++) same = listed[k] === parsed[k];
    if (!same) {
      findings.push({
        code: 'M11',
        params: { listed: listed.join(', '), parsed: parsed.join(', ') },
        span: { turn, start: open + TOOL_LIST_OPEN.length, end: close },
        data: { listed, parsed },
      });
    }
  }
  let last = lines.length - 1;
  while (last > formatIdx && isBlankLine(text, lines[last])) last--;
  if (text.slice(lines[last].start, lines[last].end).trim() !== BEGIN_LINE) {
    const l = lines[last];
    findings.push({
      code: 'M12',
      params: { detail: `the prompt does not end with "${BEGIN_LINE}"` },
      span: { turn, start: l.start, end: l.end },
    });
  }
}
