import type { AccountColumns, ScoredColumns } from '../engine';
import { datedName, downloadBlob } from '../io/download';

/** SPEC §4.3: the scored accounts as CSV, in the table's order. The CSV writer loads on first use. */
export async function exportAccountsCsv(cols: AccountColumns, scored: ScoredColumns, order: Uint32Array): Promise<void> {
  const { accountsToCsv } = await import('../io/csv-export');
  const text = accountsToCsv(cols, scored, order);
  downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), datedName('accounts', 'csv'));
}
