// SPEC §2.3: hostile files get one message, never a hang, and the page keeps working afterwards.
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test, assert, TMP_DIR } from './lib.mjs';
import { val } from './helpers.mjs';

const HEADER = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment';
const CSV = `${HEADER}\nAcme,"$24,000",38,42%,55\n`;

/** Write `content` to .e2e-tmp/<name> and pick it in the file input. */
async function pick(page, name, content) {
  await mkdir(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, name);
  await writeFile(file, content);
  await page.getByTestId('accounts-file').setInputFiles(file);
}

async function errorShown(page) {
  const el = page.getByTestId('import-error');
  await el.waitFor({ timeout: 30_000 });
  return el.innerText();
}

/** The scorecard still grades: all Series B medians → 77. */
async function stillGrades(page) {
  await page.getByTestId('stage').selectOption('series-b');
  await page.getByTestId('fill-medians').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="composite-score"]')?.getAttribute('data-value') === '77');
  assert.equal(await val(page, 'composite-score'), '77');
}

/** The page's JavaScript heap in MB (the import worker's heap is its own, not counted). */
async function heapMb(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize').value / 1e6;
}

async function scoredCount(page, n) {
  await page.waitForFunction((want) => document.querySelector('[data-testid="rows-scored"]')?.getAttribute('data-value') === String(want), n, { timeout: 30_000 });
}

const utf16le = (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

const MESSAGES = [
  [
    'one line of 10,000,000 fields',
    'fields.csv',
    () => `${'y,'.repeat(9_999_999)}y\n`,
    'The first line has 10,000,000 fields; an accounts export has a header of at most a few hundred columns (up to 1,000 are read). Is this the right file?',
  ],
  [
    'a 5 MB cell',
    'cell.csv',
    () => `${CSV}Beta,${'9'.repeat(5_000_000)},1,1,1\n`,
    'Line 3 has a cell of 5,000,000 characters; a spreadsheet cell holds at most 32,767. Is this the right file?',
  ],
  [
    'a PNG renamed .csv',
    'image.csv',
    () => Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
    'The file is a PNG image, not a text export or a spreadsheet. Is this the right file?',
  ],
  [
    'NUL bytes',
    'nul.csv',
    () => Buffer.concat([Buffer.from(CSV), Buffer.alloc(64)]),
    'The file holds NUL bytes (line 3): it looks like a binary file, not a text export. Is this the right file?',
  ],
  [
    'a file that ends mid-quote',
    'cut.csv',
    () => `${CSV}"Beta,${'x'.repeat(2_000_000)}`,
    'A quoted cell opened on line 3 is never closed, so the rest of the file (2,000,006 characters) would be one cell. Is the file cut short?',
  ],
];

for (const [what, name, content, message] of MESSAGES) {
  test(`hostile: ${what} gets one message and the scorecard still grades`, async ({ page, baseURL }) => {
    await page.goto(baseURL);
    await pick(page, name, content());
    assert.equal(await errorShown(page), message);
    // The mapping step still shows the previous (sample) file's columns, not the hostile file's.
    assert.ok((await page.locator('[data-testid="map-name"] option').count()) < 20, 'the hostile file reached the mapping step');
    const heap = await heapMb(page);
    assert.ok(heap < 60, `the page holds ${heap} MB after refusing the file`);
    await stillGrades(page);
  }, { timeout: 90_000 });
}

const IMPORTS = [
  ['a million blank lines (2 MB) before the header', 'blank.csv', () => `${'\r\n'.repeat(1_000_000)}${CSV.replaceAll('\n', '\r\n')}`],
  ['a million blank lines after the rows', 'trailing.csv', () => `${CSV}${'\r\n'.repeat(1_000_000)}`],
  ['a UTF-16 file (Excel "Unicode text")', 'unicode.txt', () => utf16le(CSV.replaceAll(',', '\t').replace('"$24\t000"', '$24000'))],
  ['a UTF-16LE file without a byte-order mark', 'unicode-nobom.csv', () => Buffer.from(CSV, 'utf16le')],
];

for (const [what, name, content] of IMPORTS) {
  test(`hostile: ${what} imports`, async ({ page, baseURL }) => {
    await page.goto(baseURL);
    await pick(page, name, content());
    await scoredCount(page, 1);
    assert.equal(await val(page, 'band-watch-at-risk-arr'), '146880');
    await stillGrades(page);
  }, { timeout: 90_000 });
}

test('hostile: after a refused file, a good one imports', async ({ page, baseURL }) => {
  await page.goto(baseURL);
  await pick(page, 'image.csv', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  await errorShown(page);
  await pick(page, 'good.csv', CSV);
  await scoredCount(page, 1);
  assert.equal(await page.getByTestId('import-error').count(), 0);
  assert.equal(await val(page, 'band-watch-at-risk-arr'), '146880');
});

test('hostile: a big import can be cancelled; the book loaded before stays', async ({ page, baseURL }) => {
  await page.goto(baseURL);
  await scoredCount(page, 300); // the sample portfolio
  const rows = [HEADER];
  for (let i = 0; i < 500_000; i++) rows.push(`Account ${i},${1000 + i},${i % 90},${i % 101}%,${(i * 31) % 101}`);
  await pick(page, 'big.csv', rows.join('\n'));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('status').filter({ has: page.getByLabel('Import progress') }).waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('import-error').count(), 0);
  assert.equal(await page.getByTestId('accounts-submit').isDisabled(), false, 'the page is left busy');
  assert.equal(await val(page, 'rows-scored'), '300');
  await stillGrades(page);
}, { timeout: 90_000 });
