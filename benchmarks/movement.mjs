// SPEC §4.6 movement: matching two 1M-account books by key (what match.worker.ts runs off the page) as a
// ratio to the engine's score + roll-up of one of them, measured alternately in the same run; and the
// re-measurement the page does on its main thread after a calibration change (re-score the previous book,
// then movement() over both with the match it keeps).
import { compare, measure } from './measure.mjs';

/**
 * The next export of the same CRM: most accounts again in the same order, ~2 % gone, ~2 % renamed (id kept),
 * ~1 % new, ~0.5 % duplicated (ambiguous), ~1 % respelled keys (case, spaces) that still match.
 */
export function perturbed(m, cols, seed) {
  const r = m.rng(seed);
  const rows = [];
  const names = [];
  const ids = [];
  const nameOf = (i) => m.nameAt(cols.name, i);
  const idOf = (i) => (cols.id ? m.nameAt(cols.id, i) : '');
  for (let i = 0; i < cols.count; i++) {
    const p = r();
    if (p < 0.02) continue;
    rows.push(i);
    ids.push(idOf(i));
    names.push(p < 0.04 ? `${nameOf(i)} Group` : p < 0.05 ? `  ${nameOf(i).toUpperCase()} ` : nameOf(i));
    if (p > 0.995) {
      rows.push(i);
      ids.push(idOf(i));
      names.push(nameOf(i));
    } else if (p > 0.985) {
      rows.push(i);
      ids.push(`NEW-${i}`);
      names.push(`New account ${i}`);
    }
  }
  const pick = (a) => {
    const out = new a.constructor(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = a[rows[k]];
    return out;
  };
  return {
    ...cols,
    count: rows.length,
    name: m.packNames(names),
    ...(cols.id ? { id: m.packNames(ids) } : {}),
    mrr: pick(cols.mrr), days: pick(cols.days), usage: pick(cols.usage), sentiment: pick(cols.sentiment),
    owner: pick(cols.owner), segment: pick(cols.segment), renewal: pick(cols.renewal), line: pick(cols.line), duplicate: pick(cols.duplicate),
  };
}

export function movementBench({ m, cols, seed, log }) {
  const cur = perturbed(m, cols, seed + 1);
  const byName = (c) => ({ ...c, id: undefined });
  const engine = () => m.rollup(cols, m.scoreColumns(cols, m.DEFAULT_CALIBRATION));
  const out = { accounts: cols.count, current: cur.count };
  for (const [key, prev, next] of [['id', cols, cur], ['name', byName(cols), byName(cur)]]) {
    if (key === 'id' && !cols.id) continue;
    log(`movement: matching ${cols.count.toLocaleString('en-US')} and ${cur.count.toLocaleString('en-US')} accounts by ${key} vs score + roll-up…`);
    const c = compare(engine, () => m.matchAccounts(prev, next), { warmup: 1, reps: 5 });
    const match = c.b.value;
    // What the match worker does for the next import: the previous book's keys were prepared after its own
    // match (in the worker, while nobody waits), so only the new book is read.
    const prepared = m.prepareKeys(prev, key === 'id');
    const k = compare(engine, () => m.matchAccounts(prev, next, prepared), { warmup: 1, reps: 5 });
    const prep = measure(() => m.prepareKeys(prev, key === 'id'), { warmup: 1, reps: 5 });
    out[key] = {
      engine: { wall: c.a.wall, cpu: c.a.cpu },
      match: { wall: c.b.wall, cpu: c.b.cpu },
      ratio: { wall: c.b.wall / c.a.wall, cpu: c.b.cpu / c.a.cpu },
      matched: match.curRow.reduce((n, x) => n + (x >= 0 ? 1 : 0), 0),
      ambiguous: match.ambiguous.count,
      prepared: {
        engine: { wall: k.a.wall, cpu: k.a.cpu },
        match: { wall: k.b.wall, cpu: k.b.cpu },
        ratio: { wall: k.b.wall / k.a.wall, cpu: k.b.cpu / k.a.cpu },
        same: sameMatch(k.b.value, match),
        prepare: { wall: prep.wall, cpu: prep.cpu },
      },
    };
  }
  // After a calibration change the page re-scores the previous book and runs movement() over both, with the match it keeps.
  const match = m.matchAccounts(cols, cur);
  const curScored = m.scoreColumns(cur, m.DEFAULT_CALIBRATION);
  const cal = { ...m.DEFAULT_CALIBRATION, thresholds: { healthy: 75, risk: 45 } };
  log('movement: re-measurement after a calibration change (previous book re-scored + movement())…');
  const re = measure(() => m.movement({ cols, scored: m.scoreColumns(cols, cal), asOfDay: 0 }, { cols: cur, scored: curScored, asOfDay: 91 }, match), { warmup: 2, reps: 7 });
  const prevScored = m.scoreColumns(cols, cal);
  const mv = measure(() => m.movement({ cols, scored: prevScored, asOfDay: 0 }, { cols: cur, scored: curScored, asOfDay: 91 }, match), { warmup: 2, reps: 7 });
  out.remeasure = { wall: re.wall, cpu: re.cpu, movementOnly: { wall: mv.wall, cpu: mv.cpu } };
  return out;
}

/** Whether two matches pair every account alike. */
function sameMatch(a, b) {
  if (a.ambiguous.count !== b.ambiguous.count || a.prevRow.length !== b.prevRow.length || a.curRow.length !== b.curRow.length) return false;
  for (let i = 0; i < a.prevRow.length; i++) if (a.prevRow[i] !== b.prevRow[i] || a.status[i] !== b.status[i]) return false;
  for (let p = 0; p < a.curRow.length; p++) if (a.curRow[p] !== b.curRow[p] || a.prevStatus[p] !== b.prevStatus[p]) return false;
  return true;
}

/** Rows of the printed table: [benchmark, cpu, wall, ratio, target]. */
export function movementRows(r, { ms, label }) {
  const rows = [];
  for (const key of ['id', 'name']) {
    const x = r[key];
    if (!x) continue;
    rows.push([
      `movement: match by ${key}, ${label(r.accounts)} + ${label(r.current)} (worker)`,
      `${ms(x.match.cpu)} ms`,
      `${ms(x.match.wall)} ms`,
      `${x.ratio.cpu.toFixed(2)}× / ${x.ratio.wall.toFixed(2)}× score + roll-up (${ms(x.engine.cpu)} / ${ms(x.engine.wall)} ms)`,
      `${x.matched.toLocaleString('en-US')} matched, ${x.ambiguous.toLocaleString('en-US')} ambiguous`,
    ]);
    const p = x.prepared;
    if (p) rows.push([
      `movement: next import by ${key}, previous book's keys kept prepared (worker)`,
      `${ms(p.match.cpu)} ms`,
      `${ms(p.match.wall)} ms`,
      `${p.ratio.cpu.toFixed(2)}× / ${p.ratio.wall.toFixed(2)}× score + roll-up (${ms(p.engine.cpu)} / ${ms(p.engine.wall)} ms)`,
      `${p.same ? 'same match' : 'MATCH DIFFERS'}; preparing ${ms(p.prepare.cpu)} ms, after the last match`,
    ]);
  }
  const re = r.remeasure;
  if (re) rows.push([
    `movement: re-measure after a calibration change, ${label(r.accounts)} (main thread)`,
    `${ms(re.cpu)} ms`,
    `${ms(re.wall)} ms`,
    `movement() alone ${ms(re.movementOnly.cpu)} / ${ms(re.movementOnly.wall)} ms`,
    '',
  ]);
  return rows;
}
