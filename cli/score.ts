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
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { scoreColumns } from '../src/lib/engine/portfolio';
import { createRollupAccumulator } from '../src/lib/engine/rollup-stream';
import type { ColumnMapping, Parsed } from '../src/lib/engine/types';
import { createColumnBuilder, type ColumnBuilder } from '../src/lib/io/column-builder';
import { csvText } from '../src/lib/io/csv-export';
import { guessMapping, normaliseHeader } from '../src/lib/io/synonyms';
import type { Delimiter, ImportChoices, ImportDecisions, ImportResult } from '../src/lib/io/types';
import { fail, readOptions, UsageError, type Options } from './score-options';
import { closeFile, HEADER, labelCounter, rollupJson, rollupText, write, writeScored, type Report } from './score-output';
import { isBlankRecord, own, spool, textSource, workbookSource, type RecordSource } from './score-sources';

/** Unscorable rows listed at most (the count stays exact). */
const MAX_LISTED_ISSUES = 100_000;
/** Rows held at a time: the file is read in parts of this many rows, each scored and written, then let go. */
const CHUNK_ROWS = Number(process.env.CS_SCORECARD_CHUNK_ROWS) > 0 ? Math.floor(Number(process.env.CS_SCORECARD_CHUNK_ROWS)) : 1 << 16;

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
