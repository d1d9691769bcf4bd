import { MAP_FIELDS, type MapField } from '../../../src/lib/engine/types';
import { headerSetKey, mappingFromNames, mappingToNames } from '../../../src/lib/io/header-key';
import { guessMapping, normaliseHeader } from '../../../src/lib/io/synonyms';

describe('header normalisation', () => {
  it.each([
    ['Account Name', 'account name'],
    ['account_name', 'account name'],
    ['ACCOUNT-NAME', 'account name'],
    ['accountName', 'account name'],
    ['\uFEFFAccount Name', 'account name'],
    ['  Account   Name  ', 'account name'],
    ['MRR (USD)', 'mrr'],
    ['mrr_usd', 'mrr'],
    ['ARR in USD', 'arr'],
    ['Usage %', 'usage'],
    ['Usage (%)', 'usage'],
    ['CSAT [1-5]', 'csat'],
    ['Health_Score__c', 'health score'],
    ['CSMName', 'csm name'],
    ['Días desde último contacto', 'dias desde ultimo contacto'],
  ])('%j → %j', (raw, want) => expect(normaliseHeader(raw)).toBe(want));
});

/** SPEC §2.3 synonyms, field by field (each header alone, so nothing competes). */
const SYNONYMS: Array<[MapField, string[]]> = [
  ['name', ['Account Name', 'Account', 'Company', 'Company name', 'Customer', 'Customer Name', 'Name', 'Client', 'Organisation']],
  ['mrr', ['MRR', 'MRR (USD)', 'mrr_usd', 'Monthly Recurring Revenue', 'Monthly Revenue', 'Current MRR']],
  ['arr', ['ARR', 'Annual Recurring Revenue', 'ARR (USD)', 'Contract Value', 'ACV']],
  ['last-touch', [
    'Days Since Last Touch', 'Days since last contact', 'Last Touch', 'Last Activity Date', 'Last Activity',
    'Last Contacted', 'Last Touch Date', 'Last Engagement', 'days_since_last_touch',
  ]],
  ['usage', ['Usage', 'Usage %', 'Product Usage', 'Product Usage Score', 'Adoption', 'Active Usage', 'Usage Score']],
  ['sentiment', ['Sentiment', 'Health Score', 'NPS', 'CSAT', 'Sentiment Score', 'CSAT Score']],
  ['owner', ['Owner', 'Account Owner', 'CSM', 'Customer Success Manager', 'CSM Name']],
  ['segment', ['Segment', 'Tier', 'Customer Tier', 'Plan']],
  ['renewal-date', ['Renewal Date', 'Renewal', 'Contract End Date', 'Contract End', 'Next Renewal']],
  ['id', ['Account ID', 'Customer ID', 'Company ID', 'External ID', 'Record ID', 'Salesforce ID', 'HubSpot ID', 'ID', 'account_id']],
];

describe('SPEC §2.3 header synonyms', () => {
  const cases = SYNONYMS.flatMap(([field, headers]) => headers.map((h) => [h, field] as const));
  it.each(cases)('%j maps to %s', (header, field) => {
    const g = guessMapping(['Unrelated', header]);
    expect(g.mapping).toEqual({ [field]: 1 });
    expect(g.confidence[field]).toBeGreaterThanOrEqual(0.7);
  });

  it.each([
    ['Last Call Date', 'last-touch'],
    ['Client Company Name', 'name'],
    ['MRR 2026', 'mrr'],
    ['Subscription Renewal On', 'renewal-date'],
    ['Customer Health Index', 'sentiment'],
  ] as const)('loose spelling %j maps to %s with lower confidence', (header, field) => {
    const g = guessMapping([header]);
    expect(g.mapping[field]).toBe(0);
    expect(g.confidence[field]).toBeLessThan(1);
  });

  it('maps a typical CRM export, one field per column', () => {
    const headers = ['Account ID', 'Account Name', 'Account Owner', 'MRR (USD)', 'ARR (USD)', 'Last Activity Date', 'Usage %', 'Health Score', 'Customer Tier', 'Renewal Date'];
    expect(guessMapping(headers).mapping).toEqual({
      id: 0, name: 1, owner: 2, mrr: 3, arr: 4, 'last-touch': 5, usage: 6, sentiment: 7, segment: 8, 'renewal-date': 9,
    });
  });

  it('SPEC §4.6: "Account ID" is the account id; other keys like "Owner Id" are not values', () =>
    expect(guessMapping(['Account ID', 'Owner Id']).mapping).toEqual({ id: 0 }));

  it('each column maps to at most one field and each field to one column', () => {
    const g = guessMapping(['Name', 'Company', 'NPS', 'CSAT', 'Usage', 'Adoption']);
    expect(g.mapping).toEqual({ name: 0, sentiment: 2, usage: 4 });
    const cols = Object.values(g.mapping);
    expect(new Set(cols).size).toBe(cols.length);
  });

  it('the synonym lists do not collide across fields', () => {
    for (const [field, headers] of SYNONYMS) {
      for (const h of headers) expect(Object.keys(guessMapping([h]).mapping)).toEqual([field]);
    }
  });

  // The usage denominator is only ever guessed as half of a seats pair (partial-import.test.ts).
  it('knows every mapped field', () => expect(SYNONYMS.map(([f]) => f)).toEqual(MAP_FIELDS.filter((f) => f !== 'usage-of')));
});

describe('remembering a corrected mapping (SPEC §5)', () => {
  it('the key ignores order, case and spelling noise', () => {
    expect(headerSetKey(['Account Name', 'MRR', 'Usage %'])).toBe(headerSetKey(['usage', 'mrr_usd', '\uFEFFaccount_name']));
    expect(headerSetKey(['Account Name', 'MRR'])).not.toBe(headerSetKey(['Account Name', 'ARR']));
  });

  it('a mapping stored by name comes back on a reordered file', () => {
    const names = mappingToNames({ name: 0, mrr: 2 }, ['Company', 'Junk', 'Monthly Revenue']);
    expect(names).toEqual({ name: 'company', mrr: 'monthly revenue' });
    expect(mappingFromNames(names, ['monthly_revenue', 'COMPANY'])).toEqual({ name: 1, mrr: 0 });
    expect(mappingFromNames(names, ['Other'])).toEqual({});
  });
});
