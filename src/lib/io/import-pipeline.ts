/**
 * SPEC §2.3 the account import, from text to columns. Pure: no DOM, no Worker API, so it runs in Node
 * tests, on the page and inside csv.worker.ts alike.
 *
 * papaparse splits records (quotes, escaped quotes, line breaks inside quotes, CRLF) in `step` mode:
 * each record goes to the builder as soon as it is split, while it is still in cache, and nothing of
 * papaparse's output outlives its step (no array of a million rows to collect). Blank lines are kept
 * (skipEmptyLines: false) and skipped by the builder, and papaparse's cursor after each record gives
 * its SOURCE line exactly: one indexOf per line break of the text, whatever the cells hold.
 */
import Papa, { type ParseError } from 'papaparse';
import { preparePortfolio } from '../engine/prepared';
import { fail, ok, type Calibration, type ColumnMapping, type Parsed } from '../engine/types';
import { createColumnBuilder, type ColumnBuilder } from './column-builder';
import { detectDelimiter, detectNewline } from './delimiter';
import { limitProblem, MAX_CELL, MAX_FIELDS, recordProblem, screenLimits, unclosedReason } from './limits';
import { guessMapping } from './synonyms';
import type { Delimiter, ImportChoices, Preview, SheetChoice, TextImport } from './types';

export { createColumnBuilder, type ColumnBuilder } from './column-builder';

export interface TextOptions extends ImportChoices {
  /** The column per field; guessed from the header (guessMapping) when absent. */
  mapping?: ColumnMapping;
  /** Score, roll up and order the accounts under this calibration too (TextImport.prepared). */
  calibration?: Calibration;
  /** The sheet of a workbook to read (default: the first with a header row). */
  sheet?: string;
}

/** What a streaming caller (the worker) hears while the text is read. */
export interface ProgressHooks {
  /** Records between two calls of onProgress (default 4096). */
  every?: number;
  /** Records read and characters consumed so far. Return false to stop the import. */
  onProgress?(records: number, chars: number): boolean | void;
}

const EMPTY_FILE = 'The file is empty.';
const NO_ROWS = 'The file has a header but no account rows.';

const stripBom = (t: string): string => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);

/** Occurrences of `ch` in text[from, to). */
function countChar(text: string, ch: string, from: number, to: number): number {
  let k = 0;
  let p = text.indexOf(ch, from);
  while (p !== -1 && p < to) {
    k++;
    p = text.indexOf(ch, p + 1);
  }
  return k;
}

/** Records in the text, extrapolated from the line breaks in its first 64 Ki characters (+5 %). */
function estimateRows(text: string, nl: string): number {
  const sample = Math.min(text.length, 1 << 16);
  const breaks = countChar(text, nl, 0, sample) + 1;
  return Math.ceil(((breaks * text.length) / sample) * 1.05) + 16;
}

function isBlankRecord(row: string[]): boolean {
  for (let j = 0; j < row.length; j++) if (row[j].trim() !== '') return false;
  return true;
}

/**
 * Header detection and the builder, fed records in order with their lines. The first non-blank
 * record is the header; the mapping is guessed from it unless given.
 */
export function createRecordFeed(opts: TextOptions, expectedRows?: number) {
  let header: string[] | null = null;
  let mapping: ColumnMapping = {};
  let builder: ColumnBuilder | null = null;
  let failure: string | null = null;
  let records = 0;
  const parseWarnings: string[] = [];

  return {
    /** One record starting on `line`. Returns false once the import cannot go on (no usable header). */
    record(row: string[], line: number): boolean {
      if (builder !== null) {
        records++;
        builder.push(row, line);
        return true;
      }
      if (failure !== null) return false;
      if (isBlankRecord(row)) return true;
      header = row.slice();
      header[0] = stripBom(header[0]);
      mapping = opts.mapping ?? guessMapping(header).mapping;
      const b = createColumnBuilder({ ...opts, header, mapping, expectedRows });
      if (!b.ok) {
        failure = b.reason;
        return false;
      }
      builder = b.value;
      return true;
    },
    /** A quoting problem papaparse reported in the record on `line`. */
    error(e: ParseError, line: number): void {
      if (e.type !== 'Quotes' || parseWarnings.length >= 5) return;
      parseWarnings.push(
        e.code === 'MissingQuotes'
          ? `Line ${line}: a quoted cell is never closed, so the rest of the file was read into it.`
          : `Line ${line}: a quoted cell has a stray quote; it was read as written.`,
      );
    },
    get records(): number {
      return records;
    },
    finish(delimiter: Delimiter): Parsed<TextImport> {
      if (failure !== null) return fail(failure);
      if (builder === null || header === null) return fail(EMPTY_FILE);
      const r = builder.finish();
      if (r.scored + r.unscored === 0) return fail(NO_ROWS);
      return ok({ ...r, warnings: [...parseWarnings, ...r.warnings], header, delimiter, mapping });
    },
  };
}

/** SPEC §2.3: a pasted or dropped export → scored-ready columns plus the import report. Never throws. */
export function importText(input: string, opts: TextOptions = {}, hooks: ProgressHooks = {}): Parsed<TextImport> {
  try {
    const text = stripBom(input);
    const first = text.search(/\S/);
    if (first === -1) return fail(EMPTY_FILE);
    const { delimiter, newline, nl } = shapeOf(text, first);
    const limit = screenLimits(text, delimiter, nl);
    if (limit !== null) return fail(limit.reason);
    const feed = createRecordFeed(opts, estimateRows(text, nl));
    const { onProgress } = hooks;
    const every = Math.max(1, hooks.every ?? 4096);
    let line = 1;
    let nextBreak = text.indexOf(nl);
    let seen = 0;
    let from = 0;
    let stop: string | null = null;
    Papa.parse<string[]>(text, {
      delimiter,
      newline,
      skipEmptyLines: false,
      step(res: Papa.ParseStepResult<string[]>, parser: Papa.Parser) {
        // The record spans [previous cursor, cursor): its line breaks move the next record down.
        const at = line;
        const to = res.meta.cursor;
        while (nextBreak !== -1 && nextBreak < to) {
          line++;
          nextBreak = text.indexOf(nl, nextBreak + 1);
        }
        if (to - from > MAX_FIELDS || res.data.length > MAX_FIELDS) stop = recordProblem(res.data, at, to - from);
        for (const e of res.errors) {
          // A quote never closed reads the rest of the file into one cell: a warning when that is short.
          if (e.code === 'MissingQuotes' && text.length - from > MAX_CELL) stop = unclosedReason(at, text.length - from);
          feed.error(e, at);
        }
        from = to;
        if (stop !== null || !feed.record(res.data, at)) parser.abort();
        else if (onProgress !== undefined && ++seen % every === 0 && onProgress(feed.records, to) === false) parser.abort();
      },
    });
    if (stop !== null) return fail(stop);
    const done = feed.finish(delimiter);
    if (!done.ok || !opts.calibration) return done;
    return ok({ ...done.value, prepared: preparePortfolio(done.value.columns, opts.calibration) });
  } catch (e) {
    return fail(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * SPEC §2.3 import of rows read from a spreadsheet (spreadsheet.ts): the same feed, value parsing and
 * report as text, with the sheet's row numbers as line numbers. Never throws.
 */
export function importRows(
  rows: string[][], lines: number[], sheet: SheetChoice, opts: TextOptions = {}, hooks: ProgressHooks = {},
): Parsed<TextImport> {
  try {
    const feed = createRecordFeed(opts, rows.length);
    const every = Math.max(1, hooks.every ?? 4096);
    for (let i = 0; i < rows.length; i++) {
      if (!feed.record(rows[i], lines[i])) break;
      if (hooks.onProgress !== undefined && (i + 1) % every === 0 && hooks.onProgress(feed.records, i + 1) === false) break;
    }
    const done = feed.finish(',');
    if (!done.ok) return done;
    const value = { ...done.value, sheet };
    return ok(opts.calibration ? { ...value, prepared: preparePortfolio(value.columns, opts.calibration) } : value);
  } catch (e) {
    return fail(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The mapping step's preview of spreadsheet rows: header, first `n` data rows, guessed mapping. */
export function previewRows(rows: string[][], sheet: SheetChoice, n = 20): Parsed<Preview> {
  const data: string[][] = [];
  for (let i = 0; i < rows.length && data.length <= n; i++) if (!isBlankRecord(rows[i])) data.push(rows[i]);
  if (data.length === 0) return fail(EMPTY_FILE);
  const header = data[0];
  return ok({ header, rows: data.slice(1, n + 1), delimiter: ',', guess: guessMapping(header), sheet });
}

/** SPEC §2.3 import of a whole text (tests, small pastes, the worker's core). */
export const parseText = (text: string, opts: TextOptions = {}): Parsed<TextImport> => importText(text, opts);

const PREVIEW_CHARS = 1 << 20;

/** Where the line holding text[at] starts. */
const lineStart = (text: string, at: number): number => Math.max(text.lastIndexOf('\n', at), text.lastIndexOf('\r', at)) + 1;

/** Delimiter and line end, read where the text starts (`first`: its first non-blank character), as the preview reads them. */
function shapeOf(text: string, first: number) {
  const head = first === 0 ? text : text.slice(lineStart(text, first), lineStart(text, first) + (1 << 16));
  const newline = detectNewline(head);
  return { delimiter: detectDelimiter(head), newline, nl: newline === '\r' ? '\r' : '\n' };
}

/** SPEC §2.3 limits of a whole text (limits.ts), with its delimiter and line end detected as the import does. */
export function checkText(input: string): Parsed<null> {
  const text = stripBom(input);
  const first = text.search(/\S/);
  if (first === -1) return ok(null);
  const { delimiter, nl } = shapeOf(text, first);
  const p = limitProblem(text, delimiter, nl);
  return p === null ? ok(null) : fail(p.reason);
}

/**
 * The header, the first `n` data rows, the delimiter and the guessed mapping, for the mapping step. Reads
 * at most 1 Mi characters from the first line that is not blank, checked against the limits first.
 * `complete` is false when the input is only the head of a longer file.
 */
export function previewText(input: string, n = 20, complete = true): Parsed<Preview> {
  try {
    const text = stripBom(input);
    const first = text.search(/\S/);
    if (first === -1) return fail(EMPTY_FILE);
    // Leading blank lines (a million of them) do not crowd the header out of the sample.
    const start = lineStart(text, first);
    const cut = !complete || text.length - start > PREVIEW_CHARS;
    const sample = start === 0 && text.length <= PREVIEW_CHARS ? text : text.slice(start, start + PREVIEW_CHARS);
    const delimiter = detectDelimiter(sample);
    const newline = detectNewline(sample);
    const nl = newline === '\r' ? '\r' : '\n';
    const limit = limitProblem(sample, delimiter, nl, !cut, 1 + countChar(text, nl, 0, start));
    if (limit !== null) {
      // A whole text in hand (a paste) is measured to the end of the line for the message.
      return fail(limit.exact || !complete ? limit.reason : (limitProblem(text, delimiter, nl) ?? limit).reason);
    }
    const res = Papa.parse<string[]>(sample, { delimiter, newline, skipEmptyLines: 'greedy', preview: n + 1 });
    const rows = res.data;
    // A row cut by the sample boundary is not shown.
    if (cut && rows.length < n + 1) rows.pop();
    if (rows.length === 0) return fail(cut ? 'The first line does not end within the first megabyte of the file. Is this the right file?' : EMPTY_FILE);
    const header = rows[0].slice();
    header[0] = stripBom(header[0]);
    return ok({ header, rows: rows.slice(1, n + 1), delimiter, guess: guessMapping(header) });
  } catch (e) {
    return fail(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}
