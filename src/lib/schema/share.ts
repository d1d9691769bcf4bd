import { z } from 'zod';
import {
  fail,
  ok,
  type Calibration,
  type KpiId,
  type KpiInputs,
  type Parsed,
  type SegmentOverride,
  type Stage,
  type ThresholdPreset,
} from '../engine/types';
import { MAX_SEGMENT_LABEL, calibrationSchema } from './calibration';
import { kpiInputsSchema } from './kpi-inputs';
import { stageSchema } from './kpi-entry';
import { reasonOf } from './reason';

/**
 * SPEC §5 share link: stage, KPIs and calibration in the URL fragment, never
 * account data or column mappings. Format: `s=<version>.<payload>.<checksum>`
 * with payload = base64url(JSON of positional arrays, non-ASCII escaped).
 * v2 adds the per-segment calibration (SPEC §4.4: segment names, thresholds
 * and weights); v1 links are still read.
 */
export interface ShareState {
  stage: Stage;
  inputs: KpiInputs;
  calibration: Calibration;
}

export const SHARE_VERSION = 2;
export const SHARE_PARAM = 's';
/**
 * Far above any real link (~250 chars, a few KB with segment overrides); refuses pathological input
 * before any work. A calibration whose link would be longer cannot be shared (shareFragment says so).
 */
export const MAX_SHARE_CHARS = 65_536;

// Positions in the v1 payload. Frozen: never reorder or extend; add a version instead.
export const V1_STAGES = ['pre-pmf', 'series-a', 'series-b', 'series-c', 'public'] as const satisfies readonly Stage[];
export const V1_KPIS = [
  'nrr', 'grr', 'expansion-share', 'ttfv', 'csat', 'frt',
  'escalation-rate', 'qbr-completion', 'logo-churn', 'upsell-attach', 'onboarding-completion', 'accounts-per-csm',
] as const satisfies readonly KpiId[];
export const V1_PRESETS = ['default', 'smb', 'enterprise', 'custom'] as const satisfies readonly ThresholdPreset[];

export const shareStateSchema = z.object({ stage: stageSchema, inputs: kpiInputsSchema, calibration: calibrationSchema });

/** Validate a share state (e.g. to disable the button with a reason before calling encodeShare). */
export function parseShareState(state: unknown): Parsed<ShareState> {
  const r = shareStateSchema.safeParse(state);
  return r.success ? ok(r.data) : fail(reasonOf(r.error));
}

const num = z.number();
const index = (what: string, size: number) => {
  const error = `unknown ${what}`;
  return z.number({ error }).int({ error }).min(0, { error }).max(size - 1, { error });
};

/** v1 payload: [stage, kpis[12] (null = not tracked), weights[4], preset, [healthy, risk], [minMrr, maxMrr], horizonDays]. */
const payloadV1Schema = z.tuple(
  [
    index('stage', V1_STAGES.length),
    z.array(num.nullable()).length(V1_KPIS.length, { error: `expected ${V1_KPIS.length} KPI slots` }),
    z.tuple([num, num, num, num]),
    index('threshold preset', V1_PRESETS.length),
    z.tuple([num, num]),
    z.tuple([num, num]),
    num,
  ],
  { error: 'payload is not a v1 scorecard' },
);
type PayloadV1 = z.output<typeof payloadV1Schema>;

/**
 * v2 payload: the v1 slots, then the segment overrides as [key, label, preset, [healthy, risk], weights[4] | null].
 * Each key once per link, in key form (calibrationSchema): a tampered entry rejects the whole link.
 */
const segmentEntrySchema = z.tuple(
  [
    z.string().max(MAX_SEGMENT_LABEL),
    z.string().max(MAX_SEGMENT_LABEL),
    index('threshold preset', V1_PRESETS.length),
    z.tuple([num, num]),
    z.tuple([num, num, num, num]).nullable(),
  ],
  { error: 'a segment entry is not [key, name, preset, thresholds, weights]' },
);
const payloadV2Schema = z
  .tuple([...payloadV1Schema.def.items, z.array(segmentEntrySchema)] as const, { error: 'payload is not a v2 scorecard' })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    for (const [key, label] of p[7]) {
      // Object.fromEntries would keep only the last of two entries ("__proto__" is a name like any other).
      const why =
        key === '' ? `the segment key ${JSON.stringify(key)} is not allowed`
        : seen.has(key) ? `the segment ${JSON.stringify(label)} appears twice`
        : null;
      if (why !== null) return ctx.addIssue({ code: 'custom', message: why, path: [7] });
      seen.add(key);
    }
  });
type PayloadV2 = z.output<typeof payloadV2Schema>;
type SegmentEntry = z.output<typeof segmentEntrySchema>;

/**
 * FNV-1a, 32-bit, as 8 hex digits. An INTEGRITY check against links mangled by
 * chat apps, truncation or hand edits; it is not security: anyone can recompute it.
 */
export function fnv1a32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding, of an ASCII string (JSON of numbers is ASCII). */
export function toBase64Url(ascii: string): string {
  let out = '';
  for (let i = 0; i < ascii.length; i += 3) {
    const n = (ascii.charCodeAt(i) << 16) | ((ascii.charCodeAt(i + 1) || 0) << 8) | (ascii.charCodeAt(i + 2) || 0);
    const chars = Math.min(4, ascii.length - i + 1);
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Strict inverse of toBase64Url: null on any character outside the alphabet, a bad length or non-ASCII bytes. */
export function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  let out = '';
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    let n = 0;
    for (let k = 0; k < 4; k++) n = (n << 6) | (k < chunk.length ? B64.indexOf(chunk[k]) : 0);
    const bytes = [(n >> 16) & 255, (n >> 8) & 255, n & 255].slice(0, chunk.length - 1);
    for (const b of bytes) {
      if (b > 127) return null;
      out += String.fromCharCode(b);
    }
  }
  return out;
}

/** JSON with every non-ASCII character escaped (\\uXXXX), so it fits base64url of ASCII. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function toPayload(s: ShareState): PayloadV2 {
  const c = s.calibration;
  const segments: SegmentEntry[] = Object.entries(c.segments ?? {}).map(([key, o]) => [
    key,
    o.label,
    V1_PRESETS.indexOf(o.preset),
    [o.thresholds.healthy, o.thresholds.risk],
    o.weights ? [o.weights.mrr, o.weights.touch, o.weights.usage, o.weights.sentiment] : null,
  ]);
  return [
    V1_STAGES.indexOf(s.stage),
    V1_KPIS.map((id) => s.inputs[id] ?? null),
    [c.weights.mrr, c.weights.touch, c.weights.usage, c.weights.sentiment],
    V1_PRESETS.indexOf(c.preset),
    [c.thresholds.healthy, c.thresholds.risk],
    [c.scale.minMrr, c.scale.maxMrr],
    c.horizonDays,
    segments,
  ];
}

function fromPayload(p: PayloadV1 | PayloadV2): unknown {
  const [stage, kpis, [mrr, touch, usage, sentiment], preset, [healthy, risk], [minMrr, maxMrr], horizonDays] = p;
  const entries = p.length === 8 ? p[7] : [];
  const inputs: Record<string, number> = {};
  V1_KPIS.forEach((id, i) => {
    const v = kpis[i];
    if (v !== null) inputs[id] = v;
  });
  return {
    stage: V1_STAGES[stage],
    inputs,
    calibration: {
      weights: { mrr, touch, usage, sentiment },
      preset: V1_PRESETS[preset],
      thresholds: { healthy, risk },
      scale: { minMrr, maxMrr },
      horizonDays,
      ...(entries.length > 0 ? { segments: Object.fromEntries(entries.map(segmentFromEntry)) } : {}),
    },
  };
}

function segmentFromEntry([key, label, preset, [healthy, risk], w]: SegmentEntry): [string, SegmentOverride] {
  const o: SegmentOverride = { label, preset: V1_PRESETS[preset], thresholds: { healthy, risk } };
  if (w) o.weights = { mrr: w[0], touch: w[1], usage: w[2], sentiment: w[3] };
  return [key, o];
}

/**
 * The fragment for a share link, without the leading '#' (assign it to
 * `location.hash`). Only the fields of ShareState are read: anything else on
 * the object (accounts, mappings) is never encoded.
 *
 * Throws RangeError on an invalid state: callers hold validated state; use
 * parseShareState first to show a reason instead.
 */
export function encodeShare(state: ShareState): string {
  const parsed = parseShareState(state);
  if (!parsed.ok) throw new RangeError(`cannot share an invalid scorecard: ${parsed.reason}`);
  const payload = toBase64Url(asciiJson(toPayload(parsed.value)));
  const body = `${SHARE_VERSION}.${payload}`;
  return `${SHARE_PARAM}=${body}.${fnv1a32(body)}`;
}

/** The fragment for a share link, or why there is none (invalid, or too long to open again). */
export function shareFragment(state: unknown): Parsed<string> {
  const parsed = parseShareState(state);
  if (!parsed.ok) return parsed;
  const fragment = encodeShare(parsed.value);
  if (fragment.length > MAX_SHARE_CHARS) {
    const n = Object.keys(parsed.value.calibration.segments ?? {}).length;
    return fail(`the link would be too long to open (${n} segment overrides); remove some to share it`);
  }
  return ok(fragment);
}

/**
 * Read a share fragment (with or without '#'). The whole state or a reason:
 * never a partly applied link.
 */
export function decodeShare(fragment: string): Parsed<ShareState> {
  if (typeof fragment !== 'string') return fail('The link has no scorecard in it.');
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text === '') return fail('The link has no scorecard in it.');
  if (text.length > MAX_SHARE_CHARS) return fail('The link is too long to be a scorecard link.');
  if (!text.startsWith(`${SHARE_PARAM}=`)) return fail('The link is not a scorecard link.');
  const parts = text.slice(SHARE_PARAM.length + 1).split('.');
  const [version, payload, checksum] = parts;
  if (!/^\d+$/.test(version)) return fail('The link is malformed: it has no version.');
  if (version !== '1' && version !== String(SHARE_VERSION))
    return fail(`The link was made by another version of the app (v${version}); this one reads v1 and v${SHARE_VERSION}.`);
  if (parts.length < 3 || checksum === '') return fail('The link is incomplete: its checksum is missing (was it cut short?).');
  if (parts.length > 3) return fail('The link is malformed: it has extra parts.');
  if (!/^[0-9a-f]{8}$/.test(checksum)) return fail('The link is malformed: its checksum is not 8 hex digits.');
  if (fnv1a32(`${version}.${payload}`) !== checksum)
    return fail('The link was changed or cut short: its checksum does not match.');
  const json = fromBase64Url(payload);
  if (json === null || json === '') return fail('The link is malformed: its payload is not base64url.');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return fail('The link is malformed: its payload is not JSON.');
  }
  const shape = (version === '1' ? payloadV1Schema : payloadV2Schema).safeParse(data);
  if (!shape.success) return fail(`The link is malformed: ${reasonOf(shape.error)}.`);
  const state = parseShareState(fromPayload(shape.data));
  return state.ok ? state : fail(`The link holds an invalid scorecard: ${state.reason}.`);
}
