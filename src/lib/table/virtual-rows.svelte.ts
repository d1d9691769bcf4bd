import {
  Virtualizer, elementScroll, observeElementOffset, observeElementRect,
  type Rect, type VirtualItem, type VirtualizerOptions,
} from '@tanstack/virtual-core';

type Options = VirtualizerOptions<HTMLElement, HTMLElement>;

/**
 * A thin Svelte adapter over @tanstack/virtual-core for fixed-height rows:
 * the window of rows to render, as reactive state. Only rows in view (plus
 * overscan) are ever in the DOM, whatever the row count.
 */
export class VirtualRows {
  items = $state.raw<VirtualItem[]>([]);
  totalSize = $state(0);

  #el: HTMLElement | null = null;
  #count = 0;
  #v: Virtualizer<HTMLElement, HTMLElement>;
  #rowHeight: number;
  #viewportHeight: number;

  constructor(rowHeight: number, viewportHeight: number, overscan = 8) {
    this.#rowHeight = rowHeight;
    this.#viewportHeight = viewportHeight;
    this.#v = new Virtualizer(this.#options(overscan));
  }

  /** Before the first layout (or where there is none), assume the container's fixed height. */
  #observeRect: Options['observeElementRect'] = (instance, cb) =>
    observeElementRect(instance, (r: Rect) => cb(r.height > 0 ? r : { width: r.width, height: this.#viewportHeight }));

  #options(overscan: number): Options {
    return {
      count: this.#count,
      getScrollElement: () => this.#el,
      estimateSize: () => this.#rowHeight,
      observeElementRect: this.#observeRect,
      observeElementOffset,
      scrollToFn: elementScroll,
      initialRect: { width: 0, height: this.#viewportHeight },
      overscan,
      onChange: () => this.#sync(),
    };
  }

  #sync(): void {
    this.items = this.#v.getVirtualItems();
    this.totalSize = this.#v.getTotalSize();
  }

  setCount(count: number): void {
    this.#count = count;
    this.#v.setOptions({ ...this.#v.options, count });
    this.#v._willUpdate();
    this.#sync();
  }

  /** Svelte attachment for the scroll container. */
  attach = (el: HTMLElement): (() => void) => {
    this.#el = el;
    const unmount = this.#v._didMount();
    this.#v._willUpdate();
    this.#sync();
    return () => {
      unmount();
      this.#el = null;
    };
  };

  scrollToTop(): void {
    if (this.#el) this.#v.scrollToOffset(0);
  }

  scrollToIndex(index: number): void {
    if (this.#el) this.#v.scrollToIndex(index, { align: 'auto' });
  }
}
