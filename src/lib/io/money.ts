/**
 * SPEC §2.3 money cells: `$24,000`, `24000.00`, `24K`, `1.2M`, `€1.234,50`, `(1,200)`, `USD 1,200`, `1 200,50`.
 *
 * Separator rule, per cell:
 * - both `.` and `,`: the last one is the decimal separator (`1,234.50`, `1.234.567,89`);
 * - only `,`: one comma followed by exactly 3 digits after a 1–3 digit, non-zero integer part is a thousands
 *   separator (`1,234` = 1234); otherwise it is the decimal (`1,5` = 1.5, `0,125`); several commas are thousands;
 * - only `.`: several dots are thousands (`1.234.567`); one dot is the decimal point, except after a € sign
 *   with exactly 3 digits (`€1.234` = 1234). A bare `1.234` reads 1.234 but is flagged MONEY_AMBIGUOUS so the
 *   importer can read it as 1234 when the rest of the column writes decimal commas (`1.234,50`);
 * - spaces (also NBSP) and `'` are thousands separators; with them a single `,` or `.` is the decimal;
 * - thousands groups must have 3 digits, so `1,2,3` is not money.
 * Parentheses, a leading or trailing minus are negative; K / M / MM / B / BN multiply; currency symbols and
 * 3-letter codes before or after are ignored.
 */
import { fail, ok, type Parsed } from '../engine/types';
import { quote } from './quote';

/** What a cell says about the column's decimal separator. */
export const MONEY_PLAIN = 0;
export const MONEY_DOT_DECIMAL = 1;
export const MONEY_COMMA_DECIMAL = 2;
export const MONEY_AMBIGUOUS = 3;
export interface MoneyNote {
  style: number;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

/** The amount in a money cell, or NaN. No allocation on the plain-number path (the common case). */
export function readMoney(raw: string, note?: MoneyNote): number {
  const n = raw.length;
  let i = n !== 0 && raw.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  let dot = -1;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 46 && dot < 0) {
      dot = i;
      continue;
    }
    break;
  }
  if (i === n && n > start && !(dot === start && n === start + 1)) {
    if (note !== undefined) {
      note.style =
        dot < 0
          ? MONEY_PLAIN
          : n - dot === 4 && dot - start >= 1 && dot - start <= 3 && raw.charCodeAt(start) !== 48
            ? MONEY_AMBIGUOUS
            : MONEY_DOT_DECIMAL;
    }
    return +raw || 0; // `|| 0` turns -0 into 0
  }
  return readMoneySlow(raw, note);
}

/** SPEC §2.3: a money cell as a Parsed result; reasons quote the cell. */
export function parseMoney(raw: string): Parsed<number> {
  const v = readMoney(raw);
  if (v === v) return ok(v);
  return raw.trim() === '' ? fail('empty') : fail(`${quote(raw)} is not an amount`);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
export const isSpaceCode = (c: number): boolean =>
  c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x2007;
// $ ¢ £ ¤ ¥ and the Unicode currency block (€, ₹, ₩, …)
const isCurrency = (c: number): boolean => c === 36 || (c >= 0xa2 && c <= 0xa5) || (c >= 0x20a0 && c <= 0x20cf);
const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };

function readMoneySlow(raw: string, note: MoneyNote | undefined): number {
  let a = 0;
  let b = raw.length;
  while (a < b && isSpaceCode(raw.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(raw.charCodeAt(b - 1))) b--;
  if (a === b) return NaN;

  let neg = false;
  let paren = 0; // 1 open, 2 closed
  let euro = false;
  let mult = 1;
  // Prefix: sign, "(", currency symbols, a currency code ("USD", "US$").
  let letters = 0;
  const a0 = a;
  for (; a < b; a++) {
    const c = raw.charCodeAt(a);
    if (isDigit(c) || c === 46 || c === 44) break;
    if (c === 45 || c === 0x2212) {
      if (neg) return NaN;
      neg = true;
    } else if (c === 40) {
      if (paren !== 0 || neg) return NaN;
      paren = 1;
    } else if (c === 0x20ac) euro = true;
    else if (isLetter(c)) {
      if (++letters > 3) return NaN;
    } else if (c !== 43 && !isCurrency(c) && !isSpaceCode(c)) return NaN;
  }
  if (letters === 3 && raw.slice(a0, a).toUpperCase().includes('EUR')) euro = true;
  // Suffix, right to left: ")", trailing minus (SAP), currency code or symbol, then K/M/B next to the number.
  let code = false;
  while (b > a) {
    const c = raw.charCodeAt(b - 1);
    if (isDigit(c) || c === 46 || c === 44) break;
    if (c === 41) {
      if (paren !== 1) return NaN;
      paren = 2;
      b--;
    } else if (c === 45 || c === 0x2212) {
      if (neg) return NaN;
      neg = true;
      b--;
    } else if (isLetter(c)) {
      let s = b - 1;
      while (s > a && isLetter(raw.charCodeAt(s - 1))) s--;
      const word = raw.slice(s, b).toLowerCase();
      const m = MULTIPLIERS[word];
      if (m !== undefined && mult === 1 && (s === a || !isLetter(raw.charCodeAt(s - 1)))) mult = m;
      else if (!code && mult === 1 && word.length <= 3) {
        code = true;
        if (word === 'eur') euro = true;
      }
      else return NaN;
      b = s;
    } else if (c === 0x20ac) {
      euro = true;
      b--;
    } else if (isCurrency(c) || isSpaceCode(c)) b--;
    else return NaN;
  }
  if (paren === 1) return NaN;
  if (paren === 2) {
    if (neg) return NaN;
    neg = true;
  }

  // Body: digits and separators only.
  let dots = 0;
  let commas = 0;
  let lastDot = -1;
  let lastComma = -1;
  let gaps = 0;
  let digits = 0;
  for (let i = a; i < b; i++) {
    const c = raw.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 46) {
      dots++;
      lastDot = i;
    } else if (c === 44) {
      commas++;
      lastComma = i;
    } else if (isSpaceCode(c) || c === 39 || c === 0x2019) gaps++;
    else return NaN;
  }
  if (digits === 0) return NaN;

  let dec = -1;
  let style = MONEY_PLAIN;
  if (dots > 0 && commas > 0) {
    if (lastDot > lastComma) {
      if (dots > 1) return NaN;
      dec = lastDot;
      style = MONEY_DOT_DECIMAL;
    } else {
      if (commas > 1) return NaN;
      dec = lastComma;
      style = MONEY_COMMA_DECIMAL;
    }
  } else if (commas > 0) {
    if (commas === 1 && (gaps > 0 || !thousandsShaped(raw, a, lastComma, b))) {
      dec = lastComma;
      style = MONEY_COMMA_DECIMAL;
    } else style = MONEY_DOT_DECIMAL; // 1,234 and 1,234,567: thousands commas
  } else if (dots > 0) {
    if (dots > 1) style = MONEY_COMMA_DECIMAL; // 1.234.567: thousands dots
    else if (gaps > 0 || mult !== 1 || !thousandsShaped(raw, a, lastDot, b)) {
      dec = lastDot;
      style = MONEY_DOT_DECIMAL;
    } else if (euro) style = MONEY_COMMA_DECIMAL; // €1.234
    else {
      dec = lastDot;
      style = MONEY_AMBIGUOUS;
    }
  }

  // Accumulate the digits, checking that thousands groups have 3 digits.
  let m = 0;
  let frac = 0;
  let nd = 0;
  let group = 0;
  let seps = 0;
  let inFrac = false;
  for (let i = a; i < b; i++) {
    const c = raw.charCodeAt(i);
    if (isDigit(c)) {
      m = m * 10 + (c - 48);
      nd++;
      group++;
      if (inFrac) frac++;
    } else if (i === dec) {
      if (seps > 0 && group !== 3) return NaN;
      inFrac = true;
      group = 0;
    } else {
      if (inFrac) return NaN;
      if (seps === 0 ? group < 1 || group > 3 : group !== 3) return NaN;
      seps++;
      group = 0;
    }
  }
  if (!inFrac && seps > 0 && group !== 3) return NaN;
  if (note !== undefined) note.style = style;

  let v: number;
  if (nd <= 15) v = frac === 0 ? m * mult : (m * mult) / POW10[frac];
  else v = Number(digitsOf(raw, a, b, dec)) * mult; // beyond 2^53: let Number round it
  if (v === 0) return 0;
  return neg ? -v : v;
}

/** `1,234` / `12.345` / `123,456`: 1–3 digit non-zero integer part, exactly 3 digits after the separator. */
function thousandsShaped(raw: string, a: number, sep: number, b: number): boolean {
  if (b - sep !== 4) return false;
  const intLen = sep - a;
  if (intLen < 1 || intLen > 3) return false;
  for (let i = a; i < sep; i++) if (raw.charCodeAt(i) !== 48) return true;
  return false;
}

function digitsOf(raw: string, a: number, b: number, dec: number): string {
  let s = '';
  for (let i = a; i < b; i++) {
    const c = raw.charCodeAt(i);
    if (isDigit(c)) s += raw[i];
    else if (i === dec) s += '.';
  }
  return s;
}
