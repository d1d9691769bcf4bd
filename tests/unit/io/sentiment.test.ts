import {
  decideSentimentScale, detectSentimentScale, emptySentimentStats, parseSentiment, rescaleSentiment,
} from '../../../src/lib/io/sentiment';

describe('SPEC §2.3 sentiment rescaled to 0–100', () => {
  it.each([
    ['0-100', 55, 55],
    ['nps', -100, 0],
    ['nps', 0, 50],
    ['nps', 40, 70],
    ['nps', 100, 100],
    ['0-10', 7, 70],
    ['0-10', 5.7, 57],
    ['1-5', 1, 0],
    ['1-5', 3, 50],
    ['1-5', 4, 75],
    ['1-5', 5, 100],
  ] as const)('%s %d → %d', (scale, x, want) => expect(rescaleSentiment(x, scale)).toBe(want));

  it.each([
    ['55', '0-100', { ok: true, value: 55 }],
    ['4', '1-5', { ok: true, value: 75 }],
    ['-20', 'nps', { ok: true, value: 40 }],
    ['6', '1-5', { ok: false, reason: 'sentiment "6" is outside the 1–5 scale' }],
    ['0', '1-5', { ok: false, reason: 'sentiment "0" is outside the 1–5 scale' }],
    ['11', '0-10', { ok: false, reason: 'sentiment "11" is outside the 0–10 scale' }],
    ['-101', 'nps', { ok: false, reason: 'sentiment "-101" is outside the NPS (−100 to 100) scale' }],
    ['120', '0-100', { ok: false, reason: 'sentiment "120" is outside the 0–100 scale' }],
    ['good', '0-100', { ok: false, reason: 'sentiment "good" is not a number' }],
  ] as const)('%s on %s', (raw, scale, want) => expect(parseSentiment(raw, scale)).toEqual(want));
});

describe('SPEC §2.3 sentiment scale detection', () => {
  it.each([
    [[-20, 30, 50], 'Sentiment', 'nps', true, 'a negative value means NPS'],
    [[20, 30, 50], 'NPS', 'nps', true, 'the header says NPS'],
    [[20, 30, 50], 'Net Promoter Score', 'nps', true, 'the header says NPS in words'],
    [[7, 9, 10], 'NPS', '0-10', false, 'an NPS column of 0–10 answers: ask'],
    [[55, 80, 12], 'Sentiment', '0-100', true, 'a value above 10 means 0–100'],
    [[1, 3, 5, 4], 'CSAT', '1-5', false, 'whole numbers 1–5 with no hint: 1–5, but ask'],
    [[1, 3, 5, 4], 'CSAT (1-5)', '1-5', true, 'whole numbers 1–5 with a hint'],
    [[4.2, 3.5], 'CSAT rating', '1-5', true, 'averages within 1–5 with a hint'],
    [[4.1, 3.7, 4.6, 2.9], 'CSAT', '1-5', false, 'decimal CSAT averages within 1–5: 1–5, but ask'],
    [[4.1, 3.7], 'Customer Satisfaction', '1-5', false, 'decimal satisfaction averages within 1–5: 1–5, but ask'],
    [[4.1, 3.7], 'CSAT (1-5)', '1-5', true, 'decimal CSAT with a 1–5 hint'],
    [[7.5, 8.2, 9], 'CSAT', '0-10', false, 'CSAT values above 5 are not 1–5'],
    [[72, 88, 91], 'CSAT', '0-100', true, 'CSAT as a percentage of satisfied answers'],
    [[4.2, 3.5], 'Sentiment', '0-10', false, 'averages within 1–5 without a hint read as 0–10, ask'],
    [[0, 6, 10], 'Health', '0-10', false, 'values within 0–10'],
    [[0, 6, 10], 'Health (0-10)', '0-10', true, 'values within 0–10 with a hint'],
    [[3, 4, 5], 'Health %', '0-100', true, 'a percent hint keeps 0–100'],
    [[], 'Sentiment', '0-100', false, 'no values: default, uncertain'],
  ] as const)('%j under %j → %s (certain %s): %s', (values, header, scale, certain, _why) =>
    expect(detectSentimentScale(values, header)).toEqual({ scale, certain }));

  it('works from streamed stats', () =>
    expect(decideSentimentScale({ ...emptySentimentStats(), count: 2, min: 1, max: 5, allIntegers: true }, '')).toEqual({
      scale: '1-5',
      certain: false,
    }));
});
