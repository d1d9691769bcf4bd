import { untrack } from 'svelte';

/**
 * A value that follows `read()` one task behind (and starts equal to it). A heavy part of the page that
 * reads through it renders in a task of its own, after the update that changed the value has painted:
 * a new 1M-account portfolio shows its bands, then its table, with no long task doing both. Create it
 * while a component initialises (it owns an effect).
 */
export class Trailing<T> {
  #value = $state.raw<T>() as T;

  constructor(read: () => T) {
    this.#value = untrack(read);
    $effect(() => {
      const next = read();
      if (next === untrack(() => this.#value)) return;
      const timer = setTimeout(() => (this.#value = next), 0);
      return () => clearTimeout(timer);
    });
  }

  get value(): T {
    return this.#value;
  }
}
