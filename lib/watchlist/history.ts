/**
 * How a procurement's snapshots are stored: the newest holds the whole read; each older one
 * only what differs from the one after it (a delta, lib/watchlist/delta.ts), since from one
 * read to the next almost nothing changes. A stored snapshot holding a whole read is always
 * read as it is, so snapshots stored before deltas (all whole) read unchanged.
 */
import type { Procurement } from '../procurement';
import type { Snapshot } from './db';
import { diff, patch, type Delta } from './delta';

/** One row of the snapshots store. */
export interface StoredSnapshot {
  ocid: string;
  /** ISO instant. */
  takenAt: string;
  /** The whole read: the newest snapshot of its procurement (and any stored before deltas). */
  procurement?: Procurement;
  /** Otherwise, what differs from the snapshot after it (absent: nothing). */
  fromNext?: Delta;
}

const byTime = (a: { takenAt: string }, b: { takenAt: string }) => a.takenAt.localeCompare(b.takenAt);

/** One procurement's snapshots, oldest first, as rows: the newest whole, each older one as its delta from the next. */
export function encodeHistory(snapshots: readonly Snapshot[]): StoredSnapshot[] {
  const sorted = [...snapshots].sort(byTime);
  return sorted.map(({ ocid, takenAt, procurement }, i) => {
    const next = sorted[i + 1];
    if (!next) return { ocid, takenAt, procurement };
    const fromNext = diff(next.procurement, procurement);
    return fromNext ? { ocid, takenAt, fromNext } : { ocid, takenAt };
  });
}

/**
 * One procurement's snapshots, oldest first, from its rows (any order). A row told from a
 * newer one that is missing cannot be read and is left out (the store never writes one).
 */
export function decodeHistory(rows: readonly StoredSnapshot[]): Snapshot[] {
  const decoded: Snapshot[] = [];
  let newer: Procurement | undefined;
  for (const row of [...rows].sort(byTime).reverse()) {
    const procurement = row.procurement ?? (newer && (patch(newer, row.fromNext) as Procurement));
    if (!procurement) continue;
    decoded.push({ ocid: row.ocid, takenAt: row.takenAt, procurement });
    newer = procurement;
  }
  return decoded.reverse();
}

/** Rows of several procurements, each procurement's rows all there: their snapshots, in the rows' order of procurements. */
export function decodeHistories(rows: readonly StoredSnapshot[]): Snapshot[] {
  const groups = new Map<string, StoredSnapshot[]>();
  for (const row of rows) {
    const group = groups.get(row.ocid);
    if (group) group.push(row);
    else groups.set(row.ocid, [row]);
  }
  return [...groups.values()].flatMap(decodeHistory);
}
