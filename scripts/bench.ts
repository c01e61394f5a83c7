/**
 * Benchmark: how long the core (`analyseOcds` in lib/analyse.ts) takes on FTS-sized
 * documents, against a bare `JSON.parse` of the same string. Target: core ≤ 3 × JSON.parse.
 *
 *   npm run bench                 every case; writes bench/results.json
 *   npm run bench -- --filter=20  only cases whose name contains "20" (results.json untouched)
 *   npm run bench -- --check      exit 1 when the worst ratio is over the target or the core is missing
 *   npm run bench -- --core=path  time another module's analyseOcds (default lib/analyse.ts; results.json untouched)
 *
 * Cases: the real records in test/fixtures/fts/records/, test/fixtures/ocds/*.json when that
 * folder exists, generated FTS-like record packages, and generated hostile inputs (see
 * scripts/bench/hostile-inputs.ts; timed beside JSON.parse, outside the ratio target), all
 * kept in memory, never written.
 * Generation happens before any timing. Each case is warmed up, then JSON.parse and the core
 * are timed in turns (alternating which goes first) and the median of N samples is kept;
 * small inputs repeat each call inside a sample so a sample lasts a few milliseconds.
 * `global.gc` (run with --expose-gc) is called between cases and, for large inputs, before
 * every sample, outside the timed region.
 */
import { findGc } from './bench/gc';
import { resetDateCaches } from '../lib/dates';
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pickParameters, releasePlan } from './bench/generate-record-package.ts';
import { reusedOcidPackage } from '../test/support/reused-ocid.ts';
import { badlyTypedLots, deeplyNested, manyLots, manyUpdates, missingCommasList } from './bench/hostile-inputs.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const TARGET_RATIO = 3;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results.json');

/** Time spent measuring one case (both functions together), when the minimum of runs allows it. */
const BUDGET_MS = 3000;
const MIN_SAMPLES = 7;
const MAX_SAMPLES = 51;
/** Small inputs repeat the call inside one sample until it lasts about this long. */
const MIN_SAMPLE_MS = 5;
const WARM_UP_MS = 300;
/** Above this size, the heap is collected before every sample. */
const GC_EVERY_SAMPLE_BYTES = 1_000_000;

// ---------------------------------------------------------------- the core, when it exists

type AnalyseResult =
  | { ok: true; procurements: Array<{ procurement: unknown; events: unknown[]; problems: unknown[] }> }
  | { ok: false; message: string };
type Analyse = (text: string, now: Date) => AnalyseResult;

async function loadCore(path: string): Promise<{ analyse: Analyse } | { reason: string }> {
  const file = resolve(ROOT, path);
  if (!existsSync(file)) return { reason: `${path} does not exist yet` };
  try {
    // A computed specifier: the script type-checks and runs before lib/analyse.ts exists.
    const module = (await import(pathToFileURL(file).href)) as { analyseOcds?: unknown };
    if (typeof module.analyseOcds !== 'function') return { reason: `${path} does not export a function analyseOcds` };
    return { analyse: module.analyseOcds as Analyse };
  } catch (error) {
    return { reason: `${path} failed to load: ${error instanceof Error ? error.message : String(error)}` };
  }
}

// ---------------------------------------------------------------- garbage collection


// ---------------------------------------------------------------- cases

interface Case {
  name: string;
  text: string;
  bytes: number;
  /** What the case is, printed under the table. */
  detail: string;
  /** Made to be slow or to break the reader: timed, but outside the ratio target. */
  hostile?: true;
}

function fileCases(folder: string): Case[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const path = join(folder, file);
      const text = readFileSync(path, 'utf8');
      return { name: relative(ROOT, path).split('\\').join('/'), text, bytes: Buffer.byteLength(text, 'utf8'), detail: 'file' };
    });
}

interface GeneratedSpec {
  name: string;
  targetBytes: number;
  releases: number;
  lots: number;
  seed: number;
  why: string;
}

/**
 * Lots are fixed and the description length solved for, so each case reaches its size with a
 * plausible shape: FTS's biggest records are many-lot frameworks with long texts.
 */
const GENERATED: readonly GeneratedSpec[] = [
  { name: 'generated: 50 releases, ~2 MB', targetBytes: 2_000_000, releases: 50, lots: 40, seed: 20260601, why: 'a busy procurement' },
  { name: 'generated: 300 releases, ~20 MB', targetBytes: 20_000_000, releases: 300, lots: 300, seed: 20260602, why: "looks like FTS's largest: hundreds of notices" },
  { name: 'generated: 12 releases, ~21.6 MB', targetBytes: 21_600_000, releases: 12, lots: 400, seed: 20260603, why: 'the size measured for a 12-release FTS record' },
];

function generatedCase(spec: GeneratedSpec): Case {
  const picked = pickParameters({ targetBytes: spec.targetBytes, releases: spec.releases, lots: spec.lots, seed: spec.seed });
  const { options } = picked;
  const plan = releasePlan(options.releases, options.lots);
  const kinds = `1 UK4 + ${plan.updates} tenderUpdate + ${plan.awards} UK6 + ${plan.awardUpdates} UK6 update + ${plan.contracts} UK7 + ${plan.contractChanges} UK10`;
  return {
    name: spec.name,
    text: picked.text,
    bytes: picked.bytes,
    detail: `${spec.why}; releases ${options.releases} (${kinds}), lots ${options.lots}, descriptionBytes ${options.descriptionBytes}, seed ${options.seed}`,
  };
}

/** Inputs shaped to make a careless reader slow or make it throw (scripts/bench/hostile-inputs.ts). */
const HOSTILE: ReadonlyArray<{ name: string; make: () => string; why: string }> = [
  { name: 'hostile: 1,000 procurements, commas missing', make: () => missingCommasList(1000), why: 'a list whose 999 commas must be repaired (JSON.parse stops at the first)' },
  { name: 'hostile: 10,000 update releases', make: () => manyUpdates(10_000), why: 'one procurement, each update moving the deadline and adding an amendment' },
  { name: 'hostile: 50,000 lots', make: () => manyLots(50_000), why: 'one tender release' },
  { name: 'hostile: 50,000 lots, awards, contracts', make: () => manyLots(50_000, true), why: 'one award and one contract per lot' },
  { name: 'hostile: nested 100,000 deep', make: () => deeplyNested(100_000), why: 'lists nested in an unknown tender field' },
  { name: 'hostile: 100,000 badly typed lots', make: () => badlyTypedLots(100_000), why: 'three wrongly typed fields per lot' },
  // Linear work: the 240-release package should take about 4 times the 60-release one's core time, not 16.
  { name: 'hostile: one ocid reused by 60 buyers', make: () => JSON.stringify(reusedOcidPackage(60)), why: 'real releases of 60 buyers under one ocid, as FTS publishes them' },
  { name: 'hostile: one ocid reused by 240 buyers', make: () => JSON.stringify(reusedOcidPackage(240)), why: 'the same with 240 buyers: about 4 times the 60-buyer case when linear' },
];

function hostileCases(filter: string | undefined): Case[] {
  return HOSTILE.filter((entry) => !filter || entry.name.includes(filter)).map(({ name, make, why }) => {
    const text = make();
    return { name, text, bytes: Buffer.byteLength(text, 'utf8'), detail: why, hostile: true };
  });
}

// ---------------------------------------------------------------- measuring

interface Measured {
  jsonParseMs: number;
  coreMs: number | undefined;
  samples: number;
  repsParse: number;
  repsCore: number;
}

let sink: unknown;

function timeRuns(fn: () => unknown, reps: number): number {
  const start = performance.now();
  for (let i = 0; i < reps; i++) sink = fn();
  return (performance.now() - start) / reps;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function measure(text: string, analyse: Analyse | undefined, gc: (() => void) | undefined): Measured {
  // Invalid JSON (a hostile case) throws at its first error: the time up to there is kept.
  const parse = (): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  // Each run starts cold: the date memo tables would otherwise remember the previous run.
  const core = analyse ? (): unknown => (resetDateCaches(), analyse(text, NOW)) : undefined;

  // Warm up both, in turns, and estimate one call of each.
  const warmParse: number[] = [];
  const warmCore: number[] = [];
  const warmStart = performance.now();
  while (warmParse.length < 1000 && (warmParse.length < 3 || performance.now() - warmStart < WARM_UP_MS)) {
    warmParse.push(timeRuns(parse, 1));
    if (core) warmCore.push(timeRuns(core, 1));
  }
  const estimate = (times: number[]): number => Math.max(0.0005, median(times.slice(Math.floor(times.length / 2))));
  const oneParse = estimate(warmParse);
  const oneCore = core ? estimate(warmCore) : 0;
  const repsParse = Math.max(1, Math.ceil(MIN_SAMPLE_MS / oneParse));
  const repsCore = core ? Math.max(1, Math.ceil(MIN_SAMPLE_MS / oneCore)) : 0;
  const perSample = repsParse * oneParse + repsCore * oneCore;
  const samples = Math.min(MAX_SAMPLES, Math.max(MIN_SAMPLES, Math.floor(BUDGET_MS / perSample)));
  const gcEverySample = gc !== undefined && Buffer.byteLength(text, 'utf8') >= GC_EVERY_SAMPLE_BYTES;

  const parseTimes: number[] = [];
  const coreTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (gcEverySample) gc?.();
    // Alternate which goes first, so neither always runs on a heap the other just filled.
    if (i % 2 === 0 || !core) {
      parseTimes.push(timeRuns(parse, repsParse));
      if (core) coreTimes.push(timeRuns(core, repsCore));
    } else {
      coreTimes.push(timeRuns(core, repsCore));
      parseTimes.push(timeRuns(parse, repsParse));
    }
  }
  sink = undefined;
  return { jsonParseMs: median(parseTimes), coreMs: core ? median(coreTimes) : undefined, samples, repsParse, repsCore };
}

/** One untimed call of the core: does it read the document at all? */
function checkCore(text: string, analyse: Analyse): { usable: boolean; note: string } {
  try {
    const result = analyse(text, NOW);
    if (!result.ok) return { usable: true, note: `core answered ok:false (${result.message}) — timing kept, but it did not read the document` };
    const events = result.procurements.reduce((sum, entry) => sum + entry.events.length, 0);
    const problems = result.procurements.reduce((sum, entry) => sum + entry.problems.length, 0);
    return { usable: true, note: `core: ${result.procurements.length} procurement(s), ${events} events, ${problems} problems` };
  } catch (error) {
    return { usable: false, note: `core threw: ${error instanceof Error ? error.message : String(error)} — not timed` };
  }
}

// ---------------------------------------------------------------- output

const round2 = (value: number): number => Math.round(value * 100) / 100;

function human(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

function ms(value: number | undefined): string {
  if (value === undefined) return '—';
  return value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(1);
}

function table(rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row, index) => {
      const line = row.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ');
      return index === 0 ? `${line}\n${widths.map((width) => '-'.repeat(width)).join('  ')}` : line;
    })
    .join('\n');
}

interface Result {
  name: string;
  bytes: number;
  jsonParseMs: number;
  coreMs: number | null;
  ratio: number | null;
  hostile?: true;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const filter = args.find((arg) => arg.startsWith('--filter='))?.slice('--filter='.length);
  const check = args.includes('--check');
  const corePath = args.find((arg) => arg.startsWith('--core='))?.slice('--core='.length);

  const { gc, how } = findGc();
  const core = await loadCore(corePath ?? 'lib/analyse.ts');
  const analyse = 'analyse' in core ? core.analyse : undefined;
  console.log(`node ${process.version} · now ${NOW.toISOString()} · gc: ${how}`);
  console.log(analyse ? `core: ${corePath ?? 'lib/analyse.ts'} analyseOcds` : `core not available: ${'reason' in core ? core.reason : ''} — timing JSON.parse only`);

  // Every input is read or generated before anything is timed.
  const generationStart = performance.now();
  const cases: Case[] = [
    ...fileCases(join(ROOT, 'test', 'fixtures', 'fts', 'records')),
    ...fileCases(join(ROOT, 'test', 'fixtures', 'ocds')),
    ...GENERATED.filter((spec) => !filter || spec.name.includes(filter)).map(generatedCase),
    ...hostileCases(filter),
  ].filter((entry) => !filter || entry.name.includes(filter));
  console.log(`${cases.length} cases ready in ${((performance.now() - generationStart) / 1000).toFixed(1)} s (not timed)\n`);

  const results: Result[] = [];
  const notes: string[] = [];
  const rows: string[][] = [['case', 'size', 'bytes', 'JSON.parse ms', 'core ms', 'ratio', 'runs']];
  for (const entry of cases) {
    gc?.();
    const checked = analyse ? checkCore(entry.text, analyse) : undefined;
    const measured = measure(entry.text, checked?.usable ? analyse : undefined, gc);
    const ratio = measured.coreMs === undefined ? undefined : measured.coreMs / measured.jsonParseMs;
    results.push({
      name: entry.name,
      bytes: entry.bytes,
      jsonParseMs: round2(measured.jsonParseMs),
      coreMs: measured.coreMs === undefined ? null : round2(measured.coreMs),
      ratio: ratio === undefined ? null : round2(ratio),
      ...(entry.hostile ? { hostile: true as const } : {}),
    });
    const runs = `${measured.samples}×${measured.repsParse}${measured.repsCore ? `/${measured.repsCore}` : ''}`;
    rows.push([entry.name, human(entry.bytes), String(entry.bytes), ms(measured.jsonParseMs), ms(measured.coreMs), ratio === undefined ? '—' : `${ratio.toFixed(2)}×`, runs]);
    const caseNotes = [entry.detail === 'file' ? undefined : entry.detail, checked?.note].filter((note): note is string => note !== undefined);
    if (caseNotes.length) notes.push(`${entry.name}: ${caseNotes.join('; ')}`);
    process.stderr.write('.');
  }
  process.stderr.write('\n');

  console.log(table(rows, new Set([1, 2, 3, 4, 5, 6])));
  console.log('runs = samples × calls per sample (JSON.parse/core); each figure is the median sample divided by its calls\n');
  if (notes.length) console.log(`${notes.map((note) => `  ${note}`).join('\n')}\n`);

  // Hostile inputs are built to be costly: they must finish and stay near linear, not meet the ratio.
  const rated = results.filter((result): result is Result & { ratio: number } => result.ratio !== null && !result.hostile);
  let failed = false;
  if (!analyse) {
    console.log(`worst ratio: — (core not available) — target ≤ ${TARGET_RATIO}×`);
    failed = true;
  } else if (rated.length === 0) {
    console.log(`worst ratio: — (the core ran on no case) — target ≤ ${TARGET_RATIO}×`);
    failed = true;
  } else {
    const worst = rated.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    failed = worst.ratio > TARGET_RATIO || results.some((result) => result.coreMs === null);
    console.log(`worst ratio: ${worst.ratio.toFixed(2)}× (${worst.name}) — target ≤ ${TARGET_RATIO}×: ${worst.ratio <= TARGET_RATIO ? 'met' : 'NOT met'}`);
  }

  if (filter || corePath) {
    console.log('(--filter or --core given: bench/results.json left unchanged)');
  } else {
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`wrote ${relative(ROOT, RESULTS)}`);
  }
  if (check && failed) process.exitCode = 1;
}

await main();
