/**
 * Text fields of the record view commit their change when they lose focus (one undoable edit per
 * change, not one per keystroke). The record view is rebuilt after every edit; the fields of the old
 * view are marked detached first so their blur during the rebuild commits nothing, and the field being
 * typed in is carried over to the new view with its text and caret.
 */

const commits = new WeakMap<HTMLElement, () => void>();

/** Registers what committing `field` means (called on blur, on Ctrl+Enter, and before a save). */
export function onCommit(field: HTMLInputElement | HTMLTextAreaElement, commit: () => void): void {
  const run = () => {
    if (field.dataset.detached === 'true') return;
    commit();
  };
  commits.set(field, run);
  field.addEventListener('blur', run);
}

export function commitField(field: HTMLElement): void {
  commits.get(field)?.();
}

export interface FocusState {
  key: string;
  value: string;
  start: number | null;
  end: number | null;
}

/** Marks the fields under `root` detached and returns the focused one's state (by its `data-focus` key). */
export function detachFields(root: HTMLElement): FocusState | undefined {
  let state: FocusState | undefined;
  const active = document.activeElement;
  for (const f of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
    f.dataset.detached = 'true';
    if (f === active && f.dataset.focus)
      state = { key: f.dataset.focus, value: f.value, start: f.selectionStart, end: f.selectionEnd };
  }
  return state;
}

/** Puts the focus (and the text not committed yet) back into the new view's field with the same key. */
export function restoreFocus(root: HTMLElement, state: FocusState | undefined): void {
  if (!state) return;
  const field = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(
    `[data-focus="${CSS.escape(state.key)}"]`,
  );
  if (!field) return;
  field.value = state.value;
  field.focus({ preventScroll: true });
  if (state.start !== null && state.end !== null) field.setSelectionRange(state.start, state.end);
}
