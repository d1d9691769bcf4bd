/**
 * What csv.worker.ts does with each message, as a plain function of a `post` callback so it can be
 * tested without a Worker. 'warm' runs practice imports, a round per task, and posts nothing; a request
 * that arrives meanwhile waits for the round under way at most (~20–50 ms), and no round follows it. The
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
import { checkText, importRows, importText, previewRows, previewText, warmImport } from '../import-pipeline';
import type { BookSide, ImportProgress, WorkerRequest, WorkerResponse } from '../protocol';
import type { Preview, TextImport } from '../types';

export type Post = (msg: WorkerResponse, transfer?: Transferable[]) => void;

const PROGRESS_EVERY_MS = 100;
/**
 * Rounds of practice a 'warm' runs unless it says: a 100k-row import after them runs at about the speed of
 * the next one (~25 % faster than after a single round), more rounds add nothing; ~20 ms each once compiled.
 */
export const WARM_ROUNDS = 8;
const PREVIEW_BYTES = 1 << 20;

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

export function createWorkerHandler(post: Post, now: () => number = () => Date.now()) {
  /** Rounds of practice still to run; a request sets it to 0, so the warm-up stops before its next round. */
  let practice = 0;
  /** Resolves once the warm-up has ended (its rounds run, or stopped by a request or a failure). */
  const warm = (calibration: Calibration): Promise<void> =>
    new Promise((resolve) => {
      const round = (): void => {
        if (practice <= 0) return resolve();
        practice--;
        try {
          warmImport(calibration);
        } catch {
          practice = 0; // only practice: a real import reports its own problems
        }
        // The next round in a task of its own: a message that came meanwhile is handled first.
        setTimeout(round, 0);
      };
      round();
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
        post({ type: 'preview', id, result: await preview(msg) });
        return;
      }
      const content = await contentOf(msg);
      if (!content.ok) {
        post({ type: 'result', id, result: content });
        return;
      }
      // The text, or the workbook's rows (the sheet's row numbers are the report's line numbers).
      const c = content.value;
      const book = c.kind === 'sheet' ? await sheetOf(c.bytes, msg.sheet) : ok(null);
      if (!book.ok) {
        post({ type: 'result', id, result: book });
        return;
      }
      const sheet = book.value;
      // Progress in characters of the text, or rows of the sheet.
      const size = sheet !== null ? sheet.rows.length : c.kind === 'text' ? c.text.length : 0;
      const totalBytes = msg.file?.size ?? size;
      let last = now();
      const progress = (p: ImportProgress) => post({ type: 'progress', id, ...p });
      progress({ rows: 0, bytes: 0, totalBytes });
      const opts = { ...msg.options, mapping: msg.mapping, calibration: msg.calibration };
      const hooks = {
        every: 2048,
        onProgress(rows: number, done: number) {
          const t = now();
          if (t - last >= PROGRESS_EVERY_MS) {
            last = t;
            progress({ rows, bytes: Math.round((done / Math.max(1, size)) * totalBytes), totalBytes });
          }
        },
      };
      const result =
        sheet !== null
          ? importRows(sheet.rows, sheet.lines, { name: sheet.sheet, names: sheet.sheets }, opts, hooks)
          : importText(c.kind === 'text' ? c.text : '', c.kind === 'text' && c.nul !== undefined ? { ...opts, hasNul: c.nul } : opts, hooks);
      if (result.ok) {
        const { columns } = result.value;
        // Each chunk of names in a message of its own: the page deserializes a message in one task.
        for (const chunk of columns.name.chunks) post({ type: 'names', id, chunk });
        const value = { ...result.value, columns: { ...columns, name: { chunks: [], end: columns.name.end } } };
        post({ type: 'result', id, result: { ok: true, value } }, transferList(value));
      } else post({ type: 'result', id, result });
    } catch (e) {
      const result = fail(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
      post(msg.type === 'preview' ? { type: 'preview', id, result } : { type: 'result', id, result });
    }
  };
}
