import { readFileSync } from 'node:fs';
import { DEFAULT_CALIBRATION, type Calibration } from '../../../src/lib/engine';
import { CALIBRATION_FILE_FORMAT, decodeCalibrationFile, encodeCalibrationFile } from '../../../src/lib/schema/calibration-file';

const CUSTOM: Calibration = {
  weights: { mrr: 40, touch: 10, usage: 30, sentiment: 20 },
  preset: 'custom',
  thresholds: { healthy: 66, risk: 40 },
  scale: { minMrr: 500, maxMrr: 2_000_000 },
  horizonDays: 120,
  segments: {
    'mid-market': { label: 'Mid-Market', preset: 'enterprise', thresholds: { healthy: 75, risk: 55 }, weights: { mrr: 10, touch: 30, usage: 30, sentiment: 30 } },
  },
};

const file = (v: unknown, data: unknown, format: unknown = CALIBRATION_FILE_FORMAT) => JSON.stringify({ format, v, data });

describe('calibration file (SPEC §8)', () => {
  it.each([['the default', DEFAULT_CALIBRATION], ['a custom one with a segment override', CUSTOM]])('round-trips %s', (_, cal) => {
    const text = encodeCalibrationFile(cal);
    expect(text.ok).toBe(true);
    if (!text.ok) throw new Error(text.reason);
    expect(JSON.parse(text.value)).toMatchObject({ format: CALIBRATION_FILE_FORMAT, v: 3 });
    expect(decodeCalibrationFile(text.value)).toEqual({ ok: true, value: cal });
  });

  it('refuses to write an invalid calibration', () => {
    const bad = { ...DEFAULT_CALIBRATION, weights: { mrr: 50, touch: 50, usage: 50, sentiment: 50 } };
    expect(encodeCalibrationFile(bad)).toEqual({ ok: false, reason: expect.stringContaining('sum to 100') });
  });

  it('loads the shipped docs/calibration.example.json: non-default weights and segment overrides', () => {
    const r = decodeCalibrationFile(readFileSync('docs/calibration.example.json', 'utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.weights).not.toEqual(DEFAULT_CALIBRATION.weights);
    expect(r.value.segments?.smb).toMatchObject({ preset: 'smb', thresholds: { healthy: 60, risk: 35 } });
    expect(r.value.segments?.enterprise?.weights).toEqual({ mrr: 20, touch: 30, usage: 30, sentiment: 20 });
  });

  it('migrates older versions through the storage gate: v1 weights as fractions, v2 without segments', () => {
    const { segments: _, ...v2 } = CUSTOM;
    expect(decodeCalibrationFile(file(2, v2))).toEqual({ ok: true, value: v2 });
    const v1 = { ...v2, weights: { mrr: 0.4, touch: 0.1, usage: 0.3, sentiment: 0.2 } };
    expect(decodeCalibrationFile(file(1, v1))).toEqual({ ok: true, value: v2 });
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(decodeCalibrationFile(`\uFEFF${file(3, DEFAULT_CALIBRATION)}`).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{ "format": ', /^not JSON/],
    ['an array', '[]', /expected a JSON object/],
    ['another format', file(3, DEFAULT_CALIBRATION, 'cs-scorecard-portfolio'), /"format" must be "cs-scorecard-calibration" \(it is "cs-scorecard-portfolio"\)/],
    ['no format', JSON.stringify({ v: 3, data: DEFAULT_CALIBRATION }), /"format" must be/],
    ['no version', JSON.stringify({ format: CALIBRATION_FILE_FORMAT, data: DEFAULT_CALIBRATION }), /"v" must be/],
    ['a newer version', file(99, DEFAULT_CALIBRATION), /newer version/],
    ['weights not summing to 100', file(3, { ...DEFAULT_CALIBRATION, weights: { mrr: 30, touch: 20, usage: 30, sentiment: 25 } }), /weights must sum to 100 \(they sum to 105\)/],
    ['Healthy below Risk', file(3, { ...DEFAULT_CALIBRATION, preset: 'custom', thresholds: { healthy: 40, risk: 60 } }), /Healthy threshold must be above/],
    ['a segment key not in key form', file(3, { ...DEFAULT_CALIBRATION, segments: { ' SMB': { label: 'SMB', preset: 'smb', thresholds: { healthy: 60, risk: 35 } } } }), /segment key/],
    ['a segment preset that does not match its thresholds', file(3, { ...DEFAULT_CALIBRATION, segments: { smb: { label: 'SMB', preset: 'smb', thresholds: { healthy: 61, risk: 35 } } } }), /do not match the "smb" preset/],
  ])('rejects %s whole, with a reason', (_, text, reason) => {
    const r = decodeCalibrationFile(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(reason);
  });
});
