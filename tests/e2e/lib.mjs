// Tiny e2e test API + helpers. Test files (tests/e2e/**/*.e2e.mjs) import from here:
//
//   import { test, assert, recordRequests } from './lib.mjs';
//   test('page loads', async ({ page, baseURL }) => { ... });
//
// Each test gets a fresh browser context (isolated storage) and page; see run.mjs.
import { strict as assert } from 'node:assert';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export { assert };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TMP_DIR = path.join(ROOT, '.e2e-tmp');

/** Registered tests, filled by test(); read by run.mjs. */
export const registry = [];
let currentFile = '';
export function _setCurrentFile(f) { currentFile = f; }

/**
 * Register a test. fn receives { page, context, browser, baseURL }.
 * @param {string} name
 * @param {(ctx: {page: import('playwright-core').Page, context: import('playwright-core').BrowserContext,
 *   browser: import('playwright-core').Browser, baseURL: string}) => Promise<void>} fn
 * @param {{ timeout?: number }} [opts] per-test timeout in ms (default 60 s, or E2E_TIMEOUT)
 */
export function test(name, fn, opts = {}) {
  registry.push({ name, fn, file: currentFile, timeout: opts.timeout });
}

const IGNORED_SCHEMES = new Set(['data:', 'blob:', 'about:', 'chrome-extension:']);

/**
 * Record every request made in the page's browser context (pages, workers, service workers).
 * @param {import('playwright-core').Page} page
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
 * @param {import('playwright-core').Page} page
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
