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
import { isBlankScored } from '../engine/coverage';
import { packNames } from '../engine/names';
import { fail, ok, type AccountColumns, type Parsed, type SentimentScale } from '../engine/types';
import {
  addDateEvidence, DATE_FIXED, decideDateOrder, emptyDateEvidence, newDateRead, ORDER_LABEL, readDate,
  SERIAL_MAX, SERIAL_MIN, todayEpochDay,
} from './dates';
import { checkMapping } from './fields';
import { MONEY_AMBIGUOUS, MONEY_COMMA_DECIMAL, MONEY_DOT_DECIMAL, readMoney, type MoneyNote } from './money';
import { addUsage, decideUsageMode, emptyUsageStats, readPercent, usageRangeReason, type PercentNote } from './percent';
import { quote } from './quote';
import { usageRatio } from './usage-ratio';
import {
  addSentiment, decideSentimentScale, emptySentimentStats, readSentiment, rescaleSentiment, SCALE_LABEL,
  sentimentRangeReason,
} from './sentiment';
import { KeyedDictionary } from './dictionary';
import { duplicates, hashName } from './duplicates';
import { tidy } from './tidy';
import type { BuilderOptions, ImportDecisions, ImportIssue, ImportResult } from './types';

export interface ColumnBuilder {
  /** One data record; `line` is the source line where it starts (1-based). */
  push(row: string[], line: number): void;
  /** Settles the column-wide decisions and returns the import (the same object if called again). */
  finish(): ImportResult;
  /** Records pushed so far (blank ones included). */
  readonly pushed: number;
}

const EXCEL_1970 = 25569;
const DEFAULT_MAX_ISSUES = 10_000;

/** Empty, or whitespace only. */
function blank(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  return (c <= 32 || c === 0xa0 || c === 0xfeff) && s.trim() === '';
}

// Return types inferred: Float64Array<ArrayBuffer>, transferable.
function growF64(a: Float64Array, cap: number) {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
function growU32(a: Uint32Array, cap: number) {
  const b = new Uint32Array(cap);
  b.set(a);
  return b;
}

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
      this.row = growU32(this.row, cap);
      this.mdy = growF64(this.mdy, cap);
      this.dmy = growF64(this.dmy, cap);
    }
    this.row[this.n] = row;
    this.mdy[this.n] = mdy;
    this.dmy[this.n] = dmy;
    this.raw[this.n] = raw;
    this.n++;
  }
}

export function createColumnBuilder(opts: BuilderOptions): Parsed<ColumnBuilder> {
  const checked = checkMapping(opts.header, opts.mapping, opts.partial === true);
  if (!checked.ok) return checked;
  const map = checked.value;
  const width = opts.header.length;
  const cName = map.name as number;
  const cMrr = map.mrr ?? -1;
  const cArr = map.arr ?? -1;
  // -1: not mapped (only with `partial`): every row has no value for that input.
  const cTouch = map['last-touch'] ?? -1;
  const cUsage = map.usage ?? -1;
  const cSent = map.sentiment ?? -1;
  const cUsageOf = cUsage >= 0 ? (map['usage-of'] ?? -1) : -1;
  const blankOk = opts.scoreBlankRows === true;
  const cOwner = map.owner ?? -1;
  const cSeg = map.segment ?? -1;
  const cRenew = map['renewal-date'] ?? -1;
  const cId = map.id ?? -1;
  const today = opts.today ?? todayEpochDay();
  const maxIssues = opts.maxIssues ?? DEFAULT_MAX_ISSUES;
  const forcedOrder = opts.dateOrder ?? 'auto';
  const usageOpt = opts.usageMode ?? 'auto';
  const scaleOpt = opts.sentimentScale ?? 'auto';
  const sentHeader = cSent >= 0 ? (opts.header[cSent] ?? '') : '';
  const usageLabel = cUsage >= 0 ? quote(opts.header[cUsage] ?? '') : '';
  const usageOfLabel = cUsageOf >= 0 ? quote(opts.header[cUsageOf] ?? '') : '';

  // Columns of accepted rows.
  let cap = Math.max(64, Math.min(opts.expectedRows ?? 1024, 1 << 20));
  let n = 0;
  const names: string[] = [];
  /** SPEC §4.6 account ids ('' = blank), when an id column is mapped. */
  const ids: string[] = [];
  let mrr = new Float64Array(cap);
  let days = new Float64Array(cap);
  let usage = new Float64Array(cap);
  let sentiment = new Float64Array(cap);
  let owner = new Uint32Array(cap);
  let segment = new Uint32Array(cap);
  let renewal = new Float64Array(cap);
  let lines = new Uint32Array(cap);
  // Name hashes, taken while the name is fresh in cache; duplicates are found from them in finish().
  let hashes = new Int32Array(cap);
  // SPEC §4.4: keyed case- and whitespace-insensitively, shown in the most frequent spelling.
  const owners = new KeyedDictionary();
  const segments = new KeyedDictionary();

  function grow(): void {
    cap *= 2;
    mrr = growF64(mrr, cap);
    days = growF64(days, cap);
    usage = growF64(usage, cap);
    sentiment = growF64(sentiment, cap);
    owner = growU32(owner, cap);
    segment = growU32(segment, cap);
    renewal = growF64(renewal, cap);
    lines = growU32(lines, cap);
    const h = new Int32Array(cap);
    h.set(hashes);
    hashes = h;
  }

  // Report.
  const issues: ImportIssue[] = [];
  let unscored = 0;
  let omitted = 0;
  const cellWarnings: ImportIssue[] = [];
  const cellWarningRows: number[] = [];
  let cellWarningsOmitted = 0;
  let blankRows = 0;
  const blankLines: number[] = [];
  let pushed = 0;
  let fromArr = 0;
  let fromMrr = 0;

  // Column-wide evidence.
  const moneyNote: MoneyNote = { style: 0 };
  let dotVotes = 0;
  let commaVotes = 0;
  let ambN = 0;
  let ambRow = new Uint32Array(16);
  let ambAlt = new Float64Array(16);
  const pct: PercentNote = { sign: false };
  const usageStats = emptyUsageStats();
  const sentStats = emptySentimentStats();
  const dateEvidence = emptyDateEvidence();
  const dr = newDateRead();
  const touchLater = new Deferred();
  const renewLater = new Deferred();
  const issueLater: Array<{ issue: ImportIssue; mdy: number; dmy: number; raw: string }> = [];

  const reasons: string[] = [];

  function missing(label: string, row: string[]): string {
    return `${label} is missing (the row has ${row.length} of ${width} columns)`;
  }

  /** An empty input cell (the column is in the row): no value with scoreBlankRows, else the reason. */
  function emptyInput(why: string): void {
    if (!blankOk) reasons.push(why);
  }

  function addIssue(line: number, name: string, withDate: boolean, mdy: number, dmy: number, raw: string): void {
    unscored++;
    if (issues.length >= maxIssues) {
      omitted++;
      return;
    }
    const issue: ImportIssue = name === '' ? { line, reason: reasons.join('; ') } : { line, name, reason: reasons.join('; ') };
    issues.push(issue);
    if (withDate) issueLater.push({ issue, mdy, dmy, raw });
  }

  function addCellWarning(row: number, line: number, name: string, reason: string): void {
    if (cellWarnings.length >= maxIssues) {
      cellWarningsOmitted++;
      return;
    }
    cellWarnings.push({ line, name, reason });
    cellWarningRows.push(row);
  }

  /** Reads a money cell into `moneyValue`/`moneyAlt`, or pushes a reason. */
  let moneyValue = 0;
  let moneyAlt = NaN;
  function money(raw: string, label: string, divisor: number): boolean {
    const v = readMoney(raw, moneyNote);
    if (v !== v) {
      reasons.push(`${label} ${quote(raw)} is not an amount`);
      return false;
    }
    if (v < 0) {
      reasons.push(`${label} ${quote(raw)} is negative`);
      return false;
    }
    const s = moneyNote.style;
    if (s === MONEY_DOT_DECIMAL) dotVotes++;
    else if (s === MONEY_COMMA_DECIMAL) commaVotes++;
    moneyValue = divisor === 1 ? v : v / divisor;
    moneyAlt = s === MONEY_AMBIGUOUS ? Math.round(v * 1000) / divisor : NaN;
    return true;
  }

  function push(row: string[], line: number): void {
    pushed++;
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
        if (len > 1) {
          blankRows++;
          if (blankLines.length < 5) blankLines.push(line);
        }
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
      if (money(rawM, 'MRR', 1)) {
        m = moneyValue;
        alt = moneyAlt;
      }
    } else if (cArr >= 0 && !blank(rawA)) {
      viaArr = true;
      if (money(rawA, 'ARR', 12)) {
        m = moneyValue;
        alt = moneyAlt;
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
      if (cTouch < len) emptyInput('last touch is empty');
      else reasons.push(missing('last touch', row));
    } else {
      let v = readPercent(rawT, pct);
      if (v !== v || pct.sign) v = daysWithUnit(rawT);
      if (v === v) {
        if (v < 0) reasons.push(`last touch ${quote(rawT)} is negative`);
        else if (v < SERIAL_MIN) d = v;
        else if (v <= SERIAL_MAX) d = touchFromEpoch(Math.floor(v) - EXCEL_1970, rawT);
        else reasons.push(`last touch ${quote(rawT)} is not a number of days or a date`);
      } else if (readDate(rawT, dr)) {
        if (dr.kind === DATE_FIXED || forcedOrder !== 'auto') {
          d = touchFromEpoch(forcedOrder === 'dmy' ? dr.dmy : dr.mdy, rawT);
        } else {
          addDateEvidence(dateEvidence, dr.kind);
          touchDeferred = true;
        }
      } else reasons.push(`last touch ${quote(rawT)} is not a number of days or a date`);
    }

    // Usage: a percentage, or a ratio of two columns.
    let u = NaN;
    const rawU = cUsage >= 0 && cUsage < len ? row[cUsage] : '';
    if (cUsage < 0) {
      // not mapped (partial): no value
    } else if (blank(rawU)) {
      if (cUsage < len) emptyInput('usage is empty');
      else reasons.push(missing('usage', row));
    } else if (cUsageOf >= 0) {
      if (cUsageOf >= len) reasons.push(missing('usage denominator', row));
      else {
        const r = usageRatio(rawU, row[cUsageOf], usageLabel, usageOfLabel);
        if (r.kind === 'value') u = r.value;
        else if (r.kind === 'blank') emptyInput(r.why);
        else reasons.push(r.why);
      }
    } else {
      const v = readPercent(rawU, pct);
      if (v !== v) reasons.push(`usage ${quote(rawU)} is not a percentage`);
      else {
        const why = usageRangeReason(rawU, v, usageOpt === 'fraction' ? 'fraction' : 'percent', pct.sign);
        if (why !== null) reasons.push(why);
        else if (usageOpt === 'auto') {
          addUsage(usageStats, v, pct.sign);
          u = v;
        } else u = usageOpt === 'fraction' && !pct.sign ? tidy(v * 100) : v;
      }
    }

    // Sentiment.
    let s = NaN;
    const rawS = cSent >= 0 && cSent < len ? row[cSent] : '';
    if (cSent < 0) {
      // not mapped (partial): no value
    } else if (blank(rawS)) {
      if (cSent < len) emptyInput('sentiment is empty');
      else reasons.push(missing('sentiment', row));
    } else {
      const v = readSentiment(rawS);
      if (v !== v) reasons.push(`sentiment ${quote(rawS)} is not a number`);
      else if (scaleOpt === 'auto') {
        if (v > 100) reasons.push(`sentiment ${quote(rawS)} is above 100`);
        else if (v < -100) reasons.push(`sentiment ${quote(rawS)} is below −100`);
        else {
          addSentiment(sentStats, v);
          s = v;
        }
      } else {
        const why = sentimentRangeReason(rawS, v, scaleOpt);
        if (why !== null) reasons.push(why);
        else s = rescaleSentiment(v, scaleOpt);
      }
    }

    if (reasons.length > 0) {
      addIssue(line, name, touchDeferred, dr.mdy, dr.dmy, rawT);
      return;
    }

    // Accept.
    if (n === cap) grow();
    const i = n++;
    names.push(name);
    if (cId >= 0) ids.push(cId < len && !blank(row[cId]) ? row[cId].trim() : '');
    hashes[i] = hashName(name);
    mrr[i] = m;
    if (alt === alt) {
      if (ambN === ambRow.length) {
        ambRow = growU32(ambRow, ambN * 2);
        ambAlt = growF64(ambAlt, ambN * 2);
      }
      ambRow[ambN] = i;
      ambAlt[ambN++] = alt;
    }
    if (viaArr) fromArr++;
    else fromMrr++;

    days[i] = d;
    if (touchDeferred) touchLater.add(i, dr.mdy, dr.dmy, rawT);
    usage[i] = u;
    sentiment[i] = s;
    lines[i] = line;
    owner[i] = cOwner >= 0 && cOwner < len ? owners.code(row[cOwner]) : 0;
    segment[i] = cSeg >= 0 && cSeg < len ? segments.code(row[cSeg]) : 0;
    renewal[i] = NaN;
    if (cRenew >= 0 && cRenew < len) {
      const raw = row[cRenew];
      if (!blank(raw)) readRenewal(raw, i, line, name);
    }
  }

  /** Days before today of an epoch day; a reason when it is not a real day or is in the future. */
  function touchFromEpoch(e: number, raw: string): number {
    if (e !== e) reasons.push(`last touch ${quote(raw)} is not a valid date`);
    else if (e > today) reasons.push(`last touch ${quote(raw)} is in the future`);
    else return today - e;
    return NaN;
  }

  function readRenewal(raw: string, i: number, line: number, name: string): void {
    if (!readDate(raw, dr)) {
      addCellWarning(i, line, name, `renewal date ${quote(raw)} is not a date; left empty`);
    } else if (dr.kind === DATE_FIXED || forcedOrder !== 'auto') {
      const e = forcedOrder === 'dmy' ? dr.dmy : dr.mdy;
      if (e === e) renewal[i] = e;
      else addCellWarning(i, line, name, `renewal date ${quote(raw)} is not a valid date; left empty`);
    } else {
      addDateEvidence(dateEvidence, dr.kind);
      renewLater.add(i, dr.mdy, dr.dmy, raw);
    }
  }

  let result: ImportResult | null = null;
  function finish(): ImportResult {
    result ??= settle();
    return result;
  }

  function settle(): ImportResult {
    const warnings: string[] = [];
    const late: ImportIssue[] = [];
    let removed: Uint8Array | null = null;

    // Dates (both date columns share one order: one file, one locale).
    const { order, certain: orderCertain } = decideDateOrder(dateEvidence, forcedOrder);
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
        removed ??= new Uint8Array(n);
        removed[i] = 1;
        late.push({ line: lines[i], name: names[i], reason: why });
      }
    }
    for (let k = 0; k < renewLater.n; k++) {
      const i = renewLater.row[k];
      const e = pick(k, renewLater);
      if (e === e) renewal[i] = e;
      else addCellWarning(i, lines[i], names[i], `renewal date ${quote(renewLater.raw[k])} is not a valid ${fmt} date; left empty`);
    }
    for (const p of issueLater) {
      const e = order === 'dmy' ? p.dmy : p.mdy;
      if (e !== e) p.issue.reason += `; last touch ${quote(p.raw)} is not a valid ${fmt} date`;
      else if (e > today) p.issue.reason += `; last touch ${quote(p.raw)} is in the future`;
    }
    if (dateEvidence.mdyOnly > 0 && dateEvidence.dmyOnly > 0 && forcedOrder === 'auto') {
      warnings.push(`Dates mix month-first and day-first forms; they were read as ${fmt} and the ones that do not fit are listed.`);
    } else if (!orderCertain) {
      warnings.push(`Dates like 03/04/2026 were read as ${fmt} (month first); choose DD/MM/YYYY if that is wrong.`);
    }

    // Amounts like 1.234 in a column that writes 1.234,50 are thousands.
    const moneyDecimal = commaVotes > 0 && dotVotes === 0 ? ',' : '.';
    if (moneyDecimal === ',' && ambN > 0) {
      for (let k = 0; k < ambN; k++) mrr[ambRow[k]] = ambAlt[k];
      warnings.push('Amounts like 1.234 were read as 1234: the file writes decimal commas (1.234,50).');
    }

    // Usage: fractions when the whole column lies within 0–1.
    let usageMode = usageOpt === 'auto' ? 'percent' : usageOpt;
    let usageCertain = true;
    if (usageOpt === 'auto') {
      const d = decideUsageMode(usageStats);
      usageMode = d.mode;
      usageCertain = d.certain;
      if (d.mode === 'fraction') {
        for (let i = 0; i < n; i++) usage[i] = tidy(usage[i] * 100);
        warnings.push(
          d.certain
            ? 'Usage was read as 0–1 fractions (every value is between 0 and 1), so 0.42 is 42 %.'
            : 'Usage was read as 0–1 fractions (every value is 0 or 1), so 1 is 100 %; choose percent if that is wrong.',
        );
      }
    }

    // Sentiment scale.
    let scale: SentimentScale = scaleOpt === 'auto' ? '0-100' : scaleOpt;
    let scaleCertain = true;
    if (scaleOpt === 'auto' && cSent >= 0) {
      const d = decideSentimentScale(sentStats, sentHeader);
      scale = d.scale;
      scaleCertain = d.certain;
      if (scale !== '0-100') for (let i = 0; i < n; i++) sentiment[i] = rescaleSentiment(sentiment[i], scale);
      if (!d.certain) {
        warnings.push(`Sentiment was read on the ${SCALE_LABEL[scale]} scale; choose another scale if that is wrong.`);
      }
    }

    if (fromArr > 0 && fromMrr > 0) warnings.push(`MRR was empty on ${fromArr} rows; ARR ÷ 12 was used for them.`);
    if (blankRows > 0) {
      const where = blankLines.join(', ') + (blankRows > blankLines.length ? ', …' : '');
      warnings.push(`${blankRows} ${blankRows === 1 ? 'row' : 'rows'} with only empty cells skipped (line ${where}).`);
    }

    // Drop rows that failed on their date, keeping cell warnings only for rows that stay.
    let count = n;
    let keptWarnings = cellWarnings;
    if (removed !== null) {
      count = compact(removed);
      const gone = removed;
      keptWarnings = cellWarnings.filter((_, k) => gone[cellWarningRows[k]] === 0);
    }
    if (renewLater.n > 0) keptWarnings.sort((a, b) => a.line - b.line);
    const blankScored = blankOk ? countBlankScored(count) : 0;
    if (blankScored > 0) {
      const one = blankScored === 1;
      warnings.push(`${blankScored} ${one ? 'row has' : 'rows have'} a blank input cell and ${one ? 'was' : 'were'} scored on the inputs ${one ? 'it has' : 'they have'} (marked in the table).`);
    }

    let allIssues = issues;
    if (late.length > 0) {
      unscored += late.length;
      allIssues = issues.concat(late).sort((a, b) => a.line - b.line);
      if (allIssues.length > maxIssues) {
        omitted += allIssues.length - maxIssues;
        allIssues.length = maxIssues;
      }
    }
    if (omitted > 0) warnings.push(`Only the first ${maxIssues.toLocaleString('en-US')} unscorable rows are listed.`);
    if (cellWarningsOmitted > 0) warnings.push(`${cellWarningsOmitted} more unreadable optional cells are not listed.`);

    // Exact-size arrays unless the spare capacity is small (then a view saves a copy).
    const roomy = cap - count > cap / 8;
    const fitF = (a: Float64Array<ArrayBuffer>) => (roomy ? a.slice(0, count) : a.subarray(0, count));
    const fitU = (a: Uint32Array<ArrayBuffer>) => (roomy ? a.slice(0, count) : a.subarray(0, count));
    const columns: AccountColumns = {
      count,
      name: packNames(names),
      mrr: fitF(mrr),
      days: fitF(days),
      usage: fitF(usage),
      sentiment: fitF(sentiment),
      owner: fitU(owner),
      ownerDict: owners.labels(),
      segment: fitU(segment),
      segmentDict: segments.labels(),
      renewal: fitF(renewal),
      line: fitU(lines),
      duplicate: duplicates(names, hashes, count),
      ...(cId >= 0 ? { id: packNames(ids) } : {}),
    };
    const decisions: ImportDecisions = {
      sentimentScale: scale,
      sentimentCertain: scaleCertain,
      usageMode,
      usageCertain,
      dateOrder: order,
      dateOrderCertain: orderCertain,
      moneyDecimal,
      revenue: fromArr === 0 ? 'mrr' : fromMrr === 0 ? 'arr' : 'mrr+arr',
    };
    return {
      columns,
      issues: allIssues,
      cellWarnings: keptWarnings,
      scored: count,
      unscored,
      issuesOmitted: omitted,
      blankScored,
      decisions,
      warnings,
    };
  }

  /** Kept rows with no value in a MAPPED input column: what scoreBlankRows let through. */
  function countBlankScored(count: number): number {
    const absent = (cTouch < 0 ? 1 : 0) | (cUsage < 0 ? 2 : 0) | (cSent < 0 ? 4 : 0);
    let k = 0;
    for (let i = 0; i < count; i++) {
      const missing = (days[i] !== days[i] ? 1 : 0) | (usage[i] !== usage[i] ? 2 : 0) | (sentiment[i] !== sentiment[i] ? 4 : 0);
      if (isBlankScored(missing, absent)) k++;
    }
    return k;
  }

  /** Removes marked rows in place; returns the new count. */
  function compact(removed: Uint8Array): number {
    let w = 0;
    for (let r = 0; r < n; r++) {
      if (removed[r] === 1) continue;
      if (w !== r) {
        names[w] = names[r];
        if (cId >= 0) ids[w] = ids[r];
        mrr[w] = mrr[r];
        days[w] = days[r];
        usage[w] = usage[r];
        sentiment[w] = sentiment[r];
        owner[w] = owner[r];
        segment[w] = segment[r];
        renewal[w] = renewal[r];
        lines[w] = lines[r];
        hashes[w] = hashes[r];
      }
      w++;
    }
    names.length = w;
    if (cId >= 0) ids.length = w;
    return w;
  }

  return ok({
    push,
    finish,
    get pushed() {
      return pushed;
    },
  });
}

/** "38 days", "38d", "38 day" → 38; NaN otherwise. */
function daysWithUnit(raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:d|days?)\s*$/i.exec(raw);
  return m === null ? NaN : Number(m[1]);
}
