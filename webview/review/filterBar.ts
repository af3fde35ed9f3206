import type {
  RecordFilter,
  ReviewCountsView,
  ReviewStatusName,
  ReviewToWebview,
} from '../../src/editor/reviewProtocol';
import { REVIEW_STATUS_NAMES } from '../../src/editor/reviewProtocol';
import { el, icon, setChildren } from '../dom';
import { REVIEW_ICONS } from '../recordList';
import { t } from '../strings';

/** Typing in the search box applies the filter once the user pauses this long. */
const TYPING_DEBOUNCE_MS = 250;
const FORMATS = ['ms_agent', 'agentfabric', 'agentfabric-seed', 'chat'];

type ListView = Extract<ReviewToWebview, { type: 'listView' }>;

function statusName(s: ReviewStatusName): string {
  return t.review[s];
}

/**
 * The record list's filter: review status, tag, format, problem code or severity, tool name and text
 * (plain or a regular expression) over every turn, all combined. The host runs it; this bar shows the
 * criteria, the match count ("12 of 488 rows") and the per-status and per-tag counts of the file.
 */
export class FilterBar {
  readonly element: HTMLElement;
  private readonly statusButtons = new Map<ReviewStatusName, HTMLElement>();
  private readonly search: HTMLInputElement;
  private readonly regex: HTMLInputElement;
  private readonly matchCase: HTMLInputElement;
  private readonly tag: HTMLSelectElement;
  private readonly format: HTMLSelectElement;
  private readonly severity: HTMLSelectElement;
  private readonly code: HTMLInputElement;
  private readonly tool: HTMLInputElement;
  private readonly clear: HTMLElement;
  private readonly count = el('span', {
    class: 'filter-count',
    testid: 'filter-count',
    attrs: { role: 'status' },
  });
  private readonly tagCounts = el('div', { class: 'tag-counts', testid: 'tag-counts' });
  private readonly statuses = new Set<ReviewStatusName>();
  /** The Overview's bar filter in force, combined with these criteria on the host. */
  private stats: unknown = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private counts: ReviewCountsView | undefined;
  private active = false;

  constructor(private readonly apply: (filter: RecordFilter | null) => void) {
    const statusRow = el(
      'div',
      { class: 'status-filter', testid: 'review-counts', attrs: { role: 'group' } },
      ...REVIEW_STATUS_NAMES.map((s) => {
        const b = el(
          'button',
          {
            class: `status-chip rv-${s}`,
            testid: `count-${s}`,
            title: statusName(s),
            attrs: { type: 'button', 'aria-pressed': false, 'data-status': s },
          },
          icon(REVIEW_ICONS[s]),
          el('span', { class: 'status-chip-name' }, ` ${statusName(s)} `),
          el('span', { class: 'status-chip-count' }, '0'),
        );
        b.addEventListener('click', () => {
          if (this.statuses.has(s)) this.statuses.delete(s);
          else this.statuses.add(s);
          this.changed(true);
        });
        this.statusButtons.set(s, b);
        return b;
      }),
    );

    this.search = el('input', {
      class: 'filter-search',
      testid: 'search-input',
      attrs: { type: 'search', placeholder: t.rv.search, 'aria-label': t.rv.search, 'data-focus': 'search' },
    });
    this.search.addEventListener('input', () => this.changed(false));
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.changed(true);
    });
    this.regex = el('input', { testid: 'search-regex', attrs: { type: 'checkbox' } });
    this.matchCase = el('input', { testid: 'search-case', attrs: { type: 'checkbox' } });
    for (const box of [this.regex, this.matchCase]) box.addEventListener('change', () => this.changed(true));

    this.tag = el('select', { testid: 'filter-tag', attrs: { 'aria-label': t.rv.tags } });
    this.format = el(
      'select',
      { testid: 'filter-format', attrs: { 'aria-label': t.profile } },
      el('option', { attrs: { value: '' } }, t.rv.anyFormat),
      ...FORMATS.map((f) => el('option', { attrs: { value: f } }, f)),
    );
    this.severity = el(
      'select',
      { testid: 'filter-severity', attrs: { 'aria-label': t.problems } },
      el('option', { attrs: { value: '' } }, t.rv.anySeverity),
      ...(['error', 'warning', 'info'] as const).map((s) => el('option', { attrs: { value: s } }, s)),
    );
    this.code = el('input', {
      class: 'filter-small',
      testid: 'filter-code',
      attrs: { type: 'text', placeholder: t.rv.code, 'aria-label': t.rv.code, size: 6 },
    });
    this.tool = el('input', {
      class: 'filter-small',
      testid: 'filter-tool',
      attrs: { type: 'text', placeholder: t.rv.tool, 'aria-label': t.rv.tool, size: 12 },
    });
    for (const s of [this.tag, this.format, this.severity])
      s.addEventListener('change', () => this.changed(true));
    for (const f of [this.code, this.tool]) {
      f.addEventListener('input', () => this.changed(false));
      f.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') this.changed(true);
      });
    }
    this.clear = el(
      'button',
      {
        class: 'icon-button',
        testid: 'filter-clear',
        title: t.rv.clear,
        attrs: { type: 'button', 'aria-label': t.rv.clear },
      },
      icon('clear-all'),
    );
    this.clear.addEventListener('click', () => this.reset());
    this.fillTags();

    this.element = el(
      'div',
      { class: 'filter-bar', testid: 'filter-bar' },
      el('div', { class: 'filter-row' }, statusRow, el('span', { class: 'spacer' }), this.count),
      el(
        'div',
        { class: 'filter-row' },
        icon('search'),
        this.search,
        el('label', { class: 'filter-check', title: t.rv.regex }, this.regex, ' .*'),
        el('label', { class: 'filter-check', title: t.rv.matchCase }, this.matchCase, ' Aa'),
      ),
      el(
        'div',
        { class: 'filter-row' },
        icon('filter'),
        this.tag,
        this.format,
        this.severity,
        this.code,
        this.tool,
        this.clear,
      ),
      this.tagCounts,
    );
  }

  focusSearch(): void {
    this.search.focus();
    this.search.select();
  }

  /** The Overview narrowed the list to a chart bar's records (or stopped): combine it with these criteria. */
  setStatsFilter(filter: unknown): void {
    this.stats = filter;
    if (this.active || filter !== null) this.changed(true);
  }

  /** Clicking a tag count narrows the list to it. */
  filterByTag(tag: string): void {
    this.fillTags(tag);
    this.changed(true);
  }

  setCounts(counts: ReviewCountsView): void {
    this.counts = counts;
    for (const [s, b] of this.statusButtons) {
      const n = counts.byStatus[s];
      const label = b.querySelector('.status-chip-count');
      if (label) label.textContent = String(n);
      b.dataset.count = String(n);
    }
    this.fillTags(this.tag.value);
    setChildren(
      this.tagCounts,
      ...counts.byTag.slice(0, 12).map(([tag, n]) => {
        const b = el(
          'button',
          {
            class: 'tag-pill tag-count',
            testid: 'tag-count',
            attrs: { type: 'button', 'data-tag': tag, 'data-count': n },
          },
          `${tag} `,
          el('span', { class: 'muted' }, String(n)),
        );
        b.addEventListener('click', () => this.filterByTag(tag));
        return b;
      }),
    );
  }

  /** The host's answer: how many rows match, whether it is still searching, or why it could not. */
  showView(view: ListView): void {
    this.count.classList.toggle('error', Boolean(view.error));
    if (view.error) this.count.textContent = t.rv.filterError(view.error);
    else if (view.running) this.count.textContent = t.rv.searching(Math.floor(view.progress * 100));
    else
      this.count.textContent = view.filter
        ? t.rv.shown(view.rowCount, view.totalRows)
        : t.rv.all(view.totalRows);
    this.count.dataset.rows = String(view.rowCount);
    this.count.dataset.running = String(view.running);
  }

  /** Rows shown when no filter is on (the file was opened or reloaded). */
  showTotal(rows: number): void {
    if (!this.active) {
      this.count.textContent = t.rv.all(rows);
      this.count.dataset.rows = String(rows);
    }
  }

  get isActive(): boolean {
    return this.active;
  }

  reset(): void {
    this.statuses.clear();
    this.search.value = '';
    this.regex.checked = false;
    this.matchCase.checked = false;
    this.tag.value = '';
    this.format.value = '';
    this.severity.value = '';
    this.code.value = '';
    this.tool.value = '';
    this.changed(true);
  }

  private fillTags(selected = this.tag.value): void {
    const tags = this.counts?.byTag.map(([tag]) => tag) ?? [];
    if (selected && !tags.includes(selected)) tags.unshift(selected);
    setChildren(
      this.tag,
      el('option', { attrs: { value: '' } }, t.rv.anyTag),
      ...tags.map((tag) => el('option', { attrs: { value: tag } }, tag)),
    );
    this.tag.value = selected;
  }

  private current(): RecordFilter {
    const f: RecordFilter = {};
    if (this.statuses.size > 0) f.status = [...this.statuses];
    if (this.tag.value) f.tag = this.tag.value;
    if (this.format.value) f.format = this.format.value;
    if (this.severity.value) f.severity = this.severity.value as RecordFilter['severity'];
    if (this.code.value.trim()) f.code = this.code.value.trim().toUpperCase();
    if (this.tool.value.trim()) f.tool = this.tool.value.trim();
    if (this.search.value) {
      f.text = this.search.value;
      if (this.regex.checked) f.regex = true;
      if (this.matchCase.checked) f.caseSensitive = true;
    }
    if (this.stats !== null) f.stats = this.stats;
    return f;
  }

  private changed(now: boolean): void {
    for (const [s, b] of this.statusButtons) {
      b.classList.toggle('on', this.statuses.has(s));
      b.setAttribute('aria-pressed', String(this.statuses.has(s)));
    }
    if (this.timer) clearTimeout(this.timer);
    const send = () => {
      const f = this.current();
      // With only the Overview's bar filter, the Overview narrows the list itself.
      const own = Object.keys(f).some((k) => k !== 'stats');
      const was = this.active;
      this.active = own;
      this.element.classList.toggle('active', own);
      if (own) this.apply(f);
      else if (was) this.apply(null);
    };
    if (now) send();
    else this.timer = setTimeout(send, TYPING_DEBOUNCE_MS);
  }
}
