/**
 * SPEC §2.3 percentages: `42%`, `42`, `0.42`, `42,5 %`. The parser returns the number as written;
 * whether a bare 0.42 means 42 % is a per-column decision (decideUsageMode), because only the whole
 * column tells: a column whose values all lie within 0–1 holds fractions.
 */
import { fail, ok, type Parsed } from '../engine/types';
import { isSpaceCode } from './money';
import { quote } from './quote';
import { tidy } from './tidy';
import type { UsageMode } from './types';

export interface PercentNote {
  /** The cell carried a % sign (so it is a percentage whatever the column says). */
  sign: boolean;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number in a percentage cell (without scaling), or NaN. `42`, `0.42`, `42%` take an
 * allocation-free single pass; anything else (spaces, `42,5 %`, `+5`) the slower one.
 */
export function readPercent(raw: string, note?: PercentNote): number {
  const n = raw.length;
  let i = n !== 0 && raw.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  let m = 0;
  let frac = -1;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) frac = 0;
    else break;
  }
  const sign = i === n - 1 && raw.charCodeAt(i) === 37;
  const digits = i - start - (frac >= 0 ? 1 : 0);
  if ((i !== n && !sign) || digits === 0 || digits > 15) return readPercentSlow(raw, note);
  if (note !== undefined) note.sign = sign;
  const v = frac > 0 ? m / POW10[frac] : m;
  return start === 1 && v !== 0 ? -v : v;
}

function readPercentSlow(raw: string, note: PercentNote | undefined): number {
  let a = 0;
  let b = raw.length;
  while (a < b && isSpaceCode(raw.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(raw.charCodeAt(b - 1))) b--;
  let sign = false;
  if (b > a && raw.charCodeAt(b - 1) === 37) {
    sign = true;
    b--;
    while (b > a && isSpaceCode(raw.charCodeAt(b - 1))) b--;
  }
  let neg = false;
  if (b > a && (raw.charCodeAt(a) === 45 || raw.charCodeAt(a) === 0x2212)) {
    neg = true;
    a++;
  } else if (b > a && raw.charCodeAt(a) === 43) a++;
  // A percentage has no thousands, so one comma is a decimal comma (42,5 %).
  let sep = false;
  let m = 0;
  let digits = 0;
  let frac = 0;
  for (let i = a; i < b; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (sep) frac++;
    } else if ((c === 46 || c === 44) && !sep) sep = true;
    else return NaN;
  }
  if (digits === 0) return NaN;
  const v = digits > 15 ? Number(raw.slice(a, b).replace(',', '.')) : frac === 0 ? m : m / POW10[frac];
  if (note !== undefined) note.sign = sign;
  if (v === 0) return 0;
  return neg ? -v : v;
}

/** A percentage cell as written (42% → 42, 0.42 → 0.42); range checks are the caller's. */
export function parsePercent(raw: string): Parsed<number> {
  const v = readPercent(raw);
  if (v === v) return ok(v);
  return raw.trim() === '' ? fail('empty') : fail(`${quote(raw)} is not a percentage`);
}

/** What a usage column looked like, gathered while streaming. */
export interface UsageStats {
  count: number;
  max: number;
  /** Some cell carried a % sign. */
  anySign: boolean;
  /** Some value lies strictly between 0 and 1 (a fraction; as a percentage it would be below 1 %). */
  anyBetween: boolean;
}

export const emptyUsageStats = (): UsageStats => ({ count: 0, max: -Infinity, anySign: false, anyBetween: false });

export function addUsage(s: UsageStats, value: number, sign: boolean): void {
  s.count++;
  if (value > s.max) s.max = value;
  if (sign) s.anySign = true;
  else if (value > 0 && value < 1) s.anyBetween = true;
}

/**
 * SPEC §2.3: a column whose values all lie within 0–1 and that never writes % is read as fractions (×100).
 * Certain when the data leaves no doubt: a % sign or a value above 1 (percent), a value strictly inside 0–1
 * (fraction). A column of only 0s and 1s is read as fractions but reported as a guess.
 */
export function decideUsageMode(s: UsageStats): { mode: UsageMode; certain: boolean } {
  if (s.count === 0) return { mode: 'percent', certain: true };
  if (s.anySign || s.max > 1) return { mode: 'percent', certain: true };
  return { mode: 'fraction', certain: s.anyBetween };
}

/** The same rule over finished values (for callers that have the whole column). */
export function detectUsageMode(values: ArrayLike<number>): { mode: UsageMode; certain: boolean } {
  const s = emptyUsageStats();
  for (let i = 0; i < values.length; i++) addUsage(s, values[i], false);
  return decideUsageMode(s);
}

/**
 * Why a usage value cannot be scored, or null. `sign` is whether the cell wrote %; under 'fraction' a
 * bare value must lie in 0–1, a value with % in 0–100.
 */
export function usageRangeReason(raw: string, value: number, mode: UsageMode, sign: boolean): string | null {
  if (value < 0) return `usage ${quote(raw)} is below 0 %`;
  if (mode === 'fraction' && !sign) {
    return value > 1 ? `usage ${quote(raw)} is above 1 (usage is read as 0–1 fractions)` : null;
  }
  return value > 100 ? `usage ${quote(raw)} is above 100 %` : null;
}

/** Usage on 0–100 from a value as written. */
export const usagePercent = (value: number, mode: UsageMode, sign: boolean): number =>
  mode === 'fraction' && !sign ? tidy(value * 100) : value;
