/**
 * The seed's `_process_system` (spec §2, ../shared/reference/seed_convert.py), ported so that it produces
 * the same text character for character wherever the Python succeeds and fails wherever it raises.
 *
 * Python `re` and JS RegExp differ in ways that matter here, so every pattern is spelled out:
 * - `.` without DOTALL excludes only `\n` in Python; JS `.` also excludes `\r`, U+2028 and U+2029 → `[^\n]`.
 * - `\d` is Unicode Nd of CPython's own Unicode database; Node's `\p{Nd}` follows a newer Unicode, so the
 *   class is pinned (see {@link PY_DIGIT_CLASS}).
 * - `\s`/`\S` are CPython's whitespace set, which includes \x1c–\x1f and \x85 and excludes U+FEFF.
 * - A lone `{` is a literal in Python but a syntax error with the `u` flag → `\{`.
 * All patterns use the `u` flag so that matching walks code points like Python does.
 */
import { pyDumpsStrings } from '../python/dumps';
import { PY_WS_CLASS, pyIsSpaceCode, pyStrip } from '../python/text';
import { isJsonObject } from '../record/shape';
import type { Turn } from '../types';

/**
 * CPython 3.11's `\d` for str patterns (Unicode 14.0 Nd). The oracle runs that Python; later CPythons add
 * a handful of astral digit blocks, which would only matter for such a digit right after a newline.
 */
const PY_DIGIT_CLASS =
  '\\u{30}-\\u{39}\\u{660}-\\u{669}\\u{6f0}-\\u{6f9}\\u{7c0}-\\u{7c9}\\u{966}-\\u{96f}\\u{9e6}-\\u{9ef}' +
  '\\u{a66}-\\u{a6f}\\u{ae6}-\\u{aef}\\u{b66}-\\u{b6f}\\u{be6}-\\u{bef}\\u{c66}-\\u{c6f}\\u{ce6}-\\u{cef}' +
  '\\u{d66}-\\u{d6f}\\u{de6}-\\u{def}\\u{e50}-\\u{e59}\\u{ed0}-\\u{ed9}\\u{f20}-\\u{f29}\\u{1040}-\\u{1049}' +
  '\\u{1090}-\\u{1099}\\u{17e0}-\\u{17e9}\\u{1810}-\\u{1819}\\u{1946}-\\u{194f}\\u{19d0}-\\u{19d9}' +
  '\\u{1a80}-\\u{1a89}\\u{1a90}-\\u{1a99}\\u{1b50}-\\u{1b59}\\u{1bb0}-\\u{1bb9}\\u{1c40}-\\u{1c49}' +
  '\\u{1c50}-\\u{1c59}\\u{a620}-\\u{a629}\\u{a8d0}-\\u{a8d9}\\u{a900}-\\u{a909}\\u{a9d0}-\\u{a9d9}' +
  '\\u{a9f0}-\\u{a9f9}\\u{aa50}-\\u{aa59}\\u{abf0}-\\u{abf9}\\u{ff10}-\\u{ff19}\\u{104a0}-\\u{104a9}' +
  '\\u{10d30}-\\u{10d39}\\u{11066}-\\u{1106f}\\u{110f0}-\\u{110f9}\\u{11136}-\\u{1113f}\\u{111d0}-\\u{111d9}' +
  '\\u{112f0}-\\u{112f9}\\u{11450}-\\u{11459}\\u{114d0}-\\u{114d9}\\u{11650}-\\u{11659}\\u{116c0}-\\u{116c9}' +
  '\\u{11730}-\\u{11739}\\u{118e0}-\\u{118e9}\\u{11950}-\\u{11959}\\u{11c50}-\\u{11c59}\\u{11d50}-\\u{11d59}' +
  '\\u{11da0}-\\u{11da9}\\u{16a60}-\\u{16a69}\\u{16ac0}-\\u{16ac9}\\u{16b50}-\\u{16b59}\\u{1d7ce}-\\u{1d7ff}' +
  '\\u{1e140}-\\u{1e149}\\u{1e2f0}-\\u{1e2f9}\\u{1e950}-\\u{1e959}\\u{1fbf0}-\\u{1fbf9}';

const WS = `[${PY_WS_CLASS}]`;
const NON_WS = `[^${PY_WS_CLASS}]`;

/** The seed's patterns as written in Python, for error messages and the trace. */
export const SEED_PATTERNS = {
  api: String.raw`r"(?<=\n\d\.)(.*?})(?=])"`,
  func_name: `r'(.*?):'`,
  api_name: String.raw`r'(\S+)\sAPI'`,
  api_desc: String.raw`r"useful for\?\s(.*?)\."`,
  params: String.raw`r"Parameters: \[({.*})"`,
  param_name: `r'"name": "(.*?)"'`,
  param_description: `r'"description": "(.*?)"'`,
  param_required: `r'"required": "(.*)"'`,
} as const;

export type SeedStep = Exclude<keyof typeof SEED_PATTERNS, 'api' | 'params'>;

// Compiled once: the benchmark runs this on every record of a 30,000-record file. The `api`, `api_name`
// and `params` searches are spelled out as scans below (they are most of the seed's cost); these
// regexes state what the scans match (test/unit/parallel/fastPaths.test.ts holds the two together).
export const API_RE = new RegExp(`(?<=\\n[${PY_DIGIT_CLASS}]\\.)([\\s\\S]*?\\})(?=\\])`, 'gu');
const FUNC_NAME_RE = /([^\n]*?):/u;
export const API_NAME_RE = new RegExp(`(${NON_WS}+)${WS}API`, 'u');
const API_DESC_RE = new RegExp(`useful for\\?${WS}([^\\n]*?)\\.`, 'u');
export const PARAMS_RE = /Parameters: \[(\{[\s\S]*\})/gu;
const PARAMS_OPEN = 'Parameters: [{';
const PARAMS_PREFIX_LENGTH = 'Parameters: ['.length;

/** The ranges of {@link PY_DIGIT_CLASS} as code points, for the scan that stands in for `API_RE`. */
const PY_DIGIT_RANGES: readonly [number, number][] = [
  ...PY_DIGIT_CLASS.matchAll(/\\u\{([0-9a-f]+)\}-\\u\{([0-9a-f]+)\}/g),
].map((m) => [Number.parseInt(m[1], 16), Number.parseInt(m[2], 16)]);

function isPyDigit(cp: number): boolean {
  if (cp <= 0x39) return cp >= 0x30;
  for (const [lo, hi] of PY_DIGIT_RANGES) if (cp >= lo && cp <= hi) return true;
  return false;
}

/** One match of `API_RE`: the chunk's offset and text. */
export interface ApiChunk {
  index: number;
  text: string;
}

/**
 * `[...text.matchAll(API_RE)]` as a scan: each chunk starts right after a `\n<digit>.` (the digit being a
 * code point, possibly astral) at or after the end of the previous chunk, and runs to the first `}`
 * that a `]` follows.
 */
export function apiChunks(text: string): ApiChunk[] {
  const out: ApiChunk[] = [];
  let from = 0;
  for (let dot = text.indexOf('.', 0); dot !== -1; dot = text.indexOf('.', dot + 1)) {
    const start = dot + 1;
    if (start < from || !digitLineBefore(text, dot)) continue;
    const close = text.indexOf('}]', start);
    if (close === -1) break;
    out.push({ index: start, text: text.slice(start, close + 1) });
    from = close + 1;
    dot = close;
  }
  return out;
}

/** Whether `\n<digit>` ends right before `dot` (the lookbehind of `API_RE`, read backwards by code point). */
function digitLineBefore(text: string, dot: number): boolean {
  let at = dot - 1;
  if (at < 1) return false;
  let cp = text.charCodeAt(at);
  if (cp >= 0xdc00 && cp <= 0xdfff && at >= 1) {
    const hi = text.charCodeAt(at - 1);
    if (hi >= 0xd800 && hi <= 0xdbff) {
      cp = 0x10000 + ((hi - 0xd800) << 10) + (cp - 0xdc00);
      at--;
    }
  }
  return at >= 1 && text.charCodeAt(at - 1) === 0x0a && isPyDigit(cp);
}

/** `API_NAME_RE.exec(api)` as a scan: the first whitespace-free run followed by one whitespace and `API`. */
export function apiNameMatch(api: string): { index: number; name: string } | undefined {
  for (let k = api.indexOf('API', 2); k !== -1; k = api.indexOf('API', k + 1)) {
    if (!pyIsSpaceCode(api.charCodeAt(k - 1)) || pyIsSpaceCode(api.charCodeAt(k - 2))) continue;
    let start = k - 2;
    while (start > 0 && !pyIsSpaceCode(api.charCodeAt(start - 1))) start--;
    return { index: start, name: api.slice(start, k - 1) };
  }
  return undefined;
}

/** `[...api.matchAll(PARAMS_RE)]` as a scan: greedy to the chunk's last `}`, so there is at most one. */
export function paramsMatch(api: string): { index: number; para: string } | undefined {
  const at = api.indexOf(PARAMS_OPEN);
  if (at === -1) return undefined;
  const open = at + PARAMS_PREFIX_LENGTH;
  const close = api.lastIndexOf('}');
  return close > open ? { index: at, para: api.slice(open, close + 1) } : undefined;
}
const PARAM_NAME_RE = /"name": "([^\n]*?)"/u;
const PARAM_DESCRIPTION_RE = /"description": "([^\n]*?)"/u;
const PARAM_REQUIRED_RE = /"required": "([^\n]*)"/u;

const SYS_PREFIX = '\n# 工具\n\n## 你拥有如下工具：\n\n';
const SCHEMA_OPEN = '{"type": "object", "properties": {';
const SYS_SUFFIX_BEFORE_NAMES =
  '## 当你需要调用工具时，请在你的回复中穿插如下的工具调用命令，可以根据需求调用零次或多次：\n\n工具调用\nAction: 工具的名称，必须是';
const SYS_SUFFIX_AFTER_NAMES =
  '之一\nAction Input: 工具的输入\nObservation: <result>工具返回的结果</result>\nAnswer: 根据Observation总结本次工具调用返回的结果，如果结果中出现url，请使用如下格式展示出来：![图片](url)\n\n\n# 指令\n\n你扮演AI-Agent，\n你具有下列具体功能：\n下面你将开始扮演\n\n请注意：你具有图像和视频的展示能力，也具有运行代码的能力，不要在回复中说你做不到。\n';

const NONE_GROUP = "AttributeError: 'NoneType' object has no attribute 'group'";

/** One `{…}` text the seed read as a tool's parameters (at most one per tool: the pattern is greedy). */
export interface SeedParamTrace {
  /** The matched `{…}` text: from the first `Parameters: [{` of the chunk to the chunk's last `}`. */
  text: string;
  /** UTF-16 offsets of `text` in the system prompt. */
  start: number;
  end: number;
  name?: string;
  description?: string;
  /** What `"required": "(.*)"` captured (greedy: with 2+ parameters it runs to the last quote of the line). */
  requiredCapture?: string;
  required?: boolean;
}

/** What the seed saw and made of one chunk matched by `(?<=\n\d\.)(.*?})(?=])`. */
export interface SeedApiTrace {
  /** The chunk, from after `<N>.` to the first `}` followed by `]`. */
  text: string;
  /** UTF-16 offsets of the chunk in the system prompt. */
  start: number;
  end: number;
  funcName?: string;
  apiName?: string;
  /** Offset of `apiName` in the system prompt. */
  apiNameStart?: number;
  apiDesc?: string;
  /** Offset of `apiDesc` in the system prompt. */
  apiDescStart?: number;
  params: SeedParamTrace[];
  required: string[];
  /** `{func_name}: {api_name} API。{api_desc}输入参数: ` as written to the output. */
  header?: string;
  /** The schema text the seed wrote after `输入参数: `. */
  schema?: string;
}

export interface SeedFailure {
  /** Index into `apis` of the chunk being processed. */
  api: number;
  step: SeedStep;
  /** The Python pattern whose `re.search` returned None. */
  pattern: string;
  /** The exception as the reference driver prints it: `AttributeError: …`. */
  pythonError: string;
}

export interface SeedTrace {
  apis: SeedApiTrace[];
  funcNames: string[];
  failure?: SeedFailure;
}

export type SeedSystemResult =
  | { ok: true; system: string; trace: SeedTrace }
  | { ok: false; error: string; trace: SeedTrace };

/**
 * Runs the seed's `_process_system` on a system prompt. With `writeText` false only the trace is made
 * (what the checks read): `system` is then empty and no chunk has a `header` or `schema`.
 */
export function seedProcessSystem(text: string, writeText = true): SeedSystemResult {
  const trace: SeedTrace = { apis: [], funcNames: [] };
  let out = writeText ? SYS_PREFIX : '';
  const chunks = apiChunks(text);
  for (let i = 0; i < chunks.length; i++) {
    const api = chunks[i].text;
    const start = chunks[i].index;
    const entry: SeedApiTrace = { text: api, start, end: start + api.length, params: [], required: [] };
    trace.apis.push(entry);

    const fn = FUNC_NAME_RE.exec(api);
    if (!fn) return fail(trace, i, 'func_name');
    entry.funcName = pyStrip(fn[1]);
    trace.funcNames.push(entry.funcName);

    const an = apiNameMatch(api);
    if (!an) return fail(trace, i, 'api_name');
    entry.apiName = an.name;
    entry.apiNameStart = start + an.index;

    const ad = API_DESC_RE.exec(api);
    if (!ad) return fail(trace, i, 'api_desc');
    entry.apiDesc = ad[1];
    entry.apiDescStart = start + ad.index + ad[0].length - 1 - ad[1].length;

    if (writeText) entry.header = `${entry.funcName}: ${entry.apiName} API。${entry.apiDesc}输入参数: `;
    let schema = SCHEMA_OPEN;
    const pm = paramsMatch(api);
    if (pm) {
      const para = pm.para;
      const paraStart = start + pm.index + PARAMS_PREFIX_LENGTH;
      const p: SeedParamTrace = { text: para, start: paraStart, end: paraStart + para.length };
      entry.params.push(p);
      const nm = PARAM_NAME_RE.exec(para);
      if (!nm) return fail(trace, i, 'param_name');
      p.name = nm[1];
      const ds = PARAM_DESCRIPTION_RE.exec(para);
      if (!ds) return fail(trace, i, 'param_description');
      p.description = ds[1];
      const rq = PARAM_REQUIRED_RE.exec(para);
      if (!rq) return fail(trace, i, 'param_required');
      p.requiredCapture = rq[1];
      // Python's str.lower() and JS toLowerCase() agree on every string that can lower to "true", and
      // only four characters can (lowering changes a length only for U+0130): the greedy capture can be
      // long, and is then not lowered at all.
      const captured = pyStrip(rq[1]);
      p.required = captured.length === 4 && captured.toLowerCase() === 'true';
      if (p.required) entry.required.push(p.name);
      // f'"\{para_name}\": …' keeps the backslash: `\{` is not an escape, so the name follows a `\`.
      if (writeText) schema += `"\\${p.name}": {"type": "string", "description": "${p.description}"}`;
    }
    if (!writeText) continue;
    schema += `},"required": ${pyDumpsStrings(entry.required, { ensureAscii: true })}}`;
    entry.schema = schema;
    out += `${entry.header}${schema} Format the arguments as a JSON object.\n\n`;
  }
  if (writeText)
    out +=
      SYS_SUFFIX_BEFORE_NAMES +
      pyDumpsStrings(trace.funcNames, { ensureAscii: true }) +
      SYS_SUFFIX_AFTER_NAMES;
  return { ok: true, system: out, trace };
}

function fail(trace: SeedTrace, api: number, step: SeedStep): SeedSystemResult {
  const pattern = SEED_PATTERNS[step];
  trace.failure = { api, step, pattern, pythonError: NONE_GROUP };
  const name = trace.apis[api].funcName;
  const where = name === undefined ? `API chunk ${api + 1}` : `API chunk ${api + 1} (${name})`;
  return { ok: false, error: `${NONE_GROUP} — re.search(${pattern}) found nothing in ${where}`, trace };
}

export type SeedRecordResult =
  | { ok: true; turns: Turn[]; trace: SeedTrace }
  | { ok: false; error: string; trace?: SeedTrace };

/**
 * The seed's whole-record conversion: `conversations[0]["value"] = _process_system(...)` whatever role
 * turn 0 has; every other turn is left exactly as it was (S11).
 */
export function seedConvertRecordTurns(turns: readonly Turn[]): SeedRecordResult {
  if (turns.length === 0) return { ok: false, error: 'IndexError: list index out of range' };
  const first = turns[0] as { text: unknown };
  if (typeof first.text !== 'string') {
    return {
      ok: false,
      error: `TypeError: expected string or bytes-like object, got '${pyTypeName(first.text)}'`,
    };
  }
  const res = seedProcessSystem(first.text);
  if (!res.ok) return res;
  return { ok: true, turns: [{ ...turns[0], text: res.system }, ...turns.slice(1)], trace: res.trace };
}

/**
 * `_process_system(obj["conversations"][0]["value"])` on a parsed JSON value, raising (as a value) what
 * Python would raise on records of the wrong shape. Used to compare with the reference script line by line.
 */
export function seedConvertJsonRecord(obj: unknown): SeedSystemResult | { ok: false; error: string } {
  const conv = pyIndex(obj, 'conversations');
  if (!conv.ok) return conv;
  const turn = pyIndex(conv.value, 0);
  if (!turn.ok) return turn;
  const value = pyIndex(turn.value, 'value');
  if (!value.ok) return value;
  if (typeof value.value !== 'string') {
    return {
      ok: false,
      error: `TypeError: expected string or bytes-like object, got '${pyTypeName(value.value)}'`,
    };
  }
  return seedProcessSystem(value.value);
}

type Indexed = { ok: true; value: unknown } | { ok: false; error: string };

/** Python's `x[key]` on values json.loads can produce. */
function pyIndex(x: unknown, key: string | number): Indexed {
  if (typeof key === 'string') {
    if (isJsonObject(x)) {
      return Object.hasOwn(x, key) ? { ok: true, value: x[key] } : { ok: false, error: `KeyError: '${key}'` };
    }
    if (Array.isArray(x))
      return { ok: false, error: 'TypeError: list indices must be integers or slices, not str' };
    if (typeof x === 'string')
      return { ok: false, error: "TypeError: string indices must be integers, not 'str'" };
    return { ok: false, error: `TypeError: '${pyTypeName(x)}' object is not subscriptable` };
  }
  if (isJsonObject(x)) return { ok: false, error: `KeyError: ${key}` };
  if (Array.isArray(x)) {
    return key < x.length
      ? { ok: true, value: x[key] }
      : { ok: false, error: 'IndexError: list index out of range' };
  }
  if (typeof x === 'string') {
    const chars = [...x];
    return key < chars.length
      ? { ok: true, value: chars[key] }
      : { ok: false, error: 'IndexError: string index out of range' };
  }
  return { ok: false, error: `TypeError: '${pyTypeName(x)}' object is not subscriptable` };
}

/** The Python type name json.loads would give this value (JSON `1.0` is a float in Python, an integer here). */
function pyTypeName(x: unknown): string {
  if (x === null || x === undefined) return 'NoneType';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'number') return Number.isInteger(x) ? 'int' : 'float';
  if (typeof x === 'string') return 'str';
  if (Array.isArray(x)) return 'list';
  return 'dict';
}
