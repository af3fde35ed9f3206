import type { RecordDetail, ToWebview } from '../../src/editor/protocol';
import type {
  CuratorAction,
  RecordEditOp,
  ReviewCountsView,
  ReviewOp,
  ReviewStatusName,
  ReviewTarget,
} from '../../src/editor/reviewProtocol';
import { el } from '../dom';
import type { Host } from '../host';
import type { RecordList } from '../recordList';
import type { RecordViewReview } from '../recordView';
import { BulkBar } from './bulkBar';
import { commitField } from './fields';
import { FilterBar } from './filterBar';
import { installKeyboard, isTyping } from './keyboard';
import { reviewPanel } from './reviewPanel';
import { ShortcutsOverlay } from './shortcuts';

export interface ReviewHooks {
  list: RecordList;
  /** The record in focus (1-based line), or null. */
  selected(): number | null;
  /** Builds the open record's view again (it changed), keeping scroll position and focus. */
  refreshRecord(): void;
  /** The element the record view is shown in. */
  detail: HTMLElement;
}

const STATUS_OF: Partial<Record<CuratorAction, ReviewStatusName>> = {
  approve: 'approved',
  reject: 'rejected',
  needsFix: 'needs-fix',
  unreviewed: 'unreviewed',
};

/**
 * The webview side of reviewing (issue 4): the filter bar with the review counts, bulk actions, the review
 * panel and edit mode of the record view, the keyboard actions VS Code relays, and the "?" overlay.
 */
export class ReviewUi {
  readonly filterBar: FilterBar;
  readonly bulkBar: BulkBar;
  readonly shortcuts = new ShortcutsOverlay();
  /** Above the record list: the filter, the counts, the bulk actions. */
  readonly listHeader: HTMLElement;
  private editing = false;
  private editingTools = false;
  private counts: ReviewCountsView | undefined;
  /** Rows the filter matched, or null when no filter of this bar is on. */
  private filteredRows: number | null = null;
  /** Rows of the Overview's bar filter when it narrows the list alone. */
  private statsRows: number | null = null;
  private selection: number[] = [];

  constructor(
    private readonly host: Host,
    private readonly hooks: ReviewHooks,
  ) {
    this.filterBar = new FilterBar((filter) => this.host.post({ type: 'setFilter', filter }));
    this.bulkBar = new BulkBar((target, op) => this.review(target, op));
    this.listHeader = el('div', { class: 'list-header' }, this.filterBar.element, this.bulkBar.element);
    this.host.on((m) => this.onMessage(m));
    installKeyboard({
      leaveField: (field) => {
        field.blur();
        this.hooks.list.focus();
      },
      escape: () => {
        if (this.shortcuts.visible) this.shortcuts.hide();
      },
      commitField: (field) => commitField(field),
    });
  }

  /** The record list's selection changed. */
  onSelection(lines: number[]): void {
    this.selection = lines;
    this.bulkBar.update(lines, this.filteredRows);
  }

  /** What the record view needs to show review state and edit the record. */
  recordReview(detail: RecordDetail): RecordViewReview {
    const line = detail.line;
    const edit = (op: RecordEditOp) => {
      // Applied tools show as the table again, rendered from the record as it now is.
      if (op.op === 'tools') this.editingTools = false;
      this.host.post({ type: 'editRecord', line, op });
    };
    return {
      panel: detail.review
        ? reviewPanel(detail.review, this.editing, {
            setStatus: (status) => this.review({ kind: 'lines', lines: [line] }, { op: 'status', status }),
            addTag: (tag) => this.review({ kind: 'lines', lines: [line] }, { op: 'addTag', tag }),
            removeTag: (tag) => this.review({ kind: 'lines', lines: [line] }, { op: 'removeTag', tag }),
            setNote: (note) => this.review({ kind: 'lines', lines: [line] }, { op: 'note', note }),
            toggleEdit: () => this.toggleEdit(),
            suggestions: () => this.counts?.byTag.map(([tag]) => tag) ?? [],
          })
        : undefined,
      editing: this.editing,
      editingTools: this.editingTools,
      edit,
      setEditingTools: (on) => {
        this.editingTools = on;
        this.hooks.refreshRecord();
      },
    };
  }

  private review(target: ReviewTarget, op: ReviewOp): void {
    if (target.kind === 'lines' && target.lines.length === 0) return;
    this.host.post({ type: 'review', target, op });
  }

  private toggleEdit(): void {
    this.editing = !this.editing;
    this.hooks.refreshRecord();
  }

  private onMessage(m: ToWebview): void {
    switch (m.type) {
      case 'init':
      case 'reset':
        this.filteredRows = null;
        this.filterBar.showTotal(m.file.rowCount);
        this.bulkBar.update(this.selection, null);
        return;
      case 'reviewCounts':
        this.counts = m.counts;
        this.filterBar.setCounts(m.counts);
        return;
      case 'listView':
        this.filterBar.showView(m);
        if (m.running || m.error) return;
        this.filteredRows = m.filter ? m.rowCount : null;
        this.hooks.list.reset(m.filter ? m.rowCount : (this.statsRows ?? m.totalRows));
        this.bulkBar.update(this.selection, this.filteredRows);
        return;
      case 'filterLines':
        this.statsRows = m.filter ? m.rowCount : null;
        this.filterBar.setStatsFilter(m.filter);
        return;
      case 'linesChanged': {
        this.hooks.list.refreshCounts();
        const open = this.hooks.selected();
        if (open !== null && (m.lines === null || m.lines.includes(open))) this.hooks.refreshRecord();
        return;
      }
      case 'action':
        this.act(m.action);
        return;
      default:
        return;
    }
  }

  /** The record in focus changed: leave the tools form. */
  recordChanged(): void {
    this.editingTools = false;
  }

  private act(action: CuratorAction): void {
    // A key typed into a field is text, never a shortcut (the keyboard hook stops most; this is the rest).
    if (isTyping()) return;
    const list = this.hooks.list;
    const status = STATUS_OF[action];
    if (status) {
      const lines = list.selection();
      if (lines.length > 0) this.review({ kind: 'lines', lines }, { op: 'status', status });
      return;
    }
    switch (action) {
      case 'next':
        list.move(1);
        return;
      case 'previous':
        list.move(-1);
        return;
      case 'tag':
        this.focusField(this.selection.length > 1 ? 'bulk-tag-input' : 'tag-input');
        return;
      case 'note':
        this.focusField('note-input');
        return;
      case 'edit':
        if (this.hooks.selected() === null) return;
        this.toggleEdit();
        return;
      case 'search':
        this.filterBar.focusSearch();
        return;
      case 'nextUnreviewed':
        void this.host.findNext(this.hooks.selected()).then(({ row, line }) => {
          if (row >= 0) list.selectRow(row, line);
        });
        return;
      case 'help':
        this.shortcuts.toggle();
        return;
      default:
        return;
    }
  }

  private focusField(testid: string): void {
    const field = document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
    field?.focus();
  }

  get isEditing(): boolean {
    return this.editing;
  }
}
