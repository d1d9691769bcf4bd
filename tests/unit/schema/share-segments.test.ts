import fc from 'fast-check';
import { forge, payloadOf, reasonOf } from './share-links';
import { describe, expect, it } from 'vitest';
import { segmentKey } from '../../../src/lib/engine/model';
import type { Calibration, SegmentOverride } from '../../../src/lib/engine/types';
import { DEFAULT_CALIBRATION, THRESHOLD_PRESET_VALUES } from '../../../src/lib/schema/calibration';
import { MAX_SHARE_CHARS, decodeShare, encodeShare, shareFragment, type ShareState } from '../../../src/lib/schema/share';

/** SPEC §4.4: a share link carries the per-segment calibration (names, thresholds, weights), never accounts. */
const SEGMENTED: Calibration = {
  ...DEFAULT_CALIBRATION,
  segments: {
    smb: { label: 'SMB', preset: 'smb', thresholds: { healthy: 60, risk: 35 } },
    'enterprise emea': { label: 'Enterprise EMEA', preset: 'custom', thresholds: { healthy: 80, risk: 50 }, weights: { mrr: 40, touch: 10, usage: 30, sentiment: 20 } },
    'élite 日本 😀': { label: 'Élite 日本 😀', preset: 'enterprise', thresholds: { healthy: 75, risk: 55 } },
  },
};
const state: ShareState = { stage: 'series-b', inputs: { nrr: 112 }, calibration: SEGMENTED };

describe('share link v2: per-segment calibration', () => {
  it('round-trips segment names (any script), thresholds and own weights', () => {
  const link = encodeShare(state);
    expect(link).toMatch(/^s=2\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    expect(decodeShare(link)).toEqual({ ok: true, value: state });
  });

  it('carries the segment entries and nothing about accounts', () => {
    const p = payloadOf(encodeShare({ ...state, accounts: [{ name: 'Globex Secret', segment: 'SMB' }] } as ShareState));
    expect(p).toHaveLength(8);
    expect(p[7]).toEqual([
      ['smb', 'SMB', 1, [60, 35], null],
      ['enterprise emea', 'Enterprise EMEA', 3, [80, 50], [40, 10, 30, 20]],
      ['élite 日本 😀', 'Élite 日本 😀', 2, [75, 55], null],
    ]);
    expect(JSON.stringify(p)).not.toMatch(/Globex/);
  });

  it('a calibration without segments round-trips without them', () => {
    const plain: ShareState = { ...state, calibration: DEFAULT_CALIBRATION };
    const r = decodeShare(encodeShare(plain));
    expect(r).toEqual({ ok: true, value: plain });
    expect(r.ok && 'segments' in r.value.calibration).toBe(false);
  });

  it.each([
    [
      'the default calibration',
      's=1.WzIsWzExMiw5MS41LG51bGwsbnVsbCxudWxsLDYsbnVsbCxudWxsLG51bGwsbnVsbCxudWxsLDQ1XSxbMjUsMjAsMzAsMjVdLDAsWzcwLDQ1XSxbMTAwMCwxMDAwMDAwXSw5MF0.86e35c54',
      { stage: 'series-b', inputs: { nrr: 112, grr: 91.5, 'accounts-per-csm': 45, frt: 6 }, calibration: DEFAULT_CALIBRATION },
    ],
    [
      'SMB bands and own weights',
      's=1.WzMsWzEwNCxudWxsLG51bGwsbnVsbCxudWxsLG51bGwsbnVsbCxudWxsLG51bGwsbnVsbCxudWxsLG51bGxdLFs0MCwyMCwyMCwyMF0sMSxbNjAsMzVdLFsxMDAwLDEwMDAwMDBdLDkwXQ.2d0c406c',
      {
        stage: 'series-c', inputs: { nrr: 104 },
        calibration: { ...DEFAULT_CALIBRATION, preset: 'smb', thresholds: { healthy: 60, risk: 35 }, weights: { mrr: 40, touch: 20, usage: 20, sentiment: 20 } },
      },
    ],
  ])('still reads a v1 link made before segments (%s)', (_, link, want) => expect(decodeShare(link)).toEqual({ ok: true, value: want }));

  it('a v1 link cannot smuggle segments: an eighth slot is malformed', () =>
    expect(reasonOf(forge(JSON.stringify(payloadOf(encodeShare(state))), '1'))).toMatch(/malformed/));

  it('round-trips any valid segment calibration (property)', () => {
    const label = fc
      .string({ minLength: 1, maxLength: 40, unit: 'grapheme' })
      .map((s) => s.trim().replace(/\s+/g, ' '))
      .filter((s) => s !== '' && s.length <= 200);
    const weights = fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
      .map((t) => t.sort((a, b) => a - b))
      .map(([x, y, z]) => ({ mrr: x, touch: y - x, usage: z - y, sentiment: 100 - z }));
    const thresholds = fc.oneof(
      fc.constantFrom('default', 'smb', 'enterprise').map((p) => ({ preset: p, thresholds: { ...THRESHOLD_PRESET_VALUES[p] } })),
      fc
        .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
        .filter(([a, b]) => a !== b)
        .map(([a, b]) => ({ preset: 'custom' as const, thresholds: { healthy: Math.max(a, b), risk: Math.min(a, b) } })),
    );
    const override = fc.tuple(label, thresholds, fc.option(weights, { nil: undefined })).map(([l, t, w]) => {
      const o: SegmentOverride = { label: l, ...t };
      if (w) o.weights = w;
      return o;
    });
    const segments = fc
      .uniqueArray(override, { minLength: 1, maxLength: 12, selector: (o) => segmentKey(o.label) })
      .map((os) => Object.fromEntries(os.map((o) => [segmentKey(o.label), o])));
    fc.assert(
      fc.property(segments, (segs) => {
        const s: ShareState = { stage: 'series-a', inputs: {}, calibration: { ...DEFAULT_CALIBRATION, segments: segs } };
        expect(decodeShare(encodeShare(s))).toEqual({ ok: true, value: s });
      }),
      { numRuns: 200 },
    );
  });

  it('segments named "__proto__", "constructor" and "toString" travel as own keys', () => {
    const o = (label: string): SegmentOverride => ({ label, preset: 'smb', thresholds: { healthy: 60, risk: 35 } });
    const segs = Object.fromEntries([['__proto__', o('__proto__')], ['constructor', o('Constructor')], ['tostring', o('toString')]]);
    const s: ShareState = { stage: 'series-a', inputs: {}, calibration: { ...DEFAULT_CALIBRATION, segments: segs } };
    const back = decodeShare(encodeShare(s));
    expect(back).toEqual({ ok: true, value: s });
    if (!back.ok) throw new Error(back.reason);
    expect(Object.keys(back.value.calibration.segments!)).toEqual(['__proto__', 'constructor', 'tostring']);
    expect(Object.getPrototypeOf(back.value.calibration.segments)).toBe(Object.prototype);
  });

  const link = encodeShare(state);
  /** The link with segment entry `i` replaced (checksum recomputed: the layers past it must reject). */
  const withEntry = (i: number, entry: unknown) => {
    const p = payloadOf(link);
    const entries = (p[7] as unknown[]).slice();
    entries[i] = entry;
    p[7] = entries;
    return forge(JSON.stringify(p));
  };

  it.each<[string, string, RegExp]>([
    ['a key not in key form', withEntry(0, ['SMB', 'SMB', 1, [60, 35], null]), /segment key must be the trimmed, lower-case/],
    ['a key with outer spaces', withEntry(0, [' smb', 'SMB', 1, [60, 35], null]), /segment key must be the trimmed, lower-case/],
    ['the same segment twice', withEntry(1, ['smb', 'Smb', 2, [75, 55], null]), /appears twice/],
    ['a blank segment', withEntry(0, ['', '', 1, [60, 35], null]), /not allowed/],
    ['an unknown preset', withEntry(0, ['smb', 'SMB', 9, [60, 35], null]), /unknown threshold preset/],
    ['a preset contradicting its thresholds', withEntry(0, ['smb', 'SMB', 1, [65, 35], null]), /"smb" preset/],
    ['inverted thresholds', withEntry(0, ['smb', 'SMB', 3, [35, 60], null]), /Healthy threshold must be above/],
    ['a fractional threshold', withEntry(0, ['smb', 'SMB', 3, [60.5, 35], null]), /whole number/],
    ['weights summing to 99', withEntry(1, ['enterprise emea', 'Enterprise EMEA', 3, [80, 50], [40, 10, 29, 20]]), /sum to 100/],
    ['three weights', withEntry(1, ['enterprise emea', 'Enterprise EMEA', 3, [80, 50], [40, 30, 30]]), /malformed/],
    ['a name too long', withEntry(0, ['x'.repeat(32_768), 'x', 3, [60, 35], null]), /malformed/],
    ['an entry as an object', withEntry(0, { key: 'smb', label: 'SMB', preset: 1 }), /malformed/],
    ['an entry with an extra (account) field', withEntry(0, ['smb', 'SMB', 1, [60, 35], null, { name: 'Globex', mrr: 24000 }]), /malformed/],
    ['segments not a list', forge(JSON.stringify([...payloadOf(link).slice(0, 7), { smb: 1 }])), /malformed/],
    ['no segment slot in a v2 link', forge(JSON.stringify(payloadOf(link).slice(0, 7))), /malformed/],
  ])('rejects the whole link with %s', (_, fragment, reason) => expect(reasonOf(fragment)).toMatch(reason));

  it('an altered segment name is caught by the checksum', () => {
    const tampered = link.replace(/\.([A-Za-z0-9_-]+)\./, (_, p: string) => `.${p.slice(0, 60)}${p[60] === 'A' ? 'B' : 'A'}${p.slice(61)}.`);
    expect(reasonOf(tampered)).toMatch(/checksum does not match/);
  });

  it('a calibration too big for a link is refused with a reason, not cut', () => {
    const many = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => {
        const label = `Segment ${i} ${'é'.repeat(150)}`;
        return [segmentKey(label), { label, preset: 'smb', thresholds: { healthy: 60, risk: 35 } } satisfies SegmentOverride];
      }),
    );
    const r = shareFragment({ ...state, calibration: { ...DEFAULT_CALIBRATION, segments: many } });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/too long to open \(400 segment overrides\)/) });
    const fits = shareFragment(state);
    expect(fits).toEqual({ ok: true, value: link });
    expect(link.length).toBeLessThan(MAX_SHARE_CHARS);
  });
});
