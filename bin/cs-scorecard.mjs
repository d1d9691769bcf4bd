#!/usr/bin/env node
// `cs-scorecard score …` / `cs-scorecard sql …` (and `npm run score` / `npm run sql`): runs the TypeScript
// entry through tsx, the same modules as the page with no build step.
//
// Scoring a CSV streams it in parts, so the live heap stays small whatever the file's size; without a
// limit V8 still lets garbage pile up in proportion to how long it runs. A heap limit keeps the process's
// memory flat as files grow (a workbook is read whole, so it runs without one; NODE_OPTIONS overrides).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HEAP_MB = 256;
const [command = 'score', ...args] = process.argv.slice(2);
const entries = { score: '../cli/score.ts', sql: '../cli/sql.ts' };
if (!Object.hasOwn(entries, command)) {
  process.stderr.write(`cs-scorecard: unknown command ${JSON.stringify(command)}; use "score" or "sql" (--help for options)\n`);
  process.exit(2);
}
const entry = fileURLToPath(new URL(entries[command], import.meta.url));
const workbook = args.some((a) => /\.(xlsx|xlsm|xls)$/i.test(a));
const limited = command === 'score' && !workbook && !/max-old-space-size/.test(process.env.NODE_OPTIONS ?? '');
const flags = limited ? [`--max-old-space-size=${HEAP_MB}`] : [];
const r = spawnSync(process.execPath, [...flags, '--import', import.meta.resolve('tsx'), entry, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
