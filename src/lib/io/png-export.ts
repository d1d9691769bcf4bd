/**
 * The board-deck image (SPEC §6): a 16:9 slide composed on a canvas — not a
 * crop of the page — with the dimension chart drawn by Chart.js off-screen.
 * Loaded lazily, on the first export.
 */
import { dimensionChart } from '../charts/builders';
import { localIsoDate } from './download';
import { BAND_COLORS, BAND_ICONS, BAND_LABELS, ZONE_COLORS, ZONE_ICONS } from '../charts/palette';
import { BANDS, STAGE_LABELS, ZONE_LABELS, formatMoneyShort, formatNumber, segmentBandsText, type Rollup, type ScorecardResult, type SegmentBands } from '../engine';

export const SLIDE_WIDTH = 1920;
export const SLIDE_HEIGHT = 1080;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const INK = '#0f172a';
const MUTED = '#475569';
const LINE = '#e2e8f0';
/** Space between the composite grade and the zone beside it. */
const ZONE_GAP = 40;

export interface SlideInput {
  result: ScorecardResult;
  rollup: Rollup | null;
  portfolioLabel?: string;
  /** SPEC §4.1: "scored on 3 of 4 inputs: no usage column" when the scores are on fewer inputs. */
  coverage?: string;
  /** SPEC §6: the bands of the segment overrides in use, drawn as one line under the bands. */
  segmentBands?: SegmentBands;
  date?: Date;
  /** SPEC §6: the Risk ARR bridge in one line, when a previous import exists. */
  bridgeLine?: string;
}

function font(ctx: CanvasRenderingContext2D, size: number, weight = 400): void {
  ctx.font = `${weight} ${size}px ${FONT}`;
}

function text(ctx: CanvasRenderingContext2D, s: string, x: number, y: number, size: number, color = INK, weight = 400, align: CanvasTextAlign = 'left'): number {
  font(ctx, size, weight);
  ctx.fillStyle = color;
  ctx.textAlign = align;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(s, x, y);
  return ctx.measureText(s).width;
}

/** Like text(), shrinking the font (down to `least`, 70 % by default) until `s` fits in `maxWidth`. */
function fitText(ctx: CanvasRenderingContext2D, s: string, x: number, y: number, maxWidth: number, size: number, color = INK, weight = 400, align: CanvasTextAlign = 'left', least = size * 0.7): void {
  let px = size;
  font(ctx, px, weight);
  while (px > least && ctx.measureText(s).width > maxWidth) font(ctx, --px, weight);
  text(ctx, s, x, y, px, color, weight, align);
}

function wrap(ctx: CanvasRenderingContext2D, s: string, x: number, y: number, width: number, size: number, lineHeight: number, maxLines: number, color = INK): number {
  font(ctx, size);
  ctx.fillStyle = color;
  ctx.textAlign = 'left';
  const words = s.split(/\s+/);
  let line = '';
  let lines = 0;
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i];
    if (ctx.measureText(next).width > width && line) {
      if (lines === maxLines - 1) {
        ctx.fillText(`${line}…`, x, y + lines * lineHeight);
        return y + (lines + 1) * lineHeight;
      }
      ctx.fillText(line, x, y + lines * lineHeight);
      lines++;
      line = words[i];
    } else line = next;
  }
  if (line) ctx.fillText(line, x, y + lines * lineHeight);
  return y + (lines + 1) * lineHeight;
}

function box(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, fill = '#ffffff', stroke = LINE): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 14);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.strokeStyle = stroke;
  ctx.lineWidth = 2;
  ctx.stroke();
}

/** The dimension chart, rendered by Chart.js on a detached canvas and copied onto the slide at (x, y). */
async function drawChart(ctx: CanvasRenderingContext2D, result: ScorecardResult, x: number, y: number, w: number, h: number): Promise<void> {
  const { Chart } = await import('../charts/chartjs');
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const cfg = dimensionChart(result, { fontSize: 20 });
  cfg.options = { ...cfg.options, responsive: false, animation: false, devicePixelRatio: 1 };
  const chart = new Chart(canvas, cfg);
  try {
    // Chart.js skips its first update on a canvas that is not in the document: lay out and draw now.
    chart.update('none');
    ctx.drawImage(canvas, x, y);
  } finally {
    chart.destroy(); // clears the canvas, so only after the copy
  }
}

export async function renderSlide(input: SlideInput): Promise<HTMLCanvasElement> {
  const { result: r, rollup } = input;
  const canvas = document.createElement('canvas');
  canvas.width = SLIDE_WIDTH;
  canvas.height = SLIDE_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images.');
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT);

  // Header
  const date = localIsoDate(input.date);
  text(ctx, 'Customer Success scorecard', 80, 110, 56, INK, 800);
  text(ctx, `${STAGE_LABELS[r.stage]} benchmarks · ${date} · ${r.trackedCore} of 8 core KPIs tracked`, 80, 160, 28, MUTED);

  // Composite: like the page, no grade before any KPI is entered (not an F).
  const graded = r.trackedCount > 0;
  const zc = graded ? ZONE_COLORS[r.zone] : MUTED;
  box(ctx, 80, 200, 560, 330);
  ctx.fillStyle = zc;
  ctx.fillRect(80, 200, 560, 12);
  const gradeWidth = text(ctx, graded ? r.grade : '—', 120, 390, 170, zc, 800);
  text(ctx, graded ? `${r.score} / 100` : 'No KPIs entered', 120, 460, 40, INK, 700);
  // The zone shares the grade's rows: measured, it keeps a clear gap after a wide grade ("C+", "A−").
  const zoneRoom = 600 - (120 + gradeWidth + ZONE_GAP);
  fitText(ctx, graded ? `${ZONE_ICONS[r.zone]} ${ZONE_LABELS[r.zone]}` : 'Not graded', 600, 300, zoneRoom, 48, zc, 800, 'right', 20);
  text(ctx, 'zone', 600, 340, 26, MUTED, 400, 'right');
  // Only overrides that moved the zone: "Critical → Critical" is noise on a slide.
  const moved = r.overrides.filter((o) => o.from !== o.to);
  if (moved.length) wrap(ctx, moved.map((o) => `${ZONE_LABELS[o.from]} → ${ZONE_LABELS[o.to]}: ${o.rule === 'nrr-contraction' ? 'NRR below 95 %' : 'Risk ARR above 20 %'}`).join('; '), 360, 400, 260, 22, 28, 4, MUTED);

  // Six dimensions
  const gx = 680;
  const cw = 370;
  r.dimensions.forEach((d, i) => {
    const x = gx + (i % 3) * (cw + 20);
    const y = 200 + Math.floor(i / 3) * 165;
    box(ctx, x, y, cw, 150);
    fitText(ctx, d.name, x + 24, y + 44, cw - 48, 28, INK, 700);
    text(ctx, d.tracked ? d.grade : '—', x + 24, y + 124, 64, INK, 800);
    text(ctx, d.tracked ? `${d.rounded}` : 'Not tracked', x + cw - 24, y + 96, d.tracked ? 36 : 30, d.tracked ? INK : MUTED, 700, 'right');
    text(ctx, `${d.weight} % of grade`, x + cw - 24, y + 128, 22, MUTED, 400, 'right');
  });

  // Dimension chart
  box(ctx, 80, 560, 900, 440);
  text(ctx, `Dimensions against the ${STAGE_LABELS[r.stage]} median company`, 110, 608, 28, INK, 700);
  try {
    await drawChart(ctx, r, 110, 625, 840, 360);
  } catch {
    text(ctx, 'Chart unavailable', 110, 700, 24, MUTED);
  }

  // Portfolio or advice
  box(ctx, 1010, 560, 830, 440);
  if (rollup && rollup.count > 0) {
    text(ctx, 'Account portfolio', 1040, 608, 28, INK, 700);
    text(ctx, `${formatMoneyShort(rollup.totalArr)} ARR · ${rollup.count.toLocaleString('en-US')} accounts${input.portfolioLabel ? ` · ${input.portfolioLabel}` : ''}`, 1040, 648, 24, MUTED);
    // SPEC §4.1: scores on fewer inputs say so; the bands move down to make room.
    if (input.coverage) fitText(ctx, input.coverage[0].toUpperCase() + input.coverage.slice(1), 1040, 684, 770, 22, '#b45309', 600);
    const top = input.coverage ? 706 : 690;
    const maxArr = Math.max(1, ...BANDS.map((b) => rollup.bands[b].arr));
    // A segment line under the bands: the band rows close up to make room.
    const step = input.segmentBands ? 72 : 80;
    BANDS.forEach((b, i) => {
      const y = top + i * step;
      const t = rollup.bands[b];
      text(ctx, `${BAND_ICONS[b]} ${BAND_LABELS[b]}`, 1040, y + 34, 28, INK, 700);
      ctx.fillStyle = BAND_COLORS[b];
      ctx.fillRect(1210, y + 6, Math.max(4, (280 * t.arr) / maxArr), 36);
      // Right-aligned in what the bars leave free, so big books ($12.3M · 12,345) never run into them.
      fitText(ctx, `${formatMoneyShort(t.arr)} · ${t.count.toLocaleString('en-US')} (${formatNumber(t.pct, 0)} %)`, 1810, y + 34, 310, 24, INK, 600, 'right');
      text(ctx, `at risk ${formatMoneyShort(t.atRiskArr)}`, 1810, y + 62, 20, MUTED, 400, 'right');
    });
    if (input.segmentBands) fitText(ctx, fittedSegmentBands(ctx, input.segmentBands, 770, 14), 1040, top + 2 * step + 94, 770, 20, MUTED, 600);
    fitText(ctx, `At-risk ARR ${formatMoneyShort(rollup.expectedAtRiskArr)} · Risk-band share ${formatNumber(rollup.riskArrShare)} %`, 1040, 970, 770, 28, INK, 700);
  } else {
    text(ctx, 'What to do next', 1040, 608, 28, INK, 700);
    const items = r.advice.slice(0, 3);
    if (!items.length) text(ctx, 'Enter the KPIs you track to get a grade and advice.', 1040, 660, 24, MUTED);
    let y = 660;
    items.forEach((a, i) => {
      // Share the height left between the items still to draw; the last line stays inside the box (baseline ≤ 980).
      const lines = Math.max(1, Math.min(6, Math.floor(((980 + 46 - y) / (items.length - i) - 52) / 30)));
      fitText(ctx, a.title, 1040, y, 770, 26, INK, 700);
      y = wrap(ctx, a.text, 1040, y + 36, 770, 22, 30, lines, MUTED) + 16;
    });
  }
  if (input.bridgeLine) fitText(ctx, input.bridgeLine, 80, 1050, 1100, 28, INK, 700);
  text(ctx, 'CS Scorecard · computed in the browser; no data left this device', SLIDE_WIDTH - 80, 1050, 20, MUTED, 400, 'right');
  return canvas;
}

/** The segment line naming as many segments as fit `maxWidth` at `least` px (the rest counted as "n more"). */
function fittedSegmentBands(ctx: CanvasRenderingContext2D, b: SegmentBands, maxWidth: number, least: number): string {
  font(ctx, least, 600);
  let shown = b.segments.length;
  while (shown > 0 && ctx.measureText(segmentBandsText(b, shown)).width > maxWidth) shown--;
  return segmentBandsText(b, shown);
}

export function toPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

export async function slidePng(input: SlideInput): Promise<Blob> {
  return toPngBlob(await renderSlide(input));
}
