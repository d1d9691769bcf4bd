import { getContext, setContext } from 'svelte';
import { PortfolioState } from './portfolio.svelte';
import { ScorecardState } from './scorecard.svelte';

export interface Notice {
  id: string;
  kind: 'info' | 'warning' | 'error' | 'success';
  text: string;
}

/** The page's state: the scorecard reads the portfolio's signal, never a copy of it. */
export class AppState {
  portfolio = new PortfolioState();
  scorecard = new ScorecardState(() => this.portfolio.signal);
  notices = $state<Notice[]>([]);

  notify(kind: Notice['kind'], text: string, id: string = `${Date.now()}-${Math.random()}`): void {
    this.notices = [...this.notices.filter((n) => n.id !== id), { id, kind, text }];
  }

  dismiss(id: string): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }
}

const KEY = Symbol('app');
export const setApp = (app: AppState): AppState => setContext(KEY, app);
export const getApp = (): AppState => getContext<AppState>(KEY);
