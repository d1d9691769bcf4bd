/** Limits of stored data, in a module without zod so the page can use them without loading it. */

/** Stored import issues are capped; the portfolio's `issueTotal` keeps the real count. */
export const MAX_STORED_ISSUES = 5_000;
