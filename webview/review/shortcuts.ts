import { el } from '../dom';
import { t } from '../strings';

/** The "?" overlay: every key of the curator, and where to rebind them. */
export class ShortcutsOverlay {
  readonly element: HTMLElement;

  constructor() {
    const close = el(
      'button',
      { class: 'secondary-button', testid: 'shortcuts-close', attrs: { type: 'button' } },
      t.rv.close,
    );
    close.addEventListener('click', () => this.hide());
    this.element = el(
      'div',
      {
        class: 'shortcuts-overlay',
        testid: 'shortcuts-overlay',
        attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': t.rv.shortcuts, hidden: true },
      },
      el(
        'div',
        { class: 'shortcuts-box' },
        el('h2', {}, t.rv.shortcuts),
        el(
          'table',
          { class: 'shortcuts-table' },
          ...t.rv.keys.map(([keys, what]) =>
            el('tr', {}, el('td', {}, el('kbd', {}, keys)), el('td', {}, what)),
          ),
        ),
        el('p', { class: 'muted' }, t.rv.shortcutsNote),
        close,
      ),
    );
    this.element.addEventListener('click', (e) => {
      if (e.target === this.element) this.hide();
    });
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  toggle(): void {
    if (this.visible) this.hide();
    else this.show();
  }

  show(): void {
    this.element.hidden = false;
    this.element.querySelector<HTMLElement>('button')?.focus();
  }

  hide(): void {
    this.element.hidden = true;
  }
}
