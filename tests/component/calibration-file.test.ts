import { readFileSync } from 'node:fs';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { DEFAULT_CALIBRATION } from '../../src/lib/engine';
import { decodeCalibrationFile } from '../../src/lib/schema/calibration-file';
import { AppState } from '../../src/lib/state/app.svelte';
import Host from './CalibrationFileHost.svelte';

const saved: Blob[] = [];
vi.mock('../../src/lib/io/download', async (orig) => ({
  ...(await orig<typeof import('../../src/lib/io/download')>()),
  downloadBlob: (blob: Blob) => saved.push(blob),
}));

const EXAMPLE = readFileSync('docs/calibration.example.json', 'utf8');
const jsonFile = (text: string, name = 'cal.json') => new File([text], name, { type: 'application/json' });

function setup() {
  const app = new AppState();
  render(Host, { app });
  return { app, user: userEvent.setup() };
}

describe('calibration file actions (SPEC §8)', () => {
  beforeEach(() => {
    saved.length = 0;
  });

  it('Download calibration saves the current calibration as a file the gate reads back', async () => {
    const { app, user } = setup();
    app.portfolio.setWeight('mrr', 35);
    app.portfolio.setWeight('usage', 20);
    await user.click(screen.getByRole('button', { name: 'Download calibration' }));
    expect(saved).toHaveLength(1);
    const back = decodeCalibrationFile(await saved[0].text());
    expect(back).toEqual({ ok: true, value: { ...DEFAULT_CALIBRATION, weights: { mrr: 35, touch: 20, usage: 20, sentiment: 25 } } });
  });

  it('Open calibration applies a valid file whole', async () => {
    const { app, user } = setup();
    await user.upload(screen.getByLabelText('Open calibration'), jsonFile(EXAMPLE, 'calibration.example.json'));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Applied the calibration from calibration.example.json'));
    const want = decodeCalibrationFile(EXAMPLE);
    if (!want.ok) throw new Error(want.reason);
    expect(JSON.parse(JSON.stringify(app.portfolio.calibration))).toEqual(want.value);
    expect(app.portfolio.weightsDraft).toEqual({ mrr: 30, touch: 15, usage: 35, sentiment: 20 });
  });

  it('rejects an invalid file with a message and changes nothing', async () => {
    const { app, user } = setup();
    const before = JSON.stringify(app.portfolio.calibration);
    const bad = JSON.parse(EXAMPLE);
    bad.data.segments.enterprise.weights.mrr = 90;
    await user.upload(screen.getByLabelText('Open calibration'), jsonFile(JSON.stringify(bad), 'bad.json'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/Calibration not applied, nothing changed\. bad\.json: invalid calibration: .*weights must sum to 100/);
    expect(JSON.stringify(app.portfolio.calibration)).toBe(before);
  });

  it('Copy as SQL copies the model in the chosen dialect', async () => {
    const { user } = setup();
    const writeText = vi.fn(async (_: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.selectOptions(screen.getByLabelText('SQL dialect'), 'snowflake');
    await user.click(screen.getByRole('button', { name: 'Copy as SQL' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Copied the model as Snowflake SQL.'));
    expect(writeText).toHaveBeenCalledTimes(1);
    expect(writeText.mock.calls[0][0]).toMatch(/^-- CS Scorecard account model .* for Snowflake\./);
  });
});
