import { accountColumnsOf } from '../../fixtures/columns';
import type { AccountColumns, Calibration } from '../../../src/lib/engine/types';
import { DEFAULT_CALIBRATION } from '../../../src/lib/schema/calibration';
import type { Portfolio } from '../../../src/lib/schema/portfolio';
import type { Snapshot } from '../../../src/lib/schema/history';

export const calibration = (patch: Partial<Calibration> = {}): Calibration => ({ ...structuredClone(DEFAULT_CALIBRATION), ...patch });

export function columns(n = 3): AccountColumns {
  return accountColumnsOf(n, (i) => ({ name: `Acme ${i}`, mrr: 1000 * (i + 1), days: 10, usage: 50, sentiment: 60, owner: i % 2 }), { ownerDict: ['', 'Dana'] });
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
