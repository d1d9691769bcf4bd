/**
 * What csv.worker.ts does with each message, as a plain function of a `post` callback so it can be
 * tested without a Worker. 'warm' runs practice imports, a round per task, and posts nothing; a request
 * that arrives meanwhile waits for the round under way at most (~40–60 ms; a practice file still being read
 * is not imported), and no round follows it. The
 * stored books of a start-up ('book', 'restore', 'restore-previous') are scored, matched and compared here
 * too. A file is told text or workbook by its bytes (file-bytes.ts); a workbook is
 * read by spreadsheet.ts, loaded on the first one. Progress at most every 100 ms; the result's typed arrays are transferred and
 * its packed names (engine/names.ts) sent ahead, a chunk per message (protocol.ts). The page's cancel()
 * terminates the worker, which stops it at once.
 */
import { DEFAULT_CALIBRATION } from '../../engine/accounts';
import { columnBuffers } from '../../engine/account-fields';
import { matchAccounts } from '../../engine/account-match';
import { movement } from '../../engine/movement';
import { calibrationKey, scoreColumns, type ScoredColumns } from '../../engine/portfolio';
import { preparePortfolio, preparedBuffers, preparedPreviousBuffers, type PreparedPortfolio, type PreparedPrevious } from '../../engine/prepared';
import { fail, ok, type AccountColumns, type Calibration, type Parsed } from '../../engine/types';
import { BookAssembly } from '../book-parts';
import { readFileContent, type FileContent } from '../file-bytes';
import { checkText, importOptions, importPieces, importRows, importText, previewRows, previewText, type ProgressHooks } from '../import-pipeline';
import { practiceRequest } from '../practice';
import type { BookSide, WorkerRequest, WorkerResponse } from '../protocol';
import type { Preview, TextImport } from '../types';
import { Decoding, type DecoderLike } from './decoding';

export type { DecoderLike } from './decoding';

export type Post = (msg: WorkerResponse, transfer?: Transferable[]) => void;

const PROGRESS_EVERY_MS = 100;
/**
 * Rounds of practice a 'warm' runs unless it says: one of each practice file (practice.ts: LF or CRLF line
 * ends, with or without characters past Latin-1), ~35–60 ms each once compiled. In Chromium, the first
 * 100k-row import after them took 231–257 ms from the file to the result, against 272–296 ms after the
 * earlier practice (8 rounds of 4,000 rows in a few formats, imported from a string) and ~205 ms for the
 * imports after it.
 */
export const WARM_ROUNDS = 4;
const PREVIEW_BYTES = 1 << 20;

/**
 * The hooks of import `id`, its first progress posted: progress at most every PROGRESS_EVERY_MS, in bytes
 * of the file (`size` units read of `size` in all, `totalBytes` bytes), and each chunk of names as it is
 * packed. Made here for every import, the practice ones too, so the engine compiles the calls the real
 * ones make.
 */
function importHooks(id: number, size: number, totalBytes: number, post: Post, now: () => number): { hooks: ProgressHooks; names: NamesSent } {
  const names = namesSent(id, post);
  post({ type: 'progress', id, rows: 0, bytes: 0, totalBytes });
  let last = now();
  const hooks: ProgressHooks = {
    every: 2048,
    onNames: names.send,
    onProgress(rows: number, done: number) {
      const t = now();
      if (t - last >= PROGRESS_EVERY_MS) {
        last = t;
        post({ type: 'progress', id, rows, bytes: Math.round((done / Math.max(1, size)) * totalBytes), totalBytes });
      }
    },
  };
  return { hooks, names };
}

/** The buffers to move (not copy) to the page. */
export function transferList(r: TextImport): ArrayBuffer[] {
  const prepared = r.prepared ? preparedBuffers(r.prepared) : [];
  return [...new Set([...columnBuffers(r.columns), ...prepared])];
}

/** The message's text, or its file read as text (decoded) or as a spreadsheet's bytes (file-bytes.ts). */
function contentOf(msg: { text?: string; file?: Blob }, limit?: number): Promise<Parsed<FileContent>> {
  if (msg.text !== undefined || msg.file === undefined) return Promise.resolve(ok({ kind: 'text', text: msg.text ?? '', complete: true }));
  return readFileContent(msg.file, limit);
}

/** A workbook's rows, by the spreadsheet reader (with SheetJS, a chunk of its own loaded on the first workbook). */
async function sheetOf(bytes: Uint8Array, sheet: string | undefined) {
  const { readSpreadsheet } = await import('../spreadsheet');
  return readSpreadsheet(bytes, sheet);
}

/** The preview of a paste or a file's head; when the head gives none, the whole file is looked at. */
async function preview(msg: { text?: string; file?: Blob; rows?: number; sheet?: string }): Promise<Parsed<Preview>> {
  const content = await contentOf(msg, PREVIEW_BYTES);
  if (!content.ok) return content;
  if (content.value.kind === 'sheet') {
    const book = await sheetOf(content.value.bytes, msg.sheet);
    return book.ok ? previewRows(book.value.rows, { name: book.value.sheet, names: book.value.sheets }, msg.rows) : book;
  }
  const { text, complete } = content.value;
  const r = previewText(text, msg.rows, complete);
  if (r.ok || complete || msg.file === undefined) return r;
  const whole = await readFileContent(msg.file);
  if (!whole.ok || whole.value.kind !== 'text') return r;
  // Past the head: the exact count for a limit's message, or a header after a megabyte of blank lines.
  const checked = checkText(whole.value.text);
  return checked.ok ? previewText(whole.value.text, msg.rows) : checked;
}

/** The stored books being restored (protocol.ts 'book', 'restore', 'restore-previous'), of one request id. */
interface Restoring {
  id: number;
  books: Map<BookSide, BookAssembly>;
  /** The current book once prepared: what the previous one is matched with and scored under. */
  current: { columns: AccountColumns; scored: ScoredColumns; calibration: Calibration; asOfDay: number } | null;
}

const copyScored = (s: ScoredColumns): ScoredColumns => ({ score: s.score.slice(), band: s.band.slice(), atRisk: s.atRisk.slice(), missing: s.missing.slice() });

const INCOMPLETE = 'the stored book did not all arrive';

/** The current book prepared, its own copy of the scores kept for the previous one (the sent ones are moved). */
function restoreCurrent(r: Restoring, calibration: Calibration, asOfDay: number): Parsed<PreparedPortfolio> {
  const columns = r.books.get('current')?.columns();
  if (!columns) return fail(INCOMPLETE);
  const prepared = preparePortfolio(columns, calibration);
  r.current = { columns, scored: copyScored(prepared.analysis.scored), calibration, asOfDay };
  return ok(prepared);
}

/** SPEC §4.6 the previous book scored under the current one's calibration, matched with it, and what moved. */
function restorePrevious(r: Restoring, asOfDay: number): Parsed<PreparedPrevious> {
  const prev = r.books.get('previous')?.columns();
  const cur = r.current;
  if (!prev || !cur) return fail(INCOMPLETE);
  const scored = scoreColumns(prev, cur.calibration);
  const match = matchAccounts(prev, cur.columns);
  const moved = movement({ cols: prev, scored, asOfDay }, { cols: cur.columns, scored: cur.scored, asOfDay: cur.asOfDay }, match);
  return ok({ key: calibrationKey(cur.calibration), scored, match, movement: moved });
}

type ImportRequest = Extract<WorkerRequest, { type: 'import' }>;
/** An import's source read: its text, or a workbook's rows (the sheet's row numbers are the report's line numbers). */
type ReadSource = Parsed<{ content: FileContent; sheet: SheetRows | null }>;
type SheetRows = Extract<Awaited<ReturnType<typeof sheetOf>>, { ok: true }>['value'];

/** The text or workbook an import request names, read. */
async function readRequest(msg: ImportRequest): Promise<ReadSource> {
  const content = await contentOf(msg);
  if (!content.ok) return content;
  const c = content.value;
  const book = c.kind === 'sheet' ? await sheetOf(c.bytes, msg.sheet) : ok(null);
  return book.ok ? ok({ content: c, sheet: book.value }) : book;
}

/**
 * The import of a read source, its progress and result posted (the names ahead, a chunk per message; the
 * typed arrays transferred). The practice imports run through here too, with a `post` that drops it all.
 */
function importRead(msg: ImportRequest, read: ReadSource, post: Post, now: () => number): void {
  const { id } = msg;
  if (!read.ok) {
    post({ type: 'result', id, result: read });
    return;
  }
  const { content: c, sheet } = read.value;
  // Progress in characters of the text, or rows of the sheet.
  const size = sheet !== null ? sheet.rows.length : c.kind === 'text' ? c.text.length : 0;
  const { hooks, names } = importHooks(id, size, msg.file?.size ?? size, post, now);
  const opts = importOptions(msg.options, msg.mapping, msg.calibration, c.kind === 'text' ? c.nul : undefined);
  const result =
    sheet !== null
      ? importRows(sheet.rows, sheet.lines, { name: sheet.sheet, names: sheet.sheets }, opts, hooks)
      : importText(c.kind === 'text' ? c.text : '', opts, hooks);
  postResult(id, result, post, names);
}

/**
 * The names of import `id`, posted a chunk per message (the page deserializes a message in one task): each
 * full chunk as soon as it is packed, so the page takes them in while the import goes on, and the rest with
 * the result.
 */
interface NamesSent {
  send(chunk: string, at: number): void;
  /** The chunks of the result's names not posted as they are. */
  rest(chunks: string[]): void;
}

function namesSent(id: number, post: Post): NamesSent {
  const sent: string[] = [];
  return {
    send(chunk, at) {
      sent[at] = chunk;
      post({ type: 'names', id, at, chunk });
    },
    rest(chunks) {
      for (let at = 0; at < chunks.length; at++) if (sent[at] !== chunks[at]) post({ type: 'names', id, at, chunk: chunks[at] });
    },
  };
}

/** An import's result posted: the names not posted yet ahead of it, its typed arrays moved. */
function postResult(id: number, result: Parsed<TextImport>, post: Post, names: NamesSent): void {
  if (!result.ok) {
    post({ type: 'result', id, result });
    return;
  }
  const { columns } = result.value;
  names.rest(columns.name.chunks);
  const value = { ...result.value, columns: { ...columns, name: { chunks: [], end: columns.name.end } } };
  post({ type: 'result', id, result: { ok: true, value } }, transferList(value));
}

/**
 * `makeDecoder`: starts the worker that decodes a big UTF-8 file in pieces while this one parses them
 * (text-pieces.ts); without one (tests, a browser without workers in workers) files are read whole.
 */
export function createWorkerHandler(post: Post, now: () => number = () => Date.now(), makeDecoder?: () => DecoderLike) {
  const decoding = makeDecoder !== undefined ? new Decoding(makeDecoder) : null;
  /**
   * A big UTF-8 file imported as the decoding worker hands its text over, piece by piece (the result is
   * importText's on the whole text). False when the file is not one (or its pieces stopped): the usual way.
   */
  const importStreamed = async (msg: ImportRequest): Promise<boolean> => {
    const file = msg.file;
    if (decoding === null) return false;
    if (file === undefined) {
      decoding.drop(); // a paste: pieces decoded ahead for a file are let go
      return false;
    }
    const pieces = await decoding.pieces(file);
    if (pieces === null) return false;
    const { hooks, names } = importHooks(msg.id, file.size, file.size, post, now);
    const result = await importPieces(pieces.next, file.size, importOptions(msg.options, msg.mapping, msg.calibration, false), hooks);
    decoding.finished(pieces);
    if (result === 'whole') return false;
    postResult(msg.id, result, post, names);
    return true;
  };
  /** Rounds of practice still to run; a request sets it to 0, so the warm-up stops before its next round. */
  let practice = 0;
  /** A request came during the warm-up: a practice file read meanwhile is not imported. */
  let stopped = false;
  /** Resolves once the warm-up has ended (its rounds run, or stopped by a request or a failure). */
  const warm = (calibration: Calibration): Promise<void> =>
    new Promise((resolve) => {
      const round = async (): Promise<void> => {
        if (practice <= 0) return resolve();
        practice--;
        try {
          // The practice file read as a picked one is (its text made by the same decoder), then imported.
          const msg = practiceRequest(calibration, practice);
          const read = await readRequest(msg);
          if (!stopped) importRead(msg, read, () => {}, now);
        } catch {
          practice = 0; // only practice: a real import reports its own problems
        }
        // The next round in a task of its own: a message that came meanwhile is handled first.
        setTimeout(() => void round(), 0);
      };
      stopped = false;
      // The decoding worker too, so the first big file does not wait for it to load.
      decoding?.start();
      void round();
    });
  let restoring: Restoring | null = null;
  /** The restore of request `id` (a new id starts afresh: the page sends one request per worker). */
  const restoreOf = (id: number): Restoring => {
    if (restoring?.id !== id) restoring = { id, books: new Map(), current: null };
    return restoring;
  };
  return async function handle(msg: WorkerRequest): Promise<void> {
    const { id } = msg;
    if (msg.type === 'warm') {
      practice = msg.rounds ?? WARM_ROUNDS;
      return warm(msg.calibration ?? DEFAULT_CALIBRATION);
    }
    practice = 0;
    stopped = true;
    decoding?.request(msg.type);
    if (msg.type === 'book') {
      const r = restoreOf(id);
      const book = r.books.get(msg.side) ?? new BookAssembly();
      book.add(msg.part);
      r.books.set(msg.side, book);
      return;
    }
    if (msg.type === 'restore' || msg.type === 'restore-previous') {
      const r = restoreOf(id);
      const failed = (e: unknown) => fail(`The saved book could not be scored in the background: ${e instanceof Error ? e.message : String(e)}`);
      if (msg.type === 'restore') {
        let result: Parsed<PreparedPortfolio>;
        try {
          result = restoreCurrent(r, msg.calibration, msg.asOfDay);
        } catch (e) {
          result = failed(e);
        }
        post({ type: 'restored', id, result }, result.ok ? preparedBuffers(result.value) : []);
        return;
      }
      let result: Parsed<PreparedPrevious>;
      try {
        result = restorePrevious(r, msg.asOfDay);
      } catch (e) {
        result = failed(e);
      }
      restoring = null;
      post({ type: 'restored-previous', id, result }, result.ok ? preparedPreviousBuffers(result.value) : []);
      return;
    }
    try {
      if (msg.type === 'preview') {
        const result = await preview(msg);
        post({ type: 'preview', id, result });
        if (result.ok && msg.file !== undefined && result.value.sheet === undefined) await decoding?.ahead(msg.file);
        return;
      }
      if (await importStreamed(msg)) return;
      const read = await readRequest(msg);
      importRead(msg, read, post, now);
    } catch (e) {
      const result = fail(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
      post(msg.type === 'preview' ? { type: 'preview', id, result } : { type: 'result', id, result });
    }
  };
}
