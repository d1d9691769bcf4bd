/**
 * SPEC §4.1 "The exports people actually have" and "Usage as a ratio", in Chromium: a customer-success
 * export with ARR, NPS and seats but no last touch. Every expected number is worked out here from the
 * SPEC formulas (not by the engine).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test, assert, axeCheck, formatViolations, TMP_DIR } from './lib.mjs';
import { countColor, decodePng, KEY, openApp, val, waitForStored } from './helpers.mjs';

const FIXTURE = new URL('../fixtures/accounts-cs-seats.csv', import.meta.url);
const BLANK_NPS = new URL('../fixtures/accounts-cs-seats-blank-nps.csv', import.meta.url);

/** The fixture's accounts: ARR, NPS (−100..100, '' blank), Active_Users, Total_Seats. */
async function accounts(url) {
  const [, ...lines] = (await readFile(url, 'utf8')).trim().split('\n');
  return lines.map((l) => {
    const cells = l.match(/("[^"]*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    return { name: cells[0], arr: Number(cells[2].replace(/[$,]/g, '')), nps: cells[4] === '' ? null : Number(cells[4]), active: Number(cells[8]), seats: Number(cells[9]) };
  });
}

/**
 * SPEC §4.1–4.2 by hand. Default weights 25 / 20 / 30 / 25; no last-touch column, so touch's weight is
 * gone and the rest are renormalised over what each account has. size = 100·log10(MRR/$1K)/log10(1000),
 * clamped; usage = active ÷ seats × 100 capped at 100 (no value when seats is 0); sentiment = (NPS+100)/2.
 */
function expected(list) {
  return list.map((a) => {
    const mrr = a.arr / 12;
    const size = Math.min(100, Math.max(0, (100 * Math.log10(mrr / 1000)) / 3));
    const usage = a.seats === 0 ? null : Math.min(100, (a.active / a.seats) * 100);
    const sentiment = a.nps === null ? null : (a.nps + 100) / 2;
    const wSize = 25;
    const wUsage = usage === null ? 0 : 30;
    const wSent = sentiment === null ? 0 : 25;
    const sum = wSize + wUsage + wSent;
    const raw = (wSize * size + wUsage * (usage ?? 0) + wSent * (sentiment ?? 0)) / sum;
    const score = Math.floor(raw + 0.5);
    const band = score >= 70 ? 'healthy' : score >= 45 ? 'watch' : 'risk';
    return { name: a.name, arr: a.arr, score, band, atRisk: (a.arr * (100 - score)) / 100, inputs: 1 + (usage === null ? 0 : 1) + (sentiment === null ? 0 : 1) };
  });
}

function totals(rows) {
  const bands = { healthy: { count: 0, arr: 0, atRisk: 0 }, watch: { count: 0, arr: 0, atRisk: 0 }, risk: { count: 0, arr: 0, atRisk: 0 } };
  for (const r of rows) {
    bands[r.band].count++;
    bands[r.band].arr += r.arr;
    bands[r.band].atRisk += r.atRisk;
  }
  const totalArr = rows.reduce((s, r) => s + r.arr, 0);
  return { bands, totalArr, riskShare: (100 * bands.risk.arr) / totalArr, atRisk: rows.reduce((s, r) => s + r.atRisk, 0) };
}

/** A screenshot of one part of the page, to look at: .e2e-tmp/<name>.png. */
async function shot(locator, name) {
  await mkdir(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, `${name}.png`);
  await locator.screenshot({ path: file });
  return file;
}

const near = (got, want, what) => assert.ok(Math.abs(Number(got) - want) < 1e-6, `${what}: ${got} ≠ ${want}`);

async function scored(page, n) {
  await page.waitForFunction((want) => document.querySelector('[data-testid="rows-scored"]')?.getAttribute('data-value') === String(want), n, { timeout: 20_000 });
}

/** Bands, totals and every row's score, band and at-risk ARR against the hand computation. */
async function checkBook(page, rows) {
  const t = totals(rows);
  for (const b of ['healthy', 'watch', 'risk']) {
    assert.equal(await val(page, `band-${b}-count`), String(t.bands[b].count), `${b} count`);
    near(await val(page, `band-${b}-arr`), t.bands[b].arr, `${b} ARR`);
    near(await val(page, `band-${b}-at-risk-arr`), t.bands[b].atRisk, `${b} at-risk ARR`);
  }
  near(await val(page, 'total-arr'), t.totalArr, 'total ARR');
  near(await val(page, 'risk-arr-share'), t.riskShare, 'Risk-band ARR share');
  near(await val(page, 'expected-at-risk-arr'), t.atRisk, 'expected at-risk ARR');
  await page.getByTestId('account-row').first().waitFor();
  const shown = await page.getByTestId('account-row').evaluateAll((trs) =>
    trs.map((tr) => ({
      name: tr.querySelector('[data-col="name"]').getAttribute('data-value'),
      score: Number(tr.querySelector('[data-col="score"]').getAttribute('data-value')),
      band: tr.querySelector('[data-col="band"]').getAttribute('data-value'),
      atRisk: Number(tr.querySelector('[data-col="at-risk-arr"]').getAttribute('data-value')),
      inputs: Number(tr.getAttribute('data-inputs-used')),
      marked: tr.getAttribute('data-blank-input') === 'true',
    })),
  );
  assert.equal(shown.length, rows.length);
  for (const r of rows) {
    const s = shown.find((x) => x.name === r.name);
    assert.ok(s, `row ${r.name} is shown`);
    assert.deepEqual([s.score, s.band, s.inputs], [r.score, r.band, r.inputs], r.name);
    near(s.atRisk, r.atRisk, `${r.name} at-risk ARR`);
    // Marked: scored with a blank cell, beyond the export's missing last-touch column.
    assert.equal(s.marked, r.inputs < 3, `${r.name} marked`);
  }
}

test('partial: a CS export without last touch scores on 3 of 4 inputs with usage as active users ÷ seats', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  const all = expected(await accounts(FIXTURE));
  // Kestrel Freight has 0 seats: usage blank, so the row is reported until blank rows are scored.
  const first = all.filter((r) => r.inputs === 3);
  assert.equal(first.length, 7);
  // The spread the fixture was written for: every band is used.
  assert.deepEqual(first.map((r) => r.band).sort(), ['healthy', 'healthy', 'risk', 'risk', 'watch', 'watch', 'watch']);

  await page.getByTestId('accounts-file').setInputFiles(FIXTURE.pathname);
  await page.getByTestId('score-partial').waitFor();
  assert.match(await page.getByRole('alert').first().innerText(), /no column for days since last touch/);
  assert.equal(await val(page, 'inputs-used'), '3');
  assert.equal(await page.getByTestId('renormalised-weights').innerText(), 'no last touch column: 25/30/25 → 31.25/37.5/31.25');
  assert.equal(await page.getByTestId('map-usage').locator('option:checked').innerText(), 'Active_Users');
  assert.equal(await page.getByTestId('map-usage-of').locator('option:checked').innerText(), 'Total_Seats');
  assert.equal(await page.getByTestId('map-sentiment').locator('option:checked').innerText(), 'NPS');
  assert.equal(await page.getByTestId('map-last-touch').locator('option:checked').innerText(), '— not mapped —');
  const mappingShot = await shot(page.locator('details.mapping'), 'partial-mapping-step');
  const offer = await axeCheck(page, {}, 'details.mapping');
  assert.deepEqual(offer, [], formatViolations(offer));

  await page.getByTestId('score-partial').click();
  await scored(page, 7);
  assert.equal(await val(page, 'rows-unscored'), '1');
  assert.match(await page.getByTestId('import-issue').innerText(), /Line 8 Kestrel Freight: usage is empty \("Total_Seats" is 0\)/);
  assert.equal(await page.locator('[data-testid="scored-on"][data-where="bands"]').getAttribute('data-value'), '3');
  assert.match(await page.locator('[data-testid="scored-on"][data-where="bands"]').innerText(), /Scored on 3 of 4 inputs: no last touch column/);
  assert.match(await page.locator('[data-testid="scored-on"][data-where="report"]').innerText(), /Scored on 3 of 4 inputs: no last touch column/);
  await checkBook(page, first);

  // The same headers again, with two blank NPS cells: the partial choice was remembered with the mapping.
  await waitForStored(page, KEY.mappings, (m) => Object.values(m.data).some((e) => e.partial === true && e.fields['usage-of'] === 'total seats'));
  const blanks = expected(await accounts(BLANK_NPS));
  await page.getByTestId('accounts-file').setInputFiles(BLANK_NPS.pathname);
  await scored(page, 5);
  assert.equal(await val(page, 'rows-unscored'), '3');
  const reasons = await page.getByTestId('import-issue').allInnerTexts();
  assert.deepEqual(reasons.map((r) => r.replace(/\s+/g, ' ')), [
    'Line 4 Orchard Nine: sentiment is empty',
    'Line 6 Ironbark Systems: sentiment is empty',
    'Line 8 Kestrel Freight: usage is empty ("Total_Seats" is 0)',
  ]);
  await checkBook(page, blanks.filter((r) => r.inputs === 3));

  await page.getByRole('checkbox', { name: 'Score rows with a blank input on the inputs they have' }).check();
  await scored(page, 8);
  assert.equal(await val(page, 'rows-unscored'), '0');
  assert.equal(await val(page, 'blank-scored'), '3');
  await checkBook(page, blanks);
  assert.deepEqual(blanks.filter((r) => r.inputs === 2).map((r) => r.name), ['Orchard Nine', 'Ironbark Systems', 'Kestrel Freight']);
  assert.equal(await page.locator('[data-testid="account-row"][data-blank-input="true"]').count(), 3);

  // The explanation of a marked row: the weights it used and "no value" for the blank input.
  await page.getByRole('button', { name: 'Explain score: Orchard Nine' }).click();
  assert.equal(await val(page, 'detail-inputs-used'), '2');
  assert.match(await page.getByTestId('detail-inputs-used').innerText(), /25\/30 → 45\.45\/54\.55/);
  assert.match(await page.locator('[data-testid="contribution"][data-input="sentiment"]').innerText(), /no value/);
  assert.equal(await val(page, 'detail-score'), String(blanks.find((r) => r.name === 'Orchard Nine').score));
  const tableShot = await shot(page.locator('section.portfolio'), 'partial-marked-rows');
  await shot(page.locator('.summary .totals').locator('..'), 'partial-bands');
  const marked = await axeCheck(page, {}, '.portfolio');
  assert.deepEqual(marked, [], formatViolations(marked));

  // The CSV export: an input with no value is an empty cell, Inputs Used says how many of 4 and Missing Inputs which.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-accounts-csv').click()]);
  const csv = (await readFile(await csvDownload.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
  const col = (h) => csv[0].indexOf(h);
  assert.deepEqual(csv[0].slice(-2), ['Inputs Used', 'Missing Inputs']);
  const orchard = csv.find((r) => r[0] === 'Orchard Nine');
  assert.deepEqual([orchard[col('Days Since Last Touch')], orchard[col('Usage %')], orchard[col('Sentiment')], orchard[col('Inputs Used')]], ['', '50', '', '2']);
  // The last cell says why (quoted: it holds a comma).
  assert.equal(orchard.slice(col('Missing Inputs')).join(','), '"last touch, sentiment"');
  assert.equal(csv.find((r) => r[0] === 'Nimbus Dental')[col('Inputs Used')], '3');

  // The slide carries the line "Scored on 3 of 4 inputs: no last touch column · …" in amber under the portfolio title.
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  const buf = await readFile(await pngDownload.path());
  const slideFile = path.join(TMP_DIR, 'partial-slide.png');
  await writeFile(slideFile, buf);
  const png = decodePng(buf);
  assert.deepEqual([png.width, png.height], [1920, 1080]);
  assert.ok(countColor(png, [1040, 664, 1810, 690], '#b45309') > 200, 'the coverage line is drawn on the slide');

  // Stored and read back through the gate: the NaN inputs, the marks and the "3 of 4" line survive a reload.
  await waitForStored(page, KEY.portfolio, (p) => p.data.source.decisions.scoreBlankRows === true && p.data.columns.count === 8);
  await page.reload();
  await scored(page, 8);
  assert.equal(await page.locator('[data-testid="scored-on"][data-where="bands"]').getAttribute('data-value'), '3');
  assert.equal(await val(page, 'blank-scored'), '3');
  await checkBook(page, blanks);
  console.log(`    screenshots: ${mappingShot}, ${tableShot}, ${slideFile}`);
});
