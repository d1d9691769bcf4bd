/** SPEC §8 `npm run score`: the usage text, the arguments and calibration read into Options, and how a bad one ends the run. */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_CALIBRATION } from '../src/lib/engine/accounts';
import type { Calibration } from '../src/lib/engine/types';
import { daysFromCivil, isoDate } from '../src/lib/io/calendar';
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

export class UsageError extends Error {}

export function fail(code: 1 | 2, message: string): never {
  process.stderr.write(`cs-scorecard score: ${message}\n`);
  if (code === 2) process.stderr.write('Run with --help for the options.\n');
  process.exit(code);
}

export interface Options {
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

export function readOptions(argv: string[]): Options {
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
