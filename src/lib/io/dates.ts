/**
 * SPEC §2.3 dates (last touch, renewal) as epoch days: whole days since 1970-01-01, UTC calendar.
 *
 * Read: ISO `2026-03-01` (a time after it is ignored), `2026/03/01`, slash or dash dates `03/01/2026`,
 * `3/1/26`, dotted `01.03.2026` (always day first), month names (`1 Mar 2026`, `Mar 1, 2026`,
 * `01-Mar-26`) and Excel serial numbers 20000–80000 (1954-10-03 … 2119-01-10).
 * Two-digit years 00–69 are 20xx, 70–99 are 19xx. Slash dates are ambiguous: readDate returns both
 * readings and the column decides (decideDateOrder), so the page can show and override the choice.
 */
import { fail, ok, type Parsed } from '../engine/types';
import { isSpaceCode } from './money';
import { epochDay } from './calendar';
import { quote } from './quote';
import type { DateOrder } from './types';

export const SERIAL_MIN = 20000;
export const SERIAL_MAX = 80000;
/** Excel serial of 1970-01-01 (1900 date system, leap-year bug included). */
export const EXCEL_1970 = 25569;

/** One reading only (ISO, dotted, month name, serial), or both readings are the same day. */
export const DATE_FIXED = 0;
/** A slash date that is a real date read either way (03/04/2026). */
export const DATE_EITHER = 1;
/** Only month-first is a real date (03/25/2026): evidence for MDY. */
export const DATE_MDY_ONLY = 2;
/** Only day-first is a real date (25/03/2026): evidence for DMY. */
export const DATE_DMY_ONLY = 3;

export interface DateRead {
  kind: number;
  /** Epoch day read month-first (or the only reading), NaN when not a real date. */
  mdy: number;
  /** Epoch day read day-first (or the only reading), NaN when not a real date. */
  dmy: number;
}

export const newDateRead = (): DateRead => ({ kind: DATE_FIXED, mdy: NaN, dmy: NaN });

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Reads a date cell into `out`. Returns false when the cell is not date-shaped at all; a date-shaped
 * cell that names no real day (2026-02-30) returns true with NaN readings.
 */
export function readDate(raw: string, out: DateRead): boolean {
  let a = 0;
  let b = raw.length;
  while (a < b && isSpaceCode(raw.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(raw.charCodeAt(b - 1))) b--;
  if (a === b) return false;
  const c0 = raw.charCodeAt(a);
  if (isDigit(c0)) return readNumeric(raw, a, b, out);
  if (isLetter(c0)) return readMonthFirst(raw, a, b, out);
  return false;
}

function fixed(out: DateRead, day: number): true {
  out.kind = DATE_FIXED;
  out.mdy = day;
  out.dmy = day;
  return true;
}

const fullYear = (y: number, len: number): number => (len === 2 ? y + (y < 70 ? 2000 : 1900) : y);

function digitsTo(raw: string, i: number, b: number): boolean {
  for (; i < b; i++) if (!isDigit(raw.charCodeAt(i))) return false;
  return true;
}

/** After the year: nothing, or a time (`T10:00`, ` 14:30`) which is ignored. */
function tailOk(raw: string, i: number, b: number): boolean {
  if (i === b) return true;
  const c = raw.charCodeAt(i);
  return (c === 84 || c === 32) && i + 1 < b && isDigit(raw.charCodeAt(i + 1));
}

function readNumeric(raw: string, a: number, b: number, out: DateRead): boolean {
  let i = a;
  let n1 = 0;
  while (i < b && isDigit(raw.charCodeAt(i))) n1 = n1 * 10 + raw.charCodeAt(i++) - 48;
  const len1 = i - a;
  // A plain number: an Excel serial, or not a date.
  if (i === b || (raw.charCodeAt(i) === 46 && len1 >= 3 && digitsTo(raw, i + 1, b))) {
    const v = i === b ? n1 : Number(raw.slice(a, b));
    if (!(v >= SERIAL_MIN && v <= SERIAL_MAX)) return false;
    return fixed(out, Math.floor(v) - EXCEL_1970);
  }
  const sep = raw.charCodeAt(i);
  const spaced = sep === 32;
  if (sep !== 45 && sep !== 47 && sep !== 46 && !spaced) return false;
  i++;
  if (len1 === 4) {
    if (spaced) return false;
    // Year first: 2026-03-01, 2026/3/1, 2026.03.01
    let m = 0;
    const ms = i;
    while (i < b && isDigit(raw.charCodeAt(i))) m = m * 10 + raw.charCodeAt(i++) - 48;
    if (i - ms < 1 || i - ms > 2 || raw.charCodeAt(i) !== sep) return false;
    i++;
    let d = 0;
    const ds = i;
    while (i < b && isDigit(raw.charCodeAt(i))) d = d * 10 + raw.charCodeAt(i++) - 48;
    if (i - ds < 1 || i - ds > 2 || !tailOk(raw, i, b)) return false;
    return fixed(out, epochDay(n1, m, d));
  }
  if (len1 > 2) return false;
  const afterSep = i;
  while (i < b && raw.charCodeAt(i) === 32) i++;
  if (i < b && isLetter(raw.charCodeAt(i))) {
    // Day, month name, year: 1 Mar 2026, 01-Mar-26, 1. March 2026
    const ms = i;
    while (i < b && isLetter(raw.charCodeAt(i))) i++;
    const m = monthOf(raw.slice(ms, i));
    if (m === 0) return false;
    while (i < b && (raw.charCodeAt(i) === 32 || raw.charCodeAt(i) === 45 || raw.charCodeAt(i) === 46 || raw.charCodeAt(i) === 44)) i++;
    return readYearInto(raw, i, b, m, n1, out);
  }
  if (spaced || i !== afterSep) return false;
  let n2 = 0;
  const s2 = i;
  while (i < b && isDigit(raw.charCodeAt(i))) n2 = n2 * 10 + raw.charCodeAt(i++) - 48;
  if (i - s2 < 1 || i - s2 > 2 || raw.charCodeAt(i) !== sep) return false;
  i++;
  let y = 0;
  const ys = i;
  while (i < b && isDigit(raw.charCodeAt(i))) y = y * 10 + raw.charCodeAt(i++) - 48;
  const ylen = i - ys;
  if ((ylen !== 2 && ylen !== 4) || !tailOk(raw, i, b)) return false;
  y = fullYear(y, ylen);
  if (sep === 46) return fixed(out, epochDay(y, n2, n1)); // dotted dates are day first
  const mdy = epochDay(y, n1, n2);
  const dmy = epochDay(y, n2, n1);
  out.mdy = mdy;
  out.dmy = dmy;
  out.kind =
    n1 === n2 || (mdy !== mdy && dmy !== dmy)
      ? DATE_FIXED
      : mdy === mdy && dmy === dmy
        ? DATE_EITHER
        : mdy === mdy
          ? DATE_MDY_ONLY
          : DATE_DMY_ONLY;
  return true;
}

/** Mar 1, 2026 / March 1 2026 / Mar-01-2026 */
function readMonthFirst(raw: string, a: number, b: number, out: DateRead): boolean {
  let i = a;
  while (i < b && isLetter(raw.charCodeAt(i))) i++;
  const m = monthOf(raw.slice(a, i));
  if (m === 0) return false;
  while (i < b && (raw.charCodeAt(i) === 32 || raw.charCodeAt(i) === 45 || raw.charCodeAt(i) === 46)) i++;
  let d = 0;
  const ds = i;
  while (i < b && isDigit(raw.charCodeAt(i))) d = d * 10 + raw.charCodeAt(i++) - 48;
  if (i - ds < 1 || i - ds > 2) return false;
  while (i < b && (raw.charCodeAt(i) === 32 || raw.charCodeAt(i) === 45 || raw.charCodeAt(i) === 44)) i++;
  return readYearInto(raw, i, b, m, d, out);
}

function readYearInto(raw: string, i: number, b: number, m: number, d: number, out: DateRead): boolean {
  let y = 0;
  const ys = i;
  while (i < b && isDigit(raw.charCodeAt(i))) y = y * 10 + raw.charCodeAt(i++) - 48;
  const ylen = i - ys;
  if ((ylen !== 2 && ylen !== 4) || !tailOk(raw, i, b)) return false;
  return fixed(out, epochDay(fullYear(y, ylen), m, d));
}

/** 1–12 for an English month name or its abbreviation (Sept too), else 0. */
function monthOf(word: string): number {
  const w = word.toLowerCase();
  if (w.length < 3) return 0;
  const k = MONTHS.indexOf(w.slice(0, 3));
  if (k < 0) return 0;
  return w.length === 3 || MONTH_NAMES[k].startsWith(w) || w === 'sept' ? k + 1 : 0;
}

export const ORDER_LABEL: Record<DateOrder, string> = { mdy: 'MM/DD/YYYY', dmy: 'DD/MM/YYYY' };

/** A date cell as an epoch day, slash dates read in `order`. */
export function parseDate(raw: string, order: DateOrder = 'mdy'): Parsed<number> {
  const r = newDateRead();
  if (raw.trim() === '') return fail('empty');
  if (!readDate(raw, r)) return fail(`${quote(raw)} is not a date`);
  const v = order === 'dmy' ? r.dmy : r.mdy;
  if (v === v) return ok(v);
  return fail(r.kind === DATE_FIXED ? `${quote(raw)} is not a valid date` : `${quote(raw)} is not a valid ${ORDER_LABEL[order]} date`);
}

/** Slash-date evidence gathered over a column. */
export interface DateEvidence {
  either: number;
  mdyOnly: number;
  dmyOnly: number;
}

export const emptyDateEvidence = (): DateEvidence => ({ either: 0, mdyOnly: 0, dmyOnly: 0 });

export function addDateEvidence(e: DateEvidence, kind: number): void {
  if (kind === DATE_EITHER) e.either++;
  else if (kind === DATE_MDY_ONLY) e.mdyOnly++;
  else if (kind === DATE_DMY_ONLY) e.dmyOnly++;
}

/**
 * Per column: a first part above 12 means day first, a second part above 12 month first; when both
 * occur the majority wins (uncertain) and the dates that do not fit are row errors; with no evidence
 * the default is MM/DD/YYYY, certain only if no date could be read either way.
 */
export function decideDateOrder(e: DateEvidence, forced: 'auto' | DateOrder = 'auto'): { order: DateOrder; certain: boolean } {
  if (forced !== 'auto') return { order: forced, certain: true };
  if (e.dmyOnly > e.mdyOnly) return { order: 'dmy', certain: e.mdyOnly === 0 };
  if (e.mdyOnly > e.dmyOnly) return { order: 'mdy', certain: e.dmyOnly === 0 };
  return { order: 'mdy', certain: e.mdyOnly === 0 && e.either === 0 };
}

/** The same rule over raw cells (for a preview or a test). */
export function detectDateOrder(cells: readonly string[]): { order: DateOrder; certain: boolean } {
  const e = emptyDateEvidence();
  const r = newDateRead();
  for (const c of cells) if (readDate(c, r)) addDateEvidence(e, r.kind);
  return decideDateOrder(e);
}
