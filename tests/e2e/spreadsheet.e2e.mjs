// SPEC §2.3 spreadsheet files: an .xlsx through the file input, read in the worker, with date and money cells.
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import { test, assert, TMP_DIR } from './lib.mjs';
import { val } from './helpers.mjs';

/** Today (local, as the page reads it) minus `days`, as a workbook date serial (days since 1899-12-30). */
function serialDaysAgo(days) {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000 + 25569;
}

/** A sheet from rows, with number formats by cell address. */
function sheet(rows, formats = {}) {
  const ws = utils.aoa_to_sheet(rows);
  for (const [addr, z] of Object.entries(formats)) ws[addr].z = z;
  return ws;
}

async function writeWorkbook(name) {
  const wb = utils.book_new();
  utils.book_append_sheet(wb, sheet([['Quarterly review: see the Accounts sheet']]), 'Cover');
  // A title row above the header; Acme is the SPEC §4.2 worked example (49, Watch, $146,880 at risk).
  utils.book_append_sheet(wb, sheet([
    ['Accounts export'],
    ['Account Name', 'MRR', 'Last Touch Date', 'Usage %', 'Sentiment'],
    ['Acme', 24000, serialDaysAgo(38), 0.42, 55],
    ['Zephyr Corp', 80000, serialDaysAgo(3), 0.95, 90],
    ['Broken Co', 'unknown', serialDaysAgo(1), 0.5, 50],
  ], { B3: '"$"#,##0.00', C3: 'yyyy-mm-dd', D3: '0%', B4: '"$"#,##0.00', C4: 'dd/mm/yyyy', D4: '0%', C5: 'yyyy-mm-dd' }), 'Accounts');
  utils.book_append_sheet(wb, sheet([
    ['Account Name', 'ARR', 'Days Since Last Touch', 'Usage', 'Sentiment'],
    ['Wobble LLC', 24000, 85, 5, 10],
  ]), 'Churned');
  await mkdir(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, name);
  await writeFile(file, Buffer.from(write(wb, { type: 'array', bookType: 'xlsx' })));
  return file;
}

async function scoredCount(page, n) {
  await page.waitForFunction((want) => document.querySelector('[data-testid="rows-scored"]')?.getAttribute('data-value') === String(want), n, { timeout: 30_000 });
}

test('spreadsheet: an .xlsx with date and money cells imports through the file input; another sheet can be picked', async ({ page, baseURL }) => {
  await page.goto(baseURL);
  await page.getByTestId('accounts-file').setInputFiles(await writeWorkbook('accounts.xlsx'));
  await scoredCount(page, 2);
  assert.equal(await val(page, 'band-watch-count'), '1');
  assert.equal(await val(page, 'band-watch-at-risk-arr'), '146880');
  assert.equal(await val(page, 'band-healthy-count'), '1');
  assert.equal(await val(page, 'total-arr'), String((24000 + 80000) * 12));
  const acme = page.getByTestId('account-row').filter({ hasText: 'Acme' });
  assert.equal(await acme.locator('[data-col="score"]').getAttribute('data-value'), '49');
  // Line numbers in the report are the sheet's row numbers.
  const issues = await page.getByTestId('import-issue').allInnerTexts();
  assert.equal(issues.length, 1);
  assert.match(issues[0], /^Line 5 .*MRR "unknown" is not an amount/);
  // The sheets with data can be picked in the mapping step.
  const pickSheet = page.getByTestId('map-sheet');
  assert.deepEqual(await pickSheet.locator('option').allInnerTexts(), ['Cover', 'Accounts', 'Churned']);
  assert.equal(await pickSheet.inputValue(), 'Accounts');
  await pickSheet.selectOption('Churned');
  await scoredCount(page, 1);
  assert.equal(await val(page, 'band-risk-count'), '1');
  assert.equal(await val(page, 'total-arr'), '24000');
});

test('spreadsheet: an .xlsx renamed .csv is still read as a workbook (told by its bytes)', async ({ page, baseURL }) => {
  await page.goto(baseURL);
  await page.getByTestId('accounts-file').setInputFiles(await writeWorkbook('renamed.csv'));
  await scoredCount(page, 2);
  assert.equal(await val(page, 'band-watch-at-risk-arr'), '146880');
  assert.equal(await page.getByTestId('map-sheet').inputValue(), 'Accounts');
});
