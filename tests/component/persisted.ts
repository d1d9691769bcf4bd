import { createStore, mapBackend, type Store } from '../../src/lib/persistence';
import type { AppState } from '../../src/lib/state/app.svelte';
import { Persistence } from '../../src/lib/state/persistence.svelte';

/** Storage for `app` over an in-memory backend (written at once), as the page starts it, without the sample. */
export async function persisted(app: AppState, store: Store = createStore({ backend: mapBackend(), debounceMs: 0 })) {
  const set = vi.spyOn(store, 'set');
  const persistence = new Persistence(app);
  const { stop } = await persistence.start(store);
  app.persistence = persistence;
  // Counted from here: the page stores its calibration and KPI entry as it starts.
  set.mockClear();
  return { store, set, persistence, stop };
}
