import fc from 'fast-check';
import { MAX_SCROLL_PX, rowWindow, scrollTopFor, windowItems } from '../../../src/lib/table/row-window';

const H = 40;
const VIEW = 480;
const base = { rowHeight: H, viewport: VIEW, overscan: 8 };

describe('rowWindow: which rows are rendered', () => {
  it.each([
    // count, scrollTop → first, last, top, totalSize
    [0, 0, 0, 0, 0, 0],
    [5, 0, 0, 5, 0, 200],
    [100_000, 0, 0, 20, 0, 4_000_000],
    [100_000, 400, 2, 30, 80, 4_000_000],
    [100_000, 4_000_000, 99_980, 100_000, 3_999_200, 4_000_000], // scrolled past the end: clamped to the last view
    [100_000, -50, 0, 20, 0, 4_000_000],
  ])('%i rows at scrollTop %i → rows %i–%i at %i px of %i', (count, scrollTop, first, last, top, totalSize) => {
    expect(rowWindow({ ...base, count, scrollTop })).toEqual({ first, last, top, totalSize });
  });

  it('caps the scroll area of 1,000,000 rows and still reaches the first and the last row', () => {
    const count = 1_000_000;
    const atTop = rowWindow({ ...base, count, scrollTop: 0 });
    expect(atTop.totalSize).toBe(MAX_SCROLL_PX);
    expect(atTop.first).toBe(0);
    const atEnd = rowWindow({ ...base, count, scrollTop: MAX_SCROLL_PX - VIEW });
    expect(atEnd.last).toBe(count);
    // The last row ends exactly at the bottom of the scroll area.
    expect(atEnd.top + (atEnd.last - atEnd.first) * H).toBe(MAX_SCROLL_PX);
  });

  it('halfway down a capped list shows the middle rows, drawn where the view is', () => {
    const count = 1_000_000;
    const s = (MAX_SCROLL_PX - VIEW) / 2;
    const w = rowWindow({ ...base, count, scrollTop: s });
    const inView = windowItems(w, H).filter((it) => it.end > s && it.start < s + VIEW);
    expect(inView.length).toBeGreaterThanOrEqual(VIEW / H);
    const middle = (count - VIEW / H) / 2;
    expect(inView[0].index).toBeGreaterThanOrEqual(Math.floor(middle) - 1);
    expect(inView[0].index).toBeLessThanOrEqual(Math.ceil(middle) + 1);
  });

  it('always covers the whole view with rendered rows, capped or not, and stays inside the scroll area', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (count, at) => {
        const total = Math.min(count * H, MAX_SCROLL_PX);
        const scrollTop = at * Math.max(0, total - VIEW);
        const w = rowWindow({ ...base, count, scrollTop });
        const items = windowItems(w, H);
        expect(items.length).toBeGreaterThan(0);
        expect(items.length).toBeLessThanOrEqual(VIEW / H + 2 * base.overscan + 2);
        expect(items[0].start).toBeGreaterThanOrEqual(0);
        expect(items[items.length - 1].end).toBeLessThanOrEqual(w.totalSize + 1e-6);
        // The rendered block covers the visible part of the scroll area.
        expect(items[0].start).toBeLessThanOrEqual(scrollTop + 1e-6);
        expect(items[items.length - 1].end).toBeGreaterThanOrEqual(Math.min(w.totalSize, scrollTop + VIEW) - 1e-6);
      }),
    );
  });

  it('draws the rendered rows of a capped list as one block, rows in view inside the scroll area, even near its ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 375_001, max: 3_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (count, at) => {
        const scrollTop = at * (MAX_SCROLL_PX - VIEW);
        const w = rowWindow({ ...base, count, scrollTop });
        const items = windowItems(w, H);
        // One shift for every row: nothing is pulled out of line near the ends.
        const shift = items[0].start - items[0].index * H;
        for (const it of items) expect(it.start - it.index * H).toBeCloseTo(shift, 1);
        expect(items[0].start).toBeGreaterThanOrEqual(0);
        expect(items.at(-1)!.end).toBeLessThanOrEqual(MAX_SCROLL_PX + 1e-3);
      }),
    );
  });

  it('is exact (one pixel scrolled, one pixel moved) below the cap', () => {
    const a = rowWindow({ ...base, count: 300_000, scrollTop: 123_456 });
    expect(a.top).toBe(a.first * H);
  });
});

describe('scrollTopFor: bring a row into view', () => {
  it('any row, from any position, of lists around and far past the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (count, where, from) => {
          const index = Math.min(count - 1, Math.floor(where * count));
          const opts = { count, rowHeight: H, viewport: VIEW - 45, scrollTop: from * Math.max(0, Math.min(count * H, MAX_SCROLL_PX) - (VIEW - 45)) };
          const to = scrollTopFor(index, opts) ?? opts.scrollTop;
          const item = windowItems(rowWindow({ ...opts, scrollTop: to, overscan: 4 }), H).find((it) => it.index === index);
          expect(item).toBeDefined();
          expect(item!.start).toBeGreaterThanOrEqual(to - 1e-3);
          expect(item!.end).toBeLessThanOrEqual(to + VIEW - 45 + 1e-3);
        },
      ),
    );
  });

  it.each([
    // index, scrollTop → new scrollTop (null: already in view)
    [0, 0, null],
    [11, 0, null],
    [12, 0, 40], // one row below the view: scroll down by one row
    [5, 400, 200], // above the view: it becomes the top row
    [99_999, 0, 4_000_000 - VIEW],
  ])('row %i from scrollTop %i → %s', (index, scrollTop, expected) => {
    expect(scrollTopFor(index, { count: 100_000, rowHeight: H, viewport: VIEW, scrollTop })).toBe(expected);
  });

  // Below a sticky header rows show in VIEW − 45 px: the table passes that as the viewport to both functions.
  const ROOM = VIEW - 45;
  it.each([0, 1, 12, 500_000, 900_000, 999_976, 999_988, 999_999])(
    'row %i of a capped 1M list is drawn fully in view after scrolling to it, from above and below',
    (index) => {
      for (const from of [0, 7_000_000, MAX_SCROLL_PX - ROOM, MAX_SCROLL_PX - ROOM - 200]) {
        const opts = { count: 1_000_000, rowHeight: H, viewport: ROOM, scrollTop: from };
        const to = scrollTopFor(index, opts) ?? from;
        expect(to).toBeLessThanOrEqual(MAX_SCROLL_PX - ROOM + 1e-6);
        const item = windowItems(rowWindow({ ...opts, scrollTop: to, overscan: 4 }), H).find((it) => it.index === index);
        expect(item).toBeDefined();
        expect(item!.start).toBeGreaterThanOrEqual(to - 1e-6);
        expect(item!.end).toBeLessThanOrEqual(to + ROOM + 1e-6);
        // Once there, it is in view: asking again moves nothing.
        expect(scrollTopFor(index, { ...opts, scrollTop: to })).toBeNull();
      }
    },
  );
});
