#!/usr/bin/env node
// `npm run bench`: how fast the import and the engine are, measured, not asserted (no pass/fail exit).
//
//   node --expose-gc benchmarks/run.mjs [--no-browser | --browser-only | --cli-only] [--profile-browser] [--quick]
//     (--browser-only and --cli-only replace only their section of results.json)
//   node benchmarks/run.mjs --print        the table of the last results.json
//   node --expose-gc benchmarks/run.mjs --rollups   only segment scoring and the roll-ups (1M), no results.json
//   node --expose-gc benchmarks/run.mjs --movement  only matching two 1M books (SPEC §4.6), no results.json
//
// 1. Bundles benchmarks/entry.ts (the product's own TS) with Vite's SSR build; node_modules stay external.
// 2. Writes seeded exports of 10k, 100k and 1M rows to benchmarks/data/ (kept between runs).
// 3. Measures, in this process: papaparse alone (the baseline) vs the full import (parse, map, value
//    parsing, validation, score, roll-up) on the same text; the engine's score + roll-up; a scorecard
//    recompute after one KPI edit; sort and filter of 100k accounts. Medians after warm-up runs.
// 4. Peak memory of the 1M-row import, in a fresh process.
// 5. The 1M-row file imported through the Web Worker in system Chromium: longest main-thread task and
//    the time until the bands show; the 100k and 1M files from the change event to the bands, against
//    papaparse on the same page; the start-up of the stored 1M book (browser.mjs).
// 6. The command line (cli.mjs): `npm run score` on 1M and 10M rows against papaparse streaming, its peak
//    memory, and the generated SQL over 10M accounts in DuckDB (--cli-only: just this, merged into results.json).
// Prints a table and writes benchmarks/results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { appOutDir, browserImport } from './browser.mjs';
import { cliBench } from './cli.mjs';
import { writeExport } from './generate.mjs';
import { compare, measure } from './measure.mjs';
import { movementBench, movementRows } from './movement.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const DATA = path.join(HERE, 'data');
const BUNDLE_DIR = path.join(ROOT, 'node_modules/.cache/cs-bench'); // inside the project so 'papaparse' resolves
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const BROWSER_ONLY = args.has('--browser-only');
const ROLLUPS_ONLY = args.has('--rollups');
const CLI_ONLY = args.has('--cli-only');
const MOVEMENT_ONLY = args.has('--movement');
const SEED = 20261123;
// A fixed "today" (2025-01-01) keeps the data files valid across days; the import is told the same day.
const TODAY = 20089;
const GENERATOR_VERSION = 1;
const SIZES = ROLLUPS_ONLY || MOVEMENT_ONLY ? [1_000_000] : QUICK ? [10_000, 100_000] : BROWSER_ONLY ? [100_000, 1_000_000] : [10_000, 100_000, 1_000_000];
const REPS = { 10_000: { warmup: 3, reps: 11 }, 100_000: { warmup: 2, reps: 7 }, 1_000_000: { warmup: 0, reps: 3 } };

const TARGET = {
  importRatio: { 10000: 2, 100000: 1.3, 1000000: 1.2 },
  engineAccountsPerSec: 5e6,
  recomputeMs: 1,
  queryMs: 100,
  longTaskMs: 50,
  // In the browser, change event → bands shown, as a multiple of papaparse parsing the same text on the page.
  changeToBandsRatio: { '100k': 2, '1M': 1.5 },
  startupLongTaskMs: 50,
  segmentAccountsPerSec: 10e6,
  rollupsMs: 1000 / 60,
};

const log = (s) => process.stdout.write(`${s}\n`);
const label = (n) => (n >= 1e6 ? `${+(n / 1e6).toFixed(2)}M` : `${Math.round(n / 1e3)}k`);

if (args.has('--print')) {
  printTable(JSON.parse(readFileSync(path.join(HERE, 'results.json'), 'utf8')));
  process.exit(0);
}
if (typeof globalThis.gc !== 'function') log('note: run with --expose-gc (npm run bench does) for a GC between samples');

// 1. The product's code, as one ES module.
log('building the benchmark bundle…');
await build({
  configFile: false,
  root: ROOT,
  publicDir: false,
  logLevel: 'warn',
  build: { ssr: path.join(HERE, 'entry.ts'), outDir: BUNDLE_DIR, emptyOutDir: true, target: 'node20', minify: false },
});
const BUNDLE = path.join(BUNDLE_DIR, 'entry.js');
const m = await import(pathToFileURL(BUNDLE).href);

// The baseline gets its own copy of papaparse. Sharing one with the import would mix the JIT feedback of
// its full-parse and step modes in one Parser.parse and slow whichever ran second (measured: ~1.6×).
const require = createRequire(import.meta.url);
const papaPath = require.resolve('papaparse');
delete require.cache[papaPath];
const Papa = require(papaPath);

// 2. Data.
mkdirSync(DATA, { recursive: true });
const dataFile = (n) => path.join(DATA, `accounts-${label(n)}-s${SEED}-v${GENERATOR_VERSION}.csv`);
if (CLI_ONLY) {
  const file = path.join(HERE, 'results.json');
  const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { machine: {}, browser: { skipped: 'not run' } };
  results.cli = { when: new Date().toISOString(), loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100), ...(await cliBench({ m, dataFile, seed: SEED, today: TODAY, log })) };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
  process.exit(0);
}
for (const n of SIZES) {
  const f = dataFile(n);
  if (existsSync(f)) continue;
  const t = performance.now();
  writeExport(`${f}.part`, n, SEED, TODAY, m);
  renameSync(`${f}.part`, f);
  log(`generated ${path.relative(ROOT, f)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const results = {
  when: new Date().toISOString(),
  machine: {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  },
  note: 'Times are medians in ms. "cpu" is the CPU time of the benchmark process (all its threads, so parallel GC counts; robust when other processes share the machine), "wall" the elapsed time. Node targets are judged on the worse of the two; browser figures are wall time.',
  targets: TARGET,
  import: [],
};

// 3a. Import vs papaparse, same text, same run.
const imports = new Map();
if (ROLLUPS_ONLY || MOVEMENT_ONLY) {
  const n = SIZES[0];
  log(`importing ${label(n)} rows once…`);
  const r = m.importText(readFileSync(dataFile(n), 'utf8'), { today: TODAY, calibration: m.DEFAULT_CALIBRATION });
  if (!r.ok) throw new Error(r.reason);
  if (ROLLUPS_ONLY) results.rollups = rollupBench(r.value.columns);
  if (MOVEMENT_ONLY) results.movement = movementBench({ m, cols: r.value.columns, seed: SEED, log });
  printTable({ ...results, browser: { skipped: `not run (${ROLLUPS_ONLY ? '--rollups' : '--movement'})` } });
  process.exit(0); // a partial run does not replace results.json
}
for (const n of BROWSER_ONLY ? [] : SIZES) {
  const text = readFileSync(dataFile(n), 'utf8');
  const delimiter = ',';
  const baseline = () => Papa.parse(text, { delimiter, newline: '\n' }).data.length;
  const bytes = readFileSync(dataFile(n));
  const pipeline = () => {
    // What the worker does: look for NUL bytes in the file's bytes (file-bytes.ts), parse, map, read values,
    // validate, then score, roll up and order the table.
    const hasNul = bytes.indexOf(0) !== -1;
    const r = m.importText(text, { today: TODAY, calibration: m.DEFAULT_CALIBRATION, hasNul });
    if (!r.ok) throw new Error(r.reason);
    return { imp: r.value, scored: r.value.prepared.analysis.scored };
  };
  log(`import ${label(n)} rows (${(text.length / 1e6).toFixed(1)} M chars)…`);
  const c = compare(baseline, pipeline, REPS[n]);
  const { imp, scored } = c.b.value;
  imports.set(n, { cols: imp.columns, scored });
  results.import.push({
    rows: n,
    chars: text.length,
    scored: imp.scored,
    unscored: imp.unscored,
    reps: c.reps,
    papaparse: { wall: c.a.wall, cpu: c.a.cpu },
    pipeline: { wall: c.b.wall, cpu: c.b.cpu },
    ratio: { wall: c.b.wall / c.a.wall, cpu: c.b.cpu / c.a.cpu },
    rowsPerSec: { wall: (n / c.b.wall) * 1000, cpu: (n / c.b.cpu) * 1000 },
  });
}

// 3b. Engine only: score + roll-up over the largest imported portfolio.
if (!BROWSER_ONLY) {
  const n = SIZES.at(-1);
  const { cols } = imports.get(n);
  log(`engine: score + roll-up of ${cols.count.toLocaleString('en-US')} accounts…`);
  const e = measure(() => m.rollup(cols, m.scoreColumns(cols, m.DEFAULT_CALIBRATION)), { warmup: 3, reps: 11 });
  results.engine = {
    accounts: cols.count,
    wall: e.wall,
    cpu: e.cpu,
    accountsPerSec: { wall: (cols.count / e.wall) * 1000, cpu: (cols.count / e.cpu) * 1000 },
  };
}

// 3b'. Per-segment scoring and the roll-ups (SPEC §4.4–4.5) of the largest portfolio.
if (!BROWSER_ONLY) results.rollups = rollupBench(imports.get(SIZES.at(-1)).cols);

// 3b''. SPEC §4.6: matching two books of the largest size, as a ratio to score + roll-up.
if (!BROWSER_ONLY) results.movement = movementBench({ m, cols: imports.get(SIZES.at(-1)).cols, seed: SEED, log });

/**
 * Scoring with an override for every segment (thresholds, and weights for one) against the default model
 * in the same run (ratio), then segment and owner roll-ups with the renewal windows (one pass) and the
 * coverage: what the page computes on the main thread after a calibration change, judged against one
 * 60 Hz frame.
 */
function rollupBench(cols) {
  const segments = {};
  for (const name of cols.segmentDict) {
    if (!name) continue;
    const key = name.trim().replace(/\s+/g, ' ').toLowerCase();
    segments[key] = key === 'enterprise'
      ? { label: name, preset: 'enterprise', thresholds: { healthy: 75, risk: 55 }, weights: { mrr: 35, touch: 20, usage: 25, sentiment: 20 } }
      : { label: name, preset: 'smb', thresholds: { healthy: 60, risk: 35 } };
  }
  const segCal = { ...m.DEFAULT_CALIBRATION, segments };
  log(`segment scoring of ${cols.count.toLocaleString('en-US')} accounts (${Object.keys(segments).length} overrides) vs one model…`);
  const c = compare(() => m.scoreColumns(cols, m.DEFAULT_CALIBRATION), () => m.scoreColumns(cols, segCal), { warmup: 3, reps: 11 });
  const scored = c.b.value;
  log('roll-ups by segment and owner, renewal windows and coverage…');
  const r = measure(
    () => [m.breakdown(cols, scored, TODAY), m.coverageFromData(cols)],
    { warmup: 5, reps: 15 },
  );
  return {
    accounts: cols.count,
    segments: Object.keys(segments).length,
    owners: r.value[0].owners.length,
    oneModel: { wall: c.a.wall, cpu: c.a.cpu },
    perSegment: { wall: c.b.wall, cpu: c.b.cpu },
    ratio: { wall: c.b.wall / c.a.wall, cpu: c.b.cpu / c.a.cpu },
    accountsPerSec: { wall: (cols.count / c.b.wall) * 1000, cpu: (cols.count / c.b.cpu) * 1000 },
    rollups: { wall: r.wall, cpu: r.cpu, frameMs: 1000 / 60 },
  };
}

// 3c. Function scorecard: every KPI tracked, one edited per recompute (as typing in a field does).
if (!BROWSER_ONLY) {
  log('scorecard recompute after one KPI edit…');
  const inputs = {
    nrr: 104, grr: 88, 'expansion-share': 22, ttfv: 30, csat: 86, frt: 6, 'escalation-rate': 4,
    'qbr-completion': 70, 'logo-churn': 9, 'upsell-attach': 15, 'onboarding-completion': 80, 'accounts-per-csm': 45,
  };
  const signal = { totalArr: 12e6, riskArrShare: 14, topRiskAccounts: [{ name: 'Acme', arr: 240_000 }] };
  let k = 0;
  const s = measure(
    () => m.gradeFunction('series-b', { ...inputs, nrr: 95 + (k++ % 20) }, signal),
    { warmup: 500, reps: 21, batch: 200 },
  );
  results.scorecard = { wall: s.wall, cpu: s.cpu, perCallBatch: 200 };
}

// 3d. Sort and filter of 100k accounts (the table's queries). "name" is measured cold: its rank is
// computed once per portfolio and cached, so a fresh names column object is used for every sample.
if (!BROWSER_ONLY) {
  const { cols, scored } = imports.get(100_000);
  log('sort and filter of 100k accounts…');
  const base = { ...m.DEFAULT_QUERY, today: TODAY };
  const owner = cols.owner[0];
  const queries = {
    'sort at-risk ARR (default)': { ...base },
    'sort name, cold': { ...base, sort: 'name', dir: 'asc' },
    'sort owner': { ...base, sort: 'owner', dir: 'asc' },
    'filter risk+watch, renewal ≤ 90 d, sort ARR': { ...base, bands: ['risk', 'watch'], renewalWithin: 90, sort: 'arr' },
    'filter owner + search "north"': { ...base, owner, search: 'north', sort: 'score' },
  };
  results.query = { accounts: cols.count, queries: {} };
  for (const [name, q] of Object.entries(queries)) {
    const cold = q.sort === 'name';
    const r = measure(() => m.queryAccounts(cold ? { ...cols, name: { ...cols.name } } : cols, scored, q), { warmup: 2, reps: 9 });
    results.query.queries[name] = { wall: r.wall, cpu: r.cpu, rows: r.value.length };
  }
  // The default order of the largest book: done in the worker at import, on the page after a calibration change.
  const big = imports.get(SIZES.at(-1));
  if (big.cols.count > cols.count) {
    const r = measure(() => m.queryAccounts(big.cols, big.scored, base), { warmup: 1, reps: 5 });
    results.query.largest = { accounts: big.cols.count, query: 'sort at-risk ARR (default)', wall: r.wall, cpu: r.cpu };
  }
}
imports.clear();

// 4. Peak memory of the 1M-row import, in a fresh process.
if (!BROWSER_ONLY) {
  const n = SIZES.at(-1);
  log(`peak memory of the ${label(n)}-row import (fresh process)…`);
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(HERE, 'memory.mjs'), BUNDLE, dataFile(n), String(TODAY)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`memory.mjs failed:\n${r.stderr}`);
  results.memory = JSON.parse(r.stdout.trim().split('\n').at(-1));
}

// 6. The command line and the SQL (before the browser, which needs the machine to itself).
if (!BROWSER_ONLY && !QUICK) {
  results.cli = { when: new Date().toISOString(), loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100), ...(await cliBench({ m, dataFile, seed: SEED, today: TODAY, log })) };
}

// 5. The browser.
if (args.has('--no-browser') || QUICK) results.browser = { skipped: 'not run (--no-browser / --quick)' };
else {
  const n = SIZES.at(-1);
  const profile = args.has('--profile-browser');
  log(`browser: ${label(n)}-row file through the worker${profile ? ' (profiling)' : ''}…`);
  const counts = new Map();
  const scored = (rows) => {
    if (!counts.has(rows)) counts.set(rows, BROWSER_ONLY
      ? m.importText(readFileSync(dataFile(rows), 'utf8'), { today: TODAY }).value.scored
      : results.import.find((x) => x.rows === rows).scored);
    return counts.get(rows);
  };
  const expected = scored(n);
  // Change → bands at 100k and at the largest size; the stored book's start-up at the largest.
  const changeToBands = profile ? [] : [...new Set([100_000, n])].map((rows) => ({ key: label(rows), rows, file: dataFile(rows), expected: scored(rows), startup: rows === n }));
  results.browser = {
    rows: n,
    when: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    ...(await browserImport({ root: ROOT, outDir: appOutDir(ROOT, profile), file: dataFile(n), expected, changeToBands, profile, log })),
  };
}

if (args.has('--profile-browser')) {
  printTable(results);
  process.exit(0); // a profiled run does not replace results.json
}
if (BROWSER_ONLY) {
  // The browser section replaces the one in results.json; the rest stays as the last full run left it.
  const file = path.join(HERE, 'results.json');
  const last = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  const merged = last ? { ...last, targets: TARGET, browser: results.browser } : results;
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  printTable(merged);
  log(`\nwrote the browser section of ${path.relative(ROOT, file)}`);
  process.exit(0);
}
writeFileSync(path.join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
printTable(results);
log(`\nwrote ${path.relative(ROOT, path.join(HERE, 'results.json'))}`);

function printTable(r) {
  const rows = [];
  const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3));
  const rate = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(1)} M/s` : `${(x / 1e3).toFixed(0)} k/s`);
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  const worse = (x) => Math.max(x.cpu, x.wall);
  for (const i of r.import ?? []) {
    rows.push([`papaparse alone, ${label(i.rows)} rows`, `${ms(i.papaparse.cpu)} ms`, `${ms(i.papaparse.wall)} ms`, 'baseline', '']);
    const target = TARGET.importRatio[i.rows];
    rows.push([
      `full import, ${label(i.rows)} rows`,
      `${ms(i.pipeline.cpu)} ms`,
      `${ms(i.pipeline.wall)} ms`,
      `${i.ratio.cpu.toFixed(2)}× / ${i.ratio.wall.toFixed(2)}× (${rate(Math.min(i.rowsPerSec.cpu, i.rowsPerSec.wall))})`,
      target ? `≤ ${target}× ${verdict(worse(i.ratio) <= target)}` : '',
    ]);
  }
  const e = r.engine;
  if (e) rows.push([
    `engine score + roll-up, ${label(e.accounts)}`,
    `${ms(e.cpu)} ms`,
    `${ms(e.wall)} ms`,
    rate(Math.min(e.accountsPerSec.cpu, e.accountsPerSec.wall)),
    `≥ 5 M/s ${verdict(Math.min(e.accountsPerSec.cpu, e.accountsPerSec.wall) >= TARGET.engineAccountsPerSec)}`,
  ]);
  const ro = r.rollups;
  if (ro) {
    const perSec = Math.min(ro.accountsPerSec.cpu, ro.accountsPerSec.wall);
    rows.push([
      `segment scoring (${ro.segments} overrides), ${label(ro.accounts)}`,
      `${ms(ro.perSegment.cpu)} ms`,
      `${ms(ro.perSegment.wall)} ms`,
      `${ro.ratio.cpu.toFixed(2)}× / ${ro.ratio.wall.toFixed(2)}× one model (${rate(ro.accountsPerSec.cpu)} cpu, ${rate(ro.accountsPerSec.wall)} wall)`,
      `≥ 10 M/s ${verdict(perSec >= TARGET.segmentAccountsPerSec)}`,
    ]);
    rows.push([
      `roll-ups: segments, ${ro.owners} owners, renewals, coverage, ${label(ro.accounts)}`,
      `${ms(ro.rollups.cpu)} ms`,
      `${ms(ro.rollups.wall)} ms`,
      `${(worse(ro.rollups) / ro.rollups.frameMs).toFixed(2)} of a 60 Hz frame`,
      `< ${ms(ro.rollups.frameMs)} ms ${verdict(worse(ro.rollups) < TARGET.rollupsMs)}`,
    ]);
  }
  if (r.movement) rows.push(...movementRows(r.movement, { ms, label }));
  if (r.scorecard) rows.push([
    'scorecard recompute, 1 KPI edit',
    `${ms(r.scorecard.cpu)} ms`,
    `${ms(r.scorecard.wall)} ms`,
    '',
    `< 1 ms ${verdict(worse(r.scorecard) < TARGET.recomputeMs)}`,
  ]);
  for (const [name, q] of Object.entries(r.query?.queries ?? {})) {
    rows.push([`100k: ${name}`, `${ms(q.cpu)} ms`, `${ms(q.wall)} ms`, `${q.rows} rows`, `< 100 ms ${verdict(worse(q) < TARGET.queryMs)}`]);
  }
  if (r.query?.largest) {
    const q = r.query.largest;
    rows.push([`${label(q.accounts)}: ${q.query}`, `${ms(q.cpu)} ms`, `${ms(q.wall)} ms`, '', '']);
  }
  const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MB`;
  const mem = r.memory;
  if (mem) rows.push([
    `peak memory, ${label(mem.rows)}-row import`,
    '',
    '',
    `+${mb(mem.peakHeapAdded)} over the text`,
    `RSS peak ${mb(mem.peakRss)}; result ${mb(mem.retained)}`,
  ]);
  for (const c of r.cli?.score ?? []) {
    rows.push([`papaparse streaming, ${label(c.rows)} rows`, '', `${ms(c.papaparse.wall)} ms`, `baseline (${rate(c.papaparse.rowsPerSec)})`, `RSS peak ${mb(c.papaparse.peakRss)}`]);
    rows.push([`npm run score, ${label(c.rows)} rows`, '', `${ms(c.cli.wall)} ms`, `${c.ratio.toFixed(2)}× (${rate(c.cli.rowsPerSec)})`, `RSS peak ${mb(c.cli.peakRss)}`]);
  }
  if (r.cli?.rssGrowth) rows.push(['npm run score: peak RSS 10M ÷ 1M', '', '', `${r.cli.rssGrowth.toFixed(2)}×`, `≤ 1.5× ${verdict(r.cli.rssGrowth <= 1.5)}`]);
  if (r.cli?.duckdb) {
    const d = r.cli.duckdb;
    rows.push([`DuckDB: generated SQL, ${label(d.accounts)} accounts`, '', `${ms(d.scoreMs)} ms`, rate(d.rowsPerSec), `roll-up ${ms(d.rollupMs)} ms`]);
  }
  const b = r.browser ?? { skipped: 'not run' };
  if (b.skipped) rows.push(['browser', '', '', b.skipped, '']);
  else {
    const many = b.runs?.length > 1 ? ` (median of ${b.runs.length})` : '';
    rows.push([`browser: ${label(b.rows)}-row file → bands shown${many}`, '', `${ms(b.timeToBandsMs)} ms`, '', '']);
    rows.push([
      `browser: longest main-thread task${many}`,
      '',
      `${ms(b.longestTaskMs)} ms`,
      b.tracedTasks !== undefined
        ? `${b.longTasks.length} over 50 ms, ${b.tasksOver16Ms} over 16 ms of ${b.tracedTasks}`
        : `${b.longTasks.length} long task(s)`,
      `< 50 ms ${verdict(b.longestTaskMs < TARGET.longTaskMs)}`,
    ]);
    for (const [key, c] of Object.entries(b.changeToBands ?? {})) {
      const target = r.targets?.changeToBandsRatio?.[key] ?? TARGET.changeToBandsRatio[key];
      rows.push([
        `browser: ${key} file change → bands vs papaparse on the page`,
        '',
        `${ms(c.import.medianMs)} ms`,
        `${c.ratio.toFixed(2)}× (papaparse ${ms(c.papaparse.medianMs)} ms)`,
        target ? `≤ ${target}× ${verdict(c.ratio <= target)}` : '',
      ]);
    }
    const s = b.startup;
    if (s) rows.push([
      `browser: stored ${label(s.rows)} book reload: longest main-thread task`,
      '',
      `${ms(s.longestTaskMs)} ms`,
      `bands after ${ms(s.timeToBandsMs)} ms; ${s.tasksOver16Ms} over 16 ms of ${s.tracedTasks}`,
      `< 50 ms ${verdict(s.longestTaskMs < TARGET.startupLongTaskMs)}`,
    ]);
  }
  const head = ['benchmark', 'cpu', 'wall', 'ratio cpu / wall, rate', 'target'];
  const w = head.map((h, k) => Math.max(h.length, ...rows.map((x) => String(x[k]).length)));
  const line = (x) => x.map((c, k) => (k === 0 || k >= 3 ? String(c).padEnd(w[k]) : String(c).padStart(w[k]))).join('  ');
  log('');
  log(line(head));
  log(w.map((x) => '-'.repeat(x)).join('  '));
  for (const x of rows) log(line(x));
  log(`\nNode ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, load average at start ${r.machine.loadAverageAtStart.join(' / ')}`);
  if (b.when) log(`browser section: ${b.when}, Chromium ${b.browser}, load average at start ${b.loadAverageAtStart.join(' / ')}`);
  if (b.longTasks?.length) log(`long tasks after the file was picked (start ms, duration ms): ${b.longTasks.map((t) => `${t.start}:${t.duration}`).join(', ')}`);
  if (b.runs?.length > 1) log(`browser runs (bands shown ms / longest task ms): ${b.runs.map((x) => `${x.timeToBandsMs} / ${x.longestTaskMs}`).join(', ')}`);
  if (b.longestTasks) log('the worst run\'s longest main-thread tasks:');
  for (const t of b.longestTasks ?? []) log(`  at ${t.start} ms: ${t.duration} ms — ${t.inside.join('; ')}`);
  for (const [key, c] of Object.entries(b.changeToBands ?? {})) {
    log(`${key} change → bands (ms): ${c.import.runs.join(', ')}; papaparse ${c.papaparse.version} on the page, after ${c.papaparse.warmup} warm-up runs (ms): ${c.papaparse.runs.join(', ')}`);
  }
  if (b.startup) {
    log(`stored-book start-up runs (bands shown ms / longest task ms): ${b.startup.runs.map((x) => `${x.timeToBandsMs} / ${x.longestTaskMs}`).join(', ')}`);
    log('the worst start-up\'s longest main-thread tasks (ms from navigation):');
    for (const t of b.startup.longestTasks) log(`  at ${t.start} ms: ${t.duration} ms — ${t.inside.join('; ')}`);
  }
  if (b.profile) {
    for (const s of b.profile) {
      log(`\nlong task at ${s.start} ms, ${s.duration} ms — self: ${s.self.map((f) => `${f.name} ${f.ms}`).join('; ')}`);
      log(`  app frames: ${s.appFrames.map((f) => `${f.name} ${f.ms}`).join('; ')}`);
    }
  }
}
