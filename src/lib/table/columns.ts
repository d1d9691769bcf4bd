/** The account table's columns (SPEC §4.3, §7): header, width and each cell's text and raw value. */
import {
  BANDS, formatMoney, formatNumber, formatSigned, nameAt, ownerLabel, segmentLabel, type AccountColumns, type Band, type MovedColumns, type ScoredColumns,
  type SortKey,
} from '../engine';
import { isoDate } from '../io/calendar';

export interface TableColumn {
  key: SortKey;
  /** `data-col` of the cells (SPEC §7). */
  col: string;
  label: string;
  /** Fixed width in px: rows are virtualised, so columns must not reflow as rows change. */
  width: number;
  numeric: boolean;
}

export const TABLE_COLUMNS: TableColumn[] = [
  { key: 'name', col: 'name', label: 'Account', width: 230, numeric: false },
  { key: 'arr', col: 'arr', label: 'ARR', width: 110, numeric: true },
  { key: 'score', col: 'score', label: 'Score', width: 78, numeric: true },
  { key: 'band', col: 'band', label: 'Band', width: 112, numeric: false },
  { key: 'at-risk-arr', col: 'at-risk-arr', label: 'At-risk ARR', width: 122, numeric: true },
  { key: 'days', col: 'days', label: 'Days since touch', width: 104, numeric: true },
  { key: 'usage', col: 'usage', label: 'Usage', width: 82, numeric: true },
  { key: 'sentiment', col: 'sentiment', label: 'Sentiment', width: 98, numeric: true },
  { key: 'owner', col: 'owner', label: 'Owner', width: 140, numeric: false },
  { key: 'segment', col: 'segment', label: 'Segment', width: 120, numeric: false },
  { key: 'renewal', col: 'renewal', label: 'Renewal', width: 112, numeric: false },
];

/** SPEC §4.6 movement columns, shown when there is a previous import: Δ after the score, the previous band after the band. */
export const DELTA_COLUMN: TableColumn = { key: 'delta', col: 'delta', label: 'Δ score', width: 84, numeric: true };
export const PREVIOUS_BAND_COLUMN: TableColumn = { key: 'previous-band', col: 'previous-band', label: 'Previous band', width: 112, numeric: false };

/** The table's columns, with the movement ones when there is a movement to show. */
export function tableColumns(withMovement: boolean): TableColumn[] {
  if (!withMovement) return TABLE_COLUMNS;
  return TABLE_COLUMNS.flatMap((c) => (c.key === 'score' ? [c, DELTA_COLUMN] : c.key === 'band' ? [c, PREVIOUS_BAND_COLUMN] : [c]));
}

export const tableWidth = (cols: readonly TableColumn[]): number => cols.reduce((sum, c) => sum + c.width, 0);

export interface Cell {
  text: string;
  /** Raw value for `data-value`: dollars, integer score, band id, ISO date or ''. */
  value: string;
}

export const bandAt = (scored: ScoredColumns, i: number): Band => BANDS[scored.band[i]];

/** Text and raw value of one cell (name and band cells add markup around this). */
export function cellOf(key: SortKey, c: AccountColumns, s: ScoredColumns, i: number, mv?: MovedColumns | null): Cell {
  switch (key) {
    case 'delta': return movedCell(mv, i, () => { const d = mv!.delta[i]; return { text: formatSigned(d, 0), value: String(d) }; });
    case 'previous-band': return movedCell(mv, i, () => { const b = BANDS[mv!.prevBand[i]]; return { text: b, value: b }; });
    case 'name': {
      const name = nameAt(c.name, i);
      return { text: name, value: name };
    }
    case 'arr': return money(c.mrr[i] * 12);
    case 'score': return { text: String(s.score[i]), value: String(s.score[i]) };
    case 'band': { const b = bandAt(s, i); return { text: b, value: b }; }
    case 'at-risk-arr': return money(s.atRisk[i]);
    case 'days': return plain(c.days[i], '');
    case 'usage': return plain(c.usage[i], ' %');
    case 'sentiment': return plain(c.sentiment[i], '');
    case 'owner': { const o = c.ownerDict[c.owner[i]]; return { text: ownerLabel(o), value: o }; }
    case 'segment': { const g = c.segmentDict[c.segment[i]]; return { text: segmentLabel(g), value: g }; }
    case 'renewal': { const d = c.renewal[i]; return Number.isNaN(d) ? { text: '—', value: '' } : { text: isoDate(d), value: isoDate(d) }; }
  }
}

const money = (dollars: number): Cell => ({ text: formatMoney(dollars), value: String(dollars) });
// NaN: no value (SPEC §4.1, scored without it), never shown as 0.
const plain = (x: number, unit: string): Cell => (x !== x ? { text: '—', value: '' } : { text: `${formatNumber(x, 0)}${unit}`, value: String(x) });

/** A movement cell: "new" for an account the previous import did not have, "—" for an ambiguous one or no movement. */
function movedCell(mv: MovedColumns | null | undefined, i: number, matched: () => Cell): Cell {
  if (!mv || i >= mv.status.length) return { text: '—', value: '' };
  if (mv.status[i] === 1) return { text: 'new', value: '' };
  return mv.prevBand[i] === 3 ? { text: '—', value: '' } : matched();
}
