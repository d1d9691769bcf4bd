/** Messages between the page (import-client.ts) and csv.worker.ts. Plain, structured-clonable data. */
import type { PreparedPortfolio, PreparedPrevious } from '../engine/prepared';
import type { Calibration, ColumnMapping, Parsed } from '../engine/types';
import type { BookPart } from './book-parts';
import type { ImportChoices, Preview, TextImport } from './types';

/** A paste (text) or a dropped / picked file (a File is a Blob), bare or wrapped. */
export type ImportInput = string | Blob | { text: string } | { file: Blob };

export type WorkerRequest =
  /**
   * A practice import (practice.ts: a file read and imported as a picked one is), `rounds` times (default: worker-handler.ts), under
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
    }
  /**
   * A stored book restored at start-up (SPEC §4.6: the current import, and the previous one if kept), sent
   * in parts (book-parts.ts), a few MB per task: the page never copies a whole book in one go.
   */
  | { type: 'book'; id: number; side: BookSide; part: BookPart }
  /** The current book, its parts sent ahead: prepare it (engine/prepared.ts) under `calibration`; answered by 'restored'. */
  | { type: 'restore'; id: number; calibration: Calibration; asOfDay: number }
  /**
   * After 'restore' of the same id, the previous book, its parts sent ahead: score it under that calibration,
   * match it with the current one and say what moved; answered by 'restored-previous'.
   */
  | { type: 'restore-previous'; id: number; asOfDay: number };

/** Which stored book a 'book' part is of. */
export type BookSide = 'current' | 'previous';

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
  /** Chunk `at` of the import's packed names (engine/names.ts), ahead of the result; a later one for the same `at` replaces it. */
  | { type: 'names'; id: number; at: number; chunk: string }
  | { type: 'result'; id: number; result: Parsed<TextImport> }
  /** Its typed arrays transferred. */
  | { type: 'restored'; id: number; result: Parsed<PreparedPortfolio> }
  | { type: 'restored-previous'; id: number; result: Parsed<PreparedPrevious> };
