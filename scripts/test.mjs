// `npm test`: unit + component tests (vitest), then browser tests (tests/e2e),
// ending with one line `test: N passed, N failed` summing both suites.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const tmp = mkdtempSync(path.join(tmpdir(), 'cs-test-'));
const json = path.join(tmp, 'vitest.json');
let passed = 0;
let failed = 0;

const v = spawnSync('npx', ['--no-install', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`], { stdio: 'inherit' });
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

// Streamed as it runs, and kept to read the runner's summary line.
let out = '';
const status = await new Promise((resolve) => {
  const e = spawn(process.execPath, ['tests/e2e/run.mjs', ...process.argv.slice(2)], { stdio: ['inherit', 'pipe', 'inherit'] });
  e.stdout.on('data', (d) => {
    out += d;
    process.stdout.write(d);
  });
  e.on('close', (code) => resolve(code ?? 1));
});
const e = { status };
const m = /^e2e: (\d+) passed, (\d+) failed$/m.exec(out);
const ep = m ? Number(m[1]) : 0;
let ef = m ? Number(m[2]) : 1; // no summary: the runner could not start (no browser, build failed)
if (e.status !== 0 && ef === 0) ef = 1;
passed += ep;
failed += ef;

rmSync(tmp, { recursive: true, force: true });
console.log(`test: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
