import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../../src/lib/engine/types';
import {
  calibrationSchema,
  DEFAULT_CALIBRATION,
  migrateCalibrationV1toV2,
  THRESHOLD_PRESET_VALUES,
} from '../../../src/lib/schema/calibration';
import { calibration } from './fixtures';

const parse = (c: unknown) => calibrationSchema.safeParse(c);

describe('calibration schema (SPEC §4.1–4.2)', () => {
  it('accepts the defaults, which are the SPEC values', () => {
    expect(parse(DEFAULT_CALIBRATION).success).toBe(true);
    expect(DEFAULT_CALIBRATION).toEqual({
      weights: { mrr: 25, touch: 20, usage: 30, sentiment: 25 },
      preset: 'default',
      thresholds: { healthy: 70, risk: 45 },
      scale: { minMrr: 1000, maxMrr: 1_000_000 },
      horizonDays: 90,
    });
  });

  it('has the SPEC presets', () => {
    expect(THRESHOLD_PRESET_VALUES).toEqual({
      default: { healthy: 70, risk: 45 },
      smb: { healthy: 60, risk: 35 },
      enterprise: { healthy: 75, risk: 55 },
    });
  });

  it.each<[string, Calibration]>([
    ['smb preset', calibration({ preset: 'smb', thresholds: { healthy: 60, risk: 35 } })],
    ['enterprise preset', calibration({ preset: 'enterprise', thresholds: { healthy: 75, risk: 55 } })],
    ['custom thresholds', calibration({ preset: 'custom', thresholds: { healthy: 51, risk: 50 } })],
    ['fractional weights summing to 100', calibration({ weights: { mrr: 33.3, touch: 33.3, usage: 33.4, sentiment: 0 } })],
    ['thirds with float noise', calibration({ weights: { mrr: 100 / 3, touch: 100 / 3, usage: 100 / 3, sentiment: 0 } })],
    ['one weight carries everything', calibration({ weights: { mrr: 0, touch: 0, usage: 100, sentiment: 0 } })],
    ['horizon 1 day', calibration({ horizonDays: 1 })],
    ['horizon 3650 days', calibration({ horizonDays: 3650 })],
    ['custom scale', calibration({ scale: { minMrr: 0.5, maxMrr: 2 } })],
  ])('accepts %s', (_, c) => expect(parse(c).success).toBe(true));

  it.each<[string, unknown, RegExp]>([
    ['weights summing to 99', calibration({ weights: { mrr: 25, touch: 20, usage: 29, sentiment: 25 } }), /sum to 100/],
    ['weights summing to 101', calibration({ weights: { mrr: 26, touch: 20, usage: 30, sentiment: 25 } }), /sum to 100/],
    ['a negative weight', calibration({ weights: { mrr: -5, touch: 30, usage: 50, sentiment: 25 } }), /MRR weight/],
    ['a weight over 100', calibration({ weights: { mrr: 120, touch: -20, usage: 0, sentiment: 0 } }), /weight/],
    ['a NaN weight', calibration({ weights: { mrr: NaN, touch: 20, usage: 30, sentiment: 25 } }), /MRR weight/],
    ['a missing weight', { ...DEFAULT_CALIBRATION, weights: { mrr: 25, touch: 20, usage: 55 } }, /Sentiment/],
    ['healthy equal to risk', calibration({ preset: 'custom', thresholds: { healthy: 50, risk: 50 } }), /above the Risk/],
    ['healthy below risk', calibration({ preset: 'custom', thresholds: { healthy: 40, risk: 50 } }), /above the Risk/],
    ['fractional threshold', calibration({ preset: 'custom', thresholds: { healthy: 70.5, risk: 45 } }), /whole number/],
    ['threshold over 100', calibration({ preset: 'custom', thresholds: { healthy: 101, risk: 45 } }), /at most 100/],
    ['preset that contradicts thresholds', calibration({ preset: 'smb', thresholds: { healthy: 70, risk: 45 } }), /"smb" preset/],
    ['unknown preset', { ...DEFAULT_CALIBRATION, preset: 'startup' }, /unknown threshold preset/],
    ['minMrr 0', calibration({ scale: { minMrr: 0, maxMrr: 10 } }), /minimum MRR/],
    ['maxMrr not above minMrr', calibration({ scale: { minMrr: 10, maxMrr: 10 } }), /maximum MRR/],
    ['horizon 0', calibration({ horizonDays: 0 }), /horizon/],
    ['horizon 3651', calibration({ horizonDays: 3651 }), /horizon/],
    ['horizon Infinity', calibration({ horizonDays: Infinity }), /horizon/],
    ['not an object', 'calibration', /object/],
  ])('rejects %s', (_, c, reason) => {
    const r = parse(c);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join(' | ')).toMatch(reason);
  });

  it('strips unknown fields', () => {
    const r = parse({ ...DEFAULT_CALIBRATION, accounts: ['Acme'] });
    expect(r.success && 'accounts' in r.data).toBe(false);
  });
});

describe('calibration migration v1 → v2', () => {
  it('turns fractional weights into percent', () => {
    const v1 = { ...DEFAULT_CALIBRATION, weights: { mrr: 0.25, touch: 0.2, usage: 0.3, sentiment: 0.25 } };
    expect(migrateCalibrationV1toV2(v1)).toEqual(DEFAULT_CALIBRATION);
  });

  it('passes through what it cannot read, for validation to reject', () => {
    expect(migrateCalibrationV1toV2(null)).toBeNull();
    expect(migrateCalibrationV1toV2({ weights: 3 })).toEqual({ weights: 3 });
  });
});
