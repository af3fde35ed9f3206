import type { ReviewStatusName, ReviewView } from '../../src/editor/reviewProtocol';
import { el, icon } from '../dom';
import { REVIEW_ICONS } from '../recordList';
import { t } from '../strings';
import { onCommit } from './fields';

export interface ReviewPanelActions {
  setStatus(status: ReviewStatusName): void;
  addTag(tag: string): void;
  removeTag(tag: string): void;
  setNote(note: string): void;
  toggleEdit(): void;
  /** Tags already in use in the file, most used first. */
  suggestions(): string[];
}

const STATUS_ORDER: ReviewStatusName[] = ['approved', 'rejected', 'needs-fix', 'unreviewed'];

function statusLabel(status: ReviewStatusName): string {
  return status === 'approved'
    ? t.rv.approve
    : status === 'rejected'
      ? t.rv.reject
      : status === 'needs-fix'
        ? t.rv.needsFix
        : t.rv.unreviewed;
}

const KEY_HINT: Record<ReviewStatusName, string> = {
  approved: 'a',
  rejected: 'x',
  'needs-fix': 'f',
  unreviewed: 'u',
};

/**
 * The record's review state: status buttons, tags (with suggestions from the tags in use) and a note,
 * plus the Edit switch. Each change is sent at once and becomes one undoable edit on the host.
 */
export function reviewPanel(review: ReviewView, editing: boolean, actions: ReviewPanelActions): HTMLElement {
  const statuses = el(
    'div',
    { class: 'rv-statuses', attrs: { role: 'group', 'aria-label': t.rv.title } },
    ...STATUS_ORDER.map((status) => {
      const on = review.status === status;
      const button = el(
        'button',
        {
          class: `rv-status rv-${status}${on ? ' on' : ''}`,
          testid: `review-${status}`,
          title: `${statusLabel(status)} (${KEY_HINT[status]})`,
          attrs: { 'aria-pressed': on, 'data-status': status, type: 'button' },
        },
        icon(REVIEW_ICONS[status]),
        ` ${statusLabel(status)}`,
      );
      button.addEventListener('click', () => actions.setStatus(status));
      return button;
    }),
  );

  const listId = `tag-suggestions-${Math.random().toString(36).slice(2)}`;
  const datalist = el('datalist', { attrs: { id: listId } });
  const tagInput = el('input', {
    class: 'rv-tag-input',
    testid: 'tag-input',
    attrs: {
      type: 'text',
      placeholder: t.rv.addTag,
      list: listId,
      'aria-label': t.rv.addTag,
      'data-focus': 'tag',
    },
  });
  tagInput.addEventListener('focus', () => {
    const used = new Set(review.tags);
    datalist.replaceChildren(
      ...actions
        .suggestions()
        .filter((s) => !used.has(s))
        .map((s) => el('option', { attrs: { value: s } })),
    );
  });
  tagInput.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const tag = tagInput.value.trim();
    tagInput.value = '';
    if (tag) actions.addTag(tag);
  });
  const tags = el(
    'div',
    { class: 'rv-tags', testid: 'review-tags' },
    ...review.tags.map((tag) => {
      const remove = el(
        'button',
        {
          class: 'rv-tag-remove',
          title: t.rv.removeTag(tag),
          attrs: { type: 'button', 'aria-label': t.rv.removeTag(tag) },
        },
        icon('close'),
      );
      remove.addEventListener('click', () => actions.removeTag(tag));
      return el(
        'span',
        { class: 'tag-pill rv-tag', testid: 'tag-chip', attrs: { 'data-tag': tag } },
        tag,
        remove,
      );
    }),
    tagInput,
    datalist,
  );

  const note = el('textarea', {
    class: 'rv-note',
    testid: 'note-input',
    attrs: {
      rows: review.note ? Math.min(6, review.note.split('\n').length + 1) : 1,
      placeholder: t.rv.notePlaceholder,
      'aria-label': t.rv.note,
      'data-focus': 'note',
    },
  });
  note.value = review.note;
  onCommit(note, () => {
    if (note.value !== review.note) actions.setNote(note.value);
  });
  note.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      note.blur();
    }
  });

  const edit = el(
    'button',
    {
      class: `rv-edit${editing ? ' on' : ''}`,
      testid: 'edit-toggle',
      title: `${editing ? t.rv.doneEditing : t.rv.edit} (e)`,
      attrs: { type: 'button', 'aria-pressed': editing },
    },
    icon(editing ? 'check' : 'edit'),
    ` ${editing ? t.rv.doneEditing : t.rv.edit}`,
  );
  edit.addEventListener('click', () => actions.toggleEdit());

  return el(
    'section',
    { class: 'review-panel', testid: 'review-panel', attrs: { 'data-status': review.status } },
    el('div', { class: 'rv-row' }, statuses, el('span', { class: 'spacer' }), edit),
    el(
      'div',
      { class: 'rv-row' },
      el('span', { class: 'rv-label muted' }, icon('tag'), ` ${t.rv.tags}`),
      tags,
    ),
    el(
      'div',
      { class: 'rv-row' },
      el('span', { class: 'rv-label muted' }, icon('note'), ` ${t.rv.note}`),
      note,
    ),
  );
}
