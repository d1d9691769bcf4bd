import { test, assert, axeCheck, formatViolations, recordRequests, screenshot } from './lib.mjs';

const val = (page, id) => page.getByTestId(id).getAttribute('data-value');

test('scorecard: Series B medians → 77 / C+ / Stable', async ({ page, baseURL }) => {
  await page.goto(baseURL);
  await page.getByTestId('fill-medians').click();
  assert.equal(await val(page, 'composite-score'), '77');
  assert.equal(await val(page, 'composite-grade'), 'C+');
  assert.equal(await page.getByTestId('zone').innerText().then((t) => t.trim().replace(/^\S+\s/, '')), 'Stable');
  for (const [id, score] of [['retention', '75'], ['discipline', '90'], ['coverage', '75']]) {
    assert.equal(await val(page, `dimension-${id}-score`), score);
  }
});

test('scorecard: Series C with the same values grades lower', async ({ page, baseURL }) => {
  await page.goto(baseURL);
  await page.getByTestId('fill-medians').click();
  await page.getByTestId('stage').selectOption('series-c');
  assert.ok(Number(await val(page, 'composite-score')) < 77);
  assert.notEqual(await val(page, 'composite-grade'), 'C+');
});

test('scorecard: NRR 90 demotes the zone and advises on contraction', async ({ page, baseURL }) => {
  await page.goto(baseURL);
  await page.getByTestId('fill-medians').click();
  await page.getByTestId('kpi-nrr').fill('90');
  assert.equal(await val(page, 'zone'), 'strained');
  const rules = await page.getByTestId('advice').evaluateAll((els) => els.map((e) => e.dataset.rule));
  assert.ok(rules.includes('nrr-contraction'), `advice rules: ${rules}`);
  assert.match(await page.getByRole('list', { name: 'Zone overrides' }).innerText(), /Stable → Strained/);
});

test('scorecard: invalid input is flagged inline and never breaks the page', async ({ page, baseURL }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(baseURL);
  await page.getByTestId('fill-medians').click();
  for (const bad of ['-5', 'abc', '1e999', '<script>', '99999']) {
    await page.getByTestId('kpi-grr').fill(bad);
    assert.equal(await page.getByTestId('kpi-grr').getAttribute('aria-invalid'), 'true', bad);
  }
  assert.deepEqual(errors, []);
  assert.ok(Number(await val(page, 'composite-score')) > 0);
});

test('scorecard: keyboard only — Tab reaches the stage and the KPI fields', async ({ page, baseURL }) => {
  await page.goto(baseURL);
  const seen = new Set();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    seen.add(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')));
  }
  assert.ok(seen.has('stage') && seen.has('fill-medians') && seen.has('kpi-nrr'), `focused: ${[...seen]}`);
  await page.getByTestId('kpi-nrr').focus();
  await page.keyboard.type('120');
  assert.equal(await page.getByTestId('kpi-nrr').inputValue(), '120');
});

test('scorecard: axe finds no accessibility violations (desktop and 390 px)', async ({ page, baseURL }) => {
  const requests = recordRequests(page);
  await page.goto(baseURL);
  await page.getByTestId('fill-medians').click();
  await page.getByTestId('kpi-nrr').fill('90');
  await page.waitForTimeout(300);
  let v = await axeCheck(page);
  assert.deepEqual(v, [], formatViolations(v));
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'scorecard-mobile');
  v = await axeCheck(page);
  assert.deepEqual(v, [], formatViolations(v));
  requests.assertSameOrigin(new URL(baseURL).origin);
});
