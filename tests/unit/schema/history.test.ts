import { describe, expect, it } from 'vitest';
import { historySchema, MAX_SNAPSHOTS, snapshotSchema } from '../../../src/lib/schema/history';
import { snapshot } from './fixtures';

const band = { count: 1, arr: 120_000, atRiskArr: 10_000 };

describe('audit snapshots', () => {
  it.each<[string, unknown]>([
    ['a snapshot without portfolio', snapshot()],
    ['a snapshot with portfolio totals', { ...snapshot(), portfolio: { totalArr: 360_000, riskArrShare: 33.3, bands: { healthy: band, watch: band, risk: band } } }],
    ['an A− (U+2212) grade', { ...snapshot(), grade: 'A−' }],
  ])('accepts %s', (_, s) => expect(snapshotSchema.safeParse(s).success).toBe(true));

  it.each<[string, unknown]>([
    ['an ASCII A- grade', { ...snapshot(), grade: 'A-' }],
    ['unknown zone', { ...snapshot(), zone: 'ok' }],
    ['NRR 999 in inputs', { ...snapshot(), inputs: { nrr: 999 } }],
    ['composite 101', { ...snapshot(), composite: 101 }],
    ['a missing dimension', { ...snapshot(), dimensions: { retention: { score: 1, tracked: true } } }],
    ['a bad savedAt', { ...snapshot(), savedAt: '1 March' }],
    ['an empty id', { ...snapshot(), id: '' }],
    ['a band missing', { ...snapshot(), portfolio: { totalArr: 1, riskArrShare: 1, bands: { healthy: band, watch: band } } }],
    ['negative ARR', { ...snapshot(), portfolio: { totalArr: -1, riskArrShare: 1, bands: { healthy: band, watch: band, risk: band } } }],
  ])('rejects %s', (_, s) => expect(snapshotSchema.safeParse(s).success).toBe(false));

  it('rejects duplicate ids in a list', () => {
    expect(historySchema.safeParse([snapshot('x'), snapshot('x')]).success).toBe(false);
  });

  it('keeps the most recent snapshots over the bound', () => {
    const list = Array.from({ length: MAX_SNAPSHOTS + 5 }, (_, i) => snapshot(`s${i}`));
    const r = historySchema.parse(list);
    expect(r).toHaveLength(MAX_SNAPSHOTS);
    expect(r[0].id).toBe('s5');
  });
});
