/** Messages between the page (importer.ts) and csv.worker.ts. Plain, structured-clonable data. */
import type { ColumnMapping, Parsed } from '../engine/types';
import type { ImportChoices, Preview, TextImport } from './types';

/** A paste (text) or a dropped / picked file (a File is a Blob), bare or wrapped. */
export type ImportSource = string | Blob | { text: string } | { file: Blob };

export type WorkerRequest =
  | { type: 'preview'; id: number; text?: string; file?: Blob; rows?: number }
  | { type: 'import'; id: number; text?: string; file?: Blob; mapping?: ColumnMapping; options?: ImportChoices }
  | { type: 'cancel'; id: number };

export interface ImportProgress {
  /** Records read so far. */
  rows: number;
  /** Bytes read so far (estimated from the characters parsed). */
  bytes: number;
  totalBytes: number;
}

/**
 * An import's answer is a run of `names` messages (the account names, in order, in slices) and then its
 * `result`, whose columns.name is empty: the page deserializes each message in its own task, and a 1M-row
 * name list in one message would block it for hundreds of milliseconds.
 */
export type WorkerResponse =
  | { type: 'preview'; id: number; result: Parsed<Preview> }
  | ({ type: 'progress'; id: number } & ImportProgress)
  | { type: 'names'; id: number; names: string[] }
  | { type: 'result'; id: number; result: Parsed<TextImport> };
