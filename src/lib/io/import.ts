/**
 * SPEC §2.3 the account import, from text to columns. Pure: no DOM, no Worker API, so it runs in Node
 * tests, on the page and inside csv.worker.ts alike.
 *
 * papaparse splits records (quotes, escaped quotes, line breaks inside quotes, CRLF); blank lines are
 * kept (skipEmptyLines: false) and skipped by the builder so every record's SOURCE line is known: a
 * record starts one line after the previous one plus the line breaks inside its cells. Those are only
 * counted cell by cell when the text has more line breaks than records (rare), so the common case
 * costs one indexOf sweep.
 */
import Papa, { type ParseError } from 'papaparse';
import { fail, ok, type ColumnMapping, type Parsed } from '../engine/types';
import { createColumnBuilder, type ColumnBuilder } from './column-builder';
import { detectDelimiter, detectNewline } from './delimiter';
import { guessMapping } from './synonyms';
import type { Delimiter, ImportChoices, Preview, TextImport } from './types';

export { createColumnBuilder, type ColumnBuilder } from './column-builder';

export interface TextOptions extends ImportChoices {
  /** The column per field; guessed from the header (guessMapping) when absent. */
  mapping?: ColumnMapping;
}

/** What a streaming caller (the worker) hears between chunks. */
export interface ChunkHooks {
  /** Characters per chunk (default 1 MiB). */
  chunkSize?: number;
  /** After each chunk: records read and characters consumed so far. Return false to stop. */
  onChunk?(records: number, chars: number): boolean | void;
}

const EMPTY_FILE = 'The file is empty.';
const NO_ROWS = 'The file has a header but no account rows.';

const stripBom = (t: string): string => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);

/** Line breaks in a record's cells (so the next record's line number is right). */
function breaksIn(row: string[], nl: string): number {
  let k = 0;
  for (let j = 0; j < row.length; j++) {
    const s = row[j];
    let p = s.indexOf(nl);
    while (p !== -1) {
      k++;
      p = s.indexOf(nl, p + 1);
    }
  }
  return k;
}

function countChar(text: string, ch: string): number {
  let k = 0;
  let p = text.indexOf(ch);
  while (p !== -1) {
    k++;
    p = text.indexOf(ch, p + 1);
  }
  return k;
}

function isBlankRecord(row: string[]): boolean {
  for (let j = 0; j < row.length; j++) if (row[j].trim() !== '') return false;
  return true;
}

/**
 * Header detection, line numbering and the builder, fed records in order. The first non-blank
 * record is the header; the mapping is guessed from it unless given.
 */
export function createRecordFeed(opts: TextOptions, newline: string) {
  const nl = newline === '\r' ? '\r' : '\n';
  let line = 1;
  let header: string[] | null = null;
  let mapping: ColumnMapping = {};
  let builder: ColumnBuilder | null = null;
  let failure: string | null = null;
  let records = 0;
  const parseWarnings: string[] = [];

  function noteErrors(errors: ParseError[], rowLines: Map<number, number>): void {
    for (const e of errors) {
      if (e.type !== 'Quotes' || parseWarnings.length >= 5 || e.row === undefined) continue;
      const at = rowLines.get(e.row) ?? line;
      parseWarnings.push(
        e.code === 'MissingQuotes'
          ? `Line ${at}: a quoted cell is never closed, so the rest of the file was read into it.`
          : `Line ${at}: a quoted cell has a stray quote; it was read as written.`,
      );
    }
  }

  return {
    /** Feeds records; `scan` = cells may hold line breaks. Returns false once the import cannot go on. */
    feed(rows: string[][], scan: boolean, errors: ParseError[] = []): boolean {
      if (failure !== null) return false;
      const errorRows = errors.length > 0 ? new Set(errors.map((e) => e.row)) : null;
      const rowLines = new Map<number, number>();
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        const at = line;
        line += scan ? 1 + breaksIn(row, nl) : 1;
        if (errorRows !== null && errorRows.has(r)) rowLines.set(r, at);
        if (builder !== null) {
          records++;
          builder.push(row, at);
          continue;
        }
        if (isBlankRecord(row)) continue;
        header = row.slice();
        header[0] = stripBom(header[0]);
        mapping = opts.mapping ?? guessMapping(header).mapping;
        const b = createColumnBuilder({ ...opts, header, mapping });
        if (!b.ok) {
          failure = b.reason;
          return false;
        }
        builder = b.value;
      }
      if (errorRows !== null) noteErrors(errors, rowLines);
      return true;
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

/**
 * SPEC §2.3: a pasted or dropped export → scored-ready columns plus the import report. Never throws.
 * With `hooks.onChunk` the text is parsed in chunks (for progress and cancel); otherwise in one pass.
 */
export function importText(input: string, opts: TextOptions = {}, hooks: ChunkHooks = {}): Parsed<TextImport> {
  try {
    const text = stripBom(input);
    if (text.trim() === '') return fail(EMPTY_FILE);
    const delimiter = detectDelimiter(text);
    const newline = detectNewline(text);
    const feed = createRecordFeed(opts, newline);
    const config = { delimiter, newline, quoteChar: '"', skipEmptyLines: false } as const;
    if (hooks.onChunk === undefined) {
      const res = Papa.parse<string[]>(text, config);
      const nl = newline === '\r' ? '\r' : '\n';
      feed.feed(res.data, countChar(text, nl) !== res.data.length - 1, res.errors);
    } else {
      // A quote-free text cannot have line breaks inside cells.
      const scan = text.indexOf('"') !== -1;
      const onChunk = hooks.onChunk;
      Papa.parse<string[]>(text, {
        ...config,
        chunkSize: hooks.chunkSize ?? 1 << 20,
        chunk(res: Papa.ParseResult<string[]>, parser: Papa.Parser) {
          if (!feed.feed(res.data, scan, res.errors) || onChunk(feed.records, res.meta.cursor) === false) parser.abort();
        },
        complete() {}, // papaparse's types ask for it with chunk; results come through chunk

      });
    }
    return feed.finish(delimiter);
  } catch (e) {
    return fail(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** SPEC §2.3 import of a whole text (tests, small pastes, the worker's core). */
export const parseText = (text: string, opts: TextOptions = {}): Parsed<TextImport> => importText(text, opts);

const PREVIEW_CHARS = 1 << 20;

/** The header, the first `n` data rows, the delimiter and the guessed mapping, for the mapping step. */
export function previewText(input: string, n = 20): Parsed<Preview> {
  try {
    const text = stripBom(input);
    if (text.trim() === '') return fail(EMPTY_FILE);
    const cut = text.length > PREVIEW_CHARS;
    const sample = cut ? text.slice(0, PREVIEW_CHARS) : text;
    const delimiter = detectDelimiter(sample);
    const newline = detectNewline(sample);
    const res = Papa.parse<string[]>(sample, { delimiter, newline, skipEmptyLines: 'greedy', preview: n + 1 });
    const rows = res.data;
    // A row cut by the sample boundary is not shown.
    if (cut && rows.length < n + 1) rows.pop();
    if (rows.length === 0) return fail(EMPTY_FILE);
    const header = rows[0].slice();
    header[0] = stripBom(header[0]);
    return ok({ header, rows: rows.slice(1, n + 1), delimiter, guess: guessMapping(header) });
  } catch (e) {
    return fail(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}
