import fc from 'fast-check';
import { forge, payloadOf, reasonOf } from './share-links';
import { describe, expect, it } from 'vitest';
import { KPIS } from '../../../src/lib/engine/kpis';
import { KPI_IDS, STAGES, THRESHOLD_PRESETS, type Calibration, type KpiInputs } from '../../../src/lib/engine/types';
import { DEFAULT_CALIBRATION, THRESHOLD_PRESET_VALUES } from '../../../src/lib/schema/calibration';
import {
  decodeShare,
  encodeShare,
  fnv1a32,
  fromBase64Url,
  parseShareState,
  toBase64Url,
  V1_KPIS,
  V1_PRESETS,
  V1_STAGES,
  type ShareState,
} from '../../../src/lib/schema/share';

const state: ShareState = {
  stage: 'series-b',
  inputs: { nrr: 112, grr: 91.5, 'accounts-per-csm': 45, frt: 6 },
  calibration: DEFAULT_CALIBRATION,
};

describe('share link codec (SPEC §5)', () => {
  it('round-trips a state, with or without the leading #', () => {
    const link = encodeShare(state);
    expect(link).toMatch(/^s=2\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    expect(decodeShare(link)).toEqual({ ok: true, value: state });
    expect(decodeShare(`#${link}`)).toEqual({ ok: true, value: state });
  });

  it('round-trips an untracked-everything state', () => {
    const empty: ShareState = { stage: 'pre-pmf', inputs: {}, calibration: DEFAULT_CALIBRATION };
    expect(decodeShare(encodeShare(empty))).toEqual({ ok: true, value: empty });
  });

  it('is compact', () => {
    const full: KpiInputs = Object.fromEntries(KPI_IDS.map((id) => [id, KPIS[id].max / 3]));
    expect(encodeShare({ ...state, inputs: full }).length).toBeLessThan(600);
    expect(encodeShare(state).length).toBeLessThan(200);
  });

  it('freezes positions that cover exactly the engine ids', () => {
    expect([...V1_KPIS].sort()).toEqual([...KPI_IDS].sort());
    expect([...V1_STAGES].sort()).toEqual([...STAGES].sort());
    expect([...V1_PRESETS].sort()).toEqual([...THRESHOLD_PRESETS].sort());
  });

  it('never carries account data or mappings: extra fields are not encoded', () => {
    const leaky = { ...state, accounts: [{ name: 'Globex Secret Corp', mrr: 24000 }], mappings: { k: { fields: { name: 'Account' } } } };
    const link = encodeShare(leaky);
    expect(fromBase64Url(link.split('.')[1])).not.toMatch(/Globex|Account|24000/);
    const r = decodeShare(link);
    expect(r.ok && Object.keys(r.value).sort()).toEqual(['calibration', 'inputs', 'stage']);
  });

  it('refuses to encode an invalid state (the page checks with parseShareState first)', () => {
    const bad = { ...state, inputs: { nrr: 999 } };
    expect(parseShareState(bad)).toEqual({ ok: false, reason: expect.stringMatching(/NRR/) });
    expect(() => encodeShare(bad)).toThrow(RangeError);
  });

  it('round-trips any valid state (property)', () => {
    const kpiValue = (id: (typeof KPI_IDS)[number]) => {
      const d = KPIS[id];
      return fc
        .double({ min: d.min, max: d.max, noNaN: true, noDefaultInfinity: true })
        .filter((x) => !Object.is(x, -0) && (!d.minExclusive || x > d.min));
    };
    const inputs = fc.record(
      Object.fromEntries(KPI_IDS.map((id) => [id, kpiValue(id)])) as { [K in (typeof KPI_IDS)[number]]: fc.Arbitrary<number> },
      { requiredKeys: [] },
    );
    const cut = fc.double({ min: 0, max: 100, noNaN: true }).map((x) => x + 0);
    const weights = fc.tuple(cut, cut, cut).map(([a, b, c]) => {
      const [x, y, z] = [a, b, c].sort((p, q) => p - q);
      return { mrr: x, touch: y - x, usage: z - y, sentiment: 100 - z };
    });
    const thresholds = fc.oneof(
      fc.constantFrom('default', 'smb', 'enterprise').map((p) => ({ preset: p, thresholds: THRESHOLD_PRESET_VALUES[p] })),
      fc
        .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
        .filter(([a, b]) => a !== b)
        .map(([a, b]) => ({ preset: 'custom' as const, thresholds: { healthy: Math.max(a, b), risk: Math.min(a, b) } })),
    );
    const calibration: fc.Arbitrary<Calibration> = fc
      .tuple(
        weights,
        thresholds,
        fc.double({ min: 1e-3, max: 1e7, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e7, noNaN: true }),
        fc.double({ min: 1, max: 3650, noNaN: true }),
      )
      .map(([w, t, minMrr, span, horizonDays]) => ({ weights: w, ...t, scale: { minMrr, maxMrr: minMrr + span }, horizonDays }))
      .filter((c) => c.scale.maxMrr > c.scale.minMrr);
    fc.assert(
      fc.property(fc.constantFrom(...STAGES), inputs, calibration, (stage, kpis, cal) => {
        const s: ShareState = { stage, inputs: kpis, calibration: cal };
        expect(decodeShare(encodeShare(s))).toEqual({ ok: true, value: s });
      }),
      { numRuns: 300 },
    );
  });

  it('detects any single-character change in the payload', () => {
    const link = encodeShare(state);
    const start = link.indexOf('.') + 1;
    const end = link.lastIndexOf('.');
    for (let i = start; i < end; i++) {
      const flipped = link[i] === 'A' ? 'B' : 'A';
      const tampered = link.slice(0, i) + flipped + link.slice(i + 1);
      expect(decodeShare(tampered), `position ${i}`).toEqual({ ok: false, reason: expect.stringMatching(/checksum does not match/) });
    }
  });

  it('rejects every truncation whole', () => {
    const link = encodeShare(state);
    for (let n = 0; n < link.length; n++) {
      const r = decodeShare(link.slice(0, n));
      expect(r.ok, `cut at ${n}`).toBe(false);
    }
  });

  const link = encodeShare(state);
  const [, payload, checksum] = link.split('.');

  it.each<[string, string, RegExp]>([
    ['empty', '', /no scorecard/],
    ['just #', '#', /no scorecard/],
    ['another app’s fragment', '#section-2', /not a scorecard link/],
    ['too long', `s=2.${'A'.repeat(70_000)}.00000000`, /too long/],
    ['no version', `s=.${payload}.${checksum}`, /no version/],
    ['version 3', `s=3.${payload}.${checksum}`, /another version of the app \(v3\)/],
    ['version 0', `s=0.${payload}.${checksum}`, /another version/],
    ['checksum removed', `s=2.${payload}`, /checksum is missing/],
    ['checksum emptied', `s=2.${payload}.`, /checksum is missing/],
    ['wrong checksum', `s=2.${payload}.${checksum === '00000000' ? '00000001' : '00000000'}`, /checksum does not match/],
    ['checksum not hex', `s=2.${payload}.zzzzzzzz`, /not 8 hex digits/],
    ['checksum too short', `s=2.${payload}.${checksum.slice(0, 7)}`, /not 8 hex digits/],
    ['extra part', `${link}.x`, /extra parts/],
    ['base64 garbage (checksummed)', `s=1.${'!!**'}.${fnv1a32('1.!!**')}`, /not base64url/],
    ['base64 of impossible length', `s=1.A.${fnv1a32('1.A')}`, /not base64url/],
    ['empty payload', `s=1..${fnv1a32('1.')}`, /not base64url/],
    ['non-ASCII bytes', `s=1.__8.${fnv1a32('1.__8')}`, /not base64url/],
    ['valid base64, not JSON', forge('{nope'), /not JSON/],
    ['JSON, not the v2 shape', forge('{"stage":"series-b"}'), /malformed/],
    ['an object with account fields', forge(JSON.stringify({ stage: 2, accounts: [{ name: 'Globex' }] })), /malformed/],
  ])('rejects %s', (_, fragment, reason) => expect(reasonOf(fragment)).toMatch(reason));

  const alter = (slot: number, value: unknown) => {
    const p = payloadOf(link);
    p[slot] = value;
    return forge(JSON.stringify(p));
  };
  const kpis = (patch: Record<number, unknown>) => {
    const slots = (payloadOf(link)[1] as unknown[]).slice();
    for (const [i, v] of Object.entries(patch)) slots[Number(i)] = v;
    return alter(1, slots);
  };

  it.each<[string, string, RegExp]>([
    ['NRR 999', kpis({ 0: 999 }), /NRR must be at least 0 and at most 300 \(got 999\)/],
    ['negative GRR', kpis({ 1: -1 }), /GRR/],
    ['CSAT 101', kpis({ 4: 101 }), /CSAT/],
    ['accounts per CSM 0', kpis({ 11: 0 }), /Accounts\/CSM must be above 0/],
    ['a KPI as text', kpis({ 0: '115' }), /malformed/],
    ['11 KPI slots', alter(1, Array(11).fill(null)), /12 KPI slots/],
    ['weights summing to 99', alter(2, [25, 20, 29, 25]), /weights must sum to 100 \(they sum to 99\)/],
    ['weights as fractions', alter(2, [0.25, 0.2, 0.3, 0.25]), /sum to 100/],
    ['unknown stage', alter(0, 9), /unknown stage/],
    ['stage as a name', alter(0, 'series-b'), /unknown stage/],
    ['unknown preset', alter(3, 7), /unknown threshold preset/],
    ['thresholds inverted', forge(JSON.stringify([2, Array(12).fill(null), [25, 20, 30, 25], 3, [40, 60], [1000, 1e6], 90, []])), /Healthy threshold must be above/],
    ['preset contradicting thresholds', alter(4, [50, 20]), /"default" preset/],
    ['horizon 0', alter(6, 0), /horizon/],
    ['scale inverted', alter(5, [1e6, 1000]), /maximum MRR/],
    ['an extra (account) slot', forge(JSON.stringify([...payloadOf(link), [{ name: 'Globex', mrr: 24000 }]])), /malformed/],
  ])('rejects a checksummed payload with %s', (_, fragment, reason) => expect(reasonOf(fragment)).toMatch(reason));
});

describe('base64url and checksum helpers', () => {
  it('base64url round-trips ASCII of every length mod 3', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', '[1,null,2.5e-7]']) expect(fromBase64Url(toBase64Url(s))).toBe(s);
    expect(toBase64Url('abc?>')).toBe('YWJjPz4');
  });

  it('FNV-1a matches the reference vectors', () => {
    expect(fnv1a32('')).toBe('811c9dc5');
    expect(fnv1a32('a')).toBe('e40c292c');
    expect(fnv1a32('foobar')).toBe('bf9cf968');
  });
});
