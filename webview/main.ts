import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-split-layout/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import './styles.css';
import type { CheckStatus, FileInfo, ProblemView, Profile, ToWebview } from '../src/editor/protocol';
import { el, icon, setChildren } from './dom';
import { Host } from './host';
import { OverviewView } from './overview/overviewView';
import { problemList } from './problemsView';
import { RecordList } from './recordList';
import { recordView } from './recordView';
import { detachFields, restoreFocus } from './review/fields';
import { ReviewUi } from './review/reviewUi';
import { setLanguage, t } from './strings';

/** Counts changes during the check pass are shown at most this often, so scrolling stays smooth. */
const COUNTS_REFRESH_MS = 500;

class App {
  private readonly host = new Host();
  private readonly list: RecordList;
  /** The Overview's charts and the record list's bar filter (issue 7). */
  private readonly overview: OverviewView;
  /** Review state, bulk actions, hand edits, filters and the keyboard actions (issue 4). */
  private readonly review: ReviewUi;
  private readonly status = el('span', { class: 'status', testid: 'status', attrs: { role: 'status' } });
  private readonly profileSwitch: HTMLElement;
  private readonly body = el('main', { class: 'body' });
  private readonly detail = el('div', { class: 'detail', attrs: { tabindex: -1 } });
  private file: FileInfo | undefined;
  private profile: Profile = 'agentfabric';
  private problems: ProblemView[] = [];
  private problemsTotal = 0;
  private selected: number | null = null;
  private recordRequest = 0;
  private lastCountsRefresh = 0;

  constructor(root: HTMLElement) {
    this.list = new RecordList(
      this.host,
      { select: (line) => this.select(line), selection: (lines) => this.review.onSelection(lines) },
      (line) => this.host.locate(line),
    );
    this.profileSwitch = this.makeProfileSwitch();
    this.overview = new OverviewView(this.host, {
      resetList: (rowCount) => this.list.reset(rowCount),
      show: () => {
        this.list.clearFocus();
        this.selected = null;
        // A record still on its way must not replace the Overview when it arrives.
        this.recordRequest++;
        this.host.post({ type: 'selected', line: null });
        this.showOverview();
        this.detail.scrollTop = 0;
      },
    });
    this.review = new ReviewUi(this.host, {
      list: this.list,
      selected: () => this.selected,
      refreshRecord: () => {
        if (this.selected !== null) void this.showRecord(this.selected, true);
      },
      detail: this.detail,
    });
    const goTo = el(
      'vscode-button',
      { attrs: { secondary: true, icon: 'list-selection' }, title: t.goTo },
      t.goTo,
    );
    goTo.addEventListener('click', () => this.host.post({ type: 'command', command: 'goTo' }));
    root.append(
      el(
        'header',
        { class: 'toolbar' },
        this.status,
        el('span', { class: 'spacer' }),
        this.profileSwitch,
        this.overview.button,
        this.overview.exportButton,
        goTo,
      ),
      this.body,
      this.review.shortcuts.element,
    );
    this.host.on((m) => this.onMessage(m));
    this.host.post({ type: 'ready' });
  }

  private makeProfileSwitch(): HTMLElement {
    const radio = (profile: Profile) =>
      el(
        'vscode-radio',
        {
          attrs: {
            name: 'profile',
            value: profile,
            label: profile,
            'data-profile': profile,
            checked: profile === this.profile,
          },
        },
        profile,
      );
    const group = el(
      'vscode-radio-group',
      { class: 'profile-switch', testid: 'profile-switch', title: t.profile },
      radio('agentfabric'),
      radio('seed'),
    );
    group.addEventListener('change', () => {
      const checked = [...group.querySelectorAll('vscode-radio')].find(
        (r) => (r as HTMLElement & { checked: boolean }).checked,
      );
      const value = checked?.getAttribute('value');
      if ((value === 'agentfabric' || value === 'seed') && value !== this.profile) this.setProfile(value);
    });
    return group;
  }

  private syncProfileSwitch(): void {
    for (const r of this.profileSwitch.querySelectorAll('vscode-radio')) {
      (r as HTMLElement & { checked: boolean }).checked = r.getAttribute('value') === this.profile;
    }
    this.profileSwitch.dataset.profile = this.profile;
  }

  private setProfile(profile: Profile): void {
    this.profile = profile;
    this.syncProfileSwitch();
    this.host.post({ type: 'setProfile', profile });
    if (this.selected !== null) void this.showRecord(this.selected);
  }

  private onMessage(m: ToWebview): void {
    switch (m.type) {
      case 'init':
        this.profile = m.profile;
        this.syncProfileSwitch();
        this.showFile(m.file);
        this.setStatus(m.status);
        return;
      case 'reset':
        this.host.forgetPending();
        this.problems = [];
        this.problemsTotal = 0;
        this.showFile(m.file);
        return;
      case 'status':
        this.setStatus(m.status);
        return;
      case 'problems':
        this.problems = m.problems;
        this.problemsTotal = m.total;
        this.list.refreshCounts();
        if (this.selected === null) this.showOverview();
        return;
      case 'reveal':
        void this.list.reveal(m.line);
        return;
      case 'profile':
        this.profile = m.profile;
        this.syncProfileSwitch();
        return;
      default:
        return;
    }
  }

  private showFile(file: FileInfo): void {
    this.file = file;
    this.selected = null;
    if (file.error) {
      setChildren(
        this.body,
        el(
          'div',
          {
            class: 'file-error',
            testid: 'file-error',
            attrs: { 'data-kind': file.error.kind, role: 'alert' },
          },
          el('h2', {}, icon('error', 'sev-error'), ` ${file.error.message}`),
          el('p', {}, file.error.detail),
          el('p', { class: 'muted' }, `${file.fileName} · ${file.byteLength} bytes`),
        ),
        this.detail,
      );
      this.showOverview();
      return;
    }
    const split = el(
      'vscode-split-layout',
      {
        class: 'split',
        attrs: {
          split: 'vertical',
          'initial-handle-position': '36%',
          'min-start': '200px',
          'min-end': '300px',
        },
      },
      el(
        'div',
        { class: 'split-pane', attrs: { slot: 'start' } },
        this.review.listHeader,
        this.overview.chip,
        this.list.element,
      ),
      el('div', { class: 'split-pane', attrs: { slot: 'end' } }, this.detail),
    );
    setChildren(this.body, split);
    this.list.reset(file.rowCount);
    this.showOverview();
  }

  private setStatus(s: CheckStatus): void {
    const file = this.file;
    if (!file) return;
    const parts: string[] = [];
    if (s.state === 'done') {
      parts.push(t.records(s.records), t.errors(s.counts.error));
      if (s.counts.warning) parts.push(t.warnings(s.counts.warning));
    } else {
      parts.push(t.lines(file.lineCount));
      if (s.state === 'running') parts.push(t.checking(Math.floor(s.progress * 100)));
      if (s.state === 'cancelled') parts.push(t.checkCancelled);
      if (s.state === 'failed') parts.push(`${t.checkFailed}: ${s.message ?? ''}`);
      if (s.counts.error) parts.push(t.errors(s.counts.error));
    }
    this.status.textContent = parts.join(' · ');
    this.status.dataset.state = s.state;
    const now = Date.now();
    if (s.state === 'running' && now - this.lastCountsRefresh > COUNTS_REFRESH_MS) {
      this.lastCountsRefresh = now;
      this.list.refreshCounts();
    }
  }

  private showOverview(): void {
    const more = this.problemsTotal - this.problems.length;
    setChildren(
      this.detail,
      el(
        'section',
        { class: 'overview', testid: 'file-problems' },
        this.file && !this.file.error && this.file.rowCount > 0
          ? el('p', { class: 'muted hint' }, t.selectRecord)
          : null,
        this.file && !this.file.error ? this.overview.element : null,
        el('h3', {}, `${t.fileProblems} (${this.problemsTotal})`),
        problemList(this.problems, (p) => void this.list.reveal(p.line)),
        more > 0 ? el('p', { class: 'muted' }, t.moreProblems(more)) : null,
      ),
    );
  }

  private select(line: number): void {
    if (line !== this.selected) this.review.recordChanged();
    this.selected = line;
    this.host.post({ type: 'selected', line });
    void this.showRecord(line);
  }

  /** Shows a record; `refresh` rebuilds the one shown (it changed) keeping scroll position and focus. */
  private async showRecord(line: number, refresh = false): Promise<void> {
    const request = ++this.recordRequest;
    const answer = await this.host.record(line, this.profile);
    if (request !== this.recordRequest) return;
    if (!answer.detail) {
      setChildren(this.detail, el('p', { class: 'muted' }, `${t.line} ${line}: ${t.notARecord}`));
      return;
    }
    const scrollTop = this.detail.scrollTop;
    const focus = refresh ? detachFields(this.detail) : undefined;
    setChildren(
      this.detail,
      recordView(
        answer.detail,
        {
          compare: () => this.host.post({ type: 'command', command: 'compare', line }),
          openAsText: () => this.host.post({ type: 'command', command: 'openAsText', line }),
        },
        this.review.recordReview(answer.detail),
      ),
    );
    this.detail.scrollTop = refresh ? scrollTop : 0;
    restoreFocus(this.detail, focus);
  }
}

// The page's lang is the host's choice (curatorHtml) and the only word on the UI's language: everything,
// the chrome built before the host's first message included, is drawn in it.
setLanguage(document.documentElement.lang.startsWith('zh') ? 'zh' : 'en');
const root = document.getElementById('app');
if (root) new App(root);
