import { test, assert } from './lib.mjs';
import { KEY, enterKpis, idbGet, importAccounts, notice, openApp, openCalibration, storageReady, val, waitForStored } from './helpers.mjs';

const MINE = { nrr: '101', grr: '91', csat: '88' };

/** The share fragment format (src/lib/schema/share.ts): s=<version>.<base64url JSON>.<fnv1a32>. */
function fnv1a32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
const b64url = (s) => Buffer.from(s, 'latin1').toString('base64url');
/** A link with a valid checksum around any payload: what a deliberate tamperer would make. */
const signed = (payload, version = 1) => {
  const body = `${version}.${b64url(JSON.stringify(payload))}`;
  return `s=${body}.${fnv1a32(body)}`;
};
const decodePayload = (fragment) => JSON.parse(Buffer.from(fragment.split('.')[1], 'base64url').toString('latin1'));

/** Open a URL as a new document (a hash-only change would not reload the page). */
async function open(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
  await storageReady(page);
}

async function myState(page) {
  await openCalibration(page);
  return {
    stage: await page.getByTestId('stage').inputValue(),
    nrr: await page.getByTestId('kpi-nrr').inputValue(),
    grr: await page.getByTestId('kpi-grr').inputValue(),
    weightMrr: await page.getByTestId('weight-mrr').inputValue(),
    preset: await page.getByTestId('threshold-preset').inputValue(),
    score: await val(page, 'composite-score'),
  };
}

test('share-link: copies a compact link with a confirmation; another browser sees what it loads and applies it whole', async ({ page, context, browser, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL).origin });
  await openApp(page, baseURL);
  await page.getByTestId('stage').selectOption('series-a');
  await page.getByTestId('fill-medians').click();
  await page.getByTestId('kpi-nrr').fill('99');
  await page.getByTestId('kpi-logo-churn').fill('');
  await openCalibration(page);
  await page.getByTestId('weight-mrr').fill('40');
  await page.getByTestId('weight-usage').fill('15');
  await page.getByTestId('threshold-preset').selectOption('enterprise');
  await importAccounts(page); // account data must never travel in the link
  const sender = await myState(page);

  await page.getByTestId('share-link').click();
  await notice(page, 'share').filter({ hasText: 'Link copied' }).waitFor();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(page.url(), baseURL, 'sharing leaves the address bar alone');
  const [base, fragment] = url.split('#');
  assert.equal(base, baseURL);
  assert.match(fragment, /^s=2\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
  assert.ok(url.length < 300, `compact: ${url.length} chars`);
  // Only numbers: stage, 12 KPI slots, weights, preset, thresholds, scale, horizon, no segment overrides. No names, no accounts.
  const payload = decodePayload(fragment);
  assert.equal(payload.length, 8);
  assert.deepEqual(payload[7], []);
  assert.ok(JSON.stringify(payload).match(/^[\d.,\[\]nul-]+$/), `payload: ${JSON.stringify(payload)}`);
  assert.deepEqual(payload[1].slice(0, 2), [99, 89], 'NRR and GRR');
  assert.equal(payload[1][8], null, 'logo churn not tracked');
  for (const name of ['Zephyr', 'Acme', 'Wobble']) assert.ok(!url.includes(name));

  // Another browser, with its own stored scorecard.
  const other = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const p2 = await other.newPage();
    await openApp(p2, baseURL);
    await enterKpis(p2, 'public', MINE);
    await waitForStored(p2, KEY.kpiEntry, (r) => r.data.inputs.csat === '88');
    await open(p2, url);
    const banner = p2.getByRole('region', { name: 'Shared scorecard' });
    await banner.waitFor();
    const text = await banner.innerText();
    assert.match(text, /Series A, 11 KPIs, weights 40\/20\/15\/25, bands 75\/55/);
    assert.match(text, /your portfolio stays/);
    // Nothing is applied before the user says so.
    assert.equal(await p2.getByTestId('stage').inputValue(), 'public');
    assert.equal(await p2.getByTestId('kpi-nrr').inputValue(), '101');

    await banner.getByRole('button', { name: 'Load shared scorecard' }).click();
    await banner.waitFor({ state: 'detached' });
    await notice(p2, 'share').filter({ hasText: 'Loaded the shared scorecard' }).waitFor();
    const receiver = await myState(p2);
    assert.deepEqual(receiver, { ...sender, score: receiver.score });
    assert.equal(await p2.getByTestId('kpi-csat').inputValue(), '87', 'Series A median CSAT, from the link');
    assert.equal(await p2.getByTestId('kpi-logo-churn').inputValue(), '');
    // The receiver's grade is the sender's, except where the sender's portfolio moves the zone (it does not travel).
    assert.equal(await val(p2, 'composite-grade'), await val(page, 'composite-grade'));
    assert.equal(receiver.score, sender.score);
    assert.equal(await p2.getByRole('note').filter({ hasText: 'Sample data' }).count(), 1, 'no accounts came with the link');
    // Applied state is stored like any edit.
    await waitForStored(p2, KEY.kpiEntry, (r) => r.data.stage === 'series-a' && r.data.inputs.nrr === '99');
    await waitForStored(p2, KEY.calibration, (r) => r.data.weights.mrr === 40 && r.data.preset === 'enterprise');
  } finally {
    await other.close();
  }
});

test('share-link: "Keep mine" ignores a valid link and leaves the stored state alone', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  await enterKpis(page, 'series-c', MINE);
  await waitForStored(page, KEY.kpiEntry, (r) => r.data.inputs.csat === '88');
  const before = await idbGet(page, KEY.kpiEntry);
  const link = signed([0, [90, 80, null, null, null, null, null, null, null, null, null, null], [25, 20, 30, 25], 1, [60, 35], [1000, 1000000], 90]);
  await open(page, `${baseURL}#${link}`);
  const banner = page.getByRole('region', { name: 'Shared scorecard' });
  assert.match(await banner.innerText(), /Pre-PMF, 2 KPIs, weights 25\/20\/30\/25, bands 60\/35/);
  await banner.getByRole('button', { name: 'Keep mine' }).click();
  await banner.waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).hash, '', 'the link is dropped from the address bar');
  assert.equal(await page.getByTestId('stage').inputValue(), 'series-c');
  assert.equal(await page.getByTestId('kpi-nrr').inputValue(), '101');
  assert.deepEqual(await idbGet(page, KEY.kpiEntry), before);
});

test('share-link: a tampered, truncated or malformed link is rejected whole with a message; stored state untouched', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL).origin });
  await openApp(page, baseURL);
  await enterKpis(page, 'series-c', MINE);
  await openCalibration(page);
  await page.getByTestId('weight-mrr').fill('35');
  await page.getByTestId('weight-usage').fill('20');
  await waitForStored(page, KEY.kpiEntry, (r) => r.data.inputs.csat === '88');
  await waitForStored(page, KEY.calibration, (r) => r.data.weights.mrr === 35);
  const mine = await myState(page);
  const stored = { kpi: await idbGet(page, KEY.kpiEntry), cal: await idbGet(page, KEY.calibration) };

  // A genuine link from this page, to tamper with.
  await page.getByTestId('share-link').click();
  await notice(page, 'share').waitFor();
  const good = new URL(await page.evaluate(() => navigator.clipboard.readText())).hash.slice(1);
  assert.match(good, /^s=2\./);
  const [, payload, sum] = good.split('.');
  const flipped = payload.slice(0, 10) + (payload[10] === 'A' ? 'B' : 'A') + payload.slice(11);
  const kpis = [130, 96, 40, 5, 95, 1, 2, 90, 3, 30, 95, 20];
  // The codec's every branch is unit-tested (tests/unit/schema/share.test.ts); here, one of each kind, in a real page.
  const cases = {
    'one character changed': [`s=2.${flipped}.${sum}`, /checksum does not match/],
    'cut short mid-payload': [good.slice(0, 30), /checksum is missing|malformed/],
    'checksum cut short': [good.slice(0, -3), /not 8 hex digits/],
    'another version': [good.replace(/^s=2\./, 's=9.'), /another version of the app \(v9\)/],
    'valid checksum, weights sum to 200': [signed([2, kpis, [50, 50, 50, 50], 0, [70, 45], [1000, 1e6], 90]), /invalid scorecard: .*sum to 100/],
    'valid checksum, account data appended': [signed([2, kpis, [25, 20, 30, 25], 0, [70, 45], [1000, 1e6], 90, [['Acme', 24000]]]), /malformed/],
  };
  for (const [name, [fragment, reason]] of Object.entries(cases)) {
    await open(page, `${baseURL}#${fragment}`);
    const n = notice(page, 'share');
    await n.waitFor();
    const text = await n.innerText();
    assert.match(text, /This share link could not be used/, name);
    assert.match(text, reason, `${name}: ${text}`);
    assert.match(text, /your own data is untouched/, name);
    assert.equal(await page.getByRole('region', { name: 'Shared scorecard' }).count(), 0, `${name}: nothing offered`);
    assert.equal(await page.getByTestId('kpi-nrr').inputValue(), mine.nrr, `${name}: my KPIs are shown`);
    assert.deepEqual({ kpi: await idbGet(page, KEY.kpiEntry), cal: await idbGet(page, KEY.calibration) }, stored, `${name}: storage untouched`);
  }
  assert.deepEqual(await myState(page), mine, 'the page shows my own scorecard, calibration included');
});

test('share-link: a link pasted into an already open tab is checked too', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  await page.evaluate(() => { location.hash = '#s=1.bm90LWEtbGluaw.00000000'; });
  await notice(page, 'share').waitFor();
  assert.match(await notice(page, 'share').innerText(), /could not be used/);
});
