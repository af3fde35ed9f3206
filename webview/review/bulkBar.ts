import type { ReviewOp, ReviewStatusName, ReviewTarget } from '../../src/editor/reviewProtocol';
import { el, icon, setChildren } from '../dom';
import { REVIEW_ICONS } from '../recordList';
import { t } from '../strings';

const ACTIONS: [ReviewStatusName, () => string][] = [
  ['approved', () => t.rv.approve],
  ['rejected', () => t.rv.reject],
  ['needs-fix', () => t.rv.needsFix],
  ['unreviewed', () => t.rv.unreviewed],
];

/**
 * Bulk review actions: set a status, add or remove a tag on the selected records, or on every record the
 * filter shows. Shown when several records are selected or a filter is on; each action is one edit.
 */
export class BulkBar {
  readonly element = el('div', { class: 'bulk-bar', testid: 'bulk-bar', attrs: { hidden: true } });
  private selection: number[] = [];
  private filtered: number | null = null;
  private target: 'selection' | 'filter' = 'selection';

  constructor(private readonly run: (target: ReviewTarget, op: ReviewOp) => void) {}

  update(selection: number[], filtered: number | null): void {
    this.selection = selection;
    this.filtered = filtered;
    if (selection.length <= 1 && this.target === 'selection' && filtered !== null) this.target = 'filter';
    if (filtered === null) this.target = 'selection';
    if (selection.length > 1 && this.target === 'filter' && this.filtered === null) this.target = 'selection';
    this.render();
  }

  private render(): void {
    const show = this.selection.length > 1 || this.filtered !== null;
    this.element.hidden = !show;
    if (!show) return;
    const choice = (value: 'selection' | 'filter', label: string, disabled: boolean) => {
      const input = el('input', {
        testid: `bulk-target-${value}`,
        attrs: { type: 'radio', name: 'bulk-target', value, disabled },
      });
      input.checked = this.target === value;
      input.addEventListener('change', () => {
        this.target = value;
        this.render();
      });
      return el('label', { class: 'bulk-choice' }, input, ` ${label}`);
    };
    const tagInput = el('input', {
      class: 'bulk-tag',
      testid: 'bulk-tag-input',
      attrs: { type: 'text', placeholder: t.rv.tagPrompt, 'aria-label': t.rv.tagPrompt, size: 10 },
    });
    const tagButton = (op: 'addTag' | 'removeTag', label: string, name: string) => {
      const b = el(
        'button',
        { class: 'secondary-button', testid: `bulk-${op}`, attrs: { type: 'button' } },
        icon(name),
        ` ${label}`,
      );
      b.addEventListener('click', () => {
        const tag = tagInput.value.trim();
        if (tag) this.run(this.targetValue(), { op, tag });
      });
      return b;
    };
    setChildren(
      this.element,
      el('span', { class: 'bulk-title' }, `${t.rv.applyTo}:`),
      choice('selection', t.rv.toSelection(this.selection.length), this.selection.length <= 1),
      choice('filter', t.rv.toFiltered(this.filtered ?? 0), this.filtered === null),
      el(
        'span',
        { class: 'bulk-actions' },
        ...ACTIONS.map(([status, label]) => {
          const b = el(
            'button',
            { class: `secondary-button rv-${status}`, testid: `bulk-${status}`, attrs: { type: 'button' } },
            icon(REVIEW_ICONS[status]),
            ` ${label()}`,
          );
          b.addEventListener('click', () => this.run(this.targetValue(), { op: 'status', status }));
          return b;
        }),
        tagInput,
        tagButton('addTag', t.rv.tagAll, 'tag'),
        tagButton('removeTag', t.rv.untagAll, 'close'),
      ),
    );
  }

  private targetValue(): ReviewTarget {
    return this.target === 'filter' && this.filtered !== null
      ? { kind: 'filter' }
      : { kind: 'lines', lines: this.selection };
  }
}
