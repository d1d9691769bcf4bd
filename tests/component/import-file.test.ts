/** SPEC §2.3 a picked file: previewed off the page's own work, refused with one message, or a workbook whose sheet can be picked. */
import { utils, write } from '@e965/xlsx';
import { AppState } from '../../src/lib/state/app.svelte';

const HEADER = ['Account Name', 'MRR', 'Days Since Last Touch', 'Usage %', 'Sentiment'];

function workbookFile(): File {
  const wb = utils.book_new();
  utils.book_append_sheet(wb, utils.aoa_to_sheet([HEADER, ['Acme', 24000, 38, 42, 55]]), 'EMEA');
  utils.book_append_sheet(wb, utils.aoa_to_sheet([HEADER, ['Beta', 1000, 1, 90, 80], ['Gamma', 2000, 2, 10, 20]]), 'AMER');
  return new File([new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer)], 'accounts.xlsx');
}

const fileSource = (file: File) => ({ kind: 'file' as const, file, name: file.name });

describe('importing a file', () => {
  it('a PNG renamed .csv: one message, no mapping step, nothing loaded', async () => {
    const a = new AppState();
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], 'accounts.csv');
    await a.importFlow.begin(fileSource(png));
    expect([a.importFlow.phase, a.importFlow.error, a.importFlow.preview, a.portfolio.columns]).toEqual([
      'error', 'The file is a PNG image, not a text export or a spreadsheet. Is this the right file?', null, null,
    ]);
  });

  it('a workbook: the first sheet is scored, another can be picked and is scored instead', async () => {
    const a = new AppState();
    await a.importFlow.begin(fileSource(workbookFile()));
    expect([a.importFlow.phase, a.importFlow.preview?.sheet, a.portfolio.columns?.count]).toEqual(['done', { name: 'EMEA', names: ['EMEA', 'AMER'] }, 1]);
    a.importFlow.chooseSheet('AMER');
    await vi.waitFor(() => expect(a.portfolio.columns?.count).toBe(2));
    expect([a.importFlow.preview?.sheet?.name, a.importFlow.result?.sheet?.name, a.importFlow.result?.columns.line[1]]).toEqual(['AMER', 'AMER', 3]);
  });

  it('cancelling while the file is read leaves nothing half done', async () => {
    const a = new AppState();
    const started = a.importFlow.begin(fileSource(workbookFile()));
    expect(a.importFlow.phase).toBe('importing');
    a.importFlow.cancel();
    await started;
    expect([a.importFlow.phase, a.importFlow.error, a.importFlow.progress, a.importFlow.preview, a.portfolio.columns]).toEqual(['idle', null, null, null, null]);
  });
});
