// The import in a real browser: the built app in system Chromium (playwright-core, the e2e harness's
// flags), a file picked in the import panel and read by the CSV worker.
//
// 1. The 1M-row file: from the input's change event, the time until the band counts show the imported
//    accounts, and the length of every main-thread task (a Chromium trace; the Long Tasks API as well, which
//    sees tasks over 50 ms only) until the page has been quiet for 2 s, persistence writes included. Three
//    runs, each in a fresh browser; the medians are reported, and the worst run in full.
// 2. Change → bands at 100k and 1M rows, untraced, as a ratio to papaparse parsing the same text on the
//    app's page in the same browser (the file read in the page with File.text(), a copy of the app's
//    papaparse evaluated into the page, warm, a forced GC before each run). Baseline runs in one page of
//    their own; each import run in a fresh browser.
// 3. Start-up with a stored 1M book: after each 1M import of (2) has been saved to IndexedDB (its own
//    profile directory), the page goes to about:blank and back to the app under a trace; every main-thread
//    task from that navigation until the bands show the stored book and the page has been quiet for 2 s.
//
// With `profile: true` the app is built unminified and a CPU profile of the page is taken (one run of (1),
// no trace, no (2) or (3)), so each long task can be named by the functions it spent its time in.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
const QUIET_MS = 2_000;

export function findBrowser() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * @param {{ root: string, outDir: string, file: string, expected: number, profile?: boolean, runs?: number,
 *   changeToBands?: { key: string, rows: number, file: string, expected: number, startup?: boolean }[],
 *   log?: (s: string) => void }} o
 *   expected: accounts the file scores (the band counts add up to it once the import has landed);
 *   changeToBands: the files of (2), `startup` on the one whose stored book (3) measures.
 */
export async function browserImport({ root, outDir, file, expected, profile = false, runs = profile ? 1 : 3, changeToBands = [], log = () => {} }) {
  const executablePath = findBrowser();
  if (!executablePath) return { skipped: 'no Chrome/Chromium found (set CHROME_PATH)' };

  const t0 = performance.now();
  await build({
    root,
    logLevel: 'error', // not the bundler's timing report
    build: { outDir, emptyOutDir: true, ...(profile ? { minify: false } : {}) },
  });
  log(`  built the app in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
  const baseURL = server.resolvedUrls?.local[0];
  try {
    // Several runs, each in a fresh browser: the machines here are noisy, so one run's longest task
    // says little; the median says what is typical and the worst run is kept in full.
    const all = [];
    for (let k = 0; k < runs; k++) {
      const r = await oneRun({ executablePath, baseURL, file, expected, profile });
      log(`  run ${k + 1}/${runs}: bands after ${r.timeToBandsMs} ms, longest main-thread task ${r.longestTaskMs} ms`);
      all.push(r);
    }
    const worst = all.reduce((w, r) => (r.longestTaskMs > w.longestTaskMs ? r : w));
    const out = {
      ...worst,
      runs: all.map((r) => ({ timeToBandsMs: r.timeToBandsMs, longestTaskMs: r.longestTaskMs })),
      timeToBandsMs: median(all.map((r) => r.timeToBandsMs)),
      longestTaskMs: median(all.map((r) => r.longestTaskMs)),
      worstTaskMs: worst.longestTaskMs,
    };
    if (!profile && changeToBands.length) Object.assign(out, await changeAndStartup({ root, executablePath, baseURL, sizes: changeToBands, runs, log }));
    return out;
  } finally {
    await server.close().catch(() => {});
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** papaparse as the app depends on it (package.json), evaluated into the page: the CSP forbids script tags. */
function papaSource(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const dir = path.dirname(require.resolve('papaparse/package.json'));
  return {
    version: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version,
    source: readFileSync(path.join(dir, 'papaparse.min.js'), 'utf8'),
  };
}

/**
 * (2) and (3): the papaparse baseline for every size on one app page, then `runs` untraced imports per
 * size, each in a fresh browser; after each import of the `startup` size, the stored book's start-up.
 */
async function changeAndStartup({ root, executablePath, baseURL, sizes, runs, log }) {
  const papa = papaSource(root);
  log(`  papaparse ${papa.version} on the page: ${BASELINE.warmup} warm-up + ${BASELINE.reps} runs per size…`);
  const baselines = await baselineRuns({ executablePath, baseURL, sizes, papa });
  const changeToBands = {};
  const startups = [];
  for (const size of sizes) {
    const base = baselines[size.key];
    log(`  ${size.key}: papaparse on the page ${base.medianMs} ms (runs ${base.runs.join(', ')})`);
    const imports = [];
    const errors = [];
    for (let k = 0; k < runs; k++) {
      const r = await changeRun({ executablePath, baseURL, file: size.file, expected: size.expected, startup: size.startup });
      imports.push(r.changeToBandsMs);
      errors.push(...r.errors);
      log(`  ${size.key} run ${k + 1}/${runs}: change → bands ${r.changeToBandsMs} ms (${(r.changeToBandsMs / base.medianMs).toFixed(2)}× papaparse)`);
      if (r.startup) {
        startups.push(r.startup);
        log(`    stored book on start-up: bands after ${r.startup.timeToBandsMs} ms, longest main-thread task ${r.startup.longestTaskMs} ms`);
      }
    }
    const importMs = median(imports);
    changeToBands[size.key] = {
      rows: size.rows,
      chars: base.chars,
      papaparse: { version: papa.version, warmup: BASELINE.warmup, medianMs: base.medianMs, runs: base.runs },
      import: { medianMs: importMs, runs: imports },
      ratio: round2(importMs / base.medianMs),
      errors,
    };
  }
  if (!startups.length) return { changeToBands };
  const worst = startups.reduce((w, r) => (r.longestTaskMs > w.longestTaskMs ? r : w));
  return {
    changeToBands,
    startup: {
      rows: sizes.find((s) => s.startup).rows,
      timeToBandsMs: median(startups.map((r) => r.timeToBandsMs)),
      longestTaskMs: median(startups.map((r) => r.longestTaskMs)),
      worstTaskMs: worst.longestTaskMs,
      runs: startups.map((r) => ({ timeToBandsMs: r.timeToBandsMs, longestTaskMs: r.longestTaskMs, tracedTasks: r.tracedTasks, tasksOver16Ms: r.tasksOver16Ms })),
      // The worst run's longest tasks, with the biggest trace events inside each.
      longestTasks: worst.longestTasks,
      tracedTasks: worst.tracedTasks,
      tasksOver16Ms: worst.tasksOver16Ms,
      errors: startups.flatMap((r) => r.errors),
    },
  };
}

const BASELINE = { warmup: 2, reps: 5 };

/**
 * papaparse on the app's page (the sample shown, the page quiet), the same text the import reads: the file
 * picked in an input of the benchmark's own and read with File.text(). A forced GC before every run, so one
 * run's garbage is not collected in the next.
 */
async function baselineRuns({ executablePath, baseURL, sizes, papa }) {
  const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
  try {
    const context = await browser.newContext({ baseURL, locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await context.addInitScript(pageHooks);
    const page = await context.newPage();
    await page.goto(baseURL);
    await page.locator('[data-testid="band-healthy-count"]').waitFor({ timeout: 30_000 });
    await quiet(page, 0);
    await page.evaluate(`(function () {\n${papa.source}\n}).call(window)`);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'bench-file';
      input.hidden = true;
      document.body.append(input);
    });
    const cdp = await context.newCDPSession(page);
    const out = {};
    for (const { key, file } of sizes) {
      await page.setInputFiles('#bench-file', file);
      const chars = await page.evaluate(async () => {
        window.__benchText = await document.getElementById('bench-file').files[0].text();
        return window.__benchText.length;
      });
      const times = [];
      for (let k = 0; k < BASELINE.warmup + BASELINE.reps; k++) {
        await cdp.send('HeapProfiler.collectGarbage');
        await page.waitForTimeout(100);
        const ms = await page.evaluate(() => {
          const t = performance.now();
          const rows = window.Papa.parse(window.__benchText, { delimiter: ',', newline: '\n' }).data.length;
          const ms = performance.now() - t;
          if (rows < 2) throw new Error('papaparse read no rows');
          return ms;
        });
        if (k >= BASELINE.warmup) times.push(round(ms));
      }
      await page.evaluate(() => delete window.__benchText);
      out[key] = { chars, runs: times, medianMs: median(times) };
    }
    return out;
  } finally {
    await browser.close().catch(() => {});
  }
}

/**
 * One untraced import in a fresh browser with a profile directory of its own: from the input's change event
 * until the band counts add up to the import. With `startup`, then the stored book's start-up (3).
 */
async function changeRun({ executablePath, baseURL, file, expected, startup }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath, headless: true, args: ARGS, baseURL, locale: 'en-US', viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(pageHooks);
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(baseURL);
    await page.locator('[data-testid="band-healthy-count"]').waitFor({ timeout: 30_000 });
    await quiet(page, 0);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await page.evaluate((n) => {
      document.addEventListener('change', (e) => {
        if (e.target?.dataset?.testid === 'accounts-file') window.__picked ??= performance.now();
      }, { capture: true });
      window.__bands = window.__watchBands(n);
    }, expected);
    await page.setInputFiles('[data-testid="accounts-file"]', file);
    const bandsAt = await bandsOrNull(page, 180_000);
    if (bandsAt === null) throw new Error(`the bands never showed ${expected} accounts${await importError(page)}`);
    const picked = await page.evaluate(() => window.__picked);
    const out = { changeToBandsMs: round(bandsAt - picked), errors: [...errors] };
    if (!startup) return out;
    errors.length = 0;

    // The book saved (one IndexedDB transaction: the record is there once it has committed) and the page quiet.
    const deadline = Date.now() + 120_000;
    while (!(await page.evaluate(storedBook))) {
      if (Date.now() > deadline) throw new Error('the imported book was not saved within 2 minutes');
      await page.waitForTimeout(250);
    }
    await quiet(page, await page.evaluate(() => performance.now()));
    await page.goto('about:blank');

    // The app again, on the same profile, under a trace: from this navigation until the stored book's bands
    // show and the page has been quiet for 2 s.
    await context.addInitScript((n) => {
      if (window.__watchBands) window.__bands = window.__watchBands(n);
    }, expected);
    const browser = context.browser();
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.goto(baseURL);
    const shownAt = await bandsOrNull(page, 120_000);
    if (shownAt === null) {
      await browser.stopTracing().catch(() => {});
      throw new Error(`the stored book's bands never showed ${expected} accounts${await importError(page)}`);
    }
    await quiet(page, shownAt);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    if (process.env.BENCH_STARTUP_TRACE_OUT) writeFileSync(process.env.BENCH_STARTUP_TRACE_OUT, JSON.stringify(trace));
    const traced = mainThreadTasks(trace, { mark: 'bench-document', fromMark: false });
    if (!traced) throw new Error('the start-up trace has no main thread');
    return {
      ...out,
      startup: {
        timeToBandsMs: round(shownAt),
        longestTaskMs: round(traced.longest),
        tracedTasks: traced.count,
        tasksOver16Ms: traced.over16,
        longestTasks: traced.top,
        errors,
      },
    };
  } finally {
    await context.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs in the page before its own scripts: the Long Tasks API from the start (quiet() reads it), a mark at
 * the document's start (the start-up trace finds the page's main thread by it), and __watchBands(n): a
 * promise of the moment the band counts (§7 hooks, data-value) add up to n, seen by a DOM observer (no
 * polling work on the page).
 */
function pageHooks() {
  if (location.protocol === 'about:') return;
  performance.mark('bench-document');
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const count = (b) => Number(document.querySelector(`[data-testid="band-${b}-count"]`)?.getAttribute('data-value') ?? NaN);
  window.__watchBands = (n) =>
    new Promise((resolve) => {
      const seen = new MutationObserver(() => {
        if (count('healthy') + count('watch') + count('risk') !== n) return;
        seen.disconnect();
        resolve(performance.now());
      });
      seen.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
    });
}

/** In the page: whether the app's IndexedDB holds a stored portfolio. */
function storedBook() {
  return new Promise((resolve) => {
    const open = indexedDB.open('cs-scorecard');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('kv')) {
        db.close();
        return resolve(false);
      }
      const q = db.transaction('kv', 'readonly').objectStore('kv').count('cs-scorecard:portfolio');
      q.onsuccess = () => {
        db.close();
        resolve(q.result > 0);
      };
      q.onerror = () => {
        db.close();
        resolve(false);
      };
    };
  });
}

const bandsOrNull = (page, ms) =>
  page.evaluate((t) => Promise.race([window.__bands, new Promise((resolve) => setTimeout(() => resolve(null), t))]), ms);

async function importError(page) {
  const error = await page.locator('[data-testid="import-error"]').textContent({ timeout: 1_000 }).catch(() => null);
  return error ? `: ${error}` : '';
}

const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'blink.user_timing', 'v8', 'v8.execute', 'disabled-by-default-v8.gc'];

async function oneRun({ executablePath, baseURL, file, expected, profile }) {
  const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
  try {
    const context = await browser.newContext({ baseURL, locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await context.addInitScript(pageHooks);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(baseURL);
    // The first visit imports the built-in sample; wait for it and for the page to go quiet.
    await page.locator('[data-testid="band-healthy-count"]').waitFor({ timeout: 30_000 });
    await page.evaluate((n) => {
      // A named 3 ms spin when the file is picked: it shows in a CPU profile, tying its clock to the page's.
      window.benchMarker = function benchMarker() {
        const t = performance.now();
        while (performance.now() - t < 3);
      };
      document.addEventListener(
        'change',
        () => {
          window.__picked = performance.now();
          performance.mark('bench-picked');
          window.benchMarker();
        },
        { capture: true, once: true },
      );
      window.__bands = window.__watchBands(n);
    }, expected);
    await quiet(page, 0);

    let cdp = null;
    if (profile) {
      cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }

    // A trace of the page's main thread: every task's length, not only those the Long Tasks API reports
    // (it sees tasks over 50 ms only, so it cannot say how far below the target the longest one is).
    if (!profile) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.setInputFiles('[data-testid="accounts-file"]', file);
    const bandsAt = await bandsOrNull(page, 180_000);
    if (bandsAt === null) throw new Error(`the bands never showed ${expected} accounts${await importError(page)}`);
    const picked = await page.evaluate(() => window.__picked);
    await quiet(page, picked);
    const tasks = (await page.evaluate(() => window.__longTasks)).filter((t) => t.start + t.duration >= picked);
    const cpuProfile = cdp ? (await cdp.send('Profiler.stop')).profile : null;
    const trace = profile ? null : JSON.parse((await browser.stopTracing()).toString('utf8'));
    if (trace && process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify(trace));
    const traced = trace ? mainThreadTasks(trace) : null;
    // The raw profile, for a closer look (open it in Chromium's DevTools Performance panel).
    if (cpuProfile && process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify({ picked, tasks, cpuProfile }));

    const rel = tasks.map((t) => ({ start: round(t.start - picked), duration: round(t.duration) }));
    const longest = rel.reduce((m, t) => Math.max(m, t.duration), 0);
    return {
      browser: browser.version(),
      timeToBandsMs: round(bandsAt - picked),
      // From the trace when there is one (exact, any length), else the Long Tasks API (0 = none over 50 ms).
      longestTaskMs: traced ? round(Math.max(longest, traced.longest)) : longest,
      ...(traced ? { tracedTasks: traced.count, tasksOver16Ms: traced.over16, longestTasks: traced.top } : {}),
      longTasks: rel,
      errors,
      ...(cpuProfile ? { profile: taskProfiles(cpuProfile, rel) } : {}),
    };
  } finally {
    await browser.close().catch(() => {});
  }
}

/**
 * The page's main-thread tasks (RunTask on CrRendererMain of the process that made the user-timing mark
 * `mark`): how many, the longest, and how many over a frame. By default from the mark on (the 'change'
 * listener's 'bench-picked'); with `fromMark: false` the whole trace, times counted from the page's
 * navigationStart (the start-up trace, begun before the navigation).
 */
export function mainThreadTasks(trace, { mark: markName = 'bench-picked', fromMark = true } = {}) {
  const events = trace.traceEvents ?? trace;
  const mark = events.find((e) => e.name === markName);
  if (!mark) return null;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === mark.pid);
  if (!main) return null;
  const onMain = (e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid;
  // 'RunTask' in older Chromium, 'ThreadControllerImpl::RunTask' in newer.
  const tasks = events.filter((e) => onMain(e) && /(^|::)RunTask$/.test(e.name) && (!fromMark || e.ts + e.dur >= mark.ts));
  const navigation = fromMark
    ? null
    : events.filter((e) => e.name === 'navigationStart' && e.pid === main.pid && e.ts <= mark.ts && /^https?:/.test(e.args?.data?.documentLoaderURL ?? '')).at(-1);
  const origin = fromMark ? mark.ts : (navigation ?? mark).ts;
  const longest = [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 3);
  return {
    count: tasks.length,
    longest: tasks.reduce((m, e) => Math.max(m, e.dur / 1000), 0),
    over16: tasks.filter((e) => e.dur > 16_000).length,
    // The three longest, with what ran inside them (the biggest nested trace events), for a first look.
    top: longest.map((t) => ({
      start: round((t.ts - origin) / 1000),
      duration: round(t.dur / 1000),
      inside: events
        .filter((e) => onMain(e) && e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > 2_000)
        .sort((a, b) => b.dur - a.dur)
        .slice(0, 6)
        .map((e) => `${e.name}${callee(e.args?.data)} ${round(e.dur / 1000)}`),
    })),
  };
}

/** A FunctionCall's function, or else its script (the bundle's file, hash dropped) and position. */
function callee(data) {
  if (data?.functionName) return ` ${data.functionName}`;
  if (!data?.url) return '';
  return ` ${data.url.split('/').pop().replace(/-[\w-]{8}\.js$/, '.js')}:${data.lineNumber + 1}:${data.columnNumber + 1}`;
}

/** Resolves once no long task has started for QUIET_MS since `since` (or the last one). */
async function quiet(page, since) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const idleFor = await page.evaluate((from) => {
      const last = window.__longTasks.reduce((m, t) => Math.max(m, t.start + t.duration), from);
      return performance.now() - last;
    }, since);
    if (idleFor >= QUIET_MS || Date.now() > deadline) return;
    await page.waitForTimeout(Math.max(100, QUIET_MS - idleFor));
  }
}

const round = (x) => Math.round(x * 10) / 10;
const round2 = (x) => Math.round(x * 100) / 100;

/**
 * What each long task spent its time in, from the CPU profile: the functions with the most self time, and
 * the app's own frames (bundled assets) it ran under, by total time. `tasks` are relative to the pick,
 * which the profile shows as the first sample inside benchMarker.
 */
export function taskProfiles(profile, tasks) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const f = n.callFrame;
    const file = f.url ? f.url.split('/').pop().replace(/-[\w-]{8}\.js$/, '.js') : '';
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
  };
  const times = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) times.push((t += profile.timeDeltas[i]));
  const stack = (id) => {
    const out = [];
    for (let k = id; k !== undefined; k = parent.get(k)) out.push(byId.get(k));
    return out;
  };
  const mark = profile.samples.findIndex((id) => stack(id).some((n) => n.callFrame.functionName === 'benchMarker'));
  if (mark < 0) return [];
  const origin = times[mark] / 1000; // ms on the profile's clock at the pick
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => ({ name, ms: round(us / 1000) }));
  return tasks.map((task) => {
    const self = new Map();
    const frames = new Map();
    for (let i = 0; i < times.length; i++) {
      const at = times[i] / 1000 - origin;
      if (at < task.start || at > task.start + task.duration) continue;
      const dt = profile.timeDeltas[i + 1] ?? 0;
      const s = stack(profile.samples[i]);
      const me = label(s[0]);
      self.set(me, (self.get(me) ?? 0) + dt);
      const seen = new Set();
      for (const n of s) {
        if (!/\/assets\//.test(n.callFrame.url)) continue;
        const l = label(n);
        if (seen.has(l)) continue;
        seen.add(l);
        frames.set(l, (frames.get(l) ?? 0) + dt);
      }
    }
    return { ...task, self: top(self, 8), appFrames: top(frames, 10) };
  });
}

export const appOutDir = (root, profile) => path.join(root, 'node_modules/.cache', profile ? 'cs-bench-app-profile' : 'cs-bench-app');
