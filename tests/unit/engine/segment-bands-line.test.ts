import { DEFAULT_CALIBRATION, PRESET_THRESHOLDS, segmentBandsInUse, segmentBandsText, type BookSegments, type Calibration } from '../../../src/lib/engine';

const seg = (key: string, label: string, arr: number) => ({ key, label, accounts: 1, arr });
const found = (none: number, ...segments: BookSegments['segments']): BookSegments => ({ segments, none: { accounts: none, arr: none * 1000 } });

const cal: Calibration = {
  ...DEFAULT_CALIBRATION,
  segments: {
    smb: { label: 'SMB', preset: 'smb', thresholds: PRESET_THRESHOLDS.smb },
    enterprise: { label: 'Enterprise', preset: 'enterprise', thresholds: PRESET_THRESHOLDS.enterprise },
    strategic: { label: 'Strategic', preset: 'custom', thresholds: { healthy: 80, risk: 60 } },
  },
};

describe('SPEC §6 the slide line of bands per segment', () => {
  it('names the overrides the book uses, largest ARR first, then the default bands for the rest', () => {
    const b = segmentBandsInUse(cal, found(2, seg('smb', 'SMB', 900), seg('enterprise', 'Enterprise', 500), seg('mid', 'Mid-Market', 100)));
    expect(b).toEqual({
      segments: [{ label: 'SMB', healthy: 60, risk: 35 }, { label: 'Enterprise', healthy: 75, risk: 55 }],
      more: 0,
      others: { healthy: 70, risk: 45 },
    });
    expect(segmentBandsText(b!)).toBe('Bands per segment: SMB 60/35 · Enterprise 75/55 · others 70/45');
  });

  it('an override for a segment the book lacks is left out; no "others" when every account has an override', () => {
    const b = segmentBandsInUse(cal, found(0, seg('enterprise', 'ENTERPRISE', 500)));
    expect(segmentBandsText(b!)).toBe('Bands per segment: ENTERPRISE 75/55');
  });

  it('no line without an override in use, or without a book', () => {
    expect(segmentBandsInUse(cal, found(3, seg('mid', 'Mid-Market', 100)))).toBeNull();
    expect(segmentBandsInUse(DEFAULT_CALIBRATION, found(0, seg('smb', 'SMB', 100)))).toBeNull();
    expect(segmentBandsInUse(cal, null)).toBeNull();
  });

  it('beyond the limit, and when fewer fit, the rest are counted; long names are cut', () => {
    const book = found(1, seg('strategic', 'Strategic', 999), seg('enterprise', 'Enterprise', 500), seg('smb', 'SMB', 100));
    const b = segmentBandsInUse(cal, book, 2)!;
    expect(b.more).toBe(1);
    expect(segmentBandsText(b)).toBe('Bands per segment: Strategic 80/60 · Enterprise 75/55 · 1 more · others 70/45');
    expect(segmentBandsText(b, 1)).toBe('Bands per segment: Strategic 80/60 · 2 more · others 70/45');
    expect(segmentBandsText(b, 0)).toBe('Bands per segment: 3 more · others 70/45');
    const long = segmentBandsInUse(cal, found(0, seg('smb', 'Small and Medium Business Accounts EMEA', 1)))!;
    expect(segmentBandsText(long)).toBe('Bands per segment: Small and Medium Busine… 60/35');
  });
});
