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

/**
 * How a scroll position maps onto the list. Below the cap, one to one. Above it, the scroll range S
 * covers the list's range R (both less the viewport): one to one for the first and the last row's
 * height, proportionally between. Those two margins keep every row in view inside the scroll area, so
 * rows are always drawn exactly where the view shows the list, ends included.
 */
interface Scale {
  total: number;
  /** Largest scrollTop, and largest list offset. */
  S: number;
  R: number;
  m: number;
}

function scaleOf(count: number, h: number, viewport: number, maxSize: number): Scale {
  const total = Math.min(count * h, maxSize);
  return { total, S: Math.max(0, total - viewport), R: Math.max(0, count * h - viewport), m: h };
}

/** The list's own offset at the top of the view, for a scrollTop. */
function offsetAt({ S, R, m }: Scale, s: number): number {
  if (R <= S || S <= 2 * m) return s;
  if (s <= m) return s;
  if (s >= S - m) return R - (S - s);
  return m + ((s - m) * (R - 2 * m)) / (S - 2 * m);
}

/** The scrollTop that puts list offset `o` at the top of the view (offsetAt's inverse). */
function scrollAt({ S, R, m }: Scale, o: number): number {
  if (R <= S || S <= 2 * m) return o;
  if (o <= m) return o;
  if (o >= R - m) return S - (R - o);
  return m + ((o - m) * (S - 2 * m)) / (R - 2 * m);
}

export function rowWindow({ count, rowHeight: h, viewport, scrollTop, overscan, maxSize = MAX_SCROLL_PX }: WindowInput): RowWindow {
  if (count <= 0 || h <= 0) return { first: 0, last: 0, top: 0, totalSize: 0 };
  const sc = scaleOf(count, h, viewport, maxSize);
  const s = clamp(scrollTop, 0, sc.S);
  const offset = offsetAt(sc, s);
  // Row i is drawn at s − offset + i·h: the rows in view sit exactly where the view shows the list.
  // Overscan rows that would fall outside the scroll area are left out (within a thousandth of a row,
  // so rounding never drops a row that fits).
  const shift = s - offset;
  const first = Math.max(0, Math.floor(offset / h) - overscan, Math.ceil(-shift / h - 1e-3));
  const last = Math.min(count, Math.ceil((offset + viewport) / h) + overscan, Math.floor((sc.total - shift) / h + 1e-3));
  return { first, last: Math.max(first, last), top: Math.max(0, shift + first * h), totalSize: sc.total };
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
 * The scrollTop (whole pixels) that brings row `index` fully into view, moving as little as possible
 * (null when it is in view already). Same inputs as rowWindow, so the row lands where rowWindow draws it.
 */
export function scrollTopFor(
  index: number, { count, rowHeight: h, viewport, scrollTop, maxSize = MAX_SCROLL_PX }: Omit<WindowInput, 'overscan'>,
): number | null {
  const sc = scaleOf(count, h, viewport, maxSize);
  const offset = offsetAt(sc, clamp(scrollTop, 0, sc.S));
  const rowTop = index * h;
  // Whole pixels, rounded towards the row: browsers keep scrollTop in whole pixels, and one pixel of
  // a scaled list is more than one pixel of rows.
  if (rowTop < offset) return Math.floor(scrollAt(sc, rowTop));
  if (rowTop + h > offset + viewport) return Math.ceil(scrollAt(sc, rowTop + h - viewport));
  return null;
}
