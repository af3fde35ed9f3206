/**
 * The arithmetic of the virtualised record list, kept apart from the DOM so it can be tested. Only the
 * rows in view (plus a few either side) exist as elements; a spacer gives the scrollbar its length.
 * Browsers cap an element's height (Chromium near 33 million px), so past {@link MAX_SPACER} the scroll
 * position is mapped proportionally onto the rows instead of one pixel per pixel.
 */

export const MAX_SPACER = 8_000_000;

export interface ListGeometry {
  rowCount: number;
  rowHeight: number;
  viewportHeight: number;
  /** Extra rows rendered above and below the viewport. */
  overscan?: number;
  maxSpacer?: number;
}

export interface WindowLayout {
  spacerHeight: number;
  /** First row rendered. */
  first: number;
  /** One past the last row rendered. */
  end: number;
  /** Where the first rendered row goes, in spacer pixels. */
  offsetY: number;
}

function spacerOf(g: ListGeometry): { total: number; spacer: number; ratio: number } {
  const total = g.rowCount * g.rowHeight;
  const spacer = Math.min(total, g.maxSpacer ?? MAX_SPACER);
  const scrollable = spacer - g.viewportHeight;
  const ratio = scrollable > 0 && total > spacer ? (total - g.viewportHeight) / scrollable : 1;
  return { total, spacer, ratio };
}

export function layoutWindow(g: ListGeometry, scrollTop: number): WindowLayout {
  const { spacer, ratio } = spacerOf(g);
  const overscan = g.overscan ?? 5;
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, spacer - g.viewportHeight)));
  const virtualTop = top * ratio;
  const firstVisible = Math.min(Math.floor(virtualTop / g.rowHeight), Math.max(0, g.rowCount - 1));
  const visible = Math.ceil(g.viewportHeight / g.rowHeight) + 1;
  const first = Math.max(0, firstVisible - overscan);
  const end = Math.min(g.rowCount, firstVisible + visible + overscan);
  // Rows sit at their true offset relative to the viewport's top, whatever the scale.
  const offsetY = top - (virtualTop - first * g.rowHeight);
  return { spacerHeight: spacer, first, end, offsetY };
}

/** The scrollTop that brings `row` into view: unchanged when it is visible, else centred. */
export function scrollTopToShow(g: ListGeometry, scrollTop: number, row: number): number {
  const { spacer, ratio } = spacerOf(g);
  const rowTop = row * g.rowHeight;
  const virtualTop = scrollTop * ratio;
  if (rowTop >= virtualTop && rowTop + g.rowHeight <= virtualTop + g.viewportHeight) return scrollTop;
  const centred = (rowTop - (g.viewportHeight - g.rowHeight) / 2) / ratio;
  return Math.max(0, Math.min(centred, Math.max(0, spacer - g.viewportHeight)));
}

/** Page numbers covering rows [first, end). */
export function pagesCovering(first: number, end: number, pageSize: number): number[] {
  if (end <= first) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor((end - 1) / pageSize); p++) pages.push(p);
  return pages;
}
