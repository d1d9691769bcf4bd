import { test, assert, recordRequests } from './lib.mjs';

test('smoke: page loads with a title and h1, no request leaves the origin', async ({ page, baseURL }) => {
  const requests = recordRequests(page);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await page.goto(baseURL, { waitUntil: 'networkidle' });

  assert.ok((await page.title()).trim().length > 0, 'document title is empty');
  await page.locator('h1').first().waitFor({ state: 'visible' });
  assert.deepEqual(pageErrors, [], 'uncaught errors on load');
  requests.assertSameOrigin(new URL(baseURL).origin);
});
