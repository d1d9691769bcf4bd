/**
 * The local calendar day the page counts renewals from (SPEC §4.5 "days to renewal = renewal date − today").
 * One per page, read by the roll-ups and the table: it moves on at local midnight and when a tab that slept
 * through it is shown again.
 */
import { todayEpochDay } from '../io/calendar';

export class Clock {
  today = $state(0);

  readonly #now: () => Date;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
    this.today = todayEpochDay(now());
  }

  /** Re-read the day, and wait for the next local midnight. */
  refresh(): void {
    const now = this.#now();
    const day = todayEpochDay(now);
    if (day !== this.today) this.today = day;
    clearTimeout(this.#timer);
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    // A moment past midnight, so the new day has begun when the timer fires.
    this.#timer = setTimeout(() => this.refresh(), midnight.getTime() - now.getTime() + 50);
  }

  /** Follow the day until the returned function is called: midnight timers, and on showing the tab again. */
  start(doc: Document = document): () => void {
    const onVisible = () => {
      if (doc.visibilityState === 'visible') this.refresh();
    };
    doc.addEventListener('visibilitychange', onVisible);
    this.refresh();
    return () => {
      doc.removeEventListener('visibilitychange', onVisible);
      clearTimeout(this.#timer);
    };
  }
}
