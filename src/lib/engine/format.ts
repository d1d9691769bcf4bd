/** Plain-text number formats shared by advisor copy and the page. */

const MINUS = '−';

/** $146,880 → "$147K"; $1.2M → "$1.2M"; under $1K in whole dollars. */
export function formatMoneyShort(dollars: number): string {
  const sign = dollars < 0 ? MINUS : '';
  const v = Math.abs(dollars);
  if (v >= 1e9) return `${sign}$${trim(v / 1e9)}B`;
  if (v >= 1e6) return `${sign}$${trim(v / 1e6)}M`;
  if (v >= 1e3) return `${sign}$${Math.round(v / 1e3)}K`;
  return `${sign}$${Math.round(v)}`;
}

const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** $146,880 (one cached formatter: the table formats thousands of cells). */
export function formatMoney(dollars: number): string {
  const sign = dollars < 0 ? MINUS : '';
  return `${sign}$${WHOLE.format(Math.round(Math.abs(dollars)))}`;
}

function trim(x: number): string {
  return x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

/** A number with at most `digits` decimals and a real minus sign. */
export function formatNumber(x: number, digits = 1): string {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r < 0 ? `${MINUS}${Math.abs(r)}` : String(r);
}

/** +7, −7, 0 */
export function formatSigned(x: number, digits = 1): string {
  const s = formatNumber(x, digits);
  return x > 0 && s !== '0' ? `+${s}` : s;
}
