import { CANCELLED, ImportWorker, startImport, startPreview, startRestore, type StoredBook, type WorkerLike } from '../../../src/lib/io/import-client';
import type { ImportProgress, WorkerRequest, WorkerResponse } from '../../../src/lib/io/protocol';
import { createWorkerHandler, transferList } from '../../../src/lib/io/worker/worker-handler';
import { parseText } from '../../../src/lib/io/import-pipeline';
import {
  DEFAULT_CALIBRATION, DEFAULT_QUERY, NAME_CHUNK, calibrationKey, matchAccounts, movement, portfolioSignal, preparePortfolio, unpackNames,
  queryAccounts, rollup, scoreColumns,
} from '../../../src/lib/engine';
import { accountColumnsOf } from '../../fixtures/columns';

const HEADER = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment';
const csv = (rows: number): string =>
  [HEADER, ...Array.from({ length: rows }, (_, i) => `Acct ${i},"$${1000 + i}",${i % 90},42%,55`)].join('\n') + '\n';
const TODAY = 20527;

/** A Worker stand-in that runs the real handler in this thread. */
function fakeWorker(log: { posted: WorkerRequest[]; transfers: Transferable[][]; terminated: boolean }, clock?: () => number): WorkerLike {
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(msg) {
      log.posted.push(msg);
      void handle(msg);
    },
    terminate() {
      log.terminated = true;
    },
  };
  const handle = createWorkerHandler((msg: WorkerResponse, transfer = []) => {
    log.transfers.push(transfer);
    if (!log.terminated) w.onmessage?.({ data: msg } as MessageEvent<WorkerResponse>);
  }, clock);
  return w;
}
const newLog = () => ({ posted: [] as WorkerRequest[], transfers: [] as Transferable[][], terminated: false });

describe('importer ↔ worker protocol', () => {
  it('imports text in the worker, reports progress, transfers the typed arrays and ends the worker', async () => {
    const log = newLog();
    const progress: ImportProgress[] = [];
    let t = 0;
    const run = startImport(csv(20000), { today: TODAY }, (p) => progress.push(p), () => fakeWorker(log, () => (t += 40)));
    const r = await run.promise;
    expect(r.ok && r.value.scored).toBe(20000);
    expect(log.posted[0]).toMatchObject({ type: 'import', options: { today: TODAY } });
    expect(progress[0]).toEqual({ rows: 0, bytes: 0, totalBytes: csv(20000).length });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.rows).toBeGreaterThan(0);
    const last = log.transfers.at(-1)!;
    expect(last.length).toBe(10);
    expect(log.terminated).toBe(true);
  });

  it('takes a File-like Blob and a wrapped source', async () => {
    const blob = new Blob([csv(3)]);
    for (const source of [blob, { file: blob }, { text: csv(3) }]) {
      const r = await startImport(source, { today: TODAY }, undefined, () => fakeWorker(newLog())).promise;
      expect(r.ok && unpackNames(r.value.columns.name)).toEqual(['Acct 0', 'Acct 1', 'Acct 2']);
    }
  });

  it('passes the mapping and choices through', async () => {
    const text = 'A,B,C,D,E\nAcme,24000,38,0.42,4\n';
    const r = await startImport(
      text,
      { today: TODAY, mapping: { name: 0, mrr: 1, 'last-touch': 2, usage: 3, sentiment: 4 }, sentimentScale: '1-5' },
      undefined,
      () => fakeWorker(newLog()),
    ).promise;
    expect(r.ok && [r.value.columns.usage[0], r.value.columns.sentiment[0]]).toEqual([42, 75]);
  });

  it('cancel answers "Import cancelled." and terminates the worker', async () => {
    const log = newLog();
    const run = startImport(csv(10), { today: TODAY }, undefined, () => fakeWorker(log));
    run.cancel();
    expect(await run.promise).toEqual({ ok: false, reason: CANCELLED });
    expect(log.terminated).toBe(true);
  });

  it('a failing worker gives a Parsed failure, never a rejection', async () => {
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage() {
        queueMicrotask(() => w.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent));
      },
      terminate() {},
    };
    expect(await startImport(csv(1), {}, undefined, () => w).promise).toEqual({ ok: false, reason: 'The import stopped: boom.' });
  });

  it('without Worker support the import runs in this thread', async () => {
    const r = await startImport(csv(2), { today: TODAY }, undefined, () => {
      throw new Error('no Worker');
    }).promise;
    expect(r.ok && r.value.scored).toBe(2);
  });

  it('preview through the worker', async () => {
    const r = await startPreview(new Blob([csv(50)]), 3, () => fakeWorker(newLog())).promise;
    expect(r.ok && r.value.rows.length).toBe(3);
    expect(r.ok && r.value.guess.mapping.name).toBe(0);
  });

  it('import failures come back as they are', async () => {
    const r = await startImport('a,b\n1,2\n', {}, undefined, () => fakeWorker(newLog())).promise;
    expect(r.ok).toBe(false);
  });

  it('the transfer list holds each column buffer once', () => {
    const r = parseText(csv(3), { today: TODAY });
    if (!r.ok) throw new Error(r.reason);
    const list = transferList(r.value);
    expect(new Set(list).size).toBe(list.length);
    expect(list).toContain(r.value.columns.mrr.buffer);
  });

  it('sends the packed names ahead, a chunk per message, then the result with the end offsets transferred', async () => {
    const rows = NAME_CHUNK + 5;
    const sent: Array<{ msg: WorkerResponse; transfer: Transferable[] }> = [];
    await createWorkerHandler((msg, transfer = []) => sent.push({ msg, transfer }))({ type: 'import', id: 3, text: csv(rows), options: { today: TODAY } });
    const chunks = sent.filter((s) => s.msg.type === 'names');
    expect(chunks.length).toBe(2); // 32,773 names: two strings, not 32,773
    const { msg, transfer } = sent.at(-1)!;
    if (msg.type !== 'result' || !msg.result.ok) throw new Error('no result');
    expect(msg.result.value.columns.name.chunks).toEqual([]);
    expect(transfer).toContain(msg.result.value.columns.name.end.buffer);

    const r = await startImport(csv(rows), { today: TODAY }, undefined, () => fakeWorker(newLog())).promise;
    if (!r.ok) throw new Error(r.reason);
    const names = unpackNames(r.value.columns.name);
    expect(names.length).toBe(rows);
    expect([names[0], names[NAME_CHUNK], names[rows - 1]]).toEqual(['Acct 0', `Acct ${NAME_CHUNK}`, `Acct ${rows - 1}`]);
  });

  it('posts each full chunk of names while the import goes on, indexed, and the last one with the result', async () => {
    const rows = 3 * NAME_CHUNK + 5;
    const sent: WorkerResponse[] = [];
    // A clock a second on at each look: progress at every hook call (every 2,048 records).
    let t = 0;
    await createWorkerHandler((msg) => void sent.push(msg), () => (t += 1000))({ type: 'import', id: 3, text: csv(rows), options: { today: TODAY } });
    const kinds = sent.map((m) => m.type);
    const first = kinds.indexOf('names');
    // The first chunk went out with records still to read: progress came after it.
    expect(first).toBeGreaterThan(-1);
    expect(kinds.slice(first + 1)).toContain('progress');
    expect(sent.filter((m) => m.type === 'names').map((m) => m.type === 'names' && m.at)).toEqual([0, 1, 2, 3]);
    expect(kinds.at(-1)).toBe('result');
  });

  it('the page keeps the last chunk told for each index and drops chunks past the names (rows read again)', async () => {
    const rows = NAME_CHUNK + 3;
    const r0 = parseText(csv(rows), { today: TODAY });
    if (!r0.ok) throw new Error(r0.reason);
    const cols = r0.value.columns;
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(msg) {
        const send = (data: WorkerResponse) => queueMicrotask(() => w.onmessage?.({ data } as MessageEvent<WorkerResponse>));
        // A first read's chunks (one of them wrong, one too many), then the chunks of the read that counts.
        send({ type: 'names', id: msg.id, at: 0, chunk: 'stale' });
        send({ type: 'names', id: msg.id, at: 2, chunk: 'past the end' });
        cols.name.chunks.forEach((chunk, at) => send({ type: 'names', id: msg.id, at, chunk }));
        send({ type: 'result', id: msg.id, result: { ok: true, value: { ...r0.value, columns: { ...cols, name: { chunks: [], end: cols.name.end } } } } });
      },
      terminate() {},
    };
    const r = await startImport(csv(rows), { today: TODAY }, undefined, () => w).promise;
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.columns.name.chunks).toEqual(cols.name.chunks);
    expect(unpackNames(r.value.columns.name).at(-1)).toBe(`Acct ${rows - 1}`);
  });

  it('a result whose names did not all arrive is a failure, not a short portfolio', async () => {
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(msg) {
        const r = parseText(csv(2), { today: TODAY });
        if (!r.ok) throw new Error(r.reason);
        const cols = r.value.columns;
        const data: WorkerResponse = { type: 'result', id: msg.id, result: { ok: true, value: { ...r.value, columns: { ...cols, name: { chunks: [], end: cols.name.end } } } } };
        queueMicrotask(() => w.onmessage?.({ data } as MessageEvent<WorkerResponse>));
      },
      terminate() {},
    };
    const r = await startImport(csv(2), { today: TODAY }, undefined, () => w).promise;
    expect(r).toEqual({ ok: false, reason: 'The import stopped: the names of the 2 accounts did not all arrive.' });
  });

  it('given a calibration, the worker also scores, rolls up and orders the accounts, and moves those arrays too', async () => {
    const log = newLog();
    const r = await startImport(csv(50), { today: TODAY, calibration: DEFAULT_CALIBRATION }, undefined, () => fakeWorker(log)).promise;
    if (!r.ok) throw new Error(r.reason);
    const { prepared, columns } = r.value;
    expect(prepared).toBeDefined();
    const scored = scoreColumns(columns, DEFAULT_CALIBRATION);
    expect(prepared!.analysis.scored).toEqual(scored);
    expect([...prepared!.order]).toEqual([...queryAccounts(columns, scored, { ...DEFAULT_QUERY, today: TODAY })]);
    // The signal names the top risk accounts: computed while the names were still in the worker.
    expect(prepared!.analysis.signal).toEqual(portfolioSignal(columns, scored, rollup(columns, scored)));
    expect(log.transfers.at(-1)!.length).toBe(10 + 5);
  });

  it('without a calibration nothing is prepared', async () => {
    const r = await startImport(csv(5), { today: TODAY }, undefined, () => fakeWorker(newLog())).promise;
    expect(r.ok && r.value.prepared).toBeUndefined();
  });
});

describe('restoring stored books in the worker at start-up (startRestore)', () => {
  /** Two imports of one book: a few accounts gone, renamed and new, some moved between bands. */
  const PREV = accountColumnsOf(3000, (i) => ({ name: `Account ${i}`, mrr: 500 + i * 7, days: i % 90, usage: (i * 13) % 100, sentiment: (i * 7) % 100 }));
  const CUR = accountColumnsOf(3100, (i) => ({ name: i % 97 === 0 ? `Renamed ${i}` : `Account ${i}`, mrr: 520 + i * 7, days: (i + 30) % 90, usage: (i * 11) % 100, sentiment: (i * 5) % 100 }));
  const stored = (columns: typeof PREV, asOfDay: number): StoredBook => ({ columns, asOfDay });
  const cal = { ...DEFAULT_CALIBRATION, thresholds: { healthy: 65, risk: 40 }, preset: 'custom' as const };
  const IN_WORKER = { inPageBelow: 0 };

  it('prepares the current book as the import does, and the previous one with the match and movement of the pair', async () => {
    const log = newLog();
    const r = startRestore(stored(CUR, 20_400), stored(PREV, 20_300), cal, { ...IN_WORKER, factory: () => fakeWorker(log) })!;
    const [current, previous] = await Promise.all([r.current, r.previous]);
    const prepared = preparePortfolio(CUR, cal);
    const scored = scoreColumns(PREV, cal);
    const match = matchAccounts(PREV, CUR);
    expect(current).toEqual(prepared);
    expect(previous).toEqual({
      key: calibrationKey(cal), scored, match,
      movement: movement({ cols: PREV, scored, asOfDay: 20_300 }, { cols: CUR, scored: prepared.analysis.scored, asOfDay: 20_400 }, match),
    });
    expect(log.terminated).toBe(true);
  });

  it('sends the current book and asks for it first, then the previous one; moves what it answers', async () => {
    const log = newLog();
    const r = startRestore(stored(CUR, 20_400), stored(PREV, 20_300), cal, { ...IN_WORKER, factory: () => fakeWorker(log) })!;
    await r.previous;
    const kinds = log.posted.map((m) => (m.type === 'book' ? `${m.side} ${m.part.kind}` : m.type));
    const asked = kinds.indexOf('restore');
    expect([kinds[0], kinds.at(-1), kinds.slice(0, asked).every((k) => k.startsWith('current')), kinds.slice(asked + 1, -1).every((k) => k.startsWith('previous'))])
      .toEqual(['current head', 'restore-previous', true, true]);
    // Answers: the prepared book (score, band, at-risk, missing, order), then the previous one's scores, match and movement arrays.
    expect(log.transfers.filter((t) => t.length > 0).map((t) => t.length)).toEqual([5, 10]);
  });

  it('without a previous book, answers the current one and ends the worker', async () => {
    const log = newLog();
    const r = startRestore(stored(CUR, 20_400), null, cal, { ...IN_WORKER, factory: () => fakeWorker(log) })!;
    expect([await r.previous, (await r.current)?.key]).toEqual([null, calibrationKey(cal)]);
    expect([log.terminated, log.posted.some((m) => m.type === 'restore-previous')]).toEqual([true, false]);
  });

  it.each([
    ['books below the threshold', { inPageBelow: 3101, factory: () => fakeWorker(newLog()) }],
    ['no Worker to be had', { ...IN_WORKER, factory: (): WorkerLike => { throw new Error('no workers here'); } }],
  ])('answers null for %s: the page computes then', (_, options) => {
    expect(startRestore(stored(CUR, 20_400), stored(PREV, 20_300), cal, options)).toBeNull();
  });

  it('cancel ends the worker; what has not arrived answers null', async () => {
    const log = newLog();
    const r = startRestore(stored(CUR, 20_400), stored(PREV, 20_300), cal, { ...IN_WORKER, factory: () => fakeWorker(log) })!;
    r.cancel();
    expect([await r.current, await r.previous, log.terminated]).toEqual([null, null, true]);
  });

  it('a worker that fails answers null for both, never a rejection', async () => {
    const w: WorkerLike = { onmessage: null, onerror: null, postMessage: () => queueMicrotask(() => w.onerror?.({ message: 'boom' } as ErrorEvent)), terminate: () => {} };
    const r = startRestore(stored(CUR, 20_400), stored(PREV, 20_300), cal, { ...IN_WORKER, factory: () => w })!;
    expect([await r.current, await r.previous]).toEqual([null, null]);
  });

  it.each([
    ['the current book', [{ type: 'restore', id: 7, calibration: cal, asOfDay: 1 }], 'restored'],
    ['the previous book', [{ type: 'restore-previous', id: 7, asOfDay: 1 }], 'restored-previous'],
  ] as const)('the worker refuses to score %s when its parts did not all arrive', async (_, requests, answer) => {
    const posted: WorkerResponse[] = [];
    const handle = createWorkerHandler((m) => posted.push(m));
    for (const m of requests) await handle(m);
    expect(posted).toEqual([{ type: answer, id: 7, result: { ok: false, reason: 'the stored book did not all arrive' } }]);
  });
});

/** A factory of fake workers that keeps each one made, its log and its worker. */
function counting() {
  const made: Array<{ log: ReturnType<typeof newLog>; worker: WorkerLike }> = [];
  const factory = (): WorkerLike => {
    const log = newLog();
    const worker = fakeWorker(log);
    made.push({ log, worker });
    return worker;
  };
  return { made, factory };
}
const types = (log: ReturnType<typeof newLog>) => log.posted.map((m) => m.type);
const boom = { message: 'boom', preventDefault() {} } as ErrorEvent;

describe('the import worker: one, kept from job to job', () => {
  it('a preview, its import and the next import run on one worker, which stays', async () => {
    const { made, factory } = counting();
    const workers = new ImportWorker(factory);
    const p = await workers.preview(new Blob([csv(30)]), 3).promise;
    const first = await workers.import(csv(5), { today: TODAY }).promise;
    const second = await workers.import(csv(7), { today: TODAY }).promise;
    expect([p.ok && p.value.rows.length, first.ok && first.value.scored, second.ok && second.value.scored]).toEqual([3, 5, 7]);
    expect(made.length).toBe(1);
    expect(types(made[0].log)).toEqual(['preview', 'import', 'import']);
    expect(made[0].log.terminated).toBe(false);
  });

  it.each([
    ['cancelled', (job: { cancel(): void }) => job.cancel(), CANCELLED],
    ['failing', (_: unknown, w: WorkerLike) => w.onerror?.(boom), 'The import stopped: boom.'],
  ])('a %s job ends its worker at once; the next job gets a new one', async (_, stop, reason) => {
    const { made, factory } = counting();
    const workers = new ImportWorker(factory);
    const job = workers.import(csv(10), { today: TODAY });
    stop(job, made[0].worker);
    expect(await job.promise).toEqual({ ok: false, reason });
    expect(made[0].log.terminated).toBe(true);
    const next = await workers.import(csv(3), { today: TODAY }).promise;
    expect(next.ok && next.value.scored).toBe(3);
    expect(made.length).toBe(2);
    expect(made[1].log.terminated).toBe(false);
  });

  it('a worker that fails between jobs is replaced by the next job', async () => {
    const { made, factory } = counting();
    const workers = new ImportWorker(factory);
    await workers.import(csv(2), { today: TODAY }).promise;
    made[0].worker.onerror?.(boom);
    const r = await workers.import(csv(4), { today: TODAY }).promise;
    expect(r.ok && r.value.scored).toBe(4);
    expect(made.map((m) => m.log.terminated)).toEqual([true, false]);
  });

  it('a job started while another runs gets a worker of its own, ended with it', async () => {
    const { made, factory } = counting();
    const workers = new ImportWorker(factory);
    const [a, b] = await Promise.all([workers.import(csv(2), { today: TODAY }).promise, workers.import(csv(3), { today: TODAY }).promise]);
    expect([a.ok && a.value.scored, b.ok && b.value.scored]).toEqual([2, 3]);
    expect(made.map((m) => m.log.terminated)).toEqual([false, true]);
    await workers.import(csv(1), { today: TODAY }).promise;
    expect(made.length).toBe(2);
  });

  it('close() ends the worker and answers the job on it "Import cancelled."', async () => {
    const { made, factory } = counting();
    const workers = new ImportWorker(factory);
    const job = workers.import(csv(10), { today: TODAY });
    workers.close();
    expect(await job.promise).toEqual({ ok: false, reason: CANCELLED });
    expect(made[0].log.terminated).toBe(true);
  });

  it('warm() creates the worker ahead of need and sends it one practice import; the jobs then run on it', async () => {
    const { made, factory } = counting();
    const workers = new ImportWorker(factory);
    workers.warm(DEFAULT_CALIBRATION);
    workers.warm();
    const r = await workers.import(csv(3), { today: TODAY }).promise;
    expect(r.ok && r.value.scored).toBe(3);
    expect(made.length).toBe(1);
    expect(types(made[0].log)).toEqual(['warm', 'import']);
    expect(made[0].log.posted[0]).toMatchObject({ type: 'warm', calibration: DEFAULT_CALIBRATION });
  });

  it.each([
    ['after a job that created the worker', async (w: ImportWorker) => void (await w.import(csv(2), { today: TODAY }).promise), 1, ['import', 'warm']],
    [
      'after a warmed worker was ended by a cancel',
      async (w: ImportWorker) => {
        w.warm();
        w.import(csv(2), { today: TODAY }).cancel();
      },
      2,
      ['warm'],
    ],
  ])('warm() %s: one practice import, on the worker now kept', async (_, before, workerCount, posted) => {
    const { made, factory } = counting();
    const workers = new ImportWorker(factory);
    await before(workers);
    workers.warm();
    workers.warm();
    expect(made.length).toBe(workerCount);
    expect(types(made.at(-1)!.log)).toEqual(posted);
  });

  it('without Worker support nothing is warmed (it would block the page) and the jobs run in this thread', async () => {
    let calls = 0;
    const workers = new ImportWorker(() => {
      calls++;
      throw new Error('no Worker');
    });
    workers.warm();
    const a = await workers.import(csv(2), { today: TODAY }).promise;
    const b = await workers.preview(csv(4), 2).promise;
    expect([a.ok && a.value.scored, b.ok && b.value.rows.length, calls]).toEqual([2, 2, 1]);
  });

  it.each([
    ['an import above the size', (w: ImportWorker) => w.import(csv(20), { today: TODAY }), [['import'], ['warm']], [true, false]],
    ['an import of a file above the size', (w: ImportWorker) => w.import(new Blob([csv(20)]), { today: TODAY }), [['import'], ['warm']], [true, false]],
    ['an import up to the size', (w: ImportWorker) => w.import(csv(1), { today: TODAY }), [['import']], [false]],
    ['a preview of a file above the size', (w: ImportWorker) => w.preview(new Blob([csv(20)]), 2), [['preview']], [false]],
  ])('%s: the worker is replaced after it by one started and warmed in idle time, or kept', async (_, job, posted, ended) => {
    const { made, factory } = counting();
    const idle: Array<() => void> = [];
    const workers = new ImportWorker(factory, { recycleAbove: 100, idle: (fn) => idle.push(fn) });
    expect((await job(workers).promise).ok).toBe(true);
    for (const fn of idle) fn();
    expect(made.map((m) => types(m.log))).toEqual(posted);
    expect(made.map((m) => m.log.terminated)).toEqual(ended);
  });

  it('given a factory, startImport and startPreview run on a worker of their own and end it', async () => {
    const { made, factory } = counting();
    await startPreview(new Blob([csv(5)]), 2, factory).promise;
    await startImport(csv(5), { today: TODAY }, undefined, factory).promise;
    expect(made.map((m) => m.log.terminated)).toEqual([true, true]);
  });
});
