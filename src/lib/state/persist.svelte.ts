import { MAX_RAW_INPUT_CHARS } from '../schema/kpi-entry';
import { DEFAULT_STAGE } from '../engine/types';
import { decodeShare } from '../schema/share';
import { createStore, flushOnPageHide, type Store } from '../persistence';
import { sampleCsv } from '../io/sample';
import type { AppState } from './app.svelte';
import { SAMPLE_SOURCE_NAME } from './portfolio.svelte';
import { asOfDate } from '../schema/as-of';

const RECORD_NAMES = {
  calibration: 'calibration', mappings: 'remembered column mappings', 'kpi-entry': 'KPI entry', portfolio: 'portfolio', history: 'audit history',
  'previous-portfolio': 'previous import',
} as const;

/**
 * Restores what was stored, then keeps it stored: the state is the source of
 * truth and storage follows it through effects (debounced by the store).
 */
export async function startPersistence(app: AppState, store: Store = createStore({
  onModeChange: (_m, reason) => app.setStorageMode('memory', reason),
})): Promise<() => void> {
  const loaded = await store.load();
  app.store = store;
  app.setStorageMode(loaded.mode, loaded.modeReason);
  for (const n of loaded.notices) {
    app.notify('warning', `Your saved ${RECORD_NAMES[n.key]} could not be read (${n.reason}). ${n.quarantineKey ? 'It was kept aside, not deleted, and' : 'It was left untouched and'} the page started from defaults.`, `store-${n.key}`);
  }
  const v = loaded.values;
  // Storage loads after first paint: what the user typed or imported before then is newer than what was stored.
  const sc = app.scorecard;
  const entry = v['kpi-entry'];
  app.portfolio.loadCalibration(v.calibration);
  sc.load(sc.stage !== DEFAULT_STAGE ? sc.stage : entry.stage, { ...entry.inputs, ...$state.snapshot(sc.texts) });
  app.mappings = v.mappings;
  app.history = v.history;
  if (app.importer.phase === 'idle' && !app.portfolio.columns) {
    if (v.portfolio) {
      app.portfolio.load(v.portfolio.columns, v.portfolio.source);
      app.importer.showAsOf(asOfDate(v.portfolio.source));
    }
    if (v['previous-portfolio']) app.movement.keep(v['previous-portfolio']);
    // A first visit shows something real: the sample portfolio, labelled as such (never over a stored import).
    if (!v.portfolio) void app.importer.begin({ kind: 'text', text: sampleCsv(), name: SAMPLE_SOURCE_NAME });
  }

  const stopEffects = $effect.root(() => {
    $effect(() => {
      // Raw state, replaced whole: stored as is ($state.snapshot would assign a "__proto__" segment key away).
      const calibration = app.portfolio.calibration;
      if (!app.suppressWrites) store.set('calibration', calibration);
    });
    $effect(() => {
      // A field is stored as typed, up to the schema's length: pasted junk never blocks saving the rest.
      const texts = $state.snapshot(app.scorecard.texts);
      const inputs = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, String(v ?? '').slice(0, MAX_RAW_INPUT_CHARS)]));
      const entry = { stage: app.scorecard.stage, inputs };
      if (!app.suppressWrites) store.set('kpi-entry', entry);
    });
  });
  const stopFlush = flushOnPageHide(store);
  return () => {
    stopEffects();
    stopFlush();
  };
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
