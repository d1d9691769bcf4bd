/** SPEC §2.3 spreadsheet files: .xlsx, .xls and .ods read like a CSV, with the sheet's row numbers. */
import { utils, write, type WorkBook } from '@e965/xlsx';
import { unpackNames } from '../../../src/lib/engine/names';
import { daysFromCivil } from '../../../src/lib/io/calendar';
import { sniffBytes } from '../../../src/lib/io/file-bytes';
import { importRows } from '../../../src/lib/io/import-pipeline';
import { startImport, startPreview, type WorkerLike } from '../../../src/lib/io/import-client';
import type { WorkerResponse } from '../../../src/lib/io/protocol';
import { readSpreadsheet, zipUnpackedSize } from '../../../src/lib/io/spreadsheet';
import { createWorkerHandler } from '../../../src/lib/io/worker/worker-handler';

const TODAY = daysFromCivil(2026, 3, 15);
const HEADER = ['Account Name', 'MRR', 'Last Touch Date', 'Usage', 'Sentiment', 'Renewal Date'];
type Cell = string | number | null;

/** A sheet from rows, with number formats by cell address (e.g. { B3: '"$"#,##0' }). */
function sheet(rows: Cell[][], formats: Record<string, string> = {}) {
  const ws = utils.aoa_to_sheet(rows);
  for (const [addr, z] of Object.entries(formats)) ws[addr].z = z;
  return ws;
}
function book(sheets: Array<[string, ReturnType<typeof sheet>]>): WorkBook {
  const wb = utils.book_new();
  for (const [name, ws] of sheets) utils.book_append_sheet(wb, ws, name);
  return wb;
}
const bytesOf = (wb: WorkBook, bookType: 'xlsx' | 'biff8' | 'ods'): Uint8Array => new Uint8Array(write(wb, { type: 'array', bookType }) as ArrayBuffer);

/** A title row, a blank row, the header on row 3 and Acme on row 4 (SPEC §4.2 worked example), money and dates as typed cells. */
/** A date cell as a workbook holds it: days since 1899-12-30 (time as a fraction), shown by a date format. */
const serial = (y: number, m: number, d: number, hours = 0): number => daysFromCivil(y, m, d) + 25569 + hours / 24;

const ACCOUNTS = sheet(
  [
    ['Accounts export, March 2026'],
    [],
    HEADER,
    ['Acme', 24000, serial(2026, 2, 5), 0.42, 55, serial(2026, 6, 30, 13.5)],
    ['Beta', 'n/a', serial(2026, 3, 14), 0.9, 80, null],
  ],
  { B4: '"$"#,##0.00', C4: 'yyyy-mm-dd', D4: '0%', F4: 'd mmm yyyy h:mm', C5: 'm/d/yy', D5: '0%' },
);

describe.each(['xlsx', 'biff8', 'ods'] as const)('a %s workbook', (bookType) => {
  const bytes = bytesOf(book([['Cover', sheet([['Quarterly review']])], ['Accounts', ACCOUNTS]]), bookType);

  it('is told a spreadsheet by its bytes', () => expect(sniffBytes(bytes.subarray(0, 4096))).toEqual({ ok: true, value: { kind: 'sheet' } }));

  it('reads the first sheet with a header row, from that row: dates as ISO dates, money as numbers, percent cells as percentages, sheet row numbers', () => {
    const r = readSpreadsheet(bytes);
    expect(r.ok && r.value).toEqual({
      sheets: ['Cover', 'Accounts'],
      sheet: 'Accounts',
      rows: [HEADER, ['Acme', '24000', '2026-02-05', '42%', '55', '2026-06-30'], ['Beta', 'n/a', '2026-03-14', '90%', '80']],
      lines: [3, 4, 5],
    });
  });

  it('imports through the same feed and report, lines being sheet rows', () => {
    const s = readSpreadsheet(bytes);
    if (!s.ok) throw new Error(s.reason);
    const r = importRows(s.value.rows, s.value.lines, { name: 'Accounts', names: s.value.sheets }, { today: TODAY });
    if (!r.ok) throw new Error(r.reason);
    const c = r.value.columns;
    expect([c.count, unpackNames(c.name), c.mrr[0], c.days[0], c.usage[0], c.sentiment[0], c.renewal[0], c.line[0]]).toEqual([
      1, ['Acme'], 24000, TODAY - daysFromCivil(2026, 2, 5), 42, 55, daysFromCivil(2026, 6, 30), 4,
    ]);
    expect(r.value.issues).toEqual([{ line: 5, name: 'Beta', reason: 'MRR "n/a" is not an amount' }]);
    expect(r.value.sheet).toEqual({ name: 'Accounts', names: ['Cover', 'Accounts'] });
  });
});

describe('dates in a workbook of the 1904 date system (old Mac Excel)', () => {
  it.each(['xlsx', 'biff8'] as const)('%s: serials count from 1904-01-01', (bookType) => {
    const wb = book([['A', sheet([HEADER.slice(0, 3), ['Acme', 1, daysFromCivil(2026, 2, 5) + 24107]], { C2: 'yyyy-mm-dd' })]]);
    wb.Workbook = { WBProps: { date1904: true } };
    const r = readSpreadsheet(bytesOf(wb, bookType));
    expect(r.ok && r.value.rows[1][2]).toBe('2026-02-05');
  });
});

describe('Excel files that are text', () => {
  it.each<[string, string]>([
    ['an HTML table saved as .xls', '<html><body><table><tr><td>Account Name</td><td>MRR</td></tr><tr><td>Acme</td><td>24000</td></tr></table></body></html>'],
    [
      'SpreadsheetML 2003',
      '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' +
        '<Worksheet ss:Name="Accounts"><Table><Row><Cell><Data ss:Type="String">Account Name</Data></Cell><Cell><Data ss:Type="String">MRR</Data></Cell></Row>' +
        '<Row><Cell><Data ss:Type="String">Acme</Data></Cell><Cell><Data ss:Type="Number">24000</Data></Cell></Row></Table></Worksheet></Workbook>',
    ],
  ])('%s is read as a sheet', (_, text) => {
    const b = new TextEncoder().encode(text);
    expect(sniffBytes(b)).toEqual({ ok: true, value: { kind: 'sheet' } });
    const r = readSpreadsheet(b);
    expect(r.ok && r.value.rows).toEqual([['Account Name', 'MRR'], ['Acme', '24000']]);
  });
});

describe('choosing the sheet', () => {
  const bytes = bytesOf(
    book([
      ['Empty', sheet([])],
      ['Notes', sheet([['Read me first']])],
      ['EMEA', sheet([HEADER, ['Acme', 24000, '2026-02-05', '42%', 55, null]])],
      ['AMER', sheet([HEADER, ['Beta', 1000, '2026-03-01', '90%', 80, null], ['Gamma', 2000, '2026-03-02', '10%', 20, null]])],
    ]),
    'xlsx',
  );

  it.each<[string | undefined, string, number]>([
    [undefined, 'EMEA', 2],
    ['AMER', 'AMER', 3],
    ['Notes', 'Notes', 1],
    ['No such sheet', 'EMEA', 2],
  ])('asked for %s: reads %s (%d rows); every sheet with data is offered, a one-cell one too', (asked, read, rows) => {
    const r = readSpreadsheet(bytes, asked);
    expect(r.ok && [r.value.sheet, r.value.rows.length, r.value.sheets]).toEqual([read, rows, ['Notes', 'EMEA', 'AMER']]);
  });
});

describe('SPEC §2.3 workbooks that cannot be imported get one message', () => {
  it.each<[string, () => Uint8Array, string]>([
    ['no data on any sheet', () => bytesOf(book([['A', sheet([])], ['B', sheet([[null]])]]), 'xlsx'), 'The workbook has no data on any sheet.'],
    [
      'a row of 1,001 cells',
      () => bytesOf(book([['Wide', sheet([Array.from({ length: 1001 }, (_, i) => `c${i}`)])]]), 'xlsx'),
      'Sheet "Wide": The first line has 1,001 fields; an accounts export has a header of at most a few hundred columns (up to 1,000 are read). Is this the right file?',
    ],
  ])('%s', (_, b, want) => expect(readSpreadsheet(b())).toEqual({ ok: false, reason: want }));

  it('a ZIP bomb: an entry that claims to unpack to 3 GB is refused before it is unpacked', () => {
    const b = bytesOf(book([['A', ACCOUNTS]]), 'xlsx').slice();
    const view = new DataView(b.buffer);
    const honest = zipUnpackedSize(b);
    expect(honest).toBeGreaterThan(1000);
    expect(honest).toBeLessThan(100_000);
    // The first central-directory entry's uncompressed size.
    let cd = 0;
    while (view.getUint32(cd, true) !== 0x02014b50) cd++;
    view.setUint32(cd + 24, 3 * 1024 ** 3, true);
    expect(readSpreadsheet(b)).toEqual({
      ok: false,
      reason: 'The workbook unpacks to 3,072 MB; this page reads workbooks that unpack to at most 512 MB. Is this the right file?',
    });
  });

  it('a truncated .xlsx', () => {
    const r = readSpreadsheet(bytesOf(book([['A', ACCOUNTS]]), 'xlsx').subarray(0, 300));
    const want = 'The file could not be read as a spreadsheet (';
    expect(r.ok ? 'read' : r.reason.slice(0, want.length)).toBe(want);
  });
});

function fakeWorker(): WorkerLike {
  const w: WorkerLike = { onmessage: null, onerror: null, postMessage: (msg) => void handle(msg), terminate() {} };
  const handle = createWorkerHandler((msg: WorkerResponse) => w.onmessage?.({ data: msg } as MessageEvent<WorkerResponse>));
  return w;
}

describe('a workbook file through the worker', () => {
  const file = new File(
    [bytesOf(book([['Cover', sheet([['Quarterly review']])], ['Accounts', sheet([[], HEADER.slice(0, 5), ['Acme', 24000, serial(2026, 2, 5), 0.42, 55]], { B3: '"$"#,##0', C3: 'yyyy-mm-dd', D3: '0%' })]]), 'xlsx') as BlobPart],
    'accounts.xlsx',
  );

  it('the preview shows the header row, the first rows and the sheets to choose from', async () => {
    const p = await startPreview(file, 20, fakeWorker).promise;
    expect(p.ok && [p.value.header, p.value.rows, p.value.sheet]).toEqual([
      HEADER.slice(0, 5), [['Acme', '24000', '2026-02-05', '42%', '55']], { name: 'Accounts', names: ['Cover', 'Accounts'] },
    ]);
  });

  it('the import scores it with the sheet row numbers', async () => {
    const r = await startImport(file, { today: TODAY }, undefined, fakeWorker).promise;
    expect(r.ok && [r.value.scored, r.value.columns.mrr[0], r.value.columns.usage[0], r.value.columns.line[0]]).toEqual([1, 24000, 42, 3]);
  });

  it('another sheet can be asked for', async () => {
    const p = await startPreview(file, 20, fakeWorker, 'Cover').promise;
    expect(p.ok && p.value.header).toEqual(['Quarterly review']);
  });
});
