/**
 * The calendar export, read back with ical.js (a full RFC 5545 parser), from watchlist
 * entries built from the real FTS records.
 */
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { londonParts } from '../lib/dates';
import { eventUid, escapeText, foldLine, icsFileName, icsSequence, isAllDayKeyDate, watchlistToIcs } from '../lib/export/ics';
import { noticeUrl } from '../lib/fts/urls';
import type { KeyDate } from '../lib/procurement';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings';
import { KEY_DATE_LABELS } from '../lib/timeline/key-dates';
import { watchEntry, type WatchedProcurement } from '../lib/watchlist/entry';
import { readReal, realFixtureNames } from './support/fixtures';

const NOW = new Date('2026-06-01T12:00:00Z');
const WATCHED = new Date('2026-05-20T09:00:00Z');

/** One watchlist entry per real record, as the panel's Watch button would store it. */
function realEntries(): WatchedProcurement[] {
  return realFixtureNames().map((name) => {
    const result = analyseOcds(readReal(name), NOW);
    if (!result.ok) throw new Error(result.message);
    const { procurement } = result.procurements[0]!;
    const noticeId = procurement.notices[0]!.id;
    return watchEntry(procurement, { noticeId, url: noticeUrl(noticeId) }, WATCHED);
  });
}

function entry(ocid: string): WatchedProcurement {
  const found = realEntries().find((e) => e.ocid === ocid);
  if (!found) throw new Error(`no fixture ${ocid}`);
  return found;
}

function withKeyDates(base: WatchedProcurement, keyDates: KeyDate[], extra: Partial<WatchedProcurement> = {}): WatchedProcurement {
  return { ...structuredClone(base), keyDates, ...extra };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevents = calendar.getAllSubcomponents('vevent');
  return { calendar, vevents, events: vevents.map((v) => new ICAL.Event(v)) };
}

const utc = (iso: string) => new Date(iso).toISOString().replace('.000Z', 'Z');
const triggers = (vevent: ICAL.Component) =>
  vevent.getAllSubcomponents('valarm').map((alarm) => String(alarm.getFirstPropertyValue('trigger')));

describe('watchlistToIcs on the real records', () => {
  const entries = realEntries();
  const text = watchlistToIcs(entries, DEFAULT_SETTINGS, NOW);
  const { calendar, vevents, events } = parse(text);
  const keyDates = entries.flatMap((e) => e.keyDates.map((k) => ({ entry: e, keyDate: k })));

  it('has the calendar properties', () => {
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toMatch(/Tender Timeline/);
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Tender Timeline watchlist');
  });

  it('uses CRLF everywhere and folds every line to 75 octets without splitting a character', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const bytes = Buffer.from(text, 'utf8');
    let start = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
        const line = bytes.subarray(start, i);
        expect(line.length).toBeLessThanOrEqual(75);
        expect(() => decoder.decode(line)).not.toThrow();
        start = i + 2;
      }
    }
    expect(text).toMatch(/\r\n [^\r\n]/); // real titles are long enough to fold
  });

  it('has one event per key date, past ones included', () => {
    expect(keyDates.length).toBeGreaterThan(20);
    expect(events).toHaveLength(keyDates.length);
    expect(text.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(keyDates.length);
  });

  it('starts each event at its key date: the UTC instant, or the London date for an all-day one', () => {
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect(byUid.size).toBe(events.length);
    let timed = 0;
    let allDay = 0;
    for (const { entry: e, keyDate } of keyDates) {
      const event = byUid.get(eventUid(e.ocid, keyDate));
      expect(event, `${e.ocid} ${keyDate.type}`).toBeDefined();
      const at = new Date(keyDate.at);
      if (isAllDayKeyDate(keyDate.type, at)) {
        allDay++;
        expect(event!.startDate.isDate).toBe(true);
        expect(event!.startDate.toString()).toBe(londonParts(at).date);
        expect(event!.endDate.toString()).toBe(londonParts(new Date(at.getTime() + 86_400_000)).date);
      } else {
        timed++;
        expect(event!.startDate.isDate).toBe(false);
        expect(event!.startDate.toString()).toBe(utc(keyDate.at));
        expect(event!.startDate.toJSDate().getTime()).toBe(at.getTime());
      }
    }
    expect(timed).toBeGreaterThan(0);
    expect(allDay).toBeGreaterThan(0);
  });

  it.each([
    // 05cfd9: closes at 14:00 in November (GMT): a timed event at 14:00Z.
    ['ocds-h6vhtk-05cfd9', 'submissionDeadline', 'DTSTART:20251124T140000Z'],
    ['ocds-h6vhtk-05cfd9', 'enquiryDeadline', 'DTSTART:20251119T140000Z'],
    // 067b89: 1 July 2026, 11:59pm BST (22:59:59Z): all day on the London date.
    ['ocds-h6vhtk-067b89', 'submissionDeadline', 'DTSTART;VALUE=DATE:20260701'],
    // A contract starting at London midnight (23:00Z the day before, BST): all day 1 Apr.
    ['ocds-h6vhtk-067b89', 'contractStart', 'DTSTART;VALUE=DATE:20270401'],
    // GMT end of day (23:59:59Z).
    ['ocds-h6vhtk-05cfd9', 'awardPeriodEnd', 'DTSTART;VALUE=DATE:20260101'],
  ])('%s %s: %s', (ocid, type, line) => {
    const vevent = vevents.find((v) => String(v.getFirstPropertyValue('uid')).startsWith(`${ocid}-${type}-`));
    expect(vevent?.toString()).toContain(line);
  });

  it('names each event by key date and procurement, and links the notice', () => {
    for (const { entry: e, keyDate } of keyDates) {
      const event = events.find((ev) => ev.uid === eventUid(e.ocid, keyDate))!;
      const lots = keyDate.lots.length === 0 ? '' : keyDate.lots.length === 1 ? ` (lot ${keyDate.lots[0]})` : ` (lots ${keyDate.lots.join(', ')})`;
      const label = `${keyDate.void ? 'Cancelled: ' : ''}${KEY_DATE_LABELS[keyDate.type]}${keyDate.estimated ? ' (expected)' : ''}`;
      expect(event.summary).toBe(`${label}${lots} — ${e.title}`);
      const url = noticeUrl(e.latestNoticeId!)!;
      expect(event.component.getFirstPropertyValue('url')).toBe(url);
      expect(event.description).toContain(`Buyer: ${e.buyer}`);
      expect(event.description).toContain(`Notice: ${url}`);
      if (keyDate.lots.length) expect(event.description).toContain(`lots ${keyDate.lots.join(', ')}`.replace(/^lots (\S+)$/, 'lot $1'));
      if (keyDate.detail) expect(event.description).toContain(`Details: ${keyDate.detail}`);
      expect(event.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-06-01T12:00:00Z');
    }
    const submission = events.find((ev) => ev.uid === 'ocds-h6vhtk-067b89-submissionDeadline-all@tender-timeline')!;
    // Only the UK3 planned procurement notices gave it: an estimate.
    expect(submission.summary).toBe(
      'Submission deadline (expected) — West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services',
    );
    expect(submission.description.split('\n')[0]).toBe('Submission deadline (expected): 1 July 2026, 11:59pm UK time');
    expect(submission.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
  });

  it('cancels the key dates after the real 05cfd9 procurement was terminated (UK12, 27 November 2025)', () => {
    const statusOf = (type: string) => events.find((ev) => ev.uid.startsWith(`ocds-h6vhtk-05cfd9-${type}-`))!.component.getFirstPropertyValue('status');
    // Before the UK12: they happened.
    expect(statusOf('enquiryDeadline')).toBe('CONFIRMED');
    expect(statusOf('submissionDeadline')).toBe('CONFIRMED');
    expect(statusOf('cancelled')).toBe('CONFIRMED');
    // After it: award period end 1 January 2026, lot 1's contract 1 April 2026 – 31 March 2029.
    for (const type of ['awardPeriodEnd', 'contractStart', 'contractEnd', 'contractMaxExtent']) expect(statusOf(type), type).toBe('CANCELLED');
    const award = events.find((ev) => ev.uid === 'ocds-h6vhtk-05cfd9-awardPeriodEnd-all@tender-timeline')!;
    expect(award.summary).toBe('Cancelled: Award period ends — Out of Court Resolution');
    expect(award.description.split('\n')[1]).toBe('No longer happening: cancelled or terminated before this date');
  });

  it('adds reminders only to deadlines still ahead (default settings: 7 days and 1 day before, 09:00 on all-day events)', () => {
    for (const vevent of vevents) {
      const uid = String(vevent.getFirstPropertyValue('uid'));
      const isFutureDeadline = uid === 'ocds-h6vhtk-067b89-submissionDeadline-all@tender-timeline';
      expect(triggers(vevent), uid).toEqual(isFutureDeadline ? ['-P6DT15H', '-PT15H'] : []);
    }
  });
});

describe('watchlistToIcs, one procurement', () => {
  const base = entry('ocds-h6vhtk-067b89');

  it('names the calendar after the procurement and gives one event per key date', () => {
    const { calendar, events } = parse(watchlistToIcs([base], DEFAULT_SETTINGS, NOW));
    // ical.js does not know X-WR-CALNAME's type and leaves it escaped; calendar apps read it as TEXT.
    const name = String(calendar.getFirstPropertyValue('x-wr-calname')).replace(/\\([\\;,])/g, '$1');
    expect(name).toBe(`Tender Timeline: ${base.title}`);
    expect(events).toHaveLength(base.keyDates.length);
  });

  it.each([
    // [key date as published, type, DTSTART line]
    ['2026-07-01T23:59:59+01:00', 'submissionDeadline', 'DTSTART;VALUE=DATE:20260701'], // BST, end of day
    ['2026-12-01T23:59:59Z', 'submissionDeadline', 'DTSTART;VALUE=DATE:20261201'], // GMT, end of day
    ['2026-07-01T14:00:00+01:00', 'submissionDeadline', 'DTSTART:20260701T130000Z'], // BST, timed
    ['2026-12-01T14:00:00Z', 'submissionDeadline', 'DTSTART:20261201T140000Z'], // GMT, timed
    ['2026-07-01T00:30:00+01:00', 'submissionDeadline', 'DTSTART:20260630T233000Z'], // London 1 Jul, UTC 30 Jun
    ['2026-07-02T00:00:00+01:00', 'submissionDeadline', 'DTSTART:20260701T230000Z'], // a deadline at midnight stays timed
    ['2026-07-02T00:00:00+01:00', 'contractStart', 'DTSTART;VALUE=DATE:20260702'], // a start date is all day
    ['2026-03-29T02:30:00+01:00', 'engagement', 'DTSTART:20260329T013000Z'], // the day clocks go forward
  ] as const)('%s (%s) → %s', (published, type, line) => {
    const at = new Date(published).toISOString();
    const text = watchlistToIcs([withKeyDates(base, [{ type, at, lots: [], source: '$.x' }])], DEFAULT_SETTINGS, NOW);
    expect(text).toContain(`\r\n${line}\r\n`);
    const [event] = parse(text).events;
    if (line.includes('VALUE=DATE')) {
      expect(event!.startDate.toString()).toBe(londonParts(new Date(at)).date);
    } else {
      expect(event!.startDate.toJSDate().toISOString()).toBe(at);
    }
  });

  it('keeps every UID across exports, and when a date moves the UID stays and the sequence grows', () => {
    const first = parse(watchlistToIcs([base], DEFAULT_SETTINGS, NOW)).events;
    const again = parse(watchlistToIcs([base], DEFAULT_SETTINGS, NOW)).events;
    expect(again.map((e) => e.uid)).toEqual(first.map((e) => e.uid));

    const moved = withKeyDates(
      base,
      base.keyDates.map((k) => (k.type === 'submissionDeadline' ? { ...k, at: '2026-07-15T13:00:00.000Z' } : k)),
    );
    const later = new Date('2026-06-10T08:00:00Z');
    const after = parse(watchlistToIcs([moved], DEFAULT_SETTINGS, later)).events;
    expect(new Set(after.map((e) => e.uid))).toEqual(new Set(first.map((e) => e.uid)));
    const uid = 'ocds-h6vhtk-067b89-submissionDeadline-all@tender-timeline';
    const before = first.find((e) => e.uid === uid)!;
    const now = after.find((e) => e.uid === uid)!;
    expect(before.startDate.toString()).toBe('2026-07-01');
    expect(now.startDate.toString()).toBe('2026-07-15T13:00:00Z');
    expect(now.sequence).toBeGreaterThan(before.sequence);
    expect(before.sequence).toBe(icsSequence(NOW));
    expect(icsSequence(new Date('2093-01-01T00:00:00Z'), { void: true })).toBeLessThan(2 ** 31);
  });

  it('drops a key date that became void: same UID, STATUS:CANCELLED, a higher sequence, no alarm', () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, reminderTypes: ['submissionDeadline'] };
    const uid = 'ocds-h6vhtk-067b89-submissionDeadline-all@tender-timeline';
    const live = parse(watchlistToIcs([base], settings, NOW)).vevents.find((v) => v.getFirstPropertyValue('uid') === uid)!;
    const cancelled = withKeyDates(base, base.keyDates.map((k) => (k.type === 'submissionDeadline' ? { ...k, void: true as const } : k)));
    // Exported in the same second as the live version, and later: above it both times.
    for (const at of [NOW, new Date('2026-06-10T08:00:00Z')]) {
      const gone = parse(watchlistToIcs([cancelled], settings, at)).vevents.find((v) => v.getFirstPropertyValue('uid') === uid)!;
      expect(gone.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(Number(gone.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(live.getFirstPropertyValue('sequence')));
      expect(triggers(gone)).toEqual([]);
    }
    expect(live.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(triggers(live)).toEqual(['-P6DT15H', '-PT15H']);
  });

  it('gives distinct stable UIDs to key dates that share type and lots', () => {
    const keyDates: KeyDate[] = [
      { type: 'engagement', at: '2026-06-20T09:00:00.000Z', lots: [], source: '$.a', detail: 'second' },
      { type: 'engagement', at: '2026-06-10T09:00:00.000Z', lots: [], source: '$.b', detail: 'first' },
      { type: 'contractStart', at: '2027-03-31T23:00:00.000Z', lots: ['1', '2'], source: '$.c' },
      { type: 'contractStart', at: '2027-03-31T23:00:00.000Z', lots: ['1+2'], source: '$.d' },
      { type: 'contractStart', at: '2027-03-31T23:00:00.000Z', lots: ['A; B,\r\nC'], source: '$.e' },
    ];
    const events = parse(watchlistToIcs([withKeyDates(base, keyDates)], DEFAULT_SETTINGS, NOW)).events;
    expect(events.map((e) => [e.uid, e.description.match(/Details: (\w+)/)?.[1]])).toEqual([
      ['ocds-h6vhtk-067b89-engagement-all@tender-timeline', 'first'],
      ['ocds-h6vhtk-067b89-engagement-all-2@tender-timeline', 'second'],
      ['ocds-h6vhtk-067b89-contractStart-lots-1+2@tender-timeline', undefined],
      ['ocds-h6vhtk-067b89-contractStart-lots-1%2B2@tender-timeline', undefined],
      ['ocds-h6vhtk-067b89-contractStart-lots-A%3B%20B%2C%0D%0AC@tender-timeline', undefined],
    ]);
  });

  it.each([
    ['default: deadlines, 7 and 1 days', DEFAULT_SETTINGS, { submissionDeadline: ['-P6DT15H', '-PT15H'], enquiryDeadline: ['-P7D', '-P1D'], contractStart: [] }],
    [
      'contract start at 30 and 7 days',
      { ...DEFAULT_SETTINGS, reminderTypes: ['contractStart'], reminderLeadDays: [7, 30, 7] },
      { submissionDeadline: [], enquiryDeadline: [], contractStart: ['-P29DT15H', '-P6DT15H'] },
    ],
    ['no lead times', { ...DEFAULT_SETTINGS, reminderLeadDays: [] }, { submissionDeadline: [], enquiryDeadline: [], contractStart: [] }],
  ] as Array<[string, Settings, Record<string, string[]>]>)('alarms per type and lead time: %s', (_name, settings, expected) => {
    const keyDates: KeyDate[] = [
      { type: 'submissionDeadline', at: '2026-07-01T22:59:59.000Z', lots: [], source: '$.a' }, // 23:59 BST: all day
      { type: 'enquiryDeadline', at: '2026-06-24T11:00:00.000Z', lots: [], source: '$.b' }, // 12:00 BST: timed
      { type: 'contractStart', at: '2027-03-31T23:00:00.000Z', lots: ['1'], source: '$.c' },
    ];
    const { vevents } = parse(watchlistToIcs([withKeyDates(base, keyDates)], settings, NOW));
    const got = Object.fromEntries(vevents.map((v) => [String(v.getFirstPropertyValue('uid')).split('-')[3], triggers(v)]));
    expect(got).toEqual(expected);
    for (const alarm of vevents.flatMap((v) => v.getAllSubcomponents('valarm'))) {
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(String(alarm.getFirstPropertyValue('description'))).toMatch(/^((Submission deadline|Enquiry deadline) closes|Contract starts) (in \d+ days|tomorrow): West Midlands/);
    }
  });

  it('leaves out alarms whose time has passed (watching 3 days before: only the 1-day one)', () => {
    const keyDates: KeyDate[] = [{ type: 'submissionDeadline', at: '2026-06-04T13:00:00.000Z', lots: [], source: '$.a' }];
    const { vevents } = parse(watchlistToIcs([withKeyDates(base, keyDates)], DEFAULT_SETTINGS, NOW));
    expect(triggers(vevents[0]!)).toEqual(['-P1D']);
  });

  it('keeps a hostile title as text: one event, the literal text in its summary', () => {
    const hostile = 'Evil\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:x@evil\r\nSUMMARY:owned; a,b \\n\r\nEND:VCALENDAR\rX\nY\u0000\u001b[31m';
    const evil = withKeyDates(base, [{ type: 'submissionDeadline', at: '2026-07-01T22:59:59.000Z', lots: ['1\r\nBEGIN:VALARM'], source: '$', detail: 'a\r\nEND:VEVENT' }], {
      title: hostile,
      buyer: 'Buyer\r\nBEGIN:VTODO',
      latestNoticeId: undefined,
      watchedFromNoticeId: undefined,
      watchedFromUrl: 'javascript:alert(1)//\r\nBEGIN:VEVENT',
    });
    const text = watchlistToIcs([evil], DEFAULT_SETTINGS, NOW);
    expect(text.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(1);
    expect(text.match(/^END:VCALENDAR\r$/gm)).toHaveLength(1);
    expect(text).not.toMatch(/^(UID:x|BEGIN:VTODO|BEGIN:VALARM\r\n(?!ACTION))/m);
    const { calendar, events } = parse(text);
    expect(calendar.getAllSubcomponents()).toHaveLength(1);
    const [event] = events;
    const literal = 'Evil\nEND:VEVENT\nBEGIN:VEVENT\nUID:x@evil\nSUMMARY:owned; a,b \\n\nEND:VCALENDAR\nX\nY[31m';
    expect(event!.summary).toBe(`Submission deadline (lot 1\nBEGIN:VALARM) — ${literal}`);
    expect(event!.uid).toBe('ocds-h6vhtk-067b89-submissionDeadline-lots-1%0D%0ABEGIN%3AVALARM@tender-timeline');
    expect(event!.description).toContain('Buyer: Buyer\nBEGIN:VTODO');
    expect(event!.description).toContain('Details: a\nEND:VEVENT');
    expect(event!.component.getFirstPropertyValue('url')).toBeNull();
    expect(event!.description).not.toContain('javascript');
    expect(event!.component.getAllSubcomponents('valarm')).toHaveLength(2);
  });

  it('folds long titles with £ and emoji and reads them back exactly', () => {
    const title = `Provision of café services £1.2m — 🇬🇧 lots of 👩‍💻 work, “quoted”; ${'ž£€😀'.repeat(40)} end`;
    const text = watchlistToIcs([withKeyDates(base, base.keyDates, { title })], DEFAULT_SETTINGS, NOW);
    const { events } = parse(text);
    for (const event of events) expect(event.summary.endsWith(` — ${title}`)).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
  });

  it('replaces lone surrogates, which UTF-8 cannot carry', () => {
    const text = watchlistToIcs([withKeyDates(base, base.keyDates.slice(0, 1), { title: 'A\ud800B' })], DEFAULT_SETTINGS, NOW);
    expect(parse(text).events[0]!.summary).toMatch(/ — A\uFFFDB$/);
  });

  it('exports an empty key-date list as a calendar without events, and skips unreadable dates', () => {
    const none = parse(watchlistToIcs([withKeyDates(base, [])], DEFAULT_SETTINGS, NOW));
    expect(none.events).toHaveLength(0);
    const bad = parse(watchlistToIcs([withKeyDates(base, [{ type: 'submissionDeadline', at: 'not a date', lots: [], source: '$' }])], DEFAULT_SETTINGS, NOW));
    expect(bad.events).toHaveLength(0);
  });
});

describe('escapeText and foldLine', () => {
  it.each([
    ['a\\b;c,d\ne', 'a\\\\b\\;c\\,d\\ne'],
    ['x\r\ny\rz', 'x\\ny\\nz'],
    ['tab\tstays, bell\u0007 and DEL\u007f go', 'tab\tstays\\, bell and DEL go'],
  ])('escapes %j', (input, output) => {
    expect(escapeText(input)).toBe(output);
  });

  it('folds any line to 75-octet lines that unfold to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const line = `SUMMARY:${escapeText(s)}`;
        const folded = foldLine(line);
        const physical = folded.split('\r\n');
        for (const [i, l] of physical.entries()) {
          expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
          if (i > 0) expect(l.startsWith(' ')).toBe(true);
        }
        expect(folded.replace(/\r\n /g, '')).toBe(line);
      }),
    );
  });
});

describe('icsFileName', () => {
  it.each([
    [[{ ocid: 'ocds-h6vhtk-067b89', title: 'West Midlands: Café & Hate-Crime Services!' }], 'tender-timeline-west-midlands-cafe-hate-crime-services-ocds-h6vhtk-067b89.ics'],
    [[{ ocid: 'ocds-h6vhtk-067b89', title: '../../etc/passwd\r\n' }], 'tender-timeline-etc-passwd-ocds-h6vhtk-067b89.ics'],
    [[{ ocid: '../x', title: '😀' }], 'tender-timeline-x.ics'],
    [[{ ocid: '', title: '' }], 'tender-timeline-procurement.ics'],
    [[{ ocid: 'a' }, { ocid: 'b' }], 'tender-timeline-watchlist-2026-06-01.ics'],
    [[], 'tender-timeline-watchlist-2026-06-01.ics'],
  ])('%j → %s', (entries, name) => {
    expect(icsFileName(entries, new Date('2026-05-31T23:30:00Z'))).toBe(name); // 00:30 BST on 1 Jun
    expect(name).toMatch(/^[a-z0-9-]{1,120}\.ics$/);
  });
});
