#!/usr/bin/env node
// `cs-scorecard score …` / `cs-scorecard sql …` (after `npm link`): runs the TypeScript entry through
// tsx, the same modules as the page with no build step.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [command = 'score', ...args] = process.argv.slice(2);
const entries = { score: '../cli/score.ts', sql: '../cli/sql.ts' };
if (!Object.hasOwn(entries, command)) {
  process.stderr.write(`cs-scorecard: unknown command ${JSON.stringify(command)}; use "score" or "sql" (--help for options)\n`);
  process.exit(2);
}
const entry = fileURLToPath(new URL(entries[command], import.meta.url));
const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), entry, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
