import { bridgeBars } from '../../../src/lib/charts/bridge';

describe('SPEC §4.6 the bridge as a waterfall', () => {
  it('each step starts where the last one ended; the totals stand on zero', () =>
    expect(bridgeBars({ previous: 108_000, into: 132_000, outOf: 60_000, new: 80_400, gone: 24_000, change: 6_000, current: 242_400 }))
      .toEqual([[0, 108_000], [108_000, 240_000], [240_000, 180_000], [180_000, 260_400], [260_400, 236_400], [236_400, 242_400], [0, 242_400]]));
});
