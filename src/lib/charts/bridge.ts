import type { ChartConfiguration } from 'chart.js';
import { formatMoneyShort, type BridgeParts } from '../engine';
import { BAND_COLORS, MUTED } from './palette';

/** SPEC §4.6 bridge steps, in order, with how each moves Risk ARR. */
export const BRIDGE_STEPS = [
  { part: 'previous', label: 'Previous', sign: 0 },
  { part: 'into', label: 'Moved in', sign: 1 },
  { part: 'outOf', label: 'Moved out', sign: -1 },
  { part: 'new', label: 'New', sign: 1 },
  { part: 'gone', label: 'Gone', sign: -1 },
  { part: 'change', label: 'ARR change', sign: 1 },
  { part: 'current', label: 'Current', sign: 0 },
] as const;

/** The floating bars of the waterfall: [from, to] per step (totals start at 0). */
export function bridgeBars(b: BridgeParts): Array<[number, number]> {
  let level = 0;
  return BRIDGE_STEPS.map(({ part, sign }) => {
    if (sign === 0) {
      level = b[part];
      return [0, b[part]];
    }
    const from = level;
    level += sign * b[part];
    return [from, level];
  });
}

/** The Risk ARR bridge as a waterfall: totals grey, rises in the Risk colour, falls in the Healthy one. */
export function bridgeChart(b: BridgeParts): ChartConfiguration<'bar'> {
  const bars = bridgeBars(b);
  return {
    type: 'bar',
    data: {
      labels: BRIDGE_STEPS.map((s) => s.label),
      datasets: [{
        label: 'Risk ARR',
        data: bars as unknown as number[],
        backgroundColor: bars.map(([from, to], i) => (BRIDGE_STEPS[i].sign === 0 ? MUTED : to >= from ? BAND_COLORS.risk : BAND_COLORS.healthy)),
        borderRadius: 3,
      }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false }, tooltip: { enabled: true } },
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => formatMoneyShort(Number(v)) } } },
    },
  };
}
