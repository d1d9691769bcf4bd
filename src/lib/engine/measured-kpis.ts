/** SPEC §4.6 KPIs measured from two imports: NRR, GRR and logo churn over the period, annualised from 28 days. */

export interface MeasuredKpis {
  /** P: days between the two "as of" dates. */
  periodDays: number;
  /** P ≥ 28: the figures below are annualised; else they are the period's. */
  annualised: boolean;
  /** Percent, as shown (annualised when `annualised`); null when the cohort had no MRR. */
  nrr: number | null;
  grr: number | null;
  logoChurn: number;
  /** The period figures (NRR_P, GRR_P, logo churn_P). */
  nrrPeriod: number | null;
  grrPeriod: number | null;
  logoChurnPeriod: number;
  cohortAccounts: number;
  cohortMrr: number;
}

/** Period days from which the measured KPIs are annualised (SPEC §4.6). */
export const ANNUALISE_FROM_DAYS = 28;

/**
 * SPEC §4.6 KPIs measured from two imports over P days: NRR_P = 100 × Σ current MRR of matched ÷ Σ previous
 * MRR of the cohort; GRR_P with min(current, previous); logo churn_P = 100 × gone ÷ cohort. Annualised
 * when P ≥ 28. Null when P ≤ 0 or the cohort is empty.
 */
export function measuredKpis(
  periodDays: number, cohortAccounts: number, goneAccounts: number, cohortMrr: number, matchedMrr: number, keptMrr: number,
): MeasuredKpis | null {
  if (!(periodDays > 0) || cohortAccounts === 0) return null;
  const nrrPeriod = cohortMrr > 0 ? (100 * matchedMrr) / cohortMrr : null;
  const grrPeriod = cohortMrr > 0 ? (100 * keptMrr) / cohortMrr : null;
  const logoChurnPeriod = (100 * goneAccounts) / cohortAccounts;
  const annualised = periodDays >= ANNUALISE_FROM_DAYS;
  const e = 365 / periodDays;
  const yearly = (r: number | null) => (r === null ? null : 100 * (r / 100) ** e);
  return {
    periodDays, annualised,
    nrr: annualised ? yearly(nrrPeriod) : nrrPeriod,
    grr: annualised ? yearly(grrPeriod) : grrPeriod,
    logoChurn: annualised ? 100 * (1 - (1 - logoChurnPeriod / 100) ** e) : logoChurnPeriod,
    nrrPeriod, grrPeriod, logoChurnPeriod, cohortAccounts, cohortMrr,
  };
}
