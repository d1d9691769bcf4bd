import { scoreAccount, segmentKey } from '../../../src/lib/engine';
import { contributionsOf } from '../../../src/lib/engine/contributions';
import { BOOK_CALIBRATION as cal, bookColumns, generateBook } from '../../fixtures/book';

describe('contributionsOf (SPEC §4.1 explainable scores)', () => {
  it('gives every account of a mixed book exactly the contributions scoreAccount explains', () => {
    const rows = generateBook(20_000, 7);
    const at = contributionsOf(bookColumns(rows), cal);
    const out = new Float64Array(4);
    let mismatches = 0;
    rows.forEach((r, i) => {
      at(i, out);
      const c = scoreAccount(r, cal, segmentKey(r.segment ?? '')).contributions;
      if (out[0] !== c.mrr || out[1] !== c.touch || out[2] !== c.usage || out[3] !== c.sentiment) mismatches++;
    });
    expect(mismatches).toBe(0);
  });
});
