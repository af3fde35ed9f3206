import type { ProblemView } from '../src/editor/protocol';
import { el, icon } from './dom';
import { t } from './strings';

const SEVERITY_ICON = { error: 'error', warning: 'warning', info: 'info' } as const;

/** Where a problem is: line, column and turn, as the user reads it. */
export function problemLocation(p: ProblemView): string {
  const parts = [`${t.line} ${p.line}`];
  if (p.column !== undefined) parts.push(`${t.column} ${p.column}`);
  if (p.turn !== undefined) parts.push(`${t.turn} ${p.turn + 1}`);
  return parts.join(', ');
}

/**
 * One problem: severity, code and title, where, the message, how to fix it, and for the seed's artefacts
 * what the seed script produced next to what the runtime expects.
 */
export function problemItem(p: ProblemView, onOpen?: (p: ProblemView) => void): HTMLElement {
  const head = el(
    'div',
    { class: 'problem-head' },
    icon(SEVERITY_ICON[p.severity], `sev-${p.severity}`),
    el('span', { class: 'problem-code' }, p.code),
    el('span', { class: 'problem-title muted' }, p.title),
    el('span', { class: 'problem-where muted' }, problemLocation(p)),
    p.source === 'conversion' ? el('span', { class: 'badge' }, t.conversion) : null,
  );
  const item = el(
    'li',
    {
      class: `problem severity-${p.severity}${onOpen ? ' clickable' : ''}`,
      testid: 'problem',
      attrs: {
        'data-code': p.code,
        'data-line': p.line,
        'data-severity': p.severity,
        tabindex: onOpen ? 0 : undefined,
      },
    },
    head,
    el('div', { class: 'problem-message' }, p.message),
    p.fix ? el('div', { class: 'problem-fix' }, el('span', { class: 'muted' }, `${t.fix}: `), p.fix) : null,
    p.produced !== undefined || p.expected !== undefined ? producedExpected(p) : null,
  );
  if (onOpen) {
    item.addEventListener('click', () => onOpen(p));
    item.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') onOpen(p);
    });
  }
  return item;
}

function producedExpected(p: ProblemView): HTMLElement {
  return el(
    'div',
    { class: 'produced-expected' },
    el('div', { class: 'pe-label muted' }, t.produced),
    el('pre', { class: 'pe-text removed', testid: 'produced' }, p.produced ?? ''),
    el('div', { class: 'pe-label muted' }, t.expected),
    el('pre', { class: 'pe-text added', testid: 'expected' }, p.expected ?? ''),
  );
}

export function problemList(
  problems: readonly ProblemView[],
  onOpen?: (p: ProblemView) => void,
): HTMLElement {
  if (problems.length === 0) return el('p', { class: 'muted' }, t.noProblems);
  return el('ul', { class: 'problem-list' }, ...problems.map((p) => problemItem(p, onOpen)));
}
