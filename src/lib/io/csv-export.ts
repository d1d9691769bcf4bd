/**
 * SPEC §4.3 export of the scored accounts as CSV (RFC 4180: comma, CRLF, quotes doubled).
 *
 * Formula injection: a TEXT cell (name, owner, segment) that begins with `=`, `+`, `-`, `@`, tab or CR
 * gets a leading `'`, so "-Acme" is written '-Acme and "=HYPERLINK(…)" cannot run. NUMBER cells are
 * numbers this module formats itself (digits, one dot, maybe a minus), which a spreadsheet reads as a
 * number and never as a formula, so they are written as plain numbers, negative ones included.
 */
import { inputsUsed } from '../engine/model';
import { nameAt } from '../engine/names';
import { BANDS, type AccountColumns } from '../engine/types';
import { isoDate } from './calendar';

/** Per-account results, as the engine's scoreColumns returns them. */
export interface ExportScores {
  /** Rounded score 0–100. */
  score: ArrayLike<number>;
  /** 0 healthy, 1 watch, 2 risk. */
  band: ArrayLike<number>;
  /** At-risk ARR in dollars. */
  atRisk: ArrayLike<number>;
  /** Missing-input mask per account (engine/model.ts); absent: all four inputs. */
  missing?: ArrayLike<number>;
}

export const EXPORT_HEADER = [
  'Account Name', 'MRR', 'ARR', 'Days Since Last Touch', 'Usage %', 'Sentiment', 'Owner', 'Segment', 'Renewal Date',
  'Score', 'Band', 'At-Risk ARR', 'Inputs Used', 'Missing Inputs',
] as const;

/** SPEC §4.1 "say why a score is partial": the inputs a missing-input mask leaves out, as one cell per mask. */
const MISSING_INPUTS = Array.from({ length: 8 }, (_, mask) =>
  csvText(['last touch', 'usage', 'sentiment'].filter((_, bit) => (mask & (1 << bit)) !== 0).join(', ')),
);

const BAND_LABEL = BANDS.map((b) => b[0].toUpperCase() + b.slice(1));

/** A text cell, neutralised against formula injection and quoted when it must be. */
export function csvText(s: string): string {
  if (s.length === 0) return '';
  const c = s.charCodeAt(0);
  // = + - @ TAB CR
  const v = c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${s}` : s;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A number cell: at most 2 decimals, empty when unknown. */
export function csvNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  const r = Math.round(x * 100) / 100;
  return String(r === 0 ? 0 : r);
}

/**
 * The scored accounts as CSV text, one row per account in `order` (default: import order).
 * With `bom` (default true) the text starts with a UTF-8 BOM so Excel reads accented names right.
 */
export function accountsToCsv(
  cols: AccountColumns,
  scores: ExportScores,
  order?: ArrayLike<number>,
  opts: { bom?: boolean } = {},
): string {
  const n = order === undefined ? cols.count : order.length;
  const out: string[] = new Array(n + 1);
  out[0] = EXPORT_HEADER.join(',');
  for (let k = 0; k < n; k++) {
    const i = order === undefined ? k : order[k];
    const mrr = cols.mrr[i];
    const renewal = cols.renewal[i];
    out[k + 1] = [
      csvText(nameAt(cols.name, i)),
      csvNumber(mrr),
      csvNumber(mrr * 12),
      csvNumber(cols.days[i]),
      csvNumber(cols.usage[i]),
      csvNumber(cols.sentiment[i]),
      csvText(cols.ownerDict[cols.owner[i]] ?? ''),
      csvText(cols.segmentDict[cols.segment[i]] ?? ''),
      renewal === renewal ? isoDate(renewal) : '',
      csvNumber(scores.score[i]),
      BAND_LABEL[scores.band[i]] ?? '',
      csvNumber(scores.atRisk[i]),
      // SPEC §4.1: how many of the four inputs the score is on (an input with no value is an empty cell above).
      String(scores.missing ? inputsUsed(scores.missing[i]) : 4),
      scores.missing ? MISSING_INPUTS[scores.missing[i] & 7] : '',
    ].join(',');
  }
  return (opts.bom === false ? '' : '\uFEFF') + out.join('\r\n') + '\r\n';
}
