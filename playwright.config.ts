// Browser tests (tests/e2e/**/*.e2e.mjs) with @playwright/test, driving the system Chrome/Chromium
// (no browser download). Run them with `npm run test:e2e [filter]` or `npm test` (see scripts/test.mjs).
//
// Env: CHROME_PATH       browser executable (else well-known paths are tried)
//      E2E_SKIP_BUILD=1  reuse the existing dist/ (e.g. after `npm run build`) instead of `vite build`
//      E2E_TIMEOUT       per-test timeout in ms (default 60000)
//      E2E_WORKERS       parallel browsers (default 1 on CI, 2 locally)
//      E2E_HEADED=1      show the browser window (local debugging)
//      E2E_JSON_REPORT   also write Playwright's JSON report here (scripts/test.mjs counts results from it)
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromium } from 'playwright-core';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
const CI = !!process.env.CI && process.env.CI !== 'false';
// `playwright test --headed` too (workers see the env, not the runner's argv).
if (process.argv.includes('--headed')) process.env.E2E_HEADED = '1';
const HEADED = process.env.E2E_HEADED === '1';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function findBrowser(): string | null {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
  for (const p of CANDIDATES) if (existsSync(p)) return p;
  // Last resort: a browser downloaded by `npx playwright install chromium`.
  try {
    const p = chromium.executablePath();
    if (p && existsSync(p)) return p;
  } catch {}
  return null;
}

/** Stop before anything starts, with one line saying what to do. */
function fail(message: string): never {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

const executablePath = findBrowser();
if (!executablePath) {
  fail(
    process.env.CHROME_PATH
      ? `CHROME_PATH=${process.env.CHROME_PATH} does not exist — point it at a Chrome/Chromium binary (or: sudo apt-get install chromium)`
      : 'no Chrome/Chromium found — install one (sudo apt-get install chromium) or set CHROME_PATH=/path/to/chrome',
  );
}
const skipBuild = process.env.E2E_SKIP_BUILD === '1';
if (skipBuild && !existsSync(path.join(ROOT, 'dist/index.html'))) {
  fail('E2E_SKIP_BUILD=1 but dist/index.html is missing — run `npm run build` first');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// Workers load this file again: pick the port once, in the runner, and hand it down through the env.
process.env.E2E_PORT ||= String(await freePort());
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}/`;

const node = JSON.stringify(process.execPath);
const vite = JSON.stringify(VITE);
const preview = `${node} ${vite} preview --port ${port} --strictPort --host 127.0.0.1`;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.mjs',
  outputDir: 'test-results',
  timeout: Number(process.env.E2E_TIMEOUT) || 60_000,
  retries: CI ? 1 : 0,
  // One static preview server and an isolated context per test: files can run side by side.
  workers: Number(process.env.E2E_WORKERS) || (CI ? 1 : 2),
  forbidOnly: CI,
  reporter: [['list'], ...(process.env.E2E_JSON_REPORT ? [['json', { outputFile: process.env.E2E_JSON_REPORT }] as const] : [])],
  webServer: {
    // The production build, as users get it (service worker, CSP, lazy chunks).
    command: skipBuild ? preview : `${node} ${vite} build --logLevel warn && ${preview}`,
    cwd: ROOT,
    url: baseURL,
    env: { BROWSER: 'none' },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL,
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    acceptDownloads: true,
    headless: !HEADED,
    trace: 'retain-on-failure',
    screenshot: { mode: 'only-on-failure', fullPage: true },
    launchOptions: {
      executablePath: executablePath!,
      args: [
        ...(HEADED ? [] : ['--headless']),
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      ],
    },
  },
});
