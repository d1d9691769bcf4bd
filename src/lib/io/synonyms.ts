/**
 * SPEC §2.3: headers "in any case and spelling" matched to fields by synonyms; the guess is only a
 * starting point for the mapping step, so each field carries a confidence (1 = a known synonym).
 */
import { MAP_FIELDS, type ColumnMapping, type MapField } from '../engine/types';
import type { MappingGuess } from './types';

/**
 * "Account Name", "account_name", "ACCOUNT-NAME", "accountName", "\uFEFFAccount Name", "MRR (USD)",
 * "mrr_usd", "Usage %" → "account name", "mrr", "usage": case, separators, punctuation, bracketed
 * suffixes, a trailing currency code, a Salesforce "__c" and a BOM do not count.
 */
export function normaliseHeader(header: string): string {
  let s = header.charCodeAt(0) === 0xfeff ? header.slice(1) : header;
  s = s.replace(/__c$/i, '');
  s = s.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  s = s.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
  s = s.replace(/[^a-z0-9]+/g, ' ').trim();
  s = s.replace(/(?: in)? (?:usd|eur|gbp|cad|aud|chf|jpy|dollars?|euros?)$/, '');
  return s;
}

/** Known spellings per field (normalised on load); listed in the order a reader would look for them. */
const SYNONYMS: Record<MapField, string[]> = {
  name: [
    'Account Name', 'Account', 'Company', 'Company Name', 'Customer', 'Customer Name', 'Name', 'Client', 'Client Name',
    'Organization', 'Organisation', 'Organization Name', 'Org', 'Org Name', 'Business Name', 'Account Title',
  ],
  mrr: [
    'MRR', 'MRR (USD)', 'mrr_usd', 'Monthly Recurring Revenue', 'Monthly Revenue', 'Current MRR', 'MRR Amount',
    'Monthly Contract Value', 'Monthly Value', 'Monthly Fee', 'Monthly Spend', 'Monthly Subscription',
  ],
  arr: [
    'ARR', 'Annual Recurring Revenue', 'ARR (USD)', 'Annual Revenue', 'Annual Contract Value', 'ACV', 'Current ARR',
    'ARR Amount', 'Yearly Revenue',
  ],
  'last-touch': [
    'Days Since Last Touch', 'Days since last contact', 'Last Touch', 'Last Activity Date', 'Last Activity',
    'Last Contacted', 'Last Touch Date', 'Last Engagement', 'Days Since Last Activity', 'Days Since Last Engagement',
    'Last Contact', 'Last Contact Date', 'Last Touchpoint', 'Last Interaction', 'Last Meeting', 'Last Engaged',
    'Last Touched', 'Days Since Contact', 'Days Since Touch', 'Days Since Last Interaction',
  ],
  usage: [
    'Usage', 'Usage %', 'Product Usage', 'Product Usage Score', 'Adoption', 'Active Usage', 'Usage Score',
    'Usage Percent', 'Usage Pct', 'Usage Rate', 'Adoption Score', 'Adoption Rate', 'Product Adoption',
    'Utilization', 'Utilisation', 'License Utilization', 'Seat Utilization', 'Feature Adoption',
  ],
  sentiment: [
    'Sentiment', 'Health Score', 'NPS', 'CSAT', 'Sentiment Score', 'CSAT Score', 'Health', 'Customer Health',
    'Customer Health Score', 'NPS Score', 'Net Promoter Score', 'Satisfaction', 'Customer Satisfaction',
  ],
  owner: [
    'Owner', 'Account Owner', 'CSM', 'Customer Success Manager', 'CSM Name', 'CSM Owner', 'Success Manager',
    'Account Manager', 'CS Owner', 'Assigned CSM', 'Owner Name',
  ],
  segment: [
    'Segment', 'Tier', 'Customer Tier', 'Plan', 'Customer Segment', 'Account Tier', 'Account Segment', 'Plan Name',
    'Plan Tier', 'Market Segment',
  ],
  'renewal-date': [
    'Renewal Date', 'Renewal', 'Contract End Date', 'Contract End', 'Next Renewal', 'Next Renewal Date', 'Renewal Due',
    'Renews On', 'Contract Renewal Date', 'Subscription End Date', 'Expiry Date', 'Expiration Date', 'Term End',
  ],
  // The denominator of usage as a ratio is proposed only as half of a pair (ratioPair).
  'usage-of': [],
  // SPEC §4.6 account identity: matched between imports when both map one.
  id: [
    'Account ID', 'Customer ID', 'Company ID', 'External ID', 'Record ID', 'Salesforce ID', 'HubSpot ID', 'ID',
    'Client ID', 'Organization ID', 'Org ID',
  ],
};

/** Known but loose spellings (a guess the user should look at). */
const LOOSE: Array<[string, MapField, number]> = [['Contract Value', 'arr', 0.7], ['Revenue', 'mrr', 0.5]];

const EXACT = new Map<string, [MapField, number]>();
for (const f of MAP_FIELDS) for (const s of SYNONYMS[f]) EXACT.set(normaliseHeader(s), [f, 1]);
for (const [s, f, c] of LOOSE) EXACT.set(normaliseHeader(s), [f, c]);

const any = (t: Set<string>, words: string[]): boolean => words.some((w) => t.has(w));

/** Token rules for headers no synonym covers ("Last Call Date", "MRR 2026", "Client Company Name"). */
function looseScore(f: MapField, t: Set<string>, s: string): number {
  switch (f) {
    case 'name':
      if (any(t, ['owner', 'csm', 'manager', 'contact', 'user', 'first', 'last', 'email'])) return 0;
      if (t.has('name') && any(t, ['account', 'company', 'customer', 'client', 'organization', 'organisation', 'org'])) return 0.8;
      return t.has('name') ? 0.5 : 0;
    case 'mrr':
      if (t.has('mrr')) return 0.8;
      return t.has('monthly') && any(t, ['revenue', 'recurring', 'value', 'fee', 'spend', 'amount']) ? 0.7 : 0;
    case 'arr':
      if (t.has('arr') || t.has('acv')) return 0.8;
      return any(t, ['annual', 'yearly']) && any(t, ['revenue', 'recurring', 'value', 'amount']) ? 0.7 : 0;
    case 'last-touch':
      if (t.has('last') && any(t, ['touch', 'touched', 'contact', 'contacted', 'activity', 'engagement', 'engaged', 'interaction', 'meeting', 'call', 'touchpoint'])) return 0.8;
      return s.includes('days since') ? 0.7 : 0;
    case 'usage':
      return any(t, ['usage', 'adoption', 'utilization', 'utilisation']) ? 0.7 : 0;
    case 'sentiment':
      return any(t, ['sentiment', 'nps', 'csat', 'health', 'satisfaction']) ? 0.7 : 0;
    case 'owner':
      if (!any(t, ['owner', 'csm', 'manager'])) return 0;
      return any(t, ['email', 'id', 'phone']) ? 0.4 : 0.7;
    case 'segment':
      return any(t, ['segment', 'tier', 'plan']) ? 0.7 : 0;
    case 'renewal-date':
      if (any(t, ['renewal', 'renews', 'renewing'])) return 0.8;
      return any(t, ['contract', 'subscription', 'term']) && any(t, ['end', 'ends', 'expiry', 'expiration']) ? 0.7 : 0;
    case 'usage-of':
      return 0;
    case 'id':
      return 0; // only known spellings: an id column is never guessed from loose words
  }
}

const SEAT_WORDS = ['seats', 'seat', 'licenses', 'license', 'licences', 'licence', 'users', 'user'];

/** "Active Users", "Active Seats", "Seats Used", "Assigned Licenses", "MAU": the part of the seats in use. */
function ratioNumerator(t: Set<string>, s: string): boolean {
  if (s === 'mau' || s === 'wau' || s === 'dau' || s.endsWith('active users')) return true;
  if (!any(t, SEAT_WORDS)) return false;
  return any(t, ['active', 'used', 'assigned', 'occupied', 'consumed', 'utilized', 'utilised', 'engaged']) || s.includes('in use');
}

/** "Total Seats", "Licensed Seats", "Seats Purchased", "Seats", "License Count": all the seats paid for. */
function ratioDenominator(t: Set<string>, s: string): boolean {
  if (!any(t, SEAT_WORDS)) return false;
  if (any(t, ['total', 'licensed', 'purchased', 'paid', 'contracted', 'available', 'provisioned', 'allocated', 'bought', 'limit', 'count', 'entitled', 'max'])) return true;
  return s === 'seats' || s === 'licenses' || s === 'licences' || s === 'seat count';
}

/**
 * SPEC §4.1 usage as a ratio: a numerator and a denominator column among `free` (columns no field took),
 * e.g. "Active Users" ÷ "Total Seats"; null when the headers do not say so (or say it ambiguously).
 */
export function ratioPair(headers: readonly string[], free: (col: number) => boolean = () => true): { usage: number; of: number } | null {
  const nums: number[] = [];
  const dens: number[] = [];
  headers.forEach((h, col) => {
    if (!free(col)) return;
    const s = normaliseHeader(h);
    const t = new Set(s.split(' '));
    if (t.has('id') || t.has('pct') || t.has('percent') || t.has('rate')) return;
    const num = ratioNumerator(t, s);
    const den = ratioDenominator(t, s);
    if (num && !den) nums.push(col);
    else if (den && !num) dens.push(col);
  });
  if (nums.length === 0 || dens.length === 0) return null;
  return { usage: nums[0], of: dens[0] };
}

/** SPEC §2.3 sentiment: when an export has several (Sentiment, Health, NPS, CSAT), the earlier synonym wins. */
const SENTIMENT_RANK = new Map(SYNONYMS.sentiment.map((h, k) => [normaliseHeader(h), k]));
const sentimentRank = (col: number, headers: readonly string[]): number =>
  SENTIMENT_RANK.get(normaliseHeader(headers[col])) ?? SENTIMENT_RANK.size;

/** Columns that could be the sentiment input, besides the one mapped (for the mapping step to point at). */
export function sentimentCandidates(headers: readonly string[]): number[] {
  const out: number[] = [];
  headers.forEach((h, col) => {
    const s = normaliseHeader(h);
    if (s === '') return;
    const exact = EXACT.get(s);
    if (exact ? exact[0] === 'sentiment' : looseScore('sentiment', new Set(s.split(' ')), s) >= MIN_CONFIDENCE) out.push(col);
  });
  return out;
}

/** Loose matches below this are not proposed. */
const MIN_CONFIDENCE = 0.4;

/**
 * Guesses a column per field. Every column maps to at most one field and every field to at most one
 * column; the best-scoring pairs win (ties: the earlier column). MRR and ARR may both be mapped: the
 * importer then prefers MRR and uses ARR ÷ 12 only where MRR is empty.
 */
export function guessMapping(headers: readonly string[]): MappingGuess {
  const pairs: Array<[number, number, MapField]> = [];
  headers.forEach((h, col) => {
    const s = normaliseHeader(h);
    if (s === '') return;
    const exact = EXACT.get(s);
    if (exact) {
      pairs.push([exact[1], col, exact[0]]);
      return;
    }
    const t = new Set(s.split(' '));
    if (t.has('id')) return; // "Account ID", "Owner Id": keys, not values
    for (const f of MAP_FIELDS) {
      const c = looseScore(f, t, s);
      if (c >= MIN_CONFIDENCE) pairs.push([c, col, f]);
    }
  });
  pairs.sort(
    (a, b) => b[0] - a[0] || (a[2] === 'sentiment' && b[2] === 'sentiment' ? sentimentRank(a[1], headers) - sentimentRank(b[1], headers) : 0) || a[1] - b[1],
  );
  const mapping: ColumnMapping = {};
  const confidence: MappingGuess['confidence'] = {};
  const taken = new Set<number>();
  for (const [c, col, f] of pairs) {
    if (mapping[f] !== undefined || taken.has(col)) continue;
    mapping[f] = col;
    confidence[f] = c;
    taken.add(col);
  }
  // No usage column (or only a loose guess): a seats pair reads as usage = in use ÷ total × 100.
  if (mapping.usage === undefined || (confidence.usage ?? 0) < 1) {
    const pair = ratioPair(headers, (col) => !taken.has(col) || col === mapping.usage);
    if (pair) {
      mapping.usage = pair.usage;
      mapping['usage-of'] = pair.of;
      confidence.usage = 0.8;
      confidence['usage-of'] = 0.8;
    }
  }
  return { mapping, confidence };
}
