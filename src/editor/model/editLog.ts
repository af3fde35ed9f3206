/** One labelled change to a curator document (the kinds are in `edits.ts`). */
export interface Edit {
  readonly label: string;
}

/**
 * Undo/redo history with a save point: the mirror of the stack VS Code keeps for a custom document
 * (dirty marker, undo, redo, save, revert). Edits are values; applying them is the session's job.
 */
export class EditLog<E extends Edit> {
  private done: E[] = [];
  private undone: E[] = [];
  /** Length of `done` when last saved; -1 once that state can no longer be reached by undo/redo. */
  private savedAt = 0;

  get isDirty(): boolean {
    return this.done.length !== this.savedAt;
  }

  /** The edits in effect, oldest first. */
  get applied(): readonly E[] {
    return this.done;
  }

  /** The edits that redo would bring back, next first. */
  get redoable(): readonly E[] {
    return [...this.undone].reverse();
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
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

  /**
   * Revert: the document is the saved file again. As VS Code does, the history up to the save point stays
   * (undo after a revert undoes saved edits); what came after it is gone.
   */
  revertToSaved(): void {
    if (this.savedAt < 0 || this.savedAt > this.done.length) {
      this.clear();
      return;
    }
    this.done = this.done.slice(0, this.savedAt);
    this.undone = [];
  }

  /** Rewrites every edit in the history (after a save gives the lines new bytes to refer to). */
  map(rewrite: (edit: E) => E): void {
    this.done = this.done.map(rewrite);
    this.undone = this.undone.map(rewrite);
  }

  /** After a reload: no history, nothing unsaved. */
  clear(): void {
    this.done = [];
    this.undone = [];
    this.savedAt = 0;
  }
}
