/** The import flow's one worker (import-client.ts ImportWorker): kept from a file's preview to its import and on, warmed ahead of need. */
import type { WorkerLike } from '../../src/lib/io/import-client';
import type { WorkerRequest, WorkerResponse } from '../../src/lib/io/protocol';
import { createWorkerHandler } from '../../src/lib/io/worker/worker-handler';
import { AppState } from '../../src/lib/state/app.svelte';

/** Fake workers (the real handler, in this thread), each kept with what it was sent and whether it was ended. */
const workers = vi.hoisted(() => [] as Array<{ worker: WorkerLike; posted: WorkerRequest['type'][]; ended: boolean }>);
/** While true, the workers take messages and do not answer them (a job in flight). */
const gate = vi.hoisted(() => ({ hold: false }));
vi.mock('../../src/lib/io/import-client', async (orig) => {
  const real = await orig<typeof import('../../src/lib/io/import-client')>();
  const factory = (): WorkerLike => {
    const made = { worker: null as unknown as WorkerLike, posted: [] as WorkerRequest['type'][], ended: false };
    const handle = createWorkerHandler((m: WorkerResponse) => {
      if (!made.ended) made.worker.onmessage?.({ data: m } as MessageEvent<WorkerResponse>);
    });
    made.worker = {
      onmessage: null,
      onerror: null,
      postMessage(msg) {
        made.posted.push(msg.type);
        // The practice import is left out: it only warms a real engine.
        if (msg.type !== 'warm' && !gate.hold) void Promise.resolve().then(() => handle(msg));
      },
      terminate: () => void (made.ended = true),
    };
    workers.push(made);
    return made.worker;
  };
  return { ...real, importWorker: new real.ImportWorker(factory) };
});

const CSV = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment\nAcme,24000,38,42%,55\nBeta,1000,3,90%,80\n';
const file = (name: string) => ({ kind: 'file' as const, file: new File([CSV], name), name });

beforeEach(async () => {
  // Each test from no worker: the one left by the test before is ended.
  (await import('../../src/lib/io/import-client')).importWorker.close();
  workers.length = 0;
  gate.hold = false;
});

describe('the import worker behind the import flow', () => {
  it("a file's preview, its import and the next file's: one worker, still there", async () => {
    const a = new AppState();
    await a.importFlow.begin(file('first.csv'));
    await a.importFlow.begin(file('second.csv'));
    expect([a.importFlow.phase, a.portfolio.columns?.count]).toEqual(['done', 2]);
    expect(workers.map((w) => [w.posted, w.ended])).toEqual([[['preview', 'import', 'preview', 'import'], false]]);
  });

  it('cancel ends the worker at once; the next import gets a new one', async () => {
    const a = new AppState();
    await a.importFlow.begin(file('first.csv'));
    gate.hold = true;
    const second = a.importFlow.begin(file('second.csv'));
    await vi.waitFor(() => expect(workers[0].posted.length).toBe(3));
    a.importFlow.cancel();
    await second;
    expect(workers[0].ended).toBe(true);
    gate.hold = false;
    await a.importFlow.begin(file('third.csv'));
    expect([a.importFlow.phase, workers.length, workers[1].posted, workers[1].ended]).toEqual(['done', 2, ['preview', 'import'], false]);
  });

  it('a worker that fails is replaced by the next import', async () => {
    const a = new AppState();
    await a.importFlow.begin(file('first.csv'));
    workers[0].worker.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await a.importFlow.begin(file('second.csv'));
    expect([a.importFlow.phase, workers.map((w) => w.ended)]).toEqual(['done', [true, false]]);
  });

  it('prepare() starts the worker and warms it once, in idle time', async () => {
    vi.useFakeTimers();
    try {
      const a = new AppState();
      a.importFlow.prepare();
      a.importFlow.prepare();
      expect(workers.length).toBe(0);
      await vi.runAllTimersAsync();
      await vi.waitFor(() => expect(workers.length).toBe(1));
      expect(workers[0].posted).toEqual(['warm']);
    } finally {
      vi.useRealTimers();
    }
  });
});
