import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Diagnostic } from '../core/diagnostics/types';
import { AtomicFile } from '../core/io/atomicWrite';
import { l10n, uiLanguage } from '../l10n';
import { CheckCancelled, CheckRun } from './checkRunner';
import { binaryFileResult, type PassResult } from './model/checkPass';
import { CuratorModel } from './model/curatorModel';
import type { CuratorEdit } from './model/edits';
import { joinChunks } from './model/saveBytes';
import { CuratorSession, type SessionChange, type SeverityCounts } from './model/session';
import { tokenizerPathSetting } from './overviewSettings';
import { DocumentStats } from './overviewStats';
import { type CheckStatus, emptyStatus } from './protocol';
import { readSharedBytes } from './readBytes';

/** Above this size the check pass shows a cancellable notification; below it, a quiet status-bar spinner. */
const NOTIFY_ABOVE_BYTES = 20 * 1024 * 1024;
/** Changes on disk are picked up once the writer has been quiet this long. */
const RELOAD_DEBOUNCE_MS = 300;
/** Above this many changed lines the webviews refresh everything they show instead of listed lines. */
const LIST_LINES_UP_TO = 500;

/** Lines whose row or record changed (0-based), or null when too many to list. */
export interface LinesChange {
  lines: number[] | null;
}

/**
 * The curator's custom document: the file's model and its unsaved review state and edits (the
 * session), plus what VS Code needs around them — the check pass in a worker with progress, save
 * that rewrites only the changed lines, revert, hot-exit backups of the unsaved state, and a watcher
 * that reloads the file when it changes on disk (asking first when there are unsaved changes).
 */
export class CuratorDocument implements vscode.CustomDocument {
  readonly session: CuratorSession;
  status: CheckStatus = emptyStatus();
  /** The diagnostics of the last finished pass (bounded; see runCheckPass), kept current as records are edited. */
  published: Diagnostic[] = [];
  private passTotal = 0;
  private passCounts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  /** The overview's statistics (issue 7), filled by the check pass; see DocumentStats for edits. */
  readonly stats = new DocumentStats(tokenizerPathSetting, (i) => this.session.hasEditedTurns(i));

  private run: CheckRun | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Bumped each time the file is read again (revert, reload): a pass over the old bytes is stale. */
  private readGeneration = 0;
  /** Size and time of the file as this document last wrote it, so its own save is not taken for an outside change. */
  private ownWrite: { size: number; mtime: number } | undefined;

  private readonly statusEmitter = new vscode.EventEmitter<CheckStatus>();
  /** Progress and the end of each check pass. */
  readonly onDidChangeStatus = this.statusEmitter.event;
  private readonly checkedEmitter = new vscode.EventEmitter<void>();
  /** A check pass finished, or an edit changed a record's problems: `published` is up to date. */
  readonly onDidFinishCheck = this.checkedEmitter.event;
  private readonly reloadEmitter = new vscode.EventEmitter<void>();
  /** The file was read again: every row and record shown so far is stale. */
  readonly onDidReload = this.reloadEmitter.event;
  private readonly linesEmitter = new vscode.EventEmitter<LinesChange>();
  /** Review state or records changed (an edit, undo, redo, save, restore, or the pass reading review state). */
  readonly onDidChangeLines = this.linesEmitter.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  private constructor(
    readonly uri: vscode.Uri,
    model: CuratorModel,
    private readonly workerPath: string,
  ) {
    this.session = new CuratorSession(model);
    this.watch();
  }

  /** Opens the file; with a `backupId` (hot exit), puts the unsaved state of the backup back on top of it. */
  static async open(uri: vscode.Uri, workerPath: string, backupId?: string): Promise<CuratorDocument> {
    const model = CuratorModel.ofRead(basename(uri.path), await readSharedBytes(uri));
    const document = new CuratorDocument(uri, model, workerPath);
    if (backupId) await document.restoreBackup(vscode.Uri.parse(backupId));
    return document;
  }

  /** How many diagnostics the file has in all (the Problems panel lists a bounded number of them). */
  get publishedTotal(): number {
    const delta = this.session.countDelta();
    return Math.max(this.published.length, this.passTotal + delta.error + delta.warning + delta.info);
  }

  get model(): CuratorModel {
    return this.session.model;
  }

  get language(): 'en' | 'zh' {
    return uiLanguage();
  }

  /** Starts (or restarts) the full check pass. Resolves when it ends, however it ends. */
  async check(): Promise<void> {
    this.run?.cancel();
    const model = this.model;
    const session = this.session;
    const generation = this.readGeneration;
    if (model.fileKind.kind === 'binary' || model.fileKind.kind === 'utf16') {
      const offset = model.fileKind.kind === 'binary' ? model.fileKind.byteOffset : 0;
      this.stats.beginPass(0).done();
      this.finish(binaryFileResult(offset));
      return;
    }
    // A save gives the session a new model over the same lines; the pass goes on filling its summaries.
    const current = () => this.readGeneration === generation && this.model.lineCount === model.lineCount;
    const statsPass = this.stats.beginPass(model.lineCount);
    const run = new CheckRun(
      this.workerPath,
      model.bytes,
      {
        ...statsPass,
        onBatch: (batch, totals) => {
          if (!current()) return;
          this.model.summaries.apply(batch);
          const rechecked = session.onBatch(batch);
          for (const i of rechecked) this.refreshStats(i, true);
          this.passCounts = { ...totals.counts };
          this.setStatus({
            state: 'running',
            progress: model.lineCount ? this.model.summaries.checkedUpTo / model.lineCount : 1,
            lines: totals.lines,
            records: totals.records,
            counts: this.withEdits(this.passCounts),
          });
          if (batch.reviews?.length || rechecked.length) this.linesEmitter.fire({ lines: null });
        },
      },
      { tiktokenPath: this.stats.currentTiktokenPath(), index: model.index },
    );
    this.run = run;
    this.setStatus({ ...emptyStatus(), state: 'running', lines: model.lineCount });
    const big = model.bytes.length > NOTIFY_ABOVE_BYTES;
    await vscode.window.withProgress(
      {
        location: big ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
        title: l10n.t('Checking {0}', model.fileName),
        cancellable: big,
      },
      async (progress, token) => {
        token.onCancellationRequested(() => run.cancel());
        let reported = 0;
        const sub = this.onDidChangeStatus((s) => {
          const pct = Math.floor(s.progress * 100);
          if (pct > reported) {
            progress.report({ increment: pct - reported, message: `${pct}%` });
            reported = pct;
          }
        });
        try {
          const result = await run.result;
          if (this.run === run && current()) {
            statsPass.done();
            this.finish(result);
          }
        } catch (e) {
          if (this.run !== run) return;
          if (e instanceof CheckCancelled) this.setStatus({ ...this.status, state: 'cancelled' });
          else {
            const message = e instanceof Error ? e.message : String(e);
            this.setStatus({ ...this.status, state: 'failed', message });
            void vscode.window.showErrorMessage(l10n.t('Checking {0} failed: {1}', model.fileName, message));
          }
        } finally {
          sub.dispose();
        }
      },
    );
  }

  private finish(result: PassResult): void {
    // The pass read the file on disk; records edited since show what checking them again found.
    const edited = this.session.dirtyLines().filter((i) => this.session.hasEditedTurns(i));
    const editedSet = new Set(edited);
    this.published = result.published.filter((d) => !editedSet.has(d.line - 1));
    for (const i of edited) this.published.push(...this.session.recheck(i));
    this.published.sort(byPanelOrder);
    this.passCounts = { ...result.counts };
    this.passTotal = result.total;
    this.setStatus({
      state: 'done',
      progress: 1,
      lines: result.lines,
      records: result.records,
      counts: this.withEdits(this.passCounts),
    });
    this.checkedEmitter.fire();
  }

  /** The pass's problem counts with the re-checked records' changes added. */
  private withEdits(counts: SeverityCounts): SeverityCounts {
    const delta = this.session.countDelta();
    return {
      error: counts.error + delta.error,
      warning: counts.warning + delta.warning,
      info: counts.info + delta.info,
    };
  }

  private setStatus(status: CheckStatus): void {
    this.status = status;
    this.statusEmitter.fire(status);
  }

  // ---- edits ---------------------------------------------------------------------------------------

  /**
   * After an edit, undo or redo: problems of re-checked records are replaced in the Problems panel and
   * the counts, the overview learns the new state, and the webviews refresh the lines.
   */
  changed(change: SessionChange): void {
    const rechecked = new Set(change.rechecked);
    if (rechecked.size > 0) {
      this.published = this.published.filter((d) => !rechecked.has(d.line - 1));
      for (const diagnostics of change.problems.values()) this.published.push(...diagnostics);
      this.published.sort(byPanelOrder);
      if (this.status.state === 'done' || this.status.state === 'running')
        this.setStatus({ ...this.status, counts: this.withEdits(this.passCounts) });
      if (this.status.state === 'done') this.checkedEmitter.fire();
    }
    for (const i of change.lines) this.refreshStats(i, rechecked.has(i));
    this.linesEmitter.fire({ lines: change.lines.length <= LIST_LINES_UP_TO ? change.lines : null });
  }

  undo(edit: CuratorEdit): void {
    this.changed(this.session.undo(edit));
  }

  redo(edit: CuratorEdit): void {
    this.changed(this.session.redo(edit));
  }

  /** Tells the overview what line `i` is now: re-analysed after an edit, only its review state otherwise. */
  private refreshStats(i: number, edited: boolean): void {
    if (edited) {
      void this.stats.refreshLine(i, this.session.rawLine(i), this.model.summaries.contextFindings(i));
      return;
    }
    const features = this.stats.index.get(i);
    if (!features?.record) return;
    const review = this.session.review(i);
    this.stats.set(i, {
      ...features,
      record: { ...features.record, status: review.status, tags: [...review.tags] },
    });
  }

  // ---- save, save as, revert, backup -----------------------------------------------------------------

  /** Writes the file: untouched lines byte for byte, changed lines spliced; atomically for files on disk. */
  async save(): Promise<void> {
    const dirty = this.session.dirtyLines();
    const chunks = this.session.savedChunks();
    const bytes = joinChunks(chunks, true);
    await this.writeTo(this.uri, chunks, bytes);
    const stat = await vscode.workspace.fs.stat(this.uri).then(
      (s) => s,
      () => undefined,
    );
    this.ownWrite = stat ? { size: stat.size, mtime: stat.mtime } : undefined;
    const passRunning = this.status.state === 'running';
    this.session.rebase(bytes);
    // The worker was reading the old bytes; the lines it has not reached yet are read again.
    if (passRunning) void this.check();
    this.linesEmitter.fire({ lines: dirty.length <= LIST_LINES_UP_TO ? dirty : null });
  }

  /** Writes the document with its unsaved changes to another file; this document stays as it is. */
  async saveAs(destination: vscode.Uri): Promise<void> {
    const chunks = this.session.savedChunks();
    await this.writeTo(destination, chunks, undefined);
  }

  private async writeTo(uri: vscode.Uri, chunks: Buffer[], joined: Buffer | undefined): Promise<void> {
    if (uri.scheme !== 'file') {
      await vscode.workspace.fs.writeFile(uri, joined ?? joinChunks(chunks));
      return;
    }
    const file = new AtomicFile(uri.fsPath);
    try {
      for (const chunk of chunks) await file.write(chunk);
      await file.commit();
    } catch (e) {
      await file.abort();
      throw e;
    }
  }

  /** Revert: the file as it is on disk, nothing unsaved; the history up to the save point stays. */
  async revert(): Promise<void> {
    const model = CuratorModel.ofRead(this.model.fileName, await readSharedBytes(this.uri));
    this.session.revert(model);
    this.afterRead();
  }

  /** The unsaved state for hot exit: a small JSON of the changed lines, never the file. */
  async backup(destination: vscode.Uri): Promise<void> {
    const body = JSON.stringify(this.session.backup());
    // The extension's storage folder VS Code points into may not exist yet.
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(destination, '..'));
    await vscode.workspace.fs.writeFile(destination, Buffer.from(body, 'utf8'));
  }

  private async restoreBackup(source: vscode.Uri): Promise<void> {
    let restored = 0;
    let skipped = 0;
    try {
      const raw: unknown = JSON.parse(
        Buffer.from(await vscode.workspace.fs.readFile(source)).toString('utf8'),
      );
      ({ restored, skipped } = this.session.restore(raw));
    } catch (e) {
      void vscode.window.showWarningMessage(
        l10n.t(
          'The unsaved changes of {0} could not be restored: {1}',
          this.model.fileName,
          e instanceof Error ? e.message : String(e),
        ),
      );
      return;
    }
    if (skipped > 0) {
      void vscode.window.showWarningMessage(
        l10n.t(
          '{0} changed on disk since its unsaved changes were backed up: {1} records restored, {2} skipped.',
          this.model.fileName,
          restored,
          skipped,
        ),
      );
    }
  }

  /** Reads the file again and re-checks it; unsaved state is dropped and the webviews start over. */
  async reload(): Promise<void> {
    const model = CuratorModel.ofRead(this.model.fileName, await readSharedBytes(this.uri));
    this.session.reload(model);
    this.afterRead();
  }

  private afterRead(): void {
    this.readGeneration++;
    this.run?.cancel();
    this.run = undefined;
    this.published = [];
    this.passTotal = 0;
    this.passCounts = { error: 0, warning: 0, info: 0 };
    this.setStatus(emptyStatus());
    this.reloadEmitter.fire();
    this.linesEmitter.fire({ lines: null });
    void this.check();
  }

  private watch(): void {
    const dir = vscode.Uri.joinPath(this.uri, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(dir, basename(this.uri.path)),
    );
    const changed = () => {
      if (this.reloadTimer) clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.onChangedOnDisk(), RELOAD_DEBOUNCE_MS);
    };
    this.disposables.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed));
  }

  private async onChangedOnDisk(): Promise<void> {
    if (this.disposed) return;
    const stat = await vscode.workspace.fs.stat(this.uri).then(
      (s) => s,
      () => undefined,
    );
    if (stat && this.ownWrite && stat.size === this.ownWrite.size && stat.mtime === this.ownWrite.mtime)
      return;
    if (!this.session.isDirty) {
      await this.reload();
      return;
    }
    const reload = l10n.t('Reload');
    const answer = await vscode.window.showWarningMessage(
      l10n.t('{0} changed on disk. Reload it and discard your unsaved changes?', this.model.fileName),
      { modal: true },
      reload,
    );
    if (answer === reload) await this.reload();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.run?.cancel();
    this.stats.dispose();
    this.disposeEmitter.fire();
    for (const d of this.disposables) d.dispose();
    for (const e of [
      this.statusEmitter,
      this.checkedEmitter,
      this.reloadEmitter,
      this.linesEmitter,
      this.disposeEmitter,
    ])
      e.dispose();
  }
}

function severityRank(s: Diagnostic['severity']): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2;
}

/** The Problems panel's order, as the pass publishes it: errors first, then by line. */
function byPanelOrder(a: Diagnostic, b: Diagnostic): number {
  return severityRank(a.severity) - severityRank(b.severity) || a.line - b.line;
}
