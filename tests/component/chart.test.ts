import { render, screen, waitFor } from '@testing-library/svelte';
import type { ChartConfiguration } from 'chart.js';
import Chart from '../../src/lib/charts/Chart.svelte';

// Chart.js stands in as a fake whose module load waits until the test lets it finish.
const lib = vi.hoisted(() => {
  let release = () => {};
  const loaded = new Promise<void>((resolve) => (release = resolve));
  return { loaded, release: () => release(), built: [] as ChartConfiguration[], charts: [] as { data: unknown }[] };
});
vi.mock('../../src/lib/charts/chartjs', async () => {
  await lib.loaded;
  class FakeChart {
    data: unknown;
    options: unknown;
    constructor(_el: HTMLCanvasElement, cfg: ChartConfiguration) {
      lib.built.push(cfg);
      this.data = cfg.data;
      this.options = cfg.options;
      lib.charts.push(this);
    }
    update() {}
    destroy() {}
  }
  return { Chart: FakeChart };
});

const config = (label: string, value: number): ChartConfiguration => ({
  type: 'bar',
  data: { labels: [label], datasets: [{ label: 'ARR', data: [value] }] },
});

describe('Chart', () => {
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as CanvasRenderingContext2D);
  });

  it('data that changes while Chart.js is loading: the chart is built once, from the latest data', async () => {
    const { rerender } = render(Chart, { config: config('Healthy', 1), label: 'ARR by band' });
    await rerender({ config: config('Risk', 2), label: 'ARR by band' });
    lib.release();
    await waitFor(() => expect(lib.built).toHaveLength(1));
    // the module's second load resolves too: still one chart, with the latest data
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lib.built).toHaveLength(1);
    expect(lib.built[0].data).toEqual(config('Risk', 2).data);
    expect(lib.charts[0].data).toEqual(config('Risk', 2).data);
    expect(screen.getByRole('img', { name: 'ARR by band' })).toBeInTheDocument();
  });
});
