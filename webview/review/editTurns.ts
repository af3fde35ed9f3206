import type { ToolView, TurnView } from '../../src/editor/protocol';
import type { RecordEditOp, ToolEdit } from '../../src/editor/reviewProtocol';
import { el, icon } from '../dom';
import { t } from '../strings';
import { onCommit } from './fields';

const ROLES = ['system', 'user', 'assistant', 'tool'];

function iconButton(
  name: string,
  title: string,
  testid: string,
  run: () => void,
  disabled = false,
): HTMLElement {
  const b = el(
    'button',
    { class: 'icon-button', testid, title, attrs: { type: 'button', 'aria-label': title, disabled } },
    icon(name),
  );
  b.addEventListener('click', run);
  return b;
}

/** Rows for a text area: the text's lines, within bounds, so short turns stay short. */
function rowsFor(text: string): number {
  return Math.max(2, Math.min(24, text.split('\n').length + 1));
}

/**
 * One turn in edit mode, in the Original pane: its role, its text in a text area (committed when the
 * field is left or on Ctrl+Enter), and buttons to move, delete or add a turn after it.
 */
export function editableTurnCell(
  index: number,
  turn: TurnView,
  count: number,
  edit: (op: RecordEditOp) => void,
): HTMLElement {
  const role = el('select', {
    class: 'turn-role-select',
    testid: 'turn-role',
    title: t.rv.role,
    attrs: { 'aria-label': `${t.rv.role} ${index + 1}`, 'data-turn': index },
  });
  for (const r of ROLES.includes(turn.role) ? ROLES : [...ROLES, turn.role]) {
    const option = el('option', { attrs: { value: r } }, r);
    if (r === turn.role) option.selected = true;
    role.append(option);
  }
  role.addEventListener('change', () => edit({ op: 'role', turn: index, role: role.value }));

  const text = el('textarea', {
    class: 'turn-editor',
    testid: 'turn-editor',
    attrs: {
      'data-turn': index,
      'data-focus': `turn-${index}`,
      rows: rowsFor(turn.text),
      spellcheck: 'false',
      'aria-label': `${index + 1} · ${turn.role}`,
    },
  });
  text.value = turn.text;
  onCommit(text, () => {
    if (text.value !== turn.text) edit({ op: 'text', turn: index, text: text.value });
  });
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      text.blur();
    }
  });

  const next = turn.role === 'user' ? 'assistant' : 'user';
  const head = el(
    'div',
    { class: 'turn-role turn-edit-head' },
    el('span', {}, `${index + 1} ·`),
    role,
    el('span', { class: 'spacer' }),
    iconButton(
      'arrow-up',
      t.rv.moveUp,
      'turn-up',
      () => edit({ op: 'move', turn: index, to: index - 1 }),
      index === 0,
    ),
    iconButton(
      'arrow-down',
      t.rv.moveDown,
      'turn-down',
      () => edit({ op: 'move', turn: index, to: index + 1 }),
      index === count - 1,
    ),
    iconButton('add', t.rv.addTurnAfter, 'turn-add', () =>
      edit({ op: 'insert', at: index + 1, role: next, text: '' }),
    ),
    iconButton(
      'trash',
      t.rv.deleteTurn,
      'turn-delete',
      () => edit({ op: 'delete', turn: index }),
      count <= 1,
    ),
  );
  return el(
    'div',
    { class: `turn editing role-${turn.role}`, attrs: { 'data-turn': index, 'data-role': turn.role } },
    head,
    el('div', { class: 'turn-text' }, text),
  );
}

/** The button under the last turn in edit mode. */
export function addTurnButton(turns: readonly TurnView[], edit: (op: RecordEditOp) => void): HTMLElement {
  const last = turns[turns.length - 1]?.role;
  const role = last === 'user' ? 'assistant' : 'user';
  const b = el(
    'button',
    { class: 'add-turn', testid: 'turn-add-end', attrs: { type: 'button' } },
    icon('add'),
    ` ${t.rv.addTurn}`,
  );
  b.addEventListener('click', () => edit({ op: 'insert', at: turns.length, role, text: '' }));
  return b;
}

/**
 * The tools table as a form (AgentFabric records): names, descriptions and parameters. Applying it sends
 * the whole list; the host re-renders the system prompt from it the way the runtime does.
 */
export function toolsEditor(
  tools: readonly ToolView[],
  apply: (tools: ToolEdit[]) => void,
  cancel: () => void,
): HTMLElement {
  const state: ToolEdit[] = tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    params: tool.params.map((p) => ({
      name: p.name,
      description: p.description,
      required: p.required,
      type: p.type ?? 'string',
    })),
  }));
  const box = el('div', { class: 'tools-editor', testid: 'tools-editor' });
  const input = (
    value: string,
    placeholder: string,
    testid: string,
    set: (v: string) => void,
    focusKey: string,
  ) => {
    const f = el('input', {
      class: 'te-input',
      testid,
      attrs: { type: 'text', placeholder, 'aria-label': placeholder, 'data-focus': focusKey },
    });
    f.value = value;
    f.addEventListener('input', () => set(f.value));
    return f;
  };
  const render = () => {
    const rows = state.map((tool, ti) => {
      const params = tool.params.map((p, pi) => {
        const required = el('input', {
          testid: 'te-param-required',
          attrs: { type: 'checkbox', 'aria-label': t.rv.required },
        });
        required.checked = p.required;
        required.addEventListener('change', () => {
          p.required = required.checked;
        });
        return el(
          'div',
          { class: 'te-param', attrs: { 'data-param': pi } },
          input(
            p.name,
            t.rv.paramName,
            'te-param-name',
            (v) => {
              p.name = v;
            },
            `tool-${ti}-param-${pi}-name`,
          ),
          input(
            p.description,
            t.rv.paramDescription,
            'te-param-description',
            (v) => {
              p.description = v;
            },
            `tool-${ti}-param-${pi}-desc`,
          ),
          input(
            p.type ?? 'string',
            t.rv.paramType,
            'te-param-type',
            (v) => {
              p.type = v;
            },
            `tool-${ti}-param-${pi}-type`,
          ),
          el('label', { class: 'te-required' }, required, ` ${t.rv.required}`),
          iconButton('trash', t.rv.deleteParam, 'te-param-delete', () => {
            tool.params.splice(pi, 1);
            render();
          }),
        );
      });
      const description = el('textarea', {
        class: 'te-description',
        testid: 'te-tool-description',
        attrs: {
          rows: 2,
          placeholder: t.rv.toolDescription,
          'aria-label': t.rv.toolDescription,
          'data-focus': `tool-${ti}-desc`,
        },
      });
      description.value = tool.description;
      description.addEventListener('input', () => {
        tool.description = description.value;
      });
      return el(
        'div',
        { class: 'te-tool', attrs: { 'data-tool': ti } },
        el(
          'div',
          { class: 'te-tool-head' },
          input(
            tool.name,
            t.rv.toolName,
            'te-tool-name',
            (v) => {
              tool.name = v;
            },
            `tool-${ti}-name`,
          ),
          el('span', { class: 'spacer' }),
          iconButton('trash', t.rv.deleteTool, 'te-tool-delete', () => {
            state.splice(ti, 1);
            render();
          }),
        ),
        description,
        ...params,
        el(
          'button',
          {
            class: 'link-button',
            testid: 'te-param-add',
            attrs: { type: 'button' },
            on: {
              click: () => {
                tool.params.push({ name: '', description: '', required: false, type: 'string' });
                render();
              },
            },
          },
          icon('add'),
          ` ${t.rv.addParam}`,
        ),
      );
    });
    const applyButton = el(
      'button',
      { class: 'primary-button', testid: 'tools-apply', attrs: { type: 'button' } },
      icon('check'),
      ` ${t.rv.applyTools}`,
    );
    // Sent as typed: the host trims names and drops the default type (recordOps.ts), one rule for all edits.
    applyButton.addEventListener('click', () => apply(state));
    const cancelButton = el(
      'button',
      { class: 'secondary-button', testid: 'tools-cancel', attrs: { type: 'button' } },
      t.rv.cancel,
    );
    cancelButton.addEventListener('click', cancel);
    box.replaceChildren(
      ...rows,
      el(
        'button',
        {
          class: 'link-button',
          testid: 'te-tool-add',
          attrs: { type: 'button' },
          on: {
            click: () => {
              state.push({ name: '', description: '', params: [] });
              render();
            },
          },
        },
        icon('add'),
        ` ${t.rv.addTool}`,
      ),
      el('p', { class: 'muted' }, t.rv.toolsNote),
      el('div', { class: 'te-actions' }, applyButton, cancelButton),
    );
  };
  render();
  return box;
}
