/**
 * SPEC §2.3 what a picked or dropped file holds, told from its first bytes: a spreadsheet (an .xlsx or
 * .ods is a ZIP, an .xls an OLE2 compound file, or XML or HTML that Excel saved as .xls), text in UTF-8
 * or UTF-16 (by its byte-order mark, or by the NUL half of every ASCII character), or something else
 * that gets a message naming it (an image, a PDF, an archive, any bytes with NULs). Text is decoded
 * here; text that is not UTF-8 is read as Windows-1252, what Excel on Windows writes as "CSV".
 * (A Word or PowerPoint file is a ZIP like an .xlsx: the spreadsheet reader refuses it.)
 */
import { fail, ok, type Parsed } from '../engine/types';
import { fileSizeReason, MAX_FILE_BYTES, MAX_WORKBOOK_BYTES, nulReason, workbookSizeReason } from './limits';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';
export type Sniffed = { kind: 'text'; encoding: TextEncoding } | { kind: 'sheet' };

/** Bytes enough to tell the kind (a ZIP names its first entry within them). */
export const SNIFF_BYTES = 4096;

const startsWith = (b: Uint8Array, sig: number[], at = 0): boolean => sig.every((x, k) => b[at + k] === x);
const ascii = (b: Uint8Array, to = b.length): string => {
  let s = '';
  for (let i = 0; i < Math.min(to, b.length); i++) s += b[i] >= 32 && b[i] < 127 ? String.fromCharCode(b[i]) : ' ';
  return s;
};

const NOT_EXPORT = 'not a text export or a spreadsheet. Is this the right file?';
const SIGNATURES: Array<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 'a GIF image'],
  [[0x47, 0x49, 0x46, 0x38, 0x37, 0x61], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a program (ELF)'],
  [[0x4d, 0x5a, 0x90, 0x00], 'a Windows program'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], 'an SQLite database'],
];

/** The kind of a file from its first bytes (SNIFF_BYTES of them, or the whole file when shorter). */
export function sniffBytes(head: Uint8Array): Parsed<Sniffed> {
  if (startsWith(head, [0xff, 0xfe, 0, 0]) || startsWith(head, [0, 0, 0xfe, 0xff])) {
    return fail('The file is UTF-32 text, which this page does not read. Save it as UTF-8 (or UTF-16) CSV and try again.');
  }
  if (startsWith(head, [0xff, 0xfe])) return ok({ kind: 'text', encoding: 'utf-16le' });
  if (startsWith(head, [0xfe, 0xff])) return ok({ kind: 'text', encoding: 'utf-16be' });
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return ok({ kind: 'text', encoding: 'utf-8' });
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return ok({ kind: 'sheet' });
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // An .xlsx lists [Content_Types].xml or xl/…; an .ods starts with its mimetype entry.
    const names = ascii(head, 1024);
    if (/\[Content_Types\]\.xml|xl\/|opendocument\.spreadsheet|docProps\//.test(names)) return ok({ kind: 'sheet' });
    return fail(`The file is a ZIP archive, ${NOT_EXPORT}`);
  }
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06]) || startsWith(head, [0x50, 0x4b, 0x07, 0x08])) {
    return fail(`The file is a ZIP archive, ${NOT_EXPORT}`);
  }
  for (const [sig, what] of SIGNATURES) if (startsWith(head, sig)) return fail(`The file is ${what}, ${NOT_EXPORT}`);
  // UTF-16 without a byte-order mark: ASCII characters leave every other byte NUL.
  let evenNul = 0;
  let oddNul = 0;
  const pairs = head.length >> 1;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (pairs >= 2 && oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return ok({ kind: 'text', encoding: 'utf-16le' });
  if (pairs >= 2 && evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return ok({ kind: 'text', encoding: 'utf-16be' });
  const nul = head.indexOf(0);
  if (nul !== -1) {
    let line = 1;
    for (let i = 0; i < nul; i++) if (head[i] === 10) line++;
    return fail(nulReason(line));
  }
  // Excel's older "spreadsheets" that are text: SpreadsheetML 2003 (XML) and HTML tables saved as .xls.
  if (/^(?:\xef\xbb\xbf)?\s*<(?:\?xml[^>]*>\s*(?:<\?mso-application[^>]*>\s*)?<(?:ss:)?Workbook\b|html\b|table\b|!DOCTYPE html)/i.test(latin1(head))) {
    return ok({ kind: 'sheet' });
  }
  return ok({ kind: 'text', encoding: 'utf-8' });
}

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b.subarray(0, 512));

/**
 * Text of the bytes, without a byte-order mark. `partial` for the head of a longer file: a character cut
 * at its end is dropped. Text that is mostly not UTF-8 is read as Windows-1252.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding, partial = false): string {
  if (encoding !== 'utf-8') return new TextDecoder(encoding).decode(bytes, { stream: partial });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
  } catch {
    // UTF-8 with a few broken bytes stays UTF-8; text whose accents mostly do not decode is Windows-1252.
    const utf8 = new TextDecoder('utf-8').decode(bytes, { stream: partial });
    let broken = 0;
    let fine = 0;
    for (let i = 0; i < utf8.length; i++) {
      const c = utf8.charCodeAt(i);
      if (c === 0xfffd) broken++;
      else if (c > 0x7f) fine++;
    }
    return fine > broken ? utf8 : decodeWindows1252(bytes);
  }
}

// Windows-1252's 0x80–0x9F (Node's TextDecoder reads them as Latin-1 control characters).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = new TextDecoder('latin1').decode(bytes);
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

export type FileContent =
  /** nul: whether the text holds a NUL character, read from the bytes (memchr-fast) where the encoding allows; else undefined. */
  | { kind: 'text'; text: string; complete: boolean; nul?: boolean }
  | { kind: 'sheet'; bytes: Uint8Array };

/** Files (or heads of files) up to this size are read in one go, their kind told from the bytes read. */
const ONE_READ_BYTES = 4 << 20;

const readError = (e: unknown): string => `The file could not be read (${e instanceof Error ? e.message : String(e)}).`;

/**
 * The content of a file: its text (the first `limit` bytes of it when given: `complete` says whether
 * that is all), or its bytes when it is a spreadsheet (always whole). Never throws.
 */
export async function readFileContent(file: Blob, limit?: number): Promise<Parsed<FileContent>> {
  try {
    if (file.size > MAX_FILE_BYTES) return fail(fileSizeReason(file.size));
    const complete = limit === undefined || file.size <= limit;
    // One read where it is small (each read is a round trip to the browser); else its first bytes first,
    // so a big file that is no export, or a workbook too big to read, is not read.
    const read = complete ? file : file.slice(0, limit);
    const first = read.size <= ONE_READ_BYTES ? new Uint8Array(await read.arrayBuffer()) : null;
    const kind = sniffBytes(first !== null ? first.subarray(0, SNIFF_BYTES) : new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
    if (!kind.ok) return kind;
    if (kind.value.kind === 'sheet') {
      if (file.size > MAX_WORKBOOK_BYTES) return fail(workbookSizeReason(file.size));
      return ok({ kind: 'sheet', bytes: first !== null && complete ? first : new Uint8Array(await file.arrayBuffer()) });
    }
    const bytes = first ?? new Uint8Array(await read.arrayBuffer());
    // A NUL byte in UTF-8 or Windows-1252 is a NUL character; in UTF-16 it is half of most characters.
    const nul = kind.value.encoding === 'utf-8' ? bytes.indexOf(0) !== -1 : undefined;
    return ok({ kind: 'text', text: decodeText(bytes, kind.value.encoding, !complete), complete, nul });
  } catch (e) {
    return fail(readError(e));
  }
}
