/**
 * SPEC §8: what differs between the SQL dialects (types, string literals, LOG10, whitespace runs) and the
 * literals the model query is written with: doubles that parse back bit for bit, table names, comment text.
 */
import type { SqlDialect } from './sql-dialects';

export interface Dialect {
  double: string;
  integer: string;
  /** A string literal. */
  str: (s: string) => string;
  log10: (x: string) => string;
  /** Collapse every run of ASCII whitespace (as JavaScript's \s for ASCII) to one space. */
  collapse: (x: string) => string;
}

const standardString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const backslashString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;

export const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: {
    double: 'DOUBLE',
    integer: 'INTEGER',
    str: standardString,
    log10: (x) => `LOG10(${x})`,
    collapse: (x) => `REGEXP_REPLACE(${x}, '[ \\t\\n\\r\\f\\v]+', ' ', 'g')`,
  },
  postgres: {
    double: 'DOUBLE PRECISION',
    integer: 'INTEGER',
    str: standardString,
    log10: (x) => `LOG10(${x})`,
    collapse: (x) => `REGEXP_REPLACE(${x}, '[ \\t\\n\\r\\f\\v]+', ' ', 'g')`,
  },
  bigquery: {
    double: 'FLOAT64',
    integer: 'INT64',
    str: backslashString,
    log10: (x) => `LOG10(${x})`,
    collapse: (x) => `REGEXP_REPLACE(${x}, r'[ \\t\\n\\r\\f\\v]+', ' ')`,
  },
  snowflake: {
    double: 'DOUBLE',
    integer: 'INTEGER',
    str: backslashString,
    log10: (x) => `LOG(10, ${x})`,
    // Snowflake's documented Perl sequence \s (the backslash doubled in a string constant).
    collapse: (x) => `REGEXP_REPLACE(${x}, '\\\\s+', ' ')`,
  },
  spark: {
    double: 'DOUBLE',
    integer: 'INT',
    str: backslashString,
    log10: (x) => `LOG10(${x})`,
    // Java's \s is exactly ASCII whitespace [ \t\n\x0B\f\r].
    collapse: (x) => `REGEXP_REPLACE(${x}, '\\\\s+', ' ')`,
  },
};

const TABLE_PART = /^(?:[A-Za-z_][A-Za-z0-9_$]*|"[^"]+"|`[^`]+`)$/;

/** A table name the query can name as is: dot-separated identifiers, each bare or quoted. */
export function isTableName(raw: string): boolean {
  if (raw.length === 0 || raw.length > 300) return false;
  // BigQuery quotes a whole project.dataset.table path in one pair of backticks.
  return /^`[^`]+`$/.test(raw) || raw.split('.').every((p) => TABLE_PART.test(p));
}

/** A double literal that parses back to exactly `x` (shortest round-trip text, cast from a string). */
export function num(d: Dialect, x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 53) return `CAST(${x} AS ${d.double})`;
  return `CAST('${String(x)}' AS ${d.double})`;
}

/** One line of a comment: no line breaks can end it early. */
export const commentText = (s: string) => s.replace(/[\r\n]+/g, ' ');
