import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test, assert, axeCheck, formatViolations, TMP_DIR } from './lib.mjs';
import { openApp, openCalibration } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** How far the page scrolls sideways: 0 when nothing is wider than the viewport. */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** What sticks out past the right edge (outside any scrolling container), for the failure message. */
const overflowing = (page) => page.evaluate(() => {
  const w = document.documentElement.clientWidth;
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) if (/(auto|scroll|hidden)/.test(getComputedStyle(p).overflowX)) return true; return false; };
  return [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > w + 0.5 && !scrolls(el))
    .slice(0, 8)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} → ${Math.round(el.getBoundingClientRect().right)} px`);
});

async function assertNoSideways(page, where) {
  assert.equal(await sideways(page), 0, `${where}: the page scrolls sideways at ${page.viewportSize().width} px:\n  ${(await overflowing(page)).join('\n  ')}`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= page.viewportSize().width);
}

async function shot(locator, name) {
  await mkdir(TMP_DIR, { recursive: true });
  await locator.screenshot({ path: path.join(TMP_DIR, `${name}.png`) });
}

/** The sample portfolio with the table drawn, every panel open: definitions, calibration, an account's details, history. */
async function openEverything(page) {
  await openApp(page, '/');
  await page.getByRole('note').filter({ hasText: 'Sample data' }).waitFor();
  await page.getByTestId('account-row').first().waitFor();
  await page.getByTestId('fill-medians').click();
  await openCalibration(page);
  await page.locator('#definitions > summary').click();
  await page.getByTestId('account-row').first().locator('button').first().click();
  await page.getByTestId('account-detail').waitFor();
  // Two audits: the history shows its table and its chart.
  await page.getByRole('button', { name: 'Save this audit' }).click();
  await page.getByTestId('kpi-nrr').fill('101');
  await page.getByRole('button', { name: 'Save this audit' }).click();
  await page.locator('.history table tbody tr').nth(1).waitFor();
}

test('mobile: at 390 px nothing scrolls sideways — import area, mapping step, calibration, table, every panel', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await openApp(page, '/');
  await page.getByRole('note').filter({ hasText: 'Sample data' }).waitFor();
  await page.getByTestId('account-row').first().waitFor();
  await assertNoSideways(page, 'sample portfolio');
  await shot(page.locator('.portfolio .top'), 'mobile-390-import');
  await shot(page.locator('.account-table'), 'mobile-390-table');

  // The table scrolls inside its own container, its header row sticking to the top.
  const scroll = page.getByTestId('account-scroll');
  const box = await scroll.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, right: el.getBoundingClientRect().right }));
  assert.ok(box.sw > box.cw, `the table is wider than its container (${box.sw} > ${box.cw}) and scrolls in it`);
  assert.ok(box.right <= PHONE.width, 'the container fits the page');
  await scroll.evaluate((el) => el.scrollTo(0, 400));
  const [head, top] = await Promise.all([
    page.locator('.account-table thead th').first().evaluate((el) => el.getBoundingClientRect().top),
    scroll.evaluate((el) => el.getBoundingClientRect().top),
  ]);
  assert.ok(Math.abs(head - top) <= 2, `header row stays at the top of the scrolled table (${head} vs ${top})`);

  await openCalibration(page);
  await assertNoSideways(page, 'calibration panel');
  await shot(page.locator('details.calibration'), 'mobile-390-calibration');

  await page.getByTestId('accounts-input').fill('Kunde;Betrag;Tage;Nutzung;Stimmung;Zuständiger Kundenbetreuer im Vertrieb\nAcme GmbH;24000;38;42;55;Anna\n');
  await page.getByTestId('accounts-submit').click();
  await page.getByTestId('map-name').waitFor();
  await assertNoSideways(page, 'mapping step');
  // The mapping selects stack in one column.
  const lefts = await page.locator('details.mapping select').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
  assert.ok(lefts.length >= 9);
  assert.equal(new Set(lefts).size, 1, `mapping selects in one column (left edges ${[...new Set(lefts)].join(', ')})`);
  await shot(page.locator('details.mapping'), 'mobile-390-mapping');
});

for (const viewport of [PHONE, DESKTOP]) {
  test(`mobile: axe finds no violations at ${viewport.width} px with every panel open`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openEverything(page);
    await assertNoSideways(page, 'every panel open');
    await mkdir(TMP_DIR, { recursive: true });
    await page.screenshot({ path: path.join(TMP_DIR, `all-panels-${viewport.width}.png`), fullPage: true });
    const v = await axeCheck(page);
    assert.deepEqual(v, [], formatViolations(v));
  });
}
