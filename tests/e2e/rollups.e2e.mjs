import path from 'node:path';
import { test, assert, axeCheck, formatViolations, screenshot, TMP_DIR } from './lib.mjs';
import { openApp } from './helpers.mjs';

const val = (loc) => loc.getAttribute('data-value');

// A book of 8 accounts, 2 owners (Kim, Lee), 3 segments, renewals counted from today in days. Scores by
// SPEC §4.1 / §4.2, worked by hand:
//   $24,000, 38 d, 42 %, 55 → 49 Watch, at-risk $146,880 (the §4.2 worked example)
//   $1,000, 90 d, 0 %, 0 → size 0, engagement 0 → 0 Risk, at-risk = ARR $12,000
//   $10,000, 90 d, 0 %, 0 → size 33.3 × 25 % = 8.3 → 8 Risk, at-risk $120,000 × 0.92 = $110,400
//   $1,000,000, 0 d, 100 %, 100 → 100 Healthy, at-risk $0
const W = { mrr: 24_000, days: 38, usage: 42, sentiment: 55, band: 'watch', arr: 288_000, atRisk: 146_880 };
const R0 = { mrr: 1_000, days: 90, usage: 0, sentiment: 0, band: 'risk', arr: 12_000, atRisk: 12_000 };
const R8 = { mrr: 10_000, days: 90, usage: 0, sentiment: 0, band: 'risk', arr: 120_000, atRisk: 110_400 };
const H = { mrr: 1_000_000, days: 0, usage: 100, sentiment: 100, band: 'healthy', arr: 12_000_000, atRisk: 0 };
const BOOK = [
  // name, inputs, owner, segment, days to renewal (null: no date), window by SPEC §4.5
  { name: 'Alpha', ...W, owner: 'Kim', segment: 'Enterprise', renewsIn: 10, window: '30' },
  { name: 'Bravo', ...R0, owner: 'Kim', segment: 'SMB', renewsIn: -3, window: 'overdue' },
  { name: 'Charlie', ...R8, owner: 'Lee', segment: 'Mid-Market', renewsIn: 31, window: '60' },
  { name: 'Delta', ...H, owner: 'Lee', segment: 'Enterprise', renewsIn: 75, window: '90' },
  { name: 'Echo', ...R0, owner: 'Lee', segment: 'SMB', renewsIn: 200, window: 'later' },
  { name: 'Foxtrot', ...R8, owner: 'Kim', segment: 'SMB', renewsIn: 120, window: '180' },
  { name: 'Golf', ...W, owner: 'Lee', segment: 'Mid-Market', renewsIn: null, window: 'none' },
  { name: 'Hotel', ...R0, owner: 'Kim', segment: 'Mid-Market', renewsIn: 30, window: '30' },
];

/** Sums of the hand-worked rows per key: accounts, ARR, Risk-band ARR, at-risk ARR. */
function expected(key) {
  const out = new Map();
  for (const a of BOOK) {
    const t = out.get(a[key]) ?? { count: 0, arr: 0, riskArr: 0, atRisk: 0 };
    t.count++;
    t.arr += a.arr;
    t.riskArr += a.band === 'risk' ? a.arr : 0;
    t.atRisk += a.atRisk;
    out.set(a[key], t);
  }
  return out;
}

async function importBook(page, baseURL) {
  await openApp(page, baseURL); // storage loaded and the first-visit sample settled before the paste
  // Dates in the page's own local calendar, like the page counts them.
  const dates = await page.evaluate((offsets) => offsets.map((o) => {
    if (o === null) return '';
    const d = new Date();
    d.setDate(d.getDate() + o);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  }), BOOK.map((a) => a.renewsIn));
  const csv = ['Account Name,MRR,Days Since Last Touch,Usage %,Sentiment,CSM,Segment,Renewal Date']
    .concat(BOOK.map((a, i) => `${a.name},${a.mrr},${a.days},${a.usage}%,${a.sentiment},${a.owner},${a.segment},${dates[i]}`))
    .join('\n');
  await page.getByTestId('accounts-input').fill(csv);
  await page.getByTestId('accounts-submit').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="rows-scored"]')?.getAttribute('data-value') === '8', null, { timeout: 20_000 });
  await page.getByTestId('rollup-owner').first().waitFor();
  await page.getByTestId('renewal-none-count').waitFor();
}

test('rollups: owner and segment roll-ups match the hand computation, largest Risk ARR first', async ({ page, baseURL }) => {
  await importBook(page, baseURL);
  for (const [by, attr] of [['owner', 'data-owner'], ['segment', 'data-segment']]) {
    const want = expected(by);
    const rows = page.getByTestId(`rollup-${by}`);
    assert.equal(await rows.count(), want.size, `${by} rows`);
    const order = [...want.entries()].sort((a, b) => b[1].riskArr - a[1].riskArr).map(([k]) => k);
    const shown = [];
    for (let i = 0; i < want.size; i++) shown.push(await rows.nth(i).getAttribute(attr));
    assert.deepEqual(shown, order, `${by} rows sorted by Risk-band ARR`);
    for (const [name, t] of want) {
      const row = page.locator(`[data-testid="rollup-${by}"][${attr}="${name}"]`);
      const cell = (col) => val(row.locator(`[data-col="${col}"]`));
      assert.equal(await cell('accounts'), String(t.count), `${name} accounts`);
      assert.equal(await cell('arr'), String(t.arr), `${name} ARR`);
      assert.equal(await cell('risk-arr'), String(t.riskArr), `${name} Risk ARR`);
      assert.equal(await cell('at-risk-arr'), String(t.atRisk), `${name} at-risk ARR`);
      assert.ok(Math.abs(Number(await cell('risk-share')) - (100 * t.riskArr) / t.arr) < 1e-9, `${name} Risk share`);
    }
  }
  // Kim carries the most Risk ARR: $12,000 + $120,000 + $12,000.
  assert.equal(await page.getByTestId('rollup-owner').first().getAttribute('data-owner'), 'Kim');
  assert.equal(await val(page.locator('[data-testid="rollup-owner"][data-owner="Kim"] [data-col="risk-arr"]')), '144000');
});

test('rollups: renewal windows match the hand computation; Risk ARR renewing in 90 days is 30 + 60 + 90', async ({ page, baseURL }) => {
  await importBook(page, baseURL);
  const want = expected('window');
  for (const w of ['overdue', '30', '60', '90', '180', 'later', 'none']) {
    const t = want.get(w) ?? { count: 0, arr: 0, riskArr: 0, atRisk: 0 };
    assert.equal(await val(page.getByTestId(`renewal-${w}-count`)), String(t.count), `${w} accounts`);
    assert.equal(await val(page.getByTestId(`renewal-${w}-arr`)), String(t.arr), `${w} ARR`);
    assert.equal(await val(page.getByTestId(`renewal-${w}-risk-arr`)), String(t.riskArr), `${w} Risk ARR`);
    assert.equal(await val(page.getByTestId(`renewal-${w}-at-risk-arr`)), String(t.atRisk), `${w} at-risk ARR`);
  }
  // Hotel (30 days, $12,000) and Charlie (31 days, $120,000); Delta in 75 days is Healthy.
  const in90 = ['30', '60', '90'].reduce((s, w) => s + (want.get(w)?.riskArr ?? 0), 0);
  assert.equal(in90, 132_000);
  assert.equal(await val(page.getByTestId('renewal-risk-arr-90')), String(in90));
  await page.getByText('Risk ARR renewing in the next 90 days: $132,000').waitFor();

  // The act-first list by renewal, Risk and Watch only: overdue Bravo, then Alpha (10 d), Hotel (30 d), …, Golf (no date).
  await page.getByTestId('act-first-order').selectOption('renewal');
  const act = page.locator('.act li .name');
  await page.waitForFunction(() => document.querySelector('.act li .name')?.textContent === 'Bravo');
  assert.deepEqual(await act.allInnerTexts(), ['Bravo', 'Alpha', 'Hotel', 'Charlie', 'Foxtrot', 'Echo', 'Golf']);
  await page.getByTestId('act-first-order').selectOption('at-risk');
  await page.waitForFunction(() => document.querySelector('.act li .name')?.textContent !== 'Bravo');
  assert.deepEqual((await act.allInnerTexts()).slice(0, 2).sort(), ['Alpha', 'Golf']);
});

test('rollups: selecting an owner row filters the account table to that owner', async ({ page, baseURL }) => {
  await importBook(page, baseURL);
  assert.equal(await val(page.getByTestId('account-count')), '8');
  await page.locator('[data-testid="rollup-owner"][data-owner="Lee"]').getByRole('button', { name: /Lee/ }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="account-count"]')?.getAttribute('data-value') === '4');
  const names = await page.locator('[data-testid="account-row"] [data-col="name"]').allInnerTexts();
  assert.deepEqual(names.map((n) => n.trim()).sort(), ['Charlie', 'Delta', 'Echo', 'Golf']);
  await page.locator('[data-testid="rollup-segment"][data-segment="SMB"]').getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="account-count"]')?.getAttribute('data-value') === '3');
  const smb = await page.locator('[data-testid="account-row"] [data-col="name"]').allInnerTexts();
  assert.deepEqual(smb.map((n) => n.trim()).sort(), ['Bravo', 'Echo', 'Foxtrot']);
});

test('rollups: coverage from the data is shown beside Accounts per CSM and applied only on request', async ({ page, baseURL }) => {
  await importBook(page, baseURL);
  const kpi = page.getByTestId('kpi-accounts-per-csm');
  const before = await kpi.inputValue();
  // 8 accounts ÷ 2 owners.
  assert.equal(await val(page.getByTestId('coverage-from-data')), '4');
  assert.equal(await kpi.inputValue(), before, 'not applied silently');
  await page.getByTestId('use-coverage').click();
  assert.equal(await kpi.inputValue(), '4');
});

test('rollups: the sample portfolio offers no coverage from the data', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  await page.getByRole('note').filter({ hasText: 'Sample data' }).waitFor();
  await page.getByTestId('rollup-owner').first().waitFor(); // the sample has owners, and its roll-ups show
  assert.equal(await page.getByTestId('coverage-from-data').count(), 0);
  assert.equal(await page.getByTestId('use-coverage').count(), 0);
});

test('rollups: roll-ups and renewals at 1440 and 390 px, nothing scrolls sideways, no axe violations', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await importBook(page, baseURL);
  await page.locator('.rollups canvas').waitFor();
  await page.waitForTimeout(300); // the lazy chart draws
  await page.locator('.rollups').screenshot({ path: path.join(TMP_DIR, 'rollups-1440.png') });
  await page.locator('.renewals').screenshot({ path: path.join(TMP_DIR, 'renewals-1440.png') });
  let v = await axeCheck(page, {}, '.rollups');
  assert.deepEqual(v, [], formatViolations(v));
  v = await axeCheck(page, {}, '.renewals');
  assert.deepEqual(v, [], formatViolations(v));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.locator('.rollups').screenshot({ path: path.join(TMP_DIR, 'rollups-390.png') });
  await page.locator('.renewals').screenshot({ path: path.join(TMP_DIR, 'renewals-390.png') });
  await screenshot(page, 'rollups-page-390');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 390 px`);
});
