/**
 * The made-up export the import worker practises on before a file is picked (worker-handler.ts 'warm'):
 * every format exports use, in columns of the usual names, so that the engine's compiled code
 * has met each branch of the import's hot loops before the first real file. A branch first met by a real
 * file sends the compiled code back to be compiled again, mid-import (measured: the first 100k-row import
 * after a practice on one money format and one date format ran ~1.3× slower than the next one).
 *
 * Each column cycles through its formats with a period of its own, so the formats
 * meet in many combinations; a few names repeat, a few cells are blank or unreadable, and the rows outnumber
 * a chunk of packed names (engine/names.ts), whose packing then runs too.
 */
import { NAME_CHUNK } from '../engine/names';
import type { Calibration } from '../engine/types';
import type { WorkerRequest } from './protocol';
import { guessMapping } from './synonyms';
import type { ImportChoices } from './types';

const HEADER = 'Account ID,Account Name,Monthly Recurring Revenue,Days Since Last Touch,Usage %,Health Score,CSM,Segment,Renewal Date,Region';
/** Money as exports write it: plain, with a currency and separators, with a decimal comma, abbreviated. */
const MONEY = ['24000', '"$1,250.00"', '980.5', '12K', '"434,19 kr"', '"$15,173"', '10.9K', '498.00', '1.2M', '"1.250,50 EUR"', '£730'];
/** The same in a text with characters past Latin-1 (a euro sign), which the engine holds as a string of its own kind. */
const MONEY_WIDE = MONEY.map((m, k) => (k === 4 ? '"€434,19"' : k === 9 ? '"1.250,50 €"' : m));
/** Days since the last touch, or its date (ISO, US), in words. */
const TOUCH = ['14', '3', '2024-11-02', '45 days', '145', '11/02/2024', '0'];
/** Usage as a percentage, a plain number, a fraction. */
const USAGE = ['42%', '17', '88.5%', ' 63 %', '15.4%', '0.42', '75', '100%', '9'];
const HEALTH = ['72', '8', '100', '55.5', '31', '0'];
const SEGMENT = ['SMB', 'Mid-Market', 'Enterprise', ''];
const REGION = ['APAC', 'EMEA', 'NA'];

/** A few cells blank or unreadable, as in a real export: row i's cell, or what replaces it. */
function sporadic(i: number, cell: string, blankEvery: number, odd?: string): string {
  if (i % blankEvery === blankEvery - 1) return '';
  if (odd !== undefined && i % (blankEvery * 3) === 7) return odd;
  return cell;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

function renewal(i: number): string {
  const m = 1 + (i % 12);
  const d = 1 + (i % 28);
  switch ((i >> 3) % 5) {
    case 0:
      return `2025-${pad(m)}-${pad(d)}`;
    case 1:
      return `${m}/${d}/2025`;
    case 2:
      return '';
    case 3:
      return `2026-${pad(m)}-01`;
    default:
      return `${m}/${d}/2024`;
  }
}

function accountName(i: number): string {
  if (i % 97 === 0) return 'Account 7'; // the same name again: a duplicate
  switch (i % 5) {
    case 1:
      return `"Account ${i}, Inc."`;
    case 3:
      return `Café ${i}`; // é is Latin-1: the text stays one byte per character
    default:
      return `Account ${i}`;
  }
}

/** The practice export's rows: more than one chunk of packed names unless fewer are asked for. */
export const PRACTICE_ROWS = NAME_CHUNK + 1024;

/**
 * A practice export of `rows` accounts, its lines ended by `newline`; `wide`: with characters past Latin-1.
 * A text of only Latin-1 characters and one with others are held differently (one byte or two per
 * character), and the compiled code meets the one a real file has: practice covers both.
 */
export function practiceCsv(rows = PRACTICE_ROWS, newline: '\n' | '\r\n' = '\n', wide = false): string {
  const money = wide ? MONEY_WIDE : MONEY;
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `A-${i},${accountName(i)},${sporadic(i, money[i % money.length], 211, 'n/a')},${sporadic(i, TOUCH[(i >> 2) % TOUCH.length], 223)},` +
        `${sporadic(i, USAGE[(i >> 1) % USAGE.length], 227, '130%')},${sporadic(i, HEALTH[i % HEALTH.length], 229)},CSM ${i % 11},` +
        `${SEGMENT[i % SEGMENT.length]},${renewal(i)},${REGION[i % REGION.length]}`,
    );
  }
  return lines.join(newline);
}

/** The choices the page sends with an import nobody has adjusted (state/import.svelte.ts), dated the practice's day. */
const PRACTICE_CHOICES: Required<ImportChoices> = {
  sentimentScale: 'auto',
  usageMode: 'auto',
  dateOrder: 'auto',
  partial: false,
  scoreBlankRows: false,
  today: 20_089,
  maxIssues: 5_000, // the issues the page keeps (schema/limits.ts MAX_STORED_ISSUES)
};

/** The practice files, made once each. */
const files = new Map<string, Blob>();

/**
 * Practice round `round`'s import request, as the page sends one for a picked file: the practice export as
 * a file (read and decoded like a real one, the text then held as a real file's is), the guessed mapping,
 * the default choices. Rounds take turns: lines ended by LF or CRLF (Excel on Windows; a parser of its
 * own), text with or without characters past Latin-1; round 0 is LF and wide.
 */
export function practiceRequest(calibration: Calibration, round: number): Extract<WorkerRequest, { type: 'import' }> {
  const newline = round % 2 === 0 ? '\n' : '\r\n';
  const wide = (round >> 1) % 2 === 0;
  const key = `${newline}${wide}`;
  let file = files.get(key);
  if (file === undefined) files.set(key, (file = new Blob([practiceCsv(PRACTICE_ROWS, newline, wide)], { type: 'text/csv' })));
  return { type: 'import', id: -1, file, options: PRACTICE_CHOICES, mapping: guessMapping(HEADER.split(',')).mapping, calibration };
}
