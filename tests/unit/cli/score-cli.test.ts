/** SPEC §8 command line: spawned as a user runs it (tsx, no build), checked against the page's modules. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { DEFAULT_CALIBRATION, rollup, scoreColumns, type Calibration } from '../../../src/lib/engine';
import { modelSql } from '../../../src/lib/engine/sql';
import { daysFromCivil } from '../../../src/lib/io/calendar';
import { parseText } from '../../../src/lib/io/import-pipeline';
import { decodeCalibrationFile } from '../../../src/lib/schema/calibration-file';

const TSX = path.resolve('node_modules/.bin/tsx');
const dir = mkdtempSync(path.join(tmpdir(), 'cs-cli-'));
const AS_OF = '2026-11-30';
const TODAY = daysFromCivil(2026, 11, 30);

function run(script: 'score' | 'sql', args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(TSX, [`cli/${script}.ts`, ...args], { input, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const CSV = [
  'Account Name,MRR,Last Touch,Usage %,Sentiment (NPS),CSM,Segment',
  'Acme,"$24,000",2026-10-23,42%,10,Avery Chen,SMB',
  '=HYPERLINK("http://x"),1200,5,90,50,-Jordan,Enterprise',
  'Globex,"$50,000",80,10,-30,Sam Okafor,enterprise ',
  'Initech,2000,5,95,70,,Mid-Market',
  'Broken,,3,4,5,,',
  'Umbrella,8000,60,30%,0,Sam Okafor,',
  '"Multi',
  'line",3000,12,55,20,Avery Chen,SMB',
  'NoUsage,3000,12,lots,20,Avery Chen,SMB',
].join('\n');
const csvPath = file('accounts.csv', `${CSV}\n`);
const EXAMPLE = 'docs/calibration.example.json';
const exampleCal = (() => {
  const r = decodeCalibrationFile(readFileSync(EXAMPLE, 'utf8'));
  if (!r.ok) throw new Error(r.reason);
  return r.value;
})();

/** What the page computes for the same text. */
function engine(text: string, cal: Calibration) {
  const imp = parseText(text, { today: TODAY });
  if (!imp.ok) throw new Error(imp.reason);
  const scored = scoreColumns(imp.value.columns, cal);
  return { imp: imp.value, rollup: rollup(imp.value.columns, scored) };
}

describe('npm run score', () => {
  it.each([
    ['the default model', [], DEFAULT_CALIBRATION],
    ['the example calibration file', ['--calibration', EXAMPLE], exampleCal],
  ])('prints the same roll-up as the engine with %s (--json), exit 0', (_, extra, cal) => {
    const r = run('score', [csvPath, '--as-of', AS_OF, '--json', ...extra]);
    expect(r.code).toBe(0);
    const want = engine(CSV, cal);
    const got = JSON.parse(r.stdout);
    expect(got).toMatchObject({ scored: want.rollup.count, unscored: want.imp.unscored, asOf: AS_OF });
    expect(got.bands).toEqual(want.rollup.bands);
    expect(got.totalArr).toBe(want.rollup.totalArr);
    expect(got.expectedAtRiskArr).toBe(want.rollup.expectedAtRiskArr);
    expect(got.riskArrShare).toBe(want.rollup.riskArrShare);
    expect(r.stderr).toContain(`${csvPath}:6: Broken: MRR is empty`);
  }, 60_000);

  it('prints the roll-up as text: bands, totals and the Risk-band ARR share', () => {
    const r = run('score', [csvPath, '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    const want = engine(CSV, DEFAULT_CALIBRATION).rollup;
    expect(r.stdout).toContain(`Scored ${want.count} accounts from accounts.csv`);
    expect(r.stdout).toMatch(/^Healthy\s+\d+\s+[\d.]+ %\s+\$[\d,]+\s+\$[\d,]+$/m);
    expect(r.stdout).toMatch(new RegExp(`^Total\\s+${want.count}\\s`, 'm'));
    expect(r.stdout).toContain(`Risk-band ARR share: ${want.riskArrShare.toFixed(1)} %`);
  }, 60_000);

  it('reads standard input with "-" exactly as the file', () => {
    const a = run('score', [csvPath, '--as-of', AS_OF, '--json']);
    const b = run('score', ['-', '--as-of', AS_OF, '--json'], CSV);
    expect(b.code).toBe(0);
    expect({ ...JSON.parse(b.stdout), file: null }).toEqual({ ...JSON.parse(a.stdout), file: null });
  }, 60_000);

  it('writes formula-safe scored CSV and the unscorable rows with line and reason', () => {
    const out = path.join(dir, 'scored.csv');
    const issues = path.join(dir, 'issues.csv');
    const r = run('score', [csvPath, '--as-of', AS_OF, '--out', out, '--issues', issues]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Account Name,Account ID,Owner,Segment,MRR,ARR,Score,Band,At-Risk ARR,Size Points,Engagement Points,Usage Points,Sentiment Points,Inputs Used');
    expect(lines[1]).toMatch(/^Acme,,Avery Chen,SMB,24000,288000,\d+,(Healthy|Watch|Risk),/);
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",,'-Jordan,Enterprise,1200,14400,/);
    expect(lines.some((l) => l.startsWith('"Multi\nline",'))).toBe(true);
    expect(lines.filter((l) => l !== '').length).toBe(1 + engine(CSV, DEFAULT_CALIBRATION).rollup.count);
    const iss = readFileSync(issues, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(iss[0]).toBe('Line,Account Name,Reason');
    expect(iss).toContain('6,Broken,MRR is empty');
    expect(iss).toContain('10,NoUsage,"usage ""lots"" is not a percentage"');
  }, 60_000);

  it('scores a file read in parts of 2 rows exactly as in one part (memory stays flat on big files)', () => {
    const args = (tag: string) => [csvPath, '--as-of', AS_OF, '--json', '--out', path.join(dir, `${tag}.csv`), '--issues', path.join(dir, `${tag}-issues.csv`)];
    const whole = run('score', args('whole'));
    const parts = run('score', args('parts'), undefined, { CS_SCORECARD_CHUNK_ROWS: '2' });
    expect(parts.code).toBe(0);
    const strip = (s: string) => ({ ...JSON.parse(s), out: null, issues: null });
    expect(strip(parts.stdout)).toEqual(strip(whole.stdout));
    expect(readFileSync(path.join(dir, 'parts.csv'), 'utf8')).toBe(readFileSync(path.join(dir, 'whole.csv'), 'utf8'));
    expect(readFileSync(path.join(dir, 'parts-issues.csv'), 'utf8')).toBe(readFileSync(path.join(dir, 'whole-issues.csv'), 'utf8'));
  }, 60_000);

  it("writes each account's id from an id column, neutralised like any text cell", () => {
    const ids = file('ids.csv', 'Account ID,Account Name,MRR,Days Since Last Touch,Usage %,Sentiment\nACC-1,Acme,24000,38,42,55\n=2,Evil,100,1,1,1\nACC-3,Bad,,1,1,1\nACC-4,Initech,2000,5,95,70\n');
    const out = path.join(dir, 'ids-scored.csv');
    expect(run('score', [ids, '--as-of', AS_OF, '--out', out], undefined, { CS_SCORECARD_CHUNK_ROWS: '1' }).code).toBe(0);
    const rows = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').split('\r\n').slice(1, -1).map((l) => l.split(',').slice(0, 2).join(','));
    expect(rows).toEqual(['Acme,ACC-1', "Evil,'=2", 'Initech,ACC-4']);
  }, 60_000);

  it('reads an .xlsx workbook through the same builder', () => {
    const wb = XLSX.utils.book_new();
    const rows = CSV.replace('"Multi\nline"', 'Multi line').split('\n').map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, '').replace(/""/g, '"')));
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Accounts');
    const xlsx = path.join(dir, 'accounts.xlsx');
    writeFileSync(xlsx, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const r = run('score', [xlsx, '--as-of', AS_OF, '--json']);
    expect(r.code).toBe(0);
    const csv = JSON.parse(run('score', [csvPath, '--as-of', AS_OF, '--json']).stdout);
    expect(JSON.parse(r.stdout).bands).toEqual(csv.bands);
  }, 60_000);

  it('with --partial scores an export that has no usage column on the other three inputs, as the page does (SPEC §4.1)', () => {
    const text = 'Account Name,MRR,Days Since Last Touch,NPS\nAcme,24000,38,10\nGlobex,50000,,-30\n';
    const csv = file('no-usage.csv', text);
    const without = run('score', [csv, '--as-of', AS_OF]);
    expect(without.code).toBe(1);
    const r = run('score', [csv, '--as-of', AS_OF, '--partial', '--json']);
    expect(r.code).toBe(0);
    const imp = parseText(text, { today: TODAY, partial: true });
    if (!imp.ok) throw new Error(imp.reason);
    const want = rollup(imp.value.columns, scoreColumns(imp.value.columns, DEFAULT_CALIBRATION));
    const got = JSON.parse(r.stdout);
    // Globex has a blank last touch: unscored until --score-blank-rows.
    expect([got.scored, got.unscored, got.totalArr, got.bands.watch.count + got.bands.risk.count + got.bands.healthy.count]).toEqual([1, 1, want.totalArr, want.count]);
    expect(got.bands).toEqual(JSON.parse(JSON.stringify(want.bands)));
    const both = JSON.parse(run('score', [csv, '--as-of', AS_OF, '--partial', '--score-blank-rows', '--json']).stdout);
    expect([both.scored, both.unscored]).toEqual([2, 0]);
  }, 60_000);

  it.each([
    ['no row can be scored', 'Account Name,MRR,Last Touch,Usage,Sentiment\nA,,1,2,3\nB,x,1,2,3\n', /none of the 2 rows could be scored/],
    ['the header names no MRR or ARR', 'Account Name,Colour\nA,red\n', /Nothing was scored/],
    ['the file is empty', '', /empty/],
  ])('exits 1 when %s', (_, text, message) => {
    const r = run('score', [file(`none-${text.length}.csv`, text), '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  }, 60_000);

  it.each([
    ['a missing file', ['nope.csv'], /the accounts file nope\.csv does not exist/],
    ['no file', [], /name the file to score/],
    ['an unknown option', [csvPath, '--colour'], /Unknown option '--colour'/],
    ['a bad --as-of', [csvPath, '--as-of', '2026-02-30'], /--as-of "2026-02-30" is not a date; write it as YYYY-MM-DD/],
    ['a missing calibration file', [csvPath, '--calibration', 'nope.json'], /the calibration file nope\.json does not exist/],
  ])('exits 2 for %s, with a message on stderr', (_, args, message) => {
    const r = run('score', args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  }, 60_000);

  it('exits 2 for an invalid calibration, naming the file and the problem', () => {
    const bad = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    bad.data.thresholds = { healthy: 40, risk: 60 };
    const p = file('bad-cal.json', JSON.stringify(bad));
    const r = run('score', [csvPath, '--calibration', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${p}: invalid calibration:`);
    expect(r.stderr).toMatch(/Download calibration/);
  }, 60_000);
});

describe('npm run sql', () => {
  it('prints the model for a calibration file, dialect and table', () => {
    const r = run('sql', ['--calibration', EXAMPLE, '--dialect', 'postgres', '--table', 'crm.accounts']);
    expect(r.code).toBe(0);
    const want = modelSql(exampleCal, { dialect: 'postgres', table: 'crm.accounts', generatedAt: 'X' });
    expect(r.stdout.replace(/ at \S+ from the calibration/, ' at X from the calibration')).toBe(want);
  }, 60_000);

  it('prints the roll-up with --rollup', () => {
    const r = run('sql', ['--rollup']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('risk_arr_share_pct');
  }, 60_000);

  it.each([
    [['--dialect', 'oracle'], /--dialect "oracle" is not one of duckdb, postgres, bigquery, snowflake, spark/],
    [['--table', 'x; drop table y'], /is not a table name/],
    [['--calibration', 'nope.json'], /nope\.json does not exist/],
  ])('exits 2 for %j', (args, message) => {
    const r = run('sql', args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  }, 60_000);
});
