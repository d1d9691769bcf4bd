/**
 * SPEC §2.3 account import, row by row into columns. push() does no per-row allocation on a clean row:
 * values go straight into typed arrays that double when full. What needs the whole column (fractions vs
 * percent, the sentiment scale, day-first vs month-first dates, decimal-comma amounts) is stored raw and
 * settled in finish().
 *
 * Rules (documented choices):
 * - required: name, MRR (or ARR ÷ 12; MRR wins when both are mapped, ARR is used where MRR is empty),
 *   last touch (days, or a date → days before `today`), usage, sentiment. A row missing any of them is
 *   an issue listing ALL its reasons, joined with "; ".
 * - SPEC §4.1 partial scoring: with `partial`, last touch, usage and sentiment may be unmapped; such a
 *   column is all NaN (no value). With `scoreBlankRows`, an EMPTY cell in a mapped input column is NaN
 *   and the row is scored on the inputs it has (counted in `blankScored`); a row cut short is still an
 *   issue. A missing value is never read as 0.
 * - usage may be a ratio of two columns (`usage-of` is the denominator, usage-ratio.ts): a zero or
 *   blank denominator makes the usage cell blank, so the rule above applies.
 * - optional: owner, segment, renewal date. An unreadable renewal date does not stop the row: it is
 *   scored with no renewal date and listed in `cellWarnings`.
 * - a row whose cells are all empty is skipped: silently for a whitespace-only line, with a warning
 *   that counts them for a row of separators only (",,,,").
 * - duplicate names (exact, after trimming) are all kept and flagged.
 * - money is never negative; 0 is allowed. Days since last touch are ≥ 0; a future date is an issue.
 */
import { ok, type ColumnMapping, type Parsed } from '../engine/types';
import { blank, daysWithUnit, MoneyColumn, readSentimentCell, readUsageCell } from './cells';
import { ColumnStore } from './column-store';
import { DateColumns } from './date-columns';
import { todayEpochDay } from './calendar';
import { EXCEL_1970, SERIAL_MAX, SERIAL_MIN } from './dates';
import { checkMapping } from './fields';
import { DEFAULT_MAX_ISSUES, ImportReport } from './import-report';
import { emptyUsageStats, readPercent, type PercentNote } from './percent';
import { quote } from './quote';
import { usageRatio } from './usage-ratio';
import { emptySentimentStats } from './sentiment';
import { countBlankScored, settleSentiment, settleUsage } from './column-decisions';
import { KeyedDictionary } from './dictionary';
import { duplicates, hashName } from './duplicates';
import type { BuilderOptions, ImportDecisions, ImportResult } from './types';

export interface ColumnBuilder {
  /** One data record; `line` is the source line where it starts (1-based). */
  push(row: string[], line: number): void;
  /** Settles the column-wide decisions and returns the import (the same object if called again). */
  finish(): ImportResult;
  /** Records pushed so far (blank ones included). */
  readonly pushed: number;
}


export function createColumnBuilder(opts: BuilderOptions): Parsed<ColumnBuilder> {
  const checked = checkMapping(opts.header, opts.mapping, opts.partial === true);
  if (!checked.ok) return checked;
  return ok(new RowBuilder(opts, checked.value));
}

/**
 * The builder as a class, not a closure per import: its methods are created once, so the engine's optimised
 * code for push() serves every import (a closure made per import is compiled again for each one, and a
 * 10k-row import ends before that pays off).
 */
class RowBuilder implements ColumnBuilder {
  readonly #width: number;
  readonly #cName: number;
  readonly #cMrr: number;
  readonly #cArr: number;
  // -1: not mapped (only with `partial`): every row has no value for that input.
  readonly #cTouch: number;
  readonly #cUsage: number;
  readonly #cSent: number;
  readonly #cUsageOf: number;
  readonly #blankOk: boolean;
  readonly #cOwner: number;
  readonly #cSeg: number;
  readonly #cRenew: number;
  readonly #cId: number;
  readonly #usageOpt: NonNullable<BuilderOptions['usageMode']>;
  readonly #scaleOpt: NonNullable<BuilderOptions['sentimentScale']>;
  readonly #sentHeader: string;
  readonly #usageLabel: string;
  readonly #usageOfLabel: string;

  // Columns of accepted rows.
  readonly #store: ColumnStore;
  // SPEC §4.4: keyed case- and whitespace-insensitively, shown in the most frequent spelling.
  readonly #owners = new KeyedDictionary();
  readonly #segments = new KeyedDictionary();
  readonly #report: ImportReport;
  #pushed = 0;
  #fromArr = 0;
  #fromMrr = 0;

  // Column-wide evidence.
  readonly #money = new MoneyColumn();
  readonly #dates: DateColumns;
  readonly #pct: PercentNote = { sign: false };
  readonly #usageStats = emptyUsageStats();
  readonly #sentStats = emptySentimentStats();

  readonly #reasons: string[] = [];
  #result: ImportResult | null = null;

  constructor(opts: BuilderOptions, map: ColumnMapping) {
    this.#width = opts.header.length;
    this.#cName = map.name as number;
    this.#cMrr = map.mrr ?? -1;
    this.#cArr = map.arr ?? -1;
    this.#cTouch = map['last-touch'] ?? -1;
    this.#cUsage = map.usage ?? -1;
    this.#cSent = map.sentiment ?? -1;
    this.#cUsageOf = this.#cUsage >= 0 ? (map['usage-of'] ?? -1) : -1;
    this.#blankOk = opts.scoreBlankRows === true;
    this.#cOwner = map.owner ?? -1;
    this.#cSeg = map.segment ?? -1;
    this.#cRenew = map['renewal-date'] ?? -1;
    this.#cId = map.id ?? -1;
    this.#usageOpt = opts.usageMode ?? 'auto';
    this.#scaleOpt = opts.sentimentScale ?? 'auto';
    this.#sentHeader = this.#cSent >= 0 ? (opts.header[this.#cSent] ?? '') : '';
    this.#usageLabel = this.#cUsage >= 0 ? quote(opts.header[this.#cUsage] ?? '') : '';
    this.#usageOfLabel = this.#cUsageOf >= 0 ? quote(opts.header[this.#cUsageOf] ?? '') : '';
    this.#store = new ColumnStore(opts.expectedRows ?? 1024, this.#cId >= 0, opts.onNames);
    this.#report = new ImportReport(opts.maxIssues ?? DEFAULT_MAX_ISSUES);
    this.#dates = new DateColumns(opts.dateOrder ?? 'auto', opts.today ?? todayEpochDay());
  }

  get pushed(): number {
    return this.#pushed;
  }

  #missing(label: string, row: string[]): string {
    return `${label} is missing (the row has ${row.length} of ${this.#width} columns)`;
  }

  /** An empty input cell (the column is in the row): no value with scoreBlankRows, else the reason. */
  #emptyInput(why: string): void {
    if (!this.#blankOk) this.#reasons.push(why);
  }

  push(row: string[], line: number): void {
    const cName = this.#cName, cMrr = this.#cMrr, cArr = this.#cArr, cTouch = this.#cTouch, cUsage = this.#cUsage;
    const cSent = this.#cSent, cUsageOf = this.#cUsageOf, cOwner = this.#cOwner, cSeg = this.#cSeg, cRenew = this.#cRenew;
    const cId = this.#cId, report = this.#report, money = this.#money, dates = this.#dates, pct = this.#pct;
    const reasons = this.#reasons;
    const missing = (label: string, r: string[]): string => this.#missing(label, r);
    this.#pushed++;
    const len = row.length;
    const nameRaw = cName < len ? row[cName] : '';
    const name = blank(nameRaw) ? '' : nameRaw.trim();
    if (name === '') {
      let empty = true;
      for (let i = 0; i < len; i++) {
        if (!blank(row[i])) {
          empty = false;
          break;
        }
      }
      if (empty) {
        if (len > 1) report.addBlankRow(line);
        return;
      }
    }
    if (reasons.length !== 0) reasons.length = 0;
    if (name === '') reasons.push(cName < len ? 'name is empty' : missing('name', row));

    // Revenue (SPEC §2.3: MRR, or ARR divided by 12).
    let m = NaN;
    let alt = NaN;
    let viaArr = false;
    const rawM = cMrr >= 0 && cMrr < len ? row[cMrr] : '';
    const rawA = cArr >= 0 && cArr < len ? row[cArr] : '';
    if (cMrr >= 0 && !blank(rawM)) {
      if (money.read(rawM, 'MRR', 1, reasons)) {
        m = money.value;
        alt = money.alt;
      }
    } else if (cArr >= 0 && !blank(rawA)) {
      viaArr = true;
      if (money.read(rawA, 'ARR', 12, reasons)) {
        m = money.value;
        alt = money.alt;
      }
    } else if (cMrr >= 0 && cArr >= 0) reasons.push('MRR and ARR are empty');
    else if (cMrr >= 0) reasons.push(cMrr < len ? 'MRR is empty' : missing('MRR', row));
    else reasons.push(cArr < len ? 'ARR is empty' : missing('ARR', row));

    // Last touch: days, an Excel serial, or a date.
    let d = NaN;
    let touchDeferred = false;
    const rawT = cTouch >= 0 && cTouch < len ? row[cTouch] : '';
    if (cTouch < 0) {
      // not mapped (partial): no value
    } else if (blank(rawT)) {
      if (cTouch < len) this.#emptyInput('last touch is empty');
      else reasons.push(missing('last touch', row));
    } else {
      let v = readPercent(rawT, pct);
      if (v !== v || pct.sign) v = daysWithUnit(rawT);
      if (v === v) {
        if (v < 0) reasons.push(`last touch ${quote(rawT)} is negative`);
        else if (v < SERIAL_MIN) d = v;
        else if (v <= SERIAL_MAX) d = dates.touchFromEpoch(Math.floor(v) - EXCEL_1970, rawT, reasons);
        else reasons.push(`last touch ${quote(rawT)} is not a number of days or a date`);
      } else {
        d = dates.touchDate(rawT, reasons);
        touchDeferred = dates.waiting;
      }
    }

    // Usage: a percentage, or a ratio of two columns.
    let u = NaN;
    const rawU = cUsage >= 0 && cUsage < len ? row[cUsage] : '';
    if (cUsage < 0) {
      // not mapped (partial): no value
    } else if (blank(rawU)) {
      if (cUsage < len) this.#emptyInput('usage is empty');
      else reasons.push(missing('usage', row));
    } else if (cUsageOf >= 0) {
      if (cUsageOf >= len) reasons.push(missing('usage denominator', row));
      else {
        const r = usageRatio(rawU, row[cUsageOf], this.#usageLabel, this.#usageOfLabel);
        if (r.kind === 'value') u = r.value;
        else if (r.kind === 'blank') this.#emptyInput(r.why);
        else reasons.push(r.why);
      }
    } else u = readUsageCell(rawU, this.#usageOpt, pct, this.#usageStats, reasons);

    // Sentiment.
    let s = NaN;
    const rawS = cSent >= 0 && cSent < len ? row[cSent] : '';
    if (cSent < 0) {
      // not mapped (partial): no value
    } else if (blank(rawS)) {
      if (cSent < len) this.#emptyInput('sentiment is empty');
      else reasons.push(missing('sentiment', row));
    } else s = readSentimentCell(rawS, this.#scaleOpt, this.#sentStats, reasons);

    if (reasons.length > 0) {
      const issue = report.addIssue(line, name, reasons.join('; '));
      if (issue !== null && touchDeferred) dates.deferIssue(issue, rawT);
      return;
    }

    // Accept.
    const store = this.#store;
    const i = store.next();
    const a = store.a;
    store.names.push(i, name);
    if (store.ids) store.ids.push(i, cId < len && !blank(row[cId]) ? row[cId].trim() : '');
    store.hashes[i] = hashName(name);
    a.mrr[i] = m;
    if (alt === alt) money.keepAmbiguous(i, alt);
    if (viaArr) this.#fromArr++;
    else this.#fromMrr++;

    a.days[i] = d;
    if (touchDeferred) dates.deferTouch(i, rawT);
    a.usage[i] = u;
    a.sentiment[i] = s;
    a.line[i] = line;
    a.owner[i] = cOwner >= 0 && cOwner < len ? this.#owners.code(row[cOwner]) : 0;
    a.segment[i] = cSeg >= 0 && cSeg < len ? this.#segments.code(row[cSeg]) : 0;
    a.renewal[i] = NaN;
    if (cRenew >= 0 && cRenew < len) {
      const raw = row[cRenew];
      if (!blank(raw)) dates.readRenewal(raw, i, line, name, a.renewal, report);
    }
  }

  /** Settles the column-wide decisions and returns the import (the same object if called again). */
  finish(): ImportResult {
    this.#result ??= this.#settle();
    return this.#result;
  }

  #settle(): ImportResult {
    const store = this.#store, report = this.#report, dates = this.#dates, usageStats = this.#usageStats, sentStats = this.#sentStats;
    const fromArr = this.#fromArr, fromMrr = this.#fromMrr, cSent = this.#cSent, cTouch = this.#cTouch, cUsage = this.#cUsage;
    const warnings: string[] = [];
    const n = store.n;

    // Dates (both date columns share one order: one file, one locale).
    const { order, certain: orderCertain, removed, late } = dates.settle(store, report, warnings);

    // Amounts like 1.234 in a column that writes 1.234,50 are thousands.
    const moneyDecimal = this.#money.settle(store.a.mrr, warnings);

    // Usage (fractions or percent) and the sentiment scale.
    const usageMode = settleUsage(this.#usageOpt, usageStats, store.a.usage, n, warnings);
    const sentimentScale = settleSentiment(this.#scaleOpt, cSent >= 0, sentStats, this.#sentHeader, store.a.sentiment, n, warnings);

    if (fromArr > 0 && fromMrr > 0) warnings.push(`MRR was empty on ${fromArr} rows; ARR ÷ 12 was used for them.`);
    const blankRowsWarning = report.blankRowsWarning();
    if (blankRowsWarning !== null) warnings.push(blankRowsWarning);

    // Drop rows that failed on their date, keeping cell warnings only for rows that stay.
    const count = removed !== null ? store.compact(removed) : n;
    const cellWarnings = report.keptCellWarnings(removed, dates.renewalsWaited);
    const blankScored = this.#blankOk ? countBlankScored(store.a, count, cTouch < 0, cUsage < 0, cSent < 0) : 0;
    if (blankScored > 0) {
      const one = blankScored === 1;
      warnings.push(`${blankScored} ${one ? 'row has' : 'rows have'} a blank input cell and ${one ? 'was' : 'were'} scored on the inputs ${one ? 'it has' : 'they have'} (marked in the table).`);
    }

    const issues = report.allIssues(late);
    warnings.push(...report.capWarnings());

    const columns = {
      count,
      ...store.fit({ duplicate: duplicates((i) => store.names.at(i), store.hashes, count) }),
      ownerDict: this.#owners.labels(),
      segmentDict: this.#segments.labels(),
    };
    const decisions: ImportDecisions = {
      sentimentScale: sentimentScale.scale,
      sentimentCertain: sentimentScale.certain,
      usageMode: usageMode.mode,
      usageCertain: usageMode.certain,
      dateOrder: order,
      dateOrderCertain: orderCertain,
      moneyDecimal,
      revenue: fromArr === 0 ? 'mrr' : fromMrr === 0 ? 'arr' : 'mrr+arr',
    };
    return {
      columns,
      issues,
      cellWarnings,
      scored: count,
      unscored: report.unscored,
      issuesOmitted: report.omitted,
      blankScored,
      decisions,
      warnings,
    };
    }
}
