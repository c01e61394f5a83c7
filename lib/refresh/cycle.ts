/**
 * One refresh of the watchlist: sweep FTS's updates since the last sweep, then read the
 * releases of each watched procurement that changed (lib/fts/read-procurement.ts). Everything it must not forget — how
 * far it swept, which procurements still need reading — is stored as it goes, so a
 * stopped service worker or a closed browser resumes where it left off, and a failed
 * read never loses the last good snapshot.
 */
import type { IDBPDatabase } from 'idb';
import { FtsError, type FtsProgress } from '../fts/client';
import { readProcurement } from '../fts/read-procurement';
import type { TenderTimelineDB } from '../watchlist/db';
import type { DetectedChange, WatchedProcurement } from '../watchlist/entry';
import { applyRefresh, getMeta, recordRefreshError, setMeta, updateMeta } from '../watchlist/store';
import { sweepUpdates, SWEEP_KEY, type SweepState, type TextClient } from './sweep';

export { SWEEP_KEY, type SweepState };

type DB = IDBPDatabase<TenderTimelineDB>;

/** Further back than this, sweeping costs more than reading each watched procurement again. */
export const MAX_SWEEP_BACK_MS = 14 * 24 * 60 * 60 * 1000;

export interface CycleReport {
  sweepPages: number;
  /** Distinct releases (ocid, release id) the sweep's list pages held. */
  sweepReleases: number;
  /** Procurements read (each one request, or one a page past 100 releases). */
  procurementReads: number;
  refreshed: Array<{ ocid: string; changes: DetectedChange[] }>;
  failed: Array<{ ocid: string; message: string }>;
  /** Why the cycle stopped early, if it did: it resumes next time. */
  stoppedBecause?: string;
  /** The user stopped it (see `stopped` below). */
  stopped?: boolean;
}

/** How far a refresh has got, told as it goes. */
export interface RefreshProgress {
  /** Pages of FTS's list of updates read so far. */
  pages: number;
  /** Procurements to read again; absent while the list of updates is still being read. */
  total?: number;
  /** Of those, how many were read (or failed), and how many of them changed. */
  checked: number;
  changed: number;
  /** How the request under way is getting on. */
  request?: FtsProgress;
}

/** Why a stopped refresh stopped. */
export const STOPPED_MESSAGE = 'You stopped the refresh';

class RefreshStopped extends Error {
  constructor() {
    super(STOPPED_MESSAGE);
  }
}

/**
 * `reply`, or a RefreshStopped as soon as `signal` is aborted: a stop does not wait for a
 * request's turn (the client, told the same signal, then never sends it).
 */
function untilStopped<T>(reply: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new RefreshStopped());
    if (signal.aborted) stop();
    signal.addEventListener('abort', stop, { once: true });
    reply.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function refreshCycle(options: {
  db: DB;
  client: TextClient;
  now: () => Date;
  /** Aborted, the cycle ends at once, keeping what it read and where it got to, as a failure would. */
  signal?: AbortSignal;
  onProgress?: (progress: RefreshProgress) => void;
}): Promise<CycleReport> {
  const { db, now, signal = new AbortController().signal } = options;
  const report: CycleReport = { sweepPages: 0, sweepReleases: 0, procurementReads: 0, refreshed: [], failed: [] };
  const progress: RefreshProgress = { pages: 0, checked: 0, changed: 0 };
  const tell = (update: Partial<RefreshProgress>) => {
    Object.assign(progress, update);
    options.onProgress?.({ ...progress });
  };
  const client: TextClient = {
    getText: (url) => untilStopped(options.client.getText(url, { signal, onProgress: (request) => tell({ request }) }), signal),
  };
  // Keys only: reading 10,000 whole entries was most of a cycle's time.
  const watched = new Set(await db.getAllKeys('watchlist'));
  const state: SweepState = (await getMeta<SweepState>(db, SWEEP_KEY)) ?? { pending: [] };
  // Reads this cycle finished (or that FTS says cannot be had): no longer pending.
  const done = new Set<string>();
  // Saved by merging with what is stored, so that reads queued meanwhile (a backup import)
  // are kept; ocids no longer watched are dropped when they come up for reading.
  // (One transaction: an extension page importing a backup queues reads at the same time.)
  const save = () =>
    updateMeta<SweepState>(db, SWEEP_KEY, (stored = { pending: [] }) => {
      const pending = [...new Set([...stored.pending, ...state.pending])].filter((o) => !done.has(o));
      const sweptTo = [stored.sweptTo, state.sweptTo].filter((t): t is string => t !== undefined).sort().at(-1);
      return { sweptTo, pending };
    });
  const started = now();

  if (watched.size === 0) {
    await setMeta(db, SWEEP_KEY, { sweptTo: started.toISOString(), pending: [] });
    return report;
  }
  let from: Date;
  if (state.sweptTo) {
    from = new Date(state.sweptTo);
  } else {
    // The first sweep starts from the oldest read; entries never read (restored from a backup) are read.
    const entries: WatchedProcurement[] = await db.getAll('watchlist');
    for (const entry of entries) if (!entry.lastCheckedAt) state.pending.push(entry.ocid);
    from = new Date(entries.reduce((min, e) => (e.lastCheckedAt && e.lastCheckedAt < min ? e.lastCheckedAt : min), started.toISOString()));
  }

  if (started.getTime() - from.getTime() > MAX_SWEEP_BACK_MS) {
    // Away too long: read every watched procurement once rather than weeks of updates.
    state.pending.push(...watched);
    state.sweptTo = started.toISOString();
    await save();
  } else {
    const sweep = await sweepUpdates({
      client,
      watched,
      from,
      to: started,
      onPage: (pages) => tell({ pages, request: undefined }),
      onWindowDone: async (windowEnd, changed) => {
        state.sweptTo = windowEnd.toISOString();
        state.pending.push(...changed);
        await save();
      },
    });
    report.sweepPages = sweep.pages;
    report.sweepReleases = sweep.releases;
    if (sweep.error instanceof RefreshStopped) return { ...report, stopped: true };
    if (sweep.error) {
      report.stoppedBecause = messageOf(sweep.error);
      // FTS busy or unreachable: ask it nothing more now; what is pending stays pending.
      if (sweep.error instanceof FtsError && (sweep.error.kind === 'busy' || sweep.error.kind === 'network')) return report;
    }
  }

  const toRead: string[] = [];
  // Ocids no longer watched are dropped from what is pending.
  for (const ocid of new Set(state.pending)) {
    if (watched.has(ocid)) toRead.push(ocid);
    else done.add(ocid);
  }
  tell({ total: toRead.length, request: undefined });
  for (const ocid of toRead) {
    try {
      report.procurementReads++;
      const found = await readProcurement(client, ocid);
      // A read cut short would look like dates removed: keep the last good one instead.
      if (found.completeness !== 'whole') throw new Error(CUT_OFF_MESSAGE);
      const changes = await applyRefresh(db, found.procurement, now());
      report.refreshed.push({ ocid, changes });
      done.add(ocid);
      await save();
      tell({ checked: progress.checked + 1, changed: progress.changed + (changes.length > 0 ? 1 : 0), request: undefined });
    } catch (error) {
      // Stopped: the read under way is not a failure, and stays pending.
      if (error instanceof RefreshStopped) return { ...report, stopped: true };
      tell({ checked: progress.checked + 1, request: undefined });
      const message = messageOf(error);
      report.failed.push({ ocid, message });
      await recordRefreshError(db, ocid, message);
      // It stays pending and is read again next time, unless FTS says it has no such procurement.
      if (error instanceof FtsError && error.kind === 'notFound') {
        done.add(ocid);
        await save();
      }
      // FTS busy or unreachable: stop here and resume next time.
      if (error instanceof FtsError && (error.kind === 'busy' || error.kind === 'network')) {
        report.stoppedBecause = message;
        break;
      }
    }
  }
  return report;
}

/** Why a read was not taken as the procurement's state. */
export const CUT_OFF_MESSAGE = "Find a Tender's data arrived cut off; it will be read again at the next refresh.";

/** Asks the next refresh to read these procurements (e.g. restored from a backup without a recent read). */
export async function addPendingReads(db: DB, ocids: string[]): Promise<void> {
  if (ocids.length === 0) return;
  await updateMeta<SweepState>(db, SWEEP_KEY, (state = { pending: [] }) => ({ ...state, pending: [...new Set([...state.pending, ...ocids])] }));
}
