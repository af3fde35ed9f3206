import { severityOf } from '../diagnostics/registry';
import type { Severity } from '../diagnostics/types';
import { REVIEW_STATUSES } from '../review/state';
import type { Format } from '../types';
import type { LineFeatures, NameCount, RecordFeatures } from './features';
import { inRange, matchesFilter, type StatsFilter } from './filters';

const KINDS = ['record', 'blank', 'invalid'] as const;
/** The tokens column's value for a record whose tokens are not counted yet (no filter range reaches it). */
const NOT_COUNTED = 0xffffffff;
const FORMATS: readonly Format[] = ['ms_agent', 'agentfabric', 'agentfabric-seed', 'chat'];

/** Identical lists (problem codes, tool sets, tags) are stored once: most lines share a few of them. */
class ListInterner<T> {
  private readonly ids = new Map<string, number>();
  private readonly lists: T[] = [];

  intern(list: T): number {
    const key = JSON.stringify(list);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.lists.length;
      this.lists.push(list);
      this.ids.set(key, id);
    }
    return id;
  }

  get(id: number): T {
    return this.lists[id];
  }

  get size(): number {
    return this.lists.length;
  }
}

/**
 * Every line's features in typed arrays (about 50 bytes a line, so 330,000 records cost some 16 MB),
 * indexed by 0-based line. It gives a line's features back exactly as they were set, which is what the
 * aggregator needs to take them out again, and finds the lines a chart bar stands for without
 * rebuilding a feature object per line.
 */
export class FeatureTable {
  private capacity = 0;
  /** 0: no features; otherwise 1 + index into KINDS. */
  private kind = new Uint8Array(0);
  private format = new Uint8Array(0);
  private status = new Uint8Array(0);
  private numbers: Record<
    'tokens' | 'tools' | 'calls' | 'turns' | 'rounds' | 'seedTools' | 'seedParams',
    Uint32Array
  > = {
    tokens: new Uint32Array(0),
    tools: new Uint32Array(0),
    calls: new Uint32Array(0),
    turns: new Uint32Array(0),
    rounds: new Uint32Array(0),
    seedTools: new Uint32Array(0),
    seedParams: new Uint32Array(0),
  };
  private problemsId = new Uint32Array(0);
  private toolNamesId = new Uint32Array(0);
  private calledId = new Uint32Array(0);
  private tagsId = new Uint32Array(0);
  private readonly problemLists = new ListInterner<NameCount[]>();
  private readonly nameLists = new ListInterner<string[]>();
  private readonly countLists = new ListInterner<NameCount[]>();
  private count = 0;

  constructor(initialLines = 1024) {
    this.grow(Math.max(1, initialLines));
  }

  /** Lines that have features. */
  get size(): number {
    return this.count;
  }

  private grow(min: number): void {
    let cap = Math.max(this.capacity, 1);
    while (cap < min) cap *= 2;
    if (cap === this.capacity) return;
    const widen = <A extends Uint8Array | Uint32Array>(a: A, make: (n: number) => A): A => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    const u8 = (n: number) => new Uint8Array(n);
    const u32 = (n: number) => new Uint32Array(n);
    this.kind = widen(this.kind, u8);
    this.format = widen(this.format, u8);
    this.status = widen(this.status, u8);
    for (const k of Object.keys(this.numbers) as (keyof typeof this.numbers)[]) {
      this.numbers[k] = widen(this.numbers[k], u32);
    }
    this.problemsId = widen(this.problemsId, u32);
    this.toolNamesId = widen(this.toolNamesId, u32);
    this.calledId = widen(this.calledId, u32);
    this.tagsId = widen(this.tagsId, u32);
    this.capacity = cap;
  }

  has(index: number): boolean {
    return index < this.capacity && this.kind[index] !== 0;
  }

  set(index: number, f: LineFeatures): void {
    if (index >= this.capacity) this.grow(index + 1);
    if (this.kind[index] === 0) this.count++;
    this.kind[index] = KINDS.indexOf(f.kind) + 1;
    this.problemsId[index] = this.problemLists.intern(f.problems);
    const r = f.record;
    const n = this.numbers;
    if (!r) {
      this.format[index] = 0;
      for (const k of Object.keys(n) as (keyof typeof n)[]) n[k][index] = 0;
      return;
    }
    this.format[index] = FORMATS.indexOf(r.format) + 1;
    this.status[index] = REVIEW_STATUSES.indexOf(r.status);
    n.tokens[index] = r.tokens ?? NOT_COUNTED;
    n.tools[index] = r.tools;
    n.calls[index] = r.calls;
    n.turns[index] = r.turns;
    n.rounds[index] = r.rounds;
    n.seedTools[index] = r.seedLost.tools;
    n.seedParams[index] = r.seedLost.params;
    this.toolNamesId[index] = this.nameLists.intern(r.toolNames);
    this.calledId[index] = this.countLists.intern(r.calledTools);
    this.tagsId[index] = this.nameLists.intern(r.tags);
  }

  /** Whether line `index` has features and they are a record's. */
  isRecord(index: number): boolean {
    return this.has(index) && this.format[index] > 0;
  }

  /** Record line `index`'s token count; undefined while not counted (or when it is not a record). */
  tokensAt(index: number): number | undefined {
    if (!this.isRecord(index)) return undefined;
    const n = this.numbers.tokens[index];
    return n === NOT_COUNTED ? undefined : n;
  }

  /** Sets record line `index`'s token count, as `set` with `tokens` changed would; other lines are left. */
  setTokens(index: number, tokens: number): void {
    if (this.isRecord(index)) this.numbers.tokens[index] = tokens;
  }

  delete(index: number): void {
    if (!this.has(index)) return;
    this.kind[index] = 0;
    this.count--;
  }

  get(index: number): LineFeatures | undefined {
    if (!this.has(index)) return undefined;
    const problems = this.problemLists.get(this.problemsId[index]);
    const f: LineFeatures = {
      line: index + 1,
      kind: KINDS[this.kind[index] - 1],
      problems,
      severities: severitiesOf(problems),
    };
    if (this.format[index] > 0) f.record = this.recordAt(index);
    return f;
  }

  private recordAt(index: number): RecordFeatures {
    const n = this.numbers;
    const r: RecordFeatures = {
      format: FORMATS[this.format[index] - 1],
      tools: n.tools[index],
      toolNames: this.nameLists.get(this.toolNamesId[index]),
      calls: n.calls[index],
      calledTools: this.countLists.get(this.calledId[index]),
      turns: n.turns[index],
      rounds: n.rounds[index],
      seedLost: { tools: n.seedTools[index], params: n.seedParams[index] },
      status: REVIEW_STATUSES[this.status[index]],
      tags: this.nameLists.get(this.tagsId[index]),
    };
    if (n.tokens[index] !== NOT_COUNTED) r.tokens = n.tokens[index];
    return r;
  }

  /**
   * 0-based lines whose features match the filter, in file order. Numeric and review filters read the
   * columns; list filters are decided once per distinct list.
   */
  matching(filter: StatsFilter): Int32Array {
    const test = this.predicate(filter);
    const out = new Int32Array(this.count);
    let m = 0;
    for (let i = 0; i < this.capacity && m < out.length; i++) {
      if (this.kind[i] !== 0 && test(i)) out[m++] = i;
    }
    return out.slice(0, m);
  }

  private predicate(filter: StatsFilter): (i: number) => boolean {
    const isRecord = (i: number) => this.format[i] > 0;
    switch (filter.kind) {
      case 'tokens':
      case 'tools':
      case 'calls':
      case 'turns':
      case 'rounds': {
        const col = this.numbers[filter.kind];
        return (i) => isRecord(i) && col[i] !== NOT_COUNTED && inRange(col[i], filter);
      }
      case 'seedLoss':
        return (i) => isRecord(i) && this.numbers.seedTools[i] + this.numbers.seedParams[i] > 0;
      case 'status': {
        const s = REVIEW_STATUSES.indexOf(filter.status);
        return (i) => isRecord(i) && this.status[i] === s;
      }
      case 'format': {
        const fmt = FORMATS.indexOf(filter.format) + 1;
        return (i) => this.format[i] === fmt;
      }
      case 'code':
      case 'severity':
        return memoByList(this.problemsId, (id) =>
          matchesFilter(filter, {
            line: 0,
            kind: 'invalid',
            problems: this.problemLists.get(id),
            severities: severitiesOf(this.problemLists.get(id)),
          }),
        );
      case 'calledTool': {
        const byId = memoByList(this.calledId, (id) =>
          this.countLists.get(id).some(([n]) => n === filter.name),
        );
        return (i) => isRecord(i) && byId(i);
      }
      case 'declaredTool':
      case 'tag': {
        const ids = filter.kind === 'tag' ? this.tagsId : this.toolNamesId;
        const wanted = filter.kind === 'tag' ? filter.tag : filter.name;
        const byId = memoByList(ids, (id) => this.nameLists.get(id).includes(wanted));
        return (i) => isRecord(i) && byId(i);
      }
    }
  }
}

function memoByList(ids: Uint32Array, decide: (id: number) => boolean): (i: number) => boolean {
  const memo = new Map<number, boolean>();
  return (i) => {
    const id = ids[i];
    let v = memo.get(id);
    if (v === undefined) {
      v = decide(id);
      memo.set(id, v);
    }
    return v;
  };
}

function severitiesOf(problems: readonly NameCount[]): Record<Severity, number> {
  const s: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const [code, n] of problems) s[severityOf(code)] += n;
  return s;
}
