import type { z } from 'zod';
import type { Parsed } from '../engine/types';
import { calibrationSchema, DEFAULT_CALIBRATION, migrateCalibrationV1toV2, migrateCalibrationV2toV3 } from './calibration';
import { openEnvelope, openEnvelopeInSlices, sealEnvelope, type Envelope, type Pause, type RecordSpec } from './envelope';
import { historySchema, migrateHistoryV1toV2, type History } from './history';
import { DEFAULT_KPI_ENTRY, kpiEntrySchema } from './kpi-entry';
import { mappingsSchema, migrateMappingsV1toV2, type Mappings } from './mappings';
import {
  migratePortfolioV1toV2, migratePortfolioV2toV3, migratePortfolioV3toV4, portfolioSchema, portfolioSchemaInSlices, type Portfolio,
} from './portfolio';

/**
 * Every record the app stores, with its current version and migrations.
 * Bump `version` and add a migration whenever a stored shape changes.
 */
export const RECORDS = {
  // v1 (pre-release) kept weights as fractions of 1; v2 keeps percent like the UI; v3 adds segment overrides.
  calibration: { version: 3, schema: calibrationSchema, migrations: { 1: migrateCalibrationV1toV2, 2: migrateCalibrationV2toV3 }, fallback: () => structuredClone(DEFAULT_CALIBRATION) },
  // v2 adds the partial-scoring choices and the usage denominator (SPEC §4.1).
  mappings: { version: 2, schema: mappingsSchema, migrations: { 1: migrateMappingsV1toV2 }, fallback: (): Mappings => ({}) },
  'kpi-entry': { version: 1, schema: kpiEntrySchema, migrations: {}, fallback: () => structuredClone(DEFAULT_KPI_ENTRY) },
  // v1 kept account names as a list; v2 packs them into one string (engine/names.ts); v3 adds the "as of" date;
  // v4 keys owners and segments (SPEC §4.4).
  portfolio: {
    version: 4, schema: portfolioSchema, inSlices: portfolioSchemaInSlices, migrations: { 1: migratePortfolioV1toV2, 2: migratePortfolioV2toV3, 3: migratePortfolioV3toV4 },
    fallback: (): Portfolio | null => null,
  },
  // SPEC §4.6: the import the current one replaced, its inputs kept so both are scored with the current calibration.
  'previous-portfolio': { version: 1, schema: portfolioSchema, inSlices: portfolioSchemaInSlices, migrations: {}, fallback: (): Portfolio | null => null },
  // v2 adds each audit's movement summary (SPEC §4.6).
  history: { version: 2, schema: historySchema, migrations: { 1: migrateHistoryV1toV2 }, fallback: (): History => [] },
} as const satisfies { [key: string]: RecordSpec<z.ZodType, unknown> };

export type RecordKey = keyof typeof RECORDS;
export const RECORD_KEYS = Object.keys(RECORDS) as RecordKey[];

/** The value of a record once validated. */
export type RecordValue<K extends RecordKey> = z.output<(typeof RECORDS)[K]['schema']>;
/** What the app holds for a record: its value, or the fallback (null for no portfolio). */
export type RecordState<K extends RecordKey> = ReturnType<(typeof RECORDS)[K]['fallback']>;

export function isRecordKey(key: string): key is RecordKey {
  return Object.hasOwn(RECORDS, key);
}

/** Read a stored record through the gate: envelope, migrations forward, validation. */
export function parseStored<K extends RecordKey>(key: K, raw: unknown): Parsed<RecordValue<K>> {
  const spec: RecordSpec<z.ZodType, unknown> = RECORDS[key];
  return openEnvelope(spec, raw) as Parsed<RecordValue<K>>;
}

/**
 * parseStored's gate and answer, for a record read back at start-up: the checks of a book's columns run
 * in slices, `pause` between them (RecordSpec.inSlices).
 */
export function parseStoredInSlices<K extends RecordKey>(key: K, raw: unknown, pause: Pause): Promise<Parsed<RecordValue<K>>> {
  const spec: RecordSpec<z.ZodType, unknown> = RECORDS[key];
  return openEnvelopeInSlices(spec, raw, pause) as Promise<Parsed<RecordValue<K>>>;
}

/** Validate a value and wrap it for storage at the current version. */
export function sealStored<K extends RecordKey>(key: K, value: unknown): Parsed<{ envelope: Envelope; value: RecordValue<K> }> {
  const spec: RecordSpec<z.ZodType, unknown> = RECORDS[key];
  return sealEnvelope(spec, value) as Parsed<{ envelope: Envelope; value: RecordValue<K> }>;
}
