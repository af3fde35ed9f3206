/**
 * Explains, on one ms_agent record, what the seed's script (spec §2) does to it: S1–S11. The seed's own
 * trace (what its regexes matched) is set against the structural parse of the tool list (what is really
 * there), so every finding can name the tools and parameters concerned and show produced vs expected text.
 */

import { severityOf } from '../diagnostics/registry';
import type { Finding, Severity } from '../diagnostics/types';
import { parseMsAgentSystem } from '../msagent/tools';
import { pyDumpsStrings } from '../python/dumps';
import type { TextSpan, ToolDef, Turn } from '../types';
import { type SeedApiTrace, type SeedTrace, seedProcessSystem } from './processSystem';

const CJK = /[\u4e00-\u9fff]/;
const NAME_KEY = '"name": "';
const ACTION_LIST_OPEN = 'tools[';

/** Where each of the seed's chunks came from, in terms of the real tools. */
interface ChunkPlacement {
  chunk: SeedApiTrace;
  /** Index of the tool the chunk starts in. */
  owner: number;
  /** Indices of later tools whose text lies (partly) inside the chunk. */
  swallowed: number[];
  /** Index of the tool whose `Parameters` array the seed read, or -1. */
  paramsFrom: number;
}

/**
 * Which severities' findings are told in full: their messages' parameters and the data a record view
 * shows. The others carry only their code, a span and the data the overview counts (S3's swallowed
 * tools, S4's lost parameters): the editor's check pass renders messages only for the first 1,000
 * diagnostics of each severity, and building the texts of every S4–S6 and S9–S11 cost a twentieth of
 * its checks. Which findings there are never depends on it.
 */
export type DetailFor = (severity: Severity) => boolean;

const IN_FULL: DetailFor = () => true;

/** Every severity told briefly: for findings that are only counted. */
export const BRIEFLY: DetailFor = () => false;

/** The codes that may be told briefly, with their severities (read from the registry once). */
interface BriefCodes<T> {
  S4: T;
  S5: T;
  S6: T;
  S9: T;
  S10: T;
  S11: T;
}
type ToldInFull = BriefCodes<boolean>;
let briefSeverities: BriefCodes<Severity> | undefined;

/** Which of those codes `detailFor` tells in full: asked once a record, not once a finding. */
function toldInFull(detailFor: DetailFor): ToldInFull {
  briefSeverities ??= {
    S4: severityOf('S4'),
    S5: severityOf('S5'),
    S6: severityOf('S6'),
    S9: severityOf('S9'),
    S10: severityOf('S10'),
    S11: severityOf('S11'),
  };
  const s = briefSeverities;
  return {
    S4: detailFor(s.S4),
    S5: detailFor(s.S5),
    S6: detailFor(s.S6),
    S9: detailFor(s.S9),
    S10: detailFor(s.S10),
    S11: detailFor(s.S11),
  };
}

/**
 * S1–S11 for a record whose turn 0 is an ms_agent system prompt. Pass the tools when the caller has parsed
 * them already (the structural parse is the costly part).
 */
export function diagnoseSeed(
  turns: readonly Turn[],
  parsedTools?: readonly ToolDef[],
  detailFor: DetailFor = IN_FULL,
): Finding[] {
  if (turns.length === 0 || typeof turns[0].text !== 'string') return [];
  const system = turns[0].text;
  const tools = parsedTools ?? parseMsAgentSystem(system, 0).tools;
  const res = seedProcessSystem(system, false);
  if (!res.ok) return [seedRaises(res.trace, tools, system)];

  const inFull = toldInFull(detailFor);
  const findings: Finding[] = [];
  const placements = placeChunks(res.trace, tools, system);
  findings.push(...vanishedTools(tools, placements));
  for (const pl of placements) findings.push(...toolArtefacts(pl, tools, inFull));
  const spacing = spacingOnly(placements, tools);
  if (spacing) findings.push(spacing);
  const list = toolList(res.trace, tools, system, inFull.S10);
  if (list) findings.push(list);
  const untouched = untouchedTurns(turns, tools, inFull.S11);
  if (untouched) findings.push(untouched);
  return findings;
}

// The name lists below are joined with loops rather than `.map(...).join(...)`: once optimised, an
// inlined `map` returns an array of another elements kind than the interpreter's, so the `.join` after it
// deoptimises its (large) caller once in every thread, which then has to be compiled again.

/** `names.map((n) => `"${n}"`).join(', ')`. */
function joinQuoted(names: readonly string[]): string {
  let out = '';
  for (let i = 0; i < names.length; i++) out += `${i === 0 ? '' : ', '}"${names[i]}"`;
  return out;
}

/** `tools.map((t) => t.name).join(',')`. */
function joinNames(tools: readonly ToolDef[]): string {
  let out = '';
  for (let i = 0; i < tools.length; i++) out += (i === 0 ? '' : ',') + tools[i].name;
  return out;
}

function toolIndexAt(tools: readonly ToolDef[], offset: number): number {
  for (let i = 0; i < tools.length; i++) {
    if (offset >= tools[i].span.start && offset < tools[i].span.end) return i;
  }
  return -1;
}

/**
 * Ties each chunk to the tool whose `<N>.` it starts right after. A chunk that starts anywhere else (a
 * numbered list inside a description, after the tool's own chunk was cut short or never matched) is a
 * phantom tool of the seed's making: it shows up in the seed's tool list (S10) but is not any real tool.
 */
function placeChunks(trace: SeedTrace, tools: readonly ToolDef[], system: string): ChunkPlacement[] {
  const out: ChunkPlacement[] = [];
  for (const chunk of trace.apis) {
    const owner = toolIndexAt(tools, chunk.start);
    if (owner === -1 || system.indexOf('.', tools[owner].span.start) + 1 !== chunk.start) continue;
    const swallowed: number[] = [];
    for (let j = owner + 1; j < tools.length && tools[j].span.start < chunk.end; j++) swallowed.push(j);
    const para = chunk.params[0];
    out.push({ chunk, owner, swallowed, paramsFrom: para ? toolIndexAt(tools, para.start) : -1 });
  }
  return out;
}

function toolSpan(tool: ToolDef): TextSpan {
  return { ...tool.span };
}

function seedRaises(trace: SeedTrace, tools: readonly ToolDef[], system: string): Finding {
  const failure = trace.failure;
  const chunk = failure ? trace.apis[failure.api] : undefined;
  const owner = chunk ? toolIndexAt(tools, chunk.start) : -1;
  const tool = owner >= 0 ? tools[owner] : undefined;
  const name = tool?.name ?? chunk?.funcName ?? '';
  return {
    code: 'S1',
    params: {
      tool: name,
      number: tool?.number ?? (failure ? failure.api + 1 : 0),
      step: failure?.step ?? '',
      pattern: failure?.pattern ?? '',
      error: failure?.pythonError ?? '',
    },
    span: tool ? toolSpan(tool) : { turn: 0, start: 0, end: system.length },
    data: chunk ? { chunk: chunk.text, step: failure?.step } : undefined,
  };
}

/** S2 and S3 for tools the seed never sees as tools of their own. */
function vanishedTools(tools: readonly ToolDef[], placements: ChunkPlacement[]): Finding[] {
  const findings: Finding[] = [];
  const owned = new Set(placements.map((p) => p.owner));
  const swallowedBy = new Map<number, number>();
  for (const p of placements)
    for (const j of p.swallowed) if (!swallowedBy.has(j)) swallowedBy.set(j, p.owner);

  for (let i = 0; i < tools.length; i++) {
    if (owned.has(i)) continue;
    const t = tools[i];
    if (t.number >= 10) {
      findings.push({ code: 'S2', params: { tool: t.name, number: t.number }, span: toolSpan(t) });
    } else if (!swallowedBy.has(i) && t.params.length === 0) {
      findings.push({ code: 'S3', params: { tool: t.name, swallowed: '' }, span: toolSpan(t) });
    }
  }
  for (const p of placements) {
    if (p.swallowed.length === 0) continue;
    const owner = tools[p.owner];
    const names: string[] = [];
    for (const j of p.swallowed) names.push(tools[j].name);
    const gotParamsOf = p.paramsFrom >= 0 && p.paramsFrom !== p.owner ? tools[p.paramsFrom].name : '';
    findings.push({
      code: 'S3',
      params: { tool: owner.name, swallowed: joinQuoted(names), gotParamsOf },
      span: toolSpan(owner),
      data: { swallowed: names, gotParamsOf: gotParamsOf || undefined, chunk: p.chunk.text },
    });
  }
  return findings;
}

/** S4–S9 for one tool the seed did see; `inFull`: which codes to tell in full (see {@link DetailFor}). */
function toolArtefacts(pl: ChunkPlacement, tools: readonly ToolDef[], inFull: ToldInFull): Finding[] {
  const findings: Finding[] = [];
  const tool = tools[pl.owner];
  const chunk = pl.chunk;
  const para = chunk.params[0];
  const ownParams = pl.paramsFrom === pl.owner;

  const firstLost = ownParams ? 1 : 0;
  if (tool.params.length > firstLost) {
    const lost: string[] = [];
    for (let i = firstLost; i < tool.params.length; i++) lost.push(tool.params[i].name);
    const kept = ownParams ? para?.name : undefined;
    findings.push(
      inFull.S4
        ? {
            code: 'S4',
            params: { tool: tool.name, kept: kept ?? '', lost: lost.join(', ') },
            span: toolSpan(tool),
            data: { lost, kept },
          }
        : { code: 'S4', span: toolSpan(tool), data: { lost } },
    );
  }

  if (ownParams && para && tool.params.length >= 2 && tool.params[0].required && !para.required)
    findings.push(inFull.S5 ? requiredLost(tool, chunk, para) : brief('S5', tool));

  if (para?.name !== undefined)
    findings.push(inFull.S6 ? backslashKey(tool, para.name, para.start, para.text) : brief('S6', tool));
  const invalid = schemaStillInvalid(chunk);
  if (invalid) findings.push({ code: 'S7', params: { tool: tool.name, ...invalid }, span: toolSpan(tool) });

  const desc = descriptionFinding(pl, tools);
  if (desc) findings.push(desc);

  if (chunk.apiName !== undefined && chunk.apiName !== tool.name)
    findings.push(inFull.S9 ? otherApiName(tool, chunk, chunk.apiName) : brief('S9', tool));
  return findings;
}

/** A finding with its code and its tool's span only (see {@link DetailFor}). */
function brief(code: string, tool: ToolDef): Finding {
  return { code, span: toolSpan(tool) };
}

/** S5: the seed writes `"required": []` (its greedy capture runs past the first parameter). */
function requiredLost(tool: ToolDef, chunk: SeedApiTrace, para: SeedApiTrace['params'][number]): Finding {
  const required: string[] = [];
  for (const p of tool.params) if (p.required) required.push(p.name);
  return {
    code: 'S5',
    params: { tool: tool.name, required: joinQuoted(required) },
    span: toolSpan(tool),
    data: {
      captured: para.requiredCapture,
      produced: `"required": ${pyDumpsStrings(chunk.required, { ensureAscii: true })}`,
      expected: `"required": ${pyDumpsStrings(required, { ensureAscii: false })}`,
    },
  };
}

/** S9: the seed names the tool's API after its human name. */
function otherApiName(tool: ToolDef, chunk: SeedApiTrace, apiName: string): Finding {
  const start = chunk.apiNameStart ?? tool.span.start;
  return {
    code: 'S9',
    params: { tool: tool.name, human: apiName },
    span: { turn: tool.span.turn, start, end: start + apiName.length },
    data: {
      produced: `${chunk.funcName}: ${apiName} API`,
      expected: `${tool.name}: ${tool.name} API`,
    },
  };
}

/** JSON's one-letter escapes that stand for a control character, with their names in both languages. */
const CONTROL_ESCAPES: Record<string, [string, string] | undefined> = {
  n: ['a newline', '换行符'],
  t: ['a tab', '制表符'],
  r: ['a carriage return', '回车符'],
  b: ['a backspace', '退格符'],
  f: ['a form feed', '换页符'],
};

/** S6: what the JSON reader makes of `"\<name>"`. */
function backslashKey(tool: ToolDef, name: string, paraStart: number, paraText: string): Finding {
  const key = `"\\${name}"`;
  const c = name.charAt(0);
  let detail: string;
  let detailZh: string;
  let kind: string;
  const control = CONTROL_ESCAPES[c];
  if (control) {
    kind = 'control';
    const [en, zh] = control;
    detail = `\\${c} turns into ${en} + "${name.slice(1)}"`;
    detailZh = `\\${c} 变成${zh} + "${name.slice(1)}"`;
  } else if (c === 'u' && /^u[0-9a-fA-F]{4}/.test(name)) {
    kind = 'unicode';
    const ch = String.fromCharCode(Number.parseInt(name.slice(1, 5), 16));
    detail = `\\${name.slice(0, 5)} turns into "${ch}" + "${name.slice(5)}"`;
    detailZh = `\\${name.slice(0, 5)} 变成 "${ch}" + "${name.slice(5)}"`;
  } else if (c === '/') {
    kind = 'slash';
    detail = '\\/ reads as "/", so the key happens to survive';
    detailZh = '\\/ 被读作 "/"，键名碰巧保持不变';
  } else if (c === '') {
    kind = 'invalid-escape';
    detail = 'the empty name leaves \\" that escapes the closing quote';
    detailZh = '空名称留下的 \\" 转义了结尾的引号';
  } else {
    kind = 'invalid-escape';
    detail = `\\${c} is not a JSON escape, so the schema is not JSON`;
    detailZh = `\\${c} 不是合法的 JSON 转义，schema 不是合法 JSON`;
  }
  const at = paraText.indexOf(NAME_KEY);
  const span: TextSpan =
    at === -1
      ? toolSpan(tool)
      : {
          turn: tool.span.turn,
          start: paraStart + at + NAME_KEY.length,
          end: paraStart + at + NAME_KEY.length + name.length,
        };
  return {
    code: 'S6',
    params: { tool: tool.name, key, detail, detailZh },
    span,
    data: { key, kind, produced: key, expected: JSON.stringify(name) },
  };
}

/** S7: the seed's schema (of a chunk it got through) with the S6 backslashes taken out, parsed as JSON. */
function schemaStillInvalid(chunk: SeedApiTrace): { detail: string; detailZh: string } | undefined {
  // When no name or description can end a JSON string early, the schema's shape alone decides: one
  // property or none parses, two or more lack their commas. Only the other chunks need JSON.parse.
  if (chunk.params.every((p) => isInertInJsonString(p.name) && isInertInJsonString(p.description))) {
    return chunk.params.length >= 2 ? COMMAS_MISSING : undefined;
  }
  if (chunk.params.length >= 2) return COMMAS_MISSING;
  // A text ending in an odd run of backslashes escapes its closing quote: the string then runs on to the
  // next quote and a bare word follows, so the schema cannot parse (the seed's `"(.*?)"` captures hold
  // no quote). Said without parsing: a failed JSON.parse throws, and throwing is slow.
  const cut = chunk.params.find(
    (p) => endsInOddBackslashes(p.description ?? '') || endsInOddBackslashes(p.name ?? ''),
  );
  if (cut) return cutAtEscapedQuote(cut.name);
  const props = chunk.params
    .map((p) => `"${p.name}": {"type": "string", "description": "${p.description}"}`)
    .join('');
  const fixed = `{"type": "object", "properties": {${props}},"required": ${pyDumpsStrings(chunk.required, { ensureAscii: true })}}`;
  try {
    JSON.parse(fixed);
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { detail: message, detailZh: message };
  }
}

function cutAtEscapedQuote(name: string | undefined): { detail: string; detailZh: string } {
  return {
    detail: `the text read for parameter "${name}" stops at an escaped quote (\\"), and the backslash left at its end escapes the closing quote`,
    detailZh: `参数 "${name}" 的文本在转义引号（\\"）处被截断，末尾留下的反斜杠转义了结尾的引号`,
  };
}

const COMMAS_MISSING = {
  detail: 'its properties are appended without commas',
  detailZh: '各属性之间没有逗号',
} as const;

/** True when the text, put between quotes, is one JSON string: no quote, backslash or control character. */
function isInertInJsonString(s: string | undefined): boolean {
  if (s === undefined) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

function endsInOddBackslashes(s: string): boolean {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function runtimeHead(description: string): string {
  return CJK.test(description) ? `${description} 输入参数:` : `${description} Parameters:`;
}

type DescriptionKind = 'truncated' | 'overrun' | 'empty' | 'spacing' | 'borrowed' | 'other';

function descriptionKind(pl: ChunkPlacement, tool: ToolDef): DescriptionKind | undefined {
  const produced = pl.chunk.apiDesc;
  if (produced === undefined) return undefined;
  const expected = tool.description;
  const own = pl.chunk.apiDescStart !== undefined && spanContains(tool, pl.chunk.apiDescStart);
  if (!own) return 'borrowed';
  if (produced === expected) return expected === '' ? 'empty' : 'spacing';
  if (expected.startsWith(produced)) return 'truncated';
  if (produced.startsWith(expected)) return 'overrun';
  return 'other';
}

function spanContains(tool: ToolDef, offset: number): boolean {
  return offset >= tool.span.start && offset <= tool.span.end;
}

/** S8 for one tool, unless the only problem is the missing space (those are reported once per record). */
function descriptionFinding(pl: ChunkPlacement, tools: readonly ToolDef[]): Finding | undefined {
  const tool = tools[pl.owner];
  const kind = descriptionKind(pl, tool);
  if (kind === undefined || kind === 'spacing') return undefined;
  const produced = pl.chunk.apiDesc ?? '';
  const start = pl.chunk.apiDescStart ?? tool.span.start;
  const span: TextSpan =
    kind === 'truncated' || kind === 'overrun'
      ? { turn: tool.span.turn, start, end: start + Math.max(produced.length, tool.description.length) }
      : toolSpan(tool);
  const from = kind === 'borrowed' ? (tools[toolIndexAt(tools, start)]?.name ?? '') : undefined;
  return {
    code: 'S8',
    params: {
      tool: tool.name,
      kind,
      produced,
      expected: tool.description,
      ...(from !== undefined ? { from } : {}),
    },
    span,
    data: { produced: `${produced}输入参数:`, expected: runtimeHead(tool.description) },
  };
}

function spacingOnly(placements: ChunkPlacement[], tools: readonly ToolDef[]): Finding | undefined {
  const hit: ChunkPlacement[] = [];
  const names: string[] = [];
  for (const pl of placements) {
    if (descriptionKind(pl, tools[pl.owner]) !== 'spacing') continue;
    hit.push(pl);
    names.push(tools[pl.owner].name);
  }
  if (hit.length === 0) return undefined;
  const first = tools[hit[0].owner];
  const produced = hit[0].chunk.apiDesc ?? '';
  return {
    code: 'S8',
    params: {
      tool: joinQuoted(names),
      kind: 'spacing',
      produced: `${produced}输入参数:`,
      expected: runtimeHead(first.description),
    },
    span: toolSpan(first),
    data: { tools: names },
  };
}

/** S10: `必须是["a", "b"]之一` against the runtime's `必须是[a,b]之一`. */
function toolList(
  trace: SeedTrace,
  tools: readonly ToolDef[],
  system: string,
  inFull: boolean,
): Finding | undefined {
  if (trace.funcNames.length === 0) return undefined;
  if (!inFull) return { code: 'S10' };
  const produced = `必须是${pyDumpsStrings(trace.funcNames, { ensureAscii: true })}之一`;
  const expected = `必须是[${joinNames(tools)}]之一`;
  // The list sits in the format section, after the tools: searching from there skips the tool texts
  // (most of the prompt), and a tool description that happens to say `tools[` is not taken for it.
  const open = system.indexOf(ACTION_LIST_OPEN, tools.length > 0 ? tools[tools.length - 1].span.end : 0);
  const close = open === -1 ? -1 : system.indexOf(']', open);
  const span: TextSpan =
    close === -1
      ? { turn: 0, start: 0, end: system.length }
      : { turn: 0, start: open + ACTION_LIST_OPEN.length - 1, end: close + 1 };
  return { code: 'S10', params: { produced, expected }, span, data: { produced, expected } };
}

/** S11: the seed rewrites turn 0 only. */
function untouchedTurns(
  turns: readonly Turn[],
  tools: readonly ToolDef[],
  inFull: boolean,
): Finding | undefined {
  let users = 0;
  let assistants = 0;
  let lastUser = -1;
  for (let i = 1; i < turns.length; i++) {
    if (turns[i].role === 'user') {
      users++;
      lastUser = i;
    } else if (turns[i].role === 'assistant') assistants++;
  }
  if (users + assistants === 0) return undefined;
  if (!inFull) return { code: 'S11' };
  const prefix = `(。你可以使用工具：[${joinNames(tools)}])`;
  const at = lastUser === -1 ? turns.length - 1 : lastUser;
  return {
    code: 'S11',
    params: { users, assistants, prefix },
    span: { turn: at, start: 0, end: turns[at].text.length },
    data: { expectedUserPrefix: prefix, lastUserTurn: lastUser === -1 ? undefined : lastUser },
  };
}
