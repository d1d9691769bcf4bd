/** SPEC §2.3: which mapped fields an import needs, and how the report names them. */
import { fail, ok, MAP_FIELDS, type ColumnMapping, type MapField, type Parsed } from '../engine/types';
import { quote } from './quote';

export const FIELD_LABEL: Record<MapField, string> = {
  name: 'account name',
  mrr: 'MRR',
  arr: 'ARR',
  'last-touch': 'days since last touch (or last-touch date)',
  usage: 'usage',
  sentiment: 'sentiment',
  owner: 'owner',
  segment: 'segment',
  'renewal-date': 'renewal date',
  'usage-of': 'usage denominator (usage = usage column ÷ this)',
  id: 'account id',
};

/** SPEC §4.1: the three inputs an export may lack (MRR and a name never may). */
export const OPTIONAL_INPUTS = ['last-touch', 'usage', 'sentiment'] as const;
export type OptionalInput = (typeof OPTIONAL_INPUTS)[number];

/** The inputs whose column the mapping lacks, in model order (touch, usage, sentiment). */
export function absentInputs(mapping: ColumnMapping): OptionalInput[] {
  return OPTIONAL_INPUTS.filter((f) => mapping[f] === undefined);
}

/**
 * Labels of the required fields the mapping lacks (MRR and ARR count as one). With `partial` (SPEC §4.1
 * "score on the inputs it has") only a name and MRR or ARR are required.
 */
export function missingFields(mapping: ColumnMapping, partial = false): string[] {
  const out: string[] = [];
  if (mapping.name === undefined) out.push(FIELD_LABEL.name);
  if (mapping.mrr === undefined && mapping.arr === undefined) out.push('MRR or ARR');
  if (!partial) for (const f of absentInputs(mapping)) out.push(FIELD_LABEL[f]);
  return out;
}

const joinAnd = (xs: string[]): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * One clear message for a mapping that cannot import: what is missing and which headers were seen.
 * Also rejects a column used twice and an index outside the header.
 */
export function checkMapping(header: readonly string[], mapping: ColumnMapping, partial = false): Parsed<ColumnMapping> {
  const used = new Map<number, MapField>();
  for (const f of MAP_FIELDS) {
    const c = mapping[f];
    if (c === undefined) continue;
    if (!Number.isInteger(c) || c < 0 || c >= header.length) {
      return fail(`The ${FIELD_LABEL[f]} column (${c}) is not in the file, which has ${header.length} columns.`);
    }
    const other = used.get(c);
    if (other !== undefined) {
      return fail(`Column ${quote(header[c])} is mapped to both ${FIELD_LABEL[other]} and ${FIELD_LABEL[f]}.`);
    }
    used.set(c, f);
  }
  if (mapping['usage-of'] !== undefined && mapping.usage === undefined) {
    return fail(`Usage as a ratio needs the usage column too: ${quote(header[mapping['usage-of']])} is only its denominator.`);
  }
  const missing = missingFields(mapping, partial);
  if (missing.length === 0) return ok(mapping);
  const seen = header.filter((h) => h.trim() !== '');
  const list = seen.length === 0 ? 'none' : seen.slice(0, 30).map(quote).join(', ') + (seen.length > 30 ? ', …' : '');
  return fail(`No column found for ${joinAnd(missing)}. Headers seen: ${list}. Choose the columns in the mapping step.`);
}
