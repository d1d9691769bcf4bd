/**
 * Cell readers of the column builder; those of money, usage and sentiment keep evidence for a
 * whole-column decision (column-decisions.ts). Each read stores its value in fields rather than returning an object, so a clean
 * row allocates nothing.
 */
import { MONEY_AMBIGUOUS, MONEY_COMMA_DECIMAL, MONEY_DOT_DECIMAL, readMoney, type MoneyNote } from './money';
import { quote } from './quote';
import { grown } from './column-store';
import type { SentimentScale } from '../engine/types';
import { addUsage, readPercent, usageRangeReason, type PercentNote, type UsageStats } from './percent';
import { addSentiment, readSentiment, rescaleSentiment, sentimentRangeReason, type SentimentStats } from './sentiment';
import { tidy } from './tidy';
import type { UsageMode } from './types';

/** Empty, or whitespace only. */
export function blank(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  return (c <= 32 || c === 0xa0 || c === 0xfeff) && s.trim() === '';
}

/** "38 days", "38d", "38 day" → 38; NaN otherwise. */
export function daysWithUnit(raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:d|days?)\s*$/i.exec(raw);
  return m === null ? NaN : Number(m[1]);
}

/** The MRR column (MRR, or ARR ÷ 12): amounts read cell by cell, the decimal mark decided by the whole column. */
export class MoneyColumn {
  /** The last amount read, and its reading with a decimal comma (NaN unless ambiguous, e.g. 1.234). */
  value = 0;
  alt = NaN;
  private readonly note: MoneyNote = { style: 0 };
  private dotVotes = 0;
  private commaVotes = 0;
  /** Rows read ambiguously, and their decimal-comma readings. */
  private ambN = 0;
  private ambRow = new Uint32Array(16);
  private ambAlt = new Float64Array(16);

  /** Reads a cell into value/alt; false (with the reason pushed) when it is not an amount ≥ 0. */
  read(raw: string, label: string, divisor: number, reasons: string[]): boolean {
    const v = readMoney(raw, this.note);
    if (v !== v) {
      reasons.push(`${label} ${quote(raw)} is not an amount`);
      return false;
    }
    if (v < 0) {
      reasons.push(`${label} ${quote(raw)} is negative`);
      return false;
    }
    const s = this.note.style;
    if (s === MONEY_DOT_DECIMAL) this.dotVotes++;
    else if (s === MONEY_COMMA_DECIMAL) this.commaVotes++;
    this.value = divisor === 1 ? v : v / divisor;
    this.alt = s === MONEY_AMBIGUOUS ? Math.round(v * 1000) / divisor : NaN;
    return true;
  }

  /** Row `row` was stored with an ambiguous amount whose decimal-comma reading is `alt`. */
  keepAmbiguous(row: number, alt: number): void {
    if (this.ambN === this.ambRow.length) {
      this.ambRow = grown(this.ambRow, this.ambN * 2);
      this.ambAlt = grown(this.ambAlt, this.ambN * 2);
    }
    this.ambRow[this.ambN] = row;
    this.ambAlt[this.ambN++] = alt;
  }

  /** The column's decimal mark; with ',', amounts like 1.234 are rewritten as thousands in `mrr`. */
  settle(mrr: Float64Array, warnings: string[]): ',' | '.' {
    const decimal = this.commaVotes > 0 && this.dotVotes === 0 ? ',' : '.';
    if (decimal === ',' && this.ambN > 0) {
      for (let k = 0; k < this.ambN; k++) mrr[this.ambRow[k]] = this.ambAlt[k];
      warnings.push('Amounts like 1.234 were read as 1234: the file writes decimal commas (1.234,50).');
    }
    return decimal;
  }
}

/** A usage cell as a percentage (not a ratio): its value, or NaN with the reason pushed. With 'auto', evidence for the column's mode. */
export function readUsageCell(raw: string, opt: 'auto' | UsageMode, pct: PercentNote, stats: UsageStats, reasons: string[]): number {
  const v = readPercent(raw, pct);
  if (v !== v) {
    reasons.push(`usage ${quote(raw)} is not a percentage`);
    return NaN;
  }
  const why = usageRangeReason(raw, v, opt === 'fraction' ? 'fraction' : 'percent', pct.sign);
  if (why !== null) {
    reasons.push(why);
    return NaN;
  }
  if (opt !== 'auto') return opt === 'fraction' && !pct.sign ? tidy(v * 100) : v;
  addUsage(stats, v, pct.sign);
  return v;
}

/** A sentiment cell: its value, or NaN with the reason pushed. With 'auto', evidence for the column's scale. */
export function readSentimentCell(raw: string, opt: 'auto' | SentimentScale, stats: SentimentStats, reasons: string[]): number {
  const v = readSentiment(raw);
  let why: string | null;
  if (v !== v) why = `sentiment ${quote(raw)} is not a number`;
  else if (opt !== 'auto') why = sentimentRangeReason(raw, v, opt);
  else if (v > 100) why = `sentiment ${quote(raw)} is above 100`;
  else if (v < -100) why = `sentiment ${quote(raw)} is below −100`;
  else {
    addSentiment(stats, v);
    return v;
  }
  if (why !== null) {
    reasons.push(why);
    return NaN;
  }
  return rescaleSentiment(v, opt as SentimentScale);
}
