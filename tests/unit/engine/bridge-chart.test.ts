import { bridgeBars } from '../../../src/lib/charts/bridge';

describe('SPEC §4.6 the bridge as a waterfall', () => {
  it('each step starts where the last one ended; the totals stand on zero', () =>
    expect(bridgeBars({ previous: 108_000, into: 132_000, outOf: 60_000, new: 80_400, gone: 24_000, change: 6_000, current: 242_400 }))
      .toEqual([[0, 108_000], [108_000, 240_000], [240_000, 180_000], [180_000, 260_400], [260_400, 236_400], [236_400, 242_400], [0, 242_400]]));
});

describe('Risk-band ARR over saved audits', () => {
  it('one point per audit, a gap where an audit kept no portfolio', async () => {
    const { riskHistoryChart } = await import('../../../src/lib/charts/risk-history');
    const cfg = riskHistoryChart([
      { savedAt: '2026-03-31T10:00:00.000Z', riskArr: 500_000 },
      { savedAt: '2026-06-30T10:00:00.000Z', riskArr: null },
      { savedAt: '2026-09-30T10:00:00.000Z', riskArr: 420_000 },
    ]);
    expect(cfg.data.labels).toEqual(['2026-03-31', '2026-06-30', '2026-09-30']);
    expect(cfg.data.datasets[0].data).toEqual([500_000, null, 420_000]);
  });
});
