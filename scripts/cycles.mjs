#!/usr/bin/env node
/**
 * Import cycles in src/ (type-only imports and re-exports included, dynamic import() too): prints each
 * cycle once and exits 1 if there is any. `npm run cycles`; part of `npm run check`.
 * A module graph without cycles can be read, tested and split from its leaves up.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
// Folders whose cycles are reported but do not fail the run, while they are being taken apart. Keep empty.
const ALLOWED = [];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// `import … from '…'`, `import '…'`, `export … from '…'`, `import('…')`, over several lines too.
const SPECIFIER = /(?:\bimport\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?|\bexport\s+(?:type\s+)?[^'";]*?\s+from\s+|\bimport\s*\(\s*)['"]([^'"]+)['"]/g;

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function source(file) {
  const text = readFileSync(file, 'utf8');
  // A component's imports are in its <script> blocks; comments are dropped so examples in them do not count.
  const code = file.endsWith('.svelte') ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const graph = new Map();
for (const file of files(SRC)) {
  const deps = new Set();
  for (const m of source(file).matchAll(SPECIFIER)) {
    const target = resolveImport(file, m[1]);
    if (target) deps.add(target);
  }
  graph.set(file, [...deps]);
}

// Tarjan's strongly connected components: every component of more than one module (or a module importing
// itself) holds at least one cycle; one cycle through it is printed as an example.
let index = 0;
const stack = [];
const info = new Map();
const components = [];
function connect(v) {
  info.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!info.has(w)) {
      connect(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).onStack) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
  }
  if (info.get(v).low === info.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
  }
}
for (const v of graph.keys()) if (!info.has(v)) connect(v);

/** The shortest path back to `start` inside its component (breadth first). */
function cycleThrough(start, members) {
  const inside = new Set(members);
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [v];
        for (let p = previous.get(v); p !== null; p = previous.get(p)) path.unshift(p);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

const name = (f) => relative(SRC, f);
let failing = 0;
for (const component of components) {
  const members = component.map(name).sort();
  const allowed = members.every((m) => ALLOWED.some((a) => m.startsWith(a)));
  if (!allowed) failing++;
  const start = component.find((f) => name(f) === members[0]);
  console.log(`${allowed ? 'allowed' : 'cycle'}: ${cycleThrough(start, component).map(name).join(' → ')}${members.length > 2 ? ` (${members.length} modules tangled)` : ''}`);
}
console.log(`cycles: ${graph.size} modules, ${[...graph.values()].reduce((n, d) => n + d.length, 0)} imports, ${components.length} tangled group(s), ${failing} failing`);
process.exit(failing ? 1 : 0);
