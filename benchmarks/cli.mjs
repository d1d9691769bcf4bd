// SPEC §8 outside the browser, measured (run by run.mjs, or alone with `npm run bench -- --cli-only`):
// - `npm run score` on 1M and 10M rows: rows/s as a ratio to papaparse streaming the same file, and the
//   peak resident set (memory must stay flat as the file grows: 10M within ~1.5× of 1M);
// - the generated SQL in DuckDB over 10M accounts: time and rows/s.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeExport } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const PRELOAD = path.join(HERE, 'rss-preload.cjs');

/** Run a node script in a fresh process: wall ms, peak RSS, stdout. */
function child(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', PRELOAD, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}:\n${r.stderr.slice(-2000)}`);
  const rss = Number(/bench-maxrss-bytes (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { wall, rss, stdout: r.stdout };
}

/**
 * @param {{ m: any, dataFile: (n: number) => string, seed: number, today: number, log: (s: string) => void, sizes?: number[] }} o
 */
export async function cliBench({ m, dataFile, seed, today, log, sizes = [1_000_000, 10_000_000] }) {
  const label = (n) => `${n / 1e6}M`;
  const asOf = m.isoDate(today);
  const tsx = import.meta.resolve('tsx');
  const out = { score: [], duckdb: null };
  for (const n of sizes) {
    const file = dataFile(n);
    if (!existsSync(file)) {
      const t = performance.now();
      writeExport(`${file}.part`, n, seed, today, m);
      renameSync(`${file}.part`, file);
      log(`generated ${path.relative(ROOT, file)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    log(`papaparse streaming ${label(n)} rows…`);
    const papa = child([path.join(HERE, 'papa-stream.mjs'), file]);
    log(`npm run score on ${label(n)} rows…`);
    // As bin/cs-scorecard.mjs (npm run score) runs it: a heap limit for streamed text.
    const cli = child(['--max-old-space-size=256', '--import', tsx, 'cli/score.ts', file, '--as-of', asOf, '--out', '/dev/null', '--json']);
    const summary = JSON.parse(cli.stdout);
    out.score.push({
      rows: n,
      scored: summary.scored,
      unscored: summary.unscored,
      papaparse: { wall: papa.wall, peakRss: papa.rss, rowsPerSec: (n / papa.wall) * 1000 },
      cli: { wall: cli.wall, peakRss: cli.rss, rowsPerSec: (n / cli.wall) * 1000 },
      ratio: cli.wall / papa.wall,
    });
  }
  const [a, b] = out.score;
  if (a && b) out.rssGrowth = b.cli.peakRss / a.cli.peakRss;

  // DuckDB: 10M accounts made inside DuckDB (seeded), then the example calibration's query materialised.
  const n = sizes.at(-1);
  log(`DuckDB: the generated query over ${label(n)} accounts…`);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  await con.run('SELECT setseed(0.16)');
  await con.run(`CREATE TABLE accounts AS SELECT
      'a' || i AS account_id, 'Account ' || i AS account_name,
      round(50 * pow(60000, random()), 2) AS mrr,
      CASE WHEN random() < 0.1 THEN NULL ELSE floor(random() * 150) END AS days_since_touch,
      CASE WHEN random() < 0.1 THEN NULL ELSE random() * 100 END AS usage_pct,
      CASE WHEN random() < 0.1 THEN NULL ELSE random() * 100 END AS sentiment,
      (['SMB', 'Mid-Market', 'Enterprise', ' smb ', NULL])[1 + (i % 5)] AS segment,
      'CSM ' || (i % 40) AS owner, DATE '2025-01-01' + CAST(i % 400 AS INTEGER) AS renewal_date
    FROM range(${n}) t(i)`);
  const cal = m.decodeCalibrationFile(readFileSync(path.join(ROOT, 'docs/calibration.example.json'), 'utf8'));
  if (!cal.ok) throw new Error(cal.reason);
  const q = m.modelSql(cal.value, { dialect: 'duckdb' }).trim().replace(/;$/, '');
  let t = performance.now();
  await con.run(`CREATE TABLE scored AS ${q}`);
  const scoreMs = performance.now() - t;
  const rows = Number((await con.runAndReadAll('SELECT count(*) AS n FROM scored')).getRowObjectsJS()[0].n);
  t = performance.now();
  await con.runAndReadAll(m.modelSql(cal.value, { dialect: 'duckdb', rollup: true }));
  const rollupMs = performance.now() - t;
  out.duckdb = { accounts: n, rows, scoreMs, rowsPerSec: (rows / scoreMs) * 1000, rollupMs, threads: 'DuckDB default (all cores)' };
  con.closeSync();
  return out;
}
