import type { ChartConfiguration } from 'chart.js';
import { BANDS, formatMoneyShort, type GroupRollup, type RenewalWindowTotals } from '../engine';
import { BAND_COLORS, BAND_LABELS } from './palette';

/** SPEC §4.5 window labels, in window order. */
export const RENEWAL_WINDOW_LABELS: Record<RenewalWindowTotals['window'], string> = {
  overdue: 'Overdue',
  '30': '0–30 days',
  '60': '31–60 days',
  '90': '61–90 days',
  '180': '91–180 days',
  later: 'Over 180 days',
  none: 'No date',
};

/** Shorter labels for the chart's axis, so seven windows fit a phone's width. */
export const RENEWAL_WINDOW_SHORT: Record<RenewalWindowTotals['window'], string> = {
  overdue: 'Overdue', '30': '≤30 d', '60': '31–60', '90': '61–90', '180': '91–180', later: '>180', none: 'No date',
};

const money = (v: string | number) => formatMoneyShort(Number(v));

/** Risk-band ARR per owner as horizontal bars, largest first (the rows come sorted). */
export function ownerRiskChart(rows: readonly GroupRollup[], label: (name: string) => string, opts: { fontSize?: number } = {}): ChartConfiguration<'bar'> {
  const font = { size: opts.fontSize ?? 12 };
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => label(r.name)),
      datasets: [{ label: 'Risk-band ARR', data: rows.map((r) => r.riskArr), backgroundColor: BAND_COLORS.risk, borderRadius: 3 }],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { beginAtZero: true, ticks: { font, callback: money, maxTicksLimit: 5 }, grid: { color: '#e2e8f0' } },
        y: { ticks: { font, autoSkip: false }, grid: { display: false } },
      },
      plugins: { legend: { display: false } },
    },
  };
}

/** ARR by band per renewal window, stacked. */
export function renewalChart(windows: readonly RenewalWindowTotals[], opts: { fontSize?: number } = {}): ChartConfiguration<'bar'> {
  const font = { size: opts.fontSize ?? 12 };
  return {
    type: 'bar',
    data: {
      labels: windows.map((w) => RENEWAL_WINDOW_SHORT[w.window]),
      datasets: BANDS.map((b, k) => ({
        label: BAND_LABELS[b],
        data: windows.map((w) => w.bandArr[k]),
        backgroundColor: BAND_COLORS[b],
        stack: 'arr',
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: true, ticks: { font, autoSkip: false }, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, ticks: { font, callback: money, maxTicksLimit: 6 }, grid: { color: '#e2e8f0' } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { font } },
        tooltip: { callbacks: { title: (items) => RENEWAL_WINDOW_LABELS[windows[items[0].dataIndex].window] } },
      },
    },
  };
}
