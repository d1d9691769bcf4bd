import { gradeLetter, type Grade } from './grading';

/** SPEC §3.5 */
export const ZONES = ['thriving', 'stable', 'strained', 'critical'] as const;
export type Zone = (typeof ZONES)[number];
export const ZONE_LABELS: Record<Zone, string> = {
  thriving: 'Thriving',
  stable: 'Stable',
  strained: 'Strained',
  critical: 'Critical',
};

export const NRR_DEMOTION_BELOW = 95;
export const RISK_ARR_SHARE_CRITICAL = 20;

export interface ZoneOverride {
  rule: 'nrr-contraction' | 'critical-portfolio';
  from: Zone;
  to: Zone;
  reason: string;
}

export function zoneFromGrade(grade: Grade): Zone {
  switch (gradeLetter(grade)) {
    case 'A': return 'thriving';
    case 'B':
    case 'C': return 'stable';
    case 'D': return 'strained';
    default: return 'critical';
  }
}

const demote = (z: Zone): Zone => ZONES[Math.min(ZONES.indexOf(z) + 1, ZONES.length - 1)];

/**
 * The zone read off the grade, then the two overrides in SPEC order. The grade
 * is never changed; each override that fired is recorded with its reason.
 */
export function decideZone(
  grade: Grade,
  signals: { nrr?: number; riskArrShare?: number },
): { base: Zone; zone: Zone; overrides: ZoneOverride[] } {
  const base = zoneFromGrade(grade);
  let zone = base;
  const overrides: ZoneOverride[] = [];
  if (signals.nrr !== undefined && signals.nrr < NRR_DEMOTION_BELOW) {
    const to = demote(zone);
    overrides.push({
      rule: 'nrr-contraction', from: zone, to,
      reason: `NRR ${signals.nrr} % is below ${NRR_DEMOTION_BELOW} %: contraction outweighs expansion, so the zone drops one step.`,
    });
    zone = to;
  }
  if (signals.riskArrShare !== undefined && signals.riskArrShare > RISK_ARR_SHARE_CRITICAL) {
    overrides.push({
      rule: 'critical-portfolio', from: zone, to: 'critical',
      reason: `${Math.round(signals.riskArrShare * 10) / 10} % of ARR sits in the Risk band (above ${RISK_ARR_SHARE_CRITICAL} %): the zone is Critical whatever the grade.`,
    });
    zone = 'critical';
  }
  return { base, zone, overrides };
}
