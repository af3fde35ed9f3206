import * as vscode from 'vscode';
import { parseFilter } from '../core/stats/filters';
import { l10n } from '../l10n';
import type { CuratorDocument } from './curatorDocument';
import type { CuratorEdit } from './model/edits';
import {
  compileFilter,
  FilterRun,
  intersectSorted,
  nextUnreviewed,
  rowIn,
  type ToolsLookup,
} from './model/filter';
import { toolsEditable } from './model/recordOps';
import type { EditOutcome } from './model/session';
import type { Language, RecordDetail, RowSummary, ToWebview } from './protocol';
import {
  type CuratorAction,
  isActiveFilter,
  type RecordEditOp,
  type RecordFilter,
  type ReviewFromWebview,
  type ReviewOp,
  type ReviewStatusName,
} from './reviewProtocol';

type Post = (panel: vscode.WebviewPanel, message: ToWebview) => void;

/** A filter over this many candidate lines reads records in slices of this many milliseconds. */
const SLICE_MS = 12;
/** Progress of a running filter is sent at most this often. */
const PROGRESS_MS = 150;

/** One panel's record list: every row, or the rows a filter matched. */
interface ListView {
  filter: RecordFilter | null;
  /** 0-based lines of the rows, in file order; null while no filter is in force. */
  lines: Int32Array | null;
  /** Bumped for every new filter: a slower run that finishes later is dropped. */
  generation: number;
}

/**
 * The host side of reviewing (issue 4): review actions and hand edits from the webview become labelled
 * edits on the document, the record list's filter runs here over the per-line summaries (records are
 * read only for text and tool criteria, in slices so the host never stops), and VS Code commands are
 * relayed to the webview that has focus.
 */
export class ReviewController implements vscode.Disposable {
  private readonly views = new Map<vscode.WebviewPanel, ListView>();

  constructor(
    private readonly post: Post,
    private readonly panelsOf: (document: CuratorDocument) => vscode.WebviewPanel[],
    /** A new edit: VS Code gets it (undo/redo, dirty marker). */
    private readonly onEdit: (document: CuratorDocument, edit: CuratorEdit) => void,
  ) {}

  /** Follows a document's changes; dispose the result with the document. */
  watch(document: CuratorDocument): vscode.Disposable {
    const subs = [
      document.onDidChangeLines((change) => {
        const lines = change.lines ? change.lines.map((i) => i + 1) : null;
        for (const panel of this.panelsOf(document)) {
          this.post(panel, { type: 'linesChanged', lines });
          this.postCounts(panel, document);
        }
      }),
      document.onDidChangeStatus((status) => {
        // Records and their review states arrive with the pass: the counts grow batch by batch, and a
        // filter over them is complete once it is done.
        for (const panel of this.panelsOf(document)) {
          this.postCounts(panel, document);
          if (status.state === 'done') this.refilter(panel, document);
        }
      }),
      document.onDidReload(() => {
        for (const panel of this.panelsOf(document)) this.refilter(panel, document);
      }),
    ];
    return vscode.Disposable.from(...subs);
  }

  ready(panel: vscode.WebviewPanel, document: CuratorDocument): void {
    this.postCounts(panel, document);
  }

  forget(panel: vscode.WebviewPanel): void {
    this.views.delete(panel);
  }

  hasFilter(panel: vscode.WebviewPanel): boolean {
    return this.views.get(panel)?.lines != null;
  }

  /** A page of the panel's list while a filter is in force. */
  rowsPage(
    panel: vscode.WebviewPanel,
    document: CuratorDocument,
    start: number,
    count: number,
    language: Language,
  ): RowSummary[] {
    const lines = this.views.get(panel)?.lines ?? document.model.rows;
    const end = Math.min(lines.length, start + count);
    const out: RowSummary[] = [];
    for (let r = start; r < end; r++) out.push(document.model.rowSummary(lines[r], language));
    return out;
  }

  /** The row of a 0-based line in the filtered list; a line the filter hides clears the filter (a jump to it). */
  rowOfLine(panel: vscode.WebviewPanel, document: CuratorDocument, line: number): number | undefined {
    const view = this.views.get(panel);
    if (!view?.lines) return undefined;
    const row = rowIn(view.lines, line);
    if (row >= 0) return row;
    this.setFilter(panel, document, null);
    return undefined;
  }

  /** The record view's review state and what can be edited. */
  decorate(document: CuratorDocument, detail: RecordDetail): RecordDetail {
    const i = detail.line - 1;
    if (detail.kind !== 'record') return detail;
    const session = document.session;
    const review = session.review(i);
    detail.review = { status: review.status, tags: [...review.tags], note: review.note };
    detail.edited = session.hasEditedTurns(i);
    const record = session.readLine(i).record;
    detail.toolsEditable = record ? toolsEditable(record.format, record.turns) : false;
    return detail;
  }

  /** A VS Code command for the curator: the webview in front does it (it knows the selection). */
  relay(panel: vscode.WebviewPanel | undefined, action: CuratorAction): void {
    if (panel) this.post(panel, { type: 'action', action });
  }

  onMessage(panel: vscode.WebviewPanel, document: CuratorDocument, message: ReviewFromWebview): void {
    switch (message.type) {
      case 'review':
        this.review(
          panel,
          document,
          message.target.kind === 'filter' ? null : message.target.lines,
          message.op,
        );
        return;
      case 'editRecord':
        this.editRecord(panel, document, message.line, message.op);
        return;
      case 'setFilter':
        this.setFilter(panel, document, message.filter);
        return;
      case 'findNext': {
        const lines = this.views.get(panel)?.lines ?? document.model.rows;
        const row = nextUnreviewed(
          document.session,
          lines,
          message.after === null ? null : message.after - 1,
        );
        this.post(panel, {
          type: 'found',
          requestId: message.requestId,
          row,
          line: row >= 0 ? lines[row] + 1 : -1,
        });
        return;
      }
    }
  }

  // ---- review -----------------------------------------------------------------------------------

  /** `lines` are 1-based; null means every record the panel's list shows. */
  private review(
    panel: vscode.WebviewPanel,
    document: CuratorDocument,
    lines: number[] | null,
    op: ReviewOp,
  ): void {
    const session = document.session;
    const targets = lines ? lines.map((l) => l - 1) : (this.views.get(panel)?.lines ?? document.model.rows);
    const count = targets.length;
    const only = count === 1 ? targets[0] + 1 : undefined;
    let outcome: EditOutcome;
    switch (op.op) {
      case 'status':
        outcome = session.setReviews(
          targets,
          (s) => ({ ...s, status: op.status }),
          statusLabel(op.status, count, only),
        );
        break;
      case 'addTag':
        outcome = session.setReviews(
          targets,
          (s) => (s.tags.includes(op.tag) ? s : { ...s, tags: [...s.tags, op.tag] }),
          scoped(l10n.t('Tag "{0}"', op.tag), count, only),
        );
        break;
      case 'removeTag':
        outcome = session.setReviews(
          targets,
          (s) => (s.tags.includes(op.tag) ? { ...s, tags: s.tags.filter((t) => t !== op.tag) } : s),
          scoped(l10n.t('Remove tag "{0}"', op.tag), count, only),
        );
        break;
      case 'note':
        outcome = session.setReviews(
          targets,
          (s) => ({ ...s, note: op.note }),
          scoped(l10n.t('Edit note'), count, only),
        );
        break;
    }
    if (outcome.ok) this.applied(document, outcome);
  }

  // ---- hand edits ---------------------------------------------------------------------------------

  private editRecord(
    panel: vscode.WebviewPanel,
    document: CuratorDocument,
    line: number,
    op: RecordEditOp,
  ): void {
    const i = line - 1;
    if (i >= document.model.lineCount) return;
    const outcome = document.session.editRecord(i, op, editLabel(op, line));
    if (outcome.ok) {
      this.applied(document, outcome);
      return;
    }
    if (outcome.reason.endsWith('unchanged')) return;
    this.post(panel, { type: 'editRefused', line, message: outcome.reason });
    void vscode.window.showWarningMessage(l10n.t('Line {0} was not changed: {1}', line, outcome.reason));
  }

  private applied(document: CuratorDocument, outcome: Extract<EditOutcome, { ok: true }>): void {
    document.changed(outcome.change);
    this.onEdit(document, outcome.edit);
  }

  // ---- filter -------------------------------------------------------------------------------------

  private setFilter(
    panel: vscode.WebviewPanel,
    document: CuratorDocument,
    filter: RecordFilter | null,
  ): void {
    const view = this.views.get(panel) ?? { filter: null, lines: null, generation: 0 };
    this.views.set(panel, view);
    view.filter = isActiveFilter(filter) ? filter : null;
    this.refilter(panel, document, true);
  }

  /**
   * Runs the panel's filter again (new filter, finished check pass, reloaded file). Without a filter the
   * list is only told when it asked (`explicit`) or was filtered: the end of a pass must not reset it.
   */
  private refilter(panel: vscode.WebviewPanel, document: CuratorDocument, explicit = false): void {
    const view = this.views.get(panel);
    if (!view) return;
    const generation = ++view.generation;
    const total = document.model.rowCount;
    const filter = view.filter;
    if (!filter) {
      const had = view.lines !== null;
      view.lines = null;
      if (had || explicit)
        this.post(panel, {
          type: 'listView',
          rowCount: total,
          totalRows: total,
          filter: null,
          running: false,
          progress: 1,
        });
      return;
    }
    const compiled = compileFilter(document.session, filter, this.toolsLookup(document));
    if (!compiled.ok) {
      this.post(panel, {
        type: 'listView',
        rowCount: view.lines?.length ?? total,
        totalRows: total,
        filter,
        running: false,
        progress: 1,
        error: compiled.error,
      });
      return;
    }
    let candidates = document.model.rows;
    const stats = filter.stats === undefined ? undefined : parseFilter(filter.stats);
    if (stats) candidates = intersectSorted(candidates, document.stats.matching(stats));
    const run = new FilterRun(compiled, candidates);
    const session = document.session;
    let lastProgress = performance.now();
    const slice = () => {
      if (view.generation !== generation || this.views.get(panel) !== view || document.session !== session)
        return;
      const done = run.step(SLICE_MS);
      if (!done) {
        const now = performance.now();
        if (now - lastProgress > PROGRESS_MS) {
          lastProgress = now;
          this.post(panel, {
            type: 'listView',
            rowCount: view.lines?.length ?? total,
            totalRows: total,
            filter,
            running: true,
            progress: run.progress,
          });
        }
        setImmediate(slice);
        return;
      }
      view.lines = run.result();
      this.post(panel, {
        type: 'listView',
        rowCount: view.lines.length,
        totalRows: total,
        filter,
        running: false,
        progress: 1,
      });
    };
    slice();
  }

  /** Tools per line from the overview's features, when the pass has computed them. */
  private toolsLookup(document: CuratorDocument): ToolsLookup {
    return (i) => {
      const record = document.stats.index.get(i)?.record;
      return record
        ? { declared: record.toolNames, called: record.calledTools.map(([name]) => name) }
        : undefined;
    };
  }

  private postCounts(panel: vscode.WebviewPanel, document: CuratorDocument): void {
    this.post(panel, { type: 'reviewCounts', counts: document.session.reviews.counts() });
  }

  dispose(): void {
    this.views.clear();
  }
}

function statusLabel(status: ReviewStatusName, count: number, only: number | undefined): string {
  const verb =
    status === 'approved'
      ? l10n.t('Approve')
      : status === 'rejected'
        ? l10n.t('Reject')
        : status === 'needs-fix'
          ? l10n.t('Mark as needing a fix')
          : l10n.t('Mark as unreviewed');
  return scoped(verb, count, only);
}

/** "Approve (line 12)" for one record, "Approve (30 records)" for a bulk action. */
function scoped(what: string, count: number, only: number | undefined): string {
  return only !== undefined ? l10n.t('{0} (line {1})', what, only) : l10n.t('{0} ({1} records)', what, count);
}

function editLabel(op: RecordEditOp, line: number): string {
  let what: string;
  switch (op.op) {
    case 'text':
      what = l10n.t('Edit turn {0}', op.turn + 1);
      break;
    case 'role':
      what = l10n.t('Change the role of turn {0} to {1}', op.turn + 1, op.role);
      break;
    case 'insert':
      what = l10n.t('Add a {0} turn', op.role);
      break;
    case 'delete':
      what = l10n.t('Delete turn {0}', op.turn + 1);
      break;
    case 'move':
      what = l10n.t('Move turn {0} to {1}', op.turn + 1, op.to + 1);
      break;
    case 'tools':
      what = l10n.t('Edit the tools');
      break;
  }
  return l10n.t('{0} (line {1})', what, line);
}
