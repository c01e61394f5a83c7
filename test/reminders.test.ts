/**
 * Which reminders are due, with `now` injected: London calendar days across clock
 * changes, watching late, moved dates, the fired set, and catching up after the computer
 * was off. Entries come from a real FTS record.
 */
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { noticeUrl } from '../lib/fts/urls';
import type { KeyDate } from '../lib/procurement';
import { changeNotification, dueReminders, reminderId, reminderLeads, reminderMessage, reminderMoment, type Reminder } from '../lib/reminders';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings';
import { diffProcurements } from '../lib/timeline/changes';
import { watchEntry, type WatchedProcurement } from '../lib/watchlist/entry';
import { readFtsApi, readReal } from './support/fixtures';

const OCID = 'ocds-h6vhtk-067b89';
const TITLE = 'West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services';
/** The real record's submission deadline: 1 July 2026 23:59:59 BST. */
const DEADLINE = '2026-07-01T22:59:59.000Z';

/** The real procurement 067b89, watched on `watchedAt`. */
function realEntry(watchedAt = '2026-05-20T09:00:00Z'): WatchedProcurement {
  const result = analyseOcds(readReal(`${OCID}.json`), new Date('2026-05-20T09:00:00Z'));
  if (!result.ok) throw new Error(result.message);
  const { procurement } = result.procurements[0]!;
  return watchEntry(procurement, { noticeId: procurement.notices.at(-1)!.id }, new Date(watchedAt));
}

const deadline = (at: string, extra: Partial<KeyDate> = {}): KeyDate => ({ type: 'submissionDeadline', at, lots: [], source: '$.tender.tenderPeriod.endDate', ...extra });

function withKeyDates(keyDates: KeyDate[], watchedAt?: string): WatchedProcurement {
  return { ...realEntry(watchedAt), keyDates };
}

const idFor = (at: string, lead: number, extra: Partial<KeyDate> = {}) => reminderId(OCID, deadline(at, extra), lead);

type Brief = [lead: number, notify: boolean, message: string];
const brief = (reminders: Reminder[]): Brief[] => reminders.map((r) => [r.leadDays, r.notify, r.message]);

function due(entries: WatchedProcurement[], now: string, fired: string[] = [], settings: Settings = DEFAULT_SETTINGS): Reminder[] {
  return dueReminders({ entries, settings, fired: new Set(fired), now: new Date(now) });
}

describe('dueReminders on the real record (deadline 1 July 2026, 11:59pm, BST)', () => {
  const entry = realEntry();
  const message = (words: string) => `Submission deadline (expected) ${words}: ${TITLE} (1 July 2026, 11:59pm UK time)`;
  const in7 = message('closes in 7 days');
  // 23:59:59 BST the day before: exactly 24 hours, the London day before.
  const tomorrow = message('closes tomorrow');
  // 00:30 BST on the day: 23 h 29 min 59 s; 09:00 BST: 14 h 59 min 59 s.
  const at0030 = message('closes in 23 hours');
  const at0900 = message('closes in 14 hours');

  it.each<[string, string, string[], Brief[]]>([
    ['long before', '2026-06-01T12:00:00Z', [], []],
    ['a second before 7 days', '2026-06-24T22:59:58Z', [], []],
    ['7 days before, to the second (24 Jun 23:59:59 BST)', '2026-06-24T22:59:59Z', [], [[7, true, in7]]],
    ['7-day one already fired', '2026-06-25T08:00:00Z', [idFor(DEADLINE, 7)], []],
    ['1 day before, 7-day fired', '2026-06-30T22:59:59Z', [idFor(DEADLINE, 7)], [[1, true, tomorrow]]],
    ['both fired', '2026-07-01T12:00:00Z', [idFor(DEADLINE, 7), idFor(DEADLINE, 1)], []],
    // The computer was off from before the 7-day moment until after the 1-day one.
    ['catch-up: both due, only the 1-day one shows', '2026-06-30T23:30:00Z', [], [[1, true, at0030], [7, false, at0030]]],
    ['catch-up after the 1-day one fired alone: the 7-day one is only marked', '2026-07-01T08:00:00Z', [idFor(DEADLINE, 1)], [[7, false, at0900]]],
    ['the deadline itself: too late', DEADLINE, [], []],
    ['after the deadline', '2026-07-02T09:00:00Z', [], []],
  ])('%s (%s)', (_name, now, fired, expected) => {
    expect(brief(due([entry], now, fired))).toEqual(expected);
  });

  it('fills every field, with a stable id the caller stores as fired', () => {
    const [reminder] = due([entry], '2026-06-25T08:00:00Z');
    expect(reminder).toEqual({
      id: `${OCID}|submissionDeadline||${DEADLINE}|7`,
      ocid: OCID,
      keyDateType: 'submissionDeadline',
      at: DEADLINE,
      leadDays: 7,
      title: TITLE,
      message: `Submission deadline (expected) closes in 6 days: ${TITLE} (1 July 2026, 11:59pm UK time)`,
      url: noticeUrl(entry.latestNoticeId!),
      notify: true,
    });
    expect(due([entry], '2026-06-26T08:00:00Z')[0]!.id).toBe(reminder!.id);
  });

  it('fires each reminder once over a run of hourly checks, the caller marking every returned id', () => {
    const fired = new Set<string>();
    const shown: string[] = [];
    for (let t = Date.parse('2026-06-20T00:00:00Z'); t < Date.parse('2026-07-03T00:00:00Z'); t += 3_600_000) {
      for (const r of dueReminders({ entries: [entry], settings: DEFAULT_SETTINGS, fired, now: new Date(t), lastCheck: new Date(t - 3_600_000) })) {
        fired.add(r.id);
        if (r.notify) shown.push(`${new Date(t).toISOString()} ${r.leadDays}`);
      }
    }
    expect(shown).toEqual(['2026-06-24T23:00:00.000Z 7', '2026-06-30T23:00:00.000Z 1']);
  });

  it('reminds only of the chosen key date types', () => {
    const contract = realEntry();
    expect(due([contract], '2027-03-30T12:00:00Z')).toEqual([]);
    const settings: Settings = { ...DEFAULT_SETTINGS, reminderTypes: ['contractStart'] };
    expect(brief(due([contract], '2027-03-31T12:00:00Z', [], settings))).toEqual([
      [1, true, `Contract starts (expected) tomorrow: ${TITLE}, lots 1, 2, 3 (1 April 2027)`],
      [7, false, `Contract starts (expected) tomorrow: ${TITLE}, lots 1, 2, 3 (1 April 2027)`],
    ]);
  });
});

describe('a cancelled procurement: the real ocds-h6vhtk-05cfd9 (UK4, then a UK12 on 27 November 2025)', () => {
  function cancelledEntry(): WatchedProcurement {
    const result = analyseOcds(readReal('ocds-h6vhtk-05cfd9.json'), new Date('2025-11-01T09:00:00Z'));
    if (!result.ok) throw new Error(result.message);
    return watchEntry(result.procurements[0]!.procurement, {}, new Date('2025-11-01T09:00:00Z'));
  }
  // Its award period ends 1 January 2026 23:59:59 GMT and lot 1's contract starts 1 April 2026 00:00 BST: both after the UK12.
  const settings: Settings = { ...DEFAULT_SETTINGS, reminderTypes: ['awardPeriodEnd', 'contractStart', 'submissionDeadline'] };

  it('reminds of nothing that comes after the cancellation', () => {
    const entry = cancelledEntry();
    expect(due([entry], '2026-01-01T12:00:00Z', [], settings)).toEqual([]);
    expect(due([entry], '2026-03-31T12:00:00Z', [], settings)).toEqual([]);
    // The same dates, were they not void, would remind (so the test above can fail).
    const live = { ...entry, keyDates: entry.keyDates.map(({ void: _void, ...keyDate }) => keyDate) };
    expect(brief(due([live], '2026-01-01T12:00:00Z', [], settings)).map(([lead, notify]) => [lead, notify])).toEqual([[1, true], [7, false]]);
  });

  it('still reminds of a deadline before the cancellation (submission 24 November 2025, 2pm)', () => {
    expect(brief(due([cancelledEntry()], '2025-11-23T14:00:00Z', [], settings))).toEqual([
      [1, true, 'Submission deadline closes tomorrow: Out of Court Resolution (24 November 2025, 2pm UK time)'],
      [7, false, 'Submission deadline closes tomorrow: Out of Court Resolution (24 November 2025, 2pm UK time)'],
    ]);
  });
});

describe('London calendar days across clock changes', () => {
  it.each<[string, string, number, string]>([
    // [what, key date, lead, reminder moment]
    ['BST → GMT, end of day: 21 Oct 23:59:59 BST, not 22 Oct 00:59:59', '2026-10-28T23:59:59Z', 7, '2026-10-21T22:59:59.000Z'],
    ['BST → GMT, 12:00 GMT → 12:00 BST a week before', '2026-10-30T12:00:00Z', 7, '2026-10-23T11:00:00.000Z'],
    ['BST → GMT, the day after the change', '2026-10-26T00:30:00Z', 1, '2026-10-24T23:30:00.000Z'],
    ['GMT → BST, 12:00 BST → 12:00 GMT a week before', '2026-04-01T11:00:00Z', 7, '2026-03-25T12:00:00.000Z'],
    ['GMT → BST, end of day', '2026-04-01T22:59:59Z', 7, '2026-03-25T23:59:59.000Z'],
    ['no change between: exactly 7 × 24 hours', '2026-07-01T22:59:59Z', 7, '2026-06-24T22:59:59.000Z'],
    ['01:30 on the spring-forward day does not exist: 02:30 BST', '2026-04-05T00:30:00Z', 7, '2026-03-29T01:30:00.000Z'],
    ['01:30 on the fall-back day happens twice: the later one', '2026-11-01T01:30:00Z', 7, '2026-10-25T01:30:00.000Z'],
  ])('%s', (_name, at, lead, moment) => {
    expect(reminderMoment(new Date(at), lead).toISOString()).toBe(moment);
  });

  it.each<[string, string, string, Brief[]]>([
    ['a second before 7 days (BST side)', '2026-10-28T23:59:59Z', '2026-10-21T22:59:58Z', []],
    ['7 days before in London (23:59:59 BST)', '2026-10-28T23:59:59Z', '2026-10-21T22:59:59Z', [[7, true, 'Submission deadline closes in 7 days: T (28 October 2026, 11:59pm UK time)']]],
    ['7 × 24 h before would be an hour late: already due', '2026-10-30T12:00:00Z', '2026-10-23T11:30:00Z', [[7, true, 'Submission deadline closes in 7 days: T (30 October 2026, midday UK time)']]],
    ['GMT → BST: not due an hour early', '2026-04-01T11:00:00Z', '2026-03-25T11:00:00Z', []],
    ['GMT → BST: due at 12:00 GMT', '2026-04-01T11:00:00Z', '2026-03-25T12:00:00Z', [[7, true, 'Submission deadline closes in 7 days: T (1 April 2026, midday UK time)']]],
  ])('%s', (_name, at, now, expected) => {
    const entry = { ...withKeyDates([deadline(at)], '2026-01-01T00:00:00Z'), title: 'T' };
    expect(brief(due([entry], now))).toEqual(expected);
  });
});

describe('watched late', () => {
  it.each<[string, string, string, Brief[]]>([
    ['watched 3 days before: no 7-day reminder, ever', '2026-06-28T10:00:00Z', '2026-06-28T10:00:00Z', []],
    ['watched 3 days before: the 1-day one', '2026-06-28T10:00:00Z', '2026-06-30T23:00:00Z', [[1, true, 'Submission deadline closes in 23 hours: T (1 July 2026, 11:59pm UK time)']]],
    ['watched at the very moment of the 7-day one: it counts', '2026-06-24T22:59:59Z', '2026-06-25T09:00:00Z', [[7, true, 'Submission deadline closes in 6 days: T (1 July 2026, 11:59pm UK time)']]],
    ['watched a second after it: it does not', '2026-06-24T23:00:00Z', '2026-06-25T09:00:00Z', []],
    ['watched on the day, after the 1-day moment: none', '2026-07-01T08:00:00Z', '2026-07-01T09:00:00Z', []],
  ])('%s', (_name, watchedAt, now, expected) => {
    const entry = { ...withKeyDates([deadline(DEADLINE)], watchedAt), title: 'T' };
    expect(brief(due([entry], now))).toEqual(expected);
  });

  it('never reminds of a key date already past when watched, even one still ahead of a wrong clock', () => {
    // Watched after the deadline (the clock was later then than it is now).
    const entry = withKeyDates([deadline(DEADLINE)], '2026-07-02T00:00:00Z');
    expect(due([entry], '2026-06-30T23:00:00Z')).toEqual([]);
  });
});

describe('moved dates', () => {
  const LATER = '2026-07-15T22:59:59.000Z';
  const firedOld = [idFor(DEADLINE, 7)];

  it.each<[string, string, string, Brief[]]>([
    ['moved later, a week before the old date: nothing', LATER, '2026-06-25T08:00:00Z', []],
    ['moved later: the new 7-day one fires on its own moment', LATER, '2026-07-08T22:59:59Z', [[7, true, 'Submission deadline closes in 7 days: T (15 July 2026, 11:59pm UK time)']]],
    // Moved nearer: the 7-day moment of the new date has passed but nothing fired for it.
    ['moved nearer: the user hears at once', '2026-06-28T22:59:59.000Z', '2026-06-25T08:00:00Z', [[7, true, 'Submission deadline closes in 3 days: T (28 June 2026, 11:59pm UK time)']]],
  ])('%s', (_name, movedTo, now, expected) => {
    const entry = { ...withKeyDates([deadline(movedTo)]), title: 'T' };
    expect(brief(due([entry], now, firedOld))).toEqual(expected);
  });

  it('a deadline a notice brought forward says what it was (real ocds-h6vhtk-06de32: tenders due 2 Sep, then 11 Aug 12:40 BST)', () => {
    const result = analyseOcds(readFtsApi('whole-stream/page-003.json'), new Date('2026-08-11T09:00:00Z'));
    if (!result.ok) throw new Error(result.message);
    const { procurement } = result.procurements.find((p) => p.procurement.ocid === 'ocds-h6vhtk-06de32')!;
    const submission = procurement.keyDates.find((k) => k.type === 'submissionDeadline')!;
    const message = reminderMessage(submission, new Date(submission.at), 'T', new Date('2026-08-11T09:00:00Z'));
    // "2026-09-02T00:00:00+01:00" before the second UK4.
    expect(message).toMatch(/\(11 August 2026, .*UK time\)\. Brought forward from 2 September 2026/);
  });

  it('gives a moved date new ids', () => {
    expect(idFor(LATER, 7)).not.toBe(idFor(DEADLINE, 7));
    expect(idFor(DEADLINE, 7, { lots: ['1', '2'] })).toBe(`${OCID}|submissionDeadline|1,2|${DEADLINE}|7`);
    expect(idFor(DEADLINE, 7, { lots: ['1,2'] })).not.toBe(idFor(DEADLINE, 7, { lots: ['1', '2'] }));
  });
});

describe('several procurements and settings', () => {
  it('orders by key date and keeps each key date apart', () => {
    const a = { ...withKeyDates([deadline('2026-07-03T11:00:00.000Z'), deadline('2026-07-02T11:00:00.000Z', { type: 'enquiryDeadline' })]), title: 'A' };
    const b = { ...withKeyDates([deadline('2026-07-02T22:59:59.000Z', { lots: ['2'] })]), ocid: 'ocds-h6vhtk-000001', title: '', latestNoticeId: undefined, watchedFromNoticeId: undefined, watchedFromUrl: 'http://insecure.example/x' };
    const reminders = due([a, b], '2026-07-01T12:00:00Z', []);
    expect(reminders.map((r) => [r.ocid, r.keyDateType, r.leadDays, r.notify, r.message, r.url])).toEqual([
      // 13:00 BST to midday BST the next day: 23 hours, counted on the clock.
      [OCID, 'enquiryDeadline', 1, true, 'Enquiry deadline closes in 23 hours: A (2 July 2026, midday UK time)', noticeUrl(a.latestNoticeId!)],
      [OCID, 'enquiryDeadline', 7, false, 'Enquiry deadline closes in 23 hours: A (2 July 2026, midday UK time)', noticeUrl(a.latestNoticeId!)],
      ['ocds-h6vhtk-000001', 'submissionDeadline', 7, true, 'Submission deadline closes tomorrow: ocds-h6vhtk-000001, lot 2 (2 July 2026, 11:59pm UK time)', undefined],
      [OCID, 'submissionDeadline', 7, true, 'Submission deadline closes in 2 days: A (3 July 2026, midday UK time)', noticeUrl(a.latestNoticeId!)],
    ]);
    expect(reminders[2]).not.toHaveProperty('url');
  });

  it('puts a hostile title on one line', () => {
    const entry = { ...withKeyDates([deadline(DEADLINE)]), title: 'Evil\r\n\u0000title\u2028x' };
    expect(due([entry], '2026-06-30T23:00:00Z')[0]!.title).toBe('Evil title x');
  });

  it.each<[number[], number[]]>([
    [[7, 1], [1, 7]],
    [[1, 7, 7, 0, -3, 2.5, Number.NaN, 14], [1, 7, 14]],
    [[], []],
  ])('uses lead times %j as %j', (input, output) => {
    expect(reminderLeads(input)).toEqual(output);
  });

  it('with no lead times or types, nothing is due', () => {
    const entry = withKeyDates([deadline(DEADLINE)]);
    expect(due([entry], '2026-06-30T23:00:00Z', [], { ...DEFAULT_SETTINGS, reminderLeadDays: [] })).toEqual([]);
    expect(due([entry], '2026-06-30T23:00:00Z', [], { ...DEFAULT_SETTINGS, reminderTypes: [] })).toEqual([]);
  });

  it('skips a key date whose instant cannot be read', () => {
    expect(due([withKeyDates([deadline('soon')])], '2026-06-30T23:00:00Z')).toEqual([]);
  });
});

describe('changeNotification', () => {
  /** What a refresh of the real 067b89 finds when its submission deadline (1 July 2026 23:59:59 BST) moves to `endDate`. */
  function refreshFinds(endDate: string) {
    const read = (edit: (doc: any) => void) => {
      const doc = JSON.parse(readReal(`${OCID}.json`));
      edit(doc);
      const result = analyseOcds(JSON.stringify(doc), new Date('2026-05-20T09:00:00Z'));
      if (!result.ok) throw new Error(result.message);
      return result.procurements[0]!.procurement;
    };
    const before = read(() => undefined);
    const after = read((doc) => {
      doc.tender.title = 'Victims Services';
      doc.tender.tenderPeriod.endDate = endDate;
    });
    return diffProcurements(before, after).map((change) => ({ ...change, foundAt: '2026-05-21T06:00:00.000Z' }));
  }

  it('a deadline brought forward names the notification and comes first', () => {
    expect(changeNotification(realEntry(), refreshFinds('2026-06-24T12:00:00+01:00'))).toEqual({
      title: `Date brought forward: ${TITLE}`,
      message: [
        'Submission deadline brought forward from 1 July 2026, 11:59pm to 24 June 2026, midday',
        `Title changed from “${TITLE}” to “Victims Services”`,
      ].join('\n'),
    });
  });

  it('otherwise "Changed:", the changes in the order found', () => {
    expect(changeNotification(realEntry(), refreshFinds('2026-07-15T23:59:59+01:00'))).toEqual({
      title: `Changed: ${TITLE}`,
      message: [`Title changed from “${TITLE}” to “Victims Services”`, 'Submission deadline moved from 1 July 2026, 11:59pm to 15 July 2026, 11:59pm'].join('\n'),
    });
  });

  it('a procurement without a title is named by its ocid; line breaks in a change stay on its line', () => {
    const changes = refreshFinds('2026-07-15T23:59:59+01:00').map((c) => ({ ...c, text: c.text.replace(' to ', '\nto ') }));
    const { title, message } = changeNotification({ ocid: OCID }, changes);
    expect(title).toBe(`Changed: ${OCID}`);
    expect(message.split('\n')).toHaveLength(2);
  });
});
