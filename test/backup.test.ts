/**
 * Backups: made, read back and merged, with data from the real FTS records. A restore into
 * an empty extension gives back everything; an import into a used one merges and never
 * loses the user's own work; a damaged file loses only what is damaged.
 */
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import {
  BACKUP_FORMAT,
  backupFileName,
  describeImportReport,
  makeBackup,
  mergeBackup,
  readBackup,
  type BackupData,
  type ImportReport,
  type Snapshot,
} from '../lib/backup';
import type { Procurement } from '../lib/procurement';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings';
import { watchEntry, type DetectedChange, type WatchedProcurement } from '../lib/watchlist/entry';
import { readReal, realFixtureNames } from './support/fixtures';

const NOW = new Date('2026-06-01T12:00:00Z');

function procurements(): Procurement[] {
  return realFixtureNames().map((name) => {
    const result = analyseOcds(readReal(name), NOW);
    if (!result.ok) throw new Error(`${name}: ${result.message}`);
    return result.procurements[0]!.procurement;
  });
}

/** A used extension: four real procurements with the user's notes, tags, statuses and changes. */
function userData(): BackupData {
  const all = procurements();
  const watchlist: WatchedProcurement[] = all.map((procurement, i) => ({
    ...watchEntry(procurement, { noticeId: procurement.notices[0]?.id, url: procurement.notices[0]?.url }, new Date(Date.UTC(2026, 4, 10 + i, 9))),
    lastCheckedAt: `2026-06-0${i + 1}T08:00:00.000Z`,
  }));
  watchlist[0]!.note = 'Incumbent is Restorative Solutions.\nCall Sarah on +44 1785 232385 — "TUPE applies".';
  watchlist[0]!.tags = ['Police', 'Victims'];
  watchlist[0]!.bidStatus = 'preparing';
  watchlist[1]!.bidStatus = 'noBid';
  watchlist[1]!.tags = ['Too big'];
  watchlist[2]!.unseenChanges = [
    { foundAt: '2026-05-31T06:00:00.000Z', field: 'keyDate:engagement', label: 'Market engagement', kind: 'changed', text: 'Market engagement moved from 1 Jun 2026, by end of day to 8 Jun 2026, by end of day', before: '2026-06-01T22:59:59.000Z', after: '2026-06-08T22:59:59.000Z' },
    { foundAt: '2026-06-01T06:00:00.000Z', field: 'notice', label: 'Notice', kind: 'added', text: 'New notice: UK2: Preliminary market engagement notice' },
  ];
  watchlist[3]!.lastCheckError = 'Find a Tender did not answer';
  const snapshots: Snapshot[] = all.flatMap((procurement, i) => [
    { ocid: procurement.ocid, takenAt: `2026-05-2${i}T08:00:00.000Z`, procurement },
    { ocid: procurement.ocid, takenAt: `2026-06-0${i + 1}T08:00:00.000Z`, procurement },
  ]);
  const settings: Settings = { refreshHours: 12, reminderLeadDays: [14, 3, 1], reminderTypes: ['submissionDeadline'], notifyChanges: false };
  return { watchlist, snapshots, settings };
}

const empty = (): BackupData => ({ watchlist: [], snapshots: [], settings: structuredClone(DEFAULT_SETTINGS) });

function read(text: string) {
  const result = readBackup(text);
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('backup, wipe, restore', () => {
  const data = userData();
  const text = makeBackup(data, NOW);

  it('writes an indented JSON file naming its format and version', () => {
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual(['format', 'version', 'exportedAt', 'watchlist', 'snapshots', 'settings']);
    expect(json).toMatchObject({ format: BACKUP_FORMAT, version: 2, exportedAt: '2026-06-01T12:00:00.000Z' });
    expect(text).toContain('\n  "watchlist": [\n');
    expect(backupFileName(NOW)).toBe('tender-timeline-backup-2026-06-01.json');
  });

  it('reads back everything, with no problems', () => {
    const result = read(text);
    expect(result.problems).toEqual([]);
    expect(result.exportedAt).toBe('2026-06-01T12:00:00.000Z');
    expect(result.backup).toEqual(data);
  });

  it('keeps which key dates are void (05cfd9, terminated) and which expected (067b89, planned)', () => {
    const keyDatesOf = (ocid: string) => read(text).backup.watchlist.find((e) => e.ocid === ocid)!.keyDates;
    expect(keyDatesOf('ocds-h6vhtk-05cfd9').filter((k) => k.void).map((k) => k.type)).toEqual(['awardPeriodEnd', 'contractStart', 'contractEnd', 'contractMaxExtent']);
    expect(keyDatesOf('ocds-h6vhtk-067b89').filter((k) => k.estimated).map((k) => k.type)).toEqual(['submissionDeadline', 'awardPeriodEnd', 'contractStart', 'contractEnd', 'contractMaxExtent']);
  });

  it('reads a backup made before key dates were marked void or expected: neither, and no problem', () => {
    const old = JSON.parse(text);
    for (const keyDate of old.watchlist.flatMap((entry: WatchedProcurement) => entry.keyDates)) {
      delete keyDate.void;
      delete keyDate.estimated;
    }
    const result = read(JSON.stringify(old));
    expect(result.problems).toEqual([]);
    expect(result.backup.watchlist.flatMap((e) => e.keyDates).filter((k) => 'void' in k || 'estimated' in k)).toEqual([]);
    expect(result.backup.watchlist).toHaveLength(data.watchlist.length);
  });

  it('restores into an emptied extension everything there was', () => {
    const { merged, report } = mergeBackup(empty(), read(text).backup);
    expect(merged).toEqual(data);
    expect(report).toEqual({ added: data.watchlist.map((e) => e.ocid), updated: [], skipped: [], settingsRestored: true });
    expect(describeImportReport(report)).toBe('4 added. Settings restored from the backup.');
  });

  it('changes nothing when the same backup is imported again', () => {
    const { merged: once } = mergeBackup(empty(), read(text).backup);
    const { merged: twice, report } = mergeBackup(once, read(text).backup);
    expect(twice).toEqual(data);
    expect(report.added).toEqual([]);
    expect(report.updated).toEqual([]);
    expect(report.skipped).toEqual(data.watchlist.map((e) => ({ ocid: e.ocid, reason: 'already up to date' })));
    expect(report.settingsRestored).toBeUndefined();
  });

  it('reads a backup saved back with a BOM by a text editor', () => {
    expect(read(`\uFEFF${text}`).backup).toEqual(data);
  });
});

describe('merging one procurement watched on both sides', () => {
  const base = userData().watchlist[0]!;
  const at = (day: number) => `2026-06-${String(day).padStart(2, '0')}T08:00:00.000Z`;
  const one = (patch: Partial<WatchedProcurement>): WatchedProcurement => ({ ...structuredClone(base), note: '', tags: [], bidStatus: 'watching', unseenChanges: [], lastCheckedAt: at(1), ...patch });
  const changeA: DetectedChange = { foundAt: at(1), field: 'keyDate:submissionDeadline', label: 'Submission deadline', kind: 'changed', text: 'Submission deadline moved' };
  const changeB: DetectedChange = { foundAt: at(2), field: 'notice', label: 'Notice', kind: 'added', text: 'New notice: UK4' };
  const changeC: DetectedChange = { foundAt: at(3), field: 'value.amount', label: 'Value (excluding VAT)', kind: 'changed', text: 'Value changed' };

  const cases: Array<{ name: string; existing: Partial<WatchedProcurement>; incoming: Partial<WatchedProcurement>; want: Partial<WatchedProcurement>; outcome: 'updated' | 'skipped' }> = [
    { name: 'a note only in the backup is taken', existing: { note: '' }, incoming: { note: 'Call Sarah' }, want: { note: 'Call Sarah' }, outcome: 'updated' },
    { name: 'an empty note in the backup keeps the existing one', existing: { note: 'Call Sarah' }, incoming: { note: '' }, want: { note: 'Call Sarah' }, outcome: 'skipped' },
    { name: 'a note that grew wins over its start', existing: { note: 'Call Sarah' }, incoming: { note: 'Call Sarah on Tuesday' }, want: { note: 'Call Sarah on Tuesday' }, outcome: 'updated' },
    { name: 'the existing note that grew is kept', existing: { note: 'Call Sarah on Tuesday' }, incoming: { note: 'Call Sarah' }, want: { note: 'Call Sarah on Tuesday' }, outcome: 'skipped' },
    {
      name: 'two different notes are both kept',
      existing: { note: 'Call Sarah' },
      incoming: { note: 'TUPE applies' },
      want: { note: 'Call Sarah\n\n[From backup] TUPE applies' },
      outcome: 'updated',
    },
    { name: 'an already merged note is not merged twice', existing: { note: 'Call Sarah\n\n[From backup] TUPE applies' }, incoming: { note: 'TUPE applies' }, want: { note: 'Call Sarah\n\n[From backup] TUPE applies' }, outcome: 'skipped' },
    { name: 'tags are the union, ignoring case', existing: { tags: ['Police', 'NHS'] }, incoming: { tags: ['nhs', 'Victims '] }, want: { tags: ['Police', 'NHS', 'Victims'] }, outcome: 'updated' },
    { name: 'the same tags change nothing', existing: { tags: ['Police'] }, incoming: { tags: ['police'] }, want: { tags: ['Police'] }, outcome: 'skipped' },
    { name: 'a bid status replaces the default "watching"', existing: { bidStatus: 'watching' }, incoming: { bidStatus: 'preparing' }, want: { bidStatus: 'preparing' }, outcome: 'updated' },
    { name: 'a bid status the user set is kept', existing: { bidStatus: 'submitted' }, incoming: { bidStatus: 'won' }, want: { bidStatus: 'submitted' }, outcome: 'skipped' },
    { name: '"watching" in the backup keeps the set status', existing: { bidStatus: 'lost' }, incoming: { bidStatus: 'watching' }, want: { bidStatus: 'lost' }, outcome: 'skipped' },
    {
      name: 'a more recent read in the backup brings its summary',
      existing: { lastCheckedAt: at(1), title: 'Old title', stage: 'planning', keyDates: [], lastCheckError: 'Find a Tender did not answer' },
      incoming: { lastCheckedAt: at(5), title: 'New title', stage: 'tender', keyDates: base.keyDates.slice(0, 1) },
      want: { lastCheckedAt: at(5), title: 'New title', stage: 'tender', keyDates: base.keyDates.slice(0, 1), lastCheckError: undefined },
      outcome: 'updated',
    },
    {
      name: 'an older read in the backup leaves the summary',
      existing: { lastCheckedAt: at(5), title: 'New title', stage: 'tender' },
      incoming: { lastCheckedAt: at(1), title: 'Old title', stage: 'planning', value: {} },
      want: { lastCheckedAt: at(5), title: 'New title', stage: 'tender', value: base.value },
      outcome: 'skipped',
    },
    {
      name: 'unseen changes are the union, oldest first, without repeats',
      existing: { unseenChanges: [changeA, changeC] },
      incoming: { unseenChanges: [changeA, changeB] },
      want: { unseenChanges: [changeA, changeB, changeC] },
      outcome: 'updated',
    },
    {
      name: 'the earlier watch is kept, with where it was watched from',
      existing: { watchedAt: at(3), watchedFromNoticeId: '000003-2026' },
      incoming: { watchedAt: at(2), watchedFromNoticeId: '000002-2026' },
      want: { watchedAt: at(2), watchedFromNoticeId: '000002-2026' },
      outcome: 'updated',
    },
    { name: 'the same entry is already up to date', existing: {}, incoming: {}, want: {}, outcome: 'skipped' },
  ];

  it.each(cases)('$name', ({ existing, incoming, want, outcome }) => {
    const mine: BackupData = { ...empty(), watchlist: [one(existing)] };
    const theirs: BackupData = { ...empty(), watchlist: [one(incoming)] };
    const { merged, report } = mergeBackup(mine, theirs);
    expect(merged.watchlist).toHaveLength(1);
    expect(merged.watchlist[0]).toEqual({ ...one(existing), ...want });
    if (outcome === 'updated') expect(report).toEqual({ added: [], updated: [base.ocid], skipped: [] });
    else expect(report).toEqual({ added: [], updated: [], skipped: [{ ocid: base.ocid, reason: 'already up to date' }] });
  });

  it('adds the procurements only in the backup, after the existing ones', () => {
    const data = userData();
    const mine: BackupData = { ...empty(), watchlist: data.watchlist.slice(0, 2) };
    const theirs: BackupData = { ...empty(), watchlist: data.watchlist.slice(1) };
    const { merged, report } = mergeBackup(mine, theirs);
    expect(merged.watchlist.map((e) => e.ocid)).toEqual(data.watchlist.map((e) => e.ocid));
    expect(report.added).toEqual(data.watchlist.slice(2).map((e) => e.ocid));
    expect(report.skipped.map((s) => s.ocid)).toEqual([data.watchlist[1]!.ocid]);
  });
});

describe('merging a backup that lists a procurement twice', () => {
  it('adds it once and reports it once', () => {
    const entry = userData().watchlist[0]!;
    const theirs: BackupData = { ...empty(), watchlist: [{ ...entry, note: 'A' }, { ...entry, note: 'B' }] };
    const { merged, report } = mergeBackup(empty(), theirs);
    expect(merged.watchlist.map((e) => e.note)).toEqual(['A\n\n[From backup] B']);
    expect(report).toMatchObject({ added: [entry.ocid], updated: [], skipped: [] });
  });
});

describe('merging snapshots and settings', () => {
  it('keeps one snapshot per procurement and time, from both sides', () => {
    const data = userData();
    const mine: BackupData = { ...empty(), snapshots: data.snapshots.slice(0, 5) };
    const theirs: BackupData = { ...empty(), snapshots: data.snapshots.slice(3) };
    const { merged } = mergeBackup(mine, theirs);
    expect(merged.snapshots).toEqual(data.snapshots);
  });

  it('takes the backup’s settings only over the defaults', () => {
    const custom: Settings = { ...DEFAULT_SETTINGS, refreshHours: 24 };
    const theirs: BackupData = { ...empty(), settings: { ...DEFAULT_SETTINGS, notifyChanges: false } };
    expect(mergeBackup(empty(), theirs).merged.settings).toEqual(theirs.settings);
    expect(mergeBackup({ ...empty(), settings: custom }, theirs).merged.settings).toEqual(custom);
    expect(mergeBackup({ ...empty(), settings: custom }, theirs).report.settingsRestored).toBeUndefined();
  });
});

describe('files that are not backups', () => {
  const refused = (text: string) => {
    const result = readBackup(text);
    expect(result.ok).toBe(false);
    return result.ok ? '' : result.message;
  };

  it.each([
    ['an empty file', ''],
    ['cut-off JSON', makeBackup(userData(), NOW).slice(0, 500)],
    ['plain text', 'Ocid,Title\nocds-h6vhtk-05cfd9,Out of Court Resolution'],
    ['a JSON list', '[1, 2, 3]'],
    ['a JSON string', '"tender-timeline-backup"'],
    ['null', 'null'],
    ['another format', JSON.stringify({ format: 'other-app-backup', version: 1, watchlist: [] })],
    ['no version', JSON.stringify({ format: BACKUP_FORMAT, watchlist: [] })],
    ['a version that is not a number', JSON.stringify({ format: BACKUP_FORMAT, version: '1', watchlist: [] })],
    ['no watchlist', JSON.stringify({ format: BACKUP_FORMAT, version: 1, settings: DEFAULT_SETTINGS })],
  ])('refuses %s', (_name, text) => {
    expect(refused(text)).toMatch(/^This file is not a Tender Timeline backup: .+\.$/);
  });

  it('says when the file is FTS data rather than a backup', () => {
    expect(refused(readReal('ocds-h6vhtk-05cfd9.json'))).toBe(
      'This file is not a Tender Timeline backup: it has no "format": "tender-timeline-backup" (it looks like OCDS data from Find a Tender).',
    );
  });

  it('asks for an update to read a backup from a newer version', () => {
    const newer = JSON.stringify({ ...JSON.parse(makeBackup(userData(), NOW)), version: 3 });
    expect(refused(newer)).toBe(
      'This backup was made by a newer version of Tender Timeline (backup format 3; this version reads format 2). Update the extension, then import it again.',
    );
  });
});

describe('a backup from format 1 (unseen changes as `{ foundAt, kind, text }`)', () => {
  it('reads each change into the one model, its sentence word for word', () => {
    const data = userData();
    const file = JSON.parse(makeBackup(data, NOW));
    file.version = 1;
    file.watchlist[2].unseenChanges = [
      { foundAt: '2026-05-31T06:00:00.000Z', kind: 'keyDate', text: 'Market engagement moved from 1 Jun 2026 to 8 Jun 2026' },
      { foundAt: '2026-05-31T06:00:00.000Z', kind: 'keyDate', text: 'Enquiry deadline set: 17 Jun 2026, 17:00' },
      { foundAt: '2026-05-31T06:00:00.000Z', kind: 'keyDate', text: 'Next notice expected removed (was 1 Jun 2026)' },
      { foundAt: '2026-06-01T06:00:00.000Z', kind: 'notice', text: 'New notice: UK2: Preliminary market engagement notice' },
      { foundAt: '2026-06-01T06:00:00.000Z', kind: 'amendment', text: 'Amendment: change to the event brite link' },
      { foundAt: '2026-06-01T06:00:00.000Z', kind: 'field', text: 'Title changed to “Victim services”' },
    ];
    const result = readBackup(JSON.stringify(file));
    if (!result.ok) throw new Error(result.message);
    expect(result.problems).toEqual([]);
    expect(result.backup.watchlist[2]!.unseenChanges).toEqual([
      { foundAt: '2026-05-31T06:00:00.000Z', field: 'keyDate', label: 'Key date', kind: 'changed', text: 'Market engagement moved from 1 Jun 2026 to 8 Jun 2026' },
      { foundAt: '2026-05-31T06:00:00.000Z', field: 'keyDate', label: 'Key date', kind: 'added', text: 'Enquiry deadline set: 17 Jun 2026, 17:00' },
      { foundAt: '2026-05-31T06:00:00.000Z', field: 'keyDate', label: 'Key date', kind: 'removed', text: 'Next notice expected removed (was 1 Jun 2026)' },
      { foundAt: '2026-06-01T06:00:00.000Z', field: 'notice', label: 'Notice', kind: 'added', text: 'New notice: UK2: Preliminary market engagement notice' },
      { foundAt: '2026-06-01T06:00:00.000Z', field: 'amendment', label: 'Amendment', kind: 'added', text: 'Amendment: change to the event brite link' },
      { foundAt: '2026-06-01T06:00:00.000Z', field: 'field', label: 'Details', kind: 'changed', text: 'Title changed to “Victim services”' },
    ]);
    // Everything else in the entries as it was.
    expect(result.backup.watchlist.map(({ unseenChanges, ...rest }) => rest)).toEqual(data.watchlist.map(({ unseenChanges, ...rest }) => rest));
  });

  it('a change in neither shape leaves its entry out, named', () => {
    const file = JSON.parse(makeBackup(userData(), NOW));
    file.watchlist[2].unseenChanges = [{ foundAt: '2026-05-31T06:00:00.000Z', kind: 'moved', text: 'Something' }];
    const result = readBackup(JSON.stringify(file));
    if (!result.ok) throw new Error(result.message);
    expect(result.backup.watchlist).toHaveLength(userData().watchlist.length - 1);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^Watchlist entry 3 \(ocds-[^)]+\) was left out: unseenChanges\.0/);
  });
});

describe('a damaged backup', () => {
  it('leaves out the bad entries, names them, and imports the rest', () => {
    const data = userData();
    const json = JSON.parse(makeBackup(data, NOW));
    json.watchlist[1].keyDates[0].at = 'next Tuesday';
    json.watchlist[2].bidStatus = 'maybe';
    json.watchlist.push({ title: 'No ocid' }, 'not an entry', structuredClone(json.watchlist[0]));
    const result = read(JSON.stringify(json));
    expect(result.backup.watchlist).toEqual([data.watchlist[0], data.watchlist[3]]);
    expect(result.backup.snapshots).toEqual(data.snapshots);
    expect(result.backup.settings).toEqual(data.settings);
    expect(result.problems).toEqual([
      `Watchlist entry 2 (${data.watchlist[1]!.ocid}) was left out: keyDates.0.at: expected an ISO 8601 date and time in UTC.`,
      expect.stringMatching(new RegExp(`^Watchlist entry 3 \\(${data.watchlist[2]!.ocid}\\) was left out: bidStatus: .+\\.$`)),
      expect.stringMatching(/^Watchlist entry 5 was left out: ocid: .+/),
      expect.stringMatching(/^Watchlist entry 6 was left out: .+/),
      `Watchlist entry 7 (${data.watchlist[0]!.ocid}) was left out: the backup lists this procurement twice; the first is kept.`,
    ]);
    const { merged, report } = mergeBackup(empty(), result.backup);
    expect(merged.watchlist.map((e) => e.ocid)).toEqual([data.watchlist[0]!.ocid, data.watchlist[3]!.ocid]);
    expect(describeImportReport(report)).toBe('2 added. Settings restored from the backup.');
  });

  it('leaves out a bad snapshot alone', () => {
    const data = userData();
    const json = JSON.parse(makeBackup(data, NOW));
    json.snapshots[0].procurement.notices = 'none';
    json.snapshots[1].procurement.ocid = 'ocds-h6vhtk-000000';
    delete json.snapshots[2].takenAt;
    const result = read(JSON.stringify(json));
    expect(result.backup.snapshots).toEqual(data.snapshots.slice(3));
    expect(result.backup.watchlist).toEqual(data.watchlist);
    expect(result.problems).toHaveLength(3);
    expect(result.problems[1]).toBe(`Snapshot 2 (${data.snapshots[1]!.ocid}) was left out: it holds another procurement (ocds-h6vhtk-000000).`);
  });

  it('falls back to the default for a bad setting only', () => {
    const data = userData();
    const json = JSON.parse(makeBackup(data, NOW));
    json.settings.refreshHours = -1;
    const result = read(JSON.stringify(json));
    expect(result.backup.settings).toEqual({ ...data.settings, refreshHours: DEFAULT_SETTINGS.refreshHours });
    expect(result.problems).toEqual([expect.stringMatching(/^The setting "refreshHours" could not be read \(.+\); its default is used\.$/)]);
  });

  it('imports a backup without snapshots or settings, saying so', () => {
    const data = userData();
    const result = read(JSON.stringify({ format: BACKUP_FORMAT, version: 1, watchlist: data.watchlist }));
    expect(result.backup).toEqual({ watchlist: data.watchlist, snapshots: [], settings: DEFAULT_SETTINGS });
    expect(result.problems).toEqual([
      'The backup has no snapshots; changes will be found again from the next refresh.',
      'The backup has no settings; the defaults are used.',
    ]);
  });
});

describe('describeImportReport', () => {
  it.each<[ImportReport, string]>([
    [{ added: ['a', 'b', 'c'], updated: ['d', 'e'], skipped: [{ ocid: 'f', reason: 'already up to date' }] }, '3 added, 2 updated, 1 skipped: already up to date (f).'],
    [{ added: [], updated: ['d'], skipped: [] }, '1 updated.'],
    [
      { added: [], updated: [], skipped: ['a', 'b', 'c', 'd', 'e'].map((ocid) => ({ ocid, reason: 'already up to date' })) },
      '5 skipped: already up to date (a, b, c and 2 more).',
    ],
    [{ added: [], updated: [], skipped: [] }, 'Nothing to import: the backup has no procurements in it.'],
    [{ added: [], updated: [], skipped: [], settingsRestored: true }, 'Nothing to import: the backup has no procurements in it. Settings restored from the backup.'],
  ])('%j', (report, sentence) => {
    expect(describeImportReport(report)).toBe(sentence);
  });
});
