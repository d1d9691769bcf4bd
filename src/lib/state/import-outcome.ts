import type { Calibration, PreparedPortfolio, SentimentScale } from '../engine';
import { mappingToNames } from '../io/header-key';
import type { DateOrder, TextImport, UsageMode } from '../io/types';
import type { MappingDecisions } from '../schema/mappings';
import type { Portfolio } from '../schema/portfolio';
import type { BookKind } from './portfolio.svelte';

export interface ImportChoicesState {
  sentimentScale: 'auto' | SentimentScale;
  usageMode: 'auto' | UsageMode;
  dateOrder: 'auto' | DateOrder;
  /** SPEC §4.1: score on the inputs the export has (an absent input column is "no value"). */
  partial: boolean;
  /** SPEC §4.1: rows with a blank input cell are scored on the inputs they have. */
  scoreBlankRows: boolean;
}

/** What the import flow reads from outside it: nothing else. */
export interface ImportInputs {
  /** The calibration an import is scored with. */
  calibration(): Calibration;
  /** The mapping decisions remembered for a header set, if any. */
  recall(headerKey: string): MappingDecisions | undefined;
  /** Called with each import applied, before `outcome` is set. */
  apply(outcome: ImportOutcome): void;
}

/** An applied import: the book to show (and store, unless it is the sample) and the decisions to remember. */
export interface ImportOutcome {
  kind: BookKind;
  book: Portfolio;
  /** Computed by the worker for `book.columns` (engine/prepared.ts). */
  prepared: PreparedPortfolio | undefined;
  /** Remembered for this header set (io/header-key.ts). */
  headerKey: string;
  decisions: MappingDecisions;
  /** The same source imported again (another mapping, choice or date): not a new import. */
  rerun: boolean;
}

/** What is remembered for the header set: the mapping, and only what the user chose (a detected value is detected again next time). */
export function decisionsOf(r: Pick<TextImport, 'mapping' | 'header'>, c: ImportChoicesState): MappingDecisions {
  return {
    fields: mappingToNames(r.mapping, r.header),
    ...(c.sentimentScale !== 'auto' ? { sentimentScale: c.sentimentScale } : {}),
    ...(c.usageMode !== 'auto' ? { usageMode: c.usageMode } : {}),
    ...(c.dateOrder !== 'auto' ? { dateOrder: c.dateOrder } : {}),
    ...(c.partial ? { partial: true as const } : {}),
    ...(c.scoreBlankRows ? { scoreBlankRows: true as const } : {}),
  };
}
