/**
 * The size of the stored snapshots with 10,000 watched and 5 snapshots each: 100 copies of a
 * real procurement read 5 times (each read moving its submission deadline, as FTS amendments
 * do) go through the store as a refresh writes them (fake-indexeddb); the rows' JSON sizes are
 * summed and scaled by 100. Prints the stored bytes and what the same snapshots whole come to.
 *
 *   npx tsx scripts/bench/snapshot-size.ts
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { analyseOcds } from '../../lib/analyse';
import type { Procurement } from '../../lib/procurement';
import { openTenderTimelineDB } from '../../lib/watchlist/db';
import { watchEntry } from '../../lib/watchlist/entry';
import { applyRefresh, snapshotHistory, watch } from '../../lib/watchlist/store';

const COPIES = 100;
const SCALE = 10_000 / COPIES;
const text = readFileSync('test/fixtures/fts/records/ocds-h6vhtk-067b89.json', 'utf8');
const start = Date.parse('2026-03-01T06:00:00Z');
const DAY = 86_400_000;

function readAt(i: number, k: number): Procurement {
  const read = analyseOcds(text, new Date(start));
  if (!read.ok) throw new Error(read.message);
  const p = read.procurements[0]!.procurement;
  const moved = (at: string) => new Date(Date.parse(at) + k * 7 * DAY).toISOString();
  return { ...p, ocid: `ocds-h6vhtk-c${String(i).padStart(5, '0')}`, keyDates: p.keyDates.map((d) => (d.type === 'submissionDeadline' ? { ...d, at: moved(d.at) } : d)) };
}

const db = await openTenderTimelineDB();
for (let i = 0; i < COPIES; i++) {
  const first = readAt(i, 0);
  await watch(db, watchEntry(first, {}, new Date(start)), { ocid: first.ocid, takenAt: new Date(start).toISOString(), procurement: first });
  for (let k = 1; k < 5; k++) await applyRefresh(db, readAt(i, k), new Date(start + k * DAY));
}
const rows = await db.getAll('snapshots');
const bytes = (values: unknown[]) => values.reduce<number>((sum, v) => sum + Buffer.byteLength(JSON.stringify(v)), 0);
let whole = 0;
for (let i = 0; i < COPIES; i++) whole += bytes(await snapshotHistory(db, readAt(i, 0).ocid));
const mb = (n: number) => `${((n * SCALE) / 1e6).toFixed(1)} MB`;
console.log(JSON.stringify({ rows: rows.length * SCALE, storedJson: mb(bytes(rows)), wholeJson: mb(whole) }));
