/**
 * SPEC §4.6 how two imports' accounts pair up, kept for the page: matched in a worker for big books
 * (match-client.ts), so the page shows "Comparing with the previous import…" until the match arrives,
 * never half a movement. A match of a pair that is no longer shown (a newer import came) is dropped.
 */
import { matchAccounts, type AccountMatch } from '../engine/account-match';
import type { AccountColumns } from '../engine/types';
import { releaseMatchWorker, startMatch, type RunningMatch } from './match-client';

export interface BookPair {
  prev: AccountColumns;
  cur: AccountColumns;
}

/** Starts the match of a pair off the page, or answers null to have it matched here (match-client.ts). */
export type OffPage = (prev: AccountColumns, cur: AccountColumns) => RunningMatch | null;

export class AccountMatchState {
  /** The last match that arrived from a worker, with the pair it is of. */
  #arrived = $state.raw<(BookPair & { match: AccountMatch }) | null>(null);
  /** The pair a worker is matching now (plain: starting one from a derived must not write state). */
  #running: (BookPair & { run: RunningMatch }) | null = null;
  readonly #read: () => BookPair | null;
  readonly #offPage: OffPage;
  readonly #release: () => void;

  /** `release`: ends what the worker keeps for the next match (called when there is no pair to compare). */
  constructor(read: () => BookPair | null, offPage: OffPage = startMatch, release: () => void = releaseMatchWorker) {
    this.#read = read;
    this.#offPage = offPage;
    this.#release = release;
  }

  /** The match of the pair shown; null with no pair, or while it is being matched off the page. */
  match: AccountMatch | null = $derived.by(() => {
    const pair = this.#read();
    if (!pair) {
      this.#stop();
      this.#release(); // nothing to compare: the worker's copy of a book goes too (Clear local data)
      if (this.#arrived) queueMicrotask(() => (this.#arrived = null));
      return null;
    }
    const arrived = this.#arrived;
    if (arrived && arrived.prev === pair.prev && arrived.cur === pair.cur) return arrived.match;
    // A stale match would keep its two books alive: let it go (after this read; a derived writes no state).
    if (arrived) queueMicrotask(() => void (this.#arrived === arrived && (this.#arrived = null)));
    if (this.#running && this.#running.prev === pair.prev && this.#running.cur === pair.cur) return null;
    this.#stop();
    const run = this.#offPage(pair.prev, pair.cur);
    if (!run) return matchAccounts(pair.prev, pair.cur);
    const running = (this.#running = { ...pair, run });
    void run.promise.then((match) => {
      if (this.#running !== running) return; // superseded: a newer pair, or none
      this.#running = null;
      if (match) this.#arrived = { ...pair, match };
    });
    return null;
  });

  /** True while the pair shown is being matched off the page. */
  get comparing(): boolean {
    // `match` read first: a pair gone (Clear local data) stops its run there.
    return this.match === null && this.#read() !== null;
  }

  #stop(): void {
    this.#running?.run.cancel();
    this.#running = null;
  }
}
