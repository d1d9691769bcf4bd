import { decodeShare } from '../schema/share';
import type { Store } from '../persistence';
import type { AppState } from './app.svelte';
import { Persistence } from './persistence.svelte';
import { sampleSource } from './import.svelte';

/**
 * After first paint: storage is read into the state and follows it from then on (persistence.svelte.ts).
 * A first visit shows something real: the sample portfolio, labelled as such.
 */
export async function startPersistence(app: AppState, store?: Store): Promise<() => void> {
  const persistence = new Persistence(app);
  const { empty, stop } = await persistence.start(store);
  app.persistence = persistence;
  if (empty) void app.importFlow.begin(sampleSource());
  return stop;
}

/** A share link in the URL fragment, decoded whole or rejected whole (SPEC §5). */
export function readShareLink(app: AppState, hash: string = location.hash): void {
  if (!hash.startsWith('#s=')) return;
  const decoded = decodeShare(hash);
  if (!decoded.ok) {
    app.notify('error', `This share link could not be used (${decoded.reason}). Nothing was loaded; your own data is untouched.`, 'share');
    return;
  }
  app.pendingShare = decoded.value;
}
