/** Messages between the page (import-client.ts) and csv.worker.ts. Plain, structured-clonable data. */
import type { Calibration, ColumnMapping, Parsed } from '../engine/types';
import type { ImportChoices, Preview, TextImport } from './types';

/** A paste (text) or a dropped / picked file (a File is a Blob), bare or wrapped. */
export type ImportInput = string | Blob | { text: string } | { file: Blob };

export type WorkerRequest =
  /**
   * A practice import (import-pipeline.ts warmImport), `rounds` times (default: worker-handler.ts), under
   * `calibration` (default: the engine's), so the engine has compiled the import's hot code before a file
   * arrives. Sent once, to a worker created ahead of need; nothing is posted back.
   */
  | { type: 'warm'; id: number; calibration?: Calibration; rounds?: number }
  | { type: 'preview'; id: number; text?: string; file?: Blob; rows?: number; sheet?: string }
  | {
      type: 'import'; id: number; text?: string; file?: Blob; mapping?: ColumnMapping; options?: ImportChoices;
      /** The sheet of a workbook to read (default: the first with a header row). */
      sheet?: string;
      /** Prepare scores, totals and order under this calibration (TextImport.prepared). */
      calibration?: Calibration;
    };

export interface ImportProgress {
  /** Records read so far. */
  rows: number;
  /** Bytes read so far (estimated from the characters parsed). */
  bytes: number;
  totalBytes: number;
}

/**
 * An import answers with progress messages, then the chunks of its packed account names (engine/names.ts)
 * in order, one per message, and then its result, whose typed arrays are transferred and whose
 * columns.name.chunks is empty: the page deserializes each message in one task, and all names in one
 * message (~25 MB of text for 1M accounts) would block it for over 100 ms.
 */
export type WorkerResponse =
  | { type: 'preview'; id: number; result: Parsed<Preview> }
  | ({ type: 'progress'; id: number } & ImportProgress)
  | { type: 'names'; id: number; chunk: string }
  | { type: 'result'; id: number; result: Parsed<TextImport> };
