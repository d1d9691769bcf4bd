import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, assert, TMP_DIR } from './lib.mjs';
import { decodePng, openApp, val } from './helpers.mjs';

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
