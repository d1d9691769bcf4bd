import { MAP_FIELDS, absentMask as absentMaskOf, type ColumnMapping, type MapField, type Parsed } from '../engine';
import { absentInputs, missingFields } from '../io/fields';
import { headerSetKey, mappingFromNames } from '../io/header-key';
import { previewText } from '../io/import-pipeline';
import { sentimentCandidates } from '../io/synonyms';
import { dayOfIso, isoDate, todayEpochDay } from '../io/calendar';
import type { Preview, TextImport } from '../io/types';
import { MAX_STORED_ISSUES } from '../schema/limits';
import { sampleCsv } from '../io/sample';
import { decisionsOf, type ImportChoicesState, type ImportInputs, type ImportOutcome } from './import-outcome';
import { SAMPLE_SOURCE_NAME } from './portfolio.svelte';
import { nextTask } from '../io/tasks';

export type { ImportChoicesState, ImportInputs, ImportOutcome };

/** What to import; `sample` marks the built-in sample (never stored, never an import of the user's). */
export type ImportSource = ({ kind: 'text'; text: string } | { kind: 'file'; file: File }) & { name: string; sample?: true };
export const sampleSource = (): ImportSource => ({ kind: 'text', text: sampleCsv(), name: SAMPLE_SOURCE_NAME, sample: true });
export type ImportPhase = 'idle' | 'mapping' | 'importing' | 'done' | 'error';

const AUTO: ImportChoicesState = { sentimentScale: 'auto', usageMode: 'auto', dateOrder: 'auto', partial: false, scoreBlankRows: false };

/**
 * The import flow: read a preview, guess (or recall) the mapping, import in
 * the worker, then hand the outcome to `apply` (the page shows it,
 * the persistence coordinator stores it). A failed or cancelled
 * import leaves the loaded portfolio as it was (never half-applied).
 */
export class ImportState {
  text = $state('');
  phase = $state<ImportPhase>('idle');
  progress = $state.raw<{ rows: number; fraction: number | null } | null>(null);
  error = $state<string | null>(null);
  source = $state.raw<ImportSource | null>(null);
  preview = $state.raw<Preview | null>(null);
  mapping = $state.raw<ColumnMapping>({});
  choices = $state.raw<ImportChoicesState>(AUTO);
  result = $state.raw<TextImport | null>(null);
  /** The import applied last; null before any and after reset(). */
  outcome = $state.raw<ImportOutcome | null>(null);
  /** Required fields not mapped: a name and MRR or ARR, and the inputs unless partial scoring was chosen. */
  missing = $derived(missingFields(this.mapping, this.choices.partial));
  /** A name or MRR/ARR not mapped: nothing can be scored, partial or not. */
  required = $derived(missingFields(this.mapping, true));
  /** SPEC §4.1: the input columns (last touch, usage, sentiment) the mapping lacks. */
  absent = $derived(absentInputs(this.mapping));
  absentMask = $derived(absentMaskOf(this.mapping));
  /** Columns that look like sentiment (NPS, CSAT, Health…): the mapping step names them when there are several. */
  sentimentColumns = $derived(this.preview ? sentimentCandidates(this.preview.header) : []);
  /** SPEC §4.6 the export's "as of" date (YYYY-MM-DD), today by default: last-touch dates count to it. */
  asOf = $state(isoDate(todayEpochDay()));
  readonly #inputs: ImportInputs;
  #cancel: (() => void) | null = null;
  #prepared = false;
  /** Bumped by every begin/run/cancel: an await that returns to an older generation was superseded. */
  #gen = 0;
  /** True when `asOf` is the date of the import applied last: the next new import starts from today again. */
  #asOfUsed = false;
  /** The source of the import applied last: running it again (a new mapping) is not a new import. */
  #appliedSource: ImportSource | null = null;

  constructor(inputs: ImportInputs) {
    this.#inputs = inputs;
  }

  /**
   * Start from pasted text or a dropped file (of a workbook, `sheet` or the first with a header row):
   * preview, mapping, then import when the mapping is complete.
   */
  async begin(source: ImportSource, sheet?: string): Promise<void> {
    this.cancel();
    const gen = ++this.#gen;
    this.error = null;
    // SPEC §4.6: each import is "as of" today unless a date was chosen for it (before it, or by editing it after).
    if (this.#asOfUsed) this.asOf = isoDate(todayEpochDay());
    this.#asOfUsed = false;
    this.phase = 'importing'; // busy from the first await: nothing else starts an import meanwhile
    // A file is read in the worker (SPEC §2.3: whatever its bytes, the page stays responsive); a paste here.
    const p = source.kind === 'text' ? previewText(source.text) : await this.#previewFile(source.file, sheet);
    if (gen !== this.#gen) return;
    if (!p.ok) return this.#fail(p.reason);
    this.source = source;
    this.preview = p.value;
    const remembered = this.#inputs.recall(headerSetKey(p.value.header));
    if (remembered) {
      this.mapping = { ...p.value.guess.mapping, ...mappingFromNames(remembered.fields, p.value.header) };
      this.choices = {
        sentimentScale: remembered.sentimentScale ?? 'auto', usageMode: remembered.usageMode ?? 'auto', dateOrder: remembered.dateOrder ?? 'auto',
        partial: remembered.partial ?? false, scoreBlankRows: remembered.scoreBlankRows ?? false,
      };
    } else {
      this.mapping = p.value.guess.mapping;
      this.choices = AUTO;
    }
    if (missingFields(this.mapping, this.choices.partial).length) {
      this.phase = 'mapping';
      return;
    }
    await this.run();
  }

  /** SPEC §4.1, the one click: score this export on the inputs it has (renormalised weights). */
  scorePartial(): void {
    this.choices = { ...this.choices, partial: true };
    void this.run();
  }

  /** Import the current source with the current mapping and choices. */
  async run(): Promise<void> {
    const source = this.source;
    if (!source || missingFields(this.mapping, this.choices.partial).length) return;
    this.cancel();
    const gen = ++this.#gen;
    this.phase = 'importing';
    this.error = null;
    this.progress = { rows: 0, fraction: 0 };
    const asOf = this.asOf;
    const { importWorker } = await loadClient();
    if (gen !== this.#gen) return;
    const job = importWorker.import(
      source.kind === 'text' ? { text: source.text } : { file: source.file },
      {
        mapping: this.mapping,
        ...this.choices,
        calibration: this.#inputs.calibration(),
        today: dayOfIso(asOf),
        // Only the issues that are stored cross from the worker (the count stays exact).
        maxIssues: MAX_STORED_ISSUES,
        sheet: this.preview?.sheet?.name,
      },
      (p) => (this.progress = { rows: p.rows, fraction: p.totalBytes ? p.bytes / p.totalBytes : null }),
    );
    this.#cancel = job.cancel;
    const res = await job.promise;
    // The result is applied in a task of its own: the one that received it (a big book's message is
    // deserialized in it) ends first, so neither is a long task; on an idle page the next task is at once.
    if (res.ok) await nextTask();
    if (this.#cancel !== job.cancel) return; // superseded or cancelled
    this.#cancel = null;
    this.progress = null;
    if (!res.ok) return this.#fail(res.reason);
    this.#apply(source, res.value, asOf);
  }

  /** The preview of a file, from the worker, cancellable like an import. */
  async #previewFile(file: File, sheet: string | undefined): Promise<Parsed<Preview>> {
    const gen = this.#gen;
    const { importWorker, CANCELLED } = await loadClient();
    if (gen !== this.#gen) return { ok: false, reason: CANCELLED };
    const job = importWorker.preview(file, 20, sheet);
    this.#cancel = job.cancel;
    this.progress = { rows: 0, fraction: null };
    const res = await job.promise;
    if (this.#cancel === job.cancel) {
      this.#cancel = null;
      this.progress = null;
    }
    return res;
  }

  /**
   * Have the importer ready before an export is picked: its module loaded and its worker started and
   * warmed (import-client.ts), in idle time a second or more after the import area shows (when it calls
   * this), so neither the first paint nor the start-up shares its time. Once is enough: a cancelled
   * import's worker is replaced by the next job.
   */
  prepare(): void {
    if (this.#prepared) return;
    this.#prepared = true;
    whenIdle(() => void loadClient().then(({ importWorker }) => importWorker.warm(), () => {}));
  }

  cancel(): void {
    this.#gen++;
    const stop = this.#cancel;
    this.#cancel = null;
    stop?.();
    // Also before a job has started (a module still loading): the page is not left busy.
    if (stop === null && this.phase !== 'importing') return;
    this.progress = null;
    this.phase = this.result ? 'done' : 'idle';
  }

  /** Read another sheet of the current workbook: its own header, mapping and import. */
  chooseSheet(name: string): void {
    if (this.source?.kind === 'file' && name !== this.preview?.sheet?.name) void this.begin(this.source, name);
  }

  /** Forget the last file, its mapping and its report (Clear local data). */
  reset(): void {
    this.cancel();
    this.outcome = null; // a save still in progress is superseded: nothing is written back after Clear local data
    this.text = '';
    this.phase = 'idle';
    this.error = null;
    this.source = null;
    this.preview = null;
    this.mapping = {};
    this.choices = AUTO;
    this.result = null;
    this.asOf = isoDate(todayEpochDay());
    this.#asOfUsed = false;
    this.#appliedSource = null;
  }

  setMapping(field: MapField, column: number | undefined): void {
    const next: ColumnMapping = {};
    for (const f of MAP_FIELDS) {
      const c = f === field ? column : this.mapping[f];
      // a column feeds one field: taking it here frees it elsewhere
      if (c !== undefined && (f === field || c !== column)) next[f] = c;
    }
    this.mapping = next;
    if (this.phase === 'done' || this.phase === 'error') void this.run();
  }

  /** SPEC §4.6: a valid YYYY-MM-DD date, not after today; an import already scored is scored again. */
  setAsOf(value: string): void {
    const day = dayOfIso(value);
    if (!(day <= todayEpochDay())) return;
    this.asOf = value;
    // With the sample shown (never an import), or a new export already pasted in the box, the date is for
    // the next import: it never re-dates the import on show (which becomes the previous one, SPEC §4.6).
    const shown = this.#appliedSource;
    const nextPasted = shown?.kind === 'text' && this.text !== '' && this.text !== shown.text;
    if (this.phase === 'done' && !shown?.sample && !nextPasted) void this.run();
    else this.#asOfUsed = false;
  }

  /** Show the "as of" date of a stored import (restored on reload). */
  showAsOf(iso: string): void {
    if (this.phase !== 'idle') return;
    this.asOf = iso;
    this.#asOfUsed = true;
  }

  setChoice<K extends keyof ImportChoicesState>(key: K, value: ImportChoicesState[K]): void {
    this.choices = { ...this.choices, [key]: value };
    if (this.phase === 'done') void this.run();
  }

  #fail(reason: string): void {
    this.phase = 'error';
    this.error = reason;
    this.progress = null;
  }

  #apply(source: ImportSource, r: TextImport, asOf: string): void {
    this.result = r;
    this.phase = 'done';
    const decisions = decisionsOf(r, this.choices);
    const portfolioSource = {
      name: source.name,
      importedAt: new Date().toISOString(),
      decisions,
      issues: r.issues.slice(0, MAX_STORED_ISSUES).map((i) => ({ line: i.line, reason: i.name ? `${i.name}: ${i.reason}` : i.reason })),
      issueTotal: r.unscored,
      asOf,
    };
    this.#asOfUsed = true;
    const rerun = source === this.#appliedSource;
    this.#appliedSource = source;
    const outcome: ImportOutcome = {
      kind: source.sample ? 'sample' : 'import',
      book: { columns: r.columns, source: portfolioSource },
      prepared: r.prepared,
      headerKey: headerSetKey(r.header),
      decisions,
      rerun,
    };
    this.#inputs.apply(outcome);
    this.outcome = outcome;
  }
}

/** The import's page side (with the worker), its own chunk: loaded by the first import, or ahead by prepare(). */
const loadClient = () => import('../io/import-client');

/** Runs `fn` in idle time, no sooner than a second from now. */
function whenIdle(fn: () => void): void {
  setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => fn()) : fn()), 1000);
}
