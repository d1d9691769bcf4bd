/**
 * Which rows of a fixed-row-height list are in view, by arithmetic alone: no per-row bookkeeping, so a
 * change of row count costs the same for 1,000 rows as for 1,000,000.
 *
 * Browsers cap an element's height (Chromium near 33.5M px, Firefox near 17.9M px): 1M rows of 40 px
 * would leave the last rows unreachable. Past MAX_SCROLL_PX the scroll area stays that tall and a
 * scroll position maps proportionally onto the list, so its top shows the first row and its bottom the
 * last. Below the cap (375,000 rows of 40 px) positions are exact: one pixel scrolled is one pixel moved.
 */
export const MAX_SCROLL_PX = 15_000_000;

export interface WindowInput {
  count: number;
  rowHeight: number;
  /**
   * Height of the part of the scroll viewport where rows show: below a sticky header, if any (the scroll
   * content is then the header plus the rows, so scrollTop runs over the rows' height minus this).
   */
  viewport: number;
  scrollTop: number;
  /** Rows rendered beyond each edge of the view. */
  overscan: number;
  maxSize?: number;
}

export interface RowWindow {
  /** First row rendered, and one past the last. */
  first: number;
  last: number;
  /** Where row `first` sits in the scroll area (the height of the spacer above it). */
  top: number;
  /** Height of the scroll area. */
  totalSize: number;
}

export interface WindowItem {
  index: number;
  start: number;
  end: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/** Real offset per scroll pixel: 1 below the cap, more above it. */
function ratio(count: number, rowHeight: number, viewport: number, maxSize: number): number {
  const real = count * rowHeight;
  const total = Math.min(real, maxSize);
  return total > viewport && real > total ? (real - viewport) / (total - viewport) : 1;
}

export function rowWindow({ count, rowHeight: h, viewport, scrollTop, overscan, maxSize = MAX_SCROLL_PX }: WindowInput): RowWindow {
  if (count <= 0 || h <= 0) return { first: 0, last: 0, top: 0, totalSize: 0 };
  const totalSize = Math.min(count * h, maxSize);
  const s = clamp(scrollTop, 0, Math.max(0, totalSize - viewport));
  const offset = s * ratio(count, h, viewport, maxSize); // the list's own offset at the top of the view
  const first = Math.max(0, Math.floor(offset / h) - overscan);
  const last = Math.min(count, Math.ceil((offset + viewport) / h) + overscan);
  // Row `first` is drawn where it meets the view; only near the very ends of a scaled list does the
  // block have to be pulled inside the scroll area.
  const top = clamp(s - offset + first * h, 0, Math.max(0, totalSize - (last - first) * h));
  return { first, last, top, totalSize };
}

export function windowItems(w: RowWindow, rowHeight: number): WindowItem[] {
  const items: WindowItem[] = [];
  for (let i = w.first; i < w.last; i++) {
    const start = w.top + (i - w.first) * rowHeight;
    items.push({ index: i, start, end: start + rowHeight });
  }
  return items;
}

/**
 * The scrollTop that brings row `index` fully into view, moving as little as possible (null when it is
 * in view already). Same inputs as rowWindow, so the row lands where rowWindow then draws it.
 */
export function scrollTopFor(
  index: number, { count, rowHeight: h, viewport, scrollTop, maxSize = MAX_SCROLL_PX }: Omit<WindowInput, 'overscan'>,
): number | null {
  const k = ratio(count, h, viewport, maxSize);
  const offset = scrollTop * k;
  const rowTop = index * h;
  if (rowTop < offset) return rowTop / k;
  if (rowTop + h > offset + viewport) return (rowTop + h - viewport) / k;
  return null;
}
