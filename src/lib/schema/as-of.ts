/**
 * SPEC §4.6 an import's "as of" day: the date chosen for it, or (records stored before there was one) the
 * day it was imported. Kept apart from the zod schemas so the page can read it on first load.
 */
export const asOfDate = (source: { asOf?: string; importedAt: string }): string => source.asOf ?? source.importedAt.slice(0, 10);
