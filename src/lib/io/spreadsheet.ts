/**
 * SPEC §2.3 spreadsheet files: .xlsx, .xls and .ods → the rows of one sheet as text, each with its sheet
 * row number, for the same record feed, value parsing and report as a CSV. Plain TS (no DOM, no Worker
 * API): the import worker loads it lazily, and a command line can use it as it is.
 *
 * Cells become the text the value parsers read: date cells ISO dates (never serial numbers), money and
 * other numbers plain numbers, percent cells "42%", text as written. The header row is the first with two
 * or more cells among the first rows with data (a title above it is left out); the sheet read is the
 * first with a header row, unless one is named.
 */
import { read, SSF, type CellObject, type WorkBook, type WorkSheet } from '@e965/xlsx';
import { fail, ok, type Parsed } from '../engine/types';
import { isoDate } from './dates';
import { cellReason, fieldsReason, MAX_CELL, MAX_FIELDS } from './limits';
import { tidy } from './tidy';

export interface SheetRows {
  /** Sheets with data, in workbook order (the choices offered). */
  sheets: string[];
  /** The sheet read. */
  sheet: string;
  /** Its rows as text, blank rows included, from its header row. */
  rows: string[][];
  /** The sheet row number (1-based) of each row. */
  lines: number[];
}

const isDateFormat = (fmt: string): boolean => (SSF as { is_date(f: string): boolean }).is_date(fmt);
const EXCEL_1970 = 25569;
const MAC_1970 = 24107;
const DAY_MS = 86_400_000;

/** The text of one cell as a CSV export would write it. */
function cellText(c: CellObject | undefined, epoch: number): string {
  if (c === undefined || c.v === undefined || c.v === null) return '';
  const v = c.v;
  if (v instanceof Date) return isoDate(Math.floor((v.getTime() - v.getTimezoneOffset() * 60_000) / DAY_MS));
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (c.t === 'e') return c.w ?? '';
  if (typeof v === 'number') {
    const fmt = typeof c.z === 'string' ? c.z : '';
    if (fmt !== '' && fmt !== 'General') {
      if (isDateFormat(fmt)) return isoDate(Math.floor(v) - epoch);
      // A percent format outside quoted text: the cell holds 0.42 for 42 %.
      if (/%/.test(fmt.replace(/"[^"]*"/g, ''))) return `${tidy(v * 100)}%`;
    }
    return String(v);
  }
  return String(v);
}

type Dense = Array<Array<CellObject | undefined> | undefined>;
const denseRows = (ws: WorkSheet): Dense => (ws['!data'] ?? []) as Dense;

/** The rows of a sheet from row `from` (0-based), trailing empty cells dropped; or the limit a row breaks. */
function sheetRows(ws: WorkSheet, from: number, epoch: number, name: string): Parsed<{ rows: string[][]; lines: number[] }> {
  const data = denseRows(ws);
  const rows: string[][] = [];
  const lines: number[] = [];
  let started = false;
  for (let r = from; r < data.length; r++) {
    const cells = data[r];
    const row: string[] = [];
    let width = 0;
    if (cells !== undefined) {
      for (let c = 0; c < cells.length; c++) {
        const t = cellText(cells[c], epoch);
        row.push(t);
        if (t.trim() !== '') width = c + 1;
        if (t.length > MAX_CELL) return fail(`Sheet "${name}": ${cellReason(r + 1, t.length, true)}`);
      }
    }
    if (width > MAX_FIELDS) return fail(`Sheet "${name}": ${fieldsReason(r + 1, width, true)}`);
    if (!started && width === 0) continue;
    started = true;
    row.length = width;
    rows.push(row);
    lines.push(r + 1);
  }
  return ok({ rows, lines });
}

/** Rows with data looked at for a header row below a title. */
const HEADER_SEARCH = 20;

/** The header row (0-based) and its cells with data: the first with two or more, else the first with any; -1 when empty. */
function headerRow(ws: WorkSheet): { row: number; width: number } {
  const data = denseRows(ws);
  let first = -1;
  let seen = 0;
  for (let r = 0; r < data.length && seen < HEADER_SEARCH; r++) {
    let n = 0;
    for (const c of data[r] ?? []) if (c !== undefined && c.v !== undefined && c.v !== null && String(c.v).trim() !== '') n++;
    if (n === 0) continue;
    if (n >= 2) return { row: r, width: n };
    if (first === -1) first = r;
    seen++;
  }
  return { row: first, width: first === -1 ? 0 : 1 };
}

const workbookEpoch = (wb: WorkBook): number => (wb.Workbook?.WBProps?.date1904 ? MAC_1970 : EXCEL_1970);

/** A workbook's bytes → the rows of `sheet` (or the first sheet with a header row). Never throws. */
export function readSpreadsheet(bytes: Uint8Array, sheet?: string): Parsed<SheetRows> {
  let wb: WorkBook;
  try {
    wb = read(bytes, { type: 'array', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    return fail(`The file could not be read as a spreadsheet (${e instanceof Error ? e.message : String(e)}). Is this the right file?`);
  }
  const heads = wb.SheetNames.map((n) => headerRow(wb.Sheets[n]));
  const sheets = wb.SheetNames.filter((_, i) => heads[i].width > 0);
  if (sheets.length === 0) return fail('The workbook has no data on any sheet.');
  const chosen = sheet !== undefined && sheets.includes(sheet) ? sheet : (wb.SheetNames.find((_, i) => heads[i].width >= 2) ?? sheets[0]);
  const r = sheetRows(wb.Sheets[chosen], heads[wb.SheetNames.indexOf(chosen)].row, workbookEpoch(wb), chosen);
  return r.ok ? ok({ sheets, sheet: chosen, ...r.value }) : r;
}
