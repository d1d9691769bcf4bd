/**
 * SPEC §4.1 usage as a ratio: one column divided by another ("Active Users" ÷ "Total Seats") reads as
 * that ratio × 100, capped at 100. A zero or blank denominator makes the cell blank (no value), which
 * the importer then treats like any blank input cell; it is never read as 0.
 */
import { quote } from './quote';
import { tidy } from './tidy';

/** A count cell: `120`, `1,200`, `1 200`, `120.0` → the number; NaN when it is not one. */
export function readCount(raw: string): number {
  const s = raw.trim().replace(/[\u00a0\u202f]/g, ' ');
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (/^\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d+)?$/.test(s)) return Number(s.replace(/[, ]/g, ''));
  if (/^-\d/.test(s)) return -readCount(s.slice(1));
  return NaN;
}

/** The ratio read: a value on 0–100, a blank cell (with why), or a cell that cannot be scored (with why). */
export type RatioRead = { kind: 'value'; value: number } | { kind: 'blank'; why: string } | { kind: 'bad'; why: string };

/**
 * Usage from a numerator cell and a denominator cell, both non-blank or not: `num` and `den` are the
 * raw cells, `numLabel` / `denLabel` the headers, for the reasons.
 */
export function usageRatio(num: string, den: string, numLabel: string, denLabel: string): RatioRead {
  const n = readCount(num);
  const d = readCount(den);
  if (n !== n) return { kind: 'bad', why: `usage: ${numLabel} ${quote(num)} is not a number` };
  if (n < 0) return { kind: 'bad', why: `usage: ${numLabel} ${quote(num)} is negative` };
  if (den.trim() === '') return { kind: 'blank', why: `usage is empty (${denLabel} is empty)` };
  if (d !== d) return { kind: 'bad', why: `usage: ${denLabel} ${quote(den)} is not a number` };
  if (d < 0) return { kind: 'bad', why: `usage: ${denLabel} ${quote(den)} is negative` };
  if (d === 0) return { kind: 'blank', why: `usage is empty (${denLabel} is 0)` };
  const v = tidy((n / d) * 100);
  return { kind: 'value', value: v > 100 ? 100 : v };
}
