import { readFile } from 'node:fs/promises';
import { test, assert } from './lib.mjs';
import { decodePng, notice, openApp, storageReady, val } from './helpers.mjs';

/** Wait until the service worker has installed (precached the build) and controls this page. */
async function serviceWorkerInControl(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

test('offline: after the first visit the page reloads, grades, imports and exports with the network off', async ({ page, context, baseURL }) => {
  await openApp(page, baseURL);
  await serviceWorkerInControl(page);
  // said only once the service worker has cached the app
  await page.waitForFunction(() => /works offline/.test(document.querySelector('[data-testid="storage-mode"]')?.textContent ?? ''));
  await page.getByTestId('stage').selectOption('series-c');
  await page.getByTestId('kpi-nrr').fill('110');

  await context.setOffline(true);
  try {
    const res = await page.reload();
    assert.ok(res?.fromServiceWorker(), 'the page came from the service worker');
    assert.equal(await storageReady(page), 'indexeddb');
    await page.waitForFunction(() => /works offline/.test(document.querySelector('[data-testid="storage-mode"]')?.textContent ?? ''));
    // Restored from IndexedDB, graded by the precached engine.
    assert.equal(await page.getByTestId('stage').inputValue(), 'series-c');
    assert.equal(await page.getByTestId('kpi-nrr').inputValue(), '110');
    await page.getByTestId('fill-medians').click();
    assert.equal(await val(page, 'composite-grade'), 'C+');
    // Lazily loaded pieces come from the cache too: the sample import, Chart.js, the PNG export.
    await page.getByRole('note').filter({ hasText: 'Sample data' }).waitFor();
    assert.ok(Number(await val(page, 'total-arr')) > 0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const { width, height } = decodePng(await readFile(await download.path()));
    assert.deepEqual([width, height], [1920, 1080]);
    assert.equal(await page.locator('[data-notice]').filter({ hasText: /failed|could not/i }).count(), 0);

    // A fresh navigation (new tab, query string) works offline as well.
    const other = await context.newPage();
    await other.goto(`${baseURL}?utm=x`);
    await storageReady(other);
    assert.equal(await other.getByTestId('stage').inputValue(), 'series-c');
    await other.close();
  } finally {
    await context.setOffline(false);
  }
  assert.equal(await notice(page, 'store-memory').count(), 0);
});
