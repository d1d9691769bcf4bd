import { DEFAULT_CALIBRATION } from '../../../src/lib/engine';
import type { Calibration } from '../../../src/lib/engine/types';
import { practiceRequest } from '../../../src/lib/io/practice';
import type { WorkerRequest, WorkerResponse } from '../../../src/lib/io/protocol';
import { createWorkerHandler, WARM_ROUNDS } from '../../../src/lib/io/worker/worker-handler';

// The real practice imports, counted.
vi.mock('../../../src/lib/io/practice', async (orig) => {
  const real = await orig<typeof import('../../../src/lib/io/practice')>();
  return { ...real, practiceRequest: vi.fn(real.practiceRequest) };
});
const practice = vi.mocked(practiceRequest);

const HEADER = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment';
const csv = (rows: number): string =>
  [HEADER, ...Array.from({ length: rows }, (_, i) => `Acct ${i},"$${1000 + i}",${i % 90},42%,55`)].join('\n') + '\n';
const TODAY = 20527;
const IMPORT: WorkerRequest = { type: 'import', id: 2, text: csv(50), options: { today: TODAY }, calibration: DEFAULT_CALIBRATION };

/** A handler and what it posted. */
function handler() {
  const posted: WorkerResponse[] = [];
  return { posted, handle: createWorkerHandler((m) => posted.push(m)) };
}

beforeEach(() => practice.mockClear());

describe("the worker's warm-up", () => {
  it.each([
    ['no rounds or calibration named', {}, WARM_ROUNDS, DEFAULT_CALIBRATION],
    ['3 rounds under a calibration of its own', { rounds: 3, calibration: { ...DEFAULT_CALIBRATION, preset: 'custom' } as Calibration }, 3, { ...DEFAULT_CALIBRATION, preset: 'custom' }],
  ])('%s: that many practice imports, nothing posted', async (_, fields, rounds, calibration) => {
    const { posted, handle } = handler();
    await handle({ type: 'warm', id: 1, ...fields });
    expect(practice.mock.calls).toEqual(Array.from({ length: rounds }, (_, k) => [calibration, rounds - 1 - k]));
    expect(posted).toEqual([]);
  });

  it('a request during the warm-up stops it after the round under way, and is answered as without one', async () => {
    const { posted, handle } = handler();
    const warming = handle({ type: 'warm', id: 1 });
    await handle(IMPORT);
    await warming;
    expect(practice).toHaveBeenCalledTimes(1);
    const fresh = handler();
    await fresh.handle(IMPORT);
    expect(posted.filter((m) => m.type !== 'progress')).toEqual(fresh.posted.filter((m) => m.type !== 'progress'));
  });

  it('a practice import that throws ends the warm-up quietly', async () => {
    practice.mockImplementationOnce(() => {
      throw new Error('boom');
    });
    const { posted, handle } = handler();
    await expect(handle({ type: 'warm', id: 1 })).resolves.toBeUndefined();
    expect(practice).toHaveBeenCalledTimes(1);
    expect(posted).toEqual([]);
  });
});
