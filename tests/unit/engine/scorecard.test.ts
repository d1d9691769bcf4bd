import fc from 'fast-check';
import {
  BENCHMARKS, CORE_KPIS, KPI_IDS, STAGES, decideZone, disciplineLimits, gradeFunction, gradeOf, parseKpiText, validateKpi,
  type KpiId, type KpiInputs, type PortfolioSignal, type Stage,
} from '../../../src/lib/engine';

const at = (stage: Stage, q: 0 | 1 | 2, ids: readonly KpiId[] = KPI_IDS): KpiInputs =>
  Object.fromEntries(ids.map((id) => [id, BENCHMARKS[stage][id][q]]));
const medians = (stage: Stage = 'series-b') => at(stage, 1);
const dim = (r: ReturnType<typeof gradeFunction>, id: string) => r.dimensions.find((d) => d.id === id)!;
const rules = (r: ReturnType<typeof gradeFunction>) => r.advice.map((a) => a.rule);
const portfolio = (riskArrShare: number): PortfolioSignal => ({
  totalArr: 10_000_000, riskArrShare, topRiskAccounts: [{ name: 'Globex', arr: 600_000 }, { name: 'Initech', arr: 240_000 }],
});

describe('SPEC worked examples', () => {
  it('all Series B medians for the twelve inputs → 77, C+, Stable', () => {
    const r = gradeFunction('series-b', medians());
    expect(r.composite).toBeCloseTo(77.25, 9);
    expect([r.score, r.grade, r.zone]).toEqual([77, 'C+', 'stable']);
  });

  it('all Series B Q3 → 91, A−', () => {
    const r = gradeFunction('series-b', at('series-b', 2));
    expect([r.score, r.grade, r.zone]).toEqual([91, 'A−', 'thriving']);
  });

  it('only the 8 core KPIs at Series B median → 66, D, Account Coverage not tracked', () => {
    const r = gradeFunction('series-b', at('series-b', 1, CORE_KPIS));
    expect([r.score, r.grade, r.zone]).toEqual([66, 'D', 'strained']);
    expect(dim(r, 'coverage')).toMatchObject({ tracked: false, score: 0 });
  });

  it('1:60 accounts per CSM at Series B → Account Coverage 68, D+', () => {
    const d = dim(gradeFunction('series-b', { 'accounts-per-csm': 60 }), 'coverage');
    expect([d.rounded, d.grade]).toEqual([68, 'D+']);
  });
});

describe('SPEC §3.3 dimensions', () => {
  it('renormalises weights over the tracked inputs', () => {
    // NRR at Q3 (90) and GRR at Q1 (60): (0.5×90 + 0.3×60) / 0.8
    const d = dim(gradeFunction('series-b', { nrr: 125, grr: 88 }), 'retention');
    expect(d.score).toBeCloseTo((0.5 * 90 + 0.3 * 60) / 0.8, 9);
    expect(d.parts.find((p) => p.kpi === 'nrr')!.effectiveWeight).toBeCloseTo(0.625, 9);
  });

  it.each([
    ['retention', { csat: 88 }], ['expansion', { csat: 88 }], ['onboarding', { csat: 88 }],
    ['support', { nrr: 115 }], ['coverage', { csat: 88 }],
  ] as const)('%s with no input is Not tracked and scores 0 (%o entered)', (id, inputs) => {
    expect(dim(gradeFunction('series-b', inputs), id)).toMatchObject({ tracked: false, score: 0 });
  });

  it('records each KPI score and gap to median in its unit', () => {
    const p = dim(gradeFunction('series-b', { nrr: 108 }), 'retention').parts[0];
    expect(p).toMatchObject({ kpi: 'nrr', value: 108, median: 115, gapToMedian: -7 });
  });

  it('composite is the weighted sum of the dimension contributions', () => {
    const r = gradeFunction('series-c', { nrr: 101, csat: 95, frt: 3, 'qbr-completion': 40, 'accounts-per-csm': 50 });
    expect(r.dimensions.reduce((s, d) => s + (d.weight * d.score) / 100, 0)).toBeCloseTo(r.composite, 9);
    expect(r.dimensions.reduce((s, d) => s + d.weight, 0)).toBe(100);
  });
});

describe('SPEC §3.4 Operational Discipline', () => {
  it('is 0.6 × density + 0.4 × QBR score', () => {
    const d = dim(gradeFunction('series-b', at('series-b', 1, CORE_KPIS)), 'discipline');
    expect(d.score).toBeCloseTo(0.6 * 100 + 0.4 * 75, 9);
    expect(d.density).toMatchObject({ tracked: 8, of: 8, score: 100 });
  });

  it('an untracked QBR contributes 0 (not renormalised away)', () => {
    const ids = CORE_KPIS.filter((id) => id !== 'qbr-completion');
    expect(dim(gradeFunction('series-b', at('series-b', 1, ids)), 'discipline').score).toBeCloseTo(0.6 * 87.5, 9);
  });

  it.each([
    [3, 'series-b', 80, 69, 'cap'], [3, 'series-b', 69, 69, undefined], [3, 'series-b', 62.5, 62.5, undefined],
    [4, 'series-b', 80, 80, undefined], [0, 'series-c', 75, 69, 'cap'],
    [3, 'pre-pmf', 80, 80, undefined], [1, 'pre-pmf', 30, 60, 'floor'], [8, 'pre-pmf', 59.9, 60, 'floor'],
  ] as const)('%d core tracked at %s: %d → %d (%s)', (tracked, stage, before, want, kind) => {
    const r = disciplineLimits(before, tracked, stage, true);
    expect(r.score).toBe(want);
    expect(r.adjustment?.kind).toBe(kind);
  });

  it('fewer than 4 core KPIs: never above 69 whatever the QBR cadence', () => {
    const d = dim(gradeFunction('series-b', { nrr: 115, grr: 93, 'qbr-completion': 100 }), 'discipline');
    expect(d.score).toBeLessThanOrEqual(69);
    expect(d.density).toMatchObject({ tracked: 3 });
  });

  it('4 core KPIs tracked: 0.6 × 50 + 0.4 × QBR', () => {
    const d = dim(gradeFunction('series-b', { nrr: 115, grr: 93, csat: 88, 'qbr-completion': 88 }), 'discipline');
    expect(d.score).toBeCloseTo(0.6 * 50 + 0.4 * 90, 9);
    expect(d.adjustment).toBeUndefined();
  });

  it('Pre-PMF: no cap and a floor of 60', () => {
    const low = dim(gradeFunction('pre-pmf', { nrr: 95 }), 'discipline');
    expect(low.score).toBe(60);
    expect(low.adjustment).toMatchObject({ kind: 'floor', limit: 60 });
    const high = dim(gradeFunction('pre-pmf', { nrr: 95, grr: 84, 'qbr-completion': 100 }), 'discipline');
    expect(high.score).toBeCloseTo(0.6 * 37.5 + 0.4 * 100, 9);
    expect(high.adjustment).toBeUndefined();
  });
});

describe('SPEC §3.5 zone and overrides', () => {
  it('NRR below 95 demotes the zone one step; the grade is unchanged', () => {
    const base = gradeFunction('series-b', medians());
    const r = gradeFunction('series-b', { ...medians(), nrr: 94.9 });
    expect(r.baseZone).toBe('stable');
    expect(r.zone).toBe('strained');
    expect(r.grade).toBe(gradeOf(r.composite));
    expect([r.score, r.grade]).toEqual([72, 'C−']);
    expect(r.overrides).toEqual([expect.objectContaining({ rule: 'nrr-contraction', from: 'stable', to: 'strained' })]);
    expect(base.overrides).toEqual([]);
  });

  it('NRR exactly 95 does not demote', () => {
    expect(gradeFunction('pre-pmf', { ...medians('pre-pmf'), nrr: 95 }).overrides).toEqual([]);
  });

  it.each([
    ['A+', 'thriving', 'stable'], ['A−', 'thriving', 'stable'], ['B', 'stable', 'strained'], ['C−', 'stable', 'strained'],
    ['D+', 'strained', 'critical'], ['F', 'critical', 'critical'],
  ] as const)('grade %s: %s, demoted by NRR < 95 to %s', (grade, base, demoted) => {
    expect(decideZone(grade, {}).zone).toBe(base);
    expect(decideZone(grade, { nrr: 94 }).zone).toBe(demoted);
    expect(decideZone(grade, { nrr: 94, riskArrShare: 21 }).zone).toBe('critical');
  });

  it('Risk-band ARR share above 20 % makes the zone Critical whatever the grade', () => {
    const r = gradeFunction('series-b', at('series-b', 2), portfolio(20.1));
    expect([r.grade, r.zone]).toEqual(['A−', 'critical']);
    expect(r.overrides.map((o) => o.rule)).toEqual(['critical-portfolio']);
    expect(gradeFunction('series-b', at('series-b', 2), portfolio(20)).zone).toBe('thriving');
  });

  it('both overrides fire in order', () => {
    const r = gradeFunction('series-b', { ...medians(), nrr: 90 }, portfolio(35));
    expect(r.overrides.map((o) => [o.rule, o.from, o.to])).toEqual([
      ['nrr-contraction', 'stable', 'strained'],
      ['critical-portfolio', 'strained', 'critical'],
    ]);
  });
});

describe('SPEC §3.6 advisor', () => {
  it.each([
    ['critical-portfolio', 'series-b', medians(), portfolio(25), true],
    ['critical-portfolio', 'series-b', medians(), portfolio(20), false],
    ['critical-portfolio', 'series-b', medians(), null, false],
    ['nrr-contraction', 'series-b', { ...medians(), nrr: 94 }, null, true],
    ['nrr-contraction', 'series-b', { ...medians(), nrr: 95 }, null, false],
    ['hidden-churn', 'series-b', { ...medians(), nrr: 115, grr: 87 }, null, true],
    ['hidden-churn', 'series-b', { ...medians(), nrr: 114, grr: 87 }, null, false],
    ['hidden-churn', 'series-b', { ...medians(), nrr: 120, grr: 88 }, null, false],
    ['overwhelmed-team', 'series-b', { ...medians(), 'accounts-per-csm': 60, 'qbr-completion': 54 }, null, true],
    ['overwhelmed-team', 'series-b', { ...medians(), 'accounts-per-csm': 59, 'qbr-completion': 54 }, null, false],
    ['overwhelmed-team', 'series-b', { ...medians(), 'accounts-per-csm': 60, 'qbr-completion': 55 }, null, false],
    ['overstaffed', 'series-b', { ...medians(), 'accounts-per-csm': 17 }, null, true],
    ['overstaffed', 'series-b', { ...medians(), 'accounts-per-csm': 18 }, null, false],
    ['flying-blind', 'series-b', { nrr: 115, grr: 93, csat: 88 }, null, true],
    ['flying-blind', 'series-b', { nrr: 115, grr: 93, csat: 88, frt: 8 }, null, false],
    ['weakest-dimension', 'series-b', { nrr: 115 }, null, true],
    ['weakest-dimension', 'series-b', {}, null, false],
  ] as const)('%s on %s %o (portfolio %o) fires: %s', (rule, stage, inputs, p, fires) => {
    expect(rules(gradeFunction(stage, inputs, p)).includes(rule)).toBe(fires);
  });

  it('ranks critical-portfolio first and names the top Risk accounts', () => {
    const r = gradeFunction('series-b', { ...medians(), nrr: 90 }, portfolio(30));
    expect(r.advice[0].rule).toBe('critical-portfolio');
    expect(r.advice[0].text).toContain('Globex');
    expect(r.advice[0].text).toContain('30-day exec-sponsor escalation');
    expect(rules(r).indexOf('nrr-contraction')).toBe(1);
  });

  it('flying-blind names the missing KPIs', () => {
    const a = gradeFunction('series-b', { nrr: 115 }).advice.find((x) => x.rule === 'flying-blind')!;
    expect(a.text).toContain('GRR');
    expect(a.text).toContain('TTFV');
    expect(a.text).not.toContain('NRR,');
  });

  it('weakest-dimension names the dimension, the gap in the KPI unit and the points gained (by re-running)', () => {
    const inputs = { ...medians(), nrr: 108 };
    const r = gradeFunction('series-b', inputs);
    const a = r.advice.find((x) => x.rule === 'weakest-dimension')!;
    expect(a.figures).toMatchObject({ dimension: 'retention', kpi: 'nrr', gap: -7 });
    expect(a.text).toContain('−7 pp NRR');
    const lifted = gradeFunction('series-b', medians()).composite;
    expect(a.figures.gain).toBeCloseTo(lifted - r.composite, 9);
    expect(a.figures.gain).toBeCloseTo(0.25 * 0.5 * (75 - (60 + 15 * 3 / 10)), 9);
  });

  it('NRR gap carries its rough dollar meaning when a portfolio is loaded', () => {
    const r = gradeFunction('series-b', { ...medians(), nrr: 90 }, portfolio(5));
    expect(r.nrrGap).toEqual({ pp: -25, dollarsPerYear: -2_500_000 });
    expect(r.advice.find((a) => a.rule === 'nrr-contraction')!.text).toContain('$2.5M');
    expect(gradeFunction('series-b', { nrr: 110 }).nrrGap).toEqual({ pp: -5, dollarsPerYear: null });
  });
});

describe('what-if: highest-leverage fixes', () => {
  it('lists every tracked KPI below median with the composite points gained, best first', () => {
    const r = gradeFunction('series-b', { ...medians(), nrr: 105, csat: 82, frt: 20 });
    expect(r.whatIf.map((w) => w.kpi)).toEqual(['frt', 'nrr', 'csat']);
    // FRT 20 h is 2 steps past Q1 (0 → 75 on 30 % of Support's 15 %): +3.375
    expect(r.whatIf[0].gain).toBeCloseTo(0.15 * 0.3 * 75, 9);
    for (const w of r.whatIf) {
      expect(w.gain).toBeCloseTo(gradeFunction('series-b', { ...r.inputs, [w.kpi]: w.median }).composite - r.composite, 9);
    }
    expect(gradeFunction('series-b', medians()).whatIf).toEqual([]);
  });
});

describe('SPEC §2.1 invalid input is treated as not tracked', () => {
  it.each([
    ['nrr', 301], ['nrr', -1], ['grr', 101], ['csat', 100.5], ['accounts-per-csm', 0], ['frt', Number.NaN], ['ttfv', Infinity],
  ] as const)('%s = %d is invalid', (id, v) => {
    expect(validateKpi(id, v).ok).toBe(false);
    const r = gradeFunction('series-b', { ...medians(), [id]: v });
    expect(r.inputs[id]).toBeUndefined();
    expect(r.invalid.map((x) => x.kpi)).toEqual([id]);
  });

  it.each([
    ['nrr', '115%', 115], ['nrr', ' 115 ', 115], ['accounts-per-csm', '1:40', 40], ['accounts-per-csm', '40', 40],
    ['csat', '88,5', 88.5], ['ttfv', '12 days', 12], ['frt', '8h', 8], ['nrr', '', null],
  ] as const)('parses %s "%s" → %s', (id, text, want) => expect(parseKpiText(id, text)).toEqual({ ok: true, value: want }));

  it.each([
    ['nrr', 'abc', '"abc" is not a number'],
    ['nrr', '400', 'NRR above 300 % is not plausible'],
    ['grr', '120%', 'GRR is a share and cannot exceed 100 %'],
    ['csat', '-5', 'CSAT cannot be negative'],
    ['nrr', '1:40', 'a ratio like "1:40" only fits Accounts per CSM'],
    ['accounts-per-csm', '1:0', 'Accounts/CSM must be above 0'],
  ] as const)('rejects %s "%s": %s', (id, text, reason) => {
    expect(parseKpiText(id, text)).toEqual({ ok: false, reason });
  });
});

describe('properties', () => {
  const inputsArb = fc.record(
    Object.fromEntries(KPI_IDS.map((id) => [id, fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined })])) as Record<KpiId, fc.Arbitrary<number | undefined>>,
  );
  it('composite and every dimension stay within 0–100', () => {
    fc.assert(fc.property(fc.constantFrom(...STAGES), inputsArb, (stage, raw) => {
      const inputs = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as KpiInputs;
      const r = gradeFunction(stage, inputs);
      expect(r.composite).toBeGreaterThanOrEqual(0);
      expect(r.composite).toBeLessThanOrEqual(100);
      for (const d of r.dimensions) expect(d.score).toBeGreaterThanOrEqual(0), expect(d.score).toBeLessThanOrEqual(100);
    }));
  });

  it('improving one tracked KPI never lowers the composite', () => {
    fc.assert(fc.property(fc.constantFrom(...STAGES), fc.constantFrom(...KPI_IDS), fc.double({ min: 1, max: 99, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), (stage, id, v, d) => {
      const better = BENCHMARKS[stage][id][2] > BENCHMARKS[stage][id][0] ? Math.min(100, v + d) : Math.max(0.5, v - d);
      const base = gradeFunction(stage, { ...medians(stage), [id]: v }).composite;
      const up = gradeFunction(stage, { ...medians(stage), [id]: better }).composite;
      expect(up).toBeGreaterThanOrEqual(base - 1e-9);
    }));
  });
});
