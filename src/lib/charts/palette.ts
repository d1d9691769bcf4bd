import type { Band } from '../engine';
import type { Zone } from '../engine';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const ZONE_COLORS: Record<Zone, string> = {
  thriving: '#007a5a',
  stable: '#0063a6',
  strained: '#975a00',
  critical: '#c2410c',
};

export const BAND_COLORS: Record<Band, string> = {
  healthy: '#009e73',
  watch: '#e69f00',
  risk: '#d55e00',
};

export const BAND_LABELS: Record<Band, string> = { healthy: 'Healthy', watch: 'Watch', risk: 'Risk' };
/** A shape per band so colour is never the only signal. */
export const BAND_ICONS: Record<Band, string> = { healthy: '●', watch: '▲', risk: '■' };
export const ZONE_ICONS: Record<Zone, string> = { thriving: '▲', stable: '●', strained: '▼', critical: '✖' };

export const MUTED = '#64748b';
export const ACCENT = '#0063a6';
