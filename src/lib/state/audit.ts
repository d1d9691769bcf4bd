import { BANDS, riskMoves, type Parsed } from '../engine';
import type { Snapshot, SnapshotMovement } from '../schema/history';
import type { AppState } from './app.svelte';

/** A dated snapshot of the graded answer (no account rows). */
export function snapshotOf(app: AppState): Omit<Snapshot, 'id' | 'savedAt'> {
  const r = app.scorecard.result;
  const roll = app.portfolio.rollup;
  return {
    stage: r.stage,
    inputs: { ...r.inputs },
    composite: r.composite,
    grade: r.grade,
    zone: r.zone,
    dimensions: Object.fromEntries(r.dimensions.map((d) => [d.id, { score: d.score, tracked: d.tracked }])) as Snapshot['dimensions'],
    // Sample accounts are fictional: they never enter the user's audit trail (as they never move the grade).
    ...(roll && roll.count > 0 && !app.portfolio.isSample
      ? {
          portfolio: {
            totalArr: roll.totalArr,
            riskArrShare: roll.riskArrShare,
            bands: Object.fromEntries(
              BANDS.map((b) => [b, { count: roll.bands[b].count, arr: roll.bands[b].arr, atRiskArr: roll.bands[b].atRiskArr }]),
            ) as NonNullable<Snapshot['portfolio']>['bands'],
          },
        }
      : {}),
    ...(movementOf(app) ? { movement: movementOf(app)! } : {}),
  };
}

/** SPEC §4.6 the movement summary an audit keeps (never with the sample shown: the movement is null then). */
function movementOf(app: AppState): SnapshotMovement | null {
  const mv = app.movement;
  const m = mv.result;
  if (!m || !mv.previousAsOf || !mv.currentAsOf) return null;
  const moves = riskMoves(m);
  const k = m.measured;
  return {
    since: mv.previousAsOf, asOf: mv.currentAsOf,
    added: m.added.count, gone: m.gone.count, ambiguous: m.ambiguous.count,
    movedIntoRisk: moves.into, movedOutOfRisk: moves.outOf,
    bridge: { ...m.bridge },
    measured: k ? { periodDays: k.periodDays, annualised: k.annualised, nrr: k.nrr, grr: k.grr, logoChurn: k.logoChurn } : null,
  };
}

export async function saveAudit(app: AppState): Promise<Parsed<Snapshot[]>> {
  if (!app.persistence) return { ok: false, reason: 'storage is still loading' };
  return app.persistence.addSnapshot(snapshotOf(app));
}

export async function deleteAudit(app: AppState, id: string): Promise<void> {
  await app.persistence?.deleteSnapshot(id);
}
