/**
 * SPEC §4.1 "scored on N of 4 inputs": which inputs a whole book lacks (a column the export does not
 * have), which rows were scored with a blank input besides, and the words every view uses for them.
 */
import { effectiveWeights, inputsUsed, presentFromMask } from './model';
import type { Weights } from './types';

/** Input names as the page says them, by missing-mask bit (model.ts: 1 touch, 2 usage, 4 sentiment). */
const INPUT_NAMES: ReadonlyArray<[bit: number, name: string]> = [[1, 'last touch'], [2, 'usage'], [4, 'sentiment']];

/** The mapped fields of an import (by name or column); absent entries are inputs the export lacks. */
export interface MappedInputs {
  'last-touch'?: unknown;
  usage?: unknown;
  sentiment?: unknown;
}

/** Mask of the inputs with no column (0 when every input is mapped, or when nothing is known). */
export function absentMask(fields: MappedInputs | undefined): number {
  if (!fields) return 0;
  return (fields['last-touch'] === undefined ? 1 : 0) | (fields.usage === undefined ? 2 : 0) | (fields.sentiment === undefined ? 4 : 0);
}

/** "usage", "last touch and usage", "last touch, usage and sentiment". */
export function absentNames(mask: number): string {
  const names = INPUT_NAMES.filter(([bit]) => (mask & bit) !== 0).map(([, n]) => n);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "scored on 3 of 4 inputs: no usage column"; "scored on 4 of 4 inputs" when nothing is absent. */
export function coverageText(mask: number): string {
  const n = inputsUsed(mask);
  if (n === 4) return 'scored on 4 of 4 inputs';
  return `scored on ${n} of 4 inputs: no ${absentNames(mask)} column${n < 3 ? 's' : ''}`;
}

const w2 = (x: number): string => String(Math.round(x * 100) / 100);

const INPUT_KEYS = ['mrr', 'touch', 'usage', 'sentiment'] as const satisfies ReadonlyArray<keyof Weights>;

/** The inputs a missing-input mask leaves, in model order: MRR (always present), touch, usage, sentiment. */
export function presentKeys(mask: number): Array<keyof Weights> {
  return INPUT_KEYS.filter((_, i) => i === 0 || (mask & (1 << (i - 1))) === 0);
}

/**
 * SPEC §4.1 "the row marked": a row scored with a blank input beyond the inputs the whole book lacks
 * (`absent`, not marked per row). The one rule the import report, the totals and the table share.
 */
export const isBlankScored = (missing: number, absent: number): boolean => (missing & ~absent & 7) !== 0;

/**
 * The present inputs' weights before and after renormalising (SPEC §4.1 example, default weights, no
 * usage: "25/20/25 → 35.71/28.57/35.71"), in model order: MRR, touch, usage, sentiment.
 */
export function renormalisedWeights(w: Weights, mask: number): string {
  const e = effectiveWeights(w, presentFromMask(mask));
  const keys = presentKeys(mask);
  return `${keys.map((k) => w2(w[k])).join('/')} → ${keys.map((k) => w2(e[k])).join('/')}`;
}

/** Rows scored with a blank input beyond the absent columns (scoreBlankRows): the rows the table marks. */
export function countBlankScored(missing: Uint8Array, absent: number): number {
  let n = 0;
  for (let i = 0; i < missing.length; i++) if (isBlankScored(missing[i], absent)) n++;
  return n;
}

/**
 * The line the slide and other summaries add when scores are on fewer inputs (null when every account
 * is scored on all four): "scored on 3 of 4 inputs: no usage column · 2 accounts on fewer (a blank input)".
 */
export function coverageLine(absent: number, blankScored: number): string | null {
  if (absent === 0 && blankScored === 0) return null;
  const blank = blankScored > 0 ? `${blankScored.toLocaleString('en-US')} account${blankScored === 1 ? '' : 's'} on fewer (a blank input)` : '';
  if (absent === 0) return blank;
  return blank ? `${coverageText(absent)} · ${blank}` : coverageText(absent);
}
