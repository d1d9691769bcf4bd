import { DEFAULT_CALIBRATION } from '../../../src/lib/engine';
import { NAME_CHUNK } from '../../../src/lib/engine/names';
import { importOptions, importText } from '../../../src/lib/io/import-pipeline';
import { practiceCsv, practiceRequest, PRACTICE_ROWS } from '../../../src/lib/io/practice';

const TODAY = 20_089;
const widest = (s: string): number => {
  let max = 0;
  for (let i = 0; i < s.length; i++) max = Math.max(max, s.charCodeAt(i));
  return max;
};

describe('the practice export the worker warms up on', () => {
  it.each([
    ['LF', '\n', false],
    ['CRLF', '\r\n', false],
    ['LF, characters past Latin-1', '\n', true],
    ['CRLF, characters past Latin-1', '\r\n', true],
  ] as const)('%s: imports whole, past one chunk of packed names, with unreadable cells and a repeated name reported', (_, newline, wide) => {
    const text = practiceCsv(PRACTICE_ROWS, newline, wide);
    expect(text.split(newline)).toHaveLength(PRACTICE_ROWS + 1);
    expect(text.includes('\r')).toBe(newline === '\r\n');
    expect(widest(text) > 0xff).toBe(wide);
    const r = importText(text, { today: TODAY, calibration: DEFAULT_CALIBRATION });
    expect(r.ok).toBe(true);
    if (!r.ok) throw new Error(r.reason);
    expect(PRACTICE_ROWS).toBeGreaterThan(NAME_CHUNK);
    expect(r.value.columns.count).toBeGreaterThan(NAME_CHUNK);
    // A few rows with a blank or unreadable cell are issues (as in a real export); the rest are accounts.
    expect(r.value.unscored).toBeGreaterThan(0);
    expect(r.value.columns.count + r.value.unscored).toBe(PRACTICE_ROWS);
    expect(r.value.issues.some((i) => i.reason === 'MRR "n/a" is not an amount')).toBe(true);
    expect(r.value.unscored).toBeLessThan(PRACTICE_ROWS / 20);
  });

  it.each([
    [0, '\n', true],
    [1, '\r\n', true],
    [2, '\n', false],
    [3, '\r\n', false],
  ] as const)('round %i: a file with %j line ends, past Latin-1: %s, and the mapping guessed from its header', async (round, newline, wide) => {
    const msg = practiceRequest(DEFAULT_CALIBRATION, round);
    expect(msg.file).toBeInstanceOf(Blob);
    const text = await msg.file!.text();
    expect(text).toBe(practiceCsv(PRACTICE_ROWS, newline, wide));
    expect(msg.mapping).toMatchObject({ name: 1, mrr: 2, 'last-touch': 3, usage: 4, sentiment: 5, owner: 6, segment: 7, 'renewal-date': 8 });
    expect(msg.calibration).toBe(DEFAULT_CALIBRATION);
  });
});

describe('importOptions: one layout for every import', () => {
  it.each([
    ['nothing', undefined, undefined, undefined, undefined],
    ['everything', { sentimentScale: 'nps', usageMode: 'percent', dateOrder: 'dmy', today: 1, maxIssues: 2, partial: true, scoreBlankRows: true }, { name: 0, mrr: 1 }, DEFAULT_CALIBRATION, true],
    ['some choices, in another order', { partial: true, today: 5 }, { mrr: 1 }, undefined, false],
  ] as const)('%s: the same keys in the same order, the values as given', (_, choices, mapping, calibration, hasNul) => {
    const o = importOptions(choices, mapping, calibration, hasNul);
    expect(Object.keys(o)).toEqual(['sentimentScale', 'usageMode', 'dateOrder', 'today', 'maxIssues', 'partial', 'scoreBlankRows', 'mapping', 'calibration', 'sheet', 'hasNul']);
    expect(o).toEqual({ ...choices, mapping, calibration, hasNul, sheet: undefined });
  });
});
