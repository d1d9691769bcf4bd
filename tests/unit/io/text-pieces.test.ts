import { DEFAULT_CALIBRATION } from '../../../src/lib/engine';
import { importText } from '../../../src/lib/io/import-pipeline';
import type { WorkerResponse } from '../../../src/lib/io/protocol';
import { decodePieces, FIRST_PIECE_CHARS, PIECE_CHARS, PREFETCH_PIECES, STREAM_BYTES, streamable, type PieceMessage } from '../../../src/lib/io/text-pieces';
import { createWorkerHandler, type DecoderLike } from '../../../src/lib/io/worker/worker-handler';

const HEADER = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment,CSM,Segment';
/** An export of about `bytes` bytes, `wide`: with a euro sign (three bytes in UTF-8) in some cells. */
function csv(bytes: number, nl = '\n', wide = false): string {
  const lines = [HEADER];
  let size = HEADER.length;
  for (let i = 0; size < bytes; i++) {
    const line = `Acct ${i % 9973},"${wide && i % 3 === 0 ? '€' : '$'}${1000 + (i % 5000)}",${i % 90},${i % 101}%,${(i * 7) % 101},CSM ${i % 5},${['SMB', 'Enterprise'][i % 2]}`;
    lines.push(line);
    size += line.length + nl.length;
  }
  return lines.join(nl);
}

async function piecesOf(blob: Blob): Promise<PieceMessage[]> {
  const out: PieceMessage[] = [];
  await decodePieces(7, blob, (m) => void out.push(m));
  return out;
}

describe('decodePieces: a UTF-8 file in pieces that end with a line break', () => {
  it.each([
    ['LF', '\n', false],
    ['CRLF, euro signs', '\r\n', true],
  ])('%s: the pieces joined are the decoded text; every piece but the last ends a line and holds a megabyte, a line more at most (the first, 128 Ki characters)', async (_, nl, wide) => {
    const text = csv(3.5 * PIECE_CHARS, nl, wide);
    const got = await piecesOf(new Blob([text]));
    expect(got.at(-1)).toEqual({ id: 7, type: 'end' });
    const pieces = got.slice(0, -1).map((m) => (m.type === 'piece' ? m.text : `<${m.type}>`));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces.join('')).toBe(text);
    pieces.slice(0, -1).forEach((p, k) => {
      expect(p.endsWith('\n')).toBe(true);
      expect(p.length).toBeGreaterThanOrEqual(k === 0 ? FIRST_PIECE_CHARS : PIECE_CHARS);
      expect(p.length).toBeLessThan((k === 0 ? FIRST_PIECE_CHARS : PIECE_CHARS) + 200);
    });
  });

  it('a byte-order mark is dropped, as when the file is read whole', async () => {
    const got = await piecesOf(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), 'a,b\n1,2']));
    expect(got).toEqual([{ id: 7, type: 'piece', text: 'a,b\n1,2' }, { id: 7, type: 'end' }]);
  });

  it.each([
    ['a NUL character', [csv(2 * PIECE_CHARS), '\nx\u0000y,1\n']],
    ['bytes that are not UTF-8 (Windows-1252 é)', [csv(2 * PIECE_CHARS), new Uint8Array([0x0a, 0x43, 0x61, 0x66, 0xe9, 0x2c, 0x31])]],
  ])('%s past the first megabyte: the pieces stop', async (_, parts) => {
    const got = await piecesOf(new Blob(parts as BlobPart[]));
    expect(got.at(-1)).toEqual({ id: 7, type: 'stop' });
    expect(got.some((m) => m.type === 'end')).toBe(false);
  });
});

describe('streamable: which files are decoded in pieces', () => {
  it.each([
    ['a UTF-8 export of 4 MB or more', new Blob([csv(STREAM_BYTES)]), true],
    ['a smaller one', new Blob([csv(STREAM_BYTES / 2)]), false],
    ['a UTF-16 export', new Blob([new Uint8Array([0xff, 0xfe]), new Uint8Array(STREAM_BYTES)]), false],
    ['an .xlsx (a ZIP naming xl/)', new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04]), 'xl/workbook.xml', new Uint8Array(STREAM_BYTES)]), false],
  ] as const)('%s → %j', async (_, blob, expected) => {
    expect(await streamable(blob)).toBe(expected);
  });
});

/**
 * A decoding worker in this thread: decodePieces behind the DecoderLike face (as decode.worker.ts runs it,
 * `pieces` at most until told more), counting its files, the pieces it sent and its ends.
 */
function inThreadDecoder() {
  const files: Blob[] = [];
  let terminated = 0;
  let sentPieces = 0;
  const allowed = new Map<number, number>();
  const resumes: Array<() => void> = [];
  const make = (): DecoderLike => {
    const d: DecoderLike = {
      onmessage: null,
      onerror: null,
      postMessage(m) {
        if ('more' in m) {
          allowed.set(m.id, m.more);
          resumes.splice(0).forEach((r) => r());
          return;
        }
        files.push(m.file);
        allowed.set(m.id, m.pieces ?? Infinity);
        void decodePieces(m.id, m.file, (p) => {
          if (p.type === 'piece') sentPieces++;
          queueMicrotask(() => d.onmessage?.({ data: p }));
        }, async (sent) => {
          while (sent >= allowed.get(m.id)!) await new Promise<void>((r) => resumes.push(r));
        });
      },
      terminate: () => void terminated++,
    };
    return d;
  };
  return { make, files, terminated: () => terminated, sentPieces: () => sentPieces };
}

const OPTIONS = { today: 20_089 };

/** What the page makes of an import's messages: the last chunk of names posted for each index (of a result that is one), and the result. */
async function importVia(file: Blob, decoder?: ReturnType<typeof inThreadDecoder>) {
  const posted: WorkerResponse[] = [];
  const handle = createWorkerHandler((m) => void posted.push(m), undefined, decoder?.make);
  await handle({ type: 'import', id: 3, file, options: OPTIONS, calibration: DEFAULT_CALIBRATION });
  const names: string[] = [];
  for (const m of posted) if (m.type === 'names') names[m.at] = m.chunk;
  const result = posted.filter((m) => m.type === 'result');
  // A failed import's names are dropped (import-client.ts withNames).
  return { names: result.some((m) => m.type === 'result' && m.result.ok) ? names : [], result };
}

describe('the import worker with a decoding worker', () => {
  it('a big UTF-8 export: decoded in pieces, and the same messages as read whole', async () => {
    const file = new Blob([csv(STREAM_BYTES + 1000, '\r\n', true)]);
    const decoder = inThreadDecoder();
    const streamed = await importVia(file, decoder);
    expect(decoder.files).toEqual([file]);
    expect(streamed).toEqual(await importVia(file));
    const [result] = streamed.result;
    expect(streamed.names.length).toBeGreaterThan(1);
    expect(result?.type === 'result' && result.result.ok && result.result.value.columns.count).toBe(
      (importText(await file.text(), OPTIONS) as { value: { columns: { count: number } } }).value.columns.count,
    );
  }, 30_000);

  it.each([
    ['a small export', new Blob([csv(50_000)]), 0],
    ['an export with a NUL late in it (its line told, read whole)', new Blob([csv(STREAM_BYTES), '\nx\u0000y,1,2,3,4,5,6']), 1],
    ['a Windows-1252 export (read whole, as Windows-1252)', new Blob([csv(STREAM_BYTES), new Uint8Array([0x0a, 0x43, 0x61, 0x66, 0xe9, 0x2c, 0x31])]), 1],
  ])('%s: the same messages as without a decoding worker', async (_, file, decoded) => {
    const decoder = inThreadDecoder();
    expect(await importVia(file, decoder)).toEqual(await importVia(file));
    expect(decoder.files).toHaveLength(decoded);
  }, 30_000);

  it('a decoding worker that fails (its script did not load) is ended: this file and the next are read whole', async () => {
    let made = 0;
    // A worker that failed: one error event, then silence whatever it is sent.
    const failing = (): DecoderLike => {
      made++;
      let failed = false;
      const d: DecoderLike = {
        onmessage: null,
        onerror: null,
        postMessage: () => {
          if (!failed) queueMicrotask(() => d.onerror?.(new Error('no script')));
          failed = true;
        },
        terminate: () => {},
      };
      return d;
    };
    const text = csv(STREAM_BYTES + 1000);
    const posted: WorkerResponse[] = [];
    const handle = createWorkerHandler((m) => void posted.push(m), undefined, failing);
    for (const id of [2, 3]) await handle({ type: 'import', id, file: new Blob([text]), options: OPTIONS, calibration: DEFAULT_CALIBRATION });
    const results = posted.filter((m) => m.type === 'result');
    expect(results.map((m) => m.type === 'result' && m.result.ok)).toEqual([true, true]);
    expect(made).toBe(2);
  }, 30_000);

  const until = async (ok: () => boolean) => {
    for (let k = 0; k < 200 && !ok(); k++) await new Promise((r) => setTimeout(r, 10));
  };
  const file = (name: string, text: string) => new File([text], name, { type: 'text/csv', lastModified: 1_700_000_000_000 });
  const preview = (handle: ReturnType<typeof createWorkerHandler>, f: Blob) => handle({ type: 'preview', id: 1, file: f, rows: 5 });

  it('a previewed file: its first pieces decoded ahead, no more, and its import goes on from them', async () => {
    const f = file('big.csv', csv(STREAM_BYTES + 2 * PIECE_CHARS));
    const decoder = inThreadDecoder();
    const posted: WorkerResponse[] = [];
    const handle = createWorkerHandler((m) => void posted.push(m), undefined, decoder.make);
    await preview(handle, f);
    await until(() => decoder.sentPieces() >= PREFETCH_PIECES);
    await new Promise((r) => setTimeout(r, 20));
    expect(decoder.files).toEqual([f]);
    expect(decoder.sentPieces()).toBe(PREFETCH_PIECES);
    await handle({ type: 'import', id: 2, file: f, options: OPTIONS, calibration: DEFAULT_CALIBRATION });
    expect(decoder.files).toHaveLength(1); // the same decoding, not a second one
    expect(decoder.sentPieces()).toBeGreaterThan(PREFETCH_PIECES);
    const result = posted.find((m) => m.type === 'result');
    const [read] = (await importVia(f)).result;
    expect(result?.type === 'result' && result.result).toEqual(read?.type === 'result' && read.result);
  }, 30_000);

  it.each([
    ['another file is imported', (handle: ReturnType<typeof createWorkerHandler>, other: Blob) => handle({ type: 'import', id: 2, file: other, options: OPTIONS, calibration: DEFAULT_CALIBRATION })],
    ['another file is previewed', (handle: ReturnType<typeof createWorkerHandler>, other: Blob) => preview(handle, other)],
  ])('%s: the pieces decoded ahead are dropped and that decoder ended', async (_, next) => {
    const f = file('big.csv', csv(STREAM_BYTES + 2 * PIECE_CHARS));
    const other = file('other.csv', csv(STREAM_BYTES + 1000, '\r\n'));
    const decoder = inThreadDecoder();
    const handle = createWorkerHandler(() => {}, undefined, decoder.make);
    await preview(handle, f);
    await until(() => decoder.sentPieces() >= PREFETCH_PIECES);
    await next(handle, other);
    expect(decoder.terminated()).toBe(1);
    expect(decoder.files).toEqual([f, other]);
  }, 30_000);
});
