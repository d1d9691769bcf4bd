// Tiny e2e test API + helpers on top of @playwright/test. Test files (tests/e2e/**/*.e2e.mjs) import from here:
//
//   import { test, assert, recordRequests } from './lib.mjs';
//   test('page loads', async ({ page, baseURL }) => { ... });
//
// Each test gets a fresh browser context (isolated storage) and page; browser, server and
// context options are in playwright.config.ts.
import { strict as assert } from 'node:assert';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { test as base } from '@playwright/test';

export { assert };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Files a test keeps to look at (screenshots, downloads). Playwright's own artefacts go to test-results/. */
export const TMP_DIR = path.join(ROOT, '.e2e-tmp');

/** Every test: collect the page's errors and console errors, attached to the report when the test fails. */
const e2e = base.extend({
  browserErrors: [
    async ({ page }, use, testInfo) => {
      const errors = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
      });
      await use(errors);
      if (errors.length && testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('browser errors', { body: errors.join('\n'), contentType: 'text/plain' });
      }
    },
    { auto: true },
  ],
});

/**
 * Register a test with @playwright/test. fn receives { page, context, browser, baseURL }.
 * @param {string} name unique within its file
 * @param {(ctx: {page: import('@playwright/test').Page, context: import('@playwright/test').BrowserContext,
 *   browser: import('@playwright/test').Browser, baseURL: string}) => Promise<void>} fn
 * @param {{ timeout?: number }} [opts] per-test timeout in ms (default 60 s, or E2E_TIMEOUT)
 */
export function test(name, fn, opts = {}) {
  // Playwright records the line that called it as the test's location; report the test file's line
  // (the caller of this function) instead of this one: skip the frames from register() up.
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = (target) => capture(target, register);
  try {
    register(name, async ({ page, context, browser, baseURL }, testInfo) => {
      if (opts.timeout) testInfo.setTimeout(opts.timeout);
      await fn({ page, context, browser, baseURL: /** @type {string} */ (baseURL) });
    });
  } finally {
    Error.captureStackTrace = capture;
  }
}
function register(name, body) {
  e2e(name, body);
}

const IGNORED_SCHEMES = new Set(['data:', 'blob:', 'about:', 'chrome-extension:']);

/**
 * Record every request made in the page's browser context (pages, workers, service workers).
 * @param {import('@playwright/test').Page} page
 */
export function recordRequests(page) {
  const urls = [];
  page.context().on('request', (req) => urls.push(req.url()));
  /** Requests to an origin other than `origin` (default: the page's current origin). */
  function external(origin = new URL(page.url()).origin) {
    return urls.filter((u) => {
      const url = new URL(u);
      return !IGNORED_SCHEMES.has(url.protocol) && url.origin !== origin;
    });
  }
  return {
    urls,
    external,
    assertSameOrigin(origin) {
      const bad = external(origin);
      assert.deepEqual(bad, [], `requests left the page's origin:\n  ${bad.join('\n  ')}`);
    },
  };
}

/** Save a full-page screenshot to .e2e-tmp/<name>.png and return its path. */
export async function screenshot(page, name) {
  await mkdir(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, `${slug(name)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function slug(s) {
  return String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'shot';
}

const AXE_PATH = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

/**
 * Run axe-core in the page; returns the violations array (empty = clean).
 * @param {import('@playwright/test').Page} page
 * @param {object} [options] axe.run options, e.g. { runOnly: ['wcag2a', 'wcag2aa'] }
 * @param {string} [selector] context to check (default: whole document)
 */
export async function axeCheck(page, options = {}, selector) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE_PATH }).catch(() => {});
    // A strict CSP blocks the injected inline <script>; evaluate is exempt from CSP.
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
      await page.evaluate(await readFile(AXE_PATH, 'utf8'));
    }
  }
  const result = await page.evaluate(
    ([sel, opts]) => window.axe.run(sel ? document.querySelector(sel) : document, opts),
    [selector ?? null, options],
  );
  return result.violations;
}

/** One readable line per axe violation, for assertion messages. */
export function formatViolations(violations) {
  return violations
    .map((v) => `${v.impact ?? '?'} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)
    .join('\n  ');
}
