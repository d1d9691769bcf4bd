import { BENCHMARKS } from './benchmarks';
import { MIN_CORE_TRACKED, compositeFor, type DimensionResult } from './dimensions';
import { formatMoneyShort, formatNumber, formatSigned } from './format';
import { CORE_KPIS, KPIS, formatKpiValue, gapUnit } from './kpis';
import { NRR_DEMOTION_BELOW, RISK_ARR_SHARE_CRITICAL } from './zone';
import { STAGE_LABELS, type KpiId, type KpiInputs, type PortfolioSignal, type Stage } from './types';

/** SPEC §3.6 rule ids, in the order advice is ranked. */
export const RULES = [
  'critical-portfolio',
  'nrr-contraction',
  'hidden-churn',
  'overwhelmed-team',
  'flying-blind',
  'weakest-dimension',
  'overstaffed',
] as const;
export type RuleId = (typeof RULES)[number];

export interface Advice {
  rule: RuleId;
  title: string;
  text: string;
  /** The raw numbers behind the text, for the page and for tests. */
  figures: Record<string, number | string>;
}

interface Context {
  stage: Stage;
  inputs: KpiInputs;
  composite: number;
  dimensions: DimensionResult[];
  trackedCore: number;
  trackedCount: number;
  nrrGap: { pp: number; dollarsPerYear: number | null } | null;
}

const show = formatKpiValue;

/** "−7 pp NRR", "+8 days TTFV" */
export function gapText(id: KpiId, gap: number): string {
  return `${formatSigned(gap)} ${gapUnit(id)} ${KPIS[id].short}`;
}

type Rule = (c: Context, p: PortfolioSignal | null) => Advice | null;

const rules: Record<RuleId, Rule> = {
  'critical-portfolio': (_c, p) => {
    if (!p || !(p.riskArrShare > RISK_ARR_SHARE_CRITICAL)) return null;
    const names = p.topRiskAccounts.slice(0, 5).map((a) => `${a.name} (${formatMoneyShort(a.arr)} ARR)`);
    return {
      rule: 'critical-portfolio',
      title: 'Escalate the Risk accounts now',
      text: `${formatNumber(p.riskArrShare)} % of ARR sits in the Risk band. Lock a 30-day exec-sponsor escalation list for the Risk accounts before any other work${names.length ? `: ${names.join(', ')}` : ''}.`,
      figures: { riskArrShare: p.riskArrShare, accounts: p.topRiskAccounts.map((a) => a.name).join('|') },
    };
  },
  'nrr-contraction': (c) => {
    const nrr = c.inputs.nrr;
    if (nrr === undefined || !(nrr < NRR_DEMOTION_BELOW) || !c.nrrGap) return null;
    const dollars = c.nrrGap.dollarsPerYear;
    return {
      rule: 'nrr-contraction',
      title: 'Contraction outweighs expansion',
      text: `NRR is ${formatNumber(nrr)} %, ${gapText('nrr', c.nrrGap.pp)} against the ${STAGE_LABELS[c.stage]} median of ${BENCHMARKS[c.stage].nrr[1]} %. Below ${NRR_DEMOTION_BELOW} % the base shrinks every year: a structural retention problem, not a bad quarter.${dollars !== null ? ` At your portfolio size that gap is roughly ${formatMoneyShort(Math.abs(dollars))} of ARR a year, compounding.` : ''}`,
      figures: { nrr, gapPp: c.nrrGap.pp, ...(dollars !== null ? { dollarsPerYear: dollars } : {}) },
    };
  },
  'hidden-churn': (c) => {
    const { nrr, grr } = c.inputs;
    const [grrQ1] = BENCHMARKS[c.stage].grr;
    const nrrMed = BENCHMARKS[c.stage].nrr[1];
    if (nrr === undefined || grr === undefined || !(nrr >= nrrMed && grr < grrQ1)) return null;
    return {
      rule: 'hidden-churn',
      title: 'Expansion is hiding churn',
      text: `NRR of ${formatNumber(nrr)} % looks healthy, but GRR of ${formatNumber(grr)} % is below the ${STAGE_LABELS[c.stage]} bottom quartile (${grrQ1} %). Fix gross retention before it bites at fundraising.`,
      figures: { nrr, grr, grrQ1 },
    };
  },
  'overwhelmed-team': (c) => {
    const ratio = c.inputs['accounts-per-csm'];
    const qbr = c.inputs['qbr-completion'];
    const ratioMed = BENCHMARKS[c.stage]['accounts-per-csm'][1];
    const qbrQ1 = BENCHMARKS[c.stage]['qbr-completion'][0];
    if (ratio === undefined || qbr === undefined || !(ratio >= 1.5 * ratioMed && qbr < qbrQ1)) return null;
    return {
      rule: 'overwhelmed-team',
      title: 'The CS team is overwhelmed',
      text: `${show('accounts-per-csm', ratio)} accounts per CSM (${formatNumber(ratio / ratioMed)}× the median 1:${ratioMed}) with QBR completion at ${formatNumber(qbr)} % (bottom quartile starts at ${qbrQ1} %). Pool the SMB tail into tech-touch rather than hiring more dedicated CSMs.`,
      figures: { ratio, ratioMedian: ratioMed, qbr, qbrQ1 },
    };
  },
  'flying-blind': (c) => {
    if (c.trackedCore >= MIN_CORE_TRACKED) return null;
    const missing = CORE_KPIS.filter((id) => c.inputs[id] === undefined);
    return {
      rule: 'flying-blind',
      title: 'Instrument before you optimise',
      text: `Only ${c.trackedCore} of ${CORE_KPIS.length} core KPIs are tracked, so Operational Discipline is capped and the grade is partly blind. Instrument the missing ones first: ${missing.map((id) => KPIS[id].short).join(', ')}.`,
      figures: { trackedCore: c.trackedCore, missing: missing.join('|') },
    };
  },
  'weakest-dimension': (c) => {
    if (c.trackedCount === 0) return null;
    const tracked = c.dimensions.filter((d) => d.tracked);
    if (tracked.length === 0) return null;
    const weakest = tracked.reduce((w, d) => (d.score < w.score || (d.score === w.score && d.weight > w.weight) ? d : w));
    const trackedParts = weakest.parts.filter((p) => p.tracked);
    const worst = trackedParts.length
      ? trackedParts.reduce((w, p) => ((p.score ?? 0) < (w.score ?? 0) ? p : w))
      : weakest.parts[0];
    const lifted = compositeFor(c.stage, { ...c.inputs, [worst.kpi]: worst.median });
    const gain = Math.max(0, lifted - c.composite);
    const name = KPIS[worst.kpi].short;
    const q3 = BENCHMARKS[c.stage][worst.kpi][2];
    const atOrAbove = worst.score !== null && worst.score >= 75;
    const gapPart = worst.gapToMedian === null
      ? `${name} is not tracked.`
      : `Its weakest KPI, ${name}, is ${show(worst.kpi, worst.value ?? 0)} — ${gapText(worst.kpi, worst.gapToMedian)} against the median of ${show(worst.kpi, worst.median)}.`;
    const action = atOrAbove
      ? `It is already at or above the ${STAGE_LABELS[c.stage]} median; the next step is the top quartile (${show(worst.kpi, q3)}).`
      : `Lifting ${name} to the ${STAGE_LABELS[c.stage]} median adds ${formatNumber(gain)} composite points.`;
    return {
      rule: 'weakest-dimension',
      title: `Weakest: ${weakest.name}`,
      text: `${weakest.name} is the weakest dimension at ${weakest.rounded} (${weakest.grade}). ${gapPart} ${action}`,
      figures: { dimension: weakest.id, kpi: worst.kpi, gap: worst.gapToMedian ?? 0, gain },
    };
  },
  overstaffed: (c) => {
    const ratio = c.inputs['accounts-per-csm'];
    const q3 = BENCHMARKS[c.stage]['accounts-per-csm'][2];
    if (ratio === undefined || !(ratio < q3)) return null;
    return {
      rule: 'overstaffed',
      title: 'Possibly overstaffed',
      text: `${show('accounts-per-csm', ratio)} accounts per CSM is leaner than the ${STAGE_LABELS[c.stage]} top quartile (1:${q3}). Possibly overstaffed, unless ACV justifies named-account coverage.`,
      figures: { ratio, q3 },
    };
  },
};

/** SPEC §3.6: every rule that fires, ranked (critical-portfolio first). */
export function advise(c: Context, portfolio: PortfolioSignal | null): Advice[] {
  const out: Advice[] = [];
  for (const id of RULES) {
    const a = rules[id](c, portfolio);
    if (a) out.push(a);
  }
  return out;
}
