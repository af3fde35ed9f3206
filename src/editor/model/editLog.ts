/** One labelled change to a curator document (issue 4 fills in the kinds: review state, turn edits, ...). */
export interface Edit {
  readonly label: string;
}

/**
 * Undo/redo history with a save point: what VS Code's custom document contract needs (dirty marker,
 * undo, redo, save, revert, backup). Edits are values; applying them to the model is the document's job.
 */
export class EditLog<E extends Edit> {
  private done: E[] = [];
  private undone: E[] = [];
  /** Length of `done` when last saved; -1 once that state can no longer be reached by undo/redo. */
  private savedAt = 0;

  get isDirty(): boolean {
    return this.done.length !== this.savedAt;
  }

  /** The edits in effect, oldest first: what a backup stores and a restore replays. */
  get applied(): readonly E[] {
    return this.done;
  }

  push(edit: E): void {
    // Redo history is gone; a save point that lived in it can never come back.
    if (this.savedAt > this.done.length) this.savedAt = -1;
    this.done.push(edit);
    this.undone = [];
  }

  undo(): E | undefined {
    const edit = this.done.pop();
    if (edit) this.undone.push(edit);
    return edit;
  }

  redo(): E | undefined {
    const edit = this.undone.pop();
    if (edit) this.done.push(edit);
    return edit;
  }

  markSaved(): void {
    this.savedAt = this.done.length;
  }

  /** After revert or reload: no history, nothing unsaved. */
  clear(): void {
    this.done = [];
    this.undone = [];
    this.savedAt = 0;
  }
}
