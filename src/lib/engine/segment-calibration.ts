/**
 * SPEC §4.4 per-segment calibration: the segments a book has, the overrides it lacks, and the threshold
 * presets suggested by segment names. Pure functions over the columnar book and the calibration.
 */
import { PRESET_THRESHOLDS } from './accounts';
import { segmentKey, segmentOverride } from './model';
import type { AccountColumns, Calibration, SegmentOverride, ThresholdPreset } from './types';

/** One segment of the book: its key, how it is shown, its accounts and ARR. */
export interface BookSegment {
  key: string;
  label: string;
  accounts: number;
  arr: number;
}

export interface BookSegments {
  /** Non-blank segments, largest ARR first (ties: the shown name). */
  segments: BookSegment[];
  /** Accounts with a blank segment ("No segment": always the default model). */
  none: { accounts: number; arr: number };
}

/**
 * The segments found in a book (SPEC §4.4 "accounts, ARR"). Entries of the dictionary that share a key
 * (a book stored before keys were merged on import) count as one, shown as the spelling with more accounts.
 */
export function bookSegments(cols: AccountColumns): BookSegments {
  const dict = cols.segmentDict;
  const accounts = new Float64Array(dict.length);
  const arr = new Float64Array(dict.length);
  const { segment, mrr } = cols;
  for (let i = 0; i < cols.count; i++) {
    const g = segment[i];
    accounts[g]++;
    arr[g] += mrr[i] * 12;
  }
  const byKey = new Map<string, BookSegment & { top: number }>();
  const none = { accounts: accounts[0], arr: arr[0] };
  for (let g = 1; g < dict.length; g++) {
    if (accounts[g] === 0) continue;
    const key = segmentKey(dict[g]);
    if (key === '') {
      none.accounts += accounts[g];
      none.arr += arr[g];
      continue;
    }
    const s = byKey.get(key);
    if (!s) byKey.set(key, { key, label: dict[g].trim().replace(/\s+/g, ' '), accounts: accounts[g], arr: arr[g], top: accounts[g] });
    else {
      if (accounts[g] > s.top) {
        s.top = accounts[g];
        s.label = dict[g].trim().replace(/\s+/g, ' ');
      }
      s.accounts += accounts[g];
      s.arr += arr[g];
    }
  }
  const segments = [...byKey.values()]
    .map(({ key, label, accounts: a, arr: r }) => ({ key, label, accounts: a, arr: r }))
    .sort((a, b) => b.arr - a.arr || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { segments, none };
}

/** Overrides for segments the book does not have: kept, shown as unused (SPEC §4.4). */
export function unusedSegmentOverrides(cal: Calibration, book: readonly BookSegment[]): Array<{ key: string; override: SegmentOverride }> {
  const present = new Set(book.map((s) => s.key));
  return Object.entries(cal.segments ?? {})
    .filter(([key]) => !present.has(key))
    .map(([key, override]) => ({ key, override }))
    .sort((a, b) => (a.override.label < b.override.label ? -1 : a.override.label > b.override.label ? 1 : 0));
}

/** A preset a segment name reads as: SMB, Mid-Market (the default model) or Enterprise. */
export type SuggestedPreset = Exclude<ThresholdPreset, 'custom'>;

/** SPEC §4.4 name lists, as word sequences of the key. */
const NAME_HINTS: Array<[SuggestedPreset, string[]]> = [
  ['smb', ['smb', 'small business', 'startup', 'self serve', 'long tail']],
  ['default', ['mid market', 'midmarket', 'mm', 'commercial', 'growth']],
  ['enterprise', ['enterprise', 'ent', 'strategic', 'large', 'key accounts']],
];
const HINT_WORDS = NAME_HINTS.map(([preset, names]) => [preset, names.map((n) => n.split(' '))] as const);

/** Words of a key: letters and digits; anything else ("-", "/", "&", spaces) separates. */
const words = (key: string): string[] => key.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');

/** Whether `phrase` occurs as consecutive whole words in `ws` (its last word singular or plural). */
function hasPhrase(ws: string[], phrase: string[]): boolean {
  const last = phrase.length - 1;
  for (let i = 0; i + last < ws.length; i++) {
    let k = 0;
    while (k < last && ws[i + k] === phrase[k]) k++;
    const w = ws[i + k];
    const p = phrase[k];
    if (k === last && (w === p || w === `${p}s` || p === `${w}s`)) return true;
  }
  return false;
}

/**
 * SPEC §4.4 suggested preset for a segment key, by whole words: "Enterprise EMEA" and "Key Accounts" read
 * as Enterprise, "Entertainment" does not. A name that reads as two kinds ("SMB & Enterprise") has none.
 */
export function suggestSegmentPreset(key: string): SuggestedPreset | null {
  const ws = words(segmentKey(key));
  let found: SuggestedPreset | null = null;
  for (const [preset, phrases] of HINT_WORDS) {
    if (!phrases.some((p) => hasPhrase(ws, p))) continue;
    if (found !== null) return null;
    found = preset;
  }
  return found;
}

/** A suggestion the button would apply: the segment, how it is shown, the preset. */
export interface SegmentSuggestion {
  key: string;
  label: string;
  preset: SuggestedPreset;
}

/**
 * The suggestions pressing "apply" would change: segments of the book without an override whose name
 * reads as SMB or Enterprise. A Mid-Market-like segment suggests the default model, which a segment
 * without an override already has; a segment the user calibrated is never overwritten.
 */
export function pendingSegmentPresets(cal: Calibration, book: readonly BookSegment[]): SegmentSuggestion[] {
  const out: SegmentSuggestion[] = [];
  for (const s of book) {
    if (cal.segments && Object.prototype.hasOwnProperty.call(cal.segments, s.key)) continue;
    const preset = suggestSegmentPreset(s.key);
    if (preset !== null && preset !== 'default') out.push({ key: s.key, label: s.label, preset });
  }
  return out;
}

/** The calibration with the suggestions applied (SPEC §4.4: only when the user presses the button). */
export function applySegmentPresets(cal: Calibration, suggestions: readonly SegmentSuggestion[]): Calibration {
  if (suggestions.length === 0) return cal;
  const applied = suggestions.map((s): [string, SegmentOverride] => [s.key, { label: s.label, preset: s.preset, thresholds: { ...PRESET_THRESHOLDS[s.preset] } }]);
  // Built from entries, never assigned: a segment named "__proto__" stays an own key.
  return { ...cal, segments: Object.fromEntries([...Object.entries(cal.segments ?? {}), ...applied]) };
}

/** The calibration with one segment's override set, or removed (null: back to the default model). */
export function withSegmentOverride(cal: Calibration, key: string, override: SegmentOverride | null): Calibration {
  // Built from entries, never assigned: a segment named "__proto__" stays an own key.
  const entries = Object.entries(cal.segments ?? {});
  const at = entries.findIndex(([k]) => k === key);
  // An override keeps its place; a new one goes last.
  entries.splice(at < 0 ? entries.length : at, at < 0 ? 0 : 1, ...(override === null ? [] : [[key, override] as [string, SegmentOverride]]));
  const segments: Record<string, SegmentOverride> = Object.fromEntries(entries);
  if (Object.keys(segments).length === 0) {
    const { segments: _gone, ...rest } = cal;
    return rest;
  }
  return { ...cal, segments };
}

/**
 * The segments a panel lists (a book may have thousands): the `limit` largest by ARR, or, with a query,
 * the largest whose name contains it (compared like keys). `matches` counts all that qualify.
 */
export function segmentsToShow(segments: readonly BookSegment[], query: string, limit: number): { shown: BookSegment[]; matches: number } {
  const q = segmentKey(query);
  const hits = q === '' ? segments : segments.filter((s) => s.key.includes(q));
  return { shown: hits.slice(0, limit), matches: hits.length };
}

/** Most segments the slide names by their bands (SPEC §6); the rest are counted. */
export const SLIDE_SEGMENTS = 4;
/** A segment name on the slide is cut to this many characters. */
const SLIDE_LABEL = 24;

/** The bands of the segments with an override that the book uses (SPEC §6), largest ARR first. */
export interface SegmentBands {
  segments: Array<{ label: string; healthy: number; risk: number }>;
  /** Further segments with an override, beyond those listed. */
  more: number;
  /** The default model's bands, when some accounts use it (no segment, or a segment without an override). */
  others: { healthy: number; risk: number } | null;
}

/** The overrides in use, the `limit` largest by ARR; null when no account of the book has one. */
export function segmentBandsInUse(cal: Calibration, found: BookSegments | null, limit = SLIDE_SEGMENTS): SegmentBands | null {
  if (!found) return null;
  const used = found.segments.flatMap((s) => {
    const o = segmentOverride(cal, s.key);
    return o ? [{ label: s.label, healthy: o.thresholds.healthy, risk: o.thresholds.risk }] : [];
  });
  if (used.length === 0) return null;
  const others = found.none.accounts > 0 || used.length < found.segments.length;
  return { segments: used.slice(0, limit), more: Math.max(0, used.length - limit), others: others ? { ...cal.thresholds } : null };
}

/**
 * The slide's line for them, naming the first `shown` segments ("Bands per segment: SMB 60/35 · Enterprise
 * 75/55 · 2 more · others 70/45"); the slide lowers `shown` until the line fits.
 */
export function segmentBandsText(b: SegmentBands, shown = b.segments.length): string {
  const cut = (s: string) => (s.length > SLIDE_LABEL ? `${s.slice(0, SLIDE_LABEL - 1).trimEnd()}…` : s);
  const parts = b.segments.slice(0, shown).map((s) => `${cut(s.label)} ${s.healthy}/${s.risk}`);
  const more = b.more + b.segments.length - Math.min(shown, b.segments.length);
  if (more > 0) parts.push(`${more} more`);
  if (b.others) parts.push(`others ${b.others.healthy}/${b.others.risk}`);
  return `Bands per segment: ${parts.join(' · ')}`;
}
