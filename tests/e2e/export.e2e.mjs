import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, assert, recordRequests, TMP_DIR } from './lib.mjs';
import { countColor, decodePng, importAccounts, notice, openApp, openCalibration, val } from './helpers.mjs';

// Where png-export.ts draws them on the 1920×1080 slide: [x0, y0, x1, y1].
const COMPOSITE_AREA = [80, 200, 640, 530];
const CHART_AREA = [110, 625, 950, 985];
const PORTFOLIO_AREA = [1010, 660, 1840, 960];
const BAND_COLORS = { healthy: '#009e73', watch: '#e69f00', risk: '#d55e00' };

/** Click Download PNG, decode the file, keep a copy in .e2e-tmp/ to look at. */
async function downloadPng(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  assert.match(download.suggestedFilename(), /^cs-scorecard-\d{4}-\d\d-\d\d\.png$/);
  await mkdir(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, `${name}.png`);
  await download.saveAs(file);
  return { file, png: decodePng(await readFile(file)) };
}

test('export-png: the slide with a loaded portfolio is a 1920×1080 PNG that decodes', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  await page.getByTestId('stage').selectOption('series-a');
  await page.getByTestId('fill-medians').click();
  await page.getByTestId('kpi-nrr').fill('92');
  await importAccounts(page);
  const { png } = await downloadPng(page, 'export-slide-portfolio');
  assert.equal(png.width, 1920);
  assert.equal(png.height, 1080);
  assert.equal(png.width * 9, png.height * 16, '16:9');
  // Drawn, not just sized: the dimension chart's bars (accent blue) and the three band bars.
  assert.ok(countColor(png, CHART_AREA, '#0063a6') > 20_000, 'the dimension chart is drawn');
  for (const [band, hex] of Object.entries(BAND_COLORS)) assert.ok(countColor(png, PORTFOLIO_AREA, hex) >= 100, `${band} bar`);
  assert.equal(await page.getByTestId('export-png').innerText(), 'Download PNG', 'the button is back after rendering');
});

test('export-png: without a portfolio the slide shows the advice instead, still 1920×1080', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  // Clearing drops the sample portfolio too.
  await page.getByTestId('clear-data').click();
  await page.getByRole('button', { name: 'Yes, clear everything' }).click();
  await notice(page, 'clear').waitFor();
  await page.getByTestId('stage').selectOption('public');
  // Contraction, too few KPIs tracked and overstaffing: more advice than the slide has room for.
  for (const [id, v] of Object.entries({ nrr: '90', csat: '93', 'accounts-per-csm': '8' })) await page.getByTestId(`kpi-${id}`).fill(v);
  const rules = await page.getByTestId('advice').evaluateAll((els) => els.map((e) => e.dataset.rule));
  assert.ok(rules.length >= 3, `advice: ${rules}`);
  const { png } = await downloadPng(page, 'export-slide-kpis-only');
  assert.deepEqual([png.width, png.height], [1920, 1080]);
  assert.ok(countColor(png, CHART_AREA, '#0063a6') > 5_000, 'the dimension chart is drawn');
  assert.equal(countColor(png, PORTFOLIO_AREA, BAND_COLORS.healthy), 0, 'no band bars without a portfolio');
});

test('export-png: before any KPI the slide is not graded (no F, no Critical zone), like the page', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  assert.match(await page.getByTestId('zone').innerText(), /Not graded yet/);
  const { png } = await downloadPng(page, 'export-slide-empty');
  assert.deepEqual([png.width, png.height], [1920, 1080]);
  assert.equal(countColor(png, COMPOSITE_AREA, '#c2410c'), 0, 'no Critical-zone colour in the composite box');
});

test('copy-png: puts the same 1920×1080 PNG on the clipboard and confirms', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL).origin });
  await openApp(page, baseURL);
  await page.getByTestId('fill-medians').click();
  await page.getByTestId('copy-png').click();
  await notice(page, 'copy').filter({ hasText: 'Scorecard image copied' }).waitFor();
  const pasted = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const blob = await item.getType('image/png');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    return { types: item.types, bytes: Array.from(bytes) };
  });
  assert.ok(pasted.types.includes('image/png'), `clipboard types: ${pasted.types}`);
  const buf = Buffer.from(pasted.bytes);
  await mkdir(TMP_DIR, { recursive: true });
  await writeFile(path.join(TMP_DIR, 'export-slide-clipboard.png'), buf);
  const png = decodePng(buf);
  assert.deepEqual([png.width, png.height], [1920, 1080]);
  assert.ok(countColor(png, CHART_AREA, '#0063a6') > 20_000, 'the dimension chart is drawn');
});

test('copy-png: where the browser cannot copy images, the page says so and points to Download PNG', async ({ page, context, baseURL }) => {
  await context.addInitScript(() => {
    delete window.ClipboardItem;
  });
  await openApp(page, baseURL);
  await page.getByTestId('copy-png').click();
  const n = notice(page, 'copy');
  await n.waitFor();
  assert.match(await n.innerText(), /does not allow copying images; use Download PNG instead/);
  assert.match(await n.getAttribute('class'), /warning/);
});

test('copy-png: a refused clipboard write is reported, not thrown', async ({ page, context, baseURL }) => {
  await context.addInitScript(() => {
    Clipboard.prototype.write = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  });
  await openApp(page, baseURL);
  await page.getByTestId('copy-png').click();
  const n = notice(page, 'copy');
  await n.waitFor();
  assert.match(await n.innerText(), /refused to copy the image \(Write permission denied\.\); use Download PNG instead/);
});

test('print: the scorecard prints on one landscape page (Letter and A4), even with a long advice list', async ({ page, baseURL }) => {
  await openApp(page, baseURL);
  await page.getByTestId('fill-medians').click();
  // NRR contraction (a zone override), hidden churn, an overwhelmed team and more: the longest advice list.
  for (const [id, v] of Object.entries({ nrr: '92', grr: '80', 'accounts-per-csm': '90', 'qbr-completion': '30' })) {
    await page.getByTestId(`kpi-${id}`).fill(v);
  }
  assert.ok((await page.getByTestId('advice').count()) >= 3);
  await page.getByRole('note').filter({ hasText: 'Sample data' }).waitFor(); // the sample portfolio, with its label
  await page.locator('.results canvas').first().waitFor();
  await mkdir(TMP_DIR, { recursive: true });
  for (const [name, options] of [['letter', { preferCSSPageSize: true }], ['a4', { format: 'A4', landscape: true }]]) {
    const pdf = await page.pdf({ printBackground: true, ...options });
    await writeFile(path.join(TMP_DIR, `print-${name}.pdf`), pdf);
    const text = pdf.toString('latin1');
    const pages = text.match(/\/Type\s*\/Page(?!s)/g) ?? [];
    assert.equal(pages.length, 1, `${name}: printed pages: ${pages.length}`);
    const box = text.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
    assert.ok(box, 'no MediaBox');
    assert.ok(Number(box[1]) > Number(box[2]), `${name}: landscape: ${box[1]} × ${box[2]}`);
  }
});

test('privacy: the built page carries a same-origin-only CSP, and a full session never leaves the origin', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL).origin;
  // The CSP meta tag in the built index.html: only 'self' (plus local data:/blob: URLs), nothing remote.
  const html = await (await fetch(baseURL)).text();
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'no CSP meta tag in index.html');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  for (const d of ['script-src', 'connect-src', 'font-src', 'img-src', 'style-src', 'worker-src']) {
    assert.ok(directives[d], `${d} is set`);
    for (const src of directives[d]) assert.ok(["'self'", "'unsafe-inline'", 'data:', 'blob:'].includes(src), `${d} allows ${src}`);
  }
  assert.ok(!directives['script-src'].includes("'unsafe-inline'"), 'no inline scripts');

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const requests = recordRequests(page);
  await openApp(page, baseURL);
  await page.getByTestId('stage').selectOption('series-c');
  await page.getByTestId('fill-medians').click();
  await page.getByTestId('kpi-nrr').fill('98');
  await openCalibration(page);
  await page.getByTestId('threshold-preset').selectOption('smb');
  await importAccounts(page);
  await page.getByRole('button', { name: 'Save this audit' }).click();
  await page.locator('.history tbody tr').first().waitFor();
  await page.getByTestId('fill-medians').click();
  await page.getByRole('button', { name: 'Save this audit' }).click();
  await page.locator('.history canvas').first().waitFor();
  await page.getByTestId('share-link').click();
  await notice(page, 'share').filter({ hasText: 'Link copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  await page.getByTestId('copy-png').click();
  await notice(page, 'copy').filter({ hasText: 'copied' }).waitFor();
  await page.goto('about:blank');
  await page.goto(link);
  await page.getByRole('button', { name: 'Load shared scorecard' }).click();
  await notice(page, 'share').filter({ hasText: 'Loaded' }).waitFor();
  assert.ok(Number(await val(page, 'composite-score')) > 0);

  // The policy is enforced, not just present: a remote fetch is blocked before it leaves.
  const violated = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
    fetch('https://example.com/collect').catch(() => {});
  }));
  assert.equal(violated, 'connect-src');

  assert.ok(requests.urls.length > 3, `recorded ${requests.urls.length} requests`);
  requests.assertSameOrigin(origin);
});
