import { z } from 'zod';
import { firstBadName, packNames } from '../engine/names';
import { KeyedDictionary } from '../io/dictionary';
import {
  ARRAY_FIELD_NAMES, ARRAY_FIELDS, DICT_FIELD_NAMES, PACKED_FIELD_NAMES, PACKED_FIELDS, type AccountColumns, type ArrayColumns,
  type ArrayFieldName, type DictFieldName, type EntryCheck,
} from '../engine/account-fields';
import { MAP_FIELDS, type MapField } from '../engine/types';
import type { Pause } from './envelope';
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

const TAG = { f64: 'Float64Array', u32: 'Uint32Array', u8: 'Uint8Array' } as const;
const packed = z.object({ chunks: strings, end: tagged<Uint32Array>('Uint32Array') });

/** The object's shape, field by field from the account field table. */
const shape = {
  count: z.number().int({ error: 'count must be a whole number' }).min(0).max(MAX_ACCOUNTS),
  ...(Object.fromEntries(PACKED_FIELD_NAMES.map((k) => [k, PACKED_FIELDS[k].optional ? packed.optional() : packed])) as {
    name: typeof packed;
    id: z.ZodOptional<typeof packed>;
  }),
  ...(Object.fromEntries(ARRAY_FIELD_NAMES.map((k) => [k, tagged(TAG[ARRAY_FIELDS[k].kind])])) as unknown as {
    [K in ArrayFieldName]: z.ZodType<ArrayColumns[K]>;
  }),
  ...(Object.fromEntries(DICT_FIELD_NAMES.map((k) => [k, strings])) as Record<DictFieldName, typeof strings>),
};

/** What is wrong with a book's columns: the field and the message, as the gate reports them. */
type Problem = [field: string, message: string];

/** Rows of one column checked per step of columnProblems(): well under a millisecond. */
export const CHECK_ROWS = 1 << 16;

/**
 * Every check of AccountColumns past its shape, in order, as steps: it yields after each packed column
 * and each CHECK_ROWS rows of a number column, and returns the first problem, or null. Run whole by
 * accountColumnsSchema; paused between steps by accountColumnsSchemaInSlices, so that reading a 1M-row
 * book back never checks it in one task. Element checks run in one loop per column, not a zod schema per
 * element, so a 1M-row book validates in milliseconds.
 */
function* columnProblems(c: AccountColumns): Generator<void, Problem | null> {
  const n = c.count;
  for (const k of PACKED_FIELD_NAMES) {
    const p = c[k];
    if (p && p.end.length !== n) return [k, `has ${p.end.length} entries for ${n} accounts`];
  }
  for (const k of ARRAY_FIELD_NAMES) {
    if (c[k].length !== n) return [k, `has ${c[k].length} entries for ${n} accounts`];
  }
  for (const k of DICT_FIELD_NAMES) {
    const dict = c[k];
    if (dict[0] !== '') return [k, "must start with '' (no value)"];
    if (dict.some((s) => typeof s !== 'string')) return [k, 'must hold text only'];
  }
  for (const k of PACKED_FIELD_NAMES) {
    const p = c[k];
    const at = p ? firstBadName(p) : -1;
    if (at >= 0) return [k, `entry ${at} does not fit the packed ${k}s`];
    yield;
  }
  for (const k of ARRAY_FIELD_NAMES) {
    for (let from = 0; from < n; from += CHECK_ROWS) {
      const why = firstBadEntry(c, k, from, Math.min(n, from + CHECK_ROWS));
      if (why) return [k, `entry ${why[0]} ${why[1]}`];
      yield;
    }
  }
  return null;
}

/** How long the steps of columnProblems() run between two pauses. */
const SLICE_MS = 8;

/** Runs the steps; with `pause`, pauses whenever they have run SLICE_MS by `now` since the last pause. */
function runChecks(steps: Generator<void, Problem | null>): Problem | null;
function runChecks(steps: Generator<void, Problem | null>, pause: Pause, now: () => number): Promise<Problem | null>;
function runChecks(steps: Generator<void, Problem | null>, pause?: Pause, now?: () => number): Problem | null | Promise<Problem | null> {
  if (!pause || !now) {
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }
  return (async () => {
    let since = now();
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (now() - since < SLICE_MS) continue;
      await pause();
      since = now();
    }
  })();
}

const columnsObject = z.object(shape);
const report = (ctx: z.RefinementCtx, problem: Problem | null): void => {
  if (problem) ctx.addIssue({ code: 'custom', path: [problem[0]], message: problem[1] });
};

/** AccountColumns (engine/account-fields.ts) as stored, every entry checked each time. */
export const accountColumnsSchema = columnsObject.superRefine((c, ctx) => report(ctx, runChecks(columnProblems(c)))) satisfies z.ZodType<AccountColumns>;

/**
 * The same gate, pausing between slices of rows (parse it with safeParseAsync): what the store reads back
 * is checked entry by entry like anything else, in tasks of a few milliseconds.
 */
export const accountColumnsSchemaInSlices = (pause: Pause, now: () => number = Date.now) =>
  columnsObject.superRefine(async (c, ctx) => report(ctx, await runChecks(columnProblems(c), pause, now))) satisfies z.ZodType<AccountColumns>;

/**
 * The first entry of rows [from, to) of column `k` its check (account-fields.ts) refuses, as [row, what is
 * wrong], or null. v − v is 0 for a finite number, NaN for ±Infinity and NaN. The importer never keeps
 * negative money or a touch in the future; a "no value" NaN is allowed where the table says so, ±∞ never.
 */
function firstBadEntry(c: AccountColumns, k: ArrayFieldName, from: number, to: number): [number, string] | null {
  const field: { check: EntryCheck; dict?: DictFieldName } = ARRAY_FIELDS[k];
  const a = c[k];
  switch (field.check) {
    case 'amount':
    case 'optional-amount':
    case 'optional-number': {
      const noValueOk = field.check !== 'amount';
      const negativeOk = field.check === 'optional-number';
      for (let i = from; i < to; i++) {
        const v = a[i];
        if (v - v !== 0 && (v === v || !noValueOk)) return [i, 'is not a finite number'];
        if (v < 0 && !negativeOk) return [i, 'is negative'];
      }
      return null;
    }
    case 'code': {
      const size = field.dict ? c[field.dict].length : 0;
      for (let i = from; i < to; i++) if (a[i] >= size) return [i, 'is outside the dictionary'];
      return null;
    }
    case 'line':
      for (let i = from; i < to; i++) if (a[i] < 1) return [i, 'is not a line number'];
      return null;
    case 'flag':
      for (let i = from; i < to; i++) if (a[i] > 1) return [i, 'is not 0 or 1'];
      return null;
  }
}

/**
 * An import issue (io/types.ts ImportIssue) as stored: the row's line and reason, and the field at fault
 * when one is; checked by issueProblem().
 */
export interface StoredIssue {
  /** 1-based line in the source text. */
  line: number;
  reason: string;
  field?: MapField;
}

const FIELDS = new Set<string>(MAP_FIELDS);

/** What is wrong with one stored issue, or null. */
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
 * The stored issues: issueProblem() in one loop, without a zod object parse per issue, since up to
 * 5,000 of them are checked whenever a portfolio is saved or loaded.
 */
const issuesSchema = z
  .custom<StoredIssue[]>((v) => Array.isArray(v), { error: 'must be a list' })
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
  .transform((list) => list.map(({ line, reason, field }): StoredIssue => (field === undefined ? { line, reason } : { line, reason, field: field as MapField })));

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
/** portfolioSchema, pausing between slices of rows (safeParseAsync): for a book read back from the store. */
export const portfolioSchemaInSlices = (pause: Pause, now?: () => number) =>
  z.object({ columns: accountColumnsSchemaInSlices(pause, now), source: portfolioSourceSchema });
export type Portfolio = z.output<typeof portfolioSchema>;
export type PortfolioSource = z.output<typeof portfolioSourceSchema>;

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
