import { packNames } from '../../../src/lib/engine/names';
import type { AccountColumns, Calibration } from '../../../src/lib/engine/types';
import { DEFAULT_CALIBRATION } from '../../../src/lib/schema/calibration';
import type { Portfolio } from '../../../src/lib/schema/portfolio';
import type { Snapshot } from '../../../src/lib/schema/history';

export const calibration = (patch: Partial<Calibration> = {}): Calibration => ({ ...structuredClone(DEFAULT_CALIBRATION), ...patch });

export function columns(n = 3): AccountColumns {
  return {
    count: n,
    name: packNames(Array.from({ length: n }, (_, i) => `Acme ${i}`)),
    mrr: Float64Array.from({ length: n }, (_, i) => 1000 * (i + 1)),
    days: new Float64Array(n).fill(10),
    usage: new Float64Array(n).fill(50),
    sentiment: new Float64Array(n).fill(60),
    owner: Uint32Array.from({ length: n }, (_, i) => i % 2),
    ownerDict: ['', 'Dana'],
    segment: new Uint32Array(n),
    segmentDict: [''],
    renewal: new Float64Array(n).fill(NaN),
    line: Uint32Array.from({ length: n }, (_, i) => i + 2),
    duplicate: new Uint8Array(n),
  };
}

export function portfolio(n = 3): Portfolio {
  return {
    columns: columns(n),
    source: {
      name: 'accounts.csv',
      importedAt: '2025-03-01T10:00:00.000Z',
      decisions: { fields: { name: 'Account Name', mrr: 'MRR' }, sentimentScale: 'nps', usageMode: 'percent' },
      issues: [{ line: 7, reason: 'MRR is empty', field: 'mrr' }],
      issueTotal: 1,
    },
  };
}

export function snapshot(id = 'a1', savedAt = '2025-03-01T10:00:00.000Z'): Snapshot {
  const dim = { score: 75, tracked: true };
  return {
    id,
    savedAt,
    stage: 'series-b',
    inputs: { nrr: 115, grr: 93 },
    composite: 75,
    grade: 'C',
    zone: 'stable',
    dimensions: { retention: dim, expansion: dim, onboarding: dim, support: dim, discipline: dim, coverage: { score: 0, tracked: false } },
  };
}
