import { createHash } from 'node:crypto';
import { toDiagnostic } from '../../core/diagnostics/registry';
import type { Diagnostic, Severity } from '../../core/diagnostics/types';
import { type AnalyzedLine, FileAnalyzer, type RawLine } from '../../core/pipeline/fileAnalyzer';
import { locateTurns, type TurnLiterals } from '../../core/pipeline/locate';
import { type LineResult, readRecordText } from '../../core/pipeline/readRecord';
import { isJsonObject } from '../../core/record/shape';
import { spliceReview, spliceReviewBytes } from '../../core/review/splice';
import { type ReviewState, readReview, sameReview, UNREVIEWED } from '../../core/review/state';
import { type PlacedTurn, spliceTurns } from '../../core/review/turnSplice';
import type { RowSummary } from '../protocol';
import type { RecordEditOp } from '../reviewProtocol';
import { distinctCodes, LINE_KIND, placeOnLine, type SummaryBatch } from './checkPass';
import { CuratorModel } from './curatorModel';
import { EditLog } from './editLog';
import { type CuratorEdit, type RecordEdit, type ReviewEdit, sameTurns } from './edits';
import { applyRecordOp, placedTurns } from './recordOps';
import { ReviewTable } from './reviewTable';
import { joinChunks, savedChunks } from './saveBytes';

/** What an edit, undo or redo changed: 0-based lines, and which of them had their conversation changed. */
export interface SessionChange {
  lines: number[];
  /** Lines checked again (their problems, format and counts may differ). */
  rechecked: number[];
  /** The diagnostics of each re-checked line, placed on the line (for the Problems panel). */
  problems: Map<number, Diagnostic[]>;
}

export type SeverityCounts = Record<Severity, number>;

const noChange = (): SessionChange => ({ lines: [], rechecked: [], problems: new Map() });

export type EditOutcome =
  | { ok: true; edit: CuratorEdit; change: SessionChange }
  | { ok: false; reason: string };

export interface BackupEntry {
  line: number;
  /** SHA-1 of the line's bytes on disk: a backup only applies to the file it was made from. */
  hash: string;
  review?: ReviewState;
  turns?: PlacedTurn[];
}

export interface Backup {
  version: 1;
  fileName: string;
  byteLength: number;
  lineCount: number;
  lines: BackupEntry[];
}

/** A backup made for another state of the file, or not a backup at all. */
export class BackupMismatch extends Error {}

/**
 * A curator document's editable state, free of `vscode`: the file's model, what is unsaved on top of
 * it (review states and edited conversations, per line), the edit history, and the review counts.
 *
 * Unsaved state is kept as values per line, not as new bytes: a line's text is only built when it is
 * shown, checked or saved (review state spliced into its original text, edited turns spliced in place),
 * so approving 30,000 records costs 30,000 small objects, not 30,000 re-serialised lines.
 */
export class CuratorSession {
  readonly log = new EditLog<CuratorEdit>();
  /** Every line's review state as it is now, with the counts. */
  reviews: ReviewTable;
  private _model: CuratorModel;
  /** Review states the file holds (`_review`), for lines the check pass has reported. */
  private readonly baseReviews = new Map<number, ReviewState>();
  private reviewsKnownUpTo = 0;
  private readonly reviewOverrides = new Map<number, ReviewState>();
  private readonly turnOverrides = new Map<number, readonly PlacedTurn[]>();
  private readonly textCache = new Map<number, string>();
  /** Problem counts the file's version of a re-checked line had, so file-wide totals can follow edits. */
  private readonly fileCounts = new Map<number, SeverityCounts>();
  private readonly readCache = new Map<number, LineResult & { text?: string }>();

  constructor(model: CuratorModel) {
    this._model = model;
    this.reviews = new ReviewTable(model.lineCount);
    this.attach(model);
  }

  get model(): CuratorModel {
    return this._model;
  }

  private attach(model: CuratorModel): void {
    model.decorateRow = (row, i) => this.decorateRow(row, i);
  }

  // ---- what the check pass tells ------------------------------------------------------------------

  /** A batch of the check pass: the file's review states and records; edited lines are checked again. */
  onBatch(batch: SummaryBatch): number[] {
    const end = batch.start + batch.kinds.length;
    // A pass run again over the same lines (after a save) must not count their records twice.
    for (let k = Math.max(0, this.reviewsKnownUpTo - batch.start); k < batch.kinds.length; k++)
      if (batch.kinds[k] === LINE_KIND.record) this.reviews.records++;
    for (const [i, state] of batch.reviews ?? []) {
      this.baseReviews.set(i, state);
      if (!this.reviewOverrides.has(i)) this.reviews.set(i, state);
    }
    this.reviewsKnownUpTo = Math.max(this.reviewsKnownUpTo, end);
    // The pass read these lines as they are on disk; what the user sees is the edited record.
    const rechecked: number[] = [];
    for (const i of this.turnOverrides.keys()) {
      if (i >= batch.start && i < end) {
        this.fileCounts.delete(i);
        this.recheck(i);
        rechecked.push(i);
      }
    }
    return rechecked;
  }

  // ---- reading the current state -------------------------------------------------------------------

  get isDirty(): boolean {
    return this.reviewOverrides.size > 0 || this.turnOverrides.size > 0;
  }

  /** 0-based lines with unsaved changes, in order. */
  dirtyLines(): number[] {
    return [...new Set([...this.reviewOverrides.keys(), ...this.turnOverrides.keys()])].sort((a, b) => a - b);
  }

  hasEditedTurns(i: number): boolean {
    return this.turnOverrides.has(i);
  }

  isUnsaved(i: number): boolean {
    return this.turnOverrides.has(i) || this.reviewOverrides.has(i);
  }

  /** The review state the file holds for line `i`. */
  baseReview(i: number): ReviewState {
    if (i < this.reviewsKnownUpTo) return this.baseReviews.get(i) ?? UNREVIEWED;
    const value = this._model.readLine(i).record?.value;
    return value ? readReview(value) : UNREVIEWED;
  }

  review(i: number): ReviewState {
    return this.reviewOverrides.get(i) ?? this.baseReview(i);
  }

  /** Whether line `i` is a record (what can be reviewed and edited). */
  isRecord(i: number): boolean {
    if (i < 0 || i >= this._model.lineCount) return false;
    const s = this._model.summaries;
    if (s.isChecked(i)) return s.get(i).kind === 'record';
    return this._model.readLine(i).record !== undefined;
  }

  /** Line `i`'s text as it would be saved; undefined when it is unchanged. */
  changedText(i: number): string | undefined {
    const cached = this.textCache.get(i);
    if (cached !== undefined) return cached;
    const turns = this.turnOverrides.get(i);
    const review = this.reviewOverrides.get(i);
    if (!turns && !review) return undefined;
    let text: string | undefined;
    if (turns) {
      const base = this._model.readLine(i);
      if (!base.record || base.text === undefined) return undefined;
      text = spliceTurns(base.text, base.record, turns);
    } else {
      // Review state alone is spliced into the line's text without parsing the record.
      text = this._model.lineText(i);
      if (text === undefined) return undefined;
    }
    if (review) text = spliceReview(text, review);
    this.textCache.set(i, text);
    return text;
  }

  /** Line `i` as it is now (edits included), for the checks. */
  rawLine(i: number): RawLine {
    const raw = this._model.rawLine(i);
    const text = this.changedText(i);
    return text === undefined ? raw : { ...raw, bytes: Buffer.from(text, 'utf8') };
  }

  /** Line `i` read as a record as it is now. */
  readLine(i: number): LineResult & { text?: string } {
    const text = this.changedText(i);
    if (text === undefined) return this._model.readLine(i);
    let hit = this.readCache.get(i);
    if (!hit) {
      hit = { ...readRecordText(text, i + 1, false), text };
      this.readCache.set(i, hit);
    }
    return hit;
  }

  /** The conversation as it is now, each turn with where it came from in the file's line. */
  turns(i: number): readonly PlacedTurn[] {
    const edited = this.turnOverrides.get(i);
    if (edited) return edited;
    const record = this._model.readLine(i).record;
    return record ? placedTurns(record.turns) : [];
  }

  private decorateRow(row: RowSummary, i: number): void {
    if (row.kind !== 'record') return;
    const review = this.review(i);
    row.review = review.status;
    if (review.tags.length > 0) row.tags = [...review.tags];
    if (review.note) row.note = true;
    if (this.isUnsaved(i)) row.unsaved = true;
    if (this.turnOverrides.has(i)) {
      row.edited = true;
      const record = this.readLine(i).record;
      if (record) {
        row.format = record.format;
        if (record.id !== undefined) row.id = record.id;
      }
    }
  }

  // ---- review -------------------------------------------------------------------------------------

  /**
   * Changes the review state of records (bulk or one): one edit for all of them, or none when nothing
   * changes. Lines that are not records are skipped.
   */
  setReviews(
    lines: Iterable<number>,
    change: (state: ReviewState) => ReviewState,
    label: string,
  ): EditOutcome {
    const touched: number[] = [];
    const before: ReviewState[] = [];
    const after: ReviewState[] = [];
    for (const i of lines) {
      if (!this.isRecord(i)) continue;
      const from = this.review(i);
      const to = change(from);
      if (sameReview(from, to)) continue;
      touched.push(i);
      before.push(from);
      after.push(to);
    }
    if (touched.length === 0) return { ok: false, reason: 'nothing to change' };
    const edit: ReviewEdit = { kind: 'review', label, lines: Int32Array.from(touched), before, after };
    const change2 = this.applyEdit(edit, 'forward');
    this.log.push(edit);
    return { ok: true, edit, change: change2 };
  }

  // ---- hand edits ---------------------------------------------------------------------------------

  editRecord(i: number, op: RecordEditOp, label: string): EditOutcome {
    const read = this.readLine(i);
    if (!read.record) return { ok: false, reason: 'this line is not a record' };
    const before = this.turns(i);
    const result = applyRecordOp(before, read.record.format, op);
    if (!result.ok) return result;
    const base = this._model.readLine(i);
    if (!base.record || base.text === undefined) return { ok: false, reason: 'this line is not a record' };
    try {
      // Written once now, so an edit the record's shape cannot hold is refused instead of failing at save.
      spliceTurns(base.text, base.record, result.turns);
    } catch (e) {
      return { ok: false, reason: e instanceof Error ? e.message : String(e) };
    }
    const edit: RecordEdit = { kind: 'record', label, line: i, before, after: result.turns };
    const change = this.applyEdit(edit, 'forward');
    this.log.push(edit);
    return { ok: true, edit, change };
  }

  // ---- history -------------------------------------------------------------------------------------

  /** Undoes `edit` (the last one applied; VS Code undoes in order). */
  undo(edit?: CuratorEdit): SessionChange {
    const top = this.log.applied[this.log.applied.length - 1];
    const target = edit ?? top;
    if (!target) return noChange();
    if (top === target) this.log.undo();
    return this.applyEdit(target, 'back');
  }

  redo(edit?: CuratorEdit): SessionChange {
    const next = this.log.redoable[0];
    const target = edit ?? next;
    if (!target) return noChange();
    if (next === target) this.log.redo();
    return this.applyEdit(target, 'forward');
  }

  /**
   * Sets the state an edit leads to (forward) or came from (back). A line whose state is not the one
   * the edit expects is left alone: after the file was reloaded from disk an old edit has nothing to undo.
   */
  applyEdit(edit: CuratorEdit, direction: 'forward' | 'back'): SessionChange {
    const change = noChange();
    const lines = change.lines;
    if (edit.kind === 'review') {
      const from = direction === 'forward' ? edit.before : edit.after;
      const to = direction === 'forward' ? edit.after : edit.before;
      for (let k = 0; k < edit.lines.length; k++) {
        const i = edit.lines[k];
        if (i >= this._model.lineCount || !sameReview(this.review(i), from[k])) continue;
        this.setReview(i, to[k]);
        lines.push(i);
      }
      return change;
    }
    const from = direction === 'forward' ? edit.before : edit.after;
    const to = direction === 'forward' ? edit.after : edit.before;
    const i = edit.line;
    if (i >= this._model.lineCount || !sameTurns(this.turns(i), from)) return change;
    this.setTurns(i, to);
    lines.push(i);
    change.rechecked.push(i);
    change.problems.set(i, this.recheck(i));
    return change;
  }

  private setReview(i: number, state: ReviewState): void {
    if (sameReview(state, this.baseReview(i))) this.reviewOverrides.delete(i);
    else this.reviewOverrides.set(i, state);
    this.reviews.set(i, state);
    this.forget(i);
  }

  private setTurns(i: number, turns: readonly PlacedTurn[]): void {
    const base = this._model.readLine(i).record;
    const unchanged = base && sameTurns(turns, base.turns) && turns.every((t, k) => t.origin === k);
    if (unchanged) this.turnOverrides.delete(i);
    else this.turnOverrides.set(i, turns);
    this.forget(i);
  }

  private forget(i: number): void {
    this.textCache.delete(i);
    this.readCache.delete(i);
  }

  // ---- checks of edited lines -----------------------------------------------------------------------

  /** Checks line `i` as it is now and records what was found for its row; returns its diagnostics. */
  recheck(i: number): Diagnostic[] {
    const summaries = this._model.summaries;
    const old = summaries.isChecked(i) ? summaries.get(i).counts : undefined;
    if (old && !this.fileCounts.has(i)) this.fileCounts.set(i, { ...old });
    const analyzed = this.analyze(i);
    const context = this._model.summaries.contextFindings(i).map((f) => toDiagnostic(f, i + 1));
    const all = [...analyzed.diagnostics, ...context];
    const counts = { error: 0, warning: 0, info: 0 };
    for (const d of all) counts[d.severity]++;
    this._model.summaries.setLine(i, {
      kind: analyzed.kind,
      format: analyzed.record?.format,
      counts,
      codes: distinctCodes(all),
    });
    let literals: TurnLiterals | undefined;
    const lazy = () => {
      if (!literals)
        literals = analyzed.record && analyzed.text ? locateTurns(analyzed.record, analyzed.text) : [];
      return literals;
    };
    return all.map((d) => placeOnLine(d, analyzed, lazy));
  }

  /** How far the problem counts of re-checked lines are from the file's (add to the pass's totals). */
  countDelta(): SeverityCounts {
    const delta: SeverityCounts = { error: 0, warning: 0, info: 0 };
    for (const [i, file] of this.fileCounts) {
      const now = this._model.summaries.get(i).counts;
      if (!now) continue;
      delta.error += now.error - file.error;
      delta.warning += now.warning - file.warning;
      delta.info += now.info - file.info;
    }
    return delta;
  }

  analyze(i: number): AnalyzedLine {
    return new FileAnalyzer({ check: true }).line(this.rawLine(i));
  }

  // ---- saving ---------------------------------------------------------------------------------------

  /**
   * Every changed line's new bytes, by 0-based line. A line whose only change is its review state gets the
   * member spliced between byte ranges of its original (no decoding), which is what a bulk review saves.
   */
  changedLines(): Map<number, Buffer> {
    const out = new Map<number, Buffer>();
    for (const i of this.dirtyLines()) {
      const review = this.reviewOverrides.get(i);
      const fast =
        review && !this.turnOverrides.has(i)
          ? spliceReviewBytes(this._model.bytesOfLine(i), review)
          : undefined;
      if (fast) {
        out.set(i, fast);
        continue;
      }
      const text = this.changedText(i);
      if (text !== undefined) out.set(i, Buffer.from(text, 'utf8'));
    }
    return out;
  }

  /** The file's bytes with the unsaved changes, as chunks (see {@link savedChunks}). */
  savedChunks(): Buffer[] {
    return savedChunks(this._model.bytes, this._model.index, this.changedLines());
  }

  /**
   * The document was saved as `bytes` (the chunks of {@link savedChunks}, joined): they become the file
   * the session works on, nothing is unsaved, and the history is kept (undo after save works).
   */
  rebase(bytes: Buffer): void {
    const old = this._model;
    const model = new CuratorModel(old.fileName, bytes, old.summaries);
    if (model.lineCount !== old.lineCount) throw new Error('a save must not change the number of lines');
    // Each saved line's items are now in the order of its edited turns: edits in the history refer to
    // items by their place in the line, so they are renumbered.
    const renumber = new Map<number, Map<number, number>>();
    for (const [i, turns] of this.turnOverrides) {
      const map = new Map<number, number>();
      turns.forEach((t, k) => {
        if (t.origin !== undefined) map.set(t.origin, k);
      });
      renumber.set(i, map);
    }
    this.log.map((edit) => {
      if (edit.kind !== 'record') return edit;
      const map = renumber.get(edit.line);
      if (!map) return edit;
      const move = (turns: readonly PlacedTurn[]) =>
        turns.map((t) => ({
          role: t.role,
          text: t.text,
          origin: t.origin === undefined ? undefined : map.get(t.origin),
        }));
      return { ...edit, before: move(edit.before), after: move(edit.after) };
    });
    for (const [i, state] of this.reviewOverrides) {
      if (sameReview(state, UNREVIEWED)) this.baseReviews.delete(i);
      else this.baseReviews.set(i, state);
    }
    this.reviewOverrides.clear();
    this.turnOverrides.clear();
    this.textCache.clear();
    this.readCache.clear();
    this.fileCounts.clear();
    old.decorateRow = undefined;
    this._model = model;
    this.attach(model);
    this.log.markSaved();
  }

  /** Saves into a new buffer: the chunks joined, in shared memory for the check worker. */
  savedBytes(): Buffer {
    return joinChunks(this.savedChunks(), true);
  }

  /** Revert: the file as read again; unsaved state is dropped, history up to the save point kept. */
  revert(model: CuratorModel): void {
    this.reset(model);
    this.log.revertToSaved();
  }

  /** The file changed on disk and was read again: nothing of the old state applies. */
  reload(model: CuratorModel): void {
    this.reset(model);
  }

  private reset(model: CuratorModel): void {
    this._model.decorateRow = undefined;
    this._model = model;
    this.attach(model);
    this.baseReviews.clear();
    this.reviewsKnownUpTo = 0;
    this.reviewOverrides.clear();
    this.turnOverrides.clear();
    this.textCache.clear();
    this.readCache.clear();
    this.fileCounts.clear();
    this.reviews = new ReviewTable(model.lineCount);
  }

  // ---- backup (hot exit) ---------------------------------------------------------------------------

  /** The unsaved state, line by line (never the file): what VS Code keeps for hot exit. */
  backup(): Backup {
    const lines: BackupEntry[] = [];
    for (const i of this.dirtyLines()) {
      const entry: BackupEntry = { line: i, hash: lineHash(this._model.bytesOfLine(i)) };
      const review = this.reviewOverrides.get(i);
      if (review) entry.review = review;
      const turns = this.turnOverrides.get(i);
      if (turns) entry.turns = turns.map((t) => ({ ...t }));
      lines.push(entry);
    }
    return {
      version: 1,
      fileName: this._model.fileName,
      byteLength: this._model.bytes.length,
      lineCount: this._model.lineCount,
      lines,
    };
  }

  /**
   * Puts a backup's unsaved state back. Lines whose bytes on disk are not the ones the backup was made
   * for are skipped (the file changed since); the count of both is returned.
   */
  restore(backup: unknown): { restored: number; skipped: number } {
    const b = parseBackup(backup);
    let restored = 0;
    let skipped = 0;
    for (const entry of b.lines) {
      const i = entry.line;
      if (
        i >= this._model.lineCount ||
        lineHash(this._model.bytesOfLine(i)) !== entry.hash ||
        !this.isRecord(i)
      ) {
        skipped++;
        continue;
      }
      if (entry.turns) this.setTurns(i, entry.turns);
      if (entry.review) this.setReview(i, entry.review);
      restored++;
    }
    return { restored, skipped };
  }
}

export function lineHash(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Narrows a backup read from disk (a parse boundary). */
export function parseBackup(raw: unknown): Backup {
  if (!isJsonObject(raw) || raw.version !== 1 || !Array.isArray(raw.lines))
    throw new BackupMismatch('this is not a curator backup (or one from another version)');
  const lines: BackupEntry[] = [];
  for (const e of raw.lines) {
    if (!isJsonObject(e) || typeof e.line !== 'number' || !Number.isInteger(e.line) || e.line < 0) continue;
    if (typeof e.hash !== 'string') continue;
    const entry: BackupEntry = { line: e.line, hash: e.hash };
    if (isJsonObject(e.review)) entry.review = readReview({ _review: e.review });
    if (Array.isArray(e.turns)) {
      const turns: PlacedTurn[] = [];
      for (const t of e.turns) {
        if (!isJsonObject(t) || typeof t.role !== 'string' || typeof t.text !== 'string') continue;
        const turn: PlacedTurn = { role: t.role, text: t.text };
        if (typeof t.origin === 'number' && Number.isInteger(t.origin) && t.origin >= 0)
          turn.origin = t.origin;
        turns.push(turn);
      }
      entry.turns = turns;
    }
    lines.push(entry);
  }
  return {
    version: 1,
    fileName: typeof raw.fileName === 'string' ? raw.fileName : '',
    byteLength: typeof raw.byteLength === 'number' ? raw.byteLength : -1,
    lineCount: typeof raw.lineCount === 'number' ? raw.lineCount : -1,
    lines,
  };
}
