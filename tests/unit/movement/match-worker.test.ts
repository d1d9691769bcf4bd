import { matchAccounts, packNames, type AccountMatch, type KeyColumns } from '../../../src/lib/engine';
import { IN_PAGE_BELOW, releaseMatchWorker, startMatch, type MatchWorkerLike } from '../../../src/lib/movement/match-client';
import { createMatchHandler, matchBooks } from '../../../src/lib/movement/match-handler';
import type { MatchRequest, MatchResponse } from '../../../src/lib/movement/protocol';

/** A seeded book of `n` accounts and its perturbed successor: renamed, gone, new, duplicated, respelled keys. */
function books(n: number, withIds: boolean): { prev: KeyColumns; cur: KeyColumns } {
  let s = 12345;
  const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const names = Array.from({ length: n }, (_, i) => `Account ${i} ${['Labs', 'Foods', 'Ünïcode', 'ΣΟΦΙΑ'][i % 4]}`);
  const ids = names.map((_, i) => (i % 97 === 0 ? '' : `ID-${i}`));
  const curNames: string[] = [];
  const curIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = r();
    if (p < 0.03) continue; // gone
    if (p < 0.06) curNames.push(`Renamed ${i}`);
    else if (p < 0.08) curNames.push(`  ${names[i].toUpperCase()}\t`); // the same key, respelled
    else curNames.push(names[i]);
    curIds.push(ids[i]);
    if (p > 0.99) {
      curNames.push(names[i]); // duplicated
      curIds.push(ids[i]);
    }
    if (p > 0.98 && p <= 0.99) {
      curNames.push(`New ${i}`);
      curIds.push(`NEW-${i}`);
    }
  }
  const book = (ns: string[], is: string[]): KeyColumns => ({ count: ns.length, name: packNames(ns), ...(withIds ? { id: packNames(is) } : {}) });
  return { prev: book(names, ids), cur: book(curNames, curIds) };
}

/** The request as a worker would receive it: structured-cloned, the listed buffers moved. */
function overTheWire<T>(msg: T, transfer: Transferable[]): T {
  return structuredClone(msg, { transfer });
}

const plain = (m: AccountMatch) => ({ ...m, prevRow: [...m.prevRow], curRow: [...m.curRow], status: [...m.status], prevStatus: [...m.prevStatus] });

describe('SPEC §4.6 matching in a worker gives the page\'s match, number for number', () => {
  it.each([
    ['names', false],
    ['ids (blank ones by name)', true],
  ])('two books of 40,000 accounts keyed by %s: handler = matchAccounts', (_, withIds) => {
    const { prev, cur } = books(40_000, withIds);
    const direct = matchAccounts(prev, cur);
    expect(direct.ambiguous.count).toBeGreaterThan(0);
    const posted: MatchResponse[] = [];
    const handle = createMatchHandler((msg, transfer) => {
      expect(transfer).toHaveLength(4);
      posted.push(overTheWire(msg, transfer));
    });
    // As the page sends them: the chunks ahead, a few per message, then the books with empty chunks.
    for (const [side, book] of [['prev', prev], ['cur', cur]] as const) {
      for (const column of ['name', 'id'] as const) {
        const c = book[column];
        if (!c) continue;
        for (let k = 0; k < c.chunks.length; k += 2) handle(overTheWire<MatchRequest>({ type: 'names', id: 7, side, column, chunks: c.chunks.slice(k, k + 2) }, []));
      }
    }
    const bare = (b: KeyColumns): KeyColumns => ({ count: b.count, name: { chunks: [], end: b.name.end }, ...(b.id ? { id: { chunks: [], end: b.id.end } } : {}) });
    handle(overTheWire<MatchRequest>({ type: 'match', id: 7, prev: bare(prev), cur: bare(cur) }, []));
    expect(posted).toHaveLength(1);
    const back = posted[0];
    expect(back.ok && back.id).toBe(7);
    expect(back.ok && plain(back.match)).toEqual(plain(direct));
  });

  it('with `keep`, the current book is kept prepared: a next match may send prev: null; without one kept it is refused', () => {
    const { prev, cur } = books(30_000, false);
    const { cur: next } = books(30_000, false);
    const posted: MatchResponse[] = [];
    const handle = createMatchHandler((msg, transfer) => posted.push(overTheWire(msg, transfer)));
    const send = (id: number, side: 'prev' | 'cur', b: KeyColumns) => handle({ type: 'names', id, side, column: 'name', chunks: b.name.chunks });
    const bare = (b: KeyColumns): KeyColumns => ({ count: b.count, name: { chunks: [], end: b.name.end } });
    handle({ type: 'match', id: 1, prev: null, cur: bare(cur) });
    send(2, 'prev', prev);
    send(2, 'cur', cur);
    handle({ type: 'match', id: 2, prev: bare(prev), cur: bare(cur), keep: true });
    send(3, 'cur', next);
    handle({ type: 'match', id: 3, prev: null, cur: bare(next) });
    expect(posted[0]).toEqual({ id: 1, ok: false, reason: 'the previous import is not kept here' });
    expect(posted[2].ok && plain(posted[2].match)).toEqual(plain(matchAccounts(cur, next)));
  });

  it('a book whose names did not all arrive is refused, not matched wrongly', () => {
    const { prev, cur } = books(100, false);
    const r = matchBooks(1, { ...prev, name: { chunks: prev.name.chunks.slice(1), end: prev.name.end } }, cur);
    expect(r.response).toEqual({ id: 1, ok: false, reason: 'the accounts did not all arrive' });
  });
});

/** A Worker that runs the handler a task later, the messages cloned both ways as postMessage does. */
function fakeWorker(behave: 'answer' | 'error' | 'refuse' = 'answer') {
  const handle = createMatchHandler((response, t) => {
    const data: MatchResponse = behave === 'refuse' ? { id: response.id, ok: false, reason: 'no' } : overTheWire(response, t);
    w.onmessage?.({ data } as MessageEvent<MatchResponse>);
  });
  const w: MatchWorkerLike & { terminated: boolean; received: MatchRequest[] } = {
    onmessage: null, onerror: null, terminated: false, received: [],
    postMessage(msg, transfer) {
      const req = overTheWire(msg, transfer);
      w.received.push(req);
      setTimeout(() => {
        if (w.terminated) return;
        if (behave === 'error') return w.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
        handle(req);
      }, 0);
    },
    terminate: () => void (w.terminated = true),
  };
  return w;
}

describe('the page\'s side of the match', () => {
  afterEach(() => releaseMatchWorker());

  it('books below IN_PAGE_BELOW accounts are matched on the page (no worker)', () => {
    const { prev, cur } = books(IN_PAGE_BELOW - 1, false);
    const factory = vi.fn(() => fakeWorker());
    expect(startMatch(prev, cur, factory)).toBeNull();
    expect(factory).not.toHaveBeenCalled();
  });

  it('with no Worker (Node, old browsers) the page matches itself', () => {
    const { prev, cur } = books(IN_PAGE_BELOW, false);
    expect(typeof Worker).toBe('undefined');
    expect(startMatch(prev, cur)).toBeNull();
  });

  it('the worker gets copies: both books stay whole on the page; its match is the direct one; the worker is kept', async () => {
    const { prev, cur } = books(IN_PAGE_BELOW + 5, true);
    const w = fakeWorker();
    const run = startMatch(prev, cur, () => w)!;
    const got = await run.promise;
    expect(plain(got!)).toEqual(plain(matchAccounts(prev, cur)));
    expect(prev.name.end.length).toBe(prev.count);
    expect(cur.id!.end.length).toBe(cur.count);
    const last = w.received.at(-1)!;
    expect(last.type === 'match' && last.prev?.name.end).not.toBe(prev.name.end);
    // Names go a few chunks per message, one message per task, so no one copy blocks the page.
    expect(w.received.filter((m) => m.type === 'names').length).toBeGreaterThanOrEqual(4);
    expect(w.terminated).toBe(false);
    releaseMatchWorker();
    expect(w.terminated).toBe(true);
  });

  it('the next import is matched against the book the worker kept: only the new book is sent', async () => {
    // Books well over IN_PAGE_BELOW: each one, and its successor, goes to the worker.
    const { prev, cur } = books(IN_PAGE_BELOW + 2000, true);
    const { cur: next } = books(IN_PAGE_BELOW + 2100, true);
    const w = fakeWorker();
    const factory = () => w;
    await startMatch(prev, cur, factory)!.promise;
    const sent = w.received.length;
    const got = await startMatch(cur, next, factory)!.promise;
    expect(plain(got!)).toEqual(plain(matchAccounts(cur, next)));
    const second = w.received.slice(sent);
    expect(second.filter((m) => m.type === 'names').map((m) => m.type === 'names' && m.side)).not.toContain('prev');
    expect(second.at(-1)).toMatchObject({ type: 'match', prev: null, keep: true });
    // Another pair (not the kept book as its previous one) sends both books again.
    const { prev: other } = books(IN_PAGE_BELOW + 2200, true);
    const third = w.received.length;
    await startMatch(other, next, factory)!.promise;
    expect(w.received.slice(third).at(-1)).toMatchObject({ type: 'match', prev: { count: other.count } });
  });

  it.each(['error', 'refuse'] as const)('a worker that fails (%s) still gives the match, made on the page', async (behave) => {
    const { prev, cur } = books(IN_PAGE_BELOW, false);
    const run = startMatch(prev, cur, () => fakeWorker(behave))!;
    expect(plain((await run.promise)!)).toEqual(plain(matchAccounts(prev, cur)));
  });

  it('cancelled, it answers null and ends the worker', async () => {
    const { prev, cur } = books(IN_PAGE_BELOW, false);
    const w = fakeWorker();
    const run = startMatch(prev, cur, () => w)!;
    run.cancel();
    expect(await run.promise).toBeNull();
    expect(w.terminated).toBe(true);
  });
});
