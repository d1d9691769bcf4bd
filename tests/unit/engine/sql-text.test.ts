/**
 * SPEC §8: the generated SQL as text. DuckDB and PostgreSQL run it (sql-executed.test.ts); BigQuery,
 * Snowflake and Spark are not available here, so their text is pinned by snapshots and every function it
 * calls must be in that engine's documented function list below.
 */
import { DEFAULT_CALIBRATION } from '../../../src/lib/engine';
import { modelSql, SQL_DIALECTS, type SqlDialect } from '../../../src/lib/engine/sql';
import { isTableName } from '../../../src/lib/engine/sql-text';
import { BOOK_CALIBRATION } from '../../fixtures/book';

const AT = '2026-12-01T00:00:00.000Z';

/**
 * Functions each engine documents (checked against the vendors' SQL references):
 * - DuckDB: duckdb.org/docs/sql/functions (numeric: floor, log10; text: lower, trim, regexp_replace; aggregate: count, sum; coalesce; cast)
 * - PostgreSQL 17: §9.3 floor, log10; §9.4 lower, trim; §9.7.3 regexp_replace; §9.18 coalesce, nullif; §9.21 count, sum; CAST
 * - BigQuery GoogleSQL: mathematical FLOOR, LOG10; string LOWER, TRIM, REGEXP_REPLACE; conditional COALESCE; aggregate COUNT, SUM; CAST
 * - Snowflake: FLOOR, LOG(base, expr) (no LOG10); LOWER, TRIM, REGEXP_REPLACE; COALESCE; COUNT, SUM; CAST
 * - Spark SQL (Databricks): floor, log10, lower, trim, regexp_replace, coalesce, count, sum, cast
 */
const DOCUMENTED: Record<SqlDialect, string[]> = {
  duckdb: ['CAST', 'COALESCE', 'COUNT', 'FLOOR', 'LOG10', 'LOWER', 'REGEXP_REPLACE', 'SUM', 'TRIM'],
  postgres: ['CAST', 'COALESCE', 'COUNT', 'FLOOR', 'LOG10', 'LOWER', 'REGEXP_REPLACE', 'SUM', 'TRIM'],
  bigquery: ['CAST', 'COALESCE', 'COUNT', 'FLOOR', 'LOG10', 'LOWER', 'REGEXP_REPLACE', 'SUM', 'TRIM'],
  snowflake: ['CAST', 'COALESCE', 'COUNT', 'FLOOR', 'LOG', 'LOWER', 'REGEXP_REPLACE', 'SUM', 'TRIM'],
  spark: ['CAST', 'COALESCE', 'COUNT', 'FLOOR', 'LOG10', 'LOWER', 'REGEXP_REPLACE', 'SUM', 'TRIM'],
};

/** Function names called in a query: a word right before "(", outside comments and string literals. */
function functionsUsed(sql: string): string[] {
  const code = sql
    .replace(/--[^\n]*/g, '')
    .replace(/r?'(?:[^'\\]|\\.|'')*'/g, "''");
  return [...new Set([...code.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\(/g)].map((m) => m[1].toUpperCase()))].sort();
}

describe.each(SQL_DIALECTS)('%s', (dialect) => {
  it.each([false, true])('uses only documented functions (rollup %s)', (rollup) => {
    const used = functionsUsed(modelSql(BOOK_CALIBRATION, { dialect, rollup, generatedAt: AT }));
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((f) => !DOCUMENTED[dialect].includes(f))).toEqual([]);
  });

  it('never rounds with ROUND (half-even in some engines) and never divides by a bare integer column', () => {
    const code = modelSql(BOOK_CALIBRATION, { dialect, generatedAt: AT }).replace(/--[^\n]*/g, '');
    expect(code).not.toMatch(/\bROUND\(/i);
    expect(code).toMatch(/FLOOR\(FLOOR\(\(c\.c_size \+ c\.c_touch \+ c\.c_usage \+ c\.c_sentiment\) \* 1000000 \+ 0\.5\) \/ 1000000 \+ 0\.5\)/);
  });

  it('matches its snapshot (accounts and roll-up)', async () => {
    await expect(modelSql(BOOK_CALIBRATION, { dialect, generatedAt: AT })).toMatchFileSnapshot(`./__snapshots__/sql/${dialect}.sql`);
    await expect(modelSql(BOOK_CALIBRATION, { dialect, rollup: true, generatedAt: AT })).toMatchFileSnapshot(`./__snapshots__/sql/${dialect}.rollup.sql`);
  });
});

describe('modelSql', () => {
  it('says what produced it and when, and names the calibration', () => {
    const q = modelSql(DEFAULT_CALIBRATION, { dialect: 'duckdb', generatedAt: AT });
    expect(q).toMatch(/^-- CS Scorecard account model/);
    expect(q).toContain(`at ${AT}`);
    expect(q).toContain('weights MRR 25 / touch 20 / usage 30 / sentiment 25');
    expect(q).toContain('no segment overrides');
  });

  it('writes the renormalised weights as exact literals (no usage: 25/20/25 → 35.71/28.57/35.71)', () => {
    const q = modelSql(DEFAULT_CALIBRATION, { dialect: 'postgres' });
    expect(q).toContain(`UNION ALL SELECT '', 2, CAST('35.714285714285715' AS DOUBLE PRECISION), CAST('28.571428571428573' AS DOUBLE PRECISION), CAST(0 AS DOUBLE PRECISION), CAST('35.714285714285715' AS DOUBLE PRECISION)`);
  });

  it('reads the named table', () => {
    expect(modelSql(DEFAULT_CALIBRATION, { dialect: 'bigquery', table: '`proj-1.crm.accounts`' })).toContain('FROM `proj-1.crm.accounts`');
    expect(modelSql(DEFAULT_CALIBRATION, { dialect: 'snowflake', table: 'ANALYTICS.CS.ACCOUNTS' })).toContain('FROM ANALYTICS.CS.ACCOUNTS');
  });

  it('escapes quotes in segment keys per dialect', () => {
    const cal = { ...DEFAULT_CALIBRATION, segments: { "o'brien": { label: "O'Brien", preset: 'smb' as const, thresholds: { healthy: 60, risk: 35 } } } };
    expect(modelSql(cal, { dialect: 'postgres' })).toContain(`'o''brien'`);
    expect(modelSql(cal, { dialect: 'spark' })).toContain(`'o\\'brien'`);
  });

  it.each([
    ['accounts', true], ['crm.accounts', true], ['"My Accounts"', true], ['`proj.ds.t`', true],
    ['', false], ['accounts; DROP TABLE x', false], ['a b', false], ['x--', false],
  ])('isTableName(%j) is %s', (name, want) => {
    expect(isTableName(name)).toBe(want);
  });
});
