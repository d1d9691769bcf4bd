#!/usr/bin/env node
// First-load JS budget: `node scripts/bundle-budget.mjs [distDir]` (default dist/; run after `vite build`).
//
// First-load JS = <script src> + <link rel="modulepreload"> in dist/index.html, plus everything
// those chunks import statically (transitively). Dynamic import()s, workers and any other
// emitted JS are "lazy" and listed separately. Each file is gzipped (level 9); the
// first-load sum must stay <= 110 KB (112,640 bytes). Exit 1 when over budget.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 110 * 1024;
const DIST = path.resolve(process.argv[2] ?? 'dist');
const INDEX = path.join(DIST, 'index.html');

if (!existsSync(INDEX)) {
  console.error(`budget: ${path.relative(process.cwd(), INDEX) || INDEX} not found — run \`npm run build\` first`);
  console.log('budget: 0 passed, 1 failed');
  process.exit(1);
}

// es-module-lexer is an exact ESM lexer (installed with vitest); fall back to a regex scan
// of the minified output if it is ever missing.
let lexer = null;
try {
  lexer = await import('es-module-lexer');
  await lexer.init;
} catch {
  lexer = null;
}

/** @returns {{ static: string[], dynamic: string[] }} raw specifiers */
function importsOf(code) {
  if (lexer) {
    const [imports] = lexer.parse(code);
    const out = { static: [], dynamic: [] };
    for (const i of imports) {
      if (i.n == null) continue; // dynamic import of a non-literal
      if (i.d === -1) out.static.push(i.n);
      else if (i.d >= 0) out.dynamic.push(i.n);
    }
    return out;
  }
  const stat = [...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'`]([^"'`]+)["'`]/g)].map((m) => m[1]);
  const dyn = [...code.matchAll(/\bimport\s*\(\s*["'`]([^"'`$]+)["'`]\s*\)/g)].map((m) => m[1]);
  return { static: stat, dynamic: dyn };
}

/** Resolve a specifier/URL found in `fromFile` (or in index.html) to a file inside dist. */
function resolveIn(fromFile, spec) {
  if (/^(?:[a-z]+:)?\/\//i.test(spec) || spec.startsWith('data:')) return null;
  const clean = spec.split(/[?#]/)[0];
  const p = clean.startsWith('/') ? path.join(DIST, clean) : path.resolve(path.dirname(fromFile), clean);
  return existsSync(p) && statSync(p).isFile() ? p : null;
}

const html = readFileSync(INDEX, 'utf8');
const entryRefs = [
  ...[...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>/gi)].map((m) => m[1]),
  ...[...html.matchAll(/<link\b[^>]*>/gi)]
    .filter((m) => /\brel\s*=\s*["']?modulepreload\b/i.test(m[0]))
    .map((m) => (m[0].match(/\bhref\s*=\s*["']([^"']+)["']/i) || [])[1])
    .filter(Boolean),
];

const firstLoad = new Set();
const dynamicRoots = new Set();
const queue = entryRefs.map((r) => resolveIn(INDEX, r)).filter((p) => p && p.endsWith('.js'));
while (queue.length) {
  const file = queue.shift();
  if (firstLoad.has(file)) continue;
  firstLoad.add(file);
  const { static: st, dynamic: dy } = importsOf(readFileSync(file, 'utf8'));
  for (const s of st) { const p = resolveIn(file, s); if (p) queue.push(p); }
  for (const s of dy) { const p = resolveIn(file, s); if (p) dynamicRoots.add(p); }
}

// Everything reachable from a dynamic import (minus first-load) is lazy via import().
const viaDynamic = new Set();
const dq = [...dynamicRoots];
while (dq.length) {
  const file = dq.shift();
  if (viaDynamic.has(file) || firstLoad.has(file)) continue;
  viaDynamic.add(file);
  const { static: st, dynamic: dy } = importsOf(readFileSync(file, 'utf8'));
  for (const s of [...st, ...dy]) { const p = resolveIn(file, s); if (p) dq.push(p); }
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}
const allJs = walk(DIST).filter((f) => /\.m?js$/.test(f));
const allCode = allJs.map((f) => readFileSync(f, 'utf8')).join('\n');
const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
const rel = (f) => path.relative(DIST, f);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
const isWorker = (f) =>
  /worker/i.test(path.basename(f)) ||
  new RegExp('(?:Worker|SharedWorker)\\s*\\(\\s*(?:new URL\\s*\\(\\s*)?["\'`][^"\'`]*' + escapeRe(path.basename(f))).test(allCode);
const isSW = (f) => /^(sw|service-?worker|workbox-[\w-]+|registerSW)\.m?js$/i.test(path.basename(f));

const first = [...firstLoad].map((f) => ({ f, size: gz(f) })).sort((a, b) => b.size - a.size);
const lazy = allJs
  .filter((f) => !firstLoad.has(f))
  .map((f) => ({
    f,
    size: gz(f),
    kind: viaDynamic.has(f) ? 'import()' : isSW(f) ? 'service worker' : isWorker(f) ? 'worker' : 'other',
  }))
  .sort((a, b) => b.size - a.size);

const total = first.reduce((s, x) => s + x.size, 0);
const nameW = Math.max(20, ...[...first, ...lazy].map((x) => rel(x.f).length));

console.log(`First-load JS (gzip -9), from ${path.relative(process.cwd(), INDEX) || INDEX}:`);
for (const x of first) console.log(`  ${rel(x.f).padEnd(nameW)} ${kb(x.size)}`);
console.log(`  ${'total'.padEnd(nameW)} ${kb(total)}  (budget ${kb(BUDGET).trim()})`);
console.log(`Lazy JS (not loaded on start):`);
if (!lazy.length) console.log('  (none)');
for (const x of lazy) console.log(`  ${rel(x.f).padEnd(nameW)} ${kb(x.size)}  ${x.kind}`);
if (!first.length) console.log('warning: no first-load JS found in index.html');

const ok = total <= BUDGET;
console.log(
  ok
    ? `budget: PASS — first-load JS ${total} B gzip <= ${BUDGET} B (${((total / BUDGET) * 100).toFixed(0)} % used)`
    : `budget: FAIL — first-load JS ${total} B gzip > ${BUDGET} B (over by ${total - BUDGET} B)`,
);
console.log(`budget: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
process.exit(ok ? 0 : 1);
