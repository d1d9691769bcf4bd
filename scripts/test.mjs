// `npm test [filter...]`: unit + component tests (vitest), then browser tests (@playwright/test,
// tests/e2e), ending with one line `test: N passed, N failed` summing both suites.
// `npm run test:e2e [filter...]` (this script with --e2e): only the browser tests.
//
// A filter selects e2e tests whose name or file contains it (case-insensitive; several filters: any).
// Arguments starting with `-` go to `playwright test` as they are, e.g. --headed, --workers=1, --repeat-each=3.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const e2eOnly = args[0] === '--e2e';
if (e2eOnly) args.shift();
const filters = args.filter((a) => !a.startsWith('-'));
const passThrough = args.filter((a) => a.startsWith('-'));

const tmp = mkdtempSync(path.join(tmpdir(), 'cs-test-'));
let passed = 0;
let failed = 0;

if (!e2eOnly) {
  const json = path.join(tmp, 'vitest.json');
  const v = spawnSync('npx', ['--no-install', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`], { cwd: ROOT, stdio: 'inherit' });
  let vp = 0;
  let vf = 0;
  try {
    const r = JSON.parse(readFileSync(json, 'utf8'));
    vp = r.numPassedTests ?? 0;
    vf = r.numFailedTests ?? 0;
    // A test file that failed to load has no failed test of its own: count it.
    for (const t of r.testResults ?? []) if (t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed')) vf++;
  } catch {
    /* no report: counted below */
  }
  if (v.status !== 0 && vf === 0) vf = 1;
  console.log(`unit+component: ${vp} passed, ${vf} failed`);
  passed += vp;
  failed += vf;
}

// Browser tests: the list reporter streams, the JSON report is counted.
const report = path.join(tmp, 'e2e.json');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const grep = filters.length ? ['--grep', filters.map(escape).join('|')] : [];
const e = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', ...grep, ...passThrough], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, E2E_JSON_REPORT: report },
});
let ep = 0;
let ef = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  // A flaky test (failed, then passed on retry) counts as passed.
  ep = (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0);
  ef = r.stats?.unexpected ?? 0;
  // Errors outside any test (a file that fails to load, the web server not starting) count too.
  if (ef === 0) ef = r.errors?.length ?? 0;
} catch {
  /* no report: the runner could not start (no browser, no dist/): counted below */
}
if (e.status !== 0 && ef === 0) ef = 1;
console.log(`e2e: ${ep} passed, ${ef} failed`);
passed += ep;
failed += ef;

rmSync(tmp, { recursive: true, force: true });
if (!e2eOnly) console.log(`test: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
