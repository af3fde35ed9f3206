import * as vscode from 'vscode';

/** The user pressed the Back button of a step. */
export const BACK = Symbol('back');
export type StepResult<T> = T | typeof BACK | undefined;

export interface StepFrame {
  title: string;
  step: number;
  totalSteps: number;
  /** Offer the Back button (every step but the first). */
  back: boolean;
}

/**
 * One QuickPick step of a multi-step input: resolves with the accepted item, {@link BACK}, or undefined
 * when the user dismissed it (Escape).
 */
export function pickStep<T extends vscode.QuickPickItem>(
  frame: StepFrame,
  items: readonly T[],
  opts: { placeholder?: string; active?: T } = {},
): Promise<StepResult<T>> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = frame.title;
  qp.step = frame.step;
  qp.totalSteps = frame.totalSteps;
  qp.placeholder = opts.placeholder;
  qp.items = items;
  if (opts.active) qp.activeItems = [opts.active];
  qp.buttons = frame.back ? [vscode.QuickInputButtons.Back] : [];
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = true;
  return settle(qp, (resolve) => [
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (item) resolve(item);
    }),
    qp.onDidTriggerButton((b) => {
      if (b === vscode.QuickInputButtons.Back) resolve(BACK);
    }),
  ]);
}

/** One InputBox step: resolves with the accepted text (valid by `validate`), {@link BACK} or undefined. */
export function inputStep(
  frame: StepFrame,
  opts: {
    value: string;
    prompt: string;
    placeholder?: string;
    validate: (text: string) => string | undefined;
  },
): Promise<StepResult<string>> {
  const box = vscode.window.createInputBox();
  box.title = frame.title;
  box.step = frame.step;
  box.totalSteps = frame.totalSteps;
  box.value = opts.value;
  box.prompt = opts.prompt;
  box.placeholder = opts.placeholder;
  box.buttons = frame.back ? [vscode.QuickInputButtons.Back] : [];
  box.ignoreFocusOut = true;
  return settle(box, (resolve) => [
    box.onDidChangeValue((text) => {
      box.validationMessage = opts.validate(text);
    }),
    box.onDidAccept(() => {
      const problem = opts.validate(box.value);
      box.validationMessage = problem;
      if (!problem) resolve(box.value);
    }),
    box.onDidTriggerButton((b) => {
      if (b === vscode.QuickInputButtons.Back) resolve(BACK);
    }),
  ]);
}

/** Shows `input`, resolves once, then disposes it and its listeners. */
function settle<R>(
  input: vscode.QuickInput,
  listen: (resolve: (r: R) => void) => vscode.Disposable[],
): Promise<R | undefined> {
  return new Promise((resolveOuter) => {
    let done = false;
    const subs: vscode.Disposable[] = [];
    const finish = (r: R | undefined) => {
      if (done) return;
      done = true;
      for (const s of subs) s.dispose();
      input.dispose();
      resolveOuter(r);
    };
    subs.push(
      ...listen((r) => finish(r)),
      input.onDidHide(() => finish(undefined)),
    );
    input.show();
  });
}
