import { toDiagnostic } from '../core/diagnostics/registry';
import type { Finding } from '../core/diagnostics/types';
import { type AnalyzedLine, FileAnalyzer, type RawLine } from '../core/pipeline/fileAnalyzer';
import { addDuplicateToFeatures, type LineFeatures, lineFeatures } from '../core/stats/features';
import type { StatsFilter } from '../core/stats/filters';
import { StatsIndex } from '../core/stats/statsIndex';
import { DEFAULT_MAX_LENGTH, type StatsSummary } from '../core/stats/summary';
import { createTokenCounter, ESTIMATE_LABEL, type TokenCounter } from '../core/tokens/counter';
import type { TokenizerInfo } from '../worker/messages';
import type { CheckRunHandlers } from './checkRunner';

/** Why the statistics changed: a check pass reported more lines, or one line was edited or reviewed. */
export type StatsChange = 'pass' | 'line';

/** The summary is recomputed and sent at most this often while a pass streams in or edits pile up. */
const CHANGE_DEBOUNCE_MS = 250;

/**
 * One document's overview statistics on the extension host: every line's features in a
 * {@link StatsIndex}, filled by the worker's check pass and kept current as records are edited or
 * reviewed. Free of `vscode`, so it can be tested on its own.
 *
 * For edits and reviews (issue 4): after line `i` (0-based) changed, call `refreshLine(i, model.rawLine(i))`,
 * or `set(i, features)` when the features are at hand. Lines inserted or deleted shift every later line:
 * re-run the check pass (it starts with {@link beginPass}, which forgets everything).
 */
export class DocumentStats {
  readonly index = new StatsIndex(0);
  tokenizer: TokenizerInfo = { exact: false, label: ESTIMATE_LABEL };
  /** The pass in progress (or the last one): features of older passes are dropped. */
  private generation = 0;
  private passDone = false;
  private tokensDone = false;
  private counter: Promise<TokenCounter> | undefined;
  private counterPath: string | undefined;
  private readonly listeners = new Set<(change: StatsChange) => void>();
  private pending: StatsChange | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `tiktokenPath` is read at each pass, so a changed setting applies to the next one. `keepTokens(i)`
   * says line `i` was edited since the file was read: the pass's count (of the text on disk) would be stale.
   */
  constructor(
    private readonly tiktokenPath: () => string | undefined = () => undefined,
    private readonly keepTokens: (index: number) => boolean = () => false,
  ) {}

  /** The `qwen.tiktoken` the next pass counts with. */
  currentTiktokenPath(): string | undefined {
    return this.tiktokenPath();
  }

  /**
   * Forgets every line and hands out the handlers of one check pass over `lineCount` lines. Handlers of
   * an earlier pass are ignored from now on.
   */
  beginPass(lineCount: number): Required<
    Pick<
      CheckRunHandlers,
      'onTokenizer' | 'onFeatureRows' | 'onDuplicateIds' | 'onFileDiagnostics' | 'onTokens' | 'onTokensDone'
    >
  > & {
    /** Features given as objects (a pass run in this thread): the last given for a line are its features. */
    onFeatures(features: LineFeatures[]): void;
    done(): void;
  } {
    const generation = ++this.generation;
    this.index.clear(lineCount);
    this.passDone = false;
    this.tokensDone = false;
    const current = () => generation === this.generation;
    this.changed('pass');
    return {
      onTokenizer: (tokenizer) => {
        if (!current()) return;
        this.tokenizer = tokenizer;
        // Edits are counted on the host with the counter the worker used.
        if (this.counterPath !== this.tiktokenPath() || tokenizer.error) this.counter = undefined;
      },
      onFeatures: (features) => {
        if (!current()) return;
        for (const f of features) this.index.set(f.line - 1, f);
        this.changed('pass');
      },
      onFeatureRows: (source, start, data) => {
        if (!current()) return;
        this.index.setEncoded(source, start, data);
        this.changed('pass');
      },
      onDuplicateIds: (context) => {
        if (!current()) return;
        for (const [i, findings] of context) {
          const f = this.index.get(i);
          if (!f) continue;
          for (const finding of findings) addDuplicateToFeatures(f, toDiagnostic(finding, i + 1));
          this.index.set(i, f);
        }
        this.changed('pass');
      },
      onFileDiagnostics: (diagnostics) => {
        if (!current()) return;
        this.index.setFileDiagnostics(diagnostics);
        this.changed('pass');
      },
      onTokens: ({ first, counts }) => {
        if (!current()) return;
        for (let k = 0; k < counts.length; k++) {
          if (counts[k] >= 0 && !this.keepTokens(first + k)) this.index.setTokens(first + k, counts[k]);
        }
        this.changed('pass');
      },
      onTokensDone: (error) => {
        if (!current()) return;
        if (error) this.tokenizer = { ...this.tokenizer, error };
        this.tokensDone = true;
        this.changed('pass', true);
      },
      done: () => {
        if (!current()) return;
        this.passDone = true;
        this.changed('pass', true);
      },
    };
  }

  /** True once the check pass has reported every line and its tokens have been counted. */
  get complete(): boolean {
    return this.passDone && this.tokensDone;
  }

  /** True once the checks are done, before the tokens may be. */
  get checked(): boolean {
    return this.passDone;
  }

  /** Sets (or replaces) the features of 0-based line `index` and tells the overview. */
  set(index: number, features: LineFeatures): void {
    this.index.set(index, features);
    this.changed('line');
  }

  /** Forgets line `index` (0-based), e.g. a line emptied by an edit before the next pass. */
  delete(index: number): void {
    this.index.delete(index);
    this.changed('line');
  }

  /**
   * Re-analyses one line after an edit or a review and updates the statistics. `context` holds the
   * findings that need other lines (a duplicate id, J09), which a line read alone cannot find.
   */
  async refreshLine(index: number, raw: RawLine, context: readonly Finding[] = []): Promise<void> {
    const generation = this.generation;
    const counter = await this.tokenCounter();
    if (generation !== this.generation) return;
    this.set(index, lineFeatures(analyzeAlone(raw, context), counter));
  }

  summary(maxLength = DEFAULT_MAX_LENGTH): StatsSummary {
    return this.index.summary({ maxLength, tokenizer: this.tokenizer });
  }

  /** 0-based lines a chart bar stands for, in file order. */
  matching(filter: StatsFilter): Int32Array {
    return this.index.matching(filter);
  }

  /** Called (debounced) after changes; a `pass` change wins over `line` changes in the same window. */
  onDidChange(listener: (change: StatsChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
    this.generation++;
  }

  private changed(change: StatsChange, now = false): void {
    if (this.pending !== 'pass') this.pending = change;
    // The end of the checks and of the counts is shown at once; everything else is gathered for a moment.
    if (now) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), CHANGE_DEBOUNCE_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const change = this.pending;
    this.pending = undefined;
    if (change) for (const l of this.listeners) l(change);
  }

  private tokenCounter(): Promise<TokenCounter> {
    if (!this.counter) {
      const path = this.tokenizer.error ? undefined : this.tiktokenPath();
      this.counterPath = this.tiktokenPath();
      this.counter = createTokenCounter({ tiktokenPath: path }).catch(() => createTokenCounter());
    }
    return this.counter;
  }
}

/** A line analysed on its own, as the check pass would, with the cross-line findings it had. */
export function analyzeAlone(raw: RawLine, context: readonly Finding[] = []): AnalyzedLine {
  const analyzed = new FileAnalyzer({ check: true }).line(raw);
  if (context.length === 0) return analyzed;
  return {
    ...analyzed,
    findings: [...context, ...analyzed.findings],
    diagnostics: [...context.map((f) => toDiagnostic(f, raw.line)), ...analyzed.diagnostics],
  };
}
