import { rowWindow, scrollTopFor, windowItems, type RowWindow, type WindowItem } from './row-window';

/**
 * The window of a fixed-row-height table as reactive state (row-window.ts does the arithmetic): only
 * rows in view, plus overscan, are ever in the DOM, whatever the row count. Follows the scroll
 * container's scroll position and height.
 */
export class VirtualRows {
  items = $state.raw<WindowItem[]>([]);
  totalSize = $state(0);

  #el: HTMLElement | null = null;
  #count = 0;
  #rowHeight: number;
  #viewportHeight: number;
  #overscan: number;
  #last: RowWindow | null = null;
  /**
   * The height rows show in: the container's, less its sticky header, as last laid out (read when the
   * browser reports a resize, never mid-update).
   */
  #measured = 0;
  /** The scroll position as last reported by a scroll event or set here (reading it mid-update forces a layout). */
  #scrollTop = 0;

  constructor(rowHeight: number, viewportHeight: number, overscan = 8) {
    this.#rowHeight = rowHeight;
    this.#viewportHeight = viewportHeight;
    this.#overscan = overscan;
  }

  /** The rows' height of view once laid out; the fixed height before (or where there is no layout). */
  get #viewport(): number {
    return this.#measured > 0 ? this.#measured : this.#viewportHeight;
  }

  #sync = (): void => {
    const w = rowWindow({
      count: this.#count, rowHeight: this.#rowHeight, viewport: this.#viewport, scrollTop: this.#scrollTop, overscan: this.#overscan,
    });
    const was = this.#last;
    if (was && was.first === w.first && was.last === w.last && was.top === w.top && was.totalSize === w.totalSize) return;
    this.#last = w;
    this.items = windowItems(w, this.#rowHeight);
    this.totalSize = w.totalSize;
  };

  #onScroll = (): void => {
    this.#scrollTop = this.#el?.scrollTop ?? 0;
    this.#sync();
  };

  #scrollTo(top: number): void {
    if (!this.#el) return;
    this.#el.scrollTop = top;
    this.#scrollTop = top;
    this.#sync();
  }

  setCount(count: number): void {
    this.#count = count;
    this.#sync();
  }

  /** Svelte attachment for the scroll container. */
  attach = (el: HTMLElement): (() => void) => {
    this.#el = el;
    this.#scrollTop = 0; // a new container starts at the top
    el.addEventListener('scroll', this.#onScroll, { passive: true });
    const resize =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            this.#measured = el.clientHeight - (el.querySelector('thead')?.offsetHeight ?? 0);
            this.#sync();
          });
    resize?.observe(el);
    const head = el.querySelector('thead');
    if (head) resize?.observe(head);
    this.#sync();
    return () => {
      el.removeEventListener('scroll', this.#onScroll);
      resize?.disconnect();
      this.#el = null;
    };
  };

  scrollToTop(): void {
    this.#scrollTo(0);
  }

  scrollToIndex(index: number): void {
    const el = this.#el;
    if (!el) return;
    const to = scrollTopFor(index, { count: this.#count, rowHeight: this.#rowHeight, viewport: this.#viewport, scrollTop: this.#scrollTop });
    if (to !== null) this.#scrollTo(to);
  }
}
