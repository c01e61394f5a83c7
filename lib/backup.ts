/**
 * The user's data as one JSON file, and reading it back: a backup to keep, or to move the
 * watchlist to another browser. Importing merges into what is there; it never overwrites
 * the user's work.
 *
 * Reading is field by field, as with FTS data: a watchlist entry that does not check out is
 * left out and named in `problems`, and the rest is imported. Only a file that is not a
 * backup at all, or one made by a newer version, is refused as a whole.
 *
 * Watchlist entries are checked against a zod schema held to the `WatchedProcurement`
 * interface by the compiler (see `watchedProcurementSchema`): add a field to the
 * interface and this file stops compiling until the schema has it too, so a backup can
 * never silently drop a field.
 *
 * Snapshots (the last full read of each procurement, kept to find what changed) are checked
 * loosely: an object with a string `ocid` (the snapshot's own) and `notices` and `keyDates`
 * lists, everything else kept as it is. A full schema for `Procurement` would be a second
 * description of some eighty fields kept by hand; a snapshot is only ever compared with the
 * next read, so a damaged one costs at most one noisy change list, whereas a damaged
 * watchlist entry would break the popup — those are checked field by field.
 */
import { z } from 'zod';
import type { Money } from './money';
import type { Stage } from './ocds/notice-types';
import type { KeyDate, Procurement, ProcurementValue } from './procurement';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { CHANGE_KINDS, KEY_DATE_TYPES } from './timeline/types';
import { BID_STATUSES, LEGACY_CHANGE_KINDS, upgradeLegacyChange, type DetectedChange, type WatchedProcurement } from './watchlist/entry';

// Extension pages forbid eval: zod must not try its `new Function` fast path (as lib/ocds/schema.ts).
z.config({ jitless: true });

export const BACKUP_FORMAT = 'tender-timeline-backup';
/** 2: unseen changes in the one model of what changed (format 1's are read and upgraded). */
export const BACKUP_VERSION = 2;

export interface Snapshot {
  ocid: string;
  /** ISO instant the procurement was read. */
  takenAt: string;
  procurement: Procurement;
}

export interface BackupData {
  /** Notes, tags and bid status live inside the entries. */
  watchlist: WatchedProcurement[];
  snapshots: Snapshot[];
  settings: Settings;
}

export type ReadBackupResult =
  | { ok: true; backup: BackupData; problems: string[]; exportedAt?: string }
  | { ok: false; message: string };

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

// ---------------------------------------------------------------------------------------
// Schemas, each held to its TypeScript type in both directions.

/** True when A and B are assignable both ways and have the same keys (so no optional field is missing). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
/** Compiles only when T is `true`. */
function inStep<T extends true>(): T | undefined {
  return undefined;
}

/** Every stage; the compiler checks it against the `Stage` type. */
const STAGES = [
  'planning',
  'tender',
  'award',
  'contract',
  'contract management',
  'termination',
  'cancelled',
  'dynamic market',
  'buyer reporting',
  'transparency',
  'corrigendum',
  'unknown',
] as const satisfies readonly Stage[];
inStep<Same<(typeof STAGES)[number], Stage>>();


/** An ISO 8601 instant in UTC, as `Date#toISOString` writes it (compared as text by the watchlist). */
const instant = z.iso.datetime({ error: 'expected an ISO 8601 date and time in UTC' });

const moneySchema = z.object({ amount: z.number().positive(), currency: z.string().min(1) });
inStep<Same<z.output<typeof moneySchema>, Money>>();

const valueSchema = z.object({ net: moneySchema.optional(), gross: moneySchema.optional() });
inStep<Same<z.output<typeof valueSchema>, ProcurementValue>>();

const keyDateSchema = z.object({
  type: z.enum(KEY_DATE_TYPES),
  at: instant,
  dateOnly: z.literal(true).optional(),
  lots: z.array(z.string()),
  source: z.string(),
  detail: z.string().optional(),
  // Absent in backups made before key dates were marked expected or void: read as neither.
  estimated: z.literal(true).optional(),
  void: z.literal(true).optional(),
});
inStep<Same<z.output<typeof keyDateSchema>, KeyDate>>();

const detectedChangeSchema = z.object({
  field: z.string(),
  label: z.string(),
  kind: z.enum(CHANGE_KINDS),
  text: z.string(),
  before: z.string().optional(),
  after: z.string().optional(),
  broughtForward: z.literal(true).optional(),
  foundAt: instant,
});
inStep<Same<z.output<typeof detectedChangeSchema>, DetectedChange>>();

/** Backup format 1 kept unseen changes in their old shape: read into the one model. */
const legacyChangeSchema = z.object({ foundAt: instant, kind: z.enum(LEGACY_CHANGE_KINDS), text: z.string() }).transform(upgradeLegacyChange);

/** One watchlist entry; `Same` below keeps it and the interface identical. */
export const watchedProcurementSchema = z.object({
  ocid: z.string().min(1),
  watchedFromNoticeId: z.string().optional(),
  watchedFromUrl: z.string().optional(),
  title: z.string().optional(),
  buyer: z.string().optional(),
  value: valueSchema,
  stage: z.enum(STAGES),
  keyDates: z.array(keyDateSchema),
  latestNoticeId: z.string().optional(),
  latestNoticeAt: instant.optional(),
  watchedAt: instant,
  note: z.string(),
  tags: z.array(z.string()),
  bidStatus: z.enum(BID_STATUSES),
  unseenChanges: z.array(z.union([detectedChangeSchema, legacyChangeSchema])),
  lastCheckedAt: instant.optional(),
  lastCheckError: z.string().optional(),
}) satisfies z.ZodType<WatchedProcurement>;
inStep<Same<z.output<typeof watchedProcurementSchema>, WatchedProcurement>>();

/** A snapshot's procurement, loosely: its own ocid and its two lists; the rest is kept as it is. */
const snapshotProcurementSchema = z.looseObject({
  ocid: z.string().min(1),
  notices: z.array(z.looseObject({ id: z.string() })),
  keyDates: z.array(z.looseObject({ type: z.string(), at: z.string() })),
});
const snapshotSchema = z.object({ ocid: z.string().min(1), takenAt: instant, procurement: snapshotProcurementSchema });

/** Each setting on its own, so that one bad value falls back to its default alone. */
const settingSchemas = {
  refreshHours: z.number().positive().max(24 * 365),
  reminderLeadDays: z.array(z.number().int().min(0).max(365)),
  reminderTypes: z.array(z.enum(KEY_DATE_TYPES)),
  notifyChanges: z.boolean(),
} satisfies { [K in keyof Settings]: z.ZodType<Settings[K]> };
inStep<Same<keyof typeof settingSchemas, keyof Settings>>();

const envelopeSchema = z.looseObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
  exportedAt: z.string().optional(),
});

// ---------------------------------------------------------------------------------------
// Writing

/** The backup file's text: `{ format, version, exportedAt, watchlist, snapshots, settings }`, indented. */
export function makeBackup(data: BackupData, now: Date): string {
  const file = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    watchlist: data.watchlist,
    snapshots: data.snapshots,
    settings: data.settings,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** "tender-timeline-backup-2026-06-01.json" (the UTC date the backup was made). */
export function backupFileName(now: Date): string {
  return `tender-timeline-backup-${now.toISOString().slice(0, 10)}.json`;
}

// ---------------------------------------------------------------------------------------
// Reading

const NOT_A_BACKUP = 'This file is not a Tender Timeline backup';

function issuesText(error: z.ZodError, limit = 3): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - parts.length;
  return parts.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function ocidOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.ocid === 'string' && value.ocid !== '' ? value.ocid : undefined;
}

/**
 * Reads a backup file's text. A file that is not a backup, or one from a newer version,
 * gives `ok: false` with a message for people; otherwise every entry, snapshot and setting
 * that checks out is returned and each one left out is described in `problems`.
 */
export function readBackup(text: string): ReadBackupResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: `${NOT_A_BACKUP}: it is not JSON (is it the right file, complete?).` };
  }
  if (!isRecord(json)) return { ok: false, message: `${NOT_A_BACKUP}: it holds ${Array.isArray(json) ? 'a list' : 'a single value'}, not a backup.` };
  if (json.format !== BACKUP_FORMAT) {
    const what = 'releases' in json || 'records' in json || 'ocid' in json ? ' (it looks like OCDS data from Find a Tender)' : '';
    return { ok: false, message: `${NOT_A_BACKUP}: it has no "format": "${BACKUP_FORMAT}"${what}.` };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, message: `${NOT_A_BACKUP}: its version is missing or unreadable.` };
  const { version } = envelope.data;
  if (version > BACKUP_VERSION) {
    return {
      ok: false,
      message: `This backup was made by a newer version of Tender Timeline (backup format ${version}; this version reads format ${BACKUP_VERSION}). Update the extension, then import it again.`,
    };
  }
  if (!Array.isArray(json.watchlist)) return { ok: false, message: `${NOT_A_BACKUP}: it has no watchlist.` };

  const problems: string[] = [];
  const watchlist: WatchedProcurement[] = [];
  const seen = new Set<string>();
  json.watchlist.forEach((raw, index) => {
    const name = `Watchlist entry ${index + 1}${ocidOf(raw) ? ` (${ocidOf(raw)})` : ''}`;
    const parsed = watchedProcurementSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${name} was left out: ${issuesText(parsed.error)}.`);
      return;
    }
    if (seen.has(parsed.data.ocid)) {
      problems.push(`${name} was left out: the backup lists this procurement twice; the first is kept.`);
      return;
    }
    seen.add(parsed.data.ocid);
    watchlist.push(parsed.data);
  });

  const snapshots: Snapshot[] = [];
  if (!Array.isArray(json.snapshots)) {
    problems.push('The backup has no snapshots; changes will be found again from the next refresh.');
  } else {
    const seenSnapshots = new Set<string>();
    json.snapshots.forEach((raw, index) => {
      const name = `Snapshot ${index + 1}${ocidOf(raw) ? ` (${ocidOf(raw)})` : ''}`;
      const parsed = snapshotSchema.safeParse(raw);
      if (!parsed.success) {
        problems.push(`${name} was left out: ${issuesText(parsed.error)}.`);
        return;
      }
      if (parsed.data.procurement.ocid !== parsed.data.ocid) {
        problems.push(`${name} was left out: it holds another procurement (${parsed.data.procurement.ocid}).`);
        return;
      }
      const key = snapshotKey(parsed.data);
      if (seenSnapshots.has(key)) return;
      seenSnapshots.add(key);
      // Checked loosely on purpose (see the top of this file).
      snapshots.push(parsed.data as unknown as Snapshot);
    });
  }

  const settings = readSettings(json.settings, problems);
  return { ok: true, backup: { watchlist, snapshots, settings }, problems, exportedAt: envelope.data.exportedAt };
}

function readSettings(raw: unknown, problems: string[]): Settings {
  if (!isRecord(raw)) {
    problems.push('The backup has no settings; the defaults are used.');
    return structuredClone(DEFAULT_SETTINGS);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(settingSchemas) as Array<keyof Settings>) {
    const parsed = settingSchemas[key].safeParse(raw[key]);
    if (parsed.success) out[key] = parsed.data;
    else {
      out[key] = structuredClone(DEFAULT_SETTINGS[key]);
      problems.push(`The setting "${key}" could not be read (${issuesText(parsed.error, 1)}); its default is used.`);
    }
  }
  return out as unknown as Settings;
}

// ---------------------------------------------------------------------------------------
// Merging

const snapshotKey = (s: { ocid: string; takenAt: string }) => `${s.ocid}\u0000${s.takenAt}`;

/** When the entry's FTS summary was read: its last successful check, else when it was watched. */
const dataAt = (entry: WatchedProcurement) => entry.lastCheckedAt ?? entry.watchedAt;

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
 *   error): from the side read more recently (`lastCheckedAt`, else `watchedAt`); a tie
 *   keeps the existing one.
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

/**
 * Merges an imported backup into the data there is, never overwriting the user's work:
 * - procurements only in the backup are added (after the existing ones, in the backup's order);
 * - one on both sides is merged by `mergeEntry`: "updated" when that changed anything,
 *   else "skipped" as already up to date;
 * - snapshots: the union, one per (ocid, takenAt), the existing one kept on a tie;
 * - settings: the backup's only when the existing ones are still the defaults (a fresh
 *   install being restored); settings the user changed are kept.
 */
export function mergeBackup(existing: BackupData, incoming: BackupData): { merged: BackupData; report: ImportReport } {
  const report: ImportReport = { added: [], updated: [], skipped: [] };
  const watchlist = [...existing.watchlist];
  const indexOf = new Map(watchlist.map((entry, index) => [entry.ocid, index]));
  for (const entry of incoming.watchlist) {
    const at = indexOf.get(entry.ocid);
    if (at === undefined) {
      indexOf.set(entry.ocid, watchlist.length);
      watchlist.push(entry);
      report.added.push(entry.ocid);
      continue;
    }
    const before = watchlist[at]!;
    const after = mergeEntry(before, entry);
    if (sameData(before, after)) {
      report.skipped.push({ ocid: entry.ocid, reason: 'already up to date' });
    } else {
      watchlist[at] = after;
      if (!report.added.includes(entry.ocid) && !report.updated.includes(entry.ocid)) report.updated.push(entry.ocid);
    }
  }

  const snapshots = [...existing.snapshots];
  const taken = new Set(snapshots.map(snapshotKey));
  for (const snapshot of incoming.snapshots) {
    if (taken.has(snapshotKey(snapshot))) continue;
    taken.add(snapshotKey(snapshot));
    snapshots.push(snapshot);
  }

  const settingsRestored = sameData(existing.settings, DEFAULT_SETTINGS) && !sameData(incoming.settings, existing.settings);
  if (settingsRestored) report.settingsRestored = true;
  return { merged: { watchlist, snapshots, settings: settingsRestored ? incoming.settings : existing.settings }, report };
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
