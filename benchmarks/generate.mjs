// Realistic CRM account exports for the benchmarks (SPEC §2.3), deterministic for a seed: a header the
// synonyms must match, extra columns the mapping ignores, quoted names with commas, money written many ways
// ($24,000 / 24000.00 / 24K / 1.2M / USD 1,200 / €1.234,50), usage as 42% / 42 / 42.5 % / " 42 %",
// a few "12 days", ISO and US renewal dates, empty cells, duplicate names and ~0.3 % unscorable rows.

import { closeSync, openSync, writeSync } from 'node:fs';

const HEADER = 'Account ID,Account Name,Monthly Recurring Revenue,Days Since Last Touch,Usage %,Health Score,CSM,Segment,Renewal Date,Region';
const WORDS = ['Northwind', 'Bluepeak', 'Cobalt', 'Juniper', 'Lumen', 'Harbor', 'Quartz', 'Saffron', 'Tidewater', 'Ember', 'Granite', 'Willow', 'Aster', 'Falcon', 'Meridian', 'Orchid', 'Pinecrest', 'Redwood', 'Silverline', 'Vantage'];
const KINDS = ['Analytics', 'Logistics', 'Health', 'Labs', 'Foods', 'Robotics', 'Energy', 'Media', 'Capital', 'Systems'];
const REGIONS = ['NA', 'EMEA', 'APAC', 'LATAM'];
const SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'];
const CSMS = Array.from({ length: 40 }, (_, i) => `CSM ${String(i + 1).padStart(2, '0')}`);

/** @typedef {{ rng: (seed: number) => () => number, isoDate: (epochDay: number) => string }} Helpers */

function thousands(n) {
  const s = String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) out += (i > 0 && (s.length - i) % 3 === 0 ? ',' : '') + s[i];
  return out;
}

function money(r, mrr) {
  const p = r();
  if (p < 0.3) return `"$${thousands(mrr)}"`;
  if (p < 0.5) return `${mrr}.00`;
  if (p < 0.65) return String(mrr);
  if (p < 0.75) return mrr >= 1000 ? `${(mrr / 1000).toFixed(1)}K` : String(mrr);
  if (p < 0.8) return mrr >= 100_000 ? `${(mrr / 1e6).toFixed(2)}M` : `$${mrr}`;
  if (p < 0.9) return `"USD ${thousands(mrr)}"`;
  if (p < 0.95) return `"$${thousands(mrr)}.${String(Math.floor(r() * 100)).padStart(2, '0')}"`;
  return `"€${thousands(mrr).replace(/,/g, '.')},${String(Math.floor(r() * 100)).padStart(2, '0')}"`;
}

function usage(r, u) {
  const p = r();
  if (p < 0.5) return `${u}%`;
  if (p < 0.8) return String(u);
  if (p < 0.95) return `${u}.${Math.floor(r() * 10)}%`;
  return `" ${u} %"`;
}

/**
 * The CSV text in pieces of up to 10,000 lines, so a 1M-row file is written without holding it whole.
 * @param {number} rows data rows
 * @param {number} seed
 * @param {number} today epoch day the renewal dates are relative to
 * @param {Helpers} helpers the product's own seeded random and date format (from the benchmark bundle)
 * @returns {Generator<string>}
 */
export function* exportChunks(rows, seed, today, { rng, isoDate }) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  // Renewals fall within 400 days of today: format each day once.
  const iso = Array.from({ length: 401 }, (_, k) => isoDate(today + k));
  const us = Array.from({ length: 401 }, (_, k) => usDate(today + k));
  let out = [HEADER];
  for (let i = 0; i < rows; i++) {
    if (out.length === 10_000) {
      yield out.join('\n') + '\n';
      out = [];
    }
    // ~1 % of names repeat an earlier one (duplicates are kept and flagged).
    const id = r() < 0.01 && i > 0 ? Math.floor(r() * i) : i;
    const base = `${WORDS[id % WORDS.length]} ${KINDS[Math.floor(id / WORDS.length) % KINDS.length]} ${id}`;
    const name = id % 17 === 0 ? `"${base}, Inc."` : base;
    const seg = r();
    const segment = seg < 0.55 ? 0 : seg < 0.85 ? 1 : 2;
    const lo = [400, 3000, 20000][segment];
    const hi = [4000, 25000, 400000][segment];
    const mrr = Math.round(lo * (hi / lo) ** r());
    const troubled = r() < 0.2;
    const days = Math.round(troubled ? 30 + r() * 120 : r() * 40);
    const u = Math.round(troubled ? r() * 45 : 50 + r() * 50);
    const health = Math.round(troubled ? 5 + r() * 45 : 55 + r() * 45);
    const bad = r();
    const mrrCell = bad < 0.002 ? 'n/a' : money(r, mrr);
    const usageCell = bad > 0.002 && bad < 0.003 ? '' : usage(r, u);
    const daysCell = r() < 0.02 ? `${days} days` : String(days);
    const renew = r();
    const k = Math.round(r() * 400);
    const renewal = renew < 0.1 ? '' : renew < 0.9 ? iso[k] : us[k];
    out.push(
      `ACC-${String(i).padStart(7, '0')},${name},${mrrCell},${daysCell},${usageCell},${health},${pick(CSMS)},${SEGMENTS[segment]},${renewal},${pick(REGIONS)}`,
    );
  }
  if (out.length > 0) yield out.join('\n') + '\n';
}

/** Writes the export to `file`. */
export function writeExport(file, rows, seed, today, helpers) {
  const fd = openSync(file, 'w');
  try {
    for (const chunk of exportChunks(rows, seed, today, helpers)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/** 12/31/2026 with a day above 12, so the column stays unambiguous month-first next to ISO dates. */
function usDate(epochDay) {
  const d = new Date(epochDay * 86_400_000);
  const day = Math.min(28, Math.max(13, d.getUTCDate()));
  return `${d.getUTCMonth() + 1}/${day}/${d.getUTCFullYear()}`;
}
