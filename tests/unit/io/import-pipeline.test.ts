import { nameAt, unpackNames } from '../../../src/lib/engine/names';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { daysFromCivil } from '../../../src/lib/io/calendar';
import { createColumnBuilder, importText, parseText, previewText, type TextOptions } from '../../../src/lib/io/import-pipeline';
import type { TextImport } from '../../../src/lib/io/types';

const TODAY = daysFromCivil(2026, 3, 15);
const HEADER = 'Account Name,MRR,Days Since Last Touch,Usage %,Sentiment';
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

function imported(text: string, opts: TextOptions = {}): TextImport {
  const r = parseText(text, { today: TODAY, ...opts });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** The one account a one-row CSV yields. */
function account(row: string, header = HEADER, opts: TextOptions = {}) {
  const r = imported(`${header}\n${row}\n`, opts);
  expect(r.issues).toEqual([]);
  const c = r.columns;
  return { name: nameAt(c.name, 0), mrr: c.mrr[0], days: c.days[0], usage: c.usage[0], sentiment: c.sentiment[0] };
}

/** The reason a one-row CSV cannot be scored. */
function reason(row: string, header = HEADER, opts: TextOptions = {}): string {
  const r = imported(`${header}\n${row}\n`, opts);
  expect(r.scored).toBe(0);
  expect(r.unscored).toBe(1);
  return r.issues[0].reason;
}

describe('SPEC §4.2 worked example row', () => {
  it('Acme,"$24,000",38,42%,55 → MRR 24000, 38 days, usage 42, sentiment 55', () =>
    expect(account('Acme,"$24,000",38,42%,55')).toEqual({ name: 'Acme', mrr: 24000, days: 38, usage: 42, sentiment: 55 }));
  it('the same row with the money unquoted in a semicolon file', () =>
    expect(account('Acme;$24,000;38;42%;55', HEADER.replaceAll(',', ';'))).toMatchObject({ mrr: 24000, usage: 42 }));
});

describe('SPEC §2.3 required values', () => {
  it.each([
    ['ARR ÷ 12', 'Acme,288000,38,42,55', 'Account,ARR,Days Since Last Touch,Usage,Sentiment', { mrr: 24000 }],
    ['MRR preferred over ARR', 'Acme,24000,999999,38,42,55', 'Account,MRR,ARR,Last Touch,Usage,Sentiment', { mrr: 24000 }],
    ['ARR where MRR is empty', 'Acme,,120000,38,42,55', 'Account,MRR,ARR,Last Touch,Usage,Sentiment', { mrr: 10000 }],
    ['a last-touch date → days before today', 'Acme,24000,2026-02-05,42,55', HEADER, { days: 38 }],
    ['today is 0 days', 'Acme,24000,2026-03-15,42,55', HEADER, { days: 0 }],
    ['an Excel serial date', 'Acme,24000,46058,42,55', HEADER, { days: 38 }],
    ['"38 days"', 'Acme,24000,38 days,42,55', HEADER, { days: 38 }],
    ['a name trimmed', '  Acme  ,24000,38,42,55', HEADER, { name: 'Acme' }],
    ['usage with % in a fraction-looking row', 'Acme,24000,38,0.5%,55', HEADER, { usage: 0.5 }],
    ['zero MRR is allowed', 'Acme,0,38,42,55', HEADER, { mrr: 0 }],
  ])('%s', (_, row, header, want) => expect(account(row, header)).toMatchObject(want));
});

describe('SPEC §2.3 import report: every reason', () => {
  it.each([
    [',24000,38,42,55', 'name is empty'],
    ['Acme,,38,42,55', 'MRR is empty'],
    ['Acme,abc,38,42,55', 'MRR "abc" is not an amount'],
    ['Acme,(1200),38,42,55', 'MRR "(1200)" is negative'],
    ['Acme,24000,,42,55', 'last touch is empty'],
    ['Acme,24000,-3,42,55', 'last touch "-3" is negative'],
    ['Acme,24000,soon,42,55', 'last touch "soon" is not a number of days or a date'],
    ['Acme,24000,90000,42,55', 'last touch "90000" is not a number of days or a date'],
    ['Acme,24000,2026-04-01,42,55', 'last touch "2026-04-01" is in the future'],
    ['Acme,24000,2026-02-30,42,55', 'last touch "2026-02-30" is not a valid date'],
    ['Acme,24000,38,,55', 'usage is empty'],
    ['Acme,24000,38,140%,55', 'usage "140%" is above 100 %'],
    ['Acme,24000,38,-5,55', 'usage "-5" is below 0 %'],
    ['Acme,24000,38,high,55', 'usage "high" is not a percentage'],
    ['Acme,24000,38,42,', 'sentiment is empty'],
    ['Acme,24000,38,42,great', 'sentiment "great" is not a number'],
    ['Acme,24000,38,42,150', 'sentiment "150" is above 100'],
    ['Acme,24000,38,42,-150', 'sentiment "-150" is below −100'],
    ['Acme,24000,38', 'usage is missing (the row has 3 of 5 columns); sentiment is missing (the row has 3 of 5 columns)'],
  ])('%s → %s', (row, want) => expect(reason(row)).toBe(want));

  it.each<[string, string, string, TextOptions?]>([
    ['Acme,,,38,42,55', 'Account,MRR,ARR,Last Touch,Usage,Sentiment', 'MRR and ARR are empty'],
    ['Acme,,38,42,55', 'Account,ARR,Last Touch,Usage,Sentiment', 'ARR is empty'],
    ['Acme,x,38,42,55', 'Account,ARR,Last Touch,Usage,Sentiment', 'ARR "x" is not an amount'],
    ['Acme,24000,38,42,6', 'Account,MRR,Last Touch,Usage,Sentiment', 'sentiment "6" is outside the 1–5 scale', { sentimentScale: '1-5' }],
    ['Acme,24000,38,42,55', 'Account,MRR,Last Touch,Usage,Sentiment', 'usage "42" is above 1 (usage is read as 0–1 fractions)', { usageMode: 'fraction' }],
  ])('%s under %s → %s', (row, header, want, opts) => expect(reason(row, header, opts)).toBe(want));

  it('lists ALL reasons of a row, joined with "; ", with its name and line', () => {
    const r = imported(`${HEADER}\nAcme,24000,38,42,55\nBad,abc,-1,140%,200\n`);
    expect(r.issues).toEqual([
      { line: 3, name: 'Bad', reason: 'MRR "abc" is not an amount; last touch "-1" is negative; usage "140%" is above 100 %; sentiment "200" is above 100' },
    ]);
    expect([r.scored, r.unscored]).toEqual([1, 1]);
  });

  it('caps the listed issues but keeps the count exact', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `A${i},x,1,1,1`).join('\n');
    const r = imported(`${HEADER}\n${rows}\n`, { maxIssues: 10 });
    expect([r.issues.length, r.unscored, r.issuesOmitted]).toEqual([10, 30, 20]);
    expect(r.warnings).toContain('Only the first 10 unscorable rows are listed.');
  });
});

describe('optional columns', () => {
  const header = 'Account,MRR,Last Touch,Usage,Sentiment,Owner,Segment,Renewal Date';
  it('dictionary-encodes owner and segment (0 = none) and reads renewal dates', () => {
    const r = imported(`${header}\nA,1,1,1,50,Jane,SMB,2026-09-30\nB,1,1,1,50,,SMB,\nC,1,1,1,50, Sam ,Enterprise,09/30/2026\n`);
    const c = r.columns;
    expect(c.ownerDict).toEqual(['', 'Jane', 'Sam']);
    expect(Array.from(c.owner)).toEqual([1, 0, 2]);
    expect(c.segmentDict).toEqual(['', 'SMB', 'Enterprise']);
    expect(Array.from(c.segment)).toEqual([1, 1, 2]);
    expect(Array.from(c.renewal)).toEqual([daysFromCivil(2026, 9, 30), NaN, daysFromCivil(2026, 9, 30)]);
  });
  it('an unreadable renewal date is a cell warning; the row is still scored', () => {
    const r = imported(`${header}\nA,1,1,1,50,Jane,SMB,someday\n`);
    expect(r.scored).toBe(1);
    expect(r.issues).toEqual([]);
    expect(r.cellWarnings).toEqual([{ line: 2, name: 'A', reason: 'renewal date "someday" is not a date; left empty' }]);
    expect(r.columns.renewal[0]).toBeNaN();
  });
});

describe('column-wide decisions', () => {
  it('SPEC §2.3: a usage column entirely within 0–1 is read as fractions', () => {
    const r = imported(`${HEADER}\nA,1,1,0.42,50\nB,1,1,0.9,50\nC,1,1,1,50\n`);
    expect(Array.from(r.columns.usage)).toEqual([42, 90, 100]);
    expect(r.decisions).toMatchObject({ usageMode: 'fraction', usageCertain: true });
  });
  it('one value above 1 keeps the column in percent', () => {
    const r = imported(`${HEADER}\nA,1,1,0.42,50\nB,1,1,90,50\n`);
    expect(Array.from(r.columns.usage)).toEqual([0.42, 90]);
    expect(r.decisions.usageMode).toBe('percent');
  });
  it('usage can be forced to percent', () => {
    const r = imported(`${HEADER}\nA,1,1,0.42,50\n`, { usageMode: 'percent' });
    expect(r.columns.usage[0]).toBe(0.42);
  });

  it.each([
    ['1-5 whole numbers', ['1', '3', '5'], 'CSAT', [0, 50, 100], '1-5', false],
    ['NPS by a negative value', ['-20', '40', '100'], 'Sentiment', [40, 70, 100], 'nps', true],
    ['NPS by header', ['20', '40', '60'], 'NPS', [60, 70, 80], 'nps', true],
    ['0–10', ['0', '7', '10'], 'Sentiment', [0, 70, 100], '0-10', false],
    ['0–100', ['12', '55', '90'], 'Sentiment', [12, 55, 90], '0-100', true],
  ])('sentiment scale detected: %s', (_, values, header, want, scale, certain) => {
    const rows = values.map((v, i) => `A${i},1,1,1,${v}`).join('\n');
    const r = imported(`Account,MRR,Last Touch,Usage,${header}\n${rows}\n`);
    expect(Array.from(r.columns.sentiment)).toEqual(want);
    expect(r.decisions).toMatchObject({ sentimentScale: scale, sentimentCertain: certain });
    expect(r.warnings.some((w) => w.startsWith('Sentiment was read on'))).toBe(!certain);
  });
  it('a chosen sentiment scale overrides detection', () => {
    const r = imported(`${HEADER}\nA,1,1,1,3\n`, { sentimentScale: '0-10' });
    expect(r.columns.sentiment[0]).toBe(30);
    expect(r.decisions).toMatchObject({ sentimentScale: '0-10', sentimentCertain: true });
  });

  describe('SPEC §2.3 slash dates, decided per column', () => {
    const rows = (...dates: string[]) => dates.map((d, i) => `A${i},1,${d},1,50`).join('\n');
    it('a first part above 12 reads the column day first', () => {
      const r = imported(`${HEADER}\n${rows('25/02/2026', '03/02/2026')}\n`);
      expect(Array.from(r.columns.days)).toEqual([18, 40]);
      expect(r.decisions).toMatchObject({ dateOrder: 'dmy', dateOrderCertain: true });
    });
    it('a second part above 12 reads it month first', () => {
      const r = imported(`${HEADER}\n${rows('02/25/2026', '03/02/2026')}\n`);
      expect(Array.from(r.columns.days)).toEqual([18, 13]);
      expect(r.decisions).toMatchObject({ dateOrder: 'mdy', dateOrderCertain: true });
    });
    it('otherwise month first by default, and the report says so', () => {
      const r = imported(`${HEADER}\n${rows('03/02/2026')}\n`);
      expect(r.columns.days[0]).toBe(13);
      expect(r.decisions).toMatchObject({ dateOrder: 'mdy', dateOrderCertain: false });
      expect(r.warnings).toContain('Dates like 03/04/2026 were read as MM/DD/YYYY (month first); choose DD/MM/YYYY if that is wrong.');
    });
    it('the choice can be overridden', () => {
      const r = imported(`${HEADER}\n${rows('03/02/2026')}\n`, { dateOrder: 'dmy' });
      expect(r.columns.days[0]).toBe(40);
    });
    it('a date that does not fit the column order is a row issue; a future reading too', () => {
      const r = imported(`${HEADER}\n${rows('25/02/2026', '26/02/2026', '02/27/2026', '03/04/2026')}\n`);
      expect(unpackNames(r.columns.name)).toEqual(['A0', 'A1']);
      expect(r.issues).toEqual([
        { line: 4, name: 'A2', reason: 'last touch "02/27/2026" is not a valid DD/MM/YYYY date' },
        { line: 5, name: 'A3', reason: 'last touch "03/04/2026" is in the future' },
      ]);
      expect(r.decisions.dateOrderCertain).toBe(false);
    });
    it('a row failing for another reason also gets its date reason once the order is known', () => {
      const r = imported(`${HEADER}\n${rows('25/02/2026', '26/02/2026')}\nB,x,02/27/2026,1,50\n`);
      expect(r.issues[0].reason).toBe('MRR "x" is not an amount; last touch "02/27/2026" is not a valid DD/MM/YYYY date');
    });
  });

  it('SPEC §2.3 €1.234,50: a column writing decimal commas reads 1.234 as 1234', () => {
    const r = imported(fixture('accounts-semicolon-eu.csv'));
    expect(r.delimiter).toBe(';');
    expect(Array.from(r.columns.mrr)).toEqual([1234.5, 1234, 24000]);
    expect(Array.from(r.columns.usage)).toEqual([42, 90, 75]);
    expect(Array.from(r.columns.sentiment)).toEqual([70, 40, 55]);
    expect(r.decisions).toMatchObject({ moneyDecimal: ',', usageMode: 'fraction', sentimentScale: 'nps' });
  });
  it('a column writing decimal points keeps 1.234 as 1.234', () => {
    const r = imported(`${HEADER}\nA,1.234,1,1,50\nB,"1,234.50",1,1,50\n`);
    expect(Array.from(r.columns.mrr)).toEqual([1.234, 1234.5]);
    expect(r.decisions.moneyDecimal).toBe('.');
  });
});

describe('SPEC §2.3 duplicate names are kept and flagged', () => {
  it('flags every row sharing a name', () => {
    const r = imported(`${HEADER}\nAcme,1,1,1,50\nGlobex,1,1,1,50\nAcme,2,1,1,50\nAcme ,3,1,1,50\nacme,4,1,1,50\n`);
    expect(unpackNames(r.columns.name)).toEqual(['Acme', 'Globex', 'Acme', 'Acme', 'acme']);
    expect(Array.from(r.columns.duplicate)).toEqual([1, 0, 1, 1, 0]);
  });
  it('an unscorable namesake does not flag a scored row', () => {
    const r = imported(`${HEADER}\nAcme,1,1,1,50\nAcme,x,1,1,50\n`);
    expect(Array.from(r.columns.duplicate)).toEqual([0]);
  });
  it('stays right when rows are dropped after the date order is settled', () => {
    const r = imported(`${HEADER}\nA,1,25/02/2026,1,50\nC,1,26/02/2026,1,50\nA,1,02/27/2026,1,50\nB,1,1,1,50\nB,1,2,1,50\n`);
    expect(unpackNames(r.columns.name)).toEqual(['A', 'C', 'B', 'B']);
    expect(Array.from(r.columns.duplicate)).toEqual([0, 0, 1, 1]);
  });
  it('agrees with a Set over many names (growing tables)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'Acme', 'Globex', 'x y', 'É'), { maxLength: 300 }), (names) => {
        const rows = names.map((n) => `${n},1,1,1,50`).join('\n');
        const r = parseText(`${HEADER}\n${rows}\n`, { today: TODAY });
        const count = new Map<string, number>();
        for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
        const want = names.map((n) => ((count.get(n) ?? 0) > 1 ? 1 : 0));
        expect(r.ok ? Array.from(r.value.columns.duplicate) : []).toEqual(want);
      }),
    );
  });
});

describe('SPEC §2.3 real exports', () => {
  it('a CRM export: BOM, CRLF, quoted commas, escaped quotes, a newline inside a name, trailing blank lines', () => {
    const r = imported(fixture('accounts-crm-export.csv'));
    expect(r.header[0]).toBe('Account Name');
    expect(r.mapping).toEqual({ name: 0, mrr: 1, 'last-touch': 2, usage: 3, sentiment: 4, owner: 5, segment: 6, 'renewal-date': 7 });
    const c = r.columns;
    expect(unpackNames(c.name)).toEqual(['Acme, Inc.', 'Globex "West"', 'Initech\r\n(legacy)', 'Acme, Inc.']);
    expect(Array.from(c.line)).toEqual([2, 3, 4, 8]);
    expect(Array.from(c.mrr)).toEqual([24000, 1200, 950, 100]);
    expect(Array.from(c.days)).toEqual([38, 1, 54, 5]);
    expect(Array.from(c.duplicate)).toEqual([1, 0, 0, 1]);
    expect(r.issues).toEqual([
      { line: 6, name: 'Umbrella', reason: 'MRR "abc" is not an amount; usage "140%" is above 100 %' },
    ]);
    expect(r.cellWarnings).toEqual([{ line: 8, name: 'Acme, Inc.', reason: 'renewal date "someday" is not a date; left empty' }]);
    expect(r.warnings).toContain('1 row with only empty cells skipped (line 7).');
    expect([r.scored, r.unscored]).toEqual([4, 1]);
  });

  it('a Google Sheets / Excel paste is tab-separated', () => {
    const r = imported(fixture('accounts-sheets-paste.tsv'));
    expect(r.delimiter).toBe('\t');
    expect(unpackNames(r.columns.name)).toEqual(['Acme, Inc.', 'Globex', 'Initech']);
    expect(Array.from(r.columns.usage)).toEqual([42, 90, 5]);
    expect(Array.from(r.columns.sentiment)).toEqual([75, 100, 0]);
    expect(r.columns.segmentDict).toEqual(['', 'Pro', 'Starter']);
  });

  it.each([
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
  ])('detects the %s delimiter', (_, d) => {
    const r = imported(`${HEADER.replaceAll(',', d)}\n${['Acme', '24000', '38', '42', '55'].join(d)}\n`);
    expect(r.delimiter).toBe(d);
    expect(r.scored).toBe(1);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('%s line ends, with line numbers', (_, nl) => {
    const r = imported([HEADER, 'A,1,1,1,50', '', 'B,1,1,1,50', 'C,x,1,1,50', '', ''].join(nl));
    expect(Array.from(r.columns.line)).toEqual([2, 4]);
    expect(r.issues.map((i) => i.line)).toEqual([5]);
  });

  it('blank lines before the header are skipped and counted in the line numbers', () => {
    const r = imported(`\n\n${HEADER}\nA,1,1,1,50\n`);
    expect(r.columns.line[0]).toBe(4);
  });

  it('trailing blank and whitespace-only lines are skipped silently', () => {
    const r = imported(`${HEADER}\nA,1,1,42,50\n\n   \n\t\n`);
    expect([r.scored, r.unscored, r.warnings]).toEqual([1, 0, []]);
  });

  it('an unclosed quote is reported with its line', () => {
    const r = imported(`${HEADER}\nA,1,1,1,50\n"B,1,1,1,50\nC,1,1,1,50\n`);
    expect(r.warnings[0]).toBe('Line 3: a quoted cell is never closed, so the rest of the file was read into it.');
  });
});

describe('line numbers are source lines, even with line breaks inside quoted cells', () => {
  // A record with k line breaks inside its cells pushes the next record down k lines.
  const arb = fc.array(
    fc.record({ breaks: fc.integer({ min: 0, max: 3 }), blankAfter: fc.boolean(), bad: fc.boolean() }),
    { minLength: 1, maxLength: 40 },
  );
  it.each([1, 3, 4096])('with progress every %d records', (every) => {
    fc.assert(
      fc.property(arb, fc.constantFrom('\n', '\r\n'), (rows, nl) => {
        const lines: string[] = [HEADER];
        const want: number[] = [];
        let line = 2;
        rows.forEach((r, i) => {
          want.push(line);
          const name = `"Acc${i}${`${nl}more`.repeat(r.breaks)}"`;
          lines.push(`${name},${r.bad ? 'x' : 1},1,1,50`);
          line += 1 + r.breaks;
          if (r.blankAfter) {
            lines.push('');
            line++;
          }
        });
        const res = importText(lines.join(nl) + nl, { today: TODAY }, { every, onProgress: () => {} });
        if (!res.ok) throw new Error(res.reason);
        const got = [...Array.from(res.value.columns.line), ...res.value.issues.map((x) => x.line)].sort((a, b) => a - b);
        expect(got).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });
});

describe('a text over several chunks (papaparse reads ~1 Mi characters at a time)', () => {
  // 30,000 rows of ~40 characters: about 1.2 Mi characters, so chunk boundaries fall inside records.
  const rows = <T>(n: number, at: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => at(i));
  it.each([
    ['every record on one line', -1],
    ['a line break inside quotes in the last chunk', 29_000],
    ['a line break inside quotes in the first chunk', 10],
  ])('%s: every row on its source line', (_, broken) => {
    const body = rows(30_000, (i) => (i === broken ? `"Account${i}\nmore",1,1,1,50` : `Account number ${i},1,1,1,50`));
    const r = imported(`${HEADER}\n${body.join('\n')}\n`);
    expect(r.scored).toBe(30_000);
    // Row i starts on line i + 2, one line further down after the record with a line break in it.
    const want = rows(30_000, (i) => i + 2 + (broken >= 0 && i > broken ? 1 : 0));
    expect(Array.from(r.columns.line)).toEqual(want);
  });

  it('a row with an issue in a later chunk is reported on its line', () => {
    const body = rows(30_000, (i) => (i === 25_000 ? `Account ${i},x,1,1,50` : `Account ${i},1,1,1,50`));
    const r = imported(`${HEADER}\n${body.join('\n')}\n`);
    expect(r.issues.map((x) => x.line)).toEqual([25_002]);
  });
});

describe('files that cannot be imported get one clear message', () => {
  it.each([
    ['', 'The file is empty.'],
    ['\n\n  \n', 'The file is empty.'],
    [`${HEADER}\n`, 'The file has a header but no account rows.'],
    [
      'Company ID,Revenue Band,Region\n1,2,3\n',
      'No column found for account name, MRR or ARR, days since last touch (or last-touch date), usage and sentiment. Headers seen: "Company ID", "Revenue Band", "Region". Choose the columns in the mapping step.',
    ],
    [
      'Account,Owner\nAcme,Jane\n',
      'No column found for MRR or ARR, days since last touch (or last-touch date), usage and sentiment. Headers seen: "Account", "Owner". Choose the columns in the mapping step.',
    ],
  ])('%j', (text, reason) => expect(parseText(text, { today: TODAY })).toEqual({ ok: false, reason }));

  it('a column mapped twice', () =>
    expect(parseText(`${HEADER}\nA,1,1,1,50\n`, { mapping: { name: 0, mrr: 1, 'last-touch': 1, usage: 3, sentiment: 4 } })).toEqual({
      ok: false,
      reason: 'Column "MRR" is mapped to both MRR and days since last touch (or last-touch date).',
    }));

  it('a column outside the header', () =>
    expect(createColumnBuilder({ header: ['a'], mapping: { name: 3 } })).toEqual({
      ok: false,
      reason: 'The account name column (3) is not in the file, which has 1 columns.',
    }));

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => void parseText(s, { today: TODAY })));
  });
});

describe('the streaming builder', () => {
  it('takes rows one by one and grows past its first capacity', () => {
    const b = createColumnBuilder({
      header: ['n', 'm', 'd', 'u', 's'],
      mapping: { name: 0, mrr: 1, 'last-touch': 2, usage: 3, sentiment: 4 },
      today: TODAY,
      expectedRows: 1,
    });
    if (!b.ok) throw new Error(b.reason);
    for (let i = 0; i < 3000; i++) b.value.push([`A${i}`, String(i), '1', '0.5', '50'], i + 2);
    const r = b.value.finish();
    expect(r.scored).toBe(3000);
    expect(r.columns.mrr[2999]).toBe(2999);
    expect(r.columns.usage[0]).toBe(50);
    expect(r.columns.mrr.length).toBe(3000);
    expect(b.value.finish()).toBe(r);
  });
});

describe('progress hooks', () => {
  it('reports every N records and stops when asked', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `A${i},1,1,42,50`).join('\n');
    const seen: number[] = [];
    const r = importText(`${HEADER}\n${rows}\n`, { today: TODAY }, { every: 10, onProgress: (n) => (seen.push(n), n < 30) });
    expect(seen).toEqual([9, 19, 29, 39]);
    expect(r.ok && r.value.scored).toBe(39);
  });
});

describe('previewText', () => {
  it('returns the header, the first rows, the delimiter and the guessed mapping', () => {
    const p = previewText(fixture('accounts-crm-export.csv'), 2);
    expect(p).toEqual({
      ok: true,
      value: {
        header: ['Account Name', 'MRR (USD)', 'Last Activity Date', 'Usage %', 'Health Score', 'Account Owner', 'Customer Tier', 'Renewal Date'],
        rows: [
          ['Acme, Inc.', '$24,000', '02/05/2026', '42%', '55', 'Jane Doe', 'Enterprise', '2026-09-30'],
          ['Globex "West"', '$1.2K', '03/14/2026', '88%', '71', 'Sam Lee', 'SMB', '2027-01-15'],
        ],
        delimiter: ',',
        guess: {
          mapping: { name: 0, mrr: 1, 'last-touch': 2, usage: 3, sentiment: 4, owner: 5, segment: 6, 'renewal-date': 7 },
          confidence: { name: 1, mrr: 1, 'last-touch': 1, usage: 1, sentiment: 1, owner: 1, segment: 1, 'renewal-date': 1 },
        },
      },
    });
  });
  it('an empty text is a clear failure', () => expect(previewText('  \n')).toEqual({ ok: false, reason: 'The file is empty.' }));
});
