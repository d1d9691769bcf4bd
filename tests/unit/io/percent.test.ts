import {
  decideUsageMode, detectUsageMode, emptyUsageStats, addUsage, parsePercent, readPercent, usagePercent,
  usageRangeReason, type PercentNote,
} from '../../../src/lib/io/percent';

describe('SPEC §2.3 percentages', () => {
  it.each([
    ['42%', 42],
    ['42', 42],
    ['0.42', 0.42],
    ['42 %', 42],
    ['42.5%', 42.5],
    ['42,5 %', 42.5],
    ['0,42', 0.42],
    [' 42% ', 42],
    ['100', 100],
    ['0', 0],
    ['-5', -5],
    ['140%', 140],
  ])('%s is %d as written', (raw, want) => expect(parsePercent(raw)).toEqual({ ok: true, value: want }));

  it.each([
    ['', 'empty'],
    ['abc', '"abc" is not a percentage'],
    ['%', '"%" is not a percentage'],
    ['4 2', '"4 2" is not a percentage'],
    ['1,234.5', '"1,234.5" is not a percentage'],
    ['42%%', '"42%%" is not a percentage'],
  ])('rejects %j: %s', (raw, reason) => expect(parsePercent(raw)).toEqual({ ok: false, reason }));

  it.each([
    ['42%', true],
    ['42 %', true],
    ['42', false],
    ['0.42', false],
  ])('%s carries a %% sign: %s', (raw, sign) => {
    const note: PercentNote = { sign: !sign };
    readPercent(raw, note);
    expect(note.sign).toBe(sign);
  });
});

describe('SPEC §2.3 usage column rule: all values within 0–1 means fractions', () => {
  it.each([
    [[0.42, 0.9, 0.05], 'fraction', true],
    [[0.42, 0.9, 1], 'fraction', true],
    [[0, 1, 1, 0], 'fraction', false],
    [[42, 0.5, 90], 'percent', true],
    [[1, 2, 3], 'percent', true],
    [[], 'percent', true],
  ] as const)('%j → %s (certain %s)', (values, mode, certain) =>
    expect(detectUsageMode(values)).toEqual({ mode, certain }));

  it('a % sign anywhere makes the column percent', () => {
    const s = emptyUsageStats();
    addUsage(s, 0.5, false);
    addUsage(s, 0.8, true);
    expect(decideUsageMode(s)).toEqual({ mode: 'percent', certain: true });
  });

  it.each([
    ['140%', 140, 'percent', false, 'usage "140%" is above 100 %'],
    ['-5', -5, 'percent', false, 'usage "-5" is below 0 %'],
    ['42', 42, 'fraction', false, 'usage "42" is above 1 (usage is read as 0–1 fractions)'],
    ['42%', 42, 'fraction', true, null],
    ['100', 100, 'percent', false, null],
    ['0.57', 0.57, 'fraction', false, null],
  ] as const)('range of %s as %s', (raw, v, mode, sign, reason) =>
    expect(usageRangeReason(raw, v, mode, sign)).toBe(reason));

  it('scales fractions without binary noise', () => {
    expect(usagePercent(0.57, 'fraction', false)).toBe(57);
    expect(usagePercent(0.42, 'fraction', true)).toBe(0.42);
    expect(usagePercent(42, 'percent', false)).toBe(42);
  });
});
