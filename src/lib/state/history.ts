import { BANDS, type Parsed } from '../engine';
import type { Snapshot } from '../schema/history';
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
  };
}

export async function saveAudit(app: AppState): Promise<Parsed<Snapshot[]>> {
  if (!app.store) return { ok: false, reason: 'storage is still loading' };
  const r = await app.store.addSnapshot(snapshotOf(app));
  if (r.ok) app.history = r.value;
  return r;
}

export async function deleteAudit(app: AppState, id: string): Promise<void> {
  if (!app.store) return;
  app.history = await app.store.deleteSnapshot(id);
}
