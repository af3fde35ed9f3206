import type { Tone } from './chartSpecs';

/** The colours and font a chart is drawn with, read from the workbench theme at draw time. */
export interface Palette {
  foreground: string;
  muted: string;
  grid: string;
  /** Set in high-contrast themes: bars and the tooltip get a border of it. */
  contrastBorder: string;
  marker: string;
  tooltipBackground: string;
  tooltipForeground: string;
  tooltipBorder: string;
  fontFamily: string;
  fontSize: number;
  tones: Record<Tone, string>;
}

/** Each colour: the `--vscode-*` variables tried in order, then a fallback that reads on dark and light. */
const TONE_VARS: Record<Tone, string[]> = {
  bar: ['--vscode-charts-blue', '--vscode-focusBorder'],
  over: ['--vscode-charts-red', '--vscode-errorForeground'],
  error: ['--vscode-charts-red', '--vscode-errorForeground'],
  warning: ['--vscode-charts-yellow', '--vscode-editorWarning-foreground'],
  info: ['--vscode-charts-blue', '--vscode-editorInfo-foreground'],
  approved: ['--vscode-charts-green', '--vscode-testing-iconPassed'],
  rejected: ['--vscode-charts-red', '--vscode-errorForeground'],
  needsFix: ['--vscode-charts-orange', '--vscode-editorWarning-foreground'],
  unreviewed: ['--vscode-descriptionForeground', '--vscode-foreground'],
  seed: ['--vscode-charts-purple', '--vscode-charts-blue'],
  tag: ['--vscode-charts-green', '--vscode-charts-blue'],
};

/** Reads a CSS custom property from the page; `read` is replaceable in tests. */
export type ReadVar = (name: string) => string;

export function cssVarReader(): ReadVar {
  const style = getComputedStyle(document.documentElement);
  return (name) => style.getPropertyValue(name).trim();
}

function first(read: ReadVar, names: readonly string[], fallback: string): string {
  for (const name of names) {
    const v = read(name);
    if (v) return v;
  }
  return fallback;
}

export function readPalette(read: ReadVar = cssVarReader()): Palette {
  const foreground = first(read, ['--vscode-foreground', '--vscode-editor-foreground'], '#888888');
  const tones = {} as Record<Tone, string>;
  for (const [tone, names] of Object.entries(TONE_VARS) as [Tone, string[]][]) {
    tones[tone] = first(read, names, foreground);
  }
  const size = Number.parseFloat(read('--vscode-font-size'));
  return {
    foreground,
    muted: first(read, ['--vscode-descriptionForeground'], foreground),
    grid: first(
      read,
      ['--vscode-editorWidget-border', '--vscode-panel-border', '--vscode-widget-border'],
      'rgba(128, 128, 128, 0.35)',
    ),
    contrastBorder: read('--vscode-contrastBorder'),
    marker: first(read, ['--vscode-charts-orange', '--vscode-editorWarning-foreground'], foreground),
    tooltipBackground: first(
      read,
      ['--vscode-editorHoverWidget-background', '--vscode-editorWidget-background'],
      '#252526',
    ),
    tooltipForeground: first(
      read,
      ['--vscode-editorHoverWidget-foreground', '--vscode-foreground'],
      foreground,
    ),
    tooltipBorder: first(
      read,
      ['--vscode-contrastBorder', '--vscode-editorHoverWidget-border', '--vscode-widget-border'],
      'transparent',
    ),
    fontFamily: first(read, ['--vscode-font-family'], 'system-ui, sans-serif'),
    fontSize: Number.isFinite(size) && size > 0 ? size : 13,
    tones,
  };
}

/**
 * Calls `onChange` when the workbench theme changes: VS Code swaps the body's theme class and rewrites
 * the `--vscode-*` variables in the root element's style attribute.
 */
export function onThemeChange(onChange: () => void): () => void {
  let frame = 0;
  const observer = new MutationObserver(() => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      onChange();
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
