/**
 * SPEC §8 `npm run score -- <file|-> [options]`: scores an account export outside the browser through
 * the page's own modules: header synonyms, value parsers and the column builder (src/lib/io), the
 * calibration gate (src/lib/schema), scoring and roll-up (src/lib/engine).
 *
 * Memory stays flat as the file grows: the text is streamed through papaparse and never held, and the
 * rows go through the page's column builder in parts of CHUNK_ROWS: each part is scored, written, rolled
 * up and let go. The page decides some readings from a whole column (usage as fractions, the sentiment
 * scale, the date order), so the file is read twice: pass 1 takes those readings from every part, pass 2
 * scores every part under them.
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { DEFAULT_CALIBRATION } from '../src/lib/engine/accounts';
import { contributionsOf } from '../src/lib/engine/contributions';
import { segmentKey } from '../src/lib/engine/model';
import { nameAt } from '../src/lib/engine/names';
import { scoreColumns, type Rollup, type ScoredColumns } from '../src/lib/engine/portfolio';
import { createRollupAccumulator } from '../src/lib/engine/rollup-stream';
import { BANDS, type AccountColumns, type Calibration, type ColumnMapping, type Parsed } from '../src/lib/engine/types';
import { createColumnBuilder, type ColumnBuilder } from '../src/lib/io/column-builder';
import { KeyedDictionary } from '../src/lib/io/dictionary';
import { csvNumber, csvText } from '../src/lib/io/csv-export';
import { daysFromCivil, isoDate } from '../src/lib/io/calendar';
import { detectDelimiter, detectNewline } from '../src/lib/io/delimiter';
import { guessMapping, normaliseHeader } from '../src/lib/io/synonyms';
import type { Delimiter, ImportChoices, ImportDecisions, ImportIssue, ImportResult } from '../src/lib/io/types';
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
  --partial             score on the inputs the export has when it lacks a last-touch,
                        usage or sentiment column (weights renormalised, as the page offers)
  --score-blank-rows    score rows with a blank input cell on the inputs they have
  --json                print the roll-up as JSON instead of text
  --help                show this help

Exit status: 0 rows were scored, 1 none could be, 2 bad arguments or calibration.`;

/** Unscorable rows listed at most (the count stays exact). */
const MAX_LISTED_ISSUES = 100_000;
const SAMPLE_CHARS = 1 << 16;
/** Rows held at a time: the file is read in parts of this many rows, each scored and written, then let go. */
const CHUNK_ROWS = Number(process.env.CS_SCORECARD_CHUNK_ROWS) > 0 ? Math.floor(Number(process.env.CS_SCORECARD_CHUNK_ROWS)) : 1 << 16;

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
  /** SPEC §4.1: score on the inputs present (absent columns) and rows with a blank input cell. */
  partial: boolean;
  scoreBlankRows: boolean;
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
        partial: { type: 'boolean', default: false },
        'score-blank-rows': { type: 'boolean', default: false },
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
  return { input, calibration, calibrationName, today, out: values.out, issues: values.issues, json: values.json ?? false,
    partial: values.partial ?? false, scoreBlankRows: values['score-blank-rows'] ?? false };
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

/** One record and the source line it starts on; false stops the read, a promise holds it until settled. */
type OnRecord = (row: string[], line: number) => boolean | Promise<boolean>;
/** Reads the whole source once, record by record. */
type RecordSource = (onRecord: OnRecord, onWarning: (w: string) => void) => Promise<{ empty: boolean; delimiter: Delimiter }>;

/**
 * papaparse cuts cells out of the chunk they were read from; a long cell kept by the builder (a name, a
 * reason quoting a cell) would keep its whole chunk, and so the text, alive. A copy keeps only the cell.
 */
const own = (s: string): string => (s.length < 13 ? s : (` ${s}`).slice(1));

/** CSV or TSV text, streamed: the first 64 Ki characters pick the delimiter and line break, then papaparse streams the rest. */
function textSource(open: () => Readable, name: string): RecordSource {
  return async (onRecord, onWarning) => {
    const source = open();
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
    if (text0.trim() === '') {
      source.destroy();
      return { empty: true, delimiter: ',' };
    }
    const delimiter = detectDelimiter(text0);
    const newline = detectNewline(text0);
    const lineOf = lineCounter(newline === '\r' ? '\r' : '\n');
    async function* rest() {
      yield text0;
      if (ended) return;
      for (let c = await it.next(); !c.done; c = await it.next()) yield c.value;
    }
    let warned = 0;
    const input = Readable.from(rest(), { objectMode: true });
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(input as unknown as File, {
        delimiter,
        newline,
        skipEmptyLines: false,
        step(res: Papa.ParseStepResult<string[]>, parser: Papa.Parser) {
          const row = res.data;
          const line = lineOf(row);
          for (const e of res.errors) {
            if (e.type !== 'Quotes' || warned++ >= 5) continue;
            onWarning(e.code === 'MissingQuotes'
              ? `Line ${line}: a quoted cell is never closed, so the rest of the file was read into it.`
              : `Line ${line}: a quoted cell has a stray quote; it was read as written.`);
          }
          for (let j = 0; j < row.length; j++) row[j] = own(row[j]);
          const go = onRecord(row, line);
          if (go === false) parser.abort();
          else if (go !== true) {
            // papaparse's pause stops parsing but not the stream: without input.pause() the file would
            // pile up in its queue while a part is written.
            parser.pause();
            input.pause();
            go.then((more) => {
              input.resume();
              if (more) parser.resume();
              else parser.abort();
            }, reject);
          }
        },
        complete: () => resolve(),
        error: (e: Error) => reject(new Error(`${name}: ${e.message}`)),
      });
    });
    source.destroy();
    return { empty: false, delimiter };
  };
}

/** The first sheet of a workbook (read whole: .xlsx is a zip), row by row. */
function workbookSource(file: string): RecordSource {
  return async (onRecord) => {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(readFileSync(file), { type: 'buffer', cellDates: true, dense: true });
    const sheet = wb.Sheets[wb.SheetNames[0]];
    const rows = sheet ? XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: false, defval: '', blankrows: true, dateNF: 'yyyy-mm-dd' }) : [];
    if (rows.length === 0) return { empty: true, delimiter: ',' };
    for (let i = 0; i < rows.length; i++) if (!(await onRecord(rows[i].map((c) => (c == null ? '' : String(c))), i + 1))) break;
    return { empty: false, delimiter: ',' };
  };
}

const isBlankRecord = (row: string[]) => row.every((c) => c.trim() === '');

/** Column-wide readings (usage as fractions or percent, the sentiment scale, the date order) fixed for the whole file. */
type Forced = Pick<ImportChoices, 'usageMode' | 'sentimentScale' | 'dateOrder'>;

/**
 * One pass over the file in parts of CHUNK_ROWS rows: the header (first non-blank record) is mapped by the
 * page's synonyms, each part goes through the page's column builder and is handed over finished, so only
 * one part is ever held.
 */
async function pass(
  source: RecordSource,
  opts: Options,
  forced: Forced,
  onPart: (part: ImportResult) => Promise<void> | void,
  onRow?: (row: string[], line: number) => void,
  onMapping?: (mapping: ColumnMapping) => void,
): Promise<Parsed<{ header: string[]; mapping: ColumnMapping; delimiter: Delimiter; warnings: string[] }>> {
  let header: string[] | null = null;
  let mapping: ColumnMapping = {};
  let builder: ColumnBuilder | null = null;
  let inPart = 0;
  let failure: string | null = null;
  const warnings: string[] = [];
  const newBuilder = (): ColumnBuilder | null => {
    const b = createColumnBuilder({
      header: header as string[], mapping, today: opts.today, maxIssues: MAX_LISTED_ISSUES, expectedRows: CHUNK_ROWS,
      partial: opts.partial, scoreBlankRows: opts.scoreBlankRows, ...forced,
    });
    if (!b.ok) failure = b.reason;
    return b.ok ? b.value : null;
  };
  const read = await source((row, line) => {
    if (builder === null) {
      if (isBlankRecord(row)) return true;
      header = row.slice();
      header[0] = header[0].charCodeAt(0) === 0xfeff ? header[0].slice(1) : header[0];
      mapping = guessMapping(header).mapping;
      onMapping?.(mapping);
      builder = newBuilder();
      return builder !== null;
    }
    onRow?.(row, line);
    builder.push(row, line);
    if (++inPart < CHUNK_ROWS) return true;
    const part = builder.finish();
    builder = newBuilder();
    inPart = 0;
    return Promise.resolve(onPart(part)).then(() => builder !== null);
  }, (w) => warnings.push(w));
  if (failure !== null) return { ok: false, reason: failure };
  if (read.empty || builder === null || header === null) return { ok: false, reason: 'The file is empty.' };
  await onPart((builder as ColumnBuilder).finish());
  return { ok: true, value: { header, mapping, delimiter: read.delimiter, warnings } };
}

const ID_HEADERS = new Set(['account id', 'id', 'customer id', 'account number', 'crm id', 'external id']);

/** The account id column (SPEC §4.6): the mapping's when it has one, else a header that names an id. */
function idColumn(header: string[], mapping: ColumnMapping): number {
  const mapped = (mapping as Record<string, number | undefined>).id;
  return mapped ?? header.findIndex((h) => ID_HEADERS.has(normaliseHeader(h)));
}

/** The readings of the whole file, from its parts' (SPEC §2.3: one column, one reading). */
function combine(parts: ImportDecisions[]): Forced {
  if (parts.length === 0) return {};
  const some = (f: (d: ImportDecisions) => boolean) => parts.some(f);
  const scale = (['nps', '0-100', '0-10', '1-5'] as const).find((s) => some((d) => d.sentimentScale === s)) ?? parts[0].sentimentScale;
  const dmy = parts.filter((d) => d.dateOrder === 'dmy' && d.dateOrderCertain).length;
  const mdy = parts.filter((d) => d.dateOrder === 'mdy' && d.dateOrderCertain).length;
  return {
    usageMode: some((d) => d.usageMode === 'percent' && d.usageCertain) ? 'percent' : parts[0].usageMode,
    sentimentScale: scale,
    dateOrder: dmy > mdy ? 'dmy' : mdy > dmy ? 'mdy' : parts[0].dateOrder,
  };
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

/** Owner and segment as shown, by key: each key's most frequent spelling over the whole file's scored rows. */
interface Labels {
  owner: Map<string, string>;
  segment: Map<string, string>;
}

/** Counts spellings of the scored rows of each part (pass 1), so every part shows the file's spelling. */
function labelCounter(mapping: () => ColumnMapping) {
  const owner = new KeyedDictionary();
  const segment = new KeyedDictionary();
  const cells = new Map<number, [string, string]>();
  return {
    row(row: string[], line: number): void {
      const m = mapping();
      const o = m.owner !== undefined && m.owner < row.length ? row[m.owner] : '';
      const g = m.segment !== undefined && m.segment < row.length ? row[m.segment] : '';
      if (o || g) cells.set(line, [o, g]);
    },
    part(c: AccountColumns): void {
      for (let i = 0; i < c.count; i++) {
        const cell = cells.get(c.line[i]);
        if (!cell) continue;
        owner.code(cell[0]);
        segment.code(cell[1]);
      }
      cells.clear();
    },
    labels(): Labels {
      const byKey = (d: KeyedDictionary) => new Map(d.labels().slice(1).map((l) => [segmentKey(l), l] as const));
      return { owner: byKey(owner), segment: byKey(segment) };
    },
  };
}

/** One part's scored accounts as formula-safe CSV rows (io/csv-export.ts neutralising). */
async function writeScored(out: Writable, c: AccountColumns, cal: Calibration, scored: ScoredColumns, ids: Map<number, string>, labels: Labels): Promise<void> {
  const parts = contributionsOf(c, cal);
  // A part's own dictionaries show its most frequent spelling; the file's is the one shown (SPEC §4.4).
  const owners = c.ownerDict.map((l) => labels.owner.get(segmentKey(l)) ?? l);
  const segments = c.segmentDict.map((l) => labels.segment.get(segmentKey(l)) ?? l);
  const p = new Float64Array(4);
  let buf = '';
  for (let i = 0; i < c.count; i++) {
    parts(i, p);
    const m = c.mrr[i];
    const miss = scored.missing[i];
    buf += `${csvText(nameAt(c.name, i))},${csvText(ids.get(c.line[i])?.trim() ?? '')},${csvText(owners[c.owner[i]])},${csvText(segments[c.segment[i]])},` +
      `${csvNumber(m)},${csvNumber(m * 12)},${scored.score[i]},${BAND_LABEL[scored.band[i]]},${csvNumber(scored.atRisk[i])},` +
      `${csvNumber(p[0])},${csvNumber(p[1])},${csvNumber(p[2])},${csvNumber(p[3])},${4 - (miss & 1) - ((miss >> 1) & 1) - ((miss >> 2) & 1)}\r\n`;
    if (buf.length > 1 << 16) {
      await write(out, buf);
      buf = '';
    }
  }
  await write(out, buf);
}

/** What the file's report says: unscorable rows (listed up to a cap, counted exactly) and notes. */
interface Report {
  scored: number;
  unscored: number;
  listed: ImportIssue[];
  omitted: number;
  warnings: string[];
}

const money = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
const pct = (x: number) => `${x.toFixed(1)} %`;

function rollupText(r: Rollup, rep: Report, opts: Options, name: string): string {
  const lines = [
    `Scored ${r.count.toLocaleString('en-US')} accounts from ${name} (calibration: ${opts.calibrationName}; as of ${isoDate(opts.today)}).`,
    rep.unscored > 0 ? `${rep.unscored.toLocaleString('en-US')} ${rep.unscored === 1 ? 'row' : 'rows'} could not be scored${opts.issues ? ` (listed in ${opts.issues})` : ' (listed on stderr; --issues writes them all)'}.` : 'Every row was scored.',
    '',
    `${'Band'.padEnd(8)}${'Accounts'.padStart(12)}${'Share'.padStart(9)}${'ARR'.padStart(18)}${'At-risk ARR'.padStart(18)}`,
  ];
  BANDS.forEach((b, k) => {
    const t = r.bands[b];
    lines.push(`${BAND_LABEL[k].padEnd(8)}${t.count.toLocaleString('en-US').padStart(12)}${pct(t.pct).padStart(9)}${money(t.arr).padStart(18)}${money(t.atRiskArr).padStart(18)}`);
  });
  lines.push(`${'Total'.padEnd(8)}${r.count.toLocaleString('en-US').padStart(12)}${pct(r.count ? 100 : 0).padStart(9)}${money(r.totalArr).padStart(18)}${money(r.expectedAtRiskArr).padStart(18)}`);
  lines.push('', `Risk-band ARR share: ${pct(r.riskArrShare)}`);
  for (const w of rep.warnings) lines.push(`Note: ${w}`);
  return `${lines.join('\n')}\n`;
}

function rollupJson(r: Rollup, rep: Report, opts: Options, name: string): string {
  const { count: scored, ...rest } = r;
  return `${JSON.stringify({ file: name, calibration: opts.calibrationName, asOf: isoDate(opts.today), scored, unscored: rep.unscored, ...rest, warnings: rep.warnings, out: opts.out ?? null, issues: opts.issues ?? null }, null, 2)}\n`;
}

/** Standard input is read twice (readings, then scores): it is first copied to a temporary file, a chunk at a time. */
async function spool(): Promise<{ file: string; done: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cs-scorecard-'));
  const file = path.join(dir, 'stdin.csv');
  await pipeline(process.stdin, createWriteStream(file));
  return { file, done: () => rmSync(dir, { recursive: true, force: true }) };
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
  const stdin = opts.input === '-' ? await spool() : null;
  process.on('exit', () => stdin?.done());
  const file = stdin ? stdin.file : opts.input;
  const source = /\.(xlsx|xlsm|xls)$/i.test(file) ? workbookSource(file) : textSource(() => createReadStream(file), name);

  // Pass 1: the column-wide readings of the whole file, as the page takes them from the whole column.
  const readings: ImportDecisions[] = [];
  let mapping: ColumnMapping = {};
  const counter = labelCounter(() => mapping);
  let first;
  try {
    first = await pass(source, opts, {}, (part) => {
      if (part.scored > 0) readings.push(part.decisions);
      counter.part(part.columns);
    }, (row, line) => counter.row(row, line), (m) => (mapping = m));
  } catch (e) {
    fail(2, `${name} could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!first.ok) fail(1, `${name}: ${first.reason} Nothing was scored. The header must name an account and MRR or ARR (the same column names the page recognises).`);
  const forced = combine(readings);
  const labels = counter.labels();

  // Pass 2: each part scored under those readings, written, rolled up and let go.
  const acc = createRollupAccumulator();
  const rep: Report = { scored: 0, unscored: 0, listed: [], omitted: 0, warnings: [...first.value.warnings] };
  const out = opts.out ? createWriteStream(opts.out, { encoding: 'utf8' }) : null;
  const issues = opts.issues ? createWriteStream(opts.issues, { encoding: 'utf8' }) : null;
  if (out) await write(out, `\uFEFF${HEADER.join(',')}\r\n`);
  if (issues) await write(issues, '\uFEFFLine,Account Name,Reason\r\n');
  // Ids of the part being read (by source line), let go with the part.
  const idCol = opts.out ? idColumn(first.value.header, first.value.mapping) : -1;
  const ids = new Map<number, string>();
  await pass(source, opts, forced, async (part) => {
    rep.scored += part.scored;
    rep.unscored += part.unscored;
    rep.omitted += part.issuesOmitted;
    for (const w of part.warnings) if (!rep.warnings.includes(w) && rep.warnings.length < 20) rep.warnings.push(w);
    for (const i of part.issues) {
      if (issues) await write(issues, `${i.line},${csvText(i.name ?? '')},${csvText(i.reason)}\r\n`);
      else if (rep.listed.length < 20) rep.listed.push(i);
    }
    if (part.columns.count === 0) return;
    const scored = scoreColumns(part.columns, opts.calibration);
    acc.add(part.columns, scored);
    if (out) await writeScored(out, part.columns, opts.calibration, scored, ids, labels);
    ids.clear();
  }, idCol < 0 ? undefined : (row, line) => {
    if (idCol < row.length) ids.set(line, own(row[idCol]));
  });
  if (issues) {
    if (rep.omitted > 0) await write(issues, `,,${csvText(`${rep.omitted} more unscorable rows not listed`)}\r\n`);
    await closeFile(issues);
  }
  if (out) await closeFile(out);
  if (!issues) {
    for (const i of rep.listed) process.stderr.write(`${name}:${i.line}: ${i.name ? `${i.name}: ` : ''}${i.reason}\n`);
    if (rep.unscored > rep.listed.length) process.stderr.write(`… and ${rep.unscored - rep.listed.length} more unscorable rows (write them all with --issues issues.csv)\n`);
  }
  if (rep.scored + rep.unscored === 0) fail(1, `${name}: The file has a header but no account rows. Nothing was scored.`);
  if (rep.scored === 0) fail(1, `${name}: none of the ${rep.unscored} rows could be scored; fix the cells named above${opts.issues ? ` (and in ${opts.issues})` : ''}.`);
  const r = acc.result();
  process.stdout.write(opts.json ? rollupJson(r, rep, opts, name) : rollupText(r, rep, opts, path.basename(name)));
}

main().catch((e: unknown) => fail(2, e instanceof Error ? e.message : String(e)));
