/** Shapes of the account import (SPEC §2.3). Plain data only: no DOM. */
import type { PreparedPortfolio } from '../engine/prepared';
import type { AccountColumns, ColumnMapping, MapField, SentimentScale } from '../engine/types';

/** How a usage column is read: 0–100 percent, or 0–1 fractions (×100). */
export type UsageMode = 'percent' | 'fraction';
/** How slash dates like 03/04/2026 are read. */
export type DateOrder = 'mdy' | 'dmy';
export type Delimiter = ',' | ';' | '\t';

/** The choices of the mapping step; 'auto' lets the importer decide per column. */
export interface ImportChoices {
  sentimentScale?: 'auto' | SentimentScale;
  usageMode?: 'auto' | UsageMode;
  dateOrder?: 'auto' | DateOrder;
  /** Today as days since 1970-01-01 (UTC); dates become "days before today". Default: the local date now. */
  today?: number;
  /** At most this many unscorable rows are listed (the count stays exact). Default 10,000. */
  maxIssues?: number;
  /**
   * SPEC §4.1 "score on the inputs it has": last touch, usage and sentiment may be unmapped; an unmapped
   * input is a column of NaN (no value) and every row is scored on the rest. Default false: all required.
   */
  partial?: boolean;
  /** SPEC §4.1: a blank cell in a mapped input column is NaN and the row is scored on the inputs it has. Default false: the row is an issue. */
  scoreBlankRows?: boolean;
}

export interface BuilderOptions extends ImportChoices {
  header: string[];
  mapping: ColumnMapping;
  /** Expected number of rows (a hint that sizes the arrays once). */
  expectedRows?: number;
  /** Told each chunk of packed names (engine/names.ts) as soon as it is full, with its index; a chunk may be told again (the rows read again). */
  onNames?: (chunk: string, at: number) => void;
}

/** One line of the import report. */
export interface ImportIssue {
  /** 1-based line of the row in the source text (where the record starts). */
  line: number;
  /** The row's account name, when it has one. */
  name?: string;
  /** Every reason, joined with "; ". */
  reason: string;
}

/** What the importer decided for ambiguous columns, so the page can show and override it. */
export interface ImportDecisions {
  sentimentScale: SentimentScale;
  /** False when the scale was a best guess (e.g. all values 1–5 with no hint in the header). */
  sentimentCertain: boolean;
  usageMode: UsageMode;
  usageCertain: boolean;
  dateOrder: DateOrder;
  /** False only when slash dates could be read either way and the order was defaulted. */
  dateOrderCertain: boolean;
  /** Decimal separator of amounts like `1.234` (',' when the column otherwise writes `1.234,50`). */
  moneyDecimal: '.' | ',';
  /** Where MRR came from: the MRR column, ARR ÷ 12, or both (ARR only where MRR was empty). */
  revenue: 'mrr' | 'arr' | 'mrr+arr';
}

export interface ImportResult {
  /** Scorable rows only, in source order. */
  columns: AccountColumns;
  /** Unscorable rows, by line (SPEC §2.3: listed with line number and reason). */
  issues: ImportIssue[];
  /** Scored rows whose optional cell (owner, segment, renewal date) could not be read and was left empty. */
  cellWarnings: ImportIssue[];
  scored: number;
  unscored: number;
  /** Unscorable rows not listed in `issues` because of maxIssues. */
  issuesOmitted: number;
  /** Scored rows with a blank cell in a mapped input column (scoreBlankRows), scored on fewer inputs. */
  blankScored?: number;
  decisions: ImportDecisions;
  /** File-level notes for the report (defaults taken, rows skipped, …). */
  warnings: string[];
}

/** The sheet a workbook's rows came from, and the sheets with data to choose from. */
export interface SheetChoice {
  name: string;
  names: string[];
}

/** parseText's answer: the import plus what was read from the file. */
export interface TextImport extends ImportResult {
  header: string[];
  delimiter: Delimiter;
  mapping: ColumnMapping;
  /** Set when the rows came from a spreadsheet file. */
  sheet?: SheetChoice;
  /** Scores, totals and table order, when the import was given a calibration. */
  prepared?: PreparedPortfolio;
}

/** A field guess: the column per field and how sure the guess is (1 exact synonym … 0.5 loose). */
export interface MappingGuess {
  mapping: ColumnMapping;
  confidence: Partial<Record<MapField, number>>;
}

export interface Preview {
  header: string[];
  /** The first data rows, as text. */
  rows: string[][];
  delimiter: Delimiter;
  guess: MappingGuess;
  /** Set when the rows come from a spreadsheet file. */
  sheet?: SheetChoice;
}
