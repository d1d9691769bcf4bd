import { civilFromDays, daysFromCivil, isoDate, todayEpochDay } from '../../../src/lib/io/calendar';
import {
  decideDateOrder, detectDateOrder, newDateRead, parseDate, readDate, DATE_DMY_ONLY, DATE_EITHER, DATE_FIXED, DATE_MDY_ONLY,
} from '../../../src/lib/io/dates';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('SPEC §2.3 dates as epoch days', () => {
  it.each([
    ['2026-03-01', '2026-03-01'],
    ['2026-03-01T14:30:00Z', '2026-03-01'],
    ['2026-03-01 14:30', '2026-03-01'],
    ['2026/3/1', '2026-03-01'],
    ['03/01/2026', '2026-03-01'],
    ['3/1/26', '2026-03-01'],
    ['3/1/2026 9:15 AM', '2026-03-01'],
    ['12/31/99', '1999-12-31'],
    ['01.03.2026', '2026-03-01'],
    ['1.3.26', '2026-03-01'],
    ['1 Mar 2026', '2026-03-01'],
    ['01-Mar-26', '2026-03-01'],
    ['Mar 1, 2026', '2026-03-01'],
    ['March 1 2026', '2026-03-01'],
    ['Sept 30, 2026', '2026-09-30'],
    ['45000', '2023-03-15'],
    ['45000.75', '2023-03-15'],
    ['2024-02-29', '2024-02-29'],
  ])('%s is %s (month first)', (raw, iso) => expect(parseDate(raw)).toEqual({ ok: true, value: day(iso) }));

  it.each([
    ['13/02/2026', '2026-02-13'],
    ['03/01/2026', '2026-01-03'],
    ['01.03.2026', '2026-03-01'],
  ])('%s is %s read day first', (raw, iso) => expect(parseDate(raw, 'dmy')).toEqual({ ok: true, value: day(iso) }));

  it.each([
    ['', 'empty'],
    ['soon', '"soon" is not a date'],
    ['38', '"38" is not a date'],
    ['90000', '"90000" is not a date'],
    ['2026-13-01', '"2026-13-01" is not a valid date'],
    ['2026-02-30', '"2026-02-30" is not a valid date'],
    ['2025-02-29', '"2025-02-29" is not a valid date'],
    ['02/30/2026', '"02/30/2026" is not a valid date'],
    ['13/02/2026', '"13/02/2026" is not a valid MM/DD/YYYY date'],
    ['2026-03-01x', '"2026-03-01x" is not a date'],
    ['1/2/3', '"1/2/3" is not a date'],
  ])('rejects %j: %s', (raw, reason) => expect(parseDate(raw)).toEqual({ ok: false, reason }));

  it.each([
    ['03/04/2026', DATE_EITHER],
    ['03/25/2026', DATE_MDY_ONLY],
    ['25/03/2026', DATE_DMY_ONLY],
    ['04/04/2026', DATE_FIXED],
    ['2026-03-04', DATE_FIXED],
    ['04.03.2026', DATE_FIXED],
  ])('%s is evidence kind %d', (raw, kind) => {
    const r = newDateRead();
    expect(readDate(raw, r)).toBe(true);
    expect(r.kind).toBe(kind);
  });

  it('epoch-day arithmetic agrees with Date over four centuries', () => {
    for (let d = -150_000; d <= 150_000; d += 97) {
      const [y, m, dd] = civilFromDays(d);
      expect(daysFromCivil(y, m, dd)).toBe(d);
      expect(isoDate(d)).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it('today is the local calendar date', () => {
    expect(todayEpochDay(new Date(2026, 2, 1, 23, 59))).toBe(day('2026-03-01'));
  });
});

describe('SPEC §2.3 slash order is decided per column', () => {
  it.each([
    [['25/03/2026', '03/04/2026'], 'dmy', true, 'a first part above 12 means day first'],
    [['03/25/2026', '03/04/2026'], 'mdy', true, 'a second part above 12 means month first'],
    [['03/04/2026', '05/06/2026'], 'mdy', false, 'either way: default month first, reported as a guess'],
    [['2026-03-04', '04/04/2026'], 'mdy', true, 'nothing ambiguous'],
    [['25/03/2026', '26/03/2026', '03/25/2026'], 'dmy', false, 'mixed: the majority wins, uncertain'],
  ] as const)('%j → %s (certain %s): %s', (cells, order, certain, _why) =>
    expect(detectDateOrder(cells)).toEqual({ order, certain }));

  it('an explicit choice overrides the evidence', () =>
    expect(decideDateOrder({ either: 0, mdyOnly: 9, dmyOnly: 0 }, 'dmy')).toEqual({ order: 'dmy', certain: true }));
});
