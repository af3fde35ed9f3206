import { severityOf } from '../diagnostics/registry';
import type { Severity } from '../diagnostics/types';
import type { LineKind } from '../pipeline/readRecord';
import { REVIEW_STATUSES, type ReviewStatus } from '../review/state';
import { flatCopy } from '../text/flatCopy';
import type { Format } from '../types';
import type { LineFeatures, NameCount, RecordFeatures } from './features';
import { inRange, matchesFilter, type StatsFilter } from './filters';

const KINDS = ['record', 'blank', 'invalid'] as const;
/** The tokens column's value for a record whose tokens are not counted yet (no filter range reaches it). */
const NOT_COUNTED = 0xffffffff;
const FORMATS: readonly Format[] = ['ms_agent', 'agentfabric', 'agentfabric-seed', 'chat'];

/** The u32 fields of a line's row. */
const HEAD = 0; // kind (0: no features; else 1 + index into KINDS) | format << 8 (0: not a record) | status << 16
const TOKENS = 1;
const TOOLS = 2;
const CALLS = 3;
const TURNS = 4;
const ROUNDS = 5;
const SEED_TOOLS = 6;
const SEED_PARAMS = 7;
/** Where the line's lists start in the pool. */
const LISTS = 8;
const ROW = 9;

const NUMERIC_FIELD = { tokens: TOKENS, tools: TOOLS, calls: CALLS, turns: TURNS, rounds: ROUNDS } as const;

/**
 * A table's arrays as they cross threads: a worker encodes a batch's features in a table of its own and
 * sends this (the typed arrays transferred), where a thousand small objects as JSON took the host longer
 * to parse and intern than the worker took to check the lines. The names are the ones the table's
 * {@link NameIds} had not given out before: ids from `firstName` on (a worker's batches share one, so
 * each name crosses once; the receiver keeps what earlier batches brought, see `StatsIndex.setEncoded`).
 */
export interface FeatureTableData {
  lines: number;
  rows: Uint32Array<ArrayBuffer>;
  pool: Uint32Array<ArrayBuffer>;
  names: string[];
  firstName: number;
}

/** Names (problem codes, tool names, tags) as ids, shared by the tables of one worker's batches. */
export class NameIds {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Names before this one were handed out with an earlier batch's data. */
  private sent = 0;

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      // A copy: a name cut out of a record would keep the whole record alive for as long as the ids live.
      const own = flatCopy(name);
      this.names.push(own);
      this.ids.set(own, id);
    }
    return id;
  }

  /** The id of `name`, if it has one. */
  find(name: string): number | undefined {
    return this.ids.get(name);
  }

  /** The names given ids since the last call, and the first one's id. */
  takeNew(): { names: string[]; firstName: number } {
    const firstName = this.sent;
    this.sent = this.names.length;
    return { names: this.names.slice(firstName), firstName };
  }
}

/**
 * One line's features as the table holds them, read in place: the numbers, and where each of its lists
 * starts in `pool` (the list's length, then its entries: a name id, with a count for problems and called
 * tools). {@link FeatureTable.row} fills one such object again and again, so the overview's totals are
 * taken from the table without building a feature object per line.
 */
export interface FeatureRow {
  kind: LineKind;
  /** Undefined when the line is not a record (the fields below are then zero). */
  format: Format | undefined;
  status: ReviewStatus;
  /** Undefined while not counted. */
  tokens: number | undefined;
  tools: number;
  calls: number;
  turns: number;
  rounds: number;
  seedTools: number;
  seedParams: number;
  pool: Uint32Array;
  names: readonly string[];
  problems: number;
  toolNames: number;
  calledTools: number;
  tags: number;
}

/** Whether row `k` of encoded data holds a line's features. */
export function hasEncodedRow(data: FeatureTableData, k: number): boolean {
  return data.rows[k * ROW + HEAD] !== 0;
}

export function emptyFeatureRow(): FeatureRow {
  return {
    kind: 'blank',
    format: undefined,
    status: REVIEW_STATUSES[0],
    tokens: undefined,
    tools: 0,
    calls: 0,
    turns: 0,
    rounds: 0,
    seedTools: 0,
    seedParams: 0,
    pool: new Uint32Array(0),
    names: [],
    problems: 0,
    toolNames: 0,
    calledTools: 0,
    tags: 0,
  };
}

/**
 * Every line's features as integers, indexed by 0-based line: a row of numbers per line (36 bytes) and
 * its lists (problem codes with counts, declared tools, called tools with counts, tags) in a pool, each
 * name as an id into the table's own list of names: ~120 bytes a record of the bench corpus (seven tools,
 * three problem codes), however many distinct tool sets a file has. It gives a line's features back exactly as they were set, which is what
 * the aggregator needs to take them out again, and finds the lines a chart bar stands for without
 * rebuilding a feature object per line.
 */
export class FeatureTable {
  private capacity = 0;
  private rows = new Uint32Array(0);
  /** Every line's lists, laid out as {@link sectionAt} reads them. */
  private pool = new Uint32Array(1024);
  private used = 0;
  /** Pool entries of lines set again since: reclaimed when they are half the pool. */
  private garbage = 0;
  private readonly names: string[];
  private count = 0;

  /** `nameIds`: ids shared with other tables (a worker's batches); the table's own by default. */
  constructor(
    initialLines = 1024,
    private readonly nameIds = new NameIds(),
  ) {
    this.names = nameIds.names;
    this.grow(Math.max(1, initialLines));
  }

  /**
   * The table's arrays, trimmed to what is used, with the names given ids since the last `data()` of a
   * table sharing its ids; the table must not be changed afterwards.
   */
  data(): FeatureTableData {
    return {
      lines: this.capacity,
      rows: this.rows,
      pool: this.pool.subarray(0, this.used),
      ...this.nameIds.takeNew(),
    };
  }

  /** Lines that have features. */
  get size(): number {
    return this.count;
  }

  private grow(min: number): void {
    let cap = Math.max(this.capacity, 1);
    while (cap < min) cap *= 2;
    if (cap === this.capacity) return;
    const rows = new Uint32Array(cap * ROW);
    rows.set(this.rows);
    this.rows = rows;
    this.capacity = cap;
  }

  /** The table's id of `name`, given one if it has none yet. */
  nameId(name: string): number {
    return this.nameIds.id(name);
  }

  private reserve(n: number): void {
    if (this.used + n <= this.pool.length) return;
    if (this.garbage > this.used >> 1) this.compact();
    if (this.used + n <= this.pool.length) return;
    const pool = new Uint32Array(Math.max(this.used + n, this.pool.length * 2));
    pool.set(this.pool.subarray(0, this.used));
    this.pool = pool;
  }

  /** Copies every line's lists to the front of the pool, in line order, dropping the replaced ones. */
  private compact(): void {
    const pool = new Uint32Array(this.pool.length);
    let used = 0;
    for (let i = 0; i < this.capacity; i++) {
      const r = i * ROW;
      if (this.rows[r + HEAD] === 0) continue;
      const from = this.rows[r + LISTS];
      const end = listsEnd(this.pool, from);
      pool.set(this.pool.subarray(from, end), used);
      this.rows[r + LISTS] = used;
      used += end - from;
    }
    this.pool = pool;
    this.used = used;
    this.garbage = 0;
  }

  has(index: number): boolean {
    return index < this.capacity && this.rows[index * ROW + HEAD] !== 0;
  }

  /** Whether line `index` has features and they are a record's. */
  isRecord(index: number): boolean {
    return this.has(index) && ((this.rows[index * ROW + HEAD] >> 8) & 0xff) > 0;
  }

  set(index: number, f: LineFeatures): void {
    if (index >= this.capacity) this.grow(index + 1);
    const r = index * ROW;
    const rows = this.rows;
    if (rows[r + HEAD] === 0) this.count++;
    else this.garbage += listsEnd(this.pool, rows[r + LISTS]) - rows[r + LISTS];
    const rec = f.record;
    const names = rec ? rec.toolNames.length + 2 * rec.calledTools.length + rec.tags.length : 0;
    this.reserve(4 + 2 * f.problems.length + names);
    let p = this.used;
    const pool = this.pool;
    rows[r + LISTS] = p;
    const problems = f.problems;
    pool[p++] = problems.length;
    for (let k = 0; k < problems.length; k++) {
      pool[p++] = this.nameId(problems[k][0]);
      pool[p++] = problems[k][1];
    }
    if (!rec) {
      rows[r + HEAD] = KINDS.indexOf(f.kind) + 1;
      for (let k = TOKENS; k < LISTS; k++) rows[r + k] = 0;
      pool[p++] = 0;
      pool[p++] = 0;
      pool[p++] = 0;
      this.used = p;
      return;
    }
    rows[r + HEAD] =
      KINDS.indexOf(f.kind) +
      1 +
      ((FORMATS.indexOf(rec.format) + 1) << 8) +
      (REVIEW_STATUSES.indexOf(rec.status) << 16);
    rows[r + TOKENS] = rec.tokens ?? NOT_COUNTED;
    rows[r + TOOLS] = rec.tools;
    rows[r + CALLS] = rec.calls;
    rows[r + TURNS] = rec.turns;
    rows[r + ROUNDS] = rec.rounds;
    rows[r + SEED_TOOLS] = rec.seedLost.tools;
    rows[r + SEED_PARAMS] = rec.seedLost.params;
    const { toolNames, calledTools, tags } = rec;
    pool[p++] = toolNames.length;
    for (let k = 0; k < toolNames.length; k++) pool[p++] = this.nameId(toolNames[k]);
    pool[p++] = calledTools.length;
    for (let k = 0; k < calledTools.length; k++) {
      pool[p++] = this.nameId(calledTools[k][0]);
      pool[p++] = calledTools[k][1];
    }
    pool[p++] = tags.length;
    for (let k = 0; k < tags.length; k++) pool[p++] = this.nameId(tags[k]);
    this.used = p;
  }

  /**
   * Sets line `index` to row `k` of another table's data, its name ids read through `ids` (the other
   * table's id → this table's). A row without features leaves the line as it is.
   */
  copyRow(index: number, data: FeatureTableData, k: number, ids: ArrayLike<number>): void {
    const from = k * ROW;
    if (data.rows[from + HEAD] === 0) return;
    if (index >= this.capacity) this.grow(index + 1);
    const r = index * ROW;
    const rows = this.rows;
    if (rows[r + HEAD] === 0) this.count++;
    else this.garbage += listsEnd(this.pool, rows[r + LISTS]) - rows[r + LISTS];
    const start = data.rows[from + LISTS];
    const end = listsEnd(data.pool, start);
    this.reserve(end - start);
    for (let f = 0; f < LISTS; f++) rows[r + f] = data.rows[from + f];
    rows[r + LISTS] = this.used;
    const src = data.pool;
    const pool = this.pool;
    let p = this.used;
    let q = start;
    for (let section = 0; section < SECTION_WIDTH.length; section++) {
      const n = src[q++];
      pool[p++] = n;
      if (SECTION_WIDTH[section] === 1) {
        for (let e = 0; e < n; e++) pool[p++] = ids[src[q++]];
      } else {
        for (let e = 0; e < n; e++) {
          pool[p++] = ids[src[q++]];
          pool[p++] = src[q++];
        }
      }
    }
    this.used = p;
  }

  /** Fills `into` with line `index`'s features as they are stored; false (and `into` untouched) if none. */
  row(index: number, into: FeatureRow): boolean {
    if (!this.has(index)) return false;
    const r = index * ROW;
    const rows = this.rows;
    const head = rows[r + HEAD];
    const format = (head >> 8) & 0xff;
    const from = rows[r + LISTS];
    const pool = this.pool;
    into.kind = KINDS[(head & 0xff) - 1];
    into.format = format === 0 ? undefined : FORMATS[format - 1];
    into.status = REVIEW_STATUSES[head >> 16];
    into.tokens = rows[r + TOKENS] === NOT_COUNTED ? undefined : rows[r + TOKENS];
    into.tools = rows[r + TOOLS];
    into.calls = rows[r + CALLS];
    into.turns = rows[r + TURNS];
    into.rounds = rows[r + ROUNDS];
    into.seedTools = rows[r + SEED_TOOLS];
    into.seedParams = rows[r + SEED_PARAMS];
    into.pool = pool;
    into.names = this.names;
    into.problems = from;
    into.toolNames = from + 1 + 2 * pool[from];
    into.calledTools = into.toolNames + 1 + pool[into.toolNames];
    into.tags = into.calledTools + 1 + 2 * pool[into.calledTools];
    return true;
  }

  /** Record line `index`'s token count; undefined while not counted (or when it is not a record). */
  tokensAt(index: number): number | undefined {
    if (!this.isRecord(index)) return undefined;
    const n = this.rows[index * ROW + TOKENS];
    return n === NOT_COUNTED ? undefined : n;
  }

  /** Sets record line `index`'s token count, as `set` with `tokens` changed would; other lines are left. */
  setTokens(index: number, tokens: number): void {
    if (this.isRecord(index)) this.rows[index * ROW + TOKENS] = tokens;
  }

  delete(index: number): void {
    if (!this.has(index)) return;
    const r = index * ROW;
    this.garbage += listsEnd(this.pool, this.rows[r + LISTS]) - this.rows[r + LISTS];
    this.rows[r + HEAD] = 0;
    this.count--;
  }

  get(index: number): LineFeatures | undefined {
    if (!this.has(index)) return undefined;
    const r = index * ROW;
    const rows = this.rows;
    const pool = this.pool;
    const head = rows[r + HEAD];
    const from = rows[r + LISTS];
    const problems = this.pairsAt(sectionAt(pool, from, PROBLEMS));
    const f: LineFeatures = {
      line: index + 1,
      kind: KINDS[(head & 0xff) - 1],
      problems,
      severities: severitiesOf(problems),
    };
    const format = (head >> 8) & 0xff;
    if (format === 0) return f;
    const toolNames = this.namesAt(sectionAt(pool, from, TOOL_NAMES));
    const calledTools = this.pairsAt(sectionAt(pool, from, CALLED_TOOLS));
    const tags = this.namesAt(sectionAt(pool, from, TAGS));
    const record: RecordFeatures = {
      format: FORMATS[format - 1],
      tools: rows[r + TOOLS],
      toolNames,
      calls: rows[r + CALLS],
      calledTools,
      turns: rows[r + TURNS],
      rounds: rows[r + ROUNDS],
      seedLost: { tools: rows[r + SEED_TOOLS], params: rows[r + SEED_PARAMS] },
      status: REVIEW_STATUSES[head >> 16],
      tags,
    };
    if (rows[r + TOKENS] !== NOT_COUNTED) record.tokens = rows[r + TOKENS];
    f.record = record;
    return f;
  }

  /**
   * 0-based lines whose features match the filter, in file order. Numeric and review filters read the
   * rows; list filters look for the name's id in each line's list.
   */
  matching(filter: StatsFilter): Int32Array {
    const test = this.predicate(filter);
    const out = new Int32Array(this.count);
    let m = 0;
    for (let i = 0; i < this.capacity && m < out.length; i++) {
      if (this.rows[i * ROW + HEAD] !== 0 && test(i)) out[m++] = i;
    }
    return out.slice(0, m);
  }

  private predicate(filter: StatsFilter): (i: number) => boolean {
    const rows = this.rows;
    const pool = this.pool;
    const isRecord = (i: number) => ((rows[i * ROW + HEAD] >> 8) & 0xff) > 0;
    switch (filter.kind) {
      case 'tokens':
      case 'tools':
      case 'calls':
      case 'turns':
      case 'rounds': {
        const field = NUMERIC_FIELD[filter.kind];
        return (i) => {
          const v = rows[i * ROW + field];
          return isRecord(i) && v !== NOT_COUNTED && inRange(v, filter);
        };
      }
      case 'seedLoss':
        return (i) => isRecord(i) && rows[i * ROW + SEED_TOOLS] + rows[i * ROW + SEED_PARAMS] > 0;
      case 'status': {
        const s = REVIEW_STATUSES.indexOf(filter.status);
        return (i) => isRecord(i) && rows[i * ROW + HEAD] >> 16 === s;
      }
      case 'format': {
        const fmt = FORMATS.indexOf(filter.format) + 1;
        return (i) => ((rows[i * ROW + HEAD] >> 8) & 0xff) === fmt;
      }
      case 'code':
      case 'severity':
        return (i) => {
          const problems = this.problemsAt(i);
          return matchesFilter(filter, {
            line: 0,
            kind: 'invalid',
            problems,
            severities: severitiesOf(problems),
          });
        };
      case 'declaredTool':
      case 'calledTool':
      case 'tag': {
        const id = this.nameIds.find(filter.kind === 'tag' ? filter.tag : filter.name);
        if (id === undefined) return () => false;
        const section =
          filter.kind === 'declaredTool' ? TOOL_NAMES : filter.kind === 'calledTool' ? CALLED_TOOLS : TAGS;
        const width = SECTION_WIDTH[section];
        return (i) => {
          if (!isRecord(i)) return false;
          let p = sectionAt(pool, rows[i * ROW + LISTS], section);
          const end = p + 1 + width * pool[p];
          for (p++; p < end; p += width) if (pool[p] === id) return true;
          return false;
        };
      }
    }
  }

  private problemsAt(index: number): NameCount[] {
    return this.pairsAt(sectionAt(this.pool, this.rows[index * ROW + LISTS], PROBLEMS));
  }

  /** The `[name, count]` list whose length is at `p`. */
  private pairsAt(p: number): NameCount[] {
    const pool = this.pool;
    const list: NameCount[] = new Array(pool[p]);
    for (let k = 0, q = p + 1; k < list.length; k++, q += 2) list[k] = [this.names[pool[q]], pool[q + 1]];
    return list;
  }

  /** The name list whose length is at `p`. */
  private namesAt(p: number): string[] {
    const pool = this.pool;
    const list: string[] = new Array(pool[p]);
    for (let k = 0; k < list.length; k++) list[k] = this.names[pool[p + 1 + k]];
    return list;
  }
}

/**
 * A line's lists in the pool, one after another, each its length then its entries: problems
 * (code, count), tool names (name), called tools (name, count), tags (tag). The u32s an entry takes:
 */
const SECTION_WIDTH = [2, 1, 2, 1];
const PROBLEMS = 0;
const TOOL_NAMES = 1;
const CALLED_TOOLS = 2;
const TAGS = 3;

/** Where section `section` of the lists starting at `from` begins (4: where the lists end). */
function sectionAt(pool: Uint32Array, from: number, section: number): number {
  let p = from;
  for (let s = 0; s < section; s++) p += 1 + SECTION_WIDTH[s] * pool[p];
  return p;
}

/** Where the lists that start at `from` end. */
function listsEnd(pool: Uint32Array, from: number): number {
  return sectionAt(pool, from, SECTION_WIDTH.length);
}

function severitiesOf(problems: readonly NameCount[]): Record<Severity, number> {
  const s: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const [code, n] of problems) s[severityOf(code)] += n;
  return s;
}
