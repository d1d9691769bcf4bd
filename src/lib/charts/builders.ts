import type { ChartConfiguration } from 'chart.js';
import { BANDS, BENCHMARKS, KPI_IDS, STAGE_LABELS, formatMoneyShort, gradeFunction, type KpiInputs, type Rollup, type ScorecardResult, type Stage } from '../engine';
import { ACCENT, BAND_COLORS, BAND_LABELS, MUTED } from './palette';

/** The dimension scores of the median company at a stage (all twelve KPIs at median). */
export function medianDimensionScores(stage: Stage): number[] {
  const inputs = Object.fromEntries(KPI_IDS.map((id) => [id, BENCHMARKS[stage][id][1]])) as KpiInputs;
  return gradeFunction(stage, inputs).dimensions.map((d) => d.score);
}

/** Six dimensions as horizontal bars, the stage median marked as points. */
export function dimensionChart(result: ScorecardResult, opts: { fontSize?: number } = {}): ChartConfiguration<'bar' | 'line'> {
  const font = { size: opts.fontSize ?? 12 };
  return {
    type: 'bar',
    data: {
      labels: result.dimensions.map((d) => d.name),
      datasets: [
        {
          type: 'bar',
          label: 'Your score',
          data: result.dimensions.map((d) => Math.round(d.score)),
          backgroundColor: ACCENT,
          borderRadius: 3,
          barPercentage: 0.7,
        },
        {
          type: 'line',
          label: `${STAGE_LABELS[result.stage]} median company`,
          data: medianDimensionScores(result.stage).map((s) => Math.round(s)),
          borderColor: '#0f172a',
          backgroundColor: '#ffffff',
          pointStyle: 'rectRot',
          pointRadius: 6,
          pointBorderWidth: 2,
          showLine: false,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { min: 0, max: 100, ticks: { stepSize: 20, font }, grid: { color: '#e2e8f0' } },
        y: { ticks: { font }, grid: { display: false } },
      },
      plugins: { legend: { position: 'bottom', labels: { font, usePointStyle: true } }, tooltip: { enabled: true } },
    },
  } as ChartConfiguration<'bar' | 'line'>;
}

/** ARR per band, with counts in the labels. */
export function bandChart(r: Rollup, opts: { fontSize?: number } = {}): ChartConfiguration<'bar'> {
  const font = { size: opts.fontSize ?? 12 };
  return {
    type: 'bar',
    data: {
      labels: BANDS.map((b) => `${BAND_LABELS[b]} (${r.bands[b].count})`),
      datasets: [
        { label: 'ARR', data: BANDS.map((b) => r.bands[b].arr), backgroundColor: BANDS.map((b) => BAND_COLORS[b]), borderRadius: 3 },
        { label: 'At-risk ARR', data: BANDS.map((b) => r.bands[b].atRiskArr), backgroundColor: '#94a3b8', borderRadius: 3 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        y: { ticks: { font, callback: (v) => formatMoneyShort(Number(v)) }, grid: { color: '#e2e8f0' } },
        x: { ticks: { font }, grid: { display: false } },
      },
      plugins: { legend: { position: 'bottom', labels: { font } } },
    },
  };
}

export interface HistoryPoint {
  savedAt: string;
  composite: number;
  dimensions: Record<string, number>;
}

/** Composite (bold) and the six dimensions over time. */
export function historyChart(points: HistoryPoint[], dimensionNames: Record<string, string>): ChartConfiguration<'line'> {
  const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];
  const ids = Object.keys(dimensionNames);
  return {
    type: 'line',
    data: {
      labels: points.map((p) => p.savedAt.slice(0, 10)),
      datasets: [
        { label: 'Composite', data: points.map((p) => Math.round(p.composite)), borderColor: '#0f172a', borderWidth: 3, pointRadius: 4 },
        ...ids.map((id, k) => ({
          label: dimensionNames[id], data: points.map((p) => Math.round(p.dimensions[id] ?? 0)),
          borderColor: palette[k % palette.length], borderWidth: 1.5, borderDash: [4, 3], pointRadius: 2,
        })),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100 }, x: { grid: { display: false } } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, color: MUTED } } },
    },
  };
}
