import { packNames } from '../../../src/lib/engine';
import { asOfDate, migratePortfolioV2toV3 } from '../../../src/lib/schema/portfolio';
import { parseStored, sealStored } from '../../../src/lib/schema/records';
import { portfolio } from './fixtures';

describe('SPEC §4.6 stored portfolio: account ids and the "as of" date', () => {
  it('keeps the id column through the gate', () => {
    const p = portfolio(3);
    const withIds = { ...p, columns: { ...p.columns, id: packNames(['A-1', '', 'C-3']) }, source: { ...p.source, asOf: '2026-09-30' } };
    const sealed = sealStored('portfolio', withIds);
    expect(sealed.ok).toBe(true);
    const back = parseStored('portfolio', structuredClone(sealed.ok ? sealed.value.envelope : null));
    expect(back.ok && back.value.columns.id).toEqual(packNames(['A-1', '', 'C-3']));
    expect(back.ok && asOfDate(back.value.source)).toBe('2026-09-30');
  });
  it('refuses an id column of the wrong length', () => {
    const p = portfolio(3);
    const r = sealStored('portfolio', { ...p, columns: { ...p.columns, id: packNames(['A-1']) } });
    expect(r).toEqual({ ok: false, reason: 'columns.id: has 1 entries for 3 accounts' });
  });
  it('refuses an "as of" that is not a day', () => {
    const p = portfolio(3);
    expect(sealStored('portfolio', { ...p, source: { ...p.source, asOf: '2026-02-30' } }).ok).toBe(false);
  });
  it('v2 → v3: an old import is "as of" the day it was imported', () => {
    const p = portfolio(3);
    const v2 = { ...p, source: { ...p.source, importedAt: '2026-05-04T23:10:00.000Z' } };
    const r = parseStored('portfolio', { v: 2, data: v2 });
    expect(r.ok && r.value.source.asOf).toBe('2026-05-04');
    expect(migratePortfolioV2toV3({ columns: 1 })).toEqual({ columns: 1 });
  });
  it('the previous import is a record of its own, validated like the portfolio', () => {
    const p = portfolio(2);
    expect(sealStored('previous-portfolio', p).ok).toBe(true);
    expect(sealStored('previous-portfolio', { ...p, columns: { ...p.columns, count: 5 } }).ok).toBe(false);
  });
});
