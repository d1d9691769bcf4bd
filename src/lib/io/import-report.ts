/**
 * What an import tells about the rows it could not score or read whole (SPEC §2.3): the unscorable
 * rows, the unreadable optional cells and the skipped blank rows, each list capped at `maxIssues`
 * with the true counts kept.
 */
import type { ImportIssue } from './types';

export const DEFAULT_MAX_ISSUES = 10_000;

export class ImportReport {
  readonly issues: ImportIssue[] = [];
  /** Unscorable rows, listed or not. */
  unscored = 0;
  /** Unscorable rows past the cap. */
  omitted = 0;
  readonly cellWarnings: ImportIssue[] = [];
  /** The stored row of each cell warning (to drop those of rows removed at the end). */
  readonly cellWarningRows: number[] = [];
  cellWarningsOmitted = 0;
  blankRows = 0;
  readonly blankLines: number[] = [];

  constructor(readonly maxIssues: number) {}

  /** An unscorable row; the issue listed, or null past the cap. */
  addIssue(line: number, name: string, reason: string): ImportIssue | null {
    this.unscored++;
    if (this.issues.length >= this.maxIssues) {
      this.omitted++;
      return null;
    }
    const issue: ImportIssue = name === '' ? { line, reason } : { line, name, reason };
    this.issues.push(issue);
    return issue;
  }

  /** An optional cell that could not be read (the row is kept). */
  addCellWarning(row: number, line: number, name: string, reason: string): void {
    if (this.cellWarnings.length >= this.maxIssues) {
      this.cellWarningsOmitted++;
      return;
    }
    this.cellWarnings.push({ line, name, reason });
    this.cellWarningRows.push(row);
  }

  /** A row of separators only (",,,,"): skipped and counted. */
  addBlankRow(line: number): void {
    this.blankRows++;
    if (this.blankLines.length < 5) this.blankLines.push(line);
  }

  /** The issues, with those found at the end (`late`) in line order, capped again. */
  allIssues(late: ImportIssue[]): ImportIssue[] {
    if (late.length === 0) return this.issues;
    this.unscored += late.length;
    const all = this.issues.concat(late).sort((a, b) => a.line - b.line);
    if (all.length > this.maxIssues) {
      this.omitted += all.length - this.maxIssues;
      all.length = this.maxIssues;
    }
    return all;
  }

  /** The cell warnings of the rows kept (`removed` marks the others), in line order when `sort`. */
  keptCellWarnings(removed: Uint8Array | null, sort: boolean): ImportIssue[] {
    const rows = this.cellWarningRows;
    const kept = removed === null ? this.cellWarnings : this.cellWarnings.filter((_, k) => removed[rows[k]] === 0);
    if (sort) kept.sort((a, b) => a.line - b.line);
    return kept;
  }

  /** The blank-row warning, or null. */
  blankRowsWarning(): string | null {
    const { blankRows, blankLines } = this;
    if (blankRows === 0) return null;
    const where = blankLines.join(', ') + (blankRows > blankLines.length ? ', …' : '');
    return `${blankRows} ${blankRows === 1 ? 'row' : 'rows'} with only empty cells skipped (line ${where}).`;
  }

  /** The warnings about what the lists leave out. */
  capWarnings(): string[] {
    const out: string[] = [];
    if (this.omitted > 0) out.push(`Only the first ${this.maxIssues.toLocaleString('en-US')} unscorable rows are listed.`);
    if (this.cellWarningsOmitted > 0) out.push(`${this.cellWarningsOmitted} more unreadable optional cells are not listed.`);
    return out;
  }
}
