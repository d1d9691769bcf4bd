/**
 * SPEC §8 "same numbers everywhere": the generated query, executed in DuckDB and in PostgreSQL (PGlite)
 * over a 100k-account book, gives every account the engine's score, band and at-risk ARR to the cent.
 */
import { DuckDBInstance, DuckDBDateValue, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { BANDS, modelFor, rollup, scoreAccount, scoreColumns, segmentKey, type Rollup } from '../../../src/lib/engine';
import { modelSql } from '../../../src/lib/engine/sql';
import { BOOK_CALIBRATION as cal, bookColumns, generateBook, type BookRow } from '../../fixtures/book';

const N = 100_000;
const rows = generateBook(N);
const cols = bookColumns(rows);
const scored = scoreColumns(cols, cal);
const engineRollup = rollup(cols, scored);
const explained = rows.map((r) => scoreAccount(r, cal, segmentKey(r.segment ?? '')));

const TABLE = `CREATE TABLE accounts (
  account_id VARCHAR, account_name VARCHAR, mrr DOUBLE PRECISION, days_since_touch DOUBLE PRECISION,
  usage_pct DOUBLE PRECISION, sentiment DOUBLE PRECISION, segment VARCHAR, owner VARCHAR, renewal_date DATE)`;

interface SqlRow {
  account_id: string;
  score: number;
  band: string;
  at_risk_arr: number;
  c_size: number;
  c_touch: number;
  c_usage: number;
  c_sentiment: number;
  inputs_used: number;
}

const PICK = 'account_id, score, band, at_risk_arr, c_size, c_touch, c_usage, c_sentiment, inputs_used';
const wrap = (q: string) => `SELECT ${PICK} FROM (${q.trim().replace(/;$/, '')}) q`;

/** Every row against the engine; returns the mismatches (want none). */
function mismatches(got: SqlRow[]): string[] {
  const bad: string[] = [];
  const seen = new Uint8Array(N);
  for (const g of got) {
    const i = Number(g.account_id.slice(1));
    seen[i]++;
    const e = explained[i];
    const want = { score: scored.score[i], band: BANDS[scored.band[i]], cents: Math.round(scored.atRisk[i] * 100) };
    const c = e.contributions;
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9;
    if (
      Number(g.score) !== want.score || g.band !== want.band || Math.round(Number(g.at_risk_arr) * 100) !== want.cents ||
      Number(g.inputs_used) !== e.inputsUsed ||
      !close(g.c_size, c.mrr) || !close(g.c_touch, c.touch) || !close(g.c_usage, c.usage) || !close(g.c_sentiment, c.sentiment)
    ) {
      if (bad.length < 10) bad.push(`${g.account_id}: got ${JSON.stringify(g)}, want ${JSON.stringify({ ...want, ...c, inputs: e.inputsUsed })}`);
      else bad.push('…');
    }
  }
  const missing = seen.reduce((k, s) => k + (s === 1 ? 0 : 1), 0);
  if (missing) bad.push(`${missing} accounts not returned exactly once`);
  return bad;
}

interface SqlRollupRow {
  band: string;
  accounts: number;
  accounts_pct: number;
  arr: number;
  at_risk_arr: number;
  risk_arr_share_pct: number;
}

function expectRollup(got: SqlRollupRow[], want: Rollup) {
  expect(got.map((r) => r.band)).toEqual([...BANDS, 'total']);
  BANDS.forEach((b, k) => {
    const g = got[k];
    expect(Number(g.accounts)).toBe(want.bands[b].count);
    expect(g.accounts_pct).toBeCloseTo(want.bands[b].pct, 9);
    expect(g.arr).toBeCloseTo(want.bands[b].arr, 2);
    expect(g.at_risk_arr).toBeCloseTo(want.bands[b].atRiskArr, 2);
    expect(g.risk_arr_share_pct).toBeCloseTo(want.riskArrShare, 9);
  });
  expect(Number(got[3].accounts)).toBe(want.count);
  expect(got[3].arr).toBeCloseTo(want.totalArr, 2);
  expect(got[3].at_risk_arr).toBeCloseTo(want.expectedAtRiskArr, 2);
}

describe('the book covers the traps', () => {
  it('has accounts landing on x.5 before rounding, on every band edge, with missing inputs, MRR 0 and below', () => {
    const halves = explained.filter((e) => {
      const six = Math.round(e.raw * 1e6) / 1e6;
      return six - Math.floor(six) === 0.5;
    }).length;
    expect(halves).toBeGreaterThan(5000);
    for (const key of ['', ...Object.keys(cal.segments ?? {})]) {
      const t = modelFor(cal, key).thresholds;
      const inModel = (i: number) => {
        const k = segmentKey(rows[i].segment ?? '');
        return (Object.hasOwn(cal.segments ?? {}, k) ? k : '') === key;
      };
      for (const edge of [t.healthy, t.healthy - 1, t.risk, t.risk - 1]) {
        const hits = rows.filter((_, i) => scored.score[i] === edge && inModel(i)).length;
        expect(hits, `model "${key}" score ${edge}`).toBeGreaterThan(0);
      }
    }
    for (const mask of [1, 2, 4, 7]) expect(Array.from(scored.missing).filter((m) => m === mask).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.mrr === 0).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.mrr < 0).length).toBeGreaterThan(0);
  });

  it('scores each row the same through scoreAccount and scoreColumns', () => {
    expect(explained.every((e, i) => e.score === scored.score[i] && e.band === BANDS[scored.band[i]])).toBe(true);
  });
});

describe('DuckDB runs the generated query', () => {
  let con: DuckDBConnection;
  beforeAll(async () => {
    const db = await DuckDBInstance.create(':memory:');
    con = await db.connect();
    await con.run(TABLE);
    const app = await con.createAppender('accounts');
    const num = (x: number) => (Number.isNaN(x) ? app.appendNull() : app.appendDouble(x));
    const text = (x: string | null) => (x === null ? app.appendNull() : app.appendVarchar(x));
    for (const r of rows as BookRow[]) {
      app.appendVarchar(r.id);
      app.appendVarchar(r.name);
      app.appendDouble(r.mrr);
      num(r.days);
      num(r.usage);
      num(r.sentiment);
      text(r.segment);
      text(r.owner);
      if (Number.isNaN(r.renewal)) app.appendNull();
      else app.appendDate(new DuckDBDateValue(r.renewal));
      app.endRow();
    }
    app.closeSync();
  }, 60_000);

  it('gives every account the engine score, band and at-risk ARR (0 mismatches)', async () => {
    const res = await con.runAndReadAll(wrap(modelSql(cal, { dialect: 'duckdb' })));
    const got = res.getRowObjectsJS() as unknown as SqlRow[];
    expect(got.length).toBe(N);
    expect(mismatches(got)).toEqual([]);
  }, 60_000);

  it('rolls up the bands as the engine does', async () => {
    const res = await con.runAndReadAll(modelSql(cal, { dialect: 'duckdb', rollup: true }));
    expectRollup(res.getRowObjectsJS() as unknown as SqlRollupRow[], engineRollup);
  }, 60_000);
});

describe('PostgreSQL (PGlite) runs the generated query', () => {
  let pg: PGlite;
  beforeAll(async () => {
    pg = new PGlite();
    await pg.exec(TABLE);
    // COPY text format: tab-separated, \N for NULL, backslash escapes in text.
    const esc = (s: string | null) => (s === null ? '\\N' : s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
    const n = (x: number) => (Number.isNaN(x) ? '\\N' : String(x));
    const date = (d: number) => (Number.isNaN(d) ? '\\N' : new Date(d * 86_400_000).toISOString().slice(0, 10));
    const lines = rows.map((r) => [esc(r.id), esc(r.name), n(r.mrr), n(r.days), n(r.usage), n(r.sentiment), esc(r.segment), esc(r.owner), date(r.renewal)].join('\t'));
    await pg.query(`COPY accounts FROM '/dev/blob'`, [], { blob: new Blob([lines.join('\n') + '\n']) });
  }, 60_000);
  afterAll(async () => {
    await pg.close();
  });

  it('loaded every account', async () => {
    const r = await pg.query<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM accounts');
    expect(r.rows[0].n).toBe(N);
  });

  it('gives every account the engine score, band and at-risk ARR (0 mismatches)', async () => {
    const res = await pg.query<SqlRow>(wrap(modelSql(cal, { dialect: 'postgres' })));
    expect(res.rows.length).toBe(N);
    expect(mismatches(res.rows)).toEqual([]);
  }, 60_000);

  it('rolls up the bands as the engine does', async () => {
    const res = await pg.query<SqlRollupRow>(modelSql(cal, { dialect: 'postgres', rollup: true }));
    expectRollup(res.rows, engineRollup);
  }, 60_000);
});
