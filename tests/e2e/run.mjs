#!/usr/bin/env node
// Dependency-free e2e runner (only playwright-core + a system Chrome/Chromium).
//
//   node tests/e2e/run.mjs [filter...]     run tests whose name or file contains a filter
//
// Steps: find a browser -> `vite build` (always, unless E2E_SKIP_BUILD=1) -> `vite preview`
// on a free 127.0.0.1 port -> run every tests/e2e/**/*.e2e.mjs, each test in a fresh
// browser context + page -> print `e2e: N passed, N failed`, exit 1 on any failure.
//
// Env: CHROME_PATH     browser executable (else well-known paths are tried)
//      E2E_SKIP_BUILD=1 reuse the existing dist/ (e.g. after `npm run build`)
//      E2E_TIMEOUT     per-test timeout in ms (default 60000)
//      E2E_HEADED=1    show the browser window (local debugging)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { registry, _setCurrentFile, ROOT, TMP_DIR, slug } from './lib.mjs';

const E2E_DIR = path.join(ROOT, 'tests/e2e');
const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
const TEST_TIMEOUT = Number(process.env.E2E_TIMEOUT) || 60_000;
const filters = process.argv.slice(2).map((f) => f.toLowerCase());

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function findBrowser() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
  for (const p of CANDIDATES) if (existsSync(p)) return p;
  // Last resort: a browser downloaded by `npx playwright-core install chromium`.
  try {
    const p = chromium.executablePath();
    if (p && existsSync(p)) return p;
  } catch {}
  return null;
}

let server = null;
let browser = null;
async function cleanup() {
  const b = browser;
  browser = null;
  if (b) await b.close().catch(() => {});
  if (server && server.exitCode === null) server.kill('SIGTERM');
  server = null;
}
process.on('exit', () => { if (server && server.exitCode === null) server.kill('SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => { await cleanup(); process.exit(130); });
}

function fail(msg) {
  console.error(msg);
  return cleanup().then(() => process.exit(1));
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startPreview() {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}/`;
  let log = '';
  server = spawn(process.execPath, [VITE, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BROWSER: 'none' },
  });
  server.stdout.on('data', (d) => (log += d));
  server.stderr.on('data', (d) => (log += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (${server.exitCode}):\n${log}`);
    try {
      const res = await fetch(baseURL);
      if (res.ok) return baseURL;
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`vite preview did not answer on ${baseURL} within 30 s:\n${log}`);
}

async function findTestFiles(dir) {
  const out = [];
  for (const ent of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory() && ent.name !== 'node_modules') out.push(...(await findTestFiles(p)));
    else if (ent.isFile() && ent.name.endsWith('.e2e.mjs')) out.push(p);
  }
  return out.sort();
}

function withTimeout(promise, ms, onTimeout) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => { onTimeout(); reject(new Error(`test timed out after ${ms} ms`)); }, ms);
  });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

function indent(s) {
  return String(s).replace(/^/gm, '    ');
}

async function main() {
  const executablePath = findBrowser();
  if (!executablePath) {
    return fail(
      process.env.CHROME_PATH
        ? `e2e: CHROME_PATH=${process.env.CHROME_PATH} does not exist — point it at a Chrome/Chromium binary (or: sudo apt-get install chromium)`
        : 'e2e: no Chrome/Chromium found — install one (sudo apt-get install chromium) or set CHROME_PATH=/path/to/chrome',
    );
  }

  // Load tests first: a syntax error in a test file should fail fast, before building.
  for (const file of await findTestFiles(E2E_DIR)) {
    _setCurrentFile(path.relative(ROOT, file));
    await import(pathToFileURL(file).href);
  }
  const selected = registry.filter(
    (t) => !filters.length || filters.some((f) => t.name.toLowerCase().includes(f) || t.file.toLowerCase().includes(f)),
  );
  if (!selected.length) return fail(`e2e: no tests matched${filters.length ? ` "${filters.join('", "')}"` : ''}`);

  if (process.env.E2E_SKIP_BUILD === '1') {
    if (!existsSync(path.join(ROOT, 'dist/index.html'))) return fail('e2e: E2E_SKIP_BUILD=1 but dist/index.html is missing — run `npm run build` first');
  } else {
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [VITE, 'build', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) return fail(`e2e: vite build failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    console.log(`e2e: built dist/ in ${Date.now() - t0} ms`);
  }

  const baseURL = await startPreview();
  // launch() gives every run a fresh temporary profile (Playwright creates and deletes the
  // user-data dir itself; it rejects --user-data-dir in args), and every test gets its own
  // incognito-like context, so no storage leaks between runs or tests.
  browser = await chromium.launch({
    executablePath,
    headless: process.env.E2E_HEADED !== '1',
    args: [
      ...(process.env.E2E_HEADED === '1' ? [] : ['--headless']),
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
  console.log(`e2e: ${selected.length} test(s) against ${baseURL} with ${executablePath} (${browser.version()})`);

  let passed = 0;
  let failed = 0;
  for (const t of selected) {
    const context = await browser.newContext({ baseURL, locale: 'en-US', viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(20_000);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console.error: ${m.text()}`); });
    const t0 = Date.now();
    try {
      await withTimeout(t.fn({ page, context, browser, baseURL }), t.timeout ?? TEST_TIMEOUT, () => context.close().catch(() => {}));
      passed++;
      console.log(`✓ ${t.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      console.log(`✗ ${t.name} (${Date.now() - t0} ms) [${t.file}]`);
      console.log(indent(err?.stack || err));
      if (errors.length) console.log(indent(`browser errors:\n${errors.join('\n')}`));
      try {
        await mkdir(TMP_DIR, { recursive: true });
        const shot = path.join(TMP_DIR, `failed-${slug(t.name)}.png`);
        await page.screenshot({ path: shot, fullPage: true, timeout: 5_000 });
        console.log(indent(`screenshot: ${path.relative(ROOT, shot)}`));
      } catch {}
    } finally {
      await context.close().catch(() => {});
    }
  }

  await cleanup();
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => fail(`e2e: runner error: ${err?.stack || err}`));
