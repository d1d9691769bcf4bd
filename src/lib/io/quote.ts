/** Quotes an offending cell for a reason text; long cells are cut so a report stays readable. */
export function quote(raw: string): string {
  const s = raw.length > 40 ? `${raw.slice(0, 37)}…` : raw;
  return `"${s}"`;
}
