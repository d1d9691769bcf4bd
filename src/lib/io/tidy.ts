/** Drops binary noise from a rescaled value (0.57 × 100 is 56.99999999999999 in floating point). */
export const tidy = (x: number): number => Math.round(x * 1e10) / 1e10;
