import type { StatsFilter } from '../../src/core/stats/filters';
import type { StatsSummary } from '../../src/core/stats/summary';
import type { ToWebview } from '../../src/editor/protocol';
import { el, icon, setChildren } from '../dom';
import type { Host } from '../host';
import { BarChartView } from './barChart';
import { type ChartSpec, type ChipSpec, overviewSpec, type TableRow } from './chartSpecs';
import './overview.css';
import { formatNumber, type OverviewStrings, overviewStrings } from './strings';
import { onThemeChange, type Palette, readPalette } from './theme';

export interface OverviewHooks {
  /** The record list now has `rowCount` rows (a bar filter was set or cleared). */
  resetList(rowCount: number): void;
  /** Show the overview in the detail pane. */
  show(): void;
}

interface Card {
  root: HTMLElement;
  summary: HTMLElement;
  chips: HTMLElement;
  note: HTMLElement;
  canvasBox: HTMLElement;
  canvas: HTMLCanvasElement;
  empty: HTMLElement;
  table: HTMLElement;
  chart?: BarChartView;
}

/** Canvas heights: a histogram is one height; a horizontal chart grows with its bars. */
const HISTOGRAM_HEIGHT = 170;
const ROW_HEIGHT = 20;

/**
 * The curator's Overview (issue 7): the figures of the whole file as charts with tables under them,
 * updated as the check pass streams in and as records are edited and reviewed. Clicking a bar (or a
 * chip, or a table row's button) asks the host to narrow the record list to those records; the chip
 * above the list shows the filter with a button to clear it.
 */
export class OverviewView {
  readonly element: HTMLElement;
  /** The "Filtered: …" chip, placed above the record list. */
  readonly chip: HTMLElement;
  /** Toolbar buttons. */
  readonly button: HTMLElement;
  readonly exportButton: HTMLElement;

  private readonly t: OverviewStrings = overviewStrings();
  private readonly headline = el('p', { class: 'stats-headline', testid: 'stats-headline' });
  private readonly formats = el('div', { class: 'stats-chips' });
  private readonly pending = el('p', { class: 'muted stats-pending' });
  private readonly grid = el('div', { class: 'stats-grid' });
  private readonly cards = new Map<string, Card>();
  private palette: Palette | undefined;
  private summary: StatsSummary | undefined;
  private tokenizerError: string | undefined;

  constructor(
    private readonly host: Host,
    private readonly hooks: OverviewHooks,
  ) {
    const t = this.t;
    this.element = el(
      'section',
      { class: 'stats-overview', testid: 'overview', attrs: { 'aria-label': t.heading } },
      el('h3', {}, t.heading),
      this.headline,
      this.formats,
      this.pending,
      el('p', { class: 'muted stats-hint' }, t.clickHint),
      this.grid,
    );
    this.chip = el('div', {
      class: 'stats-filter',
      testid: 'stats-filter',
      attrs: { role: 'status', hidden: true },
    });
    this.button = el(
      'vscode-button',
      { testid: 'overview-button', title: t.overviewTitle, attrs: { secondary: true, icon: 'graph' } },
      t.overview,
    );
    this.button.addEventListener('click', () => this.hooks.show());
    this.exportButton = el(
      'vscode-button',
      { testid: 'export-button', title: t.exportTitle, attrs: { secondary: true, icon: 'export' } },
      t.export,
    );
    this.exportButton.addEventListener('click', () => this.host.post({ type: 'exportDataset' }));
    this.host.on((m) => this.onMessage(m));
    onThemeChange(() => this.retheme());
  }

  private onMessage(m: ToWebview): void {
    switch (m.type) {
      case 'stats':
        this.summary = m.summary;
        this.tokenizerError = m.tokenizerError;
        this.pending.textContent = m.complete ? '' : this.t.pending;
        this.render();
        return;
      case 'filterLines':
        this.showFilter(m.filter, m.label, m.rowCount, m.totalRows);
        this.hooks.resetList(m.rowCount);
        return;
      case 'reset':
      case 'init':
        this.showFilter(null, '', 0, 0);
        return;
      default:
        return;
    }
  }

  private filterBy(filter: StatsFilter): void {
    this.host.post({ type: 'statsFilter', filter });
  }

  private showFilter(filter: StatsFilter | null, label: string, rows: number, total: number): void {
    if (!filter) {
      this.chip.hidden = true;
      setChildren(this.chip);
      return;
    }
    const clear = el(
      'button',
      { class: 'stats-filter-clear', testid: 'stats-filter-clear', title: this.t.clear },
      icon('close'),
    );
    clear.setAttribute('aria-label', this.t.clear);
    clear.addEventListener('click', () => this.host.post({ type: 'clearStatsFilter' }));
    setChildren(
      this.chip,
      icon('filter'),
      el('span', { class: 'stats-filter-label' }, `${this.t.filtered}: ${label}`),
      el(
        'span',
        { class: 'stats-filter-count', testid: 'stats-filter-count', attrs: { 'data-rows': rows } },
        this.t.filteredCount(formatNumber(rows), formatNumber(total)),
      ),
      clear,
    );
    this.chip.hidden = false;
  }

  private retheme(): void {
    this.palette = readPalette();
    for (const card of this.cards.values()) card.chart?.setPalette(this.palette);
    this.markTheme();
  }

  /** Which theme the charts were last drawn in (tests wait on it after a theme switch). */
  private markTheme(): void {
    this.element.dataset.theme = document.body.dataset.vscodeThemeKind ?? '';
  }

  private render(): void {
    const s = this.summary;
    if (!s) return;
    const spec = overviewSpec(s, this.t, this.tokenizerError);
    this.headline.textContent = spec.headline.join(' · ');
    setChildren(this.formats, ...spec.formats.map((c) => this.chipButton(c)));
    this.palette ??= readPalette();
    for (const chart of spec.charts) this.renderCard(chart, this.palette);
    this.markTheme();
  }

  private renderCard(spec: ChartSpec, palette: Palette): void {
    let card = this.cards.get(spec.id);
    if (!card) {
      card = this.makeCard(spec);
      this.cards.set(spec.id, card);
      this.grid.append(card.root);
    }
    card.summary.textContent = spec.summary;
    card.note.textContent = spec.note ?? '';
    card.note.hidden = !spec.note;
    setChildren(card.chips, ...(spec.chips ?? []).map((c) => this.chipButton(c)));
    const hasBars = spec.bars.some((b) => b.value > 0);
    card.empty.hidden = hasBars;
    card.empty.textContent = spec.empty;
    card.canvasBox.hidden = !hasBars;
    card.canvasBox.style.height = `${spec.horizontal ? Math.max(60, spec.bars.length * ROW_HEIGHT + 30) : HISTOGRAM_HEIGHT}px`;
    card.canvas.setAttribute(
      'aria-label',
      this.t.chartAlt(spec.title, spec.bars.map((b) => `${b.label}: ${formatNumber(b.value)}`).join(', ')),
    );
    if (hasBars) {
      if (card.chart) card.chart.update(spec);
      else card.chart = new BarChartView(card.canvas, spec, palette, (bar) => this.filterBy(bar.filter));
    }
    setChildren(card.table, this.table(spec.table.head, spec.table.rows));
  }

  private makeCard(spec: ChartSpec): Card {
    const canvas = el('canvas', { attrs: { role: 'img' } });
    const canvasBox = el('div', { class: 'stats-canvas' }, canvas);
    const table = el('div', { class: 'stats-table-box' });
    const card: Card = {
      root: el('article', {
        class: 'stats-card',
        testid: `chart-${spec.id}`,
        attrs: { 'data-chart': spec.id },
      }),
      summary: el('p', { class: 'stats-summary muted' }),
      chips: el('div', { class: 'stats-chips' }),
      note: el('p', { class: 'stats-note' }),
      canvasBox,
      canvas,
      empty: el('p', { class: 'muted stats-empty' }),
      table,
    };
    const details = el('details', { class: 'stats-details' }, el('summary', {}, this.t.table), table);
    card.root.append(
      el('h4', {}, spec.title),
      card.summary,
      card.chips,
      card.note,
      canvasBox,
      card.empty,
      details,
    );
    return card;
  }

  private table(head: string[], rows: TableRow[]): HTMLElement {
    const headRow = el('tr', {}, ...head.map((h) => el('th', { attrs: { scope: 'col' } }, h)), el('th', {}));
    const body = rows.map((r) => {
      const action = r.filter
        ? el('button', { class: 'stats-row-filter', title: this.t.filterBy }, icon('filter'))
        : null;
      if (action && r.filter) {
        const filter = r.filter;
        action.setAttribute('aria-label', `${this.t.filterBy}: ${r.cells[0]}`);
        action.addEventListener('click', () => this.filterBy(filter));
      }
      return el('tr', {}, ...r.cells.map((c) => el('td', {}, c)), el('td', {}, action));
    });
    return el('table', { class: 'stats-table' }, el('thead', {}, headRow), el('tbody', {}, ...body));
  }

  private chipButton(c: ChipSpec): HTMLElement {
    const b = el(
      'button',
      {
        class: `stats-chip tone-${c.tone}`,
        testid: `chip-${c.id}`,
        title: this.t.filterBy,
        attrs: { disabled: c.count === 0 },
      },
      c.text,
    );
    b.addEventListener('click', () => this.filterBy(c.filter));
    return b;
  }
}
