/**
 * What csv.worker.ts does with each message, as a plain function of a `post` callback so it can be
 * tested without a Worker. Progress at most every 100 ms; the result's typed arrays are transferred and
 * its packed names (engine/names.ts) sent ahead, a chunk per message (protocol.ts). The parse itself is synchronous, so a 'cancel' message
 * is seen only before it starts (while a file is read); the page's cancel() terminates the worker, which
 * stops it at once.
 */
import { preparedBuffers } from '../engine/prepared';
import { fail, ok, type Parsed } from '../engine/types';
import { readFileContent, type FileContent } from './file-bytes';
import { checkText, importText, previewText } from './import';
import type { ImportProgress, WorkerRequest, WorkerResponse } from './protocol';
import type { Preview, TextImport } from './types';

export type Post = (msg: WorkerResponse, transfer?: Transferable[]) => void;

const PROGRESS_EVERY_MS = 100;
const PREVIEW_BYTES = 1 << 20;

/** The buffers to move (not copy) to the page. */
export function transferList(r: TextImport): ArrayBuffer[] {
  const c = r.columns;
  const arrays = [c.name.end, c.mrr, c.days, c.usage, c.sentiment, c.owner, c.segment, c.renewal, c.line, c.duplicate];
  const prepared = r.prepared ? preparedBuffers(r.prepared) : [];
  return [...new Set([...arrays.map((a) => a.buffer as ArrayBuffer), ...prepared])];
}

/** The message's text, or its file read as text (decoded) or as a spreadsheet's bytes (file-bytes.ts). */
function contentOf(msg: { text?: string; file?: Blob }, limit?: number): Promise<Parsed<FileContent>> {
  if (msg.text !== undefined || msg.file === undefined) return Promise.resolve(ok({ kind: 'text', text: msg.text ?? '', complete: true }));
  return readFileContent(msg.file, limit);
}

const NO_SHEETS = 'Spreadsheet files are not read yet: save the sheet as CSV and import that.';

/** The preview of a paste or a file's head; a head past a limit is measured over the whole file for the message. */
async function preview(msg: { text?: string; file?: Blob; rows?: number }): Promise<Parsed<Preview>> {
  const content = await contentOf(msg, PREVIEW_BYTES);
  if (!content.ok) return content;
  if (content.value.kind === 'sheet') return fail(NO_SHEETS);
  const { text, complete } = content.value;
  const r = previewText(text, msg.rows, complete);
  if (r.ok || complete || msg.file === undefined) return r;
  const whole = await readFileContent(msg.file);
  if (!whole.ok || whole.value.kind !== 'text') return r;
  const checked = checkText(whole.value.text);
  return checked.ok ? r : checked;
}

export function createWorkerHandler(post: Post, now: () => number = () => Date.now()) {
  const cancelled = new Set<number>();
  return async function handle(msg: WorkerRequest): Promise<void> {
    if (msg.type === 'cancel') {
      cancelled.add(msg.id);
      return;
    }
    const { id } = msg;
    try {
      if (msg.type === 'preview') {
        post({ type: 'preview', id, result: await preview(msg) });
        return;
      }
      const content = await contentOf(msg);
      if (!content.ok || content.value.kind === 'sheet') {
        post({ type: 'result', id, result: content.ok ? fail(NO_SHEETS) : content });
        return;
      }
      const { text } = content.value;
      const totalBytes = msg.file?.size ?? text.length;
      let last = now();
      const progress = (p: ImportProgress) => post({ type: 'progress', id, ...p });
      progress({ rows: 0, bytes: 0, totalBytes });
      const result = importText(
        text,
        { ...msg.options, mapping: msg.mapping, calibration: msg.calibration },
        {
          every: 2048,
          onProgress(rows, chars) {
            if (cancelled.has(id)) return false;
            const t = now();
            if (t - last >= PROGRESS_EVERY_MS) {
              last = t;
              progress({ rows, bytes: Math.round((chars / Math.max(1, text.length)) * totalBytes), totalBytes });
            }
          },
        },
      );
      if (cancelled.has(id)) post({ type: 'result', id, result: fail('Import cancelled.') });
      else if (result.ok) {
        const { columns } = result.value;
        // Each chunk of names in a message of its own: the page deserializes a message in one task.
        for (const chunk of columns.name.chunks) post({ type: 'names', id, chunk });
        const value = { ...result.value, columns: { ...columns, name: { chunks: [], end: columns.name.end } } };
        post({ type: 'result', id, result: { ok: true, value } }, transferList(value));
      } else post({ type: 'result', id, result });
    } catch (e) {
      const result = fail(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
      post(msg.type === 'preview' ? { type: 'preview', id, result } : { type: 'result', id, result });
    } finally {
      cancelled.delete(id);
    }
  };
}
