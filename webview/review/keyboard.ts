/**
 * Keys inside the curator's webview. The review shortcuts (j/k, a, x, f, t, e, /, n, ?) are VS Code
 * commands bound with keybindings, so users can rebind them: VS Code sees every key pressed in a webview
 * and runs the command, which comes back here as an `action`. While the user types in a text field, the
 * keys must stay text: this listener stops them before VS Code's forwarding sees them (the field has
 * had them), so typing "a" in a note never approves the record, and Ctrl+Z undoes the typing.
 */

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', 'number', '']);

/** Whether focus is in something the user types into. */
export function isTyping(target: EventTarget | null = document.activeElement): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return target.isContentEditable;
}

/** Keys that edit or move inside a text field (and must not become shortcuts). */
function isTextKey(e: KeyboardEvent): boolean {
  if (e.altKey) return false;
  const mod = e.ctrlKey || e.metaKey;
  if (!mod) return true; // letters, digits, space, arrows, Enter, Backspace, Delete, Home/End…
  // The field's own undo/redo, select all, and word-wise movement.
  const k = e.key.toLowerCase();
  return (
    k === 'z' || k === 'y' || k === 'a' || e.key.startsWith('Arrow') || k === 'backspace' || k === 'delete'
  );
}

export interface KeyboardHooks {
  /** Escape in a text field: leave it (its change is committed on blur). */
  leaveField(field: HTMLElement): void;
  /** Escape elsewhere: close what is open (the shortcuts overlay). */
  escape(): void;
  /** Before VS Code saves (Ctrl/Cmd+S): commit the field being typed in, so the save includes it. */
  commitField(field: HTMLElement): void;
}

/**
 * VS Code listens on the window, in the bubble phase; this listens on the document, one step earlier, so
 * the field's own handlers (Enter adds a tag, Ctrl+Enter commits) have run and VS Code never sees the key.
 */
export function installKeyboard(hooks: KeyboardHooks): void {
  document.addEventListener('keydown', (e) => {
    const target = e.target instanceof HTMLElement ? e.target : null;
    const typing = isTyping(target);
    if (e.key === 'Escape') {
      if (typing && target) {
        e.stopPropagation();
        hooks.leaveField(target);
      } else hooks.escape();
      return;
    }
    if (!typing || !target) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      hooks.commitField(target);
      return; // VS Code saves.
    }
    if (isTextKey(e)) e.stopPropagation();
  });
}
