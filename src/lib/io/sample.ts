/**
 * The built-in sample portfolio: a few hundred clearly fictional accounts,
 * generated from a fixed seed as a CSV export would look (so it runs through
 * the same import as a real file). Renewal dates are relative to `today`.
 */
const PREFIX = ['Northwind', 'Bluepeak', 'Cobalt', 'Juniper', 'Lumen', 'Harbor', 'Quartz', 'Saffron', 'Tidewater', 'Ember', 'Granite', 'Willow', 'Aster', 'Falcon', 'Meridian', 'Orchid', 'Pinecrest', 'Redwood', 'Silverline', 'Vantage', 'Kestrel', 'Larkspur', 'Monarch', 'Obsidian'];
const SUFFIX = ['Analytics', 'Logistics', 'Health', 'Labs', 'Foods', 'Robotics', 'Energy', 'Media', 'Capital', 'Systems', 'Retail', 'Studios', 'Bio', 'Freight', 'Learning', 'Security'];
const CSMS = ['Avery Chen', 'Jordan Patel', 'Sam Okafor', 'Riley Novak', 'Casey Moreno', 'Morgan Fischer'];
const SEGMENTS: Array<[string, number, number]> = [
  // segment, typical MRR low, high
  ['SMB', 400, 4000],
  ['Mid-Market', 3000, 25000],
  ['Enterprise', 20000, 160000],
];

/** mulberry32: small, fast, deterministic (the benchmarks' generated exports use it too). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleCsv(today: Date = new Date(), count = 300, seed = 20261123): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const rows = ['Account Name,MRR (USD),Days Since Last Touch,Usage %,Health Score,CSM,Segment,Renewal Date'];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    let name = `${pick(PREFIX)} ${pick(SUFFIX)}`;
    while (used.has(name)) name = `${pick(PREFIX)} ${pick(SUFFIX)} ${String.fromCharCode(65 + Math.floor(r() * 26))}`;
    used.add(name);
    const seg = r() < 0.55 ? SEGMENTS[0] : r() < 0.75 ? SEGMENTS[1] : SEGMENTS[2];
    const mrr = Math.round(seg[1] * (seg[2] / seg[1]) ** r());
    // Larger accounts get more attention, so fewer of them are troubled.
    const troubled = r() < (seg[0] === 'Enterprise' ? 0.06 : 0.18);
    const days = Math.round(troubled ? 40 + r() * 80 : r() * 30);
    const usage = Math.round(troubled ? 5 + r() * 40 : 60 + r() * 40);
    const health = Math.round(troubled ? 10 + r() * 40 : 65 + r() * 33);
    const renewal = new Date(today.getTime() + Math.round(r() * 365) * 86_400_000).toISOString().slice(0, 10);
    rows.push([`"${name}"`, `"$${mrr.toLocaleString('en-US')}"`, days, `${usage}%`, health, pick(CSMS), seg[0], renewal].join(','));
  }
  return rows.join('\n') + '\n';
}
