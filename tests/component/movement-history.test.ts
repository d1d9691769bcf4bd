import { historySchema } from '../../src/lib/schema/history';
import { parseStored, sealStored } from '../../src/lib/schema/records';
import { AppState } from '../../src/lib/state/app.svelte';
import { snapshotOf } from '../../src/lib/state/audit';
import { useMeasured, MEASURED_KPIS } from '../../src/lib/state/measured';
import { columns } from '../fixtures/columns';
import { snapshot } from '../unit/schema/fixtures';

const source = (name: string, asOf: string) => ({ name, importedAt: `${asOf}T09:00:00.000Z`, decisions: { fields: {} }, issues: [], issueTotal: 0, asOf });

/** Previous (30 Sep): Acme Healthy, Beta Risk. Current (30 Dec, 91 days later): Acme fell to Risk, Beta gone, Gamma new. */
function app(): AppState {
  const a = new AppState();
  a.movement.keep({ columns: columns([['Acme', 20_000, 5, 90, 90], ['Beta', 1000, 80, 10, 10]]), source: source('sep.csv', '2025-09-30') });
  a.portfolio.load(columns([['Acme', 18_000, 85, 10, 10], ['Gamma', 3000, 5, 90, 90]]), source('dec.csv', '2025-12-30'));
  return a;
}

describe('SPEC §4.6 an audit keeps the movement summary', () => {
  it('bridge, counts and measured KPIs, with the two "as of" dates', () => {
    const m = snapshotOf(app()).movement!;
    expect(m).toMatchObject({ since: '2025-09-30', asOf: '2025-12-30', added: 1, gone: 1, ambiguous: 0, movedIntoRisk: 1, movedOutOfRisk: 0 });
    // Risk ARR: Beta $12,000 before; Acme $216,000 now (moved in), Beta gone.
    expect(m.bridge).toEqual({ previous: 12_000, into: 216_000, outOf: 0, new: 0, gone: 12_000, change: 0, current: 216_000 });
    // Cohort Acme + Beta, MRR 21,000: NRR_P = 18,000 / 21,000; GRR_P the same; churn_P = 1 / 2; P = 91.
    expect(m.measured!.periodDays).toBe(91);
    expect(m.measured!.nrr).toBeCloseTo(100 * (18 / 21) ** (365 / 91), 9);
    expect(m.measured!.logoChurn).toBeCloseTo(100 * (1 - 0.5 ** (365 / 91)), 9);
    expect(historySchema.safeParse([{ ...snapshot(), movement: m }]).success).toBe(true);
  });
  it('none without a previous import', () => {
    const a = new AppState();
    a.portfolio.load(columns([['Acme', 18_000, 85, 10, 10]]), source('dec.csv', '2025-12-30'));
    expect(snapshotOf(a).movement).toBeUndefined();
  });
  it('v1 history reads as v2 unchanged; v2 round-trips the movement', () => {
    expect(parseStored('history', { v: 1, data: [snapshot()] })).toEqual({ ok: true, value: [snapshot()] });
    const withMovement = [{ ...snapshot(), ...snapshotOf(app()), id: 'm1', savedAt: '2025-12-30T10:00:00.000Z' }];
    const sealed = sealStored('history', withMovement);
    expect(sealed.ok && sealed.value.envelope.v).toBe(2);
    expect(sealed.ok && parseStored('history', structuredClone(sealed.value.envelope))).toEqual({ ok: true, value: withMovement });
  });
});

describe('SPEC §4.6 measured KPIs go into the scorecard only by a button, and say so', () => {
  it.each(MEASURED_KPIS.map((k) => [k.id, k] as const))('%s', (_, k) => {
    const a = app();
    expect(a.scorecard.texts[k.kpi]).toBeUndefined();
    useMeasured(a, k);
    const want = a.movement.result!.measured![k.field]!;
    expect(Number(a.scorecard.texts[k.kpi])).toBeCloseTo(want, 1);
    expect(a.notices.map((n) => n.text).join(' ')).toMatch(/annualised from 91 days/);
  });
});
