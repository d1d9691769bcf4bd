/**
 * SPEC §8 calibration file: the calibration (weights, thresholds, segment overrides, scale, horizon) as
 * versioned JSON that the page downloads and opens and the command line reads. It passes the same gate
 * as stored data (records.ts parseStored: envelope, migrations forward, validation): a file written by an
 * older version loads migrated; an invalid one is rejected whole with a reason.
 */
import { fail, ok, type Calibration, type Parsed } from '../engine/types';
import { parseStored, RECORDS, sealStored } from './records';

export const CALIBRATION_FILE_FORMAT = 'cs-scorecard-calibration';

/** Largest calibration file read (10,000 segment overrides fit well within it). */
export const MAX_CALIBRATION_FILE_BYTES = 5 * 1024 * 1024;

export interface CalibrationFile {
  format: typeof CALIBRATION_FILE_FORMAT;
  /** The calibration record version the data was written with. */
  v: number;
  data: Calibration;
}

/** The calibration as the file's text (pretty JSON, newline-terminated); refused when it is not valid. */
export function encodeCalibrationFile(cal: Calibration): Parsed<string> {
  const sealed = sealStored('calibration', cal);
  if (!sealed.ok) return sealed;
  const file: CalibrationFile = { format: CALIBRATION_FILE_FORMAT, v: sealed.value.envelope.v, data: sealed.value.value };
  return ok(`${JSON.stringify(file, null, 2)}\n`);
}

/** A calibration file's text → the calibration, through the storage gate; never throws. */
export function decodeCalibrationFile(text: string): Parsed<Calibration> {
  if (text.length > MAX_CALIBRATION_FILE_BYTES) return fail(`the file is larger than ${MAX_CALIBRATION_FILE_BYTES / 1024 / 1024} MB`);
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return fail(`not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('not a calibration file: expected a JSON object');
  const { format, v, data } = raw as Record<string, unknown>;
  if (format !== CALIBRATION_FILE_FORMAT) {
    return fail(`not a calibration file: "format" must be "${CALIBRATION_FILE_FORMAT}"${format === undefined ? '' : ` (it is ${JSON.stringify(format)})`}`);
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return fail(`"v" must be the calibration version, a whole number from 1 to ${RECORDS.calibration.version}`);
  const r = parseStored('calibration', { v, data });
  return r.ok ? r : fail(`invalid calibration: ${r.reason}`);
}
