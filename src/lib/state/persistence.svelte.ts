import { untrack } from 'svelte';
import { DEFAULT_STAGE, ok, type Calibration, type Parsed } from '../engine/types';
import { RESTORE_IN_PAGE_BELOW } from '../io/book-parts';
import type { Restoring, StoredBook } from '../io/import-client';
import { dayOfIso } from '../io/calendar';
import { createStore, flushOnPageHide, type SnapshotDraft, type StorageMode, type Store } from '../persistence';
import { MAX_RAW_INPUT_CHARS, type KpiEntry } from '../schema/kpi-entry';
import type { Mappings } from '../schema/mappings';
import { asOfDate, type Portfolio } from '../schema/portfolio';
import type { RecordKey } from '../schema/records';
import type { Snapshot } from '../schema/history';
import type { ImportOutcome, ImportState } from './import.svelte';
import type { MovementState } from './movement.svelte';
import type { PortfolioState } from './portfolio.svelte';
import type { ScorecardState } from './scorecard.svelte';
import { nextTask } from '../io/tasks';

/** The state the coordinator keeps stored, and where it says what went wrong. */
export interface PersistedState {
  portfolio: PortfolioState;
  scorecard: ScorecardState;
  importFlow: ImportState;
  movement: MovementState;
  notify(kind: 'warning', text: string, id: string): void;
}

const RECORD_NAMES = {
  calibration: 'calibration', mappings: 'remembered column mappings', 'kpi-entry': 'KPI entry', portfolio: 'portfolio', history: 'audit history',
  'previous-portfolio': 'previous import',
} as const satisfies Record<RecordKey, string>;

/**
 * Prepares the stored books off the page (io/import-client.ts startRestore); null when the page computes
 * them itself (small books, no Worker).
 */
export type Restore = (current: StoredBook, previous: StoredBook | null, calibration: Calibration) => Promise<Restoring | null>;

/** The worker's client loads only for books big enough to need it. */
const restoreInWorker: Restore = async (current, previous, calibration) =>
  Math.max(current.columns.count, previous?.columns.count ?? 0) < RESTORE_IN_PAGE_BELOW
    ? null
    : (await import('../io/import-client')).startRestore(current, previous, calibration);

/** Saves a newer action makes obsolete: starting one aborts the one before (and Clear local data aborts both). */
type SaveSlot = 'book' | 'previous';

/**
 * SPEC §5: the only code that touches the store. It loads what was stored into the state, then follows the
 * state: the calibration and KPI entry as they change (debounced by the store), each applied import (never
 * the sample) with its mapping, the previous import; and it clears. After the start, a value equal to what is
 * stored is not written again, so clearing writes no default back.
 */
export class Persistence {
  mode = $state<StorageMode | 'loading'>('loading');
  mappings = $state.raw<Mappings>({});
  history = $state.raw<Snapshot[]>([]);
  readonly #state: PersistedState;
  readonly #restore: Restore;
  #store: Store | null = null;
  readonly #saves = new Map<SaveSlot, AbortController>();

  constructor(state: PersistedState, restore: Restore = restoreInWorker) {
    this.#state = state;
    this.#restore = restore;
  }

  /**
   * Read every record through the gate (quarantining what fails) and apply it, then follow the state.
   * Storage loads after first paint: what the user typed or imported before then is newer than what was stored.
   * A stored book is shown once the worker has scored it (#show). `empty`: no book is shown, none was stored
   * (a first visit). `stop` stops following.
   */
  async start(store: Store = createStore({ onModeChange: (m, reason) => this.#setMode(m, reason) })): Promise<{ empty: boolean; stop: () => void }> {
    const loaded = await store.load();
    this.#store = store;
    this.#setMode(loaded.mode, loaded.modeReason);
    for (const n of loaded.notices) {
      this.#state.notify('warning', `Your saved ${RECORD_NAMES[n.key]} could not be read (${n.reason}). ${n.quarantineKey ? 'It was kept aside, not deleted, and' : 'It was left untouched and'} the page started from defaults.`, `store-${n.key}`);
    }
    const v = loaded.values;
    const { portfolio, scorecard: sc, importFlow, movement } = this.#state;
    const entry = v['kpi-entry'];
    portfolio.loadCalibration(v.calibration);
    sc.load(sc.stage !== DEFAULT_STAGE ? sc.stage : entry.stage, { ...entry.inputs, ...sc.texts });
    this.mappings = v.mappings;
    this.history = v.history;
    const untouched = this.#untouched();
    // What the page starts with is stored at once, as it now is (what was typed before the load included).
    store.set('calibration', portfolio.calibration);
    store.set('kpi-entry', this.#entry());
    const stopEffects = this.#follow();
    const stopFlush = flushOnPageHide(store);
    if (untouched && v.portfolio) await this.#show(v.portfolio, v['previous-portfolio']);
    else if (untouched) movement.keep(v['previous-portfolio']);
    return {
      empty: untouched && !v.portfolio,
      stop: () => {
        stopEffects();
        stopFlush();
      },
    };
  }

  /** No import begun and no book shown: a stored one may be. */
  #untouched(): boolean {
    const { portfolio, importFlow } = this.#state;
    return importFlow.phase === 'idle' && !portfolio.columns;
  }

  /**
   * The stored book, and the previous one, shown as the worker prepared them (engine/prepared.ts): its
   * scores, roll-up and order first, the previous one's scores, match and movement when they follow. No
   * long task on the page: a 1M-account book is never scored here at start-up. An import begun meanwhile
   * wins, as one begun before storage loaded does.
   */
  async #show(book: Portfolio, previous: Portfolio | null): Promise<void> {
    const { portfolio, importFlow, movement } = this.#state;
    const stored = (p: Portfolio): StoredBook => ({ columns: p.columns, asOfDay: dayOfIso(asOfDate(p.source)) });
    // The worker's code not loading is no reason not to show the book: the page scores it then.
    const restoring = await this.#restore(stored(book), previous && stored(previous), portfolio.calibration).catch(() => null);
    const prepared = (await restoring?.current) ?? undefined;
    if (!this.#untouched()) {
      restoring?.cancel();
      return;
    }
    portfolio.load(book.columns, book.source, prepared);
    importFlow.showAsOf(asOfDate(book.source));
    movement.keep(previous);
    if (previous && restoring) movement.restore(previous.columns, book.columns, restoring.previous);
  }

  /** The book stored last (the one a new import replaces while the sample is shown). */
  storedBook(): Portfolio | null {
    return this.#store?.get('portfolio') ?? null;
  }

  /** A dated audit of the graded answer, written at once (a deliberate act, not a keystroke). */
  async addSnapshot(draft: SnapshotDraft): Promise<Parsed<Snapshot[]>> {
    if (!this.#store) return { ok: false, reason: 'storage is still loading' };
    const r = await this.#store.addSnapshot(draft);
    if (r.ok) this.history = r.value;
    return r;
  }

  async deleteSnapshot(id: string): Promise<void> {
    if (this.#store) this.history = await this.#store.deleteSnapshot(id);
  }

  /** Remove every key of the app; a save in progress is aborted first, so it cannot write back afterwards. */
  async clear(): Promise<Parsed<number>> {
    for (const c of this.#saves.values()) c.abort();
    this.#saves.clear();
    const res = this.#store ? await this.#store.clearAll() : ok(0);
    this.mappings = {};
    this.history = [];
    return res;
  }

  #setMode(mode: StorageMode, reason: string | null): void {
    this.mode = mode;
    if (mode === 'memory') {
      this.#state.notify('warning', `This browser is not letting the page store data${reason ? ` (${reason})` : ''}. Everything works, but nothing will be remembered after this tab closes.`, 'store-memory');
    }
  }

  /** The effects that keep storage following the state. */
  #follow(): () => void {
    const { portfolio, importFlow, movement } = this.#state;
    // Applied before storage loaded: that import is not stored (as an import never was before the store opened).
    const before = importFlow.outcome;
    return $effect.root(() => {
      $effect(() => {
        // Raw state, replaced whole: stored as is (a copy would assign a "__proto__" segment key away).
        const calibration = portfolio.calibration;
        untrack(() => this.#setChanged('calibration', calibration));
      });
      $effect(() => {
        const entry = this.#entry();
        untrack(() => this.#setChanged('kpi-entry', entry));
      });
      $effect(() => {
        const outcome = importFlow.outcome;
        if (outcome !== before) untrack(() => void this.#saveImport(outcome, this.#supersede('book')));
      });
      $effect(() => {
        const previous = movement.previous;
        untrack(() => void this.#savePrevious(previous, this.#supersede('previous')));
      });
    });
  }

  /** The KPI entry as stored: each field as typed, up to the schema's length (pasted junk never blocks saving the rest). */
  #entry(): KpiEntry {
    const { stage, texts } = this.#state.scorecard;
    return { stage, inputs: Object.fromEntries(Object.entries(texts).map(([k, t]) => [k, String(t ?? '').slice(0, MAX_RAW_INPUT_CHARS)])) };
  }

  /** Store `value` unless it is what is stored already (so loading or clearing writes nothing back). */
  #setChanged(key: 'calibration' | 'kpi-entry', value: unknown): void {
    const store = this.#store;
    if (!store || JSON.stringify(value) === JSON.stringify(store.get(key))) return;
    const saved = store.set(key, value as never);
    // Never say "saved" of what was not (SPEC §5): the page keeps working on the value it has.
    if (!saved.ok) this.#state.notify('warning', `Your ${key === 'calibration' ? 'calibration' : 'KPI entry'} could not be saved in this browser (${saved.reason}); it is kept for this visit only.`, `store-save-${key}`);
  }

  #supersede(slot: SaveSlot): AbortSignal {
    this.#saves.get(slot)?.abort();
    const c = new AbortController();
    this.#saves.set(slot, c);
    return c.signal;
  }

  /** An applied import, then its mapping. The sample is never stored. */
  async #saveImport(outcome: ImportOutcome | null, signal: AbortSignal): Promise<void> {
    if (!outcome || outcome.kind === 'sample') return;
    // Validating and writing a big book is work of its own: after the bands are painted.
    await afterPaint();
    // The portfolio first: storing it must not wait for the mappings module to load.
    if (!(await this.#stillWanted(signal))) return;
    const saved = this.#store!.set('portfolio', outcome.book);
    if (!saved.ok) this.#state.notify('warning', `The portfolio is scored but could not be saved for next time (${saved.reason}).`, 'store-portfolio');
    const { rememberMapping } = await import('../schema/mappings');
    if (signal.aborted) return;
    this.mappings = rememberMapping(this.mappings, outcome.headerKey, outcome.decisions);
    this.#store!.set('mappings', this.mappings);
  }

  /** SPEC §4.6 the import the current one replaced, kept for next time (never the sample). */
  async #savePrevious(previous: Portfolio | null, signal: AbortSignal): Promise<void> {
    if (!previous || previous === this.#store?.get('previous-portfolio')) return;
    if (!(await this.#stillWanted(signal))) return;
    const saved = this.#store!.set('previous-portfolio', previous);
    if (!saved.ok) this.#state.notify('warning', `The previous import could not be kept for next time (${saved.reason}).`, 'store-previous');
  }

  /**
   * Saved in a later task (the store's gate checks every entry, schema/portfolio.ts). False when there
   * is no store or a newer action aborted the save meanwhile.
   */
  async #stillWanted(signal: AbortSignal): Promise<boolean> {
    if (!this.#store || signal.aborted) return false;
    await nextTask();
    return !signal.aborted && this.#store !== null;
  }
}

/** Resolves in a task after the next frame is painted (at once where nothing paints). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function' || document.hidden) setTimeout(resolve, 0);
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}
