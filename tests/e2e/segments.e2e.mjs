import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, assert, axeCheck, formatViolations, TMP_DIR } from './lib.mjs';
import { KEY, importAccounts, notice, openApp, openCalibration, storageReady, val, waitForStored } from './helpers.mjs';

/**
 * SPEC §4.4: one book, three segments written several ways, two owners (also written two ways).
 * Scores with the default weights 25/20/30/25 (size = 100·log10(MRR/$1K)/3, engagement = 100·(1 − days/90)):
 *
 *   account    MRR         days usage sent.  segment       score                                      default 70/45  segment bands
 *   Sprout     $1,000        0   100    40   SMB           0 + 20 + 30 + 10 = 60                      Watch          Healthy (SMB 60/35)
 *   Pebble     $1,000       90    50    60   smb           0 + 0 + 15 + 15 = 30                       Risk           Risk
 *   Twig       $10,000      45    50    40   SMB           8.33 + 10 + 15 + 10 = 43.33 → 43           Risk           Watch
 *   Acme       $24,000      38    42    55   Mid-Market    §4.2 worked example → 49                   Watch          Watch (default)
 *   Globex     $100,000      0    80    80   mid-market    16.67 + 20 + 24 + 20 = 80.67 → 81          Healthy        Healthy
 *   Initech    $1,000,000    0    60    60   Enterprise    25 + 20 + 18 + 15 = 78                     Healthy        Healthy (Ent. 75/55)
 *   Umbrella   $100,000     18    70    60   ENTERPRISE    16.67 + 16 + 21 + 15 = 68.67 → 69          Watch          Watch
 *   Hooli      $24,000      38    42    55   Enterprise    the worked example again → 49              Watch          Risk
 *   Vandelay   $10,000       9    70    80   (none)        8.33 + 18 + 21 + 20 = 67.33 → 67           Watch          Watch (default)
 *
 * Default model: Healthy 2, Watch 5, Risk 2. Suggested presets (SMB 60/35, Enterprise 75/55, Mid-Market
 * default): Healthy 3, Watch 4, Risk 2; Risk ARR = Pebble $12,000 + Hooli $288,000 = $300,000.
 * Enterprise set to 80/70: Initech 78 → Watch, Umbrella 69 → Risk; Healthy 2, Watch 4, Risk 3.
 */
const BOOK = [
  'Account Name\tMRR\tDays Since Last Touch\tUsage %\tSentiment\tOwner\tSegment',
  'Sprout\t$1,000\t0\t100%\t40\tJane Doe\tSMB',
  'Pebble\t$1,000\t90\t50%\t60\tjane doe\tsmb ',
  'Twig\t$10,000\t45\t50%\t40\tJane Doe\tSMB',
  'Acme\t$24,000\t38\t42%\t55\tSam Lee\tMid-Market',
  'Globex\t$100,000\t0\t80%\t80\tSam Lee\tmid-market',
  'Initech\t$1,000,000\t0\t60%\t60\tJANE DOE\tEnterprise',
  'Umbrella\t$100,000\t18\t70%\t60\tSam Lee\tENTERPRISE',
  'Hooli\t$24,000\t38\t42%\t55\tSam Lee\tEnterprise',
  'Vandelay\t$10,000\t9\t70%\t80\tJane Doe\t',
].join('\n');
const TOTAL_ARR = 12 * (1000 + 1000 + 10_000 + 24_000 + 100_000 + 1_000_000 + 100_000 + 24_000 + 10_000);

async function bandCounts(page) {
  return {
    healthy: Number(await val(page, 'band-healthy-count')),
    watch: Number(await val(page, 'band-watch-count')),
    risk: Number(await val(page, 'band-risk-count')),
  };
}

/** Wait until the band counts are `want` (scores follow the calibration on the next frame). */
async function expectBands(page, want, what) {
  await page
    .waitForFunction(
      (w) => ['healthy', 'watch', 'risk'].every((b) => document.querySelector(`[data-testid="band-${b}-count"]`)?.getAttribute('data-value') === String(w[b])),
      want,
      { timeout: 5_000 },
    )
    .catch(() => {});
  assert.deepEqual(await bandCounts(page), want, what);
}

/** Band of every account in the table, by name. */
async function bandsByAccount(page) {
  const rows = await page.getByTestId('account-row').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('[data-col="name"]')?.getAttribute('data-value'), tr.querySelector('[data-col="band"]')?.getAttribute('data-value')]),
  );
  return Object.fromEntries(rows);
}

const seg = (page, testid, segment) => page.locator(`[data-testid="${testid}"][data-segment="${segment}"]`);

test('segments: suggested presets band each segment with its own thresholds; one segment changed moves only its accounts; kept on reload; shared by link', async ({ page, context, browser, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL).origin });
  await openApp(page, baseURL);
  await importAccounts(page, BOOK, TOTAL_ARR);
  await openCalibration(page);

  // Three segments, each once, in its most frequent spelling (Mid-Market: a tie, the first seen), largest ARR first.
  const listed = await page.getByTestId('segment-preset').evaluateAll((els) => els.map((e) => e.getAttribute('data-segment')));
  assert.deepEqual(listed, ['Enterprise', 'Mid-Market', 'SMB']);
  // Two owners, keyed the same way.
  const owners = await page.getByRole('group', { name: 'Filter accounts' }).getByRole('combobox', { name: 'Owner' }).locator('option').allInnerTexts();
  assert.deepEqual(owners, ['Any owner', 'Jane Doe', 'Sam Lee', 'Unassigned']);

  // Suggestions change nothing until the button is pressed.
  await expectBands(page, { healthy: 2, watch: 5, risk: 2 }, 'default model for every account');
  const before = await bandsByAccount(page);
  assert.deepEqual(before, { Initech: 'healthy', Globex: 'healthy', Umbrella: 'watch', Acme: 'watch', Hooli: 'watch', Vandelay: 'watch', Twig: 'risk', Sprout: 'watch', Pebble: 'risk' });
  await page.getByTestId('apply-segment-presets').click();
  await expectBands(page, { healthy: 3, watch: 4, risk: 2 }, 'SMB 60/35, Mid-Market default, Enterprise 75/55');
  assert.equal(Number(await val(page, 'band-risk-arr')), 300_000);
  assert.equal(await seg(page, 'segment-preset', 'SMB').inputValue(), 'smb');
  assert.equal(await seg(page, 'segment-preset', 'Enterprise').inputValue(), 'enterprise');
  assert.equal(await seg(page, 'segment-preset', 'Mid-Market').inputValue(), '');
  assert.equal(await page.getByTestId('apply-segment-presets').count(), 0, 'nothing left to suggest');
  const applied = await bandsByAccount(page);
  assert.deepEqual(applied, { ...before, Sprout: 'healthy', Twig: 'watch', Hooli: 'risk' });

  // One segment's thresholds: only its accounts move.
  await seg(page, 'segment-healthy', 'Enterprise').fill('80');
  await seg(page, 'segment-risk', 'Enterprise').fill('70');
  await expectBands(page, { healthy: 2, watch: 4, risk: 3 }, 'Enterprise on 80/70');
  assert.equal(await seg(page, 'segment-preset', 'Enterprise').inputValue(), 'custom');
  assert.deepEqual(await bandsByAccount(page), { ...applied, Initech: 'watch', Umbrella: 'risk' });
  await waitForStored(page, KEY.calibration, (r) => r.data.segments?.enterprise?.thresholds?.risk === 70 && r.data.segments?.smb?.preset === 'smb');

  // Screenshots of the calibration panel: desktop and phone (nothing may scroll sideways).
  const panel = page.locator('details.calibration');
  await mkdir(TMP_DIR, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await panel.screenshot({ path: path.join(TMP_DIR, 'segments-panel-1440.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.screenshot({ path: path.join(TMP_DIR, 'segments-panel-390.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 390 px`);
  const violations = await axeCheck(page, {}, 'details.calibration');
  assert.deepEqual(violations, [], formatViolations(violations));
  await page.setViewportSize({ width: 1280, height: 900 });

  // Reload: the overrides (and the book) are back, once both have reached storage.
  await waitForStored(page, KEY.portfolio, (r) => r.data.columns.count === 9, 'the imported book');
  await waitForStored(page, KEY.calibration, (r) => Object.keys(r?.data?.segments ?? {}).length > 0, 'the segment overrides');
  await page.reload();
  await storageReady(page);
  await openCalibration(page);
  await expectBands(page, { healthy: 2, watch: 4, risk: 3 }, 'after reload');
  assert.equal(await seg(page, 'segment-healthy', 'Enterprise').inputValue(), '80');
  assert.equal(await seg(page, 'segment-preset', 'SMB').inputValue(), 'smb');

  // A share link carries the segment calibration (never the accounts) to a fresh browser.
  await page.getByTestId('share-link').click();
  await notice(page, 'share').filter({ hasText: 'Link copied' }).waitFor();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(url, /#s=2\./);
  for (const name of ['Sprout', 'Initech', 'Hooli', 'Jane']) assert.ok(!url.includes(name), `no ${name} in the link`);
  const other = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    await other.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL).origin });
    const p2 = await other.newPage();
    await p2.goto(url);
    await storageReady(p2);
    const banner = p2.getByRole('region', { name: 'Shared scorecard' });
    await banner.waitFor();
    assert.match(await p2.getByTestId('share-segments').innerText(), /Bands per segment \(2\): Enterprise 80\/70; SMB 60\/35\./);
    await banner.getByRole('button', { name: 'Load shared scorecard' }).click();
    await banner.waitFor({ state: 'detached' });
    await importAccounts(p2, BOOK, TOTAL_ARR);
    await openCalibration(p2);
    await expectBands(p2, { healthy: 2, watch: 4, risk: 3 }, 'the shared segment bands, on the same book');
    assert.equal(await seg(p2, 'segment-risk', 'Enterprise').inputValue(), '70');
    await waitForStored(p2, KEY.calibration, (r) => r.data.segments?.enterprise?.thresholds?.healthy === 80);
  } finally {
    await other.close();
  }
});

test('segments: 5,000 segment values list the 20 largest with a search for the rest; a name with HTML is text', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  const lines = ['Account Name\tMRR\tDays Since Last Touch\tUsage %\tSentiment\tSegment'];
  let total = 0;
  for (let i = 1; i <= 5000; i++) {
    lines.push(`Account ${i}\t${1000 + i}\t10\t50%\t50\tRegion ${i}`);
    total += 12 * (1000 + i);
  }
  lines.push('Evil\t1000\t10\t50%\t50\t<img src=x onerror="window.__xss=1">Evil');
  total += 12_000;
  await mkdir(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, 'segments-5000.tsv');
  await writeFile(file, lines.join('\n'));
  await page.getByTestId('accounts-file').setInputFiles(file);
  await page.waitForFunction((t) => document.querySelector('[data-testid="total-arr"]')?.getAttribute('data-value') === String(t), total);
  await openCalibration(page);
  const listed = () => page.getByTestId('segment-preset').evaluateAll((els) => els.map((e) => e.getAttribute('data-segment')));
  const top = await listed();
  assert.equal(top.length, 20);
  assert.deepEqual(top.slice(0, 3), ['Region 5000', 'Region 4999', 'Region 4998']);
  const search = page.getByRole('searchbox', { name: 'Find a segment' });
  await search.fill('region 1234');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="segment-preset"]').length === 1);
  assert.deepEqual(await listed(), ['Region 1234']);
  await page.locator('[data-testid="segment-preset"][data-segment="Region 1234"]').selectOption('enterprise');
  await search.fill('evil');
  const evil = '<img src=x onerror="window.__xss=1">Evil';
  await page.waitForFunction((name) => document.querySelector('[data-testid="segment-preset"]')?.getAttribute('data-segment') === name, evil);
  assert.equal(await page.locator('details.calibration img').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.ok((await page.locator('details.calibration').innerText()).includes(evil));
  await waitForStored(page, KEY.calibration, (r) => r.data.segments?.['region 1234']?.preset === 'enterprise');
});
