/**
 * SPEC §2.3 the account import, from text to columns. Pure: no DOM, no Worker API, so it runs in Node
 * tests, on the page and inside csv.worker.ts alike.
 *
 * papaparse splits records (quotes, escaped quotes, line breaks inside quotes, CRLF) a chunk of ~1 Mi
 * characters at a time: each chunk's records go to the builder while they are still in cache, and no
 * array of a million rows is ever collected. Blank lines are kept (skipEmptyLines: false) and skipped by
 * the builder. Every record's SOURCE line is exact: by counting records while each is one line (checked
 * per chunk), else by papaparse's cursor after each record (step mode, the texts that need it).
 */
import Papa, { type ParseError } from 'papaparse';
import { preparePortfolio } from '../engine/prepared';
import { fail, ok, type Calibration, type ColumnMapping, type Parsed } from '../engine/types';
import { createColumnBuilder, type ColumnBuilder } from './column-builder';
import { detectDelimiter, detectNewline } from './delimiter';
import { limitProblem, MAX_CELL, MAX_FIELDS, recordProblem, screenLimits, shortLines, unclosedReason } from './limits';
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
  /**
   * Whether the text holds a NUL character, when the caller knows already: the worker reads it from the
   * file's bytes, ~9× faster than from the text. Unknown: the text is searched.
   */
  hasNul?: boolean;
}

/** What a streaming caller (the worker) hears while the text is read. */
export interface ProgressHooks {
  /** Records between two calls of onProgress (default 4096). */
  every?: number;
  /** Records read and characters consumed so far. Return false to stop the import. */
  onProgress?(records: number, chars: number): boolean | void;
  /**
   * Each chunk of packed names (engine/names.ts) as soon as it is full, with its index, so the worker can
   * post it while the import goes on. A chunk may come again (the text read again the exact way): the
   * last one told for an index is the one; the result's columns hold them all.
   */
  onNames?(chunk: string, at: number): void;
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

/**
 * Records in a text of `length` characters that starts with `text` (the whole text by default),
 * extrapolated from the line breaks in its first 64 Ki characters (+5 %).
 */
function estimateRows(text: string, nl: string, length = text.length): number {
  const sample = Math.min(text.length, 1 << 16);
  const breaks = countChar(text, nl, 0, sample) + 1;
  return Math.ceil(((breaks * length) / sample) * 1.05) + 16;
}

function isBlankRecord(row: string[]): boolean {
  for (let j = 0; j < row.length; j++) if (row[j].trim() !== '') return false;
  return true;
}

/**
 * Header detection and the builder, fed records in order with their lines. The first non-blank
 * record is the header; the mapping is guessed from it unless given. A class, like the builder, so the
 * engine's optimised code for record() serves every import.
 */
class RecordFeed {
  #header: string[] | null = null;
  #mapping: ColumnMapping = {};
  #builder: ColumnBuilder | null = null;
  #failure: string | null = null;
  #records = 0;
  readonly #parseWarnings: string[] = [];
  readonly #opts: TextOptions;
  readonly #expectedRows: number | undefined;
  readonly #onNames: ProgressHooks['onNames'];

  constructor(opts: TextOptions, expectedRows?: number, onNames?: ProgressHooks['onNames']) {
    this.#opts = opts;
    this.#expectedRows = expectedRows;
    this.#onNames = onNames;
  }

  /** One record starting on `line`. Returns false once the import cannot go on (no usable header). */
  record(row: string[], line: number): boolean {
    if (this.#builder !== null) {
      this.#records++;
      this.#builder.push(row, line);
      return true;
    }
    if (this.#failure !== null) return false;
    if (isBlankRecord(row)) return true;
    const header = row.slice();
    header[0] = stripBom(header[0]);
    this.#header = header;
    this.#mapping = this.#opts.mapping ?? guessMapping(header).mapping;
    const b = createColumnBuilder({ ...this.#opts, header, mapping: this.#mapping, expectedRows: this.#expectedRows, onNames: this.#onNames });
    if (!b.ok) {
      this.#failure = b.reason;
      return false;
    }
    this.#builder = b.value;
    return true;
  }

  /** A quoting problem papaparse reported in the record on `line`. */
  error(e: ParseError, line: number): void {
    if (e.type !== 'Quotes' || this.#parseWarnings.length >= 5) return;
    this.#parseWarnings.push(
      e.code === 'MissingQuotes'
        ? `Line ${line}: a quoted cell is never closed, so the rest of the file was read into it.`
        : `Line ${line}: a quoted cell has a stray quote; it was read as written.`,
    );
  }

  get records(): number {
    return this.#records;
  }

  finish(delimiter: Delimiter): Parsed<TextImport> {
    if (this.#failure !== null) return fail(this.#failure);
    if (this.#builder === null || this.#header === null) return fail(EMPTY_FILE);
    const r = this.#builder.finish();
    if (r.scored + r.unscored === 0) return fail(NO_ROWS);
    return ok({ ...r, warnings: [...this.#parseWarnings, ...r.warnings], header: this.#header, delimiter, mapping: this.#mapping });
  }
}

/**
 * One small import kept alive for the module's life (the worker's). The engine forgets the hidden classes
 * of objects that have all died — the feed's, the builder's, the value readers' — and drops the optimised
 * code that was compiled for them, so each import would compile its hot loop again; a 10k-row import is
 * over before that pays off (it ran at about half the speed of the same import with one kept). With one
 * instance of each alive, their classes and that code stay from one import to the next.
 */
let kept: ChunkReader | null = null;
const KEPT_TEXT = [
  'Account ID,Account Name,MRR,Last Touch,Usage %,Health Score,CSM,Segment,Renewal Date',
  'A-1,"Acme, Inc.","$24,000",14,42%,72,Dana,Enterprise,2025-08-01',
  'A-2,Beta,1.234,5/6/2024,0.5,3,dana ,SMB,5/7/2025',
  'A-3,Gamma,"€1.234,50",12 days, 42 %,,,,soon',
  ',,,,,,,,',
  '',
].join('\n');
function keepShapes(): void {
  if (kept !== null) return;
  const feed = new RecordFeed({ today: 20_000 }, 8);
  kept = new ChunkReader(KEPT_TEXT, '\n', feed, {});
  readByChunks(KEPT_TEXT, ',', '\n', kept);
  feed.finish(',');
}

/** Characters per chunk: ~800 records of a typical export. Small enough that a chunk's rows die young (as one record at a time would), large enough that papaparse runs its loop, not its set-up. */
const CHUNK_CHARS = 1 << 16;

/**
 * Records a chunk at a time (papaparse's chunk mode: no object per record, no call per record). A record's
 * line is the count of records before it, which holds while every record is one line: each chunk is
 * checked for that (its line breaks counted) before any of its records is used. A chunk with a record over
 * several lines (a line break inside quotes), a quoting error or too many fields sets `slow`: the import
 * starts again record by record (readBySteps), which places every record and message exactly.
 */
class ChunkReader {
  slow = false;
  /** A record stopped the import (the feed, or the progress hook said so), or the reader went slow. */
  ended = false;
  #text: string;
  readonly #nl: string;
  readonly #feed: RecordFeed;
  readonly #every: number;
  readonly #onProgress: ProgressHooks['onProgress'];
  #from = 0;
  #line = 1;
  #seen = 0;
  /** Characters of the earlier pieces of a streamed text (importPieces): the progress counts from the start. */
  #base = 0;
  /** Whether the text ends where the whole text does (not a piece that the next one goes on). */
  #ends = true;

  constructor(text: string, nl: string, feed: RecordFeed, hooks: ProgressHooks) {
    this.#text = text;
    this.#nl = nl;
    this.#feed = feed;
    this.#every = Math.max(1, hooks.every ?? 4096);
    this.#onProgress = hooks.onProgress;
  }

  /** The records of text[from, to); false when the import stops here (or goes the slow way). */
  chunk(rows: string[][], errors: readonly unknown[], to: number): boolean {
    const from = this.#from;
    const breaks = shortLines(this.#text, this.#nl, from, to, this.#ends);
    if (errors.length > 0 || breaks !== rows.length) return this.#goSlow();
    for (let k = 0; k < rows.length; k++) if (rows[k].length > MAX_FIELDS) return this.#goSlow();
    const feed = this.#feed;
    const onProgress = this.#onProgress;
    for (let k = 0; k < rows.length; k++) {
      if (!feed.record(rows[k], this.#line++)) return this.#end();
      if (onProgress !== undefined && ++this.#seen % this.#every === 0 && onProgress(feed.records, this.#base + from) === false) return this.#end();
    }
    this.#from = to;
    return true;
  }

  /**
   * The next piece of a streamed text: `text` is the rest of the last one (a record not yet whole) and the
   * piece, starting `base` characters into the whole text; `ends`: the last piece.
   */
  window(text: string, base: number, ends: boolean): void {
    this.#text = text;
    this.#from = 0;
    this.#base = base;
    this.#ends = ends;
  }

  #goSlow(): boolean {
    this.slow = true;
    return this.#end();
  }

  #end(): boolean {
    this.ended = true;
    return false;
  }
}

/**
 * One papaparse parser per delimiter and line end, kept: its methods are closures made per parser, so a
 * parser made per import would have its parsing loop compiled again for every import. parse() starts afresh
 * on each call.
 */
const parsers = new Map<string, Papa.Parser>();
function parserFor(delimiter: Delimiter, newline: '\r\n' | '\n' | '\r'): Papa.Parser {
  const key = delimiter + newline;
  let p = parsers.get(key);
  if (p === undefined) parsers.set(key, (p = new Papa.Parser({ delimiter, newline })));
  return p;
}

/**
 * The text through papaparse's parser a chunk at a time, each chunk a slice of the text (no copy, and no
 * copy kept alive by the cells cut from it): the parser returns the chunk's whole records and where the
 * last one ends, and the next chunk starts there. A record longer than a chunk doubles the chunk. A text
 * that is not `final` (a piece of a streamed one) leaves its last record, not yet whole, for the next
 * piece: returns where that starts.
 */
function readByChunks(text: string, delimiter: Delimiter, newline: '\r\n' | '\n' | '\r', reader: ChunkReader, final = true): number {
  const parser = parserFor(delimiter, newline);
  let start = 0;
  let size = CHUNK_CHARS;
  while (start < text.length) {
    const end = start + size >= text.length;
    const last = end && final;
    const res = parser.parse(start === 0 && end ? text : text.substring(start, end ? text.length : start + size), start, !last);
    const to: number = res.meta.cursor;
    if (!last && to === start) {
      if (end) return start;
      size *= 2;
      continue;
    }
    if (!reader.chunk(res.data, res.errors, to) || last) return to;
    start = to;
    size = CHUNK_CHARS;
  }
  return start;
}

/**
 * Records one by one (papaparse's step mode), each placed on its source line by papaparse's cursor: one
 * indexOf per line break of the text, whatever the cells hold. The exact way, for the texts ChunkReader
 * leaves: line breaks inside quotes, quoting errors, the limits. Returns the reason when a limit stops it.
 */
function readBySteps(text: string, delimiter: Delimiter, newline: '\r\n' | '\n' | '\r', nl: string, feed: RecordFeed, hooks: ProgressHooks): string | null {
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
  return stop;
}

/**
 * The options of a text import in one shape, whatever the caller set (a choice not given is undefined, which
 * the pipeline reads as its default): the worker's real imports and its practice ones then meet one object
 * layout in the engine's compiled code. A layout first met mid-import sends that code back to be compiled
 * again (seen with V8's --trace-deopt: "wrong map" in the builder and the record feed).
 */
export function importOptions(choices: ImportChoices | undefined, mapping: ColumnMapping | undefined, calibration: Calibration | undefined, hasNul: boolean | undefined): TextOptions {
  const c = choices ?? {};
  const all: { [K in keyof Required<TextOptions>]: TextOptions[K] | undefined } = {
    sentimentScale: c.sentimentScale,
    usageMode: c.usageMode,
    dateOrder: c.dateOrder,
    today: c.today,
    maxIssues: c.maxIssues,
    partial: c.partial,
    scoreBlankRows: c.scoreBlankRows,
    mapping,
    calibration,
    sheet: undefined,
    hasNul,
  };
  return all;
}

/** SPEC §2.3: a pasted or dropped export → scored-ready columns plus the import report. Never throws. */
export function importText(input: string, opts: TextOptions = {}, hooks: ProgressHooks = {}): Parsed<TextImport> {
  try {
    keepShapes();
    const text = stripBom(input);
    const first = text.search(/\S/);
    if (first === -1) return fail(EMPTY_FILE);
    const { delimiter, newline, nl } = shapeOf(text, first);
    const expected = estimateRows(text, nl);
    // The fast way first: records a chunk at a time, each one line no longer than any limit allows (checked
    // per chunk before it is used); else the limits screened and the records read one by one.
    let feed = new RecordFeed(opts, expected, hooks.onNames);
    const fast = new ChunkReader(text, nl, feed, hooks);
    if (!(opts.hasNul ?? text.indexOf('\0') !== -1)) readByChunks(text, delimiter, newline, fast);
    else fast.slow = true;
    let stop: string | null = null;
    if (fast.slow) {
      const limit = screenLimits(text, delimiter, nl);
      if (limit !== null) return fail(limit.reason);
      feed = new RecordFeed(opts, expected, hooks.onNames);
      stop = readBySteps(text, delimiter, newline, nl, feed, hooks);
    }
    if (stop !== null) return fail(stop);
    return finish(feed, delimiter, opts);
  } catch (e) {
    return fail(readFailure(e));
  }
}

const readFailure = (e: unknown): string => `The file could not be read: ${e instanceof Error ? e.message : String(e)}`;

/** The import's columns and report from its feed, scored, rolled up and ordered when a calibration is given. */
function finish(feed: RecordFeed, delimiter: Delimiter, opts: TextOptions): Parsed<TextImport> {
  const done = feed.finish(delimiter);
  if (!done.ok || !opts.calibration) return done;
  return ok({ ...done.value, prepared: preparePortfolio(done.value.columns, opts.calibration) });
}

/** Characters shapeOf reads the delimiter and the line end from (delimiter.ts: 64 Ki). */
const SHAPE_CHARS = 1 << 16;

/** What a streamed text's next piece is: text, the end, or a stop (the source found a NUL or bytes that are not UTF-8). */
export type TextPiece = { text: string } | 'end' | 'stop';

/**
 * SPEC §2.3 importText over a text that arrives in pieces (a file decoded in another worker while this one
 * parses: io/text-pieces.ts), each piece parsed as it comes. The result is importText's on the whole text,
 * exactly: every piece is kept, and whatever the piece-by-piece way does not read as importText's fast way
 * would (a text that does not start with its header, lines ended by CR alone, a line break inside quotes,
 * a quoting error, a limit) is read by importText itself on the pieces joined. 'whole' when the source
 * stopped: the caller reads the whole file its usual way. `length`: the whole text's length, about (for
 * the array sizes and the progress).
 */
export async function importPieces(next: () => Promise<TextPiece>, length: number, opts: TextOptions = {}, hooks: ProgressHooks = {}): Promise<Parsed<TextImport> | 'whole'> {
  const pieces: string[] = [];
  /** importText on all the pieces, joined (once the end has come). */
  const whole = (): Parsed<TextImport> => importText(pieces.join(''), { ...opts, hasNul: false }, hooks);
  /** The rest of the pieces, then importText on all of them joined. */
  const joined = async (): Promise<Parsed<TextImport> | 'whole'> => {
    for (let p = await next(); p !== 'end'; p = await next()) {
      if (p === 'stop') return 'whole';
      pieces.push(p.text);
    }
    return whole();
  };
  try {
    keepShapes();
    // The first 64 Ki characters at least, where the delimiter and line end are told (shapeOf), or all of it.
    let text = '';
    while (text.length < SHAPE_CHARS) {
      const p = await next();
      if (p === 'stop') return 'whole';
      if (p === 'end') return whole();
      pieces.push(p.text);
      text = pieces.length === 1 ? p.text : text + p.text;
    }
    // The header first, and lines ended by LF or CRLF: else the pieces joined.
    if (text.charCodeAt(0) === 0xfeff || /\s/.test(text[0])) return await joined();
    const { delimiter, newline, nl } = shapeOf(text, 0);
    if (newline === '\r') return await joined();
    const feed = new RecordFeed(opts, estimateRows(text, nl, length), hooks.onNames);
    const reader = new ChunkReader(text, nl, feed, hooks);
    reader.window(text, 0, false);
    let window = text;
    let base = 0;
    for (;;) {
      const rest = readByChunks(window, delimiter, newline, reader, false);
      if (reader.slow) return await joined();
      if (reader.ended) break;
      const p = await next();
      if (p === 'stop') return 'whole';
      base += rest;
      // A record carried over more than a chunk (a quote never closed, most likely) would be parsed again
      // with every piece: the pieces joined instead, read once.
      if (window.length - rest > CHUNK_CHARS) {
        if (p === 'end') return whole();
        pieces.push(p.text);
        return await joined();
      }
      if (p === 'end') {
        // The last record, ended by the end of the text.
        const last = window.slice(rest);
        reader.window(last, base, true);
        readByChunks(last, delimiter, newline, reader, true);
        if (reader.slow) return whole();
        break;
      }
      pieces.push(p.text);
      window = rest === window.length ? p.text : window.slice(rest) + p.text;
      reader.window(window, base, false);
    }
    return finish(feed, delimiter, opts);
  } catch (e) {
    return fail(readFailure(e));
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
    keepShapes();
    const feed = new RecordFeed(opts, rows.length, hooks.onNames);
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
