import { createStore, mapBackend, type Store } from '../../src/lib/persistence';
import type { AppState } from '../../src/lib/state/app.svelte';
import { Persistence, type Restore } from '../../src/lib/state/persistence.svelte';

/**
 * Storage for `app` over an in-memory backend (written at once), as the page starts it, without the sample;
 * stored books prepared by `restore` (by default as on the page where there is no Worker: not at all).
 */
export async function persisted(app: AppState, store: Store = createStore({ backend: mapBackend(), debounceMs: 0 }), restore?: Restore) {
  const set = vi.spyOn(store, 'set');
  const persistence = new Persistence(app, restore);
  const { stop } = await persistence.start(store);
  app.persistence = persistence;
  // Counted from here: the page stores its calibration and KPI entry as it starts.
  set.mockClear();
  return { store, set, persistence, stop };
}
