import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Diagnostic } from '../core/diagnostics/types';
import { CheckCancelled, CheckRun } from './checkRunner';
import { binaryFileResult, type PassResult } from './model/checkPass';
import { CuratorModel } from './model/curatorModel';
import { type Edit, EditLog } from './model/editLog';
import { type CheckStatus, emptyStatus } from './protocol';
import { readSharedBytes } from './readBytes';

/** Above this size the check pass shows a cancellable notification; below it, a quiet status-bar spinner. */
const NOTIFY_ABOVE_BYTES = 20 * 1024 * 1024;
/** Changes on disk are picked up once the writer has been quiet this long. */
const RELOAD_DEBOUNCE_MS = 300;

/**
 * The curator's custom document: the model of the file plus what VS Code needs around it — the check
 * pass in a worker with progress, a watcher that reloads the file when it changes on disk, and the edit
 * log that issue 4's review and hand edits go through (empty for now, so the document is never dirty).
 */
export class CuratorDocument implements vscode.CustomDocument {
  model: CuratorModel;
  status: CheckStatus = emptyStatus();
  /** The diagnostics of the last finished pass (bounded; see runCheckPass). */
  published: Diagnostic[] = [];
  publishedTotal = 0;
  readonly edits = new EditLog<Edit>();

  private run: CheckRun | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  private readonly statusEmitter = new vscode.EventEmitter<CheckStatus>();
  /** Progress and the end of each check pass. */
  readonly onDidChangeStatus = this.statusEmitter.event;
  private readonly checkedEmitter = new vscode.EventEmitter<void>();
  /** A check pass finished: `published` is up to date. */
  readonly onDidFinishCheck = this.checkedEmitter.event;
  private readonly reloadEmitter = new vscode.EventEmitter<void>();
  /** The file was read again: every row and record shown so far is stale. */
  readonly onDidReload = this.reloadEmitter.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  private constructor(
    readonly uri: vscode.Uri,
    model: CuratorModel,
    private readonly workerPath: string,
  ) {
    this.model = model;
    this.watch();
  }

  static async open(uri: vscode.Uri, workerPath: string): Promise<CuratorDocument> {
    const model = new CuratorModel(basename(uri.path), await readSharedBytes(uri));
    return new CuratorDocument(uri, model, workerPath);
  }

  get language(): 'en' | 'zh' {
    return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }

  /** Starts (or restarts) the full check pass. Resolves when it ends, however it ends. */
  async check(): Promise<void> {
    this.run?.cancel();
    const model = this.model;
    if (model.fileKind.kind === 'binary' || model.fileKind.kind === 'utf16') {
      const offset = model.fileKind.kind === 'binary' ? model.fileKind.byteOffset : 0;
      this.finish(model, binaryFileResult(offset));
      return;
    }
    const run = new CheckRun(this.workerPath, model.bytes, {
      onBatch: (batch, totals) => {
        if (this.model !== model) return;
        model.summaries.apply(batch);
        this.setStatus({
          state: 'running',
          progress: model.lineCount ? model.summaries.checkedUpTo / model.lineCount : 1,
          lines: totals.lines,
          records: totals.records,
          counts: { ...totals.counts },
        });
      },
    });
    this.run = run;
    this.setStatus({ ...emptyStatus(), state: 'running', lines: model.lineCount });
    const big = model.bytes.length > NOTIFY_ABOVE_BYTES;
    await vscode.window.withProgress(
      {
        location: big ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
        title: vscode.l10n.t('Checking {0}', model.fileName),
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
          if (this.run === run && this.model === model) this.finish(model, result);
        } catch (e) {
          if (this.run !== run) return;
          if (e instanceof CheckCancelled) this.setStatus({ ...this.status, state: 'cancelled' });
          else {
            const message = e instanceof Error ? e.message : String(e);
            this.setStatus({ ...this.status, state: 'failed', message });
            void vscode.window.showErrorMessage(
              vscode.l10n.t('Checking {0} failed: {1}', model.fileName, message),
            );
          }
        } finally {
          sub.dispose();
        }
      },
    );
  }

  private finish(model: CuratorModel, result: PassResult): void {
    this.published = result.published;
    this.publishedTotal = result.total;
    this.setStatus({
      state: 'done',
      progress: 1,
      lines: result.lines,
      records: result.records,
      counts: { ...result.counts },
    });
    if (this.model === model) this.checkedEmitter.fire();
  }

  private setStatus(status: CheckStatus): void {
    this.status = status;
    this.statusEmitter.fire(status);
  }

  /** Reads the file again and re-checks it; the webviews are told to drop what they show. */
  async reload(): Promise<void> {
    this.run?.cancel();
    this.run = undefined;
    this.model = new CuratorModel(this.model.fileName, await readSharedBytes(this.uri));
    this.edits.clear();
    this.published = [];
    this.publishedTotal = 0;
    this.setStatus(emptyStatus());
    this.reloadEmitter.fire();
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
    if (!this.edits.isDirty) {
      await this.reload();
      return;
    }
    const reload = vscode.l10n.t('Reload');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} changed on disk. Reload it and discard your unsaved changes?', this.model.fileName),
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
    this.disposeEmitter.fire();
    for (const d of this.disposables) d.dispose();
    for (const e of [this.statusEmitter, this.checkedEmitter, this.reloadEmitter, this.disposeEmitter])
      e.dispose();
  }
}
