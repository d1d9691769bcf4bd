/** What `npm run score` writes: the scored accounts as CSV (with the file's spelling of owners and segments) and the roll-up as text or JSON. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { contributionsOf } from '../src/lib/engine/contributions';
import { segmentKey } from '../src/lib/engine/model';
import { nameAt } from '../src/lib/engine/names';
import type { Rollup, ScoredColumns } from '../src/lib/engine/portfolio';
import { BANDS, type AccountColumns, type Calibration, type ColumnMapping } from '../src/lib/engine/types';
import { isoDate } from '../src/lib/io/calendar';
import { KeyedDictionary } from '../src/lib/io/dictionary';
import { csvNumber, csvText } from '../src/lib/io/csv-export';
import type { ImportIssue } from '../src/lib/io/types';
import type { Options } from './score-options';

export async function write(out: Writable, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

export async function closeFile(out: Writable): Promise<void> {
  out.end();
  await once(out, 'finish');
}

export const HEADER = [
  'Account Name', 'Account ID', 'Owner', 'Segment', 'MRR', 'ARR', 'Score', 'Band', 'At-Risk ARR',
  'Size Points', 'Engagement Points', 'Usage Points', 'Sentiment Points', 'Inputs Used',
];
const BAND_LABEL = BANDS.map((b) => b[0].toUpperCase() + b.slice(1));

/** Owner and segment as shown, by key: each key's most frequent spelling over the whole file's scored rows. */
interface Labels {
  owner: Map<string, string>;
  segment: Map<string, string>;
}

/** Counts spellings of the scored rows of each part (pass 1), so every part shows the file's spelling. */
export function labelCounter(mapping: () => ColumnMapping) {
  const owner = new KeyedDictionary();
  const segment = new KeyedDictionary();
  const cells = new Map<number, [string, string]>();
  return {
    row(row: string[], line: number): void {
      const m = mapping();
      const o = m.owner !== undefined && m.owner < row.length ? row[m.owner] : '';
      const g = m.segment !== undefined && m.segment < row.length ? row[m.segment] : '';
      if (o || g) cells.set(line, [o, g]);
    },
    part(c: AccountColumns): void {
      for (let i = 0; i < c.count; i++) {
        const cell = cells.get(c.line[i]);
        if (!cell) continue;
        owner.code(cell[0]);
        segment.code(cell[1]);
      }
      cells.clear();
    },
    labels(): Labels {
      const byKey = (d: KeyedDictionary) => new Map(d.labels().slice(1).map((l) => [segmentKey(l), l] as const));
      return { owner: byKey(owner), segment: byKey(segment) };
    },
  };
}

/** One part's scored accounts as formula-safe CSV rows (io/csv-export.ts neutralising). */
export async function writeScored(out: Writable, c: AccountColumns, cal: Calibration, scored: ScoredColumns, ids: Map<number, string>, labels: Labels): Promise<void> {
  const parts = contributionsOf(c, cal);
  // A part's own dictionaries show its most frequent spelling; the file's is the one shown (SPEC §4.4).
  const owners = c.ownerDict.map((l) => labels.owner.get(segmentKey(l)) ?? l);
  const segments = c.segmentDict.map((l) => labels.segment.get(segmentKey(l)) ?? l);
  const p = new Float64Array(4);
  let buf = '';
  for (let i = 0; i < c.count; i++) {
    parts(i, p);
    const m = c.mrr[i];
    const miss = scored.missing[i];
    buf += `${csvText(nameAt(c.name, i))},${csvText(ids.get(c.line[i])?.trim() ?? '')},${csvText(owners[c.owner[i]])},${csvText(segments[c.segment[i]])},` +
      `${csvNumber(m)},${csvNumber(m * 12)},${scored.score[i]},${BAND_LABEL[scored.band[i]]},${csvNumber(scored.atRisk[i])},` +
      `${csvNumber(p[0])},${csvNumber(p[1])},${csvNumber(p[2])},${csvNumber(p[3])},${4 - (miss & 1) - ((miss >> 1) & 1) - ((miss >> 2) & 1)}\r\n`;
    if (buf.length > 1 << 16) {
      await write(out, buf);
      buf = '';
    }
  }
  await write(out, buf);
}

/** What the file's report says: unscorable rows (listed up to a cap, counted exactly) and notes. */
export interface Report {
  scored: number;
  unscored: number;
  listed: ImportIssue[];
  omitted: number;
  warnings: string[];
}

const money = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
const pct = (x: number) => `${x.toFixed(1)} %`;

export function rollupText(r: Rollup, rep: Report, opts: Options, name: string): string {
  const lines = [
    `Scored ${r.count.toLocaleString('en-US')} accounts from ${name} (calibration: ${opts.calibrationName}; as of ${isoDate(opts.today)}).`,
    rep.unscored > 0 ? `${rep.unscored.toLocaleString('en-US')} ${rep.unscored === 1 ? 'row' : 'rows'} could not be scored${opts.issues ? ` (listed in ${opts.issues})` : ' (listed on stderr; --issues writes them all)'}.` : 'Every row was scored.',
    '',
    `${'Band'.padEnd(8)}${'Accounts'.padStart(12)}${'Share'.padStart(9)}${'ARR'.padStart(18)}${'At-risk ARR'.padStart(18)}`,
  ];
  BANDS.forEach((b, k) => {
    const t = r.bands[b];
    lines.push(`${BAND_LABEL[k].padEnd(8)}${t.count.toLocaleString('en-US').padStart(12)}${pct(t.pct).padStart(9)}${money(t.arr).padStart(18)}${money(t.atRiskArr).padStart(18)}`);
  });
  lines.push(`${'Total'.padEnd(8)}${r.count.toLocaleString('en-US').padStart(12)}${pct(r.count ? 100 : 0).padStart(9)}${money(r.totalArr).padStart(18)}${money(r.expectedAtRiskArr).padStart(18)}`);
  lines.push('', `Risk-band ARR share: ${pct(r.riskArrShare)}`);
  for (const w of rep.warnings) lines.push(`Note: ${w}`);
  return `${lines.join('\n')}\n`;
}

export function rollupJson(r: Rollup, rep: Report, opts: Options, name: string): string {
  const { count: scored, ...rest } = r;
  return `${JSON.stringify({ file: name, calibration: opts.calibrationName, asOf: isoDate(opts.today), scored, unscored: rep.unscored, ...rest, warnings: rep.warnings, out: opts.out ?? null, issues: opts.issues ?? null }, null, 2)}\n`;
}

