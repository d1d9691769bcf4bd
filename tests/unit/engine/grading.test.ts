import fc from 'fast-check';
import { BENCHMARKS, KPIS, KPI_IDS, STAGES, gradeOf, roundScore, scoreKpi, type KpiId, type Stage } from '../../../src/lib/engine';

describe('SPEC §3.2 letter grades on the rounded integer', () => {
  it.each([
    [100, 'A+'], [97, 'A+'], [96, 'A'], [93, 'A'], [92, 'A−'], [90, 'A−'],
    [89, 'B+'], [87, 'B+'], [86, 'B'], [83, 'B'], [82, 'B−'], [80, 'B−'],
    [79, 'C+'], [77, 'C+'], [76, 'C'], [73, 'C'], [72, 'C−'], [70, 'C−'],
    [69, 'D+'], [67, 'D+'], [66, 'D'], [63, 'D'], [62, 'D−'], [60, 'D−'],
    [59, 'F'], [0, 'F'],
  ] as const)('%d is %s', (score, grade) => expect(gradeOf(score)).toBe(grade));

  it.each([
    [59.4, 'F'], [59.5, 'D−'], [89.49, 'B+'], [89.5, 'A−'], [72.4999999999, 'C'],
  ] as const)('%d rounds before grading → %s', (score, grade) => expect(gradeOf(score)).toBe(grade));

  it('rounds half up and absorbs float noise', () => {
    expect(roundScore(67.5)).toBe(68);
    expect(roundScore(49.41)).toBe(49);
    expect(roundScore(0.1 + 0.2 + 72.2)).toBe(73);
  });
});

const cells = STAGES.flatMap((stage) => KPI_IDS.map((id) => [stage, id] as [Stage, KpiId]));

describe('SPEC §3.1 KPI score against stage quartiles', () => {
  it.each(cells)('%s %s: Q1 → 60, median → 75, Q3 → 90', (stage, id) => {
    const [q1, med, q3] = BENCHMARKS[stage][id];
    expect(scoreKpi(stage, id, q1)).toBeCloseTo(60, 9);
    expect(scoreKpi(stage, id, med)).toBeCloseTo(75, 9);
    expect(scoreKpi(stage, id, q3)).toBeCloseTo(90, 9);
  });

  it.each(cells)('%s %s: 2 steps worse than Q1 → 0, one step past Q3 → 100 (90 for accounts per CSM)', (stage, id) => {
    const [q1, med, q3] = BENCHMARKS[stage][id];
    const worse = q1 - 2 * (med - q1);
    const better = q3 + (q3 - med);
    expect(scoreKpi(stage, id, worse)).toBe(0);
    expect(scoreKpi(stage, id, better)).toBe(id === 'accounts-per-csm' ? 90 : 100);
  });

  it.each([
    ['series-b', 'nrr', 110, 67.5],
    ['series-b', 'nrr', 120, 82.5],
    ['series-b', 'nrr', 130, 95],
    ['series-b', 'nrr', 135, 100],
    ['series-b', 'nrr', 95, 30],
    ['series-b', 'accounts-per-csm', 60, 67.5],
    ['series-b', 'accounts-per-csm', 10, 90],
    ['series-b', 'ttfv', 14, 67.5],
    ['public', 'frt', 0.5, 95],
    ['public', 'frt', 0, 100],
  ] as const)('%s %s %d → %d', (stage, id, value, want) => expect(scoreKpi(stage, id, value)).toBeCloseTo(want, 9));

  it('is within 0–100 and monotone in the better direction (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STAGES), fc.constantFrom(...KPI_IDS),
        fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }),
        (stage, id, a, b) => {
          const sa = scoreKpi(stage, id, a);
          const sb = scoreKpi(stage, id, b);
          expect(sa).toBeGreaterThanOrEqual(0);
          expect(sa).toBeLessThanOrEqual(100);
          // oriented so that the better of the two values must not score lower
          const [worse, better] = (a <= b) === (KPIS[id].better === 'higher') ? [sa, sb] : [sb, sa];
          expect(better).toBeGreaterThanOrEqual(worse - 1e-9);
        },
      ),
    );
  });
});
