import fc from 'fast-check';
import {
  MONEY_AMBIGUOUS, MONEY_COMMA_DECIMAL, MONEY_DOT_DECIMAL, MONEY_PLAIN, parseMoney, readMoney, type MoneyNote,
} from '../../../src/lib/io/money';

describe('SPEC §2.3 money cells', () => {
  it.each([
    ['$24,000', 24000],
    ['24000.00', 24000],
    ['24000', 24000],
    ['24K', 24000],
    ['24k', 24000],
    ['1.2M', 1_200_000],
    ['1.2m', 1_200_000],
    ['$1.2M', 1_200_000],
    ['2.5bn', 2_500_000_000],
    ['3MM', 3_000_000],
    ['€1.234,50', 1234.5],
    ['1.234.567,89', 1_234_567.89],
    ['1.234.567', 1_234_567],
    ['1,234,567.89', 1_234_567.89],
    ['(1,200)', -1200],
    ['($1,200.50)', -1200.5],
    ['-1200', -1200],
    ['-$1,200', -1200],
    ['1.200,00-', -1200],
    ['USD 1,200', 1200],
    ['1,200 USD', 1200],
    ['US$ 950', 950],
    ['EUR 1.234', 1234],
    ['1 200,50', 1200.5],
    ['1\u00a0200,50 €', 1200.5],
    ["1'234.50", 1234.5],
    ['£2,500', 2500],
    ['¥300,000', 300000],
    ['₹ 45,000', 45000],
    ['  $ 24,000  ', 24000],
    ['+500', 500],
    ['0', 0],
    ['-0', 0],
    ['.5', 0.5],
    ['0.125', 0.125],
  ])('%s → %d', (raw, want) => expect(parseMoney(raw)).toEqual({ ok: true, value: want }));

  describe('comma or dot: the documented separator rule', () => {
    it.each([
      ['1,234', 1234, 'one comma + 3 digits is thousands'],
      ['1,5', 1.5, 'one comma + 1 digit is a decimal comma'],
      ['12,50', 12.5, 'one comma + 2 digits is a decimal comma'],
      ['0,125', 0.125, 'a zero integer part makes it a decimal'],
      ['1234,567', 1234.567, 'a 4-digit integer part cannot be a thousands group'],
      ['1.234', 1.234, 'a lone dot is a decimal point (flagged ambiguous)'],
      ['€1.234', 1234, 'after € a dot + 3 digits is thousands'],
      ['1.234K', 1234, 'with a multiplier the dot is a decimal'],
      ['1 234.567', 1234.567, 'with space thousands the dot is the decimal'],
    ])('%s → %d (%s)', (raw, want) => expect(parseMoney(raw)).toEqual({ ok: true, value: want }));
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', '"abc" is not an amount'],
    ['N/A', '"N/A" is not an amount'],
    ['$', '"$" is not an amount'],
    ['-', '"-" is not an amount'],
    ['12%', '"12%" is not an amount'],
    ['1,2,3', '"1,2,3" is not an amount'],
    ['1.23.4', '"1.23.4" is not an amount'],
    ['1,234.5.6', '"1,234.5.6" is not an amount'],
    ['(1,200', '"(1,200" is not an amount'],
    ['--5', '"--5" is not an amount'],
    ['12 apples', '"12 apples" is not an amount'],
    ['0x10', '"0x10" is not an amount'],
  ])('rejects %j: %s', (raw, reason) => expect(parseMoney(raw)).toEqual({ ok: false, reason }));

  it('quotes a long offending value cut short', () => {
    expect(parseMoney('x'.repeat(100))).toEqual({ ok: false, reason: `"${'x'.repeat(37)}…" is not an amount` });
  });

  it.each([
    ['24000', MONEY_PLAIN],
    ['24000.00', MONEY_DOT_DECIMAL],
    ['$24,000', MONEY_DOT_DECIMAL],
    ['€1.234,50', MONEY_COMMA_DECIMAL],
    ['1.234.567', MONEY_COMMA_DECIMAL],
    ['12,5', MONEY_COMMA_DECIMAL],
    ['1.234', MONEY_AMBIGUOUS],
    ['12.345', MONEY_AMBIGUOUS],
    ['0.125', MONEY_DOT_DECIMAL],
    ['1234.567', MONEY_DOT_DECIMAL],
  ])('%s tells the column it writes style %d', (raw, style) => {
    const note: MoneyNote = { style: -1 };
    readMoney(raw, note);
    expect(note.style).toBe(style);
  });

  describe('properties', () => {
    it('round-trips integers formatted with thousands separators and a currency', () => {
      fc.assert(
        fc.property(fc.oneof(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1000, max: 999_999 })), fc.constantFrom('en-US', 'de-DE', 'fr-FR'), fc.constantFrom('$', '€', '', 'USD '), (n, locale, cur) => {
          const text = cur + n.toLocaleString(locale);
          // a single de-DE group (1.234) is the documented ambiguous case: a bare dot is a decimal point
          const ambiguous = locale === 'de-DE' && cur !== '€' && n >= 1000 && n < 1_000_000;
          expect(parseMoney(text)).toEqual({ ok: true, value: ambiguous ? n / 1000 : n });
        }),
      );
    });
    it('round-trips cents written plainly', () => {
      fc.assert(
        fc.property(fc.integer({ min: -1e11, max: 1e11 }), (cents) => {
          expect(parseMoney((cents / 100).toFixed(2))).toEqual({ ok: true, value: cents / 100 });
        }),
      );
    });
    it('never throws', () => {
      fc.assert(fc.property(fc.string(), (s) => void parseMoney(s)));
    });
  });
});
