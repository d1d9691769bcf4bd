/**
 * SPEC §2.3 hostile files get a message, never a hang. papaparse builds a whole record before anyone sees
 * it (a line of 10M fields is 10M strings), so the text is checked first, in one quote-aware pass that
 * costs a small fraction of papaparse's own: fields per line, characters per cell, the header's length,
 * NUL characters, a quote never closed. The first problem found ends the import with one message.
 */
import { fail, ok, type Parsed } from '../engine/types';

/** An accounts export has at most a few hundred columns. */
export const MAX_FIELDS = 1_000;
/** What a spreadsheet cell holds at most (Excel's limit), so any export meant for one fits. */
export const MAX_CELL = 32_767;
/** The header line: up to MAX_FIELDS column names of ~64 characters. */
export const MAX_HEADER_CHARS = 65_536;
/** Larger files are beyond one browser tab (SPEC §8: the command line scores them). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** A workbook is read whole into cell objects, tens of times its size: ~500k rows of a compressed .xlsx. */
export const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;

const fmt = (n: number): string => n.toLocaleString('en-US');
const RIGHT_FILE = 'Is this the right file?';

/** What the check found; `exact` is false when the offending line runs past the end of a partial text. */
export interface LimitProblem {
  reason: string;
  exact: boolean;
}

export const fieldsReason = (line: number, fields: number, exact: boolean): string =>
  `${line === 1 ? 'The first line' : `Line ${fmt(line)}`} has ${exact ? '' : 'more than '}${fmt(fields)} fields; an accounts export has ` +
  `${line === 1 ? 'a header of ' : ''}at most a few hundred columns (up to ${fmt(MAX_FIELDS)} are read). ${RIGHT_FILE}`;

export const cellReason = (line: number, chars: number, exact: boolean): string =>
  `Line ${fmt(line)} has a cell of ${exact ? '' : 'more than '}${fmt(chars)} characters; a spreadsheet cell holds at most ` +
  `${fmt(MAX_CELL)}. ${RIGHT_FILE}`;

const headerReason = (chars: number, exact: boolean): string =>
  `The first line is ${exact ? '' : 'more than '}${fmt(chars)} characters long; an accounts export's header is a few hundred ` +
  `column names (up to ${fmt(MAX_HEADER_CHARS)} characters are read). ${RIGHT_FILE}`;

export const unclosedReason = (line: number, chars: number): string =>
  `A quoted cell opened on line ${fmt(line)} is never closed, so the rest of the file (${fmt(chars)} characters) would be ` +
  `one cell. Is the file cut short?`;

export const nulReason = (line: number): string =>
  `The file holds NUL bytes (line ${fmt(line)}): it looks like a binary file, not a text export. ${RIGHT_FILE}`;

export const fileSizeReason = (bytes: number): string =>
  `The file is ${fmt(Math.round(bytes / 1048576))} MB; this page reads files up to ${fmt(MAX_FILE_BYTES / 1048576)} MB. ` +
  'Score a bigger book with the command line (npm run score).';

export const workbookSizeReason = (bytes: number): string =>
  `The workbook is ${fmt(Math.round(bytes / 1048576))} MB; this page reads workbooks up to ${fmt(MAX_WORKBOOK_BYTES / 1048576)} MB. ` +
  'Save the sheet as CSV (read up to 512 MB) and import that.';

/**
 * The first limit the text breaks, or null. `complete` is false for the head of a longer file: a line
 * still open at its end may go on, so its counts are "more than". `firstLine`: the line the text starts on.
 * Quotes are read as papaparse reads them: a quote opens a cell only as its first character, `""` is a
 * quote inside, and a quote closes the cell when a delimiter, a line break or the end follows it (spaces
 * between allowed).
 */
export function limitProblem(text: string, delimiter: string, newline: string, complete = true, firstLine = 1): LimitProblem | null {
  const D = delimiter.charCodeAt(0);
  const NL = newline === '\r' ? 13 : 10;
  const n = text.length;
  let line = firstLine;
  let fields = 1;
  let cellStart = 0;
  let cellLine = firstLine;
  let recordStart = 0;
  let header = true; // until the first record with any character ends
  let quoted = false;
  let tooMany = 0; // the line (> 0) whose fields are past MAX_FIELDS: counted to its end for the message
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        const d = text.charCodeAt(i + 1);
        if (d === 34) i++;
        else if (d === D || d === 10 || d === 13 || i + 1 === n || closesAfterSpaces(text, i + 1, D)) quoted = false;
      } else if (c === NL) line++;
      else if (c === 0) return { reason: nulReason(line), exact: true };
      continue;
    }
    if (c === D) {
      if (i - cellStart > MAX_CELL) return { reason: cellReason(cellLine, i - cellStart, true), exact: true };
      fields++;
      if (fields > MAX_FIELDS && tooMany === 0) tooMany = line;
      cellStart = i + 1;
      cellLine = line;
    } else if (c === 10 || c === 13) {
      if (c === 10 && i > 0 && text.charCodeAt(i - 1) === 13) {
        // the LF of a CRLF: the record ended at the CR
      } else {
        if (tooMany !== 0) return { reason: fieldsReason(tooMany, fields, true), exact: true };
        if (i - cellStart > MAX_CELL) return { reason: cellReason(cellLine, i - cellStart, true), exact: true };
        if (header && i > recordStart) {
          if (i - recordStart > MAX_HEADER_CHARS) return { reason: headerReason(i - recordStart, true), exact: true };
          header = false;
        }
      }
      if (c === NL) line++;
      fields = 1;
      cellStart = i + 1;
      cellLine = line;
      recordStart = i + 1;
    } else if (c === 34 && i === cellStart) quoted = true;
    else if (c === 0) return { reason: nulReason(line), exact: true };
  }
  const rest = n - cellStart;
  if (tooMany !== 0) return { reason: fieldsReason(tooMany, fields, complete), exact: complete };
  if (quoted && complete && rest > MAX_CELL) return { reason: unclosedReason(cellLine, rest), exact: true };
  if (rest > MAX_CELL) return { reason: cellReason(cellLine, rest, complete), exact: complete };
  if (header && n - recordStart > MAX_HEADER_CHARS) return { reason: headerReason(n - recordStart, complete), exact: complete };
  return null;
}

/**
 * limitProblem at the cost of one indexOf per line: only a line longer than MAX_FIELDS characters can
 * break a limit on its own, so the full pass runs only when there is one (or a NUL). What spans lines
 * inside quotes is checked per record as papaparse reads it (recordProblem).
 */
export function screenLimits(text: string, delimiter: string, newline: string): LimitProblem | null {
  const NL = newline === '\r' ? '\r' : '\n';
  if (text.indexOf('\0') !== -1 || shortLines(text, NL, 0, text.length) < 0) return limitProblem(text, delimiter, NL);
  return null;
}

/**
 * The lines of text[from, to) (to: just after a line break, or the end of the text), or −1 when one is
 * longer than MAX_FIELDS characters: only such a line can break a limit on its own. One indexOf per line.
 * `ends`: whether the text's end is the end of a line (false for a piece of a longer text, which the
 * next piece goes on).
 */
export function shortLines(text: string, nl: string, from: number, to: number, ends = true): number {
  let lines = 0;
  let at = from;
  for (let p = text.indexOf(nl, at); p !== -1 && p < to; p = text.indexOf(nl, at)) {
    if (p - at > MAX_FIELDS) return -1;
    lines++;
    at = p + 1;
  }
  if (to < text.length || !ends) return lines;
  return text.length - at > MAX_FIELDS ? -1 : lines + 1;
}

/** A record that broke a limit across lines (quoted line breaks), starting on `line` and `chars` long. */
export function recordProblem(row: string[], line: number, chars: number): string | null {
  if (row.length > MAX_FIELDS) return fieldsReason(line, row.length, true);
  if (chars <= MAX_CELL) return null;
  for (const cell of row) if (cell.length > MAX_CELL) return cellReason(line, cell.length, true);
  return null;
}

/** papaparse also closes a quote followed by spaces and then a delimiter, a line break or the end. */
function closesAfterSpaces(text: string, from: number, D: number): boolean {
  let j = from;
  while (j < text.length && (text.charCodeAt(j) === 32 || (text.charCodeAt(j) === 9 && D !== 9))) j++;
  if (j === from) return false;
  const e = text.charCodeAt(j);
  return j === text.length || e === D || e === 10 || e === 13;
}

/** limitProblem as a Parsed gate. */
export function checkLimits(text: string, delimiter: string, newline: string, complete = true): Parsed<null> {
  const p = limitProblem(text, delimiter, newline, complete);
  return p === null ? ok(null) : fail(p.reason);
}
