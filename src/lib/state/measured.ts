import { formatNumber, type KpiId } from '../engine';
import type { AppState } from './app.svelte';

/** SPEC §4.6 measured KPIs and the scorecard KPI each one fills. */
export const MEASURED_KPIS = [
  { id: 'nrr', kpi: 'nrr', label: 'NRR', field: 'nrr' },
  { id: 'grr', kpi: 'grr', label: 'GRR', field: 'grr' },
  { id: 'logo-churn', kpi: 'logo-churn', label: 'Logo churn', field: 'logoChurn' },
] as const satisfies ReadonlyArray<{ id: string; kpi: KpiId; label: string; field: 'nrr' | 'grr' | 'logoChurn' }>;
export type MeasuredKpi = (typeof MEASURED_KPIS)[number];

/** Put a measured KPI into the scorecard (one decimal), and say so: never silently (SPEC §4.6). */
export function useMeasured(app: AppState, k: MeasuredKpi): void {
  const m = app.movement.result?.measured;
  const v = m?.[k.field];
  if (!m || v === null || v === undefined) return;
  const text = formatNumber(v, 1).replace('−', '-');
  app.scorecard.setText(k.kpi, text);
  const how = m.annualised ? `annualised from ${m.periodDays} days` : `over ${m.periodDays} days, not annualised`;
  app.notify('success', `${k.label} set to ${text} % from the two imports (${how}).`, `measured-${k.id}`);
}
