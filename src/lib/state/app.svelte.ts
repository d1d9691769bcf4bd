import { createContext } from 'svelte';
import type { Store, StorageMode } from '../persistence';
import type { Mappings } from '../schema/mappings';
import type { Snapshot } from '../schema/history';
import type { ShareState } from '../schema/share';
import { Clock } from './clock.svelte';
import { ImportState } from './import.svelte';
import { MovementState } from './movement.svelte';
import { PortfolioState } from './portfolio.svelte';
import { RollupsState } from './rollups.svelte';
import { ScorecardState } from './scorecard.svelte';

export interface Notice {
  id: string;
  kind: 'info' | 'warning' | 'error' | 'success';
  text: string;
}

/** The page's state: the scorecard reads the portfolio's signal, never a copy of it. */
export class AppState {
  portfolio = new PortfolioState();
  /** Sample data never moves the user's zone or advice. */
  scorecard = new ScorecardState(() => (this.portfolio.isSample ? null : this.portfolio.signal));
  importer = new ImportState(this);
  /** Today, for renewal windows (SPEC §4.5): one for the page, read by the roll-ups and the table. */
  clock = new Clock();
  /** Roll-ups by segment and owner, coverage from the data, renewal windows (SPEC §4.4–4.5). */
  rollups = new RollupsState(this.portfolio, this.clock);
  /** SPEC §4.6 the previous import and what moved since. */
  movement = new MovementState(this.portfolio);
  notices = $state<Notice[]>([]);
  /** Null until storage has loaded (and in unit tests that run without it). */
  store: Store | null = null;
  /** Plain flag (not reactive): while true, state changes are not written to storage. */
  suppressWrites = false;
  storageMode = $state<StorageMode | 'loading'>('loading');
  /** True once the service worker has cached the app. */
  offlineReady = $state(false);
  mappings = $state.raw<Mappings>({});
  history = $state.raw<Snapshot[]>([]);
  /** A decoded share link waiting for the user to confirm it. */
  pendingShare = $state.raw<ShareState | null>(null);

  setStorageMode(mode: StorageMode, reason: string | null): void {
    this.storageMode = mode;
    if (mode === 'memory') {
      this.notify('warning', `This browser is not letting the page store data${reason ? ` (${reason})` : ''}. Everything works, but nothing will be remembered after this tab closes.`, 'store-memory');
    }
  }

  /** Apply a confirmed share link whole: stage, KPIs and calibration together. */
  applyShare(): void {
    const s = this.pendingShare;
    if (!s) return;
    this.portfolio.loadCalibration(s.calibration);
    this.scorecard.load(s.stage, s.inputs);
    this.pendingShare = null;
    if (typeof history !== 'undefined') history.replaceState(null, '', location.href.split('#')[0]);
    this.notify('success', 'Loaded the shared scorecard.', 'share');
  }

  notify(kind: Notice['kind'], text: string, id: string = `${Date.now()}-${Math.random()}`): void {
    this.notices = [...this.notices.filter((n) => n.id !== id), { id, kind, text }];
  }

  dismiss(id: string): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }
}

/** The app's state for the components below App (or a test's host); getApp throws where none was set. */
export const [getApp, setApp] = createContext<AppState>();
