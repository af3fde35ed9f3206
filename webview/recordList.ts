import { PAGE_SIZE, type RowSummary } from '../src/editor/protocol';
import { el, icon, setChildren } from './dom';
import type { Host } from './host';
import { formatBadge } from './labels';
import { t } from './strings';
import { layoutWindow, pagesCovering, scrollTopToShow } from './virtualWindow';

export const ROW_HEIGHT = 26;
/** Pages kept in memory; older ones are dropped and fetched again if scrolled back to. */
const MAX_PAGES = 60;
/** Most rows a shift-click may add to the selection at once. */
const MAX_RANGE = 50_000;

export interface RecordListEvents {
  /** The record in focus changed (1-based line). */
  select(line: number): void;
  /** The set of selected records changed. */
  selection?(lines: number[]): void;
}

/**
 * The virtualised record list: a fixed-height row per record (or per line that should have been one),
 * only the rows in view in the DOM, rows fetched from the host a page at a time and reused as the list
 * scrolls. Smooth on 300,000 rows because nothing here is proportional to the row count.
 *
 * One record is in focus (shown on the right); more can be selected with Ctrl/Cmd+click and
 * Shift+click for bulk review actions.
 */
export class RecordList {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsHost: HTMLElement;
  private rowCount = 0;
  private readonly pages = new Map<number, { rows: RowSummary[]; counts: number }>();
  private readonly loading = new Set<number>();
  /** Bumped when the file is reset: answers for an older generation are dropped. */
  private generation = 0;
  /** Bumped when rows change (check pass progress, review, edits): pages are refetched as they show. */
  private countsVersion = 0;
  private currentRow = -1;
  private currentLine: number | null = null;
  /** Selected lines beyond the one in focus (1-based); empty for a single selection. */
  private readonly marked = new Set<number>();
  private anchorRow = -1;
  private frame = 0;
  private pendingRevealLine: number | null = null;
  private readonly rendered = new WeakMap<HTMLElement, RowSummary>();
  private readonly events: RecordListEvents;

  constructor(
    private readonly host: Host,
    events: RecordListEvents | ((line: number) => void),
    private readonly rowOfLine: (line: number) => Promise<number>,
  ) {
    this.events = typeof events === 'function' ? { select: events } : events;
    this.spacer = el('div', { class: 'list-spacer' });
    this.rowsHost = el('div', {
      class: 'list-rows',
      attrs: { role: 'listbox', 'aria-multiselectable': 'true' },
    });
    this.spacer.append(this.rowsHost);
    this.viewport = el(
      'div',
      { class: 'list-viewport', testid: 'record-list', attrs: { tabindex: 0 } },
      this.spacer,
    );
    this.element = el('div', { class: 'record-list' }, this.viewport);
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  /** A new file, the file reloaded, or a new filter: forget every row (the record in focus stays shown). */
  reset(rowCount: number): void {
    this.generation++;
    this.rowCount = rowCount;
    this.pages.clear();
    this.loading.clear();
    this.currentRow = -1;
    this.anchorRow = -1;
    if (this.marked.size > 0) {
      this.marked.clear();
      this.events.selection?.(this.selection());
    }
    this.viewport.scrollTop = 0;
    this.schedule();
  }

  /** Rows changed (check pass progress, review state, edits): refetch pages as they come into view, without flicker. */
  refreshCounts(): void {
    this.countsVersion++;
    this.schedule();
  }

  get size(): number {
    return this.rowCount;
  }

  /** Selects the row of a 1-based line and scrolls it into view. */
  async reveal(line: number): Promise<void> {
    this.pendingRevealLine = line;
    const row = await this.rowOfLine(line);
    if (this.pendingRevealLine !== line || row < 0) return;
    this.pendingRevealLine = null;
    this.selectRow(row, line);
  }

  /** Puts row `row` (showing 1-based `line`) in focus, alone, and scrolls to it. */
  selectRow(row: number, line: number): void {
    this.select(row, line, 'single');
    this.scrollToRow(row);
  }

  focus(): void {
    this.viewport.focus();
  }

  /** No record in focus and none marked (the Overview took the detail pane): no row stays highlighted. */
  clearFocus(): void {
    const before = this.selection();
    this.marked.clear();
    this.currentRow = -1;
    this.anchorRow = -1;
    this.currentLine = null;
    this.restyle();
    if (before.length > 0) this.events.selection?.([]);
  }

  /** The 1-based lines selected: the marked ones, or the one in focus. */
  selection(): number[] {
    if (this.marked.size > 0) return [...this.marked].sort((a, b) => a - b);
    return this.currentLine === null ? [] : [this.currentLine];
  }

  get selected(): number | null {
    return this.currentLine;
  }

  /** Moves the focus `step` rows down (negative: up), as j/k and the arrow keys do. */
  move(step: number): void {
    if (this.rowCount === 0) return;
    const from = this.currentRow < 0 ? this.findLoadedRow(this.currentLine) : this.currentRow;
    const r = Math.max(0, Math.min(this.rowCount - 1, (from < 0 ? -1 : from) + step));
    this.scrollToRow(r);
    const row = this.rowAt(r);
    if (row) this.select(r, row.line, 'single');
    else {
      this.currentRow = r;
      // The page is on its way; select once it is there.
      void this.host.rows(r, 1).then((a) => a.rows[0] && this.select(r, a.rows[0].line, 'single'));
    }
  }

  private findLoadedRow(line: number | null): number {
    if (line === null) return -1;
    for (const [page, { rows }] of this.pages) {
      const k = rows.findIndex((row) => row.line === line);
      if (k >= 0) return page * PAGE_SIZE + k;
    }
    return -1;
  }

  private geometry() {
    return {
      rowCount: this.rowCount,
      rowHeight: ROW_HEIGHT,
      viewportHeight: this.viewport.clientHeight || 600,
    };
  }

  private scrollToRow(row: number): void {
    this.viewport.scrollTop = scrollTopToShow(this.geometry(), this.viewport.scrollTop, row);
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const layout = layoutWindow(this.geometry(), this.viewport.scrollTop);
    this.spacer.style.height = `${layout.spacerHeight}px`;
    this.rowsHost.style.transform = `translateY(${layout.offsetY}px)`;
    for (const p of pagesCovering(layout.first, layout.end, PAGE_SIZE)) this.load(p);
    const wanted = layout.end - layout.first;
    // Reuse row elements: only their text changes as the list scrolls.
    while (this.rowsHost.children.length > wanted) this.rowsHost.lastElementChild?.remove();
    while (this.rowsHost.children.length < wanted) this.rowsHost.append(this.makeRow());
    for (let k = 0; k < wanted; k++) {
      const r = layout.first + k;
      const row = this.rowAt(r);
      this.fillRow(this.rowsHost.children[k] as HTMLElement, r, row);
    }
  }

  private rowAt(r: number): RowSummary | undefined {
    return this.pages.get(Math.floor(r / PAGE_SIZE))?.rows[r % PAGE_SIZE];
  }

  private load(page: number): void {
    const have = this.pages.get(page);
    if ((have && have.counts === this.countsVersion) || this.loading.has(page)) return;
    this.loading.add(page);
    const generation = this.generation;
    const counts = this.countsVersion;
    void this.host.rows(page * PAGE_SIZE, PAGE_SIZE).then((answer) => {
      if (generation !== this.generation) return;
      this.loading.delete(page);
      this.pages.delete(page);
      this.pages.set(page, { rows: answer.rows, counts });
      if (this.pages.size > MAX_PAGES) {
        const oldest = this.pages.keys().next().value;
        if (oldest !== undefined && oldest !== page) this.pages.delete(oldest);
      }
      if (this.currentRow < 0 && this.currentLine !== null) {
        const k = answer.rows.findIndex((row) => row.line === this.currentLine);
        if (k >= 0) this.currentRow = page * PAGE_SIZE + k;
      }
      this.schedule();
    });
  }

  private makeRow(): HTMLElement {
    const row = el('div', { class: 'row', attrs: { role: 'option' } });
    row.addEventListener('click', (e) => {
      const r = Number(row.dataset.row);
      const line = Number(row.dataset.line);
      if (!Number.isFinite(r) || !Number.isFinite(line) || line <= 0) return;
      if (e.shiftKey) void this.selectRange(r, line);
      else this.select(r, line, e.ctrlKey || e.metaKey ? 'toggle' : 'single');
    });
    return row;
  }

  private fillRow(node: HTMLElement, r: number, row: RowSummary | undefined): void {
    node.dataset.row = String(r);
    if (!row) {
      // Not loaded yet: a placeholder without the test hook, so tests only count real rows.
      delete node.dataset.testid;
      this.rendered.delete(node);
      node.dataset.line = '';
      node.className = 'row placeholder';
      node.setAttribute('aria-selected', 'false');
      setChildren(
        node,
        el('span', { class: 'cell-line' }, '…'),
        el('span', { class: 'cell-id muted' }, t.loading),
      );
      return;
    }
    const focused = row.line === this.currentLine;
    const selected = focused || this.marked.has(row.line);
    node.className = `row ${row.kind}${focused ? ' selected' : ''}${selected && this.marked.size > 0 ? ' marked' : ''}`;
    node.setAttribute('aria-selected', String(selected));
    // Rows are immutable answers from the host: the same object means nothing to redraw.
    if (this.rendered.get(node) === row) return;
    this.rendered.set(node, row);
    node.dataset.line = String(row.line);
    node.dataset.testid = row.kind === 'record' ? 'record-row' : 'error-row';
    node.dataset.review = row.review;
    if (row.unsaved) node.dataset.unsaved = 'true';
    else delete node.dataset.unsaved;
    setChildren(node, ...rowCells(row));
  }

  private restyle(): void {
    for (const child of this.rowsHost.children) {
      const node = child as HTMLElement;
      const row = this.rendered.get(node);
      if (row) this.fillRow(node, Number(node.dataset.row), row);
    }
  }

  private select(r: number, line: number, mode: 'single' | 'toggle'): void {
    const before = this.selection();
    if (mode === 'toggle') {
      // The first ctrl-click keeps the record in focus in the selection.
      if (this.marked.size === 0 && this.currentLine !== null) this.marked.add(this.currentLine);
      if (this.marked.has(line) && this.marked.size > 1) this.marked.delete(line);
      else this.marked.add(line);
    } else this.marked.clear();
    this.currentRow = r;
    this.anchorRow = r;
    const changedFocus = this.currentLine !== line;
    this.currentLine = line;
    this.restyle();
    if (changedFocus || mode === 'single') this.events.select(line);
    const after = this.selection();
    if (before.length !== after.length || before.some((l, k) => l !== after[k]))
      this.events.selection?.(after);
  }

  /** Shift+click: every row between the anchor and this one, fetching rows that are not loaded. */
  private async selectRange(r: number, line: number): Promise<void> {
    const anchor = this.anchorRow < 0 ? r : this.anchorRow;
    const from = Math.min(anchor, r);
    const to = Math.min(Math.max(anchor, r), from + MAX_RANGE - 1);
    const lines: number[] = [];
    for (let start = from; start <= to; start += 2000) {
      const count = Math.min(2000, to - start + 1);
      const loaded: RowSummary[] = [];
      for (let k = 0; k < count; k++) {
        const row = this.rowAt(start + k);
        if (!row) break;
        loaded.push(row);
      }
      const rows = loaded.length === count ? loaded : (await this.host.rows(start, count)).rows;
      for (const row of rows) if (row.kind === 'record') lines.push(row.line);
    }
    this.marked.clear();
    for (const l of lines) this.marked.add(l);
    this.currentRow = r;
    const changedFocus = this.currentLine !== line;
    this.currentLine = line;
    this.restyle();
    if (changedFocus) this.events.select(line);
    this.events.selection?.(this.selection());
  }

  private onKey(e: KeyboardEvent): void {
    // j/k and the arrows are VS Code commands (rebindable); paging stays with the list.
    const step =
      e.key === 'PageDown'
        ? 20
        : e.key === 'PageUp'
          ? -20
          : e.key === 'Home'
            ? -1e9
            : e.key === 'End'
              ? 1e9
              : 0;
    if (step === 0 || this.rowCount === 0) return;
    e.preventDefault();
    this.move(step);
  }
}

function rowCells(row: RowSummary): HTMLElement[] {
  const cells: HTMLElement[] = [el('span', { class: 'cell-line' }, String(row.line))];
  if (row.kind === 'invalid') {
    cells.push(
      el('span', { class: 'badge badge-error' }, t.notARecord),
      el('span', { class: 'cell-message', title: row.message ?? '' }, row.message ?? ''),
    );
    return cells;
  }
  cells.push(
    el(
      'span',
      { class: `cell-id${row.id === undefined ? ' muted' : ''}`, title: row.id ?? '' },
      row.id ?? t.noId,
    ),
  );
  if (row.tags?.length)
    cells.push(
      el(
        'span',
        { class: 'row-tags', title: row.tags.join(', ') },
        ...row.tags
          .slice(0, 2)
          .map((tag) => el('span', { class: 'tag-pill', attrs: { 'data-tag': tag } }, tag)),
        row.tags.length > 2 ? el('span', { class: 'muted' }, `+${row.tags.length - 2}`) : null,
      ),
    );
  if (row.format) cells.push(formatBadge(row.format));
  cells.push(problemBadges(row));
  if (row.edited) cells.push(el('span', { class: 'row-edited', title: t.editedUnsaved }, icon('edit')));
  if (row.note) cells.push(el('span', { class: 'row-note', title: t.hasNote }, icon('note')));
  cells.push(
    el(
      'span',
      {
        class: `review review-${row.review}${row.unsaved ? ' unsaved' : ''}`,
        testid: 'row-review',
        title: t.review[row.review],
        attrs: { 'data-review': row.review },
      },
      icon(REVIEW_ICONS[row.review]),
    ),
  );
  return cells;
}

export const REVIEW_ICONS = {
  approved: 'pass',
  rejected: 'circle-slash',
  'needs-fix': 'tools',
  unreviewed: 'circle-large-outline',
} as const;

function problemBadges(row: RowSummary): HTMLElement {
  const box = el('span', { class: 'cell-problems' });
  if (!row.counts) return box;
  const { error, warning, info } = row.counts;
  const codes = row.codes ?? [];
  if (error)
    box.append(
      el('span', { class: 'count count-error', title: codes.join(', ') }, icon('error'), String(error)),
    );
  if (warning)
    box.append(
      el('span', { class: 'count count-warning', title: codes.join(', ') }, icon('warning'), String(warning)),
    );
  if (info && !error && !warning)
    box.append(
      el('span', { class: 'count count-info', title: codes.join(', ') }, icon('info'), String(info)),
    );
  for (const code of codes.slice(0, 3))
    box.append(el('span', { class: 'code', attrs: { 'data-code': code } }, code));
  return box;
}
