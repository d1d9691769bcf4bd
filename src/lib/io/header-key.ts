/**
 * SPEC §5 "remembered column mappings": a mapping the user corrected is stored under the file's header
 * set and by header name, so the next export with the same headers (in any order) gets it back.
 */
import { MAP_FIELDS, type ColumnMapping, type MapField } from '../engine/types';
import { normaliseHeader } from './synonyms';

/** A stable key of the normalised header set: order, case and spelling noise do not change it. */
export function headerSetKey(headers: readonly string[]): string {
  const set = [...new Set(headers.map(normaliseHeader).filter((h) => h !== ''))].sort();
  return `h1:${set.join('|')}`;
}

/** A mapping by normalised header name (what to store). */
export function mappingToNames(mapping: ColumnMapping, headers: readonly string[]): Partial<Record<MapField, string>> {
  const out: Partial<Record<MapField, string>> = {};
  for (const f of MAP_FIELDS) {
    const c = mapping[f];
    if (c !== undefined && c >= 0 && c < headers.length) out[f] = normaliseHeader(headers[c]);
  }
  return out;
}

/** A stored mapping applied to this file's headers; names not found are left unmapped. */
export function mappingFromNames(names: Partial<Record<MapField, string>>, headers: readonly string[]): ColumnMapping {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = normaliseHeader(h);
    if (!index.has(k)) index.set(k, i);
  });
  const out: ColumnMapping = {};
  for (const f of MAP_FIELDS) {
    const n = names[f];
    const c = n === undefined ? undefined : index.get(n);
    if (c !== undefined) out[f] = c;
  }
  return out;
}
