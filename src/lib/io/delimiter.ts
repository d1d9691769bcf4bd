/**
 * SPEC §2.3: comma, semicolon and tab files (a paste from Excel or Google Sheets is tab-separated),
 * with LF, CRLF or CR line ends. Both are read off the start of the text only.
 */
import Papa from 'papaparse';
import type { Delimiter } from './types';

const SAMPLE = 64 * 1024;
const CANDIDATES: Delimiter[] = [',', '\t', ';'];

/** The delimiter that splits the first rows most consistently (papaparse's guess over , tab ;); ',' if none does. */
export function detectDelimiter(text: string): Delimiter {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const r = Papa.parse<string[]>(sample, { preview: 10, skipEmptyLines: 'greedy', delimitersToGuess: CANDIDATES });
  const d = r.meta.delimiter;
  return (CANDIDATES as string[]).includes(d) ? (d as Delimiter) : ',';
}

/** The first line end outside quotes: '\r\n', '\r' or '\n' (also when there is none). */
export function detectNewline(text: string): '\r\n' | '\r' | '\n' {
  const end = Math.min(text.length, SAMPLE);
  let quoted = false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
    else if (!quoted && c === 10) return '\n';
  }
  return '\n';
}
