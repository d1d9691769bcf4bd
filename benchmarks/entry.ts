/**
 * What the benchmarks call, bundled by run.mjs with `vite build --ssr` (node_modules stay external) so the
 * measured code is the product's own TypeScript, unchanged.
 */
export { importText, parseText } from '../src/lib/io/import-pipeline';
export { scoreColumns, rollup, actFirst } from '../src/lib/engine/portfolio';
export { queryAccounts, DEFAULT_QUERY } from '../src/lib/engine/query';
export { gradeFunction } from '../src/lib/engine/scorecard';
export { DEFAULT_CALIBRATION } from '../src/lib/engine/accounts';
export { isoDate, todayEpochDay } from '../src/lib/io/calendar';
export { rng } from '../src/lib/io/sample';
export { breakdown, coverageFromData } from '../src/lib/engine/rollups';
export { actFirstByRenewal } from '../src/lib/engine/renewals';
export { modelSql } from '../src/lib/engine/sql';
export { decodeCalibrationFile } from '../src/lib/schema/calibration-file';
export { matchAccounts, prepareKeys } from '../src/lib/engine/account-match';
export { movement } from '../src/lib/engine/movement';
export { nameAt, packNames } from '../src/lib/engine/names';
