import { DEFAULT_CALIBRATION, DEFAULT_STAGE, bridgeLine, coverageLine, segmentBandsInUse } from '../engine';
import { shareFragment } from '../schema/share';
import { datedName, downloadBlob } from '../io/download';
import type { AppState } from './app.svelte';

/** The page's own URL with the scorecard in the fragment (never sent to a server). */
export function shareUrl(app: AppState): { ok: true; url: string } | { ok: false; reason: string } {
  const fragment = shareFragment({ stage: app.scorecard.stage, inputs: app.scorecard.inputs, calibration: app.portfolio.calibration });
  if (!fragment.ok) return fragment;
  const base = location.href.split('#')[0];
  return { ok: true, url: `${base}#${fragment.value}` };
}

function slideInput(app: AppState) {
  return {
    result: app.scorecard.result,
    rollup: app.portfolio.rollup,
    portfolioLabel: app.portfolio.isSample ? 'sample data' : undefined,
    coverage: coverageLine(app.portfolio.absentMask, app.portfolio.blankScored) ?? undefined,
    bridgeLine: app.movement.result && app.movement.previousAsOf ? bridgeLine(app.movement.result, app.movement.previousAsOf) : undefined,
    segmentBands: segmentBandsInUse(app.portfolio.calibration, app.portfolio.segmentsFound) ?? undefined,
  };
}

export async function downloadPng(app: AppState): Promise<void> {
  const { slidePng } = await import('../io/png-export');
  downloadBlob(await slidePng(slideInput(app)), datedName('cs-scorecard', 'png'));
}

/** Copy the slide image; says why when the browser does not allow it. */
export async function copyPng(app: AppState): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') {
    return { ok: false, reason: 'This browser does not allow copying images; use Download PNG instead.' };
  }
  try {
    const { slidePng } = await import('../io/png-export');
    // Passing the promise keeps the user gesture alive in Safari.
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': slidePng(slideInput(app)) })]);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `The browser refused to copy the image (${e instanceof Error ? e.message : String(e)}); use Download PNG instead.` };
  }
}

export { copyText } from '../io/clipboard';

/** Everything back to defaults, in memory and in storage; nothing is written back until the next edit. */
export async function clearLocalData(app: AppState): Promise<{ ok: boolean; reason?: string }> {
  // First stop any import; clearing then aborts a save of one still in progress, so nothing is written back after the wipe.
  app.importFlow.reset();
  const res = app.persistence ? await app.persistence.clear() : { ok: true as const, value: 0 };
  // Defaults equal what an empty store holds: the persistence coordinator writes none of them back.
  app.scorecard.load(DEFAULT_STAGE, {});
  app.portfolio.loadCalibration(DEFAULT_CALIBRATION);
  app.portfolio.clear();
  app.movement.keep(null);
  return res.ok ? { ok: true } : { ok: false, reason: res.reason };
}
