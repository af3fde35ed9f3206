import * as vscode from 'vscode';
import { l10n } from '../l10n';
import { CuratorDocument } from './curatorDocument';
import { buildRecordDetail, toProblemView } from './model/recordDetail';
import { OverviewHost } from './overviewHost';
import { toVsDiagnostics } from './problems';
import { type FromWebview, type Profile, parseFromWebview, type ToWebview } from './protocol';
import { ReviewController } from './reviewController';
import type { CuratorAction } from './reviewProtocol';
import { ReviewStatusBar } from './reviewStatusBar';
import { curatorHtml, localResourceRoots } from './webviewHtml';

export const CURATOR_VIEW_TYPE = 'agentfabric.curator';

interface PanelState {
  document: CuratorDocument;
  ready: boolean;
  /** The record the user has open in this panel (1-based line), for the record commands. */
  selected: number | null;
  profile: Profile;
  /** A line to show once the webview has loaded. */
  pendingReveal?: number;
  /** The language the webview was drawn in. */
  language: 'en' | 'zh';
}

/**
 * The curator: a custom editor for `.jsonl` files. It owns the documents and their webviews, answers the
 * webview's requests from the document model, and publishes each document's problems. Record commands
 * (compare, open as text, go to) ask it for the active panel and its selected record.
 */
export class CuratorProvider implements vscode.CustomEditorProvider<CuratorDocument> {
  private readonly documents = new Map<string, CuratorDocument>();
  private readonly panels = new Map<vscode.WebviewPanel, PanelState>();
  private lastActive: vscode.WebviewPanel | undefined;
  /** The Overview's figures and the record list's bar filter (issue 7). */
  private readonly overview = new OverviewHost(
    (panel, message) => this.post(panel, message),
    (document) => [...this.panels].filter(([, s]) => s.document === document && s.ready).map(([p]) => p),
    () => this.documents.values(),
  );

  private readonly changeEmitter = new vscode.EventEmitter<vscode.CustomDocumentEditEvent<CuratorDocument>>();
  /** Every review action and hand edit is one labelled edit: VS Code's undo/redo, dirty marker, hot exit. */
  readonly onDidChangeCustomDocument = this.changeEmitter.event;
  /** Review state, bulk actions, hand edits and the record list's filter (issue 4). */
  private readonly review = new ReviewController(
    (panel, message) => this.post(panel, message),
    (document) => [...this.panels].filter(([, s]) => s.document === document && s.ready).map(([p]) => p),
    (document, edit) =>
      this.changeEmitter.fire({
        document,
        label: edit.label,
        undo: () => document.undo(edit),
        redo: () => document.redo(edit),
      }),
  );
  private readonly statusBar = new ReviewStatusBar();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly diagnostics: vscode.DiagnosticCollection,
    /**
     * Collections the full check pass replaces for a file it has checked (the Convert command's
     * problems of its input), so the Problems panel and the status bar do not count them twice.
     */
    private readonly superseded: readonly vscode.DiagnosticCollection[] = [],
  ) {}

  private get workerPath(): string {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'checkWorker.js').fsPath;
  }

  async openCustomDocument(
    uri: vscode.Uri,
    openContext: vscode.CustomDocumentOpenContext,
  ): Promise<CuratorDocument> {
    // After a restart or reload without saving (hot exit), VS Code hands back the backup of the unsaved state.
    const document = await CuratorDocument.open(uri, this.workerPath, openContext.backupId);
    const key = uri.toString();
    this.documents.set(key, document);
    const subs = [
      this.overview.watch(document),
      this.review.watch(document),
      document.onDidChangeLines(() => this.updateStatusBar()),
      document.onDidChangeStatus(() => this.updateStatusBar()),
      document.onDidChangeStatus((status) => this.broadcast(document, { type: 'status', status })),
      document.onDidFinishCheck(() => {
        for (const c of this.superseded) c.delete(uri);
        this.publishProblems(document);
        for (const [panel, state] of this.panels) if (state.document === document) this.postProblems(panel);
      }),
      document.onDidReload(() => {
        this.overview.reset(document);
        this.diagnostics.delete(uri);
        this.broadcast(document, { type: 'reset', file: document.model.fileInfo(document.language) });
      }),
    ];
    document.onDidDispose(() => {
      for (const s of subs) s.dispose();
      this.diagnostics.delete(uri);
      if (this.documents.get(key) === document) this.documents.delete(key);
    });
    void document.check();
    return document;
  }

  async resolveCustomEditor(document: CuratorDocument, panel: vscode.WebviewPanel): Promise<void> {
    const state: PanelState = {
      document,
      ready: false,
      selected: null,
      profile: 'agentfabric',
      language: document.language,
    };
    this.panels.set(panel, state);
    this.lastActive = panel;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: localResourceRoots(this.extensionUri),
    };
    panel.webview.html = curatorHtml(panel.webview, this.extensionUri, state.language);
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseFromWebview(raw);
      if (message) this.onMessage(panel, state, message);
    });
    panel.onDidChangeViewState(() => {
      if (panel.active) this.lastActive = panel;
      this.updateStatusBar();
    });
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      this.overview.forget(panel);
      this.review.forget(panel);
      if (this.lastActive === panel) this.lastActive = undefined;
      this.updateStatusBar();
    });
    this.updateStatusBar();
  }

  private onMessage(panel: vscode.WebviewPanel, state: PanelState, message: FromWebview): void {
    const document = state.document;
    const language = document.language;
    try {
      switch (message.type) {
        case 'ready':
          state.ready = true;
          this.post(panel, {
            type: 'init',
            file: document.model.fileInfo(language),
            profile: state.profile,
            status: document.status,
          });
          if (document.status.state === 'done') this.postProblems(panel);
          this.overview.ready(panel, document);
          this.review.ready(panel, document);
          if (state.pendingReveal !== undefined) {
            this.post(panel, { type: 'reveal', line: state.pendingReveal });
            state.pendingReveal = undefined;
          }
          return;
        case 'getRows':
          this.post(panel, {
            type: 'rows',
            requestId: message.requestId,
            start: message.start,
            rows: this.review.hasFilter(panel)
              ? this.review.rowsPage(panel, document, message.start, message.count, language)
              : this.overview.rowsPage(panel, document, message.start, message.count, language),
          });
          return;
        case 'getRecord':
          this.post(panel, {
            type: 'record',
            requestId: message.requestId,
            detail: this.recordDetail(document, message.line, message.profile),
          });
          return;
        case 'locate':
          this.post(panel, {
            type: 'located',
            requestId: message.requestId,
            row:
              message.line < 1
                ? -1
                : (this.review.rowOfLine(panel, document, message.line - 1) ??
                  this.overview.rowOfLine(panel, document, message.line - 1)),
          });
          return;
        case 'selected':
          state.selected = message.line;
          return;
        case 'setProfile':
          state.profile = message.profile;
          return;
        case 'command': {
          const ids = {
            compare: 'agentfabric.compareRecord',
            openAsText: 'agentfabric.openRecordAsText',
            goTo: 'agentfabric.goToRecord',
          } as const;
          void vscode.commands.executeCommand(ids[message.command]);
          return;
        }
        case 'statsFilter':
        case 'clearStatsFilter':
        case 'exportDataset':
          this.overview.onMessage(panel, document, message);
          return;
        case 'review':
        case 'editRecord':
        case 'setFilter':
        case 'findNext':
          this.review.onMessage(panel, document, message);
          return;
      }
    } catch (e) {
      // A record the engine cannot handle must not take the editor down: answer, log, tell the user once.
      const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
      console.error(`AgentFabric curator: ${message.type} failed: ${text}`);
      if (message.type === 'getRecord')
        this.post(panel, { type: 'record', requestId: message.requestId, detail: null });
      if (message.type === 'getRows')
        this.post(panel, { type: 'rows', requestId: message.requestId, start: message.start, rows: [] });
      void vscode.window.showErrorMessage(
        l10n.t('The curator could not show this: {0}', e instanceof Error ? e.message : text),
      );
    }
  }

  private postProblems(panel: vscode.WebviewPanel): void {
    const state = this.panels.get(panel);
    if (!state?.ready) return;
    const { document } = state;
    const problems = document.published.map((d) => toProblemView(d, document.language, 'check'));
    this.post(panel, { type: 'problems', problems, total: document.publishedTotal });
  }

  private post(panel: vscode.WebviewPanel, message: ToWebview): void {
    void panel.webview.postMessage(message);
  }

  private broadcast(document: CuratorDocument, message: ToWebview): void {
    for (const [panel, state] of this.panels) {
      if (state.document === document && state.ready) this.post(panel, message);
    }
  }

  // ---- for the commands -------------------------------------------------------------------------

  documentFor(uri: vscode.Uri): CuratorDocument | undefined {
    return this.documents.get(uri.toString());
  }

  /** The curator panel the user is in (or was last in), with its document and selected record. */
  active(): { document: CuratorDocument; selected: number | null; profile: Profile } | undefined {
    const panel = [...this.panels.keys()].find((p) => p.active) ?? this.lastActive;
    const state = panel && this.panels.get(panel);
    return state ? { document: state.document, selected: state.selected, profile: state.profile } : undefined;
  }

  /**
   * The curator's language changed (`agentfabric.language`): the Problems panel explains again in it,
   * and each curator is drawn again in it (as a reload does: filters are cleared), its record still open.
   */
  relocalize(): void {
    for (const document of this.documents.values())
      if (this.diagnostics.has(document.uri)) this.publishProblems(document);
    for (const [panel, state] of this.panels) {
      const language = state.document.language;
      // The same page again would not reload the webview, and its 'ready' would never come.
      if (language === state.language) continue;
      state.language = language;
      state.ready = false;
      if (state.selected !== null) state.pendingReveal = state.selected;
      this.overview.forget(panel);
      this.review.forget(panel);
      panel.webview.html = curatorHtml(panel.webview, this.extensionUri, language);
    }
    this.updateStatusBar();
  }

  /** The document's problems in the Problems panel, explained in the curator's language. */
  private publishProblems(document: CuratorDocument): void {
    this.diagnostics.set(
      document.uri,
      toVsDiagnostics(document.uri, document.published, document.publishedTotal, document.language),
    );
  }

  /** Shows a record in the curator, opening the file in it first when needed. */
  async reveal(uri: vscode.Uri, line: number): Promise<void> {
    let entry = this.panelFor(uri);
    if (!entry) {
      await vscode.commands.executeCommand('vscode.openWith', uri, CURATOR_VIEW_TYPE);
      entry = this.panelFor(uri);
    }
    if (!entry) return;
    const [panel, state] = entry;
    panel.reveal(panel.viewColumn);
    if (state.ready) this.post(panel, { type: 'reveal', line });
    else state.pendingReveal = line;
  }

  private panelFor(uri: vscode.Uri): [vscode.WebviewPanel, PanelState] | undefined {
    const key = uri.toString();
    const all = [...this.panels].filter(([, s]) => s.document.uri.toString() === key);
    return all.find(([p]) => p.active) ?? all[0];
  }

  // ---- review: commands, record view, status bar --------------------------------------------------

  /** A curator command (keyboard shortcut or palette): done by the webview in front. */
  relay(action: CuratorAction): void {
    const panel = [...this.panels.keys()].find((p) => p.active) ?? this.lastActive;
    this.review.relay(panel, action);
  }

  private recordDetail(document: CuratorDocument, line: number, profile: Profile) {
    const i = line - 1;
    const current = i >= 0 && i < document.model.lineCount && document.session.isUnsaved(i);
    const detail = buildRecordDetail(
      document.model,
      line,
      profile,
      document.language,
      current ? document.session.rawLine(i) : undefined,
    );
    return detail && this.review.decorate(document, detail);
  }

  private updateStatusBar(): void {
    const panel = [...this.panels.keys()].find((p) => p.active);
    this.statusBar.show(panel ? this.panels.get(panel)?.document.session.reviews.counts() : undefined);
  }

  // ---- document lifecycle: save, save as, revert, hot exit ----------------------------------------

  async saveCustomDocument(document: CuratorDocument): Promise<void> {
    await document.save();
  }

  async saveCustomDocumentAs(document: CuratorDocument, destination: vscode.Uri): Promise<void> {
    await document.saveAs(destination);
  }

  async revertCustomDocument(document: CuratorDocument): Promise<void> {
    await document.revert();
  }

  async backupCustomDocument(
    document: CuratorDocument,
    context: vscode.CustomDocumentBackupContext,
  ): Promise<vscode.CustomDocumentBackup> {
    // The unsaved state only (changed lines' review state and turns), never a copy of the file.
    await document.backup(context.destination);
    return {
      id: context.destination.toString(),
      delete: () => void vscode.workspace.fs.delete(context.destination).then(undefined, () => undefined),
    };
  }

  dispose(): void {
    this.review.dispose();
    this.statusBar.dispose();
  }
}
