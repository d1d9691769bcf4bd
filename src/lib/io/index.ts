/** The account import / export layer (SPEC §2.3, §4.3). */
export * from './types';
export { parseMoney, readMoney } from './money';
export { parsePercent, readPercent, decideUsageMode, detectUsageMode, usageRangeReason } from './percent';
export { parseDate, readDate, decideDateOrder, detectDateOrder, isoDate, todayEpochDay, daysFromCivil, civilFromDays } from './dates';
export {
  parseSentiment, rescaleSentiment, detectSentimentScale, decideSentimentScale, SCALE_LABEL, SCALE_RANGE,
} from './sentiment';
export { normaliseHeader, guessMapping } from './synonyms';
export { headerSetKey, mappingToNames, mappingFromNames } from './header-key';
export { FIELD_LABEL, missingFields, checkMapping } from './fields';
export { createColumnBuilder, parseText, previewText, importText, type ColumnBuilder, type TextOptions } from './import';
export { accountsToCsv, csvText, csvNumber, EXPORT_HEADER, type ExportScores } from './csv-export';
export { startImport, startPreview, CANCELLED, type Running, type WorkerFactory, type WorkerLike } from './importer';
export type { ImportProgress, ImportSource } from './protocol';
