/**
 * Benchmark of backups at scale (lib/backup.ts): 20,000 watched procurements with 5
 * snapshots each (scripts/bench/watchlist-entries.ts), exported from and imported into
 * fake-indexeddb as the extension page does it — `exportBackup` into a Blob in parts, and
 * `importBackup` from that Blob's stream into an empty database (then again into the full
 * one: everything already up to date). It prints figures and writes
 * bench/backup-results.json; it asserts nothing.
 *
 *   tsx --expose-gc scripts/bench-backup.ts               20,000 watched
 *   tsx --expose-gc scripts/bench-backup.ts --watched=2000
 *
 * Times are wall clock (performance.now) with the CPU time of this process beside them
 * (process.cpuUsage), since the machine may be shared. Reading alone (`readBackup`: the
 * stream, JSON and the schemas, no database) is timed apart. Filling the first database is
 * not timed. fake-indexeddb is pure JavaScript and much slower than a browser's IndexedDB:
 * its share here is an upper bound.
 */
import { findGc } from './bench/gc';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { exportBackup, importBackup, readBackup, textParts } from '../lib/backup';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { openTenderTimelineDB } from '../lib/watchlist/db';
import { putAll } from '../lib/watchlist/store';
import { entrySnapshots, watchlistEntries } from './bench/watchlist-entries.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'backup-results.json');
const NOW = new Date('2026-06-10T12:00:00.000Z');
const SNAPSHOTS_EACH = 5;
const MESSAGE_LIMIT = 64 * 1024 * 1024;

interface Timed<T> {
  value: T;
  wallMs: number;
  cpuMs: number;
}

async function timed<T>(run: () => Promise<T>): Promise<Timed<T>> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (chars: number) => `${(chars / 1024 / 1024).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const given = process.argv.find((a) => a.startsWith('--watched='));
  const watched = given ? Number(given.slice('--watched='.length)) : 20_000;
  const { gc, how } = findGc();
  console.log(`Backup benchmark — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, gc: ${how}\n`);

  const entries = watchlistEntries(watched, NOW);
  const snapshots = entries.flatMap((entry) => entrySnapshots(entry, SNAPSHOTS_EACH));
  globalThis.indexedDB = new IDBFactory();
  const source = await openTenderTimelineDB();
  await putAll(source, entries, snapshots);
  gc?.();

  const exported = await timed(async () => {
    const parts: Blob[] = [];
    let chars = 0;
    let largest = 0;
    for await (const part of exportBackup(source, DEFAULT_SETTINGS, NOW)) {
      chars += part.length;
      largest = Math.max(largest, part.length);
      parts.push(new Blob([part]));
    }
    return { file: new Blob(parts, { type: 'application/json' }), chars, largest, parts: parts.length };
  });
  source.close();
  const { file } = exported.value;
  gc?.();

  const readOnly = await timed(async () => {
    let items = 0;
    for await (const item of readBackup(textParts(file), NOW)) if (item.kind === 'entry' || item.kind === 'snapshot') items++;
    return items;
  });
  gc?.();

  globalThis.indexedDB = new IDBFactory();
  const target = await openTenderTimelineDB();
  const intoEmpty = await timed(() => importBackup(target, textParts(file), { now: NOW, settings: DEFAULT_SETTINGS }));
  gc?.();
  const again = await timed(() => importBackup(target, textParts(file), { now: NOW, settings: DEFAULT_SETTINGS }));
  const stored = { watchlist: await target.count('watchlist'), snapshots: await target.count('snapshots') };
  target.close();

  console.log(
    `${watched.toLocaleString('en-GB')} watched procurements, ${SNAPSHOTS_EACH} snapshots each: a ${mb(exported.value.chars)} file ` +
      `(${(exported.value.chars / MESSAGE_LIMIT).toFixed(1)}× Chrome's 64 MiB message limit), in ${exported.value.parts} parts of at most ${mb(exported.value.largest)}.`,
  );
  const rows = [
    ['export (database → Blob)', exported],
    ['read alone (stream, JSON, schemas)', readOnly],
    ['import into an empty database', intoEmpty],
    ['import again (all up to date)', again],
  ] as const;
  for (const [what, t] of rows) console.log(`  ${what.padEnd(36)} ${seconds(t.wallMs).padStart(8)}   (CPU ${seconds(t.cpuMs)})`);
  console.log(
    `  imported: ${intoEmpty.value.report.added.length.toLocaleString('en-GB')} added, ${intoEmpty.value.problems.length} problems; ` +
      `again: ${again.value.report.skipped.length.toLocaleString('en-GB')} skipped; stored ${stored.watchlist.toLocaleString('en-GB')} entries, ${stored.snapshots.toLocaleString('en-GB')} snapshots`,
  );

  const figure = (t: Timed<unknown>) => ({ wallMs: Math.round(t.wallMs), cpuMs: Math.round(t.cpuMs) });
  const out = {
    environment: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, gc: how },
    watched,
    snapshotsEach: SNAPSHOTS_EACH,
    fileChars: exported.value.chars,
    parts: exported.value.parts,
    largestPartChars: exported.value.largest,
    export: figure(exported),
    readAlone: figure(readOnly),
    importIntoEmpty: { ...figure(intoEmpty), added: intoEmpty.value.report.added.length, problems: intoEmpty.value.problems.length },
    importAgain: { ...figure(again), skipped: again.value.report.skipped.length },
    stored,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nWrote ${relative(process.cwd(), RESULTS) || RESULTS}`);
}

await main();
