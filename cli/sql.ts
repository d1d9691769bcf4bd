/**
 * SPEC §8 `npm run sql -- [--calibration cal.json] [--dialect …] [--table accounts] [--rollup]`: prints
 * the calibrated model as one SQL query (engine/sql.ts, the same text as the page's "Copy as SQL").
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_CALIBRATION } from '../src/lib/engine/accounts';
import { modelSql, SQL_DIALECTS, type SqlDialect } from '../src/lib/engine/sql';
import { isTableName } from '../src/lib/engine/sql-text';
import { decodeCalibrationFile } from '../src/lib/schema/calibration-file';

const USAGE = `Usage: npm run sql -- [--calibration <file>] [--dialect ${SQL_DIALECTS.join('|')}] [--table <name>] [--rollup]

Prints the calibrated account model as one SQL query over a table with the columns
account_id, account_name, mrr, days_since_touch, usage_pct, sentiment, segment, owner, renewal_date.
  --calibration <file>  a calibration file (default: the default model)
  --dialect <name>      default duckdb
  --table <name>        default accounts (schema- or project-qualified names are fine)
  --rollup              the band roll-up instead of one row per account`;

function fail(message: string): never {
  process.stderr.write(`cs-scorecard sql: ${message}\nRun with --help for the options.\n`);
  process.exit(2);
}

let values;
try {
  values = parseArgs({
    args: process.argv.slice(2),
    options: {
      calibration: { type: 'string' },
      dialect: { type: 'string', default: 'duckdb' },
      table: { type: 'string', default: 'accounts' },
      rollup: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }).values;
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const dialect = values.dialect as SqlDialect;
if (!SQL_DIALECTS.includes(dialect)) fail(`--dialect ${JSON.stringify(values.dialect)} is not one of ${SQL_DIALECTS.join(', ')}`);
const table = values.table ?? 'accounts';
if (!isTableName(table)) fail(`--table ${JSON.stringify(table)} is not a table name (letters, digits and _, dot-separated; quote other names with "…" or \`…\`)`);
let cal = DEFAULT_CALIBRATION;
if (values.calibration !== undefined) {
  const file = values.calibration;
  let text: string;
  try {
    if (!statSync(file).isFile()) fail(`the calibration file ${file} is not a file`);
    text = readFileSync(file, 'utf8');
  } catch {
    fail(`the calibration file ${file} does not exist or cannot be read; check the path`);
  }
  const r = decodeCalibrationFile(text);
  if (!r.ok) fail(`${file}: ${r.reason}. Fix the file, or download a fresh one from the page.`);
  cal = r.value;
}
process.stdout.write(modelSql(cal, { dialect, table, rollup: values.rollup, generatedAt: new Date().toISOString() }));
