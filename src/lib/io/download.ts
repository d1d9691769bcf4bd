import { isoDate, todayEpochDay } from './calendar';

/** Save a blob as a file through a temporary same-origin object URL. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "cs-scorecard-2026-11-23" */
/** The local calendar date as YYYY-MM-DD (what the user calls "today"). */
export const localIsoDate = (d: Date = new Date()): string => isoDate(todayEpochDay(d));

export const datedName = (stem: string, ext: string, d: Date = new Date()): string => `${stem}-${localIsoDate(d)}.${ext}`;
