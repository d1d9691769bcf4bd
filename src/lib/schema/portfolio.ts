import { z } from 'zod';
import { firstBadName, packNames } from '../engine/names';
import { MAP_FIELDS, type AccountColumns } from '../engine/types';
import { isoTimestamp } from './fields';
import { mappingDecisionsSchema } from './mappings';

/** Stored import issues are capped; `issueTotal` keeps the real count. */
export const MAX_STORED_ISSUES = 5_000;
/** Beyond this the portfolio is not a CS book but a data error. */
export const MAX_ACCOUNTS = 5_000_000;
const MAX_TEXT = 500;

/** Tag check rather than instanceof: survives structured clone and realms. */
const tagged = <T>(tag: string) =>
  z.custom<T>((v) => Object.prototype.toString.call(v) === `[object ${tag}]`, { error: `must be a ${tag}` });
const strings = z.custom<string[]>((v) => Array.isArray(v), { error: 'must be an array' });

const FLOAT_COLUMNS = ['mrr', 'days', 'usage', 'sentiment', 'renewal'] as const;
const CODE_COLUMNS = [
  ['owner', 'ownerDict'],
  ['segment', 'segmentDict'],
] as const;

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
  })
  .superRefine((c, ctx) => {
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const n = c.count;
    if (c.name.end.length !== n) return bad('name', `has ${c.name.end.length} entries for ${n} accounts`);
    for (const key of [...FLOAT_COLUMNS, 'owner', 'segment', 'line', 'duplicate'] as const) {
      if (c[key].length !== n) return bad(key, `has ${c[key].length} entries for ${n} accounts`);
    }
    const badName = firstBadName(c.name);
    if (badName >= 0) return bad('name', `entry ${badName} does not fit the packed names`);
    for (const key of FLOAT_COLUMNS) {
      // Renewal may be unknown (NaN); every other measure was parsed, so it is finite.
      const at = firstNonFinite(c[key], key === 'renewal');
      if (at >= 0) return bad(key, `entry ${at} is not a finite number`);
    }
    // The importer never keeps negative money or a touch in the future.
    for (const key of ['mrr', 'days'] as const) {
      const neg = firstNegative(c[key]);
      if (neg >= 0) return bad(key, `entry ${neg} is negative`);
    }
    for (const [codes, dictKey] of CODE_COLUMNS) {
      const dict = c[dictKey];
      if (dict[0] !== '') return bad(dictKey, "must start with '' (no value)");
      if (dict.some((s) => typeof s !== 'string')) return bad(dictKey, 'must hold text only');
      const at = firstAtLeast(c[codes], dict.length);
      if (at >= 0) return bad(codes, `entry ${at} is outside the dictionary`);
    }
    const line = firstBelow(c.line, 1);
    if (line >= 0) return bad('line', `entry ${line} is not a line number`);
    const dup = firstAtLeast(c.duplicate, 2);
    if (dup >= 0) return bad('duplicate', `entry ${dup} is not 0 or 1`);
  }) satisfies z.ZodType<AccountColumns>;

// The element checks: one tight loop per column, the array in a local, -1 when every entry passes.

function firstNegative(a: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] < 0) return i;
  return -1;
}

function firstNonFinite(a: Float64Array, nanAllowed: boolean): number {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    // v − v is 0 for a finite number, NaN for ±Infinity and NaN.
    if (v - v !== 0 && !(nanAllowed && v !== v)) return i;
  }
  return -1;
}

function firstAtLeast(a: Uint32Array | Uint8Array, limit: number): number {
  for (let i = 0; i < a.length; i++) if (a[i] >= limit) return i;
  return -1;
}

function firstBelow(a: Uint32Array, limit: number): number {
  for (let i = 0; i < a.length; i++) if (a[i] < limit) return i;
  return -1;
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
 * The stored issues: importIssueSchema's rules in one loop, without a zod object parse (and copy) per
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
  });

export const portfolioSourceSchema = z
  .object({
    /** The file name, or 'pasted'. */
    name: z.string().min(1).max(MAX_TEXT),
    importedAt: isoTimestamp('importedAt'),
    decisions: mappingDecisionsSchema,
    issues: issuesSchema,
    /** All unscorable rows, including those past the stored cap. */
    issueTotal: z.number().int().min(0),
  })
  .refine((s) => s.issueTotal >= s.issues.length, { error: 'issueTotal is below the number of issues', path: ['issueTotal'] });

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
