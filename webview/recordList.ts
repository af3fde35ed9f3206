import { PAGE_SIZE, type RowSummary } from '../src/editor/protocol';
import { el, icon, setChildren } from './dom';
import type { Host } from './host';
import { formatBadge } from './labels';
import { t } from './strings';
import { layoutWindow, pagesCovering, scrollTopToShow } from './virtualWindow';

export const ROW_HEIGHT = 26;
/** Pages kept in memory; older ones are dropped and fetched again if scrolled back to. */
const MAX_PAGES = 60;

/**
 * The virtualised record list: a fixed-height row per record (or per line that should have been one),
 * only the rows in view in the DOM, rows fetched from the host a page at a time and reused as the list
 * scrolls. Smooth on 300,000 rows because nothing here is proportional to the row count.
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
  /** Bumped when problem counts change: pages from before are shown until their refetch arrives. */
  private countsVersion = 0;
  private selectedRow = -1;
  private selectedLine: number | null = null;
  private frame = 0;
  private pendingRevealLine: number | null = null;
  private readonly rendered = new WeakMap<HTMLElement, RowSummary>();

  constructor(
    private readonly host: Host,
    private readonly onSelect: (line: number) => void,
    private readonly rowOfLine: (line: number) => Promise<number>,
  ) {
    this.spacer = el('div', { class: 'list-spacer' });
    this.rowsHost = el('div', { class: 'list-rows', attrs: { role: 'listbox' } });
    this.spacer.append(this.rowsHost);
    this.viewport = el('div', { class: 'list-viewport', attrs: { tabindex: 0 } }, this.spacer);
    this.element = el('div', { class: 'record-list' }, this.viewport);
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  /** A new file (or the same file reloaded): forget every row. */
  reset(rowCount: number): void {
    this.generation++;
    this.rowCount = rowCount;
    this.pages.clear();
    this.loading.clear();
    this.selectedRow = -1;
    this.viewport.scrollTop = 0;
    this.schedule();
  }

  /** Problem counts changed (check pass progress): refetch pages as they come into view, without flicker. */
  refreshCounts(): void {
    this.countsVersion++;
    this.schedule();
  }

  /** Selects the row of a 1-based line and scrolls it into view. */
  async reveal(line: number): Promise<void> {
    this.pendingRevealLine = line;
    const row = await this.rowOfLine(line);
    if (this.pendingRevealLine !== line || row < 0) return;
    this.pendingRevealLine = null;
    this.select(row, line);
    this.scrollToRow(row);
  }

  focus(): void {
    this.viewport.focus();
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
      this.schedule();
    });
  }

  private makeRow(): HTMLElement {
    const row = el('div', { class: 'row', attrs: { role: 'option' } });
    row.addEventListener('click', () => {
      const r = Number(row.dataset.row);
      const line = Number(row.dataset.line);
      if (Number.isFinite(r) && Number.isFinite(line) && line > 0) this.select(r, line);
    });
    return row;
  }

  private fillRow(node: HTMLElement, r: number, row: RowSummary | undefined): void {
    node.dataset.row = String(r);
    const selected = r === this.selectedRow;
    node.classList.toggle('selected', selected);
    node.setAttribute('aria-selected', String(selected));
    if (!row) {
      // Not loaded yet: a placeholder without the test hook, so tests only count real rows.
      delete node.dataset.testid;
      this.rendered.delete(node);
      node.dataset.line = '';
      node.className = `row placeholder${selected ? ' selected' : ''}`;
      setChildren(
        node,
        el('span', { class: 'cell-line' }, '…'),
        el('span', { class: 'cell-id muted' }, t.loading),
      );
      return;
    }
    // Rows are immutable answers from the host: the same object means nothing to redraw.
    if (this.rendered.get(node) === row) return;
    this.rendered.set(node, row);
    node.dataset.line = String(row.line);
    node.dataset.testid = row.kind === 'record' ? 'record-row' : 'error-row';
    node.className = `row ${row.kind}${selected ? ' selected' : ''}`;
    setChildren(node, ...rowCells(row));
  }

  private select(r: number, line: number): void {
    this.selectedRow = r;
    this.selectedLine = line;
    for (const child of this.rowsHost.children) {
      const node = child as HTMLElement;
      const on = node.dataset.row === String(r);
      node.classList.toggle('selected', on);
      node.setAttribute('aria-selected', String(on));
    }
    this.onSelect(line);
  }

  private onKey(e: KeyboardEvent): void {
    const step =
      e.key === 'ArrowDown'
        ? 1
        : e.key === 'ArrowUp'
          ? -1
          : e.key === 'PageDown'
            ? 20
            : e.key === 'PageUp'
              ? -20
              : 0;
    if (step === 0 || this.rowCount === 0) return;
    e.preventDefault();
    const r = Math.max(0, Math.min(this.rowCount - 1, (this.selectedRow < 0 ? -1 : this.selectedRow) + step));
    this.scrollToRow(r);
    const row = this.rowAt(r);
    if (row) this.select(r, row.line);
    else {
      this.selectedRow = r;
      // The page is on its way; select once it is there.
      void this.host.rows(r, 1).then((a) => a.rows[0] && this.select(r, a.rows[0].line));
    }
  }

  get selected(): number | null {
    return this.selectedLine;
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
  if (row.format) cells.push(formatBadge(row.format));
  cells.push(problemBadges(row));
  cells.push(
    el(
      'span',
      {
        class: `review review-${row.review}`,
        title: t.review[row.review],
        attrs: { 'data-review': row.review },
      },
      icon(
        row.review === 'approved'
          ? 'pass'
          : row.review === 'rejected'
            ? 'circle-slash'
            : row.review === 'needs-fix'
              ? 'tools'
              : 'circle-large-outline',
      ),
    ),
  );
  return cells;
}

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
