// SPEC §8: the calibration leaves the browser as a file, and the command line scores the same export
// to the same bands and totals as the page; a file opened in the page applies whole or not at all.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, assert, ROOT, TMP_DIR } from './lib.mjs';
import { importAccounts, openApp, openCalibration, val } from './helpers.mjs';

const BANDS = ['healthy', 'watch', 'risk'];

/** A seeded export with segments in several spellings (numbers of days, so no "today" is involved). */
function exportCsv(n = 240) {
  let s = 16;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const segs = ['SMB', 'smb ', 'Enterprise', 'ENTERPRISE', 'Mid-Market', ''];
  const lines = ['Account Name,MRR,Days Since Last Touch,Usage %,Sentiment,Segment'];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const mrr = Math.round(300 * Math.pow(1000, r()));
    total += mrr * 12;
    lines.push(`Account ${i},${mrr},${Math.floor(r() * 120)},${Math.floor(r() * 101)},${Math.floor(r() * 101)},${segs[i % segs.length]}`);
  }
  return { text: lines.join('\n'), totalArr: total };
}

async function pageTotals(page) {
  const out = { bands: {} };
  for (const b of BANDS) {
    out.bands[b] = {
      count: Number(await val(page, `band-${b}-count`)),
      arr: Number(await val(page, `band-${b}-arr`)),
      atRiskArr: Number(await val(page, `band-${b}-at-risk-arr`)),
    };
  }
  out.totalArr = Number(await val(page, 'total-arr'));
  out.riskArrShare = Number(await val(page, 'risk-arr-share'));
  return out;
}

function cliTotals(csvFile, calFile) {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const r = spawnSync(tsx, ['cli/score.ts', csvFile, '--calibration', calFile, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `npm run score failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function assertSameTotals(cli, page, what) {
  for (const b of BANDS) {
    assert.equal(cli.bands[b].count, page.bands[b].count, `${what}: ${b} count`);
    assert.ok(Math.abs(cli.bands[b].arr - page.bands[b].arr) < 0.01, `${what}: ${b} ARR ${cli.bands[b].arr} vs ${page.bands[b].arr}`);
    assert.ok(Math.abs(cli.bands[b].atRiskArr - page.bands[b].atRiskArr) < 0.01, `${what}: ${b} at-risk ARR`);
  }
  assert.ok(Math.abs(cli.totalArr - page.totalArr) < 0.01, `${what}: total ARR`);
  assert.ok(Math.abs(cli.riskArrShare - page.riskArrShare) < 1e-9, `${what}: Risk-band ARR share`);
}

test('calibration file: a downloaded calibration scores the same export to the same bands on the command line', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  const { text, totalArr } = exportCsv();
  await importAccounts(page, text, totalArr);
  await openCalibration(page);
  await page.getByTestId('weight-mrr').fill('35');
  await page.getByTestId('weight-usage').fill('20');
  await page.getByTestId('threshold-healthy').fill('72');
  await page.getByTestId('threshold-risk').fill('48');
  await page.waitForFunction(() => document.querySelector('[data-testid="threshold-preset"]')?.value === 'custom');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-calibration').click()]);
  assert.match(download.suggestedFilename(), /^cs-scorecard-calibration-\d{4}-\d\d-\d\d\.json$/);
  await mkdir(TMP_DIR, { recursive: true });
  const calFile = path.join(TMP_DIR, 'round-trip-calibration.json');
  await download.saveAs(calFile);
  const saved = JSON.parse(await readFile(calFile, 'utf8'));
  assert.equal(saved.format, 'cs-scorecard-calibration');
  assert.deepEqual(saved.data.weights, { mrr: 35, touch: 20, usage: 20, sentiment: 25 });
  assert.deepEqual(saved.data.thresholds, { healthy: 72, risk: 48 });

  const csvFile = path.join(TMP_DIR, 'round-trip-accounts.csv');
  await writeFile(csvFile, text);
  const page1 = await pageTotals(page);
  assert.equal(page1.bands.healthy.count + page1.bands.watch.count + page1.bands.risk.count, 240);
  assertSameTotals(cliTotals(csvFile, calFile), page1, 'downloaded calibration');
});

test('calibration file: opening docs/calibration.example.json applies it whole; an invalid file changes nothing', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  const { text, totalArr } = exportCsv();
  await importAccounts(page, text, totalArr);
  await openCalibration(page);

  const example = path.join(ROOT, 'docs/calibration.example.json');
  await page.getByTestId('open-calibration').setInputFiles(example);
  await page.getByRole('status').filter({ hasText: 'Applied the calibration from calibration.example.json' }).waitFor();
  assert.equal(await page.getByTestId('weight-mrr').inputValue(), '30');
  assert.equal(await page.getByTestId('weight-usage').inputValue(), '35');
  const csvFile = path.join(TMP_DIR, 'example-accounts.csv');
  await mkdir(TMP_DIR, { recursive: true });
  await writeFile(csvFile, text);
  const applied = await pageTotals(page);
  assertSameTotals(cliTotals(csvFile, example), applied, 'example calibration');

  const bad = JSON.parse(await readFile(example, 'utf8'));
  bad.data.weights.mrr = 80;
  await page.getByTestId('open-calibration').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const alert = page.getByRole('alert').filter({ hasText: 'Calibration not applied, nothing changed.' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /broken\.json: invalid calibration: .*weights must sum to 100/);
  assert.equal(await page.getByTestId('weight-mrr').inputValue(), '30');
  assert.deepEqual(await pageTotals(page), applied, 'bands and totals unchanged');
});
