import fc from 'fast-check';
import { DEFAULT_CALIBRATION } from '../../../src/lib/engine';
import { importPieces, importText, type TextPiece } from '../../../src/lib/io/import-pipeline';
import { practiceCsv } from '../../../src/lib/io/practice';
import { sampleCsv } from '../../../src/lib/io/sample';

const TODAY = 20_089;
const OPTS = { today: TODAY, calibration: DEFAULT_CALIBRATION };

/**
 * A source that hands out `text` cut at `cuts` (sorted positions), then 'end'; 'stop' in place of piece
 * `stopAt`, and, as the decoding worker does, in place of a piece with a NUL character.
 */
function source(text: string, cuts: number[], stopAt = -1): () => Promise<TextPiece> {
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < text.length), text.length];
  let k = 0;
  return async () => {
    if (k === stopAt) return 'stop';
    if (k === bounds.length - 1) {
      k++;
      return 'end';
    }
    // Nothing after the end: a source asked again is a bug of the importer.
    if (k > bounds.length - 1) throw new Error('asked for a piece after the end');
    const piece = text.slice(bounds[k], bounds[k + 1]);
    k++;
    return piece.includes('\0') ? 'stop' : { text: piece };
  };
}

/** Cuts after every `every`-th line break: the way the decoding worker cuts its pieces. */
function lineCuts(text: string, every: number): number[] {
  const cuts: number[] = [];
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (++n % every === 0) cuts.push(i + 1);
  return cuts;
}

const HEADER = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment,CSM,Segment';
const rows = (n: number, nl = '\n') =>
  [HEADER, ...Array.from({ length: n }, (_, i) => `Acct ${i % 97},"$${1000 + i}",${i % 90},${i % 101}%,${(i * 7) % 101},CSM ${i % 5},${['SMB', 'Enterprise'][i % 2]}`)].join(nl);

/** Texts past the first 64 Ki characters (read whole before the pieces stream: shapeOf), and short ones. */
const TEXTS: Array<[string, string]> = [
  ['the sample (short: read whole)', sampleCsv()],
  ['a practice export', practiceCsv(3000)],
  ['a practice export, CRLF and a euro sign', practiceCsv(3000, '\r\n', true)],
  ['a trailing line break', `${rows(3000)}\n`],
  ['trailing blank lines', `${rows(3000)}\n\n\n`],
  ['CRLF', rows(3000, '\r\n')],
  ['CRLF, a trailing line break', `${rows(3000, '\r\n')}\r\n`],
  ['lines ended by CR alone', rows(3000, '\r')],
  ['blank lines before the header', `\n\n${rows(3000)}`],
  ['a byte-order mark', `\ufeff${rows(3000)}`],
  ['a line break inside quotes, late', `${rows(3000)}\n"Multi\nline",5,3,40,50,CSM 1,SMB\n${rows(100).split('\n').slice(1).join('\n')}`],
  ['a quote never closed near the end', `${rows(3000)}\n"Open,5,3,40,50,CSM 1,SMB`],
  ['a quote never closed on line 3 (the rest of the text one record)', `${rows(1)}\n"Open,5,3,40,50,CSM 1,SMB\n${rows(3000).split('\n').slice(1).join('\n')}`],
  ['a line of 1,001 fields, late', `${rows(3000)}\n${'x,'.repeat(1000)}x\n${rows(10).split('\n').slice(1).join('\n')}`],
  ['a header only', HEADER],
  ['blank rows between accounts', rows(3000).replace(/\n(Acct 1[0-9],)/g, '\n,,,,,,\n$1')],
];

describe('importPieces: a text parsed piece by piece gives importText on the whole text', () => {
  it.each(TEXTS)('%s, in pieces of a few lines each', async (_, text) => {
    const whole = importText(text, OPTS);
    for (const every of [1, 7, 150]) {
      expect(await importPieces(source(text, lineCuts(text, every)), text.length, OPTS)).toEqual(whole);
    }
  }, 30_000);

  it.each(TEXTS)('%s, cut anywhere (inside a cell, between CR and LF)', async (_, text) => {
    const whole = importText(text, OPTS);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, text.length - 1) }), { maxLength: 12 }), async (cuts) => {
        expect(await importPieces(source(text, [...cuts].sort((a, b) => a - b)), text.length, OPTS)).toEqual(whole);
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('one piece, and no piece at all', async () => {
    const text = rows(20);
    expect(await importPieces(source(text, []), text.length, OPTS)).toEqual(importText(text, OPTS));
    expect(await importPieces(source('', []), 0, OPTS)).toEqual(importText('', OPTS));
  });

  it.each([0, 1, 3])("a stop from the source (piece %i) answers 'whole': the file is read the usual way", async (stopAt) => {
    const text = rows(3000);
    expect(await importPieces(source(text, lineCuts(text, 500), stopAt), text.length, OPTS)).toBe('whole');
  });

  it("a NUL past the first piece: the source stops, the answer is 'whole'", async () => {
    const text = `${rows(3000)}\nNul\u0000,5,3,40,50,CSM 1,SMB`;
    expect(await importPieces(source(text, lineCuts(text, 500)), text.length, OPTS)).toBe('whole');
  });

  it('progress counts characters from the start of the text, across pieces', async () => {
    const text = rows(3000);
    const seen: number[] = [];
    await importPieces(source(text, lineCuts(text, 700)), text.length, OPTS, { every: 256, onProgress: (_, chars) => void seen.push(chars) });
    expect(seen.length).toBeGreaterThan(5);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen.at(-1)!).toBeGreaterThan(text.length * 0.8);
    expect(seen.at(-1)!).toBeLessThanOrEqual(text.length);
  });
});
