import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, assert, axeCheck, formatViolations, screenshot, TMP_DIR } from './lib.mjs';
import { KEY, countColor, decodePng, idbKeys, importAccounts, notice, openApp, storageReady, val, waitForStored } from './helpers.mjs';

const HEADER = 'Account ID,Account Name,MRR,Days Since Last Touch,Usage %,Sentiment';
// Default weights 25/20/30/25. MRR $10,000 is size 33.3 → 8.33 points; 0 days → 20, 45 → 10, 90 → 0.
const SEPTEMBER = [
  HEADER,
  'A-1,Acme,10000,0,90,80', // 8.33 + 20 + 27 + 20 = 75.33 → 75 Healthy
  'A-2,Beta,10000,90,10,20', // 8.33 + 0 + 3 + 5 = 16.33 → 16 Risk
  'A-3,Gamma,10000,45,50,50', // 8.33 + 10 + 15 + 12.5 = 45.83 → 46 Watch
  'A-4,Delta,1000,90,0,0', // 0 → Risk; gone by December
  'A-5,Epsilon,10000,0,100,100', // 83.33 → 83 Healthy; gone by December
  'A-8,Theta,2000,90,0,0', // size 10.0 → 2.51 → 3 Risk
].join('\n');
const DECEMBER = [
  HEADER,
  'A-1,Acme Corporation,10000,90,10,20', // renamed, same id: 16.33 → 16 Risk (Healthy → Risk)
  'A-2,Beta,12000,0,90,80', // size 36.0 → 8.99 + 20 + 27 + 20 = 75.99 → 76 Healthy (Risk → Healthy)
  'A-3,Gamma,8000,45,50,50', // size 30.1 → 7.53 + 10 + 15 + 12.5 = 45.03 → 45 Watch
  'A-6,Zeta,5000,90,0,0', // new: size 23.3 → 5.82 → 6 Risk
  'A-7,Eta,10000,0,100,100', // new: 83 Healthy
  'A-8,Theta,3000,90,0,0', // size 15.9 → 3.98 → 4 Risk both times
  'A-9,Iota,10000,0,100,100', // A-9 twice: ambiguous, neither matched nor counted as new
  'A-9,Iota Two,10000,0,100,100',
].join('\n');
const SEP_ARR = 12 * (10_000 * 3 + 1_000 + 10_000 + 2_000);
const DEC_ARR = 12 * (10_000 + 12_000 + 8_000 + 5_000 + 10_000 + 3_000 + 10_000 + 10_000);

// The Risk ARR bridge, by hand:
//   previous = Beta 120,000 + Delta 12,000 + Theta 24,000                         = 156,000
//   + into    Acme at its current ARR                                              120,000
//   − out of  Beta at its previous ARR                                             120,000
//   + new     Zeta                                                                  60,000
//   − gone    Delta                                                                 12,000
//   + change  Theta 36,000 − 24,000                                                 12,000
//   = current Acme 120,000 + Zeta 60,000 + Theta 36,000                          = 216,000
const BRIDGE = { previous: 156_000, into: 120_000, 'out-of': 120_000, new: 60_000, gone: 12_000, change: 12_000, current: 216_000 };
// Cohort: Acme, Beta, Gamma, Theta (matched) + Delta, Epsilon (gone) = 6 accounts, previous MRR 43,000.
// NRR_P = (10,000 + 12,000 + 8,000 + 3,000) / 43,000; GRR_P = (10,000 + 10,000 + 8,000 + 2,000) / 43,000; churn_P = 2 / 6.
const E = 365 / 91;
const MEASURED = { nrr: 100 * (33 / 43) ** E, grr: 100 * (30 / 43) ** E, 'logo-churn': 100 * (1 - (4 / 6) ** E) };

/** Local calendar date `days` before today, YYYY-MM-DD (the page's own "today"). */
function daysAgo(days) {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function checkMovement(page) {
  await page.getByTestId('movement').waitFor();
  const moves = { 'healthy-risk': [1, 120_000], 'risk-healthy': [1, 144_000], 'watch-watch': [1, 96_000], 'risk-risk': [1, 36_000], 'healthy-healthy': [0, 0], 'watch-risk': [0, 0] };
  for (const [cell, [count, arr]] of Object.entries(moves)) {
    assert.equal(await val(page, `move-${cell}-count`), String(count), `${cell} count`);
    assert.equal(await val(page, `move-${cell}-arr`), String(arr), `${cell} ARR`);
  }
  assert.equal(await val(page, 'move-new-count'), '2', 'Zeta and Eta (the ambiguous Iotas left out)');
  assert.equal(await val(page, 'move-gone-count'), '2', 'Delta and Epsilon');
  assert.equal(await val(page, 'move-ambiguous-count'), '1', 'A-9');
  for (const [part, want] of Object.entries(BRIDGE)) assert.equal(await val(page, `risk-bridge-${part}`), String(want), `bridge ${part}`);
  for (const [kpi, want] of Object.entries(MEASURED)) {
    const el = page.getByTestId(`measured-${kpi}`);
    assert.ok(Math.abs(Number(await el.getAttribute('data-value')) - want) < 1e-9, `${kpi}: ${await el.getAttribute('data-value')} vs ${want}`);
    assert.equal(await el.getAttribute('data-period'), '91');
  }
}

test('movement: two imports 91 days apart → transitions, the Risk ARR bridge, one account\'s why, measured KPIs; kept on reload, cleared with local data', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await openApp(page, baseURL);
  await importAccounts(page, SEPTEMBER, SEP_ARR);
  const september = daysAgo(91);
  await page.getByTestId('as-of').fill(september);
  await waitForStored(page, KEY.portfolio, (r) => r.data.source.asOf === september, 'the September import as of 91 days ago');
  assert.equal(await page.getByTestId('movement').count(), 0, 'no movement with one import');

  await importAccounts(page, DECEMBER, DEC_ARR);
  assert.equal(await page.getByTestId('as-of').inputValue(), daysAgo(0), 'a new import is as of today');
  await checkMovement(page);
  assert.match(await page.getByTestId('movement-sentence').innerText(),
    /^Risk ARR rose \$60K since .+: \$120K moved in \(1 account\), \$120K moved out \(1\), \$60K new in Risk, \$12K gone, \+\$12K from accounts in Risk both times\.$/);

  // The table: Δ and previous band, and the movement filter.
  const acme = page.getByTestId('account-row').filter({ hasText: 'Acme Corporation' });
  assert.equal(await acme.locator('[data-col="delta"]').getAttribute('data-value'), '-59', '16 − 75');
  assert.equal(await acme.locator('[data-col="previous-band"]').getAttribute('data-value'), 'healthy');
  await page.getByTestId('moved-filter').selectOption('down');
  assert.deepEqual(await page.getByTestId('account-row').locator('[data-col="name"]').evaluateAll((els) => els.map((e) => e.dataset.value)), ['Acme Corporation']);
  await page.getByTestId('moved-filter').selectOption('new');
  assert.deepEqual((await page.getByTestId('account-row').locator('[data-col="name"]').evaluateAll((els) => els.map((e) => e.dataset.value))).sort(), ['Eta', 'Zeta']);
  await page.getByTestId('moved-filter').selectOption('');

  // Why Acme moved: each contribution's change, naming the raw values; they add up to 16.33 − 75.33 = −59.
  await page.getByRole('button', { name: 'Explain score: Acme Corporation' }).click();
  const why = page.getByTestId('account-why');
  await why.waitFor();
  assert.equal(await val(page, 'why-delta'), '-59');
  assert.deepEqual(await why.getByTestId('why-part').allInnerTexts(), [
    'size 0: unchanged ($10,000)',
    'engagement −20: last touch 0 → 90 days',
    'usage −24: usage 90 → 10 %',
    'sentiment −15: sentiment 80 → 20',
  ]);
  assert.ok(Math.abs(Number(await val(page, 'why-raw-delta')) + 59) < 1e-9);
  await mkdir(TMP_DIR, { recursive: true });
  await why.screenshot({ path: path.join(TMP_DIR, 'movement-why.png') });
  await page.getByTestId('movement').screenshot({ path: path.join(TMP_DIR, 'movement-panel.png') });
  await screenshot(page, 'movement-page');
  const violations = await axeCheck(page, { runOnly: ['wcag2a', 'wcag2aa'] }, '[data-testid="movement"]');
  assert.deepEqual(violations, [], formatViolations(violations));
  // On a phone the movement panel fits: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 1000 });
  await page.getByTestId('movement').screenshot({ path: path.join(TMP_DIR, 'movement-panel-390.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 390 px with a movement panel`);
  await page.setViewportSize({ width: 1440, height: 1000 });

  // A measured KPI goes into the scorecard only by its button, and the page says so.
  assert.equal(await page.getByTestId('kpi-nrr').inputValue(), '');
  await page.getByTestId('use-measured-nrr').click();
  assert.equal(await page.getByTestId('kpi-nrr').inputValue(), MEASURED.nrr.toFixed(1));
  await notice(page, 'measured-nrr').filter({ hasText: 'annualised from 91 days' }).waitFor();

  // The slide carries the bridge line.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  const slide = path.join(TMP_DIR, 'movement-slide.png');
  await download.saveAs(slide);
  const png = decodePng(await readFile(slide));
  assert.deepEqual([png.width, png.height], [1920, 1080]);
  // png-export.ts writes the bridge line bold in ink at the bottom left, under the boxes (which end at y = 1000).
  assert.ok(countColor(png, [80, 1020, 1180, 1060], '#0f172a') > 500, 'the Risk ARR bridge line is drawn');

  // Reload: both imports come back from storage, and so does the movement.
  await waitForStored(page, KEY.portfolio, (r) => r.data.columns.count === 8, 'the December import');
  await waitForStored(page, 'cs-scorecard:previous-portfolio', (r) => r.data.source.asOf === september, 'the September import as the previous one');
  await page.reload();
  await storageReady(page);
  await checkMovement(page);
  assert.equal(await page.getByTestId('as-of').inputValue(), daysAgo(0));

  // Clear local data removes both imports.
  await page.getByTestId('clear-data').click();
  await page.getByRole('button', { name: 'Yes, clear everything' }).click();
  await notice(page, 'clear').filter({ hasText: 'was removed' }).waitFor();
  assert.deepEqual(await idbKeys(page), []);
  assert.equal(await page.getByTestId('movement').count(), 0);
  await page.reload();
  await storageReady(page);
  assert.equal(await page.getByTestId('movement').count(), 0, 'nothing comes back');
}, { timeout: 120_000 });

test('movement: two books of 21,000 accounts are matched in a worker, and the whole panel shows when the match arrives; after a reload the import worker prepares the same panel', async ({ page, baseURL }) => {
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await openApp(page, baseURL);
  const row = (name) => `${name},1000,10,50,50`;
  const HEAD = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment';
  const before = Array.from({ length: 21_000 }, (_, i) => row(`Account ${i}`));
  // Every tenth account gone (2,100), 500 new, "Account 1" twice (ambiguous).
  const after = [...before.filter((_, i) => i % 10 !== 0), ...Array.from({ length: 500 }, (_, i) => row(`New ${i}`)), row('account 1 ')];
  // Picked as files: typing 0.5 MB into the paste box is slower than the import.
  for (const [name, rows] of [['before.csv', before], ['after.csv', after]]) {
    await page.getByTestId('accounts-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from([HEAD, ...rows].join('\n')) });
    await page.waitForFunction((total) => document.querySelector('[data-testid="total-arr"]')?.getAttribute('data-value') === String(total), 12_000 * rows.length, { timeout: 60_000 });
  }
  await page.getByTestId('movement').waitFor();
  assert.equal(await val(page, 'move-new-count'), '500');
  assert.equal(await val(page, 'move-gone-count'), '2100');
  assert.equal(await val(page, 'move-ambiguous-count'), '1');
  assert.equal(await page.getByTestId('movement-comparing').count(), 0);
  assert.ok(workers.some((u) => /match\.worker/.test(u)), `a match worker ran: ${workers.join(', ')}`);

  // After a reload, the stored pair is scored, matched and compared in the import worker (no match worker,
  // nothing scored on the page), and the page shows the very same numbers.
  const shown = () => page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('[data-testid^="move-"], [data-testid^="risk-bridge-"], [data-testid^="band-"], [data-testid^="measured-"]')]
      .map((e) => [e.getAttribute('data-testid'), e.getAttribute('data-value')]),
  ));
  const beforeReload = await shown();
  await waitForStored(page, KEY.portfolio, (r) => JSON.stringify(r).includes('after.csv'), 'the second book');
  await waitForStored(page, 'cs-scorecard:previous-portfolio', (r) => JSON.stringify(r).includes('before.csv'), 'the first book, as the previous one');
  workers.length = 0;
  await page.reload();
  await page.getByTestId('movement').waitFor();
  assert.deepEqual(await shown(), beforeReload);
  assert.ok(workers.some((u) => /csv\.worker/.test(u)) && !workers.some((u) => /match\.worker/.test(u)), `the import worker only: ${workers.join(', ')}`);
}, { timeout: 120_000 });
