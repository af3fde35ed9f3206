import * as vscode from 'vscode';
import { describeFilter, parseFilter, type StatsFilter } from '../core/stats/filters';
import { l10n } from '../l10n';
import type { CuratorModel } from './model/curatorModel';
import { FilteredRows } from './overviewFilter';
import { maxLengthSetting } from './overviewSettings';
import type { DocumentStats, StatsChange } from './overviewStats';
import type { Language, OverviewFromWebview, RowSummary, ToWebview } from './protocol';

/** What the overview needs of a curator document. */
export interface OverviewDocument {
  readonly uri: vscode.Uri;
  readonly model: CuratorModel;
  readonly stats: DocumentStats;
  check(): Promise<void>;
}

type Post = (panel: vscode.WebviewPanel, message: ToWebview) => void;

/**
 * The host side of the Overview (issue 7): sends each document's figures to its panels as the check
 * pass and edits change them, narrows a panel's record list to the lines of a clicked bar (answering
 * `getRows`/`locate` from that line set), and re-counts when the tokenizer setting changes.
 */
export class OverviewHost implements vscode.Disposable {
  private readonly filters = new Map<vscode.WebviewPanel, FilteredRows>();
  private readonly warned = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly post: Post,
    private readonly panelsOf: (document: OverviewDocument) => vscode.WebviewPanel[],
    documents: () => Iterable<OverviewDocument>,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('agentfabric.tokenizerPath')) {
          this.warned.clear();
          for (const d of documents()) void d.check();
        } else if (e.affectsConfiguration('agentfabric.maxLength')) {
          for (const d of documents()) for (const p of this.panelsOf(d)) this.postStats(p, d);
        }
      }),
    );
  }

  /** Follows a document's statistics; dispose the result with the document. */
  watch(document: OverviewDocument): vscode.Disposable {
    const sub = document.stats.onDidChange((change) => this.onStatsChanged(document, change));
    return { dispose: () => sub.dispose() };
  }

  /** The webview has loaded: it gets the figures so far. */
  ready(panel: vscode.WebviewPanel, document: OverviewDocument): void {
    this.postStats(panel, document);
  }

  /** The file was read again: every line set is stale. */
  reset(document: OverviewDocument): void {
    for (const panel of this.panelsOf(document)) this.filters.delete(panel);
  }

  /**
   * The 0-based lines the panel's bar filter keeps (ascending), or undefined when none is on: for the
   * list's own filters to intersect with.
   */
  activeLines(panel: vscode.WebviewPanel): Int32Array | undefined {
    return this.filters.get(panel)?.lines;
  }

  forget(panel: vscode.WebviewPanel): void {
    this.filters.delete(panel);
  }

  onMessage(panel: vscode.WebviewPanel, document: OverviewDocument, message: OverviewFromWebview): void {
    switch (message.type) {
      case 'statsFilter': {
        const filter = parseFilter(message.filter);
        if (filter) this.applyFilter(panel, document, filter);
        return;
      }
      case 'clearStatsFilter':
        this.clearFilter(panel, document);
        return;
      case 'exportDataset':
        void vscode.commands.executeCommand('agentfabric.exportDataset', document.uri);
        return;
    }
  }

  /** A page of the panel's record list: the filtered rows while a bar filter is on. */
  rowsPage(
    panel: vscode.WebviewPanel,
    document: OverviewDocument,
    start: number,
    count: number,
    language: Language,
  ): RowSummary[] {
    const filtered = this.filters.get(panel);
    if (!filtered) return document.model.rowsPage(start, count, language);
    return Array.from(filtered.page(start, count), (line) => document.model.rowSummary(line, language));
  }

  /**
   * The row of a 0-based line in the panel's list. A line the bar filter hides (a Problems-panel jump,
   * Go to Line) clears the filter first, so the record can be shown.
   */
  rowOfLine(panel: vscode.WebviewPanel, document: OverviewDocument, line: number): number {
    const filtered = this.filters.get(panel);
    if (!filtered) return document.model.rowOfLine(line);
    const row = filtered.rowOfLine(line);
    if (row >= 0) return row;
    this.clearFilter(panel, document);
    return document.model.rowOfLine(line);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.filters.clear();
  }

  private applyFilter(panel: vscode.WebviewPanel, document: OverviewDocument, filter: StatsFilter): void {
    const filtered = FilteredRows.of(filter, document.stats.matching(filter), document.model.rows);
    this.filters.set(panel, filtered);
    this.postFilter(panel, document, filtered);
  }

  private clearFilter(panel: vscode.WebviewPanel, document: OverviewDocument): void {
    if (!this.filters.delete(panel)) return;
    this.postFilter(panel, document, undefined);
  }

  private postFilter(panel: vscode.WebviewPanel, document: OverviewDocument, filtered?: FilteredRows): void {
    this.post(panel, {
      type: 'filterLines',
      filter: filtered?.filter ?? null,
      label: filtered ? describeFilter(filtered.filter) : '',
      rowCount: filtered?.rowCount ?? document.model.rowCount,
      totalRows: document.model.rowCount,
    });
  }

  private postStats(panel: vscode.WebviewPanel, document: OverviewDocument): void {
    const stats = document.stats;
    const message: ToWebview = {
      type: 'stats',
      summary: stats.summary(maxLengthSetting()),
      complete: stats.complete,
    };
    if (stats.tokenizer.error) message.tokenizerError = stats.tokenizer.error;
    this.post(panel, message);
  }

  private onStatsChanged(document: OverviewDocument, change: StatsChange): void {
    const panels = this.panelsOf(document);
    for (const panel of panels) {
      this.postStats(panel, document);
      // While the pass streams in, a bar's lines grow; an edit does not move rows under the user's feet.
      const filtered = this.filters.get(panel);
      if (filtered && change === 'pass') {
        const again = FilteredRows.of(
          filtered.filter,
          document.stats.matching(filtered.filter),
          document.model.rows,
        );
        if (again.rowCount !== filtered.rowCount) {
          this.filters.set(panel, again);
          this.postFilter(panel, document, again);
        }
      }
    }
    const error = document.stats.tokenizer.error;
    if (error && document.stats.complete && !this.warned.has(error)) {
      this.warned.add(error);
      void vscode.window.showWarningMessage(
        l10n.t('The tokenizer file cannot be used, so token counts are an estimate: {0}', error),
      );
    }
  }
}
