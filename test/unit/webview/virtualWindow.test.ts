import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layoutWindow, MAX_SPACER, pagesCovering, scrollTopToShow } from '../../../webview/virtualWindow';

const g = (rowCount: number) => ({ rowCount, rowHeight: 26, viewportHeight: 520, overscan: 5 });

describe('the virtual list window', () => {
  test('only the rows in view plus the overscan are rendered, whatever the row count', () => {
    const w = layoutWindow(g(300_000), 26 * 1000);
    assert.equal(w.first, 995);
    assert.equal(w.end, 1000 + 21 + 5);
    assert.equal(w.offsetY, 995 * 26);
    assert.ok(w.end - w.first < 40);
  });

  test('at the top and at the bottom the window is clipped to the rows that exist', () => {
    assert.deepEqual(layoutWindow(g(3), 0), { spacerHeight: 78, first: 0, end: 3, offsetY: 0 });
    const bottom = layoutWindow(g(1000), 1_000_000);
    assert.equal(bottom.end, 1000);
  });

  test('a list taller than a browser allows is scaled: the last row is still reachable', () => {
    const huge = g(1_000_000);
    const w0 = layoutWindow(huge, 0);
    assert.equal(w0.spacerHeight, MAX_SPACER);
    const end = layoutWindow(huge, MAX_SPACER - 520);
    assert.equal(end.end, 1_000_000);
    // The rendered rows cover the viewport.
    const mid = layoutWindow(huge, 3_000_000);
    const firstVisibleTop =
      mid.offsetY + (Math.floor((3_000_000 * (26_000_000 - 520)) / (MAX_SPACER - 520) / 26) - mid.first) * 26;
    assert.ok(firstVisibleTop <= 3_000_000 && firstVisibleTop > 3_000_000 - 26);
  });

  test('scrolling to a row keeps a visible row still and centres a hidden one', () => {
    assert.equal(scrollTopToShow(g(1000), 0, 3), 0);
    const top = scrollTopToShow(g(1000), 0, 500);
    const w = layoutWindow(g(1000), top);
    assert.ok(w.first <= 500 && 500 < w.end);
    const hugeTop = scrollTopToShow(g(1_000_000), 0, 999_999);
    const hw = layoutWindow(g(1_000_000), hugeTop);
    assert.ok(hw.first <= 999_999 && 999_999 < hw.end);
  });

  test('pages covering a window', () => {
    assert.deepEqual(pagesCovering(195, 230, 200), [0, 1]);
    assert.deepEqual(pagesCovering(0, 0, 200), []);
    assert.deepEqual(pagesCovering(400, 401, 200), [2]);
  });
});
