// Timing helpers. Every sample records wall time and the process's CPU time: on a shared machine other
// processes stretch wall time, while CPU time (user + system, all threads of this process) only counts the
// work done here, so ratios and throughputs are judged on CPU time and wall time is reported next to it.

const fullGc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
const pause = new Int32Array(new SharedArrayBuffer(4));
/** A full GC, then a short pause so its concurrent sweeping is not billed to the next sample's CPU time. */
function gc() {
  fullGc();
  fullGc();
  Atomics.wait(pause, 0, 0, 100);
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One timed call of fn (after a full GC, so one sample's garbage is not billed to the next). */
export function sample(fn) {
  gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, value };
}

/**
 * Medians of `reps` timed calls after `warmup` untimed ones; `batch` calls per sample for sub-millisecond
 * work (the figures are per call).
 */
export function measure(fn, { warmup = 1, reps = 5, batch = 1 } = {}) {
  for (let i = 0; i < warmup; i++) for (let b = 0; b < batch; b++) fn();
  const wall = [];
  const cpu = [];
  let value;
  for (let r = 0; r < reps; r++) {
    const s = sample(() => {
      let v;
      for (let b = 0; b < batch; b++) v = fn();
      return v;
    });
    wall.push(s.wall / batch);
    cpu.push(s.cpu / batch);
    value = s.value;
  }
  return { wall: median(wall), cpu: median(cpu), reps, value, samples: { wall, cpu } };
}

/**
 * Two functions measured in alternation (A B B A …) so drift in machine load hits both alike; the
 * ratio is of the medians.
 */
export function compare(a, b, { warmup = 1, reps = 5 } = {}) {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const sa = { wall: [], cpu: [] };
  const sb = { wall: [], cpu: [] };
  let va;
  let vb;
  for (let r = 0; r < reps; r++) {
    const order = r % 2 === 0 ? [[a, sa], [b, sb]] : [[b, sb], [a, sa]];
    for (const [fn, into] of order) {
      const s = sample(fn);
      into.wall.push(s.wall);
      into.cpu.push(s.cpu);
      if (fn === a) va = s.value;
      else vb = s.value;
    }
  }
  const m = (s) => ({ wall: median(s.wall), cpu: median(s.cpu), samples: s });
  return { a: { ...m(sa), value: va }, b: { ...m(sb), value: vb }, reps };
}
