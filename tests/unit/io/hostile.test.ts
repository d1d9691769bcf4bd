/** SPEC §2.3: hostile files get one clear message, never a hang; odd but honest files still import. */
import { daysFromCivil } from '../../../src/lib/io/calendar';
import { decodeText, readFileContent, sniffBytes } from '../../../src/lib/io/file-bytes';
import { importText, previewText } from '../../../src/lib/io/import-pipeline';
import { startImport, startPreview, type WorkerLike } from '../../../src/lib/io/import-client';
import type { WorkerResponse } from '../../../src/lib/io/protocol';
import { createWorkerHandler } from '../../../src/lib/io/worker/worker-handler';

const TODAY = daysFromCivil(2026, 3, 15);
const HEADER = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment';
const ROW = 'Acme,"$24,000",38,42%,55';
const CSV = `${HEADER}\n${ROW}\n`;

const reasonOf = (text: string): string => {
  const r = importText(text, { today: TODAY });
  return r.ok ? `imported ${r.value.scored} rows` : r.reason;
};

const fieldsLine = (n: number): string => Array.from({ length: n }, () => 'y').join(',');

describe('SPEC §2.3 hostile text: one message naming the limit', () => {
  it.each<[string, () => string, string]>([
    [
      'one line of 10,000,000 fields',
      () => `${fieldsLine(10_000_000)}\n`,
      'The first line has 10,000,000 fields; an accounts export has a header of at most a few hundred columns (up to 1,000 are read). Is this the right file?',
    ],
    [
      'a data line of 5,000 fields',
      () => `${HEADER}\n${ROW}\n${fieldsLine(5_000)}\n`,
      'Line 3 has 5,000 fields; an accounts export has at most a few hundred columns (up to 1,000 are read). Is this the right file?',
    ],
    [
      'a 5 MB cell',
      () => `${HEADER}\nAcme,${'9'.repeat(5_000_000)},38,42%,55\n`,
      'Line 2 has a cell of 5,000,000 characters; a spreadsheet cell holds at most 32,767. Is this the right file?',
    ],
    [
      'a 5 MB quoted cell made of short lines',
      () => `${HEADER}\n${ROW}\n"Acme\n${'note\n'.repeat(1_000_000)}",1,1,1,1\n`,
      'Line 3 has a cell of 5,000,005 characters; a spreadsheet cell holds at most 32,767. Is this the right file?',
    ],
    [
      'a quoted record spanning lines with 3,000 fields',
      () => `${HEADER}\n"a\nb",${Array.from({ length: 3_000 }, (_, i) => (i % 100 === 99 ? '"x\ny"' : 'x')).join(',')}\n`,
      'Line 2 has 3,001 fields; an accounts export has at most a few hundred columns (up to 1,000 are read). Is this the right file?',
    ],
    [
      'a header of 100,000 characters',
      () => `${Array.from({ length: 800 }, (_, i) => `column ${i} ${'h'.repeat(110)}`).join(',')}\n${ROW}\n`,
      'The first line is 97,489 characters long; an accounts export\'s header is a few hundred column names (up to 65,536 characters are read). Is this the right file?',
    ],
    [
      'NUL characters',
      () => `${HEADER}\n${ROW}\nBeta\0\0\0,1,1,1,1\n`,
      'The file holds NUL bytes (line 3): it looks like a binary file, not a text export. Is this the right file?',
    ],
    [
      'a file ending inside a quote opened 3 MB before its end',
      () => `${HEADER}\n${ROW}\n"Beta,${'x'.repeat(3_000_000)}`,
      'A quoted cell opened on line 3 is never closed, so the rest of the file (3,000,006 characters) would be one cell. Is the file cut short?',
    ],
    [
      'a file ending inside a quote opened before 40,000 short lines',
      () => `${HEADER}\n${ROW}\n"Beta,1,1,1,1\n${'Gamma,1,1,1,1\n'.repeat(40_000)}`,
      'A quoted cell opened on line 3 is never closed, so the rest of the file (560,014 characters) would be one cell. Is the file cut short?',
    ],
  ])('%s', (_, text, want) => expect(reasonOf(text())).toBe(want));
});

describe('SPEC §2.3 odd but honest text still imports', () => {
  it('a million blank lines after the rows: scored, skipped silently', () => {
    const r = importText(`${CSV}${'\n'.repeat(1_000_000)}`, { today: TODAY });
    expect(r.ok && [r.value.scored, r.value.unscored, r.value.warnings]).toEqual([1, 0, []]);
  });

  it('a million blank lines before the header: the preview finds the header, the import keeps line numbers', () => {
    const text = `${'\n'.repeat(1_000_000)}${CSV}`;
    const p = previewText(text);
    expect(p.ok && p.value.header).toEqual(HEADER.split(','));
    const r = importText(text, { today: TODAY });
    expect(r.ok && r.value.columns.line[0]).toBe(1_000_002);
  });

  it('a semicolon file after a megabyte of blank lines: read with the delimiter of its header, as the preview reads it', () => {
    const text = `${'\r\n'.repeat(600_000)}${CSV.replace('"$24,000"', '24000').replaceAll(',', ';').replaceAll('\n', '\r\n')}`;
    const p = previewText(text);
    expect(p.ok && p.value.delimiter).toBe(';');
    const r = importText(text, { today: TODAY });
    expect(r.ok ? [r.value.scored, r.value.delimiter, r.value.columns.line[0]] : r.reason).toEqual([1, ';', 600_002]);
  });

  it('a file of only blank lines is empty', () => expect(reasonOf('\n'.repeat(1_000_000))).toBe('The file is empty.'));

  it('a quote left open near the end is a warning and the rows before it are scored', () => {
    const r = importText(`${CSV}"Beta,1,1,1,1\n`, { today: TODAY });
    expect(r.ok && [r.value.scored, r.value.warnings[0]]).toEqual([1, 'Line 3: a quoted cell is never closed, so the rest of the file was read into it.']);
  });

  it('a long line with quoted cells closed before spaces (papaparse reads them so) imports', () => {
    const notes = Array.from({ length: 60 }, (_, i) => `"note ${i}, ${'n'.repeat(20)}"  `).join(',');
    const rows = Array.from({ length: 20 }, () => `Acme,24000,38,42%,55,${notes}\n`).join('');
    const r = importText(`${HEADER},${Array.from({ length: 60 }, (_, i) => `N${i}`).join(',')}\n${rows}`, { today: TODAY });
    expect(r.ok ? r.value.scored : r.reason).toBe(20);
  });

  it('1,000 columns and a 32,767-character cell are within the limits', () => {
    const header = `${HEADER},${Array.from({ length: 995 }, (_, i) => `extra ${i}`).join(',')}`;
    const r = importText(`${header}\n${ROW},${'n'.repeat(32_767)}\n`, { today: TODAY });
    expect(r.ok && r.value.scored).toBe(1);
  });
});

describe('the preview reads a head and checks it before parsing', () => {
  it.each<[string, string, boolean, string]>([
    ['a first line of fields past the first 1 Mi characters', fieldsLine(600_000), false, 'The first line has more than 524,289 fields'],
    ['a whole first line of fields', fieldsLine(2_000), true, 'The first line has 2,000 fields'],
    ['a cut 1 MB cell', `${HEADER}\nAcme,${'9'.repeat(1_000_000)}`, false, 'Line 2 has a cell of more than 1,000,000 characters'],
    ['a whole paste of 600,000 fields on one line: counted to its end', fieldsLine(600_000), true, 'The first line has 600,000 fields'],
    ['a cell after 1,000 blank lines: the line counts them', `${'\n'.repeat(1_000)}${HEADER}\nAcme,${'9'.repeat(40_000)}\n`, true, 'Line 1,002 has a cell of 40,000 characters'],
  ])('%s', (_, text, complete, want) => {
    const p = previewText(text, 20, complete);
    expect(p.ok ? 'a preview' : p.reason.slice(0, want.length)).toBe(want);
  });
});

const bytes = (...b: number[]): Uint8Array => new Uint8Array([...b, ...Array.from({ length: 64 }, () => 0x41)]);
const latin = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const utf16 = (s: string, le: boolean): Uint8Array => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i + (le ? 0 : 1)] = c & 0xff;
    out[2 * i + (le ? 1 : 0)] = c >> 8;
  }
  return out;
};
const withBom = (bom: number[], b: Uint8Array): Uint8Array => new Uint8Array([...bom, ...b]);

describe('SPEC §2.3 what a file is, from its first bytes', () => {
  it.each<[string, Uint8Array, string]>([
    ['a PNG renamed .csv', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'The file is a PNG image, not a text export or a spreadsheet. Is this the right file?'],
    ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'The file is a JPEG image, not a text export or a spreadsheet. Is this the right file?'],
    ['a PDF', bytes(...latin('%PDF-1.7')), 'The file is a PDF document, not a text export or a spreadsheet. Is this the right file?'],
    ['a ZIP that is no spreadsheet', bytes(0x50, 0x4b, 0x03, 0x04, ...latin('photos/a.jpg')), 'The file is a ZIP archive, not a text export or a spreadsheet. Is this the right file?'],
    ['a gzip', bytes(0x1f, 0x8b, 0x08), 'The file is a gzip archive, not a text export or a spreadsheet. Is this the right file?'],
    ['bytes with NULs', bytes(...latin('Name,MRR\n'), 0x01, 0x00, 0x00, 0x03, 0x00, 0x00, 0x07), 'The file holds NUL bytes (line 2): it looks like a binary file, not a text export. Is this the right file?'],
    ['UTF-32', withBom([0xff, 0xfe, 0, 0], new Uint8Array(8)), 'The file is UTF-32 text, which this page does not read. Save it as UTF-8 (or UTF-16) CSV and try again.'],
  ])('%s gets a message', (_, b, want) => expect(sniffBytes(b)).toEqual({ ok: false, reason: want }));

  it.each<[string, Uint8Array, string]>([
    ['an .xlsx (a ZIP with [Content_Types].xml)', bytes(0x50, 0x4b, 0x03, 0x04, ...latin('....[Content_Types].xml')), 'sheet'],
    ['an .ods (a ZIP with its mimetype first)', bytes(0x50, 0x4b, 0x03, 0x04, ...latin('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')), 'sheet'],
    ['an .xls (OLE2)', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'sheet'],
    ['UTF-8 with a BOM', bytes(0xef, 0xbb, 0xbf), 'utf-8'],
    ['plain ASCII', bytes(), 'utf-8'],
    ['UTF-16LE with a BOM', withBom([0xff, 0xfe], utf16(CSV, true)), 'utf-16le'],
    ['UTF-16BE with a BOM', withBom([0xfe, 0xff], utf16(CSV, false)), 'utf-16be'],
    ['UTF-16LE without a BOM', utf16(CSV, true), 'utf-16le'],
    ['UTF-16BE without a BOM', utf16(CSV, false), 'utf-16be'],
    ['UTF-16LE without a BOM, with some characters past U+00FF', utf16(`Ā,${CSV}`, true), 'utf-16le'],
    ['a CSV whose first header starts with PK', bytes(...latin('PK,Account Name\n')), 'utf-8'],
    ['a CSV whose first header starts with MZ', bytes(...latin('MZ Account,MRR\n')), 'utf-8'],
    ['SpreadsheetML 2003 saved as .xls', bytes(...latin('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">')), 'sheet'],
    ['an HTML table saved as .xls', bytes(...latin('<html><body><table><tr><td>Account Name</td>')), 'sheet'],
  ])('%s is read', (_, b, want) => {
    const r = sniffBytes(b);
    expect(r.ok && (r.value.kind === 'sheet' ? 'sheet' : r.value.encoding)).toBe(want);
  });

  it.each<[string, Uint8Array, 'utf-8' | 'utf-16le' | 'utf-16be', string]>([
    ['UTF-16LE, BOM dropped', withBom([0xff, 0xfe], utf16('Müller,€5', true)), 'utf-16le', 'Müller,€5'],
    ['UTF-16BE, BOM dropped', withBom([0xfe, 0xff], utf16('Müller,€5', false)), 'utf-16be', 'Müller,€5'],
    ['UTF-8, BOM dropped', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Müller')]), 'utf-8', 'Müller'],
    ['Windows-1252 (Excel "CSV") when not UTF-8', new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x2c, 0x80, 0x35]), 'utf-8', 'Müller,€5'],
    ['UTF-8 with one broken byte among good accents stays UTF-8', new Uint8Array([...new TextEncoder().encode('Müller,Zoë,'), 0xff]), 'utf-8', 'Müller,Zoë,\ufffd'],
  ])('decodes %s', (_, b, enc, want) => expect(decodeText(b, enc)).toBe(want));
});

/** The worker's handler run in this thread, answering one request. */
function fakeWorker(): WorkerLike {
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (msg) => void handle(msg),
    terminate() {},
  };
  const handle = createWorkerHandler((msg: WorkerResponse) => w.onmessage?.({ data: msg } as MessageEvent<WorkerResponse>));
  return w;
}
const file = (parts: BlobPart[], name = 'accounts.csv') => new File(parts, name);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);

describe('SPEC §2.3 files through the worker: preview and import', () => {
  it.each<[string, () => File, string]>([
    ['a PNG renamed .csv', () => file([PNG]), 'The file is a PNG image, not a text export or a spreadsheet. Is this the right file?'],
    ['NUL bytes', () => file([`${CSV}\0\0\0\0`]), 'The file holds NUL bytes (line 3): it looks like a binary file, not a text export. Is this the right file?'],
    [
      // The preview reads the first megabyte, then counts the whole line for the message.
      'one line of 10,000,000 fields',
      () => file([`${fieldsLine(10_000_000)}\n`]),
      'The first line has 10,000,000 fields; an accounts export has a header of at most a few hundred columns (up to 1,000 are read). Is this the right file?',
    ],
    [
      'a file ending mid-quote',
      () => file([`${CSV}"Beta,${'x'.repeat(3_000_000)}`]),
      'A quoted cell opened on line 3 is never closed, so the rest of the file (3,000,006 characters) would be one cell. Is the file cut short?',
    ],
  ])('%s: the preview says so', async (_, f, want) => {
    expect(await startPreview(f(), 20, fakeWorker).promise).toEqual({ ok: false, reason: want });
  });

  it.each<[string, () => File, string]>([
    ['a PNG renamed .csv', () => file([PNG]), 'The file is a PNG image, not a text export or a spreadsheet. Is this the right file?'],
    ['a 5 MB cell', () => file([`${HEADER}\nAcme,${'9'.repeat(5_000_000)},38,42%,55\n`]), 'Line 2 has a cell of 5,000,000 characters; a spreadsheet cell holds at most 32,767. Is this the right file?'],
    // Past the first 4 KB the file's kind is settled: the NUL is found in its bytes (UTF-8) or its text (UTF-16).
    ['a NUL past the first 4 KB (UTF-8)', () => file([`${HEADER}\n${`${ROW}\n`.repeat(500)}Beta\0,1,1,1,1\n`]), 'The file holds NUL bytes (line 502): it looks like a binary file, not a text export. Is this the right file?'],
    ['a NUL past the first 4 KB (UTF-16)', () => file([withBom([0xff, 0xfe], utf16(`${HEADER}\n${`${ROW}\n`.repeat(500)}Beta\0,1,1,1,1\n`, true)) as BlobPart]), 'The file holds NUL bytes (line 502): it looks like a binary file, not a text export. Is this the right file?'],
  ])('%s: the import says so', async (_, f, want) => {
    expect(await startImport(f(), { today: TODAY }, undefined, fakeWorker).promise).toEqual({ ok: false, reason: want });
  });

  it('two million blank lines before the header: the preview looks past its first megabyte', async () => {
    const p = await startPreview(file([`${'\r\n'.repeat(2_000_000)}${CSV}`]), 20, fakeWorker).promise;
    expect(p.ok ? p.value.header : p.reason).toEqual(HEADER.split(','));
  });

  it.each<[string, Uint8Array]>([
    ['UTF-16LE with a BOM (Excel "Unicode text")', withBom([0xff, 0xfe], utf16(CSV.replaceAll(',', '\t').replace('"$24\t000"', '$24000'), true))],
    ['UTF-16BE with a BOM', withBom([0xfe, 0xff], utf16(CSV, false))],
  ])('%s is decoded and scored', async (_, b) => {
    const p = await startPreview(file([b as BlobPart]), 20, fakeWorker).promise;
    expect(p.ok && p.value.header).toEqual(['Account Name', 'MRR', 'Days Since Last Touch', 'Usage %', 'Sentiment']);
    const r = await startImport(file([b as BlobPart]), { today: TODAY }, undefined, fakeWorker).promise;
    expect(r.ok && [r.value.scored, r.value.columns.mrr[0]]).toEqual([1, 24000]);
  });

  it('a workbook bigger than the page reads is refused by its size, unread past its first bytes', async () => {
    const head = new Blob([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])]);
    const big = { size: 80 * 1024 * 1024, slice: () => head, arrayBuffer: () => Promise.reject(new Error('read whole')) } as unknown as Blob;
    expect(await readFileContent(big)).toEqual({
      ok: false,
      reason: 'The workbook is 80 MB; this page reads workbooks up to 50 MB. Save the sheet as CSV (read up to 512 MB) and import that.',
    });
  });

  it('a file bigger than the page reads is refused by its size, unread', async () => {
    const huge = { size: 600 * 1024 * 1024, slice: () => { throw new Error('read'); } } as unknown as Blob;
    expect(await readFileContent(huge)).toEqual({
      ok: false,
      reason: 'The file is 600 MB; this page reads files up to 512 MB. Score a bigger book with the command line (npm run score).',
    });
  });
});
