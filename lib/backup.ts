/**
 * The user's data as one JSON file, and reading it back: a backup to keep, or to move the
 * watchlist to another browser. Importing merges into what is there; it never overwrites
 * the user's work.
 *
 * Any size: the file is written and read in parts, never as one string — written from the
 * database batch by batch (`exportBackup`, parts of a few MB for the page to make a Blob
 * of), and read as a stream of text (`importBackup`, through lib/json-stream.ts), each
 * procurement and snapshot checked and merged in batches. 20,000 watched procurements
 * with 5 snapshots each run to hundreds of MB, past what one extension message may carry
 * (64 MiB in Chrome), so the extension page does this itself, on the same database
 * through the same store code (see README, "Backups").
 *
 * Reading is field by field, as with FTS data, and with the schemas of what the watchlist
 * stores (lib/watchlist/schema.ts, whose editable fields are the message schemas' own): a
 * watchlist entry or snapshot that does not check out is left out and reported, with why,
 * and the rest is imported. A date in the future cannot be when something happened: an
 * entry's `lastCheckedAt` from the future is taken as unknown (it is read again from FTS),
 * its `watchedAt` and changes' `foundAt` as now, and a snapshot dated in the future is left
 * out. Only a file that is not a backup at all, or one made by a newer version, is refused
 * as a whole; a file cut short keeps what came before the cut.
 */
import { z } from 'zod';
import type { IDBPDatabase } from 'idb';
import { jsonMembers, JsonStreamError, type JsonMember } from './json-stream';
import { note as noteSchema, tags as tagsSchema } from './message-schemas';
import { addPendingReads } from './refresh/cycle';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { KEY_DATE_TYPES } from './timeline/types';
import type { Snapshot, TenderTimelineDB } from './watchlist/db';
import type { DetectedChange, WatchedProcurement } from './watchlist/entry';
import { snapshotSchema, watchedProcurementSchema } from './watchlist/schema';
import { addSnapshots, entriesInBatches, LAST_BACKUP_KEY, mergeEntries, setMeta, snapshotsInBatches, UNSEEN_CHANGES_KEPT } from './watchlist/store';

type DB = IDBPDatabase<TenderTimelineDB>;

export const BACKUP_FORMAT = 'tender-timeline-backup';
/** 2: unseen changes in the one model of what changed (format 1's are read and upgraded). */
export const BACKUP_VERSION = 2;

/** Things given one at a time, from memory or from the database. */
export type Items<T> = Iterable<T> | AsyncIterable<T>;

export interface BackupData {
  /** Notes, tags and bid status live inside the entries. */
  watchlist: Items<WatchedProcurement>;
  snapshots: Items<Snapshot>;
  settings: Settings;
}

/** Something in a backup file that was left out (or, `leftOut: false`, taken with a correction), and why. */
export interface BackupProblem {
  part: 'entry' | 'snapshot' | 'setting' | 'file';
  /** "Watchlist entry 3 (ocds-h6vhtk-05cfd9)". */
  name: string;
  /** For people: "ocid: an ocid such as ocds-h6vhtk-05cfd9". */
  reason: string;
  leftOut: boolean;
}

/** What reading a backup gives, in the file's order; `settings` comes last. */
export type BackupItem =
  | { kind: 'entry'; entry: WatchedProcurement }
  | { kind: 'snapshot'; snapshot: Snapshot }
  | { kind: 'settings'; settings: Settings }
  | { kind: 'problem'; problem: BackupProblem };

/** The file is not a backup this version can read; nothing of it was taken. */
export class NotABackup extends Error {}

export interface ImportReport {
  /** Ocids new to the watchlist. */
  added: string[];
  /** Ocids already watched that the backup added something to. */
  updated: string[];
  /** Ocids the backup brought nothing new for, and why. */
  skipped: Array<{ ocid: string; reason: string }>;
  /** True when the backup's settings replaced the defaults. */
  settingsRestored?: boolean;
}

export interface ImportResult {
  report: ImportReport;
  problems: BackupProblem[];
  /** The settings to store, when the backup's replace the defaults. */
  settings?: Settings;
  /** The whole outcome in a few sentences, for the popup. */
  summary: string;
}

/** Each setting on its own, so that one bad value falls back to its default alone. */
const settingSchemas = {
  refreshHours: z.number().positive().max(24 * 365),
  reminderLeadDays: z.array(z.number().int().min(0).max(365)),
  reminderTypes: z.array(z.enum(KEY_DATE_TYPES)),
  notifyChanges: z.boolean(),
} satisfies { [K in keyof Settings]: z.ZodType<Settings[K]> };
const settingNames = Object.keys(settingSchemas) as Array<keyof Settings>;

const envelopeSchema = z.looseObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
  exportedAt: z.string().optional(),
});

// ---------------------------------------------------------------------------------------
// Writing

/** Text is handed on in parts of about this many characters (one larger item is a part of its own). */
const PART_CHARS = 4 * 1024 * 1024;

/**
 * The backup file, in parts whose concatenation is `JSON.stringify(file, null, 2)` of
 * `{ format, version, exportedAt, watchlist, snapshots, settings }` plus a newline: the
 * same bytes as one `stringify` would give, without ever holding them all.
 */
export async function* writeBackup(data: BackupData, now: Date): AsyncGenerator<string> {
  let part = `{\n  "format": ${JSON.stringify(BACKUP_FORMAT)},\n  "version": ${BACKUP_VERSION},\n  "exportedAt": ${JSON.stringify(now.toISOString())},\n`;
  const lists: Array<[string, Items<unknown>]> = [
    ['watchlist', data.watchlist],
    ['snapshots', data.snapshots],
  ];
  for (const [name, items] of lists) {
    part += `  ${JSON.stringify(name)}: [`;
    let count = 0;
    for await (const item of items) {
      part += `${count++ > 0 ? ',' : ''}\n    ${JSON.stringify(item, null, 2).replaceAll('\n', '\n    ')}`;
      if (part.length >= PART_CHARS) {
        yield part;
        part = '';
      }
    }
    part += count > 0 ? '\n  ],\n' : '],\n';
  }
  yield `${part}  "settings": ${JSON.stringify(data.settings, null, 2).replaceAll('\n', '\n  ')}\n}\n`;
}

/** "tender-timeline-backup-2026-06-01.json" (the UTC date the backup was made). */
export function backupFileName(now: Date): string {
  return `tender-timeline-backup-${now.toISOString().slice(0, 10)}.json`;
}

async function* flat<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/**
 * The backup of everything in the database, in parts (see `writeBackup`), read in batches
 * of a few hundred rows, each in its own short transaction so that a refresh is never held
 * up for long. When the last part has been given, the backup is noted as made.
 */
export async function* exportBackup(db: DB, settings: Settings, now: Date): AsyncGenerator<string> {
  yield* writeBackup({ watchlist: flat(entriesInBatches(db, 500)), snapshots: flat(snapshotsInBatches(db, 50)), settings }, now);
  await setMeta(db, LAST_BACKUP_KEY, now.toISOString());
}

// ---------------------------------------------------------------------------------------
// Reading

/** A file's text in parts, decoded from UTF-8 as it is read (never as one string). */
export async function* textParts(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

const NOT_A_BACKUP = 'This file is not a Tender Timeline backup';
const LISTS = new Set(['watchlist', 'snapshots']);
const ENVELOPE = new Set(['format', 'version', 'exportedAt']);

function issuesText(error: z.ZodError, limit = 3): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - parts.length;
  return parts.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An item's ocid as it may be shown: cut short, since the file may hold anything there. */
function shownOcid(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value.ocid !== 'string' || value.ocid === '') return undefined;
  return value.ocid.length > 60 ? `${value.ocid.slice(0, 60)}…` : value.ocid;
}

const named = (what: string, index: number, raw: unknown) => `${what} ${index + 1}${shownOcid(raw) ? ` (${shownOcid(raw)})` : ''}`;
const leftOut = (part: BackupProblem['part'], name: string, reason: string): BackupItem => ({ kind: 'problem', problem: { part, name, reason, leftOut: true } });

function checkEnvelope(envelope: Record<string, unknown>, names: ReadonlySet<string>): void {
  if (envelope.format !== BACKUP_FORMAT) {
    const what = names.has('releases') || names.has('records') || names.has('ocid') ? ' (it looks like OCDS data from Find a Tender)' : '';
    throw new NotABackup(`${NOT_A_BACKUP}: it has no "format": "${BACKUP_FORMAT}"${what}.`);
  }
  const parsed = envelopeSchema.safeParse(envelope);
  if (!parsed.success) throw new NotABackup(`${NOT_A_BACKUP}: its version is missing or unreadable.`);
  if (parsed.data.version > BACKUP_VERSION) {
    throw new NotABackup(
      `This backup was made by a newer version of Tender Timeline (backup format ${parsed.data.version}; this version reads format ${BACKUP_VERSION}). Update the extension, then import it again.`,
    );
  }
}

function notJson(error: JsonStreamError): string {
  if (error.kind === 'notObject') return `${NOT_A_BACKUP}: ${error.message}, not a backup.`;
  return `${NOT_A_BACKUP}: it is not JSON (is it the right file, complete?).`;
}

const isFuture = (iso: string | undefined, now: Date): iso is string => iso !== undefined && Date.parse(iso) > now.getTime();

/** The entry with its dates from the future corrected (see the top of this file), and what was corrected. */
function fromThePast(entry: WatchedProcurement, now: Date): { entry: WatchedProcurement; corrected: string[] } {
  const nowIso = now.toISOString();
  const corrected: string[] = [];
  const out = { ...entry };
  if (isFuture(out.lastCheckedAt, now)) {
    corrected.push(`last checked ${out.lastCheckedAt}`);
    delete out.lastCheckedAt;
    delete out.lastCheckError;
  }
  if (isFuture(out.watchedAt, now)) {
    corrected.push(`watched ${out.watchedAt}`);
    out.watchedAt = nowIso;
  }
  if (out.unseenChanges.some((change) => isFuture(change.foundAt, now))) {
    corrected.push('changes found later than now');
    out.unseenChanges = out.unseenChanges.map((change) => (isFuture(change.foundAt, now) ? { ...change, foundAt: nowIso } : change));
  }
  return { entry: out, corrected };
}

function readSettings(raw: unknown, problems: BackupProblem[]): Settings {
  if (!isRecord(raw)) {
    problems.push({ part: 'file', name: 'Settings', reason: 'The backup has no settings; the defaults are used.', leftOut: true });
    return structuredClone(DEFAULT_SETTINGS);
  }
  const out: Record<string, unknown> = {};
  for (const key of settingNames) {
    const parsed = settingSchemas[key].safeParse(raw[key]);
    if (parsed.success) out[key] = parsed.data;
    else {
      out[key] = structuredClone(DEFAULT_SETTINGS[key]);
      problems.push({ part: 'setting', name: `The setting "${key}"`, reason: `${issuesText(parsed.error, 1)}; its default is used`, leftOut: true });
    }
  }
  return out as unknown as Settings;
}

/** One element of a list: unreadable or not what `schema` says, it is left out, else `take` says what it gives. */
function* readItem<T>(
  member: Extract<JsonMember, { kind: 'element' | 'unreadable' }>,
  part: BackupProblem['part'],
  what: string,
  schema: z.ZodType<T>,
  take: (value: T, name: string) => Iterable<BackupItem>,
): Generator<BackupItem> {
  const raw = member.kind === 'element' ? member.value : undefined;
  const name = named(what, member.index!, raw);
  if (member.kind === 'unreadable') return yield leftOut(part, name, member.reason);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return yield leftOut(part, name, issuesText(parsed.error));
  yield* take(parsed.data, name);
}

/**
 * Reads a backup file given as text in parts (a file's stream, or one string). Throws
 * `NotABackup` — before giving anything — for a file that is not a backup or is from a
 * newer version; otherwise gives, in the file's order, every entry and snapshot that
 * checks out and a problem for each one left out, then the settings. The file is read in
 * the order this version writes it: its format and version before its lists, its watchlist
 * before its snapshots.
 */
export async function* readBackup(text: Items<string>, now: Date): AsyncGenerator<BackupItem> {
  const envelope: Record<string, unknown> = {};
  const names = new Set<string>();
  let checked = false;
  const check = () => {
    if (!checked) checkEnvelope(envelope, names);
    checked = true;
  };
  const lists = new Set<string>();
  let settings: unknown;
  let items = 0;
  const ocids = new Set<string>();
  const snapshotKeys = new Set<string>();
  const problems: BackupProblem[] = [];
  function* takeEntry(read: WatchedProcurement, name: string): Generator<BackupItem> {
    if (ocids.has(read.ocid)) return yield leftOut('entry', name, 'the backup lists this procurement twice; the first is kept');
    ocids.add(read.ocid);
    const { entry, corrected } = fromThePast(read, now);
    if (corrected.length) yield { kind: 'problem', problem: { part: 'entry', name, reason: `dates in the future (${corrected.join(', ')}) were taken as unknown or as now`, leftOut: false } };
    yield { kind: 'entry', entry };
  }
  function* takeSnapshot(snapshot: Snapshot, name: string): Generator<BackupItem> {
    if (isFuture(snapshot.takenAt, now)) return yield leftOut('snapshot', name, `it is dated in the future (${snapshot.takenAt})`);
    const key = `${snapshot.ocid}\u0000${snapshot.takenAt}`;
    if (snapshotKeys.has(key)) return;
    snapshotKeys.add(key);
    yield { kind: 'snapshot', snapshot };
  }
  try {
    for await (const member of jsonMembers(text, { expand: LISTS })) {
      names.add(member.name);
      const element = member.kind === 'element' || (member.kind === 'unreadable' && member.index !== undefined);
      if (member.kind === 'start' || (!element && LISTS.has(member.name))) {
        check();
        if (member.name === 'snapshots' && !lists.has('watchlist')) throw new NotABackup(`${NOT_A_BACKUP}: its snapshots come before its watchlist.`);
        if (member.kind === 'start') lists.add(member.name);
        else if (member.name === 'watchlist') throw new NotABackup(`${NOT_A_BACKUP}: it has no watchlist.`);
        continue;
      }
      if (!element) {
        if (member.name === 'settings') settings = member.kind === 'value' ? member.value : undefined;
        else if (member.kind === 'value' && ENVELOPE.has(member.name)) envelope[member.name] = member.value;
        continue;
      }
      items++;
      if (member.name === 'watchlist') yield* readItem(member, 'entry', 'Watchlist entry', watchedProcurementSchema, takeEntry);
      else yield* readItem(member, 'snapshot', 'Snapshot', snapshotSchema, takeSnapshot);
    }
  } catch (error) {
    if (!(error instanceof JsonStreamError)) throw error;
    if (items === 0) throw new NotABackup(notJson(error));
    yield leftOut('file', 'The file', `it is damaged or cut short after its first ${items.toLocaleString('en-GB')} items (${error.message}, at character ${error.at.toLocaleString('en-GB')}): what came before was imported, the rest could not be read`);
    return;
  }
  check();
  if (!lists.has('watchlist')) throw new NotABackup(`${NOT_A_BACKUP}: it has no watchlist.`);
  if (!lists.has('snapshots')) problems.push({ part: 'file', name: 'Snapshots', reason: 'The backup has no snapshots; changes will be found again from the next refresh.', leftOut: true });
  const read = readSettings(settings, problems);
  for (const problem of problems) yield { kind: 'problem', problem };
  yield { kind: 'settings', settings: read };
}

// ---------------------------------------------------------------------------------------
// Merging

/** When the entry's FTS summary was read: its last successful check; never checked sorts before any check. */
const dataAt = (entry: WatchedProcurement) => entry.lastCheckedAt ?? '';

/**
 * The user's note from both sides, never losing words: the same text or one side empty
 * gives the other; when one note contains the other (an edit that added to it) the longer
 * wins; two different notes are both kept, the backup's marked "[From backup]". Merging
 * the same backup again changes nothing.
 */
export function mergeNotes(existing: string, incoming: string): string {
  const a = existing.trim();
  const b = incoming.trim();
  if (!b || a.includes(b)) return existing;
  if (!a || b.includes(a)) return incoming;
  return `${existing.trimEnd()}\n\n[From backup] ${b}`;
}

/** Union of tags, the existing ones first, ignoring case and surrounding space ("NHS" = "nhs "). */
export function mergeTags(existing: string[], incoming: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tag of [...existing, ...incoming]) {
    const key = tag.trim().toLocaleLowerCase('en-GB');
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(tag.trim());
  }
  return out;
}

function mergeChanges(existing: DetectedChange[], incoming: DetectedChange[]): DetectedChange[] {
  const key = (c: DetectedChange) => `${c.foundAt}\u0000${c.text}`;
  const seen = new Set(existing.map(key));
  const added: DetectedChange[] = [];
  for (const change of incoming) {
    if (seen.has(key(change))) continue;
    seen.add(key(change));
    added.push(change);
  }
  if (added.length === 0) return existing;
  // Oldest first; the sort is stable, so changes found at the same instant keep their order.
  return [...existing, ...added].sort((x, y) => (x.foundAt < y.foundAt ? -1 : x.foundAt > y.foundAt ? 1 : 0));
}

/**
 * One procurement watched on both sides:
 * - FTS summary (title, buyer, value, stage, key dates, latest notice, last check and its
 *   error): from the side read more recently (`lastCheckedAt`; a side never checked, or
 *   whose check was dated in the future, was not read more recently); a tie keeps the
 *   existing one.
 * - Watched since: the earlier `watchedAt`, with the notice and page it was watched from.
 * - Note: `mergeNotes`. Tags: `mergeTags`. Unseen changes: union, oldest first.
 * - Bid status: the existing one, unless it is still the default "watching" — then the
 *   backup's (a status the user set is never overwritten by another).
 */
export function mergeEntry(existing: WatchedProcurement, incoming: WatchedProcurement): WatchedProcurement {
  const fresher = dataAt(incoming) > dataAt(existing) ? incoming : existing;
  const earlier = incoming.watchedAt < existing.watchedAt ? incoming : existing;
  const merged: WatchedProcurement = {
    ocid: existing.ocid,
    watchedFromNoticeId: earlier.watchedFromNoticeId,
    watchedFromUrl: earlier.watchedFromUrl,
    title: fresher.title,
    buyer: fresher.buyer,
    value: fresher.value,
    stage: fresher.stage,
    keyDates: fresher.keyDates,
    latestNoticeId: fresher.latestNoticeId,
    latestNoticeAt: fresher.latestNoticeAt,
    watchedAt: earlier.watchedAt,
    note: mergeNotes(existing.note, incoming.note),
    tags: mergeTags(existing.tags, incoming.tags),
    bidStatus: existing.bidStatus === 'watching' ? incoming.bidStatus : existing.bidStatus,
    unseenChanges: mergeChanges(existing.unseenChanges, incoming.unseenChanges),
    lastCheckedAt: fresher.lastCheckedAt,
    lastCheckError: fresher.lastCheckError,
  };
  // Leave out keys whose value is undefined, as the stored entries do.
  for (const key of Object.keys(merged) as Array<keyof WatchedProcurement>) if (merged[key] === undefined) delete merged[key];
  return merged;
}

/** Structural equality of plain JSON-like data, ignoring keys whose value is undefined. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameData(a[k], b[k]));
}


/** The entry with its newest `UNSEEN_CHANGES_KEPT` unseen changes, as the watchlist keeps them. */
const bounded = (entry: WatchedProcurement): WatchedProcurement =>
  entry.unseenChanges.length > UNSEEN_CHANGES_KEPT ? { ...entry, unseenChanges: entry.unseenChanges.slice(-UNSEEN_CHANGES_KEPT) } : entry;

/**
 * What to store for one procurement of a backup, given what is stored (`undefined`: not
 * watched): the backup's entry when it is new, the two merged by `mergeEntry` when that
 * changes anything, else nothing (`undefined`), with why. A merge whose note or tags would
 * grow past what can be edited (the message schemas' limits) keeps the stored entry.
 */
export function importedEntry(existing: WatchedProcurement | undefined, incoming: WatchedProcurement): { entry?: WatchedProcurement; outcome: 'added' | 'updated' | 'skipped'; reason?: string } {
  if (!existing) return { entry: bounded(incoming), outcome: 'added' };
  const merged = bounded(mergeEntry(existing, incoming));
  if (sameData(existing, merged)) return { outcome: 'skipped', reason: 'already up to date' };
  if (!noteSchema.safeParse(merged.note).success || !tagsSchema.safeParse(merged.tags).success) {
    return { outcome: 'skipped', reason: 'its note or tags together with the stored ones would be too long to edit' };
  }
  return { entry: merged, outcome: 'updated' };
}

/** The settings to store after an import: the backup's only over the defaults (a fresh install being restored). */
export function importedSettings(existing: Settings, incoming: Settings): Settings | undefined {
  return sameData(existing, DEFAULT_SETTINGS) && !sameData(incoming, existing) ? incoming : undefined;
}

/** How many entries and snapshots are merged in one transaction. */
const ENTRY_BATCH = 500;
const SNAPSHOT_BATCH = 50;

/**
 * Imports a backup file (its text in parts) into the database, merging as the functions
 * above say, in batches: each batch reads what is stored and writes the merge in one
 * transaction, so a refresh running in the background at the same time is never rolled
 * back (IndexedDB runs overlapping read-write transactions one after another). Snapshots
 * are kept only for procurements in the watchlist, at most `SNAPSHOTS_KEPT` each. The
 * procurements added or updated are queued to be read again from FTS. Throws `NotABackup`
 * before writing anything when the file is not a backup.
 */
export async function importBackup(db: DB, text: Items<string>, options: { now: Date; settings: Settings }): Promise<ImportResult> {
  const report: ImportReport = { added: [], updated: [], skipped: [] };
  const problems: BackupProblem[] = [];
  let entries: WatchedProcurement[] = [];
  let snapshots: Snapshot[] = [];
  const names = new Map<Snapshot, string>();
  let settings: Settings | undefined;

  const flushEntries = async () => {
    if (entries.length === 0) return;
    const changed: string[] = [];
    await mergeEntries(db, entries, (existing, incoming) => {
      const { entry, outcome, reason } = importedEntry(existing, incoming);
      if (outcome === 'skipped') report.skipped.push({ ocid: incoming.ocid, reason: reason! });
      else {
        report[outcome].push(incoming.ocid);
        changed.push(incoming.ocid);
      }
      return entry;
    });
    await addPendingReads(db, changed);
    entries = [];
  };
  const flushSnapshots = async () => {
    if (snapshots.length === 0) return;
    const outcomes = await addSnapshots(db, snapshots);
    outcomes.forEach((outcome, i) => {
      if (outcome === 'notWatched') problems.push({ part: 'snapshot', name: names.get(snapshots[i]!)!, reason: 'its procurement is not in the watchlist', leftOut: true });
    });
    snapshots = [];
    names.clear();
  };

  let index = 0;
  for await (const item of readBackup(text, options.now)) {
    if (item.kind === 'entry') {
      entries.push(item.entry);
      if (entries.length >= ENTRY_BATCH) await flushEntries();
    } else if (item.kind === 'snapshot') {
      await flushEntries();
      snapshots.push(item.snapshot);
      names.set(item.snapshot, `Snapshot ${++index} (${item.snapshot.ocid})`);
      if (snapshots.length >= SNAPSHOT_BATCH) await flushSnapshots();
    } else if (item.kind === 'problem') {
      problems.push(item.problem);
      if (item.problem.part === 'snapshot') index++;
    } else {
      settings = importedSettings(options.settings, item.settings);
    }
  }
  await flushEntries();
  await flushSnapshots();
  if (settings) report.settingsRestored = true;
  return { report, problems, settings, summary: describeImport(report, problems) };
}

// ---------------------------------------------------------------------------------------
// Telling the user

const listed = (ocids: string[], limit = 3) =>
  ocids.length <= limit ? ocids.join(', ') : `${ocids.slice(0, limit).join(', ')} and ${ocids.length - limit} more`;

/** "3 added, 2 updated, 1 skipped: already up to date (ocds-h6vhtk-05cfd9)." */
export function describeImportReport(report: ImportReport): string {
  const counts: string[] = [];
  if (report.added.length) counts.push(`${report.added.length} added`);
  if (report.updated.length) counts.push(`${report.updated.length} updated`);
  if (report.skipped.length) counts.push(`${report.skipped.length} skipped`);
  let sentence: string;
  if (counts.length === 0) {
    sentence = 'Nothing to import: the backup has no procurements in it.';
  } else {
    const byReason = new Map<string, string[]>();
    for (const { ocid, reason } of report.skipped) byReason.set(reason, [...(byReason.get(reason) ?? []), ocid]);
    const why = [...byReason].map(([reason, ocids]) => `${reason} (${listed(ocids)})`).join('; ');
    sentence = `${counts.join(', ')}${why ? `: ${why}` : ''}.`;
  }
  return report.settingsRestored ? `${sentence} Settings restored from the backup.` : sentence;
}

const NOUNS: Record<BackupProblem['part'], [string, string]> = {
  entry: ['watchlist entry', 'watchlist entries'],
  snapshot: ['snapshot', 'snapshots'],
  setting: ['setting', 'settings'],
  file: ['part of the file', 'parts of the file'],
};
const REASONS_SHOWN = 4;

/**
 * The import report, then what the file had that was not taken as it was: counted and
 * grouped by reason ("Left out: 2 watchlist entries — ocid: an ocid such as … (Watchlist
 * entry 1 (OCDS-H6VHTK-UPPER), Watchlist entry 4)."), at most a few reasons spelt out.
 */
export function describeImport(report: ImportReport, problems: BackupProblem[]): string {
  const sentences = [describeImportReport(report)];
  for (const left of [true, false]) {
    const groups = new Map<string, { part: BackupProblem['part']; reason: string; names: string[] }>();
    for (const problem of problems.filter((p) => p.leftOut === left)) {
      const key = `${problem.part}\u0000${problem.reason}`;
      const group = groups.get(key) ?? { part: problem.part, reason: problem.reason, names: [] };
      group.names.push(problem.name);
      groups.set(key, group);
    }
    if (groups.size === 0) continue;
    const all = [...groups.values()];
    const told = all.slice(0, REASONS_SHOWN).map(({ part, reason, names }) => {
      const noun = NOUNS[part][names.length === 1 ? 0 : 1];
      return part === 'file' ? `${names.join(', ')}: ${reason}` : `${names.length.toLocaleString('en-GB')} ${noun} — ${reason} (${listed(names, 2)})`;
    });
    const more = all.length - told.length;
    const count = problems.filter((p) => p.leftOut === left).length;
    sentences.push(`${left ? `Left out (${count.toLocaleString('en-GB')})` : `Corrected (${count.toLocaleString('en-GB')})`}: ${told.join('; ')}${more > 0 ? `; and ${more} other reasons` : ''}.`);
  }
  return sentences.join(' ');
}
