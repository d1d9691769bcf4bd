import { describe, expect, it } from 'vitest';
import { DEFAULT_KPI_ENTRY, kpiEntrySchema } from '../../../src/lib/schema/kpi-entry';

describe('last KPI entry (raw text as typed)', () => {
  it.each<[string, unknown]>([
    ['the default', DEFAULT_KPI_ENTRY],
    ['invalid-as-typed text survives', { stage: 'pre-pmf', inputs: { nrr: '999', grr: 'abc', frt: '' } }],
    ['64 characters', { stage: 'public', inputs: { csat: 'x'.repeat(64) } }],
  ])('accepts %s', (_, e) => expect(kpiEntrySchema.parse(e)).toEqual(e));

  it.each<[string, unknown, RegExp]>([
    ['unknown stage', { stage: 'seed', inputs: {} }, /unknown stage/],
    ['65 characters', { stage: 'public', inputs: { csat: 'x'.repeat(65) } }, /longer than 64/],
    ['a number instead of text', { stage: 'public', inputs: { nrr: 115 } }, /string/],
    ['no inputs', { stage: 'public' }, /inputs/],
  ])('rejects %s', (_, e, reason) => {
    const r = kpiEntrySchema.safeParse(e);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(reason);
  });

  it('strips unknown KPI ids', () => {
    expect(kpiEntrySchema.parse({ stage: 'public', inputs: { nrr: '1', bogus: '2' } })).toEqual({ stage: 'public', inputs: { nrr: '1' } });
  });
});
