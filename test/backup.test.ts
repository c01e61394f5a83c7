/**
 * Backups: written and read back in parts, checked with the watchlist's own schemas, and
 * imported into the database (fake-indexeddb, a fresh IDBFactory per test), with data from
 * the real FTS records. A restore into an empty extension gives back everything; an import
 * into a used one merges and never loses the user's own work; a damaged file loses only
 * what is damaged; nothing imported is one the messages would refuse; and 20,000 watched
 * procurements with 5 snapshots each, far past one extension message, go out and back in.
 * No assertion is about wall-clock time (`npm run bench` prints those).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import {
  BACKUP_FORMAT,
  backupFileName,
  describeImport,
  describeImportReport,
  exportBackup,
  importBackup,
  importedEntry,
  importedSettings,
  NotABackup,
  readBackup,
  textParts,
  writeBackup,
  type BackupItem,
  type BackupProblem,
  type ImportReport,
} from '../lib/backup';
import { requestSchemas } from '../lib/message-schemas';
import type { Procurement } from '../lib/procurement';
import { SWEEP_KEY, type SweepState } from '../lib/refresh/cycle';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings';
import { openTenderTimelineDB, type Snapshot, type TenderTimelineDB } from '../lib/watchlist/db';
import { watchEntry, type DetectedChange, type WatchedProcurement } from '../lib/watchlist/entry';
import { asEntry } from '../lib/watchlist/key-date-index';
import { applyRefresh, getEntry, getMeta, LAST_BACKUP_KEY, putAll, SNAPSHOTS_KEPT } from '../lib/watchlist/store';
import { decodeHistories } from '../lib/watchlist/history';
import { entrySnapshots, watchlistEntries } from '../scripts/bench/watchlist-entries';
import { readReal, realFixtureNames } from './support/fixtures';

type DB = IDBPDatabase<TenderTimelineDB>;

const NOW = new Date('2026-06-10T12:00:00Z');

function procurements(): Procurement[] {
  return realFixtureNames().map((name) => {
    const result = analyseOcds(readReal(name), NOW);
    if (!result.ok) throw new Error(`${name}: ${result.message}`);
    return result.procurements[0]!.procurement;
  });
}

interface Data {
  watchlist: WatchedProcurement[];
  snapshots: Snapshot[];
  settings: Settings;
}

/** A used extension: four real procurements with the user's notes, tags, statuses and changes. */
function userData(): Data {
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

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function makeBackup(data: Data, now = NOW): Promise<string> {
  return (await collect(writeBackup(data, now))).join('');
}

/** What reading gives, gathered: the entries, snapshots and settings taken, and the problems. */
async function read(text: string | string[], now = NOW) {
  const items: BackupItem[] = await collect(readBackup(typeof text === 'string' ? [text] : text, now));
  return {
    watchlist: items.flatMap((item) => (item.kind === 'entry' ? [item.entry] : [])),
    snapshots: items.flatMap((item) => (item.kind === 'snapshot' ? [item.snapshot] : [])),
    settings: items.flatMap((item) => (item.kind === 'settings' ? [item.settings] : [])),
    problems: items.flatMap((item) => (item.kind === 'problem' ? [item.problem] : [])),
  };
}

async function refused(text: string): Promise<string> {
  try {
    await read(text);
  } catch (error) {
    if (error instanceof NotABackup) return error.message;
    throw error;
  }
  throw new Error('the file was not refused');
}

/** `text` cut into pieces of `size` characters, as a file's stream gives it. */
const pieces = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

const left = (part: BackupProblem['part'], name: string, reason: string | RegExp) => ({ part, name, reason: typeof reason === 'string' ? reason : expect.stringMatching(reason), leftOut: true });

async function freshDb(): Promise<DB> {
  globalThis.indexedDB = new IDBFactory();
  return openTenderTimelineDB();
}

async function stored(db: DB): Promise<{ watchlist: WatchedProcurement[]; snapshots: Snapshot[] }> {
  return { watchlist: (await db.getAll('watchlist')).map(asEntry), snapshots: decodeHistories(await db.getAll('snapshots')) };
}

const byOcid = <T extends { ocid: string }>(list: T[]) => [...list].sort((a, b) => a.ocid.localeCompare(b.ocid));
const bySnapshotKey = (list: Snapshot[]) => [...list].sort((a, b) => a.ocid.localeCompare(b.ocid) || a.takenAt.localeCompare(b.takenAt));

describe('backup, wipe, restore', () => {
  const data = userData();

  it('writes, in parts, the indented JSON of its format, version, lists and settings', async () => {
    const text = await makeBackup(data);
    const file = { format: BACKUP_FORMAT, version: 2, exportedAt: '2026-06-10T12:00:00.000Z', watchlist: data.watchlist, snapshots: data.snapshots, settings: data.settings };
    expect(text).toBe(`${JSON.stringify(file, null, 2)}\n`);
    expect(await makeBackup({ watchlist: [], snapshots: [], settings: DEFAULT_SETTINGS })).toBe(
      `${JSON.stringify({ format: BACKUP_FORMAT, version: 2, exportedAt: '2026-06-10T12:00:00.000Z', watchlist: [], snapshots: [], settings: DEFAULT_SETTINGS }, null, 2)}\n`,
    );
    expect(backupFileName(NOW)).toBe('tender-timeline-backup-2026-06-10.json');
  });

  it('reads back everything, with no problems, whatever pieces the text arrives in', async () => {
    const text = await makeBackup(data);
    for (const size of [text.length, 1, 7, 4096]) {
      expect(await read(pieces(text, size))).toEqual({ ...data, settings: [data.settings], problems: [] });
    }
  });

  it('keeps which key dates are void (05cfd9, terminated) and which expected (067b89, planned)', async () => {
    const { watchlist } = await read(await makeBackup(data));
    const keyDatesOf = (ocid: string) => watchlist.find((e) => e.ocid === ocid)!.keyDates;
    expect(keyDatesOf('ocds-h6vhtk-05cfd9').filter((k) => k.void).map((k) => k.type)).toEqual(['awardPeriodEnd', 'contractStart', 'contractEnd', 'contractMaxExtent']);
    expect(keyDatesOf('ocds-h6vhtk-067b89').filter((k) => k.estimated).map((k) => k.type)).toEqual(['submissionDeadline', 'awardPeriodEnd', 'contractStart', 'contractEnd', 'contractMaxExtent']);
  });

  it('reads a backup made before key dates were marked void or expected: neither, and no problem', async () => {
    const old = JSON.parse(await makeBackup(data));
    for (const keyDate of old.watchlist.flatMap((entry: WatchedProcurement) => entry.keyDates)) {
      delete keyDate.void;
      delete keyDate.estimated;
    }
    const result = await read(JSON.stringify(old));
    expect(result.problems).toEqual([]);
    expect(result.watchlist.flatMap((e) => e.keyDates).filter((k) => 'void' in k || 'estimated' in k)).toEqual([]);
    expect(result.watchlist).toHaveLength(data.watchlist.length);
  });

  it('reads a backup saved back with a BOM by a text editor', async () => {
    expect((await read(`\uFEFF${await makeBackup(data)}`)).watchlist).toEqual(data.watchlist);
  });

  it('restores into an emptied extension everything there was, and an import again changes nothing', async () => {
    const db = await freshDb();
    const text = await makeBackup(data);
    const first = await importBackup(db, [text], { now: NOW, settings: DEFAULT_SETTINGS });
    expect(first.report).toEqual({ added: data.watchlist.map((e) => e.ocid), updated: [], skipped: [], settingsRestored: true });
    expect(first.settings).toEqual(data.settings);
    expect(first.summary).toBe('4 added. Settings restored from the backup.');
    expect(await stored(db)).toEqual({ watchlist: byOcid(data.watchlist), snapshots: bySnapshotKey(data.snapshots) });
    // Each one is read again from FTS at the next refresh.
    expect((await getMeta<SweepState>(db, SWEEP_KEY))?.pending).toEqual(data.watchlist.map((e) => e.ocid));

    const again = await importBackup(db, [text], { now: NOW, settings: data.settings });
    expect(again.report).toEqual({ added: [], updated: [], skipped: data.watchlist.map((e) => ({ ocid: e.ocid, reason: 'already up to date' })) });
    expect(again.settings).toBeUndefined();
    expect(await stored(db)).toEqual({ watchlist: byOcid(data.watchlist), snapshots: bySnapshotKey(data.snapshots) });
  });

  it('exports what the database holds, and notes when', async () => {
    const db = await freshDb();
    await putAll(db, data.watchlist, data.snapshots);
    const text = (await collect(exportBackup(db, data.settings, NOW))).join('');
    expect(JSON.parse(text)).toEqual(JSON.parse(await makeBackup({ watchlist: byOcid(data.watchlist), snapshots: bySnapshotKey(data.snapshots), settings: data.settings })));
    expect(await getMeta(db, LAST_BACKUP_KEY)).toBe('2026-06-10T12:00:00.000Z');
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
    const result = importedEntry(one(existing), one(incoming));
    if (outcome === 'updated') expect(result).toEqual({ outcome: 'updated', entry: { ...one(existing), ...want } });
    else expect(result).toEqual({ outcome: 'skipped', reason: 'already up to date' });
  });

  it('a procurement not yet watched is added as it is', () => {
    expect(importedEntry(undefined, one({ note: 'Call Sarah' }))).toEqual({ outcome: 'added', entry: one({ note: 'Call Sarah' }) });
  });

  it('keeps the stored entry when both notes together would be too long to edit', () => {
    const long = 'a'.repeat(15_000);
    expect(importedEntry(one({ note: long }), one({ note: 'b'.repeat(15_000) }))).toEqual({ outcome: 'skipped', reason: 'its note or tags together with the stored ones would be too long to edit' });
  });
});

describe('importing into a used extension', () => {
  it('adds the procurements only in the backup and merges the ones on both sides', async () => {
    const data = userData();
    const db = await freshDb();
    const mine = [data.watchlist[0]!, { ...data.watchlist[1]!, note: 'Bid meeting Monday', tags: [] }];
    await putAll(db, mine, []);
    const result = await importBackup(db, [await makeBackup({ ...data, watchlist: data.watchlist.slice(1) })], { now: NOW, settings: { ...DEFAULT_SETTINGS, refreshHours: 24 } });
    expect(result.report).toEqual({ added: data.watchlist.slice(2).map((e) => e.ocid), updated: [data.watchlist[1]!.ocid], skipped: [] });
    expect(result.settings).toBeUndefined();
    const after = await db.get('watchlist', data.watchlist[1]!.ocid);
    expect(after?.note).toBe('Bid meeting Monday');
    expect(after?.tags).toEqual(['Too big']);
    expect((await db.getAll('watchlist')).length).toBe(4);
  });

  it('keeps each procurement’s newest snapshots only, and none for a procurement not watched', async () => {
    const data = userData();
    const [entry] = data.watchlist;
    const procurement = data.snapshots[0]!.procurement;
    const many = Array.from({ length: 8 }, (_, i) => ({ ocid: entry!.ocid, takenAt: `2026-05-0${i + 1}T08:00:00.000Z`, procurement }));
    const stray = { ...data.snapshots[2]!, ocid: 'ocds-h6vhtk-0a0a0a', procurement: { ...data.snapshots[2]!.procurement, ocid: 'ocds-h6vhtk-0a0a0a' } };
    const db = await freshDb();
    const result = await importBackup(db, [await makeBackup({ watchlist: [entry!], snapshots: [...many, stray], settings: DEFAULT_SETTINGS })], { now: NOW, settings: DEFAULT_SETTINGS });
    expect((await db.getAll('snapshots')).map((s) => s.takenAt)).toEqual(many.slice(-SNAPSHOTS_KEPT).map((s) => s.takenAt));
    expect(result.problems).toEqual([left('snapshot', 'Snapshot 9 (ocds-h6vhtk-0a0a0a)', 'its procurement is not in the watchlist')]);
  });

  it('a refresh running during the import is not rolled back, nor is the import', async () => {
    const data = userData();
    const [entry] = data.watchlist;
    const db = await freshDb();
    await putAll(db, [entry!], [data.snapshots[1]!]);
    const text = await makeBackup({ watchlist: [{ ...entry!, note: 'From the other laptop', lastCheckedAt: '2026-06-01T08:00:00.000Z' }], snapshots: [], settings: DEFAULT_SETTINGS });
    const refreshed: Procurement = { ...data.snapshots[1]!.procurement, title: 'Out of Court Resolution (re-let)' };
    // The import reads and merges in the same transaction as it writes; the refresh, which
    // finishes in between, would otherwise be overwritten by the entry the import read.
    const [result] = await Promise.all([importBackup(db, pieces(text, 64), { now: NOW, settings: DEFAULT_SETTINGS }), applyRefresh(db, refreshed, NOW)]);
    expect(result.report.updated).toEqual([entry!.ocid]);
    expect(await db.get('watchlist', entry!.ocid)).toMatchObject({
      title: 'Out of Court Resolution (re-let)',
      note: expect.stringMatching(/\n\n\[From backup\] From the other laptop$/),
      lastCheckedAt: NOW.toISOString(),
    });
  });
});

describe('files that are not backups', () => {
  it.each([
    ['an empty file', ''],
    ['plain text', 'Ocid,Title\nocds-h6vhtk-05cfd9,Out of Court Resolution'],
    ['a JSON list', '[1, 2, 3]'],
    ['a JSON string', '"tender-timeline-backup"'],
    ['null', 'null'],
    ['another format', JSON.stringify({ format: 'other-app-backup', version: 1, watchlist: [] })],
    ['no version', JSON.stringify({ format: BACKUP_FORMAT, watchlist: [] })],
    ['a version that is not a number', JSON.stringify({ format: BACKUP_FORMAT, version: '1', watchlist: [] })],
    ['no watchlist', JSON.stringify({ format: BACKUP_FORMAT, version: 1, settings: DEFAULT_SETTINGS })],
    ['a watchlist that is not a list', JSON.stringify({ format: BACKUP_FORMAT, version: 1, watchlist: {} })],
    ['snapshots before the watchlist', JSON.stringify({ format: BACKUP_FORMAT, version: 1, snapshots: [], watchlist: [] })],
  ])('refuses %s', async (_name, text) => {
    expect(await refused(text)).toMatch(/^This file is not a Tender Timeline backup: .+\.$/);
  });

  it('refuses a file cut off before its first entry', async () => {
    expect(await refused((await makeBackup(userData())).slice(0, 500))).toBe('This file is not a Tender Timeline backup: it is not JSON (is it the right file, complete?).');
  });

  it('says when the file is FTS data rather than a backup', async () => {
    expect(await refused(readReal('ocds-h6vhtk-05cfd9.json'))).toBe(
      'This file is not a Tender Timeline backup: it has no "format": "tender-timeline-backup" (it looks like OCDS data from Find a Tender).',
    );
  });

  it('asks for an update to read a backup from a newer version', async () => {
    const newer = JSON.stringify({ ...JSON.parse(await makeBackup(userData())), version: 3 });
    expect(await refused(newer)).toBe(
      'This backup was made by a newer version of Tender Timeline (backup format 3; this version reads format 2). Update the extension, then import it again.',
    );
  });

  it('writes nothing when it refuses a file', async () => {
    const db = await freshDb();
    const text = JSON.stringify({ format: BACKUP_FORMAT, version: 3, watchlist: userData().watchlist });
    await expect(importBackup(db, [text], { now: NOW, settings: DEFAULT_SETTINGS })).rejects.toThrow(NotABackup);
    expect(await stored(db)).toEqual({ watchlist: [], snapshots: [] });
  });
});

describe('a backup from format 1 (unseen changes as `{ foundAt, kind, text }`)', () => {
  it('reads each change into the one model, its sentence word for word', async () => {
    const data = userData();
    const file = JSON.parse(await makeBackup(data));
    file.version = 1;
    file.watchlist[2].unseenChanges = [
      { foundAt: '2026-05-31T06:00:00.000Z', kind: 'keyDate', text: 'Market engagement moved from 1 Jun 2026 to 8 Jun 2026' },
      { foundAt: '2026-05-31T06:00:00.000Z', kind: 'keyDate', text: 'Enquiry deadline set: 17 Jun 2026, 17:00' },
      { foundAt: '2026-05-31T06:00:00.000Z', kind: 'keyDate', text: 'Next notice expected removed (was 1 Jun 2026)' },
      { foundAt: '2026-06-01T06:00:00.000Z', kind: 'notice', text: 'New notice: UK2: Preliminary market engagement notice' },
      { foundAt: '2026-06-01T06:00:00.000Z', kind: 'amendment', text: 'Amendment: change to the event brite link' },
      { foundAt: '2026-06-01T06:00:00.000Z', kind: 'field', text: 'Title changed to “Victim services”' },
    ];
    const result = await read(JSON.stringify(file));
    expect(result.problems).toEqual([]);
    expect(result.watchlist[2]!.unseenChanges).toEqual([
      { foundAt: '2026-05-31T06:00:00.000Z', field: 'keyDate', label: 'Key date', kind: 'changed', text: 'Market engagement moved from 1 Jun 2026 to 8 Jun 2026' },
      { foundAt: '2026-05-31T06:00:00.000Z', field: 'keyDate', label: 'Key date', kind: 'added', text: 'Enquiry deadline set: 17 Jun 2026, 17:00' },
      { foundAt: '2026-05-31T06:00:00.000Z', field: 'keyDate', label: 'Key date', kind: 'removed', text: 'Next notice expected removed (was 1 Jun 2026)' },
      { foundAt: '2026-06-01T06:00:00.000Z', field: 'notice', label: 'Notice', kind: 'added', text: 'New notice: UK2: Preliminary market engagement notice' },
      { foundAt: '2026-06-01T06:00:00.000Z', field: 'amendment', label: 'Amendment', kind: 'added', text: 'Amendment: change to the event brite link' },
      { foundAt: '2026-06-01T06:00:00.000Z', field: 'field', label: 'Details', kind: 'changed', text: 'Title changed to “Victim services”' },
    ]);
    // Everything else in the entries as it was.
    expect(result.watchlist.map(({ unseenChanges, ...rest }) => rest)).toEqual(data.watchlist.map(({ unseenChanges, ...rest }) => rest));
  });

  it('a change in neither shape leaves its entry out, named', async () => {
    const file = JSON.parse(await makeBackup(userData()));
    file.watchlist[2].unseenChanges = [{ foundAt: '2026-05-31T06:00:00.000Z', kind: 'moved', text: 'Something' }];
    const result = await read(JSON.stringify(file));
    expect(result.watchlist).toHaveLength(userData().watchlist.length - 1);
    expect(result.problems).toEqual([left('entry', expect.stringMatching(/^Watchlist entry 3 \(ocds-[^)]+\)$/), /^unseenChanges\.0/)]);
  });
});

describe('a damaged backup', () => {
  it('leaves out the bad entries, names them, and imports the rest', async () => {
    const data = userData();
    const json = JSON.parse(await makeBackup(data));
    json.watchlist[1].keyDates[0].at = 'next Tuesday';
    json.watchlist[2].bidStatus = 'maybe';
    json.watchlist.push({ title: 'No ocid' }, 'not an entry', structuredClone(json.watchlist[0]));
    const result = await read(JSON.stringify(json));
    expect(result.watchlist).toEqual([data.watchlist[0], data.watchlist[3]]);
    expect(result.snapshots).toEqual(data.snapshots);
    expect(result.settings).toEqual([data.settings]);
    expect(result.problems).toEqual([
      left('entry', `Watchlist entry 2 (${data.watchlist[1]!.ocid})`, 'keyDates.0.at: expected an ISO 8601 date and time in UTC'),
      left('entry', `Watchlist entry 3 (${data.watchlist[2]!.ocid})`, /^bidStatus: .+$/),
      left('entry', 'Watchlist entry 5', /^ocid: .+/),
      left('entry', 'Watchlist entry 6', /.+/),
      left('entry', `Watchlist entry 7 (${data.watchlist[0]!.ocid})`, 'the backup lists this procurement twice; the first is kept'),
    ]);
  });

  it('leaves out a bad snapshot alone', async () => {
    const data = userData();
    const json = JSON.parse(await makeBackup(data));
    json.snapshots[0].procurement.notices = 'none';
    json.snapshots[1].procurement.ocid = 'ocds-h6vhtk-000000';
    delete json.snapshots[2].takenAt;
    const result = await read(JSON.stringify(json));
    expect(result.snapshots).toEqual(data.snapshots.slice(3));
    expect(result.watchlist).toEqual(data.watchlist);
    expect(result.problems).toEqual([
      left('snapshot', `Snapshot 1 (${data.snapshots[0]!.ocid})`, /^procurement\.notices: /),
      left('snapshot', `Snapshot 2 (${data.snapshots[1]!.ocid})`, 'procurement.ocid: it holds another procurement'),
      left('snapshot', `Snapshot 3 (${data.snapshots[2]!.ocid})`, /^takenAt: /),
    ]);
  });

  it('falls back to the default for a bad setting only', async () => {
    const data = userData();
    const json = JSON.parse(await makeBackup(data));
    json.settings.refreshHours = -1;
    const result = await read(JSON.stringify(json));
    expect(result.settings).toEqual([{ ...data.settings, refreshHours: DEFAULT_SETTINGS.refreshHours }]);
    expect(result.problems).toEqual([left('setting', 'The setting "refreshHours"', /^.+; its default is used$/)]);
  });

  it('imports a backup without snapshots or settings, saying so', async () => {
    const data = userData();
    const result = await read(JSON.stringify({ format: BACKUP_FORMAT, version: 1, watchlist: data.watchlist }));
    expect(result).toEqual({
      watchlist: data.watchlist,
      snapshots: [],
      settings: [DEFAULT_SETTINGS],
      problems: [
        left('file', 'Snapshots', 'The backup has no snapshots; changes will be found again from the next refresh.'),
        left('file', 'Settings', 'The backup has no settings; the defaults are used.'),
      ],
    });
  });

  it('a file cut short keeps what came before the cut, and says so', async () => {
    const data = userData();
    const text = await makeBackup(data);
    // Cut inside the third entry.
    const cut = text.slice(0, text.indexOf(data.watchlist[2]!.ocid));
    const db = await freshDb();
    const result = await importBackup(db, pieces(cut, 1000), { now: NOW, settings: DEFAULT_SETTINGS });
    expect(result.report.added).toEqual(data.watchlist.slice(0, 2).map((e) => e.ocid));
    expect(result.problems).toEqual([left('file', 'The file', /^it is damaged or cut short after its first 2 items \(it ends early, at character [\d,]+\): what came before was imported, the rest could not be read$/)]);
    expect(result.summary).toMatch(/^2 added\. Left out \(1\): The file: it is damaged or cut short after its first 2 items/);
  });
});

describe('imported data obeys the rules live data does', () => {
  const data = userData();
  const base = data.watchlist[0]!;
  const withOcid = (ocid: string): WatchedProcurement => ({ ...base, ocid });

  it.each([
    ['capitals', 'OCDS-H6VHTK-UPPER'],
    ['a trailing space', 'ocds-h6vhtk-05cfd9 '],
    ['a path', '../../x'],
    ['1 MB', `ocds-h6vhtk-${'a'.repeat(1_000_000)}`],
  ])('leaves out an entry whose ocid the messages refuse (%s), so none stored cannot be unwatched', async (_name, ocid) => {
    const db = await freshDb();
    const result = await importBackup(db, [await makeBackup({ watchlist: [withOcid(ocid), data.watchlist[1]!], snapshots: [], settings: DEFAULT_SETTINGS })], {
      now: NOW,
      settings: DEFAULT_SETTINGS,
    });
    expect(result.report.added).toEqual([data.watchlist[1]!.ocid]);
    expect(result.problems[0]).toEqual(left('entry', expect.stringMatching(/^Watchlist entry 1/), /^ocid: /));
    expect(result.problems[0]!.name.length).toBeLessThan(100);
    // Everything stored can be unwatched and edited.
    for (const entry of await db.getAll('watchlist')) {
      expect(requestSchemas['watchlist:unwatch'].safeParse({ ocid: entry.ocid }).success).toBe(true);
      expect(requestSchemas['watchlist:update'].safeParse({ ocid: entry.ocid, note: entry.note, tags: entry.tags, bidStatus: entry.bidStatus }).success).toBe(true);
    }
  });

  it('leaves out an entry whose note or tags could never be saved again', async () => {
    const result = await read(await makeBackup({ watchlist: [{ ...base, note: 'x'.repeat(1_000_000) }, { ...data.watchlist[1]!, tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }], snapshots: [], settings: DEFAULT_SETTINGS }));
    expect(result.watchlist).toEqual([]);
    expect(result.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/^note: /), expect.stringMatching(/^tags: /)]);
  });

  it('leaves out a snapshot without a value, and the next refresh of its procurement works', async () => {
    const json = JSON.parse(await makeBackup({ watchlist: [base], snapshots: [data.snapshots[1]!], settings: DEFAULT_SETTINGS }));
    delete json.snapshots[0].procurement.value;
    const db = await freshDb();
    const result = await importBackup(db, [JSON.stringify(json)], { now: NOW, settings: DEFAULT_SETTINGS });
    expect(result.problems).toEqual([left('snapshot', `Snapshot 1 (${base.ocid})`, /^procurement\.value: /)]);
    expect(await db.getAll('snapshots')).toEqual([]);
    await expect(applyRefresh(db, data.snapshots[1]!.procurement, NOW)).resolves.toEqual([]);
  });

  it('leaves out a snapshot with a key date that is not a date (every comparison would throw)', async () => {
    const json = JSON.parse(await makeBackup({ watchlist: [base], snapshots: [data.snapshots[1]!], settings: DEFAULT_SETTINGS }));
    json.snapshots[0].procurement.keyDates[0].at = 'soon';
    expect((await read(JSON.stringify(json))).problems).toEqual([left('snapshot', `Snapshot 1 (${base.ocid})`, /^procurement\.keyDates\.0\.at: /)]);
  });

  it('leaves out a snapshot dated in the future: it would be compared with every refresh again', async () => {
    const db = await freshDb();
    const future = { ...data.snapshots[1]!, takenAt: '9999-01-01T00:00:00.000Z', procurement: { ...data.snapshots[1]!.procurement, title: 'Old title' } };
    const result = await importBackup(db, [await makeBackup({ watchlist: [base], snapshots: [data.snapshots[0]!, future], settings: DEFAULT_SETTINGS })], { now: NOW, settings: DEFAULT_SETTINGS });
    expect(result.problems).toEqual([left('snapshot', `Snapshot 2 (${base.ocid})`, 'it is dated in the future (9999-01-01T00:00:00.000Z)')]);
    expect((await db.getAll('snapshots')).map((s) => s.takenAt)).toEqual([data.snapshots[0]!.takenAt]);
  });

  it('a snapshot stored while the clock was ahead gives its changes once, not at every refresh', async () => {
    const db = await freshDb();
    const procurement = data.snapshots[1]!.procurement;
    await putAll(db, [base], [{ ocid: base.ocid, takenAt: '2030-01-01T00:00:00.000Z', procurement: { ...procurement, title: 'Old title' } }]);
    expect(await applyRefresh(db, procurement, NOW)).toEqual([expect.objectContaining({ field: 'title', before: 'Old title', after: procurement.title })]);
    expect(await applyRefresh(db, procurement, new Date(NOW.getTime() + 6 * 3_600_000))).toEqual([]);
    expect((await db.getAll('snapshots')).map((s) => s.takenAt)).toEqual([NOW.toISOString()]);
  });

  it('a last check in the future is taken as unknown: it does not replace the stored summary, and is read again', async () => {
    const db = await freshDb();
    await putAll(db, [base], []);
    const theirs = { ...base, title: 'A title from nowhere', lastCheckedAt: '9999-12-31T23:59:59.000Z', watchedAt: '9999-01-01T00:00:00.000Z' };
    const result = await importBackup(db, [await makeBackup({ watchlist: [theirs, { ...data.watchlist[1]!, lastCheckedAt: '9999-12-31T23:59:59.000Z' }], snapshots: [], settings: DEFAULT_SETTINGS })], {
      now: NOW,
      settings: DEFAULT_SETTINGS,
    });
    expect(await getEntry(db, base.ocid)).toEqual(base);
    const added = await db.get('watchlist', data.watchlist[1]!.ocid);
    expect(added?.lastCheckedAt).toBeUndefined();
    expect((await getMeta<SweepState>(db, SWEEP_KEY))?.pending).toEqual([data.watchlist[1]!.ocid]);
    expect(result.problems.map((p) => [p.leftOut, p.reason])).toEqual([
      [false, 'dates in the future (last checked 9999-12-31T23:59:59.000Z, watched 9999-01-01T00:00:00.000Z) were taken as unknown or as now'],
      [false, 'dates in the future (last checked 9999-12-31T23:59:59.000Z) were taken as unknown or as now'],
    ]);
  });

  it('tells how many were left out and why, grouped, in the import result', () => {
    const report: ImportReport = { added: ['ocds-h6vhtk-05cfd9'], updated: [], skipped: [] };
    const problems: BackupProblem[] = [
      { part: 'entry', name: 'Watchlist entry 1 (OCDS-H6VHTK-UPPER)', reason: 'ocid: an ocid such as ocds-h6vhtk-05cfd9', leftOut: true },
      { part: 'entry', name: 'Watchlist entry 3 (../../x)', reason: 'ocid: an ocid such as ocds-h6vhtk-05cfd9', leftOut: true },
      { part: 'entry', name: 'Watchlist entry 4 (ocds-h6vhtk-a b)', reason: 'ocid: an ocid such as ocds-h6vhtk-05cfd9', leftOut: true },
      { part: 'snapshot', name: 'Snapshot 2 (ocds-h6vhtk-05cfd9)', reason: 'procurement.value: expected object', leftOut: true },
      { part: 'entry', name: 'Watchlist entry 2 (ocds-h6vhtk-05cfd9)', reason: 'dates in the future (watched 9999-01-01T00:00:00.000Z) were taken as unknown or as now', leftOut: false },
    ];
    expect(describeImport(report, problems)).toBe(
      '1 added. Left out (4): 3 watchlist entries — ocid: an ocid such as ocds-h6vhtk-05cfd9 (Watchlist entry 1 (OCDS-H6VHTK-UPPER), Watchlist entry 3 (../../x) and 1 more); ' +
        '1 snapshot — procurement.value: expected object (Snapshot 2 (ocds-h6vhtk-05cfd9)). ' +
        'Corrected (1): 1 watchlist entry — dates in the future (watched 9999-01-01T00:00:00.000Z) were taken as unknown or as now (Watchlist entry 2 (ocds-h6vhtk-05cfd9)).',
    );
  });
});

describe('settings', () => {
  it('takes the backup’s settings only over the defaults', () => {
    const custom: Settings = { ...DEFAULT_SETTINGS, refreshHours: 24 };
    const theirs: Settings = { ...DEFAULT_SETTINGS, notifyChanges: false };
    expect(importedSettings(DEFAULT_SETTINGS, theirs)).toEqual(theirs);
    expect(importedSettings(custom, theirs)).toBeUndefined();
    expect(importedSettings(DEFAULT_SETTINGS, DEFAULT_SETTINGS)).toBeUndefined();
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

describe('at scale: 20,000 watched procurements with 5 snapshots each', () => {
  const WATCHED = 20_000;
  const MESSAGE_LIMIT = 64 * 1024 * 1024;

  it('goes out in parts and comes back in, all of it, past the 64 MiB a message may carry', { timeout: 600_000 }, async () => {
    const entries = watchlistEntries(WATCHED, NOW);
    const snapshots = entries.flatMap((entry) => entrySnapshots(entry, 5));
    const source = await freshDb();
    await putAll(source, entries, snapshots);

    const parts = await collect(exportBackup(source, DEFAULT_SETTINGS, NOW));
    const size = parts.reduce((sum, part) => sum + part.length, 0);
    expect(size).toBeGreaterThan(MESSAGE_LIMIT);
    expect(Math.max(...parts.map((part) => part.length))).toBeLessThan(8 * 1024 * 1024);
    const file = new Blob(parts, { type: 'application/json' });
    source.close();

    // Into a fresh extension, from the file's stream, as the popup does.
    const target = await freshDb();
    const result = await importBackup(target, textParts(file), { now: NOW, settings: DEFAULT_SETTINGS });
    expect(result.problems).toEqual([]);
    expect(result.report.added.length).toBe(WATCHED);
    expect(await target.count('watchlist')).toBe(WATCHED);
    expect(await target.count('snapshots')).toBe(5 * WATCHED);
    for (const i of [0, 1, 9_999, WATCHED - 1]) expect(await getEntry(target, entries[i]!.ocid)).toEqual(entries[i]);
    const last = snapshots.at(-1)!;
    expect(await target.get('snapshots', [last.ocid, last.takenAt])).toEqual(JSON.parse(JSON.stringify(last)));
  });
});

describe('instants', () => {
  it('are stored as the watchlist writes them, so that comparing them as text holds', async () => {
    const entry = { ...userData().watchlist[1]!, watchedAt: '2026-05-11T09:00:00Z', lastCheckedAt: '2026-06-02T08:00:00.1234Z' };
    const [read1] = (await read(await makeBackup({ watchlist: [entry], snapshots: [], settings: DEFAULT_SETTINGS }))).watchlist;
    expect(read1).toMatchObject({ watchedAt: '2026-05-11T09:00:00.000Z', lastCheckedAt: '2026-06-02T08:00:00.123Z' });
  });
});

describe('unseen changes', () => {
  it('an import keeps the newest 100 of each procurement, as a refresh does', () => {
    const base = userData().watchlist[0]!;
    const change = (i: number): DetectedChange => ({ foundAt: new Date(Date.UTC(2026, 4, 1, 0, i)).toISOString(), field: 'title', label: 'Title', kind: 'changed', text: `Change ${i}` });
    const many = { ...base, unseenChanges: Array.from({ length: 150 }, (_, i) => change(i)) };
    expect(importedEntry(undefined, many).entry?.unseenChanges).toEqual(many.unseenChanges.slice(50));
    const merged = importedEntry({ ...base, unseenChanges: many.unseenChanges.slice(0, 80) }, { ...base, unseenChanges: many.unseenChanges.slice(80) }).entry;
    expect(merged?.unseenChanges).toEqual(many.unseenChanges.slice(50));
  });
});
