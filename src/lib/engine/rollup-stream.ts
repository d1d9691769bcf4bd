/**
 * SPEC §4.3 band roll-up of a book scored a part at a time: the accumulator rollup() itself uses
 * (portfolio.ts), so a streamed book's totals are identical to the page's.
 */
export { createRollupAccumulator, type RollupAccumulator } from './portfolio';
