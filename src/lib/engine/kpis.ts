import { fail, ok, type KpiId, type Parsed } from './types';

/** SPEC §2.1: the KPI catalogue. Ranges are what a real value can be. */
export type KpiUnit = '%' | 'days' | 'hours' | 'accounts';

export interface KpiDef {
  id: KpiId;
  name: string;
  short: string;
  unit: KpiUnit;
  better: 'higher' | 'lower';
  core: boolean;
  min: number;
  /** Inclusive upper bound. */
  max: number;
  /** A value must be strictly above min (e.g. a ratio of 0 accounts per CSM is meaningless). */
  minExclusive?: boolean;
  definition: string;
  formula: string;
}

const pct = { unit: '%' as const, min: 0, max: 100 };

export const KPIS: Record<KpiId, KpiDef> = {
  nrr: {
    id: 'nrr', name: 'Net revenue retention', short: 'NRR', unit: '%', min: 0, max: 300, better: 'higher', core: true,
    definition: 'Recurring revenue kept from a cohort a year later, expansion included.',
    formula: '(start ARR + expansion − contraction − churn) ÷ start ARR × 100',
  },
  grr: {
    id: 'grr', name: 'Gross revenue retention', short: 'GRR', ...pct, better: 'higher', core: true,
    definition: 'Recurring revenue kept a year later, before any expansion.',
    formula: '(start ARR − contraction − churn) ÷ start ARR × 100',
  },
  'expansion-share': {
    id: 'expansion-share', name: 'Expansion-MRR share', short: 'Expansion share', ...pct, better: 'higher', core: true,
    definition: 'Share of new MRR that comes from existing accounts.',
    formula: 'expansion MRR ÷ (expansion MRR + new-logo MRR) × 100',
  },
  ttfv: {
    id: 'ttfv', name: 'Time to first value', short: 'TTFV', unit: 'days', min: 0, max: 3650, better: 'lower', core: true,
    definition: 'Median days from contract signature to the first outcome the customer recognises.',
    formula: 'median(first-value date − start date), in days',
  },
  csat: {
    id: 'csat', name: 'CSAT', short: 'CSAT', ...pct, better: 'higher', core: true,
    definition: 'Share of support ratings that are satisfied.',
    formula: 'satisfied ratings ÷ all ratings × 100',
  },
  frt: {
    id: 'frt', name: 'First-response time', short: 'FRT', unit: 'hours', min: 0, max: 8760, better: 'lower', core: true,
    definition: 'Median hours from a ticket being opened to the first human reply.',
    formula: 'median(first reply − ticket opened), in hours',
  },
  'escalation-rate': {
    id: 'escalation-rate', name: 'Escalation rate', short: 'Escalations', ...pct, better: 'lower', core: true,
    definition: 'Share of tickets escalated past tier 1.',
    formula: 'escalated tickets ÷ all tickets × 100',
  },
  'qbr-completion': {
    id: 'qbr-completion', name: 'QBR completion', short: 'QBRs', ...pct, better: 'higher', core: true,
    definition: 'Share of accounts that had a business review this quarter.',
    formula: 'accounts with a QBR this quarter ÷ accounts due one × 100',
  },
  'logo-churn': {
    id: 'logo-churn', name: 'Logo churn (annual)', short: 'Logo churn', ...pct, better: 'lower', core: false,
    definition: 'Share of customers lost over a year.',
    formula: 'customers lost in 12 months ÷ customers at start × 100',
  },
  'upsell-attach': {
    id: 'upsell-attach', name: 'Upsell attach rate', short: 'Upsell attach', ...pct, better: 'higher', core: false,
    definition: 'Share of accounts with an upsell or cross-sell in the last 12 months.',
    formula: 'accounts with an upsell in 12 months ÷ all accounts × 100',
  },
  'onboarding-completion': {
    id: 'onboarding-completion', name: 'Onboarding completion', short: 'Onboarding', ...pct, better: 'higher', core: false,
    definition: 'Share of new accounts that finish the onboarding plan.',
    formula: 'accounts that completed onboarding ÷ accounts that started × 100',
  },
  'accounts-per-csm': {
    id: 'accounts-per-csm', name: 'Accounts per CSM', short: 'Accounts/CSM', unit: 'accounts', min: 0, max: 100000,
    minExclusive: true, better: 'lower', core: false,
    definition: 'The 1:N coverage ratio: accounts each CSM owns.',
    formula: 'accounts ÷ CSMs carrying a book',
  },
};

export const CORE_KPIS: KpiId[] = (Object.values(KPIS) as KpiDef[]).filter((k) => k.core).map((k) => k.id);

/** Unit as written after a number or a gap: "pp" for percentages. */
export function gapUnit(id: KpiId): string {
  const u = KPIS[id].unit;
  return u === '%' ? 'pp' : u === 'hours' ? 'h' : u === 'days' ? 'days' : 'accounts';
}

/** A value in its unit: "115 %", "12 days", "8 h", "1:40". */
export function formatKpiValue(id: KpiId, v: number): string {
  const r = Math.round(v * 10) / 10;
  const n = r < 0 ? `−${Math.abs(r)}` : String(r);
  return id === 'accounts-per-csm' ? `1:${n}` : `${n}${KPIS[id].unit === '%' ? ' %' : ` ${gapUnit(id)}`}`;
}

/** A number is a valid value for the KPI (SPEC §2.1 invalid input rule). */
export function validateKpi(id: KpiId, value: number): Parsed<number> {
  const def = KPIS[id];
  if (!Number.isFinite(value)) return fail(`${def.short} must be a number`);
  if (value < 0) return fail(`${def.short} cannot be negative`);
  if (def.minExclusive && value <= def.min) return fail(`${def.short} must be above ${def.min}`);
  if (value > def.max) {
    return fail(def.unit === '%' && def.max === 100
      ? `${def.short} is a share and cannot exceed 100 %`
      : `${def.short} above ${def.max} ${def.unit === '%' ? '%' : def.unit} is not plausible`);
  }
  return ok(value);
}

/**
 * What a person types into a KPI field: "115", "115%", " 1:40 ", "1,5".
 * Empty means not tracked (ok with null).
 */
export function parseKpiText(id: KpiId, text: string): Parsed<number | null> {
  let s = text.trim();
  if (s === '') return ok(null);
  const ratio = /^1\s*:\s*(.+)$/.exec(s);
  if (ratio) {
    if (id !== 'accounts-per-csm') return fail(`a ratio like "${s}" only fits Accounts per CSM`);
    s = ratio[1].trim();
  }
  s = s.replace(/\s*(%|pp|days?|d|hours?|hrs?|h|accounts?)$/i, '').trim();
  if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return fail(`"${text.trim()}" is not a number`);
  const parsed = validateKpi(id, Number(s));
  return parsed.ok ? ok(parsed.value) : parsed;
}
