/**
 * SPEC §4.4 owner and segment dictionaries of the import: cells are keyed by segmentKey() (trimmed, inner
 * whitespace collapsed, case-insensitive), so "Mid-Market", "mid-market " and "MID-MARKET" are one entry,
 * shown in its most frequent spelling (ties: the first seen). A blank cell is code 0.
 *
 * code() runs once per imported row (1M rows): a cell seen before costs one lookup of its exact text and
 * one counter increment, no allocation. Only a new spelling computes its key.
 */
import { segmentKey } from '../engine/model';

export class KeyedDictionary {
  /** Distinct trimmed spellings in first-seen order; index 0 is unused (blank). */
  private spellings: string[] = [''];
  private bySpelling = new Map<string, number>();
  /** Entry code of each spelling. */
  private entryOf = new Uint32Array(16);
  /** Rows seen with each spelling. */
  private count = new Float64Array(16);
  private byKey = new Map<string, number>();
  private entries = 1;

  /** Dictionary code of a cell; 0 for a blank one. `rows`: how many rows the cell stands for (a stored entry's accounts). */
  code(raw: string, rows = 1): number {
    const len = raw.length;
    if (len === 0) return 0;
    const a = raw.charCodeAt(0);
    const z = raw.charCodeAt(len - 1);
    // Cells rarely carry outer whitespace: trim (a new string) only when they do.
    const v = a > 32 && a !== 0xa0 && a !== 0xfeff && z > 32 && z !== 0xa0 && z !== 0xfeff ? raw : raw.trim();
    if (v.length === 0) return 0;
    const sp = this.spellings;
    let s = -1;
    // A handful of spellings: comparing is cheaper than hashing the cell.
    if (sp.length <= 17) {
      for (let k = 1; k < sp.length; k++) {
        if (sp[k] === v) {
          s = k;
          break;
        }
      }
      if (s < 0 && sp.length === 17) s = this.bySpelling.get(v) ?? -1;
    } else s = this.bySpelling.get(v) ?? -1;
    if (s < 0) s = this.add(v);
    this.count[s] += rows;
    return this.entryOf[s];
  }

  /** Entries so far, "no value" included. */
  get size(): number {
    return this.entries;
  }

  private add(v: string): number {
    const s = this.spellings.length;
    this.spellings.push(v);
    this.bySpelling.set(v, s);
    if (s === this.entryOf.length) {
      const e = new Uint32Array(s * 2);
      e.set(this.entryOf);
      this.entryOf = e;
      const c = new Float64Array(s * 2);
      c.set(this.count);
      this.count = c;
    }
    const key = segmentKey(v);
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      entry = this.entries++;
      this.byKey.set(key, entry);
    }
    this.entryOf[s] = entry;
    return s;
  }

  /** The shown text of each entry (index = code; [0] is ''): its most frequent spelling, whitespace collapsed. */
  labels(): string[] {
    const n = this.entries;
    const best = new Int32Array(n);
    const bestCount = new Float64Array(n);
    const sp = this.spellings;
    for (let s = 1; s < sp.length; s++) {
      const e = this.entryOf[s];
      // Strictly greater: on a tie the first-seen spelling stays.
      if (this.count[s] > bestCount[e]) {
        bestCount[e] = this.count[s];
        best[e] = s;
      }
    }
    const out = new Array<string>(n);
    out[0] = '';
    for (let e = 1; e < n; e++) out[e] = sp[best[e]].replace(/\s+/g, ' ');
    return out;
  }
}
