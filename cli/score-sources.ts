/**
 * Where `npm run score` reads records from: CSV or TSV text streamed through papaparse, or the first sheet
 * of a workbook; standard input is spooled to a file first, since the file is read twice.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Papa from 'papaparse';
import { detectDelimiter, detectNewline } from '../src/lib/io/delimiter';
import type { Delimiter } from '../src/lib/io/types';

const SAMPLE_CHARS = 1 << 16;

/** Source line of each record: one more than the last, plus the line breaks inside its quoted cells. */
function lineCounter(nl: string) {
  let next = 1;
  return (row: string[]): number => {
    const at = next;
    let breaks = 1;
    for (let j = 0; j < row.length; j++) {
      const c = row[j];
      if (c.length > 0) for (let p = c.indexOf(nl); p !== -1; p = c.indexOf(nl, p + 1)) breaks++;
    }
    next += breaks;
    return at;
  };
}

/** One record and the source line it starts on; false stops the read, a promise holds it until settled. */
type OnRecord = (row: string[], line: number) => boolean | Promise<boolean>;
/** Reads the whole source once, record by record. */
export type RecordSource = (onRecord: OnRecord, onWarning: (w: string) => void) => Promise<{ empty: boolean; delimiter: Delimiter }>;

/**
 * papaparse cuts cells out of the chunk they were read from; a long cell kept by the builder (a name, a
 * reason quoting a cell) would keep its whole chunk, and so the text, alive. A copy keeps only the cell.
 */
export const own = (s: string): string => (s.length < 13 ? s : (` ${s}`).slice(1));

/** CSV or TSV text, streamed: the first 64 Ki characters pick the delimiter and line break, then papaparse streams the rest. */
export function textSource(open: () => Readable, name: string): RecordSource {
  return async (onRecord, onWarning) => {
    const source = open();
    source.setEncoding('utf8');
    const it = source[Symbol.asyncIterator]() as AsyncIterator<string>;
    let sample = '';
    let ended = false;
    while (sample.length < SAMPLE_CHARS) {
      const c = await it.next();
      if (c.done) {
        ended = true;
        break;
      }
      sample += c.value;
    }
    const text0 = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
    if (text0.trim() === '') {
      source.destroy();
      return { empty: true, delimiter: ',' };
    }
    const delimiter = detectDelimiter(text0);
    const newline = detectNewline(text0);
    const lineOf = lineCounter(newline === '\r' ? '\r' : '\n');
    async function* rest() {
      yield text0;
      if (ended) return;
      for (let c = await it.next(); !c.done; c = await it.next()) yield c.value;
    }
    let warned = 0;
    const input = Readable.from(rest(), { objectMode: true });
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(input as unknown as File, {
        delimiter,
        newline,
        skipEmptyLines: false,
        step(res: Papa.ParseStepResult<string[]>, parser: Papa.Parser) {
          const row = res.data;
          const line = lineOf(row);
          for (const e of res.errors) {
            if (e.type !== 'Quotes' || warned++ >= 5) continue;
            onWarning(e.code === 'MissingQuotes'
              ? `Line ${line}: a quoted cell is never closed, so the rest of the file was read into it.`
              : `Line ${line}: a quoted cell has a stray quote; it was read as written.`);
          }
          for (let j = 0; j < row.length; j++) row[j] = own(row[j]);
          const go = onRecord(row, line);
          if (go === false) parser.abort();
          else if (go !== true) {
            // papaparse's pause stops parsing but not the stream: without input.pause() the file would
            // pile up in its queue while a part is written.
            parser.pause();
            input.pause();
            go.then((more) => {
              input.resume();
              if (more) parser.resume();
              else parser.abort();
            }, reject);
          }
        },
        complete: () => resolve(),
        error: (e: Error) => reject(new Error(`${name}: ${e.message}`)),
      });
    });
    source.destroy();
    return { empty: false, delimiter };
  };
}

/** The first sheet of a workbook (read whole: .xlsx is a zip), row by row. */
export function workbookSource(file: string): RecordSource {
  return async (onRecord) => {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(readFileSync(file), { type: 'buffer', cellDates: true, dense: true });
    const sheet = wb.Sheets[wb.SheetNames[0]];
    const rows = sheet ? XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: false, defval: '', blankrows: true, dateNF: 'yyyy-mm-dd' }) : [];
    if (rows.length === 0) return { empty: true, delimiter: ',' };
    for (let i = 0; i < rows.length; i++) if (!(await onRecord(rows[i].map((c) => (c == null ? '' : String(c))), i + 1))) break;
    return { empty: false, delimiter: ',' };
  };
}

export const isBlankRecord = (row: string[]) => row.every((c) => c.trim() === '');

/** Standard input is read twice (readings, then scores): it is first copied to a temporary file, a chunk at a time. */
export async function spool(): Promise<{ file: string; done: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cs-scorecard-'));
  const file = path.join(dir, 'stdin.csv');
  await pipeline(process.stdin, createWriteStream(file));
  return { file, done: () => rmSync(dir, { recursive: true, force: true }) };
}
