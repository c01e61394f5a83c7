/**
 * What reading FTS costs in requests and bytes, before (record packages) and after (every
 * release of the ocid, `/api/1.0/ocdsReleasePackages/{ocid}`): per refresh cycle of a
 * watchlist, and for a notice page to show its panel. Part of scripts/bench-refresh.ts.
 *
 * One procurement of 12 notices in two sizes:
 * - "as measured": its record package is 21.6 MB, the size measured on FTS for a record of
 *   12 releases (the generated record of scripts/bench/generate-record-package.ts, 400 lots,
 *   as scripts/bench.ts makes it); its releases are 12 real releases of FTS's recorded update
 *   stream (every 8th of test/fixtures/fts/api/whole-stream/page-001.json), in the envelope
 *   FTS sends them in;
 * - "generated": the same generated record against its own 12 releases (400 lots each
 *   time): the smallest saving, since its history is generated far more compactly than FTS's.
 *
 * "After" is measured: the real refreshCycle and FtsClient (13 s spacing, virtual clock)
 * against the fake FTS, every byte it answers counted. "Before" is what the same cycle
 * asked the same fake before: the same list pages, then each changed procurement's record
 * package. The fake's list pages are stubs (a few fields a release), so list pages are
 * counted at the mean size of FTS's recorded full pages (whole-stream/, 100 releases each).
 * Polling (every watched procurement read each cycle) is W × one read.
 */
import type { IDBPDatabase } from 'idb';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFtsClient } from '../../lib/fts/client';
import { FTS_ORIGIN } from '../../lib/fts/urls';
import { refreshCycle } from '../../lib/refresh/cycle';
import { createService } from '../../lib/service';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { TenderTimelineDB } from '../../lib/watchlist/db';
import { createFakeFts, releasePackage, unwatchedUpdates, virtualClock, type FakeRelease } from '../../test/support/fake-fts.ts';
import { pickParameters } from './generate-record-package.ts';

type DB = IDBPDatabase<TenderTimelineDB>;
type Json = Record<string, any>;

/** How the extension read a procurement before: its record package (what `/Notice/{id}/OCDS/Record` also gives). */
const recordPackageUrl = (ocid: string) => `${FTS_ORIGIN}/api/1.0/ocdsRecordPackages/${ocid}`;
const HOUR = 3_600_000;
const WINDOW_MS = 6 * HOUR;

export interface ProcurementSizes {
  name: string;
  releases: number;
  recordBytes: number;
  releasesBytes: number;
  /** Texts as FTS sends them, about `ocid`; `as(ocid)` gives them about another ocid. */
  ocid: string;
  recordText: string;
  releasesText: string;
  /** A notice of the procurement (its page is the one opened). */
  noticeId: string;
}

const bytesOf = (text: string) => Buffer.byteLength(text);

/** The mean size of FTS's recorded list pages that hold a full 100 releases. */
export function recordedListPageBytes(root: string): number {
  const dir = join(root, 'test/fixtures/fts/api/whole-stream');
  const full = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .filter((text) => (JSON.parse(text) as Json).releases.length === 100);
  return Math.round(full.reduce((sum, text) => sum + bytesOf(text), 0) / full.length);
}

/** The two sizes of one 12-notice procurement (see the file's comment). Takes a few seconds: the 21.6 MB record is generated. */
export function procurementSizes(root: string): ProcurementSizes[] {
  const picked = pickParameters({ targetBytes: 21_600_000, releases: 12, lots: 400, seed: 20260603 });
  const record = JSON.parse(picked.text) as Json;
  const generatedOcid: string = record.records[0].ocid;
  const generatedReleases: Json[] = record.records[0].releases;
  const stream = JSON.parse(readFileSync(join(root, 'test/fixtures/fts/api/whole-stream/page-001.json'), 'utf8')) as Json;
  const real: Json[] = stream.releases.filter((_: Json, i: number) => i % 8 === 0).slice(0, 12).map((r: Json) => ({ ...r, ocid: generatedOcid }));
  const uri = `${FTS_ORIGIN}/api/1.0/ocdsReleasePackages/${generatedOcid}`;
  const make = (name: string, releases: Json[]): ProcurementSizes => {
    const releasesText = JSON.stringify(releasePackage(uri, releases));
    return {
      name,
      releases: releases.length,
      recordBytes: picked.bytes,
      releasesBytes: bytesOf(releasesText),
      ocid: generatedOcid,
      recordText: picked.text,
      releasesText,
      noticeId: releases[0]!.id,
    };
  };
  return [make('as measured (21.6 MB record; 12 real releases)', real), make('generated (the same record; its own 12 releases)', generatedReleases)];
}

const about = (text: string, from: string, to: string) => text.split(from).join(to);

export interface BytesCase {
  sizes: string;
  watched: number;
  changed: number;
  listPages: number;
  /** The list pages at the size of FTS's recorded ones (the fake's are stubs). */
  listBytes: number;
  before: { requests: number; bytes: number };
  after: { requests: number; bytes: number };
  afterOverBefore: number;
  polling: { requests: number; bytesBefore: number; bytesAfter: number };
  refreshed: number;
  failed: number;
}

/**
 * One refresh cycle of `watched` procurements (a fresh database from `seed`, swept 6 h ago),
 * `changed` of them updated among `updates` in the 6 h: after measured, before alongside.
 */
export async function bytesCase(options: {
  sizes: ProcurementSizes;
  watched: number;
  changed: number;
  updates: number;
  now: string;
  watchedOcid: (i: number) => string;
  seed: (count: number, sweptTo: string) => Promise<DB>;
  /** What one list page of FTS weighs (`recordedListPageBytes`). */
  listPageBytes: number;
}): Promise<BytesCase> {
  const { sizes, watched, now, watchedOcid } = options;
  const changed = Math.min(options.changed, watched);
  const end = Date.parse(now);
  const from = new Date(end - WINDOW_MS).toISOString();
  const stride = Math.floor(watched / changed);
  const changedOcids = Array.from({ length: changed }, (_, k) => watchedOcid(k * stride));
  const updates: FakeRelease[] = [
    ...unwatchedUpdates(options.updates - changed, from, now),
    ...changedOcids.map((ocid, k) => ({ ocid, updatedAt: new Date(end - WINDOW_MS + ((k + 0.5) * WINDOW_MS) / changed).toISOString() })),
  ];

  const db = await options.seed(watched, from);
  const clock = virtualClock(now);
  const releasesOf = new Map(changedOcids.map((ocid) => [ocid, about(sizes.releasesText, sizes.ocid, ocid)]));
  const fts = createFakeFts({ clock, releases: updates, procurementFor: (ocid) => releasesOf.get(ocid) });
  const report = await refreshCycle({ db, client: createFtsClient({ fetch: fts.fetch, now: clock.now, sleep: clock.sleep }), now: clock.date });
  db.close();

  // Before: the same list pages, then each changed procurement's record package.
  const recordOf = new Map(changedOcids.map((ocid) => [ocid, about(sizes.recordText, sizes.ocid, ocid)]));
  const old = createFakeFts({ clock, procurementFor: (ocid) => recordOf.get(ocid) });
  const oldClient = createFtsClient({ fetch: old.fetch, now: clock.now, sleep: clock.sleep });
  for (const ocid of changedOcids) await oldClient.getText(recordPackageUrl(ocid));

  const listPages = fts.count('list');
  const listBytes = listPages * options.listPageBytes;
  const before = { requests: listPages + old.count('record'), bytes: listBytes + old.bytes('record') };
  const after = { requests: fts.requests.length, bytes: listBytes + fts.bytes('procurement') };
  return {
    sizes: sizes.name,
    watched,
    changed,
    listPages,
    listBytes,
    before,
    after,
    afterOverBefore: Math.round((1000 * after.bytes) / before.bytes) / 1000,
    polling: { requests: watched, bytesBefore: watched * sizes.recordBytes, bytesAfter: watched * sizes.releasesBytes },
    refreshed: report.refreshed.length,
    failed: report.failed.length,
  };
}

export interface NoticePageCase {
  sizes: string;
  before: { requests: number; bytes: number };
  /** The page shows its ocid (FTS's notice pages do): one request. */
  ocidOnPage: { requests: number; bytes: number; notices: number };
  /** It does not: the notice's own release package first. */
  noOcidOnPage: { requests: number; bytes: number; notices: number };
}

/** What a notice page costs to show its panel, on a fresh database each time (nothing cached). */
export async function noticePageCase(sizes: ProcurementSizes, now: string, freshDb: () => Promise<DB>): Promise<NoticePageCase> {
  const open = async (withOcid: boolean) => {
    const clock = virtualClock(now);
    const fts = createFakeFts({ clock, procurements: new Map([[sizes.ocid, JSON.parse(sizes.releasesText) as Json]]) });
    const db = await freshDb();
    const service = createService({
      db: async () => db,
      client: createFtsClient({ fetch: fts.fetch, now: clock.now, sleep: clock.sleep }),
      now: clock.date,
      onWatchChange: () => undefined,
      onWatchlistChanged: () => undefined,
      getSettings: async () => DEFAULT_SETTINGS,
    });
    const answer = (await service.handle({ type: 'timeline:forNotice', payload: { noticeId: sizes.noticeId, ...(withOcid ? { ocid: sizes.ocid } : {}) } })) as Json;
    db.close();
    if (!answer.ok) throw new Error(`the notice page's read failed: ${answer.error.message}`);
    return { requests: fts.requests.length, bytes: fts.bytes(), notices: answer.procurement.notices.length as number };
  };
  return {
    sizes: sizes.name,
    before: { requests: 1, bytes: sizes.recordBytes },
    ocidOnPage: await open(true),
    noOcidOnPage: await open(false),
  };
}
