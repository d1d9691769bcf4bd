import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { DEFAULT_CALIBRATION, PRESET_THRESHOLDS, applySegmentPresets, preparePortfolio, withSegmentOverride, type AccountColumns, type Calibration } from '../../src/lib/engine';
import { calibrationSchema } from '../../src/lib/schema/calibration';
import { flushSync } from 'svelte';
import { AppState } from '../../src/lib/state/app.svelte';
import { columns } from '../fixtures/columns';
import { decodeShare, encodeShare } from '../../src/lib/schema/share';
import Host from './SegmentsHost.svelte';

const SOURCE = { name: 'accounts.csv', importedAt: '2026-11-23T10:00:00.000Z', decisions: { fields: {} }, issues: [], issueTotal: 0 };

/** The worked $24K account (score 49) once per dictionary entry; entry 0 is the account with no segment. */
function book(segmentDict: string[]): AccountColumns {
  const n = segmentDict.length;
  const c = columns(Array.from({ length: n }, (_, i) => [`A${i}`, 24000 + i, 38, 42, 55] as [string, number, number, number, number]));
  return { ...c, segment: Uint32Array.from({ length: n }, (_, i) => i), segmentDict };
}

function shown(segmentDict: string[]): AppState {
  const app = new AppState();
  app.portfolio.load(book(segmentDict), SOURCE);
  render(Host, { app });
  return app;
}

const control = (testId: string, segment: string) => {
  const el = screen.getAllByTestId(testId).find((e) => e.dataset.segment === segment);
  if (!el) throw new Error(`no ${testId} for ${segment}`);
  return el as HTMLInputElement & HTMLSelectElement;
};
/** Band codes of the accounts (0 healthy, 1 watch, 2 risk). */
const bands = (app: AppState) => Array.from(app.portfolio.scored?.band ?? []);

describe('SPEC §4.4 calibration per segment', () => {
  it('lists the segments found, largest ARR first, on the default model', () => {
    shown(['', 'SMB', 'Mid-Market', 'Enterprise']);
    expect(screen.getAllByTestId('segment-preset').map((el) => el.dataset.segment)).toEqual(['Enterprise', 'Mid-Market', 'SMB']);
    expect(screen.getAllByTestId('segment-healthy').map((el) => (el as HTMLInputElement).value)).toEqual(['70', '70', '70']);
    expect(screen.getAllByTestId('segment-risk').map((el) => (el as HTMLInputElement).value)).toEqual(['45', '45', '45']);
    expect(control('segment-preset', 'SMB').value).toBe('');
    expect(screen.getByRole('heading', { name: 'Bands per segment' })).toBeInTheDocument();
  });

  it('suggests presets from the names and changes nothing until the button is pressed', async () => {
    const app = shown(['', 'SMB', 'Mid-Market', 'Enterprise']);
    expect(app.portfolio.calibration.segments).toBeUndefined();
    expect(bands(app)).toEqual([1, 1, 1, 1]);
    await userEvent.click(screen.getByTestId('apply-segment-presets'));
    expect(control('segment-preset', 'SMB').value).toBe('smb');
    expect(control('segment-preset', 'Enterprise').value).toBe('enterprise');
    expect(control('segment-preset', 'Mid-Market').value).toBe('');
    expect(control('segment-healthy', 'Enterprise').value).toBe('75');
    // The worked account (49): Watch under SMB 60/35, Risk under Enterprise 75/55, Watch on the default 70/45.
    expect(bands(app)).toEqual([1, 1, 1, 2]);
    expect(screen.queryByTestId('apply-segment-presets')).toBeNull();
  });

  it('custom thresholds move only that segment; an invalid pair is explained and not applied', async () => {
    const app = shown(['', 'SMB', 'Enterprise']);
    await fireEvent.input(control('segment-healthy', 'SMB'), { target: { value: '48' } });
    expect(app.portfolio.calibration.segments?.smb).toEqual({ label: 'SMB', preset: 'custom', thresholds: { healthy: 48, risk: 45 } });
    expect(bands(app)).toEqual([1, 0, 1]);
    await fireEvent.input(control('segment-risk', 'SMB'), { target: { value: '60' } });
    expect(screen.getByRole('alert')).toHaveTextContent('the Healthy threshold (48) must be above the Risk one (60). The last valid thresholds still apply.');
    expect(control('segment-risk', 'SMB')).toHaveAttribute('aria-invalid', 'true');
    expect(app.portfolio.calibration.segments?.smb.thresholds).toEqual({ healthy: 48, risk: 45 });
  });

  it('own weights must sum to 100, with the same message as the default weights', async () => {
    const app = shown(['', 'Enterprise']);
    await userEvent.click(control('segment-own-weights', 'Enterprise'));
    expect(app.portfolio.calibration.segments?.enterprise.weights).toEqual(app.portfolio.calibration.weights);
    // Own weights alone keep the default model's bands.
    expect(control('segment-preset', 'Enterprise').value).toBe('default');
    expect(app.portfolio.calibration.segments?.enterprise.thresholds).toEqual({ healthy: 70, risk: 45 });
    await fireEvent.input(control('segment-weight-mrr', 'Enterprise'), { target: { value: '30' } });
    expect(screen.getByRole('alert')).toHaveTextContent(/sum to 100.*\. Scores use the last valid weights until then\./);
    await fireEvent.input(control('segment-weight-usage', 'Enterprise'), { target: { value: '25' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(app.portfolio.calibration.segments?.enterprise.weights).toEqual({ mrr: 30, touch: 20, usage: 25, sentiment: 25 });
    await userEvent.click(control('segment-own-weights', 'Enterprise'));
    // The override was there only for its weights: unticking puts the segment back on the default model.
    expect(app.portfolio.calibration.segments).toBeUndefined();
    expect(control('segment-preset', 'Enterprise').value).toBe('');
    expect(screen.queryByTestId('segment-weight-mrr')).toBeNull();
    // Not pinned: the segment follows a new default.
    app.portfolio.setPreset('smb');
    flushSync();
    expect(control('segment-healthy', 'Enterprise').value).toBe('60');
  });

  it('unticking own weights keeps bands the user chose for the segment', async () => {
    const app = shown(['', 'Enterprise', 'SMB']);
    await userEvent.click(control('segment-own-weights', 'Enterprise'));
    await fireEvent.input(control('segment-healthy', 'Enterprise'), { target: { value: '80' } });
    await userEvent.click(control('segment-own-weights', 'Enterprise'));
    expect(app.portfolio.calibration.segments?.enterprise).toEqual({ label: 'Enterprise', preset: 'custom', thresholds: { healthy: 80, risk: 45 } });
    // A preset chosen before the weights stays too.
    await fireEvent.change(control('segment-preset', 'SMB'), { target: { value: 'smb' } });
    await userEvent.click(control('segment-own-weights', 'SMB'));
    await userEvent.click(control('segment-own-weights', 'SMB'));
    expect(app.portfolio.calibration.segments?.smb).toEqual({ label: 'SMB', preset: 'smb', thresholds: { healthy: 60, risk: 35 } });
  });

  it('a stored override holding only weights (bands as the default) is removed when they are unticked', async () => {
    const app = new AppState();
    app.portfolio.loadCalibration({
      ...DEFAULT_CALIBRATION,
      segments: { enterprise: { label: 'Enterprise', preset: 'default', thresholds: { healthy: 70, risk: 45 }, weights: { mrr: 40, touch: 10, usage: 30, sentiment: 20 } } },
    });
    app.portfolio.load(book(['', 'Enterprise']), SOURCE);
    render(Host, { app });
    expect(control('segment-own-weights', 'Enterprise').checked).toBe(true);
    await userEvent.click(control('segment-own-weights', 'Enterprise'));
    expect(app.portfolio.calibration.segments).toBeUndefined();
  });

  it('shows a segment name with HTML as text', () => {
    const name = '<img src=x onerror="alert(1)">Evil <b>Corp</b>';
    shown(['', name]);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    expect(screen.getByText(name)).toBeInTheDocument();
    expect(control('segment-preset', name)).toBeInTheDocument();
  });

  it('5,000 segments: the 20 largest are listed and the search box finds the rest', async () => {
    shown(['', ...Array.from({ length: 5000 }, (_, i) => `Region ${i}`)]);
    expect(screen.getAllByTestId('segment-preset')).toHaveLength(20);
    expect(screen.getAllByTestId('segment-preset')[0].dataset.segment).toBe('Region 4999');
    await fireEvent.input(screen.getByRole('searchbox', { name: 'Find a segment' }), { target: { value: 'region 12' } });
    // "region 12", "region 120"–"region 129", "region 1200"–"region 1299": 111 matches, 20 shown.
    expect(screen.getAllByTestId('segment-preset')).toHaveLength(20);
    expect(screen.getByText(/of 111 matching segments/)).toBeInTheDocument();
    await fireEvent.input(screen.getByRole('searchbox', { name: 'Find a segment' }), { target: { value: 'REGION  1234' } });
    expect(screen.getAllByTestId('segment-preset').map((el) => el.dataset.segment)).toEqual(['Region 1234']);
  });

  it('an override for a segment this import lacks is kept, shown as unused, and can be removed', async () => {
    const app = new AppState();
    app.portfolio.loadCalibration({
      ...app.portfolio.calibration,
      segments: { strategic: { label: 'Strategic', preset: 'enterprise', thresholds: PRESET_THRESHOLDS.enterprise } },
    });
    app.portfolio.load(book(['', 'SMB']), SOURCE);
    render(Host, { app });
    expect(control('segment-unused', 'Strategic')).toHaveTextContent('unused, kept');
    await userEvent.click(control('segment-remove', 'Strategic'));
    expect(app.portfolio.calibration.segments).toBeUndefined();
    expect(screen.queryByTestId('segment-unused')).toBeNull();
  });
});

describe('scores prepared by the import are reused only under the same segment calibration', () => {
  it('a segment override scores on the page; removing it goes back to the prepared scores', () => {
    const app = new AppState();
    const cols = book(['', 'SMB', 'Enterprise']);
    const prepared = preparePortfolio(cols, DEFAULT_CALIBRATION);
    app.portfolio.load(cols, SOURCE, prepared);
    expect(app.portfolio.analysis).toBe(prepared.analysis);
    app.portfolio.applySegmentPresets();
    flushSync();
    expect(app.portfolio.analysis).not.toBe(prepared.analysis);
    expect(bands(app)).toEqual([1, 1, 2]);
    app.portfolio.removeSegmentOverride('smb');
    app.portfolio.removeSegmentOverride('enterprise');
    flushSync();
    expect(app.portfolio.analysis).toBe(prepared.analysis);
  });
});

describe('SPEC §4.4 a share link with segment overrides', () => {
  it('the banner names the overrides it will apply; loading applies them to the book', async () => {
    const app = new AppState();
    app.portfolio.load(book(['', 'SMB', 'Enterprise']), SOURCE);
    const calibration = {
      ...DEFAULT_CALIBRATION,
      segments: {
        enterprise: { label: 'Enterprise', preset: 'enterprise' as const, thresholds: PRESET_THRESHOLDS.enterprise, weights: { mrr: 40, touch: 10, usage: 30, sentiment: 20 } },
        smb: { label: '<i>SMB</i>', preset: 'smb' as const, thresholds: PRESET_THRESHOLDS.smb },
      },
    };
    const decoded = decodeShare(encodeShare({ stage: 'series-b', inputs: {}, calibration }));
    expect(decoded.ok).toBe(true);
    app.pendingShare = decoded.ok ? decoded.value : null;
    render(Host, { app });
    const banner = screen.getByTestId('share-segments');
    expect(banner).toHaveAttribute('data-value', '2');
    expect(banner).toHaveTextContent('Bands per segment (2): Enterprise 75/55 with weights 40/10/30/20; <i>SMB</i> 60/35.');
    expect(document.querySelector('i')).toBeNull();
    expect(app.portfolio.calibration.segments).toBeUndefined();
    await userEvent.click(screen.getByRole('button', { name: 'Load shared scorecard' }));
    expect(app.portfolio.calibration.segments).toEqual(calibration.segments);
    expect(control('segment-preset', 'Enterprise').value).toBe('enterprise');
    expect(control('segment-weight-mrr', 'Enterprise').value).toBe('40');
  });
});

describe('SPEC §4.4 segments named like Object members', () => {
  const CSV = [
    'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment,Segment',
    'A,24000,38,42,55,__proto__',
    'B,24000,38,42,55,Constructor',
    'C,24000,38,42,55,toString',
    'D,24000,38,42,55,CONSTRUCTOR',
    'E,24000,38,42,55,',
  ].join('\n');

  it('"__proto__", "constructor" and "toString" import, list, take overrides and score like any name', async () => {
    const app = new AppState();
    await app.importFlow.begin({ kind: 'text', text: CSV, name: 'accounts.csv' });
    expect(app.portfolio.columns?.count).toBe(5);
    render(Host, { app });
    expect(screen.getAllByTestId('segment-preset').map((el) => el.dataset.segment).sort()).toEqual(['Constructor', '__proto__', 'toString']);
    expect(control('segment-healthy', 'Constructor').value).toBe('70');

    await fireEvent.change(control('segment-preset', '__proto__'), { target: { value: 'enterprise' } });
    await fireEvent.input(control('segment-healthy', 'Constructor'), { target: { value: '48' } });
    await userEvent.click(control('segment-own-weights', 'toString'));
    await fireEvent.input(control('segment-weight-mrr', 'toString'), { target: { value: '35' } });
    await fireEvent.input(control('segment-weight-usage', 'toString'), { target: { value: '20' } });

    const segments = app.portfolio.calibration.segments!;
    expect(Object.keys(segments).sort()).toEqual(['__proto__', 'constructor', 'tostring']);
    expect(Object.getPrototypeOf(segments)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(segments, '__proto__')?.value).toEqual({ label: '__proto__', preset: 'enterprise', thresholds: { healthy: 75, risk: 55 } });
    expect(segments.constructor).toEqual({ label: 'Constructor', preset: 'custom', thresholds: { healthy: 48, risk: 45 } });
    expect(segments.tostring.weights).toEqual({ mrr: 35, touch: 20, usage: 20, sentiment: 25 });
    expect(control('segment-preset', '__proto__').value).toBe('enterprise');
    expect(control('segment-healthy', 'Constructor').value).toBe('48');
    // 49 under 75/55 is Risk; under 48/45 Healthy (both spellings of constructor); toString and no segment stay Watch.
    expect(bands(app)).toEqual([2, 0, 1, 0, 1]);

    // Stored and shared, the overrides come back as own keys.
    const stored = calibrationSchema.parse(JSON.parse(JSON.stringify(app.portfolio.calibration)));
    expect(Object.keys(stored.segments!).sort()).toEqual(['__proto__', 'constructor', 'tostring']);
    expect(Object.getOwnPropertyDescriptor(stored.segments, '__proto__')?.value.thresholds).toEqual({ healthy: 75, risk: 55 });
    const shared = decodeShare(encodeShare({ stage: 'series-b', inputs: {}, calibration: app.portfolio.calibration }));
    expect(shared).toMatchObject({ ok: true });
    expect(Object.keys((shared as { value: { calibration: Calibration } }).value.calibration.segments!).sort()).toEqual(['__proto__', 'constructor', 'tostring']);

    // Removing each one leaves the others.
    await userEvent.click(control('segment-remove', '__proto__'));
    expect(Object.keys(app.portfolio.calibration.segments!).sort()).toEqual(['constructor', 'tostring']);
    expect(bands(app)).toEqual([1, 0, 1, 0, 1]);
  });

  it('the suggested presets apply to a book with such names without touching the prototype', () => {
    const cal = applySegmentPresets(DEFAULT_CALIBRATION, [
      { key: '__proto__', label: '__proto__', preset: 'enterprise' },
      { key: 'smb', label: 'SMB', preset: 'smb' },
    ]);
    expect(Object.keys(cal.segments!)).toEqual(['__proto__', 'smb']);
    expect(Object.getPrototypeOf(cal.segments)).toBe(Object.prototype);
    const back = withSegmentOverride(cal, '__proto__', null);
    expect(Object.keys(back.segments!)).toEqual(['smb']);
  });
});
