import { describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/lib/schema/calibration';
import { openEnvelope, type RecordSpec } from '../../../src/lib/schema/envelope';
import { parseStored, RECORD_KEYS, RECORDS, sealStored } from '../../../src/lib/schema/records';
import { z } from 'zod';
import { portfolio, snapshot } from './fixtures';

describe('parseStored: the one gate for stored records', () => {
  it('reads a current calibration', () => {
    expect(parseStored('calibration', { v: 2, data: DEFAULT_CALIBRATION })).toEqual({ ok: true, value: DEFAULT_CALIBRATION });
  });

  it('migrates a v1 calibration (weights as fractions) forward to v2 percent', () => {
    const v1 = { v: 1, data: { ...DEFAULT_CALIBRATION, weights: { mrr: 0.1, touch: 0.2, usage: 0.3, sentiment: 0.4 } } };
    const r = parseStored('calibration', v1);
    expect(r).toEqual({ ok: true, value: { ...DEFAULT_CALIBRATION, weights: { mrr: 10, touch: 20, usage: 30, sentiment: 40 } } });
  });

  it('rejects a v1 calibration whose fractions do not sum to 1, after migrating', () => {
    const v1 = { v: 1, data: { ...DEFAULT_CALIBRATION, weights: { mrr: 0.1, touch: 0.2, usage: 0.3, sentiment: 0.3 } } };
    const r = parseStored('calibration', v1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/sum to 100/);
  });

  it.each<[string, unknown, RegExp]>([
    ['undefined', undefined, /not a versioned record/],
    ['a bare calibration without envelope', DEFAULT_CALIBRATION, /not a versioned record/],
    ['version 0', { v: 0, data: DEFAULT_CALIBRATION }, /not a versioned record/],
    ['a fractional version', { v: 1.5, data: DEFAULT_CALIBRATION }, /not a versioned record/],
    ['a future version', { v: 4, data: DEFAULT_CALIBRATION }, /newer version/],
    ['valid envelope, bad data', { v: 2, data: { ...DEFAULT_CALIBRATION, horizonDays: -1 } }, /horizonDays/],
  ])('rejects %s', (_, raw, reason) => {
    const r = parseStored('calibration', raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it('reports a migration that throws instead of throwing', () => {
    const spec: RecordSpec<z.ZodNumber, number> = {
      version: 2,
      schema: z.number(),
      migrations: { 1: () => { throw new Error('boom'); } },
      fallback: () => 0,
    };
    expect(openEnvelope(spec, { v: 1, data: 1 })).toEqual({ ok: false, reason: 'migration from v1 failed: boom' });
  });

  it('round-trips every record kind through seal → parse', () => {
    const samples = {
      calibration: DEFAULT_CALIBRATION,
      mappings: { 'a\u001fb': { fields: { name: 'A' }, savedAt: '2025-01-01T00:00:00.000Z' } },
      'kpi-entry': { stage: 'public', inputs: { nrr: '12x' } },
      portfolio: portfolio(),
      'previous-portfolio': portfolio(),
      history: [snapshot()],
    } as const;
    for (const key of RECORD_KEYS) {
      const sealed = sealStored(key, samples[key]);
      if (!sealed.ok) throw new Error(`${key}: ${sealed.reason}`);
      expect(sealed.value.envelope.v).toBe(RECORDS[key].version);
      expect(parseStored(key, structuredClone(sealed.value.envelope))).toEqual({ ok: true, value: sealed.value.value });
    }
  });

  it('refuses to seal an invalid value', () => {
    expect(sealStored('kpi-entry', { stage: 'seed', inputs: {} })).toEqual({ ok: false, reason: 'stage: unknown stage "seed"' });
  });

  it('has a migration for every version below the current one', () => {
    for (const key of RECORD_KEYS) {
      const spec: RecordSpec<z.ZodType, unknown> = RECORDS[key];
      for (let v = 1; v < spec.version; v++) expect(spec.migrations[v], `${key} v${v}`).toBeTypeOf('function');
    }
  });
});

describe('calibration v3: SPEC §4.4 segment overrides through the gate', () => {
  const smb = { label: 'SMB', preset: 'smb', thresholds: { healthy: 60, risk: 35 } };
  it('a v2 calibration reads as v3 with no overrides', () =>
    expect(parseStored('calibration', { v: 2, data: DEFAULT_CALIBRATION })).toEqual({ ok: true, value: DEFAULT_CALIBRATION }));
  it('keeps an override for a 300-character segment name (any imported cell can be calibrated)', () => {
    const long = `enterprise ${'x'.repeat(289)}`;
    const segments = { [long]: { label: `Enterprise ${'x'.repeat(289)}`, preset: 'enterprise', thresholds: { healthy: 75, risk: 55 } } };
    expect(parseStored('calibration', { v: 3, data: { ...DEFAULT_CALIBRATION, segments } })).toEqual({ ok: true, value: { ...DEFAULT_CALIBRATION, segments } });
  });
  it('keeps valid overrides, with and without weights', () => {
    const segments = { smb, enterprise: { label: 'Enterprise', preset: 'custom', thresholds: { healthy: 80, risk: 50 }, weights: { mrr: 40, touch: 20, usage: 20, sentiment: 20 } } };
    expect(parseStored('calibration', { v: 3, data: { ...DEFAULT_CALIBRATION, segments } })).toEqual({ ok: true, value: { ...DEFAULT_CALIBRATION, segments } });
  });
  it.each([
    ['a key not in key form', { SMB: smb }, /key/],
    ['a blank key', { '': smb }, /key/],
    ['thresholds that do not match the preset', { smb: { ...smb, thresholds: { healthy: 70, risk: 45 } } }, /preset/],
    ['Healthy not above Risk', { smb: { ...smb, preset: 'custom', thresholds: { healthy: 40, risk: 45 } } }, /above/],
    ['weights that do not sum to 100', { smb: { ...smb, weights: { mrr: 50, touch: 50, usage: 50, sentiment: 50 } } }, /sum to 100/],
    ['a label of 32,768 characters', { smb: { ...smb, label: 'x'.repeat(32_768) } }, /32,767/],
    ['a key of 32,768 characters', { ['x'.repeat(32_768)]: smb }, /32,767/],
  ])('rejects %s', (_, segments, reason) => {
    const r = parseStored('calibration', { v: 3, data: { ...DEFAULT_CALIBRATION, segments } });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(reason);
  });
});
