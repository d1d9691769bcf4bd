import { createContext } from 'svelte';
import { calibrationKey, type ScoredColumns } from '../engine';
import type { StorageMode } from '../persistence';
import type { Mappings } from '../schema/mappings';
import type { Portfolio } from '../schema/portfolio';
import type { Snapshot } from '../schema/history';
import type { ShareState } from '../schema/share';
import { Clock } from './clock.svelte';
import { ImportState, type ImportOutcome } from './import.svelte';
import { MovementState } from './movement.svelte';
import type { Persistence } from './persistence.svelte';
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
  /** The import flow: preview, mapping, import; each applied import is shown here and stored by `persistence`. */
  importFlow = new ImportState({
    calibration: () => this.portfolio.calibration,
    recall: (headerKey) => (Object.hasOwn(this.mappings, headerKey) ? this.mappings[headerKey] : undefined),
    apply: (outcome) => this.#show(outcome),
  });
  /** Today, for renewal windows (SPEC §4.5): one for the page, read by the roll-ups and the table. */
  clock = new Clock();
  /** Roll-ups by segment and owner, coverage from the data, renewal windows (SPEC §4.4–4.5). */
  rollups = new RollupsState(this.portfolio, this.clock);
  /** SPEC §4.6 the previous import and what moved since. */
  movement = new MovementState(this.portfolio);
  notices = $state.raw<Notice[]>([]);
  /** The only way to storage; null until it has loaded (and in unit tests that run without it). */
  persistence = $state.raw<Persistence | null>(null);
  /** True once the service worker has cached the app. */
  offlineReady = $state(false);
  /** A decoded share link waiting for the user to confirm it. */
  pendingShare = $state.raw<ShareState | null>(null);

  get storageMode(): StorageMode | 'loading' {
    return this.persistence?.mode ?? 'loading';
  }

  /** Column mappings remembered by header set (SPEC §5). */
  get mappings(): Mappings {
    return this.persistence?.mappings ?? {};
  }

  /** Audits saved in this browser, oldest first. */
  get history(): Snapshot[] {
    return this.persistence?.history ?? [];
  }

  /**
   * Show an applied import. SPEC §4.6: a new import (not the sample, not the same one again) makes the one
   * it replaces the previous one; while the sample is shown, that is the import stored last.
   */
  #show(o: ImportOutcome): void {
    const p = this.portfolio;
    let replaced: Portfolio | null = null;
    let scores: { key: string; scored: ScoredColumns } | undefined;
    if (o.kind === 'import' && !o.rerun) {
      if (p.columns && p.source && !p.isSample) {
        replaced = { columns: p.columns, source: p.source };
        // Scored already, under this calibration: the movement panel reuses it rather than score it again.
        if (p.scored) scores = { key: calibrationKey(p.calibration), scored: p.scored };
      } else if (p.isSample) replaced = this.persistence?.storedBook() ?? null;
    }
    p.load(o.book.columns, o.book.source, o.prepared, o.kind);
    if (replaced) this.movement.keep(replaced, scores);
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
