import type { ProblemView, RecordDetail, ToolView, TurnView } from '../src/editor/protocol';
import type { RecordEditOp, ToolEdit } from '../src/editor/reviewProtocol';
import { pairTurns, type Segment, type TurnPair } from './diffModel';
import { type Child, el, icon } from './dom';
import { formatBadge } from './labels';
import { problemList } from './problemsView';
import { addTurnButton, editableTurnCell, toolsEditor } from './review/editTurns';
import { t } from './strings';

export interface RecordViewActions {
  compare(): void;
  openAsText(): void;
}

/** Review and hand editing (issue 4): what the record view adds when the record can be reviewed. */
export interface RecordViewReview {
  /** The review state panel, shown under the header. */
  panel?: HTMLElement;
  /** Edit mode: the Original pane's turns are editable. */
  editing: boolean;
  /** The tools table is shown as a form. */
  editingTools: boolean;
  edit(op: RecordEditOp): void;
  setEditingTools(on: boolean): void;
}

/**
 * The record view: header, the record's problems, its tools, and the conversation turn by turn with the
 * original and the converted text side by side, differences marked. All record text goes in as text.
 */
export function recordView(
  detail: RecordDetail,
  actions: RecordViewActions,
  review?: RecordViewReview,
): HTMLElement {
  const header = el(
    'header',
    { class: 'record-header' },
    el('span', { class: 'record-line' }, `${t.line} ${detail.line}`),
    detail.id !== undefined ? el('span', { class: 'record-id', title: detail.id }, detail.id) : null,
    detail.format ? formatBadge(detail.format) : null,
    detail.shape ? el('span', { class: 'muted' }, detail.shape) : null,
    detail.edited
      ? el(
          'span',
          { class: 'badge badge-edited', testid: 'edited-badge' },
          icon('edit'),
          ` ${t.editedUnsaved}`,
        )
      : null,
    el('span', { class: 'spacer' }),
    detail.kind === 'record' ? actionButton('diff', t.compare, actions.compare) : null,
    actionButton('go-to-file', t.openAsText, actions.openAsText),
  );
  const view = el(
    'section',
    {
      class: `record-view${review?.editing ? ' editing' : ''}`,
      testid: 'record-view',
      attrs: {
        'data-line': detail.line,
        'data-review': detail.review?.status,
        'data-editing': review?.editing,
      },
    },
    header,
  );
  if (review?.panel && detail.kind === 'record') view.append(review.panel);
  if (review?.editing && detail.kind === 'record')
    view.append(el('p', { class: 'muted editing-note' }, t.rv.editing));
  const turnsBox = detail.kind === 'record' ? turnsGrid(detail, review) : null;
  view.append(
    section(
      `${t.problems} (${detail.problems.length})`,
      problemList(detail.problems, (p) => scrollToTurn(turnsBox, p)),
    ),
  );
  if (detail.kind !== 'record') {
    view.append(
      section(t.lineText, el('pre', { class: 'raw-excerpt', testid: 'raw-line' }, detail.rawExcerpt ?? '')),
    );
    return view;
  }
  view.append(section(`${t.tools} (${detail.tools.length})`, toolsSection(detail, review)));
  if (turnsBox) view.append(turnsBox);
  if (review?.editing) view.append(addTurnButton(detail.turns, review.edit));
  return view;
}

function actionButton(iconName: string, label: string, run: () => void): HTMLElement {
  const button = el('vscode-button', { attrs: { secondary: true, icon: iconName }, title: label }, label);
  button.addEventListener('click', run);
  return button;
}

function section(title: string, body: HTMLElement): HTMLElement {
  return el('vscode-collapsible', { class: 'record-section', attrs: { heading: title, open: true } }, body);
}

function toolsTable(tools: readonly ToolView[]): HTMLElement {
  if (tools.length === 0) return el('p', { class: 'muted', testid: 'tools-table' }, t.noTools);
  const headerCell = (text: string) => el('vscode-table-header-cell', {}, text);
  // Cell content sits in an inner block: the cells' own styles clip to one line, and a white-space rule on
  // the cell itself would leak into its shadow template.
  const cell = (cls: string, ...content: Child[]) =>
    el('vscode-table-cell', { class: cls }, el('div', { class: 'cell-text' }, ...content));
  const rows = tools.map((tool) =>
    el(
      'vscode-table-row',
      { attrs: { 'data-tool': tool.name } },
      cell('tool-name', tool.name),
      cell('tool-description', tool.description),
      cell(
        'tool-params',
        ...tool.params.map((p) =>
          el(
            'div',
            { class: 'param', attrs: { 'data-param': p.name, 'data-required': p.required } },
            el('span', { class: 'param-name' }, p.name),
            p.type && p.type !== 'string' ? el('span', { class: 'muted' }, ` (${p.type})`) : null,
            p.description ? ` — ${p.description}` : null,
          ),
        ),
      ),
      cell(
        'tool-required',
        tool.params
          .filter((p) => p.required)
          .map((p) => p.name)
          .join(', '),
      ),
    ),
  );
  return el(
    'vscode-table',
    {
      class: 'tools-table',
      testid: 'tools-table',
      attrs: { 'bordered-rows': true, zebra: true, columns: '["18%","32%","35%","15%"]' },
    },
    el(
      'vscode-table-header',
      { attrs: { slot: 'header' } },
      headerCell(t.toolName),
      headerCell(t.toolDescription),
      headerCell(t.toolParameters),
      headerCell(t.toolRequired),
    ),
    el('vscode-table-body', { attrs: { slot: 'body' } }, ...rows),
  );
}

/** The tools table, or in its place the form that edits it (AgentFabric records). */
function toolsSection(detail: RecordDetail, review: RecordViewReview | undefined): HTMLElement {
  if (!detail.toolsEditable || !review) return toolsTable(detail.tools);
  if (review.editingTools)
    return toolsEditor(
      detail.tools,
      (tools: ToolEdit[]) => review.edit({ op: 'tools', tools }),
      () => review.setEditingTools(false),
    );
  const edit = el(
    'button',
    { class: 'secondary-button', testid: 'tools-edit', attrs: { type: 'button' } },
    icon('edit'),
    ` ${t.rv.editTools}`,
  );
  edit.addEventListener('click', () => review.setEditingTools(true));
  return el('div', {}, toolsTable(detail.tools), edit);
}

/** Two panes on one grid, so turn N of the original sits level with turn N of the converted record. */
function turnsGrid(detail: RecordDetail, review?: RecordViewReview): HTMLElement {
  const converted = detail.converted;
  const convertedTurns: TurnView[] = converted?.ok ? converted.turns : [];
  const pairs = converted?.ok
    ? pairTurns(detail.turns, convertedTurns)
    : pairTurns(detail.turns, detail.turns);
  const rows = pairs.length + 1;
  const left = el(
    'div',
    { class: 'pane pane-original', testid: 'pane-original' },
    paneHead(t.original, null),
  );
  const right = el(
    'div',
    { class: 'pane pane-converted', testid: 'pane-converted', attrs: { 'data-profile': detail.profile } },
    paneHead(`${t.converted} · ${detail.profile}`, converted?.ok && converted.unchanged ? t.unchanged : null),
  );
  if (converted && !converted.ok) {
    for (const pair of pairs)
      left.append(
        review?.editing
          ? editableTurnCell(pair.index, detail.turns[pair.index], detail.turns.length, review.edit)
          : turnCell(pair.index, pair.leftRole, [{ text: detail.turns[pair.index].text, kind: 'same' }]),
      );
    right.append(
      el(
        'div',
        { class: 'convert-failed', testid: 'convert-failed' },
        icon('error', 'sev-error'),
        ` ${t.cannotConvert}: `,
        converted.reason,
      ),
    );
  } else {
    for (const pair of pairs) {
      const original = detail.turns[pair.index];
      // In edit mode the original side is the editor; the converted side follows each edit.
      left.append(
        review?.editing && original
          ? editableTurnCell(pair.index, original, detail.turns.length, review.edit)
          : turnCell(pair.index, pair.leftRole, pair.left, pair.status),
      );
      right.append(turnCell(pair.index, pair.rightRole, pair.right, pair.status));
    }
  }
  const grid = el('div', { class: 'turns-grid' }, left, right);
  // Set through the CSSOM: the grid's row count depends on the record.
  grid.style.gridTemplateRows = `repeat(${rows}, auto)`;
  left.style.gridRow = `1 / span ${rows}`;
  right.style.gridRow = `1 / span ${rows}`;
  return grid;
}

function paneHead(title: string, note: string | null): HTMLElement {
  return el(
    'div',
    { class: 'pane-head' },
    el('span', {}, title),
    note ? el('span', { class: 'muted' }, ` — ${note}`) : null,
  );
}

function turnCell(
  index: number,
  role: string | undefined,
  segments: readonly Segment[],
  status?: TurnPair['status'],
): HTMLElement {
  const body: Child[] = segments.map((s) =>
    s.kind === 'same' ? document.createTextNode(s.text) : el('span', { class: `seg-${s.kind}` }, s.text),
  );
  return el(
    'div',
    {
      class: `turn role-${role ?? 'none'}${status ? ` turn-${status}` : ''}`,
      attrs: { 'data-turn': index, 'data-role': role },
    },
    el('div', { class: 'turn-role' }, role ? `${index + 1} · ${role}` : ''),
    el('div', { class: 'turn-text' }, ...body),
  );
}

function scrollToTurn(turns: HTMLElement | null, p: ProblemView): void {
  if (!turns || p.turn === undefined) return;
  const cell = turns.querySelector(`.pane-original [data-turn="${p.turn}"]`);
  if (!cell) return;
  cell.scrollIntoView({ block: 'center', behavior: 'smooth' });
  cell.classList.add('flash');
  setTimeout(() => cell.classList.remove('flash'), 1200);
}
