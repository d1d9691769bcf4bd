/** SPEC §8: the SQL dialects the model is written in. Apart from sql.ts so a picker can list them without loading the generator. */
export const SQL_DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

export const SQL_DIALECT_LABELS: Record<SqlDialect, string> = {
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  bigquery: 'BigQuery',
  snowflake: 'Snowflake',
  spark: 'Spark SQL (Databricks)',
};
