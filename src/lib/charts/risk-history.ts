import type { ChartConfiguration } from 'chart.js';
import { formatMoneyShort } from '../engine';
import { BAND_COLORS, MUTED } from './palette';

export interface RiskPoint {
  savedAt: string;
  /** Risk-band ARR of the audit's portfolio; null when the audit kept no portfolio. */
  riskArr: number | null;
}

/** Risk-band ARR per saved audit (SPEC §4.6), next to the composite's trend; gaps where an audit had no portfolio. */
export function riskHistoryChart(points: RiskPoint[]): ChartConfiguration<'line'> {
  return {
    type: 'line',
    data: {
      labels: points.map((p) => p.savedAt.slice(0, 10)),
      datasets: [{
        label: 'Risk-band ARR', data: points.map((p) => p.riskArr), borderColor: BAND_COLORS.risk, backgroundColor: BAND_COLORS.risk,
        borderWidth: 3, pointRadius: 4, spanGaps: true,
      }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => formatMoneyShort(Number(v)) } }, x: { grid: { display: false } } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, color: MUTED } } },
    },
  };
}
