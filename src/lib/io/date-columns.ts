/**
 * The import's two date columns, last touch and renewal (SPEC §2.3). A slash date like 03/04/2026 waits
 * (row and both readings) until the whole file has voted for month-first or day-first; both columns
 * share one order (one file, one locale).
 */
import { addDateEvidence, DATE_FIXED, decideDateOrder, emptyDateEvidence, newDateRead, ORDER_LABEL, readDate } from './dates';
import { grown, type ColumnStore } from './column-store';
import type { ImportReport } from './import-report';
import { quote } from './quote';
import type { DateOrder, ImportIssue } from './types';

/** Dates whose reading waits for the column's order: row index + both readings. */
class Deferred {
  n = 0;
  row = new Uint32Array(64);
  mdy = new Float64Array(64);
  dmy = new Float64Array(64);
  raw: string[] = [];
  add(row: number, mdy: number, dmy: number, raw: string): void {
    if (this.n === this.row.length) {
      const cap = this.n * 2;
      this.row = grown(this.row, cap);
      this.mdy = grown(this.mdy, cap);
      this.dmy = grown(this.dmy, cap);
    }
    this.row[this.n] = row;
    this.mdy[this.n] = mdy;
    this.dmy[this.n] = dmy;
    this.raw[this.n] = raw;
    this.n++;
  }
}

export class DateColumns {
  /** The last date read (both readings). */
  private readonly dr = newDateRead();
  private readonly evidence = emptyDateEvidence();
  private readonly touchLater = new Deferred();
  private readonly renewLater = new Deferred();
  private readonly issueLater: Array<{ issue: ImportIssue; mdy: number; dmy: number; raw: string }> = [];
  /** Whether the last touchDate() waits for the column's order. */
  waiting = false;

  constructor(
    private readonly forced: 'auto' | DateOrder,
    private readonly today: number,
  ) {}

  /** Days before today of an epoch day; NaN with a reason when it is not a real day or is in the future. */
  touchFromEpoch(e: number, raw: string, reasons: string[]): number {
    if (e !== e) reasons.push(`last touch ${quote(raw)} is not a valid date`);
    else if (e > this.today) reasons.push(`last touch ${quote(raw)} is in the future`);
    else return this.today - e;
    return NaN;
  }

  /** A last-touch cell that is not a number: its days before today; NaN with a reason, or NaN and `waiting`. */
  touchDate(raw: string, reasons: string[]): number {
    this.waiting = false;
    const dr = this.dr;
    if (!readDate(raw, dr)) {
      reasons.push(`last touch ${quote(raw)} is not a number of days or a date`);
      return NaN;
    }
    if (dr.kind === DATE_FIXED || this.forced !== 'auto') return this.touchFromEpoch(this.forced === 'dmy' ? dr.dmy : dr.mdy, raw, reasons);
    addDateEvidence(this.evidence, dr.kind);
    this.waiting = true;
    return NaN;
  }

  /** The waiting last touch (the last touchDate()) belongs to stored row `row`. */
  deferTouch(row: number, raw: string): void {
    this.touchLater.add(row, this.dr.mdy, this.dr.dmy, raw);
  }

  /** The waiting last touch belongs to an unscorable row: its reason is completed once the order is known. */
  deferIssue(issue: ImportIssue, raw: string): void {
    this.issueLater.push({ issue, mdy: this.dr.mdy, dmy: this.dr.dmy, raw });
  }

  /** A renewal cell of stored row `i`: into `renewal`, later, or a cell warning (the row is kept). */
  readRenewal(raw: string, i: number, line: number, name: string, renewal: Float64Array, report: ImportReport): void {
    const dr = this.dr;
    if (!readDate(raw, dr)) {
      report.addCellWarning(i, line, name, `renewal date ${quote(raw)} is not a date; left empty`);
    } else if (dr.kind === DATE_FIXED || this.forced !== 'auto') {
      const e = this.forced === 'dmy' ? dr.dmy : dr.mdy;
      if (e === e) renewal[i] = e;
      else report.addCellWarning(i, line, name, `renewal date ${quote(raw)} is not a valid date; left empty`);
    } else {
      addDateEvidence(this.evidence, dr.kind);
      this.renewLater.add(i, dr.mdy, dr.dmy, raw);
    }
  }

  /** Whether renewal dates waited (then the cell warnings need sorting by line). */
  get renewalsWaited(): boolean {
    return this.renewLater.n > 0;
  }

  /**
   * Decides the order and reads the waiting dates. Rows whose last touch then fails are marked in
   * `removed` (null when none) and listed in `late`.
   */
  settle(store: ColumnStore, report: ImportReport, warnings: string[]) {
    const { today, forced, evidence, touchLater, renewLater } = this;
    const { days, renewal, line } = store.a;
    const late: ImportIssue[] = [];
    let removed: Uint8Array | null = null;
    const { order, certain } = decideDateOrder(evidence, forced);
    const fmt = ORDER_LABEL[order];
    const pick = (k: number, dl: Deferred): number => (order === 'dmy' ? dl.dmy[k] : dl.mdy[k]);
    for (let k = 0; k < touchLater.n; k++) {
      const i = touchLater.row[k];
      const e = pick(k, touchLater);
      const raw = touchLater.raw[k];
      const why =
        e !== e ? `last touch ${quote(raw)} is not a valid ${fmt} date` : e > today ? `last touch ${quote(raw)} is in the future` : null;
      if (why === null) days[i] = today - e;
      else {
        removed ??= new Uint8Array(store.n);
        removed[i] = 1;
        late.push({ line: line[i], name: store.names.at(i), reason: why });
      }
    }
    for (let k = 0; k < renewLater.n; k++) {
      const i = renewLater.row[k];
      const e = pick(k, renewLater);
      if (e === e) renewal[i] = e;
      else report.addCellWarning(i, line[i], store.names.at(i), `renewal date ${quote(renewLater.raw[k])} is not a valid ${fmt} date; left empty`);
    }
    for (const p of this.issueLater) {
      const e = order === 'dmy' ? p.dmy : p.mdy;
      if (e !== e) p.issue.reason += `; last touch ${quote(p.raw)} is not a valid ${fmt} date`;
      else if (e > today) p.issue.reason += `; last touch ${quote(p.raw)} is in the future`;
    }
    if (evidence.mdyOnly > 0 && evidence.dmyOnly > 0 && forced === 'auto') {
      warnings.push(`Dates mix month-first and day-first forms; they were read as ${fmt} and the ones that do not fit are listed.`);
    } else if (!certain) {
      warnings.push(`Dates like 03/04/2026 were read as ${fmt} (month first); choose DD/MM/YYYY if that is wrong.`);
    }
    return { order, certain, removed, late };
  }
}
