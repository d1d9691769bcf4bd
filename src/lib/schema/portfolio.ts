import { z } from 'zod';
import { firstBadName, packNames } from '../engine/names';
import { KeyedDictionary } from '../io/dictionary';
import { MAP_FIELDS, type AccountColumns } from '../engine/types';
import { isoDay, isoTimestamp } from './fields';
import { MAX_STORED_ISSUES } from './limits';
import { mappingDecisionsSchema } from './mappings';

export { MAX_STORED_ISSUES };

/** Beyond this the portfolio is not a CS book but a data error. */
export const MAX_ACCOUNTS = 5_000_000;
const MAX_TEXT = 500;

/** Tag check rather than instanceof: survives structured clone and realms. */
const tagged = <T>(tag: string) =>
  z.custom<T>((v) => Object.prototype.toString.call(v) === `[object ${tag}]`, { error: `must be a ${tag}` });
const strings = z.custom<string[]>((v) => Array.isArray(v), { error: 'must be an array' });

const FLOAT_COLUMNS = ['mrr', 'days', 'usage', 'sentiment', 'renewal'] as const;

/**
 * AccountColumns (types.ts) as stored. Element checks run in one loop, not a
 * zod schema per element, so a 1M-row book validates in milliseconds.
 */
export const accountColumnsSchema = z
  .object({
    count: z.number().int({ error: 'count must be a whole number' }).min(0).max(MAX_ACCOUNTS),
    name: z.object({ chunks: strings, end: tagged<Uint32Array>('Uint32Array') }),
    mrr: tagged<Float64Array>('Float64Array'),
    days: tagged<Float64Array>('Float64Array'),
    usage: tagged<Float64Array>('Float64Array'),
    sentiment: tagged<Float64Array>('Float64Array'),
    owner: tagged<Uint32Array>('Uint32Array'),
    ownerDict: strings,
    segment: tagged<Uint32Array>('Uint32Array'),
    segmentDict: strings,
    renewal: tagged<Float64Array>('Float64Array'),
    line: tagged<Uint32Array>('Uint32Array'),
    duplicate: tagged<Uint8Array>('Uint8Array'),
    /** SPEC §4.6 account ids, packed like names; absent when no id column was mapped. */
    id: z.object({ chunks: strings, end: tagged<Uint32Array>('Uint32Array') }).optional(),
  })
  .superRefine((c, ctx) => {
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const n = c.count;
    if (c.name.end.length !== n) return bad('name', `has ${c.name.end.length} entries for ${n} accounts`);
    if (c.id && c.id.end.length !== n) return bad('id', `has ${c.id.end.length} entries for ${n} accounts`);
    if (c.id && firstBadName(c.id) >= 0) return bad('id', `entry ${firstBadName(c.id)} does not fit the packed ids`);
    for (const key of [...FLOAT_COLUMNS, 'owner', 'segment', 'line', 'duplicate'] as const) {
      if (c[key].length !== n) return bad(key, `has ${c[key].length} entries for ${n} accounts`);
    }
    for (const dictKey of ['ownerDict', 'segmentDict'] as const) {
      const dict = c[dictKey];
      if (dict[0] !== '') return bad(dictKey, "must start with '' (no value)");
      if (dict.some((s) => typeof s !== 'string')) return bad(dictKey, 'must hold text only');
    }
    if (wasChecked(c)) return;
    const badName = firstBadName(c.name);
    if (badName >= 0) return bad('name', `entry ${badName} does not fit the packed names`);
    const row = firstBadRow(c, 0, n);
    if (row) return bad(row[0], `entry ${row[1]} ${row[2]}`);
  }) satisfies z.ZodType<AccountColumns>;

/**
 * The element checks of rows [from, to), all columns of a row at a time in one loop (one pass over
 * memory, the arrays in locals): the first bad entry as [column, row, what is wrong], or null.
 */
function firstBadRow(c: AccountColumns, from: number, to: number): [keyof AccountColumns, number, string] | null {
  const { mrr, days, usage, sentiment, renewal, owner, segment, line, duplicate } = c;
  const owners = c.ownerDict.length;
  const segments = c.segmentDict.length;
  for (let i = from; i < to; i++) {
    // v − v is 0 for a finite number, NaN for ±Infinity and NaN. The importer never keeps negative
    // money or a touch in the future; renewal may be unknown (NaN) but not infinite. Last touch, usage
    // and sentiment may be NaN, "no value" (SPEC §4.1 scores the row on the inputs it has), never ±∞.
    const m = mrr[i];
    if (m - m !== 0) return ['mrr', i, 'is not a finite number'];
    if (m < 0) return ['mrr', i, 'is negative'];
    const d = days[i];
    if (d - d !== 0 && d === d) return ['days', i, 'is not a finite number'];
    if (d < 0) return ['days', i, 'is negative'];
    const u = usage[i];
    if (u - u !== 0 && u === u) return ['usage', i, 'is not a finite number'];
    const s = sentiment[i];
    if (s - s !== 0 && s === s) return ['sentiment', i, 'is not a finite number'];
    const r = renewal[i];
    if (r - r !== 0 && r === r) return ['renewal', i, 'is not a finite number'];
    if (owner[i] >= owners) return ['owner', i, 'is outside the dictionary'];
    if (segment[i] >= segments) return ['segment', i, 'is outside the dictionary'];
    if (line[i] < 1) return ['line', i, 'is not a line number'];
    if (duplicate[i] > 1) return ['duplicate', i, 'is not 0 or 1'];
  }
  return null;
}

const ARRAYS = ['mrr', 'days', 'usage', 'sentiment', 'owner', 'segment', 'renewal', 'line', 'duplicate', 'ownerDict', 'segmentDict'] as const;

/** Columns whose every entry checkColumnsInSlices() has checked, by their MRR array (parsing copies the columns object, not its arrays). */
const checked = new WeakMap<Float64Array, AccountColumns>();

/** True when these very arrays were checked entry by entry: the schema then checks their shape only. */
function wasChecked(c: AccountColumns): boolean {
  const seen = checked.get(c.mrr);
  return !!seen && seen.name.chunks === c.name.chunks && seen.name.end === c.name.end && ARRAYS.every((k) => seen[k] === c[k]);
}

/**
 * The schema's entry checks of a big book, spread over tasks: `pause` between slices of `rows` rows, so
 * saving a 1M-row import never blocks the page for long. When every entry passes, the schema skips them
 * for these arrays (the columns are never changed in place); when one fails, nothing is marked and the
 * schema finds and reports it as usual. Answers whether every entry passed.
 */
export async function checkColumnsInSlices(c: AccountColumns, pause: () => Promise<void>, rows = 1 << 17): Promise<boolean> {
  if (firstBadName(c.name) >= 0) return false;
  for (let from = 0; from < c.count; from += rows) {
    await pause();
    if (firstBadRow(c, from, Math.min(c.count, from + rows))) return false;
  }
  checked.set(c.mrr, c);
  return true;
}

export const importIssueSchema = z.object({
  /** 1-based line in the source text. */
  line: z.number().int().min(1),
  reason: z.string().max(MAX_TEXT),
  field: z.enum(MAP_FIELDS).optional(),
});
export type ImportIssue = z.output<typeof importIssueSchema>;

const FIELDS = new Set<string>(MAP_FIELDS);

/** What is wrong with one stored issue (importIssueSchema's rules), or null. */
function issueProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'is not an issue';
  const { line, reason, field } = v as Record<string, unknown>;
  if (typeof line !== 'number' || !Number.isInteger(line) || line < 1) return 'has no line number';
  if (typeof reason !== 'string') return 'has no reason';
  if (reason.length > MAX_TEXT) return `has a reason over ${MAX_TEXT} characters`;
  if (field !== undefined && !(typeof field === 'string' && FIELDS.has(field))) return 'names an unknown field';
  return null;
}

/**
 * The stored issues: importIssueSchema's rules in one loop, without a zod object parse per
 * issue, since up to 5,000 of them are checked whenever a portfolio is saved or loaded.
 */
const issuesSchema = z
  .custom<ImportIssue[]>((v) => Array.isArray(v), { error: 'must be a list' })
  .superRefine((list, ctx) => {
    if (list.length > MAX_STORED_ISSUES) {
      ctx.addIssue({ code: 'custom', message: `more than ${MAX_STORED_ISSUES} issues stored` });
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const problem = issueProblem(list[i]);
      if (problem) return ctx.addIssue({ code: 'custom', path: [i], message: `entry ${i} ${problem}` });
    }
  })
  // As a zod object would: only the known fields are kept.
  .transform((list) => list.map(({ line, reason, field }): ImportIssue => (field === undefined ? { line, reason } : { line, reason, field })));

export const portfolioSourceSchema = z
  .object({
    /** The file name, or 'pasted'. */
    name: z.string().min(1).max(MAX_TEXT),
    importedAt: isoTimestamp('importedAt'),
    decisions: mappingDecisionsSchema,
    issues: issuesSchema,
    /** All unscorable rows, including those past the stored cap. */
    issueTotal: z.number().int().min(0),
    /** SPEC §4.6 the export's "as of" date (YYYY-MM-DD): last-touch dates were counted to it. Absent: asOfDate(). */
    asOf: isoDay.optional(),
  })
  .refine((s) => s.issueTotal >= s.issues.length, { error: 'issueTotal is below the number of issues', path: ['issueTotal'] });

/**
 * v2 had no "as of" date: an import then counted last-touch dates to the day it was imported, so that
 * day (importedAt's UTC date) is its as-of date.
 */
export function migratePortfolioV2toV3(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !('source' in data)) return data;
  const source = data.source;
  if (typeof source !== 'object' || source === null || !('importedAt' in source) || typeof source.importedAt !== 'string') return data;
  return { ...data, source: { ...source, asOf: source.importedAt.slice(0, 10) } };
}

/** An import's "as of" date: the one stored, else the day it was imported (importedAt's UTC date). */
export { asOfDate } from './as-of';

/** The last imported portfolio (SPEC §5): scorable accounts as columns, plus how they were imported. */
export const portfolioSchema = z.object({ columns: accountColumnsSchema, source: portfolioSourceSchema });
export type Portfolio = z.output<typeof portfolioSchema>;
export type PortfolioSource = z.output<typeof portfolioSourceSchema>;

/** The issues list as stored: the first MAX_STORED_ISSUES, and the true total. */
export function capIssues(issues: readonly ImportIssue[]): { issues: ImportIssue[]; issueTotal: number } {
  return { issues: issues.slice(0, MAX_STORED_ISSUES), issueTotal: issues.length };
}

/**
 * v1 stored the account names as a list of strings; v2 stores them packed (engine/names.ts). Anything
 * else is passed on unchanged for the schema to judge (and the store to set aside).
 */
export function migratePortfolioV1toV2(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !('columns' in data)) return data;
  const columns = data.columns;
  if (typeof columns !== 'object' || columns === null || !('name' in columns)) return data;
  const names = columns.name;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) return data;
  return { ...data, columns: { ...columns, name: packNames(names) } };
}

/**
 * v2 → v3: owner and segment dictionaries keyed as an import keys them (SPEC §4.4). A book stored before keys
 * may hold "Kim Lee" and "kim lee" as two entries: they become one, shown in the spelling with more accounts,
 * and the code arrays follow. Anything else is passed on unchanged for the schema to judge.
 */
export function migratePortfolioV3toV4(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !('columns' in data)) return data;
  const c = data.columns;
  if (typeof c !== 'object' || c === null || !('owner' in c && 'ownerDict' in c && 'segment' in c && 'segmentDict' in c)) return data;
  const owner = rekeyed(c.owner, c.ownerDict);
  const segment = rekeyed(c.segment, c.segmentDict);
  if (!owner || !segment) return data;
  return { ...data, columns: { ...c, owner: owner.codes, ownerDict: owner.dict, segment: segment.codes, segmentDict: segment.dict } };
}

/** Tag check rather than instanceof, as the schema's. */
const isUint32Array = (v: unknown): v is Uint32Array => Object.prototype.toString.call(v) === '[object Uint32Array]';

/** One code array and its dictionary through KeyedDictionary; null when they are not a valid pair. */
function rekeyed(codes: unknown, dict: unknown): { codes: Uint32Array; dict: string[] } | null {
  if (!isUint32Array(codes) || !Array.isArray(dict) || dict[0] !== '' || !dict.every((s) => typeof s === 'string')) return null;
  const rows = new Float64Array(dict.length);
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] >= dict.length) return null;
    rows[codes[i]]++;
  }
  const keyed = new KeyedDictionary();
  const to = new Uint32Array(dict.length);
  // An entry no account uses is dropped (code 0 is never read for it).
  for (let g = 1; g < dict.length; g++) if (rows[g] > 0) to[g] = keyed.code(dict[g] as string, rows[g]);
  return { codes: codes.map((g) => to[g]), dict: keyed.labels() };
}
