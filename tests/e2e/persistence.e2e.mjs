import { test, assert } from './lib.mjs';
import {
  ACCOUNTS_TOTAL_ARR, ACCOUNTS_TSV, KEY, enterKpis, idbGet, idbKeys, idbPut, importAccounts, notice, openApp, openCalibration, storageReady, val, waitForStored,
} from './helpers.mjs';

const SCORECARD = { nrr: '101', grr: '91', csat: '88', frt: '5', 'accounts-per-csm': '45' };

test('persistence: stage and KPI entry survive a reload, even one right after the last keystroke', async ({ page, baseURL }) => {
  assert.equal(await openApp(page, baseURL), 'indexeddb');
  await enterKpis(page, 'series-c', SCORECARD);
  const score = await val(page, 'composite-score');
  const grade = await val(page, 'composite-grade');
  // The last edit goes in just before the reload, inside the write debounce: the pagehide flush must keep it.
  await page.getByTestId('kpi-qbr-completion').fill('7');
  await page.getByTestId('kpi-qbr-completion').fill('70');
  await page.reload();
  assert.equal(await storageReady(page), 'indexeddb');
  assert.equal(await page.getByTestId('stage').inputValue(), 'series-c');
  for (const [id, v] of Object.entries({ ...SCORECARD, 'qbr-completion': '70' })) {
    assert.equal(await page.getByTestId(`kpi-${id}`).inputValue(), v, id);
  }
  assert.notEqual(await val(page, 'composite-score'), score, 'the QBR entry changes the grade');
  await page.getByTestId('kpi-qbr-completion').fill('');
  assert.equal(await val(page, 'composite-score'), score);
  assert.equal(await val(page, 'composite-grade'), grade);
  // Stored as a versioned record of what was typed.
  const stored = await waitForStored(page, KEY.kpiEntry, (r) => r.data.inputs['qbr-completion'] === '');
  assert.deepEqual(stored, { v: 1, data: { stage: 'series-c', inputs: { ...SCORECARD, 'qbr-completion': '' } } });
  assert.equal(await page.locator('[data-notice^="store-"]').count(), 0, 'no storage notice on a clean reload');
});

test('persistence: calibration (weights, threshold preset and custom thresholds) survives a reload', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  await openCalibration(page);
  await page.getByTestId('weight-mrr').fill('40');
  await page.getByTestId('weight-usage').fill('15');
  await page.getByTestId('threshold-preset').selectOption('enterprise');
  await waitForStored(page, KEY.calibration, (r) => r.data.preset === 'enterprise' && r.data.weights.mrr === 40);
  await page.reload();
  await storageReady(page);
  await openCalibration(page);
  const weights = {};
  for (const k of ['mrr', 'touch', 'usage', 'sentiment']) weights[k] = await page.getByTestId(`weight-${k}`).inputValue();
  assert.deepEqual(weights, { mrr: '40', touch: '20', usage: '15', sentiment: '25' });
  assert.equal(await page.getByTestId('threshold-preset').inputValue(), 'enterprise');
  assert.equal(await page.getByTestId('threshold-healthy').inputValue(), '75');
  assert.equal(await page.getByTestId('threshold-risk').inputValue(), '55');

  // A custom threshold, then an immediate reload.
  await page.getByTestId('threshold-healthy').fill('80');
  await page.reload();
  await storageReady(page);
  await openCalibration(page);
  assert.equal(await page.getByTestId('threshold-preset').inputValue(), 'custom');
  assert.equal(await page.getByTestId('threshold-healthy').inputValue(), '80');
  assert.equal(await page.getByTestId('threshold-risk').inputValue(), '55');
  assert.equal(await page.getByTestId('weight-mrr').inputValue(), '40');
});

test('persistence: the last imported portfolio is restored on reload (the sample is not stored)', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  assert.equal(await idbGet(page, KEY.portfolio), undefined, 'the sample portfolio is never stored');
  await importAccounts(page);
  assert.equal(await val(page, 'band-healthy-count'), '2');
  assert.equal(await val(page, 'band-watch-count'), '1', 'Acme, the SPEC §4.2 worked example');
  assert.equal(await val(page, 'band-risk-count'), '1');
  const totals = { total: await val(page, 'total-arr'), atRisk: await val(page, 'expected-at-risk-arr'), watch: await val(page, 'band-watch-count') };
  assert.equal(totals.total, String(12 * (80_000 + 50_000 + 24_000 + 2_000)));
  await waitForStored(page, KEY.portfolio, () => true, 'the imported portfolio');
  await page.reload();
  await storageReady(page);
  await page.waitForFunction((t) => document.querySelector('[data-testid="total-arr"]')?.getAttribute('data-value') === t, totals.total);
  assert.equal(await val(page, 'expected-at-risk-arr'), totals.atRisk);
  assert.equal(await val(page, 'band-watch-count'), totals.watch);
  assert.equal(await page.getByRole('note').filter({ hasText: 'Sample data' }).count(), 0, 'the restored portfolio is not labelled as the sample');
});

test('persistence: KPIs typed and an import started before storage has loaded are kept, not replaced', async ({ browser, baseURL }) => {
  // No service worker here: it would serve the storage module from its cache, past page.route.
  const context = await browser.newContext({ baseURL, locale: 'en-US', serviceWorkers: 'block' });
  context.setDefaultTimeout(10_000);
  try {
    await lateStorage(await context.newPage(), baseURL);
  } finally {
    await context.close();
  }
});

/** Hold the responses to requests matching `pattern` until release(). */
function hold(page, pattern) {
  let release, requested;
  const released = new Promise((resolve) => (release = resolve));
  const seen = new Promise((resolve) => (requested = resolve));
  void page.route(pattern, async (route) => {
    requested();
    await released;
    await route.continue();
  });
  return { release, requested: seen };
}

async function lateStorage(page, baseURL) {
  await openApp(page, baseURL);
  await enterKpis(page, 'series-c', { nrr: '101', grr: '91' });
  await waitForStored(page, KEY.kpiEntry, (r) => r.data.inputs.grr === '91');
  // A slow device: storage arrives after the user has typed and started an import, which is still running then.
  const storage = hold(page, /\/assets\/persist[^/]*\.js$/);
  const importer = hold(page, /\/assets\/import-client[^/]*\.js$/);
  await page.reload();
  await page.getByTestId('kpi-grr').fill('85');
  await page.getByTestId('kpi-csat').fill('90');
  await page.getByTestId('accounts-input').fill(ACCOUNTS_TSV);
  await page.getByTestId('accounts-submit').click();
  await importer.requested;
  storage.release();
  assert.equal(await storageReady(page), 'indexeddb');
  importer.release();
  await page.waitForFunction((t) => document.querySelector('[data-testid="total-arr"]')?.getAttribute('data-value') === t, String(ACCOUNTS_TOTAL_ARR));
  assert.equal(await page.getByRole('note').filter({ hasText: 'Sample data' }).count(), 0, 'the sample did not replace the import');
  // Stored KPIs fill in what was not typed; what was typed wins.
  assert.equal(await page.getByTestId('stage').inputValue(), 'series-c');
  assert.equal(await page.getByTestId('kpi-nrr').inputValue(), '101');
  assert.equal(await page.getByTestId('kpi-grr').inputValue(), '85');
  assert.equal(await page.getByTestId('kpi-csat').inputValue(), '90');
  await waitForStored(page, KEY.kpiEntry, (r) => r.data.inputs.grr === '85' && r.data.inputs.csat === '90' && r.data.inputs.nrr === '101');
  await waitForStored(page, KEY.portfolio, (r) => r.data.columns.count === 4);
}

test('persistence: a corrupt KPI record is quarantined, the page starts from defaults and says so', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  await enterKpis(page, 'public', { nrr: '130' });
  await waitForStored(page, KEY.kpiEntry, (r) => r.data.inputs.nrr === '130');
  const corrupt = { v: 1, data: { stage: 'series-z', inputs: { nrr: 130 } } };
  await idbPut(page, KEY.kpiEntry, corrupt);
  await page.reload();
  await storageReady(page);

  const n = notice(page, 'store-kpi-entry');
  await n.waitFor();
  assert.match(await n.innerText(), /KPI entry could not be read .*kept aside, not deleted.*defaults/s);
  assert.equal(await page.getByTestId('stage').inputValue(), 'series-b', 'defaults: Series B');
  assert.equal(await page.getByTestId('kpi-nrr').inputValue(), '');
  // The bad record is kept aside, byte for byte, under a quarantine key.
  const aside = (await idbKeys(page)).filter((k) => k.startsWith('cs-scorecard:quarantine:kpi-entry:'));
  assert.equal(aside.length, 1, `quarantine keys: ${aside}`);
  assert.deepEqual(await idbGet(page, aside[0]), corrupt);

  // The notice is dismissible; the app keeps working and storing.
  await n.getByRole('button', { name: 'Dismiss notice' }).click();
  await n.waitFor({ state: 'detached' });
  await page.getByTestId('fill-medians').click();
  assert.equal(await val(page, 'composite-score'), '77');
  await waitForStored(page, KEY.kpiEntry, (r) => r.data.inputs.nrr === '115');
  await page.reload();
  await storageReady(page);
  assert.equal(await val(page, 'composite-score'), '77');
  assert.equal(await notice(page, 'store-kpi-entry').count(), 0, 'the quarantined copy does not warn again');
});

test('persistence: a record that is not even an envelope, and an invalid calibration, are both set aside', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  await idbPut(page, KEY.kpiEntry, 'garbage');
  await idbPut(page, KEY.calibration, { v: 2, data: { weights: { mrr: 50, touch: 50, usage: 50, sentiment: 50 } } });
  await page.reload();
  await storageReady(page);
  await notice(page, 'store-kpi-entry').waitFor();
  await notice(page, 'store-calibration').waitFor();
  assert.match(await notice(page, 'store-kpi-entry').innerText(), /not a versioned record/);
  assert.match(await notice(page, 'store-calibration').innerText(), /calibration could not be read/);
  await openCalibration(page);
  assert.equal(await page.getByTestId('weight-mrr').inputValue(), '25', 'default weights');
  const keys = await idbKeys(page);
  assert.equal(keys.filter((k) => k.startsWith('cs-scorecard:quarantine:')).length, 2, `keys: ${keys}`);
});

test('persistence: a v1 calibration (weights as fractions) migrates forward without a notice', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  const v1 = {
    weights: { mrr: 0.4, touch: 0.2, usage: 0.15, sentiment: 0.25 }, preset: 'smb', thresholds: { healthy: 60, risk: 35 },
    scale: { minMrr: 1000, maxMrr: 1_000_000 }, horizonDays: 90,
  };
  await idbPut(page, KEY.calibration, { v: 1, data: v1 });
  await page.reload();
  await storageReady(page);
  await openCalibration(page);
  assert.equal(await page.getByTestId('weight-mrr').inputValue(), '40');
  assert.equal(await page.getByTestId('weight-usage').inputValue(), '15');
  assert.equal(await page.getByTestId('threshold-preset').inputValue(), 'smb');
  assert.equal(await page.locator('[data-notice^="store-"]').count(), 0);
});

test('persistence: IndexedDB that throws on open → in-memory notice, the app still grades', async ({ page, context, baseURL }) => {
  await context.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  assert.equal(await openApp(page, baseURL), 'memory');
  await notice(page, 'store-memory').waitFor();
  assert.match(await notice(page, 'store-memory').innerText(), /nothing will be remembered/);
  assert.match(await page.getByTestId('storage-mode').innerText(), /Not remembered/);
  await page.getByTestId('fill-medians').click();
  assert.equal(await val(page, 'composite-score'), '77');
  assert.equal(await val(page, 'composite-grade'), 'C+');
  await page.getByTestId('kpi-nrr').fill('90');
  assert.equal(await val(page, 'zone'), 'strained');
  // Saving an audit works for the session.
  await page.getByRole('button', { name: 'Save this audit' }).click();
  await page.locator('.history tbody tr').first().waitFor();
  assert.deepEqual(errors, []);
});

test('persistence: a write that fails mid-session (quota exceeded) switches to memory and says so', async ({ page, context, baseURL }) => {
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (globalThis.__quotaFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  assert.equal(await openApp(page, baseURL), 'indexeddb');
  await page.evaluate(() => (globalThis.__quotaFull = true));
  await page.getByTestId('kpi-nrr').fill('120');
  await notice(page, 'store-memory').waitFor();
  assert.match(await notice(page, 'store-memory').innerText(), /QuotaExceededError/);
  assert.equal(await val(page, 'storage-mode'), 'memory');
  await page.getByTestId('kpi-grr').fill('93');
  assert.ok(Number(await val(page, 'composite-score')) > 0, 'still grades');
});

test('history: save audits, chart them, delete one; they survive a reload', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  const rows = page.locator('.history tbody tr');
  const save = page.getByRole('button', { name: 'Save this audit' });
  assert.ok(await save.isDisabled(), 'nothing to save before any KPI');
  await page.getByTestId('fill-medians').click();
  await save.click();
  await notice(page, 'audit').filter({ hasText: 'Audit saved' }).waitFor();
  await page.getByTestId('kpi-nrr').fill('125');
  await save.click();
  await rows.nth(1).waitFor();
  // The trend chart: described for screen readers, and actually drawn (Chart.js on the canvas).
  const label = await page.locator('.history [role="img"]').first().getAttribute('aria-label');
  assert.match(label ?? '', /^Composite over time: \d{4}-\d\d-\d\d 77, \d{4}-\d\d-\d\d \d+$/);
  await page.locator('.history canvas').first().evaluate((c) => new Promise((resolve) => {
    const drawn = () => c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((x) => x !== 0);
    const poll = () => (drawn() ? resolve() : requestAnimationFrame(poll));
    poll();
  }));

  await page.reload();
  await storageReady(page);
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).innerText(), /C\+|B|A/, 'newest first');
  await rows.nth(0).getByRole('button', { name: /^Delete the audit saved/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('.history tbody tr').length === 1);
  assert.match(await rows.first().innerText(), /C\+ · 77/);
  await waitForStored(page, KEY.history, (r) => r.data.length === 1);
  await page.reload();
  await storageReady(page);
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
});

test('clear-data: asks for confirmation, then removes KPIs, calibration, portfolio, history and quarantine', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  await enterKpis(page, 'series-a', SCORECARD);
  await openCalibration(page);
  await page.getByTestId('weight-mrr').fill('35');
  await page.getByTestId('weight-usage').fill('20');
  await importAccounts(page);
  await page.getByRole('button', { name: 'Save this audit' }).click();
  await page.locator('.history tbody tr').first().waitFor();
  await idbPut(page, 'cs-scorecard:quarantine:kpi-entry:2020-01-01T00:00:00.000Z', 'old junk');
  await waitForStored(page, KEY.portfolio, () => true);
  await waitForStored(page, KEY.calibration, (r) => r.data.weights.mrr === 35);

  // Cancel keeps everything.
  await page.getByTestId('clear-data').click();
  const confirm = page.getByRole('group', { name: 'Confirm clearing local data' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.getByTestId('kpi-nrr').inputValue(), '101');
  assert.ok((await idbKeys(page)).length >= 5);

  await page.getByTestId('clear-data').click();
  await confirm.getByRole('button', { name: 'Yes, clear everything' }).click();
  await notice(page, 'clear').filter({ hasText: 'was removed' }).waitFor();
  assert.deepEqual(await idbKeys(page), []);
  assert.equal(await page.getByTestId('stage').inputValue(), 'series-b');
  assert.equal(await page.getByTestId('kpi-nrr').inputValue(), '');
  assert.equal(await page.locator('.history tbody tr').count(), 0);
  assert.equal(await page.getByTestId('total-arr').count(), 0, 'no portfolio');
  await openCalibration(page);
  assert.equal(await page.getByTestId('weight-mrr').inputValue(), '25');

  await page.reload();
  await storageReady(page);
  assert.equal(await page.getByTestId('kpi-nrr').inputValue(), '');
  assert.equal(await page.locator('.history tbody tr').count(), 0);
  assert.equal(await page.locator('[data-notice^="store-"]').count(), 0);
  assert.equal(await idbGet(page, KEY.portfolio), undefined);
});
