// Peak memory of one import, in a fresh process (run by run.mjs with --expose-gc):
//   node --expose-gc benchmarks/memory.mjs <bundle.js> <file.csv> <today>
// Prints one JSON line. The text is read and collected first, so "during import" figures are what the
// import adds on top of holding the file's text (which the worker holds too).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, file, today] = process.argv.slice(2);
const m = await import(pathToFileURL(bundle).href);
const text = readFileSync(file, 'utf8');
globalThis.gc();
const before = process.memoryUsage();
// JS heap + ArrayBuffers (typed arrays live outside the heap), sampled every 4,096 rows.
const inUse = () => {
  const u = process.memoryUsage();
  return u.heapUsed + u.arrayBuffers;
};
let peakInUse = inUse();
const t0 = performance.now();
const r = m.importText(text, { today: Number(today), calibration: m.DEFAULT_CALIBRATION }, {
  every: 4096,
  onProgress() {
    peakInUse = Math.max(peakInUse, inUse());
  },
});
if (!r.ok) throw new Error(r.reason);
peakInUse = Math.max(peakInUse, inUse());
const ms = performance.now() - t0;
globalThis.gc();
const after = process.memoryUsage();
const baseInUse = before.heapUsed + before.arrayBuffers;
console.log(
  JSON.stringify({
    rows: r.value.scored + r.value.unscored,
    scored: r.value.scored,
    ms,
    textChars: text.length,
    rssBefore: before.rss,
    // Peak resident set of the whole process (the text included), from the kernel.
    peakRss: process.resourceUsage().maxRSS * 1024,
    peakRssAdded: process.resourceUsage().maxRSS * 1024 - before.rss,
    peakHeapAdded: peakInUse - baseInUse,
    // What the result keeps (columns + scores) once the parse garbage is collected.
    retained: after.heapUsed + after.arrayBuffers - baseInUse,
  }),
);
