import { rollup, scoreColumns, type AccountColumns } from '../../../src/lib/engine';
import { createRollupAccumulator } from '../../../src/lib/engine/rollup-stream';
import { BOOK_CALIBRATION as cal, bookColumns, generateBook } from '../../fixtures/book';

describe('a roll-up accumulated part by part (SPEC §4.3, command line)', () => {
  const rows = generateBook(30_000, 3);
  const whole = bookColumns(rows);
  it.each([1, 7, 4096, 30_000])('equals rollup() of the whole book exactly, in parts of %i rows', (size) => {
    const acc = createRollupAccumulator();
    for (let from = 0; from < rows.length; from += size) {
      const part: AccountColumns = bookColumns(rows.slice(from, from + size));
      acc.add(part, scoreColumns(part, cal));
    }
    expect(acc.result()).toEqual(rollup(whole, scoreColumns(whole, cal)));
  });

  it('rolls up an empty book to zeros', () => {
    expect(createRollupAccumulator().result()).toMatchObject({ count: 0, totalArr: 0, riskArrShare: 0, expectedAtRiskArr: 0 });
  });
});
