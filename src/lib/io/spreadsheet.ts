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
import { isoDate } from './calendar';
import { EXCEL_1970 } from './dates';
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
// A chart sheet has no cells (nor, in some files, a worksheet object).
const denseRows = (ws: WorkSheet | undefined): Dense => (ws?.['!data'] ?? []) as Dense;

/** The rows of a sheet from row `from` (0-based), trailing empty cells dropped; or the limit a row breaks. */
function sheetRows(ws: WorkSheet | undefined, from: number, epoch: number, name: string): Parsed<{ rows: string[][]; lines: number[] }> {
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
function headerRow(ws: WorkSheet | undefined): { row: number; width: number } {
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

/** What an .xlsx or .ods unpacks to, at most (a ZIP bomb is a few KB that unpack to gigabytes). */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

/**
 * The bytes a ZIP's entries unpack to, from its central directory (Infinity for ZIP64 sizes), or null
 * when the bytes are no ZIP with one.
 */
export function zipUnpackedSize(b: Uint8Array): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The end-of-central-directory record: in the last 22 + 65,535 bytes (its comment is at most that long).
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) return null;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (at + 46 > b.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    total += size === 0xffffffff ? Infinity : size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

const fmtMb = (n: number): string => (n === Infinity ? 'more than 4,096' : Math.round(n / 1048576).toLocaleString('en-US'));

/** A workbook's bytes → the rows of `sheet` (or the first sheet with a header row). Never throws. */
export function readSpreadsheet(bytes: Uint8Array, sheet?: string): Parsed<SheetRows> {
  const unpacked = bytes[0] === 0x50 && bytes[1] === 0x4b ? zipUnpackedSize(bytes) : null;
  if (unpacked !== null && unpacked > MAX_UNPACKED_BYTES) {
    return fail(
      `The workbook unpacks to ${fmtMb(unpacked)} MB; this page reads workbooks that unpack to at most ${fmtMb(MAX_UNPACKED_BYTES)} MB. ` +
        'Is this the right file?',
    );
  }
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
