/** SPEC §8 calibration file and "Copy as SQL" actions of the calibration panel. */
import type { Calibration } from '../engine/types';
import type { SqlDialect } from '../engine/sql-dialects';
import { datedName, downloadBlob } from '../io/download';
import type { Parsed } from '../engine/types';
import { copyText } from '../io/clipboard';
import type { AppState } from './app.svelte';

/** The file codec passes the storage gate (zod): loaded on first use, never on the page's first load. */
const fileCodec = () => import('../schema/calibration-file');

/** Save the calibration as cs-scorecard-calibration-YYYY-MM-DD.json. */
export async function downloadCalibration(app: AppState): Promise<Parsed<null>> {
  const calibration = app.portfolio.calibration;
  const { encodeCalibrationFile } = await fileCodec();
  const text = encodeCalibrationFile(calibration);
  if (!text.ok) return text;
  downloadBlob(new Blob([text.value], { type: 'application/json' }), datedName('cs-scorecard-calibration', 'json'));
  return { ok: true, value: null };
}

/** Read a calibration file and apply it whole, or leave everything as it was and say why. */
export async function openCalibration(app: AppState, file: File): Promise<Parsed<Calibration>> {
  const { decodeCalibrationFile, MAX_CALIBRATION_FILE_BYTES } = await fileCodec();
  if (file.size > MAX_CALIBRATION_FILE_BYTES) return { ok: false, reason: `${file.name} is too large for a calibration file` };
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { ok: false, reason: `${file.name} could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
  const r = decodeCalibrationFile(text);
  if (!r.ok) return { ok: false, reason: `${file.name}: ${r.reason}` };
  app.portfolio.loadCalibration(r.value);
  return r;
}

/** The calibrated model as SQL for a dialect; the generator loads on first use. */
export async function calibrationSql(app: AppState, dialect: SqlDialect): Promise<string> {
  const { modelSql } = await import('../engine/sql');
  return modelSql(app.portfolio.calibration, { dialect, generatedAt: new Date().toISOString() });
}

export async function copyCalibrationSql(app: AppState, dialect: SqlDialect): Promise<boolean> {
  return copyText(await calibrationSql(app, dialect));
}
