/**
 * SPEC §8 `npm run score -- <file|-> [options]`: scores an account export outside the browser through
 * the page's own modules: header synonyms, value parsers and the column builder (src/lib/io), the
 * calibration gate (src/lib/schema), scoring and roll-up (src/lib/engine).
 *
 * Memory stays flat as the file grows: the text is streamed through papaparse a chunk at a time and
 * each record goes straight into the builder's typed arrays (no rows, no text kept); the scored CSV
 * is written row by row after scoring.
 */
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { contributionsOf } from '../src/lib/engine/contributions';
import { DEFAULT_CALIBRATION } from '../src/lib/engine/accounts';
import { nameAt } from '../src/lib/engine/names';
import { rollup, scoreColumns, type Rollup } from '../src/lib/engine/portfolio';
import { BANDS, type Calibration } from '../src/lib/engine/types';
import { csvNumber, csvText } from '../src/lib/io/csv-export';
import { daysFromCivil, isoDate } from '../src/lib/io/dates';
import { detectDelimiter, detectNewline } from '../src/lib/io/delimiter';
import { createRecordFeed } from '../src/lib/io/import';
import type { TextImport } from '../src/lib/io/types';
import { decodeCalibrationFile } from '../src/lib/schema/calibration-file';

const USAGE = `Usage: npm run score -- <file|-> [options]

Scores an account export (CSV, TSV or .xlsx; "-" reads CSV from standard input) with the
CS Scorecard account model, exactly as the page does.

Options:
  --calibration <file>  a calibration file (Download calibration in the page, or
                        docs/calibration.example.json); default: the default model
  --as-of <YYYY-MM-DD>  the day "days since last touch" counts to (default: today)
  --out <file>          write the scored accounts as CSV
  --issues <file>       write the unscorable rows (line, name, reason) as CSV
  --json                print the roll-up as JSON instead of text
  --help                show this help

Exit status: 0 rows were scored, 1 none could be, 2 bad arguments or calibration.`;

/** Unscorable rows listed at most (the count stays exact). */
const MAX_LISTED_ISSUES = 100_000;
const SAMPLE_CHARS = 1 << 16;

class UsageError extends Error {}

function fail(code: 1 | 2, message: string): never {
  process.stderr.write(`cs-scorecard score: ${message}\n`);
  if (code === 2) process.stderr.write('Run with --help for the options.\n');
  process.exit(code);
}

interface Options {
  input: string;
  calibration: Calibration;
  calibrationName: string;
  today: number;
  out?: string;
  issues?: string;
  json: boolean;
}

function readOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        calibration: { type: 'string' },
        'as-of': { type: 'string' },
        out: { type: 'string' },
        issues: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the file to score (or - for standard input)' : `one file at a time (got ${positionals.join(', ')})`);
  const input = positionals[0];
  if (input !== '-') checkReadable(input, 'the accounts file');

  let calibration = DEFAULT_CALIBRATION;
  let calibrationName = 'default';
  if (values.calibration !== undefined) {
    const file = values.calibration;
    checkReadable(file, 'the calibration file');
    const r = decodeCalibrationFile(readFileSync(file, 'utf8'));
    if (!r.ok) throw new UsageError(`${file}: ${r.reason}. Fix the file, or download a fresh one from the page (Calibrate the account model → Download calibration).`);
    calibration = r.value;
    calibrationName = file;
  }

  let today = daysFromCivil(new Date().getFullYear(), new Date().getMonth() + 1, new Date().getDate());
  const asOf = values['as-of'];
  if (asOf !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
    const day = m ? daysFromCivil(+m[1], +m[2], +m[3]) : Number.NaN;
    if (!m || isoDate(day) !== asOf) throw new UsageError(`--as-of ${JSON.stringify(asOf)} is not a date; write it as YYYY-MM-DD, e.g. --as-of 2026-11-30`);
    today = day;
  }
  return { input, calibration, calibrationName, today, out: values.out, issues: values.issues, json: values.json ?? false };
}

function checkReadable(file: string, what: string): void {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new UsageError(`${what} ${file} does not exist; check the path`);
  }
  if (!st.isFile()) throw new UsageError(`${what} ${file} is not a file`);
}

/** Source line of each record: one more than the last, plus the line breaks inside its quoted cells. */
function lineCounter(nl: string) {
  let next = 1;
  return (row: string[]): number => {
    const at = next;
    let breaks = 1;
    for (let j = 0; j < row.length; j++) {
      const c = row[j];
      if (c.length > 0) for (let p = c.indexOf(nl); p !== -1; p = c.indexOf(nl, p + 1)) breaks++;
    }
    next += breaks;
    return at;
  };
}

/** CSV or TSV text, streamed: the first 64 Ki characters pick the delimiter and line break, then papaparse streams the rest. */
async function importStream(source: Readable, name: string, opts: Options): Promise<ReturnType<ReturnType<typeof createRecordFeed>['finish']>> {
  source.setEncoding('utf8');
  const it = source[Symbol.asyncIterator]() as AsyncIterator<string>;
  let sample = '';
  let ended = false;
  while (sample.length < SAMPLE_CHARS) {
    const c = await it.next();
    if (c.done) {
      ended = true;
      break;
    }
    sample += c.value;
  }
  const text0 = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const feed = createRecordFeed({ today: opts.today, maxIssues: MAX_LISTED_ISSUES });
  if (text0.trim() === '') return feed.finish(',');
  const delimiter = detectDelimiter(text0);
  const newline = detectNewline(text0);
  const nl = newline === '\r' ? '\r' : '\n';
  async function* rest() {
    yield text0;
    if (ended) return;
    for (let c = await it.next(); !c.done; c = await it.next()) yield c.value;
  }
  const lineOf = lineCounter(nl);
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(Readable.from(rest(), { objectMode: true }) as unknown as File, {
      delimiter,
      newline,
      skipEmptyLines: false,
      step(res: Papa.ParseStepResult<string[]>, parser: Papa.Parser) {
        const line = lineOf(res.data);
        for (const e of res.errors) feed.error(e, line);
        if (!feed.record(res.data, line)) parser.abort();
      },
      complete: () => resolve(),
      error: (e: Error) => reject(new Error(`${name}: ${e.message}`)),
    });
  });
  return feed.finish(delimiter);
}

/** The first sheet of a workbook, row by row into the same builder. */
async function importWorkbook(file: string, opts: Options) {
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.read(readFileSync(file), { type: 'buffer', cellDates: true, dense: true });
  const sheet = wb.Sheets[wb.SheetNames[0]];
  const feed = createRecordFeed({ today: opts.today, maxIssues: MAX_LISTED_ISSUES });
  if (!sheet) return feed.finish(',');
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: false, defval: '', blankrows: true, dateNF: 'yyyy-mm-dd' });
  for (let i = 0; i < rows.length; i++) if (!feed.record(rows[i].map((c) => (c == null ? '' : String(c))), i + 1)) break;
  return feed.finish(',');
}

async function write(out: Writable, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

async function closeFile(out: Writable): Promise<void> {
  out.end();
  await once(out, 'finish');
}

const HEADER = [
  'Account Name', 'Account ID', 'Owner', 'Segment', 'MRR', 'ARR', 'Score', 'Band', 'At-Risk ARR',
  'Size Points', 'Engagement Points', 'Usage Points', 'Sentiment Points', 'Inputs Used',
];
const BAND_LABEL = BANDS.map((b) => b[0].toUpperCase() + b.slice(1));

/** The scored accounts as formula-safe CSV (io/csv-export.ts neutralising), one row at a time. */
async function writeScored(file: string, imp: TextImport, cal: Calibration, scored: ReturnType<typeof scoreColumns>): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const c = imp.columns;
  const parts = contributionsOf(c, cal);
  const p = new Float64Array(4);
  await write(out, `\uFEFF${HEADER.join(',')}\r\n`);
  let buf = '';
  for (let i = 0; i < c.count; i++) {
    parts(i, p);
    const m = c.mrr[i];
    buf += `${csvText(nameAt(c.name, i))},,${csvText(c.ownerDict[c.owner[i]])},${csvText(c.segmentDict[c.segment[i]])},` +
      `${csvNumber(m)},${csvNumber(m * 12)},${scored.score[i]},${BAND_LABEL[scored.band[i]]},${csvNumber(scored.atRisk[i])},` +
      `${csvNumber(p[0])},${csvNumber(p[1])},${csvNumber(p[2])},${csvNumber(p[3])},${4 - (scored.missing[i] & 1) - ((scored.missing[i] >> 1) & 1) - ((scored.missing[i] >> 2) & 1)}\r\n`;
    if (buf.length > 1 << 16) {
      await write(out, buf);
      buf = '';
    }
  }
  await write(out, buf);
  await closeFile(out);
}

async function writeIssues(file: string, imp: TextImport): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  await write(out, '\uFEFFLine,Account Name,Reason\r\n');
  for (const i of imp.issues) await write(out, `${i.line},${csvText(i.name ?? '')},${csvText(i.reason)}\r\n`);
  if (imp.issuesOmitted > 0) await write(out, `,,${csvText(`${imp.issuesOmitted} more unscorable rows not listed`)}\r\n`);
  await closeFile(out);
}

const money = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
const pct = (x: number) => `${x.toFixed(1)} %`;

function rollupText(r: Rollup, imp: TextImport, opts: Options, name: string): string {
  const lines = [
    `Scored ${r.count.toLocaleString('en-US')} accounts from ${name} (calibration: ${opts.calibrationName}; as of ${isoDate(opts.today)}).`,
    imp.unscored > 0 ? `${imp.unscored.toLocaleString('en-US')} ${imp.unscored === 1 ? 'row' : 'rows'} could not be scored${opts.issues ? ` (listed in ${opts.issues})` : ' (listed on stderr; --issues writes them all)'}.` : 'Every row was scored.',
    '',
    `${'Band'.padEnd(8)}${'Accounts'.padStart(12)}${'Share'.padStart(9)}${'ARR'.padStart(18)}${'At-risk ARR'.padStart(18)}`,
  ];
  BANDS.forEach((b, k) => {
    const t = r.bands[b];
    lines.push(`${BAND_LABEL[k].padEnd(8)}${t.count.toLocaleString('en-US').padStart(12)}${pct(t.pct).padStart(9)}${money(t.arr).padStart(18)}${money(t.atRiskArr).padStart(18)}`);
  });
  lines.push(`${'Total'.padEnd(8)}${r.count.toLocaleString('en-US').padStart(12)}${pct(r.count ? 100 : 0).padStart(9)}${money(r.totalArr).padStart(18)}${money(r.expectedAtRiskArr).padStart(18)}`);
  lines.push('', `Risk-band ARR share: ${pct(r.riskArrShare)}`);
  for (const w of imp.warnings) lines.push(`Note: ${w}`);
  return `${lines.join('\n')}\n`;
}

function rollupJson(r: Rollup, imp: TextImport, opts: Options, name: string): string {
  return `${JSON.stringify(
    {
      file: name,
      calibration: opts.calibrationName,
      asOf: isoDate(opts.today),
      scored: r.count,
      unscored: imp.unscored,
      bands: r.bands,
      totalArr: r.totalArr,
      expectedAtRiskArr: r.expectedAtRiskArr,
      riskArrShare: r.riskArrShare,
      warnings: imp.warnings,
      out: opts.out ?? null,
      issues: opts.issues ?? null,
    },
    null,
    2,
  )}\n`;
}

async function main(): Promise<void> {
  let opts: Options;
  try {
    opts = readOptions(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) fail(2, e.message);
    throw e;
  }
  const name = opts.input === '-' ? 'standard input' : opts.input;
  const isWorkbook = /\.(xlsx|xlsm|xls)$/i.test(opts.input);
  let result;
  try {
    result = isWorkbook ? await importWorkbook(opts.input, opts) : await importStream(opts.input === '-' ? process.stdin : createReadStream(opts.input), name, opts);
  } catch (e) {
    fail(2, `${name} could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!result.ok) fail(1, `${name}: ${result.reason} Nothing was scored. The header must name an account and MRR or ARR (the same column names the page recognises).`);
  const imp = result.value;

  if (opts.issues) await writeIssues(opts.issues, imp);
  else if (imp.unscored > 0) {
    for (const i of imp.issues.slice(0, 20)) process.stderr.write(`${name}:${i.line}: ${i.name ? `${i.name}: ` : ''}${i.reason}\n`);
    if (imp.unscored > 20) process.stderr.write(`… and ${imp.unscored - 20} more unscorable rows (write them all with --issues issues.csv)\n`);
  }
  if (imp.columns.count === 0) fail(1, `${name}: none of the ${imp.unscored} rows could be scored; fix the cells named above${opts.issues ? ` (and in ${opts.issues})` : ''}.`);

  const scored = scoreColumns(imp.columns, opts.calibration);
  const r = rollup(imp.columns, scored);
  if (opts.out) await writeScored(opts.out, imp, opts.calibration, scored);
  process.stdout.write(opts.json ? rollupJson(r, imp, opts, name) : rollupText(r, imp, opts, path.basename(name)));
}

main().catch((e: unknown) => fail(2, e instanceof Error ? e.message : String(e)));
