import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, assert, TMP_DIR } from './lib.mjs';
import { countColor, decodePng, importAccounts, openApp, openCalibration, val } from './helpers.mjs';

const MUTED = '#475569'; // the slide's secondary text
const STABLE = '#0063a6'; // ZONE_COLORS.stable: the grade and the zone beside it are drawn in it

/** Columns of [x0, x1) with a pixel near `hex` in rows [y0, y1). */
function inkedColumns(png, [x0, y0, x1, y1], hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const cols = [];
  for (let x = x0; x < x1; x++) {
    for (let y = y0; y < y1; y++) {
      const o = (y * png.width + x) * png.channels;
      if (Math.abs(png.pixels[o] - r) <= 40 && Math.abs(png.pixels[o + 1] - g) <= 40 && Math.abs(png.pixels[o + 2] - b) <= 40) {
        cols.push(x);
        break;
      }
    }
  }
  return cols;
}

test('export-png: the zone beside a wide grade ("C+") keeps a clear gap after the "+"', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  await page.getByTestId('fill-medians').click();
  assert.equal(await val(page, 'composite-grade'), 'C+');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  await mkdir(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, 'slide-c-plus.png');
  await download.saveAs(file);
  const png = decodePng(await readFile(file));
  // The grade spans rows 262–390 from x = 120; the zone label ("● Stable", baseline y = 300) only rows 262–300.
  const gradeRight = Math.max(...inkedColumns(png, [100, 305, 640, 390], STABLE));
  const zoneLeft = Math.min(...inkedColumns(png, [gradeRight + 1, 262, 640, 300], STABLE));
  assert.ok(gradeRight > 250 && zoneLeft < 600, `grade ends at x = ${gradeRight}, zone starts at x = ${zoneLeft}`);
  assert.ok(zoneLeft - gradeRight > 24, `gap between the "+" and the zone: ${zoneLeft - gradeRight - 1} px`);
});

test('export-png: with segment overrides the slide names the bands per segment under the band rows', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  const tsv = [
    'Account Name\tMRR\tDays Since Last Touch\tUsage %\tSentiment\tSegment',
    'Zephyr Corp\t$80,000\t3\t95%\t90\tEnterprise',
    'Yarrow Inc\t$50,000\t10\t85%\t80\tSMB',
    'Acme\t$24,000\t38\t42%\t55\tEnterprise',
    'Wobble LLC\t$2,000\t85\t5%\t10\t',
  ].join('\n');
  await importAccounts(page, tsv);
  await mkdir(TMP_DIR, { recursive: true });
  const exportPng = async (name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const file = path.join(TMP_DIR, name);
    await download.saveAs(file);
    return decodePng(await readFile(file));
  };
  // The line's row (baseline y = 928, left of the right-aligned band figures): empty on the default model.
  const LINE_ROW = [1040, 910, 1500, 934];
  const before = countColor(await exportPng('slide-no-segments.png'), LINE_ROW, MUTED, 40);
  assert.equal(before, 0, 'no segment line without overrides');
  await openCalibration(page);
  await page.getByTestId('apply-segment-presets').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="segment-preset"][data-segment="SMB"]')?.value === 'smb');
  const after = countColor(await exportPng('slide-segments.png'), LINE_ROW, MUTED, 40);
  assert.ok(after > 500, `segment line drawn (${after} muted pixels)`);
});
